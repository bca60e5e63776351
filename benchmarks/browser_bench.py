"""Ours against Streamlit's GDP dashboard template (the peer, run as it is) and a bare one-page Plotly app,
in one run, in a real Chromium (1280×900, a fresh browser context per load). Prints:

- cold: server process started → first chart visible (one load right after the server answers);
- warm: navigation start → first chart visible (median of N loads);
- interaction: a key in a multiselect (add an option / remove it) → the chart redrawn (median of N);
- the server's RSS after the loads; and the ratios ours/peer.

    python benchmarks/browser_bench.py --peer DIR [--peer-python PY] [--loads N] [--changes N] [--trace OUT]
                                       [--baseline CHECKOUT] [--json FILE]

DIR is a checkout of github:streamlit/gdp-dashboard-template; PY a Python whose environment satisfies its
requirements.txt (default: DIR/.venv/bin/python if present, else this Python). Offline: every server is on
127.0.0.1. With --trace, one more load and one more change per app are recorded as a Chromium trace plus the
websocket messages and the Performance API's entries; `trace_summary.py` reads them (see README.md).

The times are taken in the page (performance.now(), from navigation start; a key's own timestamp), by a
requestAnimationFrame loop that looks for the chart's drawn lines, so Playwright's round trips are not in them.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from browser_support import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - the same Chromium as the browser tests

VIEWPORT = {"width": 1280, "height": 900}
PLOTLY_DRAWN = ".js-plotly-plot .scatterlayer .trace path"
VEGA_DRAWN = "[data-testid=stVegaLiteChart] svg .mark-line path"
TRACE_CATEGORIES = [
    "devtools.timeline",
    "disabled-by-default-devtools.timeline",
    "v8.execute",
    "blink.user_timing",
    "loading",
    "toplevel",
    "v8",
    "blink",
]


@dataclasses.dataclass(frozen=True)
class App:
    name: str
    argv: list[str]  # the command after `python -m streamlit run`
    python: str
    cwd: Path
    env: dict
    drawn: str  # CSS of a drawn line of the first chart
    chart: str  # CSS of the first chart's element (its text and paths tell a redraw)
    multiselect: str  # CSS of the multiselect's input that the interaction changes
    option: str  # what to type there to add one option
    path: str = "/"


@dataclasses.dataclass
class Server:
    app: App
    proc: subprocess.Popen
    base: str
    started: float  # time.monotonic() at spawn

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")


def _basic_folder(bundle: Path) -> Path:
    """A folder with the basic-bundle prototype as app.py and the bundle in static/, for Streamlit to serve."""
    folder = Path(tempfile.mkdtemp(prefix="bench-basic-"))
    (folder / "static").mkdir()
    shutil.copy(ROOT / "benchmarks/bare_plotly_basic_app.py", folder / "app.py")
    shutil.copy(bundle, folder / "static/plotly-basic.min.js")
    return folder


def apps(
    peer: Path, peer_python: str, db: str, baseline: Path | None = None, plotly_basic: Path | None = None
) -> list[App]:
    me = sys.executable
    basic = (
        [
            App(
                "bare-basic",
                ["app.py", "--server.enableStaticServing", "true"],
                me,
                _basic_folder(plotly_basic),
                {},
                PLOTLY_DRAWN,
                ".js-plotly-plot",
                "[data-testid=stMultiSelect] input",
                "Jinan",
            )
        ]
        if plotly_basic
        else []
    )
    before = (
        [
            App(
                "baseline",
                ["app.py"],
                me,
                baseline,
                {"INDICATORS_DB": db, "PYTHONPATH": str(baseline / "src")},
                PLOTLY_DRAWN,
                ".js-plotly-plot",
                "[data-testid=stSidebar] [data-testid=stMultiSelect] input",
                "Jinan",
            )
        ]
        if baseline
        else []
    )
    return (
        before
        + [
            App(
                "ours",
                ["app.py"],
                me,
                ROOT,
                {"INDICATORS_DB": db},
                PLOTLY_DRAWN,
                ".js-plotly-plot",
                "[data-testid=stSidebar] [data-testid=stMultiSelect] input",
                "Jinan",
            ),
            App(
                "peer",
                ["streamlit_app.py"],
                peer_python,
                peer,
                {},
                VEGA_DRAWN,
                "[data-testid=stVegaLiteChart]",
                "[data-testid=stMultiSelect] input",
                "CHN",
            ),
            App(
                "bare",
                [str(ROOT / "benchmarks/bare_plotly_app.py")],
                me,
                ROOT,
                {},
                PLOTLY_DRAWN,
                ".js-plotly-plot",
                "[data-testid=stMultiSelect] input",
                "Jinan",
            ),
        ]
        + basic
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(app: App) -> Server:
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **app.env}
    started = time.monotonic()
    proc = subprocess.Popen(
        [
            app.python,
            "-m",
            "streamlit",
            "run",
            *app.argv,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=app.cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = started + 90
    while True:
        with contextlib.suppress(OSError), urllib.request.urlopen(base + "/_stcore/health", timeout=2):
            return Server(app, proc, base, started)
        if proc.poll() is not None or time.monotonic() > deadline:
            stop(Server(app, proc, base, started))
            raise RuntimeError(f"{app.name}: streamlit did not start")
        time.sleep(0.05)  # poll interval


def stop(server: Server) -> None:
    if server.proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.proc.pid, signal.SIGTERM)
        try:
            server.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.proc.pid, signal.SIGKILL)
            server.proc.wait(timeout=10)


# Before any page script: a rAF loop notes when the first chart's lines exist; a key's time; the websocket's
# open and first message (and, when tracing, every message); long tasks.
INIT = """(() => {
  const B = window.__bench = {chart: null, key: null, open: null, first: null, msgs: [], longtasks: [],
                              capture: %(capture)s};
  const tick = () => { if (document.querySelector(%(drawn)s)) { B.chart = performance.now(); return; }
                       requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  document.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === 'Backspace') B.key = performance.now(); }, true);
  document.addEventListener('pointerdown', () => { B.key = performance.now(); }, true);
  const WS = window.WebSocket;
  window.WebSocket = class extends WS {
    constructor(...args) {
      super(...args);
      this.addEventListener('open', () => { B.open = performance.now(); });
      this.addEventListener('message', ev => { const t = performance.now(); if (B.first === null) B.first = t;
                                               if (B.capture) B.msgs.push([t, ev.data]); });
    }
  };
  try { new PerformanceObserver(l => { for (const e of l.getEntries()) B.longtasks.push([e.startTime, e.duration]); })
          .observe({type: 'longtask', buffered: true}); } catch (e) {}
})();"""

SIGNATURE = """([sel, before]) => { const el = document.querySelector(sel);
  const s = el ? el.querySelectorAll('path').length + '|' + el.textContent : '';
  return s !== before ? performance.now() : false; }"""


def _context(browser, app: App, capture: bool = False):
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(
        INIT % {"capture": "true" if capture else "false", "drawn": json.dumps(app.drawn)}
    )
    return context


def load(
    browser, server: Server, capture: bool = False, trace: Path | None = None, context=None
) -> tuple[float, float, dict]:
    """One load in a fresh context (or a new page of `context`, whose cache the earlier loads filled): (ms from
    navigation start to the first chart, monotonic time of navigation start, what the page recorded)."""
    kept = context is not None
    context = context or _context(browser, server.app, capture)
    page = context.new_page()
    if trace:
        browser.start_tracing(page=page, path=str(trace), categories=TRACE_CATEGORIES)
    nav = time.monotonic()
    page.goto(server.base + server.app.path, wait_until="commit")
    page.wait_for_function("() => window.__bench.chart !== null", timeout=90_000)
    ms = page.evaluate("window.__bench.chart")
    page.wait_for_timeout(50)  # the long task that drew the chart, reported after it ended
    extra = {"milestones": page.evaluate(MILESTONES)}
    if trace:
        page.wait_for_timeout(1500)  # the rest of the run, for the picture
        browser.stop_tracing()
        extra = {**extra, **_page_record(page)}
    page.close() if kept else context.close()
    return ms, nav, extra


MILESTONES = r"""() => { const B = window.__bench, r = performance.getEntriesByType('resource');
  const at = (re, k) => { const e = r.find(e => re.test(e.name)); return e ? e[k] : NaN; };
  const long = B.longtasks.reduce((a, b) => b[1] > a[1] ? b : a, [NaN, -1]);
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return {"first contentful paint": fcp ? fcp.startTime : NaN, "websocket open": B.open,
          "first message": B.first,
          "Plotly code requested": at(/\/(PlotlyChart\.[^/]*\.js|plotly-basic\.min\.js[^/]*)$/, 'startTime'),
          "Plotly code fetched": at(/\/(PlotlyChart\.[^/]*\.js|plotly-basic\.min\.js[^/]*)$/, 'responseEnd'),
          "Vega code requested": at(/\/embed\.[^/]*\.js$/, 'startTime'),
          "Vega code fetched": at(/\/embed\.[^/]*\.js$/, 'responseEnd'),
          "longest task start": long[0], "longest task ms": long[1] < 0 ? NaN : long[1],
          "first chart drawn": B.chart}; }"""


def _page_record(page) -> dict:
    """The page's websocket messages (base64), resource timings, paint timings and long tasks."""
    return page.evaluate("""async () => {
      const B = window.__bench, out = [];
      for (const [t, d] of B.msgs) {
        const buf = d instanceof Blob ? await d.arrayBuffer() : d;
        if (typeof buf === 'string') { out.push([t, null]); continue; }
        const bytes = new Uint8Array(buf); let s = '';
        for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
        out.push([t, btoa(s)]);
      }
      const res = performance.getEntriesByType('resource').map(e => ({name: e.name, start: e.startTime,
        end: e.responseEnd, size: e.encodedBodySize, type: e.initiatorType}));
      const paint = performance.getEntriesByType('paint').map(e => [e.name, e.startTime]);
      const nav = performance.getEntriesByType('navigation').map(e => ({domContentLoaded: e.domContentLoadedEventEnd,
        load: e.loadEventEnd, responseEnd: e.responseEnd}));
      return {chart: B.chart, drawn: B.drawn, key: B.key, open: B.open, first: B.first, msgs: out, resources: res, paint,
              navigation: nav, longtasks: B.longtasks};
    }""")


