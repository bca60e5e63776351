"""Hostile text from an upload, as a reader's Chromium draws it: a URL, a bare www address or an e-mail in a
source or note is never a link, and a right-to-left override in one source title cannot reverse the titles
after it in a chart's footnote."""

from __future__ import annotations

import pytest
from browser_support import ARTIFACTS, running_app

from indicators.store import Store
from indicators.updates import commit_preview, preview_upload

pytestmark = pytest.mark.browser

RLO = "\u202e"
SOURCE = f"测试来源 https://evil.example/x 联系 a@evil.example {RLO}反转标题"
NOTE = "详见 www.evil.example 或 HTTPS://EVIL.EXAMPLE/y"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    db = tmp_path_factory.mktemp("hostile") / "store.sqlite"
    store = Store(str(db))
    try:
        row = f"indicator,region,year,value,as_of,source,note\nfiveg_base_stations,qingdao,2025,44500,2025-06-05,{SOURCE},{NOTE}\n"
        preview = preview_upload(store, row.encode("utf-8"), "hostile.csv")
        assert preview.result.ok, preview.result.errors
        commit_preview(store, preview, author="测试", message="hostile text")
    finally:
        store.close()
    with running_app(db) as base:
        yield base


def test_user_text_is_never_a_link_nor_reversed(app, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(app + "/?regions=qingdao")
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(timeout=60_000)
    # the chart's footnote: the hostile title is there without its override, and the titles keep their order
    footnote = chart.locator(".annotation-text").filter(has_text="测试来源").first
    expect(footnote).to_be_visible(timeout=30_000)
    text = footnote.text_content() or ""
    assert RLO not in text and "反转标题" in text
    page.screenshot(path=str(ARTIFACTS / "hostile-overview.png"), full_page=True)
    # every card's tooltip: find the one with the note; none holds a link
    shown = []
    targets = page.locator("[data-testid=stMetric] [data-testid=stTooltipHoverTarget]")
    for i in range(targets.count()):
        targets.nth(i).hover()
        tip = page.locator("[data-testid=stTooltipContent]").last
        expect(tip).to_be_visible(timeout=10_000)
        shown.append(tip.inner_text())
        assert tip.locator("a").count() == 0, shown[-1]
        page.mouse.move(0, 0)
        expect(tip).to_be_hidden(timeout=10_000)
    hostile = [s for s in shown if "evil" in s.lower()]
    assert hostile, shown
    assert all(RLO not in s for s in hostile)
    assert any("https:" in s and "www" in s and "a@evil.example" in s.replace("\u2060", "") for s in hostile)
    assert page.locator("a[href*='evil']").count() == 0
    page.close()
