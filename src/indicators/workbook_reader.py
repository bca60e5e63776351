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
    return [str(i).encode() for i, xf in enumerate(cell_formats)
            if xf.get("numFmtId", "0") in ("9", "10") or "%" in own.get(xf.get("numFmtId", "0"), "")]


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
            texts = [percent_text(c) if (i, j) in percent and isinstance(c, int | float) and not isinstance(c, bool)
                     else cell_text(c) for j, c in enumerate(row)]
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
