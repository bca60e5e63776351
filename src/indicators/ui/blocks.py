"""Pieces of a page: its title, the headline cards, a chart block (takeaway, chart, table, sources,
downloads), the theme's indicators, target progress, shares and ranks, the Sources page's blocks and the
Compare page's inputs. The numbers and words come from the pure modules; what is slow is cached in `data`.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from indicators import charts, settings, tables, writing
from indicators.i18n import t
from indicators.ui.data import (
    Data,
    _card_parts,
    _catalog_table,
    _chart_parts,
    _curated_extras,
    _rank_lines,
    _share_parts,
    _shown,
    _source_tables,
    _target_lines,
    _theme_ids,
    _trend_figure,
    data,
    facts,
)
from indicators.ui.plot import show as show_chart
from indicators.ui.state import REFERENCE_REGION, Selection, param


def page_title(key: str, sel: Selection, intro: str | None = None, *, needs_regions: bool = True) -> None:
    """The page's title and intro; with no region selected, says what to do and ends the page there."""
    st.title(t(key, sel.lang))
    if intro:
        st.caption(intro)
    if needs_regions and not sel.plotted_regions:
        st.info(t("no_region", sel.lang))
        st.stop()


CARDS_PER_ROW = 4  # beyond four regions the cards continue on a second row: none is dropped


def kpi_cards(d: Data, indicator_ids: list[str], sel: Selection) -> None:
    """A block per headline indicator: its name, then a card per selected region, four to a row."""
    catalog, lang = d.catalog, sel.lang
    if not sel.regions:
        st.info(t("no_region", lang))
        return
    regions = list(sel.regions)
    per_row = min(len(regions), CARDS_PER_ROW)
    for ind_id in indicator_ids:
        ind = catalog.indicators[ind_id]
        with st.container(border=True):
            for start in range(0, len(regions), per_row):
                cells = st.columns([1.1] + [1.4] * per_row, vertical_alignment="center")
                if start == 0:
                    cells[0].markdown(f"**{md_escape(ind.name(lang))}**", help=ind.description(lang))
                for cell, region_id in zip(cells[1:], regions[start : start + per_row], strict=False):
                    with cell:
                        _card(d, ind_id, region_id, sel)


def _card(d: Data, ind_id: str, region_id: str, sel: Selection) -> None:
    c = _card_parts(settings.db(), d.revision, ind_id, region_id, tuple(sel.years), sel.lang)
    st.metric(
        c.label,
        c.value,
        c.delta,
        delta_color=c.delta_color,
        delta_arrow=c.delta_arrow,
        delta_description=c.delta_description,
        help="  \n".join(md_escape(x) for x in c.help_lines) or None,
    )
    # our own SVG, not st.metric's chart: that one loads Vega (0.8 MB, ~250 ms of the first chart)
    if c.spark:
        st.html(charts.sparkline_img(c.spark, c.chart_type, c.delta_color))


# Where Streamlit's Markdown would turn text into a link (a scheme's "://", "www.", an e-mail's "@"): even
# escaped, these are linked, so an invisible word joiner goes inside each and the text reads as it was.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)


def md_escape(text: str) -> str:
    """Text from the data shown through Markdown: no markup, no HTML, no link, no bidi control."""
    out = writing.plain(text)
    for ch in "\\`*_[]#|<>~$":
        out = out.replace(ch, "\\" + ch)
    return _AUTOLINK.sub("\u2060", out)


def _table_bytes(frame: pd.DataFrame, kind: str) -> bytes:
    """The file behind a download button, made only when clicked: openpyxl (60 ms to import, ~10 MB) is loaded
    only then, not by every server that shows a chart."""
    from indicators.export import table_bytes

    return table_bytes(frame, kind)


