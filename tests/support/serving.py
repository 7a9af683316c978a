"""Serving the app on a loopback port in a background thread, and launching Chromium for it.

Used by the browser tests and the screenshot script.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from dash import Dash
from werkzeug.serving import WSGIRequestHandler, make_server


class _QuietHandler(WSGIRequestHandler):
    """No access log line per request."""

    def log_request(self, *args: object, **kwargs: object) -> None:
        pass


#: Debian's Chromium; Playwright's own browser download cannot work on these machines.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


#: JavaScript: centre and event id of every marker drawn as SVG, from the data plotly bound.
MARKER_CENTRES = """() => {
  const out = [];
  document.querySelectorAll('#timeline .scatterlayer g.trace').forEach(g => {
    const cd = g.__data__;
    const trace = cd && cd[0] && cd[0].trace;
    if (!trace || !trace.customdata) return;
    g.querySelectorAll('path.point').forEach(p => {
      const b = p.getBoundingClientRect();
      const id = trace.customdata[p.__data__.i][0];
      out.push({id: id, x: b.x + b.width / 2, y: b.y + b.height / 2});
    });
  });
  return out;
}"""

#: JavaScript: whether plotly reports the marker of event ``id`` as hovered.
HOVERED = (
    "id => { const gd = document.querySelector('#timeline .js-plotly-plot');"
    " const h = gd && gd._hoverdata; return !!h && h.length > 0"
    " && !!h[0].customdata && h[0].customdata[0] === id; }"
)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


@contextmanager
def serving(app: Dash, host: str = "127.0.0.1", port: int | None = None) -> Iterator[str]:
    """Serve ``app`` from a thread while the block runs; yields its base URL."""
    server = make_server(
        host, port or free_port(host), app.server, threaded=True, request_handler=_QuietHandler
    )
    thread = threading.Thread(target=server.serve_forever, name="dash-server", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def launch_chromium(playwright, **options):
    """Launch headless Debian Chromium through Playwright."""
    return playwright.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, **options
    )
