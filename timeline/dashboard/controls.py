"""The sidebar: the filter controls (people, types, dates, text, lane order) and the form that
adds an article, with the options that callbacks recompute when the data changes."""

from __future__ import annotations

from dash import dcc, html

from timeline.dashboard import ids
from timeline.dashboard.filters import DEFAULT_ORDER, LANE_ORDERS
from timeline.dashboard.ingest import MAX_ARTICLE_BYTES
from timeline.dashboard.labels import type_label
from timeline.dashboard.months import DATE_FORMS
from timeline.dashboard.palette import OTHER_COLOUR, TypeStyle
from timeline.dashboard.summary import DataSummary
from timeline.text.checks import FIELD_LIMITS


def filter_section(summary: DataSummary) -> html.Section:
    """Person, type, date and text filters, the lane order, and a reset button."""
    return html.Section(
        [
            html.H2("Filter"),
            html.Label("People", htmlFor=ids.PERSON_FILTER, className="control-label"),
            dcc.Dropdown(
                id=ids.PERSON_FILTER,
                options=summary.people,
                value=[],
                multi=True,
                searchable=True,
                closeOnSelect=True,
                placeholder="Everyone — type a name",
                maxHeight=320,
                search_order="original",
            ),
            person_dossier(),
            html.Label("Event types", className="control-label"),
            html.Div(
                [
                    html.Div(
                        type_swatches(summary.types, summary.styles),
                        id=ids.TYPE_SWATCHES,
                        className="type-swatches",
                        **{"aria-hidden": "true"},
                    ),
                    dcc.Checklist(
                        id=ids.TYPE_FILTER,
                        options=type_options(summary.types),
                        value=list(summary.types),
                        className="type-checklist",
                        labelClassName="type-option",
                    ),
                ],
                className="type-filter-row",
            ),
            date_inputs(summary.bounds),
            html.Label("Search the quotes", htmlFor=ids.TEXT_FILTER, className="control-label"),
            dcc.Input(
                id=ids.TEXT_FILTER,
                type="search",
                value="",
                placeholder="e.g. prison",
                debounce=0.4,
                className="text-input",
            ),
            html.Label("Order the lanes by", className="control-label"),
            dcc.RadioItems(
                id=ids.LANE_ORDER,
                options=[{"label": label, "value": key} for key, label in LANE_ORDERS.items()],
                value=DEFAULT_ORDER,
                inline=True,
                className="lane-order",
                labelClassName="lane-order-option",
            ),
            html.Button(
                "Clear all filters", id=ids.CLEAR_FILTERS, n_clicks=0, className="secondary"
            ),
        ],
        className="panel filters",
    )


def date_inputs(bounds: tuple[int, int]) -> html.Div:
    """From and to dates, typed as a year, a month or a day; wrong ones are named below."""
    first_year, last_year = date_placeholders(bounds)
    return html.Div(
        [
            html.Div(
                [
                    html.Label("From", htmlFor=ids.DATE_FROM, className="control-label"),
                    dcc.Input(
                        id=ids.DATE_FROM,
                        type="text",
                        value="",
                        placeholder=first_year,
                        debounce=0.6,
                        className="text-input",
                        autoComplete="off",
                    ),
                ],
                className="date-field",
            ),
            html.Div(
                [
                    html.Label("To", htmlFor=ids.DATE_TO, className="control-label"),
                    dcc.Input(
                        id=ids.DATE_TO,
                        type="text",
                        value="",
                        placeholder=last_year,
                        debounce=0.6,
                        className="text-input",
                        autoComplete="off",
                    ),
                ],
                className="date-field",
            ),
            html.P(
                f"A year, a month or a day: {DATE_FORMS}. Events whose period overlaps the "
                "range are kept.",
                className="date-hint",
            ),
            html.P(id=ids.DATE_ERROR, className="date-error", role="alert"),
        ],
        className="date-inputs",
    )


def date_placeholders(bounds: tuple[int, int]) -> tuple[str, str]:
    """The first and last year of the events, shown in the empty date inputs."""
    low, high = bounds
    return f"e.g. {low // 12}", f"e.g. {high // 12}"


