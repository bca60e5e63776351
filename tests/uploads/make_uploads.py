"""Write the upload corpus: real bytes in every form analysts send, each with what the reader must say.

Run `python tests/uploads/make_uploads.py` after changing a case; the files and `expected.json` are committed
so that a reviewer sees the bytes under test. `good/*` must import; `bad/*` must give their codes and rows.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd

HERE = Path(__file__).resolve().parent
CASES: dict[str, dict] = {}


def write(kind: str, name: str, data: bytes, **expected) -> None:
    folder = HERE / kind
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    CASES[f"{kind}/{name}"] = expected


def xlsx(rows: list[list], merge: str | None = None, formats: dict[str, str] | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


LONG_EN = (
    "indicator,region,year,value,source,note\nsmart_factories,qingdao,2023,60,Qingdao MIIT bureau 2024-01,\n"
)

# ---- good: every accepted form -------------------------------------------------------------------
write(
    "good",
    "long_utf8.csv",
    LONG_EN.encode(),
    rows=1,
    check=[["smart_factories", "qingdao", 2023, "reported", 60]],
)
write(
    "good",
    "long_utf8_bom.csv",
    ("\ufeff指标,地区,年份,数值\n智能工厂,青岛市,2023,60\n").encode(),
    rows=1,
    check=[["smart_factories", "qingdao", 2023, "reported", 60]],
)
write(
    "good",
    "long_gb18030.csv",
    (
        "指标,地区,年份,数值,单位,状态,来源,备注\r\n"
        '5G基站,青岛,2024,"42,700",个,实际,青岛市通信管理局,截至年底\r\n'
        "数字经济规模,山东省,2024,4.6万亿元,,目标,测试规划,\r\n"
    ).encode("gb18030"),
    rows=2,
    check=[
        ["fiveg_base_stations", "qingdao", 2024, "reported", 42700],
        ["digital_economy_scale", "shandong", 2024, "target", 4.6],
    ],
)
write(
    "good",
    "long_semicolon.csv",
    b"Indicator; Region ;YEAR;Value\nsmart_factories;Qingdao;2023;60\n",
    rows=1,
    check=[["smart_factories", "qingdao", 2023, "reported", 60]],
)
write(
    "good",
    "long_tab.tsv.csv",
    "indicator\tregion\tyear\tvalue\tunit\ndigital_economy_scale\tchina\t2021\t455000\t亿元\n".encode(),
    rows=1,
    check=[["digital_economy_scale", "china", 2021, "reported", 45.5]],
)
write(
    "good",
    "wide_years.csv",
    '指标,地区,2021年,2022年,2023\nfiveg_base_stations,青岛市,"20,207",2.8万,\n5G基站,Shandong,,,\n'.encode(
        "gb18030"
    ),
    rows=2,
    check=[
        ["fiveg_base_stations", "qingdao", 2021, "reported", 20207],
        ["fiveg_base_stations", "qingdao", 2022, "reported", 28000],
    ],
)
write(
    "good",
    "fullwidth_and_qualifiers.csv",
    "指标,地区,年份,数值\n数字经济规模,山东,２０２２,超过3.9万亿元\n"
    "数字经济占GDP比重,山东,2022,45％\n".encode(),
    rows=2,
    check=[
        ["digital_economy_scale", "shandong", 2022, "reported", 3.9],
        ["digital_economy_gdp_share", "shandong", 2022, "reported", 45],
    ],
)
write(
    "good",
    "long.xlsx",
    xlsx(
        [
            ["indicator", "region", "year", "value", "as_of"],
            ["fiveg_base_stations", "Qingdao", 2025, 44500, "2025-06"],
            ["smart_factories", "青岛", 2023, "60", None],
        ]
    ),
    rows=2,
    check=[["fiveg_base_stations", "qingdao", 2025, "reported", 44500]],
)
write(
    "good",
    "wide.xlsx",
    xlsx([["指标", "地区", "单位", "2023年", "2024年"], ["5G基站", "济南市", "万个", 4.2, 4.9]]),
    rows=2,
    check=[["fiveg_base_stations", "jinan", 2024, "reported", 49000]],
)
write(
    "good",
    "percent_format.xlsx",
    xlsx(
        [
            ["2023年山东省数字经济主要指标"],
            [None],
            ["指标", "地区", "年份", "数值"],
            ["数字经济占GDP比重", "山东", 2023, 0.49],
            ["数字经济占GDP比重", "青岛", 2023, 0.515],
        ],
        merge="A1:D1",
        formats={"D4": "0%", "D5": "0.0%"},
    ),
    rows=2,
    check=[
        ["digital_economy_gdp_share", "shandong", 2023, "reported", 49],
        ["digital_economy_gdp_share", "qingdao", 2023, "reported", 51.5],
    ],
)
buffer = io.BytesIO()
pd.DataFrame(
    {"indicator": ["smart_factories"], "region": ["qingdao"], "year": [2023], "value": [60.0]}
).to_parquet(buffer)
write(
    "good",
    "long.parquet",
    buffer.getvalue(),
    rows=1,
    check=[["smart_factories", "qingdao", 2023, "reported", 60]],
)

# ---- bad: each with its code and the spreadsheet row -------------------------------------------------
write("bad", "empty.csv", b"", codes=["empty_file"])
write("bad", "header_only.csv", b"indicator,region,year,value\n", codes=["empty_file"])
write("bad", "image.csv", bytes(range(256)) * 40, codes=["unreadable_file"])
write(
    "bad",
    "missing_value_column.csv",
    b"indicator,region,year\nsmart_factories,qingdao,2023\n",
    codes=["missing_column"],
)
write(
    "bad",
    "unknown_indicator.csv",
    "indicator,region,year,value\nsmart_factories,qingdao,2023,1\n智能冰箱,qingdao,2023,3\n".encode(),
    codes=["unknown_indicator"],
    error_row=3,
)
write(
    "bad",
    "unknown_region.csv",
    b"indicator,region,year,value\nsmart_factories,Atlantis,2023,1\n",
    codes=["unknown_region"],
    error_row=2,
)
write(
    "bad",
    "bad_year.csv",
    b"indicator,region,year,value\nsmart_factories,qingdao,0,1\nsmart_factories,qingdao,99999,1\n",
    codes=["bad_year"],
    error_row=3,
)
write(
    "bad",
    "bad_value.csv",
    b"indicator,region,year,value\nsmart_factories,qingdao,2023,lots\n",
    codes=["bad_value"],
    error_row=2,
)
write(
    "bad",
    "missing_value.csv",
    b"indicator,region,year,value\nsmart_factories,qingdao,2023,\n",
    codes=["missing_value"],
    error_row=2,
)
write(
    "bad",
    "unit_mismatch.csv",
    "indicator,region,year,value,unit\nfiveg_base_stations,qingdao,2023,5,亿元\n".encode(),
    codes=["unit_mismatch"],
    error_row=2,
)
write(
    "bad",
    "share_over_100.csv",
    b"indicator,region,year,value\ndigital_economy_gdp_share,qingdao,2023,101\n",
    codes=["out_of_range"],
    error_row=2,
)
write(
    "bad",
    "negative_count.csv",
    b"indicator,region,year,value\nsmart_factories,qingdao,2023,-4\n",
    codes=["out_of_range"],
    error_row=2,
)
write(
    "bad",
    "rank_zero.csv",
    b"indicator,region,year,value\nccid_city_rank,qingdao,2023,0\n",
    codes=["out_of_range"],
    error_row=2,
)
write(
    "bad",
    "duplicate_key.csv",
    b"indicator,region,year,value\nsmart_factories,qingdao,2023,60\nsmart_factories,Qingdao,2023,61\n",
    codes=["duplicate_key"],
    error_row=3,
)
write(
    "bad",
    "many_errors.csv",
    b"indicator,region,year,value\nsmart_factories,nowhere,2023,1\n"
    b"nothing,qingdao,2023,1\nsmart_factories,qingdao,1800,1\nsmart_factories,qingdao,2023,x\n",
    codes=["unknown_region", "unknown_indicator", "bad_year", "bad_value"],
    count=4,
)
write(
    "bad",
    "duplicate_header.csv",
    b"indicator,region,year,value,value\nsmart_factories,qingdao,2023,1,2\n",
    codes=["duplicate_column"],
    error_row=1,
)
write(
    "bad",
    "totals_row.csv",
    "指标,地区,年份,数值\n智能工厂,青岛,2023,60\n智能工厂,合计,2023,100\n".encode("gb18030"),
    codes=["totals_row"],
    error_row=3,
    count=1,
)
write(
    "bad",
    "ambiguous_separator.csv",
    "指标,地区,年份,数值\n数据中心标准机架,青岛,2023,62.000\n".encode("gb18030"),
    codes=["bad_value"],
    error_row=2,
    count=1,
)
write(
    "bad",
    "merged_cells.xlsx",
    xlsx(
        [
            ["指标", "地区", "年份", "数值"],
            ["智能工厂", "青岛", 2023, 60],
            [None, "济南", 2023, 40],
            [None, "淄博", 2023, 30],
        ],
        merge="A2:A4",
    ),
    codes=["merged_cells"],
    error_row=2,
    count=1,
)
write(
    "bad",
    "zip_not_xlsx.xlsx",
    (lambda b: (zipfile.ZipFile(b, "w").writestr("a.txt", "hi"), b.getvalue())[1])(io.BytesIO()),
    codes=["unreadable_file"],
)
write(
    "bad",
    "password_protected.xlsx",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
    codes=["unreadable_file"],
)

(HERE / "expected.json").write_text(json.dumps(CASES, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"{len(CASES)} cases")
