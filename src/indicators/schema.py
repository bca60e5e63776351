"""The store's tables (SQLAlchemy Core) and the migrations that create and change them.

Tables (free text is TEXT, so no value fits one engine and not the other):
- `revisions`: append-only; `parent_id` is UNIQUE, so two commits on the same head cannot both land.
- `observation_versions`: append-only; one row per key and revision that touched it (a removal is a row
  with `deleted` set). The data as of revision R is the newest version of each key at or before R.
- `sources`: sources that uploads introduced (the curated ones live in `data/sources.csv`).
- `baseline_rows`: the curated `data/observations.csv` last applied, to tell a curated change from an
  analyst's edit when `data/` changes.
- `snapshots`: the current data (with the revision that set each row) as one Parquet blob for the head
  revision, written in the commit's transaction. Derived data: without it, the current data is rebuilt
  from `observation_versions`.
- `schema_migrations`: the migrations applied, by version.

A migration is a function of the open write connection. `migrate` runs, in version order, each one the
store has not recorded, and records it in the same transaction: a migration that fails leaves neither its
changes nor its record. A new migration is appended to MIGRATIONS; one already released never changes
(version 1 creates the tables as they were at version 1: when a later migration alters a table, version 1
must keep creating the old form, so write its tables out then instead of reading `metadata`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa

metadata = sa.MetaData()
schema_migrations = sa.Table(
    "schema_migrations",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("applied_at", sa.Text, nullable=False),
)
revisions = sa.Table(
    "revisions",
    metadata,
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
    "observation_versions",
    metadata,
    *_observation_columns(),
    sa.Column("revision_id", sa.Integer, sa.ForeignKey("revisions.id"), nullable=False),
    sa.Column("deleted", sa.Boolean, nullable=False, default=False),
    sa.PrimaryKeyConstraint("indicator_id", "region_id", "year", "status", "revision_id"),
    sa.Index("ix_versions_revision", "revision_id"),
)
baseline_rows = sa.Table(
    "baseline_rows",
    metadata,
    *_observation_columns(),
    sa.PrimaryKeyConstraint("indicator_id", "region_id", "year", "status"),
)
sources = sa.Table(
    "sources",
    metadata,
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
    "snapshots",
    metadata,
    sa.Column("revision_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
)


def _create_tables(conn: sa.Connection) -> None:
    """Version 1: every table. `checkfirst`, because stores made before migrations were recorded one by one
    already have them."""
    metadata.create_all(conn, checkfirst=True)


Migration = tuple[int, str, Callable[[sa.Connection], None]]
MIGRATIONS: list[Migration] = [
    (1, "create revisions, observation versions, sources, baseline rows and snapshots", _create_tables),
]


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def migrate(conn: sa.Connection, migrations: list[Migration] | None = None) -> list[int]:
    """Run the migrations not yet recorded, oldest first, inside the caller's write transaction; returns
    the versions run."""
    migrations = MIGRATIONS if migrations is None else migrations
    schema_migrations.create(conn, checkfirst=True)
    done = {r.version for r in conn.execute(sa.select(schema_migrations.c.version))}
    ran = []
    for version, name, run in sorted(migrations, key=lambda m: m[0]):
        if version in done:
            continue
        run(conn)
        conn.execute(schema_migrations.insert().values(version=version, name=name, applied_at=now()))
        ran.append(version)
    return ran
