"""Lines of text computed from the data for the pages: progress to plan targets, rank changes, a city's
share of its province. Pure functions; every number comes from `analysis`."""

from __future__ import annotations

import pandas as pd

from indicators import analysis
from indicators.catalog import Catalog
from indicators.i18n import t
from indicators.units import format_number, format_value


def _pct(value: float | None, lang: str) -> str:
    return "—" if value is None else f"{value:+.1f}%"


def target_lines(frame: pd.DataFrame, catalog: Catalog, indicator_ids: list[str], region_ids: list[str],
                 lang: str) -> list[str]:
    """One line per indicator × region with a later plan target: gap, growth needed, recent pace."""
    lines = []
    for ind_id in indicator_ids:
        ind = catalog.indicators[ind_id]
        unit = catalog.unit_of(ind_id)
        for region_id in region_ids:
            p = analysis.progress_to_target(frame, catalog, ind_id, region_id)
            if p is None:
                continue
            share = ind.kind == "share"
            pp = t("pp", lang)
            if share:
                gap = f"{format_number(p['gap'], ind.decimals)} {pp}"
                required = (f"{format_number(p['required_pp_per_year'], 2)} {pp}"
                            if p["required_pp_per_year"] is not None else "—")
                recent = (f"{format_number(p['recent_pp_per_year'], 2)} {pp}"
                          if p["recent_pp_per_year"] is not None else t("no_recent", lang))
            else:
                gap = format_value(p["gap"], unit, lang, ind.decimals)
                required = _pct(p["required_annual_growth_pct"], lang)
                recent = (_pct(p["recent_growth_pct"], lang) if p["recent_growth_pct"] is not None
                          else t("no_recent", lang))
            verdict = "" if p["on_track"] is None else (" " + t("on_track" if p["on_track"] else "off_track", lang))
            head = f"**{ind.name(lang)}** · " if len(indicator_ids) > 1 else ""
            lines.append(head + t("target_line", lang, region=catalog.regions[region_id].name(lang),
                                  latest_year=p["latest_year"], latest=format_value(p["latest_value"], unit, lang,
                                                                                     ind.decimals),
                                  target_year=p["target_year"], target=format_value(p["target_value"], unit, lang,
                                                                                     ind.decimals),
                                  gap=gap, required=required, recent=recent) + verdict)
    return lines


def rank_lines(frame: pd.DataFrame, catalog: Catalog, indicator_id: str, region_ids: list[str], lang: str) -> list[str]:
    """'2022: No. 13, up 4 since 2021' for each year with a rank, per region."""
    lines = []
    for region_id in region_ids:
        changes = analysis.rank_changes(frame, indicator_id, region_id)
        name = catalog.regions[region_id].name(lang)
        previous = None
        for row in changes.itertuples(index=False):
            rank = format_number(row.value, 0)
            if previous is None or pd.isna(row.change):
                text = t("rank_first", lang, year=row.year, rank=rank)
            elif row.change > 0:
                text = t("rank_up", lang, year=row.year, rank=rank, prev=previous, n=format_number(row.change, 0))
            elif row.change < 0:
                text = t("rank_down", lang, year=row.year, rank=rank, prev=previous, n=format_number(-row.change, 0))
            else:
                text = t("rank_same", lang, year=row.year, rank=rank, prev=previous)
            lines.append(f"{name}：{text}" if lang == "zh" else f"{name}: {text}")
            previous = row.year
    return lines


def share_lines(frame: pd.DataFrame, catalog: Catalog, indicator_id: str, region_ids: list[str],
                lang: str) -> tuple[pd.DataFrame, list[str]]:
    """A city's share of its province for `indicator_id`, with a sentence per year that has both."""
    actual = frame[(frame["indicator_id"] == indicator_id) & (frame["status"] != "target")]
    shares = analysis.share_of_parent(actual, catalog)
    shares = shares[shares["region_id"].isin(region_ids)] if not shares.empty else shares
    ind = catalog.indicators[indicator_id]
    unit = catalog.unit_of(indicator_id)
    lines = []
    for row in shares.sort_values(["region_id", "year"]).itertuples(index=False):
        lines.append(t("share_line", lang, year=row.year, city=catalog.regions[row.region_id].name(lang),
                       parent=catalog.regions[row.parent_id].name(lang),
                       city_value=format_value(row.value, unit, lang, ind.decimals),
                       parent_value=format_value(row.parent_value, unit, lang, ind.decimals),
                       share=format_number(row.share_pct, 1)))
    return shares, lines
