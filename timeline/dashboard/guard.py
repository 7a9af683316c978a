"""Every callback's inputs checked before its body runs, and no traceback for a bad request.

A hostile tester sent 693 requests with wrong types to the page's callbacks: 234 made a
handler crash (HTTP 500, a traceback in the log each time), and a window of ±10⁶ days gave
"year out of range" (issue 15). The page sends what its components hold; anyone can send
anything. So:

- each server callback is registered through ``GuardedApp``, which knows what every input
  and state may hold (``CHECKS``, by component and property; a callback with an input it
  does not know is refused when the app is built, so none is left out). A value of the
  wrong type or size gets no update (HTTP 204) and one line in the log; an out-of-range
  number (a page, a window of days) is clamped instead;
- what still goes wrong in a callback's body is one line in the log and no update
  (``callback_failed``, Dash's ``on_error``), never a traceback or an HTTP 500;
- a request Dash cannot even take apart (no such callback, no inputs, not JSON) gets
  HTTP 400 and one line (``refuse_malformed``).

``tests/dashboard/test_callback_fuzz.py`` sends hundreds of malformed requests derived from
the callback map and holds all of this.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import math
import re
from collections.abc import Callable

from dash import Dash, Input, State
from dash.exceptions import PreventUpdate
from flask import Response, request
from werkzeug.exceptions import HTTPException

from timeline.dashboard import ids as i
from timeline.dashboard.window import ALL_YEARS
from timeline.output.schema import (
    EVENT_COLUMNS,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    OPTIONAL_FLOAT_COLUMNS,
    OPTIONAL_INT_COLUMNS,
)

log = logging.getLogger(__name__)

#: Days from 1970-01-01 to the first and the last day the calendar has (years 1 to 9999).
FIRST_DAY = (dt.date(1, 1, 1) - dt.date(1970, 1, 1)).days
LAST_DAY = (dt.date(9999, 12, 31) - dt.date(1970, 1, 1)).days
#: The most a count (clicks, a page, a version) is taken to be.
MAX_COUNT = 10**9
#: The most events and texts the page may send back of what a reader added (no store).
MAX_ADDED_EVENTS = 50_000
MAX_TEXT = 2_100_000
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class Malformed(ValueError):
    """A value a component of the page cannot hold; the message says which and why."""


Check = Callable[[object], object]


# ---------------------------------------------------------------------- the checks


def count(value: object) -> int | None:
    """Clicks, intervals, a page or a version: a whole number, clamped to 0..10⁹."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise Malformed("must be a whole number")
    return min(max(value, 0), MAX_COUNT)


def any_number(value: object) -> object:
    """A number or None (what a click store holds: clicks, or a time)."""
    if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return value
    raise Malformed("must be a number")


def text(limit: int) -> Check:
    """Text of at most ``limit`` characters, or None."""

    def check(value: object) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise Malformed("must be text")
        if len(value) > limit:
            raise Malformed(f"is longer than {limit:,} characters")
        return value

    return check


def texts(items: int, limit: int) -> Check:
    """A list of at most ``items`` texts of at most ``limit`` characters each, or None."""
    one = text(limit)

    def check(value: object) -> list[str] | None:
        if value is None:
            return None
        if not isinstance(value, list) or len(value) > items:
            raise Malformed(f"must be a list of at most {items:,} texts")
        for item in value:
            if one(item) is None:
                raise Malformed("must hold texts only")
        return value

    return check


def options(value: object) -> list | None:
    """A dropdown's options: texts, or objects with a text "value"."""
    if value is None:
        return None
    if not isinstance(value, list) or len(value) > 100_000:
        raise Malformed("must be a list of options")
    for option in value:
        chosen = option.get("value") if isinstance(option, dict) else option
        if not isinstance(chosen, str):
            raise Malformed("must be options with text values")
    return value


def window(value: object) -> object:
    """The chart's window: None, every year, or two days (clamped to the calendar)."""
    if value is None or value == ALL_YEARS:
        return value
    if not isinstance(value, list) or len(value) != 2:
        raise Malformed("must be None, 'all' or two day numbers")
    days = []
    for day in value:
        if isinstance(day, bool) or not isinstance(day, (int, float)) or not math.isfinite(day):
            raise Malformed("must hold two finite day numbers")
        days.append(min(max(day, FIRST_DAY), LAST_DAY))
    return sorted(days)


