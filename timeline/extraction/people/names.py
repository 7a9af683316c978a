"""Names of people: cleaning spaCy's PERSON entities, judging them, joining short forms.

Titles and possessives are stripped, places, organisations and common nouns removed
by general rules, and a short form ("Horsey", "Aung Huling") is joined to the full name
used elsewhere in the document.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from timeline.extraction.nlp import english_words, entities
from timeline.extraction.people.cues import (
    PROPER,
    aged_names,
    coordinated_names,
    described_names,
    family_first_name,
    full_name,
    kin_names,
    named_by_phrase,
    passive_names,
    role_names,
    shared_surnames,
)
from timeline.extraction.people.foreign import foreign_names
from timeline.extraction.people.register import register_names
from timeline.extraction.people.resources import (
    RANK_MODIFIERS,
    PeopleResources,
)
from timeline.extraction.people.surfaces import (
    POSSESSIVE,
    guillemet_runs,
    in_guillemets,
    rejected_surfaces,
    whole_name,
)
from timeline.extraction.places.gazetteer import gazetteer
from timeline.text.spans import Enclosing, Taken

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: A social-media handle written after a name ("Jane Roe @janeroe").
HANDLE = re.compile(r"\s*@\w+$")
AGE_BEFORE = re.compile(r"\b(\d{1,3})-year-old(?:\s+[a-z]+)?\s*,?\s+$")
RANK_WORD = re.compile(RANK_MODIFIERS)
DESCRIBING_SUFFIX = re.compile(r"-(?:based|born|led|backed|owned|run|made|linked|held)$")
#: An age right after a name: "X, 26," "X, now 26," "X, a 26-year-old conscript".
AGE_AFTER = re.compile(r"^\s*,\s*(?:(?:now\s+|aged\s+)?(\d{1,3})\s*,|an?\s+(\d{1,3})-year-old\b)")


def strip_title(text: str, res: PeopleResources) -> tuple[str, list[str]]:
    """Remove leading titles: 'Senior General Min Aung' -> ('Min Aung', ['senior general'])."""
    match = res.title_pattern.match(text)
    if not match:
        return text, []
    found = []
    rest = match.group(0)
    for part in res.title_word.finditer(rest):
        key = " ".join(part.group(0).replace(".", " ").lower().split())
        entry = res.titles.get(key)
        if entry is None:
            continue
        after = text[part.end() :].split()
        if entry.get("honorific") and (len(after) < 2 or after[0].lower() == key):
            # "Ko Ko", "Ko Ko Gyi", "U Nu": the word is the name's own, not a title.
            return text[part.start() :], found
        found.append(entry["title"])
    return text[match.end() :], found


def clean_name(text: str, res: PeopleResources) -> tuple[str, list[str]]:
    """A PERSON entity's text as a bare name, and the titles it carried."""
    name = HANDLE.sub("", POSSESSIVE.sub("", text.strip())).strip(" ,.;:“”\"'’")
    # A speaker's label and what follows it ("Ana Ruiz: Fear, mostly"): the name is one side.
    name = max(name.split(":"), key=len).strip()
    name, titles = strip_title(name, res)
    name = " ".join(name.split())
    return name, titles


def plausible_name(name: str, res: PeopleResources) -> bool:
    """General checks that a cleaned entity names a person."""
    words = name.split()
    if not words or any(ch.isdigit() for ch in name):
        return False
    if not all(any(ch.isalpha() for ch in word) for word in words):
        return False  # an emoji or a symbol the tagger took for a name
    if not all(_capitalised(w, res) for w in words if w[0].isalpha()):
        return False
    if not any(w[0].isupper() or "-" in w for w in words):
        return False  # particles alone ("de la")
    if name.isupper() and len(name) <= 6:
        return False  # an acronym such as CDM or UN
    lower = name.lower()
    if lower in res.not_names or lower in res.titles or lower in res.months:
        return False
    if lower in res.person_nouns or lower in res.kinship:
        return False  # a heading's "Prisoner escapes from van" or "Mother speaks out"
    if all(_title_word(w, res) for w in words):
        return False  # a rank alone, however the tagger read it: "Staff Sgt."
    if DESCRIBING_SUFFIX.search(words[-1]):
        return False  # "a Mae Sot-based group": a description, no name
    if any(word.lower().strip(".,") in res.weekdays for word in words):
        return False  # "Monday", "Friday Jane": a date the tagger took for a name
    if len(words) > 1 and words[0].lower() in res.org_first_words:
        return False
    return words[-1].lower() not in res.org_words


