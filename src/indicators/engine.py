"""The database engine under the store: SQLite (a file path, the embedded default) or PostgreSQL (a
SQLAlchemy URL, the store several app servers share). Every difference between the two lives here:

- writes are serialised by the database itself: `BEGIN IMMEDIATE` on SQLite, a transaction-scoped advisory
  lock (`pg_advisory_xact_lock`) on PostgreSQL, taken before the head is read (see `write`);
- PostgreSQL connections run READ COMMITTED whatever the server's default, so a writer that waited for the
  lock reads what the writer before it committed;
- bulk rows go through the driver: executemany on SQLite, COPY on PostgreSQL;
- PostgreSQL refuses NUL characters in TEXT, SQLite keeps them: `text` and `clean` remove them for both.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import event

from indicators.frame import TEXT

LOCK_TIMEOUT_S = 30  # how long a commit waits for another writer before it is refused as busy
PG_WRITE_LOCK = 724513  # the advisory lock key every writer of a PostgreSQL store takes


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


def make_engine(db: str, lock_timeout: float = LOCK_TIMEOUT_S) -> sa.Engine:
    url = engine_url(db)
    if not url.startswith("sqlite"):
        query = sa.make_url(url).query
        connect_args = {
            key: value
            for key, value in (("connect_timeout", 10), ("application_name", "indicators"))
            if key not in query
        }
        # READ COMMITTED whatever the server's default: a writer that waited for the write lock must then
        # read what the writer before it committed (a snapshot taken before the lock would be stale).
        return sa.create_engine(
            url,
            pool_pre_ping=True,
            pool_size=5,
            max_overflow=10,
            pool_recycle=1800,
            isolation_level="READ COMMITTED",
            connect_args=connect_args,
        )
    Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": lock_timeout})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={int(lock_timeout * 1000)}")
        cur.execute("PRAGMA cache_size=-65536")  # 64 MB, so a 200,000-row import stays in memory
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

    return engine


def tuples(frame: pd.DataFrame) -> list[tuple]:
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


def bulk_insert(conn, table: sa.Table, columns: list[str], rows: list[tuple]) -> None:
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
                f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})",
                rows,
            )
    finally:
        cursor.close()


def is_busy(err: sa.exc.OperationalError) -> bool:
    """A wait for the write lock that ran out: SQLite's "database is locked", PostgreSQL's lock_timeout."""
    return "database is locked" in str(err.orig) or getattr(err.orig, "sqlstate", None) == "55P03"


def text(value: str) -> str:
    """Text as every engine stores it: PostgreSQL refuses NUL characters in TEXT, SQLite keeps them."""
    return value.replace("\x00", "") if "\x00" in value else value


def clean(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with NUL characters removed from its free-text columns (see `text`), copied only if needed."""
    dirty = [c for c in TEXT if c in frame and frame[c].astype(str).str.contains("\x00", regex=False).any()]
    if not dirty:
        return frame
    frame = frame.copy()
    for c in dirty:
        frame[c] = frame[c].map(lambda v: text(v) if isinstance(v, str) else v)
    return frame
