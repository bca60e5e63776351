"""A real Chromium opens the dashboard: the Overview's chart renders with Chinese text, the language
switches to English, a deep link opens its page directly. Screenshots go to test-artifacts/."""

import pytest
from browser_support import ARTIFACTS, running_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("dash") / "store.sqlite") as base:
        yield base


def test_overview_in_chinese_then_english(app, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(app + "/")
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(timeout=60_000)
    expect(page.get_by_role("heading", name="总览")).to_be_visible()
    expect(chart.locator(".gtitle")).to_have_text("5G基站")  # the figure's own title, drawn in SVG text
    expect(page.get_by_text("青岛市 · 截至2025年6月5日").first).to_be_visible()
    # Chinese glyphs are drawn by a CJK font, not tofu: the rendered title is as wide as real characters
    box = chart.locator(".gtitle").bounding_box()
    assert box and box["width"] > 40
    page.screenshot(path=str(ARTIFACTS / "overview-zh.png"), full_page=True)
    page.get_by_role("radio", name="English").click()
    expect(page.get_by_role("heading", name="Overview")).to_be_visible(timeout=30_000)
    expect(page.locator(".js-plotly-plot .gtitle").first).to_have_text("5G base stations", timeout=30_000)
    page.wait_for_url("**lang=en**", timeout=30_000)  # the view is in the link
    expect(page.get_by_text("Qingdao · as of 5 June 2025").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "overview-en.png"), full_page=True)
    page.get_by_role("radio", name="中文").click()  # and back: the regions survive both switches
    expect(page.get_by_role("heading", name="总览")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("青岛市 · 截至2025年6月5日").first).to_be_visible(timeout=30_000)
    page.wait_for_url("**regions=shandong%2Cqingdao**", timeout=30_000)
    page.close()


def test_deep_link_opens_its_page_with_the_sidebar(app, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(app + "/infrastructure?lang=en&regions=shandong,qingdao&years=2019-2025")
    expect(page.get_by_role("heading", name="Infrastructure")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Qingdao as a share of Shandong").first).to_be_visible()
    expect(page.get_by_text("Show China as a reference")).to_be_visible()  # the shared sidebar ran
    page.locator(".js-plotly-plot").first.wait_for()
    page.screenshot(path=str(ARTIFACTS / "infrastructure-en.png"))
    page.close()
