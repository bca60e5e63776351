"""Overview: the headline comparison chart, then a card per headline indicator, the regions side by side."""

from indicators import ui
from indicators.i18n import t

sel = ui.selection()
d = ui.data()
ui.page_title("page_overview", sel, t("overview_intro", sel.lang))
ui.chart_block(d, "fiveg_base_stations", sel, "overview_5g", divider=False)
ui.kpi_cards(d, d.catalog.headline_indicators(), sel)
