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
chosen = left.multiselect(t("indicators", lang), ids, key="cmp_ind", placeholder=t("choose", lang), format_func=lambda i: catalog.indicators[i].name(lang))
transform = right.selectbox(t("transform", lang), transforms.TRANSFORMS, key="cmp_tf", help=t("tf_help", lang),
                            format_func=lambda v: t(f"tf_{v}", lang))
low, high = sel.years
regions = list(sel.plotted_regions)
params = ui.transform_params(transform, sel, regions)
ui.write_url(sel, ind=chosen, tf=transform, **{k: v for k, v in params.items() if v is not None})
if not chosen:
    st.info(t("pick_indicators", lang))
    st.stop()
result = transforms.apply(ui.in_years(d.frame, sel), catalog, chosen, regions, transform, lang, **params)
for note in result.notes:
    st.info(note)
if result.is_table:
    st.dataframe(transforms.table(result, catalog, lang, transform), hide_index=True, key="cmp_table")
else:
    title = " · ".join(catalog.indicators[i].name(lang) for i in chosen) + f" — {t(f'tf_{transform}', lang)}"
    fig = charts.transformed(result.frame, catalog, result.column, result.y_title, title, lang, baseline=result.baseline)
    st.plotly_chart(fig, key="cmp_fig", config=charts.download_config("compare"), theme=None)
    st.dataframe(transforms.table(result, catalog, lang, transform), hide_index=True, key="cmp_data")
