#!/bin/sh
# Rebuild the dashboard's plotly.js bundle, and copy regenerator-runtime (which the page
# loads instead of Dash's babel polyfill), from the npm packages pinned in package-lock.json.
#
#     sh scripts/plotly_bundle/build.sh
#
# Run it after changing the plotly pin in requirements.txt: set package.json's plotly.js to
# the plotly.js version that plotly ships (python -c "import plotly.offline as o;
# print(o.get_plotlyjs_version())"), run `npm install --package-lock-only` here, then this.
# tests/dashboard/test_bundles.py checks that the two versions agree.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bundles="$here/../../timeline/dashboard/bundles"
out="$bundles/plotly-timeline.min.js"
# A fixed folder: the CSS that plotly inlines gets an id hashed from its path, so the same
# path gives the same bytes on every machine.
work=/tmp/timeline-plotly-bundle
rm -rf "$work" && mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$here/package-lock.json" "$here/entry.js" "$here/build.js" "$work/"
cd "$work"
# --ignore-scripts: nothing runs at install; esbuild's binary is a registry package of its own.
npm ci --ignore-scripts --no-audit --no-fund
node build.js "$out"
cp node_modules/regenerator-runtime/runtime.js "$bundles/regenerator-runtime.js"
ls -l "$out" "$bundles/regenerator-runtime.js"
