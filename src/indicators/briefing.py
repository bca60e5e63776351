"""The offline HTML briefing of a deck (`deck` says what it holds), and the `indicators report` command that
writes it or the PowerPoint pack.

The briefing is one self-contained file: plotly.js is embedded once, MathJax is not loaded, no web
font is used, and no <script> or <link> tag points at the network, so it opens on an intranet laptop
with no internet. Every piece of text from the data is escaped with html.escape.
"""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import plotly.io as pio
from plotly.offline import get_plotlyjs

from indicators import charts, writing
from indicators.catalog import Catalog, Source
from indicators.deck import (
    Years,
    chart_content,
    day_text,
    reference_text,
    revision_text,
    years_text,
)
from indicators.i18n import t
from indicators.tables import readable, region_names, source_line, sources_of

LEGEND_KEYS = ("legend_reported", "legend_derived", "legend_estimate", "legend_target", "legend_hollow")


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
        parts += [f"<h3>{_e(t('brief_data', lang))}</h3>", _table_html(readable(rows, catalog, lang), ind.decimals, lang),
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
    title = t("brief_heading", lang, title=t("brief_title", lang), names=writing.listing(names, lang))
    meta = [x for x in (years_text(years, lang), reference_text(catalog, reference, region_ids, lang),
                        t("brief_generated", lang, date=day_text(generated_at, lang)),
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
