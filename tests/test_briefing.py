"""The offline HTML briefing: self-contained (plotly.js embedded once, no tag that loads from the network),
every chosen chart with its takeaway, table and sources, text from the data escaped; and `indicators report`
as a subprocess, for .html and .pptx, with bad input answered by exit 2 and a message, never a traceback."""

from __future__ import annotations

import html
import re
import subprocess
from html.parser import HTMLParser

import pandas as pd
import pytest
from cli_support import EXE, assert_no_crash, cli_env

from indicators import briefing, tables
from indicators.catalog import Source
from indicators.deck import chart_content, default_deck, select_rows

REGIONS = ["shandong", "qingdao"]
REFERENCE = "china"  # drawn beside them for shares, rates and indices only
IDS = ["digital_economy_gdp_share", "fiveg_base_stations", "ccid_city_rank", "gdp"]
NETWORK = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
BUNDLE_START = "/**\n* plotly.js (basic - minified) v"  # the basic bundle: our figures need no more


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of every <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(text: str) -> Tags:
    tags = Tags()
    tags.feed(text)
    return tags


@pytest.fixture
def data(store):
    frame, catalog = store.current(), store.full_catalog()
    return frame, catalog, (int(frame["year"].min()), int(frame["year"].max()))


@pytest.fixture
def page(data) -> str:
    frame, catalog, years = data
    return briefing.build_briefing(
        frame,
        catalog,
        IDS,
        REGIONS,
        years,
        "zh",
        reference=REFERENCE,
        revision=3,
        revision_time="2026-05-01T08:00:00Z",
        generated_at="2026-05-02",
    )


def test_nothing_is_loaded_from_the_network(page):
    tags = parse(page)
    assert not [t for t, a in tags.tags if t == "script" and "src" in a], "no <script src=…>"
    for tag, attrs in tags.tags:
        if tag in ("script", "link", "img", "iframe", "source", "embed", "object", "style"):
            for name in ("src", "href", "data"):
                assert not NETWORK.match(attrs.get(name) or ""), (tag, attrs)
    assert "<link" not in page and "@import" not in page and "@font-face" not in page
    bundles = [s for s in tags.scripts if s.lstrip().startswith(BUNDLE_START)]
    assert len(bundles) == 1, "plotly.js embedded exactly once"
    assert len(page) < 2_000_000  # 1.2 MB of it the basic bundle (the whole plotly.js alone is 4.8 MB)
    others = [s for s in tags.scripts if s not in bundles]
    assert others and not any("https://cdn" in s or "http://cdn" in s for s in others)
    assert "MathJax.js" not in page.replace(bundles[0], "")


def test_every_chosen_chart_with_its_takeaway_table_and_sources(page, data):
    frame, catalog, years = data
    assert page.count('class="plotly-graph-div"') == len(IDS)
    assert page.count('<section class="chart"') == len(IDS)
    for n, ind_id in enumerate(IDS, start=1):
        content = chart_content(frame, catalog, ind_id, REGIONS, REFERENCE, years, "zh")
        rows = content.rows
        assert f'<p class="takeaway">{html.escape(content.takeaway)}</p>' in page
        assert f"<h2>{n}. {html.escape(catalog.indicators[ind_id].name('zh'))}</h2>" in page
        for src in tables.sources_of(rows, catalog):
            assert html.escape(src.title) in page
    # a data table with the agreed columns; the values of a chart are in it
    for column in ("指标", "地区", "年份", "数值", "单位", "状态", "来源", "截至", "备注"):
        assert f"<th>{column}</th>" in page
    assert '<td class="num">224,000</td>' in page  # Shandong's 5G stations, mid-2024


def test_no_national_count_beside_the_province_and_city(page):
    """China is the reference for shares, rates and indices only: beside Shandong and Qingdao its 5G count
    would flatten their lines to zero on a projector."""
    sections = {
        m.group(1): m.group(2)
        for m in re.finditer(r'<section class="chart" id="(\w+)">(.*?)</section>', page, re.S)
    }
    china = '"name":"\\u5168\\u56fd"'  # "全国" as plotly's JSON writes it
    assert china not in sections["fiveg_base_stations"] and china not in sections["gdp"]
    assert china in sections["digital_economy_gdp_share"]
    assert "全国数据作参考，仅画在比重、比率和指数类图表上" in page


def test_title_date_revision_legend_and_fonts(page):
    assert "<title>数字经济指标简报：山东省、青岛市</title>" in page
    assert "生成日期：2026年5月2日" in page and "数据版本：第3版，更新于2026年5月1日16:00（北京时间）" in page
    assert "状态说明" in page and "推算：" in page and "目标：" in page
    assert "Noto Sans CJK SC" in page and 'lang="zh-CN"' in page


def test_english_briefing(data):
    frame, catalog, years = data
    text = briefing.build_briefing(frame, catalog, ["gdp"], ["shandong", "qingdao"], (2018, 2023), "en")
    assert "Digital-economy indicators briefing: Shandong, Qingdao" in text and 'lang="en"' in text
    assert "<th>Indicator</th>" in text and "Status legend" in text and "2018–2023" in text
    assert "山东省" not in text.split("<body>")[1].split("<script")[0]  # the visible header is English


