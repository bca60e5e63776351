"""What the Data page shows about an update, as plain tables and figures (no Streamlit here): the
validation report, the preview of an upload (added, changed, before/after per series), the history of
revisions and what each one changed, and the template an analyst fills in.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from indicators import tables, writing
from indicators.catalog import Catalog
from indicators.charts import region_color
from indicators.diffing import Diff
from indicators.export import template_frame
from indicators.frame import FIELDS, KEY
from indicators.i18n import t
from indicators.ingest import HEADER_ZH
from indicators.problems import Problem
from indicators.store import Revision

SERIES_KEY = ["indicator_id", "region_id", "status"]
MAX_CHARTS = 6


# -- names ---------------------------------------------------------------------------------------------
def _unit(catalog: Catalog, ind_id: str, lang: str) -> str:
    return catalog.unit_of(ind_id).symbol(lang) if ind_id in catalog.indicators else ""


def _source(catalog: Catalog, source_id: object) -> str:
    if source_id is None or source_id != source_id or source_id == "":
        return ""
    source = catalog.sources.get(str(source_id))
    return writing.plain(source.title if source else source_id)


def _names(frame: pd.DataFrame, catalog: Catalog, lang: str) -> dict:
    """Which figure each row is (`tables.names`), and its status."""
    return {
        **tables.names(frame, catalog, lang),
        t("col_status", lang): [t(f"status_{s}", lang) if s else "" for s in frame["status"]],
    }


# -- the validation report ----------------------------------------------------------------------------
def problems_table(problems: list[Problem], lang: str) -> pd.DataFrame:
    """One row per problem: spreadsheet row, column, the offending value, what is wrong and how to fix it."""

    def column_name(column: str | None) -> str:
        if not column:
            return ""
        return HEADER_ZH.get(column, column) if lang == "zh" else column

    return pd.DataFrame(
        {
            t("dp_col_row", lang): pd.array([p.row for p in problems], dtype="Int64"),
            t("dp_col_column", lang): [column_name(p.column) for p in problems],
            t("dp_col_cell", lang): [writing.plain(p.value or "") for p in problems],
            t("dp_col_problem", lang): [writing.plain(p.detail(lang)) for p in problems],
            t("dp_col_code", lang): [p.code for p in problems],
        }
    )


# -- the preview --------------------------------------------------------------------------------------
def added_table(added: pd.DataFrame, catalog: Catalog, lang: str) -> pd.DataFrame:
    """The figures an upload adds, as every table a person sees (`tables.readable`)."""
    if added.empty:
        return pd.DataFrame(
            columns=[t(k, lang) for k in ("col_indicator", "col_region", "col_year", "col_value")]
        )
    return tables.readable(added, catalog, lang).reset_index(drop=True)


def _what_changed(row, lang: str) -> str:
    parts = []
    for field in FIELDS:
        new, old = getattr(row, field), getattr(row, field + "_old")
        if field == "value":
            differs = not (
                pd.notna(new)
                and pd.notna(old)
                and abs(float(new) - float(old)) <= 1e-12 * max(abs(float(new)), abs(float(old)), 1.0)
            )
        else:
            differs = (new if isinstance(new, str) else "") != (old if isinstance(old, str) else "")
        if differs:
            parts.append(
                t(
                    {
                        "value": "col_value",
                        "source_id": "col_source",
                        "as_of": "col_as_of",
                        "note": "col_note",
                    }[field],
                    lang,
                )
            )
    return writing.listing(parts, lang)


def changed_table(changed: pd.DataFrame, catalog: Catalog, lang: str) -> pd.DataFrame:
    """Each changed figure: old, new and the difference, which fields changed, the old and new source."""
    if changed.empty:
        return pd.DataFrame(
            columns=[
                t(k, lang)
                for k in (
                    "col_indicator",
                    "col_region",
                    "col_year",
                    "dp_col_old",
                    "dp_col_new",
                    "dp_col_diff",
                )
            ]
        )
    old = changed["value_old"].astype(float)
    new = changed["value"].astype(float)
    out = pd.DataFrame(
        {
            **_names(changed, catalog, lang),
            t("dp_col_old", lang): old,
            t("dp_col_new", lang): new,
            t("dp_col_diff", lang): (new - old).round(10),
            t("col_unit", lang): changed["indicator_id"].map(lambda i: _unit(catalog, i, lang)),
            t("dp_col_what", lang): [_what_changed(r, lang) for r in changed.itertuples(index=False)],
            t("dp_col_old_source", lang): changed["source_id_old"].map(lambda s: _source(catalog, s)),
            t("col_source", lang): changed["source_id"].map(lambda s: _source(catalog, s)),
        }
    )
    return out.reset_index(drop=True)


def changed_series(diff: Diff) -> list[tuple[str, str, str]]:
    """The series (indicator, region, status) an update touches: changed ones first, then new ones."""
    keys: list[tuple[str, str, str]] = []
    for part in (diff.changed, diff.added):
        if part.empty:
            continue
        for key in part[SERIES_KEY].drop_duplicates().itertuples(index=False):
            if tuple(key) not in keys:
                keys.append(tuple(key))
    return keys


def before_after(
    current: pd.DataFrame, diff: Diff, series: tuple[str, str, str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One series before the update and after it."""

    def pick(frame: pd.DataFrame) -> pd.DataFrame:
        if frame.empty:
            return frame
        mask = pd.Series(True, index=frame.index)
        for column, value in zip(SERIES_KEY, series, strict=True):
            mask &= frame[column] == value
        return frame[mask.to_numpy()]

    before = pick(current)[KEY + ["value"]]
    new_rows = pd.concat(
        [pick(diff.added)[KEY + ["value"]], pick(diff.changed)[KEY + ["value"]]], ignore_index=True
    )
    kept = before[~before["year"].isin(set(new_rows["year"]))]
    after = pd.concat([kept, new_rows], ignore_index=True) if len(kept) else new_rows
    return before.sort_values("year"), after.sort_values("year")


