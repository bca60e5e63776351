"""The Word briefing, reopened with python-docx: A4, a page number field in the footer, one heading, one
picture and one table per indicator, the table's values equal to the store's, every source listed, an East
Asian typeface on every run with Chinese text; a note in place of the picture when no browser can draw it;
and LibreOffice converting it to PDF."""

from __future__ import annotations

import dataclasses
import io
import os
import re

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from office_support import pdf_pages

from indicators import document, images, settings, writing
from indicators.catalog import load_catalog
from indicators.pack import build_pack
from indicators.store import Store
from indicators.tables import source_line

REGIONS = ["shandong", "qingdao"]
IDS = ["digital_economy_gdp_share", "fiveg_base_stations", "ccid_city_rank", "gdp"]
CJK = re.compile(r"[\u3400-\u9fff]")
needs_chrome = pytest.mark.skipif(
    not os.access(settings.chrome() or "/", os.X_OK) or not settings.chrome(),
    reason="no Chrome or Chromium at INDICATORS_CHROME",
)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The Chinese and the English pack of IDS, each rendered once (Chromium starts once per pack)."""
    store = Store(str(tmp_path_factory.mktemp("docx") / "store.sqlite"), load_catalog())
    frame, catalog = store.current(), store.full_catalog()
    years = (int(frame["year"].min()), int(frame["year"].max()))
    out = {}
    for lang in ("zh", "en"):
        pack = build_pack(
            frame,
            catalog,
            IDS,
            REGIONS,
            years,
            lang,
            reference="china",
            revision=4,
            revision_time="2026-05-01T08:00:00Z",
            generated_at="2026-05-02",
        )
        out[lang] = (pack, document.render(pack))
    store.close()
    return out


def runs_of(doc):
    """Every run of the body (tables included) and of the footer."""
    body = doc.element.body.iter(qn("w:r"))
    footer = doc.sections[0].footer._element.iter(qn("w:r"))
    return [*body, *footer]


def test_a4_portrait_with_a_page_number_field_in_the_footer(made):
    doc = Document(io.BytesIO(made["zh"][1]))
    section = doc.sections[0]
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (210, 297)
    footer = section.footer._element
    assert [i.text.strip() for i in footer.iter(qn("w:instrText"))] == ["PAGE"]
    assert [f.get(qn("w:fldCharType")) for f in footer.iter(qn("w:fldChar"))] == ["begin", "separate", "end"]


def test_title_block_then_one_heading_picture_and_table_per_indicator(made):
    pack, blob = made["zh"]
    doc = Document(io.BytesIO(blob))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "数字经济指标简报：山东省、青岛市" and doc.paragraphs[0].style.name == "Title"
    assert "生成日期：2026年5月2日" in texts and any(t.startswith("数据版本：第4版") for t in texts)
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    names = [pack.catalog.indicators[i].name("zh") for i in IDS]
    assert headings[: len(IDS)] == [
        document.section_number(n, "zh") + name for n, name in enumerate(names, 1)
    ]
    assert headings[len(IDS) :] == ["数据来源"]
    for item in pack.items:  # the takeaway right under its heading, the same sentence as every pack's
        assert texts[texts.index(document.section_number(item.number, "zh") + item.name) + 1] == item.takeaway
    assert len(doc.tables) == len(IDS)
    if os.access(settings.chrome(), os.X_OK):
        assert len(doc.inline_shapes) == len(IDS)
        assert all(abs(s.width - document.TEXT_WIDTH) < Mm(1) for s in doc.inline_shapes)


@needs_chrome
def test_pictures_are_sharp_pngs(made):
    doc = Document(io.BytesIO(made["zh"][1]))
    for shape in doc.inline_shapes:
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        png = doc.part.related_parts[blip.embed].blob
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width = int.from_bytes(png[16:20], "big")
        assert width / (document.TEXT_WIDTH / Mm(25.4)) >= 200  # at least 200 pixels an inch on paper


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_tables_hold_the_stores_values_with_status_and_as_of(made, lang):
    pack, blob = made[lang]
    doc = Document(io.BytesIO(blob))
    for item, table in zip(pack.items, doc.tables, strict=True):
        header = [c.text for c in table.rows[0].cells]
        assert header[:2] == (["地区", "年份"] if lang == "zh" else ["Region", "Year"])
        assert {"状态", "截至"} <= set(header) if lang == "zh" else {"Status", "As of"} <= set(header)
        value = header.index("数值" if lang == "zh" else "Value")
        shown = sorted(
            (r.cells[0].text, int(r.cells[1].text), float(r.cells[value].text.replace(",", "")))
            for r in table.rows[1:]
        )
        stored = sorted(
            (pack.catalog.regions[r.region_id].name(lang), int(r.year), round(float(r.value), item.decimals))
            for r in item.rows.itertuples(index=False)
        )
        assert shown == stored


def test_every_source_is_listed_once_numbered_at_the_end(made):
    pack, blob = made["zh"]
    doc = Document(io.BytesIO(blob))
    texts = [p.text for p in doc.paragraphs]
    listed = texts[texts.index("数据来源") + 1 :]
    wanted = {s.id for item in pack.items for s in item.sources}
    assert {s.id for s in pack.sources} == wanted and len(listed) == len(wanted)
    for n, (line, src) in enumerate(zip(listed, pack.sources, strict=True), start=1):
        assert line.startswith(f"{n}. {source_line(src)}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_run_with_chinese_names_an_east_asian_typeface(made, lang):
    doc = Document(io.BytesIO(made[lang][1]))
    chinese = [r for r in runs_of(doc) if CJK.search("".join(t.text or "" for t in r.iter(qn("w:t"))))]
    assert chinese or lang == "en"
    for run in runs_of(doc):
        fonts = run.find(qn("w:rPr") + "/" + qn("w:rFonts"))
        assert fonts is not None and fonts.get(qn("w:eastAsia")) in document.FALLBACK, run.xml[:300]
        assert fonts.get(qn("w:asciiTheme")) is None
    headings = [p for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert all(r._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体" for p in headings for r in p.runs)
    body = [p for p in doc.paragraphs if p.style.name == "Normal" and p.runs]
    assert all(r._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312" for p in body for r in p.runs)
    table = ET_fonts(doc)
    assert table == {
        "方正小标宋简体": "Noto Serif CJK SC",
        "黑体": "Noto Sans CJK SC",
        "仿宋_GB2312": "Noto Serif CJK SC",
    }


def ET_fonts(doc) -> dict[str, str]:  # noqa: N802
    """The font table's fallbacks (w:altName) of the Chinese typefaces."""
    from lxml import etree

    part = next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable"))
    root = etree.fromstring(part.blob)
    return {
        f.get(qn("w:name")): f.find(qn("w:altName")).get(qn("w:val"))
        for f in root.iter(qn("w:font"))
        if f.find(qn("w:altName")) is not None and CJK.search(f.get(qn("w:name")))
    }


