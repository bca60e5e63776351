"""The only Streamlit glue, split by job: `state` (the selection and page state, mirrored to the URL),
`data` (the store and what is cached per head revision), `plot` (every chart, drawn by plotly.js's basic
bundle), `blocks` (the pieces of a page), and the two pages with most glue of their own, `data_page` (browse, upload, history) and `present` (one chart per screen).
Pages and `app.py` use this package; every other module of `indicators` runs without Streamlit.
"""

from indicators.ui.blocks import (
    breaks_and_alternatives,
    chart_block,
    indicator_catalog_table,
    indicator_sources,
    kpi_cards,
    md_escape,
    no_data_text,
    page_title,
    rank_change_lines,
    share_of_parent_block,
    target_progress,
    theme_indicators,
    transform_params,
)
from indicators.ui.data import Compared, Data, compared, data, default_deck, get_store, slide_parts, store
from indicators.ui.plot import preload_code as preload_chart_code
from indicators.ui.plot import show as show_chart
from indicators.ui.state import (
    DEFAULT_REGIONS,
    REFERENCE_REGION,
    Selection,
    finish_url,
    in_years,
    param,
    run_page,
    selection,
    sidebar,
    write_url,
    year_bounds,
)

__all__ = [
    "DEFAULT_REGIONS",
    "REFERENCE_REGION",
    "Compared",
    "Data",
    "compared",
    "Selection",
    "breaks_and_alternatives",
    "chart_block",
    "data",
    "default_deck",
    "slide_parts",
    "finish_url",
    "get_store",
    "in_years",
    "indicator_catalog_table",
    "indicator_sources",
    "kpi_cards",
    "md_escape",
    "no_data_text",
    "page_title",
    "preload_chart_code",
    "param",
    "rank_change_lines",
    "run_page",
    "selection",
    "share_of_parent_block",
    "show_chart",
    "sidebar",
    "store",
    "target_progress",
    "theme_indicators",
    "transform_params",
    "write_url",
    "year_bounds",
]
