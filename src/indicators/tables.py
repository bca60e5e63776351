"""Tables for a person, from the tidy frame: names instead of ids, each value with its qualifier, status,
date and source in the reader's language. One place for every table the product shows or hands out: a chart's
table view and its downloads, the briefing, the slide pack, the Data page's preview, the Sources page.
"""

from __future__ import annotations

import pandas as pd

from indicators import comparability, sentences, writing
from indicators.catalog import Catalog, Source
from indicators.i18n import t

READABLE_KEYS = (
    "col_indicator",
    "col_region",
    "col_year",
    "col_qualifier",
    "col_value",
    "col_unit",
    "col_status",
    "col_source",
    "col_as_of",
    "col_note",
)
STATUS_KEYS = {f"status_{s}" for s in ("reported", "derived", "estimate", "target")}
SPARSE_YEARS = (
    2  # an indicator with actual figures in this many years or fewer is shown as facts, not a chart
)


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def region_names(catalog: Catalog, region_ids: list[str], lang: str) -> list[str]:
    return [catalog.regions[r].name(lang) if r in catalog.regions else r for r in region_ids]


def _in_catalog_order(rows: pd.DataFrame, catalog: Catalog, by: list[str]) -> pd.DataFrame:
    order = {r: n for n, r in enumerate(catalog.regions)}
    rows = rows.assign(_order=rows["region_id"].map(order).fillna(len(order)))
    return rows.sort_values(by, kind="stable").drop(columns="_order")


def names(rows: pd.DataFrame, catalog: Catalog, lang: str) -> dict[str, list]:
    """The columns that say which figure a row is: indicator, region, year (names, not ids)."""
    ind = catalog.indicators
    return {
        t("col_indicator", lang): [ind[i].name(lang) if i in ind else i for i in rows["indicator_id"]],
        t("col_region", lang): region_names(catalog, list(rows["region_id"]), lang),
        t("col_year", lang): rows["year"].astype(int).to_list(),
    }


def readable(rows: pd.DataFrame, catalog: Catalog, lang: str) -> pd.DataFrame:
    """The figures for a person: indicator, region, year, qualifier (超过 / over), value, unit, status, source,
    as-of date and note in the reader's language, in the catalog's order; the rows' index is kept."""
    rows = _in_catalog_order(rows, catalog, ["indicator_id", "_order", "year", "status"])
    srcs = catalog.sources
    columns = [t(k, lang) for k in READABLE_KEYS]
    return pd.DataFrame(
        {
            **names(rows, catalog, lang),
            columns[3]: [writing.qualifier_word(writing.qualifier_of(n), lang).strip() for n in rows["note"]],
            columns[4]: rows["value"].astype(float).to_list(),
            columns[5]: [
                catalog.unit_of(i).symbol(lang) if i in catalog.indicators else ""
                for i in rows["indicator_id"]
            ],
            columns[6]: [
                t(f"status_{s}", lang) if f"status_{s}" in STATUS_KEYS else s for s in rows["status"]
            ],
            columns[7]: [writing.plain(srcs[s].title if s in srcs else _text(s)) for s in rows["source_id"]],
            columns[8]: [writing.date(a, lang) if _text(a) else "" for a in rows["as_of"]],
            columns[9]: [writing.plain(catalog.note(n, lang)) for n in rows["note"]],
        },
        columns=columns,
        index=rows.index,
    )


def is_sparse(rows: pd.DataFrame) -> bool:
    """Whether the rows hold actual figures in at most SPARSE_YEARS years: a chart of one or two points
    (axes like 1,999-2,001, '3.5 factories') says less than a line of facts."""
    return rows.loc[rows["status"] != "target", "year"].nunique() <= SPARSE_YEARS


def facts(rows: pd.DataFrame, catalog: Catalog, lang: str) -> pd.DataFrame:
    """A sparse indicator's figures as a small table: region, when, value (with its qualifier and unit),
    status and source, in the catalog's order."""
    rows = _in_catalog_order(rows, catalog, ["_order", "year", "status"])
    figs = [comparability.figure(r) for r in rows.itertuples(index=False)]
    return pd.DataFrame(
        {
            t("col_region", lang): region_names(catalog, list(rows["region_id"]), lang),
            t("col_when", lang): [sentences.period_of(f, lang) for f in figs],
            t("col_value", lang): [sentences.figure_value(catalog, f, lang) for f in figs],
            t("col_status", lang): [t(f"status_{f.status}", lang) for f in figs],
            t("col_source", lang): [
                writing.plain(
                    catalog.sources[f.source_id].title if f.source_id in catalog.sources else f.source_id
                )
                for f in figs
            ],
        }
    )


def sources_of(rows: pd.DataFrame, catalog: Catalog) -> list[Source]:
    """The sources of the rows, in order of first appearance; an unknown id stands for itself."""
    ids = [s for s in dict.fromkeys(rows["source_id"]) if s]
    return [catalog.sources.get(s) or Source(s, s) for s in ids]


def source_line(src: Source) -> str:
    """'title — publisher, date' (plain text)."""
    tail = ", ".join(x for x in (src.publisher, src.published) if x)
    return writing.plain(f"{src.title} — {tail}" if tail else src.title)


def sources(rows: pd.DataFrame, catalog: Catalog, lang: str) -> pd.DataFrame:
    """The sources of the rows as a table: title, publisher, publication date, link."""
    found = [s for s in sources_of(rows, catalog) if s.id in catalog.sources]
    return pd.DataFrame(
        {
            t("col_source", lang): [writing.plain(s.title) for s in found],
            t("col_publisher", lang): [writing.plain(s.publisher) for s in found],
            t("col_published", lang): [s.published for s in found],
            t("col_link", lang): [s.url or None for s in found],
        }
    )