def test_english_pack_is_in_english(made):
    pack, blob = made["en"]
    doc = Document(io.BytesIO(blob))
    assert doc.paragraphs[0].text == "Digital-economy indicators briefing: Shandong, Qingdao"
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"][0] == f"1. {pack.items[0].name}"


def test_without_a_browser_the_pack_is_made_with_a_note_in_place_of_each_picture(store, tmp_path):
    frame, catalog = store.current(), store.full_catalog()
    pack = build_pack(frame, catalog, IDS[:2], REGIONS, None, "zh")
    doc = Document(io.BytesIO(document.render(pack, chrome=str(tmp_path / "no-chrome"))))
    assert len(doc.inline_shapes) == 0 and len(doc.tables) == 2
    notes = [p.text for p in doc.paragraphs if "此处图表未能生成图片" in p.text]
    assert len(notes) == 2 and "服务器上没有可用的Chrome或Chromium" in notes[0]
    broken = tmp_path / "broken-chrome"
    broken.write_text("#!/bin/sh\nexit 3\n")
    broken.chmod(0o755)
    assert [p.problem for p in images.pictures([pack.figure(pack.items[0])], str(broken))] == [images.FAILED]


def test_text_from_the_data_is_plain(store):
    frame, catalog = store.current(), store.full_catalog()
    sid = frame.loc[frame["indicator_id"] == "gdp", "source_id"].iloc[0]
    src = catalog.sources[sid]
    hostile = dataclasses.replace(
        catalog, sources={**catalog.sources, sid: type(src)(sid, "标题\u202e反转\x07", "发布\u200f者")}
    )
    pack = build_pack(frame, hostile, ["gdp"], REGIONS, None, "zh")
    doc = Document(io.BytesIO(document.render(pack, chrome="")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "标题反转" in text and "\u202e" not in text and "\x07" not in text and "\u200f" not in text
    assert writing.plain("标题\u202e反转\x07") == "标题反转"


@pytest.mark.libreoffice
def test_libreoffice_converts_the_docx_to_pdf(made, tmp_path):
    assert pdf_pages(made["zh"][1], "briefing.docx", tmp_path) >= 1 + len(IDS) // 2
