"""The versioned store: every change is a revision; nothing is overwritten in place.

`INDICATORS_DB` is a SQLite file path (the embedded default) or a SQLAlchemy URL (PostgreSQL, the store that
several app servers share); `engine` holds every difference between the two, `schema` the tables and
their migrations, `diffing` what a change does, as pure pandas. This module is the store's promises:

- a commit is one transaction against the head its preview saw: if another commit landed first, it is
  refused (StaleHead) and nothing is written; `revisions.id` (head + 1) and the UNIQUE `parent_id` refuse a
  second revision on the same head whatever a writer does;
- history only grows: a restore is a new revision; the data as of any revision can be read back;
- the current data is one Parquet snapshot read (written in the commit's transaction), so loading 200,000
  observations is one row, not 200,000 rows through the driver.

A little over 350 lines because each public method is one of these promises with its transaction; split
further, a reader would have to hold two files to check one promise.
"""

from __future__ import annotations

import hashlib
import io
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import sqlalchemy as sa

from indicators import settings
from indicators.catalog import Catalog, Source, load_catalog
from indicators.diffing import Diff, apply_diff, baseline_target, compare
from indicators.engine import (
    LOCK_TIMEOUT_S,
    PG_WRITE_LOCK,
    bulk_insert,
    clean,
    display_db,
    is_busy,
    make_engine,
    text,
    tuples,
)
from indicators.frame import COLUMNS, KEY, empty, from_records, read_curated
from indicators.schema import baseline_rows, migrate, now, observation_versions, revisions, snapshots, sources

__all__ = [
    "Diff",
    "Revision",
    "StaleHead",
    "Store",
    "StoreBusy",
    "StoreError",
    "UnknownRevision",
    "display_db",
]


