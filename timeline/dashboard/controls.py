"""The sidebar: the filter controls (people, types, dates, text) and the form that adds an
article, with the options and marks that callbacks recompute when the data changes."""

from __future__ import annotations

import math

from dash import dcc, html

from timeline.dashboard import ids
from timeline.dashboard.ingest import MAX_ARTICLE_BYTES
from timeline.dashboard.labels import type_label
from timeline.dashboard.months import month_index, month_label
from timeline.dashboard.summary import DataSummary


def sidebar(summary: DataSummary) -> html.Aside:
    """Filters, then the form that adds an article."""
    return html.Aside([filter_section(summary), article_form()], className="sidebar")


def filter_section(summary: DataSummary) -> html.Section:
    """Person, type, date and text filters, and a reset button."""
    low, high = summary.bounds
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
            html.Label("Event types", className="control-label"),
            html.Div(
                [
                    html.Div(
                        type_swatches(summary.types, summary.colours),
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
            html.Label("Dates", className="control-label"),
            dcc.RangeSlider(
                id=ids.DATE_FILTER,
                min=low,
                max=high,
                step=1,
                value=[low, high],
                marks=year_marks(low, high),
                allowCross=False,
                allow_direct_input=False,
                updatemode="mouseup",
                className="date-slider",
            ),
            html.Div(date_label([low, high]), id=ids.DATE_LABEL, className="date-label"),
            html.Label("Search the quotes", htmlFor=ids.TEXT_FILTER, className="control-label"),
            dcc.Input(
                id=ids.TEXT_FILTER,
                type="search",
                value="",
                placeholder="e.g. prison",
                debounce=0.4,
                className="text-input",
            ),
            html.Button(
                "Clear all filters", id=ids.RESET_FILTERS, n_clicks=0, className="link-button"
            ),
        ],
        className="panel filters",
    )


def type_options(types: list[str]) -> list[dict]:
    """Checklist options for event types (plain-text labels: Dash 4.4 fails to re-render
    options whose labels are components when a callback replaces them)."""
    return [{"label": type_label(kind), "value": kind} for kind in types]


def type_swatches(types: list[str], colours: dict[str, str]) -> list[html.Span]:
    """One colour swatch per type, in the checklist's order, drawn beside it as its legend."""
    return [
        html.Span(className="swatch", style={"backgroundColor": colours.get(kind)})
        for kind in types
    ]


def year_marks(low: int, high: int) -> dict[int, str]:
    """Slider marks at the first month of every year, or every few years over long spans."""
    first_year, last_year = low // 12, high // 12
    years = last_year - first_year + 1
    stride = max(1, math.ceil(years / 6))
    marks = {}
    for year in range(first_year, last_year + 1, stride):
        position = max(low, month_index(f"{year:04d}-01"))
        marks[position] = str(year)
    return marks


def date_label(months: list[int] | None) -> str:
    """The slider's range in words."""
    if not months or len(months) != 2:
        return ""
    first, last = sorted(months)
    return month_label(first) if first == last else f"{month_label(first)} – {month_label(last)}"


def article_form() -> html.Section:
    """Paste or upload an article, give its date, add it."""
    limit = f"{MAX_ARTICLE_BYTES / 1_000_000:.0f} MB"
    return html.Section(
        [
            html.H2("Add an article"),
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
            html.Div(
                [
                    html.Label(
                        "Published", htmlFor=ids.ARTICLE_PUBLISHED, className="control-label"
                    ),
                    dcc.Input(
                        id=ids.ARTICLE_PUBLISHED,
                        type="text",
                        value="",
                        placeholder="YYYY-MM-DD",
                        pattern=r"\d{4}-\d{2}-\d{2}",
                        className="text-input",
                    ),
                ],
                className="field",
            ),
            html.Label("Title (optional)", htmlFor=ids.ARTICLE_TITLE, className="control-label"),
            dcc.Input(id=ids.ARTICLE_TITLE, type="text", value="", className="text-input"),
            html.Label("Link (optional)", htmlFor=ids.ARTICLE_URL, className="control-label"),
            dcc.Input(
                id=ids.ARTICLE_URL,
                type="url",
                value="",
                placeholder="https://…",
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
        className="panel article-form",
    )
