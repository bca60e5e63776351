"""The chart code the pages load (`ui.plot`): the checked-in plotly.js basic bundle is the version the plotly
package writes its figures for, the URL the pages ask for names that version (so a browser that cached an
older bundle fetches the new one), and the server and the Docker image serve it."""

import re
import tomllib
from pathlib import Path

from plotly.offline import get_plotlyjs_version

from indicators.ui import plot

ROOT = Path(__file__).resolve().parents[1]


def test_the_bundle_is_the_plotly_js_the_figures_are_written_for():
    head = (ROOT / "src/indicators/assets/plotly-basic.min.js").read_text(encoding="utf-8")[:200]
    version = re.search(r"plotly\.js \(basic - minified\) v([\d.]+)", head).group(1)
    assert version == get_plotlyjs_version()
    assert f"app/static/plotly-basic.min.js?v={version}" == plot.CODE
    assert (
        (ROOT / "src/indicators/assets/plotly-basic.LICENSE.txt")
        .read_text(encoding="utf-8")
        .startswith("MIT")
    )
    # the pages' copy is the package's: static/ is a link to its folder, and the briefing embeds the same file
    assert (ROOT / "static").is_symlink() and (ROOT / "static").resolve() == ROOT / "src/indicators/assets"
    from indicators import charts

    assert charts.plotly_js().startswith(head[:60])


def test_the_server_and_the_image_serve_it():
    config = tomllib.loads((ROOT / ".streamlit/config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableStaticServing"] is True
    dockerfile = (ROOT / "deploy/Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^COPY src \./src$", dockerfile, re.M)  # the bundle is the package's
    assert re.search(r"^RUN ln -s src/indicators/assets static$", dockerfile, re.M)
