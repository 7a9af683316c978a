"""Who: people named in a document, their short forms, pronouns and nominal mentions.

spaCy's PERSON entities are cleaned by general rules (titles and possessives
stripped, places, organisations and common nouns removed), short forms are
joined to the full name used elsewhere in the document, and pronouns and
mentions such as "the sergeant" or "the 29-year-old" are resolved to the
most recent compatible person.

The jobs live apart: ``resources`` (the word lists), ``model`` (what is handed on),
``names`` (cleaning and joining names), ``references`` (pronouns, nominals, speakers);
:func:`find_people` runs them in order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from timeline.extraction.nlp import TokenTags
from timeline.extraction.people.aliases import aliases, aliases_of_pronouns
from timeline.extraction.people.canonical import canonical_names
from timeline.extraction.people.forms import short_form_mentions, short_forms
from timeline.extraction.people.lede import lede_mentions
from timeline.extraction.people.model import Mention, People, Person
from timeline.extraction.people.names import (
    clean_name,
    named_mentions,
    plausible_name,
    strip_title,
)
from timeline.extraction.people.narrator import narrator_mentions, narrator_name
from timeline.extraction.people.references import pronouns_and_nominals
from timeline.extraction.people.resources import PeopleResources, load_people_resources
from timeline.extraction.people.roles import apposition_title
from timeline.extraction.people.transcript import transcript_mentions
from timeline.text.checks import strip_invisible
from timeline.text.spans import SpanIndex, quote_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "Mention",
    "People",
    "PeopleResources",
    "Person",
    "canonical_names",
    "clean_name",
    "find_people",
    "load_people_resources",
    "plausible_name",
    "short_forms",
    "strip_title",
]


def _note_gender(person: Person, gender: str | None) -> None:
    """Record a gender a title implies; conflicting evidence leaves it unknown."""
    if gender is None or person.gender == "?":
        return
    person.gender = gender if person.gender in (None, gender) else "?"


def find_people(
    doc: Doc,
    sentences: Sequence[tuple[int, int]],
    language: str = "en",
    tags: TokenTags | None = None,
    text: str | None = None,
    story: SpanIndex | None = None,
    hints: Sequence[str] = (),
    url: str = "",
) -> People:
    """Find the people of a parsed document and resolve every mention to a canonical name.

    ``tags`` and ``text`` may be passed when the caller has them already (a Doc
    rebuilds its text and tokens on every access). With ``story`` (the spans of story
    text), names outside it (a byline's, a caption's) are left out, and so are names the
    page's ``url`` spells (the outlet's). ``hints`` (the title)
    may name the narrator of a first-person text.
    """
    res = load_people_resources(language)
    text = doc.text if text is None else text
    quotes = SpanIndex(quote_spans(text))
    named = named_mentions(doc, res, text)
    if story is not None:
        named = [found for found in named if story.holding(found[0]) is not None]
    # The outlet's own name ("He spoke to the Valley Post"), the one its address spells.
    host = _squashed(urlsplit(url).hostname or "") if url else ""
    if host:
        named = [found for found in named if _squashed(found[2]) not in host]
    # ... and the one its rights notice writes ("© 2025 Valley Post. All rights reserved.").
    rights = _squashed(" ".join("".join(found) for found in RIGHTS_LINE.findall(text)))
    if rights:
        named = [found for found in named if _squashed(found[2]) not in rights]
    # ... and the one its masthead writes ("NILE HORIZON | English edition").
    outlet = masthead(text)
    if outlet:
        named = [found for found in named if _squashed(found[2]) != outlet]
    # Direction and zero-width marks are invisible but would make a second person.
    titles_at = {(start, strip_invisible(name)): found for start, _, name, found, _ in named}
    # The kin word beside each name ("his wife, X"), and the gender it tells.
    kin_words = {
        (start, strip_invisible(name)): kin_word(text, start, end)
        for start, end, name, _, _ in named
    }
    kin_at = {key: res.kinship.get(word) for key, word in kin_words.items()}
    genders = {key: _told_gender(titles_at[key], kin_at[key], res) for key in titles_at}
    canon = canonical_names(list(titles_at), titles_at, genders)
    other_names = aliases(text, sorted(set(canon.values())))
    canon = {key: other_names.get(value, value) for key, value in canon.items()}
    persons: dict[str, Person] = {}
    mentions: list[Mention] = []
    for start, end, name, titles, age in named:
        key = (start, strip_invisible(name))
        canonical = canon[key]
        person = persons.setdefault(canonical, Person(canonical, first_offset=start))
        person.titles.update(titles)
        if described_as := apposition_title(text, end, res):
            person.titles.add(described_as)  # "X, a former police lieutenant,": "the lieutenant"
        if age is not None:
            person.ages.add(age)
        for title in titles:
            _note_gender(person, res.title_gender.get(title))
        _note_gender(person, kin_at[key])
        if kin_at[key] is not None:
            person.kin.add(kin_words[key])
        elif kin_words[key] in res.advocates:
            person.titles.add(kin_words[key])  # "his lawyer, X": one who speaks for another
        if " " in canonical:  # "Siarhei Lapko"; a lone word may be a surname
            _note_gender(person, res.given_gender.get(canonical.split()[0]))
        mentions.append(Mention(start, end, name, canonical, "name", start in quotes))

    tags = tags or TokenTags.from_doc(doc)
    mentions += short_form_mentions(text, tags, persons, mentions, quotes, other_names)
    teller = narrator_name(text, quotes, hints)
    if teller is not None:
        teller = _known_as(teller, persons, res)
        mentions += narrator_mentions(text, teller, quotes, story)
    else:
        mentions += transcript_mentions(text, mentions, quotes, story)
    mentions.sort(key=lambda m: m.start)
    mentions += lede_mentions(text, _in_story(sentences, story), mentions, quotes, res)
    mentions.sort(key=lambda m: m.start)
    extra = pronouns_and_nominals(text, res, quotes, SpanIndex(sentences), persons, mentions)
    # "His men called him 'Bo Gyi'": known once "him" is, that name is his too.
    nicknames = aliases_of_pronouns(text, extra)
    # "A ruling gives his name in its Chinese form, Gesang Dunzhu": a person the tagger
    # found under that name is the one "his" is.
    same = {alias: name for alias, name in nicknames.items() if alias in persons}
    if same:
        persons = {name: person for name, person in persons.items() if name not in same}
        mentions = [replace(m, person=same.get(m.person, m.person)) for m in mentions]
        extra = [replace(m, person=same.get(m.person, m.person)) for m in extra]
    if nicknames:
        found = sorted(mentions + extra, key=lambda m: m.start)
        extra += short_form_mentions(text, tags, {}, found, quotes, nicknames)
    found = mentions + extra
    if story is not None:  # a byline's or a caption's surname is no mention either
        found = [m for m in found if story.holding(m.start) is not None]
    return People(persons, found)


def _in_story(
    sentences: Sequence[tuple[int, int]], story: SpanIndex | None
) -> list[tuple[int, int]]:
    """The sentences of the story text (all of them without ``story``)."""
    return [s for s in sentences if story is None or story.holding(s[0]) is not None]


def _told_gender(titles: Sequence[str], kin: str | None, res: PeopleResources) -> str | None:
    """What the titles written with a name ("Ms") and the kin word beside it (``kin``,
    see ``kin_gender``) tell of its gender; None when they tell nothing or disagree."""
    told = {res.title_gender.get(title) for title in titles} | {kin}
    told.discard(None)
    return told.pop() if len(told) == 1 else None


#: A kin word just before a name ("his wife, ") or just after it (", her son").
#: Words before a kin word that keep its gender: "his then-girlfriend", "her late husband".
KIN_MODIFIER = (
    r"(?:(?:then|ex|former|late|estranged|future)(?:\s+|\s*-\s*))?"
    r"(?:(?:elder|older|younger|eldest|oldest|youngest|little|big|twin|only)\s+)?"
)
KIN_BEFORE = re.compile(
    rf"\b(?:his|her|their|the|[\w-]+['’]s)\s+{KIN_MODIFIER}([a-zé]+)\s*,?\s*"
    # (a rank or an honorific may come between: "her husband, Cpl. X", "his wife, Daw X")
    r"(?:(?-i:[A-Z][a-z]{0,11})\.?\s+){0,2}$",
    re.IGNORECASE,
)
#: A gendered noun that names the person after it: "a woman he calls Piao", "a man named
#: Ko Ko", "an older woman known as Auntie Ok".
NAMED_AFTER_NOUN = re.compile(
    r"\b(?:a|an|the|his|her|their)\s+(?:[a-z-]+\s+){0,3}?([a-z]+)\s+(?:(?:he|she|they|we|i|"
    r"people|everyone|locals|friends)\s+(?:calls?|knew|knows)(?:\s+only)?(?:\s+as)?|named|called|"
    r"known\s+(?:only\s+)?as)\s+[\"“‘]?$",
    re.IGNORECASE,
)
KIN_AFTER = re.compile(
    rf"^\s*,\s*(?:\d{{1,3}}\s*,\s*)?(?:his|her|their|a|the)\s+{KIN_MODIFIER}([a-zé]+)\b",
    re.IGNORECASE,
)


def kin_gender(text: str, start: int, end: int, res: PeopleResources) -> str | None:
    """The gender a kin word in apposition to the name at ``start:end`` tells, if any.

    >>> from timeline.extraction.people.resources import load_people_resources
    >>> text = "His wife, Ana Ruiz, spoke. Tomas Reyes, her son, did not."
    >>> res = load_people_resources()
    >>> kin_gender(text, 10, 18, res), kin_gender(text, 27, 38, res)
    ('f', 'm')
    >>> kin_gender("by his then-girlfriend, Kay Lam, who", 24, 31, res)
    'f'
    >>> kin_gender("Soto's wife, Ana, said", 13, 16, res)
    'f'
    >>> kin_gender("Teo Lim, 19, the only son of a cook, left", 0, 7, res)
    'm'
    """
    return res.kinship.get(kin_word(text, start, end))


def kin_word(text: str, start: int, end: int) -> str:
    """The kin or gendered noun in apposition to the name at ``start:end`` ("wife"), or ""."""
    before = KIN_BEFORE.search(text, max(0, start - 30), start)
    after = KIN_AFTER.match(text[end : end + 30])
    named = NAMED_AFTER_NOUN.search(text, max(0, start - 60), start)
    return (before or after or named).group(1).lower() if (before or after or named) else ""


#: A rights notice and what follows its mark: the outlet, not a person of the story. Only a
#: page's own notice counts, with a year or the words of one ("© 2025 Valley Post",
#: "ⓒ Valley Post. All rights reserved."); a photo's credit ("© Ko Ko / family photo") may
#: name a person of the story.
RIGHTS_LINE = re.compile(
    r"(?:©|ⓒ|\(c\)|\bcopyright\b)\s*(?:\d{4}\b([^\n]*)|([^\n]*?\b(?:rights reserved|"
    r"reproduction|redistribution|republishing|reprint)[^\n]*))",
    re.IGNORECASE,
)


#: A page's first line as a masthead: the outlet's name in a few capitalised words, perhaps
#: after a menu sign and before a bar, a dash or a wide gap that leads to its sections.
MASTHEAD = re.compile(
    r"^[^\w\n]*(?:the\s+)?(?P<name>[A-Z][\w’'&.-]*(?:[ \t][A-Z0-9][\w’'&.-]*){0,4})"
    r"[ \t]*(?:$|\||[—–·•]|[ \t]{3,}|\[)",
    re.IGNORECASE,
)


def masthead(text: str) -> str:
    """The outlet a page's first line names, squashed (see ``_squashed``), or "".

    >>> masthead("NILE HORIZON | English edition\\n\\nA soldier fled on 3 May.")
    'nilehorizon'
    >>> masthead("The Salween Post\\nNews  Opinion")
    'salweenpost'
    >>> masthead("Two soldiers fled their base on 3 May, police said.")
    ''
    """
    first = text.lstrip().split("\n", 1)[0]
    match = MASTHEAD.match(first)
    if match is None or not all(w[:1].isupper() or w[:1].isdigit() for w in match["name"].split()):
        return ""
    return _squashed(match["name"])


def _squashed(text: str) -> str:
    """Letters and digits only, in lower case: "Valley Post" and "valleypost.example"."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _known_as(name: str, persons: dict[str, Person], res: PeopleResources) -> str:
    """The canonical name of the narrator: a person found already, else a new one."""
    cleaned, _ = clean_name(name, res)
    for canonical in persons:
        if canonical == cleaned or canonical.endswith(" " + cleaned):
            return canonical
    persons.setdefault(cleaned, Person(cleaned))
    return cleaned
