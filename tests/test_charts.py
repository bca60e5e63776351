"""Charts as figure objects: names, colours, units, footnotes, gaps, breaks, targets and escaping."""

import re

import pandas as pd
import pytest

from indicators import charts
from indicators.catalog import Catalog, Indicator, Region, SeriesBreak, Source, Unit
from indicators.frame import COLUMNS as OBS_COLUMNS

CAT = Catalog(
    units={
        u.id: u
        for u in [
            Unit("stations", "个", "stations", "基站个数", "base stations", "count", 1),
            Unit("rank", "位", "rank", "位次", "rank position", "rank", 1),
            Unit("100m_yuan", "亿元", "100m yuan", "人民币亿元", "hundred million yuan", "money", 1e8),
        ]
    },
    indicators={
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
                True,
            ),
            Indicator(
                "city_rank", "城市排名", "City rank", "rank", "rank", "lower", "rankings", "", "", 0, True
            ),
            Indicator(
                "gdp", "地区生产总值", "GDP", "100m_yuan", "amount", "higher", "context", "", "", 1, True
            ),
        ]
    },
    regions={
        r.id: r
        for r in [
            Region("china", "中国", "China", "country", ""),
            Region("shandong", "山东省", "Shandong", "province", "china"),
            Region("qingdao", "青岛市", "Qingdao", "city", "shandong"),
        ]
    },
    sources={
        "src_a": Source("src_a", "山东省通信管理局通报"),
        "src_b": Source("src_b", "Report <i>2024</i> & more"),
    },
    series_breaks=(
        SeriesBreak(
            "gdp",
            "shandong",
            2019,
            "census_revision",
            "2019年起为普查修订口径",
            "Census-revised basis from 2019",
        ),
    ),
)


def obs(*rows) -> pd.DataFrame:
    """Rows of (indicator, region, year, value[, status[, as_of[, note[, source]]]]) as a tidy frame."""
    records = []
    for ind, reg, year, value, *rest in rows:
        status, as_of, note, source = [*rest, *("reported", "", "", "src_a")[len(rest) :]]
        records.append(
            dict(
                indicator_id=ind,
                region_id=reg,
                year=year,
                value=float(value),
                status=status,
                source_id=source,
                as_of=as_of,
                note=note,
            )
        )
    frame = pd.DataFrame.from_records(records, columns=OBS_COLUMNS)
    frame["year"] = frame["year"].astype("int64")
    return frame


FRAME = obs(
    ("fiveg", "shandong", 2020, 50000),
    ("fiveg", "shandong", 2021, 101000),
    ("fiveg", "shandong", 2022, 160000, "reported", "2022-09-16"),
    ("fiveg", "shandong", 2024, 224000),
    ("fiveg", "shandong", 2025, 250000, "target"),
    ("fiveg", "qingdao", 2021, 20207, "derived"),
    ("fiveg", "qingdao", 2022, 30361),
    ("fiveg", "qingdao", 2023, 37000, "reported", "", "over", "src_b"),
)


def lines(fig, name):
    return [t for t in fig.data if t.name == name]


def footnote(fig):
    [note] = [a for a in fig.layout.annotations if a.text.startswith(("来源", "Source"))]
    return note


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_trace_names_colours_and_axis_titles(lang):
    fig = charts.trend(FRAME, CAT, "fiveg", ["shandong", "qingdao"], lang)
    for rid in ("shandong", "qingdao"):
        [trace] = lines(fig, CAT.regions[rid].name(lang))
        assert trace.line.color == trace.marker.color == charts.REGION_COLORS[rid]
        assert trace.showlegend is not False
    assert charts.unit_label(fig) == CAT.units["stations"].symbol(lang)
    assert fig.layout.xaxis.title.text == ("年份" if lang == "zh" else "Year")
    assert fig.layout.title.text == CAT.indicators["fiveg"].name(lang)
    assert fig.layout.xaxis.dtick == 1


