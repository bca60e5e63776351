"""Overview: a card per headline indicator, the selected regions side by side."""

from indicators import ui
from indicators.i18n import t

sel = ui.selection()
d = ui.data()
ui.page_title("page_overview", sel, t("overview_intro", sel.lang))
headline = [i for i, ind in d.catalog.indicators.items() if ind.headline]
ui.kpi_cards(d, headline, sel)
ui.chart_block(d, "fiveg_base_stations", sel, "overview_5g")
