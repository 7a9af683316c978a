"""Names the tagger missed because no word of them is English: "Osniel Pupo", "Gemechu
Tolera", which the small model reads as an organisation or not at all.

A run of two or three proper nouns is a name when none of its words is an English word,
no gazetteer knows it as a place, and nothing around it makes it a place's or a body's
name, a nickname or a credit.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from timeline.extraction.people.cues import PROPER
from timeline.extraction.people.resources import load_people_resources

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Two or three capitalised words in a row ("Osniel Pupo", "Aliaksei Tsikhanchuk"), on one
#: line: a caption's credit and the name opening the next paragraph are no run.
NAME_RUN = re.compile(
    r"(?<![\w’'-])[A-Z][a-z’'-]+(?:[^\S\n]+(?:[A-Z]|(?:al|el|bin|ibn|abu|ul)-[A-Z])[a-z’'-]+){1,2}"
    r"(?![\w’'-])"
)


#: The word before a run that makes it the tail of a longer name ("Francisco de Paula
#: Santander"), and the lower-case word after it that makes it a place's or a body's name
#: ("the Paula Santander bridge") are checked against these.
WORD_BEFORE = re.compile(r"([\w’'-]+)\s+$")
WORD_AFTER = re.compile(r"\s+([A-Za-z][\w’'-]*)")
#: A byline or a copyright line that writes the name: the author's or the outlet's. It is
#: a short line, and "By" leads a name there ("By then the army had ..." opens a story).
CREDIT_LINE = (
    r"^\W*(?:By\s+(?=[A-Z])|Reporting by\b|Written by\b|©|\(c\)|Copyright\b)"
    r"[^\n]{{0,120}}?\b{name}\b[^\n]{{0,120}}$"
)
#: Words this short say little: "Min", "Ri" and "al" are names' parts and English words.
SHORT = 3


@lru_cache(maxsize=1)
def _sited() -> re.Pattern:
    """A common noun of sites and "in" or "near" right before a run: "a training school in
    X", "the base near X". A person is not where a school or a base stands. Built on first
    use: the word list is read then, not on import."""
    return re.compile(
        rf"\b(?:{'|'.join(sorted(load_people_resources().site_nouns))})"
        r"\s+(?:in|at|near|outside)\s+$"
    )


def foreign_names(
    doc: Doc,
    text: str,
    english: frozenset[str],
    is_place,
    foreign: frozenset[str] = frozenset(),
    not_after: frozenset[str] = frozenset(),
    not_before: frozenset[str] = frozenset(),
    surnames: frozenset[str] = frozenset(),
) -> list[tuple[int, int, str, list[str]]]:
    """Runs of two or three proper nouns none of which is an English word, and which no
    gazetteer knows as a place: names such as "Osniel Pupo" or "Gemechu Tolera" that
    the small model reads as an organisation or not at all. (start, end, name, titles).

    Left out: a run after a name particle (``not_after``: "de Paula Santander"), before a
    word of a place or body (``not_before``: "the Paula Santander bridge", "at Pak Kret Nana
    Hospital") or after a site and "in" ("a school in Kyauk Taw"), one
    the text also writes in quotation marks (a nickname: "his men called him 'Bo Gyi'"),
    one that opens with a known person's surname (a register's "Kolesnikov Artem"), and
    one a byline or a copyright line writes (the author, the outlet).
    """
    if not english:
        return []
    found = []
    set_apart: dict[str, bool] = {}  # quoted as a nickname, or written as a credit
    for match in NAME_RUN.finditer(text):
        name = match.group(0)
        words = name.split()
        if any(_english(w, english, foreign) for w in words) or words[0] in surnames:
            continue
        if all(len(w) <= SHORT for w in words):
            continue  # "Ko Ko", "Min Tun": too short to tell from English alone
        before = WORD_BEFORE.search(text, max(0, match.start() - 20), match.start())
        after = WORD_AFTER.match(text, match.end())
        if (before and before.group(1).lower() in not_after) or (
            after and after.group(1).lower() in not_before
        ):
            continue
        if _sited().search(text, max(0, match.start() - 40), match.start()):
            continue  # "a training school in Kyauk Taw": where a school stands
        if name not in set_apart:  # a scan of the whole text, once per name
            set_apart[name] = bool(
                re.search(rf"[\"“‘']{re.escape(name)}[\"”’']", text)
                or re.search(CREDIT_LINE.format(name=re.escape(name)), text, re.MULTILINE)
            )
        if set_apart[name]:
            continue
        span = doc.char_span(match.start(), match.end())
        if span is None or not all(t.tag_ in PROPER or t.text in ("-", "‑") for t in span):
            continue
        if is_place(name):
            continue
        found.append((match.start(), match.end(), name, []))
    return found


def _english(word: str, english: frozenset[str], foreign: frozenset[str] = frozenset()) -> bool:
    """Whether ``word`` (or a part of it, or its singular) is an English word of more than
    ``SHORT`` letters, or one of the ``foreign`` words of bodies and places."""
    lower = word.lower().strip("’'")
    parts = [p for p in re.split(r"[-’']", lower) if p]
    if lower in foreign or any(p in foreign for p in parts):
        return True
    words = [w for w in (lower, *parts) if len(w) > SHORT]
    if any(w in english for w in words):
        return True
    return len(lower) > SHORT + 1 and lower.endswith("s") and lower[:-1] in english
