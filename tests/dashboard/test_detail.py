"""The detail panel: the paragraph with the quote marked, facts, and only http links."""

from __future__ import annotations

from dash import html

from timeline.dashboard import ids
from timeline.dashboard.detail import PLACEHOLDER, detail_children, locate_quote, paragraph_around

from .conftest import ARTICLE, SAMPLE_ROWS


def flatten(component):
    """Every component and string under ``component``."""
    if isinstance(component, (list, tuple)):
        for child in component:
            yield from flatten(child)
        return
    yield component
    children = getattr(component, "children", None)
    if children is not None:
        yield from flatten(children)


def text_of(component) -> str:
    return "".join(item for item in flatten(component) if isinstance(item, str))


def test_paragraph_around_marks_the_quote():
    quote = "Jane Doe was sent to the north."
    start = ARTICLE.index(quote)
    before, marked, after = paragraph_around(ARTICLE, start, start + len(quote))
    assert (before, marked, after) == ("In June, ", quote, " She stayed there for weeks.")


def test_long_paragraphs_are_cut_around_the_quote():
    text = "a " * 2000 + "THE QUOTE" + " b" * 2000
    start = text.index("THE QUOTE")
    before, marked, after = paragraph_around(text, start, start + 9, limit=109)
    assert marked == "THE QUOTE"
    assert before.startswith("…") and after.endswith("…")
    assert len(before) + len(after) <= 110


def test_locate_quote_falls_back_to_searching():
    assert locate_quote("abc quote def", "quote", 4, 9) == (4, 9)
    assert locate_quote("abc quote def", "quote", 0, 3) == (4, 9)
    assert locate_quote("abc", "missing", 0, 3) is None


def test_detail_shows_paragraph_facts_and_link():
    event = dict(SAMPLE_ROWS[0])
    children = detail_children(event, ARTICLE, "#123456")
    marks = [c for c in flatten(children) if isinstance(c, html.Mark)]
    assert [m.children for m in marks] == ["In June, Jane Doe was sent to the north."]
    text = text_of(children)
    for expected in ("June 2021", "Jane Doe", "“In June”", "month", "0.90", "Deployment"):
        assert expected in text
    links = [c for c in flatten(children) if isinstance(c, html.A)]
    assert links[0].href == "https://example.org/soldiers" and links[0].id == ids.SOURCE_LINK
    assert links[0].rel == "noopener noreferrer"


def test_detail_never_links_other_schemes_and_keeps_text_as_text():
    event = dict(SAMPLE_ROWS[3], url="javascript:alert(1)", title="<b>Bold</b>")
    children = detail_children(event, None)
    assert not [c for c in flatten(children) if isinstance(c, html.A)]
    text = text_of(children)
    assert "<b>Bold</b>" in text  # React renders it as text
    assert '<img src=x onerror="window.__xss=1">' in text
    assert "No named person" in text


def test_placeholder():
    assert text_of(detail_children(None, None)) == PLACEHOLDER
