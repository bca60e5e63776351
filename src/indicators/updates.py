"""One path for every update, shared by the command line and the Data page: read and validate an upload,
review it against the store, preview what would change, and commit it against the previewed head.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from indicators.diffing import Diff
from indicators.frame import KEY
from indicators.ingest import IngestResult, inherited_source, read_upload, upload_source_id
from indicators.review import review
from indicators.store import Revision, Store


@dataclass
class Preview:
    result: IngestResult
    diff: Diff | None
    head: int

    @property
    def ok(self) -> bool:
        return self.result.ok


def curated_rows(store: Store, current: pd.DataFrame) -> pd.DataFrame:
    """The current figures that are curated ones: the value and source a curated baseline wrote for that
    key, however they came to be current (the baseline itself, or a restore that brought them back)."""
    curated = store.curated_figures()[KEY + ["value", "source_id"]]
    merged = current[KEY + ["value", "source_id"]].merge(
        curated, on=KEY + ["source_id"], how="left", suffixes=("", "_curated")
    )
    same = np.isclose(
        merged["value"].to_numpy(float), merged["value_curated"].to_numpy(float), rtol=1e-12, atol=0
    )
    keys = merged.loc[same, KEY].drop_duplicates()
    return current.merge(keys, on=KEY, how="inner")


def preview_upload(store: Store, data: bytes, file_name: str) -> Preview:
    head = store.head_revision()
    result = read_upload(data, file_name, store.full_catalog())
    if not result.ok:
        return Preview(result, None, head)
    current = store.current_with_revision()
    result.warnings += review(result.frame, current, store.catalog, curated_rows(store, current))
    diff = store.diff(result.frame, implicit_source=inherited_source(result))
    return Preview(result, diff, diff.base_revision)


def commit_preview(store: Store, preview: Preview, *, author: str, message: str) -> Revision | None:
    """Commit what was previewed, by `author`; StaleHead if the store moved since the preview.

    Where the file is its figures' own source (no source given), the source names the author as publisher.
    """
    result = preview.result
    own = upload_source_id(result.sha256)
    sources = {
        k: replace(s, publisher=author) if k == own and not s.publisher else s
        for k, s in result.new_sources.items()
    }
    return store.commit(
        result.frame,
        expected_head=preview.head,
        author=author,
        message=message,
        kind="upload",
        file_name=result.file_name,
        file_sha256=result.sha256,
        new_sources=sources,
        implicit_source=inherited_source(result),
    )
