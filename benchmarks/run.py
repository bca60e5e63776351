"""Measure the speed targets of the issues on this machine. Prints one line per measurement.

    python benchmarks/run.py [store|pages|all]

Targets: validate a 200,000-row CSV < 2 s; import it < 5 s; load the current data of a 200,000-observation
store < 0.3 s (SQLite); each page's script run ≤ 50 ms median on the curated data and ≤ 300 ms on a
200,000-observation store. The browser benchmark (first chart, interaction, against the peer) is
browser_bench.py.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_csv  # noqa: E402

from indicators.catalog import load_catalog  # noqa: E402
from indicators.ingest import read_upload  # noqa: E402
from indicators.store import Store  # noqa: E402
from indicators.updates import commit_preview, preview_upload  # noqa: E402


def timed(fn, repeat: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def report(name: str, seconds: float, target: float) -> None:
    verdict = "ok" if seconds < target else "SLOW"
    print(f"{name:<55} {seconds * 1000:9.1f} ms   target < {target * 1000:.0f} ms   {verdict}", flush=True)


def bench_store(db: str | None = None) -> str:
    catalog = load_catalog()
    data = synthetic_csv(catalog)
    seconds, result = timed(lambda: read_upload(data, "bench.csv", catalog))
    assert result.ok and result.rows == 200_000, result.errors[:3]
    report("validate 200,000-row long CSV", seconds, 2.0)
    folder = tempfile.mkdtemp(prefix="bench-")
    db = db or str(Path(folder) / "bench.sqlite")
    store = Store(db, catalog)
    start = time.perf_counter()
    preview = preview_upload(store, data, "bench.csv", author="bench")
    rev = commit_preview(store, preview, author="bench", message="benchmark")
    report("import 200,000-row CSV (validate + diff + commit)", time.perf_counter() - start, 5.0)
    assert rev is not None and rev.added >= 199_000
    seconds, frame = timed(store.current, repeat=5)
    report(f"load current data ({len(frame):,} observations)", seconds, 0.3)
    seconds, _ = timed(store.head_revision, repeat=20)
    report("head-revision check", seconds, 0.005)
    return db


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    if what in ("store", "all"):
        bench_store()
    if what in ("pages", "all"):
        from pages_bench import bench_pages  # noqa: PLC0415

        bench_pages()
