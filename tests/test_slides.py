"""The PowerPoint pack, reopened with python-pptx: 16:9, a title slide, one native line chart per indicator
whose series hold the data's values (gaps as empty points, targets as their own series, ranks on a reversed
axis), fonts that show Chinese, the sources at the end; and LibreOffice converting it to PDF."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from office_support import pdf_pages
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pptx.util import Inches

from indicators import analysis, charts, slides, tables
from indicators.deck import chart_content

REGIONS = ["shandong", "qingdao"]
REFERENCE = "china"  # drawn beside them for shares, rates and indices only
IDS = ["digital_economy_gdp_share", "fiveg_base_stations", "ccid_city_rank", "gdp"]


@pytest.fixture
def data(store):
    frame, catalog = store.current(), store.full_catalog()
    return frame, catalog, (int(frame["year"].min()), int(frame["year"].max()))


def build(data, ids=IDS, regions=REGIONS, lang="zh"):
    frame, catalog, years = data
    blob = slides.build_deck(
        frame,
        catalog,
        ids,
        regions,
        years,
        lang,
        reference=REFERENCE,
        revision=4,
        revision_time="2026-05-01T08:00:00Z",
        generated_at="2026-05-02",
    )
    return Presentation(io.BytesIO(blob)), blob


def texts(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def chart_of(slide):
    frames = [s for s in slide.shapes if s.has_chart]
    assert len(frames) == 1, "one chart per slide"
    assert not [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE], (
        "a native chart, not a picture"
    )
    return frames[0].chart


def test_a_16_9_deck_with_a_title_slide_a_chart_slide_per_indicator_and_sources(data):
    frame, catalog, years = data
    prs, _ = build(data)
    assert abs(prs.slide_width - Inches(13.333)) < Inches(0.01) and prs.slide_height == Inches(7.5)
    title = texts(prs.slides[0])
    assert "数字经济指标简报" in title and "山东省、青岛市" in title and "全国数据作参考" in title
    assert f"{years[0]}—{years[1]}年" in title and "2026年5月2日" in title and "第4版" in title
    shown = []
    for n, ind_id in enumerate(IDS, start=1):
        slide = prs.slides[n]
        content = chart_content(frame, catalog, ind_id, REGIONS, REFERENCE, years, "zh")
        rows = content.rows
        shown.append(rows)
        assert chart_of(slide).chart_type == XL_CHART_TYPE.LINE_MARKERS
        body = texts(slide)
        assert catalog.indicators[ind_id].name("zh") in body
        assert content.takeaway in body
        assert "来源：" + tables.sources_of(rows, catalog)[0].title in body  # the source footnote
        series = [s.name for s in chart_of(slide).plots[0].series]
        # China, the reference, only beside shares, rates and indices: never on a count or an amount
        assert any(name.startswith("全国") for name in series) is (catalog.indicators[ind_id].kind == "share")
    closing = "\n".join(texts(s) for s in list(prs.slides)[1 + len(IDS) :])
    sources = tables.sources_of(pd.concat(shown), catalog)
    assert closing.startswith("全部来源") and all(tables.source_line(s) in closing for s in sources)
    assert len(prs.slides) == 1 + len(IDS) + -(-len(sources) // slides.SOURCES_PER_SLIDE)


def test_series_hold_the_data_values_with_gaps_and_targets_apart(data):
    frame, catalog, years = data
    prs, _ = build(data)
    for n, ind_id in enumerate(IDS, start=1):
        chart = chart_of(prs.slides[n])
        content = chart_content(frame, catalog, ind_id, REGIONS, REFERENCE, years, "zh")
        rows = content.rows
        categories = [int(c) for c in chart.plots[0].categories]
        assert categories == list(range(int(rows["year"].min()), int(rows["year"].max()) + 1))
        series = {s.name: list(s.values) for s in chart.plots[0].series}
        for rid in content.regions:
            name = catalog.regions[rid].name("zh")
            act = analysis.actuals(rows[rows["region_id"] == rid])
            expected = dict(zip(act["year"].astype(int), act["value"].astype(float), strict=True))
            # a series break splits a region's line into series "山东省" and "山东省（2019年起）"
            parts = [v for k, v in series.items() if k == name or k.startswith(name + "（")]
            merged = [next((p[i] for p in parts if p[i] is not None), None) for i in range(len(categories))]
            assert merged == [expected.get(y) for y in categories] if expected else not parts
            targets = rows[(rows["region_id"] == rid) & (rows["status"] == "target")]
            if len(targets):
                by_year = dict(zip(targets["year"].astype(int), targets["value"].astype(float), strict=True))
                assert series[f"{name}目标"] == [by_year.get(y) for y in categories]
    # gaps are empty points, not zeros: Shandong's share of GDP has no 2013-2016 figures
    share = {s.name: s.values for s in chart_of(prs.slides[1]).plots[0].series}["山东省"]
    assert None in share and 0.0 not in share


def test_a_series_break_is_never_joined(data):
    prs, _ = build(data, ids=["gdp"])
    names = [s.name for s in chart_of(prs.slides[1]).plots[0].series]
    assert "山东省" in names and "山东省（2019年起）" in names


def test_ranks_on_a_reversed_axis_and_region_colours(data):
    prs, _ = build(data)
    rank = chart_of(prs.slides[3])
    assert rank.value_axis.reverse_order is True
    assert chart_of(prs.slides[1]).value_axis.reverse_order is False
    for s in chart_of(prs.slides[1]).plots[0].series:
        region = next(
            r
            for r in [*REGIONS, REFERENCE]
            if s.name.startswith({"shandong": "山东省", "qingdao": "青岛市", "china": "全国"}[r])
        )
        expected = charts.REGION_COLORS[region].lstrip("#").upper()
        fill = s.marker.format.fill.fore_color.rgb if "目标" in s.name else s.format.line.color.rgb
        assert str(fill) == expected


def test_every_run_and_the_charts_name_a_font_that_shows_chinese(data):
    prs, blob = build(data)
    runs = [
        r
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
        for r in p.runs
    ]
    assert runs
    for run in runs:
        rpr = run._r.find(qn("a:rPr"))
        assert rpr.find(qn("a:latin")).get("typeface") == "Arial"
        assert rpr.find(qn("a:ea")).get("typeface") == "Microsoft YaHei"
    for n in range(1, 1 + len(IDS)):
        chart_font = chart_of(prs.slides[n]).font._element
        assert chart_font.find(qn("a:ea")).get("typeface") == "Microsoft YaHei"


def test_english_deck_names_targets_in_english(data):
    prs, _ = build(data, ids=["digital_economy_gdp_share"], regions=["shandong", "qingdao"], lang="en")
    names = [s.name for s in chart_of(prs.slides[1]).plots[0].series]
    assert "Shandong" in names and "Shandong target" in names
    assert "Digital-economy indicators briefing" in texts(prs.slides[0])


def test_an_indicator_without_data_gets_a_slide_that_says_so(data):
    prs, _ = build(data, ids=["smart_parking_lots"], regions=["weihai"])
    assert not any(s.has_chart for s in prs.slides[1].shapes)
    assert "所选范围内没有数据" in texts(prs.slides[1])


@pytest.mark.libreoffice
def test_libreoffice_converts_the_deck_to_pdf(data, tmp_path):
    _, blob = build(data)
    assert pdf_pages(blob, "deck.pptx", tmp_path) == len(
        Presentation(io.BytesIO(blob)).slides
    )  # a page a slide