def mapping(value: object) -> dict | None:
    """An object (plotly's relayout data, a table cell), or None."""
    if value is None or isinstance(value, dict):
        return value
    raise Malformed("must be an object")


def click(value: object) -> dict | None:
    """A figure's click: an object whose "points" is a list of objects."""
    value = mapping(value)
    if value is not None:
        points = value.get("points")
        if points is not None and (
            not isinstance(points, list) or not all(isinstance(p, dict) for p in points)
        ):
            raise Malformed("must have a list of points")
    return value


def event(value: object) -> dict | None:
    """The event open in the detail panel: an object with a text id (the server reads the
    rest again), or None."""
    value = mapping(value)
    if value is None:
        return None
    for key in ("event_id", "person", "doc_id", "event_type", "date"):
        if value.get(key) is not None and not isinstance(value.get(key), str):
            raise Malformed(f"must have a text {key}")
    members = value.get("event_ids")
    if members is not None and not isinstance(members, (list, str)):
        raise Malformed("must list its sources' ids")
    if isinstance(members, str) and len(members) > 1_000_000:
        raise Malformed("lists too many sources")
    return value


def added_events(value: object) -> list | None:
    """The events a reader added without a store, as the server sent them: each with the
    event columns, of their types, and real calendar days."""
    if value is None:
        return None
    if not isinstance(value, list) or len(value) > MAX_ADDED_EVENTS:
        raise Malformed(f"must be a list of at most {MAX_ADDED_EVENTS:,} events")
    for record in value:
        if not isinstance(record, dict) or any(column not in record for column in EVENT_COLUMNS):
            raise Malformed("must hold events with every column")
        for column in EVENT_COLUMNS:
            cell = record[column]
            if cell is None and column in OPTIONAL_FLOAT_COLUMNS + OPTIONAL_INT_COLUMNS:
                good = True  # an event with no place
            elif column in INT_COLUMNS:
                good = isinstance(cell, int) and not isinstance(cell, bool)
            elif column in FLOAT_COLUMNS:
                good = isinstance(cell, (int, float)) and not isinstance(cell, bool)
            else:
                good = isinstance(cell, str) and len(cell) <= MAX_TEXT
            if not good:
                raise Malformed(f"holds an event whose {column} is of the wrong type")
        for column in ("date_start", "date_end"):
            if not ISO_DAY.fullmatch(record[column]) or not _real_day(record[column]):
                raise Malformed(f"holds an event whose {column} is not a day")
    return value


def added_texts(value: object) -> dict | None:
    """The texts of the articles a reader added without a store, by document id."""
    value = mapping(value)
    if value is not None and not all(
        isinstance(text, str) and len(text) <= MAX_TEXT for text in value.values()
    ):
        raise Malformed("must map documents to texts")
    return value


def upload(value: object) -> dict | None:
    """An upload that passed the browser's size check: its contents and file name."""
    value = mapping(value)
    if value is not None:
        for key in ("contents", "filename"):
            if value.get(key) is not None and not isinstance(value.get(key), str):
                raise Malformed(f"must have a text {key}")
    return value


def flag(value: object) -> bool | None:
    """A yes or no (whether the table is wanted, whether the first figure is drawn)."""
    if value is None or isinstance(value, bool):
        return value
    raise Malformed("must be true or false")


def form_fields(value: object) -> dict | None:
    """What the correction form is to show (``callbacks.CORRECTION_FORM_FIELDS``)."""
    value = mapping(value)
    if value is not None:
        if value.get("hidden") is not None and not isinstance(value.get("hidden"), bool):
            raise Malformed("must say whether the form is hidden")
        for key in ("person", "event_type", "date", "status"):
            field = value.get(key)
            if field is not None and (not isinstance(field, str) or len(field) > 1_000):
                raise Malformed(f"must have a short text {key}")
    return value


def anything(value: object) -> object:
    """What only counts as there or not (a slot's children): any value the request holds."""
    return value


