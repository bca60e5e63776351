"""The store's promises, on a real SQLite file: baseline, commit, as-of, restore, stale head, atomicity."""

import pandas as pd
import pytest
import sqlalchemy as sa

from indicators.export import export_bytes
from indicators.ingest import read_upload
from indicators.store import OBS_COLUMNS, StaleHead, Store, UnknownRevision, read_curated
from indicators.updates import commit_preview, preview_upload

ROW = b"indicator,region,year,value\nsmart_factories,qingdao,2023,60\nfiveg_base_stations,qingdao,2024,43000\n"


def canonical(frame):
    out = frame[OBS_COLUMNS].sort_values(["indicator_id", "region_id", "year", "status"]).reset_index(drop=True)
    return out.astype({c: object for c in ("indicator_id", "region_id", "status", "source_id", "as_of", "note")})


def test_fresh_store_holds_the_curated_baseline(store, catalog):
    curated = read_curated(__import__("indicators.catalog").catalog.data_dir() / "observations.csv")
    pd.testing.assert_frame_equal(canonical(store.current()), canonical(curated))
    [rev] = store.history()
    assert rev.kind == "baseline" and rev.added == len(curated) and rev.id == store.head_revision()


def test_reopening_does_not_reapply_the_baseline(db_path, catalog):
    Store(str(db_path), catalog).close()
    again = Store(str(db_path), catalog)
    assert len(again.history()) == 1


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
    commit_preview(store, preview_upload(store, b"indicator,region,year,value\nsmart_factories,qingdao,2021,40\n",
                                         "theirs.csv"), author="other", message="")
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


def test_an_error_mid_commit_leaves_the_previous_state(store, monkeypatch):
    before, head = store.current(), store.head_revision()
    result = read_upload(ROW, "x.csv", store.catalog)
    original = Store._write_revision

    def exploding(self, *args, **meta):
        original(self, *args, **meta)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Store, "_write_revision", exploding)
    with pytest.raises(RuntimeError):
        store.commit(result.frame, author="x")
    assert store.head_revision() == head
    pd.testing.assert_frame_equal(canonical(store.current()), canonical(before))
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM observation_versions WHERE revision_id > :h"),
                            {"h": head}).scalar() == 0
        assert conn.execute(sa.text("SELECT max(revision_id) FROM snapshots")).scalar() == head


def test_changed_baseline_applies_but_keeps_analyst_edits(tmp_path, catalog):
    folder = tmp_path / "data"
    folder.mkdir()
    lines = ["indicator_id,region_id,year,value,status,source_id,as_of,note",
             "smart_factories,qingdao,2022,52,reported,seed_qdnews_20230505,,",
             "fiveg_base_stations,qingdao,2024,42700,reported,chinacom_20241213_qd,,"]
    (folder / "observations.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = Store(str(tmp_path / "s.sqlite"), catalog, apply_baseline=False)
    store.apply_baseline(folder)
    commit_preview(store, preview_upload(store, b"indicator,region,year,value\nsmart_factories,qingdao,2022,53\n", "e.csv"),
                   author="analyst", message="")
    lines[1] = lines[1].replace(",52,", ",54,")
    lines[2] = lines[2].replace("42700", "42800")
    (folder / "observations.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rev = store.apply_baseline(folder)
    assert rev.kind == "baseline" and rev.changed == 1
    now = store.current().set_index(["indicator_id", "region_id"])["value"]
    assert now["smart_factories", "qingdao"] == 53  # the analyst's edit stays
    assert now["fiveg_base_stations", "qingdao"] == 42800  # the curated correction lands
    assert store.apply_baseline(folder) is None


def test_schema_migrations_are_recorded(store):
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT version, name FROM schema_migrations")).all()
        mode = conn.execute(sa.text("PRAGMA journal_mode")).scalar()
    assert rows and rows[0][0] == 1
    assert mode == "wal"
