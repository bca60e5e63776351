"""Every file in tests/uploads/good imports; every file in tests/uploads/bad gives its codes and rows."""

import json
from pathlib import Path

import pytest

from indicators.ingest import read_upload

UPLOADS = Path(__file__).parent / "uploads"
EXPECTED = json.loads((UPLOADS / "expected.json").read_text(encoding="utf-8"))
GOOD = sorted(k for k in EXPECTED if k.startswith("good/"))
BAD = sorted(k for k in EXPECTED if k.startswith("bad/"))


def read(case, catalog):
    return read_upload((UPLOADS / case).read_bytes(), case, catalog)


@pytest.mark.parametrize("case", GOOD)
def test_good_upload_reads_clean(case, catalog):
    result = read(case, catalog)
    assert result.errors == [], [p.message_en for p in result.errors]
    assert result.rows == EXPECTED[case]["rows"]
    frame = result.frame.set_index(["indicator_id", "region_id", "year", "status"])
    for ind, reg, year, status, value in EXPECTED[case]["check"]:
        assert frame.loc[(ind, reg, year, status), "value"] == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize("case", BAD)
def test_bad_upload_gives_its_codes(case, catalog):
    result = read(case, catalog)
    expected = EXPECTED[case]
    assert not result.ok
    assert set(expected["codes"]) <= {p.code for p in result.errors}
    if "error_row" in expected:
        assert expected["error_row"] in {p.row for p in result.errors if p.code in expected["codes"]}
    if "count" in expected:
        assert len(result.errors) == expected["count"]
    for p in result.errors:
        assert p.message_zh and p.message_en


def test_corpus_covers_every_error_code(catalog):
    from indicators.problems import ERROR_CODES

    seen = {code for case in BAD for code in EXPECTED[case]["codes"]}
    assert set(ERROR_CODES) - {"too_large"} <= seen


def test_message_says_where_what_and_how_to_fix(catalog):
    data = "指标,地区,年份,数值\nsmart_factories,青島,2023,1\nsmart_factories,nowhere,2023,1\n".encode()
    result = read_upload(data, "x.csv", catalog)
    qd = result.frame  # 青島 (traditional) is an alias of Qingdao: accepted
    assert list(qd["region_id"]) == ["qingdao"]
    [err] = result.errors
    # the column as the user's header names it; no suggestion for a name far from every known one
    assert err.message_zh.startswith(
        "第3行「地区」列的值「nowhere」：不是已知地区。可用：全国、山东省、青岛市"
    )
    assert err.message_en.startswith(
        "Row 3, column 地区: 'nowhere': is not a known region. Known: China, Shandong, Qingdao"
    )


def test_too_large_is_refused_before_reading(catalog):
    result = read_upload(b"indicator,region,year,value\n" + b"x" * 2000, "big.csv", catalog, max_bytes=1000)
    assert [p.code for p in result.errors] == ["too_large"]


def test_row_cap(catalog):
    rows = "".join(f"smart_factories,qingdao,{2000 + i},1\n" for i in range(20))
    result = read_upload(("indicator,region,year,value\n" + rows).encode(), "x.csv", catalog, max_rows=10)
    assert [p.code for p in result.errors] == ["too_large"]


def test_wide_empty_cell_is_no_data_not_zero(catalog):
    result = read_upload("指标,地区,2021,2022\nsmart_factories,qingdao,,52\n".encode(), "w.csv", catalog)
    assert result.ok and list(result.frame["year"]) == [2022] and result.rows == 1


def test_free_text_source_becomes_a_new_source(catalog):
    result = read_upload((UPLOADS / "good/long_utf8.csv").read_bytes(), "long_utf8.csv", catalog)
    [source_id] = set(result.frame["source_id"])
    assert result.new_sources[source_id].title == "Qingdao MIIT bureau 2024-01"


def test_missing_source_cites_the_upload_itself(catalog):
    result = read_upload(
        b"indicator,region,year,value\nsmart_factories,qingdao,2023,60\n", "mine.csv", catalog
    )
    [source_id] = set(result.frame["source_id"])
    source = result.new_sources[source_id]
    assert source.title == "mine.csv" and source.publisher == ""  # the committer is named when committed