def _title_word(word: str, res: PeopleResources) -> bool:
    """A word of a rank or title ("Sgt.", "Staff", "Chief"); not an honorific, which is
    also a given name ("Ko Ko", "U Nu")."""
    bare = word.lower().strip(".")
    entry = res.titles.get(bare)
    return bool(RANK_WORD.fullmatch(bare)) or (entry is not None and not entry.get("honorific"))


def _capitalised(word: str, res: PeopleResources) -> bool:
    """A name's word: capitalised, or a particle ("al", "van", "de"), or a particle joined
    to a capitalised part ("al-Khatib")."""
    if word[0].isupper() or word in res.name_particles:
        return True
    head, _, rest = word.partition("-")
    return head in res.name_particles and rest[:1].isupper()


def _preceding_text(text: str, start: int, width: int = 40) -> str:
    return text[max(0, start - width) : start]


def titles_before(text: str, start: int, res: PeopleResources) -> list[str]:
    """Titles written just before a name ('captain Lin Het Aung', 'the sergeant, X')."""
    before = _preceding_text(text, start, 60)
    if not res.any_title_before.search(before):
        return []
    return [title for pattern, title in res.titles_before if pattern.search(before)]


def _age_near(text: str, start: int, end: int) -> int | None:
    before = AGE_BEFORE.search(_preceding_text(text, start, 40).replace(",", " "))
    if before:
        return int(before.group(1))
    after = AGE_AFTER.match(text[end : end + 24])
    return int(after.group(1) or after.group(2)) if after else None


def named_mentions(
    doc: Doc, res: PeopleResources, text: str
) -> list[tuple[int, int, str, list[str], int | None]]:
    """The document's names of people: cleaned PERSON entities, then titled names the
    tagger missed, as (start, end, name, titles, age) in text order."""
    ents = [whole_name(ent, doc, text, res) for ent in entities(doc, text)]
    # A name the tagger split in two is one, once the second part took in the first.
    people = Enclosing((e.start_char, e.end_char) for e in ents if e.label_ == "PERSON")
    ents = [
        e for e in ents if e.label_ != "PERSON" or not people.encloses(e.start_char, e.end_char)
    ]
    rejected = rejected_surfaces(ents, text, res)
    found = []
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        if POSSESSIVE.sub("", ent.text).strip() in rejected:
            continue
        name, titles = clean_name(ent.text, res)
        if not plausible_name(name, res) or name in rejected or _clipped(text, ent, res):
            continue
        if _fronted_word(text, ent, res):
            continue
        if _names_a_place(text, ent.start_char + len(POSSESSIVE.sub("", ent.text)), res):
            continue
        offset = ent.text.find(name)
        start = ent.start_char + max(offset, 0)
        end = start + len(name)
        start, name = _place_dropped(text, start, name)
        titles = titles + titles_before(text, ent.start_char, res)
        name = family_first_name(text, name)  # "Ryom" of "Ryom Chol-gyu"
        found.append((start, end, name, titles, _age_near(text, start, end)))
    # A register's entry names its person in its own order, whatever the tagger read there.
    register = register_names(text)
    found = [f for f in found if not any(s < f[1] and f[0] < e for s, e, *_ in register)]
    found += [(start, end, name, titles, None) for start, end, name, titles in register]
    # A name an age marks ("Marvin Nahún Cárcamo Zelaya, 34,") or a naming phrase announces
    # ("a man identified as Han Tae-ho") is whole where the tagger read only some of its words.
    whole = aged_names(doc, text)
    whole += named_by_phrase(doc, text, res.person_nouns, res.naming_phrases)
    wholes = Enclosing((s, e) for s, e, *_ in whole)
    found = [f for f in found if not wholes.encloses(f[0], f[1])]
    taken = Taken((start, end) for start, end, *_ in found)
    aged = whole + kin_names(doc, text, res.kinship)
    aged += role_names(doc, text, res.person_nouns, res.name_particles)
    aged += described_names(doc, text, res.person_nouns, res.name_particles)
    aged += passive_names(doc, text, res.person_passives)
    # "Mr Tolera" stands for "Gemechu Tolera" when the story writes that.
    titled = [
        (start, end, full_name(doc, text, name, res.title_word), titles)
        for start, end, name, titles in _titled_names(text, res)
    ]
    missed = titled + coordinated_names(doc, text, found) + aged
    surnames = frozenset(name.split()[-1] for _, _, name, _, _ in found if " " in name)
    missed += foreign_names(
        doc,
        text,
        english_words(),
        _a_place,
        res.foreign_name_words,
        res.name_particles,
        res.org_words,
        surnames,
    )
    marked = {name for _, _, name, _ in aged} | {strip_title(n, res)[0] for _, _, n, _ in aged}
    runs = guillemet_runs(text)
    for start, end, name, titles in missed:
        bare, more = strip_title(name, res)  # "Ma Thet Htar Swe, 31," found by its age
        if bare and bare != name:
            start, name, titles = start + len(name) - len(bare), bare, titles + more
        start, name = _place_dropped(text, start, name)
        if taken.overlaps(start, end) or not plausible_name(name, res):
            continue
        if name in rejected and name not in marked:  # an age makes a person of any reading
            continue
        if in_guillemets(name, runs):  # "the project «Bez Prikaza»": a group's name
            continue
        found.append((start, end, name, titles, _age_near(text, start, end)))
        taken.add(start, end)
    for start, end, name in longer_forms(doc, text, [f[2] for f in found], res):
        inside = [f for f in found if start <= f[0] and f[1] <= end]
        titles = [t for f in inside for t in f[3]] + titles_before(text, start, res)
        found = [f for f in found if f not in inside]
        found.append((start, end, name, titles, _age_near(text, start, end)))
    found = shared_surnames(text, sorted(found), res.family_plurals)
    return sorted(_honorifics_kept(found, text, res))


