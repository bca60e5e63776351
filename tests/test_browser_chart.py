"""The pages' chart element (`ui.plot`: plotly.js's basic bundle in a component) in a real Chromium: its code
comes from the app's own server and nowhere else, its toolbar has a full-screen button and no "Share chart"
(upload to Plotly's cloud), it follows its container's width, and a chart whose code cannot load says so in
the reader's language instead of leaving a blank space."""

import re

import pytest
from browser_support import ARTIFACTS, running_app

pytestmark = pytest.mark.browser

CHART = ".js-plotly-plot"
DRAWN = ".js-plotly-plot .scatterlayer .trace path"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("chart") / "store.sqlite") as base:
        yield base


def _svg_size(page) -> list[float]:
    return page.evaluate(
        """() => { const s = document.querySelector('.js-plotly-plot .main-svg');
                   return [parseFloat(s.getAttribute('width')), parseFloat(s.getAttribute('height'))]; }"""
    )


def test_the_chart_code_comes_from_the_apps_own_server(app, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(app + "/")
    page.locator(DRAWN).first.wait_for(timeout=60_000)
    # fetched once: the sidebar's preload and the chart's script are the same request
    assert requested.count(f"{app}/app/static/plotly-basic.min.js?v=4.1.1") == 1
    assert not [u for u in requested if "PlotlyChart" in u]  # not Streamlit's whole plotly.js as well
    outside = [u for u in requested if not u.startswith((app + "/", "blob:", "data:"))]
    assert not outside  # an intranet without internet draws the same page
    page.locator(CHART).first.hover()
    titles = page.locator(f"{CHART} .modebar-btn").evaluate_all("bs => bs.map(b => b.dataset.title)")
    assert "全屏显示" in titles and "下载图片（PNG）" in titles and "还原坐标轴" in titles
    assert not [t for t in titles if re.search(r"[A-Za-z]{4,}", t)]  # plotly.js's words in Chinese too
    assert not [t for t in titles if "分享" in t or "Share" in t]
    page.close()


def test_full_screen_and_back(app, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(app + "/?lang=en")
    chart = page.locator(CHART).first
    page.locator(DRAWN).first.wait_for(timeout=60_000)
    width, height = _svg_size(page)
    assert height == 520  # the figure's own height (charts.SIZES)
    chart.hover()
    titles = chart.locator(".modebar-btn").evaluate_all("bs => bs.map(b => b.dataset.title)")
    assert "Download plot as a PNG" in titles and not [t for t in titles if "Share" in t or "Cloud" in t]
    chart.locator('.modebar-btn[data-title="Full screen"]').click()
    page.wait_for_function("() => document.fullscreenElement !== null")
    page.wait_for_function(
        "() => parseFloat(document.querySelector('.js-plotly-plot .main-svg').getAttribute('height')) > 600"
    )
    full_width, full_height = _svg_size(page)
    assert full_width > width and full_height == 720 - 48  # the screen, less the frame's padding
    title = chart.locator(".gtitle").bounding_box()
    assert title and title["x"] >= 24  # not cut at the screen's edge
    page.screenshot(path=str(ARTIFACTS / "chart-full-screen-en.png"))
    page.evaluate("() => document.exitFullscreen()")
    page.wait_for_function("() => document.fullscreenElement === null")
    page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot .main-svg').getAttribute('height') === '520'"
    )
    assert _svg_size(page)[0] == width
    page.close()


def test_the_chart_follows_its_containers_width(app, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(app + "/")
    page.locator(DRAWN).first.wait_for(timeout=60_000)
    width = _svg_size(page)[0]
    page.get_by_test_id("stSidebar").hover()  # the collapse button shows on hover
    page.get_by_test_id("stSidebarCollapseButton").locator("button").click()  # the window keeps its size
    page.wait_for_function(
        "w => parseFloat(document.querySelector('.js-plotly-plot .main-svg').getAttribute('width')) > w + 100",
        arg=width,
    )
    page.close()


def test_a_chart_whose_code_cannot_load_says_so(app, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.route("**/app/static/plotly-basic.min.js*", lambda route: route.abort())
    page.goto(app + "/")
    message = page.locator(".indicators-chart-message").first
    message.wait_for(timeout=60_000)
    page.wait_for_function(
        "() => document.querySelector('.indicators-chart-message').textContent.startsWith('图表未能显示')"
    )
    assert "static/plotly-basic.min.js" in message.inner_text()
    expect(message).to_be_in_viewport()  # where the chart would be, not below an empty frame
    assert not page.get_by_text("Traceback").count()
    page.screenshot(path=str(ARTIFACTS / "chart-not-drawn-zh.png"))
    page.close()
