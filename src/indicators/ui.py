"""The only Streamlit glue: the cached store and data, the shared sidebar and its URL, KPI cards and the
chart block. Pages call these; the numbers come from `analysis`, the figures from `charts`.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from indicators import briefing, charts, sentences, writing
from indicators.catalog import Catalog, load_curated_extras
from indicators.comparability import chart_regions
from indicators.export import table_bytes
from indicators.i18n import LANGS, t
from indicators.store import Store, default_db

DEFAULT_REGIONS = ("shandong", "qingdao")
REFERENCE_REGION = "china"


# -- data ---------------------------------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def get_store(db: str) -> Store:
    return Store(db)


@dataclass(frozen=True)
class Data:
    frame: pd.DataFrame  # the tidy frame plus `revision_id`, the revision that set each row
    catalog: Catalog
    revision: int
    revision_times: dict[int, str]
    _by_indicator: dict = field(default_factory=dict, compare=False, repr=False)

    def revision_time(self, lang: str, revision: int | None = None) -> str:
        """When a revision (the head by default) was made, in Beijing time."""
        return writing.timestamp(self.revision_times.get(self.revision if revision is None else revision, ""), lang)

    def of(self, indicator_id: str) -> pd.DataFrame:
        """The rows of one indicator, split once per revision (a 200,000-row filter costs milliseconds)."""
        if not self._by_indicator:
            self._by_indicator.update({k: v for k, v in self.frame.groupby("indicator_id", sort=False)})
        return self._by_indicator.get(indicator_id, self.frame.iloc[0:0])


@st.cache_resource(show_spinner=False, max_entries=3)
def _load(db: str, revision: int) -> Data:
    store = get_store(db)
    frame = store.current_with_revision()
    times = {r.id: r.created_at for r in store.history()}
    return Data(frame, store.full_catalog(), revision, times)


def selection() -> Selection:
    """The selection the app's sidebar made for this run."""
    return st.session_state["_selection"]


def run_page(page) -> None:
    """Run a page; an unexpected error shows a plain message, never a traceback, and is logged."""
    try:
        page.run()
    except Exception:  # noqa: BLE001 - the last line of defence for the person at the screen
        import logging

        logging.getLogger("indicators").exception("page failed")
        lang = st.session_state.get("lang", "zh")
        st.error(t("error_generic", lang))


def store() -> Store:
    return get_store(default_db())


def data() -> Data:
    """The current data, reloaded only when the store's head revision moved (one cheap query per run)."""
    db = default_db()
    return _load(db, get_store(db).head_revision())


# -- the selection, mirrored to the URL ---------------------------------------------------------------
@dataclass(frozen=True)
class Selection:
    lang: str
    regions: tuple[str, ...]
    years: tuple[int, int]
    reference: bool = True
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def plotted_regions(self) -> list[str]:
        regions = list(self.regions)
        if self.reference and REFERENCE_REGION not in regions:
            regions.append(REFERENCE_REGION)
        return regions

    def regions_for(self, catalog: Catalog, indicator_id: str) -> list[str]:
        """The regions a chart of this indicator draws (`comparability.chart_regions`): the selected ones,
        plus the national reference for shares, rates and indices only."""
        return chart_regions(catalog, indicator_id, list(self.regions), REFERENCE_REGION if self.reference else None)


def _url_list(name: str) -> list[str]:
    raw = st.query_params.get(name, "")
    return [p for p in raw.split(",") if p]


def url_state(key: str, url_name: str, parse, default):
    """Put the URL's value (or the default) into session state once, before the widget reads it."""
    if key not in st.session_state:
        raw = st.query_params.get(url_name)
        try:
            value = parse(raw) if raw is not None else default
        except (TypeError, ValueError):
            value = default
        st.session_state[key] = value
    return st.session_state[key]


def year_bounds(frame: pd.DataFrame) -> tuple[int, int]:
    if frame.empty:
        return 2012, 2030
    return int(frame["year"].min()), int(frame["year"].max())