class StoreError(Exception):
    """A refusal the user can act on; `zh` and `en` say what happened and what to do."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


class StaleHead(StoreError):
    def __init__(self, expected: int, head: int):
        super().__init__(
            f"数据已被他人更新（预览基于第{expected}版，当前为第{head}版）。请重新检查预览后再提交；本次未写入任何内容。",
            f"the data changed since your preview (it was computed against revision {expected}; the head is now "
            f"{head}). Review the preview again and commit; nothing was written.",
        )
        self.expected, self.head = expected, head


class StoreBusy(StoreError):
    def __init__(self, seconds: float):
        super().__init__(
            f"数据存储正忙：另一个提交在{seconds:g}秒内没有完成。请稍后再试；本次未写入任何内容。",
            f"the store is busy: another commit did not finish within {seconds:g} s. Try again in a moment; "
            f"nothing was written.",
        )


class UnknownRevision(StoreError):
    def __init__(self, rev: object):
        super().__init__(
            f"没有第{rev}版。请用 `indicators history` 查看已有版本。",
            f"there is no revision {rev}. `indicators history` lists the revisions.",
        )


@dataclass(frozen=True)
class Revision:
    id: int
    parent_id: int
    created_at: str
    author: str
    message: str
    kind: str
    file_name: str
    file_sha256: str
    added: int
    changed: int
    removed: int
    restored_from: int | None = None

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _frame_sha(frame: pd.DataFrame) -> str:
    return hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes()).hexdigest()


class Store:
    def __init__(
        self,
        db: str | None = None,
        catalog: Catalog | None = None,
        *,
        apply_baseline: bool = True,
        lock_timeout: float = LOCK_TIMEOUT_S,
    ):
        """`lock_timeout`: how long a commit waits for another writer before it is refused (StoreBusy)."""
        self.db = db or settings.db()
        self.catalog = catalog or load_catalog()
        self.lock_timeout = lock_timeout
        self.engine = make_engine(self.db, lock_timeout)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self._migrate()
        if apply_baseline:
            self.apply_baseline()

    # -- plumbing -------------------------------------------------------------------------------------
    @contextmanager
    def _write(self):
        """One write transaction, serialised against every other writer of this store by the database:
        SQLite's `BEGIN IMMEDIATE` (see `_make_engine`), PostgreSQL's transaction-scoped advisory lock,
        released by the commit or rollback. Waiting longer than `lock_timeout` raises StoreBusy."""
        with self.engine.connect() as conn:
            conn.execution_options(write=True)
            try:
                tx = conn.begin()
                if not self.is_sqlite:
                    conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{self.lock_timeout}s'")
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")
            except sa.exc.OperationalError as err:
                if conn.in_transaction():
                    conn.rollback()
                if is_busy(err):
                    raise StoreBusy(self.lock_timeout) from err
                raise
            with tx:
                yield conn

    def _migrate(self) -> None:
        with self._write() as conn:
            migrate(conn)

    def close(self) -> None:
        self.engine.dispose()

    # -- reading --------------------------------------------------------------------------------------
    def head_revision(self) -> int:
        """The newest revision id (0 for an empty store). One indexed query: cheap enough for every run."""
        with self.engine.connect() as conn:
            return conn.execute(_HEAD).scalar_one()

    def current(self) -> pd.DataFrame:
        """The current data as the tidy frame."""
        return self.current_with_revision()[COLUMNS]

    def current_with_revision(self) -> pd.DataFrame:
        """The current data with `revision_id`, the revision that set each row."""
        with self.engine.connect() as conn:
            return _current(conn)[1]

    def as_of(self, rev: int) -> pd.DataFrame:
        """The data as it was right after revision `rev`."""
        rev = self._check_revision(rev)
        with self.engine.connect() as conn:
            return _rows(conn.execute(_as_of_query(rev)))

    def history(self) -> list[Revision]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(revisions).order_by(revisions.c.id.desc())).mappings().all()
        return [Revision(**dict(r)) for r in rows]

    def revision(self, rev: int) -> Revision:
        rev = self._check_revision(rev)
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(revisions).where(revisions.c.id == rev)).mappings().one()
        return Revision(**dict(row))

    def revision_changes(self, rev: int) -> pd.DataFrame:
        """What revision `rev` did: each touched key with its old and new value (NaN where absent)."""
        rev = self._check_revision(rev)
        v = observation_versions
        with self.engine.connect() as conn:
            new = _rows(
                conn.execute(
                    sa.select(*[v.c[c] for c in COLUMNS], v.c.deleted).where(v.c.revision_id == rev)
                ),
                extra=["deleted"],
            )
        parent = self.revision(rev).parent_id
        old = self.as_of(parent) if parent else empty()
        merged = new.merge(old, on=KEY, how="left", suffixes=("", "_old"))
        merged["change"] = np.where(
            merged["deleted"].astype(bool),
            "removed",
            np.where(merged["value_old"].isna(), "added", "changed"),
        )
        merged.loc[merged["deleted"].astype(bool), "value"] = np.nan
        return merged.drop(columns=["deleted"])

    def curated_figures(self) -> pd.DataFrame:
        """Every figure a curated baseline revision ever wrote (key, value, source and the rest), whatever
        happened after: where a current figure came from, independent of the history's shape (a restore
        that brings a curated figure back brings back a curated figure)."""
        v, r = observation_versions, revisions
        baseline = sa.select(r.c.id).where(r.c.kind == "baseline")
        query = sa.select(*[v.c[c] for c in COLUMNS]).where(
            v.c.revision_id.in_(baseline), sa.not_(v.c.deleted)
        )
        with self.engine.connect() as conn:
            return _rows(conn.execute(query)).drop_duplicates()

    def extra_sources(self) -> dict[str, Source]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(sources)).mappings().all()
        return {
            r["source_id"]: Source(
                r["source_id"],
                r["title"],
                r["publisher"],
                r["published"],
                r["url"],
                r["note"],
                r["reliability"],
            )
            for r in rows
        }

    def full_catalog(self) -> Catalog:
        return self.catalog.with_sources(self.extra_sources())

    def _check_revision(self, rev: object) -> int:
        try:
            rev_id = int(str(rev))
        except ValueError:
            raise UnknownRevision(rev) from None
        if (
            not 0 < rev_id < 2**31
        ):  # PostgreSQL's INTEGER would refuse the query itself, not just find nothing
            raise UnknownRevision(rev)
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(revisions.c.id).where(revisions.c.id == rev_id)).first()
        if not found:
            raise UnknownRevision(rev)
        return rev_id

    # -- comparing ------------------------------------------------------------------------------------
    def diff(self, frame: pd.DataFrame, *, implicit_source: str = "", exact: bool = False) -> Diff:
        """What committing `frame` would do to the current data."""
        with self.engine.connect() as conn:
            head, current = _current(conn)
        return compare(current, clean(frame), head, implicit_source=implicit_source, exact=exact)

    # -- writing --------------------------------------------------------------------------------------
    def commit(
        self,
        frame: pd.DataFrame,
        *,
        expected_head: int | None = None,
        author: str = "",
        message: str = "",
        kind: str = "upload",
        file_name: str = "",
        file_sha256: str = "",
        new_sources: dict[str, Source] | None = None,
        implicit_source: str = "",
        exact: bool = False,
        restored_from: int | None = None,
    ) -> Revision | None:
        """Apply `frame` as one revision in one transaction. Returns None when it changes nothing.

        `expected_head` is the revision the caller's preview was computed against: if the store has moved
        since, StaleHead is raised and nothing is written. `exact` makes the current data equal to `frame`
        (keys missing from it are removed), as a restore needs; otherwise keys not in `frame` stay.
        """
        frame = clean(frame)
        with self._write() as conn:
            head, current = _current(conn)
            if expected_head is not None and int(expected_head) != head:
                raise StaleHead(int(expected_head), head)
            d = compare(current, frame, head, implicit_source=implicit_source, exact=exact)
            if d.empty and head:
                return None
            rev_id = self._write_revision(
                conn,
                d,
                head,
                current,
                author=author,
                message=message,
                kind=kind,
                file_name=file_name,
                file_sha256=file_sha256,
                restored_from=restored_from,
            )
            used = set(d.added["source_id"]) | set(d.changed["source_id"])
            known = {r[0] for r in conn.execute(sa.select(sources.c.source_id))}
            fresh = [s for sid, s in (new_sources or {}).items() if sid in used and sid not in known]
            if fresh:
                conn.execute(
                    sources.insert(),
                    [
                        {
                            **{
                                k: text(v)
                                for k, v in dict(
                                    source_id=s.id,
                                    title=s.title,
                                    publisher=s.publisher,
                                    published=s.published,
                                    url=s.url,
                                    note=s.note,
                                    reliability=s.reliability,
                                ).items()
                            },
                            "revision_id": rev_id,
                        }
                        for s in fresh
                    ],
                )
            row = conn.execute(sa.select(revisions).where(revisions.c.id == rev_id)).mappings().one()
        return Revision(**dict(row))

    def _write_revision(self, conn, d: Diff, head: int, current: pd.DataFrame, **meta) -> int:
        """Append revision head + 1. Its id (the primary key) and parent (UNIQUE) both say "the one revision
        after `head`": a second revision on the same head cannot be written, lock or no lock."""
        rev_id = head + 1
        meta = {k: text(v) if isinstance(v, str) else v for k, v in meta.items()}
        try:
            conn.execute(
                revisions.insert().values(
                    id=rev_id,
                    parent_id=head,
                    created_at=now(),
                    added=len(d.added),
                    changed=len(d.changed),
                    removed=len(d.removed),
                    **meta,
                )
            )
        except sa.exc.IntegrityError as err:  # the caller's transaction is rolled back: nothing is written
            raise StaleHead(head, head + 1) from err
        upserts = pd.concat([d.added[COLUMNS], d.changed[COLUMNS]], ignore_index=True)
        upserts = upserts.sort_values(
            KEY, kind="stable"
        )  # key order: the primary-key B-tree grows at one end
        removed = d.removed[KEY].assign(value=None, source_id="", as_of="", note="")
        bulk_insert(
            conn,
            observation_versions,
            COLUMNS + ["revision_id", "deleted"],
            tuples(upserts.assign(revision_id=rev_id, deleted=False))
            + tuples(removed.assign(revision_id=rev_id, deleted=True)),
        )
        _write_snapshot(conn, rev_id, apply_diff(current, d, rev_id))
        return rev_id

    def restore(
        self, rev: int, *, author: str = "", message: str = "", expected_head: int | None = None
    ) -> Revision | None:
        """Make the data as of `rev` current again, as a new revision (history only grows)."""
        rev = self._check_revision(rev)
        target = self.as_of(rev)
        return self.commit(
            target,
            expected_head=expected_head,
            author=author,
            kind="restore",
            exact=True,
            message=message or f"restore revision {rev}",
            restored_from=rev,
        )

    # -- the curated baseline -------------------------------------------------------------------------
    def apply_baseline(self, folder: Path | None = None) -> Revision | None:
        """Apply `data/observations.csv` as a revision when it is new or has changed since last applied.

        A curated change is applied only where the current value is still the old curated one: what an
        analyst uploaded over a curated figure stays.
        """
        folder = Path(folder) if folder else settings.data_dir()
        path = folder / "observations.csv"
        new_base = read_curated(path) if path.exists() else empty()
        sha = _frame_sha(new_base)
        with self._write() as conn:
            last = conn.execute(
                sa.select(revisions.c.file_sha256)
                .where(revisions.c.kind == "baseline")
                .order_by(revisions.c.id.desc())
                .limit(1)
            ).scalar()
            if last == sha:
                return None
            head, current = _current(conn)
            old_base = _rows(conn.execute(sa.select(*[baseline_rows.c[c] for c in COLUMNS])))
            target = baseline_target(current[COLUMNS], old_base, new_base)
            d = compare(current, target, head, exact=True)
            rev_id = self._write_revision(
                conn,
                d,
                head,
                current,
                author="curated data",
                kind="baseline",
                message="curated data from data/",
                file_name="data/observations.csv",
                file_sha256=sha,
            )
            conn.execute(baseline_rows.delete())
            bulk_insert(conn, baseline_rows, COLUMNS, tuples(new_base[COLUMNS]))
            row = conn.execute(sa.select(revisions).where(revisions.c.id == rev_id)).mappings().one()
        return Revision(**dict(row))


