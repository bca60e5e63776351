"""The store's promises, each test on both engines: a SQLite file and a PostgreSQL schema of its own
(`db_url` in conftest.py; the PostgreSQL runs need INDICATORS_TEST_PG_URL, see scripts/ci_postgres.sh).
Baseline, commit, as-of, restore, stale head (also two writers at the same moment), atomicity, append-only.
"""

import threading

import pandas as pd
import pytest
import sqlalchemy as sa

from indicators import schema, settings
from indicators.engine import display_db, engine_url
from indicators.export import export_bytes
from indicators.frame import COLUMNS as OBS_COLUMNS
from indicators.frame import read_curated
from indicators.ingest import read_upload
from indicators.schema import revisions
from indicators.store import StaleHead, Store, StoreBusy, UnknownRevision
from indicators.updates import commit_preview, preview_upload

ROW = (
    b"indicator,region,year,value\nsmart_factories,qingdao,2023,60\nfiveg_base_stations,qingdao,2024,43000\n"
)


@pytest.fixture
def db_path(db_url):
    """Every test here runs on SQLite and on PostgreSQL: conftest's `store` opens whatever this names."""
    return db_url


def canonical(frame):
    out = (
        frame[OBS_COLUMNS].sort_values(["indicator_id", "region_id", "year", "status"]).reset_index(drop=True)
    )
    return out.astype(
        {c: object for c in ("indicator_id", "region_id", "status", "source_id", "as_of", "note")}
    )


def test_fresh_store_holds_the_curated_baseline(store, catalog):
    curated = read_curated(settings.data_dir() / "observations.csv")
    pd.testing.assert_frame_equal(canonical(store.current()), canonical(curated))
    [rev] = store.history()
    assert rev.kind == "baseline" and rev.added == len(curated) and rev.id == store.head_revision()


def test_reopening_does_not_reapply_the_baseline(db_path, catalog):
    Store(str(db_path), catalog).close()
    again = Store(str(db_path), catalog)
    assert len(again.history()) == 1
    again.close()


def test_commit_adds_a_revision_and_as_of_reads_back(store):
    before = store.current()
    preview = preview_upload(store, ROW, "new.csv")
    assert preview.ok and len(preview.diff.added) == 1 and len(preview.diff.changed) == 1
    rev = commit_preview(store, preview, author="li", message="2023 figures")
    assert (rev.added, rev.changed, rev.removed, rev.author, rev.file_name) == (1, 1, 0, "li", "new.csv")
    now = store.current().set_index(["indicator_id", "region_id", "year", "status"])
    assert now.loc[("fiveg_base_stations", "qingdao", 2024, "reported"), "value"] == 43000
    pd.testing.assert_frame_equal(canonical(store.as_of(rev.id - 1)), canonical(before))
    pd.testing.assert_frame_equal(canonical(store.as_of(rev.id)), canonical(store.current()))
    changes = store.revision_changes(rev.id).set_index("indicator_id")
    assert changes.loc["fiveg_base_stations", "value_old"] == 42700
    assert changes.loc["fiveg_base_stations", "change"] == "changed"


def test_import_that_changes_nothing_creates_no_revision(store):
    commit_preview(store, preview_upload(store, ROW, "a.csv"), author="a", message="")
    assert commit_preview(store, preview_upload(store, ROW, "a-again.csv"), author="a", message="") is None
    assert len(store.history()) == 2


def test_reimporting_an_export_is_a_no_op(store, catalog):
    data = export_bytes(store.current(), catalog, "csv")
    preview = preview_upload(store, data, "export.csv")
    assert preview.ok, [p.message_en for p in preview.result.errors]
    assert preview.diff.empty and preview.diff.unchanged == len(store.current())


@pytest.mark.parametrize("fmt", ["xlsx", "parquet"])
def test_reimporting_other_formats_is_a_no_op(store, catalog, fmt):
    preview = preview_upload(store, export_bytes(store.current(), catalog, fmt), f"export.{fmt}")
    assert preview.ok and preview.diff.empty


def test_stale_preview_is_refused_and_writes_nothing(store):
    preview = preview_upload(store, ROW, "mine.csv")
    commit_preview(
        store,
        preview_upload(
            store, b"indicator,region,year,value\nsmart_factories,qingdao,2021,40\n", "theirs.csv"
        ),
        author="other",
        message="",
    )
    head, data = store.head_revision(), store.current()
    with pytest.raises(StaleHead) as err:
        commit_preview(store, preview, author="me", message="")
    assert "重新检查预览" in err.value.zh and "Review the preview again" in err.value.en
    assert store.head_revision() == head
    pd.testing.assert_frame_equal(canonical(store.current()), canonical(data))


