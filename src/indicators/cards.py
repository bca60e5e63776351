"""A headline card: the latest figure of one indicator and region, its change since the previous comparable
figure (worded as `sentences` words a change), its source and a sparkline. Pure functions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from indicators import analysis, writing
from indicators import comparability as cmp
from indicators.catalog import Catalog
from indicators.comparability import Figure
from indicators.i18n import t
from indicators.sentences import (
    change_mode,
    difference,
    direction,
    is_zero,
    limit,
    names,
    nominal_rate,
    reference_point,
)


@dataclass(frozen=True)
class Card:
    """What a headline card shows: label, value, the change (text, colour, arrow, what it is measured
    against), the tooltip lines and the sparkline values (NaN for a gap or a break: st.metric draws no
    line through NaN)."""

    label: str
    value: str
    delta: str | None = None
    delta_color: str = "off"
    delta_arrow: str = "off"
    delta_description: str | None = None
    help_lines: tuple[str, ...] = ()
    spark: tuple[float, ...] | None = None
    chart_type: str = "bar"  # bars show a year that stands alone; a rank's (negated) history is a line


def _card_delta(catalog: Catalog, info: dict, lang: str) -> tuple[str | None, str, str, str | None]:
    """(delta text, colour, arrow, description) of a card: the change in the indicator's terms."""
    verdict, prev = info.get("verdict"), info.get("previous")
    if prev is None or verdict is None:
        return None, "off", "off", None
    if not verdict:
        return (
            (t("card_break", lang), "off", "off", None)
            if verdict.series_break is not None
            else (None, "off", "off", None)
        )
    ind_id, amount, pct = info["indicator_id"], info["change"], info.get("change_pct")
    vs = "card_vs_nominal" if nominal_rate(catalog, ind_id, pct) else "card_vs"
    description = t(vs, lang, ref=reference_point(catalog, prev, lang, verdict.dated))
    if is_zero(catalog, ind_id, amount, pct):
        return t("card_same", lang), "off", "off", description
    up = direction(catalog, ind_id, amount) == "up"
    mode = change_mode(catalog, ind_id)
    bounded = limit(prev, info["figure"], amount)
    sign = (
        "" if bounded else ("+" if amount > 0 else "−")
    )  # a bounded amount is worded; the arrow says which way
    if mode == "unit" and pct is not None:
        text = sign + writing.percent(pct, lang, approximate=bool(bounded))
    elif mode == "rank":
        text = t("card_up_places" if up else "card_down_places", lang, n=writing.places(amount, lang))
    elif mode == "points":
        text = sign + writing.points(amount, lang, catalog.indicators[ind_id].decimals, short=True)
    else:
        text = sign + difference(catalog, ind_id, amount, lang)
    text = writing.limited(text, bounded, lang)
    good = info.get("change_is_good")
    color = "off" if good is None else ("green" if good else "red")
    return text, color, "up" if up else "down", description


def card(frame: pd.DataFrame, catalog: Catalog, indicator_id: str, region_id: str, lang: str) -> Card:
    """A headline card for one indicator and region (`frame` already limited to the chosen years)."""
    region = names(catalog, region_id, lang)
    info = analysis.latest_with_change(frame, catalog, indicator_id, region_id)
    if info is None:
        return Card(region, "—", t("card_none", lang))
    f: Figure = info["figure"]
    ind = catalog.indicators[indicator_id]
    value = writing.value(f.value, catalog.unit_of(indicator_id), lang, ind.decimals, f.qualifier)
    status = writing.status_word(f.status, lang)
    period = (
        writing.year(f.year, lang) if f.year_end else t("s_as_of", lang, date=writing.date(f.as_of, lang))
    )
    label = " · ".join(x for x in (region, period, status) if x)
    delta, color, arrow, description = _card_delta(catalog, info, lang)
    source = catalog.sources.get(f.source_id)
    lines = [t("card_source", lang, source=source.title if source else f.source_id)]
    if f.note.strip().lower() not in ("", *writing.QUALIFIERS):  # a lone "over" is already in the value
        lines.append(t("card_note", lang, note=catalog.note(f.note, lang)))
    if delta is not None and nominal_rate(catalog, indicator_id, info.get("change_pct")):
        lines.append(t("card_nominal", lang))
    history = analysis.actuals(analysis.series(frame, indicator_id, region_id))
    spark = _spark(catalog, history, indicator_id, region_id) if len(history) > 1 else None
    chart_type = "line" if cmp.kind(catalog, indicator_id) == "rank" else "bar"
    return Card(label, value, delta, color, arrow, description, tuple(lines), spark, chart_type)


def _spark(catalog: Catalog, history: pd.DataFrame, indicator_id: str, region_id: str) -> tuple:
    """Values over every year from the first to the last: NaN for a missing year and before each series
    break, so the line never joins two bases; ranks negated, so that a better rank draws higher."""
    by_year = dict(zip(history["year"].astype(int), history["value"].astype(float), strict=False))
    starts = {b.first_year for b in cmp.breaks(catalog, indicator_id, region_id)}
    sign = -1.0 if cmp.kind(catalog, indicator_id) == "rank" else 1.0
    out: list[float] = []
    for year in range(min(by_year), max(by_year) + 1):
        if year in starts and out:
            out.append(math.nan)
        out.append(sign * by_year[year] if year in by_year else math.nan)
    return tuple(out)
