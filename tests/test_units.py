"""Values as people write them parse to the number they mean, in the indicator's unit."""

import math

import pytest

from indicators.units import ValueProblem, parse_value, to_unit


@pytest.mark.parametrize(("text", "number", "multiplier", "unit", "qualifier"), [
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
])
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


@pytest.mark.parametrize(("text", "unit_column", "indicator", "expected"), [
    ("45.5万亿", "", "digital_economy_scale", 45.5),
    ("455000", "亿元", "digital_economy_scale", 45.5),
    ("4550000000000", "元", "digital_economy_scale", 4.55),
    ("4.27万", "", "fiveg_base_stations", 42700.0),
    ("37,000", "个", "fiveg_base_stations", 37000.0),
    ("9.86万亿元", "", "gdp", 98600.0),
    ("45%", "", "digital_economy_gdp_share", 45.0),
    ("2240亿条", "", "public_data_records", 2240.0),
    ("13", "位", "ccid_city_rank", 13.0),
])
def test_to_unit_converts(catalog, text, unit_column, indicator, expected):
    assert to_unit(parse_value(text), catalog.unit_of(indicator), catalog, unit_column) == expected


@pytest.mark.parametrize(("text", "unit_column", "indicator"), [
    ("45", "亿元", "fiveg_base_stations"),     # money for a count
    ("3", "个", "digital_economy_scale"),      # a count for money
    ("2.8万", "", "gdp"),                       # 2.8万 what? ambiguous for 亿元
    ("12", "furlongs", "smart_factories"),     # not a unit at all
    ("3.9万亿元", "亿个", "digital_economy_scale"),  # value and unit column disagree
])
def test_to_unit_refuses_what_is_not_a_conversion(catalog, text, unit_column, indicator):
    with pytest.raises(ValueProblem) as err:
        to_unit(parse_value(text), catalog.unit_of(indicator), catalog, unit_column)
    assert err.value.code == "unit_mismatch"