# Widgets whose options are shown through a language-dependent format_func and that take no default:
# Streamlit keeps a multiselect's or selectbox's value as the formatted strings, so a language switch
# would drop it. On the switch each is re-assigned its own value (read back as ids) before it is drawn.
LANG_SENSITIVE = ("regions", "cmp_ind", "cmp_tf", "cmp_a", "cmp_b", "src_ind", "data_f_ind", "data_f_reg",
                  "data_f_status", "present_slide", "present_deck")


def _carry_over_language_change() -> None:
    """On a language switch, give the language-sensitive widgets back the values they had (as ids)."""
    new, old = st.session_state.get("lang"), st.session_state.get("_last_lang")
    if old and new and new != old:
        for key, value in st.session_state.get("_remembered", {}).items():
            with contextlib.suppress(StreamlitAPIException):
                st.session_state[key] = value
    st.session_state["_last_lang"] = new


def _remember() -> None:
    """Keep a copy of the language-sensitive widgets' values, as ids, for the next language switch."""
    remembered = st.session_state.setdefault("_remembered", {})
    for key in LANG_SENSITIVE:
        if key in st.session_state:
            value = st.session_state[key]
            remembered[key] = list(value) if isinstance(value, list | tuple) else value


# Static CSS for every page (never text from the user or the data): a card's label, value and change wrap
# onto a second line instead of being cut with an ellipsis, and its value shrinks on a narrow screen.
CSS = """<style>
[data-testid="stMetric"] [data-testid="stMarkdownContainer"], [data-testid="stMetric"] [data-testid="stCaptionContainer"],
[data-testid="stMetric"] p { white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
[data-testid="stMetricValue"] { font-size: clamp(1.3rem, 0.9rem + 1.1vw, 2.25rem); line-height: 1.2; }
[data-testid="stMetric"] div:has(> [data-testid="stMetricDelta"]) { flex-wrap: wrap; row-gap: 0.2rem; overflow: visible; }
[data-testid="stMetricDeltaDescription"], [data-testid="stMetricDeltaDescription"] * {
  flex: 0 0 auto; overflow: visible !important; }
[data-testid="stMetricDeltaDescription"] p { white-space: nowrap !important; }
</style>"""


def sidebar(d: Data) -> Selection:
    """The shared sidebar: language, regions, years. Its state lives in the URL."""
    _carry_over_language_change()
    st.html(CSS)
    catalog = d.catalog
    region_ids = [r.id for r in catalog.ordered_regions()]
    low, high = year_bounds(d.frame)
    url_state("lang", "lang", lambda v: v if v in LANGS else "zh", "zh")
    url_state("regions", "regions", lambda v: [r for r in v.split(",") if r in region_ids], list(DEFAULT_REGIONS))
    url_state("reference", "ref", lambda v: v != "0", True)

    def parse_years(v: str) -> tuple[int, int]:
        a, b = (int(x) for x in v.split("-"))
        return max(low, min(a, b)), min(high, max(a, b))

    url_state("years", "years", parse_years, (low, high))
    with st.sidebar:
        lang = st.segmented_control(t("language", "zh") + " / Language", list(LANGS), key="lang",
                                    format_func=LANGS.get, required=True)
        lang = lang or "zh"
        # one label in both languages: Streamlit keeps a multiselect's value as its labels, and labels that
        # changed with the language emptied the selection at the next click
        regions = st.multiselect(t("regions", lang), region_ids, key="regions", placeholder=t("choose", lang), help=t("regions_help", lang),
                                 format_func=lambda r: f"{catalog.regions[r].name_zh} {catalog.regions[r].name_en}")
        reference = st.toggle(t("reference", lang), key="reference")
        years = st.slider(t("years", lang), low, high, key="years")
        st.caption(t("data_revision", lang, rev=d.revision, when=d.revision_time(lang)))
    sel = Selection(lang, tuple(regions), (int(years[0]), int(years[1])), bool(reference))
    st.session_state["_selection"] = sel
    _remember()
    st.session_state["_url_written"] = False
    return sel


def _url_params(sel: Selection, page_params: dict) -> dict[str, str]:
    params = {"lang": sel.lang, "regions": ",".join(sel.regions), "years": f"{sel.years[0]}-{sel.years[1]}"}
    if not sel.reference:
        params["ref"] = "0"
    for name, value in page_params.items():
        if value not in (None, "", ()):
            params[name] = ",".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
    return params


