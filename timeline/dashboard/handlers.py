"""The work of each callback that reads, as plain functions of plain values: the filters and
the URL, the view, the detail panel, the export. (What writes is in ``edits.py``.)

``callbacks.py`` only wires these to components; tests call them directly. The per-app data
(``DashboardData``) is read-only after start-up; everything a user changes travels in the
page's ``dcc.Store`` components and comes back as arguments.
"""

from __future__ import annotations

import datetime as dt

from dash import Patch, html, no_update

from timeline.dashboard.controls import type_options, type_swatches, year_marks
from timeline.dashboard.data import DashboardData
from timeline.dashboard.detail import detail_children
from timeline.dashboard.figures import OTHER_COLOUR
from timeline.dashboard.filters import (
    Filters,
    controls_from_filters,
    filters_from_controls,
    filters_from_query,
    filters_to_query,
    matching_positions,
)
from timeline.dashboard.labels import NO_PERSON
from timeline.dashboard.shown import member_ids
from timeline.dashboard.summary import DataSummary
from timeline.dashboard.table import EventTable
from timeline.dashboard.views import View, build_view
from timeline.output.export import FORMATS, export_events

HIDDEN_NOTE = "This event is hidden from the timeline and the downloads. Undo brings it back."


# ---------------------------------------------------------------------------- filters and URL


def sync_controls(
    trigger: str | None,
    search: str | None,
    controls: tuple,
    all_types: list[str],
    bounds: tuple[int, int],
    url_id: str,
    reset_ids: tuple[str, ...],
) -> tuple:
    """Keep the URL and the filter controls in step, whichever of them changed.

    ``controls`` holds the person, type, date and text values. Returns the new URL query and
    the four control values, ``no_update`` where nothing changes.
    """
    if trigger in reset_ids:
        wanted = controls_from_filters(Filters(), all_types, bounds)
        return ("", *_changed(controls, wanted))
    if trigger is None or trigger == url_id:
        filters = filters_from_query(search, bounds)
        wanted = controls_from_filters(filters, all_types, bounds)
        return (no_update, *_changed(controls, wanted))
    filters = filters_from_controls(*controls, all_types, bounds)
    query = filters_to_query(filters)
    return (query if query != (search or "") else no_update, *([no_update] * 4))


def _changed(current: tuple, wanted: tuple) -> list:
    result = []
    for now, new in zip(current, wanted, strict=True):
        same = (sorted(now) == sorted(new)) if isinstance(new, list) and now else now == new
        result.append(no_update if same else new)
    return result


def refresh_controls(
    summary: DataSummary,
    types_value: list[str] | None,
    old_types: list[str],
    months: list[int] | None,
    old_bounds: tuple[int, int],
) -> dict:
    """New options and bounds for the controls after articles were added.

    A control that showed everything still shows everything, new types and dates included;
    a narrowed one keeps its choice.
    """
    chosen = list(types_value or [])
    if set(old_types) <= set(chosen):
        chosen = list(summary.types)
    low, high = summary.bounds
    if not months or list(months) == list(old_bounds):
        new_months = [low, high]
    else:
        new_months = [max(low, min(months)), min(high, max(months))]
    return {
        "people": summary.people,
        "type_options": type_options(summary.types),
        "swatches": type_swatches(summary.types, summary.colours),
        "types": chosen,
        "min": low,
        "max": high,
        "marks": year_marks(low, high),
        "months": new_months,
    }


# ---------------------------------------------------------------------------- the view


def lane_page(trigger: str | None, page: int | None, previous_id: str, next_id: str) -> int:
    """The page of lanes to draw: paging buttons move it, any other change starts over."""
    page = int(page or 0)
    if trigger == previous_id:
        return max(0, page - 1)
    if trigger == next_id:
        return page + 1
    return 0


