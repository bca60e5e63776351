"""The Compare page's transforms as one pure function: level, year-on-year, index, CAGR, gap, share of parent."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators import analysis, writing
from indicators import comparability as cmp
from indicators.catalog import Catalog
from indicators.i18n import t

TRANSFORMS = ("level", "yoy", "index", "cagr", "gap", "share")
RATES = ("yoy", "index", "cagr")  # a change relative to the level: nominal for an amount of money


@dataclass(frozen=True)
class Transformed:
    frame: pd.DataFrame  # indicator_id, region_id, year (for lines) and `column`
    column: str
    y_title: str
    baseline: float | None = None
    is_table: bool = False  # CAGR is one number per series: a table and bars, not lines
    notes: tuple[str, ...] = ()  # why some of what was asked is not computed, or what it means
    nominal: bool = False  # every indicator is an amount of money and the transform a rate: its label says so


def apply(
    frame: pd.DataFrame,
    catalog: Catalog,
    indicator_ids: list[str],
    region_ids: list[str],
    transform: str,
    lang: str,
    *,
    base_year: int | None = None,
    start: int | None = None,
    end: int | None = None,
    region_a: str | None = None,
    region_b: str | None = None,
) -> Transformed:
    data = frame[frame["indicator_id"].isin(indicator_ids) & frame["region_id"].isin(region_ids)]
    data = data[data["status"] != "target"]
    units = {catalog.unit_of(i).symbol(lang) for i in indicator_ids}
    if transform in RATES:
        money = [i for i in indicator_ids if cmp.at_current_prices(catalog, i)]
        nominal = bool(money) and len(money) == len(indicator_ids)
        names = writing.listing([catalog.indicators[i].name(lang) for i in money], lang)
        # the label says it when every indicator is an amount of money; a note names them when some are
        notes = (t("tf_nominal_note", lang, names=names),) if money and not nominal else ()
        suffix = t("tf_nominal", lang) if nominal else ""
        if transform == "yoy":
            out = analysis.yoy(data, catalog)
            return Transformed(out, "yoy_pct", "%" + suffix, baseline=0.0, notes=notes, nominal=nominal)
        if transform == "index":
            out = analysis.index_to_base(data, int(base_year), catalog)
            y_title = t("tf_index", lang) + suffix
            return Transformed(out, "index", y_title, baseline=100.0, notes=notes, nominal=nominal)
        out = analysis.cagr(data, catalog, int(start), int(end))
        y_title = t("cagr_value", lang) + suffix
        return Transformed(out, "cagr_pct", y_title, is_table=True, notes=notes, nominal=nominal)
    if transform == "gap":
        out = analysis.gap(data, catalog, region_a, region_b).assign(region_id=region_a)
        shares = all(catalog.indicators[i].kind == "share" for i in indicator_ids)
        y_title = t("pp", lang) if shares else " / ".join(sorted(units))
        totals = [i for i in indicator_ids if cmp.kind(catalog, i) in cmp.FLOW_KINDS]
        notes = ()
        if totals and region_a and region_b and cmp.nested(catalog, region_a, region_b):
            names = writing.listing([catalog.indicators[i].name(lang) for i in totals], lang)
            notes = (
                t(
                    "tf_gap_nested",
                    lang,
                    a=catalog.regions[region_a].name(lang),
                    b=catalog.regions[region_b].name(lang),
                    names=names,
                ),
            )
        return Transformed(out, "gap", y_title, baseline=0.0, notes=notes)
    if transform == "share":  # the parents need not be among the chosen regions
        actual = frame[frame["indicator_id"].isin(indicator_ids) & (frame["status"] != "target")]
        out = analysis.share_of_parent(actual, catalog)
        return Transformed(out[out["region_id"].isin(region_ids)], "share_pct", "%")
    data = data.assign(approximate=[bool(writing.qualifier_of(n)) for n in data["note"]])
    return Transformed(data, "value", " / ".join(sorted(units)))


def _name(mapping: dict, key: str, lang: str) -> str:
    item = mapping.get(key)
    return item.name(lang) if item is not None else str(key)


def _formatted(catalog: Catalog, row, column: str, lang: str) -> str:
    """One transformed value as text: the level in its unit, a rate or share in %, an index, a gap."""
    value = getattr(row, column)
    about = t("s_about", lang) if getattr(row, "approximate", False) else ""
    ind = catalog.indicators[row.indicator_id]
    if column == "value":
        note = getattr(row, "note", "")
        return writing.value(
            value, catalog.unit_of(row.indicator_id), lang, ind.decimals, writing.qualifier_of(note)
        )
    approximate = bool(about)
    if column in ("yoy_pct", "cagr_pct"):
        sign = "+" if value > 0 else ("−" if value < 0 else "")
        return about + sign + writing.percent(value, lang, 1, approximate=approximate)
    if column == "share_pct":
        return about + writing.percent(value, lang, 1, approximate=approximate)
    if column == "gap":
        unit = catalog.unit_of(row.indicator_id)
        text = (
            writing.points(value, lang, ind.decimals)
            if row.gap_unit == "pp"
            else writing.value(abs(value), unit, lang, ind.decimals)
        )
        return about + ("−" if value < 0 else "") + text
    return about + writing.number(value, 1)


def table(result: Transformed, catalog: Catalog, lang: str, transform: str) -> pd.DataFrame:
    """The Compare page's table, for a person: names, not ids; each value written with its unit,
    qualifier and date; for CAGR, the two years and why a rate was not computed."""
    frame = result.frame
    label = t(f"tf_col_{transform}", lang) + (t("tf_nominal", lang) if result.nominal else "")
    ind_col, reg_col = t("col_indicator", lang), t("col_region", lang)
    if result.is_table:
        return pd.DataFrame(
            {
                ind_col: [_name(catalog.indicators, i, lang) for i in frame["indicator_id"]],
                reg_col: [_name(catalog.regions, r, lang) for r in frame["region_id"]],
                t("cagr_from", lang): frame["start_year"].astype(int).tolist(),
                t("cagr_to", lang): frame["end_year"].astype(int).tolist(),
                label: [
                    "" if pd.isna(r.cagr_pct) else _formatted(catalog, r, "cagr_pct", lang)
                    for r in frame.itertuples(index=False)
                ],
                t("col_why", lang): [
                    "" if not r.reason else t(f"why_{r.reason}", lang) for r in frame.itertuples(index=False)
                ],
            }
        )
    rows = frame[frame[result.column].notna()]
    as_of = rows["as_of"] if "as_of" in rows else pd.Series("", index=rows.index)
    return pd.DataFrame(
        {
            ind_col: [_name(catalog.indicators, i, lang) for i in rows["indicator_id"]],
            reg_col: (
                [
                    f"{_name(catalog.regions, a, lang)} − {_name(catalog.regions, b, lang)}"
                    for a, b in zip(rows["region_a"], rows["region_b"], strict=True)
                ]
                if "region_b" in rows
                else [_name(catalog.regions, r, lang) for r in rows["region_id"]]
            ),
            t("col_year", lang): rows["year"].astype(int).tolist(),
            label: [_formatted(catalog, r, result.column, lang) for r in rows.itertuples(index=False)],
            t("col_as_of", lang): [writing.date(a, lang) if isinstance(a, str) and a else "" for a in as_of],
        }
    )
