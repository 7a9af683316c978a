"""The work of each callback that reads, as plain functions of plain values: the filters and
the URL, the view, the detail panel, the export. (What writes is in ``edits.py``.)

``callbacks.py`` only wires these to components; tests call them directly. The per-app data
(``DashboardData``) is read-only after start-up; everything a user changes travels in the
page's ``dcc.Store`` components and comes back as arguments.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from dash import Patch, html, no_update

from timeline.dashboard.badges import read_badge_token
from timeline.dashboard.controls import date_placeholders, type_options, type_swatches
from timeline.dashboard.data import DashboardData
from timeline.dashboard.detail import detail_children, history_lines
from timeline.dashboard.filters import (
    Filters,
    controls_from_filters,
    date_problem,
    event_matches,
    filters_from_controls,
    filters_from_query,
    filters_to_query,
    matching_positions,
)
from timeline.dashboard.labels import NO_PERSON
from timeline.dashboard.months import day_of_text
from timeline.dashboard.palette import OTHER_COLOUR
from timeline.dashboard.places_map import map_figure
from timeline.dashboard.shown import member_ids
from timeline.dashboard.spread import badge_window
from timeline.dashboard.summary import DataSummary
from timeline.dashboard.table import EventTable
from timeline.dashboard.views import View, build_view
from timeline.dashboard.window import ALL_YEARS
from timeline.output.dossier import dossier_filename, dossier_html, dossier_markdown
from timeline.output.downloads import FORMATS, download_text

HIDDEN_NOTE = "This event is hidden from the timeline and the downloads. Undo brings it back."


# ---------------------------------------------------------------------------- filters and URL

#: What ``window_request`` returns when the chart's window stays as it is.
UNCHANGED = object()


def sync_controls(
    trigger: str | None,
    search: str | None,
    controls: tuple,
    all_types: list[str],
    url_id: str,
    clear_ids: tuple[str, ...],
    all_years_id: str,
    order_id: str = "",
) -> tuple:
    """Keep the URL, the filter controls and the chart's window in step, whichever of them
    changed.

    ``controls`` holds the person, type, from, to, text and lane-order values. Returns the
    new URL query, the six control values and the window (see ``window.py``), ``no_update``
    where nothing changes. Clearing the filters, or showing all years, always shows every
    year of the events in view, whatever window the page was opened or zoomed to; any other
    change of filter starts from the first view of what it keeps.
    """
    current = filters_from_controls(*controls, all_types)
    if trigger in clear_ids or trigger == all_years_id:
        wanted = Filters(order=current.order)
        if trigger == all_years_id:
            wanted = replace(current, date_from="", date_to="")
        query = filters_to_query(wanted)
        changed = _changed(controls, controls_from_filters(wanted, all_types))
        return (query if query != (search or "") else no_update, *changed, ALL_YEARS)
    if trigger is None or trigger == url_id:
        # On load the window is the first view's already (the first page is built with it,
        # first_view.py): sending it again would only draw the same view a second time.
        wanted = controls_from_filters(filters_from_query(search), all_types)
        return (no_update, *_changed(controls, wanted), None if trigger == url_id else no_update)
    query = filters_to_query(current)
    window = no_update if trigger == order_id else None
    return (query if query != (search or "") else no_update, *([no_update] * 6), window)


def _changed(current: tuple, wanted: tuple) -> list:
    result = []
    for now, new in zip(current, wanted, strict=True):
        same = (sorted(now) == sorted(new)) if isinstance(new, list) and now else now == new
        result.append(no_update if same else new)
    return result


def window_request(relayout: dict | None, click: dict | None, trigger_is_click: bool) -> object:
    """The window the chart asks for: every year after a double-click, the days dragged or
    panned to, or the days of a count badge that was clicked; ``UNCHANGED`` otherwise."""
    if trigger_is_click:
        token = clicked_event_id(click, None, None, "")
        days = read_badge_token(token)
        return list(badge_window(*days)) if days else UNCHANGED
    if not isinstance(relayout, dict):
        return UNCHANGED
    if relayout.get("xaxis.autorange"):
        return ALL_YEARS
    ends = relayout.get("xaxis.range")
    if not isinstance(ends, list) or len(ends) != 2:
        ends = [relayout.get("xaxis.range[0]"), relayout.get("xaxis.range[1]")]
    days = [day_of_text(end) for end in ends if end is not None]
    if len(days) != 2 or None in days:
        return UNCHANGED
    return sorted(days)


def date_feedback(date_from: str | None, date_to: str | None) -> tuple[str, str, str]:
    """The message under the date inputs and each input's class (marked when wrong)."""
    message, from_ok, to_ok = date_problem(date_from, date_to)
    return (
        message,
        "text-input" if from_ok else "text-input invalid",
        "text-input" if to_ok else "text-input invalid",
    )


def refresh_controls(
    summary: DataSummary, types_value: list[str] | None, old_types: list[str]
) -> dict:
    """New options for the controls after articles were added.

    A control that showed everything still shows everything, new types included; a
    narrowed one keeps its choice.
    """
    chosen = list(types_value or [])
    if set(old_types) <= set(chosen):
        chosen = list(summary.types)
    first_year, last_year = date_placeholders(summary.bounds)
    return {
        "people": summary.people,
        "type_options": type_options(summary.types),
        "swatches": type_swatches(summary.types, summary.styles),
        "types": chosen,
        "from_placeholder": first_year,
        "to_placeholder": last_year,
    }


