"""Running the real app through Streamlit's AppTest on a fresh SQLite store."""

from __future__ import annotations

import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
CHART = "indicators_chart"  # the component that draws every chart (src/indicators/ui/plot.py)


def open_app(page: str | None = None, timeout: float = 60, **query: str) -> AppTest:
    """The app at `page` (a path under the app folder) with `query` as the URL's query parameters."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page:  # AppTest needs one run before a page switch; then the link's parameters are put back
        for key in list(at.query_params):
            del at.query_params[key]
        for key, value in query.items():
            at.query_params[key] = value
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> list[tuple[str, str, str]]:
    """(label, value, delta) of every metric card, in page order."""
    return [(m.label, m.value, m.delta) for m in at.metric]


def charts(at: AppTest) -> list[dict]:
    """The charts on the page (`ui.plot`), as the data the browser receives: the figure's JSON (`spec`), the
    modebar's `config`, `fill`, and the chart's own words (`text`)."""
    return [json.loads(el.proto.json) for el in at.get("bidi_component") if el.proto.component_name == CHART]


def figures(at: AppTest) -> list[dict]:
    """The plotly figures on the page, as the JSON specs the browser receives."""
    return [json.loads(chart["spec"]) for chart in charts(at)]


def texts(at: AppTest) -> str:
    """Every markdown, caption, info and heading text on the page, joined."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [h.value for h in at.title] + [h.value for h in at.subheader] + [h.value for h in at.header]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))  # markdown escapes removed: the text a person reads
