"""Shared fixtures: a real SQLite store in a temporary folder, opened on the curated data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from indicators import editing
from indicators.catalog import load_catalog
from indicators.store import Store

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("INDICATORS_LANG", "zh")


@pytest.fixture(autouse=True)
def fresh_password_guard(monkeypatch):
    """Each test starts with no wrong guesses counted: the server-wide guard lives as long as the process."""
    monkeypatch.setattr(editing, "GUARD", editing.Guard())


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture
def db_path(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "store.sqlite"
    monkeypatch.setenv("INDICATORS_DB", str(path))
    return path


@pytest.fixture
def store(db_path, catalog) -> Store:
    s = Store(str(db_path), catalog)
    yield s
    s.close()


# -- the store on both engines (tests/test_store.py runs every test on each) -----------------------------
@pytest.fixture(scope="session")
def pg_url() -> str:
    """INDICATORS_TEST_PG_URL: skipped without it on a developer's machine, a failure in CI (CI set)."""
    from pg_support import pg_url_or_reason

    url, reason = pg_url_or_reason()
    if not url:
        if os.environ.get("CI"):
            pytest.fail(reason + " (CI is set: the PostgreSQL tests must run)", pytrace=False)
        pytest.skip(reason)
    return url


@pytest.fixture
def pg_schema_url(pg_url) -> str:
    """The URL of an empty store in a fresh schema of its own, dropped after the test."""
    from pg_support import fresh_schema

    with fresh_schema(pg_url) as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path, monkeypatch) -> str:
    """INDICATORS_DB of a fresh, empty store: a SQLite file, or a PostgreSQL schema of its own."""
    url = (
        str(tmp_path / "store.sqlite")
        if request.param == "sqlite"
        else request.getfixturevalue("pg_schema_url")
    )
    monkeypatch.setenv("INDICATORS_DB", url)
    return url


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright, one per test module."""
    from browser_support import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
