"""Every callback of the app, registered in one place; each body calls ``handlers`` (reading)
or ``edits`` (adding articles, corrections). The callbacks that write are registered by
``write_callbacks``."""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from timeline.dashboard import edits, handlers
from timeline.dashboard import ids as i
from timeline.dashboard.access import Access
from timeline.dashboard.data import DashboardData
from timeline.dashboard.jobs import Jobs
from timeline.dashboard.write_callbacks import register_write_callbacks

#: What opening an event sets in the correction form: hidden, person, type, date, status
#: (through ``FORM_VALUES``: the form is put into the page only when first needed, lazy.py).
CORRECTION_FORM_FIELDS = ("hidden", "person", "event_type", "date", "status")

#: The filter controls, in the order handlers take their values.
CONTROLS = (
    (i.PERSON_FILTER, "value"),
    (i.TYPE_FILTER, "value"),
    (i.DATE_FROM, "value"),
    (i.DATE_TO, "value"),
    (i.TEXT_FILTER, "value"),
    (i.LANE_ORDER, "value"),
)
#: What the detail panel shows; emptied when its event leaves the view.
DETAIL_OUTPUTS = (
    Output(i.DETAIL_BODY, "children", allow_duplicate=True),
    Output(i.ONLY_PERSON, "hidden", allow_duplicate=True),
    Output(i.DETAIL_DOSSIER, "hidden", allow_duplicate=True),
    Output(i.SELECTED_EVENT, "data", allow_duplicate=True),
    Output(i.FORM_VALUES, "data", allow_duplicate=True),
)

#: What a view sets on the page: the view callback's outputs, and what the first page is
#: built with (first_view.py), so the two always agree.
VIEW_OUTPUTS = (
    (i.TIMELINE, "figure"),
    (i.EVENT_COUNT, "children"),
    (i.EMPTY_MESSAGE, "children"),
    (i.EMPTY_BOX, "hidden"),
    (i.FIGURE_NOTE, "children"),
    (i.LANE_PAGE, "data"),
    (i.LANE_PAGER, "hidden"),
    (i.LANE_PAGER_LABEL, "children"),
    (i.LANE_PREVIOUS, "disabled"),
    (i.LANE_NEXT, "disabled"),
)


#: The map: set by the view callback with every change, but not in the first page, whose
#: timeline would wait about 0.2 s for the map's drawing; it comes once the timeline has
#: drawn its first markers (``FIRST_DRAWN``), with the same events.
MAP_OUTPUT = (i.MAP, "figure")


def view_values(view: handlers.View) -> tuple:
    """The values of ``VIEW_OUTPUTS`` for a view."""
    return (
        view.figure,
        view.count_text,
        view.empty_message,
        not view.empty_message,
        view.note,
        view.page,
        view.page_count <= 1,
        view.pager_label,
        view.page == 0,
        view.page >= view.page_count - 1,
    )


def form_values(hidden: bool, event: dict | None) -> dict:
    """What the correction form shows for an event (``CORRECTION_FORM_FIELDS``)."""
    values = (hidden, *edits.correction_form(event), "")
    return dict(zip(CORRECTION_FORM_FIELDS, values, strict=True))


def register_callbacks(app: Dash, data: DashboardData, access: Access, jobs: Jobs) -> None:
    """Wire the page's components to the handlers, for one app, its data, who may change
    it (``access``) and the articles being read (``jobs``)."""
    _register_filters(app)
    _register_view(app, data)
    _register_detail(app, data, access)
    _register_export(app, data)
    register_write_callbacks(app, data, access, jobs)


