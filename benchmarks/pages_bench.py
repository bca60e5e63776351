"""Each page's script run through AppTest: median over repeated runs on a warm app, on the curated data and
on a 200,000-observation store. Targets (issue 14): ≤ 50 ms (curated), ≤ 300 ms (200,000 observations)."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
PAGES = [
    "views/overview.py",
    "views/digital_economy.py",
    "views/industry.py",
    "views/infrastructure.py",
    "views/rankings.py",
    "views/compare.py",
    "views/sources.py",
    "views/present.py",
    "views/data.py",
]


def page_times(db: str, runs: int = 7) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    os.environ["INDICATORS_DB"] = db
    out = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.switch_page(page)
        at.run()  # warm: the store is opened and the data cached
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
        out[page] = statistics.median(times)
    return out


def bench_pages() -> None:
    from run import report
    from synthetic import synthetic_frame

    from indicators.catalog import load_catalog
    from indicators.store import Store

    folder = tempfile.mkdtemp(prefix="bench-pages-")
    curated = str(Path(folder) / "curated.sqlite")
    Store(curated).close()
    for page, seconds in page_times(curated).items():
        report(f"page script run, curated data: {page}", seconds, 0.050)
    big = str(Path(folder) / "big.sqlite")
    store = Store(big)
    frame = synthetic_frame(load_catalog())
    store.commit(frame, author="bench", message="synthetic 200,000 observations", kind="upload")
    store.close()
    for page, seconds in page_times(big, runs=3).items():
        report(f"page script run, 200k store: {page}", seconds, 0.300)