def next_version(version: object) -> int:
    """The page's data version after this session wrote to the store (a version that is
    not a small whole number starts again at 1).

    >>> next_version(4), next_version(None), next_version("x"), next_version(-3)
    (5, 1, 1, 1)
    """
    if isinstance(version, int) and not isinstance(version, bool) and 0 <= version < 10**9:
        return version + 1
    return 1


def one_person(people: list[str] | None) -> str | None:
    """The person the person filter holds, when it holds exactly one named person."""
    people = list(people or [])
    return people[0] if len(people) == 1 and people[0] != NO_PERSON else None


# ---------------------------------------------------------------------------- the view


def lane_page(
    trigger: str | None,
    page: int | None,
    previous_id: str,
    next_id: str,
    keep_ids: tuple[str, ...] = (),
) -> int:
    """The page of lanes to draw: paging buttons move it, ``keep_ids`` (a zoom) keep it, any
    other change starts over."""
    page = int(page or 0)
    if trigger == previous_id:
        return max(0, page - 1)
    if trigger == next_id:
        return page + 1
    return page if trigger in keep_ids else 0


def view_for(
    data: DashboardData,
    added: list[dict] | None,
    controls: tuple,
    page: int,
    fresh: bool = False,
    window: object = None,
    with_rows: bool = True,
) -> View:
    """The view for the current controls, window and this user's added articles (``fresh``:
    with every change in the store so far, as after this session wrote to it; ``with_rows``:
    with the table's rows)."""
    table, summary, filters = _filtered(data, added, controls, fresh)
    return build_view(table, filters, summary.styles, page, window, with_rows)


def map_for(data: DashboardData, added: list[dict] | None, controls: tuple) -> dict:
    """The map of the events the controls keep, as the view callback draws it."""
    table, _, filters = _filtered(data, added, controls)
    return map_figure(table, matching_positions(table, filters))


def _filtered(
    data: DashboardData, added: list[dict] | None, controls: tuple, fresh: bool = False
) -> tuple[EventTable, DataSummary, Filters]:
    """The table, its summary and the filter state that the controls show."""
    table, summary = data.table_and_summary(added, fresh)
    return table, summary, filters_from_controls(*controls, summary.types)


def left_the_view(
    data: DashboardData, added: list[dict] | None, controls: tuple, event: dict | None
) -> bool:
    """Whether the event open in the detail panel is still on the timeline but no longer
    passes the filters (a hidden event stays open, so that Undo can bring it back)."""
    if not event or not event.get("event_id"):
        return False
    table, summary = data.table_and_summary(added)
    shown = table.find(str(event["event_id"]))
    if shown is None:
        return False
    return not event_matches(shown, filters_from_controls(*controls, summary.types))


# ---------------------------------------------------------------------------- detail panel


def reader_acted(triggered: list[dict]) -> bool:
    """Whether a callback ran because the reader did something, given ``ctx.triggered``.

    Dash also runs a callback when its inputs come into the page inside another callback's
    output (the correction form, the table's grid: lazy.py), even with
    ``prevent_initial_call``; then every input it names is still empty (no clicks, no cell).
    """
    return any(item.get("value") for item in triggered)


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
    return detail_children(event, text, colour, history_of(data, event)), event


def history_of(data: DashboardData, event: dict) -> list[str]:
    """The lines of the audit trail about an event and its sources (none without a store)."""
    reader = getattr(data.source, "audit", None)
    if reader is None:
        return []
    return history_lines(reader(member_ids(event)).to_dict("records"))


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
        "content": download_text(events, fmt),
        "filename": f"timeline-{stamp}{suffix}",
        "type": mime,
        "base64": False,
    }


# ---------------------------------------------------------------------------- dossier

#: Dossier formats: suffix, MIME type, writer.
DOSSIERS = {
    "html": (".html", "text/html", dossier_html),
    "markdown": (".md", "text/markdown", dossier_markdown),
}


def dossier_download(
    data: DashboardData,
    added: list[dict] | None,
    person: str | None,
    fmt: str,
    today: dt.date | None = None,
) -> dict | None:
    """A ``dcc.Download`` payload with every event of one named person (whatever the other
    filters), each with all its sources; None without a person."""
    if not person or person == NO_PERSON or fmt not in DOSSIERS:
        return None
    table, _ = data.table_and_summary(added)
    positions = matching_positions(table, Filters(people=(person,)))
    events = [with_sources(data, row) for row in table.rows(positions).to_dict("records")]
    suffix, mime, write = DOSSIERS[fmt]
    return {
        "content": write(person, events, today),
        "filename": dossier_filename(person, suffix),
        "type": mime,
        "base64": False,
    }


def is_badge(event_id: str) -> bool:
    """Whether a clicked id is a count badge's (a click on it zooms; it opens no event)."""
    return read_badge_token(event_id) is not None
