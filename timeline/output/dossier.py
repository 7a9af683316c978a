"""A person's dossier: their events in date order, each with its sources, as a
self-contained HTML page (printable, no scripts, nothing fetched) or as Markdown.

Every string in it came from a document, so every one is escaped for where it goes: HTML
text and attributes, or Markdown (where inline HTML would otherwise render). A source is a
link only when its URL is an absolute http(s) one.

An event is a dict with the event columns, plus what the dashboard draws with
(``source_count``, ``sources``, ``conflict``, ``conflict_dates``, ``edited``) when it has
it; an event told by one source needs no ``sources`` list.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Sequence

from timeline.output.export import display_date, http_url
from timeline.output.schema import SOURCE_FIELDS

#: What the dossier calls events with no named person.
NO_PERSON_LABEL = "No named person"

DOSSIER_CSS = """
body { font-family: Georgia, "Times New Roman", serif; color: #1f2328; max-width: 46em;
  margin: 2em auto; padding: 0 1em; line-height: 1.5; }
h1 { font-family: Arial, sans-serif; margin-bottom: 0.2em; }
.generated { color: #5f6670; font-size: 0.9em; margin-top: 0; }
ol.events { list-style: none; padding: 0; }
li.event { border-top: 1px solid #dfe3e8; padding: 0.8em 0; break-inside: avoid; }
.when { font-family: Arial, sans-serif; font-weight: bold; }
.type { font-family: Arial, sans-serif; font-size: 0.85em; border: 1px solid #8a8f98;
  border-radius: 999px; padding: 0 0.6em; margin-left: 0.5em; }
.precision { color: #5f6670; font-size: 0.85em; margin-left: 0.5em; }
blockquote { margin: 0.4em 0 0.4em 0; padding-left: 0.8em; border-left: 3px solid #c9ced6; }
.flag { font-family: Arial, sans-serif; font-size: 0.85em; font-weight: bold; }
.conflict { color: #b3261e; }
.edited { color: #7a5200; }
ul.sources { font-size: 0.9em; margin: 0.3em 0 0 0; }
a { color: #2f5d8a; }
@media print {
  body { margin: 0; max-width: none; }
  a { color: inherit; }
  a[href]::after { content: " <" attr(href) ">"; font-size: 0.8em; color: #5f6670; }
}
"""

PRECISION = {
    "day": "exact day",
    "month": "month only",
    "year": "year only",
}


def type_words(kind: object) -> str:
    """An event type as readers see it (``forced_labour`` -> ``Forced labour``)."""
    text = str(kind or "other").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def ordered(events: Iterable[dict]) -> list[dict]:
    """Events in date order (first day, then source order)."""
    return sorted(
        events,
        key=lambda e: (
            str(e.get("date_start") or ""),
            str(e.get("doc_id") or ""),
            _int(e.get("start")),
        ),
    )


def event_sources(event: dict) -> list[dict]:
    """Every source of an event: its ``sources`` when it has several, else its own fields."""
    sources = event.get("sources")
    if sources is not None and len(sources) > 0:
        return [dict(source) for source in sources]
    return [{name: event.get(name) for name in SOURCE_FIELDS}]


# ---------------------------------------------------------------------------- HTML


def dossier_html(person: str, events: Sequence[dict], today: dt.date | None = None) -> str:
    """The dossier as one HTML page with its own style sheet."""
    name = person or NO_PERSON_LABEL
    stamp = (today or dt.date.today()).isoformat()
    items = "\n".join(_html_event(event) for event in ordered(events))
    count = f"{len(events)} event" + ("" if len(events) == 1 else "s")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        # Opened from a disk, the page still runs nothing and fetches nothing.
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>Timeline of {_h(name)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<style>{DOSSIER_CSS}</style>\n</head>\n<body>\n"
        f"<h1>Timeline of {_h(name)}</h1>\n"
        f'<p class="generated">{count}, in date order. Made on {stamp} from the articles on '
        "the timeline; each date is given only as precisely as its source gives it.</p>\n"
        f'<ol class="events">\n{items}\n</ol>\n</body>\n</html>\n'
    )


def _html_event(event: dict) -> str:
    granularity = str(event.get("granularity") or "")
    when = display_date(str(event.get("date") or ""), granularity)
    parts = [
        f'<li class="event"><div><span class="when">{_h(when)}</span>'
        f'<span class="type">{_h(type_words(event.get("event_type")))}</span>'
        f'<span class="precision">{_h(PRECISION.get(granularity, granularity))}</span></div>'
    ]
    conflict = conflict_dates(event)
    if conflict:
        shown = " and ".join(_h(date) for date in conflict)
        parts.append(f'<p class="flag conflict">The sources disagree on the date: {shown}.</p>')
    if event.get("edited"):
        parts.append('<p class="flag edited">Corrected by hand (edited).</p>')
    parts.append(f"<blockquote>{_h(event.get('quote'))}</blockquote>")
    sources = event_sources(event)
    label = "Source" if len(sources) == 1 else f"{len(sources)} sources"
    several = len(sources) > 1
    lines = "".join(f"<li>{_html_source(source, several)}</li>" for source in sources)
    parts.append(f'<div>{label}:<ul class="sources">{lines}</ul></div></li>')
    return "\n".join(parts)


def _html_source(source: dict, with_quote: bool) -> str:
    """A source: its title (a link for http(s) only), its date, and its own quote when
    the event has several."""
    title = str(source.get("title") or "") or "Untitled article"
    link = http_url(str(source.get("url") or ""))
    name = (
        f'<a href="{html.escape(link, quote=True)}" rel="noopener noreferrer">{_h(title)}</a>'
        if link
        else _h(title)
    )
    published = str(source.get("published") or "")
    when = f", published {_h(display_date(published, 'day'))}" if published else ""
    quote = str(source.get("quote") or "")
    return f"{name}{when}" + (f" — “{_h(quote)}”" if quote and with_quote else "")


def _h(text: object) -> str:
    return html.escape(str(text if text is not None else ""), quote=True)


# ---------------------------------------------------------------------------- Markdown

#: Characters Markdown may read as markup; each is escaped with a backslash.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def markdown_text(text: object) -> str:
    """Document text made inert in Markdown: HTML's ``& < >`` as entities (Markdown
    renders inline HTML), Markdown's punctuation backslashed, and line breaks as spaces."""
    value = " ".join(str(text if text is not None else "").split())
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return MARKDOWN_SPECIAL.sub(r"\\\1", value)


def markdown_url(url: str) -> str:
    """An http(s) URL as a Markdown link target ("" when it may not be a link): the
    characters that would end the target or start markup are percent-encoded."""
    link = http_url(url)
    for char, code in (("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E"), ('"', "%22")):
        link = link.replace(char, code)
    return link


def dossier_markdown(person: str, events: Sequence[dict], today: dt.date | None = None) -> str:
    """The dossier as Markdown."""
    name = person or NO_PERSON_LABEL
    stamp = (today or dt.date.today()).isoformat()
    count = f"{len(events)} event" + ("" if len(events) == 1 else "s")
    lines = [
        f"# Timeline of {markdown_text(name)}",
        "",
        f"{count}, in date order\\. Made on {stamp} from the articles on the timeline; each "
        "date is given only as precisely as its source gives it\\.",
        "",
    ]
    for event in ordered(events):
        lines += _markdown_event(event)
    return "\n".join(lines).rstrip() + "\n"


def _markdown_event(event: dict) -> list[str]:
    granularity = str(event.get("granularity") or "")
    when = display_date(str(event.get("date") or ""), granularity)
    kind = type_words(event.get("event_type"))
    precision = PRECISION.get(granularity, granularity)
    lines = [f"## {markdown_text(when)}: {markdown_text(kind)} ({markdown_text(precision)})", ""]
    conflict = conflict_dates(event)
    if conflict:
        shown = " and ".join(markdown_text(date) for date in conflict)
        lines += [f"**The sources disagree on the date: {shown}\\.**", ""]
    if event.get("edited"):
        lines += ["**Corrected by hand \\(edited\\)\\.**", ""]
    lines += [f"> {markdown_text(event.get('quote'))}", ""]
    sources = event_sources(event)
    lines.append("Source:" if len(sources) == 1 else f"{len(sources)} sources:")
    lines.append("")
    for source in sources:
        title = markdown_text(str(source.get("title") or "") or "Untitled article")
        link = markdown_url(str(source.get("url") or ""))
        name = f"[{title}]({link})" if link else title
        published = str(source.get("published") or "")
        when = f", published {markdown_text(display_date(published, 'day'))}" if published else ""
        quote = str(source.get("quote") or "")
        said = f" — “{markdown_text(quote)}”" if quote and len(sources) > 1 else ""
        lines.append(f"- {name}{when}{said}")
    lines.append("")
    return lines


# ---------------------------------------------------------------------------- shared


def conflict_dates(event: dict) -> list[str]:
    """The dates the sources give, when they disagree (empty otherwise)."""
    dates = event.get("conflict_dates")
    if not event.get("conflict") or dates is None or not len(dates):
        return []
    return [display_date(str(date), _granularity_of(str(date))) for date in dates]


def dossier_filename(person: str, suffix: str) -> str:
    """A file name for a person's dossier: ``timeline-jane-doe.html``."""
    slug = re.sub(r"[^a-z0-9]+", "-", (person or "unnamed").casefold()).strip("-")
    return f"timeline-{slug[:60] or 'person'}{suffix}"


def _granularity_of(date: str) -> str:
    return {10: "day", 7: "month", 4: "year"}.get(len(date), "day")


def _int(value: object) -> int:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0
