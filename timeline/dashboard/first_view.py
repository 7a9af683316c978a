"""The page as first served: the figure, counts and controls of the view the URL asks for,
built on the server, so the browser draws at once instead of waiting for callbacks.

Dash fetches the page's layout from ``/_dash-layout``, without the page's query string; the
page's address comes with that request as its ``Referer`` (the page's Referrer-Policy is
``same-origin``: the app's own requests carry it, other sites get nothing). Without it the
first view is the unfiltered one, and the URL callback then sets the filters as before.

The view callback has no initial call; it runs on later changes. Both fill the same
outputs (``callbacks.VIEW_OUTPUTS``) from the same ``views.build_view``; the first view
groups more events into badges on a big store (``FIRST_VIEW_MARKS``).

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

from timeline.dashboard import handlers, ids
from timeline.dashboard.callbacks import CONTROLS, VIEW_OUTPUTS, view_values
from timeline.dashboard.data import DashboardData
from timeline.dashboard.filters import (
    controls_from_filters,
    filters_from_controls,
    filters_from_query,
)
from timeline.dashboard.views import View, build_view

#: Markers and badges drawn at most in the first view of a table of ``AGGREGATE_FROM``
#: events or more (measured: 1,500 SVG markers took 0.9-1.0 s to draw, 1,000 about 0.7 s).
FIRST_VIEW_MARKS = 1_000
AGGREGATE_FROM = 100_000
#: People offered by the person filter in the first page (most events first).
FIRST_VIEW_PEOPLE = 100


def query_of(page_address: str | None) -> str:
    """The query string (with its ``?``, or "") of the page's address."""
    query = urlsplit(page_address or "").query
    return f"?{query}" if query else ""


def with_first_view(layout: Component, data: DashboardData, search: str = "") -> Component:
    """``layout`` with the controls set to the URL's filters, the view they show, and what
    the filters' own callbacks would say of them (the dates' feedback, the person's
    dossier), so that no callback has to run before the page is whole."""
    summary = data.table_and_summary(None)[1]
    controls = controls_from_filters(filters_from_query(search), summary.types)
    view = first_view(data, controls)
    for (component, prop), value in zip(CONTROLS, controls, strict=True):
        setattr(layout[component], prop, value)
    for (component, prop), value in zip(VIEW_OUTPUTS, view_values(view), strict=True):
        setattr(layout[component], prop, value)
    for (component, prop), value in zip(FEEDBACK_OUTPUTS, feedback_values(controls), strict=True):
        setattr(layout[component], prop, value)
    layout[ids.PERSON_FILTER].options = first_people(summary.people, controls[0])
    return layout


#: What the filters' own callbacks set from the controls (``callbacks._register_filters``):
#: the first page carries it, so those callbacks have no initial call.
FEEDBACK_OUTPUTS = (
    (ids.DATE_ERROR, "children"),
    (ids.DATE_FROM, "className"),
    (ids.DATE_TO, "className"),
    (ids.PERSON_DOSSIER, "hidden"),
)


def feedback_values(controls: tuple) -> tuple:
    """The values of ``FEEDBACK_OUTPUTS`` for the controls' values."""
    people, _types, date_from, date_to = controls[:4]
    return (*handlers.date_feedback(date_from, date_to), handlers.one_person(people) is None)


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
    """The view of the controls as ``handlers.view_for`` builds it for the view callback,
    without the table's rows; on a table of ``AGGREGATE_FROM`` events or more with at most
    ``FIRST_VIEW_MARKS`` markers and badges (``views.capped_spread``), which the figure's
    note says. Thousands of SVG markers take a second or more to draw; the first change of
    the filters or the window brings the usual view."""
    table, summary = data.table_and_summary(None)
    filters = filters_from_controls(*controls, summary.types)
    cap = FIRST_VIEW_MARKS if len(table) >= AGGREGATE_FROM else None
    return build_view(
        table, filters, summary.styles, 0, None, with_rows=False, max_marks=cap, with_map=False
    )


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