def test_qualifier_kept_in_note(catalog):
    result = read_upload(
        "indicator,region,year,value\ndigital_economy_scale,shandong,2022,超过3.9万亿元\n".encode(),
        "q.csv",
        catalog,
    )
    assert result.frame.loc[0, "value"] == 3.9 and result.frame.loc[0, "note"] == "over"


def test_as_of_forms(catalog):
    from indicators.cells import parse_as_of

    assert parse_as_of("2024-09-30") == "2024-09-30"
    assert parse_as_of("2024/9/3") == "2024-09-03"
    assert parse_as_of("2024-09") == "2024-09-30"
    assert parse_as_of("2024年9月") == "2024-09-30"
    assert parse_as_of("2024年6月底") == "2024-06-30"
    assert parse_as_of("2024-02-30") is None
    assert parse_as_of("soon") is None


def test_numbers_from_a_messy_gb18030_file(catalog):
    """62.000 racks and 17350,2 are refused with the fix; 3.9万亿元 under 万亿元 and 16719.5亿元 under 亿元 read."""
    data = (
        "指标,地区,年份,数值,单位\n"
        "数据中心标准机架,青岛,2023,62.000,\n"
        "数字经济规模,山东,2023,3.9万亿元,万亿元\n"
        "数字经济规模,山东,2022,16719.5亿元,亿元\n"
        '地区生产总值,山东,2023,"17350,2",亿元\n'
    ).encode("gb18030")
    result = read_upload(data, "messy.csv", catalog)
    assert [(p.code, p.row) for p in result.errors] == [("bad_value", 2), ("bad_value", 5)]
    racks, gdp = result.errors
    assert (
        racks.message_zh
        == "第2行「数值」列的值「62.000」：无法判断是62还是62000：请写成62000（不用千位分隔符）或62"
    )
    assert racks.message_en == (
        "Row 2, column 数值: '62.000': 62.000 could be 62 or 62,000: "
        "write 62000 (no thousands separator) or 62"
    )
    assert "写成「17350.2」" in gdp.message_zh and "write 17350.2" in gdp.message_en
    assert sorted(result.frame["value"]) == [1.67195, 3.9]


@pytest.mark.parametrize(
    ("written", "zh", "en"),
    [
        ("青导", "青岛市", "Qingdao"),
        ("济男", "济南市", "Jinan"),
        ("Qingdo", "青岛市", "Qingdao"),
    ],
)
def test_an_unknown_region_gets_the_nearest_name(catalog, written, zh, en):
    data = f"指标,地区,年份,数值\n智能工厂,{written},2023,60\n".encode("gb18030")
    [err] = read_upload(data, "x.csv", catalog).errors
    assert err.code == "unknown_region"
    assert err.message_zh.startswith(
        f"第2行「地区」列的值「{written}」：不是已知地区。您是否指「{zh}」？可用："
    )
    assert err.message_en.startswith(
        f"Row 2, column 地区: '{written}': is not a known region. Did you mean {en}? Known:"
    )


@pytest.mark.parametrize("written", ["Atlantis", "火星", "xyz"])
def test_a_name_far_from_every_known_one_gets_no_suggestion(catalog, written):
    data = f"indicator,region,year,value\nsmart_factories,{written},2023,60\n".encode()
    [err] = read_upload(data, "x.csv", catalog).errors
    assert "您是否指" not in err.message_zh and "Did you mean" not in err.message_en


def test_an_unknown_indicator_gets_the_nearest_name(catalog):
    data = "指标,地区,年份,数值\n数据中心机架,青岛,2023,62\n".encode()
    [err] = read_upload(data, "x.csv", catalog).errors
    assert err.code == "unknown_indicator" and err.column == "指标"
    assert "不是已知指标。您是否指「数据中心标准机架」？" in err.message_zh
    assert "is not a known indicator. Did you mean Data-centre standard racks? " in err.message_en


