"""Industry: smart factories, digital workshops, automated lines, digitisation and NC rates."""

from indicators import ui

sel = ui.selection()
d = ui.data()
ui.page_title("page_industry", sel)
for indicator_id in ui.theme_indicators(d, "industry", sel):
    ui.chart_block(d, indicator_id, sel, f"industry_{indicator_id}")
