"""Bad and hostile uploads (tests/uploads/hostile, written by make_hostile.py): every file gives a clear error
with its code and row, or is accepted safely; none prints a traceback, none changes the store it is refused
by, and the bombs are refused from what can be checked cheaply, never by expanding them.

Each case is checked twice: through `read_upload` (what the Data page calls) and through the `indicators`
command in a subprocess (`validate --json` and `import`), the way an analyst or a script meets it.
"""

from __future__ import annotations

import json
import shutil
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from cli_support import assert_no_crash, run_cli

from indicators import reading
from indicators.export import export_bytes
from indicators.ingest import read_upload
from indicators.store import Store

HOSTILE = Path(__file__).parent / "uploads" / "hostile"
EXPECTED = json.loads((HOSTILE / "expected.json").read_text(encoding="utf-8"))
CASES = sorted(EXPECTED)
REFUSED = [c for c in CASES if not EXPECTED[c]["ok"]]
ACCEPTED = [c for c in CASES if EXPECTED[c]["ok"]]
# through the command line too (each run costs a Python start with pandas: about a second)
CLI_ACCEPTED = [
    c for c in ("negative_zero.csv", "script_note.csv", "utf16_tab.csv", "formula_note.csv") if c in ACCEPTED
]


def read(case: str, catalog):
    return read_upload((HOSTILE / case).read_bytes(), case, catalog)


def test_the_corpus_is_what_the_generator_wrote():
    on_disk = {p.name for p in HOSTILE.iterdir() if p.is_file()} - {"make_hostile.py", "expected.json"}
    assert on_disk == set(CASES)
    assert len(CASES) >= 30
    for name in ("zip_bomb.xlsx", "zip_bomb_lying.xlsx", "password_protected.xlsx", "parquet_bomb.parquet"):
        assert (HOSTILE / name).stat().st_size < 600_000, "a bomb is small on disk"


# -- through read_upload --------------------------------------------------------------------------------
@pytest.mark.parametrize("case", CASES)
def test_each_case_gives_its_codes_rows_and_warnings(case, catalog):
    expected = EXPECTED[case]
    result = read(case, catalog)
    assert result.ok == expected["ok"], [p.message_en for p in result.errors]
    assert {p.code for p in result.errors} == set(expected["codes"])
    assert sorted(p.row for p in result.errors if p.row is not None) == expected["rows"]
    assert {p.code for p in result.warnings} >= set(expected["warnings"])
    for p in result.errors + result.warnings:
        assert p.message_zh and p.message_en and "Traceback" not in p.message_en
    assert "/" not in result.file_name and "\\" not in result.file_name


def test_the_honest_zip_bomb_is_refused_before_anything_is_inflated(catalog, monkeypatch):
    def must_not_run(*_args, **_kwargs):
        raise AssertionError("inflated or handed to calamine")

    monkeypatch.setattr(reading, "_inflated_size", must_not_run)
    monkeypatch.setattr(reading, "_isolated", must_not_run)
    with zipfile.ZipFile(HOSTILE / "zip_bomb.xlsx") as z:
        declared = sum(i.file_size for i in z.infolist())
    assert declared > reading.MAX_XLSX_UNCOMPRESSED > 500 * (HOSTILE / "zip_bomb.xlsx").stat().st_size
    [err] = read("zip_bomb.xlsx", catalog).errors
    assert err.code == "too_large" and "300 MB" in err.message_en


def test_a_zip_that_lies_about_its_sizes_is_stopped_while_inflating(catalog, monkeypatch):
    with zipfile.ZipFile(HOSTILE / "zip_bomb_lying.xlsx") as z:
        assert sum(i.file_size for i in z.infolist()) < reading.MAX_XLSX_UNCOMPRESSED, "the directory lies"
    counted: list[int] = []
    real = reading._inflated_size

    def counting(data, info, budget):
        counted.append(real(data, info, budget))
        return counted[-1]

    monkeypatch.setattr(reading, "_inflated_size", counting)
    monkeypatch.setattr(reading, "_isolated", lambda *a: pytest.fail("calamine must never see it"))
    [err] = read("zip_bomb_lying.xlsx", catalog).errors
    assert err.code == "too_large"
    # inflating stopped within a megabyte of the limit, although the member expands to 300 MB
    assert sum(counted) <= reading.MAX_XLSX_UNCOMPRESSED + 2 * 1024 * 1024