def _real_day(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


#: What each input and state may hold, by component and property.
CHECKS: dict[tuple[str, str], Check] = {
    (i.URL, "search"): text(8_000),
    (i.PERSON_FILTER, "value"): texts(10_000, 1_000),
    (i.TYPE_FILTER, "value"): texts(1_000, 200),
    (i.TYPE_FILTER, "options"): options,
    (i.DATE_FROM, "value"): text(100),
    (i.DATE_TO, "value"): text(100),
    (i.TEXT_FILTER, "value"): text(1_000),
    (i.LANE_ORDER, "value"): text(50),
    (i.VIEW_WINDOW, "data"): window,
    (i.LANE_PAGE, "data"): count,
    (i.DATA_VERSION, "data"): count,
    (i.TIMELINE, "relayoutData"): mapping,
    (i.TIMELINE, "clickData"): click,
    (i.MAP, "clickData"): click,
    (i.EVENT_TABLE, "cellClicked"): mapping,
    (i.SELECTED_EVENT, "data"): event,
    (i.ADDED_EVENTS, "data"): added_events,
    (i.ADDED_TEXTS, "data"): added_texts,
    (i.ADD_REQUEST, "data"): any_number,
    (i.UPLOAD_REQUEST, "data"): upload,
    (i.ARTICLE_TEXT, "value"): text(MAX_TEXT),
    (i.ARTICLE_PUBLISHED, "value"): text(100),
    (i.ARTICLE_TITLE, "value"): text(10_000),
    (i.ARTICLE_URL, "value"): text(10_000),
    (i.ADD_JOB, "data"): text(64),
    (i.CORRECT_PERSON, "value"): text(1_000),
    (i.CORRECT_TYPE, "value"): text(200),
    (i.CORRECT_DATE, "value"): text(100),
    (i.PERSON_FILTER, "options"): options,
    (i.TABLE_WANTED, "data"): flag,
    (i.FIRST_DRAWN, "data"): flag,
    (i.FORM_VALUES, "data"): form_fields,
    (i.CORRECTION_SLOT, "children"): anything,
}
#: Properties that mean the same on every component.
BY_PROPERTY: dict[str, Check] = {"n_clicks": count, "n_intervals": count, "id": text(200)}


def check_for(component: str, prop: str) -> Check:
    """The check of one input or state; KeyError when none is known (see ``GuardedApp``)."""
    found = CHECKS.get((component, prop)) or BY_PROPERTY.get(prop)
    if found is None:
        raise KeyError(f"no check for {component}.{prop}: add one to guard.CHECKS")
    return found


# ---------------------------------------------------------------------- the app


class GuardedApp:
    """An app whose server callbacks check their inputs first (see the module). Anything
    else is the app's own."""

    def __init__(self, app: Dash) -> None:
        self._app = app

    def __getattr__(self, name: str) -> object:
        return getattr(self._app, name)

    def callback(self, *dependencies: object, **options: object) -> Callable:
        """``Dash.callback``, with the inputs' and states' checks run before the body."""
        watched = [d for d in dependencies if isinstance(d, (Input, State))]
        names = [f"{d.component_id}.{d.component_property}" for d in watched]
        checks = [check_for(str(d.component_id), str(d.component_property)) for d in watched]
        register = self._app.callback(*dependencies, **options)

        def decorate(body: Callable) -> Callable:
            @functools.wraps(body)
            def checked(*values: object) -> object:
                if len(values) != len(checks):
                    _refuse(body, f"{len(values)} values for {len(checks)} inputs")
                cleaned = []
                for name, check, value in zip(names, checks, values, strict=True):
                    try:
                        cleaned.append(check(value))
                    except Malformed as problem:
                        _refuse(body, f"{name} {problem}")
                return body(*cleaned)

            return register(checked)

        return decorate


def _refuse(body: Callable, reason: str) -> None:
    log.warning("refused a malformed request for %s: %s", body.__name__, reason)
    raise PreventUpdate


def callback_failed(error: Exception) -> None:
    """Dash's ``on_error``: a callback's body failed. One line in the log, no update for
    the page (the traceback only at DEBUG level, for whoever looks for it)."""
    log.error("a callback failed: %s: %s", type(error).__name__, str(error)[:300])
    log.debug("the callback's traceback", exc_info=error)


def refuse_malformed(app: Dash) -> None:
    """Answer a callback request Dash cannot take apart with HTTP 400 and one line in the
    log, not an HTTP 500 with a traceback. Other errors and other routes are Flask's."""

    @app.server.errorhandler(Exception)
    def _malformed(error: Exception) -> Response | HTTPException:
        if isinstance(error, HTTPException):
            return error
        if not request.path.endswith("/_dash-update-component"):
            raise error
        log.warning(
            "refused a malformed callback request: %s: %s",
            type(error).__name__,
            str(error)[:200],
        )
        return Response("malformed callback request\n", status=400, mimetype="text/plain")
