"""Every page through the real app (AppTest): both languages, the default selection, no region, a single
year, an indicator with one data point. Assertions are on the numbers and charts shown."""

import pytest
from apptest_support import figures, metrics, open_app, texts

from indicators import cards
from indicators.catalog import load_catalog
from indicators.frame import read_curated

PAGES = [
    "views/overview.py",
    "views/digital_economy.py",
    "views/industry.py",
    "views/infrastructure.py",
    "views/rankings.py",
    "views/compare.py",
    "views/sources.py",
]


@pytest.fixture(autouse=True)
def fresh_store(db_path):
    return db_path


@pytest.fixture(scope="module")
def curated():
    from indicators.settings import data_dir

    return read_curated(data_dir() / "observations.csv")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_cards_show_latest_value_change_and_region(curated, lang):
    at = open_app(lang=lang)
    shown = metrics(at)
    card = cards.card(curated, load_catalog(), "fiveg_base_stations", "qingdao", lang)
    # a June figure after a December one: the card names its date and gives the change, not a growth rate
    assert (card.label, card.value, card.delta) in shown
    assert (card.label, card.value, card.delta, card.delta_description) == (
        ("青岛市 · 截至2025年6月5日", "4.45万个", "+1,800个", "较2024年12月13日")
        if lang == "zh"
        else ("Qingdao · as of 5 June 2025", "44,500 stations", "+1,800 stations", "vs 13 December 2024")
    )
    # every headline indicator has a card per default region (Shandong and Qingdao)
    assert len(shown) == 2 * len(load_catalog().headline_indicators())


def test_overview_rank_card_reads_as_a_place(curated):
    cards = metrics(open_app(lang="en"))
    assert ("Qingdao · 2024", "No. 13", "unchanged") in cards


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_content(page, lang):
    at = open_app(page, lang=lang)
    assert not at.error, [e.value for e in at.error]
    body = texts(at)
    assert body.strip()
    if page not in ("views/sources.py", "views/compare.py"):
        assert figures(at), f"{page} shows no chart"
    if lang == "en":
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in at.title[0].value)


def test_charts_name_regions_and_units_in_english():
    at = open_app("views/infrastructure.py", lang="en")
    fig = figures(at)[0]
    names = {trace.get("name") for trace in fig["data"]}
    assert {"Shandong", "Qingdao"} <= names
    assert any(a.get("name") == "unit" and a["text"] == "stations" for a in fig["layout"]["annotations"])
    assert any(a["text"].startswith("Source: ") for a in fig["layout"]["annotations"])


def test_takeaway_above_the_5g_chart_compares_the_selected_regions():
    at = open_app("views/infrastructure.py", lang="zh")
    body = texts(at)
    assert "截至2024年6月18日，山东省5G基站为22.4万个，比2022年9月16日增加6.4万个" in body
    assert "领先" not in body  # a province does not lead a city it contains
    # Qingdao's December count is not divided by Shandong's June count
    assert "19.1%" not in body
    assert "2024年青岛市（2024年12月13日）与山东省（2024年6月18日）的数据时点不同，不计算比重。" in body


def test_national_reference_only_where_comparable():
    at = open_app("views/digital_economy.py", lang="en")
    names = [{trace.get("name") for trace in fig["data"]} for fig in figures(at)]
    share = next(n for n in names if "China" in n)  # the share of GDP chart carries the national line
    assert "Shandong" in share
    at = open_app("views/infrastructure.py", lang="en")
    assert "China" not in {trace.get("name") for trace in figures(at)[0]["data"]}


@pytest.mark.parametrize("page", PAGES)
def test_no_region_selected_says_what_to_do(page):
    at = open_app(page, lang="en", regions="", ref="0")
    assert not at.error
    if page == "views/sources.py":  # the catalogue needs no region: it is all there
        assert [h.value for h in at.header][:1] == ["All indicators"]
        assert len(at.dataframe[-2].value) > 0 and not figures(at)
    else:  # every other page says what to do, and draws nothing
        assert [i.value for i in at.info] == ["Choose at least one region on the left."]
        assert not figures(at) and not at.metric


