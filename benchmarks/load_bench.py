"""Load: the real app under 20 browser sessions at once. Not a test: it prints what it measured.

    python benchmarks/load_bench.py [--sessions 20] [--timeout 300]

Starts `streamlit run app.py` on a fresh store (tests/browser_support.running_app), opens SESSIONS
Playwright contexts in one Debian Chromium, and drives them concurrently (asyncio.gather): each loads the
Overview, then changes the selection three times: the sidebar's "Show China as a reference" off, the
language to English, the language back to 中文. Each step waits on a condition (the view written to the
URL, the heading in the new language, the chart's title), never a fixed sleep. One session first warms the
server (not counted); afterwards one more session checks a bug this benchmark found: turning the
reference toggle right after a language switch emptied the region selection.

Reports: errors (exceptions in a session, and any Streamlit exception element on the page: there must be
none), the median and 95th percentile of the time to the first chart (`.js-plotly-plot` visible) and of
each interaction, and the server's memory afterwards (VmRSS and its peak VmHWM from /proc).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM, CHROMIUM_ARGS, running_app  # noqa: E402

STEPS = ("first chart", "China reference off", "English", "中文")
NO_REGION = "请在左侧至少选择一个地区"


def server_pid(port: int) -> int | None:
    """The `streamlit run app.py` process serving `port`, found through /proc (psutil is not installed)."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(argv) and b"app.py" in argv and str(port).encode() in argv:
            return int(proc.name)
    return None


def memory_kb(pid: int) -> dict[str, int]:
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0])
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of `pid` so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def descendants(root: int) -> set[int]:
    parents: dict[int, list[int]] = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                ppid = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(proc.name))
    out, todo = set(), [root]
    while todo:
        for child in parents.get(todo.pop(), []):
            if child not in out:
                out.add(child)
                todo.append(child)
    return out


class CpuMeter(threading.Thread):
    """Samples the CPU time of the server and of everything this process started (Playwright's driver and
    Chromium) twice a second, keeping each process's last reading: a renderer that exits still counts."""

    def __init__(self, server: int | None):
        super().__init__(daemon=True)
        self.server, self.seen, self.stop = server, {}, threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.5):  # the sampling interval
            self.sample()

    def sample(self) -> None:
        for pid in descendants(os.getpid()) - ({self.server} if self.server else set()):
            self.seen[pid] = max(self.seen.get(pid, 0.0), cpu_seconds(pid))

    def browser_seconds(self) -> float:
        return sum(self.seen.values())


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


async def session(
    browser, base: str, timeout_ms: int, times: dict[str, list[float]], errors: list[str]
) -> None:
    from playwright.async_api import expect

    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await context.new_page()
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    chart = page.locator(".js-plotly-plot").first

    async def step(name: str, action, *conditions) -> None:
        started = time.perf_counter()
        await action()
        for condition in conditions:
            await condition()
        times[name].append(time.perf_counter() - started)
        shown = await page.locator('[data-testid="stException"]').count()
        if shown:
            errors.append(f"{name}: {shown} Streamlit exception element(s) on the page")
        if await page.get_by_text(NO_REGION).count():
            errors.append(f"{name}: the region selection was lost")

    try:
        await step(
            "first chart",
            lambda: page.goto(base + "/", wait_until="commit", timeout=timeout_ms),
            lambda: chart.wait_for(state="visible", timeout=timeout_ms),
        )
        await step(
            "China reference off",
            lambda: page.get_by_text("显示全国数据作参考").click(),
            lambda: page.wait_for_url("**ref=0**", timeout=timeout_ms),
            lambda: chart.wait_for(state="visible", timeout=timeout_ms),
        )
        await step(
            "English",
            lambda: page.get_by_role("radio", name="English").click(),
            lambda: expect(page.get_by_role("heading", name="Overview")).to_be_visible(timeout=timeout_ms),
            lambda: expect(chart.locator(".gtitle")).to_have_text("5G base stations", timeout=timeout_ms),
            lambda: page.wait_for_url("**lang=en**", timeout=timeout_ms),
        )
        await step(
            "中文",
            lambda: page.get_by_role("radio", name="中文").click(),
            lambda: expect(page.get_by_role("heading", name="总览")).to_be_visible(timeout=timeout_ms),
            lambda: expect(chart.locator(".gtitle")).to_have_text("5G基站", timeout=timeout_ms),
            lambda: page.wait_for_url("**lang=zh**", timeout=timeout_ms),
        )
    except Exception as err:  # noqa: BLE001 - every failure of a session is counted and reported
        errors.append(f"{type(err).__name__}: {str(err).splitlines()[0][:200]}")
    finally:
        await context.close()


