"""The Word briefing (.docx): a renderer of a `pack.Pack`, made with python-docx, laid out as a Shandong
government briefing is: A4 with the GB/T 9704 margins, the title in 小标宋, headings in 黑体, body in
仿宋_GB2312, page numbers ("— 1 —") in the footer.

Contents: the title block (title, years, reference, date, data revision), the changes since a revision when
asked for, then per indicator a heading, the takeaway, the chart as a picture (`images`, from the same Plotly
figure; a note in its place when no browser can draw it) and a compact table of the figures with status and
as-of date; at the end every source as a numbered list.

Every run names its Latin and its East Asian typeface (w:eastAsia) and says its East Asian language, so
Chinese never falls back to a Latin font. The Chinese typefaces are named as Word and WPS offices have them;
the font table gives each a fallback that Debian has (Noto Serif/Sans CJK SC), for LibreOffice and for
machines without them.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from indicators import images, settings, writing
from indicators.catalog import Source
from indicators.changes import Changes
from indicators.i18n import t
from indicators.pack import Pack, PackItem
from indicators.tables import source_line

LATIN = {"zh": "Times New Roman", "en": "Arial"}
TITLE_FONT, HEADING_FONT, BODY_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312"
FALLBACK = {TITLE_FONT: "Noto Serif CJK SC", HEADING_FONT: "Noto Sans CJK SC", BODY_FONT: "Noto Serif CJK SC"}
SIZES = {
    "zh": {"title": 22, "heading": 16, "body": 16, "meta": 14, "table": 10.5, "note": 12},
    "en": {"title": 20, "heading": 14, "body": 12, "meta": 11, "table": 9, "note": 10},
}
TEXT_WIDTH = Mm(156)  # A4 less the 28 mm and 26 mm side margins
BLACK, GREY = RGBColor(0, 0, 0), RGBColor(0x55, 0x55, 0x55)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CHINESE_DIGITS = "零一二三四五六七八九"


# -- fonts --------------------------------------------------------------------------------------------------
def set_fonts(rpr, east_asian: str, lang: str) -> None:
    """Name the Latin and the East Asian typeface on a w:rPr (no theme fonts left to override them), and the
    East Asian language."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), LATIN[lang])
    fonts.set(qn("w:eastAsia"), east_asian)
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:val"), "zh-CN" if lang == "zh" else "en-GB")
    language.set(qn("w:eastAsia"), "zh-CN")


def _run(
    paragraph,
    text: str,
    lang: str,
    *,
    font: str = BODY_FONT,
    size: float,
    bold: bool = False,
    color: RGBColor = BLACK,
):
    run = paragraph.add_run(text)
    set_fonts(run._element.get_or_add_rPr(), font, lang)
    run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, color
    return run


def _font_table(doc) -> None:
    """Each Chinese typeface in the font table, with its GB2312 charset and a fallback (w:altName)."""
    part = next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable"))
    root = parse_xml(part.blob)
    for name, fallback in FALLBACK.items():
        family = "swiss" if "Sans" in fallback else "roman"
        root.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{fallback}"/>'
                f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="variable"/>'
                f"</w:font>"
            )
        )
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _styles(doc, lang: str) -> None:
    """Defaults and the styles used: the body typeface everywhere, headings black in 黑体."""
    styles = doc.styles
    set_fonts(
        styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")), BODY_FONT, lang
    )
    size = SIZES[lang]
    normal = styles["Normal"]
    normal.font.size = Pt(size["body"])
    set_fonts(normal.element.get_or_add_rPr(), BODY_FONT, lang)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.25
    for name, font, pt in (
        ("Title", TITLE_FONT, size["title"]),
        ("Heading 1", HEADING_FONT, size["heading"]),
    ):
        style = styles[name]
        set_fonts(style.element.get_or_add_rPr(), font, lang)
        style.font.size, style.font.color.rgb, style.font.bold = Pt(pt), BLACK, name != "Title"
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(pt * 0.8), Pt(pt * 0.4)
    title = styles["Title"].element.get_or_add_pPr()
    border = title.find(qn("w:pBdr"))
    if border is not None:  # the template's blue rule under the title
        title.remove(border)