@pytest.mark.parametrize(("lang", "start"), [("zh", "来源："), ("en", "Source: ")])
def test_footnote_names_the_sources_and_the_marker_legend(lang, start):
    note = footnote(charts.trend(FRAME, CAT, "fiveg", ["shandong", "qingdao"], lang))
    assert note.text.startswith(start)
    assert "山东省通信管理局通报" in note.text
    assert (note.yref, note.xref, note.x, note.xanchor, note.showarrow) == (
        "paper",
        "paper",
        0,
        "left",
        False,
    )
    # under the x axis by a fixed distance in pixels, whatever the figure's height
    assert (note.y, note.yanchor, note.yshift) == (0, "top", -charts.SIZES[False]["foot"])
    assert all(
        charts._width(line) <= 100 for line in note.text.split("<br>")
    )  # fits 1280 px with the sidebar
    legend = (
        "空心点为推算或非年末数据，菱形为规划目标"
        if lang == "zh"
        else "Hollow markers: derived or not year-end; diamonds: plan targets"
    )
    assert legend in note.text


def test_statuses_are_drawn_differently():
    fig = charts.trend(FRAME, CAT, "fiveg", ["shandong", "qingdao"], "zh")
    [sd] = lines(fig, "山东省")
    symbols = dict(zip(sd.x, sd.marker.symbol, strict=True))
    assert symbols[2021] == "circle" and symbols[2022] == "circle-open"  # 2022 is as of September
    [qd] = lines(fig, "青岛市")
    assert dict(zip(qd.x, qd.marker.symbol, strict=True))[2021] == "circle-open"  # derived
    hover = dict(zip(sd.x, sd.customdata, strict=True))[2022]
    assert "截至2022年9月16日" in "".join(hover) and "实际" in hover
    assert "推算" in dict(zip(qd.x, qd.customdata, strict=True))[2021]


def test_a_missing_year_breaks_the_line():
    [sd] = lines(charts.trend(FRAME, CAT, "fiveg", ["shandong"], "zh"), "山东省")
    assert list(sd.x) == [2020, 2021, 2022, 2023, 2024]
    assert sd.y[3] is None and sd.connectgaps is False


def test_target_trace():
    fig = charts.trend(FRAME, CAT, "fiveg", ["shandong", "qingdao"], "en")
    [target] = lines(fig, "Shandong target")
    assert target.marker.symbol == "diamond-open"
    assert target.line.dash == "dash" and target.legendgroup == "shandong"
    assert list(target.x) == [2024, 2025]  # from the latest actual value to the target
    assert target.marker.color == charts.REGION_COLORS["shandong"]
    assert not lines(fig, "Qingdao target")


def test_estimates_are_dashed():
    f = obs(("fiveg", "qingdao", 2022, 30361), ("fiveg", "qingdao", 2023, 36000, "estimate"))
    fig = charts.trend(f, CAT, "fiveg", ["qingdao"], "zh")
    dashed = [t for t in lines(fig, "青岛市") if t.line.dash == "dash"]
    assert len(dashed) == 1 and list(dashed[0].x)[:2] == [2022, 2023]
    assert "虚线为预计值" in footnote(fig).text


def test_a_series_break_splits_the_line():
    f = obs(
        ("gdp", "shandong", 2017, 72700),
        ("gdp", "shandong", 2018, 76469.7),
        ("gdp", "shandong", 2019, 71067.5),
        ("gdp", "shandong", 2020, 73129),
    )
    fig = charts.trend(f, CAT, "gdp", ["shandong"], "en")
    before, after = lines(fig, "Shandong")
    assert list(before.x) == [2017, 2018] and list(after.x) == [2019, 2020]
    assert before.legendgroup == after.legendgroup and after.showlegend is False
    [shape] = fig.layout.shapes
    assert shape.x0 == shape.x1 == 2018.5 and shape.line.dash == "dot"
    [label] = [a for a in fig.layout.annotations if a.hovertext]
    assert (
        label.text == "census revision" and "Census-revised" in label.hovertext
    )  # the kind, the note on hover


