"""The offline HTML briefing: a renderer of a `pack.Pack`.

The briefing is one self-contained file: plotly.js is embedded once, MathJax is not loaded, no web
font is used, and no <script> or <link> tag points at the network, so it opens on an intranet laptop
with no internet. Every piece of text from the data is escaped with html.escape.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.io as pio

from indicators import charts, writing
from indicators.catalog import Catalog, Source
from indicators.changes import Changes
from indicators.deck import Years
from indicators.i18n import t
from indicators.pack import Pack, PackItem, build_pack
from indicators.tables import source_line

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
    narrow = {
        columns.index(t(k, lang))
        for k in ("col_region", "col_year", "col_qualifier", "col_unit", "col_status", "col_as_of")
    }
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = []
    for row in table.itertuples(index=False):
        cells = [
            f'<td class="num">{_e(writing.number(v, decimals))}</td>'
            if n == value
            else f'<td class="nw">{_e(v)}</td>'
            if n in narrow
            else f"<td>{_e(v)}</td>"
            for n, v in enumerate(row)
        ]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _sources_html(sources: list[Source]) -> str:
    items = []
    for src in sources:
        url = src.url if src.url.startswith(("http://", "https://")) else ""
        link = f' · <a href="{_e(url)}" rel="noreferrer">{_e(url)}</a>' if url else ""
        items.append(f"<li>{_e(source_line(src))}{link}</li>")
    return f'<ul class="sources">{"".join(items)}</ul>'


def _chart_section(pack: Pack, item: PackItem) -> str:
    lang, n = pack.lang, item.number
    fig = pack.figure(item)
    config = {
        **charts.download_config(charts.chart_filename(item.indicator_id, item.regions, lang)),
        "responsive": True,
    }
    figure = pio.to_html(
        fig,
        config=config,
        full_html=False,
        include_plotlyjs=False,
        include_mathjax=False,
        div_id=f"chart-{n}",
    )
    parts = [
        f'<section class="chart" id="{_e(item.indicator_id)}">',
        f"<h2>{n}. {_e(item.name)}</h2>",
        f'<p class="takeaway">{_e(item.takeaway)}</p>',
        figure,
    ]
    if not item.rows.empty:
        parts += [
            f"<h3>{_e(t('brief_data', lang))}</h3>",
            _table_html(item.table, item.decimals, lang),
            f"<h3>{_e(t('brief_sources', lang))}</h3>",
            _sources_html(list(item.sources)),
        ]
    return "\n".join([*parts, "</section>"])


def _changes_section(changes: Changes | None, lang: str) -> list[str]:
    """The first section: what changed since a revision, one sentence per figure."""
    if changes is None:
        return []
    items = "".join(f"<li>{_e(line)}</li>" for line in changes.lines)
    return [
        '<section class="changes" id="changes">',
        f"<h2>{_e(t('since_heading', lang, rev=changes.since))}</h2>",
        f'<p class="takeaway">{_e(changes.summary)}</p>',
        f"<ul>{items}</ul>" if items else "",
        f"<p>{_e(changes.more)}</p>" if changes.more else "",
        "</section>",
    ]


def render(pack: Pack) -> str:
    """One self-contained HTML page: title, date, data revision, status legend, the changes since a revision
    (when asked for), then per indicator its takeaway, interactive chart, data table and sources. plotly.js
    is embedded once; nothing loads from the network."""
    lang, title = pack.lang, pack.title
    contents = "".join(
        f'<li><a href="#{_e(item.indicator_id)}">{_e(item.name)}</a></li>' for item in pack.items
    )
    legend = "".join(f"<li>{_e(t(k, lang))}</li>" for k in LEGEND_KEYS)
    sections = [_chart_section(pack, item) for item in pack.items]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_e(title)}</title>",
            f"<style>{CSS}</style>",
            '<script type="text/javascript">window.PlotlyConfig = {MathJaxConfig: "local"};</script>',
            f'<script type="text/javascript">{charts.plotly_js()}</script>',
            "</head>",
            "<body>",
            f"<header><h1>{_e(title)}</h1>",
            *(f'<p class="meta">{_e(m)}</p>' for m in pack.meta),
            f'<p class="offline">{_e(t("brief_offline", lang))}</p></header>',
            *_changes_section(pack.changes, lang),
            f"<nav><h3>{_e(t('brief_contents', lang))}</h3><ol>{contents}</ol></nav>",
            f'<div class="legend"><h3>{_e(t("status_legend", lang))}</h3><ul>{legend}</ul></div>',
            *sections,
            "</body>",
            "</html>",
            "",
        ]
    )


def build_briefing(
    frame: pd.DataFrame,
    catalog: Catalog,
    indicator_ids: list[str],
    region_ids: list[str],
    years: Years,
    lang: str,
    **options,
) -> str:
    """The briefing of these indicators (`pack.build_pack`'s arguments: reference, revision, revision_time,
    generated_at, changes)."""
    return render(build_pack(frame, catalog, indicator_ids, region_ids, years, lang, **options))
