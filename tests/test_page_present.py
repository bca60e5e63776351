"""The Present page through the real app (AppTest): the default storyline, next and previous, the slide and
the deck in the URL, a link reopening the same view in English, the deck editor, empty states, downloads."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest_support import APP, charts, figures, open_app, texts
from streamlit.testing.v1 import AppTest

from indicators import updates
from indicators.deck import chart_content, default_deck
from indicators.store import Store

ROOT = Path(__file__).resolve().parents[1]
REGIONS = ["shandong", "qingdao", "china"]  # the default selection with China as the reference


def page(name: str) -> str:
    """A page script's path as app.py's navigation names it (views/ or pages/)."""
    return next(f"{d}/{name}.py" for d in ("views", "pages") if (ROOT / d / f"{name}.py").exists())


@pytest.fixture(autouse=True)
def fresh_store(db_path):
    return db_path


@pytest.fixture
def data(db_path):
    store = Store(str(db_path))
    try:
        frame, catalog = store.current(), store.full_catalog()
    finally:
        store.close()
    return frame, catalog, (int(frame["year"].min()), int(frame["year"].max()))


def present(**query: str) -> AppTest:
    """The Present page opened with `query` in its URL. AppTest always starts on the default page, so
    the Present page's own parameters are put back before switching, as a browser landing on
    /present?… would have them."""
    at = AppTest.from_file(APP, default_timeout=60)
    shared = {k: v for k, v in query.items() if k not in ("slide", "deck")}
    for key, value in shared.items():
        at.query_params[key] = value
    at.run()
    for key in ("slide", "deck"):
        if key in query:
            at.query_params[key] = query[key]
    at.switch_page(page("present")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def title(at: AppTest) -> str:
    specs = figures(at)
    assert len(specs) == 1, "one chart per slide"
    return specs[0]["layout"]["title"]["text"]


def expected_takeaway(data, indicator_id: str, lang: str) -> str:
    frame, catalog, years = data
    return chart_content(frame, catalog, indicator_id, REGIONS[:2], REGIONS[2], years, lang).takeaway


def test_default_deck_opens_on_the_first_headline_indicator_with_its_takeaway(data):
    frame, catalog, years = data
    deck = default_deck(frame, catalog, REGIONS, years)
    assert deck and all(catalog.indicators[i].headline for i in deck)
    at = open_app(page("present"))
    assert title(at) == catalog.indicators[deck[0]].name("zh")
    assert expected_takeaway(data, deck[0], "zh") in texts(at)
    slide = at.selectbox(key="present_slide")
    assert (
        slide.value == 1 and slide.options[0] == f"1 / {len(deck)} · {catalog.indicators[deck[0]].name('zh')}"
    )
    assert at.query_params["slide"] == ["1"] or at.query_params["slide"] == "1"
    assert at.button(key="present_prev").disabled and not at.button(key="present_next").disabled


def test_the_chart_is_in_projector_sizes_with_a_source_footnote(data):
    at = open_app(page("present"))
    layout = figures(at)[0]["layout"]
    assert layout["title"]["font"]["size"] >= 28
    assert layout["xaxis"]["tickfont"]["size"] >= 18 and layout["yaxis"]["tickfont"]["size"] >= 18
    assert layout["xaxis"]["title"]["font"]["size"] >= 18
    assert any(a["text"].startswith("来源：") for a in layout["annotations"])
    # no fixed height: the chart fills what the screen leaves below the takeaway (measured in Chromium, see
    # test_browser_fit.py), and the source footnote sits a fixed distance below the plot
    assert "height" not in layout and layout["autosize"] is True
    assert [a["yshift"] for a in layout["annotations"] if a["text"].startswith("来源：")] == [-84]


def test_next_moves_to_slide_two_and_the_url_follows(data):
    frame, catalog, years = data
    deck = default_deck(frame, catalog, REGIONS, years)
    at = open_app(page("present"))
    first = title(at)
    at.button(key="present_next").click().run()
    assert not at.exception
    assert title(at) == catalog.indicators[deck[1]].name("zh") != first
    assert expected_takeaway(data, deck[1], "zh") in texts(at)
    assert at.query_params["slide"] in ("2", ["2"])
    at.button(key="present_prev").click().run()
    assert title(at) == first and at.query_params["slide"] in ("1", ["1"])


def test_the_slide_list_jumps_to_any_slide(data):
    frame, catalog, years = data
    deck = default_deck(frame, catalog, REGIONS, years)
    at = open_app(page("present"))
    at.selectbox(key="present_slide").set_value(len(deck)).run()
    assert title(at) == catalog.indicators[deck[-1]].name("zh")
    assert at.button(key="present_next").disabled


def test_a_link_reopens_the_same_slide_and_deck_in_english(data):
    _, catalog, _ = data
    at = present(lang="en", slide="2", deck="fiveg_base_stations,digital_economy_gdp_share")
    assert title(at) == "Digital economy, share of GDP"
    assert expected_takeaway(data, "digital_economy_gdp_share", "en") in texts(at)
    assert at.selectbox(key="present_slide").options == [
        "1 / 2 · 5G base stations",
        "2 / 2 · Digital economy, share of GDP",
    ]
    assert at.button(key="present_next").label == "Next"
    params = {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert params["slide"] == "2" and params["deck"] == "fiveg_base_stations,digital_economy_gdp_share"
    assert params["lang"] == "en"


def test_a_slide_beyond_the_deck_or_not_a_number_is_brought_back_into_range():
    at = present(slide="99", deck="gdp,fiveg_base_stations")
    assert title(at) == "5G基站" and at.query_params["slide"] in ("2", ["2"])
    at = present(slide="two", deck="gdp,nothing_known")
    assert title(at) == "地区生产总值" and at.selectbox(key="present_slide").options == [
        "1 / 1 · 地区生产总值"
    ]


def test_the_deck_editor_sets_the_sequence_and_the_url():
    at = open_app(page("present"))
    at.multiselect(key="present_deck").set_value(["gdp", "fiveg_base_stations"]).run()
    assert not at.exception
    assert [o.split(" · ")[1] for o in at.selectbox(key="present_slide").options] == [
        "地区生产总值",
        "5G基站",
    ]
    assert at.query_params["deck"] in ("gdp,fiveg_base_stations", ["gdp,fiveg_base_stations"])


def test_an_empty_deck_says_what_to_change_and_reset_restores_the_headline_deck(data):
    frame, catalog, years = data
    at = open_app(page("present"))
    at.multiselect(key="present_deck").set_value([]).run()
    assert not at.exception and not figures(at)
    assert "演示列表是空的" in texts(at) and "恢复默认" in texts(at)
    at.button(key="present_reset").click().run()
    assert at.multiselect(key="present_deck").value == default_deck(frame, catalog, REGIONS, years)
    assert len(figures(at)) == 1


def test_no_region_says_what_to_change():
    at = present(regions="none")  # an unknown region id in a link: nothing selected
    assert not figures(at)
    assert "没有选择地区" in texts(at) and "侧边栏" in texts(at)


def test_an_indicator_without_data_for_the_regions_says_so():
    at = present(deck="smart_parking_lots", regions="weihai")
    assert not figures(at)
    assert "没有“接入智慧停车平台的停车场”的数据" in texts(at)


def test_downloads_beside_the_chart_and_of_the_whole_deck():
    at = open_app(page("present"))
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    assert set(buttons) == {
        "下载CSV数据",
        "下载Excel数据",
        "离线简报（HTML）",
        "演示文稿（PPTX）",
        "Word简报（DOCX）",
    }
    assert "可在Word或WPS中编辑" in buttons["Word简报（DOCX）"].help
    # made only when clicked (callable data), without rerunning the page
    assert all(b.deferred_file_id and b.ignore_rerun for b in buttons.values())
    config = charts(at)[0]["config"]  # the modebar's PNG, at twice the size
    assert config["toImageButtonOptions"]["format"] == "png" and config["toImageButtonOptions"]["scale"] == 2


def test_the_packs_may_open_with_the_changes_since_an_earlier_revision(db_path):
    at = open_app(page("present"))
    since = at.selectbox(key="present_since")
    assert since.options == ["不列出"] and since.value == 0  # one revision: nothing earlier to compare with
    store = Store(str(db_path))
    upload = "indicator,region,year,value\nsmart_factories,qingdao,2025,70\n"
    updates.commit_preview(
        store, updates.preview_upload(store, upload.encode(), "a.csv"), author="a", message="m"
    )
    store.close()
    at = open_app(page("present"))
    assert at.selectbox(key="present_since").options == ["不列出", "第1版"]
    at.selectbox(key="present_since").set_value(1).run()
    assert not at.exception and at.selectbox(key="present_since").value == 1
    assert at.query_params["since"] in ("1", ["1"])  # a copied link keeps the choice
    linked = open_app(page("present"), since="1")
    assert linked.selectbox(key="present_since").value == 1
    unknown = open_app(page("present"), since="7")  # no such earlier revision: no changes section
    assert not unknown.exception and unknown.selectbox(key="present_since").value == 0
