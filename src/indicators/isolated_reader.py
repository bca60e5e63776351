"""Read a workbook or a Parquet file in a child process with a memory cap: `reading` runs this module.

The native readers (calamine for XLSX, Arrow for Parquet) trust numbers written in the file: a 2 KB
workbook with one value in cell XFD1048576, or a shared-strings table claiming 4 billion entries, makes
calamine ask for hundreds of GB, and a failed allocation in native code aborts the whole process, not
just the read. Run here, under an address-space limit, such a file ends this child only; the parent
(the Streamlit server, the command line) reports it as too large and carries on.

Protocol: `python -m indicators.isolated_reader FORMAT MAX_ROWS MAX_COLUMNS MAX_BYTES MEMORY`, the file's bytes
on stdin; on stdout one JSON object: `{"rows": [[row_number, [cell, ...]], ...]}` (the first sheet with
content; empty rows left out; every cell a string) or `{"error": [code, detail]}`; then it exits 0 through
the interpreter's normal teardown, and the parent trusts no answer from a child that exited otherwise.
Nothing here imports pandas, so the child starts in a few tens of milliseconds.
"""

from __future__ import annotations

import io
import json
import math
import re
import sys

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


def read_xlsx(data: bytes) -> list:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    for sheet_name in book.sheet_names:
        cells = book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
        numbered = [[i + 1, [cell_text(c) for c in row]] for i, row in enumerate(cells)
                    if any(str(c).strip() for c in row)]
        if numbered:
            return numbered
    return []


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
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def main(argv: list[str]) -> int:
    fmt, max_rows, max_columns, max_bytes, memory = argv[0], *map(int, argv[1:5])
    data = sys.stdin.buffer.read()
    limit_memory(memory)
    try:
        result = read_xlsx(data) if fmt == "xlsx" else read_parquet(data, max_rows, max_columns, max_bytes)
    except MemoryError:
        result = ("too_large", "memory")
    except Exception as err:  # noqa: BLE001 - the native readers raise their own types; all mean "cannot read"
        result = ("unreadable_file", f"{type(err).__name__}: {err}"[:500])
    out = {"error": list(result)} if isinstance(result, tuple) else {"rows": result}
    sys.stdout.write(json.dumps(out, ensure_ascii=False))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
