"""Values as people write them (`28,000`, `2.8万`, `45%`, `超过3.9万亿元`) and unit conversion.

`parse_value` reads the text; `to_unit` converts what it read into an indicator's canonical unit.
Both raise `ValueProblem` with a stable code (`bad_value`, `unit_mismatch`) instead of guessing.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from indicators.catalog import Catalog, Unit, normalize_name

MULTIPLIERS = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "十亿": 1e9,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "十万": 1e5,
    "万": 1e4,
    "千": 1e3,
    "百": 1e2,
}
QUALIFIER_PREFIXES = {
    "超过": "over",
    "超": "over",
    "逾": "over",
    "突破": "over",
    "大于": "over",
    "over": "over",
    "more than": "over",
    ">": "over",
    "约": "about",
    "大约": "about",
    "about": "about",
    "≈": "about",
    "~": "about",
    "将近": "nearly",
    "近": "nearly",
    "nearly": "nearly",
}
QUALIFIER_SUFFIXES = {"以上": "over", "余": "over", "多": "over", "+": "over", "左右": "about"}
MISSING_MARKERS = {"", "-", "--", "—", "——", "…", "...", "n/a", "na", "无", "暂无", "null", "none"}

_prefix = "|".join(sorted(map(re.escape, QUALIFIER_PREFIXES), key=len, reverse=True))
_suffix = "|".join(sorted(map(re.escape, QUALIFIER_SUFFIXES), key=len, reverse=True))
_mult = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))
VALUE_RE = re.compile(
    rf"^(?P<qual>{_prefix})?\s*(?P<num>[+-]?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?|[+-]?\.\d+)"
    rf"\s*(?P<mult>{_mult})?\s*(?P<unit>[^\d\s]*?)\s*(?P<suf>{_suffix})?$",
    re.IGNORECASE,
)


class ValueProblem(ValueError):
    """A value that cannot be read or converted. `code` is `bad_value` or `unit_mismatch`."""

    def __init__(self, code: str, detail_zh: str, detail_en: str):
        super().__init__(detail_en)
        self.code = code
        self.detail_zh = detail_zh
        self.detail_en = detail_en


@dataclass(frozen=True)
class ParsedValue:
    number: float
    multiplier: float = 1.0
    unit_text: str = ""
    qualifier: str = ""
    number_text: str = ""  # the digits as written (after full-width folding): '62.000', '1,234'
    multiplier_text: str = ""  # '万亿' in '3.9万亿元'


def is_missing(text: object) -> bool:
    if text is None:
        return True
    if isinstance(text, float) and math.isnan(text):
        return True
    return normalize_text(str(text)).lower() in MISSING_MARKERS


def normalize_text(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII; outer spaces removed."""
    return unicodedata.normalize("NFKC", text).replace("\u3000", " ").strip()


def parse_value(text: object) -> ParsedValue:
    """Read a number as people write it. Raises ValueProblem('bad_value') for anything else."""
    if isinstance(text, bool):
        raise ValueProblem("bad_value", "不是数字", "not a number")
    if isinstance(text, int | float):
        number = float(text)
        if not math.isfinite(number):
            raise ValueProblem("bad_value", "不是有限的数字", "not a finite number")
        return ParsedValue(0.0 if number == 0 else number)
    raw = normalize_text(str(text)).replace("\u2212", "-")  # the typographic minus sign Word and Excel write
    match = VALUE_RE.match(raw)
    if not match:
        _refuse_european_separators(raw)
        raise ValueProblem(
            "bad_value",
            "无法识别为数字（示例：28000、2.8万、45%、3.9万亿元）",
            "not a number (examples: 28000, 2.8万, 45%, 3.9万亿元)",
        )
    number = float(match["num"].replace(",", ""))
    if not math.isfinite(number):
        raise ValueProblem("bad_value", "数字超出可表示的范围", "the number is too large to represent")
    qualifier = QUALIFIER_PREFIXES.get((match["qual"] or "").lower(), "") or QUALIFIER_SUFFIXES.get(
        match["suf"] or "", ""
    )
    return ParsedValue(
        0.0 if number == 0 else number,
        MULTIPLIERS.get(match["mult"] or "", 1.0),
        (match["unit"] or "").strip(),
        qualifier,
        match["num"],
        match["mult"] or "",
    )


