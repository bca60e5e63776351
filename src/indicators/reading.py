"""Bytes of an uploaded file to a grid of strings, whatever the format: CSV (any delimiter, UTF-8 with or
without BOM, GB18030, even mixed line by line), XLSX or Parquet.

The grid keeps each row's number as a spreadsheet shows it (the header is row 1). Anything that is not a
table raises `UnreadableFile` with a problem code; nothing here knows about indicators.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PARQUET_MAGIC = b"PAR1"
MAX_CELL_CHARS = 10_000
MAX_COLUMNS = 1_000
MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024


class UnreadableFile(Exception):
    def __init__(self, code: str, zh: str, en: str):
        super().__init__(en)
        self.code, self.zh, self.en = code, zh, en


@dataclass
class Grid:
    header: list[str]
    body: pd.DataFrame  # columns 0..n-1, every cell a string
    row_numbers: np.ndarray
    header_row: int = 1
    notices: list[tuple[str, str]] = field(default_factory=list)  # (zh, en) things cleaned on the way


def read_grid(data: bytes, file_name: str = "") -> Grid:
    if not data.strip():
        raise UnreadableFile("empty_file", "文件是空的：请上传包含表头和数据行的文件",
                             "the file is empty: upload a file with a header row and data rows")
    if data.startswith(ZIP_MAGIC):
        return _read_xlsx(data)
    if data.startswith(OLE_MAGIC):
        raise UnreadableFile("unreadable_file",
                             "无法读取：这是受密码保护的 Excel 文件或旧版 .xls 文件。请取消密码并另存为 .xlsx 或 CSV",
                             "cannot read: this is a password-protected Excel file or an old .xls file. "
                             "Remove the password and save it as .xlsx or CSV")
    if data.startswith(PARQUET_MAGIC) and data.endswith(PARQUET_MAGIC):
        return _read_parquet(data)
    return _read_text(data)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return controls > max(8, len(sample) // 100)


def _decode(data: bytes, notices: list) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines, mixed = [], False
    for raw in data.splitlines(keepends=True):
        try:
            lines.append(raw.decode("utf-8"))
            mixed = mixed or any(b > 127 for b in raw)
        except UnicodeDecodeError:
            try:
                lines.append(raw.decode("gb18030"))
            except UnicodeDecodeError as err:
                raise UnreadableFile("unreadable_file", "无法识别文件编码：请在 Excel 中另存为「CSV UTF-8」",
                                     "cannot tell the file's encoding: save it from Excel as 'CSV UTF-8'") from err
    if mixed:
        notices.append(("文件混用了 UTF-8 和 GB18030 编码，已逐行识别；请核对中文是否正确",
                        "the file mixes UTF-8 and GB18030 encodings; each line was decoded on its own: "
                        "check the Chinese text"))
    return "".join(lines)


def _read_text(data: bytes) -> Grid:
    if _looks_binary(data):
        raise UnreadableFile("unreadable_file", "无法读取：这不是文本表格（CSV）或 Excel 文件",
                             "cannot read: this is neither a text table (CSV) nor an Excel file")
    notices: list[tuple[str, str]] = []
    if b"\x00" in data:
        data = data.replace(b"\x00", b"")
        notices.append(("文件中含有空字符（NUL），已删除", "the file held NUL bytes; they were removed"))
    text = _decode(data, notices)
    first_line = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = max((",", ";", "\t"), key=first_line.count) if first_line else ","
    fast = _read_text_fast(text, delimiter, notices)
    if fast is not None:
        return fast
    csv.field_size_limit(64 * 1024 * 1024)
    try:
        raw_rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as err:
        raise UnreadableFile("unreadable_file", f"无法按 CSV 读取：{err}", f"cannot read as CSV: {err}") from err
    numbered = [(i + 1, row) for i, row in enumerate(raw_rows) if "".join(row).strip()]
    return _grid(numbered, notices)


def _read_text_fast(text: str, delimiter: str, notices: list) -> Grid | None:
    """pandas' C parser, used when every record is one physical line (so row numbers are line numbers)."""
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    try:
        table = pd.read_csv(io.StringIO(text), sep=delimiter, header=None, dtype=str, keep_default_na=False,
                            skip_blank_lines=False, engine="c", quoting=csv.QUOTE_MINIMAL)
    except (pd.errors.ParserError, ValueError):
        return None
    if len(table) != lines or table.shape[1] > MAX_COLUMNS:
        return None
    table = table.astype(object)
    blank = (table == "").all(axis=1).to_numpy()
    numbers = np.flatnonzero(~blank) + 1
    table = table[~blank]
    if table.empty:
        return None
    header = [str(h) for h in table.iloc[0]]
    while header and header[-1] == "":
        header.pop()
    if not header:
        return None
    body = table.iloc[1:, : len(header)].reset_index(drop=True)
    body.columns = range(len(header))
    if body.empty:
        raise UnreadableFile("empty_file", "文件只有表头，没有数据行：请在表头下方填写数据",
                             "the file has a header but no data rows: add data below the header")
    return Grid(header, body, numbers[1:], int(numbers[0]), notices)


