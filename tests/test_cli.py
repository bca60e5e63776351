"""The `indicators` command run as a subprocess: exit codes, JSON shapes, nothing written by bad input."""

import csv
import json
import subprocess
from pathlib import Path

import pytest
from cli_support import EXE, assert_no_crash, cli_env

from indicators.store import Store

pytestmark = pytest.mark.slow  # runs the command line

UPLOADS = Path(__file__).parent / "uploads"


def run(*args, db):
    """`indicators ARGS` with Chinese messages; a run that crashed fails the test whatever it printed."""
    env = cli_env(db, INDICATORS_LANG="zh")
    done = subprocess.run([str(EXE), *map(str, args)], capture_output=True, text=True, env=env, timeout=120)
    assert_no_crash(done.returncode, done.stderr, " ".join(map(str, args)))
    return done


def no_traceback(p):
    assert "Traceback" not in p.stdout + p.stderr


def exported(db, tmp_path, *extra):
    out = tmp_path / "out.csv"
    p = run("export", "-o", out, *extra, db=db)
    assert p.returncode == 0, p.stderr
    with open(out, encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def test_validate_json_for_a_bad_file(tmp_path):
    p = run("validate", UPLOADS / "bad/many_errors.csv", "--json", db=tmp_path / "s.sqlite")
    no_traceback(p)
    assert p.returncode == 1
    report = json.loads(p.stdout)
    assert report["ok"] is False and report["rows"] == 4
    assert [e["row"] for e in report["errors"]] == [2, 3, 4, 5]
    assert {"code", "row", "column", "value", "message"} <= set(report["errors"][0])
    assert report["errors"][0]["message"].startswith("第2行")


def test_validate_good_file_and_english(tmp_path):
    p = run("validate", UPLOADS / "good/wide_years.csv", "--json", "--lang", "en", db=tmp_path / "s.sqlite")
    report = json.loads(p.stdout)
    assert p.returncode == 0 and (report["ok"], report["rows"], report["errors"]) == (True, 2, [])
    # 2.8万 for Qingdao's 2022 5G stations would replace the curated 30,361: one warning, said in English
    assert [(w["code"], w["row"], w["value"]) for w in report["warnings"]] == [
        ("curated_change", 2, "28,000")
    ]
    assert report["warnings"][0]["message"] == (
        "Row 2, column value: '28,000': replaces the curated, sourced value 30,361: make sure the new figure has a "
        "source"
    )
    p = run("validate", UPLOADS / "bad/many_errors.csv", "--lang", "en", db=tmp_path / "s.sqlite")
    assert p.returncode == 1
    assert "error unknown_region: Row 2, column region: 'nowhere': is not a known region." in p.stderr
    assert (
        "error bad_year: Row 4, column year: '1800': a year must be a whole number from 1949 to 2100"
        in p.stderr
    )


def test_missing_file_exits_2_without_traceback(tmp_path):
    p = run("validate", tmp_path / "nope.csv", db=tmp_path / "s.sqlite")
    no_traceback(p)
    assert p.returncode == 2 and "nope.csv" in p.stderr


def test_import_diff_history_restore_export(tmp_path):
    db = tmp_path / "s.sqlite"
    base = exported(db, tmp_path)
    assert base and all(r["source"] for r in base)
    good = UPLOADS / "good/long_gb18030.csv"
    d = json.loads(run("diff", good, "--json", db=db).stdout)
    # the 5G figure keeps its value but cites a new source and note: a change, shown with the old value
    assert len(d["added"]) == 1 and len(d["changed"]) == 1 and d["unchanged"] == 0
    assert d["changed"][0]["old_value"] == d["changed"][0]["value"] == 42700
    p = run("import", UPLOADS / "bad/unknown_region.csv", db=db)
    assert p.returncode == 1 and "unknown_region" in p.stderr
    assert exported(db, tmp_path) == base
    p = run("import", good, "-m", "new figures", "--author", "wang", db=db)
    assert p.returncode == 0, p.stderr
    history = json.loads(run("history", "--json", db=db).stdout)
    assert [h["kind"] for h in history] == ["upload", "baseline"]
    assert history[0]["author"] == "wang" and history[0]["added"] == 1
    assert {"id", "created_at", "author", "message", "kind", "added", "changed", "removed"} <= set(history[0])
    p = run("restore", history[1]["id"], "-m", "undo", db=db)
    assert p.returncode == 0, p.stderr
    assert exported(db, tmp_path) == base
    assert len(exported(db, tmp_path, "--revision", history[0]["id"])) == len(base) + 1


def test_a_file_without_sources_is_cited_as_published_by_who_imported_it(tmp_path):
    db, f = tmp_path / "s.sqlite", tmp_path / "mine.csv"
    f.write_text("indicator,region,year,value\nsmart_factories,qingdao,2027,90\n", encoding="utf-8")
    assert run("import", f, "-m", "m", "--author", "wang", db=db).returncode == 0
    store = Store(str(db))
    try:  # the same rule as the Data page's commit (updates.commit_preview)
        uploaded = [s for s in store.full_catalog().sources.values() if s.id.startswith("upload_")]
    finally:
        store.close()
    assert [(s.title, s.publisher) for s in uploaded] == [("mine.csv", "wang")]


@pytest.mark.parametrize(
    "args", [("restore", "999"), ("export", "-o", "x.docx"), ("export", "-o", "x.csv", "--revision", "77")]
)
def test_commands_that_cannot_run_exit_2(tmp_path, args):
    p = run(*args, db=tmp_path / "s.sqlite")
    no_traceback(p)
    assert p.returncode == 2 and p.stderr.strip()


def test_export_neutralises_formulas(tmp_path):
    db = tmp_path / "s.sqlite"
    f = tmp_path / "f.csv"
    f.write_text(
        'indicator,region,year,value,note\nsmart_factories,qingdao,2023,60,=HYPERLINK("http://x")\n',
        encoding="utf-8",
    )
    assert run("import", f, db=db).returncode == 0
    rows = exported(db, tmp_path)
    [row] = [r for r in rows if r["year"] == "2023" and r["indicator"] == "smart_factories"]
    assert row["note"].startswith("'=")
    out = tmp_path / "out.csv"
    assert "nothing changed" in run("import", out, db=db).stdout  # the escaped export re-imports as a no-op