async def toggle_after_language_switch(browser, base: str) -> str:
    """A functional check beside the load: switch to English, then turn the reference off. Either the view
    with ref=0 is written to the URL (the selection survived) or the page says no region is chosen."""
    from playwright.async_api import expect

    page = await browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        await page.goto(base + "/", wait_until="commit")
        await page.locator(".js-plotly-plot").first.wait_for(state="visible", timeout=120_000)
        await page.get_by_role("radio", name="English").click()
        await expect(page.locator(".js-plotly-plot .gtitle").first).to_have_text(
            "5G base stations", timeout=60_000
        )
        await page.wait_for_url("**lang=en**", timeout=60_000)
        await page.get_by_text("Show China as a reference").click()
        written = asyncio.ensure_future(page.wait_for_url("**ref=0**", timeout=60_000))
        emptied = asyncio.ensure_future(
            page.get_by_text("Choose at least one region on the left.").wait_for(
                state="visible", timeout=60_000
            )
        )
        done, pending = await asyncio.wait({written, emptied}, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        if emptied in done and emptied.exception() is None:
            return "FAILED: the region selection was emptied ('Choose at least one region on the left.')"
        return "ok" if written in done and written.exception() is None else "unknown (neither happened)"
    finally:
        await page.close()


async def drive(base: str, sessions: int, timeout_ms: int):
    from playwright.async_api import async_playwright

    times: dict[str, list[float]] = {name: [] for name in STEPS}
    errors: list[str] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        warm: dict[str, list[float]] = {name: [] for name in STEPS}
        await session(browser, base, timeout_ms, warm, errors)  # a server that has served once: caches filled
        warm_up = warm["first chart"][0] if warm["first chart"] else float("nan")
        started = time.perf_counter()
        await asyncio.gather(*(session(browser, base, timeout_ms, times, errors) for _ in range(sessions)))
        wall = time.perf_counter() - started
        check = await toggle_after_language_switch(browser, base)
        await browser.close()
    return times, errors, wall, warm_up, check


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument(
        "--timeout", type=float, default=600, help="seconds a step may take before it counts as failed"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, running_app(Path(tmp) / "store.sqlite") as base:
        port = int(base.rsplit(":", 1)[1])
        pid = server_pid(port)
        before = memory_kb(pid) if pid else {}
        server_cpu = cpu_seconds(pid) if pid else 0.0
        meter = CpuMeter(pid)
        meter.start()
        times, errors, wall, warm_up, check = asyncio.run(
            drive(base, args.sessions, int(args.timeout * 1000))
        )
        meter.stop.set()
        meter.join()
        server_cpu = (cpu_seconds(pid) - server_cpu) if pid else float("nan")
        after = memory_kb(pid) if pid else {}
    print(f"warm-up: one session's first chart on the fresh server {warm_up:.1f} s")
    print(f"sessions: {args.sessions} at once in one Chromium; wall time {wall:.1f} s")
    print(f"errors: {len(errors)}")
    for err in errors[:20]:
        print(f"  - {err}")
    for name in STEPS:
        values = times[name]
        if values:
            print(
                f"{name:<22} n={len(values):>2}  median {statistics.median(values):6.2f} s   "
                f"p95 {percentile(values, 0.95):6.2f} s   max {max(values):6.2f} s"
            )
        else:
            print(f"{name:<22} n= 0")
    if pid:
        print(
            f"server memory (pid {pid}): before {before.get('VmRSS', 0) / 1024:.0f} MB, after "
            f"{after.get('VmRSS', 0) / 1024:.0f} MB RSS, peak {after.get('VmHWM', 0) / 1024:.0f} MB"
        )
    else:
        print("server memory: the server process was not found in /proc")
    completed = min(len(v) for v in times.values())
    print(
        f"CPU used (this machine has {os.cpu_count()} cores): server {server_cpu:.0f} s, Playwright and "
        f"Chromium {meter.browser_seconds():.0f} s, over {wall:.0f} s of the {args.sessions} sessions plus warm-up and check"
    )
    print(f"sessions held to the end: {completed}/{args.sessions}")
    print(f"check, reference toggle right after a language switch keeps the regions: {check}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
