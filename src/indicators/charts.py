"""Charts: pure functions from the tidy frame to plotly figures, in one visual language.

Each region keeps one colour everywhere (Okabe–Ito based, safe for colour-blind readers). Reported
values are solid lines with filled markers; derived values and figures dated before the year's end
have hollow markers; estimates are dashed; plan targets are hollow diamonds joined to the latest
actual value by a dashed line. A missing year breaks the line and a series break splits it into
separate traces with a dotted vertical line. Strings from the data are HTML-escaped, since plotly
renders a subset of HTML in hover labels, legends and annotations.

One job, so one module of ~450 lines: the visual language (colours, markers, breaks, footnotes, sizes for
a screen and a projector) is shared by the two figures, the level chart (`trend`) and the derived one
(`transformed`); splitting them would split the language.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import re
import unicodedata
from importlib.resources import files

import pandas as pd
import plotly.graph_objects as go

from indicators import writing
from indicators.analysis import STATUS_PREFERENCE, actuals, segments
from indicators.catalog import Catalog
from indicators.comparability import breaks as series_breaks
from indicators.i18n import STRINGS
from indicators.i18n import t as tr

FONT_FAMILY = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
)
CITY_PALETTE = [
    "#E69F00",
    "#56B4E9",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
    "#332288",
    "#117733",
    "#661100",
    "#6699CC",
    "#888888",
]
OTHER_CITIES = [
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
REGION_COLORS: dict[str, str] = {
    "shandong": "#0072B2",
    "qingdao": "#D55E00",
    "china": "#555555",
    "jinan": "#009E73",
    "yantai": "#CC79A7",
    **{city: CITY_PALETTE[i % len(CITY_PALETTE)] for i, city in enumerate(OTHER_CITIES)},
}
SIZES = {
    False: dict(
        height=520, t=110, b=130, foot=66, font=16, title=22, axis=16, tick=15, note=13, hover=15, legend=30
    ),
    True: dict(
        height=640, t=140, b=160, foot=84, font=20, title=30, axis=22, tick=20, note=16, hover=18, legend=38
    ),
}
HOVER = "<b>%{customdata[0]}</b><br>{at}%{customdata[1]}<br>%{customdata[2]}%{customdata[3]}%{customdata[4]}<extra></extra>"
BLANK = ["", "", "", "", ""]
DASHES = ["solid", "dash", "dot", "dashdot"]
SYMBOLS = ["circle", "square", "triangle-up", "x"]


# The look of plotly's "plotly_white", written out: a named template costs ~20 ms per figure to expand.
TEMPLATE = {
    "layout": {
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": list(REGION_COLORS.values()),
        "font": {"color": "#2a3f5f"},
        "hoverlabel": {"align": "left"},
        "xaxis": {
            "gridcolor": "#EBF0F8",
            "linecolor": "#EBF0F8",
            "ticks": "",
            "zerolinecolor": "#EBF0F8",
            "automargin": True,
            "title": {"standoff": 15},
        },
        "yaxis": {
            "gridcolor": "#EBF0F8",
            "linecolor": "#EBF0F8",
            "ticks": "",
            "zerolinecolor": "#EBF0F8",
            "automargin": True,
            "title": {"standoff": 15},
        },
    }
}


def _merge(target: dict, updates: dict) -> dict:
    for key, value in updates.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value
    return target


class _Fig:
    """The part of go.Figure's API these charts use, collecting plain dicts: building through
    go.Figure's validated setters costs ~150 ms a chart, one go.Figure(dict) at the end ~4 ms."""

    def __init__(self, data: list | dict | None = None):
        self.data: list[dict] = [data] if isinstance(data, dict) else list(data or [])
        self.layout: dict = {"template": TEMPLATE}

    def add_trace(self, trace: dict) -> None:
        self.data.append(trace)

    def add_traces(self, traces: list[dict]) -> None:
        self.data.extend(traces)

    def update_layout(self, **updates) -> None:
        _merge(self.layout, updates)

    def update_xaxes(self, **updates) -> None:
        _merge(self.layout.setdefault("xaxis", {}), updates)

    def update_yaxes(self, **updates) -> None:
        _merge(self.layout.setdefault("yaxis", {}), updates)

    def add_annotation(self, **annotation) -> None:
        self.layout.setdefault("annotations", []).append(annotation)

    def add_vline(self, x: float, line: dict) -> None:
        self.layout.setdefault("shapes", []).append(
            dict(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1, line=line)
        )

    def add_hline(self, y: float, line: dict) -> None:
        self.layout.setdefault("shapes", []).append(
            dict(type="line", xref="paper", yref="y", x0=0, x1=1, y0=y, y1=y, line=line)
        )

    def build(self) -> go.Figure:
        return go.Figure({"data": self.data, "layout": self.layout})