def before_after_figure(
    before: pd.DataFrame, after: pd.DataFrame, catalog: Catalog, series: tuple[str, str, str], lang: str
) -> go.Figure:
    """A small chart of one series: the stored values (grey, dashed) and the values after the update."""
    ind_id, region_id, status = series
    years = sorted(set(before["year"].astype(int)) | set(after["year"].astype(int)))
    xs = list(range(years[0], years[-1] + 1)) if years else []

    def ys(frame: pd.DataFrame) -> list:
        by_year = dict(zip(frame["year"].astype(int), frame["value"].astype(float), strict=True))
        return [by_year.get(y) for y in xs]

    fig = go.Figure()
    # "after" underneath, solid; "before" on top, thin and dashed: where they agree both stay visible
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys(after),
            name=t("dp_after", lang),
            mode="lines+markers",
            legendrank=1,
            line={"color": region_color(region_id), "width": 3},
            marker={"size": 8},
            connectgaps=False,
        )
    )
    if not before.empty:
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys(before),
                name=t("dp_before", lang),
                mode="lines+markers",
                legendrank=0,
                line={"color": "#5f6368", "dash": "dot", "width": 1.5},
                marker={"size": 6, "symbol": "circle-open"},
                connectgaps=False,
            )
        )
    unit = _unit(catalog, ind_id, lang)
    ind = catalog.indicators.get(ind_id)
    title = f"{ind.name(lang) if ind else ind_id} · {tables.region_names(catalog, [region_id], lang)[0]}"
    if status != "reported":
        title += f" · {t(f'status_{status}', lang)}"
    fig.update_layout(
        title={
            "text": title + (f" ({unit})" if unit else ""),
            "font": {"size": 13},
            "x": 0,
            "xanchor": "left",
        },
        height=250,
        margin={"l": 8, "r": 8, "t": 36, "b": 8},
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"orientation": "h", "y": -0.2, "x": 0},
        font={"family": "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif", "size": 12},
        hovermode="x unified",
    )
    fig.update_xaxes(
        tickmode="linear",
        dtick=1 if len(xs) <= 6 else 2 if len(xs) <= 12 else 5,
        showgrid=False,
        tickformat="d",
        automargin=True,
    )
    fig.update_yaxes(
        gridcolor="#eeeeee", rangemode="tozero", automargin=True, tickformat="~s" if lang == "en" else ","
    )
    return fig


