"""Bytes of an uploaded file to a grid of strings, whatever the format: CSV (any delimiter, UTF-8 with or
without BOM, GB18030, even mixed line by line, UTF-16 as Excel's "Unicode Text"), XLSX or Parquet.

The grid keeps each row's number as a spreadsheet shows it (the header is row 1). Anything that is not a
table raises `UnreadableFile` with a problem code; nothing here knows about indicators.

Hostile files are refused from what can be checked cheaply, never by expanding them first: a workbook's
ZIP directory sizes before anything is inflated, then the bytes each member really inflates to (counted
while inflating, stopped at the limit, so a directory that lies does not help); a Parquet file's footer
before a row is read. The native readers run in a child process with a memory cap
(`indicators.isolated_reader`): a file that makes them ask for more memory than that ends the child,
never the server.
"""

from __future__ import annotations

import csv
import io
import json
import os
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PARQUET_MAGIC = b"PAR1"
MAX_CELL_CHARS = 10_000
MAX_COLUMNS = 1_000
MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ROWS = 1_000_000  # when the caller gives no row cap
READER_MEMORY = 3 * 1024 * 1024 * 1024  # address space of the child that runs calamine or Arrow
READER_TIMEOUT = 180.0  # seconds
UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


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
    spreadsheet: bool = True  # cells may carry the apostrophe an export puts before formula-like text
    leading: list[tuple[int, list[str]]] = field(default_factory=list)  # the rows searched for the header
    merged: list[str] = field(default_factory=list)  # a workbook's merged ranges, 'A3:A5'


HeaderTest = Callable[[list[str]], bool]
HEADER_SEARCH_ROWS = 10  # title rows above the header: the header is looked for in this many rows


def _header_index(rows: list[list[str]], is_header: HeaderTest | None) -> int:
    """The first of the leading rows that `is_header` accepts; the first row when none is (or no test)."""
    if is_header is not None:
        for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            if is_header([str(c) for c in row]):
                return index
    return 0


def read_grid(
    data: bytes, file_name: str = "", *, max_rows: int | None = None, is_header: HeaderTest | None = None
) -> Grid:
    """`max_rows` lets a Parquet file be refused from its footer's row count before a row is read.

    The header is the first of the first HEADER_SEARCH_ROWS non-empty rows that `is_header` accepts (title
    rows above it are skipped), else the first row; `Grid.leading` keeps those rows for a message."""
    if not data.strip():
        raise UnreadableFile(
            "empty_file",
            "文件是空的：请上传包含表头和数据行的文件",
            "the file is empty: upload a file with a header row and data rows",
        )
    max_rows = MAX_ROWS if max_rows is None else max_rows
    if data.startswith(ZIP_MAGIC):
        return _read_xlsx(data, max_rows, is_header)
    if data.startswith(OLE_MAGIC):
        raise UnreadableFile(
            "unreadable_file",
            "无法读取：这是受密码保护的 Excel 文件或旧版 .xls 文件。请取消密码并另存为 .xlsx 或 CSV",
            "cannot read: this is a password-protected Excel file or an old .xls file. "
            "Remove the password and save it as .xlsx or CSV",
        )
    if data.startswith(PARQUET_MAGIC) and data.endswith(PARQUET_MAGIC):
        return _read_parquet(data, max_rows)
    return _read_text(data, is_header)


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
                raise UnreadableFile(
                    "unreadable_file",
                    "无法识别文件编码：请在 Excel 中另存为「CSV UTF-8」",
                    "cannot tell the file's encoding: save it from Excel as 'CSV UTF-8'",
                ) from err
    if mixed:
        notices.append(
            (
                "文件混用了 UTF-8 和 GB18030 编码，已逐行识别；请核对中文是否正确",
                "the file mixes UTF-8 and GB18030 encodings; each line was decoded on its own: "
                "check the Chinese text",
            )
        )
    return "".join(lines)


