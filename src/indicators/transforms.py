"""The Compare page's transforms as one pure function: level, year-on-year, index, CAGR, gap, share of parent."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators import analysis
from indicators.catalog import Catalog
from indicators.i18n import t

TRANSFORMS = ("level", "yoy", "index", "cagr", "gap", "share")


@dataclass(frozen=True)
class Transformed:
    frame: pd.DataFrame  # indicator_id, region_id, year (for lines) and `column`
    column: str
    y_title: str
    baseline: float | None = None
    is_table: bool = False  # CAGR is one number per series: a table and bars, not lines


def apply(frame: pd.DataFrame, catalog: Catalog, indicator_ids: list[str], region_ids: list[str], transform: str,
          lang: str, *, base_year: int | None = None, start: int | None = None, end: int | None = None,
          region_a: str | None = None, region_b: str | None = None) -> Transformed:
    data = frame[frame["indicator_id"].isin(indicator_ids) & frame["region_id"].isin(region_ids)]
    data = data[data["status"] != "target"]
    units = {catalog.unit_of(i).symbol(lang) for i in indicator_ids}
    if transform == "yoy":
        out = analysis.yoy(data, catalog)
        return Transformed(out, "yoy_pct", "%", baseline=0.0)
    if transform == "index":
        out = analysis.index_to_base(data, int(base_year), catalog)
        return Transformed(out, "index", t("tf_index", lang), baseline=100.0)
    if transform == "cagr":
        out = analysis.cagr(data, catalog, int(start), int(end))
        return Transformed(out, "cagr_pct", t("cagr_value", lang), is_table=True)
    if transform == "gap":
        out = analysis.gap(data, catalog, region_a, region_b).assign(region_id=region_a)
        shares = all(catalog.indicators[i].kind == "share" for i in indicator_ids)
        y_title = t("pp", lang) if shares else " / ".join(sorted(units))
        return Transformed(out, "gap", y_title, baseline=0.0)
    if transform == "share":  # the parents need not be among the chosen regions
        actual = frame[frame["indicator_id"].isin(indicator_ids) & (frame["status"] != "target")]
        out = analysis.share_of_parent(actual, catalog)
        return Transformed(out[out["region_id"].isin(region_ids)], "share_pct", "%")
    return Transformed(data, "value", " / ".join(sorted(units)))