def write_url(sel: Selection, **page_params: object) -> None:
    """The view in the URL, so that a copied link reopens it: the shared selection plus the page's own
    parameters. Called by a page after it has read its parameters; `finish_url` covers the others."""
    params = _url_params(sel, page_params)
    if dict(st.query_params) != params:
        st.query_params.from_dict(params)
    st.session_state["_url_written"] = True


def finish_url(sel: Selection) -> None:
    """After a page that keeps no parameters of its own: the URL holds the shared selection only."""
    if not st.session_state.get("_url_written"):
        write_url(sel)
    _remember()


def page_param(key: str, url_name: str, parse, default):
    """A page's own state (indicators, transform, slide) read from the URL once, then from the session."""
    return url_state(key, url_name, parse, default)


# -- pieces of a page ---------------------------------------------------------------------------------
def in_years(frame: pd.DataFrame, sel: Selection) -> pd.DataFrame:
    return frame[(frame["year"] >= sel.years[0]) & (frame["year"] <= sel.years[1])]


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
                    cells[0].markdown(f"**{_md_escape(ind.name(lang))}**", help=ind.description(lang))
                for cell, region_id in zip(cells[1:], regions[start:start + per_row], strict=False):
                    with cell:
                        _card(d, ind_id, region_id, sel)


def _card(d: Data, ind_id: str, region_id: str, sel: Selection) -> None:
    c = _card_parts(default_db(), d.revision, ind_id, region_id, tuple(sel.years), sel.lang)
    st.metric(c.label, c.value, c.delta, delta_color=c.delta_color, delta_arrow=c.delta_arrow,
              delta_description=c.delta_description, help="  \n".join(_md_escape(x) for x in c.help_lines) or None,
              chart_data=list(c.spark) if c.spark else None, chart_type=c.chart_type)


@st.cache_resource(show_spinner=False, max_entries=2000)
def _card_parts(db: str, revision: int, ind_id: str, region_id: str, years: tuple[int, int],
                lang: str) -> sentences.Card:
    """What a card shows (`sentences.card`, frozen), computed once per head revision and view."""
    d = _load(db, revision)
    frame = d.of(ind_id)
    frame = frame[(frame["year"] >= years[0]) & (frame["year"] <= years[1])]
    return sentences.card(frame, d.catalog, ind_id, region_id, lang)


def _md_escape(text: str) -> str:
    """Text from the data shown through markdown: no markup, no HTML."""
    out = str(text)
    for ch in "\\`*_[]#|<>~$":
        out = out.replace(ch, "\\" + ch)
    return out


def table_for(frame: pd.DataFrame, catalog: Catalog, lang: str) -> pd.DataFrame:
    """The numbers behind a chart, readable (`briefing.data_table`, the one readable table)."""
    return briefing.data_table(frame, catalog, lang)


def sources_for(frame: pd.DataFrame, catalog: Catalog, lang: str) -> pd.DataFrame:
    ids = list(dict.fromkeys(frame["source_id"]))
    rows = [catalog.sources[s] for s in ids if s in catalog.sources]
    return pd.DataFrame({
        t("col_source", lang): [s.title for s in rows], t("col_publisher", lang): [s.publisher for s in rows],
        t("col_published", lang): [s.published for s in rows], t("col_link", lang): [s.url or None for s in rows],
    })