def _unicode_text(data: bytes) -> bytes:
    """UTF-16/32 with a byte-order mark (Excel's "Unicode Text" is UTF-16, tab-separated) as UTF-8 bytes."""
    for boms, codec in ((UTF32_BOMS, "utf-32"), (UTF16_BOMS, "utf-16")):
        if data.startswith(boms):
            try:
                return data.decode(codec).encode("utf-8")
            except UnicodeDecodeError as err:
                raise UnreadableFile(
                    "unreadable_file",
                    "文件开头标明是 Unicode（UTF-16）文本，但内容已损坏：请另存为「CSV UTF-8」",
                    "the file says it is Unicode (UTF-16) text but is damaged: save it as 'CSV UTF-8'",
                ) from err
    return data


def _read_text(data: bytes, is_header: HeaderTest | None = None) -> Grid:
    notices: list[tuple[str, str]] = []
    data = _unicode_text(data)
    if _looks_binary(data):
        raise UnreadableFile(
            "unreadable_file",
            "无法读取：这不是文本表格（CSV）或 Excel 文件",
            "cannot read: this is neither a text table (CSV) nor an Excel file",
        )
    if b"\x00" in data:
        data = data.replace(b"\x00", b"")
        notices.append(("文件中含有空字符（NUL），已删除", "the file held NUL bytes; they were removed"))
    text = _decode(data, notices)
    first_line = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = max((",", ";", "\t"), key=first_line.count) if first_line else ","
    if first_line.count(delimiter) >= MAX_COLUMNS:  # a cheap bound first; quoted delimiters may inflate it
        _check_width(next(csv.reader([first_line], delimiter=delimiter), []))
    fast = _read_text_fast(text, delimiter, notices, is_header)
    if fast is not None:
        return fast
    csv.field_size_limit(64 * 1024 * 1024)
    try:
        raw_rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as err:
        raise UnreadableFile(
            "unreadable_file", f"无法按 CSV 读取：{err}", f"cannot read as CSV: {err}"
        ) from err
    numbered = [(i + 1, row) for i, row in enumerate(raw_rows) if "".join(row).strip()]
    return _grid(numbered, notices, is_header)


def _read_text_fast(
    text: str, delimiter: str, notices: list, is_header: HeaderTest | None = None
) -> Grid | None:
    """pandas' C parser, used when every record is one physical line (so row numbers are line numbers)."""
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    try:
        table = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            engine="c",
            quoting=csv.QUOTE_MINIMAL,
        )
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
    leading = [[str(c) for c in row] for row in table.iloc[:HEADER_SEARCH_ROWS].itertuples(index=False)]
    start = _header_index(leading, is_header)
    header = [str(h) for h in table.iloc[start]]
    while header and header[-1] == "":
        header.pop()
    if not header:
        return None
    body = table.iloc[start + 1 :, : len(header)].reset_index(drop=True)
    body.columns = range(len(header))
    if body.empty:
        raise UnreadableFile(
            "empty_file",
            "文件只有表头，没有数据行：请在表头下方填写数据",
            "the file has a header but no data rows: add data below the header",
        )
    return Grid(
        header,
        body,
        numbers[start + 1 :],
        int(numbers[start]),
        notices,
        leading=[(int(n), row) for n, row in zip(numbers, leading, strict=False)],
    )


def _check_width(header: list) -> None:
    if len(header) > MAX_COLUMNS:
        raise UnreadableFile(
            "too_large",
            f"表格有 {len(header)} 列，最多支持 {MAX_COLUMNS} 列：请删除多余的列",
            f"the table has {len(header)} columns; at most {MAX_COLUMNS} are read: delete the extra columns",
        )