def test_a_totals_row_is_one_message(catalog):
    data = (
        "指标,地区,年份,数值\n智能工厂,青岛,2023,60\n智能工厂,济南,2023,40\n智能工厂,合计,2023,100\n"
        "总计,,2023,100\n"
    ).encode("gb18030")
    result = read_upload(data, "x.csv", catalog)
    assert [(p.code, p.row, p.column) for p in result.errors] == [
        ("totals_row", 4, "地区"),
        ("totals_row", 5, "指标"),
    ]
    assert (
        result.errors[0].message_zh
        == "第4行「地区」列的值「合计」：第4行是合计行：请删除（只上传各地区、各指标本身的数值）"
    )
    assert result.errors[0].message_en == (
        "Row 4, column 地区: '合计': row 4 is a totals row: delete it (upload each "
        "region's and indicator's own figures only)"
    )


def test_a_totals_row_in_a_wide_table_is_one_message_for_all_its_years(catalog):
    data = "指标,地区,2022年,2023年\n智能工厂,全省,100,120\nsmart_factories,Total,1,2\n".encode()
    errors = read_upload(data, "w.csv", catalog).errors
    assert [(p.code, p.row) for p in errors] == [("totals_row", 2), ("totals_row", 3)]
    assert "若这是山东省的数值，请把地区写成「山东省」" in errors[0].message_zh
    assert "if this is Shandong's own figure, write Shandong as the region" in errors[0].message_en


def xlsx_bytes(rows: list[list], merge: tuple[str, ...] = (), formats: dict[str, str] | None = None) -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cells in merge:
        sheet.merge_cells(cells)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "title",
    ["2023年青岛市数字经济主要指标\n单位：个\n", "2023年青岛市数字经济主要指标,,,\n,,,\n", "主要指标\n\n"],
)
def test_title_rows_above_the_header_are_skipped(catalog, title):
    data = (title + "指标,地区,年份,数值\n智能工厂,青岛,2023,60\n智能工厂,济南,2023,40\n").encode("gb18030")
    result = read_upload(data, "titled.csv", catalog)
    assert result.ok, [p.message_en for p in result.errors]
    assert list(result.frame["value"]) == [60.0, 40.0]
    assert list(result.frame["row"]) == [title.count("\n") + 2, title.count("\n") + 3]
    [notice] = result.warnings
    assert notice.message_zh.startswith(
        f"第{title.count(chr(10)) + 1}行：表头在第{title.count(chr(10)) + 1}行：上方"
    )


def test_title_rows_above_the_header_of_a_workbook_are_skipped(catalog):
    data = xlsx_bytes(
        [
            ["2023年山东省数字经济主要指标"],
            [None],
            ["指标", "地区", "2022年", "2023年"],
            ["智能工厂", "青岛", 50, 60],
        ]
    )
    result = read_upload(data, "titled.xlsx", catalog)
    assert result.ok and list(result.frame["value"]) == [50.0, 60.0] and set(result.frame["row"]) == {4}


def test_no_header_is_one_message_naming_the_closest_row(catalog):
    data = "2023年青岛市数字经济主要指标\n名称,地区,年份,数值\n智能工厂,青岛,2023,60\n".encode("gb18030")
    [err] = read_upload(data, "x.csv", catalog).errors
    assert (err.code, err.row) == ("missing_column", 2)
    assert err.message_zh == (
        "第2行：没有找到表头：前3行中没有一行同时包含所需的列。最接近的是第2行（名称、地区、年份、数值），缺少「指标」列。"
        "长表需要 指标、地区、年份、数值 四列；宽表需要 指标、地区 两列加上每年一列（如2023或2023年）"
    )
    assert err.message_en == (
        "Row 2: no header row found: none of the first 3 rows names the columns needed. The "
        "closest is row 2 (名称, 地区, 年份, 数值), which lacks 'indicator'. A long table needs "
        "indicator, region, year, value; a wide table needs indicator, region and one column "
        "per year (2023 or 2023年)"
    )


