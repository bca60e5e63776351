"""How the product writes a number: value, unit, qualifier, status, date, percentage points and ranks, in
Chinese as a Shandong statistical bulletin (统计公报) writes them and in English as a national statistics
office does. Pure functions; every sentence, card, table cell and slide that words a number uses them.

Chinese: no space between Chinese and digits ("2024年", "第13位", "22.4万个"); counts of ten thousand or more
in 万 or 亿 when that loses no digit ("22.4万个", "479.35万个", but "30,361个"); amounts in 亿元 of a
trillion or more in 万亿元 on the same condition ("1.7万亿元", but "103,197亿元"); dates as "2025年6月5日", the
last day of a month as "2025年6月底"; qualifiers before the number ("超过3.9万亿元", "约6.7万亿元", "近72万个");
changes of a share in 个百分点.
English: thousands separators, the unit written out ("224,000 stations"; 亿元 as billion yuan, and trillion
yuan from a trillion on when that loses no digit); dates as "5 June 2025" and "end-June 2025"; qualifiers
"over", "about", "nearly"; "percentage points" in prose, "pp" where space is short; ranks as "No. 13".
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re

from indicators.catalog import Unit

QUALIFIERS = ("over", "about", "nearly")
# A note that opens with a qualifier word (alone, or followed by ';', ',' or a bracket) qualifies its value:
# "over; in use", "over (突破); ...", "about". "about 23,000 USD" is a remark, not a qualifier.
_QUALIFIER_RE = re.compile(r"^\s*(over|about|nearly)\s*(?=$|[;,(（；，])", re.IGNORECASE)
_QUALIFIER_WORDS = {
    "zh": {"over": "超过", "about": "约", "nearly": "近"},
    "en": {"over": "over ", "about": "about ", "nearly": "nearly "},
}
MONTHS_EN = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_EN_SCALE = {1e8: (10.0, " billion"), 1e12: (1.0, " trillion")}  # 亿 = 0.1 billion, 万亿 = 1 trillion


def qualifier_of(note: object) -> str:
    """'over', 'about' or 'nearly' when the note opens with it (the data's convention), else ''."""
    match = _QUALIFIER_RE.match(str(note or ""))
    return match.group(1).lower() if match else ""


def qualifier_word(qualifier: str, lang: str) -> str:
    """The word said before a qualified number: '超过', '约', '近' / 'over ', 'about ', 'nearly '."""
    return _QUALIFIER_WORDS["zh" if lang == "zh" else "en"].get(qualifier, "")


def _zh(lang: str) -> bool:
    return lang == "zh"


def number(value: float, decimals: int = 1) -> str:
    """28000 -> '28,000'; 3.90 -> '3.9': at most `decimals` places, trailing zeros not invented."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{max(decimals, 0)}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _exact(value: float, places: int) -> bool:
    return abs(round(value, places) - value) < 1e-9 * max(1.0, abs(value))


def _scaled_zh(value: float, unit: Unit, decimals: int) -> tuple[str, str]:
    """(number, unit) in Chinese, with 万 and 亿 where no digit is lost."""
    symbol = unit.symbol_zh
    if unit.dimension in ("count", "records") and unit.factor == 1:
        for size, word in ((1e8, "亿"), (1e4, "万")):
            if abs(value) >= size and _exact(value / size, 2):
                return number(value / size, 2), word + symbol
        return number(value, decimals), symbol
    if unit.dimension == "money" and unit.factor == 1e8 and abs(value) >= 1e4 and _exact(value / 1e4, 2):
        return number(value / 1e4, 2), "万亿元"
    return number(value, decimals), symbol


def _scaled_en(value: float, unit: Unit, decimals: int) -> str:
    """'224,000 stations', '10,319.7 billion yuan', '1.7 trillion yuan'."""
    base = unit.name_en if unit.dimension in ("money", "records") else unit.symbol_en
    if unit.factor in _EN_SCALE and unit.dimension in ("money", "records"):
        divisor, scale = _EN_SCALE[unit.factor]
        base = "yuan" if unit.dimension == "money" else "records"
        value = value / divisor
        if (
            scale == " billion"
            and unit.dimension == "money"
            and abs(value) >= 1000
            and _exact(value / 1000, 2)
        ):
            return f"{number(value / 1000, 2)} trillion {base}"
        return f"{number(value, decimals)}{scale} {base}"
    if unit.id == "trillion_yuan":
        return f"{number(value, decimals)} trillion yuan"
    return f"{number(value, decimals)} {base}".strip()


def value(amount: float, unit: Unit, lang: str, decimals: int = 1, qualifier: str = "") -> str:
    """A figure as it is read aloud: '超过3.9万亿元', '47%', '第13位', 'over 224,000 stations', 'No. 13'."""
    if unit.dimension == "rank":
        text = f"第{number(amount, 0)}位" if _zh(lang) else f"No. {number(amount, 0)}"
    elif unit.dimension == "percent" or unit.symbol_en in ("%", "％"):
        text = f"{number(amount, decimals)}%"
    elif unit.dimension == "pp":
        text = points(amount, lang, decimals)
    elif _zh(lang):
        digits, symbol = _scaled_zh(amount, unit, decimals)
        text = digits + symbol
    else:
        text = _scaled_en(amount, unit, decimals)
    return qualifier_word(qualifier, lang) + text


def limited(text: str, limit: str, lang: str) -> str:
    """A computed amount that is only known within a bound: 'about' ('约5,000架'), 'more' ('1.7%以上',
    'more than 1.7%') or 'less' ('不超过10.3%', 'at most 10.3%'); '' leaves it as it is."""
    zh = _zh(lang)
    if limit == "about":
        return ("约" if zh else "about ") + text
    if limit == "more":
        return text + "以上" if zh else "more than " + text
    if limit == "less":
        return ("不超过" if zh else "at most ") + text
    return text


def points(amount: float, lang: str, decimals: int = 1, *, short: bool = False) -> str:
    """A difference of two percentages: '2个百分点', '2 percentage points' ('2 pp' when short)."""
    text = number(abs(amount), max(decimals, 1))
    if _zh(lang):
        return f"{text}个百分点"
    return f"{text} pp" if short else f"{text} percentage point{'' if text == '1' else 's'}"


def places(amount: float, lang: str) -> str:
    """A difference of two ranks: '4位', '4 places'."""
    text = number(abs(amount), 0)
    return f"{text}位" if _zh(lang) else f"{text} place{'' if text == '1' else 's'}"


def percent(amount: float, lang: str, decimals: int = 1, *, approximate: bool = False) -> str:
    """A computed rate or share, unsigned: '8.0%' with its decimals kept (a statistic states its precision),
    '30%' when approximate (from a lower bound: no false precision)."""
    if approximate:
        return f"{number(abs(amount), decimals)}%"
    return f"{abs(amount):,.{decimals}f}%"


def date(iso: str, lang: str) -> str:
    """'2025-06-05' -> '2025年6月5日' / '5 June 2025'; the last day of a month -> '2025年6月底' / 'end-June 2025'."""
    day = dt.date.fromisoformat(str(iso))
    month_end = day.day == calendar.monthrange(day.year, day.month)[1]
    if _zh(lang):
        return f"{day.year}年{day.month}月底" if month_end else f"{day.year}年{day.month}月{day.day}日"
    return (
        f"end-{MONTHS_EN[day.month]} {day.year}"
        if month_end
        else f"{day.day} {MONTHS_EN[day.month]} {day.year}"
    )


BEIJING = dt.timezone(dt.timedelta(hours=8), "Beijing")


def timestamp(iso: str, lang: str, *, zone: bool = True) -> str:
    """A revision's time (stored in UTC, ISO 8601) as the analysts' clocks show it, in Beijing time:
    '2026年5月1日16:00（北京时间）' / '1 May 2026, 16:00 Beijing time' (without the zone in a table whose
    header names it). '' for no time."""
    text = str(iso or "").strip()
    if not text:
        return ""
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    moment = (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(BEIJING)
    clock = f"{moment.hour:02d}:{moment.minute:02d}"
    if _zh(lang):
        return f"{moment.year}年{moment.month}月{moment.day}日{clock}" + ("（北京时间）" if zone else "")
    return f"{moment.day} {MONTHS_EN[moment.month]} {moment.year}, {clock}" + (
        " Beijing time" if zone else ""
    )


def day(value: dt.date | dt.datetime | str, lang: str) -> str:
    """A calendar day: '2026年5月2日' / '2 May 2026'."""
    d = dt.date.fromisoformat(str(value)[:10])
    return f"{d.year}年{d.month}月{d.day}日" if _zh(lang) else f"{d.day} {MONTHS_EN[d.month]} {d.year}"


def year_end(year: int, lang: str) -> str:
    return f"{year}年底" if _zh(lang) else f"end-{year}"


def year(year: int, lang: str) -> str:
    return f"{year}年" if _zh(lang) else str(year)


def years(first: int, last: int, lang: str) -> str:
    """'2018—2023年' / '2018–2023'."""
    return f"{first}—{last}年" if _zh(lang) else f"{first}–{last}"


def status_word(status: str, lang: str) -> str:
    """How a status is said beside a value: 预计 / expected, 推算 / derived, 目标 / target; '' when reported."""
    words = {"estimate": ("预计", "expected"), "derived": ("推算", "derived"), "target": ("目标", "target")}
    pair = words.get(status)
    return "" if pair is None else pair[0 if _zh(lang) else 1]


def sentence(text: str, lang: str) -> str:
    """A sentence ends with a full stop: '。' in Chinese, '.' in English."""
    text = text.rstrip()
    stop = "。" if _zh(lang) else "."
    return text if text.endswith(("。", ".", "！", "？", "!", "?")) else text + stop


def listing(parts: list[str], lang: str) -> str:
    """An enumeration without a last 'and': '山东省、青岛市' / 'Shandong, Qingdao'."""
    return ("、" if _zh(lang) else ", ").join(p for p in parts if p)


def join(parts: list[str], lang: str) -> str:
    """'山东省、青岛市和济南市' / 'Shandong, Qingdao and Jinan'."""
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return "".join(parts)
    if _zh(lang):
        return "、".join(parts[:-1]) + "和" + parts[-1]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


# Characters that change the direction or order in which the text after them is drawn: the bidi embeddings,
# overrides and isolates, and the marks. Text from a file may carry them to reverse what follows it (a
# source title shown backwards, or the next title in a footnote); nothing the product shows needs them.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def plain(text: object) -> str:
    """Text from the data as it may be shown anywhere: no bidi controls and no control characters (a line
    break or tab becomes a space). Markup is the renderer's job: escaping for HTML, Markdown or XML."""
    out = _BIDI.sub("", str(text))
    return _CONTROL.sub(lambda m: " " if m.group().isspace() else "", out)
