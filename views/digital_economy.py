"""Digital economy: scale and share of GDP over time, the national reference, plan targets and the
growth each target needs beside the recent pace."""

import streamlit as st

from indicators import ui
from indicators.i18n import t

sel = ui.selection()
d = ui.data()
ui.page_title("page_digital_economy", sel)
indicators = ui.theme_indicators(d, "digital_economy", sel)
progress = ui.target_progress(d, indicators, sel)
if progress:
    with st.container(border=True):
        st.subheader(t("targets_title", sel.lang))
        for line in progress:
            st.markdown(line)
for indicator_id in indicators:
    ui.chart_block(d, indicator_id, sel, f"de_{indicator_id}")
