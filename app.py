"""Streamlit entry: page config, the shared sidebar, navigation over views/."""

import streamlit as st

from indicators import ui
from indicators.i18n import t
from indicators.ui import data_parts, guard

guard.install(data_parts.editing_open)  # once per server: uploads need an editing session (see ui/guard.py)
st.set_page_config(page_title="山东·青岛数字经济指标", page_icon="📊", layout="wide")
data = ui.data()
sel = ui.sidebar(data)
PAGES = [
    ("views/overview.py", "page_overview", "home", ":material/dashboard:"),
    ("views/digital_economy.py", "page_digital_economy", "digital-economy", ":material/trending_up:"),
    ("views/industry.py", "page_industry", "industry", ":material/precision_manufacturing:"),
    ("views/infrastructure.py", "page_infrastructure", "infrastructure", ":material/cell_tower:"),
    ("views/rankings.py", "page_rankings", "rankings", ":material/leaderboard:"),
    ("views/compare.py", "page_compare", "compare", ":material/compare_arrows:"),
    ("views/present.py", "page_present", "present", ":material/co_present:"),
    ("views/data.py", "page_data", "data", ":material/table_view:"),
    ("views/sources.py", "page_sources", "sources", ":material/menu_book:"),
]
pages = [
    st.Page(path, title=t(key, sel.lang), url_path=url, icon=icon, default=(url == "home"))
    for path, key, url, icon in PAGES
]
# The Overview is the default page, served at "/"; Streamlit reserves its url_path but does not route it, so a
# link to "/overview" (as the first versions wrote it) reaches the same script through a hidden page
pages.append(
    st.Page("views/overview.py", title=t("page_overview", sel.lang), url_path="overview", visibility="hidden")
)
page = st.navigation(pages)
if page.url_path not in ("data", "sources"):  # the pages that open with a chart
    ui.preload_chart_code()
# One sidebar state per run, chosen once the page is known: two calls in one run (expanded, then collapsed
# by the Present page) raced in the browser, and the sidebar sometimes opened while stepping through slides
st.set_page_config(initial_sidebar_state="collapsed" if page.url_path == "present" else "expanded")
ui.run_page(page)
ui.finish_url(sel)
