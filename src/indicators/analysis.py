"""Year-on-year change, CAGR, index to a base year, gaps between regions, share of the parent region,
progress to a target and rank changes: pure functions on the tidy frame.

Every number computed here first passes `comparability` (series breaks, changes of measure, part-year
figures, containment, targets, qualifiers): what it refuses is left missing, never approximated. Missing
is missing: nothing here fills, interpolates or zeroes a gap. Where a year holds several actual statuses,
the reported value is preferred, then the derived one, then the estimate (`actuals`).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from indicators import comparability as cmp
from indicators.catalog import Catalog

ACTUAL = cmp.ACTUAL
STATUS_PREFERENCE = {"reported": 0, "derived": 1, "estimate": 2}
SERIES_KEY = ["indicator_id", "region_id"]


def series(
    frame: pd.DataFrame, indicator_id: str, region_id: str, statuses: tuple[str, ...] = ACTUAL
) -> pd.DataFrame:
    """The rows of one indicator and region with the given statuses, sorted by year."""
    rows = frame[
        (frame["indicator_id"] == indicator_id)
        & (frame["region_id"] == region_id)
        & frame["status"].isin(statuses)
    ]
    return rows.sort_values(["year", "status"], kind="stable").reset_index(drop=True)


def actuals(frame: pd.DataFrame) -> pd.DataFrame:
    """One actual row per indicator × region × year: reported over derived over estimate."""
    rows = frame[frame["status"].isin(ACTUAL)].copy()
    rows["_pref"] = rows["status"].map(STATUS_PREFERENCE)
    rows = rows.sort_values([*SERIES_KEY, "year", "_pref"], kind="stable")
    return rows.drop_duplicates([*SERIES_KEY, "year"]).drop(columns="_pref").reset_index(drop=True)


def segments(frame: pd.DataFrame, catalog: Catalog) -> pd.Series:
    """For each row, how many series breaks of its indicator and region lie at or before its year
    (`comparability.segment` for a whole frame). Two rows compare only when their segments are equal."""
    seg = pd.Series(0, index=frame.index, dtype="int64")
    if frame.empty or not catalog.series_breaks:
        return seg
    present = set(zip(frame["indicator_id"], frame["region_id"], strict=True))
    for b in catalog.series_breaks:
        if (b.indicator_id, b.region_id) not in present:
            continue
        mask = (
            (frame["indicator_id"] == b.indicator_id)
            & (frame["region_id"] == b.region_id)
            & (frame["year"] >= b.first_year)
        )
        seg[mask] += 1
    return seg


def _growth_pct(start: float, end: float, years: float) -> float | None:
    """Compound annual growth in percent; None unless both values are positive and years > 0."""
    if years <= 0 or not (start > 0 and end > 0) or math.isnan(start) or math.isnan(end):
        return None
    return ((end / start) ** (1 / years) - 1) * 100


def _best_by_key(frame: pd.DataFrame) -> dict[tuple[str, str, int], cmp.Figure]:
    return {
        (f.indicator_id, f.region_id, f.year): f
        for f in map(cmp.figure, actuals(frame).itertuples(index=False))
    }


def yoy(frame: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Actual rows with `yoy_pct` (and `yoy_pp` for shares) against year y-1: only on one basis and at the
    same point of both years (a September figure is not set against a December one); `approximate` marks
    a change involving a lower bound or an approximation."""
    rows = frame[frame["status"].isin(ACTUAL)].sort_values([*SERIES_KEY, "year", "status"], kind="stable")
    rows = rows.reset_index(drop=True)
    best = _best_by_key(frame)
    pct, pp, approx = [], [], []
    for row in rows.itertuples(index=False):
        now, before = cmp.figure(row), best.get((row.indicator_id, row.region_id, int(row.year) - 1))
        grow = cmp.growth(catalog, before, now) if before else cmp.Verdict(False)
        step = cmp.annual(catalog, before, now) if before else cmp.Verdict(False)
        pct.append((now.value / before.value - 1) * 100 if grow else np.nan)
        pp.append(now.value - before.value if step and cmp.by_points(catalog, now.indicator_id) else np.nan)
        approx.append(bool(step and step.approximate))
    return rows.assign(
        yoy_pct=np.array(pct, dtype=float), yoy_pp=np.array(pp, dtype=float), approximate=approx
    )


