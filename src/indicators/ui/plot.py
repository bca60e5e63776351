"""Every chart on the pages, drawn by plotly.js's basic bundle through a `st.components.v2` component rather
than `st.plotly_chart`.

Why: Streamlit's Plotly element loads the whole of plotly.js (a 4.7 MB chunk, evaluated in one task of
0.7–0.9 s on a 2-core machine) before any chart can be drawn, which put our first chart 1.4× behind Streamlit's
own GDP template. Our figures use only scatter traces, shapes and annotations, which the basic bundle
(`plotly.js-basic-dist-min`, the same plotly.js version as the plotly package's, 1.2 MB, ~0.2 s to evaluate)
draws identically; the numbers are in benchmarks/README.md.

The bundle is package data, `assets/plotly-basic.min.js` (scripts/vendor_plotly_basic.sh re-fetches it), served
from `static/` (a link to that folder) by Streamlit's static file serving (`server.enableStaticServing`), so
nothing is fetched from outside the app's own server; the HTML briefing embeds the same file. `chart.js` loads it once per page and draws each figure with `Plotly.react`: what
`st.plotly_chart` gave and we keep is the figure's own JSON and config, the width of the container (followed
when the sidebar opens or closes), and a full-screen button, now in the chart's own toolbar.
"""

from __future__ import annotations

from importlib.resources import files

import plotly.graph_objects as go
import streamlit as st

from indicators.i18n import STRINGS, t
from indicators.ui.data import ReadyFigure

CODE = "app/static/plotly-basic.min.js?v=4.1.1"  # relative to the app's base URL; v= the bundle's version
PRELOAD = f'<link rel="preload" href="{CODE}" as="script">'

_CSS = """
.indicators-chart { width: 100%; position: relative; background: #fff; }
.indicators-chart-fill, .indicators-chart-fill .indicators-chart-plot { height: 100%; }
.indicators-chart-full { padding: 24px 32px; }
.indicators-chart-message:not(:empty) { padding: 0.75rem 1rem; color: #7a1f00; background: #fff4ef;
  border-radius: 0.5rem; font-size: 0.95rem; }
"""

# plotly.js's own words (toolbar, notices) in Chinese: a locale keyed by plotly.js's English text
ZH_LOCALE = {
    "name": "zh-CN",
    "dictionary": {en: zh for key, (zh, en) in STRINGS.items() if key.startswith("plotly_")},
}

_component = st.components.v2.component(
    "indicators_chart",
    css=_CSS,
    js=files("indicators.ui").joinpath("chart.js").read_text(encoding="utf-8"),
    isolate_styles=False,  # plotly.js puts its style sheet in the page's head: a shadow root would hide it
)


def preload_code() -> None:
    """Have the browser fetch the chart code with the run's first elements (a `<link rel="preload">`, no
    script): Streamlit draws a page's widgets and components together once all their code has arrived, and the
    charts would only then ask for theirs (measured: fetched 0.3 s sooner, the first chart ~0.1 s sooner here,
    more on a slow intranet link). A page without charts does not call it."""
    # a fixed string, never data (tests/test_hostile_content.py); st.html's sanitiser would drop the <link>
    st.sidebar.markdown(PRELOAD, unsafe_allow_html=True)


def show(figure: ReadyFigure | go.Figure, *, key: str, config: dict, lang: str, fill: bool = False) -> None:
    """Draw `figure` (JSON made once when it is a `ReadyFigure`) with the modebar `config`; `fill` makes it as
    tall as the element that holds it (Present), otherwise it is as tall as the figure's layout says."""
    spec = figure.spec if isinstance(figure, ReadyFigure) else ReadyFigure(figure).spec
    _component(
        data={
            "spec": spec,
            "code": CODE,
            "locale": ZH_LOCALE if lang == "zh" else None,
            "config": config,
            "fill": fill,
            "text": {"full_screen": t("chart_full_screen", lang), "not_drawn": t("chart_not_drawn", lang)},
        },
        key=key,
        height="stretch" if fill else "content",
    )
