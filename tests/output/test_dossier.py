"""A person's dossier: events in date order with their sources, escaped for HTML and for
Markdown, links only for http(s)."""

from __future__ import annotations

import datetime as dt
import html
import re

from timeline.output.dossier import (
    dossier_filename,
    dossier_html,
    dossier_markdown,
    markdown_text,
    markdown_url,
)

HOSTILE = (
    '<img src=x onerror="alert(1)"> *bold* [x](javascript:alert(2)) & <script>alert(3)</script>'
)
TODAY = dt.date(2024, 1, 2)


def event(**fields) -> dict:
    row = {
        "doc_id": "d1",
        "event_id": "e1",
        "person": "Jane Doe",
        "event_type": "defection",
        "date": "2021-10-07",
        "granularity": "day",
        "date_start": "2021-10-07",
        "date_end": "2021-10-07",
        "quote": "On 7 October, Jane Doe left her base.",
        "start": 0,
        "title": "Soldiers leave",
        "url": "https://example.org/a",
        "published": "2021-11-21",
    }
    row.update(fields)
    return row


EVENTS = [
    event(),
    event(
        event_id="e0",
        event_type="deployment",
        date="2021-06",
        granularity="month",
        date_start="2021-06-01",
        date_end="2021-06-30",
        quote=HOSTILE,
        title="<b>Bold</b> title",
        url="javascript:alert(4)",
        edited=True,
    ),
    event(
        event_id="e2",
        event_type="arrest",
        date="2021-11",
        granularity="month",
        date_start="2021-11-01",
        date_end="2021-11-30",
        source_count=2,
        conflict=True,
        conflict_dates=["2021-11-02", "2021-11-05"],
        sources=[
            {
                "title": "First",
                "url": "https://example.org/(1)",
                "published": "2021-11-03",
                "quote": "Arrested on 2 November.",
            },
            {"title": "Second", "url": "", "published": "", "quote": "Held from 5 November."},
        ],
    ),
]


def test_html_lists_events_in_date_order_with_their_sources():
    page = dossier_html("Jane Doe", EVENTS, TODAY)
    assert page.startswith("<!DOCTYPE html>") and "<h1>Timeline of Jane Doe</h1>" in page
    assert "3 events, in date order. Made on 2024-01-02" in page
    whens = ("June 2021", "7 October 2021", "November 2021")
    order = [page.index(f'<span class="when">{when}</span>') for when in whens]
    assert order == sorted(order)
    assert "month only" in page and "exact day" in page
    assert "Deployment" in page and "Arrest" in page
    assert "The sources disagree on the date: 2 November 2021 and 5 November 2021." in page
    assert "Corrected by hand (edited)." in page
    assert '<a href="https://example.org/a" rel="noopener noreferrer">Soldiers leave</a>' in page
    assert "published 21 November 2021" in page
    assert "2 sources:" in page and "“Held from 5 November.”" in page
    assert "@media print" in page and "<script" not in page


def test_html_escapes_every_document_string():
    page = dossier_html('<b onmouseover="x()">Eve</b>', EVENTS, TODAY)
    assert "<img" not in page and "<b>" not in page and "<b onmouseover" not in page
    assert html.escape(HOSTILE, quote=True) in page
    assert "&lt;b&gt;Bold&lt;/b&gt; title" in page
    assert "javascript:" not in page.replace(html.escape(HOSTILE, quote=True), "")
    # Nothing is fetched or run when the file is opened.
    assert "default-src 'none'" in page


def test_markdown_makes_document_text_inert():
    text = dossier_markdown("Jane Doe", EVENTS, TODAY)
    assert text.startswith("# Timeline of Jane Doe\n")
    assert "## June 2021: Deployment (month only)" in text
    assert "<img" not in text and "<script" not in text and "<b>" not in text
    assert "&lt;img src=x" in text and r"\*bold\*" in text and r"\[x\]\(javascript" in text
    assert "](javascript" not in text
    assert "- [Soldiers leave](https://example.org/a), published 21 November 2021" in text
    assert "[First](https://example.org/%281%29)" in text
    assert "**The sources disagree on the date: 2 November 2021 and 5 November 2021\\.**" in text


def test_markdown_helpers():
    assert markdown_text("a <b> & *c*\nd") == r"a &lt;b&gt; &amp; \*c\* d"
    assert markdown_url("javascript:alert(1)") == ""
    assert markdown_url("https://e.org/a b") == ""
    assert markdown_url("https://e.org/a(b)") == "https://e.org/a%28b%29"


def test_filenames():
    assert dossier_filename("Jane Doe", ".html") == "timeline-jane-doe.html"
    assert dossier_filename("Þóra / <Müller>", ".md") == "timeline-ra-m-ller.md"
    assert re.fullmatch(r"timeline-[a-z0-9-]+\.md", dossier_filename("***", ".md"))
