"""The shared store on a real PostgreSQL (INDICATORS_TEST_PG_URL, see scripts/ci_postgres.sh).

- Two command-line processes commit at the same instant: both land in order, or one is refused with a
  clear message and writes nothing; retried, it lands. Nothing is lost, the history has no fork or gap.
- Two app servers (two Streamlit processes) share one store: an import through the command line shows up
  on the Overview of both, at their next run (a reload on one, an interaction on the other).
- nginx (deploy/nginx.conf) in front of the two servers: a Chromium session loads the Overview through it
  and keeps working across several interactions, all on one server (sticky sessions, WebSocket upgrade).

Every PostgreSQL store here lives in a schema of its own, dropped afterwards (tests/pg_support.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from browser_support import running_app
from cli_support import assert_no_crash
from deploy_support import access_log, running_nginx
from pg_support import fresh_schema

from indicators.store import Store

pytestmark = pytest.mark.postgres

STALE_EN = "the data changed since your preview"
# each process waits, with indicators.cli already imported, for the file `go`: then all call main() at once
BARRIER = """
import os, sys, time
from indicators.cli import main
folder = sys.argv[1]
open(os.path.join(folder, "ready-" + str(os.getpid())), "w").close()
while not os.path.exists(os.path.join(folder, "go")):
    time.sleep(0.001)