def person_dossier() -> html.Div:
    """Download the chosen person's dossier (shown when exactly one person is chosen)."""
    return html.Div(
        [
            html.Span("Dossier:", className="download-label"),
            html.Button("HTML", id=ids.PERSON_DOSSIER_HTML, n_clicks=0),
            html.Button("Markdown", id=ids.PERSON_DOSSIER_MARKDOWN, n_clicks=0),
        ],
        id=ids.PERSON_DOSSIER,
        className="dossier-buttons",
        hidden=True,
    )


def type_options(types: list[str]) -> list[dict]:
    """Checklist options for event types (plain-text labels: Dash 4.4 fails to re-render
    options whose labels are components when a callback replaces them)."""
    return [{"label": type_label(kind), "value": kind} for kind in types]


def type_swatches(types: list[str], styles: dict[str, TypeStyle]) -> list[html.Span]:
    """One swatch per type, in the checklist's order, drawn beside it as its legend: the
    type's colour in the shape of its markers."""
    swatches = []
    for kind in types:
        style = styles.get(kind, TypeStyle(OTHER_COLOUR))
        swatches.append(
            html.Span(
                className=f"swatch shape-{style.shape}",
                style={"backgroundColor": style.colour, "color": style.colour},
            )
        )
    return swatches


def article_form(allowed: bool = True) -> html.Section:
    """Paste or upload an article on the left; give its date and source, and add it, on the
    right (hidden when this visitor may not add: see ``access.py``). Each field is held to
    its limit in the browser too (``maxLength``); the server checks again."""
    limit = f"{MAX_ARTICLE_BYTES / 1_000_000:.0f} MB"
    text = html.Div(
        [
            html.Label("Article text", htmlFor=ids.ARTICLE_TEXT, className="control-label"),
            dcc.Textarea(
                id=ids.ARTICLE_TEXT,
                value="",
                placeholder="Paste the article here…",
                className="article-text",
            ),
            dcc.Upload(
                id=ids.ARTICLE_UPLOAD,
                children=html.Span(["or ", html.U("upload a .txt file"), f" (up to {limit})"]),
                accept=".txt,text/plain",
                multiple=False,
                className="upload",
            ),
        ],
        className="article-text-column",
    )
    fields = html.Div(
        [
            html.Label("Published", htmlFor=ids.ARTICLE_PUBLISHED, className="control-label"),
            dcc.Input(
                id=ids.ARTICLE_PUBLISHED,
                type="text",
                value="",
                placeholder="YYYY-MM-DD",
                pattern=r"\d{4}-\d{2}-\d{2}",
                maxLength=10,
                className="text-input",
            ),
            html.Label("Title (optional)", htmlFor=ids.ARTICLE_TITLE, className="control-label"),
            dcc.Input(
                id=ids.ARTICLE_TITLE,
                type="text",
                value="",
                maxLength=FIELD_LIMITS["title"],
                className="text-input",
            ),
            html.Label("Link (optional)", htmlFor=ids.ARTICLE_URL, className="control-label"),
            dcc.Input(
                id=ids.ARTICLE_URL,
                type="url",
                value="",
                placeholder="https://…",
                maxLength=FIELD_LIMITS["url"],
                className="text-input",
            ),
            html.Button("Add to timeline", id=ids.ADD_ARTICLE, n_clicks=0, className="primary"),
            dcc.Loading(
                html.Div(id=ids.ARTICLE_STATUS, className="article-status", role="status"),
                type="dot",
                color="#4e79a7",
                delay_show=150,
            ),
        ],
        className="article-fields",
    )
    return html.Section(
        [
            html.H2("Add an article"),
            html.P(
                "Its events are merged at once with those already on the timeline: an article "
                "about a known happening joins it.",
                className="form-hint",
            ),
            html.Div([text, fields], className="article-columns"),
        ],
        className="panel article-form",
        id=ids.ARTICLE_FORM,
        hidden=not allowed,
    )