def test_labels_of_close_breaks_do_not_cover_each_other():
    catalog = make_catalog_with_breaks((2023, 2024))
    f = obs(*[("fiveg", "qingdao", y, 1000 * y - 2_000_000) for y in range(2021, 2026)])
    fig = charts.trend(f, catalog, "fiveg", ["qingdao"], "zh")
    labels = [a for a in fig.layout.annotations if a.hovertext]
    assert [a.text for a in labels] == ["口径改变", "口径改变"]
    # above the plot area and its legend (no data point under them), on either side of their lines
    assert all(
        a.y == 1 and a.yanchor == "bottom" and a.yshift == charts.SIZES[False]["legend"] for a in labels
    )
    assert [a.xanchor for a in labels] == ["right", "left"]
    assert fig.layout.margin.t > charts.SIZES[False]["t"]  # the top margin makes room


def make_catalog_with_breaks(years: tuple[int, ...]):
    from dataclasses import replace

    extra = tuple(
        SeriesBreak("fiveg", "qingdao", y, "change_of_measure", "口径", "measure", standard_after=y % 2 == 0)
        for y in years
    )
    return replace(CAT, series_breaks=CAT.series_breaks + extra, _indicator_names={}, _region_names={})


def test_rank_axis_is_reversed():
    f = obs(
        ("city_rank", "qingdao", 2021, 17, "derived"),
        ("city_rank", "qingdao", 2022, 13),
        ("city_rank", "qingdao", 2023, 12),
    )
    fig = charts.trend(f, CAT, "city_rank", ["qingdao"], "zh")
    assert fig.layout.yaxis.autorange == "reversed"
    assert 1 in fig.layout.yaxis.tickvals
    few = charts.trend(f[f["year"] > 2021], CAT, "city_rank", ["qingdao"], "zh")
    assert few.layout.yaxis.dtick == 1


def test_log_toggle_years_and_big_type():
    assert charts.trend(FRAME, CAT, "fiveg", ["shandong"], "zh", log=True).layout.yaxis.type == "log"
    assert charts.trend(FRAME, CAT, "fiveg", ["shandong"], "zh").layout.yaxis.type != "log"
    [sd] = lines(charts.trend(FRAME, CAT, "fiveg", ["shandong"], "zh", years=(2021, 2022)), "山东省")
    assert list(sd.x) == [2021, 2022]
    big = charts.trend(FRAME, CAT, "fiveg", ["shandong"], "zh", big=True).layout
    assert big.title.font.size >= 28 and big.font.size == 20
    unit_size = next(a.font.size for a in big.annotations if a.name == "unit")
    assert min(big.xaxis.title.font.size, unit_size, big.xaxis.tickfont.size) >= 18
    assert big.font.family == charts.FONT_FAMILY and big.template.layout.paper_bgcolor == "white"


def test_one_data_point_still_draws_a_marker():
    [trace] = charts.trend(obs(("fiveg", "qingdao", 2022, 30361)), CAT, "fiveg", ["qingdao"], "zh").data
    assert list(trace.x) == [2022] and "markers" in trace.mode


@pytest.mark.parametrize(("lang", "text"), [("zh", "所选范围内没有数据"), ("en", "No data in the selection")])
def test_empty_selection(lang, text):
    fig = charts.trend(FRAME, CAT, "fiveg", ["china"], lang)
    assert not fig.data
    assert [a.text for a in fig.layout.annotations] == [text]


