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
    "万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8,
    "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4, "千": 1e3, "百": 1e2,
}
QUALIFIER_PREFIXES = {
    "超过": "over", "超": "over", "逾": "over", "突破": "over", "大于": "over", "over": "over",
    "more than": "over", ">": "over", "约": "about", "大约": "about", "about": "about", "≈": "about",
    "~": "about", "将近": "nearly", "近": "nearly", "nearly": "nearly",
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
        raise ValueProblem("bad_value", "无法识别为数字（示例：28000、2.8万、45%、3.9万亿元）",
                           "not a number (examples: 28000, 2.8万, 45%, 3.9万亿元)")
    number = float(match["num"].replace(",", ""))
    if not math.isfinite(number):
        raise ValueProblem("bad_value", "数字超出可表示的范围", "the number is too large to represent")
    qualifier = QUALIFIER_PREFIXES.get((match["qual"] or "").lower(), "") or QUALIFIER_SUFFIXES.get(
        match["suf"] or "", "")
    return ParsedValue(0.0 if number == 0 else number, MULTIPLIERS.get(match["mult"] or "", 1.0),
                       (match["unit"] or "").strip(), qualifier)


def resolve_unit(catalog: Catalog, text: str, dimension: str) -> tuple[Unit | None, float]:
    """A unit within `dimension`, allowing a magnitude before it: '万个' is 10,000 of '个'."""
    unit = find_unit(catalog, text, dimension)
    if unit:
        return unit, 1.0
    clean = normalize_text(text)
    for word in sorted(MULTIPLIERS, key=len, reverse=True):
        if clean.startswith(word) and len(clean) > len(word):
            unit = find_unit(catalog, clean[len(word):], dimension)
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
    """Convert a parsed value into `target`, using a unit written after the number or in a unit column."""
    unit_text = parsed.unit_text or unit_column
    if (parsed.unit_text and unit_column and normalize_name(parsed.unit_text) != normalize_name(unit_column)
            and resolve_unit(catalog, parsed.unit_text, target.dimension)
            != resolve_unit(catalog, unit_column, target.dimension)):
        raise ValueProblem("unit_mismatch", f"数值中的单位“{parsed.unit_text}”与单位列“{unit_column}”不一致",
                               f"the unit '{parsed.unit_text}' in the value differs from the unit column '{unit_column}'")
    if unit_text:
        source, magnitude = resolve_unit(catalog, unit_text, target.dimension)
        if source is None:
            other = find_unit(catalog, unit_text)
            zh_kind = f"“{unit_text}”是{other.name_zh}，" if other else f"“{unit_text}”不是已知单位，"
            en_kind = f"'{unit_text}' is {other.name_en}; " if other else f"'{unit_text}' is not a known unit; "
            raise ValueProblem("unit_mismatch", f"{zh_kind}该指标的单位是“{target.symbol_zh}”，请换算后填写",
                               f"{en_kind}this indicator is measured in {target.symbol_en}: convert the value")
        value = parsed.number * parsed.multiplier * magnitude * source.factor / target.factor
    elif parsed.multiplier != 1.0:
        if parsed.multiplier < target.factor:
            raise ValueProblem(
                "unit_mismatch",
                f"单位不明确：该指标的单位是“{target.symbol_zh}”，请写明单位（如2.8万{target.symbol_zh}）或直接写数字",
                f"ambiguous unit: this indicator is in {target.symbol_en}; write the unit out or a plain number")
        value = parsed.number * parsed.multiplier / target.factor
    else:
        value = parsed.number
    return clean_float(value)


def clean_float(value: float) -> float:
    """Drop binary noise from a conversion (4.27 * 10000 -> 42700.0), keeping 12 significant digits."""
    value = float(f"{value:.12g}")
    return 0.0 if value == 0 else value