def index_to_base(frame: pd.DataFrame, base_year: int, catalog: Catalog) -> pd.DataFrame:
    """Actual rows with `index` = value / value in `base_year` × 100, per indicator × region. Missing where
    the base year is missing or zero, lies on the other side of a series break, or is dated at another
    point of its year."""
    rows = frame[frame["status"].isin(ACTUAL)].sort_values([*SERIES_KEY, "year", "status"], kind="stable")
    rows = rows.reset_index(drop=True)
    best = _best_by_key(frame)
    index, approx = [], []
    for row in rows.itertuples(index=False):
        now, base = cmp.figure(row), best.get((row.indicator_id, row.region_id, int(base_year)))
        if base is None:
            verdict = cmp.Verdict(False)
        elif now.year == base.year:  # the base year itself, or another status of it
            verdict = cmp.Verdict(
                now.point_in_year == base.point_in_year, approximate=bool(now.qualifier or base.qualifier)
            )
        else:
            verdict = cmp.annual(catalog, *sorted((base, now), key=lambda f: f.year))
        ok = bool(verdict) and base.value != 0
        index.append(now.value / base.value * 100 if ok else np.nan)
        approx.append(bool(ok and verdict.approximate))
    return rows.assign(index=np.array(index, dtype=float), approximate=approx)


def cagr(frame: pd.DataFrame, catalog: Catalog, start: int, end: int) -> pd.DataFrame:
    """One row per indicator × region: start and end values and `cagr_pct` between two years; `reason` says
    why a rate was not computed (a `comparability` code, or `missing` when a year has no figure)."""
    best = _best_by_key(frame)
    keys = actuals(frame)[SERIES_KEY].drop_duplicates().itertuples(index=False)
    records = []
    for ind_id, region_id in keys:
        first, last = best.get((ind_id, region_id, int(start))), best.get((ind_id, region_id, int(end)))
        verdict = cmp.growth(catalog, first, last) if first and last else cmp.Verdict(False, "missing")
        rate = _growth_pct(first.value, last.value, int(end) - int(start)) if verdict else None
        records.append(
            {
                "indicator_id": ind_id,
                "region_id": region_id,
                "start_year": int(start),
                "end_year": int(end),
                "start_value": first.value if first else np.nan,
                "end_value": last.value if last else np.nan,
                "cagr_pct": np.nan if rate is None else rate,
                "approximate": bool(verdict and verdict.approximate),
                "reason": "" if rate is not None else (verdict.reason or "missing"),
            }
        )
    columns = [
        "indicator_id",
        "region_id",
        "start_year",
        "end_year",
        "start_value",
        "end_value",
        "cagr_pct",
        "approximate",
        "reason",
    ]
    return pd.DataFrame.from_records(records, columns=columns)


def gap(frame: pd.DataFrame, catalog: Catalog, region_a: str, region_b: str) -> pd.DataFrame:
    """Per indicator × year where both regions have a comparable actual figure (`comparability.across`: no
    region against one containing it for counts and amounts, same date, same basis, one rank list):
    gap = a - b, its unit, and ratio = a / b."""
    best = _best_by_key(frame)
    records = []
    for (ind_id, region_id, year), fa in best.items():
        fb = best.get((ind_id, region_b, year))
        if region_id != region_a or fb is None:
            continue
        verdict = cmp.across(catalog, fa, fb)
        if not verdict:
            continue
        unit = (
            "pp"
            if cmp.by_points(catalog, ind_id)
            else (catalog.indicators[ind_id].unit if ind_id in catalog.indicators else "")
        )
        records.append(
            {
                "indicator_id": ind_id,
                "year": year,
                "region_a": region_a,
                "region_b": region_b,
                "value_a": fa.value,
                "value_b": fb.value,
                "gap": fa.value - fb.value,
                "gap_unit": unit,
                "ratio": fa.value / fb.value if fb.value != 0 else np.nan,
                "approximate": verdict.approximate,
            }
        )
    columns = [
        "indicator_id",
        "year",
        "region_a",
        "region_b",
        "value_a",
        "value_b",
        "gap",
        "gap_unit",
        "ratio",
        "approximate",
    ]
    out = pd.DataFrame.from_records(records, columns=columns)
    return out.sort_values(["indicator_id", "year"], kind="stable").reset_index(drop=True)