def _register_filters(app: Dash) -> None:
    @app.callback(
        Output(i.URL, "search"),
        *(Output(component, prop) for component, prop in CONTROLS),
        Output(i.VIEW_WINDOW, "data"),
        Input(i.URL, "search"),
        *(Input(component, prop) for component, prop in CONTROLS),
        Input(i.CLEAR_FILTERS, "n_clicks"),
        Input(i.RESET_EMPTY, "n_clicks"),
        Input(i.SHOW_ALL_YEARS, "n_clicks"),
        State(i.TYPE_FILTER, "options"),
    )
    def sync_url_and_filters(search, *values):
        controls, options = values[: len(CONTROLS)], values[-1]
        return handlers.sync_controls(
            ctx.triggered_id,
            search,
            controls,
            [option["value"] for option in options or []],
            url_id=i.URL,
            clear_ids=(i.CLEAR_FILTERS, i.RESET_EMPTY),
            all_years_id=i.SHOW_ALL_YEARS,
            order_id=i.LANE_ORDER,
        )

    @app.callback(
        Output(i.VIEW_WINDOW, "data", allow_duplicate=True),
        Input(i.TIMELINE, "relayoutData"),
        Input(i.TIMELINE, "clickData"),
        prevent_initial_call=True,
    )
    def zoom(relayout, click):
        clicked = ctx.triggered_prop_ids and "clickData" in next(iter(ctx.triggered_prop_ids))
        window = handlers.window_request(relayout, click, bool(clicked))
        return no_update if window is handlers.UNCHANGED else window

    # The first page carries what these two say of its filters (first_view.py).
    @app.callback(
        Output(i.DATE_ERROR, "children"),
        Output(i.DATE_FROM, "className"),
        Output(i.DATE_TO, "className"),
        Input(i.DATE_FROM, "value"),
        Input(i.DATE_TO, "value"),
        prevent_initial_call=True,
    )
    def check_dates(date_from, date_to):
        return handlers.date_feedback(date_from, date_to)

    @app.callback(
        Output(i.PERSON_DOSSIER, "hidden"),
        Input(i.PERSON_FILTER, "value"),
        prevent_initial_call=True,
    )
    def offer_person_dossier(people):
        return handlers.one_person(people) is None


def _register_view(app: Dash, data: DashboardData) -> None:
    # The first view is in the page as served (first_view.py): no initial call. The table's
    # rows come from their own callback, only once the table is open (lazy.py).
    @app.callback(
        *(Output(component, prop) for component, prop in VIEW_OUTPUTS),
        Output(*MAP_OUTPUT),
        *(Input(component, prop) for component, prop in CONTROLS),
        Input(i.ADDED_EVENTS, "data"),
        Input(i.LANE_PREVIOUS, "n_clicks"),
        Input(i.LANE_NEXT, "n_clicks"),
        Input(i.DATA_VERSION, "data"),
        Input(i.VIEW_WINDOW, "data"),
        State(i.LANE_PAGE, "data"),
        prevent_initial_call=True,
    )
    def show_view(*values):
        controls = values[: len(CONTROLS)]
        added, _previous, _next, _version, window, page = values[len(CONTROLS) :]
        trigger = ctx.triggered_id
        page = handlers.lane_page(trigger, page, i.LANE_PREVIOUS, i.LANE_NEXT, (i.VIEW_WINDOW,))
        # This session changed the store: its worker must show the change, whatever
        # process made it (read your own writes).
        fresh = trigger == i.DATA_VERSION
        view = handlers.view_for(data, added, controls, page, fresh, window, with_rows=False)
        return (*view_values(view), view.map_figure)

    @app.callback(
        Output(*MAP_OUTPUT, allow_duplicate=True),
        Input(i.FIRST_DRAWN, "data"),
        *(State(component, prop) for component, prop in CONTROLS),
        State(i.ADDED_EVENTS, "data"),
        prevent_initial_call=True,
    )
    def first_map(drawn, *values):
        if not drawn:
            return no_update
        return handlers.map_for(data, values[-1], values[: len(CONTROLS)])

    @app.callback(
        *DETAIL_OUTPUTS,
        *(Input(component, prop) for component, prop in CONTROLS[:5]),
        Input(i.ADDED_EVENTS, "data"),
        State(i.SELECTED_EVENT, "data"),
        State(i.LANE_ORDER, "value"),
        prevent_initial_call=True,
    )
    def empty_detail(*values):
        controls, added, event = (*values[:5], values[-1]), values[5], values[6]
        if not handlers.left_the_view(data, added, controls, event):
            return (no_update,) * len(DETAIL_OUTPUTS)
        return handlers.detail_children(None, None), True, True, None, form_values(True, None)

    @app.callback(
        Output(i.PERSON_FILTER, "options"),
        Output(i.TYPE_FILTER, "options"),
        Output(i.TYPE_SWATCHES, "children"),
        Output(i.TYPE_FILTER, "value", allow_duplicate=True),
        Output(i.DATE_FROM, "placeholder"),
        Output(i.DATE_TO, "placeholder"),
        Input(i.ADDED_EVENTS, "data"),
        Input(i.DATA_VERSION, "data"),
        State(i.TYPE_FILTER, "value"),
        State(i.TYPE_FILTER, "options"),
        prevent_initial_call=True,
    )
    def refresh_controls(added, _version, types, options):
        summary = data.table_and_summary(added, fresh=ctx.triggered_id == i.DATA_VERSION)[1]
        old_types = [option["value"] for option in options or []]
        new = handlers.refresh_controls(summary, types, old_types)
        return (
            new["people"],
            new["type_options"],
            new["swatches"],
            new["types"],
            new["from_placeholder"],
            new["to_placeholder"],
        )


