"""The data the pages read, cached once per head revision and shared by every session (no copy per hit): the
store handle and the tidy frame with its catalog (`Data`) through `st.cache_resource`, and what pages build
from it (cards, takeaways, charts, facts tables, rank lines) through `per_view`, a plain LRU memo keyed on the
head revision and the view. Streamlit's cache hashes every argument and inspects the function's signature on
each hit (about 1 ms a call, dozens of calls a run); the memo's hit costs microseconds, and keyed on the
revision it is never stale.

No session can change what another sees: `Data.frame` and `Data.of` hand out copy-on-write views (pandas
copies on the first write, so a page that adds a column changes only its own), cards are frozen
dataclasses, takeaways and lines are strings and tuples, charts are their JSON text (`ReadyFigure`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from types import MappingProxyType

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from indicators import cards, charts, deck, sentences, settings, tables, transforms, writing
from indicators.catalog import Catalog, load_curated_extras
from indicators.i18n import t
from indicators.store import Store


def per_view(maxsize: int):
    """Memoise a pure function of (db, revision, view...) for every session: hashable arguments only."""
    return functools.lru_cache(maxsize=maxsize)


@st.cache_resource(show_spinner=False)
def get_store(db: str) -> Store:
    return Store(db)


@dataclass(frozen=True)
class Data:
    rows: pd.DataFrame  # the tidy frame plus `revision_id`, the revision that set each row; read via `frame`
    catalog: Catalog
    revision: int
    revision_times: MappingProxyType
    _by_indicator: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def frame(self) -> pd.DataFrame:
        """The current data, as a copy-on-write view: writing to it never reaches the shared frame."""
        return self.rows.copy(deep=False)

    def revision_time(self, lang: str, revision: int | None = None) -> str:
        """When a revision (the head by default) was made, in Beijing time."""
        return writing.timestamp(
            self.revision_times.get(self.revision if revision is None else revision, ""), lang
        )

    def of(self, indicator_id: str) -> pd.DataFrame:
        """The rows of one indicator, split once per revision (a 200,000-row filter costs milliseconds)."""
        if not self._by_indicator:
            self._by_indicator.update({k: v for k, v in self.rows.groupby("indicator_id", sort=False)})
        return self._by_indicator.get(indicator_id, self.rows.iloc[0:0]).copy(deep=False)


@st.cache_resource(show_spinner=False, max_entries=3)
def _load(db: str, revision: int) -> Data:
    store = get_store(db)
    frame = store.current_with_revision()
    times = {r.id: r.created_at for r in store.history()}
    return Data(frame, store.full_catalog(), revision, MappingProxyType(times))


def store() -> Store:
    return get_store(settings.db())


def data() -> Data:
    """The current data, reloaded only when the store's head revision moved (one cheap query per run)."""
    db = settings.db()
    return _load(db, get_store(db).head_revision())


def _shown(d: Data, indicator_id: str, regions: list[str] | tuple, years: tuple[int, int]) -> pd.DataFrame:
    rows = d.of(indicator_id)
    return rows[
        rows["region_id"].isin(list(regions)) & (rows["year"] >= years[0]) & (rows["year"] <= years[1])
    ]


@per_view(2000)
def _card_parts(
    db: str, revision: int, ind_id: str, region_id: str, years: tuple[int, int], lang: str
) -> cards.Card:
    """What a card shows (`cards.card`, frozen), computed once per head revision and view."""
    d = _load(db, revision)
    frame = d.of(ind_id)
    frame = frame[(frame["year"] >= years[0]) & (frame["year"] <= years[1])]
    return cards.card(frame, d.catalog, ind_id, region_id, lang)


@per_view(2000)
def _chart_parts(
    db: str, revision: int, indicator_id: str, regions: tuple, compared: tuple, years: tuple, lang: str
):
    """(takeaway, whether the figures are too few for a chart, whether values span orders of magnitude),
    or None without any figure."""
    d = _load(db, revision)
    shown = _shown(d, indicator_id, regions, years)
    if shown.empty:
        return None
    with_data = [r for r in compared if (shown["region_id"] == r).any()] or list(regions)
    takeaway = sentences.takeaway(shown, d.catalog, indicator_id, with_data, lang)
    positive = shown.loc[shown["value"] > 0, "value"]
    spans = (
        d.catalog.indicators[indicator_id].kind != "rank"
        and len(positive) > 1
        and positive.max() / positive.min() >= 100
    )
    return takeaway, tables.is_sparse(shown), bool(spans)


@per_view(2000)
def _facts_table(
    db: str, revision: int, indicator_id: str, regions: tuple, years: tuple, lang: str
) -> pd.DataFrame:
    """A sparse indicator's small table of facts (`tables.facts`), built once per head revision and view; the
    Industry page has a dozen of them and rebuilt each on every run (10 ms apiece). Read through `facts`."""
    d = _load(db, revision)
    return tables.facts(_shown(d, indicator_id, regions, years), d.catalog, lang)


