"""The shared store's speed targets, on SQLite and on PostgreSQL. Prints one line per measurement.

    python benchmarks/pg_bench.py [POSTGRES_URL]     # default: $INDICATORS_TEST_PG_URL

Targets: the head-revision check (the one query every app run makes) < 5 ms on both engines; loading the
current data of a 200,000-observation store < 0.5 s on PostgreSQL. The PostgreSQL store is made in a
schema of its own, dropped afterwards; the URL is as `scripts/ci_postgres.sh` prints it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import report, timed  # noqa: E402
from synthetic import synthetic_frame  # noqa: E402

from indicators.catalog import load_catalog  # noqa: E402
from indicators.store import Store, display_db  # noqa: E402

ROWS = 200_000


@contextlib.contextmanager
def pg_schema(url: str):
    """A fresh schema in the database at `url`; yields the URL of a store in it; drops it afterwards."""
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    base = sa.make_url(url)
    admin = sa.create_engine(base, poolclass=sa.pool.NullPool)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False
        )
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()


def bench_engine(name: str, db: str, frame, catalog, load_target: float | None) -> None:
    store = Store(db, catalog)
    start = time.perf_counter()
    rev = store.commit(frame, author="bench", kind="upload", message="benchmark")
    seconds = time.perf_counter() - start
    print(
        f"{f'[{name}] commit {len(frame):,} observations (one revision)':<55} {seconds * 1000:9.1f} ms   (no target: "
        f"setup for the reads below)",
        flush=True,
    )
    assert rev is not None and rev.added >= ROWS - 1_000, rev
    store.head_revision()  # a warm pool, as in a running server
    seconds, head = timed(store.head_revision, repeat=200)
    report(f"[{name}] head-revision check (median of 200)", seconds, 0.005)
    assert head == rev.id
    seconds, current = timed(store.current, repeat=5)
    report(f"[{name}] load current data ({len(current):,} observations)", seconds, load_target or 0.5)
    seconds, _ = timed(lambda: store.as_of(rev.id - 1), repeat=3)
    report(f"[{name}] as-of read of the baseline revision", seconds, 1.0)
    store.close()


def main(argv: list[str]) -> int:
    pg_url = argv[1] if len(argv) > 1 else os.environ.get("INDICATORS_TEST_PG_URL", "")
    catalog = load_catalog()
    frame = synthetic_frame(catalog, ROWS)
    with tempfile.TemporaryDirectory(prefix="pg-bench-") as folder:
        bench_engine("sqlite", str(Path(folder) / "bench.sqlite"), frame, catalog, 0.3)
    if not pg_url:
        print(
            "postgresql: skipped (give a URL or set INDICATORS_TEST_PG_URL; scripts/ci_postgres.sh prints one)"
        )
        return 0
    print(f"postgresql: {display_db(pg_url)}")
    with pg_schema(pg_url) as url:
        bench_engine("postgresql", url, frame, catalog, 0.5)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
