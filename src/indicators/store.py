"""The versioned store: every change is a revision; nothing is overwritten in place.

One code path for both engines: `INDICATORS_DB` is a SQLite file path (the embedded default) or a
SQLAlchemy URL (`postgresql+psycopg://user:pw@host/db`, the store that several app servers share). Every
difference between the engines lives in this module, in `_make_engine`, `_write` and `_bulk_insert`:

- writes are serialised by the database itself: `BEGIN IMMEDIATE` on SQLite, a transaction-scoped
  advisory lock (`pg_advisory_xact_lock`) on PostgreSQL, taken before the head is read, so a commit against
  a stale head is refused even when two servers commit at the same moment; `revisions.id` (head + 1) and
  the UNIQUE `revisions.parent_id` refuse a second revision on the same head whatever a writer does;
- PostgreSQL connections run READ COMMITTED whatever the server's default, so a writer that waited for
  the lock reads what the writer before it committed;
- bulk rows go through the driver: executemany on SQLite, COPY on PostgreSQL.

Tables (SQLAlchemy Core; free text is TEXT, so no value fits one engine and not the other):
- `revisions`: append-only; `parent_id` is UNIQUE, so two commits on the same head cannot both land.
- `observation_versions`: append-only; one row per key and revision that touched it (a removal is a row
  with `deleted` set). The data as of revision R is the newest version of each key at or before R.
- `sources`: sources that uploads introduced (the curated ones live in `data/sources.csv`).
- `baseline_rows`: the curated `data/observations.csv` last applied, to tell a curated change from an
  analyst's edit when `data/` changes.
- `snapshots`: the current data (with the revision that set each row) as one Parquet blob for the head
  revision, written in the commit's transaction: loading 200,000 observations is one row and a Parquet
  read instead of 200,000 rows through the driver. It is derived data: without it, the current data is
  rebuilt from `observation_versions`.
- `schema_migrations`: the named migrations applied.
"""

from __future__ import annotations

import hashlib
import io
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import sqlalchemy as sa
from sqlalchemy import event

from indicators import settings
from indicators.catalog import Catalog, Source, load_catalog

KEY = ["indicator_id", "region_id", "year", "status"]
FIELDS = ["value", "source_id", "as_of", "note"]
OBS_COLUMNS = KEY + FIELDS

metadata = sa.MetaData()
schema_migrations = sa.Table(
    "schema_migrations", metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("applied_at", sa.Text, nullable=False),
)
revisions = sa.Table(
    "revisions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("parent_id", sa.Integer, nullable=False, unique=True),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Column("author", sa.Text, nullable=False, default=""),
    sa.Column("message", sa.Text, nullable=False, default=""),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("file_name", sa.Text, nullable=False, default=""),
    sa.Column("file_sha256", sa.Text, nullable=False, default=""),
    sa.Column("added", sa.Integer, nullable=False, default=0),
    sa.Column("changed", sa.Integer, nullable=False, default=0),
    sa.Column("removed", sa.Integer, nullable=False, default=0),
    sa.Column("restored_from", sa.Integer, nullable=True),
)


