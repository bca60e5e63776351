"""One model of what a meeting pack holds, built once and rendered by each format (`briefing` HTML, `slides`
PPTX, `document` DOCX): the title lines, the changes since a revision, and per indicator its name, the regions
drawn, the rows, the takeaway, the readable table and the sources; then every source of the pack.

Text from the data (source titles, publishers, notes, free-text sources) passes through `writing.plain` here,
once (the pack's catalog holds plain sources, so the charts' hover text is plain too), so every renderer only
has to escape it for its own markup.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from indicators import charts, writing
from indicators.catalog import Catalog, Source
from indicators.changes import Changes
from indicators.deck import Years, chart_content, day_text, reference_text, revision_text, years_text
from indicators.i18n import t
from indicators.tables import readable, region_names, sources_of


@dataclass(frozen=True)
class PackItem:
    """One indicator of a pack: what its chart, takeaway, table and source list show."""

    number: int  # 1-based place in the pack
    indicator_id: str
    name: str
    regions: list[str]  # drawn: the chosen ones, plus the national reference where it compares
    rows: pd.DataFrame
    takeaway: str
    table: pd.DataFrame  # `tables.readable`, text made plain
    sources: tuple[Source, ...]
    decimals: int


@dataclass(frozen=True)
class Pack:
    """Everything a pack shows, in the pack's language."""

    catalog: Catalog
    lang: str
    title: str  # '数字经济指标简报：山东省、青岛市'
    region_ids: list[str]
    years: Years
    reference: str | None
    meta: tuple[str, ...]  # years, reference, date, data revision (the non-empty ones)
    items: tuple[PackItem, ...]
    sources: tuple[Source, ...]  # every source of the pack, in order of first appearance
    changes: Changes | None = None

    @property
    def indicator_ids(self) -> list[str]:
        return [item.indicator_id for item in self.items]

    def figure(self, item: PackItem, **style) -> go.Figure:
        """The item's chart, the same Plotly figure the dashboard draws."""
        return charts.trend(
            item.rows, self.catalog, item.indicator_id, item.regions, self.lang, years=self.years, **style
        )


def plain_source(src: Source) -> Source:
    """A source with its text from the data made plain (no bidi or control characters)."""
    return dataclasses.replace(
        src,
        **{
            f.name: writing.plain(getattr(src, f.name))
            for f in dataclasses.fields(src)
            if isinstance(getattr(src, f.name), str)
        },
    )


def _plain_table(table: pd.DataFrame) -> pd.DataFrame:
    return table.apply(lambda col: col.map(lambda v: writing.plain(v) if isinstance(v, str) else v))


def build_pack(
    frame: pd.DataFrame,
    catalog: Catalog,
    indicator_ids: list[str],
    region_ids: list[str],
    years: Years,
    lang: str,
    *,
    reference: str | None = None,
    revision: int | None = None,
    revision_time: str | None = None,
    generated_at: dt.date | dt.datetime | str | None = None,
    changes: Changes | None = None,
) -> Pack:
    """The pack of these indicators for these regions and years (a `deck.PackRequest`'s fields)."""
    catalog = dataclasses.replace(catalog, sources={k: plain_source(s) for k, s in catalog.sources.items()})
    names = region_names(catalog, region_ids, lang)
    title = t("brief_heading", lang, title=t("brief_title", lang), names=writing.listing(names, lang))
    meta = tuple(
        x
        for x in (
            years_text(years, lang),
            reference_text(catalog, reference, region_ids, lang),
            t("brief_generated", lang, date=day_text(generated_at, lang)),
            revision_text(revision, revision_time, lang),
        )
        if x
    )
    items, seen = [], {}
    for n, indicator_id in enumerate(indicator_ids, start=1):
        content = chart_content(frame, catalog, indicator_id, region_ids, reference, years, lang)
        sources = tuple(
            plain_source(s) for s in sources_of(content.rows, catalog)
        )  # ids not in the catalog too
        seen.update({s.id: s for s in sources if s.id not in seen})
        ind = catalog.indicators[indicator_id]
        items.append(
            PackItem(
                n,
                indicator_id,
                ind.name(lang),
                content.regions,
                content.rows,
                writing.plain(content.takeaway),
                _plain_table(readable(content.rows, catalog, lang)),
                sources,
                ind.decimals,
            )
        )
    return Pack(
        catalog,
        lang,
        title,
        list(region_ids),
        years,
        reference,
        meta,
        tuple(items),
        tuple(seen.values()),
        changes,
    )
