"""The page as first served: the figure, counts and controls of the view the URL asks for,
built on the server, so the browser draws at once instead of waiting for callbacks.

Dash fetches the page's layout from ``/_dash-layout``, without the page's query string; the
page's address comes with that request as its ``Referer`` (the page's Referrer-Policy is
``same-origin``: the app's own requests carry it, other sites get nothing). Without it the
first view is the unfiltered one, and the URL callback then sets the filters as before.

The view callback has no initial call; it runs on later changes. Both fill the same
outputs (``callbacks.VIEW_OUTPUTS``) from the same ``handlers.view_for``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from dash.development.base_component import Component

from timeline.dashboard import ids
from timeline.dashboard.callbacks import CONTROLS, VIEW_OUTPUTS, view_values
from timeline.dashboard.controls import date_label
from timeline.dashboard.data import DashboardData
from timeline.dashboard.filters import controls_from_filters, filters_from_query
from timeline.dashboard.handlers import view_for


def query_of(page_address: str | None) -> str:
    """The query string (with its ``?``, or "") of the page's address."""
    query = urlsplit(page_address or "").query
    return f"?{query}" if query else ""


def with_first_view(layout: Component, data: DashboardData, search: str = "") -> Component:
    """``layout`` with the controls set to the URL's filters and the view they show."""
    summary = data.table_and_summary(None)[1]
    filters = filters_from_query(search, summary.bounds)
    controls = controls_from_filters(filters, summary.types, summary.bounds)
    view = view_for(data, None, controls, 0, with_rows=False)
    for (component, prop), value in zip(CONTROLS, controls, strict=True):
        setattr(layout[component], prop, value)
    for (component, prop), value in zip(VIEW_OUTPUTS, view_values(view), strict=True):
        setattr(layout[component], prop, value)
    layout[ids.DATE_LABEL].children = date_label(controls[2])
    return layout
