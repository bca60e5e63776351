"""Read a workbook or a Parquet file in a child process with a memory cap: `reading` runs this module.

The native readers (calamine for XLSX, Arrow for Parquet) trust numbers written in the file: a 2 KB
workbook with one value in cell XFD1048576, or a shared-strings table claiming 4 billion entries, makes
calamine ask for hundreds of GB, and a failed allocation in native code aborts the whole process, not
just the read. Run here, under an address-space limit, such a file ends this child only; the parent
(the Streamlit server, the command line) reports it as too large and carries on.

Protocol: `python -m indicators.isolated_reader FORMAT MAX_ROWS MAX_COLUMNS MAX_BYTES MEMORY`, the file's bytes
on stdin; on stdout one JSON object: `{"rows": [[row_number, [cell, ...]], ...]}` (the first sheet with
content; empty rows left out; every cell a string; for a workbook also `"merged": ["A3:A5", ...]`) or
`{"error": [code, detail]}`; then it exits 0 through
the interpreter's normal teardown, and the parent trusts no answer from a child that exited otherwise.
Nothing here imports pandas, so the child starts in a few tens of milliseconds.

A workbook is read as a spreadsheet shows it, beyond the values calamine reads: a cell with a percent number
format shows 0.49 as 49%, so it is written `49%`; a merged range (A3:A5) holds its value in its first cell
only, so the ranges are listed and the reader can say "unmerge A3:A5" instead of "row 4 is empty".
"""

from __future__ import annotations

import io
import json
import math
import re
import sys
import zipfile

INDEX_COLUMN = re.compile(r"^__index_level_\d+__$")


def cell_text(cell: object) -> str:
    """A cell as the text a spreadsheet shows: 2023.0 -> '2023', dates as ISO dates, blanks as ''."""
    if cell is None:
        return ""
    if isinstance(cell, float):
        if math.isnan(cell):
            return ""
        if cell.is_integer() and abs(cell) < 1e15:
            return str(int(cell))
        return repr(cell)
    if hasattr(cell, "isoformat"):
        return cell.isoformat()[:10]
    return str(cell)


CELL_REFERENCE = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')


def column_letters(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def percent_text(value: float) -> str:
    """0.49 -> '49%', 0.125 -> '12.5%': the percentage a percent format displays, 12 significant digits."""
    shown = f"{value * 100:.12g}"
    return ("0" if shown == "-0" else shown) + "%"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _percent_styles(styles: bytes) -> list[bytes]:
    """The cell style indexes (`s="3"`) whose number format shows a percentage: the built-in 0% and 0.00%
    (ids 9 and 10), or a format of the workbook's own with a % in it."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(styles)
    own = {f.get("numFmtId"): f.get("formatCode") or "" for f in root.iter() if _local(f.tag) == "numFmt"}
    cell_formats = next((e for e in root if _local(e.tag) == "cellXfs"), [])
    return [
        str(i).encode()
        for i, xf in enumerate(cell_formats)
        if xf.get("numFmtId", "0") in ("9", "10") or "%" in own.get(xf.get("numFmtId", "0"), "")
    ]


def _sheet_path(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    from xml.etree import ElementTree

    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    links = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") or "" for r in links}
    for sheet in (e for e in book.iter() if _local(e.tag) == "sheet"):
        if sheet.get("name") == sheet_name:
            link = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
            target = targets.get(link, "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def percent_cells(data: bytes, sheet_name: str) -> set[tuple[int, int]]:
    """(row, column), both from 0, of every cell of the sheet whose number format shows a percentage.

    Read from the sheet's XML with one regular expression per percent style, not cell by cell: a
    20 MB workbook holds millions of cells, and only the styled ones matter."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        if "xl/styles.xml" not in names:
            return set()
        styles = _percent_styles(archive.read("xl/styles.xml"))
        path = _sheet_path(archive, sheet_name) if styles else None
        if path not in names:
            return set()
        sheet = archive.read(path)
    cell = re.compile(rb'<(?:\w+:)?c\b[^>]*?\bs="(?:' + b"|".join(styles) + rb')"[^>]*>')
    found = set()
    for tag in cell.finditer(sheet):
        reference = CELL_REFERENCE.search(tag.group(0))
        if reference:
            column = 0
            for letter in reference.group(1):
                column = column * 26 + letter - 64
            found.add((int(reference.group(2)) - 1, column - 1))
    return found


def read_xlsx(data: bytes) -> dict:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    for sheet_name in book.sheet_names:
        sheet = book.get_sheet_by_name(sheet_name)
        cells = sheet.to_python(skip_empty_area=False)
        if not any(str(c).strip() for row in cells for c in row):
            continue
        percent = percent_cells(data, sheet_name)
        rows = []
        for i, row in enumerate(cells):
            texts = [
                percent_text(c)
                if (i, j) in percent and isinstance(c, int | float) and not isinstance(c, bool)
                else cell_text(c)
                for j, c in enumerate(row)
            ]
            if any(t.strip() for t in texts):
                rows.append([i + 1, texts])
        merged = [
            f"{column_letters(c0)}{r0 + 1}:{column_letters(c1)}{r1 + 1}"
            for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])
        ]
        return {"rows": rows, "merged": merged}
    return {"rows": [], "merged": []}


def read_parquet(data: bytes, max_rows: int, max_columns: int, max_bytes: int) -> list | tuple:
    import pyarrow as pa
    import pyarrow.parquet as pq

    # on this thread only, from an Arrow buffer (not a Python file object), as `store.read_snapshot` reads:
    # no Arrow thread pool is started, so none can be left holding Python objects when the process exits
    parquet = pq.ParquetFile(pa.BufferReader(data), pre_buffer=False)
    meta = parquet.metadata
    expanded = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if meta.num_rows > max_rows:
        return ("too_large", f"rows={meta.num_rows}")
    if meta.num_columns > max_columns:
        return ("too_large", f"columns={meta.num_columns}")
    if expanded > max_bytes:
        return ("too_large", f"bytes={expanded}")
    table = parquet.read(use_threads=False)
    pandas_meta = parquet.schema_arrow.pandas_metadata or {}
    index = {c for c in pandas_meta.get("index_columns", []) if isinstance(c, str)}  # a RangeIndex is a dict
    names = [n for n in table.column_names if n not in index and not INDEX_COLUMN.match(n)]
    columns = [[cell_text(v) for v in table.column(n).to_pylist()] for n in names]
    rows = [[1, names]] + [[i + 2, list(row)] for i, row in enumerate(zip(*columns, strict=True))]
    return rows if columns else [[1, names]]


def limit_memory(limit: int) -> None:
    """Cap this process's address space: a huge allocation then fails here instead of swapping the host."""
    try:
        import resource
    except ImportError:  # not on this platform: the child still isolates a crash, without the cap
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(
        resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard)
    )


def main(argv: list[str]) -> int:
    fmt, max_rows, max_columns, max_bytes, memory = argv[0], *map(int, argv[1:5])
    data = sys.stdin.buffer.read()
    limit_memory(memory)
    try:
        if fmt == "xlsx":
            out = read_xlsx(data)
        else:
            result = read_parquet(data, max_rows, max_columns, max_bytes)
            out = {"error": list(result)} if isinstance(result, tuple) else {"rows": result}
    except MemoryError:
        out = {"error": ["too_large", "memory"]}
    except Exception as err:  # noqa: BLE001 - the native readers raise their own types; all mean "cannot read"
        out = {"error": ["unreadable_file", f"{type(err).__name__}: {err}"[:500]]}
    sys.stdout.write(json.dumps(out, ensure_ascii=False))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