def test_a_cell_shown_as_a_percentage_reads_as_that_percentage(catalog):
    """0.49 with the number format 0% shows 49% in Excel: it is 49 (%), not 0.49 (%)."""
    data = xlsx_bytes(
        [
            ["指标", "地区", "年份", "数值"],
            ["数字经济占GDP比重", "山东", 2023, 0.49],
            ["数字经济占GDP比重", "青岛", 2023, 0.125],
            ["数字经济占GDP比重", "济南", 2023, 45.5],
            ["智能工厂", "青岛", 2023, 0.6],
        ],
        formats={"D2": "0%", "D3": "0.0%", "D5": "0%"},
    )
    result = read_upload(data, "percent.xlsx", catalog)
    assert list(result.frame["value"]) == [49.0, 12.5, 45.5]  # D4 has no percent format: 45.5 as written
    [err] = result.errors  # a count shown as a percentage is not a count
    assert (err.code, err.row, err.value) == ("unit_mismatch", 5, "60%")


def test_a_merged_range_is_one_message_naming_it(catalog):
    data = xlsx_bytes(
        [
            ["2023年主要指标"],
            ["指标", "地区", "年份", "数值"],
            ["智能工厂", "青岛", 2023, 60],
            [None, "济南", 2023, 40],
            [None, "淄博", 2023, 30],
            ["5G基站", "青岛", 2023, 44500],
        ],
        merge=("A1:D1", "A3:A5"),
    )  # the merged title above the header is no problem
    result = read_upload(data, "merged.xlsx", catalog)
    [err] = result.errors
    assert (err.code, err.row, err.column) == ("merged_cells", 3, "指标")
    assert err.message_zh == (
        "第3行「指标」列：单元格A3:A5是合并单元格，只有第一格有内容，其余各格读到的是空值："
        "请取消合并，并在每一行（每一格）填上各自的值"
    )
    assert err.message_en == (
        "Row 3, column 指标: cells A3:A5 are merged: only the first holds a value and the others "
        "read as empty. Unmerge them and fill in each row (each cell)"
    )
    assert list(result.frame["row"]) == [6]  # no row of the range is read


def test_a_merged_status_does_not_silently_become_reported(catalog):
    data = xlsx_bytes(
        [
            ["指标", "地区", "年份", "数值", "状态"],
            ["智能工厂", "青岛", 2023, 60, "目标"],
            ["智能工厂", "济南", 2023, 40, None],
        ],
        merge=("E2:E3",),
    )
    result = read_upload(data, "merged.xlsx", catalog)
    assert [(p.code, p.row) for p in result.errors] == [("merged_cells", 2)] and result.frame.empty


def test_problems_name_the_users_own_headers(catalog):
    data = (
        "指标名称,地区,年度,数值,单位,数据状态,截至日期\n智能工厂,青岛,2023,60,亿元,实际,\n智能工厂,济南,2023,60,,猜的,\n"
        "智能工厂,日照,2023,60,,,昨天\n智能工厂,淄博,2023,60,,,\n智能工厂,淄博,2023,61,,,\n智能工厂,烟台,2023,-1,,,\n"
    ).encode("gb18030")
    errors = read_upload(data, "x.csv", catalog).errors
    assert [(p.code, p.row, p.column) for p in errors] == [
        ("unit_mismatch", 2, "单位"),
        ("bad_value", 3, "数据状态"),
        ("bad_value", 4, "截至日期"),
        ("duplicate_key", 6, "年度"),
        ("out_of_range", 7, "数值"),
    ]


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")])
def test_merged_ranges_are_named_as_excel_names_them(index, letters):
    from indicators.isolated_reader import column_letters

    assert column_letters(index) == letters


def test_a_name_that_is_known_is_never_a_totals_row(catalog):
    from indicators.cells import is_totals_label

    assert [is_totals_label(t) for t in ("合计", "全省合计", "总 计：", "Total", "SUM", "小计")] == [True] * 6
    result = read_upload("指标,地区,年份,数值\n智能工厂,全国,2023,60\n".encode(), "x.csv", catalog)
    assert result.ok  # 全国 is the country, not a total


def test_a_percentage_on_the_second_sheet_when_the_first_is_empty(catalog):
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "说明"
    sheet = book.create_sheet("数据")
    sheet.append(["指标", "地区", "年份", "数值"])
    sheet.append(["数字经济占GDP比重", "山东", 2023, 0.4])
    sheet["D2"].number_format = "0.00%"
    buffer = io.BytesIO()
    book.save(buffer)
    result = read_upload(buffer.getvalue(), "two_sheets.xlsx", catalog)
    assert result.ok and list(result.frame["value"]) == [40.0]
