"""What readers see for values that have no words of their own, shared by every part of the
page: the "no named person" entry, event type names, and escaping for plotly's labels.

This module imports nothing else from the dashboard, so the figure, the filters, the table
and the panels can all use it without importing one another.
"""

from __future__ import annotations

import functools
import html

#: The value that stands for "events with no named person" in the person filter and URL.
NO_PERSON = "__none__"
NO_PERSON_LABEL = "No named person"

#: Event types that mean "no particular type": drawn grey and listed last.
OTHER_TYPES = ("other", "unknown", "")


@functools.cache
def type_label(kind: str) -> str:
    """An event type as shown to readers (``forced_labour`` -> ``Forced labour``)."""
    text = str(kind or "other").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def escape(text: object) -> str:
    """Escape a document string for plotly's HTML-ish labels (no ``&quot;`` in the output)."""
    return html.escape(str(text if text is not None else ""), quote=False)