def _settle(page) -> None:
    """Until the script run has ended (no running indicator), then a short pause."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget] [data-testid=stStatusWidgetRunningIcon]')",
        timeout=60_000,
    )
    page.wait_for_timeout(400)


def open_for_changes(browser, server: Server, capture: bool = False):
    context = _context(browser, server.app, capture)
    page = context.new_page()
    page.goto(server.base + server.app.path)
    page.wait_for_function("() => window.__bench.chart !== null", timeout=90_000)
    _settle(page)
    return context, page


def change(page, app: App, add: bool, browser=None, trace: Path | None = None) -> float:
    """Add `app.option` to the multiselect (type it, Enter) or remove the last option (Backspace); ms from the
    key to the first chart's redraw."""
    field = page.locator(app.multiselect).first
    field.click()
    if add:
        field.press_sequentially(app.option, delay=20)
        page.locator("[role=option]").first.wait_for(timeout=10_000)
    before = page.evaluate(
        "([sel]) => { const el = document.querySelector(sel);"
        " return el ? el.querySelectorAll('path').length + '|' + el.textContent : ''; }",
        [app.chart],
    )
    if trace:
        browser.start_tracing(page=page, path=str(trace), categories=TRACE_CATEGORIES)
        page.evaluate("window.__bench.msgs = []; window.__bench.capture = true")
    page.keyboard.press("Enter" if add else "Backspace")
    done = page.wait_for_function(
        SIGNATURE, arg=[app.chart, before], polling="raf", timeout=60_000
    ).json_value()
    ms = done - page.evaluate("d => { window.__bench.drawn = d; return window.__bench.key; }", done)
    if trace:
        page.wait_for_timeout(1000)
        browser.stop_tracing()
    page.keyboard.press("Escape")
    _settle(page)
    return ms


