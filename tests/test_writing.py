"""The writing standard (`writing`): how a number, its unit, qualifier, date, percentage points and rank are
written in Chinese (统计公报 conventions) and English, table-driven on the curated catalog's units."""

from __future__ import annotations

import pytest

from indicators import writing


@pytest.mark.parametrize(
    ("value", "indicator", "lang", "qualifier", "expected"),
    [
        (224000, "fiveg_base_stations", "zh", "", "22.4万个"),  # counts of ten thousand or more in 万
        (4793500, "fiveg_base_stations", "zh", "", "479.35万个"),
        (30361, "fiveg_base_stations", "zh", "", "30,361个"),  # 万 only when no digit is lost
        (1800, "fiveg_base_stations", "zh", "", "1,800个"),
        (224000, "fiveg_base_stations", "en", "", "224,000 stations"),
        (45.0, "digital_economy_gdp_share", "zh", "", "45%"),
        (49.0, "digital_economy_gdp_share", "en", "over", "over 49%"),
        (13, "ccid_city_rank", "zh", "", "第13位"),
        (13, "ccid_city_rank", "en", "", "No. 13"),
        (3.9, "digital_economy_scale", "zh", "over", "超过3.9万亿元"),
        (3.9, "digital_economy_scale", "en", "over", "over 3.9 trillion yuan"),
        (17000, "gdp", "zh", "over", "超过1.7万亿元"),  # 亿元 of a trillion or more in 万亿元 when exact
        (103197, "gdp", "zh", "", "103,197亿元"),
        (103197, "gdp", "en", "", "10,319.7 billion yuan"),
        (17000, "gdp", "en", "", "1.7 trillion yuan"),
        (67000, "gdp", "zh", "about", "约6.7万亿元"),
        (720000, "fiveg_base_stations", "zh", "nearly", "近72万个"),
        (2240, "public_data_records", "en", "over", "over 224 billion records"),
    ],
)
def test_value(catalog, value, indicator, lang, qualifier, expected):
    ind = catalog.indicators[indicator]
    assert writing.value(value, catalog.unit_of(indicator), lang, ind.decimals, qualifier) == expected


@pytest.mark.parametrize(
    ("iso", "zh", "en"),
    [
        ("2025-06-05", "2025年6月5日", "5 June 2025"),
        ("2025-06-30", "2025年6月底", "end-June 2025"),
        ("2024-02-29", "2024年2月底", "end-February 2024"),
        ("2022-09-16", "2022年9月16日", "16 September 2022"),
    ],
)
def test_dates(iso, zh, en):
    assert (writing.date(iso, "zh"), writing.date(iso, "en")) == (zh, en)


def test_points_places_percent_and_sentences():
    assert writing.points(2, "zh", 1) == "2个百分点"
    assert writing.points(-1.5, "en", 1) == "1.5 percentage points"
    assert writing.points(1, "en", 1) == "1 percentage point"
    assert writing.points(2, "en", 1, short=True) == "2 pp"
    assert writing.places(-4, "zh") == "4位" and writing.places(1, "en") == "1 place"
    assert writing.percent(8.0, "zh") == "8.0%"  # a computed share states its precision
    assert writing.percent(30.0, "zh", approximate=True) == "30%"  # from lower bounds: no false precision
    assert writing.sentence("按此速度可如期实现", "zh") == "按此速度可如期实现。"
    assert writing.sentence("on track.", "en") == "on track."
    assert writing.join(["山东省", "青岛市", "济南市"], "zh") == "山东省、青岛市和济南市"
    assert writing.join(["Shandong", "Qingdao"], "en") == "Shandong and Qingdao"


@pytest.mark.parametrize(
    ("note", "qualifier"),
    [
        ("over", "over"),
        ("over; in use; as of about June 2025", "over"),
        ("over (突破); …", "over"),
        ("about; 6.7万亿元 converted", "about"),
        ("nearly (将近); secondary", "nearly"),
        ("about 23,000 USD", ""),  # a remark about a conversion, not a qualifier of the value
        ("overall figure", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_qualifier_is_read_from_the_note(note, qualifier):
    assert writing.qualifier_of(note) == qualifier
