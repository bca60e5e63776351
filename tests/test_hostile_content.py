"""Hostile content: text an analyst (or an attacker) typed into a cell must stay text everywhere it goes.

- Exports (CSV, XLSX) neutralise cells a spreadsheet would run as a formula (OWASP's =, +, -, @, tab, CR,
  and their full-width forms), while a negative number in the value column stays a number.
- The HTML briefing, the slide pack and the Plotly charts show markup as text: escaped, never executed.
- An upload's file name never becomes a path; no page renders data through `unsafe_allow_html`.
- The editor password is only ever read, compared in constant time, and never shown, logged or put in a
  URL; uploads are capped on the server; Streamlit's XSRF protection stays on.
"""

from __future__ import annotations

import ast
import csv
import dataclasses
import io
import re
import tomllib
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from indicators import briefing, cells, charts, editing, export, ingest, settings, slides, tables
from indicators.catalog import Catalog, Source
from indicators.i18n import t
from indicators.updates import commit_preview, preview_upload

ROOT = Path(__file__).resolve().parents[1]
CODE_DIRS = [ROOT / "src" / "indicators", ROOT / "views", ROOT / "pages"]
EVIL = "<b>x</b><script>alert(1)</script>"
FORMULAS = [
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "'=already quoted",
    "=cmd",
]
FORMULA_START = re.compile(r"^[=+\-@\t\r＝＋－＠]")


def code_files() -> list[Path]:
    files = [ROOT / "app.py"] if (ROOT / "app.py").exists() else []
    for folder in CODE_DIRS:
        if folder.exists():
            files += sorted(folder.rglob("*.py"))
    return files


# -- exports ----------------------------------------------------------------------------------------------
def hostile_frame() -> pd.DataFrame:
    rows = [
        {
            "indicator_id": "two_integration_index",
            "region_id": "qingdao",
            "year": 2000 + i,
            "status": "reported",
            "value": -5.5 - i,
            "source_id": "",
            "as_of": "",
            "note": note,
        }
        for i, note in enumerate(FORMULAS)
    ]
    rows.append(
        {
            "indicator_id": "gdp",
            "region_id": "qingdao",
            "year": 2024,
            "status": "reported",
            "value": 1.5,
            "source_id": "=evil()",
            "as_of": "",
            "note": EVIL,
        }
    )
    return pd.DataFrame(rows)


