"""Infrastructure: 5G base stations and other networks; a city's share of its province where both have data."""

from indicators import ui

sel = ui.selection()
d = ui.data()
ui.page_title("page_infrastructure", sel)
ui.chart_block(d, "fiveg_base_stations", sel, "infra_fiveg_base_stations")
ui.share_of_parent_block(d, "fiveg_base_stations", sel, "infra_share")
for indicator_id in ui.theme_indicators(d, "infrastructure", sel):
    if indicator_id != "fiveg_base_stations":
        ui.chart_block(d, indicator_id, sel, f"infra_{indicator_id}")