COUNT_GREW = (
    """([sel, before]) => document.querySelectorAll(sel).length > before ? performance.now() : false"""
)


def view_switch(page, to_table: bool) -> float:
    """Our chart block's own control: Chart → Table (or back) in the first block; ms from the pointer to the
    table (or chart) drawn. Only the block reruns when it is a fragment; the whole page otherwise."""
    name, sel = ("Table", "[data-testid=stDataFrame]") if to_table else ("Chart", ".js-plotly-plot")
    before = page.evaluate("s => document.querySelectorAll(s).length", sel)
    page.get_by_role("radio", name=name).first.click()
    done = page.wait_for_function(COUNT_GREW, arg=[sel, before], polling="raf", timeout=60_000).json_value()
    ms = done - page.evaluate("window.__bench.key")
    _settle(page)
    return ms


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def run(
    peer: Path,
    peer_python: str,
    loads: int,
    changes: int,
    trace_dir: Path | None,
    baseline: Path | None = None,
    plotly_basic: Path | None = None,
) -> dict:
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    db = str(folder / "store.sqlite")
    subprocess.run(
        [sys.executable, "-c", f"from indicators.store import Store; Store({db!r}).close()"], check=True
    )
    the_apps = apps(peer, peer_python, db, baseline, plotly_basic)
    results = {a.name: {"warm": [], "change": [], "milestones": []} for a in the_apps}
    servers: list[Server] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for app in the_apps:  # cold: spawn, wait for health, one load
                server = start(app)
                servers.append(server)
                ms, nav, _ = load(browser, server)
                results[app.name]["cold"] = (nav - server.started) * 1000 + ms
                print(f"{app.name}: cold start to first chart {results[app.name]['cold']:.0f} ms", flush=True)
            for server in servers:
                load(
                    browser, server
                )  # not counted: the server's caches fill on the first runs after the cold one
            for i in range(loads):  # round-robin, so a change of load on the machine touches every app alike
                for server in servers:
                    ms, _, extra = load(browser, server)
                    results[server.app.name]["warm"].append(ms)
                    results[server.app.name]["milestones"].append(extra["milestones"])
                print(f"warm loads {i + 1}/{loads}", flush=True)
            kept = {s.app.name: _context(browser, s.app) for s in servers}
            for server in servers:  # a returning visitor: the browser's HTTP and code caches already filled
                results[server.app.name]["repeat"] = []
                load(browser, server, context=kept[server.app.name])
            for _ in range(loads):
                for server in servers:
                    results[server.app.name]["repeat"].append(
                        load(browser, server, context=kept[server.app.name])[0]
                    )
            for context in kept.values():
                context.close()
            pages = {s.app.name: open_for_changes(browser, s) for s in servers}
            for i in range(changes):
                for server in servers:
                    results[server.app.name]["change"].append(
                        change(pages[server.app.name][1], server.app, i % 2 == 0)
                    )
                print(f"changes {i + 1}/{changes}", flush=True)
            ours_like = [s for s in servers if s.app.name in ("ours", "baseline")]
            blocks = {}
            for server in ours_like:
                context = _context(browser, server.app)
                page = context.new_page()
                page.goto(server.base + "/infrastructure?lang=en")
                page.wait_for_function("() => window.__bench.chart !== null", timeout=90_000)
                _settle(page)
                blocks[server.app.name] = (context, page)
                results[server.app.name]["view"] = []
            for i in range(changes):
                for server in ours_like:
                    results[server.app.name]["view"].append(
                        view_switch(blocks[server.app.name][1], i % 2 == 0)
                    )
            for context, _ in blocks.values():
                context.close()
            if changes % 2:  # leave each multiselect as it began
                for server in servers:
                    change(pages[server.app.name][1], server.app, False)
            for context, _ in pages.values():
                context.close()
            for server in servers:
                results[server.app.name]["rss"] = server.rss_mb()
            if trace_dir:
                trace_dir.mkdir(parents=True, exist_ok=True)
                for server in servers:
                    name = server.app.name
                    _, _, record = load(browser, server, capture=True, trace=trace_dir / f"{name}-load.json")
                    (trace_dir / f"{name}-load-page.json").write_text(json.dumps(record))
                    context, page = open_for_changes(browser, server, capture=True)
                    change(page, server.app, True, browser, trace_dir / f"{name}-change.json")
                    (trace_dir / f"{name}-change-page.json").write_text(json.dumps(_page_record(page)))
                    context.close()
        finally:
            browser.close()
            for server in servers:
                stop(server)
    return results