def facts(
    d: Data, indicator_id: str, regions: list[str] | tuple, years: tuple[int, int], lang: str
) -> pd.DataFrame:
    """The cached facts table as a copy-on-write view: writing to it never reaches the shared one."""
    return _facts_table(settings.db(), d.revision, indicator_id, tuple(regions), tuple(years), lang).copy(
        deep=False
    )


@dataclass(frozen=True, init=False)
class ReadyFigure:
    """A figure as the JSON the page's chart draws (`ui.plot`), made once and cached with its view: Plotly's
    `to_dict` deep-copies every array (4 ms a chart on the curated data, 35 ms on a 200,000-observation store),
    and the text is all a run needs of it."""

    spec: str

    def __init__(self, figure: go.Figure) -> None:
        object.__setattr__(self, "spec", pio.to_json(figure, validate=False))


@per_view(2000)
def _trend_figure(
    db: str, revision: int, indicator_id: str, regions: tuple, years: tuple, lang: str, log: bool
):
    """The chart, built once per head revision and view: pages rerun on every click."""
    d = _load(db, revision)
    return ReadyFigure(
        charts.trend(
            _shown(d, indicator_id, regions, years),
            d.catalog,
            indicator_id,
            list(regions),
            lang,
            log=log,
            years=years,
        )
    )


@per_view(500)
def _slide_parts(
    db: str, revision: int, indicator_id: str, regions: tuple, reference: str | None, years: tuple, lang: str
):
    """A Present slide, built once per head revision and view: (`deck.ChartContent`, its projector-size
    figure or None, its facts table or None). Stepping through a deck reruns the page on every key."""
    d = _load(db, revision)
    content = deck.chart_content(d.frame, d.catalog, indicator_id, list(regions), reference, years, lang)
    if content.rows.empty:
        return content, None, None
    if tables.is_sparse(content.rows):
        return content, None, tables.facts(content.rows, d.catalog, lang)
    return (
        content,
        ReadyFigure(
            charts.trend(
                content.rows, d.catalog, indicator_id, content.regions, lang, years=years, big=True, fill=True
            )
        ),
        None,
    )


def slide_parts(
    d: Data,
    indicator_id: str,
    regions: list[str] | tuple,
    reference: str | None,
    years: tuple[int, int],
    lang: str,
):
    """The cached parts of a Present slide (`_slide_parts`); its facts table as a copy-on-write view."""
    content, fig, facts_table = _slide_parts(
        settings.db(), d.revision, indicator_id, tuple(regions), reference, tuple(years), lang
    )
    return content, fig, None if facts_table is None else facts_table.copy(deep=False)


@per_view(200)
def _default_deck(db: str, revision: int, regions: tuple, years: tuple) -> tuple[str, ...]:
    d = _load(db, revision)
    return tuple(deck.default_deck(d.frame, d.catalog, list(regions), years))


def default_deck(d: Data, regions: list[str] | tuple, years: tuple[int, int]) -> list[str]:
    """The default storyline (`deck.default_deck`) for the regions and years, once per head revision."""
    return list(_default_deck(settings.db(), d.revision, tuple(regions), tuple(years)))


@per_view(500)
def _theme_ids(db: str, revision: int, theme: str, regions: tuple) -> tuple[str, ...]:
    """Indicators of a theme that have data for the regions: headline ones first, then in the catalog's order."""
    d = _load(db, revision)
    have = set(d.rows.loc[d.rows["region_id"].isin(list(regions)), "indicator_id"])
    ids = [i for i, ind in d.catalog.indicators.items() if ind.theme == theme and i in have]
    return tuple(
        sorted(ids, key=lambda i: d.catalog.indicators[i].headline or 999)
    )  # stable: catalog order kept


@per_view(500)
def _rank_lines(
    db: str, revision: int, indicator_id: str, regions: tuple, years: tuple, lang: str
) -> tuple[str, ...]:
    d = _load(db, revision)
    frame = _shown(d, indicator_id, regions, years)
    return tuple(sentences.rank_lines(frame, d.catalog, indicator_id, list(regions), lang))


@st.cache_data(show_spinner=False)
def _curated_extras():
    """The curated quotes and alternatives: small, so each run gets its own copy (`cache_data`)."""
    return load_curated_extras()


@per_view(500)
def _target_lines(
    db: str, revision: int, indicator_ids: tuple, regions: tuple, years: tuple, lang: str
) -> tuple[str, ...]:
    """The plan targets' progress lines (`sentences.target_lines`) of the years shown."""
    d = _load(db, revision)
    frame = d.rows[(d.rows["year"] >= years[0]) & (d.rows["year"] <= years[1])]
    return tuple(sentences.target_lines(frame, d.catalog, list(indicator_ids), list(regions), lang))


