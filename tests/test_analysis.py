"""Analysis on small hand-checked frames: growth is never computed across a missing year, a series break or
a part year, a region is never set against one containing it, and targets are never actuals. The sentences
built on these numbers are checked in test_comparability.py (the trap catalogue)."""

import math

import pandas as pd
import pytest

from indicators import analysis
from indicators.catalog import Catalog, Indicator, Region, SeriesBreak, Source, Unit
from indicators.frame import COLUMNS as OBS_COLUMNS


def make_catalog() -> Catalog:
    units = {
        u.id: u
        for u in [
            Unit("percent", "%", "%", "百分比", "percent", "percent", 1),
            Unit("stations", "个", "stations", "基站个数", "base stations", "count", 1),
            Unit("rank", "位", "rank", "位次", "rank position", "rank", 1),
            Unit("100m_yuan", "亿元", "100m yuan", "人民币亿元", "hundred million yuan", "money", 1e8),
        ]
    }
    indicators = {
        i.id: i
        for i in [
            Indicator(
                "de_share",
                "数字经济占GDP比重",
                "Digital economy, share of GDP",
                "percent",
                "share",
                "higher",
                "digital_economy",
                "",
                "",
                1,
                True,
            ),
            Indicator(
                "fiveg",
                "5G基站",
                "5G base stations",
                "stations",
                "count",
                "higher",
                "infrastructure",
                "",
                "",
                0,
                True,
            ),
            Indicator(
                "city_rank", "城市排名", "City rank", "rank", "rank", "lower", "rankings", "", "", 0, True
            ),
            Indicator(
                "gdp", "地区生产总值", "GDP", "100m_yuan", "amount", "higher", "context", "", "", 1, True
            ),
        ]
    }
    regions = {
        r.id: r
        for r in [
            Region("china", "中国", "China", "country", "", (), 1),
            Region("shandong", "山东省", "Shandong", "province", "china", (), 2),
            Region("qingdao", "青岛市", "Qingdao", "city", "shandong", (), 3),
            Region("jinan", "济南市", "Jinan", "city", "shandong", (), 4),
            Region("yantai", "烟台市", "Yantai", "city", "shandong", (), 5),
        ]
    }
    sources = {"src": Source("src", "测试来源")}
    breaks = (
        SeriesBreak(
            "gdp",
            "shandong",
            2019,
            "census_revision",
            "2019年起为经济普查修订后口径",
            "Census-revised basis from 2019",
        ),
    )
    return Catalog(units, indicators, regions, sources, breaks)


def obs(*rows) -> pd.DataFrame:
    """Rows of (indicator, region, year, value[, status[, as_of[, note]]]) as a tidy frame."""
    records = []
    for ind, reg, year, value, *rest in rows:
        status, as_of, note = [*rest, *("reported", "", "")[len(rest) :]]
        records.append(
            dict(
                indicator_id=ind,
                region_id=reg,
                year=year,
                value=float(value),
                status=status,
                source_id="src",
                as_of=as_of,
                note=note,
            )
        )
    frame = pd.DataFrame.from_records(records, columns=OBS_COLUMNS)
    frame["year"] = frame["year"].astype("int64")
    return frame


CAT = make_catalog()


def test_series_is_sorted_and_leaves_targets_out():
    f = obs(
        ("fiveg", "shandong", 2022, 3),
        ("fiveg", "shandong", 2020, 1),
        ("fiveg", "shandong", 2025, 9, "target"),
    )
    assert analysis.series(f, "fiveg", "shandong")["year"].tolist() == [2020, 2022]
    assert analysis.series(f, "fiveg", "shandong", ("target",))["value"].tolist() == [9.0]


def test_actuals_prefer_reported_over_estimate():
    f = obs(("fiveg", "qingdao", 2022, 31000, "estimate"), ("fiveg", "qingdao", 2022, 30361))
    assert analysis.actuals(f)["value"].tolist() == [30361.0]


def test_yoy_only_against_the_year_before():
    f = obs(
        ("fiveg", "shandong", 2020, 100), ("fiveg", "shandong", 2021, 110), ("fiveg", "shandong", 2023, 121)
    )
    out = analysis.yoy(f, CAT).set_index("year")
    assert math.isnan(out.loc[2020, "yoy_pct"])
    assert out.loc[2021, "yoy_pct"] == pytest.approx(10.0)
    assert math.isnan(out.loc[2023, "yoy_pct"])  # 2022 is missing: no growth across the gap
    assert out["yoy_pp"].isna().all()  # not a share