def table(results: dict, loads: int, changes: int) -> str:
    rows = [
        (f"warm load, navigation start → first chart (median of {loads})", "warm", "s"),
        ("cold server start → first chart", "cold", "s"),
        (f"repeat visit, browser cache filled → first chart (median of {loads})", "repeat", "s"),
        (f"multiselect change → chart redrawn (median of {changes})", "change", "ms"),
        ("server RSS after the loads", "rss", "MB"),
        (f"our chart block's view switch, Infrastructure (median of {changes})", "view", "ms"),
    ]
    names = [n for n in ("baseline", "ours", "peer", "bare", "bare-basic") if n in results]
    out = [
        "| figure | "
        + " | ".join({"bare": "bare Plotly", "bare-basic": "bare, basic bundle"}.get(n, n) for n in names)
        + " | ours/peer |",
        "|---|" + "---|" * (len(names) + 1),
    ]
    for label, key, unit in rows:
        vals = {}
        for name in names:
            v = results[name].get(key, float("nan"))
            vals[name] = median(v) if isinstance(v, list) else v
        fmt = {
            "s": lambda x: f"{x / 1000:.2f} s",
            "ms": lambda x: f"{x:.0f} ms",
            "MB": lambda x: f"{x:.0f} MB",
        }[unit]
        shown = ["–" if vals[n] != vals[n] else fmt(vals[n]) for n in names]  # NaN: not measured for that app
        ratio = "–" if vals["peer"] != vals["peer"] else f"{vals['ours'] / vals['peer']:.2f}"
        out.append(f"| {label} | " + " | ".join(shown) + f" | {ratio} |")
    return "\n".join(out)