#: Up to two capitalised words right before a name, on its line.
WORDS_BEFORE = r"(?<![\w’'.-])(?:[A-Z][\w’'-]+[^\S\n]+){{1,2}}{name}(?![\w’'-])"
CAPITALISED = re.compile(r"[A-Z][\w’'-]+")
#: Towns this big are read as places before a name; the gazetteer's small towns share
#: their names with many given names ("Marta", "Alberto").
CITY = 100_000


def longer_forms(
    doc: Doc, text: str, names: list[str], res: PeopleResources
) -> list[tuple[int, int, str]]:
    """Where a name of two words or more is written whole with given names before it that
    the tagger took into another entity ("of the National Police Jairo Alberto Ruiz Mora"
    for "Ruiz Mora"), the whole name at each place it is written: (start, end, name).
    Titles, initials, English words, regions and cities before it are no given names; two
    different longer forms (two of one family) leave the name as it is."""
    english = english_words()

    def given(word: str) -> bool:
        lower = word.lower()
        return word[1:2].islower() and not (  # "BSUIR" is a body's initials
            any(res.title_word.fullmatch(part) for part in word.split("-"))  # "Lt-Col"
            or lower in res.org_words
            or lower in english
            or any(e.kind != "town" or e.population >= CITY for e in gazetteer().lookup(word))
        )

    found = []
    for name in {n for n in names if " " in n}:
        forms: dict[str, list[tuple[int, int]]] = {}
        for match in re.finditer(WORDS_BEFORE.format(name=re.escape(name)), text):
            words = list(CAPITALISED.finditer(text, match.start(), match.end() - len(name)))
            while words and not given(words[0].group(0)):
                words.pop(0)
            span = words and doc.char_span(words[0].start(), match.end())
            if not span or any(token.tag_ not in PROPER for token in span):
                continue
            forms.setdefault(span.text, []).append((span.start_char, span.end_char))
        if len(forms) == 1:
            ((whole, places),) = forms.items()
            found += [(start, end, whole) for start, end in places]
    return found


