"""The dashboard as a WSGI application, for a production server such as gunicorn.

    TIMELINE_STORE=data/timeline.duckdb gunicorn -w 4 --preload -b 127.0.0.1:8050 \\
        --timeout 120 'timeline.dashboard.wsgi:create_server()'

``--preload`` reads the store and loads the extraction model once, before the workers
fork, so each worker starts ready and shares that memory. The store is opened only per
request, so the workers can share one file. An added article is read in a process of its
own, off the request (``jobs.py``), so no request waits for it.

Served this way the dashboard is read-only unless editors are named:
``TIMELINE_EDITORS=FILE`` (lines from ``timeline editor NAME``) or
``TIMELINE_EDITOR_PASSWORD`` lets them sign in at /sign-in to add and correct;
``TIMELINE_MODE=read-only`` says read-only outright, ``TIMELINE_MODE=open`` lets anyone
who reaches it change it (see ``access.configured_access``).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from flask import Flask

from timeline.corpus.store import DEFAULT_STORE
from timeline.dashboard.access import configured_access
from timeline.dashboard.application import create_app
from timeline.text.documents import DocumentError

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
    try:
        access, warning = configured_access(host="served to others")
    except DocumentError as error:
        raise SystemExit(f"error: {error}") from None
    if warning:
        logging.getLogger("timeline.app").warning("%s", warning)
    app = create_app(store=path, access=access)
    if warm:
        from timeline.corpus.engines import warm_up

        warm_up()
    return app.server