def _grid(numbered: list[tuple[int, list[str]]], notices: list, is_header: HeaderTest | None = None) -> Grid:
    if not numbered:
        raise UnreadableFile(
            "empty_file",
            "文件没有内容：请上传包含表头和数据行的文件",
            "the file has no content: upload a file with a header row and data rows",
        )
    start = _header_index([row for _, row in numbered], is_header)
    header_row, header = numbered[start]
    _check_width(header)
    width = len(header)
    body = numbered[start + 1 :]
    rows = [row if len(row) == width else (row + [""] * (width - len(row)))[:width] for _, row in body]
    numbers = np.array([number for number, _ in body], dtype=np.int64)
    if not rows:
        raise UnreadableFile(
            "empty_file",
            "文件只有表头，没有数据行：请在表头下方填写数据",
            "the file has a header but no data rows: add data below the header",
        )
    frame = (
        pd.DataFrame(rows, columns=range(width), dtype=object) if rows else pd.DataFrame(columns=range(width))
    )
    leading = [(number, [str(c) for c in row]) for number, row in numbered[:HEADER_SEARCH_ROWS]]
    return Grid([str(h) for h in header], frame, numbers, header_row, notices, leading=leading)


def _too_large_workbook(megabytes: int) -> UnreadableFile:
    limit = MAX_XLSX_UNCOMPRESSED // 1024 // 1024
    return UnreadableFile(
        "too_large",
        f"Excel 文件解压后超过 {megabytes} MB，超过上限 {limit} MB：请拆分文件或另存为 CSV",
        f"the workbook expands to more than {megabytes} MB, over the {limit} MB limit: "
        "split it or save it as CSV",
    )


def _damaged_zip(err: Exception | None = None) -> UnreadableFile:
    detail = f"（{err}）" if err else ""
    return UnreadableFile(
        "unreadable_file",
        f"无法读取：文件像压缩包但已损坏{detail}",
        f"cannot read: a damaged ZIP/XLSX file{f' ({err})' if err else ''}",
    )


def _inflated_size(data: bytes, info: zipfile.ZipInfo, budget: int) -> int:
    """The bytes `info` really inflates to, whatever the directory says; counting stops past `budget`.

    Reads the member's data where the directory points (as calamine's ZIP reader does) and inflates it
    a megabyte at a time, keeping nothing: memory stays flat and a bomb costs at most `budget` bytes of work.
    """
    offset = info.header_offset
    if offset < 0 or offset + 30 > len(data) or data[offset : offset + 4] != ZIP_MAGIC:
        raise _damaged_zip()
    name_length, extra_length = struct.unpack_from("<HH", data, offset + 26)
    start = offset + 30 + name_length + extra_length
    raw = memoryview(data)[start : start + info.compress_size]
    if info.flag_bits & 0x1:
        raise UnreadableFile(
            "unreadable_file",
            "无法读取：压缩包内的文件已加密。请取消密码后另存为 .xlsx 或 CSV",
            "cannot read: the archive's members are encrypted. Remove the password and save "
            "it as .xlsx or CSV",
        )
    if info.compress_type == zipfile.ZIP_STORED:
        return len(raw)
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise UnreadableFile(
            "unreadable_file",
            "无法读取：压缩包使用了 Excel 不使用的压缩方式",
            "cannot read: the archive uses a compression method Excel does not use",
        )
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced, position, step = 0, 0, 1 << 20
    try:
        while not inflater.eof and produced <= budget:
            if inflater.unconsumed_tail:
                chunk = inflater.unconsumed_tail
            elif position < len(raw):
                chunk, position = raw[position : position + step], position + step
            else:
                break  # the data ends before the stream does: calamine will say the file is damaged
            produced += len(inflater.decompress(chunk, step))
    except zlib.error as err:
        raise _damaged_zip(err) from err
    return produced


