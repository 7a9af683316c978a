"""The app factory: one Dash app per event source, with its callbacks and security headers."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pandas as pd
from dash import Dash
from flask import Response
from werkzeug.serving import WSGIRequestHandler

from timeline.corpus.store import file_lock
from timeline.dashboard import edits
from timeline.dashboard.access import EDITORS, READ_ONLY, Access
from timeline.dashboard.callbacks import register_callbacks
from timeline.dashboard.data import DashboardData
from timeline.dashboard.guard import GuardedApp, callback_failed, refuse_malformed
from timeline.dashboard.ingest import Extract
from timeline.dashboard.jobs import Jobs, job_folder
from timeline.dashboard.layout import TITLE, build_layout
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
    access: Access | None = None,
    jobs: Jobs | None = None,
) -> Dash:
    """Build the dashboard for a source, a store file, or a directory of articles read at
    start-up.

    ``extract`` turns one pasted article into events; it defaults to ``timeline.extract``.
    ``access`` says who may change the timeline (default: anyone, for local use; see
    ``access.py``); a read-only app opens its store read-only. ``jobs`` reads pasted
    articles off the request (default: a process per article, ``jobs.py``).
    """
    access = access or Access()
    read_only = access.mode == READ_ONLY
    if source is None and store is not None:
        source = StoreSource.open(store, read_only=read_only)
    if source is None:
        source = load_directory(data_dir) if data_dir is not None else FrameSource()
    data = DashboardData.load(source, extract or engine_extract)
    if jobs is None:
        # The store's lock is held while a job forks (see jobs.run_in_process).
        guard = partial(file_lock, store) if store is not None else None
        jobs = Jobs(job_folder(Path(store) if store is not None else None), fork_guard=guard)
    app = Dash(
        __name__,
        title=TITLE,
        update_title=None,
        assets_folder=str(assets_folder()),
        serve_locally=True,
        # A callback that fails says so in one line and changes nothing (guard.py).
        on_error=callback_failed,
    )
    app.server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    # A store can change under the app, and with editors each visitor may or may not be
    # signed in: each visitor then gets a page built for them.
    per_visitor = data.writable or access.mode == EDITORS
    app.layout = (lambda: page_layout(data, access)) if per_visitor else page_layout(data, access)
    access.install(app.server)
    # Every callback's inputs are checked before it runs; a request Dash cannot take
    # apart gets HTTP 400 (guard.py).
    register_callbacks(GuardedApp(app), data, access, jobs)  # type: ignore[arg-type]
    refuse_malformed(app)
    add_security_headers(app)
    app.server.run = partial(app.server.run, request_handler=QuietRequestHandler)
    return app


class QuietRequestHandler(WSGIRequestHandler):
    """The development server's requests without its name and versions in the ``Server``
    header ("Werkzeug/3.1 Python/3.11" told an attacker what to look up). Under gunicorn
    the header is gunicorn's own, without a version."""

    def version_string(self) -> str:
        return "timeline"


def page_layout(data: DashboardData, access: Access | None = None) -> object:
    """The page for a new visitor, built from the data as it stands now, with the forms
    this visitor may use."""
    data.refresh()
    summary = data.summary
    editing = (access or Access()).editing()
    return build_layout(summary, edits.correction_types(data, summary.types), editing)


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
    """Send CSP, nosniff, no-framing and no-referrer headers with every response."""
    policy = content_security_policy(list(app.csp_hashes()))

    @app.server.after_request
    def _headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response
