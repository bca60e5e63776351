"""How each column of an upload is read and checked: years, statuses, values with their units, dates and
notes, then value ranges and duplicate keys. Every problem goes into the caller's list with its code,
spreadsheet row, column and value; a cell that cannot be read becomes NaN or None, never a guess.
"""

from __future__ import annotations

import calendar
import difflib
import re

import numpy as np
import pandas as pd

from indicators.catalog import Catalog, normalize_name
from indicators.frame import KEY
from indicators.problems import problem
from indicators.units import (
    ValueProblem,
    check_separators,
    clean_float,
    is_missing,
    normalize_text,
    parse_value,
    to_unit,
)

STATUS_ALIASES = {
    "reported": ("reported", "实际", "公布", "报告", "实际值", "actual"),
    "derived": ("derived", "推算", "计算", "派生", "推导"),
    "estimate": ("estimate", "estimated", "估计", "估算", "预计", "预估"),
    "target": ("target", "目标", "规划", "计划", "目标值", "plan"),
}
STATUS_LOOKUP = {normalize_name(a): s for s, names in STATUS_ALIASES.items() for a in names}
FORMULA_ESCAPE = re.compile(r"^'(?='*[=+\-@\t\r＝＋－＠])")  # the apostrophe export.neutralise adds
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def map_unique(series: pd.Series, fn) -> pd.Series:
    """`series.map(fn)`, calling `fn` once per distinct value: uploads repeat the same texts many times."""
    uniques = pd.unique(series.to_numpy(dtype=object))
    lookup = {u: fn(u) for u in uniques}
    return pd.Series([lookup[v] for v in series.to_numpy(dtype=object)], index=series.index, dtype=object)


def note_text(text: object) -> str:
    """A note as written: outer spaces trimmed, line ends as \\n, control characters removed (an XLSX cannot
    hold them), nothing else changed. Unlike names, a note is not folded to ASCII: （初步）stays（初步）."""
    return CONTROL_CHARS.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n")).strip()


def unescape_cell(text: str) -> str:
    """Undo the apostrophe an export puts before a formula-like cell ('=..., '+...)."""
    return FORMULA_ESCAPE.sub("", str(text))


def years(long: pd.DataFrame, errors: list) -> np.ndarray:
    def year_of(text: object) -> float:
        clean = normalize_text(str(text)).removesuffix("年").removesuffix(".0")
        return float(clean) if re.fullmatch(r"-?\d{1,6}", clean) else np.nan

    years = map_unique(long["year"], year_of).to_numpy(dtype=float)
    out_of_range = (years < 1949) | (years > 2100)
    for i in np.flatnonzero(np.isnan(years) | out_of_range):
        column = long.at[i, "year_column"]
        errors.append(
            problem(
                "bad_year",
                int(long.at[i, "row"]),
                column,
                long.at[i, "year"],
                "年份应为1949到2100之间的四位整数，例如2023或2023年",
                "a year must be a whole number from 1949 to 2100, such as 2023 or 2023年",
            )
        )
    years[out_of_range] = np.nan
    return years


def statuses(long: pd.DataFrame, errors: list) -> pd.Series:
    def lookup(text: object) -> str | None:
        return "reported" if is_missing(text) else STATUS_LOOKUP.get(normalize_name(str(text)))

    statuses = map_unique(long["status"], lookup)
    for i in np.flatnonzero(statuses.isna().to_numpy()):
        errors.append(
            problem(
                "bad_value",
                int(long.at[i, "row"]),
                _header(long, "status"),
                long.at[i, "status"],
                "状态应为：实际（reported）、推算（derived）、估计（estimate）或 目标（target）",
                "status must be reported, derived, estimate or target",
            )
        )
    return statuses


