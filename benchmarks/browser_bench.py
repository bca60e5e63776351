"""In a real Chromium, from navigation start: the first chart visible, and a widget change redrawn.
Compared with a stand-in for Streamlit's GDP dashboard template on the same machine.

    python benchmarks/browser_bench.py [runs]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM, CHROMIUM_ARGS, running_app  # noqa: E402

FIRST_CHART = "performance.now()"


def _first_chart_ms(browser, url: str, selector: str) -> float:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(url)
    page.locator(selector).first.wait_for(timeout=60_000)
    ms = page.evaluate(FIRST_CHART)
    page.close()
    return ms


def _redraw_ms(page, click, changed) -> float:
    start = time.perf_counter()
    click()
    changed()
    return (time.perf_counter() - start) * 1000


def measure(base: str, template_base: str, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for url, selector in ((base + "/", ".js-plotly-plot"), (template_base + "/", "[data-testid=stVegaLiteChart] svg")):
            _first_chart_ms(browser, url, selector)  # warm the server
            times = [_first_chart_ms(browser, url, selector) for _ in range(runs)]
            name = "indicators Overview" if url.startswith(base) else "GDP template stand-in"
            print(f"first chart visible, {name:<24} median {statistics.median(times):7.0f} ms  "
                  f"p95 {sorted(times)[int(0.95 * (len(times) - 1))]:7.0f} ms", flush=True)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(base + "/infrastructure?lang=en")
        page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
        times = []
        for i in range(runs):
            lang, heading = ("中文", "基础设施") if i % 2 == 0 else ("English", "Infrastructure")
            times.append(_redraw_ms(page, lambda lang=lang: page.get_by_role("radio", name=lang).click(),
                                    lambda h=heading: page.get_by_role("heading", name=h).wait_for()))
        print(f"widget change redrawn (language),        median {statistics.median(times):7.0f} ms", flush=True)
        times = []
        for i in range(runs):
            view = "Table" if i % 2 == 0 else "Chart"
            target = "[data-testid=stDataFrame]" if view == "Table" else ".js-plotly-plot"
            times.append(_redraw_ms(page, lambda v=view: page.get_by_role("radio", name=v).first.click(),
                                    lambda s=target: page.locator(s).first.wait_for()))
        print(f"widget change redrawn (chart/table),     median {statistics.median(times):7.0f} ms", flush=True)
        tpage = browser.new_page(viewport={"width": 1280, "height": 720})
        tpage.goto(template_base + "/")
        tpage.locator("[data-testid=stMetric]").first.wait_for(timeout=60_000)
        delta = "[data-testid=stMetricDelta]"
        thumb = tpage.get_by_role("slider").first
        times = []
        for i in range(runs):
            before = tpage.locator(delta).first.inner_text()
            key = "ArrowRight" if i % 2 == 0 else "ArrowLeft"
            times.append(_redraw_ms(tpage, lambda k=key: (thumb.focus(), tpage.keyboard.press(k)),
                                    lambda b=before: tpage.wait_for_function(
                                        "([s, b]) => document.querySelector(s).innerText !== b", arg=[delta, b])))
        print(f"widget change redrawn, GDP template stand-in median {statistics.median(times):7.0f} ms", flush=True)
        browser.close()


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    folder = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    with running_app(folder / "store.sqlite") as base:
        proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "benchmarks/gdp_template_app.py"),
                                 "--server.port", "8799", "--server.headless", "true"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            import urllib.request

            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    urllib.request.urlopen("http://127.0.0.1:8799/_stcore/health", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            measure(base, "http://127.0.0.1:8799", runs)
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
