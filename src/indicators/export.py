"""Data out: the long upload layout as CSV (UTF-8 with BOM, so Excel shows Chinese), XLSX or Parquet, and
the wide template an analyst fills in. Cells a spreadsheet would run as formulas are neutralised.
"""

from __future__ import annotations

import io
import re

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from indicators.catalog import Catalog

EXPORT_COLUMNS = ["indicator", "region", "year", "value", "unit", "status", "source", "note", "as_of"]
# OWASP's list (= + - @ tab CR), and the full-width forms an East Asian input method types: some spreadsheet
# versions read "＝SUM(..)" as a formula too.
FORMULA_START = re.compile(r"^'*[=+\-@\t\r＝＋－＠]")  # '=x too: the reader removes one apostrophe
FORMATS = ("csv", "xlsx", "parquet")


class ExportError(ValueError):
    pass


def neutralise(text: object) -> object:
    """'=HYPERLINK(..)' -> "'=HYPERLINK(..)": a spreadsheet shows it as text instead of running it.

    Only text is touched: a negative number in the value column stays a number. The reader removes the
    apostrophe again (`cells.FORMULA_ESCAPE`), so an export re-imports unchanged."""
    if isinstance(text, str) and FORMULA_START.match(text):
        return "'" + text
    return text


def export_layout(frame: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """The tidy frame in the upload layout with ids: re-importing it changes nothing."""
    units = {
        i: (catalog.units[ind.unit].symbol_zh or ind.unit) if ind.unit in catalog.units else ind.unit
        for i, ind in catalog.indicators.items()
    }
    out = pd.DataFrame(
        {
            "indicator": frame["indicator_id"],
            "region": frame["region_id"],
            "year": frame["year"].astype("int64"),
            "value": frame["value"].astype(float),
            "unit": frame["indicator_id"].map(units).fillna(""),
            "status": frame["status"],
            "source": frame["source_id"],
            "note": frame["note"].fillna(""),
            "as_of": frame["as_of"].fillna(""),
        }
    )
    return out.sort_values(["indicator", "region", "year", "status"], kind="stable").reset_index(drop=True)


def _safe_text(frame: pd.DataFrame, *, xlsx: bool = False) -> pd.DataFrame:
    """Text cells neutralised; for XLSX also without the control characters a worksheet cannot hold
    (openpyxl refuses the whole file for one of them)."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            cells = safe[column].astype(object)
            if xlsx:
                cells = cells.map(lambda v: ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v)
            safe[column] = cells.map(neutralise)
    return safe


def table_bytes(frame: pd.DataFrame, fmt: str, sheet_name: str = "data") -> bytes:
    """Any table as CSV (UTF-8 with BOM), XLSX or Parquet bytes; text cells neutralised for spreadsheets."""
    fmt = fmt.lower().lstrip(".")
    if fmt == "csv":
        return (
            _safe_text(frame)
            .to_csv(index=False, float_format="%.12g", lineterminator="\r\n")
            .encode("utf-8-sig")
        )
    if fmt == "xlsx":
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            _safe_text(frame, xlsx=True).to_excel(writer, index=False, sheet_name=sheet_name[:31])
            sheet = writer.sheets[sheet_name[:31]]
            for cells in sheet.columns:
                width = max(len(str(c.value or "")) for c in cells[:200])
                sheet.column_dimensions[cells[0].column_letter].width = min(60, max(8, width + 2))
            sheet.freeze_panes = "A2"
        return buffer.getvalue()
    if fmt == "parquet":
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        return buffer.getvalue()
    raise ExportError(f"unknown format '{fmt}': use .csv, .xlsx or .parquet")


def export_bytes(frame: pd.DataFrame, catalog: Catalog, fmt: str) -> bytes:
    return table_bytes(export_layout(frame, catalog), fmt)


def template_frame(
    frame: pd.DataFrame,
    catalog: Catalog,
    indicator_ids: list[str],
    region_ids: list[str],
    years: list[int],
    lang: str = "zh",
) -> pd.DataFrame:
    """A wide table to fill in: one row per indicator x region, one column per year, current values filled.

    Names come from the catalog in the chosen language; the reader accepts them back.
    """
    reported = frame[frame["status"] == "reported"]
    rows = []
    for ind_id in indicator_ids:
        ind = catalog.indicators[ind_id]
        unit = catalog.units.get(ind.unit)
        for reg_id in region_ids:
            series = reported[(reported["indicator_id"] == ind_id) & (reported["region_id"] == reg_id)]
            values = dict(zip(series["year"], series["value"], strict=True))
            row = {
                "指标" if lang == "zh" else "indicator": ind.name(lang),
                "地区" if lang == "zh" else "region": catalog.regions[reg_id].name(lang),
                "单位" if lang == "zh" else "unit": unit.symbol_zh if unit else ind.unit,
            }
            for year in years:
                row[f"{year}年" if lang == "zh" else str(year)] = values.get(year)
            rows.append(row)
    return pd.DataFrame(rows)
