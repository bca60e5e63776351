"""Values as people write them parse to the number they mean, in the indicator's unit."""

import math

import pytest

from indicators.units import ValueProblem, parse_value, to_unit


@pytest.mark.parametrize(
    ("text", "number", "multiplier", "unit", "qualifier"),
    [
        ("28000", 28000.0, 1, "", ""),
        ("28,000", 28000.0, 1, "", ""),
        ("2.8万", 2.8, 1e4, "", ""),
        ("45%", 45.0, 1, "%", ""),
        ("45％", 45.0, 1, "%", ""),
        ("3.9万亿", 3.9, 1e12, "", ""),
        ("3.9万亿元", 3.9, 1e12, "元", ""),
        ("超过3.9万亿元", 3.9, 1e12, "元", "over"),
        ("4.27万个", 4.27, 1e4, "个", ""),
        ("２８０００", 28000.0, 1, "", ""),
        ("１２，３４５", 12345.0, 1, "", ""),
        (" 17 ", 17.0, 1, "", ""),
        ("约39%", 39.0, 1, "%", "about"),
        ("1200余", 1200.0, 1, "", "over"),
        ("-0", 0.0, 1, "", ""),
        ("1.5e3", 1500.0, 1, "", ""),
    ],
)
def test_parse_value(text, number, multiplier, unit, qualifier):
    parsed = parse_value(text)
    assert parsed.number == number
    assert parsed.multiplier == multiplier
    assert parsed.unit_text == unit
    assert parsed.qualifier == qualifier
    assert not math.copysign(1, parsed.number) < 0 or parsed.number != 0


@pytest.mark.parametrize("text", ["abc", "1,2,3,4", "NaN", "inf", "1e309", "", "12..5", "二万", "=1+1"])
def test_parse_value_rejects(text):
    with pytest.raises(ValueProblem) as err:
        parse_value(text)
    assert err.value.code == "bad_value"
    assert err.value.detail_zh and err.value.detail_en


@pytest.mark.parametrize(
    ("text", "unit_column", "indicator", "expected"),
    [
        ("45.5万亿", "", "digital_economy_scale", 45.5),
        ("455000", "亿元", "digital_economy_scale", 45.5),
        ("4550000000000", "元", "digital_economy_scale", 4.55),
        ("4.27万", "", "fiveg_base_stations", 42700.0),
        ("37,000", "个", "fiveg_base_stations", 37000.0),
        ("9.86万亿元", "", "gdp", 98600.0),
        ("45%", "", "digital_economy_gdp_share", 45.0),
        ("2240亿条", "", "public_data_records", 2240.0),
        ("13", "位", "ccid_city_rank", 13.0),
    ],
)
def test_to_unit_converts(catalog, text, unit_column, indicator, expected):
    assert to_unit(parse_value(text), catalog.unit_of(indicator), catalog, unit_column) == expected


@pytest.mark.parametrize(
    ("text", "unit_column", "indicator"),
    [
        ("45", "亿元", "fiveg_base_stations"),  # money for a count
        ("3", "个", "digital_economy_scale"),  # a count for money
        ("2.8万", "", "gdp"),  # 2.8万 what? ambiguous for 亿元
        ("12", "furlongs", "smart_factories"),  # not a unit at all
        ("3.9万亿元", "亿个", "digital_economy_scale"),  # value and unit column disagree
    ],
)
def test_to_unit_refuses_what_is_not_a_conversion(catalog, text, unit_column, indicator):
    with pytest.raises(ValueProblem) as err:
        to_unit(parse_value(text), catalog.unit_of(indicator), catalog, unit_column)
    assert err.value.code == "unit_mismatch"


# -- separators that could be read two ways are refused with the fix (issue 16, item 4.1) -----------------
@pytest.mark.parametrize(
    ("text", "kind", "zh", "en"),
    [
        (
            "62.000",
            "count",
            "无法判断是62还是62000：请写成62000（不用千位分隔符）或62",
            "62.000 could be 62 or 62,000: write 62000 (no thousands separator) or 62",
        ),
        (
            "62.500",
            "count",
            "无法判断是62.5还是62500：请写成62500（不用千位分隔符）或62.5",
            "62.500 could be 62.5 or 62,500: write 62500 (no thousands separator) or 62.5",
        ),
        (
            "3.000",
            "amount",
            "无法判断是3还是3000：请写成3000（不用千位分隔符）或3",
            "3.000 could be 3 or 3,000: write 3000 (no thousands separator) or 3",
        ),
        (
            "12,345",
            "share",
            "无法判断是12.345还是12345：请写成12345（不用千位分隔符）或12.345",
            "12,345 could be 12.345 or 12,345: write 12345 (no thousands separator) or 12.345",
        ),
    ],
)
def test_an_ambiguous_separator_is_refused_with_the_fix(text, kind, zh, en):
    from indicators.units import check_separators

    with pytest.raises(ValueProblem) as err:
        check_separators(parse_value(text), kind)
    assert (err.value.code, err.value.detail_zh, err.value.detail_en) == ("bad_value", zh, en)