def _register_detail(app: Dash, data: DashboardData, access: Access) -> None:
    @app.callback(
        Output(i.DETAIL_BODY, "children"),
        Output(i.ONLY_PERSON, "hidden"),
        Output(i.ONLY_PERSON, "children"),
        Output(i.DETAIL_DOSSIER, "hidden"),
        Output(i.SELECTED_EVENT, "data"),
        Output(i.TIMELINE, "figure", allow_duplicate=True),
        Output(i.FORM_VALUES, "data"),
        Input(i.TIMELINE, "clickData"),
        # The table's grid is in the page only once the table was opened (lazy.py).
        Input(i.EVENT_TABLE, "cellClicked", allow_optional=True),
        # A place on the map opens its latest event (its ring on the timeline: map_link.js).
        Input(i.MAP, "clickData"),
        State(i.ADDED_EVENTS, "data"),
        State(i.ADDED_TEXTS, "data"),
        prevent_initial_call=True,
    )
    def show_detail(click_data, cell, map_click, added, texts):
        if not handlers.reader_acted(ctx.triggered):
            raise PreventUpdate  # the grid has just come into the page: nothing was clicked
        trigger = ctx.triggered_id
        click = map_click if trigger == i.MAP else click_data
        event_id = handlers.clicked_event_id(click, cell, trigger, i.EVENT_TABLE)
        if handlers.is_badge(event_id):
            return (no_update,) * 7  # a badge zooms instead
        children, event = handlers.detail_for(data, event_id, added, texts)
        ring = handlers.selection_patch(click_data, trigger, i.TIMELINE) or no_update
        hidden = not data.writable or event is None or not access.editing().allowed
        form = form_values(hidden, event)
        if event is None:
            return children, True, no_update, True, None, no_update, form
        label = f"Show only {event['person']}" if event["person"] else "Show only unnamed events"
        return children, False, label, not event["person"], event, ring, form

    # Selecting on one view highlights on the other, in the page (assets/map_link.js).
    app.clientside_callback(
        ClientsideFunction("timelineMap", "ringPlace"),
        Output(i.MAP, "figure", allow_duplicate=True),
        Input(i.SELECTED_EVENT, "data"),
        State(i.MAP, "figure"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("timelineMap", "ringOnTimeline"),
        Output(i.TIMELINE, "figure", allow_duplicate=True),
        Input(i.MAP, "clickData"),
        State(i.TIMELINE, "figure"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(i.PERSON_FILTER, "value", allow_duplicate=True),
        Input(i.ONLY_PERSON, "n_clicks"),
        State(i.SELECTED_EVENT, "data"),
        prevent_initial_call=True,
    )
    def show_only_person(_clicks, event):
        return handlers.only_person(event) or no_update

    dossiers = {
        i.DOSSIER_HTML: "html",
        i.DOSSIER_MARKDOWN: "markdown",
        i.PERSON_DOSSIER_HTML: "html",
        i.PERSON_DOSSIER_MARKDOWN: "markdown",
    }

    @app.callback(
        Output(i.DOSSIER_DOWNLOAD, "data"),
        *(Input(button, "n_clicks") for button in dossiers),
        State(i.SELECTED_EVENT, "data"),
        State(i.PERSON_FILTER, "value"),
        State(i.ADDED_EVENTS, "data"),
        prevent_initial_call=True,
    )
    def download_dossier(_html, _markdown, _person_html, _person_markdown, event, people, added):
        trigger = ctx.triggered_id
        from_panel = trigger in (i.DOSSIER_HTML, i.DOSSIER_MARKDOWN)
        person = (event or {}).get("person") if from_panel else handlers.one_person(people)
        payload = handlers.dossier_download(data, added, person, dossiers.get(trigger, ""))
        return payload or no_update


def _register_export(app: Dash, data: DashboardData) -> None:
    formats = {
        i.EXPORT_CSV: "csv",
        i.EXPORT_JSON: "json",
        i.EXPORT_TIMELINEJS: "timelinejs",
        i.EXPORT_ACLED: "acled",
        i.EXPORT_GEOJSON: "geojson",
    }

    @app.callback(
        Output(i.DOWNLOAD, "data"),
        *(Input(button, "n_clicks") for button in formats),
        *(State(component, prop) for component, prop in CONTROLS),
        State(i.ADDED_EVENTS, "data"),
        prevent_initial_call=True,
    )
    def download(_csv, _json, _tjs, _acled, _geojson, *values):
        fmt = formats.get(ctx.triggered_id)
        if fmt is None:
            return no_update
        controls, added = values[: len(CONTROLS)], values[-1]
        return handlers.export_view(data, added, controls, fmt)
