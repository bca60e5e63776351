"""Read a workbook's first sheet with content as a spreadsheet shows it, in the memory-capped child process
`reading` starts (the same cap and protocol as `indicators.isolated_reader`, whose helpers it uses).

Beyond the values calamine reads, two things a person sees and a bare value loses:

- a cell with a percent number format shows 0.49 as 49%: it is written `49%`, the percentage it displays;
- a merged range (A3:A5) holds its value in the first cell only: the ranges are listed, so the reader can
  say "unmerge A3:A5" instead of "row 4 is empty".

Protocol: `python -m indicators.workbook_reader MAX_ROWS MAX_COLUMNS MAX_BYTES MEMORY`, the file's bytes on
stdin; on stdout one JSON object, `{"rows": [[row_number, [cell, ...]], ...], "merged": ["A3:A5", ...]}` or
`{"error": [code, detail]}`, then a normal exit (the parent trusts no answer from a child that exited otherwise).
"""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile

from indicators.isolated_reader import cell_text, limit_memory

PERCENT_STYLE = re.compile(rb'numFmtId="(?:9|10)"|formatCode="[^"]*%')  # 0% and 0.00% are built in


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


def percent_cells(data: bytes, sheet_name: str) -> dict[tuple[int, int], str]:
    """(row, column), both from 0, of every number shown with a percent format, and the text it shows.
    Read only when the workbook's styles hold a percent format at all (most do not)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            styles = archive.read("xl/styles.xml")
        except KeyError:
            return {}
    if not PERCENT_STYLE.search(styles):
        return {}
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        found = {}
        for row in book[sheet_name].iter_rows():
            for cell in row:
                value = getattr(cell, "value", None)
                if (isinstance(value, int | float) and not isinstance(value, bool)
                        and "%" in str(getattr(cell, "number_format", "") or "")):
                    found[(cell.row - 1, cell.column - 1)] = percent_text(float(value))
        return found
    finally:
        book.close()


def read_xlsx(data: bytes) -> dict:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    for sheet_name in book.sheet_names:
        sheet = book.get_sheet_by_name(sheet_name)
        cells = sheet.to_python(skip_empty_area=False)
        if not any(str(c).strip() for row in cells for c in row):
            continue
        shown = percent_cells(data, sheet_name)
        rows = []
        for i, row in enumerate(cells):
            texts = [shown.get((i, j)) or cell_text(c) for j, c in enumerate(row)]
            if any(t.strip() for t in texts):
                rows.append([i + 1, texts])
        merged = [f"{column_letters(c0)}{r0 + 1}:{column_letters(c1)}{r1 + 1}"
                  for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
        return {"rows": rows, "merged": merged}
    return {"rows": [], "merged": []}


def main(argv: list[str]) -> int:
    memory = int(argv[3])
    data = sys.stdin.buffer.read()
    limit_memory(memory)
    try:
        out = read_xlsx(data)
    except MemoryError:
        out = {"error": ["too_large", "memory"]}
    except Exception as err:  # noqa: BLE001 - the native readers raise their own types; all mean "cannot read"
        out = {"error": ["unreadable_file", f"{type(err).__name__}: {err}"[:500]]}
    sys.stdout.write(json.dumps(out, ensure_ascii=False))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