def region_color(region_id: str) -> str:
    """The fixed colour of a region; unknown ids get a stable pick from the palette."""
    if region_id in REGION_COLORS:
        return REGION_COLORS[region_id]
    return CITY_PALETTE[hashlib.sha1(region_id.encode("utf-8")).digest()[0] % len(CITY_PALETTE)]


def _status(status: str, lang: str) -> str:
    return tr(f"status_{status}", lang) if f"status_{status}" in STRINGS else _esc(status)


def _w(key: str, lang: str) -> str:
    """A chart's own words (`chart_*` in i18n)."""
    return tr(f"chart_{key}", lang)


def _esc(text: object) -> str:
    return html.escape(writing.plain(text or ""), quote=False)


def _short(text: str, limit: int) -> str:
    text = " ".join(writing.plain(text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _lines(text: str, budget: int, max_lines: int = 99) -> list[str]:
    """Break text into lines of at most `budget` display units (a CJK character counts two)."""
    lines, line, width = [], "", 0
    for ch in text:
        w = _width(ch)
        if width + w > budget:
            cut = line.rfind(" ") if w == 1 else -1
            lines.append(line[:cut] if cut > len(line) - 16 else line)
            line = line[cut + 1 :] if cut > len(line) - 16 else ""
            width = _width(line)
        line += ch
        width += w
    lines = [*lines, line]
    return lines if len(lines) <= max_lines else [*lines[: max_lines - 1], lines[max_lines - 1][:-1] + "…"]


def _wrapped(text: str, budget: int = 64, limit: int = 240) -> str:
    """Escaped text cut to `limit` characters, in lines of `budget` display units, for a hover label."""
    return "<br>".join(_esc(line) for line in _lines(_short(text, limit), budget))


def _region_name(catalog: Catalog, region_id: str, lang: str) -> str:
    reg = catalog.regions.get(region_id)
    return reg.name(lang) if reg else region_id


def _hollow(row) -> bool:
    as_of = str(row.as_of or "")
    return row.status == "derived" or (as_of != "" and not as_of.endswith("12-31"))


def _source_title(catalog: Catalog, source_id: str) -> str:
    src = catalog.sources.get(source_id)
    return src.title if src and src.title else str(source_id or "")


def _point(catalog: Catalog, row, name: str, lang: str) -> list[str]:
    """customdata of one point: region, value with unit and qualifier, status, as-of date and source, note."""
    ind = catalog.indicators[row.indicator_id]
    value = writing.value(
        float(row.value),
        catalog.unit_of(row.indicator_id),
        lang,
        ind.decimals,
        writing.qualifier_of(row.note),
    )
    dated = str(row.as_of or "")
    as_of = (
        _w("as_of", lang).format(_esc(writing.date(dated, lang)))
        if dated and not dated.endswith("12-31")
        else ""
    )
    source = _source_title(catalog, row.source_id)
    source = f"<br>{_w('source', lang)}{_wrapped(source)}" if source else ""
    note = catalog.note(row.note, lang).strip()
    note = f"<br>{_w('note', lang)}{_wrapped(note)}" if note else ""
    return [_esc(name), _esc(value), _status(row.status, lang), as_of, source + note]


def unit_label(fig: go.Figure) -> str:
    """The unit written above the y axis ('' when the figure has none)."""
    return next((a.text for a in fig.layout.annotations if a.name == "unit"), "")


def _footnote(fig: _Fig, lang: str, sources: str, marks: list[str], big: bool) -> None:
    """Sources (at most two lines) and what hollow markers and diamonds mean, below the x axis: a fixed
    distance in pixels under the plot, whatever the figure's height; lines short enough for the narrowest
    plot (1280 px wide with the sidebar open), so nothing is cut at the right edge."""
    size = SIZES[big]
    lines = _lines(_w("source", lang) + _short(sources, 160), 96 if big else 100, 2) if sources else []
    legend = _w("join", lang).join(marks)
    lines += [legend[:1].upper() + legend[1:]] if marks else []
    if lines:
        fig.add_annotation(
            text="<br>".join(_esc(line) for line in lines),
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            yshift=-size["foot"],
            xanchor="left",
            yanchor="top",
            showarrow=False,
            align="left",
            font=dict(size=size["note"], color="#444"),
        )


def _layout(
    fig: _Fig, title: str, y_title: str, lang: str, big: bool, years: list[int] | None, fill: bool = False
) -> _Fig:
    """The shared look for a 1280×720 projector; `years` None means the x axis is not a year axis; `fill`
    leaves the height to the element that holds the figure (Present fills the screen)."""
    size = SIZES[big]
    fig.update_layout(
        font=dict(family=FONT_FAMILY, size=size["font"]),
        **({"autosize": True} if fill else {"height": size["height"]}),
        title=dict(
            text=_esc(title), font=dict(size=size["title"]), x=0, xanchor="left", y=0.97, yanchor="top"
        ),
        margin=dict(l=90, r=40, t=size["t"], b=size["b"]),
        hovermode="closest",
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0, traceorder="normal"),
        hoverlabel=dict(font=dict(size=size["hover"], family=FONT_FAMILY)),
    )
    fig.update_xaxes(title=dict(font=dict(size=size["axis"])), tickfont=dict(size=size["tick"]))
    fig.update_yaxes(tickfont=dict(size=size["tick"]), tickformat=",")
    if y_title:  # the unit, upright above the axis: a rotated axis title turns 个 into an arrow-like glyph
        # a long unit ('trillion yuan') widens the left margin so that it stays inside the figure
        fig.update_layout(margin=dict(l=max(90, int(_width(y_title) * size["axis"] * 0.55 + 12))))
        fig.add_annotation(
            text=_esc(y_title),
            xref="paper",
            yref="paper",
            x=0,
            y=1,
            xanchor="right",
            yanchor="bottom",
            xshift=-6,
            yshift=6,
            showarrow=False,
            name="unit",
            font=dict(size=size["axis"], color="#2a3f5f"),
        )
    if years is not None:
        fig.update_xaxes(title=dict(text=_w("year", lang)), tickformat="d")
    if years and max(years) - min(years) < 12:
        fig.update_xaxes(dtick=1)
    return fig


def _empty(title: str, lang: str, big: bool) -> go.Figure:
    fig = _layout(_Fig(), title, "", lang, big, [])
    fig.add_annotation(
        text=_w("empty", lang),
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font=dict(size=26 if big else 20, color="#555"),
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig.build()


def _year_line(by_year: dict[int, float], breaks: tuple[int, ...] = ()) -> tuple[list, list]:
    """x and y over every year from the first to the last: None for a missing year, and an extra
    None before each series break so that the line never joins the two bases."""
    xs, ys = [], []
    for year in range(min(by_year), max(by_year) + 1) if by_year else ():
        if year in breaks:
            xs, ys = [*xs, None], [*ys, None]
        xs, ys = [*xs, year], [*ys, by_year.get(year)]
    return xs, ys


def _select(
    frame: pd.DataFrame, indicator_ids: list[str], region_ids: list[str], years: tuple[int, int] | None
) -> pd.DataFrame:
    rows = frame[frame["indicator_id"].isin(list(indicator_ids)) & frame["region_id"].isin(list(region_ids))]
    rows = rows[rows["value"].notna()]
    if years:  # a (first, last) pair or any collection of years: the range they span
        rows = rows[(rows["year"] >= int(min(years))) & (rows["year"] <= int(max(years)))]
    return rows.sort_values(["region_id", "year"], kind="stable")


def _scatter(points: list[tuple], who: tuple[str, str, str], lang: str, **style) -> dict:
    """A trace of (x, y, hover customdata) points for region `who` = (id, name, colour)."""
    rid, name, color = who
    xs, ys, custom = zip(*points, strict=True) if points else ((), (), ())
    base = dict(name=_esc(name), mode="lines+markers", hovertemplate=HOVER.replace("{at}", _w("at", lang)))
    return dict(
        type="scatter",
        x=list(xs),
        y=list(ys),
        customdata=list(custom),
        legendgroup=rid,
        connectgaps=False,
        **{**base, **style},
    )


def _line_traces(
    catalog: Catalog, seg: pd.DataFrame, who: tuple[str, str, str], lang: str, big: bool, showlegend: bool
) -> list[dict]:
    """One segment of a region's actual values: a None for each missing year; lines touching an
    estimate are left out of the solid line and drawn dashed by a second trace."""
    points, symbols, dashes, prev = [], [], [], None
    by_year = {int(r.year): r for r in seg.itertuples(index=False)}
    for year in range(min(by_year), max(by_year) + 1):
        row = by_year.get(year)
        if row is not None and prev is not None and "estimate" in (row.status, prev.status):
            points.append((None, None, BLANK))
            symbols.append("circle")
            dashes += [
                (int(prev.year), float(prev.value), BLANK),
                (year, float(row.value), BLANK),
                (None, None, BLANK),
            ]
        points.append(
            (year, None, BLANK)
            if row is None
            else (year, float(row.value), _point(catalog, row, who[1], lang))
        )
        symbols.append("circle-open" if row is not None and _hollow(row) else "circle")
        prev = row
    line = dict(color=who[2], width=4 if big else 3)
    traces = [
        _scatter(
            points,
            who,
            lang,
            showlegend=showlegend,
            line=line,
            marker=dict(
                color=who[2], size=13 if big else 10, symbol=symbols, line=dict(color=who[2], width=2)
            ),
        )
    ]
    if dashes:
        traces.append(
            _scatter(
                dashes,
                who,
                lang,
                showlegend=False,
                mode="lines",
                hoverinfo="skip",
                hovertemplate=None,
                line=dict(line, dash="dash"),
            )
        )
    return traces


def _target_trace(
    catalog: Catalog, targets: pd.DataFrame, anchor, who: tuple[str, str, str], lang: str, big: bool
) -> dict:
    """Hollow diamonds for plan targets; later ones joined by a dashed line to the latest actual value."""
    size, name = 16 if big else 13, who[1]
    later = targets[targets["year"] > anchor.year] if anchor is not None else targets.iloc[0:0]
    points, sizes = [], []
    for r in targets.drop(later.index).itertuples(index=False):  # earlier targets stand alone
        points += [(int(r.year), float(r.value), _point(catalog, r, name, lang)), (None, None, BLANK)]
        sizes += [size, 0]
    for r, point_size in (
        [(anchor, 0), *((r, size) for r in later.itertuples(index=False))] if len(later) else []
    ):
        points.append((int(r.year), float(r.value), _point(catalog, r, name, lang)))
        sizes.append(point_size)
    return _scatter(
        points,
        who,
        lang,
        name=_esc(_w("target", lang).format(name)),
        line=dict(color=who[2], width=3 if big else 2, dash="dash"),
        marker=dict(color=who[2], size=sizes, symbol="diamond-open", line=dict(color=who[2], width=2)),
    )


def _break_lines(
    fig: _Fig, catalog: Catalog, indicator_id: str, plotted: dict[str, list[int]], lang: str, big: bool
) -> None:
    """A dotted line before each series break inside the plotted years, labelled with what changed
    ('口径改变' / 'measure changed', with the region when several are drawn) and the full note on hover."""
    by_year: dict[int, list] = {}
    for rid, years in plotted.items():
        for b in series_breaks(catalog, indicator_id, rid):
            if min(years) < b.first_year <= max(years):
                by_year.setdefault(b.first_year, []).append(b)
    size = SIZES[big]
    years = sorted(by_year)
    for n, year in enumerate(years):
        breaks = by_year[year]
        labels = dict.fromkeys(_w(f"break_{b.kind}", lang) for b in breaks)
        note = _w("names", lang).join(labels)
        if len(plotted) > 1:
            note = (
                _w("names", lang).join(_region_name(catalog, b.region_id, lang) for b in breaks)
                + _w("colon", lang)
                + note
            )
        full = "<br>".join(_wrapped(b.note(lang), 40, 400) for b in breaks)
        # a label sits in a strip above the legend, right of its line, or left of it when the next break is
        # close: it never covers a data point, the legend or another label
        close = n + 1 < len(years) and years[n + 1] - year < 4
        fig.add_vline(x=year - 0.5, line=dict(color="#777", width=2, dash="dot"))
        fig.add_annotation(
            x=year - 0.5,
            xref="x",
            y=1,
            yref="paper",
            xanchor="right" if close else "left",
            yanchor="bottom",
            xshift=-4 if close else 4,
            yshift=size["legend"],
            text=_esc(note),
            hovertext=full,
            showarrow=False,
            align="left",
            font=dict(size=size["note"], color="#444"),
        )
    if years:  # room for the strip of labels under the title
        fig.update_layout(margin=dict(t=size["t"] + size["note"] + 8))


def _rank_axis(fig: _Fig, values: pd.Series) -> None:
    """Ranks: reversed so that 1 (best) is at the top, shown when near; every tick when the range is small."""
    top, low = int(values.max()), 1 if values.max() <= 30 else int(values.min())
    fig.update_yaxes(
        autorange="reversed", tickformat="d", autorangeoptions=dict(include=[low - 0.5, top + 0.5])
    )
    if top - low <= 12:
        fig.update_yaxes(tick0=1, dtick=1)
    elif low == 1:
        fig.update_yaxes(tickmode="array", tickvals=[1, *range(5, top + 5, 5)])


def trend(
    frame: pd.DataFrame,
    catalog: Catalog,
    indicator_id: str,
    region_ids: list[str],
    lang: str,
    *,
    log: bool = False,
    years: tuple[int, int] | None = None,
    big: bool = False,
    fill: bool = False,
) -> go.Figure:
    """One line per region over the years, with targets, gaps, series breaks and a source footnote;
    `fill` for a figure as tall as the element holding it (Present)."""
    ind = catalog.indicators[indicator_id]
    rows = _select(frame, [indicator_id], region_ids, years)
    if rows.empty:
        return _empty(ind.name(lang), lang, big)
    fig, plotted, source_ids = _Fig(), {}, []
    hollow = diamond = dashed = False
    for rid in region_ids:
        reg_rows = rows[rows["region_id"] == rid]
        if reg_rows.empty:
            continue
        who = (rid, _region_name(catalog, rid, lang), region_color(rid))
        act = actuals(reg_rows)
        for i, (_, seg) in enumerate(act.groupby(segments(act, catalog), sort=True)):
            fig.add_traces(_line_traces(catalog, seg, who, lang, big, showlegend=i == 0))
        targets = reg_rows[reg_rows["status"] == "target"].sort_values("year")
        anchor = next(act.tail(1).itertuples(index=False), None)
        if len(targets):
            fig.add_trace(_target_trace(catalog, targets, anchor, who, lang, big))
        shown = pd.concat([act, targets])
        plotted[rid] = [int(y) for y in shown["year"]]
        source_ids += [s for s in shown["source_id"] if s and s not in source_ids]
        hollow |= any(_hollow(r) for r in act.itertuples(index=False))
        diamond |= bool(len(targets))
        dashed |= bool((act["status"] == "estimate").any())
    all_years = [y for ys in plotted.values() for y in ys]
    _layout(fig, ind.name(lang), catalog.unit_of(indicator_id).symbol(lang), lang, big, all_years, fill)
    _break_lines(fig, catalog, indicator_id, plotted, lang, big)
    sources = _w("sep", lang).join(dict.fromkeys(_source_title(catalog, s) for s in source_ids))
    marks = [_w(k, lang) for k, on in (("hollow", hollow), ("diamond", diamond), ("dashed", dashed)) if on]
    _footnote(fig, lang, sources, marks, big)
    if ind.kind == "rank":
        _rank_axis(fig, rows["value"])
    if log:
        fig.update_yaxes(type="log")
    return fig.build()


def transformed(
    frame_t: pd.DataFrame,
    catalog: Catalog,
    value_column: str,
    y_title: str,
    title: str,
    lang: str,
    *,
    sources: str | None = None,
    big: bool = False,
    baseline: float | None = None,
    decimals: int = 1,
    value_suffix: str = "",
) -> go.Figure:
    """Lines of an already transformed frame (level, yoy, index, gap, share): one per indicator × region,
    split at each series break; hollow markers for derived and not-year-end figures, '约'/'about' in the
    hover of an approximate value, the as-of date of a dated one."""
    rows = frame_t[frame_t[value_column].notna()]
    if "status" in rows:
        rows = rows.sort_values("status", key=lambda st: st.map(STATUS_PREFERENCE).fillna(9), kind="stable")
    rows = rows.drop_duplicates(["indicator_id", "region_id", "year"]).sort_values("year")
    if rows.empty:
        return _empty(title, lang, big)
    indicators = list(dict.fromkeys(rows["indicator_id"]))
    fig, hollow_any = _Fig(), False
    for i, ind_id in enumerate(indicators):
        for rid in dict.fromkeys(rows[rows["indicator_id"] == ind_id]["region_id"]):
            part = rows[(rows["indicator_id"] == ind_id) & (rows["region_id"] == rid)]
            starts = tuple(b.first_year for b in series_breaks(catalog, ind_id, rid))
            by_year = {int(r.year): r for r in part.itertuples(index=False)}
            xs, ys = _year_line({y: float(getattr(r, value_column)) for y, r in by_year.items()}, starts)
            name = _region_name(catalog, rid, lang)
            if len(indicators) > 1:
                ind = catalog.indicators.get(ind_id)
                name = f"{name} · {ind.name(lang) if ind else ind_id}"
            custom, symbols = [], []
            for x, y in zip(xs, ys, strict=True):
                row = by_year.get(x) if y is not None else None
                approx = bool(getattr(row, "approximate", False)) if row is not None else False
                text = (
                    ""
                    if y is None
                    else (_w("about", lang) if approx else "") + writing.number(y, decimals) + value_suffix
                )
                dated = str(getattr(row, "as_of", "") or "") if row is not None else ""
                when = (
                    _w("as_of", lang).format(writing.date(dated, lang))
                    if dated and not dated.endswith("12-31")
                    else ""
                )
                custom.append([_esc(name), _esc(text + when)])
                hollow = row is not None and (getattr(row, "status", "") == "derived" or bool(when))
                hollow_any |= hollow
                symbols.append(SYMBOLS[i % len(SYMBOLS)] + ("-open" if hollow else ""))
            fig.add_trace(
                dict(
                    type="scatter",
                    x=xs,
                    y=ys,
                    name=_esc(name),
                    mode="lines+markers",
                    connectgaps=False,
                    customdata=custom,
                    legendgroup=f"{ind_id}:{rid}",
                    line=dict(color=region_color(rid), width=4 if big else 3, dash=DASHES[i % len(DASHES)]),
                    marker=dict(
                        color=region_color(rid),
                        size=12 if big else 9,
                        symbol=symbols,
                        line=dict(color=region_color(rid), width=2),
                    ),
                    hovertemplate="<b>%{customdata[0]}</b><br>"
                    + _w("at", lang)
                    + "%{customdata[1]}<extra></extra>",
                )
            )
    _layout(fig, title, y_title, lang, big, [int(y) for y in rows["year"]])
    if baseline is not None:
        fig.add_hline(y=baseline, line=dict(color="#777", width=1.5, dash="dot"))
    if sources is None and "source_id" in rows:
        sources = _w("sep", lang).join(
            dict.fromkeys(_source_title(catalog, s) for s in rows["source_id"] if s)
        )
    _footnote(fig, lang, sources or "", [_w("hollow", lang)] if hollow_any else [], big)
    return fig.build()


def download_config(filename: str) -> dict:
    """plotly config for a chart on a page (`ui.plot`) or in the HTML briefing: PNG download at twice the size,
    no logo, no lasso, and no "Share chart" button (plotly.js 4 shows one by default: it uploads the figure, its
    figures and sources, to Plotly's cloud)."""
    return {
        "displaylogo": False,
        "showSendToCloud": False,
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": filename},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def chart_filename(indicator_id: str, region_ids: list[str], lang: str) -> str:
    """An ASCII-safe file name from the ids: 'fiveg_base_stations_shandong-qingdao'."""
    safe = [re.sub(r"[^A-Za-z0-9_]+", "", x) for x in (indicator_id, *region_ids)]
    name = safe[0] + ("_" + "-".join(s for s in safe[1:] if s) if any(safe[1:]) else "")
    return name[:120] or "chart"


SPARK_COLORS = {"green": "#178a4a", "red": "#c8322c", "off": "#8f96a3"}  # a card's change: good, bad, neither


def sparkline_svg(
    values: tuple[float, ...], kind: str, color: str, width: int = 240, height: int = 36
) -> str:
    """A card's sparkline as inline SVG, one slot a year: bars from zero ("bar"), or a line ("line", a rank's
    negated history) with a dot on a year that stands alone; NaN is a gap (a missing year, or the year before a
    series break) that no line crosses. Numbers only: no text, no script, nothing from the data but values."""
    finite = [v for v in values if v == v]
    if not finite:
        return ""
    fill = SPARK_COLORS.get(color, SPARK_COLORS["off"])
    low, high = (min(0.0, *finite), max(0.0, *finite)) if kind == "bar" else (min(finite), max(finite))
    span = (high - low) or 1.0
    slot = width / len(values)

    def y(v: float) -> float:
        return round(2 + (height - 4) * (high - v) / span, 1)

    shapes: list[str] = []
    if kind == "bar":
        zero, bar = y(0.0), max(1.0, round(min(slot * 0.6, 9.0), 1))
        for i, v in enumerate(values):
            if v == v:
                top, x = min(y(v), zero), round(i * slot + (slot - bar) / 2, 1)
                shapes.append(
                    f'<rect x="{x}" y="{top}" width="{bar}" height="{max(1.0, abs(zero - y(v))):.1f}"/>'
                )
    else:
        runs: list[list[tuple[float, float]]] = [[]]
        for i, v in enumerate(values):
            if v == v:
                runs[-1].append((round(i * slot + slot / 2, 1), y(v)))
            elif runs[-1]:
                runs.append([])
        for run in (r for r in runs if r):
            if len(run) == 1:
                shapes.append(f'<circle cx="{run[0][0]}" cy="{run[0][1]}" r="2.5"/>')
            else:
                points = " ".join(f"{x},{yy}" for x, yy in run)
                shapes.append(f'<polyline points="{points}" fill="none" stroke="{fill}" stroke-width="2"/>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" preserveAspectRatio="none" '
        f'fill="{fill}">{"".join(shapes)}</svg>'
    )


def sparkline_img(values: tuple[float, ...], kind: str, color: str, height: int = 36) -> str:
    """`sparkline_svg` as an <img> of a data URI, the form Streamlit's HTML element keeps (it drops inline
    SVG); decorative (empty alt): the card says the numbers."""
    svg = sparkline_svg(values, kind, color, height=height)
    if not svg:
        return ""
    data = base64.b64encode(svg.encode()).decode()
    return f'<img class="card-spark" src="data:image/svg+xml;base64,{data}" alt="" width="100%" height="{height}">'


@functools.cache
def plotly_js() -> str:
    """plotly.js's basic bundle (`assets/plotly-basic.min.js`: scatter, bar and pie, all our figures use; the
    plotly package's plotly.js version, tests/test_chart_code.py), which the pages load from `static/` and the
    HTML briefing embeds: 1.2 MB where the whole plotly.js is 4.8 MB."""
    return files("indicators").joinpath("assets/plotly-basic.min.js").read_text(encoding="utf-8")