def _observation_columns() -> list[sa.Column]:
    return [
        sa.Column("indicator_id", sa.Text, nullable=False),
        sa.Column("region_id", sa.Text, nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("value", sa.Float, nullable=True),
        sa.Column("source_id", sa.Text, nullable=False, default=""),
        sa.Column("as_of", sa.Text, nullable=False, default=""),
        sa.Column("note", sa.Text, nullable=False, default=""),
    ]


observation_versions = sa.Table(
    "observation_versions", metadata, *_observation_columns(),
    sa.Column("revision_id", sa.Integer, sa.ForeignKey("revisions.id"), nullable=False),
    sa.Column("deleted", sa.Boolean, nullable=False, default=False),
    sa.PrimaryKeyConstraint("indicator_id", "region_id", "year", "status", "revision_id"),
    sa.Index("ix_versions_revision", "revision_id"),
)
baseline_rows = sa.Table(
    "baseline_rows", metadata, *_observation_columns(),
    sa.PrimaryKeyConstraint("indicator_id", "region_id", "year", "status"),
)
sources = sa.Table(
    "sources", metadata,
    sa.Column("source_id", sa.Text, primary_key=True),
    sa.Column("title", sa.Text, nullable=False, default=""),
    sa.Column("publisher", sa.Text, nullable=False, default=""),
    sa.Column("published", sa.Text, nullable=False, default=""),
    sa.Column("url", sa.Text, nullable=False, default=""),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("reliability", sa.Text, nullable=False, default=""),
    sa.Column("revision_id", sa.Integer, nullable=False),
)
snapshots = sa.Table(
    "snapshots", metadata,
    sa.Column("revision_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
)
MIGRATIONS = [
    (1, "create revisions, observation versions, sources, baseline rows and snapshots"),
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
            f"数据已被他人更新（预览基于第 {expected} 版，当前为第 {head} 版）。请重新检查预览后再提交；本次未写入任何内容。",
            f"the data changed since your preview (it was computed against revision {expected}; the head is now "
            f"{head}). Review the preview again and commit; nothing was written.")
        self.expected, self.head = expected, head


class StoreBusy(StoreError):
    def __init__(self, seconds: float):
        super().__init__(
            f"数据存储正忙：另一个提交在 {seconds:.0f} 秒内没有完成。请稍后再试；本次未写入任何内容。",
            f"the store is busy: another commit did not finish within {seconds:.0f} s. Try again in a moment; "
            f"nothing was written.")


class UnknownRevision(StoreError):
    def __init__(self, rev: object):
        super().__init__(f"没有第 {rev} 版。请用 `indicators history` 查看已有版本。",
                         f"there is no revision {rev}. `indicators history` lists the revisions.")


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


@dataclass
class Diff:
    added: pd.DataFrame
    changed: pd.DataFrame  # with old_* columns beside the new ones
    removed: pd.DataFrame
    unchanged: int
    base_revision: int

    @property
    def empty(self) -> bool:
        return self.added.empty and self.changed.empty and self.removed.empty


LOCK_TIMEOUT_S = 30  # how long a commit waits for another writer before it is refused as busy
_PG_WRITE_LOCK = 724513  # the advisory lock key every writer of a PostgreSQL store takes


def engine_url(db: str) -> str:
    """A SQLAlchemy URL for `INDICATORS_DB`: a file path becomes `sqlite:///<absolute path>`; a URL passes
    through, except that a bare `postgresql://` or `postgres://` gets the installed driver (psycopg 3)."""
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser().resolve()}"
    for bare in ("postgresql://", "postgres://"):
        if db.startswith(bare):
            return "postgresql+psycopg://" + db.removeprefix(bare)
    return db


def display_db(db: str) -> str:
    """`db` fit for a message or a log: the password of a URL masked."""
    if "://" not in db:
        return db
    try:
        return sa.make_url(engine_url(db)).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return db.split("://", 1)[0] + "://..."


def _make_engine(db: str) -> sa.Engine:
    url = engine_url(db)
    if not url.startswith("sqlite"):
        query = sa.make_url(url).query
        connect_args = {key: value for key, value in (("connect_timeout", 10), ("application_name", "indicators"))
                        if key not in query}
        # READ COMMITTED whatever the server's default: a writer that waited for the write lock must then
        # read what the writer before it committed (a snapshot taken before the lock would be stale).
        return sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10, pool_recycle=1800,
                                isolation_level="READ COMMITTED", connect_args=connect_args)
    Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": LOCK_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={LOCK_TIMEOUT_S * 1000}")
        cur.execute("PRAGMA cache_size=-65536")  # 64 MB, so a 200,000-row import stays in memory
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

    return engine


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _frame_sha(frame: pd.DataFrame) -> str:
    return hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes()).hexdigest()


