"""Rankings: rank over time with 1 at the top, and each change named."""

import streamlit as st

from indicators import ui
from indicators.i18n import t

sel = ui.selection()
d = ui.data()
ui.page_title("page_rankings", sel, t("rank_lists_differ", sel.lang))
for indicator_id in ui.theme_indicators(d, "rankings", sel):
    ui.chart_block(d, indicator_id, sel, f"rank_{indicator_id}")
    lines = ui.rank_change_lines(d, indicator_id, sel)
    if lines:
        st.markdown("\n".join(f"- {line}" for line in lines))
