"""Overview: a card per headline indicator, the selected regions side by side."""

from indicators import ui
from indicators.i18n import t

sel = ui.selection()
d = ui.data()
ui.page_title("page_overview", sel, t("overview_intro", sel.lang))
ui.kpi_cards(d, d.catalog.headline_indicators(), sel)
ui.chart_block(d, "fiveg_base_stations", sel, "overview_5g")
