"""The pages' cached figures (`ui.data.ReadyFigure`) are the very JSON the figure itself would make."""

import json

import plotly.io as pio
import pytest

from indicators import charts
from indicators.ui.data import ReadyFigure


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_ready_figure_serialises_as_the_figure_it_wraps(store, lang) -> None:
    frame, catalog = store.current(), store.full_catalog()
    regions = ["shandong", "qingdao", "china"]
    checked = 0
    for indicator_id in catalog.indicators:
        rows = frame[(frame["indicator_id"] == indicator_id) & frame["region_id"].isin(regions)]
        if rows.empty:
            continue
        fig = charts.trend(rows, catalog, indicator_id, regions, lang, years=(2015, 2030))
        assert ReadyFigure(fig).spec == pio.to_json(fig, validate=False)
        checked += 1
    assert checked > 10


def test_a_new_revision_is_drawn_at_the_next_run(store) -> None:
    """The per-view memo is keyed on the head revision: a commit is seen by the next run, never a stale chart."""
    from apptest_support import figures, open_app

    at = open_app()
    before = json.dumps(figures(at)[0]["data"])
    frame = store.current()
    row = (
        frame[
            (frame["indicator_id"] == "fiveg_base_stations")
            & (frame["region_id"] == "qingdao")
            & (frame["status"] == "reported")
        ]
        .sort_values("year")
        .tail(1)
        .copy()
    )
    row["value"] = 987_654.0
    assert store.commit(row, author="test", message="a new figure") is not None
    at.run()
    after = json.dumps(figures(at)[0]["data"])
    assert after != before and "987654" in after.replace(",", "")
