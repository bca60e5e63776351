"""A PostgreSQL store for tests: `with fresh_schema(pg_url) as url: Store(url)`.

Each store lives in a schema of its own in the test database (INDICATORS_TEST_PG_URL, as printed by
scripts/ci_postgres.sh): the yielded URL selects it through libpq's `options=-csearch_path=<schema>`, so
the store's tables are created there, and the schema is dropped afterwards with everything in it.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator

import sqlalchemy as sa

PG_URL_ENV = "INDICATORS_TEST_PG_URL"


def pg_url_or_reason() -> tuple[str | None, str]:
    url = os.environ.get(PG_URL_ENV, "")
    return (url or None), (
        f"{PG_URL_ENV} is not set: run `bash scripts/ci_postgres.sh` as root and export "
        f"{PG_URL_ENV} as its last line"
    )


def schema_url(pg_url: str, schema: str) -> str:
    url = sa.make_url(pg_url)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


@contextlib.contextmanager
def fresh_schema(pg_url: str) -> Iterator[str]:
    """A new empty schema; yields the URL of a store in it; drops it (and its tables) afterwards."""
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(schema_url(pg_url, "public"), poolclass=sa.pool.NullPool)
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        yield schema_url(pg_url, schema)
    finally:
        with admin.begin() as conn:
            # a server or store a test left open must not keep the schema's tables locked
            conn.exec_driver_sql("SET LOCAL lock_timeout = '20s'")
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()