def _grid(numbered: list[tuple[int, list[str]]], notices: list) -> Grid:
    if not numbered:
        raise UnreadableFile("empty_file", "文件没有内容：请上传包含表头和数据行的文件",
                             "the file has no content: upload a file with a header row and data rows")
    header_row, header = numbered[0]
    if len(header) > MAX_COLUMNS:
        raise UnreadableFile("too_large", f"表格有 {len(header)} 列，最多支持 {MAX_COLUMNS} 列：请删除多余的列",
                             f"the table has {len(header)} columns; at most {MAX_COLUMNS} are read: "
                             "delete the extra columns")
    width = len(header)
    body = numbered[1:]
    rows = [row if len(row) == width else (row + [""] * (width - len(row)))[:width] for _, row in body]
    numbers = np.array([number for number, _ in body], dtype=np.int64)
    if not rows:
        raise UnreadableFile("empty_file", "文件只有表头，没有数据行：请在表头下方填写数据",
                             "the file has a header but no data rows: add data below the header")
    frame = pd.DataFrame(rows, columns=range(width), dtype=object) if rows else pd.DataFrame(columns=range(width))
    return Grid([str(h) for h in header], frame, numbers, header_row, notices)


def _read_xlsx(data: bytes) -> Grid:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as err:
        raise UnreadableFile("unreadable_file", "无法读取：文件像压缩包但已损坏", "cannot read: a damaged ZIP/XLSX file") from err
    if not any(n.startswith("xl/") for n in names):
        raise UnreadableFile("unreadable_file", "无法读取：这是压缩包而不是 Excel 表格",
                             "cannot read: this is a ZIP archive, not an Excel workbook")
    if expanded > MAX_XLSX_UNCOMPRESSED:
        raise UnreadableFile("too_large",
                             f"Excel 文件解压后有 {expanded // 1024 // 1024} MB，超过上限 "
                             f"{MAX_XLSX_UNCOMPRESSED // 1024 // 1024} MB：请拆分文件或另存为 CSV",
                             f"the workbook expands to {expanded // 1024 // 1024} MB, over the "
                             f"{MAX_XLSX_UNCOMPRESSED // 1024 // 1024} MB limit: split it or save it as CSV")
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        for sheet_name in book.sheet_names:
            sheet = book.get_sheet_by_name(sheet_name)
            cells = sheet.to_python(skip_empty_area=False)
            numbered = [(i + 1, [_cell_text(c) for c in row]) for i, row in enumerate(cells)
                        if any(str(c).strip() for c in row)]
            if numbered:
                return _grid(numbered, [])
    except UnreadableFile:
        raise
    except Exception as err:  # calamine raises its own error types for broken workbooks
        raise UnreadableFile("unreadable_file", f"无法读取 Excel 文件：{err}", f"cannot read the workbook: {err}") from err
    raise UnreadableFile("empty_file", "Excel 文件没有内容", "the workbook has no content")


def _cell_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        if cell.is_integer() and abs(cell) < 1e15:
            return str(int(cell))
        return repr(cell)
    if hasattr(cell, "isoformat"):
        return cell.isoformat()[:10]
    return str(cell)


def _read_parquet(data: bytes) -> Grid:
    try:
        frame = pd.read_parquet(io.BytesIO(data))
    except Exception as err:  # pyarrow raises several error types for a broken file
        raise UnreadableFile("unreadable_file", f"无法读取 Parquet 文件：{err}", f"cannot read the Parquet file: {err}") from err
    header = [str(c) for c in frame.columns]
    rows = [[_cell_text(v) if not (isinstance(v, float) and v != v) else "" for v in row]
            for row in frame.itertuples(index=False, name=None)]
    return _grid([(1, header)] + [(i + 2, r) for i, r in enumerate(rows)], [])
