"""Streamlit glue of the Present page: one chart per screen in projector type, a bar to move between
slides, the deck (the analyst's own sequence or the headline storyline) and the slide in the URL, and
downloads of the chart's data, the offline HTML briefing, the PowerPoint pack and the Word briefing (each may
open with the changes since a chosen revision).

The deck, the figure and the files come from the pure modules `pack`, `changes`, `charts`, and the renderers
`briefing`, `slides` and `document`.
"""

from __future__ import annotations

import contextlib

import streamlit as st
from streamlit.errors import StreamlitAPIException

from indicators import briefing, changes, charts, document, pack, slides, tables, ui
from indicators.catalog import THEMES
from indicators.deck import select_rows
from indicators.export import table_bytes
from indicators.i18n import t

DECK_KEY, SLIDE_KEY, SINCE_KEY = "present_deck", "present_slide", "present_since"
TAKEAWAY_WIDTH = 160  # display units (a CJK character counts two) that fit two lines at 28 px
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

# Static CSS only (never text from the user or the data): no Streamlit header or toolbar, little padding,
# the takeaway in large type, the PageUp/PageDown buttons (for presentation clickers) out of sight.
CSS = """<style>
[data-testid="stHeader"] { background: transparent; height: 3rem; }
[data-testid="stHeader"], [data-testid="stHeader"] * { pointer-events: none; }
[data-testid="stExpandSidebarButton"], [data-testid="stExpandSidebarButton"] * { pointer-events: auto; }
[data-testid="stDecoration"], [data-testid="stStatusWidget"], [data-testid="stAppDeployButton"],
[data-testid="stMainMenu"], [data-testid="stToolbarActions"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.4rem 1.6rem 0.2rem 3rem; max-width: 100%; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0.35rem; }
[class*="st-key-present_takeaway"] [data-testid="stMarkdownContainer"] { margin-bottom: 0; }
[class*="st-key-present_takeaway"] { border-left: 6px solid #0072B2; padding-left: 0.8rem; }
[class*="st-key-present_takeaway"] p { font-size: 28px; line-height: 1.3; font-weight: 600; color: #1a1a1a;
                                      margin: 0; }
.st-key-present_takeaway_long p { font-size: 24px; }
.st-key-present_clicker { display: none; }
[data-testid="stMainBlockContainer"] { height: 100vh; display: flex; flex-direction: column; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { flex: 1 1 auto; min-height: 0; }
[data-testid="stLayoutWrapper"]:has(> .st-key-present_chart) { flex: 1 1 auto; min-height: 320px; }
.st-key-present_chart, .st-key-present_chart > [data-testid="stElementContainer"] { flex: 1 1 auto; height: 100%; }
.st-key-present_chart [data-testid="stBidiComponentRegular"], .st-key-present_chart .indicators-chart,
.st-key-present_chart .js-plotly-plot { height: 100% !important; }
.st-key-present_facts table { font-size: 24px; }
[data-testid="stMainBlockContainer"] { container-type: inline-size; }
@container (max-width: 1200px) {  /* the sidebar is open: keep every label whole, drop the keyboard hints */
  [class*="st-key-present_"] kbd, [data-testid="stPopover"] button div:has(> span > [data-testid="stIconMaterial"]) {
    display: none; }
}
</style>"""


def _exit_link(lang: str, where=st) -> None:
    """A link back to the overview, where the sidebar is."""
    with contextlib.suppress(StreamlitAPIException):  # not a registered page: no link rather than an error
        where.page_link("views/overview.py", label=t("present_exit", lang))


def deck_options(d: ui.Data, lang: str) -> list[str]:
    """Every indicator, theme by theme, headline ones first within a theme."""
    order = {theme: n for n, theme in enumerate(THEMES)}
    inds = d.catalog.indicators
    return sorted(
        inds, key=lambda i: (order.get(inds[i].theme, len(order)), not inds[i].headline, inds[i].name(lang))
    )


def _move(step: int, total: int) -> None:
    st.session_state[SLIDE_KEY] = max(1, min(total, int(st.session_state.get(SLIDE_KEY, 1)) + step))


