"""The selection and the page state, mirrored to the URL: the shared sidebar (language, regions, years), each
page's own parameters registered with `param`, and the carry-over of widget values across a language switch.

Every piece of page state goes through `param(key, url_name, parse, default)`: read once from the URL (or its
default) into the session before its widget is drawn, and remembered (as ids) so that a language switch,
which changes every option's label, gives each widget back its value. No list of keys is kept by hand.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from indicators.catalog import Catalog
from indicators.comparability import chart_regions
from indicators.i18n import LANGS, t
from indicators.ui.data import Data

DEFAULT_REGIONS = ("shandong", "qingdao")
REFERENCE_REGION = "china"
_PARAMS: set[str] = set()  # every key registered with `param`: carried over a language switch


def selection() -> Selection:
    """The selection the app's sidebar made for this run."""
    return st.session_state["_selection"]


def run_page(page) -> None:
    """Run a page; an unexpected error shows a plain message, never a traceback, and is logged."""
    try:
        page.run()
    except Exception:  # noqa: BLE001 - the last line of defence for the person at the screen
        logging.getLogger("indicators").exception("page failed")
        lang = st.session_state.get("lang", "zh")
        st.error(t("error_generic", lang))


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
        return chart_regions(
            catalog, indicator_id, list(self.regions), REFERENCE_REGION if self.reference else None
        )


def param(key: str, url_name: str, parse, default):
    """A piece of page state (a widget's key): the URL's value, or the default, put into the session once,
    before the widget reads it; remembered for the next language switch."""
    _PARAMS.add(key)
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


def _carry_over_language_change() -> None:
    """On a language switch, give the registered widgets back the values they had (as ids): Streamlit keeps a
    multiselect's or selectbox's value as its formatted labels, so a switch would otherwise drop them."""
    new, old = st.session_state.get("lang"), st.session_state.get("_last_lang")
    if old and new and new != old:
        for key, value in st.session_state.get("_remembered", {}).items():
            with contextlib.suppress(StreamlitAPIException):
                st.session_state[key] = value
    st.session_state["_last_lang"] = new


def _remember() -> None:
    """Keep a copy of the registered widgets' values, as ids, for the next language switch."""
    remembered = st.session_state.setdefault("_remembered", {})
    for key in _PARAMS - {"lang"}:
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
    param("lang", "lang", lambda v: v if v in LANGS else "zh", "zh")
    param("regions", "regions", lambda v: [r for r in v.split(",") if r in region_ids], list(DEFAULT_REGIONS))
    param("reference", "ref", lambda v: v != "0", True)

    def parse_years(v: str) -> tuple[int, int]:
        a, b = (int(x) for x in v.split("-"))
        return max(low, min(a, b)), min(high, max(a, b))

    param("years", "years", parse_years, (low, high))
    with st.sidebar:
        lang = st.segmented_control(
            t("language", "zh") + " / Language", list(LANGS), key="lang", format_func=LANGS.get, required=True
        )
        lang = lang or "zh"
        # one label in both languages: Streamlit keeps a multiselect's value as its labels, and labels that
        # changed with the language emptied the selection at the next click
        regions = st.multiselect(
            t("regions", lang),
            region_ids,
            key="regions",
            placeholder=t("choose", lang),
            help=t("regions_help", lang),
            format_func=lambda r: f"{catalog.regions[r].name_zh} {catalog.regions[r].name_en}",
        )
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


def in_years(frame: pd.DataFrame, sel: Selection) -> pd.DataFrame:
    return frame[(frame["year"] >= sel.years[0]) & (frame["year"] <= sel.years[1])]