sys.exit(main(sys.argv[2:]))
"""


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("indicators")
    return [str(script)] if script.exists() else [sys.executable, "-m", "indicators.cli"]


def _upload(folder: Path, name: str, line: str) -> Path:
    path = folder / name
    path.write_text("indicator,region,year,value\n" + line + "\n", encoding="utf-8")
    return path


def _value(store: Store, indicator: str, region: str, year: int) -> float | None:
    now = store.current()
    hit = now[
        (now["indicator_id"] == indicator)
        & (now["region_id"] == region)
        & (now["year"] == year)
        & (now["status"] == "reported")
    ]
    return None if hit.empty else float(hit["value"].iloc[0])


def _history_is_whole(store: Store) -> list:
    history = sorted(store.history(), key=lambda r: r.id)
    assert [r.id for r in history] == list(range(1, len(history) + 1))
    assert [r.parent_id for r in history] == list(range(len(history)))
    return history


def _check_race(
    store: Store, procs: list[subprocess.Popen], uploads: list[tuple[Path, tuple, float]], head: int
):
    """Each process landed (exit 0) or was refused as stale (exit 2, a clear message, nothing written);
    a refused upload is retried and lands. In the end every upload's value is there."""
    outcomes = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert_no_crash(proc.returncode, err, "indicators import")  # refused or landed, never crashed
        outcomes.append((proc.returncode, out, err))
    landed = [i for i, (rc, _, _) in enumerate(outcomes) if rc == 0]
    refused = [i for i, (rc, _, _) in enumerate(outcomes) if rc != 0]
    for i in refused:
        rc, out, err = outcomes[i]
        assert rc == 2 and STALE_EN in err and "nothing was written" in err and "Traceback" not in err, (
            outcomes[i]
        )
    assert landed, outcomes
    for i in landed:
        assert "revision" in outcomes[i][1], outcomes[i]
    assert store.head_revision() == head + len(landed)
    _history_is_whole(store)
    for i, (_, key, value) in enumerate(uploads):
        assert _value(store, *key) == (value if i in landed else None)
    for i in refused:  # what was refused is not lost: run it again and it lands
        path, _, _ = uploads[i]
        again = subprocess.run(
            [*_cli(), "import", str(path), "--db", store.db, "--lang", "en"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert_no_crash(again.returncode, again.stderr)
        assert again.returncode == 0, again.stderr
    for _, key, value in uploads:
        assert _value(store, *key) == value
    _history_is_whole(store)
    return landed, refused


def test_two_cli_processes_commit_at_the_same_instant(pg_schema_url, tmp_path):
    store = Store(pg_schema_url)  # migrations and the baseline, before the race
    head = store.head_revision()
    uploads = [
        (
            _upload(tmp_path, "a.csv", "smart_factories,qingdao,2021,41"),
            ("smart_factories", "qingdao", 2021),
            41.0,
        ),
        (
            _upload(tmp_path, "b.csv", "fiveg_base_stations,qingdao,2020,12345"),
            ("fiveg_base_stations", "qingdao", 2020),
            12345.0,
        ),
    ]
    env = {**os.environ, "INDICATORS_LANG": "en"}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                BARRIER,
                str(tmp_path),
                "import",
                str(path),
                "--db",
                pg_schema_url,
                "--author",
                f"p{i}",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for i, (path, _, _) in enumerate(uploads)
    ]
    deadline = time.monotonic() + 120
    while len(list(tmp_path.glob("ready-*"))) < len(procs):
        assert time.monotonic() < deadline and all(p.poll() is None for p in procs), "a process did not start"
        time.sleep(0.01)  # the poll interval
    (tmp_path / "go").touch()
    _check_race(store, procs, uploads, head)
    store.close()


def test_indicators_commands_started_together(pg_schema_url, tmp_path):
    """The real console script, three at once, as three analysts' terminals would."""
    store = Store(pg_schema_url)
    head = store.head_revision()
    uploads = [
        (
            _upload(tmp_path, f"u{i}.csv", f"smart_factories,qingdao,{2010 + i},{20 + i}"),
            ("smart_factories", "qingdao", 2010 + i),
            float(20 + i),
        )
        for i in range(3)
    ]
    procs = [
        subprocess.Popen(
            [*_cli(), "import", str(path), "--db", pg_schema_url, "--lang", "en"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path, _, _ in uploads
    ]
    _check_race(store, procs, uploads, head)
    store.close()


# -- two app servers on one store, and nginx in front of them ---------------------------------------------
@pytest.fixture(scope="module")
def shared_store(pg_url):
    with fresh_schema(pg_url) as url:
        Store(url).close()  # migrations and the baseline once, before the servers start
        yield url


@pytest.fixture(scope="module")
def two_servers(shared_store):
    with running_app(shared_store) as first, running_app(shared_store) as second:
        yield first, second


def _metric(page, *texts: str):
    locator = page.get_by_test_id("stMetric")
    for text in texts:
        locator = locator.filter(has_text=text)
    return locator


@pytest.mark.browser
def test_an_import_through_the_cli_shows_up_on_both_servers(two_servers, shared_store, browser, tmp_path):
    from playwright.sync_api import expect

    pages = []
    for base in two_servers:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "/")
        expect(page.get_by_role("heading", name="总览")).to_be_visible(timeout=60_000)
        expect(_metric(page, "青岛市 · 截至2024年7月3日", "64家")).to_be_visible(
            timeout=30_000
        )  # smart factories
        expect(_metric(page, "71家")).to_have_count(0)
        pages.append(page)
    path = _upload(tmp_path, "qingdao.csv", "smart_factories,qingdao,2025,71")
    done = subprocess.run(
        [*_cli(), "import", str(path), "--db", shared_store, "-m", "2025 figure"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert_no_crash(done.returncode, done.stderr)
    assert done.returncode == 0 and "revision" in done.stdout, done.stderr
    first, second = pages
    first.reload()  # a new session's first run
    expect(_metric(first, "青岛市 · 2025年", "71家")).to_be_visible(timeout=30_000)
    second.get_by_role("radio", name="English").click()  # a rerun of the session already open
    expect(second.get_by_role("heading", name="Overview")).to_be_visible(timeout=30_000)
    expect(_metric(second, "Qingdao · 2025", "71")).to_be_visible(timeout=30_000)
    for page in pages:
        page.close()


@pytest.mark.browser
def test_a_session_through_nginx_keeps_working(two_servers, browser, tmp_path):
    from playwright.sync_api import expect

    upstreams = [base.removeprefix("http://") for base in two_servers]
    with running_nginx(tmp_path, upstreams) as proxy:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(proxy + "/")
        expect(page.get_by_role("heading", name="总览")).to_be_visible(timeout=60_000)
        page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
        expect(_metric(page, "青岛市")).not_to_have_count(0)
        for _ in range(3):  # every click is a rerun over the session's WebSocket, through nginx
            page.get_by_role("radio", name="English").click()
            expect(page.get_by_role("heading", name="Overview")).to_be_visible(timeout=30_000)
            page.get_by_role("radio", name="中文").click()
            expect(page.get_by_role("heading", name="总览")).to_be_visible(timeout=30_000)
        cookie = next(c["value"] for c in context.cookies() if c["name"] == "indicators_route")
        context.close()  # ends the WebSocket: nginx logs it when it closes
        deadline = time.monotonic() + 30
        while not any(r["uri"].startswith("/_stcore/stream") for r in access_log(tmp_path)):
            assert time.monotonic() < deadline, access_log(tmp_path)
            time.sleep(0.1)  # the poll interval
    rows = access_log(tmp_path)  # this nginx served this one browser session only
    stream = [r for r in rows if r["uri"].startswith("/_stcore/stream")]
    assert stream and all(r["status"] == "101" and r["cookie"] == cookie for r in stream), stream  # upgraded
    assert all(r["cookie"] in (cookie, "-") for r in rows)
    assert len({r["upstream"] for r in rows}) == 1, rows  # sticky: the page, its files and its WebSocket
    assert {r["upstream"] for r in rows} <= set(upstreams)


def test_nginx_spreads_new_sessions_and_keeps_each_on_one_server(two_servers, tmp_path):
    import urllib.request

    upstreams = [base.removeprefix("http://") for base in two_servers]
    with running_nginx(tmp_path, upstreams) as proxy:
        cookies = []
        for _ in range(20):  # twenty browsers arriving: each gets its route cookie
            with urllib.request.urlopen(proxy + "/_stcore/health", timeout=10) as response:
                assert response.status == 200
                route = [
                    c for c in response.headers.get_all("Set-Cookie") if c.startswith("indicators_route=")
                ]
                cookies.append(route[0].split(";")[0])
        for cookie in cookies[:3]:  # each comes back with it, several times
            for _ in range(5):
                request = urllib.request.Request(proxy + "/_stcore/health", headers={"Cookie": cookie})
                with urllib.request.urlopen(request, timeout=10) as response:
                    assert response.status == 200
                    assert not any(
                        c.startswith("indicators_route=")
                        for c in response.headers.get_all("Set-Cookie") or []
                    )
        deadline = time.monotonic() + 10
        while len(access_log(tmp_path)) < 35:
            assert time.monotonic() < deadline
            time.sleep(0.05)  # the poll interval
    rows = access_log(tmp_path)
    assert {r["upstream"] for r in rows[:20]} == set(upstreams)  # new sessions spread over both servers
    for cookie in cookies[:3]:
        value = cookie.split("=", 1)[1]
        back = [r["upstream"] for r in rows[20:] if r["cookie"] == value]
        first = rows[cookies.index(cookie)]["upstream"]
        assert back == [first] * 5  # and each stays on the server that served its first request