def _reset(default: list[str]) -> None:
    st.session_state[DECK_KEY] = list(default)
    st.session_state[SLIDE_KEY] = 1


def _bar(d: ui.Data, sel: ui.Selection, deck: list[str], default: list[str]) -> int:
    """The slide bar: exit, the list of slides, previous and next, the deck editor, downloads.
    Returns the current slide (1-based; 0 when the deck is empty)."""
    lang, catalog, total = sel.lang, d.catalog, len(deck)
    if total and not 1 <= int(st.session_state.get(SLIDE_KEY, 1)) <= total:
        st.session_state[SLIDE_KEY] = max(1, min(total, int(st.session_state.get(SLIDE_KEY, 1))))
    cols = st.columns([1.1, 3.6, 1.35, 1.15, 1.45, 1.45], vertical_alignment="center")
    _exit_link(lang, cols[0])
    slide = 0
    if total:

        def name(n: int) -> str:
            return t(
                "present_slide_label", lang, n=n, total=total, name=catalog.indicators[deck[n - 1]].name(lang)
            )

        slide = cols[1].selectbox(
            t("present_slide", lang),
            list(range(1, total + 1)),
            key=SLIDE_KEY,
            format_func=name,
            label_visibility="collapsed",
        )
        cols[2].button(
            t("present_prev", lang),
            key="present_prev",
            shortcut="Left",
            on_click=_move,
            args=(-1, total),
            disabled=slide <= 1,
            width="stretch",
        )
        cols[3].button(
            t("present_next", lang),
            key="present_next",
            shortcut="Right",
            on_click=_move,
            args=(1, total),
            disabled=slide >= total,
            width="stretch",
        )
        with st.container(key="present_clicker"):
            st.button("PageUp", key="present_page_up", shortcut="PageUp", on_click=_move, args=(-1, total))
            st.button(
                "PageDown", key="present_page_down", shortcut="PageDown", on_click=_move, args=(1, total)
            )
    with cols[4].popover(t("present_edit", lang), width="stretch"):
        st.multiselect(
            t("present_deck", lang),
            deck_options(d, lang),
            key=DECK_KEY,
            placeholder=t("choose", lang),
            help=t("present_deck_help", lang),
            format_func=lambda i: catalog.indicators[i].name(lang),
        )
        st.button(t("present_reset", lang), key="present_reset", on_click=_reset, args=(default,))
        st.caption(t("present_keys", lang))
    with cols[5].popover(t("present_downloads", lang), width="stretch"):
        _downloads(d, sel, deck, deck[slide - 1] if slide else None)
    return slide