def values(long: pd.DataFrame, indicator_ids: pd.Series, catalog: Catalog, errors: list):
    n = len(long)
    qualifiers = np.full(n, "", dtype=object)
    raw = long["value"].to_numpy(dtype=object)
    has_unit = ~map_unique(long["unit"], is_missing).to_numpy(dtype=bool)
    # Fast path: plain numbers without a unit (most rows of a large file).
    values = pd.to_numeric(pd.Series(raw), errors="coerce").to_numpy(dtype=float, copy=True)
    values[has_unit | ~np.isfinite(values)] = np.nan
    one_group = (
        pd.Series(raw, dtype=object)
        .astype(str)
        .str.fullmatch(r"\s*[+-]?[1-9]\d{0,2}\.\d{3}\s*")
        .to_numpy(bool)
    )
    values[one_group] = np.nan  # '62.000': read below, where the indicator's kind says if it is ambiguous
    # More than 12 significant digits: keep 12, as a converted value keeps (units.clean_float), so the same
    # text gives the same figure with or without a unit column, and an export (%.12g) re-imports exactly.
    long_text = pd.Series(raw, dtype=object).astype(str).str.len().to_numpy() > 13
    for i in np.flatnonzero(long_text & np.isfinite(values)):
        values[i] = clean_float(values[i])
    values[values == 0] = 0.0  # no negative zero
    ids = indicator_ids.to_numpy(dtype=object)
    units = long["unit"].to_numpy(dtype=object)
    rows = long["row"].to_numpy()
    value_columns = long["value_column"].to_numpy(dtype=object)
    for i in np.flatnonzero(np.isnan(values)):
        ind_id = ids[i]
        if not isinstance(ind_id, str):
            continue
        text = raw[i]
        if is_missing(text):
            errors.append(
                problem(
                    "missing_value",
                    int(rows[i]),
                    value_columns[i],
                    "",
                    "数值为空：请填写数字，或删除这一行",
                    "the value is empty: fill in a number or delete the row",
                )
            )
            continue
        target = catalog.unit_of(ind_id)
        try:
            parsed = parse_value(text)
            check_separators(parsed, catalog.indicators[ind_id].kind)
            unit_text = "" if is_missing(units[i]) else normalize_text(str(units[i]))
            values[i] = to_unit(parsed, target, catalog, unit_text)
            qualifiers[i] = parsed.qualifier
        except ValueProblem as err:
            column = (
                _header(long, "unit") if err.code == "unit_mismatch" and has_unit[i] else value_columns[i]
            )
            shown = units[i] if err.code == "unit_mismatch" and has_unit[i] else text
            errors.append(problem(err.code, int(rows[i]), column, shown, err.detail_zh, err.detail_en))
    values[np.array([not isinstance(x, str) for x in ids], dtype=bool)] = np.nan
    return values, pd.Series(qualifiers, dtype=object)


def dates(long: pd.DataFrame, errors: list) -> pd.Series:
    """ISO dates; None where the text is not a date (reported as bad_value)."""
    dates = map_unique(long["as_of"], lambda t: "" if is_missing(t) else parse_as_of(str(t)))
    for i in np.flatnonzero(dates.isna().to_numpy()):
        errors.append(
            problem(
                "bad_value",
                int(long.at[i, "row"]),
                _header(long, "as_of"),
                long.at[i, "as_of"],
                "截至日期应写作2024-09-30、2024-09或2024年9月",
                "as_of must be a date such as 2024-09-30, 2024-09 or 2024年9月",
            )
        )
    return dates


def parse_as_of(text: str) -> str | None:
    """'2024-09-30', '2024/9/30', '2024-09', '2024年9月', '2024年9月底' -> ISO date (month end if no day)."""
    m = re.fullmatch(
        r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(?:(\d{1,2})\s*日?|底|末)?)?\s*(?:底|末)?",
        normalize_text(text),
    )
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    day = int(m.group(3)) if m.group(3) else last
    if not 1 <= day <= last:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _header(long: pd.DataFrame, name: str) -> str:
    """The user's own header of a column (状态, 截至日期...), as `ingest` records it; else its canonical name."""
    return long.attrs.get("headers", {}).get(name, name)


def check_ranges(
    frame: pd.DataFrame,
    ok: np.ndarray,
    catalog: Catalog,
    errors: list,
    value_columns: np.ndarray | None = None,
) -> None:
    """`value_columns`: each row's value column as the user's header names it (a year's, in a wide table)."""
    kinds = frame["indicator_id"].map(lambda i: catalog.indicators[i].kind if i in catalog.indicators else "")
    v = frame["value"].to_numpy(dtype=float)
    whole = np.isclose(v, np.round(v))
    rules = {
        "share": (
            (v < 0) | (v > 100),
            "占比应在0到100之间（单位为 %）",
            "a share must be between 0 and 100 (in %)",
        ),
        "count": ((v < 0) | ~whole, "个数应为非负整数", "a count must be a whole number, not negative"),
        "rank": ((v < 1) | ~whole, "排名应为从1开始的整数", "a rank must be a whole number from 1"),
        "amount": (v < 0, "金额或数量不能为负", "an amount cannot be negative"),
        "rate": (v < 0, "比率不能为负", "a rate cannot be negative"),
    }
    for kind, (bad, zh, en) in rules.items():
        mask = ok & bad & (kinds == kind).to_numpy()
        for i in np.flatnonzero(mask):
            column = "value" if value_columns is None else value_columns[i]
            errors.append(problem("out_of_range", int(frame.at[i, "row"]), column, _show(v[i]), zh, en))
            ok[i] = False


def _show(value: float) -> str:
    return f"{value:.12g}"


