"""Names of people: cleaning spaCy's PERSON entities, judging them, joining short forms.

Titles and possessives are stripped, places, organisations and common nouns removed
by general rules, and a short form ("Horsey", "Aung Huling") is joined to the full name
used elsewhere in the document.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from timeline.extraction.nlp import TokenTags, english_words, entities
from timeline.extraction.people.aliases import variant_mentions
from timeline.extraction.people.cues import (
    aged_names,
    coordinated_names,
    described_names,
    family_first_name,
    foreign_names,
    full_name,
    kin_names,
    named_by_phrase,
    passive_names,
    register_names,
    role_names,
    shared_surnames,
)
from timeline.extraction.people.model import Mention, Person
from timeline.extraction.people.resources import (
    RANK_MODIFIERS,
    PeopleResources,
    load_people_resources,
)
from timeline.extraction.people.surfaces import POSSESSIVE, rejected_surfaces, whole_name
from timeline.extraction.places.gazetteer import gazetteer
from timeline.text.spans import SpanIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: A social-media handle written after a name ("Jane Roe @janeroe").
HANDLE = re.compile(r"\s*@\w+$")
AGE_BEFORE = re.compile(r"\b(\d{1,3})-year-old(?:\s+[a-z]+)?\s*,?\s+$")
RANK_WORD = re.compile(RANK_MODIFIERS)
DESCRIBING_SUFFIX = re.compile(r"-(?:based|born|led|backed|owned|run|made|linked|held)$")
AGE_AFTER = re.compile(r"^\s*,\s*(\d{1,3})\s*,")


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


def _titles_before(text: str, start: int, res: PeopleResources) -> list[str]:
    """Titles written just before a name ('captain Lin Het Aung', 'the sergeant, X')."""
    before = _preceding_text(text, start, 60)
    if not res.any_title_before.search(before):
        return []
    return [title for pattern, title in res.titles_before if pattern.search(before)]


def _age_near(text: str, start: int, end: int) -> int | None:
    before = AGE_BEFORE.search(_preceding_text(text, start, 40).replace(",", " "))
    if before:
        return int(before.group(1))
    after = AGE_AFTER.match(text[end : end + 12])
    return int(after.group(1)) if after else None


def named_mentions(
    doc: Doc, res: PeopleResources, text: str
) -> list[tuple[int, int, str, list[str], int | None]]:
    """The document's names of people: cleaned PERSON entities, then titled names the
    tagger missed, as (start, end, name, titles, age) in text order."""
    ents = [whole_name(ent, doc, text, res) for ent in entities(doc, text)]
    # A name the tagger split in two is one, once the second part took in the first.
    people = [(e.start_char, e.end_char) for e in ents if e.label_ == "PERSON"]
    ents = [
        e
        for e in ents
        if e.label_ != "PERSON"
        or not any(
            s <= e.start_char and e.end_char <= t and (s, t) != (e.start_char, e.end_char)
            for s, t in people
        )
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
        offset = ent.text.find(name)
        start = ent.start_char + max(offset, 0)
        end = start + len(name)
        start, name = _place_dropped(text, start, name)
        titles = titles + _titles_before(text, ent.start_char, res)
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
    found = [
        f
        for f in found
        if not any(s <= f[0] and f[1] <= e and (s, e) != f[:2] for s, e, *_ in whole)
    ]
    taken = [(start, end) for start, end, *_ in found]
    aged = whole + kin_names(doc, text, res.kinship)
    aged += role_names(doc, text, res.person_nouns, res.name_particles)
    aged += described_names(doc, text, res.person_nouns)
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
    for start, end, name, titles in missed:
        bare, more = strip_title(name, res)  # "Ma Thet Htar Swe, 31," found by its age
        if bare and bare != name:
            start, name, titles = start + len(name) - len(bare), bare, titles + more
        start, name = _place_dropped(text, start, name)
        if any(s < end and start < e for s, e in taken) or not plausible_name(name, res):
            continue
        if name in rejected and name not in marked:  # an age makes a person of any reading
            continue
        found.append((start, end, name, titles, _age_near(text, start, end)))
        taken.append((start, end))
    found = shared_surnames(text, sorted(found), res.family_plurals)
    return sorted(_honorifics_kept(found, text, res))


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


#: A hyphenated given name after a family name ("Chol-gyu" of "Ryom Chol-gyu").
HYPHENATED_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")


def short_forms(name: str) -> list[str]:
    """Forms a full name is also written in: its surname, and runs of two or more of its words.

    >>> short_forms("Marcos Ibarra Soto")
    ['Marcos Ibarra', 'Ibarra Soto', 'Soto', 'Ibarra']
    """
    words = name.split()
    forms = [
        " ".join(words[i:j])
        for i in range(len(words))
        for j in range(i + 2, len(words) + 1)
        if (i, j) != (0, len(words))
    ]
    if len(words) >= 2 and len(words[-1]) >= 4:
        forms.append(words[-1])
    if len(words) >= 3 and len(words[-2]) >= 5 and words[-2][:1].isupper():
        forms.append(words[-2])  # the first of two surnames: "Rondón" of "Wilmer Rondón Pacheco"
    if len(words) == 2 and HYPHENATED_GIVEN.fullmatch(words[1]):
        forms.append(words[0])  # a family name written first: "Ryom" of "Ryom Chol-gyu"
    return forms


def short_form_mentions(
    text: str,
    tags: TokenTags,
    persons: dict[str, Person],
    named: list[Mention],
    quotes: SpanIndex,
    other_names: dict[str, str] | None = None,
) -> list[Mention]:
    """Mentions the tagger missed: a known person's whole name, their surname or part of their
    name (a proper noun, going to the person of that form the story names first), another
    name the text gives them (``other_names``: alias -> name), or their surname spelt a
    letter or two off.
    Of several people with one surname, a title written before it picks the one it fits."""
    res = load_people_resources()
    taken = SpanIndex((m.start, m.end) for m in named)
    first_named: dict[str, int] = {}
    for mention in sorted(named, key=lambda m: m.start):
        first_named.setdefault(mention.person, mention.start)
    owners: dict[str, set[str]] = {}
    for name in persons:
        if " " in name:
            owners.setdefault(name, set()).add(name)  # the whole name where the tagger missed it
        for form in short_forms(name):
            owners.setdefault(form, set()).add(name)
            # "al-Khatib" opens a sentence as "Al-Khatib".
            owners.setdefault(form[:1].upper() + form[1:], set()).add(name)
    for alias, name in (other_names or {}).items():
        owners.setdefault(alias, set()).add(name)
    for mention in named:
        # A given name the text has used alone ("Kalsang told us") names that person elsewhere.
        if mention.kind == "name" and mention.text in mention.person.split()[:-1]:
            owners.setdefault(mention.text, set()).add(mention.person)
    found = []
    if not owners:
        return found
    forms = sorted(owners, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")
    for match in pattern.finditer(text):
        start, end = match.span()
        form, names = match.group(0), owners[match.group(0)]
        if tags.tag_at(start) not in ("NNP", "NNPS") or taken.overlaps(start, end):
            continue
        if _inside_longer_name(text, tags, end):
            continue  # "Aung" of "Aung San Suu Kyi": a word of a longer name
        # "Sgt. Hrytsenko" after his wife "Kateryna Hrytsenko": the one with that title.
        written = set(_titles_before(text, start, res)) if len(names) > 1 else set()
        fitting = [n for n in names if n in persons and written & persons[n].titles]
        candidates = sorted(fitting or names)
        # Of those, one whose name the text has written with this form already.
        shown = {m.person for m in named if m.start < start and form in m.text.split()}
        candidates = [n for n in candidates if n in shown] or candidates
        # Else the one the story names first, its protagonist ("Whitcombe" is the freed man
        # the story opens with, not his wife quoted later).
        person = min(candidates, key=lambda name: first_named.get(name, start))
        found.append(Mention(start, end, form, person, "name", start in quotes))
        taken.add(start, end)
    found += variant_mentions(text, tags, persons, taken, quotes)
    return found


#: A capitalised word right after a name's form, on the same line: the form is part of a
#: longer name ("Aung San Suu Kyi" holds "Aung", "Naing Win Tun" holds "Naing").
NAME_GOES_ON = re.compile(r" (?=[A-Z])")
#: A given name and a patronymic after a surname: the Russian official order, the same
#: person ("Petrov Ivan Sergeevich" in a wanted list).
GIVEN_AND_PATRONYMIC = re.compile(r" [A-Z][a-z]+ [A-Z][a-z]+(?:vich|vna|ichna|ich)\b")


def _inside_longer_name(text: str, tags: TokenTags, end: int) -> bool:
    """Whether the name form ending at ``end`` runs on into another proper noun."""
    if not NAME_GOES_ON.match(text, end) or tags.tag_at(end + 1) not in ("NNP", "NNPS"):
        return False
    return not GIVEN_AND_PATRONYMIC.match(text, end)


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


def _a_place(name: str) -> bool:
    """Whether the gazetteer knows ``name`` as a place of any kind."""
    return bool(gazetteer().lookup(name))


def _clipped(text: str, ent, res: PeopleResources) -> bool:
    """Whether an entity opening a sentence is a past-tense verb and a place of a clipped
    sentence ("Left Belarus for Poland in 2020"), not a name."""
    first, _, rest = ent.text.partition(" ")
    if not rest or text[max(0, ent.start_char - 2) : ent.start_char].strip() not in ("", "."):
        return False
    word = first.lower()
    english = english_words()
    past = word in res.clipped_verbs or (
        word.endswith("ed") and any(w in english for w in (word[:-1], word[:-2], word[:-3]))
    )
    return past and _a_place(rest)