def chart_block(
    d: Data,
    indicator_id: str,
    sel: Selection,
    key: str,
    *,
    regions: list[str] | None = None,
    divider: bool = True,
) -> None:
    """Takeaway, then the chart, its table or its sources; log toggle and downloads beside it. (Not an
    `st.fragment`: measured, a view switch in a fragment reached the browser slower, see benchmarks/README.md.)"""
    catalog, lang = d.catalog, sel.lang
    regions = regions if regions is not None else sel.regions_for(catalog, indicator_id)
    ind = catalog.indicators[indicator_id]
    compared = [r for r in sel.regions if r in regions] or regions
    if divider:
        st.divider()
    parts = _chart_parts(
        settings.db(), d.revision, indicator_id, tuple(regions), tuple(compared), tuple(sel.years), lang
    )
    if parts is None:
        st.info(no_data_text(d, indicator_id, regions, sel))
        return
    takeaway, sparse, spans_orders = parts
    st.markdown("##### " + md_escape(takeaway), help=ind.description(lang))
    if sparse:  # one or two years of figures: a small table of facts, not a chart
        st.dataframe(facts(d, indicator_id, regions, sel.years, lang), hide_index=True, key=f"facts_{key}")
        return
    controls = st.columns([3, 2, 2, 2], vertical_alignment="center")
    view = (
        controls[0].segmented_control(
            t("view", lang),
            ["chart", "table", "sources"],
            default="chart",
            key=f"view_{key}",
            format_func=lambda v: t(f"view_{v}", lang),
            label_visibility="collapsed",
        )
        or "chart"
    )
    log = spans_orders and controls[1].toggle(
        t("log_scale", lang), key=f"log_{key}", help=t("log_help", lang)
    )
    name = charts.chart_filename(indicator_id, regions, lang)

    def table() -> pd.DataFrame:
        return tables.readable(_shown(d, indicator_id, regions, sel.years), catalog, lang)

    controls[2].download_button(
        t("download_csv", lang),
        lambda: _table_bytes(table(), "csv"),
        f"{name}.csv",
        "text/csv",
        key=f"csv_{key}",
        on_click="ignore",
    )
    controls[3].download_button(
        t("download_xlsx", lang),
        lambda: _table_bytes(table(), "xlsx"),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{key}",
        on_click="ignore",
    )
    if view == "chart":
        fig = _trend_figure(
            settings.db(), d.revision, indicator_id, tuple(regions), tuple(sel.years), lang, bool(log)
        )
        show_chart(fig, key=f"fig_{key}", config=charts.download_config(name), lang=lang)
    elif view == "table":
        st.dataframe(table(), hide_index=True, key=f"table_{key}")
    else:
        st.dataframe(
            tables.sources(_shown(d, indicator_id, regions, sel.years), catalog, lang),
            hide_index=True,
            key=f"sources_{key}",
            column_config={t("col_link", lang): st.column_config.LinkColumn()},
        )


def no_data_text(d: Data, indicator_id: str, regions: list[str], sel: Selection) -> str:
    """Why a block is empty and what to do: widen the years, add a region that has figures, or, when only
    the national reference has them (a total, not drawn beside provinces and cities), add it as a region."""
    catalog, lang = d.catalog, sel.lang
    name = catalog.indicators[indicator_id].name(lang)
    have = [r for r in d.of(indicator_id)["region_id"].unique() if r in catalog.regions]
    elsewhere = [r for r in catalog.regions if r in have and r not in regions]
    if not elsewhere:
        return t("no_data_years", lang, name=name)
    if elsewhere == [REFERENCE_REGION] and sel.reference:
        return t("no_data_reference", lang, name=name, reference=catalog.regions[REFERENCE_REGION].name(lang))
    hint = writing.join([catalog.regions[r].name(lang) for r in elsewhere[:3]], lang)
    return t("no_data", lang, name=name, hint=hint)


def theme_indicators(d: Data, theme: str, sel: Selection) -> list[str]:
    """Indicators of a theme that have data for the plotted regions: headline ones first, then in the
    catalog's order, the same in both languages."""
    return list(_theme_ids(settings.db(), d.revision, theme, tuple(sel.plotted_regions)))


def target_progress(d: Data, indicator_ids: list[str], sel: Selection) -> list[str]:
    lines = _target_lines(
        settings.db(),
        d.revision,
        tuple(indicator_ids),
        tuple(sel.plotted_regions),
        tuple(sel.years),
        sel.lang,
    )
    return [md_escape(line) for line in lines]


def share_of_parent_block(d: Data, indicator_id: str, sel: Selection, key: str) -> None:
    """A city's share of its province (e.g. Qingdao's 5G stations as a share of Shandong's)."""
    catalog, lang = d.catalog, sel.lang
    cities = [r for r in sel.regions if catalog.regions[r].level == "city"]
    if not cities:
        return
    city, parent = catalog.regions[cities[0]], catalog.regions[catalog.regions[cities[0]].parent]
    title = t("share_title", lang, city=city.name(lang), parent=parent.name(lang))
    st.subheader(title)
    empty, lines, fig = _share_parts(
        settings.db(), d.revision, indicator_id, tuple(cities), tuple(sel.years), lang, title
    )
    if empty:
        st.info(t("share_none", lang))
        return
    st.markdown("\n".join(f"- {md_escape(line)}" for line in lines))
    if fig is not None:
        show_chart(fig, key=f"fig_{key}", config=charts.download_config(f"{indicator_id}_share"), lang=lang)


def rank_change_lines(d: Data, indicator_id: str, sel: Selection) -> list[str]:
    """The rank changes of the plotted regions, as markdown-safe lines."""
    lines = _rank_lines(
        settings.db(), d.revision, indicator_id, tuple(sel.plotted_regions), tuple(sel.years), sel.lang
    )
    return [md_escape(x) for x in lines]


