"""Names the entity tagger missed, found by what news writing puts beside a person.

An age in commas ("Grigoryev, 24, served ...", "Grigoryev, a 24-year-old cook,") marks a
person however the tagger read the name; a surname found that way stands for the full
name the text writes elsewhere ("Pavel Grigoryev"). So does a kin word before the name
("his mother, Vera Marin,"), which the small model often reads as a place, and a
description in commas after it ("Vera Marin, the former police major,"), and a passive
only a person undergoes ("Vera Marin was arrested"). A proper noun joined to a person's
name by "and", a comma or "together with" is a person too. (Names with no English word
in them are found in `foreign`.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: "Name, 24," "Name, now 24," or "Name, aged 24, a teacher": an age in commas right after a
#: name; or an age that opens a description in apposition ("Name, a 41-year-old farmer").
AGED = re.compile(
    r"(?<![\w’'-])(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}),\s+"
    r"(?:(?:now\s+|aged\s+)?\d{1,2},|an?\s+\d{1,2}-year-old\b)"
)
PROPER = ("NNP", "NNPS")
FULL_NAME = r"(?<![\w’'-])(?P<first>[A-Z][\w’'-]+)[^\S\n]+{surname}(?![\w’'-])"
#: A family name first, then a hyphenated given name, as Korean and many Chinese names
#: are written ("Ryom Chol-gyu", "Tsang Wai-lok").
FAMILY_FIRST = r"(?<![\w’'-]){family}\s+[A-Z][a-z]+-[a-z]+(?![\w’'-])"


def aged_names(doc: Doc, text: str) -> list[tuple[int, int, str, list[str]]]:
    """Proper nouns followed by an age in commas, each with its full name when the text
    writes one: (start, end, name, titles).

    Only proper nouns count, so "Officials, 40, ..." is no name; a word the tagger reads
    otherwise at the start of a sentence counts when it is tagged a proper noun elsewhere.
    """
    found = []
    proper: set[str] | None = None  # the proper nouns' words, read at the first match
    for match in AGED.finditer(text):
        span = doc.char_span(match.start("name"), match.end("name"))
        if span is None:
            continue
        if proper is None:
            proper = {token.text for token in doc if token.tag_ in PROPER}
        if not all(t.tag_ in PROPER or t.text in proper for t in span):
            continue
        name = full_name(doc, text, span.text)
        found.append((span.start_char, span.end_char, name, []))
    return found


#: "his mother, Vera Marin" or "her husband Tang Wei": a kin word, then the name.
KIN_THEN_NAME = (
    r"\b(?:(?i:his|her|their|my|our)|[A-Z][\w’'-]+[’']s)\s+(?i:{kin})\s*,?\s+"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){{0,3}})"
)


def kin_names(
    doc: Doc, text: str, kin_words: Iterable[str]
) -> list[tuple[int, int, str, list[str]]]:
    """Proper nouns in apposition after a kin word, as (start, end, name, titles)."""
    words = _alternation(kin_words)
    if not words:
        return []
    return _names_matched(doc, text, KIN_THEN_NAME.format(kin=words), every_word=True)


#: "the area coroner, Jane de Roe, said": a person noun, then a name set in commas.
ROLE_THEN_NAME = (
    r"\b(?i:the|a|an|his|her|their)\s+(?:[\w’'-]+\s+){{0,3}}?(?i:{roles})\s*,\s+"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+(?:[A-Z][\w’'-]+|{particles})){{0,3}}),"
)


def role_names(
    doc: Doc, text: str, roles: Iterable[str], particles: Iterable[str]
) -> list[tuple[int, int, str, list[str]]]:
    """Names set in commas after a person noun, as (start, end, name, titles); a particle
    may stand inside ("Sophie de Lacy"), the last word is a proper noun."""
    words = _alternation(roles)
    if not words:
        return []
    pattern = ROLE_THEN_NAME.format(roles=words, particles=_alternation(particles) or "(?!)")
    return _names_matched(doc, text, pattern, every_word=False)


#: "Vera Marin, the former police major," or "Marin, a freelance journalist": a name,
#: then a person noun led by an article and at most three describing words.
NAME_THEN_ROLE = (
    r"(?<![\w’'-])(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){{0,3}}),\s+(?i:the|an?)\s+"
    r"(?P<words>(?:[\w’'-]+\s+){{0,3}}?)(?i:{roles})(?![\w’'-])"
)
#: Describing words between the article and the person noun: adjectives and nouns
#: ("former police"), never a clause ("the city where a soldier").
DESCRIBING = frozenset({"JJ", "JJR", "JJS", "NN", "NNP", "VBN", "HYPH", "CD"})


def described_names(
    doc: Doc, text: str, roles: Iterable[str], particles: Iterable[str] = ()
) -> list[tuple[int, int, str, list[str]]]:
    """Proper nouns followed by a person noun in apposition, each with its full name when
    the text writes one: (start, end, name, titles). Words after a name particle are the
    tail of a longer name, perhaps a place's ("in Paso del Mar, a sergeant ordered")."""
    words = _alternation(roles)
    if not words:
        return []
    after_particle = re.compile(rf"\b(?:{_alternation(particles) or '(?!)'})\s+$")
    found = []
    for match in re.finditer(NAME_THEN_ROLE.format(roles=words), text):
        span = doc.char_span(match.start("name"), match.end("name"))
        if span is None or not all(token.tag_ in PROPER for token in span):
            continue
        if after_particle.search(text, max(0, match.start() - 12), match.start()):
            continue
        between = doc.char_span(match.start("words"), match.end("words"), alignment_mode="expand")
        if between is not None and not all(token.tag_ in DESCRIBING for token in between):
            continue
        found.append((span.start_char, span.end_char, full_name(doc, text, span.text), []))
    return found


