"""Compare: any indicators × regions × years, with a transform; its formula in the help tooltip."""

import streamlit as st

from indicators import charts, transforms, ui
from indicators.i18n import t

sel = ui.selection()
d = ui.data()
lang, catalog = sel.lang, d.catalog
ui.page_title("page_compare", sel)
ids = list(catalog.indicators)
ui.param("cmp_ind", "ind", lambda v: [i for i in v.split(",") if i in ids], ["digital_economy_gdp_share"])
ui.param("cmp_tf", "tf", lambda v: v if v in transforms.TRANSFORMS else "level", "level")
left, right = st.columns([3, 2])
chosen = left.multiselect(
    t("indicators", lang),
    ids,
    key="cmp_ind",
    placeholder=t("choose", lang),
    format_func=lambda i: catalog.indicators[i].name(lang),
)
transform = right.selectbox(
    t("transform", lang),
    transforms.TRANSFORMS,
    key="cmp_tf",
    help=t("tf_help", lang),
    format_func=lambda v: t(f"tf_{v}", lang),
)
regions = list(sel.plotted_regions)
params = ui.transform_params(transform, sel, regions)
ui.write_url(sel, ind=chosen, tf=transform, **{k: v for k, v in params.items() if v is not None})
if not chosen:
    st.info(t("pick_indicators", lang))
    st.stop()
shown = ui.compared(d, chosen, regions, sel.years, transform, lang, params)
for note in shown.notes:
    st.info(note)
if shown.figure is None:
    st.dataframe(shown.table, hide_index=True, key="cmp_table")
else:
    ui.show_chart(shown.figure, key="cmp_fig", config=charts.download_config("compare"), lang=lang)
    st.dataframe(shown.table, hide_index=True, key="cmp_data")
