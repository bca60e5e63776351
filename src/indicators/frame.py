"""The tidy frame: one row per figure, the one shape every module passes around.

An upload is read into it (`ingest`), the store keeps and returns it (`store`), a diff compares two of them
(`diffing`), and the pages, packs and exports draw from it. Its columns, their order and their dtypes are
defined here and nowhere else.

    indicator_id, region_id, year, status   the key: one figure per key
    value, source_id, as_of, note            the fields a revision may change

`year` is int64, `value` float64 (NaN: no value), the rest Python strings in object columns with "" for
missing text (never NaN, so equality needs no special case).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

KEY = ["indicator_id", "region_id", "year", "status"]
FIELDS = ["value", "source_id", "as_of", "note"]
COLUMNS = KEY + FIELDS
TEXT = ["source_id", "as_of", "note"]  # free text: "" when missing
IDS = ["indicator_id", "region_id", "status"]


def coerce(frame: pd.DataFrame, extra: list[str] | None = None) -> pd.DataFrame:
    """`frame`'s columns (the tidy ones, then `extra`) with the tidy dtypes: absent text columns become "".

    Returns a new frame; `frame` is not changed."""
    out = pd.DataFrame(index=frame.index)
    for c in COLUMNS:
        if c == "year":
            out[c] = frame[c].astype("int64")
        elif c == "value":
            out[c] = frame[c].astype("float64")
        elif c in TEXT:
            out[c] = frame[c].fillna("").astype(object) if c in frame else ""
            out[c] = out[c].astype(object)
        else:
            out[c] = frame[c].astype(object)
    for c in extra or []:
        out[c] = frame[c]
    return out


def empty(extra: dict[str, str] | None = None) -> pd.DataFrame:
    """A frame with no rows, the tidy columns and dtypes, then `extra` ({column: dtype})."""
    dtypes = {c: "int64" if c == "year" else "float64" if c == "value" else "object" for c in COLUMNS}
    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in {**dtypes, **(extra or {})}.items()})


def from_records(records: list, extra: list[str] | None = None) -> pd.DataFrame:
    """Rows (tuples in the order of COLUMNS, then `extra`) as a tidy frame; NULL text becomes ""."""
    columns = COLUMNS + (extra or [])
    raw = pd.DataFrame.from_records(records, columns=columns)
    return coerce(raw, extra)


def read_curated(path: Path) -> pd.DataFrame:
    """The curated `data/observations.csv` as a tidy frame."""
    return coerce(pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig"))
