"""Warnings about a valid upload, judged against the data already stored: a value that jumps tenfold, a
change to a curated figure, a city larger than its province. Warnings do not block a commit; the
analyst reads and accepts them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.catalog import Catalog
from indicators.problems import Problem, problem
from indicators.store import KEY
from indicators.units import format_number


def review(upload: pd.DataFrame, current: pd.DataFrame, catalog: Catalog,
           curated_keys: set[tuple] | None = None) -> list[Problem]:
    """Warnings for `upload` (the tidy frame with `row`) against `current` (with `revision_id` if known)."""
    if upload.empty:
        return []
    warnings: list[Problem] = []
    warnings += _tenfold(upload, current, catalog)
    if curated_keys:
        warnings += _curated(upload, current, curated_keys)
    warnings += _city_over_province(upload, current, catalog)
    return sorted(warnings, key=lambda p: (p.row or 0, p.code))


def _combined(upload: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    cur = current[KEY + ["value"]].copy()
    up = upload[KEY + ["value", "row"]].copy()
    cur = cur.merge(up[KEY], on=KEY, how="left", indicator=True)
    cur = cur[cur["_merge"] == "left_only"].drop(columns="_merge")
    cur["row"] = np.nan
    return pd.concat([cur, up], ignore_index=True)


def _tenfold(upload: pd.DataFrame, current: pd.DataFrame, catalog: Catalog) -> list[Problem]:
    data = _combined(upload, current)
    data = data[data["status"] != "target"].sort_values(["indicator_id", "region_id", "year"])
    prev_value = data.groupby(["indicator_id", "region_id"])["value"].shift(1)
    prev_year = data.groupby(["indicator_id", "region_id"])["year"].shift(1)
    next_value = data.groupby(["indicator_id", "region_id"])["value"].shift(-1)
    out = []
    for idx in data.index[data["row"].notna()]:
        value, row = data.at[idx, "value"], int(data.at[idx, "row"])
        kind = catalog.indicators[data.at[idx, "indicator_id"]].kind
        if kind == "rank":
            continue
        for neighbour, year in ((prev_value.get(idx), prev_year.get(idx)), (next_value.get(idx), None)):
            if neighbour is None or pd.isna(neighbour) or neighbour <= 0 or value <= 0:
                continue
            ratio = value / neighbour
            if ratio >= 10 or ratio <= 0.1:
                when_zh = f"{int(year)} 年" if year is not None and not pd.isna(year) else "下一年"
                when_en = f"{int(year)}" if year is not None and not pd.isna(year) else "the next year"
                out.append(problem("tenfold_change", row, "value", format_number(value, 4),
                                   f"与{when_zh}的 {format_number(neighbour, 4)} 相差十倍以上：请检查单位（如 亿元 与 万亿元）",
                                   f"differs tenfold or more from {format_number(neighbour, 4)} in {when_en}: "
                                   "check the unit (亿元 vs 万亿元)"))
                break
    return out


def _curated(upload: pd.DataFrame, current: pd.DataFrame, curated_keys: set[tuple]) -> list[Problem]:
    merged = upload.merge(current[KEY + ["value"]], on=KEY, how="inner", suffixes=("", "_old"))
    out = []
    for rec in merged.itertuples(index=False):
        key = (rec.indicator_id, rec.region_id, rec.year, rec.status)
        if key in curated_keys and not np.isclose(rec.value, rec.value_old, rtol=1e-12, atol=0):
            out.append(problem("curated_change", int(rec.row), "value", format_number(rec.value, 4),
                               f"将替换经过核实的数值 {format_number(rec.value_old, 4)}（有出处）：请确认新数值的来源",
                               f"replaces the curated, sourced value {format_number(rec.value_old, 4)}: "
                               "make sure the new figure has a source"))
    return out


def _city_over_province(upload: pd.DataFrame, current: pd.DataFrame, catalog: Catalog) -> list[Problem]:
    data = _combined(upload, current)
    kinds = data["indicator_id"].map(lambda i: catalog.indicators[i].kind)
    data = data[kinds.isin(["count", "amount"]).to_numpy()]
    parents = data["region_id"].map(lambda r: catalog.regions[r].parent if r in catalog.regions else "")
    data = data.assign(parent=parents)
    lookup = data.set_index(KEY)["value"]
    out = []
    for rec in data[data["row"].notna()].itertuples(index=False):
        if not rec.parent or catalog.regions[rec.region_id].level != "city":
            continue
        parent_value = lookup.get((rec.indicator_id, rec.parent, rec.year, rec.status))
        if isinstance(parent_value, pd.Series):
            parent_value = parent_value.iloc[0]
        if parent_value is not None and not pd.isna(parent_value) and rec.value > parent_value:
            parent = catalog.regions[rec.parent]
            out.append(problem("city_exceeds_province", int(rec.row), "value", format_number(rec.value, 4),
                               f"大于{parent.name_zh}同年的 {format_number(parent_value, 4)}：城市不应超过所属省份，请核对",
                               f"is larger than {parent.name_en}'s {format_number(parent_value, 4)} in the same year: "
                               "a city cannot exceed its province; check the figure"))
    return out
