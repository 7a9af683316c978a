"""What text may hold, wherever it enters: a file, a JSON line, a web page, the page's form,
the Python API.

One rule per kind of text, each raising DocumentError with a one-line message, so that a
paste is refused in the same words as a file holding the same characters:

- no control characters but tab, line feed, form feed and carriage return (a terminal
  escape or a NUL byte is never stored, and so never reaches a table or a spreadsheet);
- metadata fields have length limits (title, URL, id), the same for files, JSON lines,
  web pages and the form;
- a URL holding a control character or white space is refused whole, never cleaned, so
  the URL stored is the one that was checked;
- names lose direction and zero-width marks: invisible, but they make "Jane Doe" and
  "Jane Doe" with a U+202E in it two people.
"""

from __future__ import annotations

import re

from timeline.text.errors import DocumentError

#: Longest title, URL and id accepted, in characters.
MAX_TITLE_CHARS = 500
MAX_URL_CHARS = 2_048
MAX_ID_CHARS = 200
FIELD_LIMITS = {"title": MAX_TITLE_CHARS, "url": MAX_URL_CHARS, "id": MAX_ID_CHARS}

#: Characters no text may hold: the C0 controls but tab, line feed, form feed and carriage
#: return; DEL; the C1 controls (U+009B starts a terminal escape too); lone surrogates,
#: which cannot be written as UTF-8.
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
#: The same without the C1 controls, for text not yet repaired: mojibake holds some of
#: them ("”" read as Windows-1252 ends in U+009D) until ``documents.repair_text`` runs.
C0_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff]")
#: Characters no URL may hold: controls (CR/LF could forge lines in a calendar or a
#: header) and white space of any kind.
UNSAFE_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f\s\ud800-\udfff]")
#: Marks that are not seen but change how a name is shown or compared: direction marks,
#: embeddings, overrides and isolates; zero-width spaces and joiners; the word joiner and
#: invisible operators; the byte-order mark; the soft hyphen.
INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def _named(name: str, message: str) -> str:
    return f"{name}: {message}" if name else message


def check_control(
    text: str, name: str = "", offset: int = 0, pattern: re.Pattern = CONTROL
) -> None:
    """Raise DocumentError when ``text`` holds a control character (see ``CONTROL``).

    ``offset`` is where ``text`` starts in what the user gave (a file's body after its
    front matter), so the position named is the user's.

    >>> check_control("tab\\tand\\nnew lines\\r\\n")
    >>> check_control("a\\x1b[2Jb", "pasted text")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    timeline.text.errors.DocumentError: pasted text: binary, not text: control character U+001B ...
    """
    match = pattern.search(text)
    if match:
        where = offset + match.start() + 1
        raise DocumentError(
            _named(
                name,
                f"binary, not text: control character U+{ord(match.group()):04X} "
                f"at character {where:,}",
            )
        )


def shown(value: str, limit: int = 40) -> str:
    """A value quoted in a message: its start only, with escapes for what is not printable.

    >>> shown("2021-11-21 lol"), shown("x" * 50)[-5:]
    ("'2021-11-21 lol'", "xxx'…")
    """
    return repr(value[:limit]) + ("…" if len(value) > limit else "")


def check_url(url: str, where: str) -> str:
    """The URL when it holds no control character or white space, else DocumentError.

    >>> check_url("https://example.org/a?b=c", "url")
    'https://example.org/a?b=c'
    >>> check_url("https://example.org/\\r\\nEND:VEVENT", "url")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    timeline.text.errors.DocumentError: url: a URL may not hold white space or control ...
    """
    match = UNSAFE_IN_URL.search(url)
    if match:
        raise DocumentError(
            f"{where}: a URL may not hold white space or control characters "
            f"(U+{ord(match.group()):04X} at character {match.start() + 1:,})"
        )
    return url


def checked_field(value: object, field: str, where: str) -> str:
    """A metadata field (``title``, ``url`` or ``id``) as checked text, "" when absent.

    A value that is not a single text or number, is longer than its limit
    (``FIELD_LIMITS``) or holds a control character is refused; a URL also when it holds
    white space. Surrounding white space is dropped before the checks, so what is checked
    is what is kept.

    >>> checked_field("  Soldiers leave ", "title", "a.txt: front matter 'title'")
    'Soldiers leave'
    >>> checked_field(["a", "b"], "title", "a.txt: front matter 'title'")
    Traceback (most recent call last):
    ...
    timeline.text.errors.DocumentError: a.txt: front matter 'title' must be text, not a list
    """
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise DocumentError(f"{where} must be text, not {_kind(value)}")
    text = value.strip() if isinstance(value, str) else str(value)
    limit = FIELD_LIMITS[field]
    if len(text) > limit:
        raise DocumentError(
            f"{where} is {len(text):,} characters long, over the {limit:,}-character limit"
        )
    if field == "url":
        return check_url(text, where)
    check_control(text, where)
    return text


def _kind(value: object) -> str:
    kinds = {list: "a list", dict: "a mapping", bool: "true or false", bytes: "binary data"}
    return next((k for t, k in kinds.items() if isinstance(value, t)), type(value).__name__)


def strip_invisible(name: str) -> str:
    """A name without direction and zero-width marks (see ``INVISIBLE``).

    >>> strip_invisible("Jane\\u202e Doe\\u200b")
    'Jane Doe'
    """
    return INVISIBLE.sub("", name)
