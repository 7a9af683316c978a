"""The page as first served: the figure, counts and controls of the view the URL asks for,
built on the server, so the browser draws at once instead of waiting for callbacks.

Dash fetches the page's layout from ``/_dash-layout``, without the page's query string; the
page's address comes with that request as its ``Referer`` (the page's Referrer-Policy is
``same-origin``: the app's own requests carry it, other sites get nothing). Without it the
first view is the unfiltered one, and the URL callback then sets the filters as before.

The view callback has no initial call; it runs on later changes. Both fill the same
outputs (``callbacks.VIEW_OUTPUTS``) from the same ``views.build_view``; the first view
draws fewer markers on a big store (``FIRST_VIEW_POINTS``).

Most readers open the same few addresses, and on a big store the view and its JSON take
most of a second, so ``FirstPages`` keeps the JSON of recent first pages while the data
they were built from is the data served.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from urllib.parse import urlsplit

from dash.development.base_component import Component
from plotly.io.json import to_json_plotly

from timeline.dashboard import ids
from timeline.dashboard.callbacks import CONTROLS, VIEW_OUTPUTS, view_values
from timeline.dashboard.controls import date_label
from timeline.dashboard.data import DashboardData
from timeline.dashboard.filters import (
    controls_from_filters,
    filters_from_controls,
    filters_from_query,
)
from timeline.dashboard.views import MAX_POINTS, View, build_view

#: Markers drawn at most in the first view of a table of ``AGGREGATE_FROM`` events or more
#: (the view callback draws up to ``views.MAX_POINTS``): a second less to draw on 1M events.
FIRST_VIEW_POINTS = 1_000
AGGREGATE_FROM = 100_000
#: People offered by the person filter in the first page (most events first).
FIRST_VIEW_PEOPLE = 100


def query_of(page_address: str | None) -> str:
    """The query string (with its ``?``, or "") of the page's address."""
    query = urlsplit(page_address or "").query
    return f"?{query}" if query else ""


def with_first_view(layout: Component, data: DashboardData, search: str = "") -> Component:
    """``layout`` with the controls set to the URL's filters and the view they show (an
    aggregate of at most ``FIRST_VIEW_POINTS`` markers, see ``first_view``)."""
    summary = data.table_and_summary(None)[1]
    filters = filters_from_query(search, summary.bounds)
    controls = controls_from_filters(filters, summary.types, summary.bounds)
    view = first_view(data, controls)
    for (component, prop), value in zip(CONTROLS, controls, strict=True):
        setattr(layout[component], prop, value)
    for (component, prop), value in zip(VIEW_OUTPUTS, view_values(view), strict=True):
        setattr(layout[component], prop, value)
    layout[ids.PERSON_FILTER].options = first_people(summary.people, controls[0])
    layout[ids.DATE_LABEL].children = date_label(controls[2])
    return layout


def first_people(options: list[dict], chosen: list[str]) -> list[dict]:
    """The person filter's options in the first page: the chosen people and the
    ``FIRST_VIEW_PEOPLE`` with most events (the rest come after the first draw, lazy.py)."""
    if len(options) <= FIRST_VIEW_PEOPLE:
        return options
    wanted = set(chosen)
    return [
        option
        for index, option in enumerate(options)
        if index < FIRST_VIEW_PEOPLE or option["value"] in wanted
    ]


def first_view(data: DashboardData, controls: tuple) -> View:
    """The view of the controls as ``handlers.view_for`` builds it for the view callback;
    on a big table with fewer markers: at most ``FIRST_VIEW_POINTS``, one per lane, type
    and time bin (``views.thin_out``), the rest counted in the figure's note. Thousands of
    SVG markers take seconds to draw; the first change of the filters brings the full view."""
    table, summary = data.table_and_summary(None)
    filters = filters_from_controls(*controls, summary.types, summary.bounds)
    limit = FIRST_VIEW_POINTS if len(table) >= AGGREGATE_FROM else MAX_POINTS
    return build_view(table, filters, summary.colours, 0, with_rows=False, max_points=limit)


#: First pages kept, most recently served first.
FIRST_PAGES_KEPT = 16


class FirstPages:
    """The JSON of first pages by URL query, each kept while the table it was built from
    is the one served (a weak reference: an old table is never kept alive for it)."""

    def __init__(self, data: DashboardData, build: Callable[[str], Component]) -> None:
        self.data = data
        self.build = build
        self._pages: OrderedDict[str, tuple[weakref.ref, str]] = OrderedDict()
        self._lock = threading.Lock()

    def json(self, search: str) -> str:
        """The first page for ``search`` as JSON, built again when the data changed."""
        self.data.refresh()
        with self._lock:
            kept = self._pages.get(search)
            if kept is not None and kept[0]() is self.data.base:
                self._pages.move_to_end(search)
                return kept[1]
        base = self.data.base
        page = to_json_plotly(self.build(search))
        with self._lock:
            self._pages[search] = (weakref.ref(base), page)
            self._pages.move_to_end(search)
            while len(self._pages) > FIRST_PAGES_KEPT:
                self._pages.popitem(last=False)
        return page
