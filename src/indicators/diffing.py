"""What an upload, a restore or a curated change does to the data, as pure pandas on tidy frames
(`frame`): which figures it adds, changes and removes, and the data after it.

Two figures are the same when their values are equal to 12 significant digits (a CSV round trip may move
the last bit) and their source, as-of date and note are equal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.frame import COLUMNS, FIELDS, KEY, TEXT, coerce


@dataclass
class Diff:
    added: pd.DataFrame
    changed: pd.DataFrame  # with old_* columns beside the new ones
    removed: pd.DataFrame
    unchanged: int
    base_revision: int

    @property
    def empty(self) -> bool:
        return self.added.empty and self.changed.empty and self.removed.empty


def compare(
    current: pd.DataFrame, frame: pd.DataFrame, head: int, *, implicit_source: str = "", exact: bool = False
) -> Diff:
    """Split `frame` into added, changed and unchanged rows against `current` (and removed, when exact).

    When not exact, a row whose value equals the current one and whose source is `implicit_source` (the
    upload left its source cell blank) keeps the current source, and the current note and as-of date
    where the upload left them blank: re-uploading a template of unchanged figures changes nothing. A source
    written for a whole wide row goes only to the figures the row changes (`scope_row_sources`).
    """
    if not exact:
        frame = scope_row_sources(frame, current, implicit_source)
    frame = frame[COLUMNS].copy()
    for c in TEXT:
        frame[c] = frame[c].fillna("").astype(str)
    merged = frame.merge(current[COLUMNS], on=KEY, how="left", suffixes=("", "_old"), indicator=True)
    present = (merged["_merge"] == "both").to_numpy()
    same_value = np.isclose(
        merged["value"].to_numpy(float), merged["value_old"].to_numpy(float), rtol=1e-12, atol=0
    )
    if not exact and implicit_source:
        inherit = present & same_value & (merged["source_id"] == implicit_source).to_numpy()
        merged.loc[inherit, "source_id"] = merged["source_id_old"]
        for c in ("as_of", "note"):
            blank = (merged[c] == "").to_numpy()
            merged.loc[inherit & blank, c] = merged[c + "_old"]
    same = present & same_value
    for c in TEXT:
        same &= merged[c].fillna("").to_numpy() == merged[c + "_old"].fillna("").to_numpy()
    added = merged[~present][COLUMNS].reset_index(drop=True)
    changed_mask = present & ~same
    changed = merged[changed_mask][COLUMNS + [c + "_old" for c in FIELDS]].reset_index(drop=True)
    if exact:
        gone = current.merge(frame[KEY], on=KEY, how="left", indicator=True)
        removed = gone[gone["_merge"] == "left_only"][COLUMNS].reset_index(drop=True)
    else:
        removed = pd.DataFrame(columns=COLUMNS)
    return Diff(added, changed, removed, int(same.sum()), head)


def scope_row_sources(frame: pd.DataFrame, current: pd.DataFrame, implicit_source: str) -> pd.DataFrame:
    """A source written once for a row of several figures (a wide row: one cell, many years) is the source
    of the figures that row adds or changes, not of those it repeats: a repeated figure is marked as if
    its source cell were blank (`implicit_source`, no note or as-of), so `compare` keeps its stored
    source, note and as-of date. `frame` is an upload's tidy frame with its spreadsheet `row`."""
    if not implicit_source or "row" not in frame.columns or frame.empty:
        return frame
    shared = (frame.groupby("row")["row"].transform("size") > 1).to_numpy()
    named = (frame["source_id"] != implicit_source).to_numpy()
    merged = frame[KEY + ["value"]].merge(current[KEY + ["value"]], on=KEY, how="left", suffixes=("", "_old"))
    repeated = np.isclose(
        merged["value"].to_numpy(float), merged["value_old"].to_numpy(float), rtol=1e-12, atol=0
    )
    mask = shared & named & repeated
    if not mask.any():
        return frame
    out = frame.copy()
    out.loc[mask, "source_id"] = implicit_source
    out.loc[mask, ["as_of", "note"]] = ""
    return out


def apply_diff(current: pd.DataFrame, d: Diff, rev_id: int) -> pd.DataFrame:
    """The current data (with `revision_id`) after `d`, computed in memory for the snapshot."""
    gone = pd.concat([d.changed[KEY], d.removed[KEY]], ignore_index=True)
    kept = current
    if not gone.empty:
        marked = current.merge(gone.assign(_gone=True), on=KEY, how="left")
        kept = current[marked["_gone"].isna().to_numpy()]
    new = pd.concat([d.added[COLUMNS], d.changed[COLUMNS]], ignore_index=True).assign(revision_id=rev_id)
    out = pd.concat([kept[COLUMNS + ["revision_id"]], new], ignore_index=True) if len(kept) else new
    return coerce(out, extra=["revision_id"]).astype({"revision_id": "int64"})


def baseline_target(current: pd.DataFrame, old_base: pd.DataFrame, new_base: pd.DataFrame) -> pd.DataFrame:
    """The data after a curated change: curated keys follow `new_base` unless an analyst changed them."""
    if current.empty:
        return new_base.copy()
    cur = current.set_index(KEY)
    old = old_base.set_index(KEY)
    new = new_base.set_index(KEY)
    keys_old = old.index
    untouched = keys_old[keys_old.isin(cur.index)]
    same = _same_rows(cur.loc[untouched], old.loc[untouched])
    edited_by_analyst = set(untouched[~same]) | set(keys_old[~keys_old.isin(cur.index)])
    keep = cur[~cur.index.isin(keys_old) | cur.index.isin(list(edited_by_analyst))]
    follow = new[~new.index.isin(list(edited_by_analyst))]
    out = pd.concat([keep[~keep.index.isin(follow.index)], follow])
    return out.reset_index()[COLUMNS]


def _same_rows(a: pd.DataFrame, b: pd.DataFrame) -> np.ndarray:
    b = b.reindex(a.index)
    same = np.isclose(
        a["value"].to_numpy(float), b["value"].to_numpy(float), rtol=1e-12, atol=0, equal_nan=True
    )
    for c in TEXT:
        same &= a[c].fillna("").to_numpy() == b[c].fillna("").to_numpy()
    return same