class Store:
    def __init__(self, db: str | None = None, catalog: Catalog | None = None, *, apply_baseline: bool = True):
        self.db = db or settings.db()
        self.catalog = catalog or load_catalog()
        self.engine = _make_engine(self.db)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self._migrate()
        if apply_baseline:
            self.apply_baseline()

    # -- plumbing -------------------------------------------------------------------------------------
    @contextmanager
    def _write(self):
        """One write transaction, serialised against every other writer of this store by the database:
        SQLite's `BEGIN IMMEDIATE` (see `_make_engine`), PostgreSQL's transaction-scoped advisory lock,
        released by the commit or rollback. Waiting longer than LOCK_TIMEOUT_S raises StoreBusy."""
        with self.engine.connect() as conn:
            conn.execution_options(write=True)
            try:
                tx = conn.begin()
                if not self.is_sqlite:
                    conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT_S}s'")
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_WRITE_LOCK})")
            except sa.exc.OperationalError as err:
                if conn.in_transaction():
                    conn.rollback()
                if _is_busy(err):
                    raise StoreBusy(LOCK_TIMEOUT_S) from err
                raise
            with tx:
                yield conn

    def _migrate(self) -> None:
        with self._write() as conn:
            metadata.create_all(conn, checkfirst=True)
            done = {r.version for r in conn.execute(sa.select(schema_migrations.c.version))}
            for version, name in MIGRATIONS:
                if version not in done:
                    conn.execute(schema_migrations.insert().values(version=version, name=name, applied_at=_now()))

    def close(self) -> None:
        self.engine.dispose()

    # -- reading --------------------------------------------------------------------------------------
    def head_revision(self) -> int:
        """The newest revision id (0 for an empty store). One indexed query: cheap enough for every run."""
        with self.engine.connect() as conn:
            return conn.execute(_HEAD).scalar_one()

    def current(self) -> pd.DataFrame:
        """The current data as the tidy frame."""
        return self.current_with_revision()[OBS_COLUMNS]

    def current_with_revision(self) -> pd.DataFrame:
        """The current data with `revision_id`, the revision that set each row."""
        with self.engine.connect() as conn:
            return _current(conn)[1]

    def as_of(self, rev: int) -> pd.DataFrame:
        """The data as it was right after revision `rev`."""
        rev = self._check_revision(rev)
        with self.engine.connect() as conn:
            return _frame(conn.execute(_as_of_query(rev)))

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
            new = _frame(conn.execute(sa.select(*[v.c[c] for c in OBS_COLUMNS], v.c.deleted).where(v.c.revision_id == rev)),
                         extra=["deleted"])
        parent = self.revision(rev).parent_id
        old = self.as_of(parent) if parent else pd.DataFrame(columns=OBS_COLUMNS)
        merged = new.merge(old, on=KEY, how="left", suffixes=("", "_old"))
        merged["change"] = np.where(merged["deleted"].astype(bool), "removed",
                                    np.where(merged["value_old"].isna(), "added", "changed"))
        merged.loc[merged["deleted"].astype(bool), "value"] = np.nan
        return merged.drop(columns=["deleted"])

    def extra_sources(self) -> dict[str, Source]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(sources)).mappings().all()
        return {r["source_id"]: Source(r["source_id"], r["title"], r["publisher"], r["published"], r["url"], r["note"],
                                       r["reliability"]) for r in rows}

    def full_catalog(self) -> Catalog:
        return self.catalog.with_sources(self.extra_sources())

    def _check_revision(self, rev: object) -> int:
        try:
            rev_id = int(str(rev))
        except ValueError:
            raise UnknownRevision(rev) from None
        if not 0 < rev_id < 2**31:  # PostgreSQL's INTEGER would refuse the query itself, not just find nothing
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
        return compare(current, _clean(frame), head, implicit_source=implicit_source, exact=exact)

    # -- writing --------------------------------------------------------------------------------------
    def commit(self, frame: pd.DataFrame, *, expected_head: int | None = None, author: str = "", message: str = "",
               kind: str = "upload", file_name: str = "", file_sha256: str = "",
               new_sources: dict[str, Source] | None = None, implicit_source: str = "",
               exact: bool = False, restored_from: int | None = None) -> Revision | None:
        """Apply `frame` as one revision in one transaction. Returns None when it changes nothing.

        `expected_head` is the revision the caller's preview was computed against: if the store has moved
        since, StaleHead is raised and nothing is written. `exact` makes the current data equal to `frame`
        (keys missing from it are removed), as a restore needs; otherwise keys not in `frame` stay.
        """
        frame = _clean(frame)
        with self._write() as conn:
            head, current = _current(conn)
            if expected_head is not None and int(expected_head) != head:
                raise StaleHead(int(expected_head), head)
            d = compare(current, frame, head, implicit_source=implicit_source, exact=exact)
            if d.empty and head:
                return None
            rev_id = self._write_revision(conn, d, head, current, author=author, message=message, kind=kind, file_name=file_name,
                                          file_sha256=file_sha256, restored_from=restored_from)
            used = set(d.added["source_id"]) | set(d.changed["source_id"])
            known = {r[0] for r in conn.execute(sa.select(sources.c.source_id))}
            fresh = [s for sid, s in (new_sources or {}).items() if sid in used and sid not in known]
            if fresh:
                conn.execute(sources.insert(), [
                    {**{k: _text(v) for k, v in dict(source_id=s.id, title=s.title, publisher=s.publisher,
                                                     published=s.published, url=s.url, note=s.note,
                                                     reliability=s.reliability).items()}, "revision_id": rev_id}
                    for s in fresh])
            row = conn.execute(sa.select(revisions).where(revisions.c.id == rev_id)).mappings().one()
        return Revision(**dict(row))

    def _write_revision(self, conn, d: Diff, head: int, current: pd.DataFrame, **meta) -> int:
        """Append revision head + 1. Its id (the primary key) and parent (UNIQUE) both say "the one revision
        after `head`": a second revision on the same head cannot be written, lock or no lock."""
        rev_id = head + 1
        meta = {k: _text(v) if isinstance(v, str) else v for k, v in meta.items()}
        try:
            conn.execute(revisions.insert().values(
                id=rev_id, parent_id=head, created_at=_now(), added=len(d.added), changed=len(d.changed),
                removed=len(d.removed), **meta))
        except sa.exc.IntegrityError as err:  # the caller's transaction is rolled back: nothing is written
            raise StaleHead(head, head + 1) from err
        upserts = pd.concat([d.added[OBS_COLUMNS], d.changed[OBS_COLUMNS]], ignore_index=True)
        upserts = upserts.sort_values(KEY, kind="stable")  # key order: the primary-key B-tree grows at one end
        removed = d.removed[KEY].assign(value=None, source_id="", as_of="", note="")
        _bulk_insert(conn, observation_versions, OBS_COLUMNS + ["revision_id", "deleted"],
                     _tuples(upserts.assign(revision_id=rev_id, deleted=False)) +
                     _tuples(removed.assign(revision_id=rev_id, deleted=True)))
        _write_snapshot(conn, rev_id, apply_diff(current, d, rev_id))
        return rev_id

    def restore(self, rev: int, *, author: str = "", message: str = "", expected_head: int | None = None) -> Revision | None:
        """Make the data as of `rev` current again, as a new revision (history only grows)."""
        rev = self._check_revision(rev)
        target = self.as_of(rev)
        return self.commit(target, expected_head=expected_head, author=author, kind="restore", exact=True,
                           message=message or f"restore revision {rev}", restored_from=rev)

    # -- the curated baseline -------------------------------------------------------------------------
    def apply_baseline(self, folder: Path | None = None) -> Revision | None:
        """Apply `data/observations.csv` as a revision when it is new or has changed since last applied.

        A curated change is applied only where the current value is still the old curated one: what an
        analyst uploaded over a curated figure stays.
        """
        folder = Path(folder) if folder else settings.data_dir()
        path = folder / "observations.csv"
        new_base = read_curated(path) if path.exists() else pd.DataFrame(columns=OBS_COLUMNS)
        sha = _frame_sha(new_base)
        with self._write() as conn:
            last = conn.execute(sa.select(revisions.c.file_sha256).where(revisions.c.kind == "baseline")
                                .order_by(revisions.c.id.desc()).limit(1)).scalar()
            if last == sha:
                return None
            head, current = _current(conn)
            old_base = _frame(conn.execute(sa.select(*[baseline_rows.c[c] for c in OBS_COLUMNS])))
            target = baseline_target(current[OBS_COLUMNS], old_base, new_base)
            d = compare(current, target, head, exact=True)
            rev_id = self._write_revision(conn, d, head, current, author="curated data", kind="baseline",
                                          message="curated data from data/", file_name="data/observations.csv",
                                          file_sha256=sha)
            conn.execute(baseline_rows.delete())
            _bulk_insert(conn, baseline_rows, OBS_COLUMNS, _tuples(new_base[OBS_COLUMNS]))
            row = conn.execute(sa.select(revisions).where(revisions.c.id == rev_id)).mappings().one()
        return Revision(**dict(row))


