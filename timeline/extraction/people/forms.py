"""The shorter forms a known person's name is written in, and where the text writes them.

"Marcos Ibarra Soto" is also "Ibarra Soto", "Soto" and "Ibarra"; each such form the tagger
did not read as a name is a mention of the person of that form the story names first (or
the one a title before it fits), unless it runs on into a longer name.
"""

from __future__ import annotations

import re

from timeline.extraction.nlp import TokenTags, english_words
from timeline.extraction.people.aliases import variant_mentions
from timeline.extraction.people.model import Mention, Person
from timeline.extraction.people.names import titles_before
from timeline.extraction.people.resources import load_people_resources
from timeline.text.spans import SpanIndex

#: A hyphenated given name after a family name ("Chol-gyu" of "Ryom Chol-gyu").
HYPHENATED_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")
#: An Arabic article joined to a surname ("al-Burhan", "el-Sisi"): the story may drop it.
ARTICLE_JOINED = re.compile(r"(?:al|el|ul|ad|ar|as|ash|at|az|an)-(?P<bare>[A-Z]\w{3,})")


def short_forms(name: str) -> list[str]:
    """Forms a full name is also written in: its surname, and runs of two or more of its words.

    >>> short_forms("Marcos Ibarra Soto")
    ['Marcos Ibarra', 'Ibarra Soto', 'Soto', 'Ibarra']
    >>> short_forms("Omar al-Khatib")[-1]
    'Khatib'
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
    if len(words) >= 2 and (joined := ARTICLE_JOINED.fullmatch(words[-1])):
        forms.append(joined["bare"])  # "Burhan" of "Abdel Fattah al-Burhan"
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
    for given, name in _own_given_names(persons).items():
        if given not in owners:
            owners[given] = {name}  # "Then Artyom slipped away": a feature's first-name use
    found = []
    if not owners:
        return found
    forms = sorted(owners, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")
    for match in pattern.finditer(text):
        start, end = match.span()
        form, names = match.group(0), owners[match.group(0)]
        if not _read_as_name(text, start, form, tags.tag_at(start)) or taken.overlaps(start, end):
            continue
        if _inside_longer_name(text, tags, end):
            continue  # "Aung" of "Aung San Suu Kyi": a word of a longer name
        # "Sgt. Hrytsenko" after his wife "Kateryna Hrytsenko": the one with that title.
        written = set(titles_before(text, start, res)) if len(names) > 1 else set()
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


def _own_given_names(persons: dict[str, Person]) -> dict[str, str]:
    """Given names that only one known person has, are no English word and at least
    three letters long: each names its person when written alone ("Artyom" of "Artyom
    Volkov"). A family name written first ("Ryom Chol-gyu") is no given name."""
    firsts: dict[str, set[str]] = {}
    for name in persons:
        words = name.split()
        if len(words) >= 2 and not HYPHENATED_GIVEN.fullmatch(words[-1]):
            firsts.setdefault(words[0], set()).add(name)
    return {
        given: next(iter(names))
        for given, names in firsts.items()
        if len(names) == 1
        and len(given) >= 3
        and given[:1].isupper()
        and given[1:].islower()
        and given.lower() not in english_words()
        and given not in persons
    }


def _read_as_name(text: str, start: int, form: str, tag: str | None) -> bool:
    """Whether a known name's form at ``start``, which the tagger tagged ``tag``, is the name
    there: a proper noun, or a common noun that is no English word and follows no capitalised
    word ("Alizadeh says he refused", where the small model reads a sentence's first word as
    a noun; not the "Paing" of another man's "Thaw Zin Paing")."""
    if tag in ("NNP", "NNPS"):
        return True
    if tag not in ("NN", "NNS") or not form[:1].isupper() or form.lower() in english_words():
        return False
    return not WORD_BEFORE.search(text, max(0, start - 40), start)


#: A capitalised word right before, on the same line: the form ends a longer name (a
#: title's full stop ends the word: "Capt. X" is X).
WORD_BEFORE = re.compile(r"[A-Z][\w’'-]*[ \t]$")


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
