"""The real server attacked the way a script would: password guesses over fresh WebSocket connections, files
PUT straight to the upload endpoint, malformed messages (`raw_client`). What must hold: guesses are counted
per address whatever the connection and logged without the guess; no upload is kept for a session that may
not edit; what sessions may keep is bounded and freed when they leave; the log gets one line per malformed
message, never a traceback."""

from __future__ import annotations

import time

import pytest
from browser_support import running_server
from deploy_support import running_nginx
from raw_client import RawSession

from indicators import editing

pytestmark = pytest.mark.slow
MB = 1024 * 1024
PASSWORD = "编辑-pass-2026"
DEADLINE = 60.0


def until(condition, what: str):
    """Poll `condition()` until it returns something true, against a deadline."""
    deadline = time.monotonic() + DEADLINE
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)  # the poll interval, not a wait for something to happen
    return result


def guess(base: str, password: str, source: str | None = None) -> list[str]:
    """One attempt from a brand-new session (a reload, or a script opening a new connection)."""
    with RawSession(base, source) as s:
        page = s.run("data")
        after = s.run("data", {page.widgets["data_password"]: password, page.widgets["data_unlock"]: True})
        assert ("data_upload_0" in after.widgets) == ("已解锁编辑（仅限本浏览器会话）。" in after.alerts)
        return after.alerts


def test_guesses_over_fresh_connections_are_counted_per_address_and_logged_without_the_guess(tmp_path):
    with running_server(tmp_path / "s.sqlite", {"INDICATORS_EDITOR_PASSWORD": PASSWORD}) as server:
        answers = [guess(server.base, f"guess-{i}") for i in range(editing.MAX_FAILURES)]
        assert "密码不正确，请重试。" in answers[0] and "密码错误次数过多，请30秒后再试。" in answers[-1]
        assert "密码错误次数过多，请30秒后再试。" in guess(server.base, PASSWORD)  # the right one waits too
        lines = until(
            lambda: (
                len(found := [x for x in server.log().splitlines() if "editor password" in x])
                == editing.MAX_FAILURES + 1
                and found
            ),
            "every attempt logged",
        )
        assert all("127.0.0.1" in x for x in lines), lines
        assert "guess-" not in server.log() and PASSWORD not in server.log()


def test_no_upload_is_kept_before_unlocking_and_memory_stays_bounded(tmp_path):
    with (
        running_server(tmp_path / "s.sqlite", {"INDICATORS_EDITOR_PASSWORD": PASSWORD}) as server,
        RawSession(server.base) as s,
    ):
        s.run("data")
        before = server.rss_bytes()
        blob = b"x" * (19 * MB)  # as the attack: files just under the 20 MB cap, straight to the endpoint
        assert {s.upload(blob) for _ in range(40)} == {403}
        grown = server.rss_bytes() - before
        assert grown < 120 * MB, f"the server grew by {grown / MB:.0f} MB"  # 40 files kept would be 760 MB
        assert "upload refused for session" in server.log() and "Traceback" not in server.log()
        page = s.run("data")  # the editor unlocks: now the same session may upload
        s.run("data", {page.widgets["data_password"]: PASSWORD, page.widgets["data_unlock"]: True})
        assert s.upload(b"indicator,region,year,value\nsmart_factories,qingdao,2026,75\n") == 204


def test_what_sessions_keep_is_bounded_and_freed_when_a_session_leaves(tmp_path):
    env = {"INDICATORS_MAX_UPLOAD_MB": "5", "INDICATORS_UPLOAD_MEMORY_MB": "20"}  # editing open: no password
    with running_server(tmp_path / "s.sqlite", env) as server:
        a, b, c = RawSession(server.base), RawSession(server.base), RawSession(server.base)
        try:
            for s in (a, b, c):
                s.run("data")
            blob = b"y" * (4 * MB)
            assert [a.upload(blob) for _ in range(3)] == [204, 204, 429]  # a session keeps two uploads' worth
            assert [b.upload(blob) for _ in range(2)] == [204, 204]
            assert [c.upload(blob) for _ in range(2)] == [204, 503]  # 20 MB held by all: the server is full
            a.close()  # a leaves: its 8 MB are freed at once, not after Streamlit's reconnect grace period
            until(lambda: c.upload(blob) == 204, "the leaving session's files to be freed")
        finally:
            for s in (a, b, c):
                s.close()


def test_a_malformed_message_is_one_log_line_without_a_traceback(tmp_path):
    with running_server(tmp_path / "s.sqlite") as server, RawSession(server.base) as s:
        s.run("home")
        s.send_bytes(b"\xff\xfe not a protobuf \x00" * 50)
        line = until(
            lambda: next(
                (x for x in server.log().splitlines() if "Error deserializing back message" in x), None
            ),
            "the malformed message to be logged",
        )
        assert "DecodeError" in line or "Error parsing message" in line, line
        assert "Traceback" not in server.log()


def test_behind_nginx_guesses_count_per_client_address_and_uploads_are_rate_limited(tmp_path):
    with (
        running_server(tmp_path / "s.sqlite", {"INDICATORS_EDITOR_PASSWORD": PASSWORD}) as server,
        running_nginx(tmp_path, [server.base.removeprefix("http://")]) as proxy,
    ):
        for i in range(editing.MAX_FAILURES):  # one address guesses wrong: it is paused ...
            answer = guess(proxy, f"guess-{i}", source="127.0.0.2")
        assert "密码错误次数过多，请30秒后再试。" in answer
        assert "已解锁编辑（仅限本浏览器会话）。" in guess(
            proxy, PASSWORD, source="127.0.0.3"
        )  # ... not another
        assert "password refused from 127.0.0.2" in server.log() and "127.0.0.3" not in server.log()
        with RawSession(proxy) as s:  # editing is unlocked; uploads are still limited per address by nginx
            page = s.run("data")
            s.run("data", {page.widgets["data_password"]: PASSWORD, page.widgets["data_unlock"]: True})
            statuses = [
                s.upload(b"indicator,region,year,value\nsmart_factories,qingdao,2026,75\n") for _ in range(12)
            ]
        assert set(statuses[:6]) == {204} and 429 in statuses[6:], statuses