def view_for(
    data: DashboardData,
    added: list[dict] | None,
    controls: tuple,
    page: int,
    fresh: bool = False,
    with_rows: bool = True,
) -> View:
    """The view for the current controls and this user's added articles (``fresh``: with
    every change in the store so far, as after this session wrote to it; ``with_rows``:
    with the table's rows)."""
    table, summary, filters = _filtered(data, added, controls, fresh)
    return build_view(table, filters, summary.colours, page, with_rows)


def _filtered(
    data: DashboardData, added: list[dict] | None, controls: tuple, fresh: bool = False
) -> tuple[EventTable, DataSummary, Filters]:
    """The table, its summary and the filter state that the controls show."""
    table, summary = data.table_and_summary(added, fresh)
    return table, summary, filters_from_controls(*controls, summary.types, summary.bounds)


# ---------------------------------------------------------------------------- detail panel


def clicked_event_id(
    click_data: dict | None, cell: dict | None, trigger: str | None, table_id: str
) -> str:
    """The event id a click on the figure (``customdata[0]``) or on a table row points at."""
    if trigger == table_id and cell:
        return str(cell.get("rowId") or "")
    points = (click_data or {}).get("points") or []
    for point in points:
        custom = point.get("customdata")
        if isinstance(custom, list) and custom:
            return str(custom[0])
    return ""


def detail_for(
    data: DashboardData, event_id: str, added: list[dict] | None, added_texts: dict | None
) -> tuple[list, dict | None]:
    """The detail panel's contents for an event, and the event (None when not found)."""
    if not event_id:
        return detail_children(None, None), None
    table, _ = data.table_and_summary(added)
    event = table.find(event_id)
    if event is None:
        return detail_children(None, None), None
    return detail_of(data, event, added, added_texts)


def detail_of(
    data: DashboardData,
    event: dict | None,
    added: list[dict] | None = None,
    added_texts: dict | None = None,
) -> tuple[list, dict | None]:
    """The detail panel for an event found already; a hidden (None) event says so."""
    if event is None:
        return [html.P(HIDDEN_NOTE, className="detail-placeholder")], None
    event = with_sources(data, event)
    colours = data.table_and_summary(added)[1].colours
    colour = colours.get(event["event_type"], OTHER_COLOUR)
    text = data.text(str(event["doc_id"]), added_texts)
    return detail_children(event, text, colour), event


def with_sources(data: DashboardData, event: dict) -> dict:
    """The event with its sources and member ids as lists (read from the store when the
    table keeps them there, as for a big store's merged events)."""
    event = dict(event, event_ids=member_ids(event))
    if int(event.get("source_count") or 1) > 1 and not event.get("sources"):
        reader = getattr(data.source, "sources", None)
        event["sources"] = reader(str(event["event_id"])) if reader else None
    return event


def selection_patch(click_data: dict | None, trigger: str | None, graph_id: str) -> Patch | None:
    """A figure patch that rings the clicked marker (None when the click was not on it)."""
    if trigger != graph_id:
        return None
    points = (click_data or {}).get("points") or []
    if not points or "x" not in points[0] or "y" not in points[0]:
        return None
    patch = Patch()
    patch["data"][0]["x"] = [points[0]["x"]]
    patch["data"][0]["y"] = [points[0]["y"]]
    return patch


def only_person(event: dict | None) -> list[str]:
    """The person filter that shows only the person of an event."""
    if not event:
        return []
    return [event.get("person") or NO_PERSON]


# ---------------------------------------------------------------------------- export


def export_view(
    data: DashboardData,
    added: list[dict] | None,
    controls: tuple,
    fmt: str,
    today: dt.date | None = None,
) -> dict:
    """A ``dcc.Download`` payload with every event in view in one of ``FORMATS``."""
    table, _, filters = _filtered(data, added, controls)
    events = table.rows(matching_positions(table, filters))
    suffix, mime = FORMATS[fmt]
    stamp = (today or dt.date.today()).isoformat()
    return {
        "content": export_events(events, fmt),
        "filename": f"timeline-{stamp}{suffix}",
        "type": mime,
        "base64": False,
    }
