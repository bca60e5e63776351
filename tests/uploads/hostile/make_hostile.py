"""Write the hostile-upload corpus: one file per attack or accident, each with what the reader must say.

Run `python tests/uploads/hostile/make_hostile.py` after changing a case; the files and `expected.json` are
committed so that a reviewer sees the exact bytes under test. Every case is one of:

- refused (`ok` false): the error `codes` and the spreadsheet `rows` they point at (empty for file-level
  problems), and the store must be left exactly as it was;
- accepted (`ok` true): read safely, perhaps with `warnings` saying what was cleaned on the way.

The bombs are small on disk (a few hundred KB at most) and expand to hundreds of MB or to a sheet of
17 billion cells: the reader must refuse them from what it can check cheaply, never by expanding them.
"""

from __future__ import annotations

import datetime
import io
import json
import random
import re
import struct
import zipfile
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
CASES: dict[str, dict] = {}
HEADER = "indicator,region,year,value"
MB = 1024 * 1024
FIXED_TIME = datetime.datetime(2026, 5, 1, 8, 0, 0)


def member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def case(
    name: str,
    data: bytes,
    *,
    ok: bool,
    codes: tuple[str, ...] = (),
    rows: tuple[int, ...] = (),
    warnings: tuple[str, ...] = (),
    why: str,
) -> None:
    (HERE / name).write_bytes(data)
    CASES[name] = {
        "ok": ok,
        "codes": list(codes),
        "row": rows[0] if rows else None,
        "rows": list(rows),
        "warnings": list(warnings),
        "why": why,
    }


def xlsx(rows: list[list], merge: str | None = None) -> bytes:
    book = openpyxl.Workbook()
    book.properties.created = book.properties.modified = FIXED_TIME  # the same bytes on every run
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    book.save(buffer)
    fixed = io.BytesIO()  # openpyxl stamps each member with the time of writing: restamp them
    with zipfile.ZipFile(buffer) as saved, zipfile.ZipFile(fixed, "w") as out:
        for name in saved.namelist():
            data = saved.read(name)
            if name == "docProps/core.xml":  # and sets "modified" to now whatever it was told
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-05-01T08:00:00Z", data)
            out.writestr(member(name), data)
    return fixed.getvalue()


def xlsx_shell(sheet_xml_chunks, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal workbook whose sheet1.xml is written from `sheet_xml_chunks` (streamed, never held whole)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(
            member("[Content_Types].xml"),
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="'
            'application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxml'
            'formats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
            'worksheet+xml"/></Types>',
        )
        z.writestr(
            member("_rels/.rels"),
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            member("xl/workbook.xml"),
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.'
            'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
        )
        z.writestr(
            member("xl/_rels/workbook.xml.rels"),
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="'
            'http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
            'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="'
            'worksheets/sheet1.xml"/></Relationships>',
        )
        for name, data in (extra or {}).items():
            z.writestr(member(name), data)
        with z.open(member("xl/worksheets/sheet1.xml"), "w") as sheet:
            for chunk in sheet_xml_chunks:
                sheet.write(chunk)
    return buffer.getvalue()


SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main"><sheetData>'
)
SHEET_ROWS = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>indicator</t></is></c><c r="B1" t="inlineStr"><is><t>'
    b'region</t></is></c><c r="C1" t="inlineStr"><is><t>year</t></is></c><c r="D1" t="inlineStr"><is>'
    b'<t>value</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>smart_factories</t></is>'
    b'</c><c r="B2" t="inlineStr"><is><t>qingdao</t></is></c><c r="C2"><v>2023</v></c><c r="D2"><v>60'
    b"</v></c></row>"
)
SHEET_TAIL = b"</sheetData></worksheet>"


