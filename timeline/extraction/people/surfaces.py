"""Which of the tagger's PERSON entities are people, and how far each name reaches.

A surface the document itself shows to be a place or an organisation (written after
"the", tagged otherwise more often, part of a place's name, only ever after "in" or
"near") is no person; a name the tagger cut short takes the given names before it and
the surnames after it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from timeline.extraction.nlp import Entity, english_words
from timeline.extraction.people.resources import PeopleResources
from timeline.extraction.places.gazetteer import gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc

POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
#: A determiner that makes the one word after it a common noun ("every other Hongkonger").
COUNTED_BEFORE = re.compile(r"\b(?:a|an|every|each|any|another|other)\s+$", re.IGNORECASE)
#: Words that put a place, not a person, right after them ("a checkpoint outside Kalay"),
#: a point of the compass allowed between ("units in northern Kalay"), or a point of the
#: compass and "of" ("the hills east of Kalay"), or a place noun and "of" ("the border
#: village of Kalay").
PLACE_WORD_BEFORE = re.compile(
    r"\b(?:in|at|on|near|outside|inside|towards?|across|around|along|into|via|from)\s+"
    r"(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?\s+|(?:east|west)(?:ern)?\s+|central\s+)?$"
    r"|\b(?:(?:north|south)(?:-?(?:east|west))?|east|west|outskirts|edge)\s+of\s+$"
    r"|\b(?:village|town|city|port|hamlet|township|district|province|region|county)\s+of\s+$"
)
#: A common noun of places right after a word: "the Rostov region", "Hpa-an township"; or
#: set beside it as what the word is: "Kalay, a town near the border" (not "X, a former
#: border guard").
PLACE_NOUN_AFTER = re.compile(
    r"^['’]?s?\s+(?:region|province|district|oblast|state|county|city|town|village|"
    r"prefecture|governorate|township|municipality|bay|island|valley|border|bridge|"
    r"river|crossing|checkpoint|airport|airbase|highway|road|street|avenue)\b"
    r"|^,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:town|city|village|township|district|province|"
    r"region|county|municipality|prefecture|oblast|governorate)(?=[\s,.;:)]+(?:in|of|on|near|"
    r"about|some|north|south|east|west|outside|\d)\b|[,.;:)]|$)"
)


def rejected_surfaces(ents: Sequence[Entity], text: str, res: PeopleResources) -> set[str]:
    """Surface forms that the document itself shows are not people.

    A form written after "the" ("the Tatmadaw") or tagged as an organisation or
    place more often than as a person is not a person anywhere in the document.
    """
    as_person: Counter[str] = Counter()
    as_other: Counter[str] = Counter()
    as_organisation: Counter[str] = Counter()
    after_place_word: Counter[str] = Counter()
    before_place_noun: Counter[str] = Counter()
    with_article: set[str] = set()
    named_after_the: set[str] = set()
    counted: set[str] = set()
    for ent in ents:
        key = POSSESSIVE.sub("", ent.text).strip()
        if ent.label_ == "PERSON":
            as_person[key] += 1
            noun_after = PLACE_NOUN_AFTER.match(text[ent.end_char : ent.end_char + 40])
            if (
                PLACE_WORD_BEFORE.search(text, max(0, ent.start_char - 28), ent.start_char)
                or noun_after
                or _moved_to(text[max(0, ent.start_char - 20) : ent.start_char], res)
            ):
                after_place_word[key] += 1
            if noun_after and not _kin_before(text, ent.start_char, res):
                before_place_noun[key] += 1
            if THE_BEFORE.search(text, max(0, ent.start_char - 5), ent.start_char):
                with_article.add(key)
            if " " not in key and COUNTED_BEFORE.search(
                text, max(0, ent.start_char - 9), ent.start_char
            ):
                counted.add(key)
        elif ent.label_ in ("ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT"):
            if POSSESSIVE.search(ent.text) and _kin_after(text, ent.end_char, res):
                as_person[key] += 1  # "X's wife": whatever the tagger says, a person's
                continue
            bare = key[4:] if key.lower().startswith("the ") else key
            as_other[bare] += 1
            if ent.label_ in ("ORG", "PRODUCT"):
                as_organisation[bare] += 1
            if key.lower().startswith("the "):
                with_article.add(bare)
            elif THE_BEFORE.search(text, max(0, ent.start_char - 5), ent.start_char):
                named_after_the.add(bare)
    # "Ford Falcon" where "Ford" is an organisation: a product or a company's unit, no person.
    # (A place first is no sign: a family name comes first in Chinese names, "Liang Wei".)
    # The organisation reading must outnumber the first word's person readings: one stray
    # ORG tag on "Viktar" does not unmake "Viktar Lahun", written as a person six times.
    leads: Counter[str] = Counter()
    for key, count in as_person.items():
        if key.split():
            leads[key.split()[0]] += count
    # The rest of such a name is a word ("Falcon", "Motors"): a given name the tagger took
    # for an organisation ("Dawit ... Dawit Ghebremedhin") is followed by a family name.
    english = english_words()
    led_by_other = {
        k
        for k in as_person
        if len(k.split()) > 1
        and as_organisation[k.split()[0]] >= leads[k.split()[0]]
        and any(w.lower() in english for w in k.split()[1:])
    }
    # A surname the tagger also read as a place once is still part of a full name the
    # document gives ("Rosa Quintero ... Quintero, a judge"; "Liang Wei ... Ms Liang"):
    # the full name decides.
    # (Only words: "Africa › Mali", a breadcrumb the tagger read as a person, is no name.)
    full_names = [
        words
        for words in (k.split() for k in as_person)
        if len(words) > 1
        and all(w[:1].isalpha() for w in words)
        and words[-1].lower() not in res.org_words
    ]
    surnames = {part for words in full_names for part in (words[0], words[-1])}
    # ... and so is one whose part the document writes with a personal title ("his lawyer
    # Ana Sirvent ... (Photo: Ana Sirvent) ... Ms Sirvent said"), however a credit was tagged.
    titled = {_untitled(k, res) for k in as_person} - set(as_person)
    outvoted = {
        k
        for k in as_person
        if as_other[k] >= as_person[k] and k not in surnames and not titled & set(k.split())
    }
    # A one-word "name" only ever written after "in", "near", "outside" or "transferred
    # to", or before "region", is a town, and so is one written so at least twice and in
    # most of its mentions ("from Lisk ... in Lisk ... a Lisk cook ... flat in Lisk"),
    # unless it is part of a full name; and one that is part of a place's or an
    # organisation's name ("Rakhine" of "Rakhine State", "Fenmarsh" of "HMP Fenmarsh").
    places = {
        k
        for k in as_person
        if " " not in k
        and (
            after_place_word[k] == as_person[k]
            or (
                k not in surnames
                and after_place_word[k] >= 2
                and 2 * after_place_word[k] >= as_person[k]
            )
        )
    }
    leading = {word for o in as_other if " " in o for word in o.split()} | {
        k.split()[0] for k in as_person if " " in k and k.split()[-1].lower() in res.org_words
    }
    heads = {k for k in as_person if " " not in k and k in leading and k not in surnames}
    # A name of several words the tagger read as a person at least twice, and only ever
    # after "in", "near" or "outside" ("a clinic in Mae Sot ... building sites in Mae Sot").
    places |= {
        k
        for k in as_person
        if " " in k and as_person[k] >= 2 and after_place_word[k] == as_person[k]
    }
    # ... and one only ever written before "district", "province" or "river" ("a former
    # Sha Tin district councillor"), even once.
    places |= {k for k in as_person if " " in k and before_place_noun[k] == as_person[k]}
    # A one-word "name" the text writes before "region" or "province" anywhere, tagged or
    # not ("Ethiopia's Kordofa region ... the war in Kordofa"), unless a full name's part.
    places |= {
        k for k in as_person if " " not in k and k not in surnames and _named_as_place(text, k)
    }
    # "the project «Bez Prikaza»": guillemets hold names of groups, papers and films.
    runs = guillemet_runs(text)
    heads |= {k for k in as_person if k not in surnames and in_guillemets(k, runs)}
    # "Myawady said ..." where the text also writes "Myawady TV": the broadcaster.
    heads |= {
        k
        for k in as_person
        if " " not in k and k not in surnames and _leads_organisation(text, k, res.org_words)
    }
    # "the attack on Kyiv": a one-word "name" that is a country or a city of half a million,
    # and no part of a full name the document gives, is that place.
    known = {k for k in as_person if " " not in k and k not in surnames and _a_large_place(k)}
    # ... and so is a name of several words that is a country's ("Burkina Faso"), or a
    # town's the text writes as a place at least once ("a compound near Wadi Harem").
    known |= {k for k in as_person if " " in k and _a_country(k)}
    known |= {k for k in as_person if " " in k and after_place_word[k] and _a_town(k)}
    # A one-word "name" the gazetteer knows as a town, written or tagged once as a place
    # ("the command in Kyaukmaw ... had fled Kyaukmaw"), unless a full name's part.
    known |= {
        k
        for k in as_person
        if " " not in k
        and k not in surnames
        and (after_place_word[k] or as_other[k])
        and _a_town(k)
    }
    # "every other Hongkonger": a common noun, unless a full name's part ("a Lisk cook").
    counted -= surnames
    # "the Ana Ruiz military school": a name the tagger read as an organisation's, after
    # "the", is that organisation's, unless the tagger also read it as a person.
    with_article |= {k for k in named_after_the if k not in as_person and k not in surnames}
    return with_article | led_by_other | outvoted | places | heads | known | counted


def _untitled(name: str, res: PeopleResources) -> str:
    """``name`` without the title it opens with ("Ms Sirvent" -> "Sirvent")."""
    match = res.title_pattern.match(name)
    return name[match.end() :].strip() if match else name


#: The word after a name's "'s".
NEXT_WORD = re.compile(r"\s*([a-z-]+)")


def _kin_after(text: str, end: int, res: PeopleResources) -> bool:
    """Whether a kin word follows the possessive ending at ``end`` ("X's wife")."""
    word = NEXT_WORD.match(text, end)
    return bool(word and word[1] in res.kinship)


#: The word right before a name ("his aunt X").
PREVIOUS_WORD = re.compile(r"(\w+)\s+$")


def _kin_before(text: str, start: int, res: PeopleResources) -> bool:
    """Whether a kin word stands right before the name at ``start`` ("his aunt X's village"
    is a person's village, not a place named X)."""
    word = PREVIOUS_WORD.search(text, max(0, start - 20), start)
    return bool(word and word[1].lower() in res.kinship)


def _a_town(name: str) -> bool:
    """Whether the gazetteer knows ``name`` as a town or a region."""
    return any(e.kind in ("town", "region") for e in gazetteer().lookup(name))


def _named_as_place(text: str, word: str) -> bool:
    """Whether ``text`` writes ``word`` before a common noun of places ("Kordofa region")."""
    for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
        if PLACE_NOUN_AFTER.match(text[match.end() : match.end() + 40]):
            return True
    return False


def guillemet_runs(text: str) -> list[str]:
    """What ``text`` sets in guillemets ("the group «Vesna»": "Vesna"), read once per text."""
    return [match.group(1) for match in GUILLEMETS.finditer(text)]


def in_guillemets(name: str, runs: Sequence[str]) -> bool:
    """Whether ``name`` stands inside one of the ``runs`` of :func:`guillemet_runs`."""
    return any(name in run for run in runs)


#: A stretch in guillemets, as Russian and Ukrainian outlets set names of organisations.
GUILLEMETS = re.compile(r"«([^«»\n]{1,80})»")


def _leads_organisation(text: str, word: str, org_words: frozenset[str]) -> bool:
    """Whether ``text`` writes ``word`` before a capitalised organisation word ("Myawady
    TV", "Kalay Township")."""
    for match in re.finditer(rf"(?<![\w-]){re.escape(word)} ([A-Z][A-Za-z]*)\b", text):
        if match.group(1).lower() in org_words:
            return True
    return False


#: People a town needs for its name alone to mean it rather than a person.
LARGE_TOWN = 500_000


def _a_large_place(word: str) -> bool:
    """Whether a single word names a country or a town of ``LARGE_TOWN`` people or more."""
    return any(
        e.kind == "country" or (e.kind == "town" and e.population >= LARGE_TOWN)
        for e in gazetteer().lookup(word)
    )


def _a_country(name: str) -> bool:
    """Whether ``name`` is a country's name."""
    return any(e.kind == "country" for e in gazetteer().lookup(name))


#: "<verb> to " just before a name (the verb is checked against the word list).
MOVED_TO = re.compile(r"\b([a-z]+)\s+to\s+$")


def _moved_to(before: str, res: PeopleResources) -> bool:
    """Whether the text before a name ends with a verb of being moved and "to"."""
    match = MOVED_TO.search(before)
    return bool(match) and match.group(1) in res.destination_verbs


def whole_name(ent: Entity, doc: Doc, text: str, res: PeopleResources) -> Entity:
    """A PERSON entity with the given names the tagger left out of it: proper nouns right
    before it on the same line that no other entity holds ("Tomás" of "Tomás Herrera",
    when only "Herrera" is tagged), and surnames right after it. Titles, weekdays and
    months stay outside."""
    if ent.label_ != "PERSON":
        return ent
    span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="expand")
    if span is None:
        return ent
    start, end = ent.start_char, ent.end_char
    index = span.start - 1
    while index >= 0 and span.start - index <= 2:
        token = doc[index]
        if not _name_part(token, res) or token.whitespace_ != " ":
            break
        start = token.idx
        index -= 1
    # ... and the surnames after it ("José Gregorio" of "José Gregorio Briceño Linares"),
    # and the rest of a hyphenated given name ("Ri Sun" of "Ri Sun-ok").
    index = span.end
    if (
        index + 1 < len(doc)
        and doc[index].text in ("-", "‑")
        and not doc[index - 1].whitespace_
        and not doc[index].whitespace_
        and doc[index + 1].is_alpha
    ):
        end = doc[index + 1].idx + len(doc[index + 1].text)
        index += 2
    elif (
        index < len(doc)
        and doc[index - 1].text in ("-", "‑")
        and not doc[index - 1].whitespace_
        and doc[index].is_alpha
    ):  # the tagger kept the hyphen but not what follows it ("Yeom Cheol-" of "Cheol-gyu")
        end = doc[index].idx + len(doc[index].text)
        index += 1
    while index < len(doc) and index - span.end < 2 and not POSSESSIVE.search(ent.text):
        token = doc[index]
        if not _name_part(token, res, after=True) or doc[index - 1].whitespace_ != " ":
            break
        end = token.idx + len(token.text)
        index += 1
    if (start, end) == (ent.start_char, ent.end_char):
        return ent
    return Entity(start, end, ent.label_, text[start:end])


def _name_part(token, res: PeopleResources, after: bool = False) -> bool:
    """A proper noun outside any entity, or in a name the tagger cut off right before
    ("Darwin" of "Darwin Steven Mera" read as two people), that can be part of a name (no
    title, weekday, month, organisation or place word). ``after`` a tagged name, any
    capitalised noun counts, even one the tagger took for part of a date ("Linares to 25
    years"); before it, a capitalised noun that is no English word."""
    word = token.text.lower().strip(".")
    # A foreign given name the tagger took for a common noun ("Yahor" opening a sentence).
    unknown = token.tag_ in ("NN", "NNS") and word not in english_words()
    return (
        (token.tag_ == "NNP" or ((after or unknown) and token.tag_.startswith("NN")))
        and token.ent_type_ in (("", "DATE") if after else ("", "PERSON"))
        and token.text[:1].isupper()
        and token.is_alpha
        and word not in res.titles
        and word not in res.weekdays
        and word not in res.months
        and word not in res.not_names
        and word not in res.org_words
    )