def milestones_table(results: dict) -> str:
    """Medians over the warm loads of when each step was reached, in ms from navigation start."""
    names = [
        n
        for n in ("baseline", "ours", "peer", "bare", "bare-basic")
        if n in results and results[n]["milestones"]
    ]
    keys = list(results[names[0]]["milestones"][0])
    out = [
        "| warm load, median ms from navigation start | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for key in keys:
        cells = []
        for name in names:
            xs = [m[key] for m in results[name]["milestones"] if m.get(key) is not None and m[key] == m[key]]
            cells.append(f"{median(xs):.0f}" if xs else "–")
        out.append(f"| {key} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--peer", type=Path, required=True, help="checkout of streamlit/gdp-dashboard-template"
    )
    parser.add_argument(
        "--peer-python", help="Python with the peer's requirements (default DIR/.venv/bin/python)"
    )
    parser.add_argument("--loads", type=int, default=5, help="warm loads per app (median)")
    parser.add_argument("--changes", type=int, default=6, help="multiselect changes per app (median)")
    parser.add_argument(
        "--trace", type=Path, help="also write a traced load and change per app into this folder"
    )
    parser.add_argument("--json", type=Path, help="write every sample here")
    parser.add_argument(
        "--plotly-basic",
        type=Path,
        help="plotly.js's basic bundle (plotly-basic.min.js): also run "
        "the bare app drawing with it (bare_plotly_basic_app.py)",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="also run our app from this checkout (before a change), in the same round-robin",
    )
    args = parser.parse_args()
    peer = args.peer.resolve()
    if not (peer / "streamlit_app.py").exists():
        parser.error(
            f"{peer}: no streamlit_app.py (a checkout of streamlit/gdp-dashboard-template is expected)"
        )
    peer_python = args.peer_python or (
        str(peer / ".venv/bin/python") if (peer / ".venv/bin/python").exists() else sys.executable
    )
    load_before = os.getloadavg()
    results = run(
        peer,
        peer_python,
        args.loads,
        args.changes,
        args.trace,
        args.baseline.resolve() if args.baseline else None,
        args.plotly_basic.resolve() if args.plotly_basic else None,
    )
    load_after = os.getloadavg()
    print()
    print(table(results, args.loads, args.changes))
    print()
    print(milestones_table(results))
    print(
        f"\nload average (1, 5, 15 min) before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}, "
        f"after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}; {os.cpu_count()} cores"
    )
    if args.json:
        args.json.write_text(json.dumps({"results": results, "load": [load_before, load_after]}, indent=1))


if __name__ == "__main__":
    main()