def test_yoy_of_a_share_in_percentage_points():
    f = obs(("de_share", "shandong", 2021, 40.0), ("de_share", "shandong", 2022, 41.5))
    row = analysis.yoy(f, CAT).set_index("year").loc[2022]
    assert row["yoy_pp"] == pytest.approx(1.5)
    assert row["yoy_pct"] == pytest.approx(3.75)


def test_yoy_not_across_a_series_break():
    f = obs(
        ("gdp", "shandong", 2018, 76469.7),
        ("gdp", "shandong", 2019, 71067.5),
        ("gdp", "shandong", 2020, 73129.0),
    )
    out = analysis.yoy(f, CAT).set_index("year")["yoy_pct"]
    assert math.isnan(out[2019])
    assert out[2020] == pytest.approx((73129.0 / 71067.5 - 1) * 100)


def test_yoy_not_over_a_part_year():
    """Compare's YoY once showed +50.2% for Shandong's 5G stations from September 2020 to December 2021."""
    f = obs(
        ("fiveg", "shandong", 2020, 50000, "reported", "2020-09-27"),
        ("fiveg", "shandong", 2021, 101000),
        ("fiveg", "qingdao", 2024, 100, "reported", "2024-06-30"),
        ("fiveg", "qingdao", 2025, 110, "reported", "2025-06-30"),
    )
    out = analysis.yoy(f, CAT).set_index(["region_id", "year"])["yoy_pct"]
    assert math.isnan(out[("shandong", 2021)])
    assert out[("qingdao", 2025)] == pytest.approx(10.0)  # June against June is a year-on-year change


def test_index_to_base_year():
    f = obs(
        ("fiveg", "qingdao", 2020, 50),
        ("fiveg", "qingdao", 2021, 60),
        ("fiveg", "jinan", 2021, 10),
        ("gdp", "shandong", 2018, 70),
        ("gdp", "shandong", 2020, 80),
        ("gdp", "shandong", 2021, 88),
    )
    out = analysis.index_to_base(f, 2020, CAT).set_index(["indicator_id", "region_id", "year"])["index"]
    assert out[("fiveg", "qingdao", 2020)] == pytest.approx(100.0)
    assert out[("fiveg", "qingdao", 2021)] == pytest.approx(120.0)
    assert math.isnan(out[("fiveg", "jinan", 2021)])  # no base year
    assert math.isnan(out[("gdp", "shandong", 2018)])  # other side of the 2019 break
    assert out[("gdp", "shandong", 2021)] == pytest.approx(110.0)


def test_cagr():
    f = obs(
        ("fiveg", "shandong", 2020, 100),
        ("fiveg", "shandong", 2022, 121),
        ("fiveg", "qingdao", 2022, 5),
        ("gdp", "shandong", 2018, 100),
        ("gdp", "shandong", 2020, 121),
        ("de_share", "jinan", 2020, 0),
        ("de_share", "jinan", 2022, 3),
    )
    out = analysis.cagr(f, CAT, 2020, 2022).set_index(["indicator_id", "region_id"])
    assert out.loc[("fiveg", "shandong"), "cagr_pct"] == pytest.approx(10.0)
    assert math.isnan(out.loc[("fiveg", "qingdao"), "cagr_pct"])  # start missing
    assert math.isnan(out.loc[("de_share", "jinan"), "cagr_pct"])  # non-positive start
    broken = analysis.cagr(f, CAT, 2018, 2020).set_index(["indicator_id", "region_id"])
    assert math.isnan(broken.loc[("gdp", "shandong"), "cagr_pct"])  # across the break
    assert analysis.cagr(f, CAT, 2022, 2020)["cagr_pct"].isna().all()
    assert broken.reset_index().set_index("indicator_id").loc["gdp", "reason"] == "series_break"
    assert out.loc[("fiveg", "qingdao"), "reason"] == "missing"