def _as_of_query(rev: int, with_revision: bool = False) -> sa.Select:
    """The newest version of each key at or before `rev`, without removed keys."""
    v = observation_versions
    latest = (sa.select(*[v.c[k] for k in KEY], sa.func.max(v.c.revision_id).label("rid"))
              .where(v.c.revision_id <= rev).group_by(*[v.c[k] for k in KEY]).subquery())
    columns = [v.c[c] for c in OBS_COLUMNS] + ([v.c.revision_id] if with_revision else [])
    return (sa.select(*columns)
            .join(latest, sa.and_(*[v.c[k] == latest.c[k] for k in KEY], v.c.revision_id == latest.c.rid))
            .where(v.c.deleted == sa.false()))


_HEAD = sa.select(sa.func.coalesce(sa.func.max(revisions.c.id), 0))


def _current(conn) -> tuple[int, pd.DataFrame]:
    """The head revision and the current data with `revision_id`: the head's snapshot, or rebuilt from the
    table if it has none. Head and snapshot come from one statement, so they agree on PostgreSQL's
    READ COMMITTED too (two statements could straddle another server's commit)."""
    head_q = _HEAD.scalar_subquery()
    head, blob = conn.execute(sa.select(
        head_q, sa.select(snapshots.c.data).where(snapshots.c.revision_id == head_q).scalar_subquery())).one()
    if blob is not None:
        return head, read_snapshot(blob)
    # versions at or before `head` never change, so this read agrees with `head` on any engine
    return head, _frame(conn.execute(_as_of_query(head, with_revision=True)), extra=["revision_id"])


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


