"""Amounts of money are stored at current prices, so a growth rate computed from two of them is nominal, and
every place that words one says so (`comparability.at_current_prices`, read from the unit's dimension): the
takeaways, the cards, the Compare transforms and the packs. Officials publish GDP's growth at constant prices
(Shandong 2025: 5.5%), so an unqualified "增长4.7%" read aloud would contradict them. Counts, shares and ranks
are not affected, nor a difference of levels said in yuan. The rates below are worked out by hand from
data/observations.csv, not taken from the code under test."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from pptx import Presentation

from indicators import briefing, cards, sentences, settings, slides, transforms
from indicators.catalog import load_catalog
from indicators.comparability import at_current_prices
from indicators.frame import read_curated

CURATED = load_catalog()
FRAME = read_curated(settings.data_dir() / "observations.csv")

# Shandong's GDP: 98,600亿元 in 2024, 103,197亿元 in 2025; 103197 / 98600 − 1 = 4.66%.
GDP = {"zh": "按现价计算，比2024年增长4.7%", "en": "up 4.7% compared with 2024 in nominal terms"}
# China's 5G base stations: 4,251,000 at end-2024, 4,838,000 at end-2025; 4838000 / 4251000 − 1 = 13.81%.
FIVEG = {"zh": "比2024年增长13.8%", "en": "up 13.8% compared with 2024"}
PRICE_WORDS = {"zh": ("现价", "名义"), "en": ("nominal", "current prices")}


def says_prices(text: str, lang: str) -> bool:
    return any(word in text for word in PRICE_WORDS[lang])


def test_money_amounts_and_only_they_are_at_current_prices() -> None:
    for ind_id in ("gdp", "gdp_per_capita", "digital_economy_scale", "software_industry_revenue"):
        assert at_current_prices(CURATED, ind_id), ind_id
    # public_data_records is an amount too, of records, not of money
    for ind_id in (
        "fiveg_base_stations",
        "public_data_records",
        "digital_economy_gdp_share",
        "ccid_city_rank",
    ):
        assert not at_current_prices(CURATED, ind_id), ind_id


def test_the_unit_decides_not_the_indicator_id() -> None:
    gdp, stations = CURATED.indicators["gdp"], CURATED.indicators["fiveg_base_stations"]
    swapped = dataclasses.replace(
        CURATED,
        indicators={
            **CURATED.indicators,
            "gdp": dataclasses.replace(gdp, unit="records"),
            "fiveg_base_stations": dataclasses.replace(stations, unit="100m_yuan"),
        },
    )
    assert not at_current_prices(swapped, "gdp") and at_current_prices(swapped, "fiveg_base_stations")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gdp_growth_is_said_nominal_and_a_count_growth_is_not(lang: str) -> None:
    gdp = sentences.takeaway(FRAME, CURATED, "gdp", ["shandong"], lang)
    assert GDP[lang] in gdp, gdp
    stations = sentences.takeaway(FRAME, CURATED, "fiveg_base_stations", ["china"], lang)
    assert FIVEG[lang] in stations and not says_prices(stations, lang), stations


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_gap_in_yuan_is_a_level_not_a_rate(lang: str) -> None:
    """Yantai's GDP, 8,711.75亿元 in 2021 and 9,515.9亿元 in 2022 (+9.2%); Qingdao's 14,920.75亿元 in 2022 is
    5,404.85亿元 more: the rate is nominal, the gap between the two cities needs no such word."""
    text = sentences.takeaway(FRAME, CURATED, "gdp", ["yantai", "qingdao"], lang)
    rate, gap = text.split("；" if lang == "zh" else "; ")
    assert rate.endswith(
        "按现价计算，比2021年增长9.2%" if lang == "zh" else "up 9.2% compared with 2021 in nominal terms"
    )
    assert gap == (
        "2022年青岛市比烟台市多5,404.85亿元。"
        if lang == "zh"
        else "in 2022 Qingdao had 540.49 billion yuan more than Yantai."
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cards_say_the_change_is_nominal(lang: str) -> None:
    gdp = cards.card(FRAME, CURATED, "gdp", "shandong", lang)
    assert gdp.delta == "+4.7%"
    assert gdp.delta_description == ("较2024年（按现价计算）" if lang == "zh" else "vs 2024 (nominal)")
    assert says_prices(gdp.help_lines[-1], lang)
    stations = cards.card(FRAME, CURATED, "fiveg_base_stations", "china", lang)
    assert stations.delta == "+13.8%" and stations.delta_description == (
        "较2024年" if lang == "zh" else "vs 2024"
    )
    assert not any(says_prices(line, lang) for line in stations.help_lines)


def test_compare_rates_of_money_are_labelled_nominal() -> None:
    # Qingdao's GDP: 12,400.56亿元 in 2020, 14,920.75亿元 in 2022; (14920.75 / 12400.56)^(1/2) − 1 = 9.69%
    cagr = transforms.apply(FRAME, CURATED, ["gdp"], ["qingdao"], "cagr", "en", start=2020, end=2022)
    row = transforms.table(cagr, CURATED, "en", "cagr").iloc[0].to_dict()
    assert row["CAGR (nominal)"] == "+9.7%"
    yoy = transforms.apply(FRAME, CURATED, ["gdp"], ["shandong"], "yoy", "zh")
    assert yoy.y_title == "%（按现价计算）" and "同比增速（按现价计算）" in transforms.table(
        yoy, CURATED, "zh", "yoy"
    )
    stations = transforms.apply(FRAME, CURATED, ["fiveg_base_stations"], ["china"], "yoy", "zh")
    assert stations.y_title == "%" and not stations.notes
    assert "同比增速" in transforms.table(stations, CURATED, "zh", "yoy")
    both = transforms.apply(
        FRAME, CURATED, ["gdp", "fiveg_base_stations"], ["shandong"], "index", "en", base_year=2021
    )
    assert both.y_title == "Index (base = 100)"  # one axis for both: a note names the amount of money
    assert [note.split(":")[0] for note in both.notes] == ["GDP"] and "nominal" in both.notes[0]


def test_the_packs_say_it_too() -> None:
    page = briefing.build_briefing(
        FRAME, CURATED, ["gdp", "fiveg_base_stations"], ["shandong"], (2016, 2025), "zh"
    )
    sections = dict(re.findall(r'<section class="chart" id="(\w+)">(.*?)</section>', page, re.S))
    assert GDP["zh"] in sections["gdp"]
    assert not says_prices(sections["fiveg_base_stations"], "zh")
    deck = Presentation(
        io.BytesIO(slides.build_deck(FRAME, CURATED, ["gdp"], ["shandong"], (2016, 2025), "en"))
    )
    text = "\n".join(s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame)
    assert GDP["en"] in text
