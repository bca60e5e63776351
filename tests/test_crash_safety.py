"""Crash safety: an `indicators import` of 100,000 rows killed with SIGKILL at any moment leaves a store that
opens, passes SQLite's integrity check, and holds exactly the data and history from before the import or
exactly those from after it, never a mix.

The import is timed once to completion; then it is killed eight times: at moments spread over its
duration (reading, validating, comparing, writing) and twice while it is writing, when its write-ahead
log has grown past 1 MB and past 8 MB (polled, so the kill lands inside the commit's transaction).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from cli_support import EXE, assert_no_crash, cli_env

from indicators.catalog import load_catalog
from indicators.frame import COLUMNS as OBS_COLUMNS
from indicators.frame import KEY
from indicators.store import Store

pytestmark = pytest.mark.slow  # kills and restarts the command line

ROOT = Path(__file__).resolve().parents[1]
ROWS = 100_000
TIME_KILLS = (0.25, 0.45, 0.6, 0.72, 0.84, 0.95)  # fractions of the measured duration
WAL_KILLS = (1 << 20, 8 << 20)  # bytes of write-ahead log written by the commit


def fingerprint(frame: pd.DataFrame) -> str:
    canonical = frame[OBS_COLUMNS].sort_values(KEY, kind="stable").reset_index(drop=True)
    return hashlib.sha256(pd.util.hash_pandas_object(canonical, index=False).to_numpy().tobytes()).hexdigest()


def copy_store(source: Path, target: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", f"{target}{suffix}")
    return target


def start_import(db: Path, csv_path: Path, log: Path | None = None) -> subprocess.Popen:
    with open(log or os.devnull, "wb") as out:
        return subprocess.Popen(
            [str(EXE), "import", str(csv_path), "--db", str(db), "-m", "big import"],
            env=cli_env(db),
            stdout=out,
            stderr=out,
        )


def state(db: Path) -> tuple[str, int, int]:
    """(fingerprint of the current data, number of revisions, head) after opening the store as the app does."""
    store = Store(str(db))
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        current = store.current()
        head = store.head_revision()
        # the snapshot the app reads and the versions it is derived from agree
        assert fingerprint(store.as_of(head)) == fingerprint(current)
        return fingerprint(current), len(store.history()), head
    finally:
        store.close()


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic import synthetic_csv
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    csv_path = folder / "big.csv"
    csv_path.write_bytes(synthetic_csv(load_catalog(), ROWS))
    base = folder / "base.sqlite"
    Store(str(base)).close()
    before = state(copy_store(base, folder / "before.sqlite"))
    finished = copy_store(base, folder / "finished.sqlite")
    started = time.monotonic()
    log = folder / "finished.log"
    proc = start_import(finished, csv_path, log)
    code = proc.wait(timeout=300)
    duration = time.monotonic() - started
    output = log.read_text(encoding="utf-8", errors="replace")
    assert_no_crash(code, output, "the import run to completion")
    assert code == 0, output[-2000:]
    assert "revision 2: " in output
    after = state(finished)
    assert after[1] == before[1] + 1 and after[0] != before[0]
    return folder, base, csv_path, duration, before, after


def kill_after(proc: subprocess.Popen, seconds: float) -> bool:
    """SIGKILL `proc` after `seconds` (sleeping only to choose the moment); True if it was still running."""
    try:
        proc.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        return True


def kill_when_wal_exceeds(proc: subprocess.Popen, wal: Path, size: int, deadline: float) -> bool:
    while proc.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > size:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            return True
        time.sleep(0.002)  # polling interval
    return False


def test_sigkill_during_import_leaves_before_or_after_never_a_mix(setup):
    folder, base, csv_path, duration, before, after = setup
    outcomes = []
    plans = [("time", f) for f in TIME_KILLS] + [("wal", s) for s in WAL_KILLS]
    n = 0
    for how, at in plans:
        # an import can run faster than the one that was timed: a kill that came too late is tried
        # again earlier (at most three times), so that every planned kill lands while it runs
        for attempt in range(3 if how == "time" else 1):
            n += 1
            db = copy_store(base, folder / f"kill{n}.sqlite")
            log = folder / f"kill{n}.log"
            proc = start_import(db, csv_path, log)
            if how == "time":
                killed = kill_after(proc, duration * at * 0.5**attempt)
            else:
                killed = kill_when_wal_exceeds(proc, Path(f"{db}-wal"), at, time.monotonic() + 3 * duration)
                if not killed and proc.poll() is None:
                    proc.kill()
                    killed = proc.wait(timeout=30) == -signal.SIGKILL
            if not killed:  # it finished before the kill: then it must have ended as a finished import does
                output = log.read_text(encoding="utf-8", errors="replace")
                assert_no_crash(proc.returncode, output, f"import {n}, which finished before its kill")
                assert proc.returncode == 0, output[-2000:]
            got = state(db)
            assert got in (before, after), f"kill {n} ({how} {at}): a state that is neither before nor after"
            outcomes.append((how, at, killed, "before" if got == before else "after"))
            if killed:
                break
    killed_mid_way = [o for o in outcomes if o[2]]
    assert len(killed_mid_way) >= 6, outcomes
    assert any(o[3] == "before" for o in killed_mid_way), outcomes
    print("kills (how, when, killed while running, state found):", outcomes)