@per_view(200)
def _share_parts(
    db: str, revision: int, indicator_id: str, cities: tuple, years: tuple, lang: str, title: str
):
    """A city's share of its province: (no share at all, the lines, the chart or None for a single year)."""
    d = _load(db, revision)
    frame = d.frame
    frame = frame[(frame["year"] >= years[0]) & (frame["year"] <= years[1])]
    shares, lines = sentences.share_lines(frame, d.catalog, indicator_id, list(cities), lang)
    fig = None
    if not shares.empty and shares["year"].nunique() > 1:
        fig = charts.transformed(
            shares.assign(indicator_id=indicator_id), d.catalog, "share_pct", "%", title, lang
        )
        fig = ReadyFigure(fig.update_yaxes(rangemode="tozero"))
    return shares.empty, tuple(lines), fig


@per_view(200)
def _catalog_table(db: str, revision: int, lang: str, needle: str) -> pd.DataFrame:
    """Every indicator in one table: theme, name, unit, what it measures, how many figures, last update."""
    d = _load(db, revision)
    counts = d.rows.groupby("indicator_id").agg(figures=("value", "size"), last=("revision_id", "max"))
    rows = []
    for ind in d.catalog.indicators.values():
        text = " ".join((ind.id, ind.name_zh, ind.name_en, ind.description_zh, ind.description_en)).lower()
        if needle and needle not in text:
            continue
        unit = d.catalog.units.get(ind.unit)
        last = int(counts.loc[ind.id, "last"]) if ind.id in counts.index else None
        rows.append(
            {
                t("col_theme", lang): t(f"theme_{ind.theme}", lang),
                t("col_indicator", lang): ind.name(lang),
                t("unit", lang): unit.name(lang) if unit else ind.unit,
                t("col_id", lang): ind.id,
                t("col_description", lang): ind.description(lang),
                t("col_figures", lang): int(counts.loc[ind.id, "figures"]) if ind.id in counts.index else 0,
                t("last_updated_short", lang): writing.day(d.revision_times[last], lang)
                if last in d.revision_times
                else "",
            }
        )
    return pd.DataFrame(rows)


@per_view(200)
def _source_tables(db: str, revision: int, indicator_id: str, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The Sources page's two tables for one indicator: every figure with its quote, and its sources."""
    d = _load(db, revision)
    rows = d.of(indicator_id)
    quotes, _ = _curated_extras()
    table = tables.readable(rows, d.catalog, lang)
    table["quote"] = [
        quotes.get((r.indicator_id, r.region_id, int(r.year), r.status), "")
        for r in rows.loc[table.index].itertuples(index=False)
    ]
    table = table.rename(columns={"quote": t("col_quote", lang)}).drop(columns=[t("col_indicator", lang)])
    return table, tables.sources(rows, d.catalog, lang)


@dataclass(frozen=True)
class Compared:
    """What the Compare page shows for one choice: notes, then a table alone or a chart and its table."""

    notes: tuple[str, ...]
    table: pd.DataFrame
    figure: ReadyFigure | None


@per_view(200)
def _compared(
    db: str,
    revision: int,
    indicator_ids: tuple,
    regions: tuple,
    years: tuple,
    transform: str,
    lang: str,
    params: tuple,
) -> Compared:
    """`transforms.apply` and what is drawn from it, once per head revision and choice."""
    d = _load(db, revision)
    frame = d.rows[(d.rows["year"] >= years[0]) & (d.rows["year"] <= years[1])]
    result = transforms.apply(
        frame, d.catalog, list(indicator_ids), list(regions), transform, lang, **dict(params)
    )
    table = transforms.table(result, d.catalog, lang, transform)
    if result.is_table:
        return Compared(tuple(result.notes), table, None)
    title = (
        " · ".join(d.catalog.indicators[i].name(lang) for i in indicator_ids)
        + f" — {t(f'tf_{transform}', lang)}"
        + (t("tf_nominal", lang) if result.nominal else "")
    )
    fig = charts.transformed(
        result.frame, d.catalog, result.column, result.y_title, title, lang, baseline=result.baseline
    )
    return Compared(tuple(result.notes), table, ReadyFigure(fig))


def compared(
    d: Data,
    indicator_ids: list[str],
    regions: list[str],
    years: tuple[int, int],
    transform: str,
    lang: str,
    params: dict,
) -> Compared:
    """The Compare page's notes, table and chart (cached; the table handed out as a copy-on-write view)."""
    c = _compared(
        settings.db(),
        d.revision,
        tuple(indicator_ids),
        tuple(regions),
        tuple(years),
        transform,
        lang,
        tuple(sorted(params.items())),
    )
    return Compared(c.notes, c.table.copy(deep=False), c.figure)