#: "Ana Ruiz was arrested" or "Ruiz had later been deported": a name, then a passive that
#: only a person undergoes.
NAME_THEN_PASSIVE = (
    r"(?<![\w’'-])(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){{0,3}})\s+"
    r"(?:was|were|had been|has been|have been)\s+(?:[a-z]+ly\s+)?(?i:{verbs})(?![\w’'-])"
)


#: A preposition right before a name: the name is its object.
PREPOSITION_BEFORE = re.compile(r"\b(?:in|of|from|to|at|for|with|on|by|into)\s+$")
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})


def passive_names(
    doc: Doc, text: str, verbs: Iterable[str]
) -> list[tuple[int, int, str, list[str]]]:
    """Proper nouns right before a passive that only a person undergoes ("was arrested"),
    each with its full name when the text writes one: (start, end, name, titles). A place
    after a preposition is not the passive's subject ("the war in Chad was released")."""
    words = _alternation(verbs)
    if not words:
        return []
    found = []
    for match in re.finditer(NAME_THEN_PASSIVE.format(verbs=words), text):
        span = doc.char_span(match.start("name"), match.end("name"))
        if (
            span is not None
            and span[0].ent_type_ in PLACE_ENTITIES
            and PREPOSITION_BEFORE.search(text, max(0, match.start() - 8), match.start())
        ):
            continue
        while span is not None and len(span) and span[0].tag_ not in PROPER:
            span = span[1:]  # "Later Ruiz was arrested": the name is "Ruiz"
        if span is not None and len(span) and all(token.tag_ in PROPER for token in span):
            found.append((span.start_char, span.end_char, full_name(doc, text, span.text), []))
    return found


#: "a 42-year-old man identified by police as Ana Ruiz", "a guard named Oleg Petrov": a
#: person noun, a few words, a naming phrase (its last word may follow an agent, "by the
#: court"), then the name.
NOUN_THEN_NAMING = (
    r"\b(?i:{nouns})\b[^.;:\n]{{0,40}}?\s(?:{naming})\s+"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){{0,3}})"
)


def named_by_phrase(
    doc: Doc, text: str, nouns: Iterable[str], phrases: Iterable[str]
) -> list[tuple[int, int, str, list[str]]]:
    """Names a naming phrase after a person noun announces ("a man identified as ..."), as
    (start, end, name, titles); the name's first word is a proper noun."""
    naming = []
    for phrase in sorted(phrases, key=len, reverse=True):
        *verb, last = phrase.split()
        agent = r"(?:\s+by\s+[^,.;\n]{1,40}?)?" if verb else ""
        naming.append(
            r"\s+".join(map(re.escape, verb)) + agent + (r"\s+" if verb else "") + re.escape(last)
        )
    words = _alternation(nouns)
    if not words or not naming:
        return []
    found = []
    for match in re.finditer(NOUN_THEN_NAMING.format(nouns=words, naming="|".join(naming)), text):
        span = doc.char_span(match.start("name"), match.end("name"))
        if span is not None and span[0].tag_ in PROPER:
            found.append((span.start_char, span.end_char, span.text, []))
    return found


def _alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of ``words``, longest first."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def _names_matched(
    doc: Doc, text: str, pattern: str, every_word: bool
) -> list[tuple[int, int, str, list[str]]]:
    """The ``name`` group of each match of ``pattern`` that the tagger reads as a proper
    noun (every word of it, or only its last), as (start, end, name, titles)."""
    found = []
    for match in re.finditer(pattern, text):
        span = doc.char_span(match.start("name"), match.end("name"))
        if span is None or not all(t.tag_ in PROPER for t in (span if every_word else span[-1:])):
            continue
        found.append((span.start_char, span.end_char, span.text, []))
    return found