def test_text_from_the_data_is_escaped(data):
    frame, catalog, years = data
    evil = "<script>alert(1)</script>"
    row = {
        "indicator_id": "gdp",
        "region_id": "qingdao",
        "year": 2024,
        "status": "reported",
        "value": 16000.0,
        "source_id": "evil_src",
        "as_of": "",
        "note": evil,
    }
    frame = pd.concat(
        [
            frame[
                ~(
                    (frame["indicator_id"] == "gdp")
                    & (frame["region_id"] == "qingdao")
                    & (frame["year"] == 2024)
                )
            ],
            pd.DataFrame([row]),
        ],
        ignore_index=True,
    )
    catalog = catalog.with_sources(
        {
            "evil_src": Source(
                "evil_src", '<img src=x onerror="alert(2)">', "<b>pub</b>", "2024", "javascript:alert(3)"
            )
        }
    )
    text = briefing.build_briefing(frame, catalog, ["gdp"], REGIONS, years, "zh", reference=REFERENCE)
    assert evil not in text and "<img src=x" not in text and "<b>pub</b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text  # shown as text in the table
    assert "javascript:alert" not in text  # only http(s) links become links
    assert sum(1 for t, _ in parse(text).tags if t == "script") == 2 + 1  # config, bundle, one figure


def test_default_deck_is_the_headline_indicators_with_data(data):
    frame, catalog, years = data
    deck = default_deck(frame, catalog, REGIONS, years)
    with_data = set(select_rows(frame, list(catalog.indicators), REGIONS, years)["indicator_id"])
    assert set(deck) == {i for i, ind in catalog.indicators.items() if ind.headline and i in with_data}
    assert catalog.indicators[deck[0]].theme == "digital_economy"
    assert default_deck(frame, catalog, ["weihai"], years) == []


# -- the command -------------------------------------------------------------------------------------------
def report(*args, db, lang="zh"):
    """`indicators report ARGS`; a run that crashed fails the test whatever it printed."""
    done = subprocess.run(
        [str(EXE), "report", *map(str, args)],
        capture_output=True,
        text=True,
        env=cli_env(db, INDICATORS_LANG=lang),
        timeout=180,
    )
    assert_no_crash(done.returncode, done.stderr, "report")
    return done


@pytest.mark.slow  # runs the command line
def test_cli_writes_the_html_briefing_and_the_pptx_pack(tmp_path):
    db = tmp_path / "store.sqlite"
    page = tmp_path / "briefing.html"
    p = report("-o", page, db=db)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == str(page)
    text = page.read_text(encoding="utf-8")
    assert text.count('class="plotly-graph-div"') >= 4 and "数字经济指标简报" in text
    deck = tmp_path / "deck.pptx"
    p = report(
        "-o",
        deck,
        "--lang",
        "en",
        "--regions",
        "shandong,qingdao",
        "--indicators",
        "gdp,fiveg_base_stations",
        "--years",
        "2018-2023",
        db=db,
    )
    assert p.returncode == 0, p.stderr
    assert deck.read_bytes()[:2] == b"PK"
    from pptx import Presentation

    slides = Presentation(str(deck)).slides
    assert len(slides) >= 1 + 2 + 1
    assert any(s.has_chart for s in slides[1].shapes)


@pytest.mark.slow  # runs the command line
def test_cli_named_regions_and_one_year(tmp_path):
    out = tmp_path / "b.htm"
    p = report(
        "-o",
        out,
        "--regions",
        "山东,Qingdao",
        "--indicators",
        "5G基站",
        "--years",
        "2024",
        "--lang",
        "en",
        db=tmp_path / "s.sqlite",
    )
    assert p.returncode == 0, p.stderr
    text = out.read_text(encoding="utf-8")
    assert text.count('class="plotly-graph-div"') == 1 and "5G base stations" in text and ">2024<" in text


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--indicators", "gdp,no_such_thing"], "no_such_thing"),
        (["--regions", "atlantis"], "atlantis"),
        (["--years", "2030-2010"], "2030-2010"),
        (["--years", "soon"], "soon"),
        (["--years", "1990-1995"], "1990-1995"),
    ],
)
@pytest.mark.slow  # runs the command line
def test_cli_bad_input_exits_2_with_a_message(tmp_path, args, needle):
    out = tmp_path / "x.html"
    p = report("-o", out, *args, db=tmp_path / "s.sqlite")
    assert p.returncode == 2 and "Traceback" not in p.stdout + p.stderr
    assert needle in p.stderr and not out.exists()


@pytest.mark.slow  # runs the command line
def test_cli_unknown_indicator_names_the_known_ones(tmp_path):
    p = report("-o", tmp_path / "x.pptx", "--indicators", "nope", db=tmp_path / "s.sqlite", lang="en")
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert "Unknown indicator: nope" in p.stderr and "fiveg_base_stations" in p.stderr


@pytest.mark.slow  # runs the command line
def test_cli_unknown_extension_and_unwritable_path(tmp_path):
    p = report("-o", tmp_path / "x.pdf", db=tmp_path / "s.sqlite")
    assert p.returncode == 2 and ".pdf" in p.stderr and "Traceback" not in p.stderr
    p = report("-o", tmp_path / "missing" / "x.html", db=tmp_path / "s.sqlite", lang="en")
    assert p.returncode == 2 and "Cannot write" in p.stderr and "Traceback" not in p.stderr


@pytest.mark.slow  # runs the command line
def test_cli_selection_without_data_writes_nothing(tmp_path):
    out = tmp_path / "x.html"
    p = report("-o", out, "--regions", "heze", "--years", "2012-2013", db=tmp_path / "s.sqlite")
    assert p.returncode == 2 and "没有任何指标的数据" in p.stderr and not out.exists()


def test_a_pack_is_dated_in_beijing_time_like_the_revision_it_names():
    import datetime as dt

    from indicators.deck import day_text

    late_utc = dt.datetime(2026, 12, 5, 21, 42, tzinfo=dt.UTC)  # 05:42 on 6 December in Beijing
    assert day_text(late_utc, "zh") == "2026年12月6日" and day_text(late_utc, "en") == "6 December 2026"
    assert day_text("2026-05-02", "zh") == "2026年5月2日"
