"""The PowerPoint pack: a 16:9 deck made with python-pptx whose charts are native PowerPoint line charts
(editable, with the same values as the data), not pictures.

A renderer of a `pack.Pack`. Slides: a title slide (title, regions, years, date, data revision), the changes
since a revision when asked for, one slide per indicator (title,
one-sentence takeaway, the chart, a source footnote) and closing slides listing every source. A missing
year is an empty point, so the line has a gap; values either side of a series break are separate series,
so the line never joins two bases; plan targets are a series of their own ("青岛市 目标"); ranks run on a
reversed axis (1 at the top). Every run names a Latin and an East Asian typeface so that Chinese shows.
"""

from __future__ import annotations

import io

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_AXIS_CROSSES, XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.text.text import Font
from pptx.util import Emu, Inches, Pt

from indicators import analysis, charts, writing
from indicators.catalog import Catalog, Source
from indicators.changes import Changes
from indicators.deck import Years
from indicators.i18n import t
from indicators.pack import Pack, PackItem, build_pack
from indicators.tables import region_names, source_line

LATIN, EAST_ASIAN = "Arial", "Microsoft YaHei"
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
DARK, GREY = RGBColor(0x1A, 0x1A, 0x1A), RGBColor(0x55, 0x55, 0x55)
SOURCES_PER_SLIDE = 16
CHANGES_PER_SLIDE = 10


# -- text ---------------------------------------------------------------------------------------------------
def set_font(
    font: Font,
    size: float | None = None,
    *,
    bold: bool | None = None,
    color: RGBColor | None = None,
    lang: str = "zh",
) -> None:
    """Latin typeface through font.name, and the East Asian one as <a:ea> beside it (python-pptx has no API)."""
    font.name = LATIN
    rpr = font._element
    latin = rpr.find(qn("a:latin"))
    ea = rpr.find(qn("a:ea"))
    if ea is None:
        ea = OxmlElement("a:ea")
        latin.addnext(ea)
    ea.set("typeface", EAST_ASIAN)
    if rpr.tag != qn("a:defRPr"):
        rpr.set("lang", "zh-CN" if lang == "zh" else "en-US")
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if color is not None:
        font.color.rgb = color


def _text(
    slide,
    box: tuple,
    lines: list[tuple[str, float]],
    lang: str,
    *,
    bold_first: bool = False,
    color: RGBColor = DARK,
) -> None:
    """A text box at (left, top, width, height) with one paragraph per (text, size in points)."""
    frame = slide.shapes.add_textbox(*box).text_frame
    frame.word_wrap = True
    for n, (text, size) in enumerate(lines):
        para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = text
        set_font(
            run.font,
            size,
            bold=bold_first and n == 0,
            color=color if n == 0 or not bold_first else GREY,
            lang=lang,
        )
        para.space_after = Pt(size * 0.3)


# -- chart data ---------------------------------------------------------------------------------------------
def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#").upper())


def series_for(
    rows: pd.DataFrame, catalog: Catalog, indicator_id: str, region_ids: list[str], lang: str
) -> tuple[list[int], list[dict]]:
    """The years on the category axis and one dict per series: name, region, kind (actual or target),
    values (None for a missing year) and which points are hollow (derived or dated before year-end)."""
    if rows.empty:
        return [], []
    years = list(range(int(rows["year"].min()), int(rows["year"].max()) + 1))
    out = []
    for rid, name in zip(region_ids, region_names(catalog, region_ids, lang), strict=True):
        act = analysis.actuals(rows[rows["region_id"] == rid])
        cuts = sorted(b.first_year for b in catalog.breaks_for(indicator_id, rid))
        for n, (lo, hi) in enumerate(zip([min(years), *cuts], [*cuts, max(years) + 1], strict=True)):
            part = act[(act["year"] >= lo) & (act["year"] < hi)]
            if part.empty:
                continue
            by_year = {int(r.year): r for r in part.itertuples(index=False)}
            label = name if n == 0 else t("chart_from_year", lang, name=name, year=lo)
            out.append(
                {
                    "name": label,
                    "region_id": rid,
                    "kind": "actual",
                    "values": [float(by_year[y].value) if y in by_year else None for y in years],
                    "hollow": [y in by_year and charts._hollow(by_year[y]) for y in years],
                }
            )
        targets = rows[(rows["region_id"] == rid) & (rows["status"] == "target")]
        if len(targets):
            by_year = dict(zip(targets["year"].astype(int), targets["value"].astype(float), strict=True))
            out.append(
                {
                    "name": t("chart_target", lang).format(name),
                    "region_id": rid,
                    "kind": "target",
                    "values": [by_year.get(y) for y in years],
                    "hollow": [False] * len(years),
                }
            )
    return years, out


