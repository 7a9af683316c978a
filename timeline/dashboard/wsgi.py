"""The dashboard as a WSGI application, for a production server such as gunicorn.

    TIMELINE_STORE=data/timeline.duckdb gunicorn -w 4 --preload -b 127.0.0.1:8050 \\
        --timeout 120 'timeline.dashboard.wsgi:create_server()'

``--preload`` reads the store and loads the extraction model once, before the workers
fork, so each worker starts ready and shares that memory. The store is opened only per
request, so the workers can share one file. ``--timeout`` must exceed the time an added
article may take to read (``dashboard.ingest.EXTRACT_SECONDS``, 60 s), or gunicorn
restarts the worker before the form can say the text was too long.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from timeline.corpus.store import DEFAULT_STORE
from timeline.dashboard.application import create_app

#: Environment variable naming the store to serve.
STORE_VARIABLE = "TIMELINE_STORE"


def create_server(store: str | Path | None = None, warm: bool = True) -> Flask:
    """The Flask server of a dashboard on ``store`` (default: ``$TIMELINE_STORE``).

    ``warm`` loads the extraction pipeline now, so the first pasted article in each
    worker does not pay for it.
    """
    path = Path(store or os.environ.get(STORE_VARIABLE) or DEFAULT_STORE)
    if not path.exists():
        raise SystemExit(f"error: {path}: no store here (run `timeline ingest` first)")
    app = create_app(store=path)
    if warm:
        from timeline.corpus.engines import warm_up

        warm_up()
    return app.server