def test_restore_is_a_new_revision_and_brings_the_old_state_back(store):
    base = store.current()
    rev = commit_preview(store, preview_upload(store, ROW, "x.csv"), author="a", message="")
    restored = store.restore(1, author="b", message="undo")
    assert restored.kind == "restore" and restored.restored_from == 1 and restored.id == rev.id + 1
    assert (restored.added, restored.changed) == (0, 1) and restored.removed == 1
    pd.testing.assert_frame_equal(canonical(store.current()), canonical(base))
    assert len(store.as_of(rev.id)) == len(base) + 1
    assert [r.id for r in store.history()] == [3, 2, 1]


def test_unknown_revision(store):
    with pytest.raises(UnknownRevision):
        store.as_of(99)
    with pytest.raises(UnknownRevision):
        store.restore("abc")


def explode_mid_commit(monkeypatch):
    """Make every commit fail after writing its rows, inside the transaction; returns the real method."""
    original = Store._write_revision

    def exploding(self, *args, **meta):
        original(self, *args, **meta)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Store, "_write_revision", exploding)
    return original


def test_an_error_mid_commit_leaves_the_previous_state(store, monkeypatch):
    before, head = store.current(), store.head_revision()
    result = read_upload(ROW, "x.csv", store.catalog)
    explode_mid_commit(monkeypatch)
    with pytest.raises(RuntimeError):
        store.commit(result.frame, author="x")
    assert store.head_revision() == head
    pd.testing.assert_frame_equal(canonical(store.current()), canonical(before))
    with store.engine.connect() as conn:
        assert (
            conn.execute(
                sa.text("SELECT count(*) FROM observation_versions WHERE revision_id > :h"), {"h": head}
            ).scalar()
            == 0
        )
        assert conn.execute(sa.text("SELECT max(revision_id) FROM snapshots")).scalar() == head


def test_changed_baseline_applies_but_keeps_analyst_edits(tmp_path, db_url, catalog):
    folder = tmp_path / "data"
    folder.mkdir()
    lines = [
        "indicator_id,region_id,year,value,status,source_id,as_of,note",
        "smart_factories,qingdao,2022,52,reported,seed_qdnews_20230505,,",
        "fiveg_base_stations,qingdao,2024,42700,reported,chinacom_20241213_qd,,",
    ]
    (folder / "observations.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = Store(db_url, catalog, apply_baseline=False)
    store.apply_baseline(folder)
    commit_preview(
        store,
        preview_upload(store, b"indicator,region,year,value\nsmart_factories,qingdao,2022,53\n", "e.csv"),
        author="analyst",
        message="",
    )
    lines[1] = lines[1].replace(",52,", ",54,")
    lines[2] = lines[2].replace("42700", "42800")
    (folder / "observations.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rev = store.apply_baseline(folder)
    assert rev.kind == "baseline" and rev.changed == 1
    now = store.current().set_index(["indicator_id", "region_id"])["value"]
    assert now["smart_factories", "qingdao"] == 53  # the analyst's edit stays
    assert now["fiveg_base_stations", "qingdao"] == 42800  # the curated correction lands
    assert store.apply_baseline(folder) is None
    store.close()


def test_schema_migrations_are_recorded(store):
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT version, name FROM schema_migrations")).all()
        if store.is_sqlite:
            assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        else:  # the same tables, in the store's own schema (the URL's search_path)
            tables = set(sa.inspect(conn).get_table_names())
            assert conn.execute(sa.text("SELECT current_schema()")).scalar().startswith("test_")
            assert {"revisions", "observation_versions", "snapshots", "sources", "baseline_rows"} <= tables
    assert rows == [(v, name) for v, name, _ in schema.MIGRATIONS]


def test_a_new_migration_runs_once_in_order_and_a_failed_one_leaves_nothing(
    store, db_url, catalog, monkeypatch
):
    def add_column(conn):
        conn.execute(sa.text("ALTER TABLE sources ADD COLUMN licence TEXT NOT NULL DEFAULT ''"))

    def add_index(conn):
        conn.execute(sa.text("CREATE INDEX ix_sources_licence ON sources (licence)"))  # needs version 2 first

    def broken(conn):
        conn.execute(sa.text("CREATE TABLE half_done (x INTEGER)"))
        raise RuntimeError("migration 4 fails half way")

    def columns(s):
        with s.engine.connect() as conn:
            return {c["name"] for c in sa.inspect(conn).get_columns("sources")}, set(
                sa.inspect(conn).get_table_names()
            )

    def recorded(s):
        with s.engine.connect() as conn:
            return [
                r[0] for r in conn.execute(sa.text("SELECT version FROM schema_migrations ORDER BY version"))
            ]

    later = [
        (3, "index the licence", add_index),
        (2, "sources get a licence", add_column),
    ]  # listed out of order
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, *later])
    upgraded = Store(db_url, catalog)  # an existing store opened by a newer release
    assert recorded(upgraded) == [1, 2, 3] and "licence" in columns(upgraded)[0]
    again = Store(db_url, catalog)  # a second opening runs nothing (an ALTER run twice would fail)
    assert recorded(again) == [1, 2, 3]
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, (4, "broken", broken)])
    with pytest.raises(RuntimeError, match="half way"):
        Store(db_url, catalog)
    assert recorded(again) == [1, 2, 3] and "half_done" not in columns(again)[1]
    for s in (upgraded, again):
        s.close()