def chart_block(d: Data, indicator_id: str, sel: Selection, key: str, *, regions: list[str] | None = None,
                divider: bool = True) -> None:
    """Takeaway, then the chart, its table or its sources; log toggle and downloads beside it."""
    catalog, lang = d.catalog, sel.lang
    regions = regions if regions is not None else sel.regions_for(catalog, indicator_id)
    ind = catalog.indicators[indicator_id]
    compared = [r for r in sel.regions if r in regions] or regions
    if divider:
        st.divider()
    parts = _chart_parts(default_db(), d.revision, indicator_id, tuple(regions), tuple(compared), tuple(sel.years),
                         lang)
    if parts is None:
        st.info(no_data_text(d, indicator_id, regions, sel))
        return
    takeaway, sparse, spans_orders = parts
    st.markdown("##### " + _md_escape(takeaway), help=ind.description(lang))
    if sparse:  # one or two years of figures: a small table of facts, not a chart
        st.dataframe(briefing.fact_table(_shown(d, indicator_id, regions, sel.years), catalog, lang),
                     hide_index=True, key=f"facts_{key}")
        return
    controls = st.columns([3, 2, 2, 2], vertical_alignment="center")
    view = controls[0].segmented_control(t("view", lang), ["chart", "table", "sources"], default="chart",
                                         key=f"view_{key}", format_func=lambda v: t(f"view_{v}", lang),
                                         label_visibility="collapsed") or "chart"
    log = spans_orders and controls[1].toggle(t("log_scale", lang), key=f"log_{key}", help=t("log_help", lang))
    name = charts.chart_filename(indicator_id, regions, lang)

    def table() -> pd.DataFrame:
        return table_for(_shown(d, indicator_id, regions, sel.years), catalog, lang)

    controls[2].download_button(t("download_csv", lang), lambda: table_bytes(table(), "csv"), f"{name}.csv",
                                "text/csv", key=f"csv_{key}", on_click="ignore")
    controls[3].download_button(t("download_xlsx", lang), lambda: table_bytes(table(), "xlsx"), f"{name}.xlsx",
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                key=f"xlsx_{key}", on_click="ignore")
    if view == "chart":
        fig = _trend_figure(default_db(), d.revision, indicator_id, tuple(regions), tuple(sel.years), lang, bool(log))
        st.plotly_chart(fig, key=f"fig_{key}", config=charts.download_config(name), theme=None)
    elif view == "table":
        st.dataframe(table(), hide_index=True, key=f"table_{key}")
    else:
        st.dataframe(sources_for(_shown(d, indicator_id, regions, sel.years), catalog, lang), hide_index=True,
                     key=f"sources_{key}", column_config={t("col_link", lang): st.column_config.LinkColumn()})


def _shown(d: Data, indicator_id: str, regions: list[str] | tuple, years: tuple[int, int]) -> pd.DataFrame:
    rows = d.of(indicator_id)
    return rows[rows["region_id"].isin(list(regions)) & (rows["year"] >= years[0]) & (rows["year"] <= years[1])]


@st.cache_resource(show_spinner=False, max_entries=2000)
def _chart_parts(db: str, revision: int, indicator_id: str, regions: tuple, compared: tuple, years: tuple,
                 lang: str):
    """(takeaway, whether the figures are too few for a chart, whether values span orders of magnitude),
    or None without any figure."""
    d = _load(db, revision)
    shown = _shown(d, indicator_id, regions, years)
    if shown.empty:
        return None
    with_data = [r for r in compared if (shown["region_id"] == r).any()] or list(regions)
    takeaway = sentences.takeaway(shown, d.catalog, indicator_id, with_data, lang)
    positive = shown.loc[shown["value"] > 0, "value"]
    spans = (d.catalog.indicators[indicator_id].kind != "rank" and len(positive) > 1
             and positive.max() / positive.min() >= 100)
    return takeaway, briefing.is_sparse(shown), bool(spans)


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


@st.cache_resource(show_spinner=False, max_entries=2000)
def _trend_figure(db: str, revision: int, indicator_id: str, regions: tuple, years: tuple, lang: str, log: bool):
    """The chart, built once per head revision and view: pages rerun on every click."""
    d = _load(db, revision)
    return charts.trend(_shown(d, indicator_id, regions, years), d.catalog, indicator_id, list(regions), lang,
                        log=log, years=years)


def theme_indicators(d: Data, theme: str, sel: Selection) -> list[str]:
    """Indicators of a theme that have data for the plotted regions: headline ones first, then in the
    catalog's order, the same in both languages."""
    regions = set(sel.plotted_regions)
    have = set(d.frame.loc[d.frame["region_id"].isin(regions), "indicator_id"])
    ids = [i for i, ind in d.catalog.indicators.items() if ind.theme == theme and i in have]
    return sorted(ids, key=lambda i: d.catalog.indicators[i].headline or 999)  # stable: catalog order kept


