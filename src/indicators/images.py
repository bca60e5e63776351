"""Charts as pictures: the same Plotly figures the dashboard draws, rendered to PNG on the server by kaleido
driving a local Chrome or Chromium (`settings.CHROME`). One browser draws all the figures of a pack. Nothing
is downloaded: plotly.js comes from the installed plotly, MathJax is off.

A browser that is missing, will not start or takes too long gives a `Picture` without an image and with the
reason, never an exception: the pack is still made, with a note in place of the picture.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
from dataclasses import dataclass

import plotly.graph_objects as go

NO_CHROME, FAILED = "no_chrome", "failed"
SECONDS_PER_FIGURE = 60
START_SECONDS = 60

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Picture:
    png: bytes | None
    problem: str = ""  # NO_CHROME or FAILED when there is no image


async def _draw(figures: list[go.Figure], chrome: str, opts: dict) -> list[Picture]:
    import kaleido  # loads only when a pack needs pictures

    out = []
    async with kaleido.Kaleido(n=1, timeout=SECONDS_PER_FIGURE, mathjax=False, path=chrome) as drawer:
        for fig in figures:
            try:
                out.append(Picture(await drawer.calc_fig(fig, opts=opts)))
            except Exception as err:  # one figure that fails costs its own picture only
                log.warning("kaleido could not draw a figure: %s", err)
                out.append(Picture(None, FAILED))
    return out


def pictures(
    figures: list[go.Figure], chrome: str, *, width: int = 1000, height: int = 560, scale: float = 2
) -> list[Picture]:
    """One PNG per figure, `width` x `height` CSS pixels at `scale` (2: sharp when printed on A4)."""
    if not figures:
        return []
    if not chrome or not os.path.isfile(chrome) or not os.access(chrome, os.X_OK):
        return [Picture(None, NO_CHROME)] * len(figures)
    opts = {"format": "png", "width": width, "height": height, "scale": scale}
    # A thread of its own with its own event loop: Streamlit's script thread or a caller's loop may be running.
    pool = concurrent.futures.ThreadPoolExecutor(1)
    try:
        job = pool.submit(asyncio.run, _draw(figures, chrome, opts))
        return job.result(timeout=START_SECONDS + SECONDS_PER_FIGURE * len(figures))
    except Exception as err:  # the browser would not start, crashed or hung: the pack says so
        log.warning("kaleido could not draw with %s: %s", chrome, err)
        return [Picture(None, FAILED)] * len(figures)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)  # a hung browser must not hold the pack