# -- history ------------------------------------------------------------------------------------------
def revision_time(created_at: str, lang: str) -> str:
    return writing.timestamp(created_at, lang, zone=False)


def _said(rev: Revision, lang: str) -> tuple[str, str]:
    """A revision's author and message as a reader sees them: those of a curated baseline (written by the
    store, in English) in the reader's language; an analyst's own words as they were written."""
    if rev.kind == "baseline":
        return t("dp_baseline_author", lang), t("dp_baseline_message", lang)
    return writing.plain(rev.author), writing.plain(rev.message)


def history_table(revisions: list[Revision], lang: str) -> pd.DataFrame:
    said = [_said(r, lang) for r in revisions]
    return pd.DataFrame(
        {
            t("dp_col_rev", lang): [r.id for r in revisions],
            t("dp_col_time", lang): [revision_time(r.created_at, lang) for r in revisions],
            t("dp_col_author", lang): [author for author, _ in said],
            t("dp_col_message", lang): [message for _, message in said],
            t("dp_col_kind", lang): [
                t(f"dp_kind_{r.kind}", lang) if f"dp_kind_{r.kind}" in _KINDS else r.kind for r in revisions
            ],
            t("dp_col_file", lang): [r.file_name for r in revisions],
            t("dp_added", lang): [r.added for r in revisions],
            t("dp_changed", lang): [r.changed for r in revisions],
            t("dp_removed", lang): [r.removed for r in revisions],
            t("dp_col_restored_from", lang): pd.array([r.restored_from for r in revisions], dtype="Int64"),
        }
    )


_KINDS = {"dp_kind_baseline", "dp_kind_upload", "dp_kind_restore"}


def revision_label(rev: Revision, head: int, lang: str) -> str:
    """'第3版 · 2026年1月5日16:00 · 王芳 · 2025年数据' for a select box (plain text, not markdown)."""
    parts = [t("dp_rev_n", lang, rev=rev.id), revision_time(rev.created_at, lang)]
    author, message = _said(rev, lang)
    parts += [p for p in (author, message[:60]) if p]
    label = " · ".join(parts)
    return label + (f" ({t('dp_current', lang)})" if rev.id == head else "")


def revision_changes_table(changes: pd.DataFrame, catalog: Catalog, lang: str) -> pd.DataFrame:
    """What one revision did: each touched figure, added, changed or removed, with its old and new value."""
    if changes.empty:
        return pd.DataFrame(
            columns=[
                t(k, lang)
                for k in (
                    "dp_col_change",
                    "col_indicator",
                    "col_region",
                    "col_year",
                    "dp_col_old",
                    "dp_col_new",
                )
            ]
        )
    changes = changes.sort_values(["change", "indicator_id", "region_id", "year"], kind="stable")
    old, new = changes["value_old"].astype(float), changes["value"].astype(float)
    out = pd.DataFrame(
        {
            t("dp_col_change", lang): changes["change"].map(lambda c: t(f"dp_{c}", lang)),
            **_names(changes, catalog, lang),
            t("dp_col_old", lang): old,
            t("dp_col_new", lang): new,
            t("dp_col_diff", lang): (new - old).round(10),
            t("col_unit", lang): changes["indicator_id"].map(lambda i: _unit(catalog, i, lang)),
            t("col_source", lang): changes["source_id"].map(lambda s: _source(catalog, s)),
        }
    )
    return out.reset_index(drop=True)


# -- the template -------------------------------------------------------------------------------------
def template_with_source(
    frame: pd.DataFrame,
    catalog: Catalog,
    indicator_ids: list[str],
    region_ids: list[str],
    years: list[int],
    lang: str,
) -> pd.DataFrame:
    """The wide template (current reported values filled in) plus an empty source column.

    A blank source cell means "keep the stored source where the value is unchanged", so a re-uploaded
    template changes only the figures that were edited; a source written in the cell goes to the
    figures of that row that were edited or added (`diffing.scope_row_sources`).
    """
    out = template_frame(frame, catalog, indicator_ids, region_ids, years, lang)
    out["来源" if lang == "zh" else "source"] = ""
    return out
