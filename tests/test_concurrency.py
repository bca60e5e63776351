"""Two editors at once: two `indicators import` processes on one store, released at the same moment.

Either both revisions land, one after the other, or the one whose preview went stale is refused with a
clear message (exit 2, nothing written). Nothing is lost: every figure of every import that succeeded is
in the final data, nothing of a refused one is, and the history is one unbroken chain (ids increasing,
each revision's parent the one before it). Five rounds, with files of different sizes so that both
outcomes happen.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from cli_support import assert_no_crash, cli_env

from indicators.frame import KEY
from indicators.schema import revisions
from indicators.store import Store

pytestmark = pytest.mark.slow  # runs the command line many times at once

# each child imports everything, says it is ready, then waits for the go file: the imports start together
CHILD = """
import os, sys, time
from pathlib import Path
from indicators.cli import main
ready, go = sys.argv[1], sys.argv[2]
Path(ready).touch()
deadline = time.monotonic() + 60
while not os.path.exists(go) and time.monotonic() < deadline:
    time.sleep(0.001)
sys.exit(main(sys.argv[3:]))
"""


ROUNDS = [(200, 200), (200, 6000), (6000, 200), (1500, 1500), (50, 3000)]
INDICATORS = ["gdp", "fiveg_base_stations", "online_retail_sales", "smart_factories"]


def upload(rows: int, who: int, round_no: int) -> pd.DataFrame:
    """`rows` figures no other file of the round touches: editor 0 writes odd years, editor 1 even ones."""
    rng = np.random.default_rng(round_no * 10 + who)
    keys = [
        (ind, reg, year)
        for ind in INDICATORS
        for reg in (
            "qingdao",
            "jinan",
            "zibo",
            "yantai",
            "weifang",
            "linyi",
            "jining",
            "taian",
            "weihai",
            "rizhao",
        )
        for year in range(1950 + who, 2100, 2)
    ]
    chosen = [keys[i] for i in rng.choice(len(keys), size=min(rows, len(keys)), replace=False)]
    frame = pd.DataFrame(chosen, columns=["indicator", "region", "year"])
    frame["value"] = rng.integers(1, 10**6, len(frame)).astype(float) + round_no * 1e6
    frame["status"] = "estimate"
    frame["source"] = f"round {round_no} editor {who}"
    return frame


def run_round(db: Path, folder: Path, round_no: int, sizes: tuple[int, int]):
    go = folder / f"go{round_no}"
    files, procs, ready = [], [], []
    for who, rows in enumerate(sizes):
        frame = upload(rows, who, round_no)
        path = folder / f"r{round_no}_e{who}.csv"
        frame.to_csv(path, index=False)
        files.append(frame)
        env = cli_env(db)
        ready.append(folder / f"ready{round_no}_{who}")
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    CHILD,
                    str(ready[-1]),
                    str(go),
                    "import",
                    str(path),
                    "--db",
                    str(db),
                    "--author",
                    f"editor{who}",
                    "-m",
                    f"round {round_no}",
                ],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    deadline = time.monotonic() + 60
    while not all(r.exists() for r in ready):  # the barrier: both children have loaded everything
        assert time.monotonic() < deadline and all(p.poll() is None for p in procs), "a child did not start"
        time.sleep(0.005)  # polling interval
    go.touch()
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    return files, results


def chain(db: Path) -> list[tuple[int, int]]:
    engine = sa.create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            return [
                tuple(r)
                for r in conn.execute(
                    sa.select(revisions.c.id, revisions.c.parent_id).order_by(revisions.c.id)
                )
            ]
    finally:
        engine.dispose()


@pytest.fixture
def shared_store(tmp_path) -> Path:
    db = tmp_path / "shared.sqlite"
    Store(str(db)).close()
    return db


def current_values(db: Path) -> pd.Series:
    store = Store(str(db))
    try:
        current = store.current().set_index(KEY)["value"].sort_index()
        assert store.as_of(store.head_revision()).set_index(KEY)["value"].sort_index().equals(current)
        return current
    finally:
        store.close()


def values_at(current: pd.Series, frame: pd.DataFrame) -> np.ndarray:
    keys = list(zip(frame["indicator"], frame["region"], frame["year"], frame["status"], strict=True))
    return current.reindex(pd.MultiIndex.from_tuples(keys)).to_numpy()


def test_two_editors_at_once_lose_nothing(shared_store, tmp_path):
    db = shared_store
    outcomes = []
    for round_no, sizes in enumerate(ROUNDS):
        history_before = len(chain(db))
        files, results = run_round(db, tmp_path, round_no, sizes)
        for who, (code, _out, err) in enumerate(results):
            assert_no_crash(code, err, f"round {round_no}, editor {who}")
        codes = [code for code, _out, _err in results]
        assert 0 in codes, ("at least one of two editors gets through", results)
        assert len(chain(db)) == history_before + codes.count(0)
        current = current_values(db)
        for (code, out, err), frame in zip(results, files, strict=True):
            assert "Traceback" not in out + err
            assert code in (0, 2), err
            if code == 0:
                assert out.startswith("revision "), out
                assert (values_at(current, frame) == frame["value"].to_numpy()).all(), (
                    "a landed figure was lost"
                )
            else:
                assert "the data changed since your preview" in err and "nothing was written" in err, err
                assert not (values_at(current, frame) == frame["value"].to_numpy()).any(), (
                    "a refused import wrote"
                )
        outcomes.append(tuple(codes))

    links = chain(db)
    ids = [rev for rev, _ in links]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert [parent for _, parent in links] == [0, *ids[:-1]], "each revision's parent is the one before it"
    print("exit codes per round:", outcomes)
