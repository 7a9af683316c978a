"""The Server header gives no versions: the development server says "timeline"."""

from __future__ import annotations

import threading
import urllib.request

import werkzeug.serving

from timeline.dashboard import create_app
from timeline.dashboard.application import QuietRequestHandler
from timeline.dashboard.source import FrameSource


def test_app_run_passes_the_quiet_handler(monkeypatch):
    calls = []
    monkeypatch.setattr(werkzeug.serving, "run_simple", lambda *a, **k: calls.append(k))
    create_app(FrameSource()).run(host="127.0.0.1", port=8765, debug=False)
    assert calls and calls[0]["request_handler"] is QuietRequestHandler


def test_the_development_server_names_no_versions():
    app = create_app(FrameSource())
    server = werkzeug.serving.make_server(
        "127.0.0.1", 0, app.server, request_handler=QuietRequestHandler
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/", timeout=30) as answer:
            headers = answer.headers
    finally:
        server.shutdown()
    assert headers.get_all("Server") == ["timeline"]
    assert headers["X-Frame-Options"] == "DENY"  # the security headers still come
