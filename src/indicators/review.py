"""Warnings about a valid upload, judged against the data already stored: a value that jumps tenfold, a
change to a curated figure, a city larger than its province. Warnings do not block a commit; the
analyst reads and accepts them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.catalog import Catalog
from indicators.frame import KEY
from indicators.problems import Problem, problem
from indicators.writing import number as format_number

SERIES = ["indicator_id", "region_id"]
MAX_PER_CODE = 200


def review(
    upload: pd.DataFrame, current: pd.DataFrame, catalog: Catalog, curated: pd.DataFrame | None = None
) -> list[Problem]:
    """Warnings for `upload` (the tidy frame with `row`) against `current`; `curated` holds the keys and
    values of current figures that came from the curated data."""
    if upload.empty:
        return []
    data = _combined(upload, current)
    warnings = _tenfold(data, catalog) + _city_over_province(data, catalog)
    if curated is not None and not curated.empty:
        warnings += _curated(upload, curated)
    return _capped(sorted(warnings, key=lambda p: (p.row or 0, p.code)))


def _capped(warnings: list[Problem]) -> list[Problem]:
    """At most MAX_PER_CODE warnings of each kind, then one line saying how many more there are."""
    out, counts = [], {}
    for w in warnings:
        counts[w.code] = counts.get(w.code, 0) + 1
        if counts[w.code] <= MAX_PER_CODE:
            out.append(w)
    for code, count in counts.items():
        if count > MAX_PER_CODE:
            out.append(
                problem(
                    code,
                    None,
                    None,
                    None,
                    f"另有{count - MAX_PER_CODE:,}条同类提示未列出",
                    f"{count - MAX_PER_CODE:,} more warnings of this kind are not listed",
                )
            )
    return out


def _combined(upload: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """The data as it would be after the upload, with `row` set on the uploaded rows."""
    cur = current[KEY + ["value"]].merge(upload[KEY].assign(_up=True), on=KEY, how="left")
    cur = cur[cur["_up"].isna().to_numpy()].drop(columns="_up").assign(row=np.nan)
    return pd.concat([cur, upload[KEY + ["value", "row"]]], ignore_index=True)


def _tenfold(data: pd.DataFrame, catalog: Catalog) -> list[Problem]:
    ranks = {i for i, ind in catalog.indicators.items() if ind.kind == "rank"}
    data = data[(data["status"] != "target").to_numpy() & ~data["indicator_id"].isin(ranks).to_numpy()]
    data = data.sort_values(SERIES + ["year"])
    groups = data.groupby(SERIES, sort=False)
    value = data["value"].to_numpy(float)
    out = []
    for shift, zh_when, en_when in ((1, "前一年份", "the year before"), (-1, "后一年份", "the year after")):
        other = groups["value"].shift(shift).to_numpy(float)
        other_year = groups["year"].shift(shift).to_numpy(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = value / other
        flagged = (
            data["row"].notna().to_numpy() & (other > 0) & (value > 0) & ((ratio >= 10) | (ratio <= 0.1))
        )
        for i in np.flatnonzero(flagged):
            year = int(other_year[i])
            out.append(
                problem(
                    "tenfold_change",
                    int(data["row"].iat[i]),
                    "value",
                    format_number(value[i], 4),
                    f"与{zh_when}（{year}年）的{format_number(other[i], 4)}相差十倍以上：请检查单位（如 亿元 与 万亿元）",
                    f"differs tenfold or more from {format_number(other[i], 4)} in {en_when} ({year}): "
                    "check the unit (亿元vs万亿元)",
                )
            )
    seen, unique = set(), []
    for p in out:  # one warning per row, the first found
        if p.row not in seen:
            seen.add(p.row)
            unique.append(p)
    return unique


def _curated(upload: pd.DataFrame, curated: pd.DataFrame) -> list[Problem]:
    merged = upload.merge(curated[KEY + ["value"]], on=KEY, how="inner", suffixes=("", "_old"))
    differs = ~np.isclose(
        merged["value"].to_numpy(float), merged["value_old"].to_numpy(float), rtol=1e-12, atol=0
    )
    return [
        problem(
            "curated_change",
            int(rec.row),
            "value",
            format_number(rec.value, 4),
            f"将替换经过核实的数值{format_number(rec.value_old, 4)}（有出处）：请确认新数值的来源",
            f"replaces the curated, sourced value {format_number(rec.value_old, 4)}: "
            "make sure the new figure has a source",
        )
        for rec in merged[differs].itertuples(index=False)
    ]


def _city_over_province(data: pd.DataFrame, catalog: Catalog) -> list[Problem]:
    additive = {i for i, ind in catalog.indicators.items() if ind.kind in ("count", "amount")}
    cities = {r.id: r.parent for r in catalog.regions.values() if r.level == "city" and r.parent}
    child = data[
        data["row"].notna().to_numpy()
        & data["indicator_id"].isin(additive).to_numpy()
        & data["region_id"].isin(cities).to_numpy()
    ]
    if child.empty:
        return []
    child = child.assign(parent=child["region_id"].map(cities))
    parents = data[["indicator_id", "region_id", "year", "status", "value"]].rename(
        columns={"region_id": "parent", "value": "parent_value"}
    )
    merged = child.merge(parents, on=["indicator_id", "parent", "year", "status"], how="inner")
    merged = merged[(merged["value"] > merged["parent_value"]).to_numpy()]
    out = []
    for rec in merged.itertuples(index=False):
        parent = catalog.regions[rec.parent]
        out.append(
            problem(
                "city_exceeds_province",
                int(rec.row),
                "value",
                format_number(rec.value, 4),
                f"大于{parent.name_zh}同年的{format_number(rec.parent_value, 4)}：城市不应超过所属省份，请核对",
                f"is larger than {parent.name_en}'s {format_number(rec.parent_value, 4)} in the same year: "
                "a city cannot exceed its province; check the figure",
            )
        )
    return out
