"""The page, built by pure functions of a data summary (tested without a browser): the header,
the figure and the table, the detail panel; the sidebar's controls are built in controls.py."""

from __future__ import annotations

import dash_ag_grid as dag
from dash import dcc, html

from timeline.corpus.corrections import MAX_PERSON_CHARS
from timeline.dashboard import ids
from timeline.dashboard.access import SIGN_IN_PATH, Editing
from timeline.dashboard.controls import article_form, filter_section
from timeline.dashboard.detail import detail_children
from timeline.dashboard.figures import GRAPH_CONFIG
from timeline.dashboard.ingest import MAX_ARTICLE_BYTES
from timeline.dashboard.jobs import POLL_MS
from timeline.dashboard.map_section import places_section
from timeline.dashboard.summary import DataSummary
from timeline.dashboard.views import TABLE_COLUMNS

TITLE = "Timeline"
TAGLINE = "Who did what, and when, in the news: every point links back to its source sentence."


def build_layout(summary: DataSummary, editing: Editing | None = None) -> html.Div:
    """The whole page, as first served (the table's grid and the correction form come in
    later: lazy.py), with the forms this visitor may use and what the page says of it
    (``editing``, see ``access.py``)."""
    editing = editing or Editing(True)
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.ADDED_EVENTS, storage_type="memory", data=[]),
            dcc.Store(id=ids.ADDED_TEXTS, storage_type="memory", data={}),
            dcc.Store(id=ids.LANE_PAGE, storage_type="memory", data=0),
            dcc.Store(id=ids.SELECTED_EVENT, storage_type="memory", data=None),
            dcc.Store(id=ids.DATA_VERSION, storage_type="memory", data=0),
            dcc.Store(id=ids.VIEW_WINDOW, storage_type="memory", data=None),
            dcc.Store(id=ids.ADD_REQUEST, storage_type="memory"),
            dcc.Store(id=ids.UPLOAD_REQUEST, storage_type="memory"),
            dcc.Store(id=ids.ARTICLE_LIMIT, storage_type="memory", data=MAX_ARTICLE_BYTES),
            dcc.Store(id=ids.ADD_JOB, storage_type="memory", data=None),
            dcc.Interval(id=ids.ADD_POLL, interval=POLL_MS, disabled=True),
            dcc.Store(id=ids.TABLE_WANTED, storage_type="memory", data=False),
            dcc.Store(id=ids.FORM_VALUES, storage_type="memory", data=None),
            dcc.Store(id=ids.FIRST_DRAWN, storage_type="memory", data=False),
            dcc.Download(id=ids.DOWNLOAD),
            dcc.Download(id=ids.DOSSIER_DOWNLOAD),
            header(editing),
            notes_banner(summary.notes),
            html.Div(
                [
                    html.Aside(filter_section(summary), className="sidebar"),
                    main_column(),
                    detail_panel(),
                    table_section(),
                    html.Div(
                        [editing_note(editing), article_form(editing.allowed)],
                        className="add-column",
                        id="add-an-article",
                    ),
                ],
                className="page-grid",
            ),
        ],
        className="app",
    )


def header(editing: Editing | None = None) -> html.Header:
    """Title, one line on what this is, the shown/total count, and the way to add an
    article or to sign in (as this visitor may)."""
    editing = editing or Editing(True)
    if editing.allowed:
        side = [html.A("Add an article ↓", href="#add-an-article", className="header-link")]
    elif editing.sign_in:
        side = [html.A("Editor sign-in", href=SIGN_IN_PATH, className="header-link")]
    else:
        side = []
    return html.Header(
        [
            html.Div([html.H1(TITLE), html.P(TAGLINE, className="tagline")]),
            html.Div(
                [*side, html.Div(id=ids.EVENT_COUNT, className="event-count", role="status")],
                className="header-side",
            ),
        ],
        className="page-header",
    )


def editing_note(editing: Editing) -> html.Div:
    """What the page says about changing the timeline: read-only, sign in, or who is signed
    in (hidden in open mode)."""
    children: list = [html.Span(editing.note)]
    if editing.sign_in:
        children += [
            " ",
            html.A("Sign in", href=SIGN_IN_PATH, id=ids.SIGN_IN_LINK, className="header-link"),
        ]
    return html.Div(
        children,
        id=ids.EDITING_NOTE,
        className="panel editing-note",
        role="status",
        hidden=not editing.note,
    )