def _downloads(d: ui.Data, sel: ui.Selection, deck: list[str], indicator_id: str | None) -> None:
    """The current chart's data (CSV, XLSX), the offline briefing and the slide pack of the whole deck."""
    lang, catalog, regions, years = sel.lang, d.catalog, list(sel.regions), sel.years
    reference = ui.REFERENCE_REGION if sel.reference else None
    if indicator_id is not None:

        def table_as(fmt: str):  # built when the button is clicked, not on every step through the deck
            def build() -> bytes:
                rows = select_rows(d.frame, [indicator_id], sel.regions_for(catalog, indicator_id), years)
                return table_bytes(tables.readable(rows, catalog, lang), fmt)

            return build

        name = charts.chart_filename(indicator_id, regions, lang)
        st.download_button(
            t("download_csv", lang),
            table_as("csv"),
            f"{name}.csv",
            "text/csv",
            key="present_csv",
            on_click="ignore",
            icon=":material/table:",
        )
        st.download_button(
            t("download_xlsx", lang),
            table_as("xlsx"),
            f"{name}.xlsx",
            XLSX,
            key="present_xlsx",
            on_click="ignore",
            icon=":material/table:",
        )
    if not deck:
        return
    earlier = sorted((r for r in d.revision_times if r < d.revision), reverse=True)
    ui.param(SINCE_KEY, "since", int, 0)
    if st.session_state[SINCE_KEY] not in earlier:  # a link from before a restore, or a revision not yet here
        st.session_state[SINCE_KEY] = 0
    since = st.selectbox(
        t("since_pack_pick", lang),
        [0, *earlier],
        key=SINCE_KEY,
        format_func=lambda r: t("dp_rev_n", lang, rev=r) if r else t("since_pack_none", lang),
    )

    def made(render):
        """The pack of the deck, built when the button is clicked, given to one renderer."""

        def build():
            news = None
            if since:
                news = changes.changes_since(
                    ui.store().as_of(since), d.frame, catalog, since, d.revision, lang
                )
            return render(
                pack.build_pack(
                    d.frame,
                    catalog,
                    deck,
                    regions,
                    years,
                    lang,
                    reference=reference,
                    revision=d.revision,
                    revision_time=d.revision_times.get(d.revision),
                    changes=news,
                )
            )

        return build

    stem = "-".join(["briefing", *regions, lang] + ([f"since{since}"] if since else []))[:100]
    st.download_button(
        t("download_html", lang),
        made(lambda p: briefing.render(p).encode("utf-8")),
        f"{stem}.html",
        "text/html",
        key="present_html",
        on_click="ignore",
        help=t("download_html_help", lang),
        icon=":material/public_off:",
    )
    st.download_button(
        t("download_pptx", lang),
        made(slides.render),
        f"{stem}.pptx",
        PPTX,
        key="present_pptx",
        on_click="ignore",
        help=t("download_pptx_help", lang),
        icon=":material/slideshow:",
    )
    st.download_button(
        t("download_docx", lang),
        made(document.render),
        f"{stem}.docx",
        document.DOCX,
        key="present_docx",
        on_click="ignore",
        help=t("download_docx_help", lang),
        icon=":material/description:",
    )


def _slide(d: ui.Data, sel: ui.Selection, indicator_id: str) -> None:
    """The takeaway in large type above the chart in projector sizes (its title and source footnote)."""
    catalog, lang = d.catalog, sel.lang
    ind = catalog.indicators[indicator_id]
    content, fig, facts = ui.slide_parts(
        d, indicator_id, sel.regions, ui.REFERENCE_REGION if sel.reference else None, sel.years, lang
    )
    rows, regions, takeaway = content.rows, content.regions, content.takeaway
    if rows.empty:
        st.subheader(ind.name(lang))
        st.info(ui.no_data_text(d, indicator_id, regions, sel))
        return
    long = charts._width(takeaway) > TAKEAWAY_WIDTH  # more than two lines at 28 px: a little smaller
    with st.container(key="present_takeaway_long" if long else "present_takeaway"):
        st.markdown(ui.md_escape(takeaway))
    if facts is not None:  # one or two years of figures: the facts in large type, not a chart
        st.subheader(ind.name(lang))
        with st.container(key="present_facts"):
            st.table(facts.set_index(t("col_region", lang)))
        return
    with st.container(key="present_chart"):  # as tall as the screen leaves below the takeaway (CSS)
        ui.show_chart(
            fig,
            key="present_fig",
            config=charts.download_config(charts.chart_filename(indicator_id, regions, lang)),
            lang=lang,
            fill=True,
        )


def run() -> None:
    """The Present page."""
    sel, d = ui.selection(), ui.data()
    st.html(CSS)
    default = ui.default_deck(d, sel.plotted_regions, sel.years)
    known = set(d.catalog.indicators)
    ui.param(DECK_KEY, "deck", lambda v: list(dict.fromkeys(i for i in v.split(",") if i in known)), default)
    ui.param(SLIDE_KEY, "slide", int, 1)
    deck = [i for i in st.session_state[DECK_KEY] if i in known]
    if not sel.regions:
        _exit_link(sel.lang)
        st.info(t("present_no_region", sel.lang))
        ui.write_url(sel, deck=deck if deck and deck != default else None)
        return
    slide = _bar(d, sel, deck, default)
    ui.write_url(
        sel,
        deck=deck if deck and deck != default else None,
        slide=slide or None,
        since=st.session_state.get(SINCE_KEY) or None,
    )
    if not deck:
        st.info(t("present_empty_deck", sel.lang))
        return
    _slide(d, sel, deck[slide - 1])
