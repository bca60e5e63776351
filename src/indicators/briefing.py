"""Meeting packs: what a deck holds (the default storyline, each chart's rows, table and sources), the
offline HTML briefing, and the `indicators report` command that writes it or the PowerPoint pack.

The briefing is one self-contained file: plotly.js is embedded once, MathJax is not loaded, no web
font is used, and no <script> or <link> tag points at the network, so it opens on an intranet laptop
with no internet. Every piece of text from the data is escaped with html.escape.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.io as pio
from plotly.offline import get_plotlyjs

from indicators import charts, comparability, sentences, writing
from indicators.catalog import THEMES, Catalog, Source
from indicators.comparability import chart_regions
from indicators.i18n import t

DEFAULT_REGIONS = ("shandong", "qingdao")
REFERENCE_REGION = "china"  # drawn beside the chosen regions where it compares (`comparability.chart_regions`)
LEGEND_KEYS = ("legend_reported", "legend_derived", "legend_estimate", "legend_target", "legend_hollow")
TABLE_KEYS = ("col_indicator", "col_region", "col_year", "col_qualifier", "col_value", "col_unit", "col_status",
              "col_source", "col_as_of", "col_note")
STATUS_KEYS = {f"status_{s}" for s in ("reported", "derived", "estimate", "target")}
Years = tuple[int, int] | None


# -- what a deck holds ------------------------------------------------------------------------------------
def select_rows(frame: pd.DataFrame, indicator_ids: list[str], region_ids: list[str], years: Years) -> pd.DataFrame:
    """The rows with a value of these indicators and regions within the years (a (first, last) pair)."""
    rows = frame[frame["indicator_id"].isin(list(indicator_ids)) & frame["region_id"].isin(list(region_ids))
                 & frame["value"].notna()]
    if years:
        rows = rows[(rows["year"] >= int(min(years))) & (rows["year"] <= int(max(years)))]
    return rows


@dataclass(frozen=True)
class ChartContent:
    """What one chart of a pack shows, the same in Present, the briefing and the slide pack: the regions
    drawn (the chosen ones, plus the national reference where it compares), their rows, and the takeaway
    about the chosen regions."""

    indicator_id: str
    regions: list[str]
    rows: pd.DataFrame
    takeaway: str


def chart_content(frame: pd.DataFrame, catalog: Catalog, indicator_id: str, region_ids: list[str],
                  reference: str | None, years: Years, lang: str) -> ChartContent:
    regions = chart_regions(catalog, indicator_id, region_ids, reference)
    rows = select_rows(frame, [indicator_id], regions, years)
    return ChartContent(indicator_id, regions, rows,
                        sentences.takeaway(rows, catalog, indicator_id, list(region_ids), lang))


def default_deck(frame: pd.DataFrame, catalog: Catalog, region_ids: list[str], years: Years = None) -> list[str]:
    """The default storyline: the headline indicators that have data for the regions and years, theme by
    theme (digital economy first), the one with the most figures first within a theme."""
    counts = select_rows(frame, list(catalog.indicators), region_ids, years)["indicator_id"].value_counts()
    ids = [i for i, ind in catalog.indicators.items() if ind.headline and counts.get(i, 0)]
    order = {theme: n for n, theme in enumerate(THEMES)}
    return sorted(ids, key=lambda i: (order.get(catalog.indicators[i].theme, len(order)), -counts[i]))


def region_names(catalog: Catalog, region_ids: list[str], lang: str) -> list[str]:
    return [catalog.regions[r].name(lang) if r in catalog.regions else r for r in region_ids]


def years_text(years: Years, lang: str) -> str:
    return t("brief_years", lang, first=min(years), last=max(years)) if years else ""


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def data_table(rows: pd.DataFrame, catalog: Catalog, lang: str) -> pd.DataFrame:
    """The numbers behind a chart, for a person: indicator, region, year, qualifier (超过 / over), value, unit,
    status, source, as-of date and note in the reader's language; in the catalog's order. The one readable
    table of the product (the pages' table view and its downloads, the briefing); it keeps the rows' index."""
    order = {r: n for n, r in enumerate(catalog.regions)}
    rows = rows.assign(_order=rows["region_id"].map(order).fillna(len(order)))
    rows = rows.sort_values(["indicator_id", "_order", "year", "status"], kind="stable")
    ind, srcs = catalog.indicators, catalog.sources
    columns = [t(k, lang) for k in TABLE_KEYS]
    return pd.DataFrame({
        columns[0]: [ind[i].name(lang) if i in ind else i for i in rows["indicator_id"]],
        columns[1]: region_names(catalog, list(rows["region_id"]), lang),
        columns[2]: rows["year"].astype(int).to_list(),
        columns[3]: [writing.qualifier_word(writing.qualifier_of(n), lang).strip() for n in rows["note"]],
        columns[4]: rows["value"].astype(float).to_list(),
        columns[5]: [catalog.unit_of(i).symbol(lang) if i in ind else "" for i in rows["indicator_id"]],
        columns[6]: [t(f"status_{s}", lang) if f"status_{s}" in STATUS_KEYS else s for s in rows["status"]],
        columns[7]: [srcs[s].title if s in srcs else str(s or "") for s in rows["source_id"]],
        columns[8]: [writing.date(a, lang) if _text(a) else "" for a in rows["as_of"]],
        columns[9]: [catalog.note(n, lang) for n in rows["note"]],
    }, columns=columns, index=rows.index)


SPARSE_YEARS = 2  # an indicator with actual figures in this many years or fewer is shown as facts, not a chart


def is_sparse(rows: pd.DataFrame) -> bool:
    """Whether the rows hold actual figures in at most SPARSE_YEARS years: a chart of one or two points
    (axes like 1,999-2,001, '3.5 factories') says less than a line of facts."""
    return rows.loc[rows["status"] != "target", "year"].nunique() <= SPARSE_YEARS


def fact_table(rows: pd.DataFrame, catalog: Catalog, lang: str) -> pd.DataFrame:
    """A sparse indicator's figures as a small table: region, when, value (with its qualifier and unit),
    status and source, in the catalog's order."""
    order = {r: n for n, r in enumerate(catalog.regions)}
    rows = rows.assign(_order=rows["region_id"].map(order).fillna(len(order)))
    rows = rows.sort_values(["_order", "year", "status"], kind="stable")
    figs = [comparability.figure(r) for r in rows.itertuples(index=False)]
    return pd.DataFrame({
        t("col_region", lang): region_names(catalog, list(rows["region_id"]), lang),
        t("col_when", lang): [sentences.period_of(f, lang) for f in figs],
        t("col_value", lang): [sentences.figure_value(catalog, f, lang) for f in figs],
        t("col_status", lang): [t(f"status_{f.status}", lang) for f in figs],
        t("col_source", lang): [catalog.sources[f.source_id].title if f.source_id in catalog.sources
                                else f.source_id for f in figs],
    })


def sources_of(rows: pd.DataFrame, catalog: Catalog) -> list[Source]:
    """The sources of the rows, in order of first appearance; an unknown id stands for itself."""
    ids = [s for s in dict.fromkeys(rows["source_id"]) if s]
    return [catalog.sources.get(s) or Source(s, s) for s in ids]


def source_line(src: Source) -> str:
    """'title — publisher, date' (plain text)."""
    tail = ", ".join(x for x in (src.publisher, src.published) if x)
    return f"{src.title} — {tail}" if tail else src.title


def reference_text(catalog: Catalog, reference: str | None, region_ids: list[str], lang: str) -> str:
    """'全国数据作参考，仅用于比重、比率和指数类图表' when a national reference is drawn beside the regions."""
    if not reference or reference in region_ids or reference not in catalog.regions:
        return ""
    return t("brief_reference", lang, name=catalog.regions[reference].name(lang))


def revision_text(revision: int | None, revision_time: str | None, lang: str) -> str:
    if revision is None:
        return ""
    when = writing.timestamp(revision_time or "", lang)
    return t("data_revision", lang, rev=revision, when=when) if when else t("brief_revision", lang, rev=revision)


def _date(generated_at: dt.date | dt.datetime | str | None, lang: str) -> str:
    return writing.day(generated_at or dt.date.today(), lang)


# -- the offline HTML briefing ----------------------------------------------------------------------------
CSS = """
body { font-family: FONT; margin: 0 auto; max-width: 1200px; padding: 24px 32px 64px; color: #1a1a1a;
       line-height: 1.5; font-size: 17px; background: #fff; }
h1 { font-size: 34px; margin: 0 0 6px; } h2 { font-size: 27px; margin: 6px 0 10px; } h3 { font-size: 19px; }
.meta { color: #444; margin: 2px 0; font-size: 18px; }
.offline { color: #555; font-size: 15px; }
nav ol { columns: 2; font-size: 17px; }
.legend { font-size: 15px; color: #333; }
section.chart { border-top: 3px solid #ddd; margin-top: 40px; padding-top: 14px; }
.takeaway { font-size: 22px; font-weight: 600; border-left: 6px solid #0072B2; background: #f3f7fb;
            padding: 8px 14px; margin: 0 0 12px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; margin: 8px 0; }
th, td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f2f2f2; } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.nw { white-space: nowrap; }
.sources { font-size: 15px; } .sources a { color: #0b5394; word-break: break-all; }
@media print { section.chart { break-before: page; } nav { display: none; } }
""".replace("FONT", charts.FONT_FAMILY)


def _e(text: object) -> str:
    return html.escape(str(text if text is not None else ""), quote=True)


def _table_html(table: pd.DataFrame, decimals: int, lang: str) -> str:
    """The data table in HTML: numbers right-aligned beside their qualifier (超过 / over), short columns kept
    on one line."""
    columns = list(table.columns)
    value = columns.index(t("col_value", lang))
    narrow = {columns.index(t(k, lang)) for k in ("col_region", "col_year", "col_qualifier", "col_unit", "col_status",
                                                   "col_as_of")}
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = []
    for row in table.itertuples(index=False):
        cells = [f'<td class="num">{_e(writing.number(v, decimals))}</td>' if n == value else
                 f'<td class="nw">{_e(v)}</td>' if n in narrow else f"<td>{_e(v)}</td>"
                 for n, v in enumerate(row)]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _sources_html(sources: list[Source]) -> str:
    items = []
    for src in sources:
        url = src.url if src.url.startswith(("http://", "https://")) else ""
        link = f' · <a href="{_e(url)}" rel="noreferrer">{_e(url)}</a>' if url else ""
        items.append(f"<li>{_e(source_line(src))}{link}</li>")
    return f'<ul class="sources">{"".join(items)}</ul>'


def _chart_section(n: int, frame: pd.DataFrame, catalog: Catalog, indicator_id: str, region_ids: list[str],
                   reference: str | None, years: Years, lang: str) -> str:
    ind = catalog.indicators[indicator_id]
    content = chart_content(frame, catalog, indicator_id, region_ids, reference, years, lang)
    rows = content.rows
    fig = charts.trend(rows, catalog, indicator_id, content.regions, lang, years=years)
    config = {**charts.download_config(charts.chart_filename(indicator_id, content.regions, lang)), "responsive": True}
    figure = pio.to_html(fig, config=config, full_html=False, include_plotlyjs=False, include_mathjax=False,
                         div_id=f"chart-{n}")
    parts = [f'<section class="chart" id="{_e(indicator_id)}">', f"<h2>{n}. {_e(ind.name(lang))}</h2>",
             f'<p class="takeaway">{_e(content.takeaway)}</p>', figure]
    if not rows.empty:
        parts += [f"<h3>{_e(t('brief_data', lang))}</h3>", _table_html(data_table(rows, catalog, lang), ind.decimals, lang),
                  f"<h3>{_e(t('brief_sources', lang))}</h3>", _sources_html(sources_of(rows, catalog))]
    return "\n".join([*parts, "</section>"])


def build_briefing(frame: pd.DataFrame, catalog: Catalog, indicator_ids: list[str], region_ids: list[str],
                   years: Years, lang: str, *, reference: str | None = None, revision: int | None = None,
                   revision_time: str | None = None,
                   generated_at: dt.date | dt.datetime | str | None = None) -> str:
    """One self-contained HTML page: title, date, data revision, status legend, then per indicator its
    takeaway, interactive chart, data table and sources. plotly.js is embedded once; nothing loads from
    the network."""
    names = region_names(catalog, region_ids, lang)
    joiner = "、" if lang == "zh" else ", "
    title = f"{t('brief_title', lang)}：{joiner.join(names)}" if lang == "zh" else \
        f"{t('brief_title', lang)}: {joiner.join(names)}"
    meta = [x for x in (years_text(years, lang), reference_text(catalog, reference, region_ids, lang),
                        t("brief_generated", lang, date=_date(generated_at, lang)),
                        revision_text(revision, revision_time, lang)) if x]
    contents = "".join(f'<li><a href="#{_e(i)}">{_e(catalog.indicators[i].name(lang))}</a></li>'
                       for i in indicator_ids)
    legend = "".join(f"<li>{_e(t(k, lang))}</li>" for k in LEGEND_KEYS)
    sections = [_chart_section(n, frame, catalog, i, region_ids, reference, years, lang)
                for n, i in enumerate(indicator_ids, start=1)]
    return "\n".join([
        "<!DOCTYPE html>", f'<html lang="{"zh-CN" if lang == "zh" else "en"}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">', f"<title>{_e(title)}</title>",
        f"<style>{CSS}</style>",
        '<script type="text/javascript">window.PlotlyConfig = {MathJaxConfig: "local"};</script>',
        f'<script type="text/javascript">{get_plotlyjs()}</script>', "</head>", "<body>",
        f"<header><h1>{_e(title)}</h1>", *(f'<p class="meta">{_e(m)}</p>' for m in meta),
        f'<p class="offline">{_e(t("brief_offline", lang))}</p></header>',
        f"<nav><h3>{_e(t('brief_contents', lang))}</h3><ol>{contents}</ol></nav>",
        f'<div class="legend"><h3>{_e(t("status_legend", lang))}</h3><ul>{legend}</ul></div>',
        *sections, "</body>", "</html>", ""])


# -- `indicators report` -----------------------------------------------------------------------------------
class ReportError(ValueError):
    """Bad input to `indicators report`, with the message in the user's language."""


def _ids(text: str, known: dict, find, key: str, lang: str) -> list[str]:
    wanted = [p.strip() for p in str(text or "").split(",") if p.strip()]
    found = [p if p in known else getattr(find(p), "id", None) for p in wanted]
    unknown = [p for p, f in zip(wanted, found, strict=True) if f is None]
    if unknown:
        raise ReportError(t(key, lang, ids=", ".join(unknown), known=", ".join(known)))
    return list(dict.fromkeys(found))


def parse_years(text: str, frame: pd.DataFrame, lang: str) -> tuple[int, int]:
    """'2018-2023' or '2023' within the data's years; empty means all of them."""
    low, high = (int(frame["year"].min()), int(frame["year"].max())) if len(frame) else (2012, 2030)
    text = str(text or "").strip()
    if not text:
        return low, high
    try:
        parts = [int(p) for p in text.replace("–", "-").replace("—", "-").split("-")]
    except ValueError:
        parts = []
    if len(parts) not in (1, 2) or parts[0] > parts[-1] or parts[-1] < low or parts[0] > high:
        raise ReportError(t("report_bad_years", lang, value=text, low=low, high=high))
    return parts[0], parts[-1]


def write_report(args, store) -> int:
    """`indicators report -o PATH`: the extension chooses the offline HTML briefing or the PPTX pack."""
    lang = args.lang or os.environ.get("INDICATORS_LANG") or "zh"
    lang = lang if lang in ("zh", "en") else "zh"
    out = Path(args.output)
    ext = out.suffix.lower()
    try:
        if ext not in (".html", ".htm", ".pptx"):
            raise ReportError(t("report_bad_format", lang, ext=out.suffix or out.name))
        frame, catalog = store.current(), store.full_catalog()
        regions = _ids(args.regions, catalog.regions, catalog.find_region, "report_unknown_region", lang)
        reference = None if regions else REFERENCE_REGION
        regions = regions or list(DEFAULT_REGIONS)
        years = parse_years(args.years, frame, lang)
        ids = _ids(args.indicators, catalog.indicators, catalog.find_indicator, "report_unknown_indicator", lang)
        ids = ids or default_deck(frame, catalog, regions, years)
        if not ids:
            raise ReportError(t("report_no_data", lang))
    except ReportError as err:
        print(f"indicators: {err}", file=sys.stderr)
        return 2
    history = store.history()
    meta = dict(reference=reference, revision=history[0].id if history else None,
                revision_time=history[0].created_at if history else None)
    if ext == ".pptx":
        from indicators.slides import build_deck

        data = build_deck(frame, catalog, ids, regions, years, lang, **meta)
    else:
        data = build_briefing(frame, catalog, ids, regions, years, lang, **meta).encode("utf-8")
    try:
        out.write_bytes(data)
    except OSError as err:
        print(f"indicators: {t('report_cannot_write', lang, path=out, reason=err.strerror)}", file=sys.stderr)
        return 2
    print(out)
    return 0