def target_progress(d: Data, indicator_ids: list[str], sel: Selection) -> list[str]:
    frame = in_years(d.frame, sel)
    return [_md_escape(line) for line in
            sentences.target_lines(frame, d.catalog, indicator_ids, list(sel.plotted_regions), sel.lang)]


def share_of_parent_block(d: Data, indicator_id: str, sel: Selection, key: str) -> None:
    """A city's share of its province (e.g. Qingdao's 5G stations as a share of Shandong's)."""
    catalog, lang = d.catalog, sel.lang
    cities = [r for r in sel.regions if catalog.regions[r].level == "city"]
    if not cities:
        return
    city, parent = catalog.regions[cities[0]], catalog.regions[catalog.regions[cities[0]].parent]
    st.subheader(t("share_title", lang, city=city.name(lang), parent=parent.name(lang)))
    shares, lines = sentences.share_lines(in_years(d.frame, sel), catalog, indicator_id, cities, lang)
    if shares.empty:
        st.info(t("share_none", lang))
        return
    st.markdown("\n".join(f"- {_md_escape(line)}" for line in lines))
    if shares["year"].nunique() > 1:
        fig = charts.transformed(shares.assign(indicator_id=indicator_id), catalog, "share_pct", "%",
                                 t("share_title", lang, city=city.name(lang), parent=parent.name(lang)), lang)
        fig.update_yaxes(rangemode="tozero")
        st.plotly_chart(fig, key=f"fig_{key}", config=charts.download_config(f"{indicator_id}_share"), theme=None)


def rank_change_lines(d: Data, indicator_id: str, sel: Selection) -> list[str]:
    return _rank_lines(default_db(), d.revision, indicator_id, tuple(sel.plotted_regions), tuple(sel.years), sel.lang)


@st.cache_resource(show_spinner=False, max_entries=500)
def _rank_lines(db: str, revision: int, indicator_id: str, regions: tuple, years: tuple, lang: str) -> list[str]:
    d = _load(db, revision)
    frame = _shown(d, indicator_id, regions, years)
    return [_md_escape(x) for x in sentences.rank_lines(frame, d.catalog, indicator_id, list(regions), lang)]


def indicator_catalog_table(d: Data, lang: str, query: str = "") -> pd.DataFrame:
    """Every indicator in one table: theme, name, unit, what it measures, how many figures, last update."""
    needle = query.strip().lower()
    counts = d.frame.groupby("indicator_id").agg(figures=("value", "size"), last=("revision_id", "max"))
    rows = []
    for ind in d.catalog.indicators.values():
        text = " ".join((ind.id, ind.name_zh, ind.name_en, ind.description_zh, ind.description_en)).lower()
        if needle and needle not in text:
            continue
        unit = d.catalog.units.get(ind.unit)
        last = int(counts.loc[ind.id, "last"]) if ind.id in counts.index else None
        rows.append({t("col_theme", lang): t(f"theme_{ind.theme}", lang), t("col_indicator", lang): ind.name(lang),
                     t("unit", lang): unit.name(lang) if unit else ind.unit, t("col_id", lang): ind.id,
                     t("col_description", lang): ind.description(lang),
                     t("col_figures", lang): int(counts.loc[ind.id, "figures"]) if ind.id in counts.index else 0,
                     t("last_updated_short", lang): writing.day(d.revision_times[last], lang)
                     if last in d.revision_times else ""})
    return pd.DataFrame(rows)


@st.cache_resource(show_spinner=False)
def _curated_extras():
    return load_curated_extras()


