"""Running the `indicators` command in a test: one way to start it, one check that it did not crash.

A data tool's exit code must be the truth: a process killed by a signal (a negative return code), or one
whose stderr says it aborted or faulted, fails the test whatever it printed before. Every process runs
with PYTHONFAULTHANDLER=1, so a crash leaves its Python and native story in stderr, which the failure shows.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

EXE = Path(sys.executable).parent / "indicators"
CRASH_MARKERS = ("terminate called", "Segmentation fault", "Fatal Python error")


def cli_env(db: Path | str | None = None, **extra: str) -> dict[str, str]:
    """The environment a test runs the command in: English messages, faulthandler on, `db` as the store."""
    env = {**os.environ, "INDICATORS_LANG": "en", "PYTHONFAULTHANDLER": "1", **extra}
    if db is not None:
        env["INDICATORS_DB"] = str(db)
    return env


def crash(returncode: int, stderr: str) -> str | None:
    """How a process that ended with `returncode` and `stderr` crashed, or None if it did not."""
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return f"killed by {name}"
    found = [m for m in CRASH_MARKERS if m in stderr]
    return f"stderr says {found[0]!r}" if found else None


def assert_no_crash(returncode: int, stderr: str, what: str = "indicators") -> None:
    how = crash(returncode, stderr)
    assert how is None, f"{what}: {how} (exit {returncode})\n--- stderr ---\n{stderr[-4000:]}"


def run_cli(
    *args: str | Path, db: Path | str | None = None, timeout: float = 120, check_crash: bool = True
) -> subprocess.CompletedProcess:
    """`indicators ARGS [--db DB]` in a subprocess, its output as text; fails the test if it crashed.

    `check_crash=False` only defers the check: for a fixture that runs many commands, so that each test
    calls `assert_no_crash` on the runs it looks at."""
    argv = [str(EXE), *map(str, args), *(["--db", str(db)] if db is not None else [])]
    done = subprocess.run(argv, capture_output=True, text=True, env=cli_env(db), timeout=timeout, check=False)
    if check_crash:
        assert_no_crash(done.returncode, done.stderr, " ".join(argv[1:]))
    return done