def test_csv_export_neutralises_formulas_but_keeps_negative_numbers(catalog):
    data = export.export_bytes(hostile_frame(), catalog, "csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(FORMULAS) + 1
    for row in rows:
        for column, cell in row.items():
            if column != "value":
                assert not FORMULA_START.match(cell), (column, cell)
        assert float(row["value"]) == float(row["value"])  # a plain number, no apostrophe
    negatives = [r["value"] for r in rows if r["indicator"] == "two_integration_index"]
    assert negatives[:2] == ["-5.5", "-6.5"]
    notes = sorted(r["note"] for r in rows)
    assert '\'=HYPERLINK("http://x","y")' in notes and "'＝1+1" in notes and "''=already quoted" in notes
    assert any(r["source"] == "'=evil()" for r in rows)


def test_xlsx_export_has_no_formula_cell_and_numbers_stay_numbers(catalog):
    data = export.export_bytes(hostile_frame(), catalog, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    header = [c.value for c in sheet[1]]
    value_column = header.index("value")
    for row in sheet.iter_rows(min_row=2):
        for i, cell in enumerate(row):
            assert cell.data_type != "f", cell.coordinate
            if i == value_column:
                assert cell.data_type == "n" and isinstance(cell.value, float)
            elif isinstance(cell.value, str):
                assert not FORMULA_START.match(cell.value), (cell.coordinate, cell.value)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")


def test_the_neutralising_apostrophe_is_removed_on_the_way_back(catalog):
    frame = hostile_frame()
    back = ingest.read_upload(export.export_bytes(frame, catalog, "csv"), "export.csv", catalog)
    notes = dict(zip(back.frame["year"], back.frame["note"], strict=True))
    for i, note in enumerate(FORMULAS):
        if note == cells.note_text(note):  # a note an upload can store (not starting with a tab or CR)
            assert notes[2000 + i] == note
        assert not notes[2000 + i].startswith("'") or note.startswith("'")
    assert notes[2024] == EVIL


def test_template_export_is_neutralised_too(catalog):
    evil_catalog = hostile_catalog(catalog, "=1+1")
    table = export.template_frame(
        pd.DataFrame(columns=hostile_frame().columns), evil_catalog, ["gdp"], ["qingdao"], [2023], "zh"
    )
    text = export.table_bytes(table, "csv").decode("utf-8-sig")
    assert "'=1+1" in text and ",=1+1" not in text


# -- briefing, slides, charts --------------------------------------------------------------------------------
def hostile_catalog(catalog: Catalog, name: str = EVIL) -> Catalog:
    regions = dict(catalog.regions)
    regions["qingdao"] = dataclasses.replace(regions["qingdao"], name_zh=name, name_en=name)
    indicators = dict(catalog.indicators)
    indicators["gdp"] = dataclasses.replace(indicators["gdp"], name_zh="GDP" + name, name_en="GDP" + name)
    sources = {
        **catalog.sources,
        "evil_src": Source("evil_src", name, name, "2024", "javascript:alert(3)", name),
    }
    return Catalog(catalog.units, indicators, regions, sources, catalog.series_breaks)


@pytest.fixture
def hostile(store):
    frame = store.current()
    gdp_qd = (frame["indicator_id"] == "gdp") & (frame["region_id"] == "qingdao")
    frame.loc[gdp_qd, "note"] = EVIL
    frame.loc[gdp_qd, "source_id"] = "evil_src"
    return frame, hostile_catalog(store.full_catalog())


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def test_briefing_shows_markup_as_text(hostile):
    frame, catalog = hostile
    page = briefing.build_briefing(frame, catalog, ["gdp"], ["qingdao", "shandong"], (2015, 2025), "en")
    assert "<script>alert(1)" not in page and "<b>x</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "javascript:alert" not in page
    parser = Tags()
    parser.feed(page)
    assert parser.tags.count("script") == 3, "the config, plotly.js and the one figure: nothing injected"
    assert "b" not in parser.tags


def test_slides_hold_markup_as_plain_text(hostile):
    from pptx import Presentation

    frame, catalog = hostile
    deck = slides.build_deck(frame, catalog, ["gdp"], ["qingdao", "shandong"], (2015, 2025), "en")
    texts = []
    for slide in Presentation(io.BytesIO(deck)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_chart:
                texts += [s.name for s in shape.chart.plots[0].series]
    assert any(EVIL in t for t in texts), "the name is there, as the very characters typed"
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                xml = z.read(name)
                assert b"<script" not in xml and b"<b>x" not in xml, name


def strings(obj) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in strings(v)]
    if isinstance(obj, list | tuple):
        return [s for v in obj for s in strings(v)]
    if hasattr(obj, "tolist"):
        return strings(obj.tolist())
    return []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_hover_titles_and_annotations_escape_markup(hostile, lang):
    frame, catalog = hostile
    spec = charts.trend(frame, catalog, "gdp", ["qingdao", "shandong"], lang).to_dict()
    texts = strings(spec["data"]) + strings(spec["layout"])
    assert not [t for t in texts if "<script" in t or "<b>x" in t]
    custom = [s for trace in spec["data"] for s in strings(trace.get("customdata", []))]
    assert any("&lt;script&gt;" in s for s in custom), "the note and the region in the hover text, escaped"
    assert "&lt;" in spec["layout"]["title"]["text"]
    names = [t.get("name", "") for t in spec["data"]]
    assert any("&lt;b&gt;x" in n for n in names), "legend names escaped"


# -- file names and HTML in the app ------------------------------------------------------------------------------
def test_an_uploads_name_is_recorded_as_a_base_name(store):
    data = b"indicator,region,year,value\nsmart_factories,qingdao,2023,61\n"
    for name, shown in (("../../etc/passwd.csv", "passwd.csv"), ("C:\\x\\..\\y.csv", "y.csv")):
        preview = preview_upload(store, data.replace(b"61", str(len(shown)).encode()), name)
        rev = commit_preview(store, preview, author="t", message="")
        assert rev.file_name == shown and store.history()[0].file_name == shown


PATH_CALLS = {
    "open",
    "Path",
    "join",
    "copy",
    "copyfile",
    "move",
    "write_bytes",
    "write_text",
    "read_bytes",
    "read_text",
    "mkdir",
    "unlink",
    "rename",
    "replace",
    "NamedTemporaryFile",
    "makedirs",
    "remove",
}
UPLOAD_NAMES = {"file_name", "uploaded", "upload", "filename"}


def _identifiers(node: ast.AST) -> set[str]:
    out = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            out.add(sub.id)
        elif isinstance(sub, ast.Attribute):
            out.add(sub.attr)
    return out


def test_no_file_path_is_built_from_an_uploads_name():
    found = []
    for path in code_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if func not in PATH_CALLS:
                continue
            used = (
                set().union(*(_identifiers(a) for a in [*node.args, *(k.value for k in node.keywords)]))
                if node.args or node.keywords
                else set()
            )
            if used & UPLOAD_NAMES or {"uploaded", "name"} <= used:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, found


def test_no_unsafe_html_in_the_app():
    """Streamlit renders data as text unless told otherwise: it is told otherwise only for fixed strings
    written in the code (CSS, the chart code's preload link), and st.html gets only those or a card's
    sparkline, which is numbers drawn as shapes (`charts.sparkline_img`; tests/test_charts.py checks that it
    holds no text), never text from the data."""
    offenders, html_calls = [], []
    for path in code_files():
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        constants = {
            t.id
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant | ast.JoinedStr)
            for t in node.targets
            if isinstance(t, ast.Name) and t.id.isupper()
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            for keyword in node.keywords:
                fixed = bool(node.args) and (
                    isinstance(node.args[0], ast.Constant)
                    or (isinstance(node.args[0], ast.Name) and node.args[0].id in constants)
                )
                if keyword.arg == "unsafe_allow_html" and not (
                    (isinstance(keyword.value, ast.Constant) and keyword.value.value is False) or fixed
                ):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            func = node.func
            if (
                isinstance(func, ast.Attribute)
                and func.attr == "html"
                and getattr(func.value, "id", "") in ("st", "components")
            ):
                html_calls.append(node)
                [arg] = node.args
                static = (
                    isinstance(arg, ast.Constant)
                    or (isinstance(arg, ast.Name) and arg.id in constants)
                    or (isinstance(arg, ast.Call) and getattr(arg.func, "attr", "") == "sparkline_img")
                )
                if not static:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} st.html with non-constant text")
    assert not offenders, offenders


# -- access -------------------------------------------------------------------------------------------------------
SINKS = {
    "write",
    "markdown",
    "text",
    "caption",
    "code",
    "json",
    "info",
    "error",
    "warning",
    "success",
    "title",
    "header",
    "subheader",
    "toast",
    "exception",
    "metric",
    "latex",
    "echo",
    "dataframe",
    "table",
    "html",
    "print",
    "debug",
    "critical",
    "log",
    "set_page_config",
    "link_button",
    "download_button",
}
SECRET_SOURCES = {"editor_password", "EDITOR_PASSWORD", "INDICATORS_EDITOR_PASSWORD"}


SANITIZERS = {"attempt", "password_matches"}  # they take the password and return only an outcome


def _value_identifiers(value: ast.AST) -> set[str]:
    """The identifiers and strings `value` reads, leaving out the arguments of sanitizing calls."""
    skipped = {
        id(n)
        for call in ast.walk(value)
        if isinstance(call, ast.Call)
        and (getattr(call.func, "attr", None) or getattr(call.func, "id", None)) in SANITIZERS
        for n in ast.walk(call)
    }
    return {
        n.id if isinstance(n, ast.Name) else n.attr if isinstance(n, ast.Attribute) else n.value
        for n in ast.walk(value)
        if id(n) not in skipped
        and (
            isinstance(n, ast.Name | ast.Attribute)
            or isinstance(n, ast.Constant)
            and isinstance(n.value, str)
        )
    }


def _tainted_names(func: ast.AST) -> set[str]:
    """Names in `func` that hold the password: assigned from a call or lookup that reads it (a sanitizing
    call's result, an outcome, is not the password)."""
    tainted: set[str] = set()
    changed = True
    while changed:
        changed = False
        for node in ast.walk(func):
            if isinstance(node, ast.Assign | ast.AnnAssign | ast.NamedExpr):
                value = node.value
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if value is None:
                    continue
                if _value_identifiers(value) & (SECRET_SOURCES | tainted):
                    for target in targets:  # a name, or the names of a tuple; not `x` of `x[k] = ...`
                        names = target.elts if isinstance(target, ast.Tuple) else [target]
                        for name in names:
                            if isinstance(name, ast.Name) and name.id not in tainted:
                                tainted.add(name.id)
                                changed = True
    return tainted


def test_the_editor_password_is_only_read_never_shown_logged_or_put_in_a_url():
    readers, leaks = [], []
    for path in code_files():
        source = path.read_text(encoding="utf-8")
        if "INDICATORS_EDITOR_PASSWORD" in source or "EDITOR_PASSWORD.read" in source:
            readers.append(path.name)
        tree = ast.parse(source)
        for func in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)] + [
            tree
        ]:
            tainted = _tainted_names(func) | SECRET_SOURCES
            for node in ast.walk(func):
                if isinstance(node, ast.Call):
                    name = (
                        node.func.attr
                        if isinstance(node.func, ast.Attribute)
                        else getattr(node.func, "id", "")
                    )
                    args = [*node.args, *(k.value for k in node.keywords)]
                    if name in SINKS and any(_identifiers(a) & tainted for a in args):
                        leaks.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}()")
                    if (
                        isinstance(node.func, ast.Attribute)
                        and "query_params" in _identifiers(node.func)
                        and any(_identifiers(a) & tainted for a in args)
                    ):
                        leaks.append(f"{path.relative_to(ROOT)}:{node.lineno} query_params")
                if (
                    isinstance(node, ast.Assign)
                    and any("query_params" in _identifiers(t) for t in node.targets)
                    and _identifiers(node.value) & tainted
                ):
                    leaks.append(f"{path.relative_to(ROOT)}:{node.lineno} query_params =")
                if (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and re.search(r"[?&]password=", node.value, re.IGNORECASE)
                ):
                    leaks.append(f"{path.relative_to(ROOT)}:{node.lineno} password in a URL")
    assert not leaks, leaks
    assert sorted(readers) == ["i18n.py", "settings.py"], (
        "read in settings.py only (i18n.py names it to admins)"
    )