def notes_banner(notes: list[str]) -> html.Div:
    """Remarks from loading the data (hidden when there are none)."""
    return html.Div([html.P(note) for note in notes], className="notes-banner", hidden=not notes)


def main_column() -> html.Main:
    """What the chart shows and how to read it, the pager, and the chart."""
    return html.Main(
        [
            html.Div(
                [
                    html.P(id=ids.FIGURE_NOTE, className="figure-note", role="status"),
                    html.Button(
                        "Show all years",
                        id=ids.SHOW_ALL_YEARS,
                        n_clicks=0,
                        className="secondary show-all",
                        title="Every year with events in view, however the chart was zoomed",
                    ),
                ],
                className="chart-bar",
            ),
            precision_key(),
            html.Div(
                [
                    html.Button("‹ Previous lanes", id=ids.LANE_PREVIOUS, n_clicks=0),
                    html.Span(id=ids.LANE_PAGER_LABEL, className="pager-label"),
                    html.Button("Next lanes ›", id=ids.LANE_NEXT, n_clicks=0),
                ],
                id=ids.LANE_PAGER,
                className="pager",
                hidden=True,
            ),
            html.Div(
                [
                    html.Span(id=ids.EMPTY_MESSAGE),
                    html.Button(
                        "Clear all filters", id=ids.RESET_EMPTY, n_clicks=0, className="link-button"
                    ),
                ],
                id=ids.EMPTY_BOX,
                className="empty-message",
                role="status",
                hidden=True,
            ),
            dcc.Graph(
                id=ids.TIMELINE,
                config=GRAPH_CONFIG,
                className="timeline-graph",
                clear_on_unhover=True,
            ),
            places_section(),
        ],
        className="main-column",
    )


def precision_key() -> html.Div:
    """How to read the marks: a dot is an exact day, a bar a month or a year, a number in a
    circle a group of events too close to draw apart."""
    return html.Div(
        [
            html.Span([html.Span(className="key-dot"), "exact day"]),
            html.Span(
                [html.Span(className="key-bar"), "month or year only: the bar spans the period"]
            ),
            html.Span([html.Span("12", className="key-badge"), "events close together"]),
            html.Span(
                "Click a mark to read its source · drag to zoom · double-click for every year",
                className="key-hint",
            ),
        ],
        className="precision-key",
    )


def table_section() -> html.Section:
    """The events in view as a sortable, filterable table, and their downloads."""
    return html.Section(
        [
            html.Div(
                [
                    html.H2("Events in view"),
                    html.Div(
                        [
                            html.Span("Download:", className="download-label"),
                            html.Button("CSV", id=ids.EXPORT_CSV, n_clicks=0),
                            html.Button("JSON", id=ids.EXPORT_JSON, n_clicks=0),
                            html.Button("TimelineJS", id=ids.EXPORT_TIMELINEJS, n_clicks=0),
                            html.Button(
                                "ACLED",
                                id=ids.EXPORT_ACLED,
                                n_clicks=0,
                                title="ACLED's columns, for the events in view that have a place",
                            ),
                            html.Button(
                                "GeoJSON",
                                id=ids.EXPORT_GEOJSON,
                                n_clicks=0,
                                title="The events in view that have a point, for QGIS",
                            ),
                        ],
                        className="downloads",
                    ),
                ],
                className="table-header",
            ),
            html.P(id=ids.TABLE_NOTE, className="table-note"),
            table_slot(),
        ],
        className="panel table-section",
    )


def table_slot() -> html.Div:
    """Where the grid goes once the reader scrolls to it or asks for it (its script is
    loaded only then: assets/lazy_parts.js, lazy.py)."""
    return html.Div(
        html.Button("Show the table", id=ids.TABLE_SHOW, n_clicks=0, className="secondary"),
        id=ids.TABLE_SLOT,
        className="table-slot",
    )


#: Share of the table's width each column takes, and its least width in pixels: every
#: column fits at 1440 pixels, and the longest date ("30 September 2021") wraps rather than
#: being cut.
COLUMN_SIZES = {
    "when": (1.2, 118),
    "person": (1.2, 100),
    "event_type": (1.0, 96),
    "quote": (3.4, 190),
    "title": (1.6, 120),
    "published": (1.0, 98),
    "source_count": (0.8, 80),
    "edited": (0.7, 72),
    "confidence": (1.0, 110),
}