def _as_of_query(rev: int, with_revision: bool = False) -> sa.Select:
    """The newest version of each key at or before `rev`, without removed keys."""
    v = observation_versions
    latest = (
        sa.select(*[v.c[k] for k in KEY], sa.func.max(v.c.revision_id).label("rid"))
        .where(v.c.revision_id <= rev)
        .group_by(*[v.c[k] for k in KEY])
        .subquery()
    )
    columns = [v.c[c] for c in COLUMNS] + ([v.c.revision_id] if with_revision else [])
    return (
        sa.select(*columns)
        .join(latest, sa.and_(*[v.c[k] == latest.c[k] for k in KEY], v.c.revision_id == latest.c.rid))
        .where(v.c.deleted == sa.false())
    )


_HEAD = sa.select(sa.func.coalesce(sa.func.max(revisions.c.id), 0))


def _current(conn) -> tuple[int, pd.DataFrame]:
    """The head revision and the current data with `revision_id`: the head's snapshot, or rebuilt from the
    table if it has none. Head and snapshot come from one statement, so they agree on PostgreSQL's
    READ COMMITTED too (two statements could straddle another server's commit)."""
    head_q = _HEAD.scalar_subquery()
    head, blob = conn.execute(
        sa.select(
            head_q, sa.select(snapshots.c.data).where(snapshots.c.revision_id == head_q).scalar_subquery()
        )
    ).one()
    if blob is not None:
        return head, read_snapshot(blob)
    # versions at or before `head` never change, so this read agrees with `head` on any engine
    return head, _rows(conn.execute(_as_of_query(head, with_revision=True)), extra=["revision_id"])