def _tint(region_id: str) -> RGBColor:
    """The region's colour mixed half with white: a 'hollow' marker that every renderer shows."""
    rgb = charts.region_color(region_id).lstrip("#")
    return RGBColor(*(int(rgb[i : i + 2], 16) // 2 + 128 for i in (0, 2, 4)))


def _style_series(series, spec: dict) -> None:
    color = _rgb(charts.region_color(spec["region_id"]))
    series.smooth = False
    marker = series.marker
    marker.format.line.color.rgb = color
    marker.format.fill.solid()
    if spec["kind"] == "target":
        series.format.line.fill.background()  # targets are diamonds, not a line
        marker.style, marker.size = XL_MARKER_STYLE.DIAMOND, 14
        marker.format.fill.fore_color.rgb = color
        return
    series.format.line.color.rgb = color
    series.format.line.width = Pt(3.5 if spec["region_id"] != "china" else 2.5)
    marker.style, marker.size = XL_MARKER_STYLE.CIRCLE, 9
    marker.format.fill.fore_color.rgb = color
    for idx, hollow in enumerate(spec["hollow"]):
        if hollow:
            point = series.points[idx].marker
            point.style, point.size = XL_MARKER_STYLE.CIRCLE, 9
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _tint(
                spec["region_id"]
            )  # not white: LibreOffice draws no border
            point.format.line.color.rgb = color


def _add_chart(
    slide,
    box: tuple,
    rows: pd.DataFrame,
    catalog: Catalog,
    indicator_id: str,
    region_ids: list[str],
    lang: str,
) -> bool:
    """A native line chart with markers; False when there is nothing to draw."""
    years, specs = series_for(rows, catalog, indicator_id, region_ids, lang)
    if not specs:
        return False
    data = CategoryChartData(
        number_format="General" if catalog.indicators[indicator_id].decimals else "#,##0"
    )
    data.categories = [str(y) for y in years]
    for spec in specs:
        data.add_series(spec["name"], spec["values"])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, *box, data).chart
    set_font(chart.font, 16, color=DARK, lang=lang)
    for series, spec in zip(chart.plots[0].series, specs, strict=True):
        _style_series(series, spec)
    chart.has_title = False  # the slide has the title; a one-series chart would otherwise show its name
    chart.has_legend = True
    chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.TOP, False
    set_font(chart.legend.font, 16, lang=lang)
    value_axis, category_axis = chart.value_axis, chart.category_axis
    for axis in (value_axis, category_axis):
        set_font(axis.tick_labels.font, 16, color=DARK, lang=lang)
    decimals = catalog.indicators[indicator_id].decimals
    value_axis.tick_labels.number_format = "General" if decimals else "#,##0"
    value_axis.tick_labels.number_format_is_linked = False
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = RGBColor(0xDD, 0xDD, 0xDD)
    unit = catalog.unit_of(indicator_id).symbol(lang)
    if unit:
        value_axis.axis_title.text_frame.text = unit
        for para in value_axis.axis_title.text_frame.paragraphs:
            for run in para.runs:
                set_font(run.font, 16, color=GREY, lang=lang)
        body = value_axis.axis_title.text_frame._txBody.find(qn("a:bodyPr"))
        body.set("rot", "0")  # horizontal: a rotated Chinese unit (个, 位) reads like a symbol
        body.set("vert", "horz")
    if catalog.indicators[indicator_id].kind == "rank":
        value_axis.reverse_order = True  # 1, the best, at the top
        value_axis.crosses = XL_AXIS_CROSSES.MAXIMUM  # keep the years along the bottom
        value_axis.minimum_scale = 1
        value_axis.major_unit = max(1, round((rows["value"].max() - 1) / 6))
    return True


# -- slides -------------------------------------------------------------------------------------------------
def _blank(prs):
    return prs.slides.add_slide(prs.slide_layouts[6])


def _footnote(sources: list[Source], hollow: bool, lang: str) -> str:
    titles = [s.title for s in sources[:4]]
    text = t("card_source", lang, source=t("chart_sep", lang).join(titles))
    if len(sources) > 4:
        text += t("brief_more_sources", lang, n=len(sources) - 4)
    return text + ("\n" + t("chart_hollow", lang) if hollow else "")


def _chart_slide(prs, pack: Pack, item: PackItem) -> None:
    slide = _blank(prs)
    lang, rows, takeaway = pack.lang, item.rows, item.takeaway
    width = WIDTH - 2 * MARGIN
    _text(slide, (MARGIN, Inches(0.3), width, Inches(0.75)), [(item.name, 30)], lang, bold_first=True)
    _text(slide, (MARGIN, Inches(1.05), width, Inches(0.95)), [(takeaway, 18)], lang)
    drawn = _add_chart(
        slide,
        (MARGIN, Inches(2.0), width, Inches(4.6)),
        rows,
        pack.catalog,
        item.indicator_id,
        item.regions,
        lang,
    )
    if not drawn:
        _text(
            slide, (MARGIN, Inches(3.5), width, Inches(1)), [(t("chart_empty", lang), 24)], lang, color=GREY
        )
    sources = list(item.sources)
    hollow = any(charts._hollow(r) for r in analysis.actuals(rows).itertuples(index=False))
    if sources:
        _text(
            slide,
            (MARGIN, Inches(6.65), width - Inches(1), Inches(0.75)),
            [(_footnote(sources, hollow, lang), 12)],
            lang,
            color=GREY,
        )
    _text(
        slide,
        (WIDTH - MARGIN - Inches(1), Inches(6.95), Inches(1), Inches(0.4)),
        [(f"{item.number} / {len(pack.items)}", 12)],
        lang,
        color=GREY,
    )
    notes = [takeaway, *(source_line(s) + (f" {s.url}" if s.url else "") for s in sources)]
    slide.notes_slide.notes_text_frame.text = "\n".join(notes)


def _title_slide(prs, pack: Pack) -> None:
    slide = _blank(prs)
    lang = pack.lang
    lines = [
        (t("brief_title", lang), 40),
        (writing.listing(region_names(pack.catalog, pack.region_ids, lang), lang), 28),
    ]
    lines += [(x, 20) for x in pack.meta]
    _text(slide, (Inches(1), Inches(2.0), WIDTH - Inches(2), Inches(4)), lines, lang, bold_first=True)


def _changes_slides(prs, changes: Changes | None, lang: str) -> None:
    """The changes since a revision: the count, then one sentence per figure, CHANGES_PER_SLIDE a slide."""
    if changes is None:
        return
    lines = list(changes.lines) + ([changes.more] if changes.more else [])
    pages = [lines[i : i + CHANGES_PER_SLIDE] for i in range(0, len(lines), CHANGES_PER_SLIDE)] or [[]]
    for n, page in enumerate(pages, start=1):
        slide = _blank(prs)
        title = t("since_heading", lang, rev=changes.since) + (
            f" ({n}/{len(pages)})" if len(pages) > 1 else ""
        )
        _text(
            slide,
            (MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.75)),
            [(title, 30)],
            lang,
            bold_first=True,
        )
        body = ([(changes.summary, 20)] if n == 1 else []) + [(line, 14) for line in page]
        _text(slide, (MARGIN, Inches(1.2), WIDTH - 2 * MARGIN, Inches(6)), body, lang)