def _check_zip(data: bytes) -> None:
    """Refuse a workbook that expands past MAX_XLSX_UNCOMPRESSED: first by the sizes its ZIP directory
    declares (nothing inflated), then by the bytes its members really inflate to (counted, bounded)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        struct.error,
        OSError,
        EOFError,
        NotImplementedError,
    ) as err:
        raise _damaged_zip() from err
    if not any(i.filename.startswith("xl/") for i in infos):
        raise UnreadableFile(
            "unreadable_file",
            "无法读取：这是压缩包而不是 Excel 表格",
            "cannot read: this is a ZIP archive, not an Excel workbook",
        )
    declared = sum(i.file_size for i in infos)
    if declared > MAX_XLSX_UNCOMPRESSED:
        raise _too_large_workbook(declared // 1024 // 1024)
    budget = MAX_XLSX_UNCOMPRESSED
    for info in infos:
        actual = _inflated_size(data, info, budget)
        budget -= actual
        if budget < 0:
            raise _too_large_workbook(MAX_XLSX_UNCOMPRESSED // 1024 // 1024)
        if actual > info.file_size:
            raise _damaged_zip(f"{info.filename}: {actual:,} bytes inflated, {info.file_size:,} declared")


def _isolated(fmt: str, data: bytes, max_rows: int) -> dict:
    """`{"rows": [[number, cells], ...]}` (and for a workbook `"merged"`: its merged ranges) read by
    `indicators.isolated_reader` in a child process with a memory cap."""
    limits = [str(max_rows), str(MAX_COLUMNS), str(MAX_XLSX_UNCOMPRESSED), str(READER_MEMORY)]
    command = [sys.executable, "-m", "indicators.isolated_reader", fmt, *limits]
    env = {**os.environ, "RUST_BACKTRACE": "0", "ARROW_DEFAULT_MEMORY_POOL": "system"}
    kind = "Excel" if fmt == "xlsx" else "Parquet"
    too_large = UnreadableFile(
        "too_large",
        f"{kind} 文件太大或结构异常，读取它需要的内存超过上限：请拆分文件或另存为 CSV",
        f"the {kind} file is too large or malformed: reading it needs more memory than "
        "allowed. Split it or save it as CSV",
    )
    try:
        done = subprocess.run(
            command, input=data, capture_output=True, timeout=READER_TIMEOUT, env=env, check=False
        )
    except subprocess.TimeoutExpired as err:
        raise too_large from err
    try:
        answer = json.loads(done.stdout)
    except ValueError as err:  # no complete answer: ended by the memory cap (a failed native allocation
        if done.returncode != 0:  # aborts) or crashed on the way
            raise too_large from err
        raise UnreadableFile(
            "unreadable_file", f"无法读取 {kind} 文件", f"cannot read the {kind} file"
        ) from err
    if done.returncode != 0:  # a complete answer from a child that then crashed is not trusted
        raise UnreadableFile(
            "unreadable_file",
            f"读取 {kind} 文件的子进程异常结束（{done.returncode}）",
            f"the {kind} reader ended abnormally (exit {done.returncode})",
        )
    if "error" in answer:
        code, detail = answer["error"]
        what, _, count = str(detail).partition("=")
        if code == "too_large" and what == "rows":
            raise UnreadableFile(
                "too_large",
                f"文件有 {int(count):,} 行，最多 {max_rows:,} 行：请拆分后分批上传",
                f"the file has {int(count):,} rows; at most {max_rows:,}: split it",
            )
        if code == "too_large" and what == "columns":
            _check_width([""] * int(count))
        if code == "too_large":
            raise too_large
        raise UnreadableFile(
            "unreadable_file", f"无法读取 {kind} 文件：{detail}", f"cannot read the {kind} file: {detail}"
        )
    return answer


def _read_xlsx(data: bytes, max_rows: int, is_header: HeaderTest | None = None) -> Grid:
    _check_zip(data)
    answer = _isolated("xlsx", data, max_rows)
    numbered = [(int(n), row) for n, row in answer["rows"]]
    if not numbered:
        raise UnreadableFile("empty_file", "Excel 文件没有内容", "the workbook has no content")
    grid = _grid(numbered, [], is_header)
    grid.merged = [str(cells) for cells in answer.get("merged", [])]
    return grid


def _read_parquet(data: bytes, max_rows: int) -> Grid:
    numbered = [(int(n), row) for n, row in _isolated("parquet", data, max_rows)["rows"]]
    grid = _grid(numbered, [])
    grid.spreadsheet = False  # Parquet exports are not escaped, so nothing is unescaped
    return grid