def event_table() -> dag.AgGrid:
    """The AG Grid of events; cells are plain text, never HTML."""
    column_defs = []
    for field_name, header_name in TABLE_COLUMNS:
        flex, least = COLUMN_SIZES[field_name]
        column: dict = {"field": field_name, "headerName": header_name}
        column.update({"flex": flex, "minWidth": least})
        if field_name == "when":
            column.update(
                {
                    "comparator": {"function": "dateOrder"},
                    "sort": "asc",
                    "wrapText": True,
                    "autoHeight": True,
                }
            )
        elif field_name in ("quote", "person", "event_type"):
            column.update({"wrapText": True, "autoHeight": True})
        elif field_name == "title":
            column.update(
                {
                    "tooltipField": "title",
                    "wrapText": True,
                    "autoHeight": True,
                    "cellClass": "source-cell",
                }
            )
        elif field_name == "confidence":
            column.update({"filter": "agNumberColumnFilter"})
        column_defs.append(column)
    return dag.AgGrid(
        id=ids.EVENT_TABLE,
        columnDefs=column_defs,
        rowData=[],
        # Filters stay in each column's menu; a filter button in every header would take
        # the room that keeps every column in sight.
        defaultColDef={
            "sortable": True,
            "filter": True,
            "resizable": True,
            "suppressHeaderFilterButton": True,
        },
        dashGridOptions={
            "rowHeight": 36,
            "pagination": True,
            "paginationPageSize": 25,
            "paginationPageSizeSelector": [25, 50, 100],
            "localeText": {"noRowsToShow": "No events in view"},
            "enableCellTextSelection": True,
            "domLayout": "autoHeight",
            "tooltipShowDelay": 300,
        },
        getRowId="params.data.event_id",
        className="ag-theme-quartz event-grid",
        style={"width": "100%"},
    )


def detail_panel() -> html.Aside:
    """The panel that shows one event against its source paragraph, and the slot its
    correction form comes into (lazy.py)."""
    return html.Aside(
        html.Div(
            [
                html.H2("Source"),
                html.Div(detail_children(None, None), id=ids.DETAIL_BODY),
                html.Button(
                    "Show only this person",
                    id=ids.ONLY_PERSON,
                    n_clicks=0,
                    hidden=True,
                    className="secondary",
                ),
                html.Div(
                    [
                        html.Span("Dossier:", className="download-label"),
                        html.Button("HTML", id=ids.DOSSIER_HTML, n_clicks=0),
                        html.Button("Markdown", id=ids.DOSSIER_MARKDOWN, n_clicks=0),
                    ],
                    id=ids.DETAIL_DOSSIER,
                    className="dossier-buttons",
                    hidden=True,
                ),
                # The correction form comes in when an event is first opened (lazy.py).
                html.Div(id=ids.CORRECTION_SLOT),
            ],
            id=ids.EVENT_DETAIL,
            className="panel detail",
            **{"aria-live": "polite"},
        ),
        className="detail-column",
    )


def correction_form(types: list[dict]) -> html.Details:
    """Correct the open event's person, type or date, hide it, or undo (hidden until an event
    is open)."""
    return html.Details(
        [
            html.Summary("Correct this event"),
            html.Label("Person", htmlFor=ids.CORRECT_PERSON, className="control-label"),
            dcc.Input(
                id=ids.CORRECT_PERSON,
                type="text",
                value="",
                maxLength=MAX_PERSON_CHARS,
                className="text-input",
            ),
            html.Label("Type", htmlFor=ids.CORRECT_TYPE, className="control-label"),
            dcc.Dropdown(id=ids.CORRECT_TYPE, options=types, value=None, clearable=False),
            html.Label("Date", htmlFor=ids.CORRECT_DATE, className="control-label"),
            dcc.Input(
                id=ids.CORRECT_DATE,
                type="text",
                value="",
                placeholder="YYYY-MM-DD, YYYY-MM or YYYY",
                maxLength=10,
                className="text-input",
            ),
            html.Div(
                [
                    html.Button("Save", id=ids.CORRECT_SAVE, n_clicks=0, className="primary"),
                    html.Button("Hide", id=ids.CORRECT_HIDE, n_clicks=0, className="secondary"),
                    html.Button("Undo", id=ids.CORRECT_UNDO, n_clicks=0, className="secondary"),
                ],
                className="correction-buttons",
            ),
            html.Div(id=ids.CORRECTION_STATUS, className="article-status", role="status"),
        ],
        id=ids.CORRECTION_FORM,
        className="correction-form",
        hidden=True,
        open=True,
    )