# -- page ---------------------------------------------------------------------------------------------------
def _page(doc) -> None:
    """A4 portrait with the GB/T 9704 margins, and the page number centred in the footer."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)


def _footer(doc, lang: str) -> None:
    para = doc.sections[0].footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    size = 14 if lang == "zh" else 10
    _run(para, "— ", lang, size=size)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = _run(para, "", lang, size=size)
        if kind:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._element.append(mark)
        elif text.strip() == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
        else:
            run.text = text
    _run(para, " —", lang, size=size)


# -- contents -----------------------------------------------------------------------------------------------
def section_number(n: int, lang: str) -> str:
    """'一、' … '九十九、' in Chinese (as a government document numbers its parts), '1. ' in English."""
    if lang != "zh":
        return f"{n}. "
    tens, ones = divmod(n, 10)
    text = (
        (CHINESE_DIGITS[tens] if tens > 1 else "")
        + ("十" if tens else "")
        + (CHINESE_DIGITS[ones] if ones else "")
    )
    return text + "、"


def _heading(doc, text: str, lang: str) -> None:
    para = doc.add_paragraph(style="Heading 1")
    _run(para, text, lang, font=HEADING_FONT, size=SIZES[lang]["heading"], bold=lang != "zh")


def _paragraph(
    doc,
    text: str,
    lang: str,
    *,
    size: str = "body",
    bold: bool = False,
    color: RGBColor = BLACK,
    center: bool = False,
):
    para = doc.add_paragraph()
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(para, text, lang, size=SIZES[lang][size], bold=bold, color=color)
    return para


def _title_block(doc, pack: Pack) -> None:
    lang = pack.lang
    para = doc.add_paragraph(style="Title")
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(para, pack.title, lang, font=TITLE_FONT, size=SIZES[lang]["title"], bold=lang != "zh")
    for line in pack.meta:
        _paragraph(doc, line, lang, size="meta", center=True, color=GREY)


def _changes(doc, changes: Changes | None, lang: str) -> None:
    if changes is None:
        return
    _heading(doc, t("since_heading", lang, rev=changes.since), lang)
    _paragraph(doc, changes.summary, lang, bold=True)
    for n, line in enumerate(changes.lines, start=1):
        _paragraph(doc, f"{n}. {line}" if lang == "en" else f"（{n}）{line}", lang)
    if changes.more:
        _paragraph(doc, changes.more, lang, color=GREY)


def _cell(cell, text: str, lang: str, *, bold: bool = False, right: bool = False) -> None:
    para = cell.paragraphs[0]
    para.paragraph_format.space_after = Pt(0)
    para.paragraph_format.line_spacing = 1.0
    if right:
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(para, text, lang, font=HEADING_FONT if bold else BODY_FONT, size=SIZES[lang]["table"], bold=bold)


TABLE_KEYS = ("col_region", "col_year", "col_qualifier", "col_value", "col_unit", "col_status", "col_as_of")


def _table(doc, item: PackItem, lang: str) -> None:
    """The figures: region, year, (qualifier,) value, unit, status, as of."""
    columns = [t(k, lang) for k in TABLE_KEYS]
    table = item.table[columns]
    if not table[columns[2]].astype(bool).any():  # no 超过 / over anywhere: no column for it
        table = table.drop(columns=[columns[2]])
    value = table.columns.get_loc(columns[3])
    grid = doc.add_table(rows=1, cols=len(table.columns))
    grid.style, grid.alignment = "Table Grid", WD_TABLE_ALIGNMENT.CENTER
    for cell, name in zip(grid.rows[0].cells, table.columns, strict=True):
        _cell(cell, name, lang, bold=True)
    header = grid.rows[0]._tr.get_or_add_trPr()
    header.append(OxmlElement("w:tblHeader"))  # the header row repeats on every page
    for row in table.itertuples(index=False):
        cells = grid.add_row().cells
        for n, (cell, text) in enumerate(zip(cells, row, strict=True)):
            shown = (
                writing.number(text, item.decimals) if n == value else str(text if text is not None else "")
            )
            _cell(cell, shown, lang, right=n == value)


def _indicator(doc, pack: Pack, item: PackItem, picture: images.Picture | None) -> None:
    lang = pack.lang
    _heading(doc, section_number(item.number, lang) + item.name, lang)
    _paragraph(doc, item.takeaway, lang, bold=True).paragraph_format.keep_with_next = True
    if item.rows.empty:
        _paragraph(doc, t("chart_empty", lang), lang, color=GREY)
        return
    if picture is not None and picture.png:
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(para, "", lang, size=SIZES[lang]["body"]).add_picture(io.BytesIO(picture.png), width=TEXT_WIDTH)
    else:
        reason = t(
            "docx_no_chrome" if picture and picture.problem == images.NO_CHROME else "docx_image_failed", lang
        )
        _paragraph(doc, t("docx_no_image", lang, reason=reason), lang, size="note", color=GREY)
    _table(doc, item, lang)


def _sources(doc, sources: tuple[Source, ...], lang: str) -> None:
    if not sources:
        return
    _heading(doc, t("docx_sources_heading", lang), lang)
    for n, src in enumerate(sources, start=1):
        url = src.url if src.url.startswith(("http://", "https://")) else ""
        _paragraph(doc, f"{n}. {source_line(src)}" + (f" {url}" if url else ""), lang, size="note")


def render(pack: Pack, *, chrome: str | None = None) -> bytes:
    """The .docx bytes. `chrome`: the browser that draws the charts (default `settings.chrome()`)."""
    lang = pack.lang
    drawn = [item for item in pack.items if not item.rows.empty]
    figures = [pack.figure(item) for item in drawn]
    found = images.pictures(figures, settings.chrome() if chrome is None else chrome, width=860, height=480)
    pictures = dict(zip([item.number for item in drawn], found, strict=True))
    doc = Document()
    _page(doc)
    _styles(doc, lang)
    _font_table(doc)
    doc.core_properties.title, doc.core_properties.language = pack.title, "zh-CN" if lang == "zh" else "en-GB"
    _title_block(doc, pack)
    _changes(doc, pack.changes, lang)
    for item in pack.items:
        _indicator(doc, pack, item, pictures.get(item.number))
    _sources(doc, pack.sources, lang)
    _footer(doc, lang)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