def share_of_parent(frame: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Actual rows of counts and amounts whose parent region has a figure of the same indicator and year
    that `comparability.share` accepts (same date, same basis), with `parent_id`, `parent_value`,
    `share_pct` = value / parent value × 100 and `approximate`."""
    parents = {r.id: r.parent for r in catalog.regions.values() if r.parent}
    best = _best_by_key(frame)
    rows = actuals(frame)
    rows = rows[rows["region_id"].isin(list(parents))]
    records = []
    for row in rows.itertuples(index=False):
        part = cmp.figure(row)
        whole = best.get((part.indicator_id, parents[part.region_id], part.year))
        verdict = cmp.share(catalog, part, whole) if whole else cmp.Verdict(False)
        if verdict:
            records.append(
                {
                    **row._asdict(),
                    "parent_id": whole.region_id,
                    "parent_value": whole.value,
                    "parent_as_of": whole.as_of,
                    "parent_status": whole.status,
                    "share_pct": part.value / whole.value * 100,
                    "approximate": verdict.approximate,
                }
            )
    columns = [
        *rows.columns,
        "parent_id",
        "parent_value",
        "parent_as_of",
        "parent_status",
        "share_pct",
        "approximate",
    ]
    out = pd.DataFrame.from_records(records, columns=columns)
    return out.sort_values([*SERIES_KEY, "year", "status"], kind="stable").reset_index(drop=True)


def parent_pairs(
    frame: pd.DataFrame, catalog: Catalog, indicator_id: str, region_ids: list[str]
) -> list[dict]:
    """For each chosen region and year where it and its parent region both have an actual figure: the two
    figures and the `comparability.share` verdict (so a page can say why a share is not computed)."""
    best = _best_by_key(frame[frame["indicator_id"] == indicator_id])
    out = []
    for (ind_id, region_id, year), part in sorted(best.items(), key=lambda kv: (kv[0][1], kv[0][2])):
        region = catalog.regions.get(region_id)
        if region_id not in region_ids or region is None or not region.parent:
            continue
        whole = best.get((ind_id, region.parent, year))
        if whole is not None:
            out.append({"part": part, "whole": whole, "verdict": cmp.share(catalog, part, whole)})
    return out


def progress_to_target(
    frame: pd.DataFrame, catalog: Catalog, indicator_id: str, region_id: str
) -> dict | None:
    """The latest actual figure against the nearest later plan target on the same basis; the pace the
    target needs and the recent pace only where `comparability.pace` allows them (whole years, one basis,
    exact reported or derived figures). None without both a figure and a later target."""
    act = [cmp.figure(r) for r in actuals(series(frame, indicator_id, region_id)).itertuples(index=False)]
    targets = [
        cmp.figure(r) for r in series(frame, indicator_id, region_id, ("target",)).itertuples(index=False)
    ]
    if not act:
        return None
    latest = act[-1]
    later = [t for t in targets if t.year > latest.year]
    if not later:
        return None
    target = later[0]
    reach = cmp.to_target(catalog, latest, target)
    if not reach:
        return None
    ind = catalog.indicators.get(indicator_id)
    lower_better = ind is not None and ind.better == "lower"
    linear = cmp.linear_pace(catalog, indicator_id)
    window = [f for f in act[:-1] if latest.year - 5 <= f.year]
    earlier = next((f for f in window if cmp.pace(catalog, f, latest, target)), None)
    years_left = target.year - latest.year
    out = {
        "indicator_id": indicator_id,
        "region_id": region_id,
        "latest": latest,
        "target": target,
        "latest_year": latest.year,
        "latest_value": latest.value,
        "latest_status": latest.status,
        "target_year": target.year,
        "target_value": target.value,
        "target_source_id": target.source_id,
        "target_note": target.note,
        "years_left": years_left,
        "gap": target.value - latest.value,
        "achieved": (latest.value <= target.value) if lower_better else (latest.value >= target.value),
        "approximate": reach.approximate,
        "dated": reach.dated,
        "linear": linear,
        "required_per_year": None,
        "recent_per_year": None,
        "recent_from_year": None,
        "on_track": None,
    }
    if earlier is None:
        return out
    span = latest.year - earlier.year
    if linear:
        required, recent = (target.value - latest.value) / years_left, (latest.value - earlier.value) / span
    else:
        required = _growth_pct(latest.value, target.value, years_left)
        recent = _growth_pct(earlier.value, latest.value, span)
    out.update(
        required_per_year=required,
        recent_per_year=recent,
        recent_from_year=earlier.year,
        on_track=(recent <= required) if lower_better else (recent >= required),
    )
    return out


def rank_changes(frame: pd.DataFrame, catalog: Catalog, indicator_id: str, region_id: str) -> pd.DataFrame:
    """year, value (the rank), change = previous rank - this rank (positive = moved up) where the two are
    on one list (`comparability.change`), years_between, and the break that stops a comparison."""
    rows = actuals(series(frame, indicator_id, region_id))
    figs = [cmp.figure(r) for r in rows.itertuples(index=False)]
    changes, gaps, stops = [np.nan], [np.nan], [None]
    for before, now in zip(figs, figs[1:], strict=False):
        verdict = cmp.change(catalog, before, now)
        changes.append(before.value - now.value if verdict else np.nan)
        gaps.append(float(now.year - before.year))
        stops.append(verdict.series_break)
    out = rows[["year", "value", "status", "source_id"]].reset_index(drop=True)
    return out.assign(
        change=changes[: len(out)], years_between=gaps[: len(out)], series_break=stops[: len(out)]
    )


def latest_with_change(
    frame: pd.DataFrame, catalog: Catalog, indicator_id: str, region_id: str
) -> dict | None:
    """The latest actual figure and, where `comparability` allows it, its change since the previous figure
    of the series: `change` always with `verdict.dated` saying whether both dates must be named,
    `change_pct` only between figures at the same point of their years. None without data."""
    act = [cmp.figure(r) for r in actuals(series(frame, indicator_id, region_id)).itertuples(index=False)]
    if not act:
        return None
    last = act[-1]
    out = {
        "indicator_id": indicator_id,
        "region_id": region_id,
        "figure": last,
        "year": last.year,
        "value": last.value,
        "status": last.status,
        "source_id": last.source_id,
        "as_of": last.as_of,
        "note": last.note,
        "qualifier": last.qualifier,
        "previous": None,
        "previous_year": None,
        "previous_value": None,
        "change": None,
        "change_pct": None,
        "change_is_good": None,
        "comparable": False,
        "series_break": None,
        "verdict": None,
    }
    if len(act) < 2:
        return out
    prev = act[-2]
    verdict = cmp.change(catalog, prev, last)
    out.update(
        previous=prev,
        previous_year=prev.year,
        previous_value=prev.value,
        verdict=verdict,
        series_break=verdict.series_break,
        comparable=bool(verdict),
    )
    if not verdict:
        return out
    change = last.value - prev.value
    out["change"] = change
    if cmp.growth(catalog, prev, last):
        out["change_pct"] = (last.value / prev.value - 1) * 100
    ind = catalog.indicators.get(indicator_id)
    if change != 0:
        out["change_is_good"] = bool(change < 0) if ind and ind.better == "lower" else bool(change > 0)
    return out
