"""Other names of a known person: nicknames the text gives and spellings a letter off.

"Hugo Soto, known as El Gato" makes "El Gato" Hugo Soto; "his men called him 'Bo Gyi'"
makes "Bo Gyi" whoever "him" is; "Filatiev" is "Pavel Filatyev" spelt a letter off.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from timeline.extraction.nlp import TokenTags
from timeline.extraction.people.model import Mention, Person
from timeline.extraction.people.resources import load_people_resources
from timeline.text.spans import SpanIndex

#: "X, known as Y,", "X, nicknamed Y", "X (also known as Y)", "X (romanised Y)", and with
#: a description between ("X, a retired smuggler known as Y"): Y is another name of X.
ALIAS = re.compile(
    r"(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3})\s*[,(]\s*(?:\d{1,3},\s*)?"
    r"(?:[^;()\n]{1,20};\s*)?"  # the name in its own script first: "(염철규; romanised ..."
    r"(?:(?:a|an|the)\s+(?:[a-z0-9][\w’'-]*\s+){0,6}?)?"
    r"(?:who is |better |widely |popularly )?(?:also )?"
    r"(?:known\s+(?:(?:to|among)\s+(?:[\w’'-]+\s+){1,4}?)?as|nicknamed|called|dubbed"
    r"|(?:spelt|spelled|written|transliterated|romani[sz]ed)(?:\s+as)?"
    r"|whose\s+(?:first\s+|last\s+|sur)?name\s+(?:is\s+)?"
    r"(?:appears|written|spelt|spelled|given|rendered)(?:\s+\w+){0,2}?\s+as)\s+"
    r"[\"“‘']?(?P<alias>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
)


#: "X, "Y", ...": a name in quotation marks set beside a name is its nickname.
QUOTED_BESIDE = re.compile(
    r"(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3}),\s*[\"“‘]"
    r"(?P<alias>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})[\"”’],"
)

#: "Y, whose real name is X": Y is another name of X.
REAL_NAME = re.compile(
    r"(?P<alias>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2}),\s+whose\s+(?:real|full|legal|given)\s+"
    r"name\s+is\s+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})"
)


def aliases(text: str, names: Sequence[str]) -> dict[str, str]:
    """Other names the text gives a known person ("Hugo Soto, known as El Flaco") -> the name.

    >>> aliases("General Hugo Soto, known as El Flaco, fled.", ["Hugo Soto"])
    {'El Flaco': 'Hugo Soto'}
    >>> aliases("Soto, a retired smuggler known as 'El Gato', hid.", ["Hugo Soto"])
    {'El Gato': 'Hugo Soto'}
    >>> aliases('Omar Idris, known to his men as "Abu Fadl", fled.', ["Omar Idris"])
    {'Abu Fadl': 'Omar Idris'}
    >>> aliases('Omar Idris, known to friends and kin as "Abu Fadl", hid.', ["Omar Idris"])
    {'Abu Fadl': 'Omar Idris'}
    >>> aliases('Hugo Soto, 41, better known as "El Flaco", fled.', ["Hugo Soto"])
    {'El Flaco': 'Hugo Soto'}
    >>> aliases('The gang boss Hugo Soto, "El Flaco", is at large.', ["Hugo Soto"])
    {'El Flaco': 'Hugo Soto'}
    >>> aliases("Sokol, whose real name is Ivan Petrov, fled.", ["Ivan Petrov"])
    {'Sokol': 'Ivan Petrov'}
    >>> aliases("Pyotr Lis, whose name appears as Petro Lys in files, fled.", ["Pyotr Lis"])
    {'Petro Lys': 'Pyotr Lis'}
    >>> aliases("Lis (also spelt Lys) fled.", ["Pyotr Lis"])
    {'Lys': 'Pyotr Lis'}
    """
    found: dict[str, str] = {}
    for match in (*ALIAS.finditer(text), *QUOTED_BESIDE.finditer(text)):
        words = match.group("name").split()
        # The name may follow other capitalised words ("in May. Soto, known as ...").
        tails = [" ".join(words[i:]) for i in range(len(words))]
        owner = next(
            (n for n in names for tail in tails if n == tail or n.endswith(" " + tail)), None
        )
        alias = match.group("alias").rstrip("’'")  # a closing quote mark, not the name's
        if owner and alias != owner:
            found[alias] = owner  # also a name the tagger found: the text says it is X's
    for match in REAL_NAME.finditer(text):
        # The text says outright that these are one person, even where both are names.
        owner = next((n for n in names if n == match.group("name")), None)
        if owner and match.group("alias") != owner:
            found[match.group("alias")] = owner
    return found


#: "his men called him 'Bo Gyi'", "she was nicknamed 'La Jefa'": a name given to a pronoun.
ALIAS_OF_PRONOUN = re.compile(
    r"\b(?:called|call|calls|nicknamed|dubbed)\s+(?P<pronoun>him|her)\s+[\"“‘']?"
    r"(?P<alias>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
)


#: "the ruling gives his name as Chen Li", "lists her name in its Russian spelling, Ivanova",
#: "his name appears in its Russian form, X": the name a document or a script gives to a
#: pronoun's person.
NAME_OF_PRONOUN = re.compile(
    r"\b(?P<pronoun>his|her)\s+(?:full\s+|real\s+)?name\s+"
    r"(?:(?:appears|is\s+given|is\s+written|is\s+spelt|is\s+spelled)\s+)?"
    r"(?:in\s+(?:its\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:form|spelling|transliteration|script|characters|rendering)\s*,\s*|as\s+)"
    r"[\"“‘']?(?P<alias>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
)


def aliases_of_pronouns(text: str, mentions: Sequence[Mention]) -> dict[str, str]:
    """Names the text gives to a person it refers to by a pronoun, once pronouns are
    resolved: alias -> the person.

    >>> him = Mention(25, 28, "him", "Ko Min", "pronoun")
    >>> aliases_of_pronouns("Ko Min left. They called him 'Bo Gyi'.", [him])
    {'Bo Gyi': 'Ko Min'}
    >>> his = Mention(26, 29, "his", "Ko Min", "pronoun")
    >>> aliases_of_pronouns("Ko Min left. A ruling has his name in Burmese script, Ko Minn.", [his])
    {'Ko Minn': 'Ko Min'}
    """
    by_start = {m.start: m.person for m in mentions}
    found: dict[str, str] = {}
    matches = [*ALIAS_OF_PRONOUN.finditer(text), *NAME_OF_PRONOUN.finditer(text)]
    for match in matches:
        person = by_start.get(match.start("pronoun"))
        alias = match.group("alias").rstrip("’'")
        if person and alias != person and alias not in person.split():
            found.setdefault(alias, person)
    return found


def spelling_variant(name: str, names: Sequence[str]) -> str | None:
    """The longer known name that ``name`` writes with a letter or two changed
    ("Filatiev" for "Pavel Filatyev", "Aung Myo Heat" for "Aung Myo Htet"), if exactly one.
    A man's and a woman's form of one surname ("Orlov", "Orlova") are two people.

    >>> spelling_variant("Filatiev", ["Pavel Filatyev", "Ana Ruiz"])
    'Pavel Filatyev'
    >>> spelling_variant("Orlov", ["Vera Orlova"]) is None
    True
    """
    from rapidfuzz.distance import DamerauLevenshtein

    words = name.split()
    fits = set()
    for other in names:
        theirs = other.split()
        if other == name or len(theirs) < len(words):
            continue
        tail = theirs[len(theirs) - len(words) :]
        if len(words) == len(theirs) or len(words) == 1:
            pairs = list(zip(words, tail, strict=True))
            if all(
                _close(a, b, DamerauLevenshtein.distance(a.lower(), b.lower()))
                and not gendered_forms(a, b)
                for a, b in pairs
            ):
                fits.add(other)
    return fits.pop() if len(fits) == 1 else None


def _close(a: str, b: str, distance: int) -> bool:
    """Two spellings of one word: same first letter, and 1 edit (2 for long words)."""
    if a == b:
        return True
    return (
        a[:1].lower() == b[:1].lower()
        and distance <= (2 if min(len(a), len(b)) >= 6 else 1)
        and min(len(a), len(b)) >= 4
    )


def gendered_forms(a: str, b: str) -> bool:
    """Whether two words are a man's and a woman's form of one surname ("Belov", "Belova";
    "Nowicki", "Nowicka"), by the endings of the people word list.

    >>> gendered_forms("Kowalski", "Kowalska"), gendered_forms("Filatyev", "Filatiev")
    (True, False)
    """
    a, b = a.lower(), b.lower()
    for man, woman in load_people_resources().gendered_endings:
        for one, two in ((a, b), (b, a)):
            if one.endswith(man) and two.endswith(woman) and one[: -len(man)] == two[: -len(woman)]:
                return True
    return False


CAPITALISED = re.compile(r"(?<![\w-])[A-Z][a-z’'-]{3,}(?![\w-])")


def variant_mentions(
    text: str, tags: TokenTags, persons: dict[str, Person], taken: SpanIndex, quotes: SpanIndex
) -> list[Mention]:
    """Proper nouns that spell a known person's surname a letter or two off ("Filatiev")."""
    names = [name for name in persons if len(name.split()) >= 2]
    found = []
    for match in CAPITALISED.finditer(text):
        start, end = match.span()
        if tags.tag_at(start) not in ("NNP", "NNPS") or taken.overlaps(start, end):
            continue
        owner = spelling_variant(match.group(), names)
        if owner and match.group() not in owner.split():
            found.append(Mention(start, end, match.group(), owner, "name", start in quotes))
            taken.add(start, end)
    return found


def part_of_another(name: str, names: Sequence[str]) -> bool:
    """Whether ``name`` is a short form of another of ``names`` ("al-Khatib", "Khatib")."""
    words = name.casefold().split()
    return any(
        len(other.split()) > len(words) and name_rank(other.casefold().split(), words)
        for other in names
    )


def name_rank(longer: list[str], shorter: list[str]) -> int:
    """2 when ``shorter`` is a run of words of ``longer``; 1 when it is its given name and
    one of its surnames ("Wilson Cedeño" of "Wilson Andrés Cedeño Macías": Spanish and
    Portuguese names drop a second given name and the mother's surname); else 0."""
    size = len(shorter)
    if any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1)):
        return 2
    return int(
        len(longer) >= 3 and size == 2 and shorter[0] == longer[0] and shorter[1] in longer[2:]
    )