def test_html_in_data_is_escaped():
    f = obs(("fiveg", "qingdao", 2022, 30361, "reported", "", "<b>over</b> & <script>x</script>", "src_b"))
    fig = charts.trend(f, CAT, "fiveg", ["qingdao"], "en")
    hover = "".join(fig.data[0].customdata[0])
    assert "&lt;b&gt;over&lt;/b&gt; &amp; &lt;script&gt;" in hover and "<script>" not in hover
    assert "Report &lt;i&gt;2024&lt;/i&gt; &amp; more" in footnote(fig).text


def test_transformed_lines():
    t = pd.DataFrame(
        {
            "indicator_id": ["fiveg", "fiveg", "gdp"],
            "region_id": ["shandong", "shandong", "qingdao"],
            "year": [2020, 2022, 2021],
            "yoy_pct": [10.0, 5.0, 3.0],
        }
    )
    fig = charts.transformed(t, CAT, "yoy_pct", "%", "同比增长", "zh", sources="测试来源")
    names = [tr.name for tr in fig.data]
    assert names == ["山东省 · 5G基站", "青岛市 · 地区生产总值"]
    assert fig.data[0].y[1] is None and fig.data[0].line.color == charts.REGION_COLORS["shandong"]
    assert charts.unit_label(fig) == "%" and footnote(fig).text == "来源：测试来源"
    single = charts.transformed(t[t["indicator_id"] == "fiveg"], CAT, "yoy_pct", "%", "同比", "en")
    assert [tr.name for tr in single.data] == ["Shandong"]


def test_region_colours():
    cities = [
        "weihai",
        "weifang",
        "zibo",
        "linyi",
        "jining",
        "taian",
        "rizhao",
        "dezhou",
        "liaocheng",
        "binzhou",
        "heze",
        "zaozhuang",
        "dongying",
    ]
    assert all(charts.region_color(c) == charts.REGION_COLORS[c] for c in cities)
    assert charts.region_color("qingdao") == "#D55E00" and charts.region_color("shandong") == "#0072B2"
    assert charts.region_color("somewhere") == charts.region_color("somewhere")
    assert charts.region_color("somewhere") in charts.CITY_PALETTE


def test_download_config_and_filename():
    config = charts.download_config("fiveg_shandong")
    assert config["toImageButtonOptions"] == {"format": "png", "scale": 2, "filename": "fiveg_shandong"}
    assert config["displaylogo"] is False and "lasso2d" in config["modeBarButtonsToRemove"]
    assert (
        charts.chart_filename("fiveg_base_stations", ["shandong", "qingdao"], "zh")
        == "fiveg_base_stations_shandong-qingdao"
    )
    assert charts.chart_filename("gdp", ["青岛", "../x y"], "en") == "gdp_xy"


def test_a_card_sparkline_is_numbers_only_and_never_joins_a_gap():
    """The cards' sparklines (our SVG, not st.metric's Vega chart): a bar a year from zero, a line broken at
    each NaN (a missing year, a series break) with a dot for a year that stands alone; colour from the change."""
    nan = float("nan")
    bars = charts.sparkline_svg((1.0, 2.0, nan, 4.0), "bar", "green")
    assert bars.count("<rect") == 3 and 'fill="#178a4a"' in bars
    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"', bars)]
    assert heights[2] > heights[1] > heights[0]  # from zero: 4 is twice as tall as 2
    assert abs(heights[1] / heights[2] - 0.5) < 0.02
    line = charts.sparkline_svg((-13.0, -9.0, nan, -8.0), "line", "red")  # a rank, negated
    assert line.count("<polyline") == 1 and line.count("<circle") == 1 and 'stroke="#c8322c"' in line
    assert (
        charts.sparkline_svg((nan, nan), "bar", "off") == ""
        and charts.sparkline_img((nan,), "bar", "off") == ""
    )
    img = charts.sparkline_img((1.0, 2.0), "bar", "off")
    assert img.startswith('<img class="card-spark" src="data:image/svg+xml;base64,') and 'alt=""' in img
    assert re.sub(r"<[^>]+>", "", bars + line) == ""  # shapes only: no text from anywhere