DECIMAL_COMMA = re.compile(r"[+-]?(?P<int>\d{1,3}(?:\.\d{3})+|\d+),(?P<frac>\d+)")
DOT_GROUPS = re.compile(r"[+-]?\d{1,3}(?:\.\d{3}){2,}")
ONE_DOT_GROUP = re.compile(r"[+-]?(?P<int>[1-9]\d{0,2})\.(?P<frac>\d{3})")
ONE_COMMA_GROUP = re.compile(r"[+-]?(?P<int>[1-9]\d{0,2}),(?P<frac>\d{3})")


def _refuse_european_separators(raw: str) -> None:
    """A number written with a decimal comma (17350,2; 约1.234,5亿元) or with points between thousands
    (1.234.567) is refused with the number rewritten the way this table wants it: never read as a guess."""
    qualifier = re.match(rf"(?:{_prefix})?\s*", raw, re.IGNORECASE).group(0)
    head = re.match(r"[+-]?[\d.,]+", raw[len(qualifier) :])
    digits = head.group(0) if head else ""
    rest = raw[len(qualifier) + len(digits) :]
    comma = DECIMAL_COMMA.fullmatch(digits)
    if comma and not (len(comma["frac"]) == 3 and "." not in comma["int"]):
        fixed = qualifier + digits.replace(".", "").replace(",", ".") + rest
        raise ValueProblem(
            "bad_value",
            f"逗号像是用作小数点：请用英文句点作小数点、不用千位分隔符，写成「{fixed}」",
            f"the comma looks like a decimal mark: use a point for decimals and no thousands "
            f"separator, and write {fixed}",
        )
    if DOT_GROUPS.fullmatch(digits):
        fixed = qualifier + digits.replace(".", "") + rest
        raise ValueProblem(
            "bad_value",
            f"句点像是用作千位分隔符：请不用千位分隔符，写成「{fixed}」",
            f"the points look like thousands separators: write {fixed} (no thousands separator)",
        )


def check_separators(parsed: ParsedValue, kind: str) -> None:
    """Refuse a number whose one separator could be read two ways for this kind of indicator.

    '62.000' racks could be 62 or 62,000; a share of '12,345' could be 12.345 or 12,345. Chinese statistics
    write the comma between thousands and the point before decimals, so '1,234' and '3.875' are read that
    way except where the other reading is just as plausible: a point before exactly three digits in a whole
    count or rank, or before '000' in any other figure (nobody writes 3 decimals that are all zero), and a
    comma before three digits in a share (a share over 100 is impossible). A multiplier (万, 亿) settles it.
    """
    if parsed.multiplier_text:
        return
    text = parsed.number_text
    dot = ONE_DOT_GROUP.fullmatch(text)
    if dot and kind != "share" and (kind in ("count", "rank") or dot["frac"] == "000"):
        sign = "-" if text.startswith("-") else ""
        decimal = f"{sign}{dot['int']}.{dot['frac']}".rstrip("0").rstrip(".")
        _ambiguous(text, decimal, f"{sign}{dot['int']}{dot['frac']}")
    comma = ONE_COMMA_GROUP.fullmatch(text)
    if comma and kind == "share":
        sign = "-" if text.startswith("-") else ""
        decimal = f"{sign}{comma['int']}.{comma['frac']}".rstrip("0").rstrip(".")
        _ambiguous(text, decimal, f"{sign}{comma['int']}{comma['frac']}")


def _ambiguous(text: str, decimal: str, thousands: str) -> None:
    raise ValueProblem(
        "bad_value",
        f"无法判断是{decimal}还是{thousands}：请写成{thousands}（不用千位分隔符）或{decimal}",
        f"{text} could be {decimal} or {int(thousands):,}: write {thousands} (no thousands "
        f"separator) or {decimal}",
    )


def resolve_unit(catalog: Catalog, text: str, dimension: str) -> tuple[Unit | None, float]:
    """A unit within `dimension`, allowing a magnitude before it: '万个' is 10,000 of '个'."""
    unit = find_unit(catalog, text, dimension)
    if unit:
        return unit, 1.0
    clean = normalize_text(text)
    for word in sorted(MULTIPLIERS, key=len, reverse=True):
        if clean.startswith(word) and len(clean) > len(word):
            unit = find_unit(catalog, clean[len(word) :], dimension)
            if unit:
                return unit, MULTIPLIERS[word]
    return None, 1.0