def indicator_catalog_table(d: Data, lang: str, query: str = "") -> pd.DataFrame:
    """Every indicator in one table: theme, name, unit, what it measures, how many figures, last update."""
    return _catalog_table(settings.db(), d.revision, lang, query.strip().lower()).copy(deep=False)


def indicator_sources(d: Data, indicator_id: str, sel: Selection) -> None:
    """One expander: definition, unit, direction, every figure with its source and quote, last update."""
    catalog, lang = d.catalog, sel.lang
    ind = catalog.indicators[indicator_id]
    rows = d.of(indicator_id)
    with st.container(border=True):
        st.subheader(ind.name(lang))
        st.markdown(md_escape(ind.description(lang)))
        unit = catalog.units.get(ind.unit)
        st.caption(
            f"{t('unit', lang)}：{unit.name(lang) if unit else ind.unit} · "
            f"{t('better_' + ('higher' if ind.higher_is_better else 'lower'), lang)}"
        )
        if rows.empty:
            st.caption(t("card_none", lang))
            return
        last = int(rows["revision_id"].max()) if "revision_id" in rows else d.revision
        st.caption(t("last_updated", lang, rev=last, when=d.revision_time(lang, last)))
        table, listed = _source_tables(settings.db(), d.revision, indicator_id, lang)
        st.dataframe(table.copy(deep=False), hide_index=True, key=f"src_table_{indicator_id}")
        st.dataframe(
            listed.copy(deep=False),
            hide_index=True,
            key=f"src_list_{indicator_id}",
            column_config={t("col_link", lang): st.column_config.LinkColumn()},
        )


def breaks_and_alternatives(d: Data, sel: Selection) -> None:
    catalog, lang = d.catalog, sel.lang
    st.header(t("series_breaks", lang))
    breaks = pd.DataFrame(
        [
            {
                t("col_indicator", lang): catalog.indicators[b.indicator_id].name(lang),
                t("col_region", lang): catalog.regions[b.region_id].name(lang),
                t("col_year", lang): b.first_year,
                t("kind", lang): t(f"break_{b.kind}", lang),
                t("col_note", lang): b.note(lang),
            }
            for b in catalog.series_breaks
            if b.indicator_id in catalog.indicators
        ]
    )
    st.dataframe(breaks, hide_index=True, key="breaks")
    st.header(t("alternatives", lang))
    st.caption(t("alternatives_rule", lang))
    _, alternatives = _curated_extras()
    alt = pd.DataFrame(alternatives)
    if not alt.empty:
        shown = pd.DataFrame(
            {
                t("col_indicator", lang): alt["indicator_id"].map(lambda i: catalog.indicators[i].name(lang)),
                t("col_region", lang): alt["region_id"].map(lambda r: catalog.regions[r].name(lang)),
                t("col_year", lang): alt["year"],
                t("col_value", lang): alt["value"],
                t("col_source", lang): alt["source_id"].map(
                    lambda s: catalog.sources[s].title if s in catalog.sources else s
                ),
                t("col_as_of", lang): [writing.date(a, lang) if a else "" for a in alt["as_of"]],
                t("col_note", lang): [catalog.note(r, lang) for r in alt["reason"]],
            }
        )
        st.dataframe(shown, hide_index=True, key="alternatives")


def transform_params(transform: str, sel: Selection, regions: list[str]) -> dict:
    """The extra inputs a transform needs (base year, CAGR years, the two regions), kept in the URL."""
    lang, (low, high) = sel.lang, sel.years
    years = list(range(low, high + 1))
    if transform == "index":
        param("cmp_base", "base", int, low)
        return {"base_year": st.selectbox(t("base_year", lang), years, key="cmp_base")}
    if transform == "cagr":
        param("cmp_from", "from", int, low)
        param("cmp_to", "to", int, high)
        a, b = st.columns(2)
        return {
            "start": a.selectbox(t("cagr_from", lang), years, key="cmp_from"),
            "end": b.selectbox(t("cagr_to", lang), years, key="cmp_to"),
        }
    if transform == "gap" and regions:
        param("cmp_a", "a", str, regions[0])
        param("cmp_b", "b", str, regions[1] if len(regions) > 1 else regions[0])
        a, b = st.columns(2)
        name = lambda r: sel_name(r, lang)  # noqa: E731
        return {
            "region_a": a.selectbox(t("gap_a", lang), regions, key="cmp_a", format_func=name),
            "region_b": b.selectbox(t("gap_b", lang), regions, key="cmp_b", format_func=name),
        }
    return {}


def sel_name(region_id: str, lang: str) -> str:
    region = data().catalog.regions.get(region_id)
    return region.name(lang) if region else region_id