def bomb_chunks(total: int):
    """A sheet padded with `total` bytes of whitespace inside the XML: compresses about 1000:1."""
    yield SHEET_HEAD + SHEET_ROWS
    block = b" " * MB
    for _ in range(total // MB):
        yield block
    yield SHEET_TAIL


def lie_about_size(data: bytes, member: str, declared: int) -> bytes:
    """Rewrite the uncompressed size of `member` in its local header and central directory entry."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(member)
    local = info.header_offset
    assert out[local : local + 4] == b"PK\x03\x04"
    struct.pack_into("<I", out, local + 22, declared)
    central = out.find(b"PK\x01\x02", local + 30 + info.compress_size)
    while central != -1:
        name_len = struct.unpack_from("<H", out, central + 28)[0]
        if bytes(out[central + 46 : central + 46 + name_len]) == member.encode():
            struct.pack_into("<I", out, central + 24, declared)
            return bytes(out)
        central = out.find(b"PK\x01\x02", central + 4)
    raise AssertionError("central directory entry not found")


# -- a password-protected workbook: an OLE2 compound file holding EncryptionInfo + EncryptedPackage ------
FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _dir_entry(
    name: str, kind: int, start: int, size: int, *, left=NOSTREAM, right=NOSTREAM, child=NOSTREAM
) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        encoded,
        len(encoded),
        kind,
        1,
        left,
        right,
        child,
        b"\0" * 16,
        0,
        0,
        0,
        start,
        size,
    )


def compound_file(small: dict[str, bytes], large: dict[str, bytes]) -> bytes:
    """A version-3 compound file (512-byte sectors): `small` streams (< 4096 bytes) in the mini stream,
    `large` ones in sectors of their own, as Office writes an encrypted workbook."""
    sector = 512
    mini = b""
    mini_starts, mini_fat = {}, []
    for name, data in small.items():
        first = len(mini) // 64
        count = -(-len(data) // 64)
        mini_starts[name] = first
        mini_fat += [first + i + 1 for i in range(count - 1)] + [ENDOFCHAIN]
        mini += data.ljust(count * 64, b"\0")
    mini_sectors = -(-len(mini) // sector)
    fat: list[int] = [FATSECT, ENDOFCHAIN, ENDOFCHAIN]  # sector 0: FAT, 1: directory, 2: mini FAT
    mini_start = len(fat)
    fat += [mini_start + i + 1 for i in range(mini_sectors - 1)] + [ENDOFCHAIN]
    large_starts = {}
    for name, data in large.items():
        count = -(-len(data) // sector)
        large_starts[name] = len(fat)
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [ENDOFCHAIN]
    assert len(fat) <= sector // 4, "one FAT sector is enough for this corpus"
    fat += [FREESECT] * (sector // 4 - len(fat))
    names = list(small) + list(large)
    assert len(names) == 2, "the directory tree below is written for two streams"
    # the red-black tree of the root's children, compared by name length then name: one root, one left child
    a, b = sorted(names, key=lambda n: (len(n), n.upper()))
    entries = [_dir_entry("Root Entry", 5, mini_start, len(mini), child=2)]
    for name in (a, b):
        data = small.get(name, large.get(name))
        start = mini_starts[name] if name in small else large_starts[name]
        links = {"left": 1} if name == b else {}
        entries.append(_dir_entry(name, 2, start, len(data), **links))
    directory = b"".join(entries).ljust(sector, b"\0")
    difat = [0] + [FREESECT] * 108
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        OLE_MAGIC,
        b"\0" * 16,
        0x003E,
        0x0003,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        1,
        1,
        0,
        4096,
        2,
        1,
        ENDOFCHAIN,
        0,
    ) + struct.pack("<109I", *difat)
    body = struct.pack(f"<{sector // 4}I", *fat) + directory
    body += struct.pack(f"<{sector // 4}I", *(mini_fat + [FREESECT] * (sector // 4 - len(mini_fat))))
    body += mini.ljust(mini_sectors * sector, b"\0")
    for data in large.values():
        body += data.ljust(-(-len(data) // sector) * sector, b"\0")
    return header + body


def encrypted_workbook() -> bytes:
    rng = random.Random(20260501)
    b64 = __import__("base64").b64encode

    def salt(n: int = 16) -> str:
        return b64(rng.randbytes(n)).decode()

    descriptor = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/'
        'office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password" '
        'xmlns:c="http://schemas.microsoft.com/office/2006/keyEncryptor/certificate"><keyData saltSize="16" '
        'blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" '
        f'hashAlgorithm="SHA512" saltValue="{salt()}"/><dataIntegrity encryptedHmacKey="{salt(64)}" '
        f'encryptedHmacValue="{salt(64)}"/><keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/'
        '2006/keyEncryptor/password"><p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" '
        'hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" '
        f'saltValue="{salt()}" encryptedVerifierHashInput="{salt()}" encryptedVerifierHashValue="{salt(64)}" '
        f'encryptedKeyValue="{salt(32)}"/></keyEncryptor></keyEncryptors></encryption>'
    )
    info = struct.pack("<HHI", 4, 4, 0x40) + descriptor.encode()  # agile encryption, version 4.4
    package = struct.pack("<Q", 8237) + rng.randbytes(8240)  # plaintext size, then AES blocks
    return compound_file({"EncryptionInfo": info}, {"EncryptedPackage": package})


def parquet_bomb(rows: int) -> bytes:
    """`rows` identical valid rows: run-length encoded into a few KB, hundreds of MB once read."""
    chunk = 1_000_000
    table = pa.table(
        {
            "indicator": pa.array(["smart_factories"] * chunk).dictionary_encode(),
            "region": pa.array(["qingdao"] * chunk).dictionary_encode(),
            "year": pa.array([2023] * chunk, pa.int16()),
            "value": pa.array([60.0] * chunk),
        }
    )
    buffer = io.BytesIO()
    with pq.ParquetWriter(buffer, table.schema, compression="zstd") as writer:
        for _ in range(rows // chunk):
            writer.write_table(table, row_group_size=chunk)
    return buffer.getvalue()


def main() -> None:
    for old in HERE.iterdir():
        if old.name not in ("make_hostile.py", "__pycache__"):
            old.unlink()
    row = "smart_factories,qingdao,2023,60\n"
    # -- nothing to read ----------------------------------------------------------------------------------
    case("zero_bytes.csv", b"", ok=False, codes=("empty_file",), why="an empty file")
    case(
        "header_only.csv", (HEADER + "\n").encode(), ok=False, codes=("empty_file",), why="a header, no rows"
    )
    case("blank_lines.csv", b"\r\n  \n\t\n\n", ok=False, codes=("empty_file",), why="only blank lines")
    case(
        "bom_only.csv", b"\xef\xbb\xbf", ok=False, codes=("empty_file",), why="a UTF-8 byte-order mark alone"
    )
    # -- not a table ----------------------------------------------------------------------------------------
    png = b"\x89PNG\r\n\x1a\n" + bytes(random.Random(1).randbytes(20_000))
    case("binary.csv", png, ok=False, codes=("unreadable_file",), why="a PNG image renamed .csv")
    case(
        "invalid_encoding.csv",
        (HEADER + "\n").encode() + b"smart_factories,\xff\xfe\xff,2023,1\n",
        ok=False,
        codes=("unreadable_file",),
        why="bytes that are neither UTF-8 nor GB18030",
    )
    case(
        "password_protected.xlsx",
        encrypted_workbook(),
        ok=False,
        codes=("unreadable_file",),
        why="an Excel workbook saved with a password: an OLE2 compound file with EncryptionInfo and "
        "EncryptedPackage streams, not a ZIP",
    )
    case(
        "zip_not_xlsx.xlsx",
        xlsx_shell([b"not xml <<<"]).replace(b"xl/", b"zz/"),
        ok=False,
        codes=("unreadable_file",),
        why="a ZIP archive without a workbook in it",
    )
    case(
        "broken_xml.xlsx",
        xlsx_shell([SHEET_HEAD, b"<row r='1'><c r='A1'><v>1</v></c><row>"]),
        ok=False,
        codes=("unreadable_file",),
        why="a workbook whose sheet XML is cut off",
    )
    # -- too large, refused from what can be checked without expanding it ----------------------------------
    case(
        "zip_bomb.xlsx",
        xlsx_shell(bomb_chunks(300 * MB)),
        ok=False,
        codes=("too_large",),
        why="a 300 KB workbook whose sheet expands to 300 MB: refused by the sizes in the ZIP directory",
    )
    lying = lie_about_size(xlsx_shell(bomb_chunks(300 * MB)), "xl/worksheets/sheet1.xml", 4096)
    case(
        "zip_bomb_lying.xlsx",
        lying,
        ok=False,
        codes=("too_large",),
        why="the same bomb with a ZIP directory that claims the sheet is 4 KB: refused while inflating, "
        "after at most the allowed number of bytes",
    )
    far = SHEET_HEAD + SHEET_ROWS + b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>' + SHEET_TAIL
    case(
        "sparse_far_cell.xlsx",
        xlsx_shell([far]),
        ok=False,
        codes=("too_large",),
        why="a 2 KB workbook with one value in the sheet's last cell (XFD1048576): a reader that makes the "
        "sheet dense needs 17 billion cells",
    )
    sst = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        b'2006/main" count="4000000000" uniqueCount="4000000000"><si><t>indicator</t></si></sst>'
    )
    case(
        "shared_strings_count.xlsx",
        xlsx_shell(
            [
                SHEET_HEAD,
                SHEET_ROWS.replace(b't="inlineStr"><is><t>indicator</t></is>', b't="s"><v>0</v>'),
                SHEET_TAIL,
            ],
            {"xl/sharedStrings.xml": sst},
        ),
        ok=False,
        codes=("too_large",),
        why="a shared-strings table that claims 4 billion strings: a reader that reserves room for them "
        "asks for 96 GB",
    )
    case(
        "parquet_bomb.parquet",
        parquet_bomb(30_000_000),
        ok=False,
        codes=("too_large",),
        why="30 million identical rows run-length encoded into a few KB: refused by the row count in the "
        "file's footer, before reading a row",
    )
    wide_header = ",".join(["indicator", "region", "year", "value"] + [f"extra{i}" for i in range(19_996)])
    case(
        "many_columns.csv",
        (wide_header + "\n" + row).encode(),
        ok=False,
        codes=("too_large",),
        why="20,000 columns",
    )
    # -- damaged text that is still a table -------------------------------------------------------------------
    case(
        "nul_bytes.csv",
        (HEADER + "\n").encode() + b"smart_\x00factories,qingdao,2023,6\x000\n",
        ok=True,
        warnings=("cleaned_input",),
        why="NUL bytes inside cells: removed, with a warning",
    )
    case(
        "utf16_tab.csv",
        ("indicator\tregion\tyear\tvalue\r\nsmart_factories\t青岛\t2023\t60\r\n").encode("utf-16"),
        ok=True,
        why="Excel's 'Unicode Text': UTF-16 with a byte-order mark, tab-separated",
    )
    case(
        "mixed_encoding.csv",
        (HEADER + ",note\n").encode()
        + "smart_factories,青岛,2023,60,UTF-8 行\n".encode()
        + "smart_factories,青岛,2022,55,GB18030 行\n".encode("gb18030"),
        ok=True,
        warnings=("cleaned_input",),
        why="one UTF-8 line and one GB18030 line: each line decoded on its own, with a warning",
    )
    case(
        "unclosed_quote.csv",
        (HEADER + "\n" + 'smart_factories,qingdao,2023,"60\nsmart_factories,qingdao,2022,55\n').encode(),
        ok=False,
        codes=("bad_value",),
        rows=(2,),
        why="a quote never closed: the rest of the file is one cell, reported on the row it starts",
    )
    case(
        "huge_cell.csv",
        (HEADER + ",note\n" + "smart_factories,qingdao,2023,60," + "x" * (10 * MB) + "\n").encode(),
        ok=False,
        codes=("bad_value",),
        rows=(2,),
        why="a 10 MB note in one cell",
    )
    case(
        "duplicate_headers.csv",
        (HEADER + ",note,备注\n" + row.strip() + ",a,b\n").encode(),
        ok=False,
        codes=("duplicate_column",),
        rows=(1,),
        why="'note' and its Chinese name 备注 both in the header",
    )
    case(
        "merged_header.xlsx",
        xlsx([["指标", None, "年份", "数值"], ["smart_factories", "qingdao", 2023, 60]], merge="A1:B1"),
        ok=False,
        codes=("missing_column", "merged_cells"),
        rows=(1, 1),
        why="the header's first two cells merged: the region column has no name, and the merged range is named",
    )
    # -- numbers and years that are not figures ---------------------------------------------------------------
    values = ["NaN", "inf", "-Infinity", "1e309", "nan%"]
    case(
        "nan_inf.csv",
        (
            HEADER
            + "\n"
            + "".join(f"digital_economy_scale,shandong,{2018 + i},{v}\n" for i, v in enumerate(values))
        ).encode(),
        ok=False,
        codes=("bad_value",),
        rows=(2, 3, 4, 5, 6),
        why="NaN, infinities and a number beyond float range",
    )
    case(
        "negative_zero.csv",
        (HEADER + "\nsmart_factories,qingdao,2023,-0\nsmart_factories,qingdao,2022,-0.0\n").encode(),
        ok=True,
        why="-0 is stored as 0.0, never as -0.0",
    )
    case(
        "bad_years.csv",
        (
            HEADER + "\nsmart_factories,qingdao,0,1\nsmart_factories,qingdao,99999,1\n"
            "smart_factories,qingdao,-2023,1\n"
        ).encode(),
        ok=False,
        codes=("bad_year",),
        rows=(2, 3, 4),
        why="the years 0, 99999 and -2023",
    )
    formulas = ['"=HYPERLINK(""http://x"",""y"")"', "+cmd|' /C calc'!A0", "@SUM(A1)", "=1+1", "-2+3"]
    case(
        "formula_value.csv",
        (
            HEADER
            + "\n"
            + "".join(f"smart_factories,qingdao,{2019 + i},{f}\n" for i, f in enumerate(formulas))
        ).encode(),
        ok=False,
        codes=("bad_value",),
        rows=(2, 3, 4, 5, 6),
        why="spreadsheet formulas in the value column",
    )
    case(
        "formula_note.csv",
        (
            HEADER
            + ",note\n"
            + "".join(f"smart_factories,qingdao,{2019 + i},60,{f}\n" for i, f in enumerate(formulas))
        ).encode(),
        ok=True,
        why="spreadsheet formulas in the note column: kept as text, neutralised when exported",
    )
    case(
        "formula_cells.xlsx",
        xlsx(
            [
                ["indicator", "region", "year", "value"],
                ["smart_factories", "qingdao", 2023, '=HYPERLINK("http://x","y")'],
            ]
        ),
        ok=False,
        codes=("missing_value",),
        rows=(2,),
        why="a real formula cell with no computed value: read as empty, never evaluated",
    )
    # -- markup where a name or a note goes ---------------------------------------------------------------------
    script = "<script>alert(1)</script>"
    case(
        "script_region.csv",
        (HEADER + "\nsmart_factories," + script + ",2023,60\n").encode(),
        ok=False,
        codes=("unknown_region",),
        rows=(2,),
        why="a script tag as the region name",
    )
    case(
        "script_note.csv",
        (
            HEADER
            + ",note,source\nsmart_factories,qingdao,2023,60,"
            + script
            + ",<b>src</b>"
            + "<img src=x onerror=alert(2)>\n"
        ).encode(),
        ok=True,
        why="a script tag in the note and markup in the source: stored as plain text, escaped wherever shown",
    )
    case(
        "bidi_region.csv",
        (HEADER + "\nsmart_factories,\u202eoadgniq,2023,60\n").encode(),
        ok=False,
        codes=("unknown_region",),
        rows=(2,),
        why="a right-to-left override before a reversed region name",
    )

    (HERE / "expected.json").write_text(
        json.dumps(CASES, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{len(CASES)} cases, {sum(len((HERE / n).read_bytes()) for n in CASES) / MB:.1f} MB on disk")


if __name__ == "__main__":
    main()