def _titled_names(text: str, res: PeopleResources) -> list[tuple[int, int, str, list[str]]]:
    """Names the tagger missed but a capitalised title announces ('Corporal Zaw Min')."""
    found = []
    for match in res.titled_name_pattern.finditer(text):
        name = POSSESSIVE.sub("", match.group("name")).strip()
        if plausible_name(name, res):
            key = " ".join(match.group("title").replace(".", " ").lower().split())
            title = res.titles.get(key, {}).get("title")
            start = match.start("name")
            found.append((start, start + len(name), name, [title] if title else []))
    return found


#: A preposition of place right before a name: "a teacher from Hrodna Alena Savitskaya".
PLACE_PREPOSITION = re.compile(r"\b(?:from|in|of|near)\s+$")


def _honorifics_kept(found: list, text: str, res: PeopleResources) -> list:
    """Names the tagger cut after an honorific that is their own word, as ``strip_title``
    keeps it: "Ma Thida" (one word after it), "Ko Ko Gyi" (the same word again)."""
    words = [k for k, v in res.titles.items() if v.get("honorific")]
    if not words:
        return found
    before = re.compile(r"(?:^|(?<=\s))(" + "|".join(w.capitalize() for w in words) + r")\s+$")
    kept = []
    for start, end, name, titles, age in found:
        match = before.search(text, max(0, start - 6), start)
        first = name.split()[0].lower()
        if match and (" " not in name or first == match.group(1).lower()):
            start, name = match.start(1), f"{match.group(1)} {name}"
        kept.append((start, end, name, titles, age))
    return kept


def _place_dropped(text: str, start: int, name: str) -> tuple[int, str]:
    """``name`` (at ``start``) without the place the tagger took into it after a preposition
    of place ("from Hrodna Alena Savitskaya" is Alena Savitskaya from Hrodna)."""
    first, _, rest = name.partition(" ")
    if (
        len(rest.split()) >= 2
        and PLACE_PREPOSITION.search(text, max(0, start - 8), start)
        and _a_place(first)
    ):
        return start + len(first) + 1, rest
    return start, name


#: "'s" and the capitalised word after it: "Kerry Rowe's Bay".
POSSESSED_WORD = re.compile(r"['’]s\s+([A-Z][a-z]+)\b")


def _names_a_place(text: str, end: int, res: PeopleResources) -> bool:
    """Whether the name ending at ``end`` is the start of a place's name ("Kerry Rowe's Bay")."""
    after = POSSESSED_WORD.match(text, end)
    return bool(after and after[1].lower() in res.possessive_place_words)


def _a_place(name: str) -> bool:
    """Whether the gazetteer knows ``name`` as a place of any kind."""
    return bool(gazetteer().lookup(name))


def _clipped(text: str, ent, res: PeopleResources) -> bool:
    """Whether an entity opening a sentence is a past-tense verb and a place of a clipped
    sentence ("Left Belarus for Poland in 2020"), not a name."""
    first, _, rest = ent.text.partition(" ")
    if not rest or not _opens_sentence(text, ent.start_char):
        return False
    word = first.lower()
    english = english_words()
    past = word in res.clipped_verbs or (
        word.endswith("ed") and any(w in english for w in (word[:-1], word[:-2], word[:-3]))
    )
    return past and _a_place(rest)


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the text at ``start`` opens a sentence: only a full stop or nothing (a line's
    start) in the two characters before it."""
    return text[max(0, start - 2) : start].strip() in ("", ".")


#: The word after an entity.
WORD_AFTER = re.compile(r"\s+([a-z]+)\b")


def _fronted_word(text: str, ent, res: PeopleResources) -> bool:
    """Whether a one-word entity opening a sentence is an English adjective or participle
    before its complement ("Unsure whether the guards had seen her, she ..."), not a name."""
    if " " in ent.text or not _opens_sentence(text, ent.start_char):
        return False
    after = WORD_AFTER.match(text, ent.end_char)
    return bool(
        after and after[1] in res.fronted_complements and ent.text.lower() in english_words()
    )