def check_duplicates(
    frame: pd.DataFrame, ok: np.ndarray, errors: list, year_columns: np.ndarray | None = None
) -> None:
    keys = KEY
    candidates = frame[ok]
    dup = candidates.duplicated(keys, keep="first")
    if not dup.any():
        return
    first_rows = candidates[~dup].set_index(keys)["row"]
    for i in candidates.index[dup.to_numpy()]:
        key = tuple(frame.loc[i, keys])
        first = int(first_rows.loc[key]) if key in first_rows.index else None
        column = "year" if year_columns is None else year_columns[i]
        errors.append(
            problem(
                "duplicate_key",
                int(frame.at[i, "row"]),
                column,
                str(int(frame.at[i, "year"])),
                f"与第{first}行的指标、地区、年份和状态相同：每个组合只能有一个数值，请删除其中一行",
                f"the same indicator, region, year and status as row {first}: keep one of the two rows",
            )
        )
        ok[i] = False


# -- names: totals rows and the nearest known name ----------------------------------------------------------
TOTAL_WORDS = {
    "合计",
    "总计",
    "小计",
    "全省",
    "全市",
    "总数",
    "total",
    "totals",
    "sum",
    "subtotal",
    "grandtotal",
}
HAN = re.compile(r"[\u3400-\u9fff]")


def is_totals_label(text: object) -> bool:
    """'合计', '全省合计', '总 计：', 'Total', 'Sum': the label of a row that adds up other rows."""
    if is_missing(text):
        return False
    key = normalize_name(str(text)).strip(":：")
    return key in TOTAL_WORDS or key.endswith(("合计", "总计", "小计")) or key.startswith("total")


def nearest_name(text: object, names: dict[str, str]) -> str | None:
    """The id whose name (normalised, any language, aliases included) is nearest to `text`, or None.

    difflib's ratio, compared within one script: Chinese against Chinese names, Latin against Latin. A
    Chinese name of 2-4 characters with one character wrong scores 0.5 ('青导' against '青岛', '济男'
    against '济南'), so 0.5 is the Chinese cutoff; a Latin name keeps 0.75 ('Qingdo' scores 0.92). Equal
    scores go to the name listed first in the catalog ('济南' before '济宁')."""
    key = normalize_name(str(text))
    if not key:
        return None
    han = bool(HAN.search(key))
    cutoff = 0.5 if han else 0.75
    best_score, found = cutoff, None
    for name, item_id in names.items():
        if bool(HAN.search(name)) != han:
            continue
        score = difflib.SequenceMatcher(None, key, name).ratio()
        if score > best_score or (found is None and score == best_score):
            best_score, found = score, item_id
    return found


def totals_rows(long: pd.DataFrame, catalog: Catalog, errors: list, headers: dict) -> np.ndarray:
    """Rows labelled 合计/总计/小计/全省/Total/Sum in the region or indicator column: one problem per
    spreadsheet row (not one per unknown name, year and value), and the row is read no further."""
    mask = np.zeros(len(long), dtype=bool)
    for name, find in (("region", catalog.find_region), ("indicator", catalog.find_indicator)):
        labels = map_unique(long[name], lambda t, find=find: is_totals_label(t) and find(str(t)) is None)
        mask |= labels.to_numpy(dtype=bool)
    seen: set[int] = set()
    for i in np.flatnonzero(mask):
        row = int(long.at[i, "row"])
        if row in seen:
            continue
        seen.add(row)
        name = "region" if is_totals_label(long.at[i, "region"]) else "indicator"
        province = normalize_name(long.at[i, name]) == "全省"
        errors.append(
            problem(
                "totals_row",
                row,
                headers.get(name, name),
                long.at[i, name],
                f"第{row}行是合计行：请删除（只上传各地区、各指标本身的数值"
                + ("；若这是山东省的数值，请把地区写成「山东省」）" if province else "）"),
                f"row {row} is a totals row: delete it (upload each region's and indicator's own figures only"
                + ("; if this is Shandong's own figure, write Shandong as the region)" if province else ")"),
            )
        )
    return mask


def indicator_names(catalog: Catalog) -> dict[str, str]:
    names: dict[str, str] = {}
    for ind in catalog.indicators.values():
        for name in (ind.id, ind.name_zh, ind.name_en):
            names.setdefault(normalize_name(name), ind.id)
    return names


def region_names(catalog: Catalog) -> dict[str, str]:
    names: dict[str, str] = {}
    for reg in catalog.ordered_regions():
        for name in (reg.id, reg.name_zh, reg.name_en, *reg.aliases):
            names.setdefault(normalize_name(name), reg.id)
    return names


def suggestion(text: object, items: dict, names: dict[str, str]) -> tuple[str, str]:
    """'您是否指「青岛市」？' / 'Did you mean Qingdao? ' for the nearest known name, or nothing."""
    found = nearest_name(text, names)
    if found is None:
        return "", ""
    return f"您是否指「{items[found].name_zh}」？", f"Did you mean {items[found].name_en}? "