# -- the promises that concern two writers, on both engines ---------------------------------------------
ONE = b"indicator,region,year,value\nsmart_factories,qingdao,2021,41\n"
TWO = b"indicator,region,year,value\nfiveg_base_stations,qingdao,2021,25000\n"


def _race(db_url, catalog, uploads, *, same_head: bool):
    """Commit each upload from its own Store (its own connections) in its own thread, all released at once."""
    stores = [Store(db_url, catalog) for _ in uploads]
    previews = [
        preview_upload(s, data, f"u{i}.csv") for i, (s, data) in enumerate(zip(stores, uploads, strict=True))
    ]
    barrier = threading.Barrier(len(uploads))
    results: list[object] = [None] * len(uploads)

    def run(i):
        barrier.wait()
        try:
            if same_head:
                results[i] = commit_preview(stores[i], previews[i], author=f"w{i}", message="")
            else:
                results[i] = stores[i].commit(previews[i].result.frame, author=f"w{i}")
        except Exception as err:  # noqa: BLE001 - the test looks at what each writer got
            results[i] = err

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(uploads))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=120)
    for s in stores:
        s.close()
    return results


def _chain_is_whole(store):
    history = sorted(store.history(), key=lambda r: r.id)
    assert [r.id for r in history] == list(range(1, len(history) + 1))
    assert [r.parent_id for r in history] == list(range(0, len(history)))
    return history


def test_two_writers_on_the_same_head_at_the_same_moment_one_is_refused(store, db_url, catalog):
    head = store.head_revision()
    results = _race(db_url, catalog, [ONE, TWO], same_head=True)
    landed = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, StaleHead)]
    assert len(landed) == 1 and len(refused) == 1, results
    assert refused[0].expected == head and refused[0].head == head + 1
    assert store.head_revision() == head + 1
    _chain_is_whole(store)
    # nothing of the refused commit was written: the data is the baseline plus the landed upload only
    now = store.current().set_index(["indicator_id", "region_id", "year", "status"])["value"]
    one = ("smart_factories", "qingdao", 2021, "reported") in now.index
    two = ("fiveg_base_stations", "qingdao", 2021, "reported") in now.index
    assert one != two and len(now) == len(read_curated(settings.data_dir() / "observations.csv")) + 1


def test_writers_without_a_preview_all_land_in_order(store, db_url, catalog):
    head = store.head_revision()
    uploads = [
        f"indicator,region,year,value\nsmart_factories,qingdao,{2000 + i},{30 + i}\n".encode()
        for i in range(4)
    ]
    results = _race(db_url, catalog, uploads, same_head=False)
    assert all(not isinstance(r, Exception) and r is not None for r in results), results
    assert sorted(r.id for r in results) == list(range(head + 1, head + 5))
    _chain_is_whole(store)
    now = store.current().set_index(["indicator_id", "region_id", "year"])["value"]
    assert [now["smart_factories", "qingdao", 2000 + i] for i in range(4)] == [30, 31, 32, 33]


def test_the_database_itself_refuses_a_second_revision_on_one_head(store):
    """The constraint, not only the lock: a writer that skipped the lock still cannot fork the history."""
    head = store.head_revision()
    row = dict(
        parent_id=head - 1,
        created_at="2026-01-01T00:00:00Z",
        author="rogue",
        message="",
        kind="upload",
        file_name="",
        file_sha256="",
        added=0,
        changed=0,
        removed=0,
    )
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:
        conn.execute(revisions.insert().values(id=head + 1, **row))
    assert store.head_revision() == head