@pytest.mark.parametrize("page", PAGES)
def test_a_single_year(page):
    at = open_app(page, lang="zh", years="2022-2022")
    assert not at.error
    for fig in figures(at):
        xs = {x for trace in fig["data"] for x in (trace.get("x") or []) if x is not None}
        assert xs <= {2022}, (page, xs)


def test_indicator_with_one_data_point_says_so():
    # Shandong's core-industry share has a single year (2021): the chart still shows the point
    at = open_app("views/digital_economy.py", lang="en", regions="shandong", ref="0")
    body = texts(at)
    assert (
        "Digital-economy core industries, share of GDP (Shandong): over 6% in 2021 (the only figure in the "
        "selection)." in body
    )


def test_rankings_axis_is_reversed_and_changes_are_named():
    at = open_app("views/rankings.py", lang="en", regions="qingdao", ref="0")
    fig = next(f for f in figures(at) if any(t.get("name") == "Qingdao" for t in f["data"]))
    assert fig["layout"]["yaxis"]["autorange"] == "reversed"
    assert "Qingdao: No. 13 in 2022, up 4 places compared with 2021." in texts(at)


def test_compare_transforms_from_the_url():
    at = open_app("views/compare.py", lang="en", ind="fiveg_base_stations", tf="share", regions="qingdao")
    fig = figures(at)[0]
    points = [
        (x, round(y, 1))
        for trace in fig["data"]
        for x, y in zip(trace["x"], trace["y"], strict=True)
        if y is not None
    ]
    # only 2021 has both counts at year-end; 2022 and 2024 set a September or December count against another date
    assert points == [(2021, 20.0)]
    at = open_app("views/compare.py", lang="en", ind="gdp", tf="cagr", years="2020-2022", regions="qingdao")
    assert at.dataframe  # CAGR is a table
    frame = at.dataframe[0].value
    rate = ((14920.75 / 12400.56) ** 0.5 - 1) * 100
    assert frame.iloc[0].to_dict() == {
        "Indicator": "GDP",
        "Region": "Qingdao",
        "From": 2020,
        "To": 2022,
        "CAGR (nominal)": f"+{rate:.1f}%",  # GDP is at current prices
        "Why not computed": "",
    }
    at = open_app("views/compare.py", lang="zh", ind="gdp", tf="yoy", years="2020-2022", regions="qingdao")
    [fig] = figures(at)  # the chart's title says it too, beside the axis
    assert fig["layout"]["title"]["text"] == "地区生产总值 — 同比增速 %（按现价计算）"


def test_the_url_reopens_the_same_view():
    """A copied link shows a colleague the same view: what the page draws follows the link."""
    at = open_app(
        "views/compare.py",
        lang="en",
        ind="digital_economy_gdp_share",
        tf="index",
        base="2022",
        regions="shandong,qingdao",
        years="2016-2024",
    )
    assert at.title[0].value == "Compare"  # in English
    assert at.multiselect(key="regions").value == ["shandong", "qingdao"]
    assert at.multiselect(key="cmp_ind").value == ["digital_economy_gdp_share"]
    assert at.selectbox(key="cmp_tf").value == "index" and at.selectbox(key="cmp_base").value == 2022
    [fig] = figures(at)
    assert fig["layout"]["title"]["text"] == "Digital economy, share of GDP — Index (base = 100)"
    by_region = {trace["name"]: dict(zip(trace["x"], trace["y"], strict=True)) for trace in fig["data"]}
    assert (
        by_region["Shandong"][2022] == by_region["China"][2022] == pytest.approx(100.0)
    )  # the link's base year
    years = {x for points in by_region.values() for x in points if x is not None}
    assert min(years) >= 2016 and max(years) <= 2024


def test_a_page_that_writes_to_the_shared_data_changes_only_its_own_copy(curated):
    from types import MappingProxyType

    from indicators.ui.data import Data

    shared = Data(curated, load_catalog(), 1, MappingProxyType({}))
    before = shared.rows.copy()
    mine = shared.frame
    mine["value"] = 0.0
    mine.loc[mine.index[0], "note"] = "changed by one session"
    fiveg = shared.of("fiveg_base_stations")
    fiveg["value"] *= 2
    assert shared.rows.equals(before) and shared.frame.equals(before)
    assert shared.of("fiveg_base_stations")["value"].equals(before.loc[fiveg.index, "value"])
