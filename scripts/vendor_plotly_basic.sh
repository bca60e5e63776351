#!/usr/bin/env bash
# Re-fetch src/indicators/assets/plotly-basic.min.js: plotly.js's "basic" bundle (scatter, bar, pie; 1.2 MB), the
# chart code the app's pages load (through static/, a link to that folder, served by the app) instead of
# Streamlit's whole plotly.js (4.7 MB), and the one the HTML briefing embeds. It is checked in, so that the app
# runs on an intranet with no registry; this script is how it got there, and how to move it with plotly.js.
# Keep VERSION the plotly.js that the installed plotly (Python) package bundles: the figures' JSON is written for it.
set -euo pipefail
VERSION=${1:-4.1.1}
SHA1=${2:-27ea39207030c3e2f5c2d64d9b1366ca59cab97e}  # npm's shasum of the 4.1.1 tarball
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "plotly.js-basic-dist-min@$VERSION" >/dev/null)
echo "$SHA1  $work/plotly.js-basic-dist-min-$VERSION.tgz" | sha1sum --check --quiet
tar -xzf "$work/plotly.js-basic-dist-min-$VERSION.tgz" -C "$work"
cp "$work/package/plotly-basic.min.js" src/indicators/assets/plotly-basic.min.js
cp "$work/package/LICENSE" src/indicators/assets/plotly-basic.LICENSE.txt
echo "src/indicators/assets/plotly-basic.min.js (static/ links to it): plotly.js basic $VERSION"