def test_cagr_of_lower_bounds_is_approximate_and_of_part_years_refused():
    f = obs(
        ("gdp", "shandong", 2020, 73129),
        ("gdp", "shandong", 2022, 87435),
        ("fiveg", "shandong", 2020, 50000, "reported", "2020-09-27"),
        ("fiveg", "shandong", 2022, 160000, "reported", "2022-09-16"),
    )
    out = analysis.cagr(f, CAT, 2020, 2022).set_index("indicator_id")
    assert not out.loc["gdp", "approximate"] and out.loc["gdp", "reason"] == ""
    assert math.isnan(out.loc["fiveg", "cagr_pct"]) and out.loc["fiveg", "reason"] == "part_year"
    bounds = obs(("gdp", "qingdao", 2020, 100, "reported", "", "over"), ("gdp", "qingdao", 2022, 121))
    assert analysis.cagr(bounds, CAT, 2020, 2022)["approximate"].tolist() == [True]


def test_gap_between_regions():
    f = obs(
        ("de_share", "shandong", 2023, 47.0),
        ("de_share", "china", 2023, 42.8),
        ("de_share", "china", 2022, 41.5),
        ("fiveg", "shandong", 2024, 224000),
        ("fiveg", "china", 2024, 4251000),
        ("fiveg", "qingdao", 2024, 42700),
        ("fiveg", "jinan", 2024, 49000),
    )
    out = analysis.gap(f, CAT, "shandong", "china").set_index("indicator_id")
    # only years where both have data, and no gap between China's count and a count of a part of China
    assert out.index.tolist() == ["de_share"]
    assert out.loc["de_share", "gap"] == pytest.approx(4.2)
    assert out.loc["de_share", "gap_unit"] == "pp"
    cities = analysis.gap(f, CAT, "qingdao", "jinan").set_index("indicator_id")  # two cities: a fair gap
    assert cities.loc["fiveg", "gap_unit"] == "stations"
    assert cities.loc["fiveg", "gap"] == -6300
    assert cities.loc["fiveg", "ratio"] == pytest.approx(42700 / 49000)


def test_gap_needs_the_same_date():
    f = obs(
        ("fiveg", "qingdao", 2024, 42700, "reported", "2024-12-13"),
        ("fiveg", "jinan", 2024, 49000, "reported", "2024-09-22"),
    )
    assert analysis.gap(f, CAT, "qingdao", "jinan").empty


def test_share_of_parent():
    f = obs(
        ("fiveg", "qingdao", 2022, 30361),
        ("fiveg", "shandong", 2022, 160000),
        ("fiveg", "jinan", 2022, 20000, "estimate"),  # an expected figure against the parent's reported one
        ("fiveg", "qingdao", 2024, 42700, "reported", "2024-12-13"),  # December against June: no share
        ("fiveg", "shandong", 2024, 224000, "reported", "2024-06-18"),
        ("de_share", "qingdao", 2022, 50),
        ("de_share", "shandong", 2022, 45),
    )
    out = analysis.share_of_parent(f, CAT)
    assert out[["indicator_id", "region_id", "year", "parent_id"]].values.tolist() == [
        ["fiveg", "jinan", 2022, "shandong"],
        ["fiveg", "qingdao", 2022, "shandong"],
    ]
    assert out["approximate"].tolist() == [False, False]
    assert out.set_index("region_id").loc["qingdao", "share_pct"] == pytest.approx(30361 / 160000 * 100)


def test_progress_to_target():
    f = obs(
        ("fiveg", "shandong", 2020, 50000),
        ("fiveg", "shandong", 2022, 160000),
        ("fiveg", "shandong", 2024, 224000),
        ("fiveg", "shandong", 2025, 250000, "target"),
        ("fiveg", "shandong", 2027, 300000, "target"),
        ("fiveg", "shandong", 2018, 1, "target"),
    )
    p = analysis.progress_to_target(f, CAT, "fiveg", "shandong")
    assert (p["latest_year"], p["target_year"], p["gap"], p["achieved"]) == (2024, 2025, 26000, False)
    assert p["required_per_year"] == pytest.approx((250000 / 224000 - 1) * 100)
    assert p["recent_from_year"] == 2020
    assert p["recent_per_year"] == pytest.approx(((224000 / 50000) ** (1 / 4) - 1) * 100)
    assert p["on_track"] is True
    assert analysis.progress_to_target(f[f["year"] < 2025], CAT, "fiveg", "shandong") is None


