"""The Present page in a real Chromium at projector size (1280×720): the chart and its title show, next
moves to slide 2 and the URL follows, and a copied link reopens the same slide. Screenshots are saved in
test-artifacts/ for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, running_app

from indicators import briefing
from indicators.catalog import load_catalog
from indicators.deck import default_deck
from indicators.store import Store

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed")
    db = tmp_path_factory.mktemp("present") / "store.sqlite"
    Store(str(db)).close()  # the curated baseline, applied once before the server starts
    with running_app(db) as base:
        yield base, db


@pytest.fixture(scope="module")
def browser(app):
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # Until a server has run st.navigation once, Streamlit treats a pages/ folder as an old-style
        # multipage app: open the entry page first so that a deep link is served by app.py.
        page = b.new_page()
        page.goto(app[0])
        page.locator("[data-testid=stSidebarNav]", has_text="总览").wait_for(timeout=60_000)
        page.close()
        yield b
        b.close()


def _deck(db) -> list[str]:
    store = Store(str(db))
    try:
        frame, catalog = store.current(), store.full_catalog()
    finally:
        store.close()
    return default_deck(
        frame, catalog, ["shandong", "qingdao", "china"], (int(frame["year"].min()), int(frame["year"].max()))
    )


def _title(page, text: str, timeout: float = 30_000) -> None:
    """Wait for the plotly figure whose title is `text` (a screenshot is kept when it never comes)."""
    try:
        page.locator(".js-plotly-plot .gtitle", has_text=text).first.wait_for(timeout=timeout)
    except Exception:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "present-failure.png"))
        raise


def test_present_shows_the_chart_and_moves_to_the_next_slide(app, browser):
    base, db = app
    names = {i: ind.name("zh") for i, ind in load_catalog().indicators.items()}
    deck = _deck(db)
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(f"{base}/present")
        _title(page, names[deck[0]])
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "present-1.png"))
        # projector sizes: the chart title at least 28 px, axis tick labels at least 18 px
        title_px = page.locator(".js-plotly-plot .gtitle").first.evaluate("e => parseFloat(e.style.fontSize)")
        tick_px = page.locator(".js-plotly-plot .xtick text").first.evaluate(
            "e => parseFloat(e.style.fontSize)"
        )
        assert title_px >= 28 and tick_px >= 18
        # the chart fits the screen: its bottom edge is inside the 720 px viewport
        box = page.locator(".js-plotly-plot").first.bounding_box()
        assert box["y"] + box["height"] <= 720
        page.get_by_role("button", name="下一张").click()
        _title(page, names[deck[1]])
        page.wait_for_url("**slide=2**")
        page.screenshot(path=str(ARTIFACTS / "present-2.png"))
        page.keyboard.press("ArrowLeft")  # a keyboard or clicker goes back
        _title(page, names[deck[0]])
    finally:
        page.close()


def test_a_copied_link_reopens_the_same_slide_in_english(app, browser):
    base, _ = app
    names = {i: ind.name("en") for i, ind in load_catalog().indicators.items()}
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(f"{base}/present?lang=en&slide=2&deck=fiveg_base_stations,digital_economy_gdp_share")
        _title(page, names["digital_economy_gdp_share"])
        assert page.get_by_role("button", name="Next").is_disabled()
        page.screenshot(path=str(ARTIFACTS / "present-en-2.png"))
    finally:
        page.close()


def test_the_offline_briefing_draws_its_charts_without_any_request(app, browser, tmp_path):
    _, db = app
    store = Store(str(db))
    try:
        frame, catalog = store.current(), store.full_catalog()
    finally:
        store.close()
    ids = ["digital_economy_gdp_share", "fiveg_base_stations", "gdp"]
    path = tmp_path / "briefing.html"
    path.write_text(
        briefing.build_briefing(frame, catalog, ids, ["shandong", "qingdao", "china"], None, "zh"),
        encoding="utf-8",
    )
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(path.as_uri())
        page.locator(".js-plotly-plot .gtitle", has_text="地区生产总值").wait_for(timeout=30_000)
        assert page.locator(".js-plotly-plot").count() == len(ids)
        page.screenshot(path=str(ARTIFACTS / "briefing-offline.png"))
        assert [u for u in requests if not u.startswith(("file:", "data:", "blob:"))] == []
    finally:
        page.close()


def test_the_word_briefing_downloads_from_the_present_page(app, browser, tmp_path):
    """The DOCX is made by the running server (kaleido drawing the charts there) and opens in python-docx."""
    from docx import Document

    base, db = app
    names = {i: ind.name("zh") for i, ind in load_catalog().indicators.items()}
    deck = _deck(db)
    page = browser.new_page(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    try:
        page.goto(f"{base}/present")
        _title(page, names[deck[0]])
        page.get_by_role("button", name="下载", exact=True).click()  # not the chart's 下载图片（PNG）
        with page.expect_download(timeout=180_000) as info:
            page.get_by_role("button", name="Word简报（DOCX）").click()
        path = tmp_path / "briefing.docx"
        info.value.save_as(path)
        assert info.value.suggested_filename.endswith(".docx")
        doc = Document(str(path))
        headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
        assert [h.split("、", 1)[1] for h in headings[: len(deck)]] == [names[i] for i in deck]
        assert (
            len(doc.tables) == len(deck) == len(doc.inline_shapes)
        )  # the server's Chromium drew every chart
    finally:
        page.close()
