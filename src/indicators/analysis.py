"""Year-on-year change, CAGR, index to a base year, gaps between regions, share of the parent region,
progress to a target, rank changes and one-sentence takeaways: pure functions on the tidy frame.

Missing is missing: nothing here fills, interpolates or zeroes a gap. Growth is never computed across
a missing year or across a series break (`catalog.breaks_for`: values before a break's `first_year`
are on a different basis from those after it). Where a year holds several actual statuses, the
reported value is preferred, then the derived one, then the estimate (`actuals`).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from indicators.catalog import Catalog, SeriesBreak
from indicators.units import format_number, format_value

ACTUAL = ("reported", "derived", "estimate")
STATUS_PREFERENCE = {"reported": 0, "derived": 1, "estimate": 2}
SERIES_KEY = ["indicator_id", "region_id"]


def series(frame: pd.DataFrame, indicator_id: str, region_id: str,
           statuses: tuple[str, ...] = ACTUAL) -> pd.DataFrame:
    """The rows of one indicator and region with the given statuses, sorted by year."""
    rows = frame[(frame["indicator_id"] == indicator_id) & (frame["region_id"] == region_id)
                 & frame["status"].isin(statuses)]
    return rows.sort_values(["year", "status"], kind="stable").reset_index(drop=True)


def actuals(frame: pd.DataFrame) -> pd.DataFrame:
    """One actual row per indicator × region × year: reported over derived over estimate."""
    rows = frame[frame["status"].isin(ACTUAL)].copy()
    rows["_pref"] = rows["status"].map(STATUS_PREFERENCE)
    rows = rows.sort_values([*SERIES_KEY, "year", "_pref"], kind="stable")
    return rows.drop_duplicates([*SERIES_KEY, "year"]).drop(columns="_pref").reset_index(drop=True)


def segments(frame: pd.DataFrame, catalog: Catalog) -> pd.Series:
    """For each row, how many series breaks of its indicator and region lie at or before its year.

    Two rows are comparable only when their segment numbers are equal.
    """
    seg = pd.Series(0, index=frame.index, dtype="int64")
    if frame.empty or not catalog.series_breaks:
        return seg
    present = set(zip(frame["indicator_id"], frame["region_id"], strict=True))
    for b in catalog.series_breaks:
        if (b.indicator_id, b.region_id) not in present:
            continue
        mask = ((frame["indicator_id"] == b.indicator_id) & (frame["region_id"] == b.region_id)
                & (frame["year"] >= b.first_year))
        seg[mask] += 1
    return seg


def break_between(catalog: Catalog, indicator_id: str, region_id: str, year_a: int, year_b: int) -> SeriesBreak | None:
    """The first series break lying between two years (after the earlier, at or before the later)."""
    lo, hi = sorted((int(year_a), int(year_b)))
    found = [b for b in catalog.breaks_for(indicator_id, region_id) if lo < b.first_year <= hi]
    return min(found, key=lambda b: b.first_year) if found else None


def _kind(catalog: Catalog, indicator_id: str) -> str:
    ind = catalog.indicators.get(indicator_id)
    return ind.kind if ind else ""


def _growth_pct(start: float, end: float, years: float) -> float | None:
    """Compound annual growth in percent; None unless both values are positive and years > 0."""
    if years <= 0 or not (start > 0 and end > 0) or math.isnan(start) or math.isnan(end):
        return None
    return ((end / start) ** (1 / years) - 1) * 100


def yoy(frame: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Actual rows with `yoy_pct` (and `yoy_pp` for share indicators) against year y-1 of the same basis."""
    rows = frame[frame["status"].isin(ACTUAL)].reset_index(drop=True)
    rows = rows.assign(_seg=segments(rows, catalog))
    best = actuals(frame)
    prev = best[[*SERIES_KEY, "year", "value"]].assign(_prev_seg=segments(best, catalog).to_numpy(),
                                                       year=best["year"] + 1)
    out = rows.merge(prev.rename(columns={"value": "_prev"}), on=[*SERIES_KEY, "year"], how="left")
    ok = (out["_prev"].notna() & (out["_seg"] == out["_prev_seg"])).to_numpy()
    prev_v = out["_prev"].to_numpy(float)
    value = out["value"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["yoy_pct"] = np.where(ok & (prev_v > 0), (value / prev_v - 1) * 100, np.nan)
    share = out["indicator_id"].map(lambda i: _kind(catalog, i) == "share").to_numpy(bool)
    out["yoy_pp"] = np.where(ok & share, value - prev_v, np.nan)
    out = out.drop(columns=["_seg", "_prev", "_prev_seg"])
    return out.sort_values([*SERIES_KEY, "year", "status"], kind="stable").reset_index(drop=True)


def index_to_base(frame: pd.DataFrame, base_year: int, catalog: Catalog | None = None) -> pd.DataFrame:
    """Actual rows with `index` = value / value in `base_year` × 100, per indicator × region.

    NaN where the base year is missing, its value is zero, or (given a catalog) it lies on the other
    side of a series break.
    """
    rows = frame[frame["status"].isin(ACTUAL)].reset_index(drop=True)
    best = actuals(frame)
    has_breaks = catalog is not None
    rows = rows.assign(_seg=segments(rows, catalog) if has_breaks else 0)
    base = best[best["year"] == int(base_year)]
    base = base[SERIES_KEY].assign(_base=base["value"].to_numpy(float),
                                   _base_seg=segments(base, catalog).to_numpy() if has_breaks else 0)
    out = rows.merge(base, on=SERIES_KEY, how="left")
    ok = (out["_base"].notna() & (out["_seg"] == out["_base_seg"]) & (out["_base"] != 0)).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        out["index"] = np.where(ok, out["value"].to_numpy(float) / out["_base"].to_numpy(float) * 100, np.nan)
    out = out.drop(columns=["_seg", "_base", "_base_seg"])
    return out.sort_values([*SERIES_KEY, "year", "status"], kind="stable").reset_index(drop=True)


def cagr(frame: pd.DataFrame, catalog: Catalog, start: int, end: int) -> pd.DataFrame:
    """One row per indicator × region: start_value, end_value and cagr_pct between two years."""
    best = actuals(frame)
    keys = best[SERIES_KEY].drop_duplicates().reset_index(drop=True)

    def at(year: int, column: str) -> pd.DataFrame:
        return best[best["year"] == int(year)][[*SERIES_KEY, "value"]].rename(columns={"value": column})

    out = keys.merge(at(start, "start_value"), on=SERIES_KEY, how="left").merge(
        at(end, "end_value"), on=SERIES_KEY, how="left")
    out.insert(2, "start_year", int(start))
    out.insert(3, "end_year", int(end))
    rates = []
    for r in out.itertuples(index=False):
        broken = break_between(catalog, r.indicator_id, r.region_id, start, end) is not None
        rate = None if broken else _growth_pct(r.start_value, r.end_value, end - start)
        rates.append(np.nan if rate is None else rate)
    out["cagr_pct"] = np.array(rates, dtype=float)
    return out


def gap(frame: pd.DataFrame, catalog: Catalog, region_a: str, region_b: str) -> pd.DataFrame:
    """Per indicator × year where both regions have actual data: gap = a - b, its unit, and ratio = a / b."""
    best = actuals(frame)
    cols = ["indicator_id", "year", "value"]
    a = best[best["region_id"] == region_a][cols].rename(columns={"value": "value_a"})
    b = best[best["region_id"] == region_b][cols].rename(columns={"value": "value_b"})
    out = a.merge(b, on=["indicator_id", "year"], how="inner")
    out.insert(2, "region_a", region_a)
    out.insert(3, "region_b", region_b)
    out["gap"] = out["value_a"] - out["value_b"]
    out["gap_unit"] = [
        "pp" if _kind(catalog, i) == "share" else (catalog.indicators[i].unit if i in catalog.indicators else "")
        for i in out["indicator_id"]]
    vb = out["value_b"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["ratio"] = np.where(vb != 0, out["value_a"].to_numpy(float) / vb, np.nan)
    return out.sort_values(["indicator_id", "year"], kind="stable").reset_index(drop=True)


def share_of_parent(frame: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Rows of count and amount indicators whose parent region has the same indicator, year and status,
    with `parent_id`, `parent_value` and `share_pct` = value / parent value × 100."""
    parents = {r.id: r.parent for r in catalog.regions.values() if r.parent}
    kinds = frame["indicator_id"].map(lambda i: _kind(catalog, i))
    rows = frame[kinds.isin(["count", "amount"]) & frame["region_id"].isin(list(parents))].copy()
    rows["parent_id"] = rows["region_id"].map(parents)
    parent = frame[["indicator_id", "region_id", "year", "status", "value"]].rename(
        columns={"region_id": "parent_id", "value": "parent_value"})
    out = rows.merge(parent, on=["indicator_id", "parent_id", "year", "status"], how="inner")
    out = out[out["parent_value"] > 0].copy()
    out["share_pct"] = out["value"] / out["parent_value"] * 100
    return out.sort_values([*SERIES_KEY, "year", "status"], kind="stable").reset_index(drop=True)


def progress_to_target(frame: pd.DataFrame, catalog: Catalog, indicator_id: str, region_id: str) -> dict | None:
    """The latest actual value against the nearest later plan target; None without both."""
    act = actuals(series(frame, indicator_id, region_id))
    targets = series(frame, indicator_id, region_id, ("target",))
    if act.empty:
        return None
    latest = act.iloc[-1]
    ly, lv = int(latest["year"]), float(latest["value"])
    targets = targets[targets["year"] > ly]
    if targets.empty:
        return None
    target = targets.iloc[0]
    ty, tv = int(target["year"]), float(target["value"])
    ind = catalog.indicators.get(indicator_id)
    lower_better = ind is not None and ind.better == "lower"
    required = _growth_pct(lv, tv, ty - ly)
    window = act[(act["year"] >= ly - 5) & (act["year"] < ly)]
    window = window[[break_between(catalog, indicator_id, region_id, y, ly) is None for y in window["year"]]]
    recent, first = None, None
    if not window.empty:
        first = window.iloc[0]
        recent = _growth_pct(float(first["value"]), lv, ly - int(first["year"]))
    on_track = None
    if recent is not None and required is not None:
        on_track = recent <= required if lower_better else recent >= required
    share = ind is not None and ind.kind == "share"
    return {
        "indicator_id": indicator_id, "region_id": region_id,
        "latest_year": ly, "latest_value": lv, "latest_status": latest["status"],
        "target_year": ty, "target_value": tv, "target_source_id": target["source_id"],
        "target_note": target["note"], "years_left": ty - ly, "gap": tv - lv,
        "required_annual_growth_pct": required, "recent_growth_pct": recent,
        "recent_from_year": int(first["year"]) if recent is not None else None,
        "on_track": on_track,
        "required_pp_per_year": (tv - lv) / (ty - ly) if share else None,
        "recent_pp_per_year": ((lv - float(first["value"])) / (ly - int(first["year"]))
                               if share and first is not None else None),
    }


def rank_changes(frame: pd.DataFrame, indicator_id: str, region_id: str) -> pd.DataFrame:
    """year, value (the rank), change = previous rank - this rank (positive = moved up), years_between."""
    rows = actuals(series(frame, indicator_id, region_id))[["year", "value", "status", "source_id"]]
    rows = rows.reset_index(drop=True)
    rows["change"] = rows["value"].shift(1) - rows["value"]
    rows["years_between"] = (rows["year"] - rows["year"].shift(1)).astype("float64")
    return rows


def latest_with_change(frame: pd.DataFrame, catalog: Catalog, indicator_id: str, region_id: str) -> dict | None:
    """The latest actual value and its change since the previous year that has data; None without data."""
    act = actuals(series(frame, indicator_id, region_id))
    if act.empty:
        return None
    last = act.iloc[-1]
    out = {"indicator_id": indicator_id, "region_id": region_id, "year": int(last["year"]),
           "value": float(last["value"]), "status": last["status"], "source_id": last["source_id"],
           "as_of": last["as_of"], "note": last["note"], "previous_year": None, "previous_value": None,
           "change": None, "change_pct": None, "change_is_good": None, "comparable": False,
           "series_break": None}
    if len(act) < 2:
        return out
    prev = act.iloc[-2]
    out["previous_year"], out["previous_value"] = int(prev["year"]), float(prev["value"])
    brk = break_between(catalog, indicator_id, region_id, out["previous_year"], out["year"])
    out["series_break"] = brk
    out["comparable"] = brk is None
    if brk is not None:
        return out
    change = out["value"] - out["previous_value"]
    out["change"] = change
    if out["previous_value"] > 0:
        out["change_pct"] = (out["value"] / out["previous_value"] - 1) * 100
    ind = catalog.indicators.get(indicator_id)
    if change != 0:
        out["change_is_good"] = bool(change < 0) if ind and ind.better == "lower" else bool(change > 0)
    return out


# -- one-sentence takeaways ----------------------------------------------------------------------------

def _is_points(catalog: Catalog, indicator_id: str) -> bool:
    """Changes of this indicator are read in percentage points (shares, and rates measured in %)."""
    ind = catalog.indicators[indicator_id]
    return ind.kind == "share" or catalog.unit_of(indicator_id).symbol_en in ("%", "％")


def _mode(catalog: Catalog, indicator_id: str) -> tuple[str, int]:
    """How a difference of this indicator reads, and with how many decimals."""
    ind = catalog.indicators[indicator_id]
    if ind.kind == "rank":
        return "rank", 0
    if _is_points(catalog, indicator_id):
        return "points", max(ind.decimals, 1)
    return "unit", ind.decimals


def _is_zero(amount: float, digits: int) -> bool:
    return float(format_number(abs(amount), digits).replace(",", "")) == 0


def _amount_text(catalog: Catalog, indicator_id: str, amount: float, lang: str) -> str:
    """A difference in the indicator's terms: places for ranks, points for shares, else the unit."""
    mode, digits = _mode(catalog, indicator_id)
    number = format_number(abs(amount), digits)
    if mode == "rank":
        return f"{number} 位" if lang == "zh" else f"{number} place{'' if number == '1' else 's'}"
    if mode == "points":
        return f"{number} {'个百分点' if lang == 'zh' else 'pp'}"
    return format_value(abs(amount), catalog.unit_of(indicator_id), lang, digits)


def _change_clause(catalog: Catalog, info: dict, lang: str) -> str:
    zh = lang == "zh"
    py = info["previous_year"]
    if not info["comparable"]:
        first = info["series_break"].first_year
        return (f"，{first} 年起统计口径调整，不与 {py} 年比较" if zh
                else f"; the basis changed in {first}, so it is not compared with {py}")
    mode, digits = _mode(catalog, info["indicator_id"])
    improved = -info["change"] if mode == "rank" else info["change"]
    if mode == "unit" and info["change_pct"] is not None:
        amount, digits, text = info["change_pct"], 1, f"{format_number(abs(info['change_pct']), 1)}%"
    else:
        amount, text = info["change"], _amount_text(catalog, info["indicator_id"], info["change"], lang)
    if _is_zero(amount, digits):
        return f"，与 {py} 年持平" if zh else f", unchanged from {py}"
    up = improved > 0
    if zh:
        verb = {"rank": ("上升", "下降"), "points": ("提高", "下降"), "unit": ("增长", "下降")}[mode][0 if up else 1]
        if mode == "unit" and info["change_pct"] is None:
            verb = "增加" if up else "减少"
        return f"，比 {py} 年{verb} {text}"
    return f", {'up' if up else 'down'} {text} on {py}"


def _lead_clause(catalog: Catalog, best: pd.DataFrame, region_ids: list[str], lang: str) -> str:
    """Who leads in the latest year in which at least two of the regions have data, and by how much."""
    zh = lang == "zh"
    counts = best.groupby("year")["region_id"].nunique()
    common = counts[counts >= 2]
    if common.empty:
        return ""
    year = int(common.index.max())
    rows = best[best["year"] == year].set_index("region_id")
    present = [r for r in region_ids if r in rows.index]
    ind = catalog.indicators[best["indicator_id"].iloc[0]]
    ordered = sorted(present, key=lambda r: float(rows.loc[r, "value"]), reverse=ind.better != "lower")
    leader, runner = ordered[0], ordered[1]
    names = {r: catalog.regions[r].name(lang) if r in catalog.regions else r for r in ordered}
    diff = float(rows.loc[leader, "value"]) - float(rows.loc[runner, "value"])
    if _is_zero(diff, _mode(catalog, ind.id)[1]):
        return (f"；{year} 年{names[leader]}与{names[runner]}持平" if zh
                else f"; in {year} {names[leader]} and {names[runner]} were level")
    text = _amount_text(catalog, ind.id, diff, lang)
    if len(ordered) == 2:
        return (f"；{year} 年{names[leader]}领先{names[runner]} {text}" if zh
                else f"; in {year} {names[leader]} led {names[runner]} by {text}")
    return (f"；{year} 年 {len(ordered)} 个地区中{names[leader]}居首，领先第二位的{names[runner]} {text}" if zh
            else f"; in {year} {names[leader]} led the {len(ordered)} regions, ahead of {names[runner]} by {text}")


def takeaway(frame: pd.DataFrame, catalog: Catalog, indicator_id: str, region_ids: list[str], lang: str) -> str:
    """One sentence from the data: latest value of the first region with data, its change since the
    previous year with data, and who leads among the regions in the latest year they share."""
    zh = lang == "zh"
    ind = catalog.indicators.get(indicator_id)
    ind_name = ind.name(lang) if ind else indicator_id
    rows = frame[(frame["indicator_id"] == indicator_id) & frame["region_id"].isin(list(region_ids))]
    best = actuals(rows)
    present = [r for r in region_ids if (best["region_id"] == r).any()]
    if ind is None or not present:
        return f"所选地区没有「{ind_name}」的数据。" if zh else f"There is no data on {ind_name} for the selected regions."
    first = present[0]
    region_name = catalog.regions[first].name(lang) if first in catalog.regions else first
    info = latest_with_change(rows, catalog, indicator_id, first)
    value = format_value(info["value"], catalog.unit_of(indicator_id), lang, ind.decimals)
    year = info["year"]
    is_ = "为" if value.startswith("第") else "为 "
    if info["previous_year"] is None:
        head = (f"{region_name}{ind_name}仅有 {year} 年一个数据点，{is_}{value}" if zh
                else f"{ind_name} ({region_name}): only one data point ({year}), {value}")
    else:
        head = (f"{region_name}{ind_name} {year} 年{is_}{value}" if zh
                else f"{ind_name} ({region_name}): {value} in {year}")
        if info["as_of"]:
            head += f"（截至 {info['as_of']}）" if zh else f" (as of {info['as_of']})"
        head += _change_clause(catalog, info, lang)
    if ind.kind == "rank":  # provinces and cities are ranked on separate lists: compare like with like
        level = {r.id: r.level for r in catalog.regions.values()}
        present = [r for r in present if level.get(r) == level.get(first)]
    best = best[best["region_id"].isin(present)]
    return head + _lead_clause(catalog, best, list(region_ids), lang) + ("。" if zh else ".")
