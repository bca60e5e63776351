"""The trap catalogue: one row per known trap of these figures (the reference README's, and each unfair
statement the product once made), with the wording or refusal expected in both languages, run against the
real curated rows and against synthetic ones. Below it, the verdicts of `comparability` one rule at a time.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pytest

from indicators import analysis, cards, charts, comparability, sentences, settings, tables, transforms
from indicators.catalog import Catalog, Indicator, Region, SeriesBreak, Source, Unit, load_catalog
from indicators.comparability import Figure
from indicators.deck import chart_content
from indicators.frame import COLUMNS as OBS_COLUMNS
from indicators.frame import read_curated

CURATED = load_catalog()
FRAME = read_curated(settings.data_dir() / "observations.csv")


def years(first: int, last: int) -> pd.DataFrame:
    return FRAME[(FRAME["year"] >= first) & (FRAME["year"] <= last)]


def takeaway(indicator_id: str, regions: list[str], frame: pd.DataFrame = FRAME) -> Callable[[str], str]:
    return lambda lang: sentences.takeaway(frame, CURATED, indicator_id, regions, lang)


def share_lines(indicator_id: str, regions: list[str]) -> Callable[[str], str]:
    return lambda lang: "\n".join(sentences.share_lines(FRAME, CURATED, indicator_id, regions, lang)[1])


# -- a small synthetic catalog for traps the curated data does not hold ---------------------------------------
def synthetic_catalog() -> Catalog:
    units = {
        u.id: u
        for u in [
            Unit("stations", "个", "stations", "基站个数", "base stations", "count", 1),
            Unit("percent", "%", "%", "百分比", "percent", "percent", 1),
            Unit("trillion_yuan", "万亿元", "trillion yuan", "万亿元", "trillion yuan", "money", 1e12),
        ]
    }
    indicators = {
        i.id: i
        for i in [
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
                1,
            ),
            Indicator(
                "racks", "机架", "Racks", "stations", "count", "higher", "infrastructure", "", "", 0, 0
            ),
            Indicator(
                "scale",
                "数字经济规模",
                "Digital economy size",
                "trillion_yuan",
                "amount",
                "higher",
                "digital_economy",
                "",
                "",
                2,
                0,
            ),
            Indicator(
                "share",
                "数字经济占比",
                "Digital economy share",
                "percent",
                "share",
                "higher",
                "digital_economy",
                "",
                "",
                1,
                0,
            ),
        ]
    }
    regions = {
        r.id: r
        for r in [
            Region("china", "全国", "China", "country", "", (), 1),
            Region("shandong", "山东省", "Shandong", "province", "china", (), 2),
            Region("qingdao", "青岛市", "Qingdao", "city", "shandong", (), 3),
            Region("jinan", "济南市", "Jinan", "city", "shandong", (), 4),
        ]
    }
    breaks = (
        SeriesBreak(
            "racks",
            "qingdao",
            2024,
            "change_of_measure",
            "2024年起只计在用机架",
            "In use from 2024",
            standard_after=False,
        ),
    )
    return Catalog(units, indicators, regions, {"src": Source("src", "测试来源")}, breaks)


SYN = synthetic_catalog()


def rows(*records) -> pd.DataFrame:
    """(indicator, region, year, value[, status[, as_of[, note]]]) as a tidy frame."""
    out = []
    for ind, reg, year, value, *rest in records:
        status, as_of, note = [*rest, *("reported", "", "")[len(rest) :]]
        out.append(
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
    frame = pd.DataFrame.from_records(out, columns=OBS_COLUMNS)
    frame["year"] = frame["year"].astype("int64")
    return frame


def synthetic(frame: pd.DataFrame, indicator_id: str, regions: list[str]) -> Callable[[str], str]:
    return lambda lang: sentences.takeaway(frame, SYN, indicator_id, regions, lang)


JUNE_AFTER_DECEMBER = rows(
    ("fiveg", "qingdao", 2024, 42700),
    ("fiveg", "qingdao", 2025, 44500, "reported", "2025-06-30"),
    ("fiveg", "shandong", 2024, 224000, "reported", "2024-06-30"),
)
LOWER_BOUND = rows(
    ("scale", "shandong", 2020, 3, "reported", "", "over"),
    ("scale", "shandong", 2022, 3.9, "reported", "", "over; 突破"),
)
ESTIMATE = rows(("scale", "qingdao", 2024, 1.6), ("scale", "qingdao", 2025, 1.72, "estimate"))
# the pace a target needs, from 4.4 to 5 trillion yuan in two years: (5 / 4.4)^(1/2) − 1 = 6.6% a year; from
# 110,000 to 121,000 stations: (1.1)^(1/2) − 1 = 4.9%; the recent pace 4.4 / 4 − 1 = 11 / 10 − 1 = 10%
TARGET_PACE = rows(
    ("scale", "shandong", 2022, 4.0),
    ("scale", "shandong", 2023, 4.4),
    ("scale", "shandong", 2025, 5.0, "target"),
    ("fiveg", "shandong", 2022, 100000),
    ("fiveg", "shandong", 2023, 110000),
    ("fiveg", "shandong", 2025, 121000, "target"),
)
MEASURE = rows(
    ("racks", "qingdao", 2023, 49000), ("racks", "qingdao", 2024, 57000), ("racks", "jinan", 2024, 100000)
)


@dataclass(frozen=True)
class Trap:
    name: str
    say: Callable[[str], str]
    zh: str
    en: str


TRAPS = [
    # a region and one it contains: no lead in a count or amount; the share of the parent instead
    Trap(
        "province_contains_city_amount",
        takeaway("gdp", ["shandong", "qingdao"]),
        "2025年山东省地区生产总值为103,197亿元，按现价计算，比2024年增长4.7%；2025年青岛市占山东省的16.5%以上（含预计数）。",
        "GDP (Shandong): 10,319.7 billion yuan in 2025, up 4.7% compared with 2024 in nominal terms; in 2025 "
        "Qingdao accounted for more than 16.5% of Shandong's total (including an expected figure).",
    ),
    Trap(
        "country_contains_province_amount",
        takeaway("digital_economy_scale", ["china", "shandong"]),
        "2023年全国数字经济规模为53.9万亿元，按现价计算，比2022年增长7.4%；2023年山东省占全国的8.0%。",
        "Digital economy size (China): 53.9 trillion yuan in 2023, up 7.4% compared with 2022 in nominal terms; in "
        "2023 Shandong accounted for 8.0% of China's total.",
    ),
    Trap(
        "country_contains_city_count",
        takeaway("fiveg_base_stations", ["china", "qingdao"]),
        "2025年全国5G基站为483.8万个，比2024年增长13.8%；2021年青岛市占全国的1.4%（含推算数）。",
        "5G base stations (China): 4,838,000 stations in 2025, up 13.8% compared with 2024; in 2021 Qingdao "
        "accounted for 1.4% of China's total (including a derived figure).",
    ),
    # part-year figures: a change names both dates, with no growth rate; no share across dates
    Trap(
        "june_after_december_racks",
        takeaway("data_center_standard_racks", ["qingdao"]),
        "截至2025年6月5日，青岛市数据中心标准机架超过6.2万架，比2024年12月24日增加约5,000架。",
        "Data-centre standard racks (Qingdao): over 62,000 racks as of 5 June 2025, up about 5,000 racks compared "
        "with 24 December 2024.",
    ),
    Trap(
        "june_after_december_5g",
        takeaway("fiveg_base_stations", ["qingdao"]),
        "截至2025年6月5日，青岛市5G基站为4.45万个，比2024年12月13日增加1,800个。",
        "5G base stations (Qingdao): 44,500 stations as of 5 June 2025, up 1,800 stations compared with "
        "13 December 2024.",
    ),
    Trap(
        "june_after_september_5g",
        takeaway("fiveg_base_stations", ["shandong"]),
        "截至2024年6月18日，山东省5G基站为22.4万个，比2022年9月16日增加6.4万个。",
        "5G base stations (Shandong): 224,000 stations as of 18 June 2024, up 64,000 stations compared with "
        "16 September 2022.",
    ),
    Trap(
        "share_of_parent_needs_one_date",
        share_lines("fiveg_base_stations", ["qingdao"]),
        "2021年，青岛市20,207个（推算），占山东省（10.1万个）的20.0%。\n"
        "2022年青岛市（2022年9月底）与山东省（2022年9月16日）的数据时点不同，不计算比重。\n"
        "2024年青岛市（2024年12月13日）与山东省（2024年6月18日）的数据时点不同，不计算比重。",
        "2021: Qingdao 20,207 stations (derived), 20.0% of Shandong's 101,000 stations.\n"
        "2022: Qingdao (end-September 2022) and Shandong (16 September 2022) refer to different dates, so no "
        "share is computed.\n"
        "2024: Qingdao (13 December 2024) and Shandong (18 June 2024) refer to different dates, so no share is "
        "computed.",
    ),
    Trap(
        "synthetic_city_june_after_december",
        synthetic(JUNE_AFTER_DECEMBER, "fiveg", ["qingdao", "shandong"]),
        "截至2025年6月底，青岛市5G基站为4.45万个，比2024年底增加1,800个。",
        "5G base stations (Qingdao): 44,500 stations as of end-June 2025, up 1,800 stations compared with "
        "end-2024.",
    ),
    # an expected value says so; a change from it is said as expected and, from a lower bound, approximate
    Trap(
        "expected_value",
        takeaway("gdp", ["qingdao"]),
        "2025年青岛市地区生产总值预计超过1.7万亿元，按现价计算，比2024年增长1.7%以上。",
        "GDP (Qingdao): over 1.7 trillion yuan in 2025 (expected), up more than 1.7% compared with 2024 in "
        "nominal terms.",
    ),
    Trap(
        "synthetic_expected_value",
        synthetic(ESTIMATE, "scale", ["qingdao"]),
        "2025年青岛市数字经济规模预计为1.72万亿元，按现价计算，比2024年增长7.5%。",
        "Digital economy size (Qingdao): 1.72 trillion yuan in 2025 (expected), up 7.5% compared with 2024 in "
        "nominal terms.",
    ),
    # an amount of money is at current prices: the pace a target needs, and the recent pace, are nominal
    Trap(
        "synthetic_target_pace_of_money_is_nominal",
        lambda lang: "\n".join(
            sentences.target_lines(TARGET_PACE, SYN, ["scale", "fiveg"], ["shandong"], lang)
        ),
        "山东省数字经济规模2023年为4.4万亿元，距2025年目标（5万亿元）还差0.6万亿元；按现价计算，需年均增长6.6%，"
        "2022—2023年年均增长10.0%，按此速度可如期实现。\n"
        "山东省5G基站2023年为11万个，距2025年目标（12.1万个）还差1.1万个；需年均增长4.9%，2022—2023年年均增长10.0%，"
        "按此速度可如期实现。",
        "Digital economy size (Shandong): 4.4 trillion yuan in 2023; the 2025 target is 5 trillion yuan, 0.6 "
        "trillion yuan away; in nominal terms it needs growth of 6.6% a year, against growth of 10.0% a year from "
        "2022 to 2023, so at that pace it would be met.\n"
        "5G base stations (Shandong): 110,000 stations in 2023; the 2025 target is 121,000 stations, 11,000 "
        "stations away; it needs growth of 4.9% a year, against growth of 10.0% a year from 2022 to 2023, so at "
        "that pace it would be met.",
    ),
    # same name, different measure: nothing computed across the change
    Trap(
        "first_batch_then_cumulative",
        takeaway("smart_communities", ["shandong"]),
        "2022年山东省智慧社区超过1,200个；2022年起统计口径改变，不与2021年比较。",
        "Smart communities (Shandong): over 1,200 communities in 2022; the measure changed in 2022, so it is not "
        "compared with 2021.",
    ),
    Trap(
        "built_not_opened",
        takeaway("fiveg_base_stations", ["qingdao"], years(2021, 2023)),
        "截至2023年12月7日，青岛市5G基站超过3.7万个；2023年起统计口径改变，不与2022年比较。",
        "5G base stations (Qingdao): over 37,000 stations as of 7 December 2023; the measure changed in 2023, so "
        "it is not compared with 2022.",
    ),
    Trap(
        "opened_again",
        takeaway("fiveg_base_stations", ["qingdao"], years(2023, 2024)),
        "截至2024年12月13日，青岛市5G基站为4.27万个；2024年起统计口径改变，不与2023年比较。",
        "5G base stations (Qingdao): 42,700 stations as of 13 December 2024; the measure changed in 2024, so it "
        "is not compared with 2023.",
    ),
    Trap(
        "racks_in_use_not_all",
        takeaway("data_center_standard_racks", ["qingdao"], years(2022, 2024)),
        "截至2024年12月24日，青岛市数据中心标准机架超过5.7万架；2024年起统计口径改变，不与2023年比较。",
        "Data-centre standard racks (Qingdao): over 57,000 racks as of 24 December 2024; the measure changed in "
        "2024, so it is not compared with 2023.",
    ),
    Trap(
        "core_share_census_basis",
        takeaway("digital_economy_core_gdp_share", ["china"]),
        "2023年全国数字经济核心产业增加值占GDP比重为9.9%；2023年起数据按经济普查结果修订，不与2020年比较。",
        "Digital-economy core industries, share of GDP (China): 9.9% in 2023; the figures were revised after an "
        "economic census in 2023, so it is not compared with 2020.",
    ),
    Trap(
        "synthetic_change_of_measure",
        synthetic(MEASURE, "racks", ["qingdao", "jinan"]),
        "2024年青岛市机架为5.7万个；2024年起统计口径改变，不与2023年比较。",
        "Racks (Qingdao): 57,000 stations in 2024; the measure changed in 2024, so it is not compared with 2023.",
    ),
    # census revision: no growth across it
    Trap(
        "census_revision_gdp",
        takeaway("gdp", ["shandong"], years(2016, 2019)),
        "2019年山东省地区生产总值为71,067.5亿元；2019年起数据按经济普查结果修订，不与2018年比较。",
        "GDP (Shandong): 7,106.75 billion yuan in 2019; the figures were revised after an economic census in "
        "2019, so it is not compared with 2018.",
    ),
    # lower bounds: 'over' kept; a change between two bounds approximate, from an exact figure to a bound a
    # lower bound itself, from a bound to an exact figure an upper bound
    Trap(
        "lower_bounds",
        takeaway("digital_economy_scale", ["shandong"], years(2020, 2022)),
        "2022年山东省数字经济规模超过3.9万亿元，按现价计算，比2020年增长约30%。",
        "Digital economy size (Shandong): over 3.9 trillion yuan in 2022, up about 30% compared with 2020 in "
        "nominal terms.",
    ),
    Trap(
        "from_a_bound_to_an_exact_figure",
        takeaway("digital_economy_scale", ["shandong"], years(2022, 2023)),
        "2023年山东省数字经济规模为4.3万亿元，按现价计算，比2022年增长不超过10.3%。",
        "Digital economy size (Shandong): 4.3 trillion yuan in 2023, up at most 10.3% compared with 2022 in "
        "nominal terms.",
    ),
    Trap(
        "synthetic_lower_bounds",
        synthetic(LOWER_BOUND, "scale", ["shandong"]),
        "2022年山东省数字经济规模超过3.9万亿元，按现价计算，比2020年增长约30%。",
        "Digital economy size (Shandong): over 3.9 trillion yuan in 2022, up about 30% compared with 2020 in "
        "nominal terms.",
    ),
    # two regions that do not contain each other's figure: a share may be compared, in points, in one year
    Trap(
        "share_between_country_and_province",
        takeaway("digital_economy_gdp_share", ["shandong", "china"]),
        "2024年山东省数字经济占GDP比重超过49%，比2023年提高2个百分点以上；2023年山东省比全国高4.2个百分点。",
        "Digital economy, share of GDP (Shandong): over 49% in 2024, up more than 2 percentage points compared "
        "with 2023; in 2023 Shandong was 4.2 percentage points above China.",
    ),
    # counts of listed members are counts, and each list's count stands alone
    Trap(
        "listed_members_are_a_count",
        takeaway("top100_digital_cities_count", ["shandong"]),
        "2025年山东省入选数字城市类百强榜的城市数为16个；2025年起改用其他榜单，不与2022年比较。",
        "Cities on a national digital top-100 list (Shandong): 16 cities in 2025; the list changed in 2025, so it "
        "is not compared with 2022.",
    ),
    Trap(
        "listed_members_have_no_rank_lines",
        lambda lang: "\n".join(
            sentences.rank_lines(FRAME, CURATED, "top100_digital_cities_count", ["shandong"], lang)
        ),
        "",
        "",
    ),
    # ranks: only within one list; a fall in number is a rise in place
    Trap(
        "province_and_city_lists",
        takeaway("caict_de_competitiveness_rank", ["shandong", "qingdao"]),
        "2019年山东省数字经济竞争力指数排名（中国信通院）为第6位（所选范围内仅此一个数据）。",
        "Digital-economy competitiveness rank (CAICT) (Shandong): No. 6 in 2019 (the only figure in the "
        "selection).",
    ),
    Trap(
        "rank_rises_when_number_falls",
        lambda lang: "\n".join(sentences.rank_lines(FRAME, CURATED, "ccid_city_rank", ["qingdao"], lang)),
        "青岛市2021年第17位。\n青岛市2022年第13位，比2021年上升4位。\n青岛市2024年第13位，与2022年持平。",
        "Qingdao: No. 17 in 2021.\nQingdao: No. 13 in 2022, up 4 places compared with 2021.\n"
        "Qingdao: No. 13 in 2024, unchanged from 2022.",
    ),
    # same value, different date: the end-2022 figure of the 2023-05 article is the 2022 figure
    Trap(
        "same_value_different_date",
        takeaway("equipment_digitization_rate", ["qingdao"]),
        "2022年青岛市生产设备数字化率为57.5%（所选范围内仅此一个数据）。",
        "Production-equipment digitisation rate (Qingdao): 57.5% in 2022 (the only figure in the selection).",
    ),
]


@pytest.mark.parametrize("trap", TRAPS, ids=[trap.name for trap in TRAPS])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_trap_catalogue(trap: Trap, lang: str) -> None:
    assert trap.say(lang) == (trap.zh if lang == "zh" else trap.en)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_sentence_on_the_curated_data_leads_a_containing_region(lang: str) -> None:
    """Every indicator, every pair of nested regions: no 'led', 'more than' or 'above' between a region's
    count or amount and a region containing it."""
    banned = (
        ("领先", "比全国多", "比山东省多", "比全国高", "比山东省高")
        if lang == "zh"
        else (" led ", "more than China", "more than Shandong", "above China", "above Shandong")
    )
    for ind_id, ind in CURATED.indicators.items():
        if ind.kind not in ("count", "amount"):
            continue
        for regions in (
            ["china", "shandong"],
            ["shandong", "qingdao"],
            ["china", "qingdao"],
            ["qingdao", "china"],
        ):
            text = sentences.takeaway(FRAME, CURATED, ind_id, regions, lang)
            assert not any(word in text for word in banned), (ind_id, regions, text)


def test_rank_card_rises_when_the_number_falls() -> None:
    """The Overview card for a rank going from 17 to 13 once showed '↓ -4'."""
    for lang, words in (("zh", "上升4位"), ("en", "up 4 places")):
        card = cards.card(years(2021, 2022), CURATED, "ccid_city_rank", "qingdao", lang)
        assert (card.value, card.delta, card.delta_arrow, card.delta_color) == (
            "第13位" if lang == "zh" else "No. 13",
            words,
            "up",
            "green",
        )


def test_expected_value_is_said_expected_everywhere() -> None:
    card = cards.card(FRAME, CURATED, "gdp", "qingdao", "zh")
    assert (
        card.label == "青岛市 · 2025年 · 预计" and card.value == "超过1.7万亿元" and card.delta == "1.7%以上"
    )
    assert cards.card(FRAME, CURATED, "gdp", "qingdao", "en").label == "Qingdao · 2025 · expected"
    fig = charts.trend(FRAME, CURATED, "gdp", ["qingdao"], "zh")
    hovers = [c for trace in fig.data for c in (trace.customdata or []) if c[1]]
    assert ["青岛市", "超过1.7万亿元", "预计"] in [list(c[:3]) for c in hovers]
    assert any(trace.line.dash == "dash" for trace in fig.data)  # the line into an expected value is dashed
    table = tables.readable(
        FRAME[(FRAME["indicator_id"] == "gdp") & (FRAME["region_id"] == "qingdao")], CURATED, "zh"
    )
    assert table.loc[table["年份"] == 2025, "状态"].tolist() == ["预计"]


def test_lower_bound_keeps_its_qualifier_wherever_shown() -> None:
    card = cards.card(years(2020, 2022), CURATED, "digital_economy_scale", "shandong", "en")
    assert card.value == "over 3.9 trillion yuan" and card.delta == "about 30%"
    fig = charts.trend(FRAME, CURATED, "digital_economy_scale", ["shandong"], "zh")
    values = [c[1] for trace in fig.data for c in (trace.customdata or []) if c[1]]
    assert "超过3.9万亿元" in values


def test_packs_draw_no_national_count_beside_provinces_and_cities() -> None:
    """Present, the briefing and the slide pack once drew China beside Shandong and Qingdao on counts."""
    for ind_id, kind in (
        ("fiveg_base_stations", "count"),
        ("gdp", "amount"),
        ("digital_economy_gdp_share", "share"),
    ):
        content = chart_content(FRAME, CURATED, ind_id, ["shandong", "qingdao"], "china", None, "zh")
        assert ("china" in content.regions) is (kind == "share"), (ind_id, content.regions)
        assert set(content.rows["region_id"]) <= set(content.regions)


def test_level_chart_and_sparkline_are_not_joined_across_a_break() -> None:
    shandong_gdp = FRAME[(FRAME["indicator_id"] == "gdp") & (FRAME["region_id"] == "shandong")]
    result = transforms.apply(shandong_gdp, CURATED, ["gdp"], ["shandong"], "level", "zh")
    fig = charts.transformed(result.frame, CURATED, result.column, result.y_title, "GDP", "zh")
    xs = list(fig.data[0].x)
    assert xs[xs.index(2018) + 1] is None and xs[xs.index(2018) + 2] == 2019
    spark = cards.card(FRAME, CURATED, "gdp", "shandong", "zh").spark
    assert spark[:5] == (67000.0, 72700.0, 76469.7, spark[3], 71067.5) and math.isnan(spark[3])


def test_compare_tables_say_why_no_rate() -> None:
    result = transforms.apply(
        FRAME, CURATED, ["fiveg_base_stations"], ["shandong"], "cagr", "zh", start=2020, end=2022
    )
    table = transforms.table(result, CURATED, "zh", "cagr")
    assert table.iloc[0].to_dict() == {
        "指标": "5G基站",
        "地区": "山东省",
        "起始年": 2020,
        "终止年": 2022,
        "年均复合增速": "",
        "说明": "两个数据不是同一时点，不计算年均增速",
    }
    yoy = transforms.apply(FRAME, CURATED, ["fiveg_base_stations"], ["shandong"], "yoy", "en")
    assert yoy.frame["yoy_pct"].isna().all()  # September 2020, December 2021, September 2022, June 2024


def test_target_verdicts_only_on_whole_years_of_exact_figures() -> None:
    lines = sentences.target_lines(FRAME, CURATED, list(CURATED.indicators), ["shandong", "jinan"], "zh")
    five_g = next(line for line in lines if line.startswith("山东省5G基站"))
    assert five_g == "山东省5G基站截至2024年6月18日为22.4万个，距2025年目标（25万个）还差2.6万个。"
    share = next(line for line in lines if line.startswith("山东省数字经济占GDP比重"))
    assert share == "山东省数字经济占GDP比重2024年超过49%，距2025年目标（超过50%）还差约1个百分点。"
    jinan = next(line for line in lines if line.startswith("济南市数字经济占GDP比重"))
    # a target 'over 60%': the distance and the pace it needs are at least what reaching 60% takes
    assert jinan == (
        "济南市数字经济占GDP比重2022年为47%，距2030年目标（超过60%）还差13个百分点以上；"
        "需年均提高1.6个百分点以上，2021—2022年年均提高2个百分点，按此速度可如期实现。"
    )


# -- the rules one at a time ----------------------------------------------------------------------------------
def fig(
    ind: str, region: str, year: int, value: float, status: str = "reported", as_of: str = "", note: str = ""
) -> Figure:
    return Figure(ind, region, year, value, status, "src", as_of, note)


def test_containment_refuses_gaps_in_counts_but_not_in_shares() -> None:
    assert (
        comparability.across(SYN, fig("fiveg", "shandong", 2024, 10), fig("fiveg", "qingdao", 2024, 2)).reason
        == comparability.CONTAINS
    )
    assert (
        comparability.across(SYN, fig("fiveg", "china", 2024, 10), fig("fiveg", "qingdao", 2024, 2)).reason
        == comparability.CONTAINS
    )
    assert comparability.across(SYN, fig("share", "shandong", 2024, 49), fig("share", "china", 2024, 42))
    assert comparability.across(SYN, fig("fiveg", "jinan", 2024, 10), fig("fiveg", "qingdao", 2024, 2))
    assert comparability.share(SYN, fig("fiveg", "qingdao", 2024, 2), fig("fiveg", "shandong", 2024, 10))
    assert not comparability.share(SYN, fig("fiveg", "shandong", 2024, 10), fig("fiveg", "qingdao", 2024, 2))


def test_dates_must_match_across_regions_and_be_named_within_a_series() -> None:
    june, december = (
        fig("fiveg", "qingdao", 2025, 110, as_of="2025-06-30"),
        fig("fiveg", "qingdao", 2024, 100),
    )
    assert comparability.change(SYN, december, june).dated
    assert comparability.growth(SYN, december, june).reason == comparability.PART_YEAR
    assert (
        comparability.share(
            SYN, fig("fiveg", "qingdao", 2024, 1), fig("fiveg", "shandong", 2024, 9, as_of="2024-06-30")
        ).reason
        == comparability.DATES_DIFFER
    )
    june_before = fig("fiveg", "qingdao", 2024, 100, as_of="2024-06-30")
    assert comparability.growth(SYN, june_before, june)  # June against June is a whole year


def test_status_and_qualifiers() -> None:
    target = fig("scale", "shandong", 2025, 5, "target")
    assert comparability.change(SYN, fig("scale", "shandong", 2024, 4), target).reason == comparability.TARGET
    assert comparability.across(SYN, target, fig("scale", "jinan", 2025, 1)).reason == comparability.TARGET
    verdict = comparability.change(
        SYN,
        fig("scale", "shandong", 2020, 3, note="over"),
        fig("scale", "shandong", 2022, 3.9, note="over; 突破"),
    )
    assert verdict and verdict.approximate
    assert comparability.change(
        SYN, fig("scale", "qingdao", 2024, 1.6), fig("scale", "qingdao", 2025, 1.7, "estimate")
    ).estimate
    assert (
        Figure("gdp", "qingdao", 2024, 1, note="about 23,000 USD").qualifier == ""
    )  # a remark, not a qualifier


def test_change_of_measure_and_rank_lists() -> None:
    in_use = fig("racks", "qingdao", 2024, 57000)
    assert (
        comparability.change(SYN, fig("racks", "qingdao", 2023, 49000), in_use).reason
        == comparability.SERIES_BREAK
    )
    assert (
        comparability.across(SYN, in_use, fig("racks", "jinan", 2024, 100000)).reason == comparability.MEASURE
    )
    assert comparability.across(SYN, fig("racks", "qingdao", 2023, 49000), fig("racks", "jinan", 2023, 90000))
    assert (
        comparability.across(
            CURATED, fig("ccid_city_rank", "shandong", 2024, 3), fig("ccid_city_rank", "qingdao", 2024, 13)
        ).reason
        == comparability.OTHER_LIST
    )


def test_the_reference_is_drawn_for_shares_rates_and_indices_only() -> None:
    assert comparability.chart_regions(SYN, "fiveg", ["shandong", "qingdao"], "china") == [
        "shandong",
        "qingdao",
    ]
    assert comparability.chart_regions(SYN, "share", ["shandong", "qingdao"], "china") == [
        "shandong",
        "qingdao",
        "china",
    ]
    assert comparability.chart_regions(SYN, "fiveg", ["china", "qingdao"], "china") == ["china", "qingdao"]


def test_analysis_frames_follow_the_same_rules() -> None:
    assert (
        analysis.gap(FRAME, CURATED, "shandong", "qingdao")
        .query("indicator_id in ['gdp', 'fiveg_base_stations']")
        .empty
    )
    shares = analysis.share_of_parent(FRAME[FRAME["indicator_id"] == "fiveg_base_stations"], CURATED)
    pairs = set(zip(shares["region_id"], shares["year"], strict=True))
    assert ("qingdao", 2024) not in pairs and ("qingdao", 2021) in pairs


def test_notes_read_in_the_readers_language() -> None:
    """A curated note shows in Chinese in the Chinese interface (data/notes_zh.csv), wherever it appears."""
    card = cards.card(FRAME, CURATED, "fiveg_base_stations", "qingdao", "zh")
    assert card.help_lines[-1] == "备注：" + CURATED.note("as of about June 2025, NOT year-end", "zh")
    assert not any(ch.isascii() and ch.isalpha() for ch in card.help_lines[-1])
    table = tables.readable(FRAME[FRAME["indicator_id"] == "data_center_standard_racks"], CURATED, "zh")
    assert table["限定"].tolist() == ["超过", "", "超过", "超过", ""]  # Qingdao 2022, 2024, 2025: "over"
    assert table["备注"].str.startswith("超过").sum() == 3
    assert (
        cards.card(FRAME, CURATED, "fiveg_base_stations", "qingdao", "en").help_lines[-1]
        == "Note: as of about June 2025, NOT year-end"
    )
