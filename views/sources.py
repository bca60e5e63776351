"""Sources: for every indicator its definition, unit and sources, how derived values were computed, when
its data last changed; the status legend, series breaks and the figures of other sources not used."""

import streamlit as st

from indicators import ui
from indicators.i18n import t

sel = ui.selection()
d = ui.data()
ui.page_title("page_sources", sel, t("sources_intro", sel.lang), needs_regions=False)
with st.container(border=True):
    st.markdown(f"**{t('status_legend', sel.lang)}**")
    st.markdown("\n".join(f"- {t(k, sel.lang)}" for k in ("legend_reported", "legend_derived", "legend_estimate",
                                                            "legend_target", "legend_hollow")))
query = st.text_input(t("search", sel.lang), key="sources_query")
for theme, indicator_ids in ui.indicators_by_theme(d, query).items():
    st.header(t(f"theme_{theme}", sel.lang))
    for indicator_id in indicator_ids:
        ui.indicator_sources(d, indicator_id, sel)
ui.breaks_and_alternatives(d, sel)
