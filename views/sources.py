"""Sources: every indicator in one table; for the chosen one its definition, unit, every figure with its
source and quote, how derived values were computed, when it last changed; the status legend, series
breaks and the figures of other sources not used."""

import streamlit as st

from indicators import ui
from indicators.i18n import t

sel = ui.selection()
d = ui.data()
lang = sel.lang
ui.page_title("page_sources", sel, t("sources_intro", lang), needs_regions=False)
with st.container(border=True):
    st.markdown(f"**{t('status_legend', lang)}**")
    st.markdown(
        "\n".join(
            f"- {t(k, lang)}"
            for k in (
                "legend_reported",
                "legend_derived",
                "legend_estimate",
                "legend_target",
                "legend_hollow",
            )
        )
    )
ids = list(d.catalog.indicators)
ui.param("src_ind", "ind", lambda v: v if v in ids else ids[0], "fiveg_base_stations")
chosen = st.selectbox(
    t("pick_indicator", lang), ids, key="src_ind", format_func=lambda i: d.catalog.indicators[i].name(lang)
)
ui.write_url(sel, ind=chosen)
ui.indicator_sources(d, chosen, sel)
st.header(t("all_indicators", lang))
query = st.text_input(t("search", lang), key="sources_query")
st.dataframe(
    ui.indicator_catalog_table(d, lang, query),
    hide_index=True,
    key="catalog_table",
    column_config={t("col_figures", lang): st.column_config.NumberColumn(format="localized")},
)
ui.breaks_and_alternatives(d, sel)
