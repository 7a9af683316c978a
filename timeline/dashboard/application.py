"""The app factory: one Dash app per event source, with its callbacks, security headers, and
the way its page travels (delivery.py)."""

from __future__ import annotations

import atexit
import gc
from functools import partial
from pathlib import Path

import pandas as pd
from dash import Dash
from flask import Response, has_request_context, request
from werkzeug.serving import WSGIRequestHandler

from timeline.dashboard.callbacks import register_callbacks
from timeline.dashboard.data import DashboardData
from timeline.dashboard.delivery import (
    TimelineDash,
    add_cache_lifetimes,
    add_compression,
    add_plotly_bundle,
    async_chunks,
)
from timeline.dashboard.first_view import FirstPages, query_of, with_first_view
from timeline.dashboard.ingest import Extract
from timeline.dashboard.layout import TITLE, build_layout
from timeline.dashboard.lazy import register_lazy_parts
from timeline.dashboard.source import EventSource, FrameSource, load_directory
from timeline.dashboard.store_source import StoreSource
from timeline.text.documents import DocumentError

#: Largest request body accepted: a 2 MB article base64-encoded, plus the user's stores.
MAX_REQUEST_BYTES = 16_000_000


def assets_folder() -> Path:
    """The page's CSS and scripts, which Dash serves from /assets/: the copy that an
    installed wheel carries in this package (the build puts it there, see setup.py), else
    the checkout's ``assets/`` beside ``app.py``."""
    packaged = Path(__file__).resolve().parent / "assets"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "assets"


def create_app(
    source: EventSource | None = None,
    *,
    data_dir: str | Path | None = None,
    store: str | Path | None = None,
    extract: Extract | None = None,
) -> Dash:
    """Build the dashboard for a source, a store file, or a directory of articles read at
    start-up.

    ``extract`` turns one pasted article into events; it defaults to ``timeline.extract``.
    """
    if source is None and store is not None:
        source = StoreSource.open(store)
    if source is None:
        source = load_directory(data_dir) if data_dir is not None else FrameSource()
    data = DashboardData.load(source, extract or engine_extract)
    app = TimelineDash(
        __name__,
        title=TITLE,
        update_title=None,
        assets_folder=str(assets_folder()),
        serve_locally=True,
        # The table's grid and the correction form come into the page later (lazy.py), so
        # their ids are not in the first layout. (A validation layout would not do: Dash
        # sends it with every page and draws it at once, grid and all.)
        suppress_callback_exceptions=True,
    )
    app.server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    # Built per visitor: from the data as it is now (a store can change under the app), with
    # the first view of the URL's filters (first_view.py); served from the kept JSON.
    app.layout = lambda: page_layout(data, query_of(_page_address()))
    first_pages = FirstPages(data, lambda search: page_layout(data, search))
    app.layout_json = lambda: first_pages.json(query_of(_page_address()))
    # The unfiltered first page, built now: the first visitor does not wait for it, and it
    # says which of dcc's chunks the page needs.
    first_pages.json("")
    app.preload = async_chunks(build_layout(data.summary))
    register_callbacks(app, data)
    register_lazy_parts(app, data)
    add_plotly_bundle(app)
    add_compression(app)
    add_cache_lifetimes(app)
    add_security_headers(app)
    app.server.run = partial(app.server.run, request_handler=QuietRequestHandler)
    keep_out_of_collections()
    return app


class QuietRequestHandler(WSGIRequestHandler):
    """The development server's requests without its name and versions in the ``Server``
    header ("Werkzeug/3.1 Python/3.11" told an attacker what to look up). Under gunicorn
    the header is gunicorn's own, without a version."""

    def version_string(self) -> str:
        """What the ``Server`` header says."""
        return "timeline"


def keep_out_of_collections() -> None:
    """Move what start-up made (above all the table's columns of Python objects, which
    live as long as the app) out of Python's full garbage collections: each walked them
    all, 250 ms in the middle of a filter change on 100,000 events. A table replaced later
    is still freed (tables hold no reference cycles); at exit everything is handed back,
    so that extension modules see their objects freed. Garbage is collected first, so
    that only what is alive is kept out."""
    gc.collect()
    gc.freeze()
    if not _UNFREEZE_AT_EXIT:
        atexit.register(gc.unfreeze)
        _UNFREEZE_AT_EXIT.append(True)


_UNFREEZE_AT_EXIT: list[bool] = []


def page_layout(data: DashboardData, search: str = "") -> object:
    """The page for a new visitor, built from the data as it stands now, showing the view
    of ``search`` (a URL query string)."""
    data.refresh()
    return with_first_view(build_layout(data.summary), data, search)


def _page_address() -> str | None:
    """The address of the page that asked for its layout (see first_view.py)."""
    return request.referrer if has_request_context() else None


def engine_extract(text: str, published: str | None = None, **metadata: str) -> pd.DataFrame:
    """``timeline.extract``, reporting a missing engine as a one-line DocumentError."""
    try:
        from timeline.extraction.pipeline import extract
    except ImportError:
        raise DocumentError("the extraction engine is not installed on this server") from None
    return extract(text, published=published, **metadata)


def content_security_policy(script_hashes: list[str]) -> str:
    """A CSP that Dash and plotly work under: scripts from this origin only (plus Dash's
    inline bootstrap by its quoted hash, as ``Dash.csp_hashes`` gives it; plotly's WebGL
    traces need ``unsafe-eval``), no framing."""
    scripts = " ".join(["'self'", "'unsafe-eval'", *script_hashes])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def add_security_headers(app: Dash) -> None:
    """Send CSP, nosniff, no-framing and referrer headers with every response. Referrers go
    to this app only (``same-origin``): other sites get none, and the page's request for its
    layout says which view the page shows (first_view.py)."""
    policy = content_security_policy(list(app.csp_hashes()))

    @app.server.after_request
    def _headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        return response