def _sources_slides(prs, sources: list[Source], lang: str) -> None:
    for start in range(0, len(sources), SOURCES_PER_SLIDE):
        slide = _blank(prs)
        title = t("brief_all_sources", lang)
        if len(sources) > SOURCES_PER_SLIDE:
            title += f" ({start // SOURCES_PER_SLIDE + 1}/{-(-len(sources) // SOURCES_PER_SLIDE)})"
        _text(
            slide,
            (MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.75)),
            [(title, 30)],
            lang,
            bold_first=True,
        )
        lines = [
            (f"{n}. {source_line(s)}", 14)
            for n, s in enumerate(sources[start : start + SOURCES_PER_SLIDE], start=start + 1)
        ]
        _text(slide, (MARGIN, Inches(1.2), WIDTH - 2 * MARGIN, Inches(6)), lines, lang)


def render(pack: Pack) -> bytes:
    """The .pptx bytes: title slide, the changes since a revision (when asked for), one native chart slide
    per indicator, then the sources."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(WIDTH), Emu(HEIGHT)
    _title_slide(prs, pack)
    _changes_slides(prs, pack.changes, pack.lang)
    for item in pack.items:
        _chart_slide(prs, pack, item)
    if pack.sources:
        _sources_slides(prs, list(pack.sources), pack.lang)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def build_deck(
    frame: pd.DataFrame,
    catalog: Catalog,
    indicator_ids: list[str],
    region_ids: list[str],
    years: Years,
    lang: str,
    **options,
) -> bytes:
    """The slide pack of these indicators (`pack.build_pack`'s arguments: reference, revision, revision_time,
    generated_at, changes)."""
    return render(build_pack(frame, catalog, indicator_ids, region_ids, years, lang, **options))