def test_a_member_that_inflates_past_its_declared_size_is_damaged(catalog):
    """Below the limit, a size that lies is still a refusal: the file is not what it says."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet>" + " " * 100_000 + "</worksheet>")
    sys.path.insert(0, str(HOSTILE))
    try:
        from make_hostile import lie_about_size
    finally:
        sys.path.remove(str(HOSTILE))
    data = lie_about_size(buffer.getvalue(), "xl/worksheets/sheet1.xml", 100)
    [err] = read_upload(data, "liar.xlsx", catalog).errors
    assert err.code == "unreadable_file" and "declared" in err.message_en


@pytest.mark.parametrize("case", ["sparse_far_cell.xlsx", "shared_strings_count.xlsx"])
def test_a_workbook_that_makes_calamine_ask_for_hundreds_of_gb_ends_only_the_child(case, catalog):
    """In-process, these abort the interpreter (Rust's allocation failure handler): the server would die."""
    [err] = read(case, catalog).errors
    assert err.code == "too_large" and "memory" in err.message_en
    assert read("formula_cells.xlsx", catalog).rows == 1, "and the next workbook reads as before"


def test_a_parquet_bomb_is_refused_from_its_footer(catalog):
    [err] = read("parquet_bomb.parquet", catalog).errors
    # the row count the footer declares, not the memory cap: refused before a row was read
    assert err.code == "too_large" and "30,000,000 rows" in err.message_en and "memory" not in err.message_en


def test_the_password_protected_workbook_is_a_real_encrypted_compound_file(catalog):
    data = (HOSTILE / "password_protected.xlsx").read_bytes()
    assert data.startswith(reading.OLE_MAGIC)
    for stream in ("EncryptionInfo", "EncryptedPackage"):
        assert stream.encode("utf-16-le") in data
    [err] = read("password_protected.xlsx", catalog).errors
    assert "password" in err.message_en and "密码" in err.message_zh


def test_accepted_files_hold_what_was_written(catalog):
    zero = read("negative_zero.csv", catalog).frame
    assert list(zero["value"]) == [0.0, 0.0] and all(str(v) == "0.0" for v in zero["value"]), "no -0.0"
    mixed = read("mixed_encoding.csv", catalog)
    assert sorted(mixed.frame["note"]) == ["GB18030 行", "UTF-8 行"]
    assert any("GB18030" in w.message_en for w in mixed.warnings)
    nul = read("nul_bytes.csv", catalog)
    assert list(nul.frame["indicator_id"]) == ["smart_factories"] and list(nul.frame["value"]) == [60.0]
    assert any("NUL" in w.message_en for w in nul.warnings)
    utf16 = read("utf16_tab.csv", catalog).frame
    assert (utf16.loc[0, "region_id"], utf16.loc[0, "value"]) == ("qingdao", 60.0)
    notes = read("formula_note.csv", catalog).frame.sort_values("year")["note"].tolist()
    assert notes == ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(A1)", "=1+1", "-2+3"]
    script = read("script_note.csv", catalog)
    assert script.frame.loc[0, "note"] == "<script>alert(1)</script>"
    [title] = [s.title for s in script.new_sources.values()]
    assert title == "<b>src</b><img src=x onerror=alert(2)>", "kept as text; escaping is the display's job"


def test_negative_zero_is_stored_as_zero(store):
    from indicators.updates import commit_preview, preview_upload

    preview = preview_upload(store, (HOSTILE / "negative_zero.csv").read_bytes(), "negative_zero.csv")
    commit_preview(store, preview, author="t", message="")
    now = store.current()
    rows = now[
        (now["indicator_id"] == "smart_factories")
        & now["year"].isin([2022, 2023])
        & (now["region_id"] == "qingdao")
    ]
    import math

    assert len(rows) == 2 and all(math.copysign(1.0, v) == 1.0 for v in rows["value"])


def test_file_names_never_carry_a_path(catalog):
    data = b"indicator,region,year,value\nsmart_factories,qingdao,2023,60\n"
    for name, shown in (
        ("../../etc/passwd", "passwd"),
        ("C:\\x\\..\\y.csv", "y.csv"),
        ("..", ""),
        ("a/b\\c\u202e.csv", "c.csv"),
        ("x\x00y.csv", "xy.csv"),
    ):
        assert read_upload(data, name, catalog).file_name == shown


def test_control_characters_in_a_note_are_removed_so_the_xlsx_export_works(catalog):
    result = read_upload(
        b"indicator,region,year,value,note\nsmart_factories,qingdao,2023,60,a\x0bb\x1bc\n", "x.csv", catalog
    )
    assert result.ok and result.frame.loc[0, "note"] == "abc"
    assert [w.code for w in result.warnings] == ["cleaned_input"]
    assert export_bytes(result.frame, catalog, "xlsx").startswith(b"PK")
    stored = result.frame.assign(note="x\x0by")  # from anywhere else: the export still works
    assert export_bytes(stored, catalog, "xlsx").startswith(b"PK")


# -- through the command line -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def cli_runs(tmp_path_factory):
    """Every refused file through `validate --json` and `import` against one store, and a few accepted
    files through `import` into a copy of their own; three at a time. The store's head and export before and
    after are kept for the checks below."""
    folder = tmp_path_factory.mktemp("cli")
    base = folder / "base.sqlite"
    store = Store(str(base))
    head, export = store.head_revision(), export_bytes(store.current(), store.full_catalog(), "csv")
    store.close()
    shared = folder / "refused.sqlite"
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{base}{suffix}").exists():
            shutil.copy(f"{base}{suffix}", f"{shared}{suffix}")
    jobs = {}
    for case in REFUSED:
        jobs[(case, "validate")] = ("validate", str(HOSTILE / case), "--json")
        jobs[(case, "import")] = ("import", str(HOSTILE / case), "-m", "hostile")
    own = {}
    for case in CLI_ACCEPTED:
        own[case] = folder / f"{case}.sqlite"
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{base}{suffix}").exists():
                shutil.copy(f"{base}{suffix}", f"{own[case]}{suffix}")
        jobs[(case, "import")] = ("import", str(HOSTILE / case), "-m", "hostile")
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {
            key: pool.submit(run_cli, *args, db=own.get(key[0], shared), check_crash=False)
            for key, args in jobs.items()
        }
        done = {key: f.result() for key, f in futures.items()}
    after = Store(str(shared))
    state = {
        "head": (head, after.head_revision()),
        "export": (export, export_bytes(after.current(), after.full_catalog(), "csv")),
    }
    after.close()
    return done, state, own


@pytest.mark.slow  # runs the command line
@pytest.mark.parametrize("case", REFUSED)
def test_cli_refuses_with_a_message_and_exit_1(case, cli_runs):
    done, _state, _own = cli_runs
    validate, imported = done[(case, "validate")], done[(case, "import")]
    for run in (validate, imported):
        assert_no_crash(run.returncode, run.stderr, f"{run.args[1]} {case}")
        assert run.returncode == 1, run.stderr
        assert "Traceback" not in run.stdout + run.stderr
    report = json.loads(validate.stdout)
    assert not report["ok"] and {e["code"] for e in report["errors"]} == set(EXPECTED[case]["codes"])
    assert sorted(e["row"] for e in report["errors"] if e["row"] is not None) == EXPECTED[case]["rows"]
    for code in EXPECTED[case]["codes"]:
        assert f"error {code}:" in imported.stderr
    assert "nothing written" in imported.stderr


@pytest.mark.slow  # runs the command line
def test_refused_imports_left_the_store_unchanged(cli_runs):
    _done, state, _own = cli_runs
    head_before, head_after = state["head"]
    export_before, export_after = state["export"]
    assert head_after == head_before
    assert export_after == export_before


@pytest.mark.slow  # runs the command line
@pytest.mark.parametrize("case", CLI_ACCEPTED)
def test_cli_imports_accepted_files(case, cli_runs):
    done, _state, own = cli_runs
    run = done[(case, "import")]
    assert_no_crash(run.returncode, run.stderr, f"import {case}")
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert run.stdout.startswith(("revision ", "没有变化"))
    store = Store(str(own[case]))
    try:
        [last, *_] = store.history()
        assert last.kind == "upload" and last.file_name == case
    finally:
        store.close()
