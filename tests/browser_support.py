"""The real app in a subprocess for browser tests: `with running_app(db_path) as base_url: ...`.

Starts `streamlit run app.py` on a free port with INDICATORS_DB pointing at `db_path`, waits for the
server's health endpoint (polling against a deadline, no fixed sleep), and always stops the server and
everything it started. The server's output goes to test-artifacts/streamlit-<port>.log for a failed run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
START_TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM to the server's own process group, then SIGKILL if it does not end in 10 s."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@dataclasses.dataclass(frozen=True)
class Server:
    base: str  # http://127.0.0.1:<port>
    pid: int
    log_path: Path  # the server's stdout and stderr

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def rss_bytes(self) -> int:
        """The server process's resident memory (Linux /proc)."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        raise RuntimeError("no VmRSS")


@contextlib.contextmanager
def running_app(db_path: str | os.PathLike, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run the app against the store at `db_path`; yields its base URL (http://127.0.0.1:<port>)."""
    with running_server(db_path, env) as server:
        yield server.base


@contextlib.contextmanager
def running_server(db_path: str | os.PathLike, env: dict[str, str] | None = None) -> Iterator[Server]:
    """`running_app`, yielding the server's URL, process id and log."""
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = ARTIFACTS / f"streamlit-{port}.log"
    child_env = {**os.environ, "INDICATORS_DB": str(db_path), "PYTHONUNBUFFERED": "1", **(env or {})}
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=ROOT,
            env=child_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while not _healthy(f"{base}/_stcore/health"):
                if proc.poll() is not None:
                    raise RuntimeError(f"streamlit exited with {proc.returncode}; see {log_path}")
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"streamlit did not answer within {START_TIMEOUT:.0f} s; see {log_path}"
                    )
                time.sleep(0.2)  # the poll interval, not a wait for something to happen
            yield Server(base, proc.pid, log_path)
        finally:
            _stop(proc)