def find_unit(catalog: Catalog, text: str, dimension: str | None = None) -> Unit | None:
    """A unit by id, symbol or alias; within `dimension` when given."""
    key = normalize_name(text)
    if not key:
        return None
    for unit in catalog.units.values():
        if dimension and unit.dimension != dimension:
            continue
        names = (unit.id, unit.symbol_zh, unit.symbol_en, unit.name_zh, unit.name_en, *unit.aliases)
        if key in {normalize_name(n) for n in names if n}:
            return unit
    return None


def to_unit(parsed: ParsedValue, target: Unit, catalog: Catalog, unit_column: str = "") -> float:
    """Convert a parsed value into `target`, using a unit written after the number or in a unit column.

    A value may repeat the unit column's unit ('3.9万亿元' under 万亿元, '16719.5亿元' under 亿元): the two
    agree when they are the same amount of the same thing. Where they differ, nothing is picked."""
    if unit_column and (parsed.unit_text or parsed.multiplier_text):
        return clean_float(
            parsed.number * _agreed_scale(parsed, target, catalog, unit_column) / target.factor
        )
    unit_text = parsed.unit_text or unit_column
    if unit_text:
        source, magnitude = _known_unit(catalog, unit_text, target)
        value = parsed.number * parsed.multiplier * magnitude * source.factor / target.factor
    elif parsed.multiplier != 1.0:
        if parsed.multiplier < target.factor:
            raise ValueProblem(
                "unit_mismatch",
                f"单位不明确：该指标的单位是「{target.symbol_zh}」，请写明单位（如2.8万{target.symbol_zh}）或直接写数字",
                f"ambiguous unit: this indicator is in {target.symbol_en}; write the unit out or a plain number",
            )
        value = parsed.number * parsed.multiplier / target.factor
    else:
        value = parsed.number
    return clean_float(value)


def _known_unit(catalog: Catalog, unit_text: str, target: Unit) -> tuple[Unit, float]:
    source, magnitude = resolve_unit(catalog, unit_text, target.dimension)
    if source is None:
        other = find_unit(catalog, unit_text)
        zh_kind = f"「{unit_text}」是{other.name_zh}，" if other else f"「{unit_text}」不是已知单位，"
        en_kind = f"'{unit_text}' is {other.name_en}; " if other else f"'{unit_text}' is not a known unit; "
        raise ValueProblem(
            "unit_mismatch",
            f"{zh_kind}该指标的单位是「{target.symbol_zh}」，请换算后填写",
            f"{en_kind}this indicator is measured in {target.symbol_en}: convert the value",
        )
    return source, magnitude


def _agreed_scale(parsed: ParsedValue, target: Unit, catalog: Catalog, unit_column: str) -> float:
    """How many of the dimension's base unit one of the value's own unit is, when it agrees with the unit
    column: the same unit ('3.9万亿元' / 万亿元), or a magnitude the column already names ('3.9万亿' /
    万亿元), or a magnitude of the column's base unit ('4.27万个' or '4.27万' / 个)."""
    column, column_magnitude = _known_unit(catalog, unit_column, target)
    column_scale = column_magnitude * column.factor
    written = parsed.multiplier_text + parsed.unit_text
    own_scale = 1.0
    if parsed.unit_text:
        own, own_magnitude = _known_unit(catalog, parsed.unit_text, target)
        own_scale = own_magnitude * own.factor
    scale = parsed.multiplier * own_scale
    if math.isclose(scale, column_scale, rel_tol=1e-12):  # the column's unit, written again
        return scale
    if math.isclose(column_scale, 1.0) and math.isclose(own_scale, 1.0):  # '4.27万个' under 个
        return scale
    raise ValueProblem(
        "unit_mismatch",
        f"数值中的单位「{written}」与单位列「{unit_column}」不一致：请只在一处写单位，或改正其中一处",
        f"the unit '{written}' in the value differs from the unit column "
        f"'{unit_column}': write the unit in one place only, or correct one of them",
    )


def clean_float(value: float) -> float:
    """Drop binary noise from a conversion (4.27 * 10000 -> 42700.0), keeping 12 significant digits."""
    value = float(f"{value:.12g}")
    return 0.0 if value == 0 else value
