"""Parts of the page that are built when the reader needs them, so the first view carries
only what draws the figure.

- **The event table.** Its grid library (dash-ag-grid, about 2 MB of script before
  compression) is not among the page's scripts: ``lazy_index`` takes it out and names it in
  a ``<meta>`` tag instead. Once the figure is drawn and the reader scrolls near the table,
  or presses "Show the table", ``assets/lazy_parts.js`` loads it and sets
  ``TABLE_WANTED``; the grid is then put into its slot, and its rows follow the filters
  from then on (no rows are computed while the table is closed).
- **The full list of people.** The person filter searches its options with an index that
  the browser builds when it is drawn (a few hundred ms for thousands of people), so the
  first page carries the people shown and the most frequent ones (``first_view``), and the
  rest come once the figure is drawn (``FIRST_DRAWN``).
- **The correction form** is put into the detail panel when an event is first opened on a
  store the reader may correct, filled with that event. The detail callback says what the
  form shows in ``FORM_VALUES``; once the form is there, a browser-side callback fills it.
"""

from __future__ import annotations

import re

from dash import ClientsideFunction, Dash, Input, Output, State, ctx, no_update, set_props
from dash.exceptions import PreventUpdate

from timeline.dashboard import edits
from timeline.dashboard import ids as i
from timeline.dashboard.callbacks import CONTROLS
from timeline.dashboard.data import DashboardData
from timeline.dashboard.filters import filters_from_controls, matching_positions
from timeline.dashboard.layout import correction_form, event_table
from timeline.dashboard.views import View, table_rows_of

#: The grid library's script tag among Dash's scripts (fingerprinted or not).
GRID_SCRIPT = re.compile(
    r'<script src="(?P<src>[^"]*/_dash-component-suites/dash_ag_grid/dash_ag_grid[^"]*\.js)">'
    r"</script>\s*"
)
#: The meta tag that tells assets/lazy_parts.js where the grid's script is.
GRID_META = "timeline:grid-script"


#: Scripts Dash always sends that this page does without: the DataTable's bundle (the page
#: has no DataTable; its grid is dash-ag-grid), and babel's polyfill (core-js 2, for
#: browsers before ES2015; it takes 0.1-0.17 s of a first load to set up, and it replaces
#: native functions such as String.trim with slower ones that plotly calls per marker).
#: Of the polyfill, dcc needs only ``regeneratorRuntime``: ``delivery`` loads that alone.
UNNEEDED_SCRIPTS = re.compile(
    r'<script src="[^"]*/_dash-component-suites/dash/'
    r'(dash_table/bundle\.|deps/polyfill@)[^"]*"></script>\s*'
)


def lazy_index(scripts: str, metas: str) -> tuple[str, str]:
    """Dash's script tags without the grid's and the unneeded ones, and the meta tags with
    the grid's address added."""
    scripts = UNNEEDED_SCRIPTS.sub("", scripts)
    found = GRID_SCRIPT.search(scripts)
    if found is None:
        return scripts, metas
    meta = f'<meta name="{GRID_META}" content="{found["src"]}">'
    return GRID_SCRIPT.sub("", scripts, count=1), f"{metas}\n      {meta}".strip()


def table_for(
    data: DashboardData, added: list[dict] | None, controls: tuple, fresh: bool = False
) -> tuple:
    """The table's rows and its note for the current controls (``fresh``: as after this
    session wrote to the store)."""
    table, summary = data.table_and_summary(added, fresh)
    filters = filters_from_controls(*controls, summary.types)
    positions = matching_positions(table, filters)
    rows = table_rows_of(table, positions)
    return rows, View(figure={}, shown=len(positions), total=len(table), rows=rows).table_note


def filled_form(types: list[dict], values: dict) -> object:
    """The correction form, shown and filled with the values the detail callback set (see
    ``callbacks.CORRECTION_FORM_FIELDS``)."""
    form = correction_form(types)
    form[i.CORRECT_PERSON].value = values.get("person") or ""
    form[i.CORRECT_TYPE].value = values.get("event_type") or None
    form[i.CORRECT_DATE].value = values.get("date") or ""
    form.hidden = False
    return form


def register_lazy_parts(app: Dash, data: DashboardData) -> None:
    """The callbacks that bring in the table and the correction form. Dash refuses to run a
    callback one of whose outputs is not in the page, so what the late parts show is set
    with ``set_props``, which Dash passes over while they are missing."""
    app.clientside_callback(
        ClientsideFunction("lazyParts", "watchTable"),
        Output(i.TABLE_WANTED, "data"),
        Input(i.TABLE_SLOT, "id"),
        State(i.TABLE_WANTED, "id"),
        State(i.TABLE_SHOW, "id"),
    )
    filters = [State(component, prop) for component, prop in CONTROLS]
    app.clientside_callback(
        ClientsideFunction("lazyParts", "watchFirstDraw"),
        Output(i.FIRST_DRAWN, "data"),
        Input(i.TIMELINE, "id"),
        State(i.FIRST_DRAWN, "id"),
    )

    @app.callback(
        Output(i.PERSON_FILTER, "options", allow_duplicate=True),
        Input(i.FIRST_DRAWN, "data"),
        State(i.PERSON_FILTER, "options"),
        State(i.ADDED_EVENTS, "data"),
        prevent_initial_call=True,
    )
    def all_people(drawn, options, added):
        people = data.table_and_summary(added)[1].people
        if not drawn or len(options or []) >= len(people):
            raise PreventUpdate
        return people

    @app.callback(
        Output(i.TABLE_SLOT, "children"),
        Output(i.TABLE_NOTE, "children", allow_duplicate=True),
        Input(i.TABLE_WANTED, "data"),
        *filters,
        State(i.ADDED_EVENTS, "data"),
        prevent_initial_call=True,
    )
    def show_table(wanted, *values):
        if not wanted:
            raise PreventUpdate
        rows, note = table_for(data, values[-1], values[: len(CONTROLS)])
        grid = event_table()
        grid.rowData = rows
        return grid, note

    @app.callback(
        Output(i.TABLE_NOTE, "children"),
        *(Input(component, prop) for component, prop in CONTROLS),
        Input(i.ADDED_EVENTS, "data"),
        Input(i.DATA_VERSION, "data"),
        State(i.TABLE_WANTED, "data"),
        prevent_initial_call=True,
    )
    def fill_table(*values):
        controls, (added, _version, wanted) = values[: len(CONTROLS)], values[len(CONTROLS) :]
        if not wanted:
            raise PreventUpdate  # the table is not open: nothing to compute
        fresh = ctx.triggered_id == i.DATA_VERSION
        rows, note = table_for(data, added, controls, fresh)
        set_props(i.EVENT_TABLE, {"rowData": rows})
        return note

    @app.callback(
        Output(i.CORRECTION_SLOT, "children"),
        Input(i.FORM_VALUES, "data"),
        State(i.CORRECTION_SLOT, "children"),
        prevent_initial_call=True,
    )
    def show_correction_form(values, current):
        if current or not values or values.get("hidden"):
            return no_update
        types = edits.correction_types(data, data.summary.types)
        return filled_form(types, values)

    # Once the form is in the page, opening another event fills it from the browser.
    app.clientside_callback(
        ClientsideFunction("lazyParts", "fillForm"),
        Input(i.FORM_VALUES, "data"),
        prevent_initial_call=True,
    )