def test_a_busy_store_refuses_with_a_message_and_writes_nothing(store, db_url, catalog):
    other = Store(db_url, catalog, lock_timeout=1)
    head = store.head_revision()
    result = read_upload(ROW, "x.csv", store.catalog)
    with store._write(), pytest.raises(StoreBusy) as err:  # another writer holds the store's write lock
        other.commit(result.frame, author="late")
    assert "稍后再试" in err.value.zh and "Try again" in err.value.en
    assert other.head_revision() == head
    assert other.commit(result.frame, author="late").id == head + 1
    other.close()


def test_history_is_append_only(store):
    with store.engine.connect() as conn:
        first = conn.execute(
            sa.text(
                "SELECT * FROM observation_versions WHERE revision_id = 1 "
                "ORDER BY indicator_id, region_id, year, status"
            )
        ).all()
    rev1 = store.revision(1)
    commit_preview(store, preview_upload(store, ROW, "x.csv"), author="a", message="")
    store.restore(1, author="b")
    with store.engine.connect() as conn:
        again = conn.execute(
            sa.text(
                "SELECT * FROM observation_versions WHERE revision_id = 1 "
                "ORDER BY indicator_id, region_id, year, status"
            )
        ).all()
        counts = dict(
            conn.execute(
                sa.text("SELECT revision_id, count(*) FROM observation_versions GROUP BY revision_id")
            ).all()
        )
    assert again == first and store.revision(1) == rev1
    assert counts[2] == 2 and counts[3] == 2  # the restore appended its own versions
    _chain_is_whole(store)


def test_free_text_of_any_length_and_nul_characters_fit_both_engines(store):
    frame = read_upload(ROW, "x.csv", store.catalog).frame.copy()
    frame["note"] = "说明" * 600 + "\x00end"
    frame["as_of"] = "about the end of September, according to the bureau"
    rev = store.commit(frame, author="名" * 300, message="m" * 5000, file_name="f" * 900 + ".csv")
    assert rev is not None and len(rev.author) == 300 and len(rev.file_name) == 904
    now = store.current()
    note = now.loc[now["note"].str.startswith("说明"), "note"]
    assert len(note) == 2 and note.iloc[0] == "说明" * 600 + "end"
    pd.testing.assert_frame_equal(canonical(store.as_of(rev.id)), canonical(now))


@pytest.mark.parametrize("rev", ["0", "-1", "99999999999", "2**31", "1.5"])
def test_out_of_range_revisions_are_unknown_on_both_engines(store, rev):
    with pytest.raises(UnknownRevision):
        store.as_of(rev)
    with pytest.raises(UnknownRevision):
        store.restore(rev)


def test_revision_ids_have_no_gaps_after_a_failed_commit(store, monkeypatch):
    head = store.head_revision()
    result = read_upload(ROW, "x.csv", store.catalog)
    original = explode_mid_commit(monkeypatch)
    with pytest.raises(RuntimeError):
        store.commit(result.frame, author="x")
    monkeypatch.setattr(Store, "_write_revision", original)
    assert store.commit(result.frame, author="x").id == head + 1
    assert store.revision_changes(head + 1)["change"].tolist().count("changed") == 1


def test_urls_and_paths():
    assert engine_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert engine_url("postgres://u:p@h:5433/db") == "postgresql+psycopg://u:p@h:5433/db"
    assert (
        engine_url("postgresql+psycopg://u:p@h/db?options=-csearch_path%3Dx")
        == "postgresql+psycopg://u:p@h/db?options=-csearch_path%3Dx"
    )
    assert engine_url("sqlite:////tmp/x.sqlite") == "sqlite:////tmp/x.sqlite"
    assert engine_url("/tmp/x.sqlite") == "sqlite:////tmp/x.sqlite"
    assert display_db("postgresql+psycopg://u:secret@h/db") == "postgresql+psycopg://u:***@h/db"
    assert display_db("/tmp/x.sqlite") == "/tmp/x.sqlite"


def test_the_curated_figure_warning_follows_the_figure_not_the_history(store):
    """Changing a curated figure warns; after that figure is changed and then restored, it is curated again
    and changing it warns again; a figure an analyst set does not warn."""
    change = b"indicator,region,year,value\nfiveg_base_stations,qingdao,2024,43000\n"

    def warned(data: bytes) -> bool:
        return "curated_change" in {w.code for w in preview_upload(store, data, "x.csv").result.warnings}

    assert warned(change)
    rev = commit_preview(store, preview_upload(store, change, "x.csv"), author="li", message="")
    assert not warned(b"indicator,region,year,value\nfiveg_base_stations,qingdao,2024,43500\n")
    store.restore(rev.id - 1, author="li")
    assert warned(change), "the restored figure is the curated one again"
