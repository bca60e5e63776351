"""Synthetic uploads for the benchmarks: valid by construction, never written into data/."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from indicators.catalog import Catalog


def synthetic_frame(catalog: Catalog, rows: int = 200_000, seed: int = 7) -> pd.DataFrame:
    """`rows` distinct observations over every indicator, region, year (1949-2100) and two statuses."""
    rng = np.random.default_rng(seed)
    keys = itertools.islice(
        itertools.product(catalog.indicators, catalog.regions, range(1949, 2101), ("reported", "target")),
        rows,
    )
    frame = pd.DataFrame(list(keys), columns=["indicator_id", "region_id", "year", "status"])
    kinds = frame["indicator_id"].map({i: ind.kind for i, ind in catalog.indicators.items()})
    # smooth series (a few percent a year, cities below their province) as real statistics are
    level = frame.groupby(["indicator_id", "region_id", "status"]).ngroup().to_numpy() % 40 + 10.0
    level /= np.where(frame["region_id"].isin(["china", "shandong"]), 1.0, 3.0)
    values = (level * (1 + rng.uniform(0, 0.05, len(frame)))).round(2)
    whole = kinds.isin(["count", "rank"]).to_numpy()
    values[whole] = np.floor(values[whole]) + 1
    frame["value"] = values
    frame["source_id"] = "bench_source"
    frame["as_of"] = ""
    frame["note"] = ""
    return frame


def synthetic_csv(catalog: Catalog, rows: int = 200_000) -> bytes:
    frame = synthetic_frame(catalog, rows)
    out = frame.rename(columns={"indicator_id": "indicator", "region_id": "region", "source_id": "source"})
    return out[["indicator", "region", "year", "value", "status", "source"]].to_csv(index=False).encode()