def full_name(doc: Doc, text: str, name: str, title: re.Pattern | None = None) -> str:
    """A one-word name's full form written elsewhere ("Pavel Grigoryev" for "Grigoryev",
    "Ryom Chol-gyu" for "Ryom"); a first word that ``title`` matches ("Mr Grigoryev") is
    no given name."""
    if " " in name:
        return name
    found, untagged = [], set()
    for match in re.finditer(FULL_NAME.format(surname=re.escape(name)), text):
        if title is not None and title.fullmatch(match.group("first").rstrip(".")):
            continue
        span = doc.char_span(match.start(), match.end())
        if span is not None and all(token.tag_ in PROPER for token in span):
            found.append(match.group(0))
        elif span is not None:
            # A given name the tagger misread, perhaps ("Yesterday Brod" is not one, but a
            # bare surname costs nothing: the canonical names step still finds its person).
            untagged.add(match.group(0))
    # Two people of one family ("Yauhen Palivoda" and his wife "Aksana Palivoda"): the
    # surname alone does not say which; the canonical names step does, by order.
    if len(set(found) | untagged) > 1:
        return name
    return found[0] if found else family_first_name(text, name)


def family_first_name(text: str, name: str) -> str:
    """A family name's full form with a hyphenated given name after it ("Ryom Chol-gyu"
    for "Ryom"), if the text writes one; else ``name``."""
    if " " in name:
        return name
    match = re.search(FAMILY_FIRST.format(family=re.escape(name)), text)
    return match.group(0) if match else name


#: A name joined to a person's name by "and", a comma or "together with" ("Ana Ruiz and
#: Oleg Petrov", "and Juan Carlos Ruiz Mora": two surnames, as Spanish names have).
COORDINATED_AFTER = re.compile(
    r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|,?\s+(?:together|along)\s+with\s+)"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3})\b"
)
#: A name before "and" and a person's name, after a comma or a colon ("my friends, Thiha
#: and Min Khant"): one word will do there, as Burmese names often have one.
COORDINATED_BEFORE = re.compile(
    r"[,:]\s+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})\s+and\s+$"
)
#: The first of a list of names ("freed A B, C D and E F"): a given name and a surname
#: before a comma and a person's name that the list goes on from.
LISTED_BEFORE = re.compile(r"(?<![\w’'-])(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2}),\s+$")
LIST_GOES_ON = re.compile(r"(?:\s*,\s*|\s+and\s+)[A-Z]")


#: A plural kin word, then given names before "and" and a full name: "her parents, Anton and".
FAMILY_BEFORE = r"\b(?:{plurals})\b[^.;:\n]{{0,30}}$"
AND_BETWEEN = re.compile(r"\s+and\s+")


def shared_surnames(text: str, found: list, plurals: Iterable[str]) -> list:
    """``found`` (start, end, name, ...) with a lone given name before "and" and a full name
    taking that name's surname when kin are named ("her parents, Anton and Vera Kask")."""
    before = re.compile(FAMILY_BEFORE.format(plurals=_alternation(plurals)), re.IGNORECASE)
    starts = {start: name for start, _, name, *_ in found}
    result = []
    for start, end, name, *rest in found:
        joined = AND_BETWEEN.match(text, end)
        partner = starts.get(joined.end()) if joined else None
        if (
            " " not in name
            and partner is not None
            and len(partner.split()) == 2
            and before.search(text, max(0, start - 40), start)
        ):
            name = f"{name} {partner.split()[-1]}"
        result.append((start, end, name, *rest))
    return result


def coordinated_names(doc: Doc, text: str, found: list) -> list[tuple[int, int, str, list[str]]]:
    """Names the tagger missed beside one it found: proper nouns joined to a person's name
    by "and" or a comma are people too."""
    names = []
    for start, end, *_rest in found:
        listed = LIST_GOES_ON.match(text, end) and LISTED_BEFORE.search(
            text, max(0, start - 60), start
        )
        for match in (
            COORDINATED_AFTER.match(text, end),
            COORDINATED_BEFORE.search(text, max(0, start - 60), start),
            listed,
        ):
            if not match:
                continue
            span = doc.char_span(match.start("name"), match.end("name"))
            if span is not None and all(token.tag_ == "NNP" for token in span):
                names.append((span.start_char, span.end_char, span.text, []))
    return names