def read_snapshot(blob: bytes) -> pd.DataFrame:
    """A snapshot's Parquet bytes as a DataFrame, read on this thread only: no Arrow thread ever runs.

    Not `pd.read_parquet(io.BytesIO(blob))`, which goes through Arrow's dataset scanner: even with
    `use_threads=False` it pre-buffers through Arrow's thread pools, and a pool thread can hold the last
    reference to the file reader after the read returned. When that thread lets go, it frees buffers
    borrowed from the Python file object, which needs the GIL; if the interpreter is exiting by then,
    Python ends the thread with pthread_exit, the unwinding hits a noexcept destructor and the process
    aborts after the command had finished ("terminate called without an active exception",
    apache/arrow#34314; stack in PyBuffer::~PyBuffer <- ReadRangeCache <- parquet::SerializedFile on an
    Arrow worker). Here an in-memory Arrow buffer, no pre-buffering and no threads: nothing of the read
    outlives this call on another thread. Same frame, same dtypes as `pd.read_parquet`.
    """
    parquet = pq.ParquetFile(pa.BufferReader(blob), pre_buffer=False)
    table = parquet.read(use_threads=False, use_pandas_metadata=True)
    return table.to_pandas(use_threads=False)


def _write_snapshot(conn, rev_id: int, frame: pd.DataFrame) -> None:
    buffer = io.BytesIO()
    frame.reset_index(drop=True).to_parquet(buffer, index=False, compression="zstd")
    conn.execute(snapshots.delete().where(snapshots.c.revision_id < rev_id))
    conn.execute(snapshots.insert().values(revision_id=rev_id, data=buffer.getvalue()))


def _rows(result, extra: list[str] | None = None) -> pd.DataFrame:
    """A query's rows (the tidy columns, then `extra`) as a tidy frame."""
    return from_records(result.fetchall(), extra)