def apply_diff(current: pd.DataFrame, d: Diff, rev_id: int) -> pd.DataFrame:
    """The current data (with `revision_id`) after `d`, computed in memory for the snapshot."""
    gone = pd.concat([d.changed[KEY], d.removed[KEY]], ignore_index=True)
    kept = current
    if not gone.empty:
        marked = current.merge(gone.assign(_gone=True), on=KEY, how="left")
        kept = current[marked["_gone"].isna().to_numpy()]
    new = pd.concat([d.added[OBS_COLUMNS], d.changed[OBS_COLUMNS]], ignore_index=True).assign(revision_id=rev_id)
    out = pd.concat([kept[OBS_COLUMNS + ["revision_id"]], new], ignore_index=True) if len(kept) else new
    out["year"] = out["year"].astype("int64")
    out["value"] = out["value"].astype("float64")
    out["revision_id"] = out["revision_id"].astype("int64")
    for c in ("source_id", "as_of", "note"):
        out[c] = out[c].fillna("")
    return out


def read_curated(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype(float)
    for c in ("source_id", "as_of", "note"):
        if c not in frame:
            frame[c] = ""
    frame = frame[OBS_COLUMNS].copy()
    for c in ("indicator_id", "region_id", "status", "source_id", "as_of", "note"):
        frame[c] = frame[c].astype(object)
    return frame


def baseline_target(current: pd.DataFrame, old_base: pd.DataFrame, new_base: pd.DataFrame) -> pd.DataFrame:
    """The data after a curated change: curated keys follow `new_base` unless an analyst changed them."""
    if current.empty:
        return new_base.copy()
    cur = current.set_index(KEY)
    old = old_base.set_index(KEY)
    new = new_base.set_index(KEY)
    keys_old = old.index
    untouched = keys_old[keys_old.isin(cur.index)]
    same = _same_rows(cur.loc[untouched], old.loc[untouched])
    edited_by_analyst = set(untouched[~same]) | set(keys_old[~keys_old.isin(cur.index)])
    keep = cur[~cur.index.isin(keys_old) | cur.index.isin(list(edited_by_analyst))]
    follow = new[~new.index.isin(list(edited_by_analyst))]
    out = pd.concat([keep[~keep.index.isin(follow.index)], follow])
    return out.reset_index()[OBS_COLUMNS]


def _same_rows(a: pd.DataFrame, b: pd.DataFrame) -> np.ndarray:
    b = b.reindex(a.index)
    same = np.isclose(a["value"].to_numpy(float), b["value"].to_numpy(float), rtol=1e-12, atol=0, equal_nan=True)
    for c in ("source_id", "as_of", "note"):
        same &= (a[c].fillna("").to_numpy() == b[c].fillna("").to_numpy())
    return same


def compare(current: pd.DataFrame, frame: pd.DataFrame, head: int, *, implicit_source: str = "",
            exact: bool = False) -> Diff:
    """Split `frame` into added, changed and unchanged rows against `current` (and removed, when exact).

    When not exact, a row whose value equals the current one and whose source is `implicit_source` (the
    upload left its source cell blank) keeps the current source, and the current note and as-of date
    where the upload left them blank: re-uploading a template of unchanged figures changes nothing.
    """
    frame = frame[OBS_COLUMNS].copy()
    for c in ("source_id", "as_of", "note"):
        frame[c] = frame[c].fillna("").astype(str)
    merged = frame.merge(current[OBS_COLUMNS], on=KEY, how="left", suffixes=("", "_old"), indicator=True)
    present = (merged["_merge"] == "both").to_numpy()
    same_value = np.isclose(merged["value"].to_numpy(float), merged["value_old"].to_numpy(float), rtol=1e-12, atol=0)
    if not exact and implicit_source:
        inherit = present & same_value & (merged["source_id"] == implicit_source).to_numpy()
        merged.loc[inherit, "source_id"] = merged["source_id_old"]
        for c in ("as_of", "note"):
            blank = (merged[c] == "").to_numpy()
            merged.loc[inherit & blank, c] = merged[c + "_old"]
    same = present & same_value
    for c in ("source_id", "as_of", "note"):
        same &= (merged[c].fillna("").to_numpy() == merged[c + "_old"].fillna("").to_numpy())
    added = merged[~present][OBS_COLUMNS].reset_index(drop=True)
    changed_mask = present & ~same
    changed = merged[changed_mask][OBS_COLUMNS + [c + "_old" for c in FIELDS]].reset_index(drop=True)
    if exact:
        gone = current.merge(frame[KEY], on=KEY, how="left", indicator=True)
        removed = gone[gone["_merge"] == "left_only"][OBS_COLUMNS].reset_index(drop=True)
    else:
        removed = pd.DataFrame(columns=OBS_COLUMNS)
    return Diff(added, changed, removed, int(same.sum()), head)


def _frame(result, extra: list[str] | None = None) -> pd.DataFrame:
    columns = OBS_COLUMNS + (extra or [])
    frame = pd.DataFrame.from_records(result.fetchall(), columns=columns)
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    for c in ("indicator_id", "region_id", "status"):
        frame[c] = frame[c].astype(object)
    for c in ("source_id", "as_of", "note"):
        frame[c] = frame[c].fillna("").astype(object)
    return frame


def _tuples(frame: pd.DataFrame) -> list[tuple]:
    """Rows as plain Python tuples (None for missing) for the driver's executemany."""
    if frame.empty:
        return []
    columns = []
    for name in frame.columns:
        col = frame[name]
        if name in ("year", "revision_id"):
            columns.append(col.astype("int64").tolist())
        elif name == "value":
            values = col.astype("float64")
            columns.append([None if v != v else v for v in values.tolist()])
        elif name == "deleted":
            columns.append(col.astype(bool).tolist())
        else:
            columns.append(col.astype(object).where(col.notna(), "").tolist())
    return list(zip(*columns, strict=True))


def _bulk_insert(conn, table: sa.Table, columns: list[str], rows: list[tuple]) -> None:
    """Rows through the driver itself, inside the caller's transaction: SQLAlchemy's per-row processing
    would cost seconds for a 200,000-row import. executemany on SQLite; COPY on PostgreSQL (psycopg 3)."""
    if not rows:
        return
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        if conn.dialect.name == "postgresql":
            with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
            cursor.executemany(
                f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})", rows)
    finally:
        cursor.close()


def _is_busy(err: sa.exc.OperationalError) -> bool:
    """A wait for the write lock that ran out: SQLite's "database is locked", PostgreSQL's lock_timeout."""
    return "database is locked" in str(err.orig) or getattr(err.orig, "sqlstate", None) == "55P03"


def _text(value: str) -> str:
    """Text as every engine stores it: PostgreSQL refuses NUL characters in TEXT, SQLite keeps them."""
    return value.replace("\x00", "") if "\x00" in value else value


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with NUL characters removed from its free-text columns (see `_text`), copied only if needed."""
    dirty = [c for c in ("source_id", "as_of", "note") if c in frame
             and frame[c].astype(str).str.contains("\x00", regex=False).any()]
    if not dirty:
        return frame
    frame = frame.copy()
    for c in dirty:
        frame[c] = frame[c].map(lambda v: _text(v) if isinstance(v, str) else v)
    return frame


def _records(frame: pd.DataFrame) -> list[dict]:
    if frame.empty:
        return []
    out = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for r in out:
        if "year" in r:
            r["year"] = int(r["year"])
        if r.get("value") is not None:
            r["value"] = float(r["value"])
    return out


def open_store(db: str | None = None, catalog: Catalog | None = None) -> Store:
    return Store(db, catalog)