def indicator_sources(d: Data, indicator_id: str, sel: Selection) -> None:
    """One expander: definition, unit, direction, every figure with its source and quote, last update."""
    catalog, lang = d.catalog, sel.lang
    ind = catalog.indicators[indicator_id]
    rows = d.frame[d.frame["indicator_id"] == indicator_id]
    with st.container(border=True):
        st.subheader(ind.name(lang))
        st.markdown(_md_escape(ind.description(lang)))
        unit = catalog.units.get(ind.unit)
        st.caption(f"{t('unit', lang)}：{unit.name(lang) if unit else ind.unit} · "
                   f"{t('better_' + ('higher' if ind.higher_is_better else 'lower'), lang)}")
        if rows.empty:
            st.caption(t("card_none", lang))
            return
        last = int(rows["revision_id"].max()) if "revision_id" in rows else d.revision
        st.caption(t("last_updated", lang, rev=last, when=d.revision_time(lang, last)))
        quotes, _ = _curated_extras()
        table = table_for(rows, catalog, lang)
        table["quote"] = [quotes.get((r.indicator_id, r.region_id, int(r.year), r.status), "")
                          for r in rows.loc[table.index].itertuples(index=False)]
        table = table.rename(columns={"quote": "原文" if lang == "zh" else "Quote"})
        st.dataframe(table.drop(columns=[t("col_indicator", lang)]), hide_index=True,
                     key=f"src_table_{indicator_id}")
        st.dataframe(sources_for(rows, catalog, lang), hide_index=True, key=f"src_list_{indicator_id}",
                     column_config={t("col_link", lang): st.column_config.LinkColumn()})


def breaks_and_alternatives(d: Data, sel: Selection) -> None:
    catalog, lang = d.catalog, sel.lang
    st.header(t("series_breaks", lang))
    breaks = pd.DataFrame([{t("col_indicator", lang): catalog.indicators[b.indicator_id].name(lang),
                            t("col_region", lang): catalog.regions[b.region_id].name(lang),
                            t("col_year", lang): b.first_year, t("kind", lang): t(f"break_{b.kind}", lang),
                            t("col_note", lang): b.note(lang)}
                           for b in catalog.series_breaks if b.indicator_id in catalog.indicators])
    st.dataframe(breaks, hide_index=True, key="breaks")
    st.header(t("alternatives", lang))
    st.caption(t("alternatives_rule", lang))
    _, alternatives = _curated_extras()
    alt = pd.DataFrame(alternatives)
    if not alt.empty:
        shown = pd.DataFrame({
            t("col_indicator", lang): alt["indicator_id"].map(lambda i: catalog.indicators[i].name(lang)),
            t("col_region", lang): alt["region_id"].map(lambda r: catalog.regions[r].name(lang)),
            t("col_year", lang): alt["year"], t("col_value", lang): alt["value"],
            t("col_source", lang): alt["source_id"].map(lambda s: catalog.sources[s].title if s in catalog.sources else s),
            t("col_as_of", lang): [writing.date(a, lang) if a else "" for a in alt["as_of"]],
            t("col_note", lang): [catalog.note(r, lang) for r in alt["reason"]],
        })
        st.dataframe(shown, hide_index=True, key="alternatives")


def transform_params(transform: str, sel: Selection, regions: list[str]) -> dict:
    """The extra inputs a transform needs (base year, CAGR years, the two regions), kept in the URL."""
    lang, (low, high) = sel.lang, sel.years
    years = list(range(low, high + 1))
    if transform == "index":
        page_param("cmp_base", "base", int, low)
        return {"base_year": st.selectbox(t("base_year", lang), years, key="cmp_base")}
    if transform == "cagr":
        page_param("cmp_from", "from", int, low)
        page_param("cmp_to", "to", int, high)
        a, b = st.columns(2)
        return {"start": a.selectbox(t("cagr_from", lang), years, key="cmp_from"),
                "end": b.selectbox(t("cagr_to", lang), years, key="cmp_to")}
    if transform == "gap" and regions:
        page_param("cmp_a", "a", str, regions[0])
        page_param("cmp_b", "b", str, regions[1] if len(regions) > 1 else regions[0])
        a, b = st.columns(2)
        name = lambda r: sel_name(r, lang)  # noqa: E731
        return {"region_a": a.selectbox(t("gap_a", lang), regions, key="cmp_a", format_func=name),
                "region_b": b.selectbox(t("gap_b", lang), regions, key="cmp_b", format_func=name)}
    return {}


def sel_name(region_id: str, lang: str) -> str:
    region = data().catalog.regions.get(region_id)
    return region.name(lang) if region else region_id
