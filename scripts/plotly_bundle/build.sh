#!/bin/sh
# Rebuild the dashboard's plotly.js bundle from the npm packages pinned in package-lock.json.
#
#     sh scripts/plotly_bundle/build.sh
#
# Run it after changing the plotly pin in requirements.txt: set package.json's plotly.js to
# the plotly.js version that plotly ships (python -c "import plotly.offline as o;
# print(o.get_plotlyjs_version())"), run `npm install --package-lock-only` here, then this.
# tests/dashboard/test_bundles.py checks that the two versions agree.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../timeline/dashboard/bundles/plotly-timeline.min.js"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$here/package-lock.json" "$here/entry.js" "$here/build.js" "$work/"
cd "$work"
# --ignore-scripts: nothing runs at install; esbuild's binary is a registry package of its own.
npm ci --ignore-scripts --no-audit --no-fund
node build.js "$out"
ls -l "$out"