def test_no_pace_from_a_part_year_figure_or_an_estimate():
    dated = obs(
        ("fiveg", "shandong", 2022, 160000, "reported", "2022-09-16"),
        ("fiveg", "shandong", 2024, 224000, "reported", "2024-06-18"),
        ("fiveg", "shandong", 2025, 250000, "target"),
    )
    p = analysis.progress_to_target(dated, CAT, "fiveg", "shandong")
    assert p["gap"] == 26000 and p["dated"] is True  # the distance is said, with its date
    assert p["on_track"] is None and p["recent_per_year"] is None  # no annual pace over part years
    expected = obs(
        ("gdp", "qingdao", 2023, 100),
        ("gdp", "qingdao", 2024, 110, "estimate"),
        ("gdp", "qingdao", 2026, 130, "target"),
    )
    assert analysis.progress_to_target(expected, CAT, "gdp", "qingdao")["on_track"] is None


def test_progress_to_target_for_a_share_and_a_rank():
    f = obs(
        ("de_share", "shandong", 2022, 45.0),
        ("de_share", "shandong", 2024, 49.0),
        ("de_share", "shandong", 2027, 58.0, "target"),
        ("city_rank", "qingdao", 2020, 17),
        ("city_rank", "qingdao", 2022, 13),
        ("city_rank", "qingdao", 2025, 10, "target"),
    )
    share = analysis.progress_to_target(f, CAT, "de_share", "shandong")
    assert share["required_per_year"] == pytest.approx(3.0)  # percentage points a year
    assert share["recent_per_year"] == pytest.approx(2.0)
    assert share["on_track"] is False
    rank = analysis.progress_to_target(f, CAT, "city_rank", "qingdao")
    assert rank["required_per_year"] == pytest.approx(-1.0)  # places a year (a fall in number is a rise)
    assert rank["recent_per_year"] == pytest.approx(-2.0)
    assert rank["on_track"] is True  # falling faster than needed is good for a rank


def test_recent_growth_not_across_a_break():
    f = obs(
        ("gdp", "shandong", 2018, 76469.7),
        ("gdp", "shandong", 2019, 71067.5),
        ("gdp", "shandong", 2021, 83095.9),
        ("gdp", "shandong", 2025, 100000, "target"),
    )
    p = analysis.progress_to_target(f, CAT, "gdp", "shandong")
    assert p["recent_from_year"] == 2019


def test_rank_changes_against_the_previous_year_with_data():
    f = obs(
        ("city_rank", "qingdao", 2021, 17, "derived"),
        ("city_rank", "qingdao", 2022, 13),
        ("city_rank", "qingdao", 2024, 13),
    )
    out = analysis.rank_changes(f, CAT, "city_rank", "qingdao")
    assert out["year"].tolist() == [2021, 2022, 2024]
    assert out["change"].tolist()[1:] == [4.0, 0.0]
    assert out["years_between"].tolist()[1:] == [1.0, 2.0]
    assert math.isnan(out["change"].iloc[0])


def test_latest_with_change():
    f = obs(
        ("fiveg", "qingdao", 2021, 20207, "derived"),
        ("fiveg", "qingdao", 2023, 37000, "reported", "", "over"),
    )
    out = analysis.latest_with_change(f, CAT, "fiveg", "qingdao")
    assert (out["year"], out["previous_year"], out["note"], out["comparable"]) == (2023, 2021, "over", True)
    assert out["change"] == 37000 - 20207 and out["verdict"].approximate  # "over 37,000": about
    assert out["change_pct"] == pytest.approx((37000 / 20207 - 1) * 100)
    assert out["change_is_good"] is True
    rank = analysis.latest_with_change(
        obs(("city_rank", "qingdao", 2022, 13), ("city_rank", "qingdao", 2024, 15)),
        CAT,
        "city_rank",
        "qingdao",
    )
    assert rank["change"] == 2 and rank["change_is_good"] is False
    broken = analysis.latest_with_change(
        obs(("gdp", "shandong", 2018, 7), ("gdp", "shandong", 2019, 6)), CAT, "gdp", "shandong"
    )
    assert broken["comparable"] is False and broken["change"] is None and broken["previous_year"] == 2018
    assert analysis.latest_with_change(f, CAT, "fiveg", "jinan") is None
    part_year = analysis.latest_with_change(
        obs(("fiveg", "qingdao", 2024, 42700), ("fiveg", "qingdao", 2025, 44500, "reported", "2025-06-05")),
        CAT,
        "fiveg",
        "qingdao",
    )
    assert part_year["change"] == 1800 and part_year["verdict"].dated  # said with both dates
    assert part_year["change_pct"] is None  # no growth rate over a part year