def test_the_password_check_is_constant_time(monkeypatch):
    calls = []
    real = editing.hmac.compare_digest
    monkeypatch.setattr(editing.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    assert editing.password_matches("密码 secret", "密码 secret") and not editing.password_matches("x", "y")
    assert len(calls) == 2 and all(isinstance(a, bytes) for a, _ in calls)
    import inspect

    body = ast.parse(inspect.getsource(editing.password_matches))
    assert not [n for n in ast.walk(body) if isinstance(n, ast.Compare)], "no == on secrets"


def test_wrong_guesses_lock_without_looking_at_the_password(monkeypatch):
    guard = editing.Guard()
    assert [guard.attempt("ip", "no", "yes", 0.0).result for _ in range(editing.MAX_FAILURES)][-1] == "locked"
    monkeypatch.setattr(editing, "password_matches", lambda *_: pytest.fail("compared while locked"))
    assert guard.attempt("ip", "yes", "yes", 1.0).result == "locked"
    monkeypatch.undo()
    assert guard.attempt("ip", "yes", "yes", editing.LOCKOUT_SECONDS + 1).result == "ok"
    monkeypatch.delenv(settings.EDITOR_PASSWORD.name, raising=False)
    assert settings.editor_password(lambda _: (_ for _ in ()).throw(FileNotFoundError())) is None


def test_uploads_are_capped_on_the_server_and_xsrf_protection_is_on(monkeypatch, catalog):
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    server = config["server"]
    monkeypatch.delenv("INDICATORS_MAX_UPLOAD_MB", raising=False)
    assert server["maxUploadSize"] == 20 == settings.max_upload_bytes() // (1024 * 1024)
    assert server["enableXsrfProtection"] is True
    assert server.get("enableCORS", True) is True, "XSRF protection needs CORS protection left on"
    assert config["client"]["showErrorDetails"] in ("none", False), "no traceback reaches the browser"
    monkeypatch.setattr(ingest, "read_grid", lambda *a, **k: pytest.fail("read past the cap"))
    [err] = ingest.read_upload(b"x" * (settings.max_upload_bytes() + 1), "big.csv", catalog).errors
    assert err.code == "too_large"


# -- links and direction controls in user text -------------------------------------------------------------------
def test_user_text_in_markdown_has_no_link_pattern_left_and_no_bidi_control():
    from indicators.ui.blocks import md_escape

    shown = md_escape("见 https://x.cn/a 与 WWW.x.cn，邮件 a@x.cn \u202e反转\u2066 [链接](javascript:x)")
    assert "://" not in shown and "www." not in shown.lower() and "a@" not in shown
    assert (
        shown.replace("\u2060", "").replace("\\", "")
        == "见 https://x.cn/a 与 WWW.x.cn，邮件 a@x.cn 反转 [链接](javascript:x)"
    )


def test_tables_and_chart_text_drop_direction_controls(hostile):
    frame, catalog = hostile
    frame = frame.copy()
    frame.loc[frame["source_id"] == "evil_src", "note"] = "\u202e注释\u2067"
    rows = frame[frame["indicator_id"] == "gdp"]
    table = tables.readable(rows, catalog, "zh")
    assert not table.map(lambda v: isinstance(v, str) and any(c in v for c in "\u202e\u2067")).any().any()
    assert "注释" in set(table[t("col_note", "zh")])
    spec = charts.trend(frame, catalog, "gdp", ["qingdao"], "zh").to_dict()
    assert not [s for s in strings(spec["data"]) + strings(spec["layout"]) if "\u202e" in s or "\u2067" in s]


def test_upload_report_and_history_drop_direction_controls(store):
    from indicators import changeset

    data = "indicator,region,year,value\nfiveg_base_stations,\u202e青岛,2025,1\n".encode()
    result = ingest.read_upload(data, "x.csv", store.full_catalog())
    assert result.errors
    table = changeset.problems_table(result.errors, "zh")
    assert not table.map(lambda v: isinstance(v, str) and "\u202e" in v).any().any()
    preview = preview_upload(
        store, b"indicator,region,year,value\nsmart_factories,qingdao,2021,41\n", "a.csv"
    )
    commit_preview(store, preview, author="\u202e王芳", message="\u2066改\u2069")
    history = changeset.history_table(store.history(), "zh")
    assert "王芳" in set(history[t("dp_col_author", "zh")]) and "改" in set(
        history[t("dp_col_message", "zh")]
    )
