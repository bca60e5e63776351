"""Nothing cut off on a projector: a real Chromium opens every page at 1280×720 and 1920×1080, in Chinese and
in English, with five regions on the Overview, and fails on any text cut by its box (an element that clips
and whose text is wider than it: `scrollWidth > clientWidth`) or any chart text drawn outside its figure.
Present fills the screen, keeps its toolbar whole with the sidebar open, and keeps the sidebar shut while
stepping with the arrow keys. Screenshots of every view go to test-artifacts/fit/."""

from __future__ import annotations

import pytest
from browser_support import ARTIFACTS, running_app

pytestmark = pytest.mark.browser

PAGES = [
    "?regions=shandong,qingdao,jinan,yantai,weihai",
    "digital-economy",
    "industry",
    "infrastructure",
    "rankings",
    "compare?tf=cagr",
    "present",
    "data",
    "sources",
]
SIZES = [(1280, 720), (1920, 1080)]
SHOTS = ARTIFACTS / "fit"

# Text cut by its own box, and chart text outside its figure. Data grids (canvas) and the visually hidden
# "skip to content" link are not text boxes; a collapsed sidebar lies off screen.
CUT_TEXT = """() => {
  const bad = [];
  let checked = 0;
  for (const el of document.querySelectorAll('body *')) {
    if (el instanceof SVGElement || el.closest('[data-testid="stDataFrame"], script, style, noscript, a[href="#stMain"]')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || el.clientWidth === 0 || r.right <= 0) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'inline') continue;
    const text = (el.innerText || '').trim();
    if (!text) continue;
    checked += 1;
    const clips = cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis';
    if (clips && el.scrollWidth > el.clientWidth + 1) bad.push(`cut: ${text.slice(0, 60)} (${el.scrollWidth} > ${el.clientWidth})`);
  }
  for (const svg of document.querySelectorAll('.js-plotly-plot svg.main-svg')) {
    const box = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      if (t.textContent.trim() && r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1))
        bad.push(`outside the chart: ${t.textContent.slice(0, 60)}`);
    }
  }
  return {checked, bad};
}"""
CHARTLESS = ("data", "sources", "compare?tf=cagr")  # pages whose first screen holds tables, not charts


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("fit") / "store.sqlite") as base:
        yield base


def _ready(page, view: str) -> None:
    """The page has drawn: its heading (or Present's takeaway), its first chart unless it has none, and the
    script has finished running."""
    first = "[class*='st-key-present_takeaway']" if view.startswith("present") else "h1"
    page.locator(first).first.wait_for(timeout=60_000)
    if view not in CHARTLESS:
        page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden", timeout=60_000)


def _cut(page) -> list[str]:
    found = page.evaluate(CUT_TEXT)
    assert found["checked"] > 20, "the page had not drawn its text"  # never a pass on an empty page
    return found["bad"]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("view", PAGES)
def test_no_text_is_cut_at_projector_sizes(app, browser, view, lang):
    page = browser.new_page(viewport={"width": SIZES[0][0], "height": SIZES[0][1]})
    SHOTS.mkdir(parents=True, exist_ok=True)
    sep = "&" if "?" in view else "?"
    page.goto(f"{app}/{view}{sep}lang={lang}")
    _ready(page, view)
    problems = []
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_function(f"window.innerWidth === {width}")
        page.locator("body").evaluate(
            "b => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        name = view.split("?")[0] or "overview"
        page.screenshot(path=str(SHOTS / f"{name}-{lang}-{width}.png"))
        problems += [f"{width}×{height}: {p}" for p in _cut(page)]
    page.close()
    assert not problems, problems


def test_present_fills_the_screen_and_its_toolbar_stays_whole(app, browser):
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(f"{app}/present?lang=zh")
    _ready(page, "present")
    box = page.locator(".js-plotly-plot").first.bounding_box()
    assert box["height"] >= 0.8 * 1080, box  # the chart takes at least 80% of the screen's height
    page.screenshot(path=str(ARTIFACTS / "present-zh-1920.png"))
    page.set_viewport_size({"width": 1280, "height": 720})
    page.get_by_test_id("stExpandSidebarButton").click()
    page.get_by_test_id("stSidebar").get_by_text("演示模式").wait_for()
    # the chart follows the narrower main area once the sidebar has slid in
    page.wait_for_function("""() => { const c = document.querySelector('.js-plotly-plot svg.main-svg');
        const main = document.querySelector('[data-testid="stMainBlockContainer"]').getBoundingClientRect();
        return main.width < 1000 && c.getBoundingClientRect().right <= main.right; }""")
    assert _cut(page) == []  # with the sidebar open, every toolbar label is still whole
    page.close()


def test_stepping_with_the_arrow_keys_keeps_the_sidebar_shut(app, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{app}/present?lang=en")
    _ready(page, "present")
    expand = page.get_by_test_id("stExpandSidebarButton")
    page.locator(".js-plotly-plot").first.wait_for()
    page.get_by_text("Exit").wait_for()
    page.locator('[class*="st-key-present_takeaway"]').click()  # the presenter's focus is on the slide
    for slide in range(2, 7):
        page.keyboard.press("ArrowRight")
        page.wait_for_url(f"**slide={slide}**")
        page.get_by_test_id("stStatusWidget").wait_for(state="hidden")  # the rerun has finished
        assert expand.is_visible(), f"the sidebar opened at slide {slide}"
    page.close()
