"""Shared fixtures: a real SQLite store in a temporary folder, opened on the curated data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from indicators.catalog import load_catalog
from indicators.store import Store

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("INDICATORS_LANG", "zh")


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
