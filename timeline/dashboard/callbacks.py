"""Every callback of the app, registered in one place; each body calls ``handlers`` (reading)
or ``edits`` (adding articles, corrections)."""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State, ctx, no_update

from timeline.dashboard import edits, handlers
from timeline.dashboard import ids as i
from timeline.dashboard.controls import date_label
from timeline.dashboard.data import DashboardData

#: What opening an event sets in the correction form: hidden, person, type, date, status
#: (through ``FORM_VALUES``: the form is put into the page only when first needed, lazy.py).
CORRECTION_FORM_FIELDS = ("hidden", "person", "event_type", "date", "status")

CONTROLS = (
    (i.PERSON_FILTER, "value"),
    (i.TYPE_FILTER, "value"),
    (i.DATE_FILTER, "value"),
    (i.TEXT_FILTER, "value"),
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


def register_callbacks(app: Dash, data: DashboardData) -> None:
    """Wire the page's components to the handlers, for one app and its data."""
    _register_filters(app)
    _register_view(app, data)
    _register_detail(app, data)
    _register_articles(app, data)
    _register_export(app, data)
    _register_corrections(app, data)


def _register_filters(app: Dash) -> None:
    @app.callback(
        Output(i.URL, "search"),
        *(Output(component, prop) for component, prop in CONTROLS),
        Input(i.URL, "search"),
        *(Input(component, prop) for component, prop in CONTROLS),
        Input(i.RESET_FILTERS, "n_clicks"),
        Input(i.RESET_EMPTY, "n_clicks"),
        State(i.TYPE_FILTER, "options"),
        State(i.DATE_FILTER, "min"),
        State(i.DATE_FILTER, "max"),
    )
    def sync_url_and_filters(search, people, types, months, text, _r1, _r2, options, low, high):
        all_types = [option["value"] for option in options or []]
        return handlers.sync_controls(
            ctx.triggered_id,
            search,
            (people, types, months, text),
            all_types,
            (low, high),
            url_id=i.URL,
            reset_ids=(i.RESET_FILTERS, i.RESET_EMPTY),
        )

    @app.callback(Output(i.DATE_LABEL, "children"), Input(i.DATE_FILTER, "value"))
    def show_date_range(months):
        return date_label(months)


def _register_view(app: Dash, data: DashboardData) -> None:
    # The first view is in the page as served (first_view.py): no initial call. The table's
    # rows come from their own callback, only once the table is open (lazy.py).
    @app.callback(
        *(Output(component, prop) for component, prop in VIEW_OUTPUTS),
        *(Input(component, prop) for component, prop in CONTROLS),
        Input(i.ADDED_EVENTS, "data"),
        Input(i.LANE_PREVIOUS, "n_clicks"),
        Input(i.LANE_NEXT, "n_clicks"),
        Input(i.DATA_VERSION, "data"),
        State(i.LANE_PAGE, "data"),
        prevent_initial_call=True,
    )
    def show_view(people, types, months, text, added, _previous, _next, _version, page):
        page = handlers.lane_page(ctx.triggered_id, page, i.LANE_PREVIOUS, i.LANE_NEXT)
        # This session changed the store: its worker must show the change, whatever
        # process made it (read your own writes).
        fresh = ctx.triggered_id == i.DATA_VERSION
        controls = (people, types, months, text)
        return view_values(handlers.view_for(data, added, controls, page, fresh, with_rows=False))

    @app.callback(
        Output(i.PERSON_FILTER, "options"),
        Output(i.TYPE_FILTER, "options"),
        Output(i.TYPE_SWATCHES, "children"),
        Output(i.TYPE_FILTER, "value", allow_duplicate=True),
        Output(i.DATE_FILTER, "min"),
        Output(i.DATE_FILTER, "max"),
        Output(i.DATE_FILTER, "marks"),
        Output(i.DATE_FILTER, "value", allow_duplicate=True),
        Input(i.ADDED_EVENTS, "data"),
        Input(i.DATA_VERSION, "data"),
        State(i.TYPE_FILTER, "value"),
        State(i.TYPE_FILTER, "options"),
        State(i.DATE_FILTER, "value"),
        State(i.DATE_FILTER, "min"),
        State(i.DATE_FILTER, "max"),
        prevent_initial_call=True,
    )
    def refresh_controls(added, _version, types, options, months, low, high):
        summary = data.table_and_summary(added, fresh=ctx.triggered_id == i.DATA_VERSION)[1]
        old_types = [option["value"] for option in options or []]
        new = handlers.refresh_controls(summary, types, old_types, months, (low, high))
        return (
            new["people"],
            new["type_options"],
            new["swatches"],
            new["types"],
            new["min"],
            new["max"],
            new["marks"],
            new["months"],
        )


def _register_detail(app: Dash, data: DashboardData) -> None:
    @app.callback(
        Output(i.DETAIL_BODY, "children"),
        Output(i.ONLY_PERSON, "hidden"),
        Output(i.ONLY_PERSON, "children"),
        Output(i.SELECTED_EVENT, "data"),
        Output(i.TIMELINE, "figure", allow_duplicate=True),
        Output(i.FORM_VALUES, "data"),
        Input(i.TIMELINE, "clickData"),
        # The table's grid is in the page only once the table was opened (lazy.py).
        Input(i.EVENT_TABLE, "cellClicked", allow_optional=True),
        State(i.ADDED_EVENTS, "data"),
        State(i.ADDED_TEXTS, "data"),
        prevent_initial_call=True,
    )
    def show_detail(click_data, cell, added, texts):
        event_id = handlers.clicked_event_id(click_data, cell, ctx.triggered_id, i.EVENT_TABLE)
        children, event = handlers.detail_for(data, event_id, added, texts)
        ring = handlers.selection_patch(click_data, ctx.triggered_id, i.TIMELINE) or no_update
        values = (not data.writable or event is None, *edits.correction_form(event), "")
        form = dict(zip(CORRECTION_FORM_FIELDS, values, strict=True))
        if event is None:
            return children, True, no_update, None, no_update, form
        label = f"Show only {event['person']}" if event["person"] else "Show only unnamed events"
        return children, False, label, event, ring, form

    @app.callback(
        Output(i.PERSON_FILTER, "value", allow_duplicate=True),
        Input(i.ONLY_PERSON, "n_clicks"),
        State(i.SELECTED_EVENT, "data"),
        prevent_initial_call=True,
    )
    def show_only_person(_clicks, event):
        return handlers.only_person(event) or no_update


def _register_articles(app: Dash, data: DashboardData) -> None:
    # Size checks in the browser (assets/article_guard.js): text over the limit never
    # leaves the page, and the form says why.
    app.clientside_callback(
        ClientsideFunction("articleGuard", "checkPaste"),
        Output(i.ADD_REQUEST, "data"),
        Output(i.ARTICLE_STATUS, "children", allow_duplicate=True),
        Output(i.ARTICLE_STATUS, "className", allow_duplicate=True),
        Input(i.ADD_ARTICLE, "n_clicks"),
        State(i.ARTICLE_TEXT, "value"),
        State(i.ARTICLE_LIMIT, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("articleGuard", "checkUpload"),
        Output(i.UPLOAD_REQUEST, "data"),
        Output(i.ARTICLE_STATUS, "children", allow_duplicate=True),
        Output(i.ARTICLE_STATUS, "className", allow_duplicate=True),
        Input(i.ARTICLE_UPLOAD, "contents"),
        State(i.ARTICLE_UPLOAD, "filename"),
        State(i.ARTICLE_LIMIT, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(i.ADDED_EVENTS, "data"),
        Output(i.ADDED_TEXTS, "data"),
        Output(i.ARTICLE_STATUS, "children"),
        Output(i.ARTICLE_STATUS, "className"),
        Output(i.DATA_VERSION, "data", allow_duplicate=True),
        Input(i.ADD_REQUEST, "data"),
        State(i.ARTICLE_TEXT, "value"),
        State(i.ARTICLE_PUBLISHED, "value"),
        State(i.ARTICLE_TITLE, "value"),
        State(i.ARTICLE_URL, "value"),
        State(i.ADDED_EVENTS, "data"),
        State(i.DATA_VERSION, "data"),
        running=[(Output(i.ADD_ARTICLE, "disabled"), True, False)],
        prevent_initial_call=True,
    )
    def add_article(_clicks, text, published, title, url, added, version):
        result = edits.add_article(data, text, published, title, url, added)
        status = "article-status ok" if result.ok else "article-status error"
        if not result.ok:
            return no_update, no_update, result.message, status, no_update
        if result.stored:
            return no_update, no_update, result.message, status, (version or 0) + 1
        return result.added, result.texts, result.message, status, no_update

    @app.callback(
        Output(i.ARTICLE_TEXT, "value"),
        Output(i.ARTICLE_STATUS, "children", allow_duplicate=True),
        Output(i.ARTICLE_STATUS, "className", allow_duplicate=True),
        Input(i.UPLOAD_REQUEST, "data"),
        prevent_initial_call=True,
    )
    def load_upload(upload):
        upload = upload if isinstance(upload, dict) else {}
        text, message, ok = edits.read_upload(upload.get("contents"), upload.get("filename"))
        status = "article-status ok" if ok else "article-status error"
        return (text if ok else no_update), message, status


def _register_export(app: Dash, data: DashboardData) -> None:
    formats = {i.EXPORT_CSV: "csv", i.EXPORT_JSON: "json", i.EXPORT_TIMELINEJS: "timelinejs"}

    @app.callback(
        Output(i.DOWNLOAD, "data"),
        *(Input(button, "n_clicks") for button in formats),
        *(State(component, prop) for component, prop in CONTROLS),
        State(i.ADDED_EVENTS, "data"),
        prevent_initial_call=True,
    )
    def download(_csv, _json, _tjs, people, types, months, text, added):
        fmt = formats.get(ctx.triggered_id)
        if fmt is None:
            return no_update
        return handlers.export_view(data, added, (people, types, months, text), fmt)


def _register_corrections(app: Dash, data: DashboardData) -> None:
    actions = {
        i.CORRECT_SAVE: edits.SAVE,
        i.CORRECT_HIDE: edits.HIDE,
        i.CORRECT_UNDO: edits.UNDO,
    }

    @app.callback(
        Output(i.CORRECTION_STATUS, "children", allow_duplicate=True),
        Output(i.CORRECTION_STATUS, "className"),
        Output(i.DETAIL_BODY, "children", allow_duplicate=True),
        Output(i.SELECTED_EVENT, "data", allow_duplicate=True),
        Output(i.DATA_VERSION, "data", allow_duplicate=True),
        *(Input(button, "n_clicks") for button in actions),
        State(i.SELECTED_EVENT, "data"),
        State(i.CORRECT_PERSON, "value"),
        State(i.CORRECT_TYPE, "value"),
        State(i.CORRECT_DATE, "value"),
        State(i.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    def correct(_save, _hide, _undo, event, person, kind, date, version):
        action = actions.get(ctx.triggered_id)
        result = edits.correct_event(data, action or "", event, person, kind, date)
        status = "article-status ok" if result.ok else "article-status error"
        if not result.ok:
            return result.message, status, no_update, no_update, no_update
        children, shown = handlers.detail_of(data, result.event)
        # A hidden event stays selected, so that Undo can bring it back.
        return result.message, status, children, shown or event, (version or 0) + 1