@pytest.mark.parametrize(
    ("text", "kind", "number"),
    [
        ("1,234,567", "count", 1234567.0),
        ("1,234.5", "amount", 1234.5),
        ("62.5", "count", 62.5),
        ("0.125", "share", 0.125),
        ("3.9万", "count", 3.9),
        ("１２，３４５", "count", 12345.0),
        ("3.875", "amount", 3.875),
        ("62.000", "share", 62.0),
        ("1,234", "count", 1234.0),
        ("4.000万", "count", 4.0),
        ("12.345", "share", 12.345),
    ],
)
def test_an_unambiguous_separator_keeps_working(text, kind, number):
    from indicators.units import check_separators

    parsed = parse_value(text)
    check_separators(parsed, kind)
    assert parsed.number == number


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        (
            "17350,2",
            "逗号像是用作小数点：请用英文句点作小数点、不用千位分隔符，写成「17350.2」",
            "the comma looks like a decimal mark: use a point for decimals and no thousands separator, and write 17350.2",
        ),
        (
            "1.234,5亿元",
            "逗号像是用作小数点：请用英文句点作小数点、不用千位分隔符，写成「1234.5亿元」",
            "the comma looks like a decimal mark: use a point for decimals and no thousands separator, and write 1234.5亿元",
        ),
        (
            "约17350,2亿元",
            "逗号像是用作小数点：请用英文句点作小数点、不用千位分隔符，写成「约17350.2亿元」",
            "the comma looks like a decimal mark: use a point for decimals and no thousands separator, and write 约17350.2亿元",
        ),
        (
            "1.234.567",
            "句点像是用作千位分隔符：请不用千位分隔符，写成「1234567」",
            "the points look like thousands separators: write 1234567 (no thousands separator)",
        ),
    ],
)
def test_european_separators_are_refused_with_the_number_rewritten(text, zh, en):
    with pytest.raises(ValueProblem) as err:
        parse_value(text)
    assert (err.value.code, err.value.detail_zh, err.value.detail_en) == ("bad_value", zh, en)


# -- a value that restates the unit column's unit (issue 16, item 4.3) ----------------------------------
@pytest.mark.parametrize(
    ("text", "unit_column", "indicator", "expected"),
    [
        ("3.9万亿元", "万亿元", "digital_economy_scale", 3.9),
        ("16719.5亿元", "亿元", "digital_economy_scale", 1.67195),
        ("3.9万亿", "万亿元", "digital_economy_scale", 3.9),
        ("4.27万个", "个", "fiveg_base_stations", 42700.0),
        ("3.9万亿元", "元", "digital_economy_scale", 3.9),
    ],
)
def test_a_value_may_restate_the_unit_columns_unit(catalog, text, unit_column, indicator, expected):
    assert to_unit(parse_value(text), catalog.unit_of(indicator), catalog, unit_column) == expected


@pytest.mark.parametrize(
    ("text", "unit_column", "written"),
    [
        ("16719.5亿元", "万亿元", "亿元"),  # which one is right? not ours to pick
        ("3.9万", "亿元", "万"),  # 3.9万 of 亿元, or 3.9万 written where 亿元 was meant?
    ],
)
def test_a_value_whose_unit_contradicts_the_unit_column_is_refused(catalog, text, unit_column, written):
    with pytest.raises(ValueProblem) as err:
        to_unit(parse_value(text), catalog.unit_of("digital_economy_scale"), catalog, unit_column)
    assert err.value.code == "unit_mismatch"
    assert err.value.detail_zh == (
        f"数值中的单位「{written}」与单位列「{unit_column}」不一致：请只在一处写单位，或改正其中一处"
    )
    assert err.value.detail_en == (
        f"the unit '{written}' in the value differs from the unit column '{unit_column}': "
        "write the unit in one place only, or correct one of them"
    )
