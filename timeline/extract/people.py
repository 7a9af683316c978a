"""Who: people named in a document, their short forms, pronouns and nominal mentions.

spaCy's PERSON entities are cleaned by general rules (titles and possessives
stripped, places, organisations and common nouns removed), short forms are
joined to the full name used elsewhere in the document, and pronouns and
mentions such as "the sergeant" or "the 29-year-old" are resolved to the
most recent compatible person.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources as package_resources
from pathlib import Path

import yaml
from spacy.tokens import Doc

from timeline.extract.temporal.finder import TokenTags
from timeline.text.checks import strip_invisible
from timeline.text.spans import SpanIndex

POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
QUOTE_OPEN = '“"«'
QUOTE_CLOSE = '”"»'
AGE_BEFORE = re.compile(r"\b(\d{1,3})-year-old(?:\s+[a-z]+)?\s*,?\s+$")
AGE_AFTER = re.compile(r"^\s*,\s*(\d{1,3})\s*,")
WORD = re.compile(r"[\w’'-]+|[^\w\s]")


@dataclass(frozen=True)
class PeopleResources:
    """Titles and word lists used to find people."""

    titles: dict[str, dict]
    pronouns: dict[str, str]
    first_person: frozenset[str]
    reporting_verbs: frozenset[str]
    not_names: frozenset[str]
    org_words: frozenset[str]
    nominal_modifiers: frozenset[str]
    nominal_determiners: frozenset[str]
    title_pattern: re.Pattern = field(repr=False, default=re.compile("(?!)"))
    title_word: re.Pattern = field(repr=False, default=re.compile("(?!)"))
    titles_before: tuple[tuple[re.Pattern, str], ...] = ()
    any_title_before: re.Pattern = field(repr=False, default=re.compile("(?!)"))
    nominal_pattern: re.Pattern = field(repr=False, default=re.compile("(?!)"))
    titled_name_pattern: re.Pattern = field(repr=False, default=re.compile("(?!)"))
    pronoun_pattern: re.Pattern = field(repr=False, default=re.compile("(?!)"))
    title_gender: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=2)
def load_people_resources(language: str = "en") -> PeopleResources:
    """Load the title and word lists of ``language`` (cached)."""
    folder = Path(str(package_resources.files("timeline") / "resources" / language / "people"))
    titles = yaml.safe_load((folder / "titles.yaml").read_text(encoding="utf-8"))
    words = yaml.safe_load((folder / "words.yaml").read_text(encoding="utf-8"))
    alternatives = sorted(titles, key=len, reverse=True)
    pattern = "|".join(r"\.?\s+".join(map(re.escape, t.split())) + r"\.?" for t in alternatives)
    return PeopleResources(
        titles={k.lower(): v for k, v in titles.items()},
        pronouns=dict(words["pronouns"]),
        first_person=frozenset(words["first_person"]),
        reporting_verbs=frozenset(words["reporting_verbs"]),
        not_names=frozenset(w.lower() for w in words["not_names"]),
        org_words=frozenset(w.lower() for w in words["organisation_or_place_words"]),
        nominal_modifiers=frozenset(words["nominal_modifiers"]),
        nominal_determiners=frozenset(words["nominal_determiners"]),
        title_pattern=re.compile(rf"^(?:(?:{pattern})\s+)+", re.IGNORECASE),
        title_word=re.compile(rf"(?:{pattern})(?=\s|$)", re.IGNORECASE),
        titles_before=tuple(_title_before_pattern(k, v) for k, v in titles.items()),
        any_title_before=re.compile(
            "|".join(f"(?:{_title_before_pattern(k, v)[0].pattern})" for k, v in titles.items()),
            re.IGNORECASE,
        ),
        title_gender={v["title"]: v["gender"] for v in titles.values() if v.get("gender")},
        nominal_pattern=_nominal_pattern(titles, words),
        titled_name_pattern=_titled_name_pattern(titles),
        pronoun_pattern=re.compile(
            r"(?<![\w’'-])(?:"
            + "|".join(
                map(
                    re.escape,
                    sorted({*words["pronouns"], *words["first_person"]}, key=len, reverse=True),
                )
            )
            + r")(?![\w-])",
            re.IGNORECASE,
        ),
    )


def _nominal_pattern(titles: dict, words: dict) -> re.Pattern:
    heads = "|".join(
        r"\.?\s+".join(map(re.escape, t.split()))
        for t in sorted(titles, key=len, reverse=True)
        if len(t) > 2
    )
    mods = "|".join(map(re.escape, words["nominal_modifiers"]))
    dets = "|".join(map(re.escape, words["nominal_determiners"]))
    return re.compile(
        rf"\b(?:{dets})\s+(?:(?:{mods}|\d{{1,3}}-year-old)\s+)?"
        rf"(?P<head>\d{{1,3}}-year-old|(?:{heads}))\b(?!\s+(?-i:[A-Z]))",
        re.IGNORECASE,
    )


def _titled_name_pattern(titles: dict) -> re.Pattern:
    forms = []
    for key in sorted(titles, key=len, reverse=True):
        parts = key.split()
        if len(parts[0]) < 2:
            continue
        parts[0] = parts[0][0].upper() + parts[0][1:]
        forms.append(
            r"\.?\s+".join(re.escape(p if i == 0 else p.capitalize()) for i, p in enumerate(parts))
            + r"\.?"
        )
    name = r"[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){0,3}"
    return re.compile(rf"\b(?P<title>{'|'.join(forms)})\s+(?P<name>{name})")


def _title_before_pattern(key: str, spec: dict) -> tuple[re.Pattern, str]:
    """A title right before a name; common-word titles ('miss', 'major') only when capitalised."""
    words = key.split()
    if spec.get("capitalised"):
        first = words[0]
        words[0] = f"[{first[0].upper()}]{re.escape(first[1:])}"
        body = r"\.?\s+".join([words[0], *map(re.escape, words[1:])])
        return re.compile(rf"\b{body}\.?,?\s+$"), spec["title"]
    body = r"\.?\s+".join(map(re.escape, words))
    return re.compile(rf"\b{body}\.?,?\s+$", re.IGNORECASE), spec["title"]


@dataclass(frozen=True)
class Mention:
    """A place in the text that refers to a person."""

    start: int
    end: int
    text: str
    person: str
    kind: str  # "name", "pronoun", "nominal" or "speaker"
    in_quote: bool = False


@dataclass
class Person:
    """A person named in the document, with what the text says of them."""

    name: str
    titles: set[str] = field(default_factory=set)
    ages: set[int] = field(default_factory=set)
    gender: str | None = None
    first_offset: int = 0


@dataclass
class People:
    """Everyone found in a document and every mention of them, in text order."""

    persons: dict[str, Person]
    mentions: list[Mention]

    def __post_init__(self) -> None:
        self.mentions.sort(key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]

    def in_span(self, start: int, end: int) -> list[Mention]:
        """Mentions that lie inside [start, end)."""
        low = bisect.bisect_left(self._starts, start)
        high = bisect.bisect_left(self._starts, end)
        return [m for m in self.mentions[low:high] if m.end <= end]


# ---------------------------------------------------------------- names


def strip_title(text: str, res: PeopleResources) -> tuple[str, list[str]]:
    """Remove leading titles: 'Senior General Min Aung' -> ('Min Aung', ['senior general'])."""
    match = res.title_pattern.match(text)
    if not match:
        return text, []
    found = []
    rest = match.group(0)
    for part in res.title_word.finditer(rest):
        key = " ".join(part.group(0).replace(".", " ").lower().split())
        if key in res.titles:
            found.append(res.titles[key]["title"])
    return text[match.end() :], found


def clean_name(text: str, res: PeopleResources) -> tuple[str, list[str]]:
    """A PERSON entity's text as a bare name, and the titles it carried."""
    name = POSSESSIVE.sub("", text.strip()).strip(" ,.;:“”\"'’")
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
    if not all(w[0].isupper() for w in words if w[0].isalpha()):
        return False
    if name.isupper() and len(name) <= 6:
        return False  # an acronym such as CDM or UN
    lower = name.lower()
    if lower in res.not_names or lower in res.titles:
        return False
    return words[-1].lower() not in res.org_words


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


@dataclass(frozen=True)
class Entity:
    """A named entity as character offsets and a label."""

    start_char: int
    end_char: int
    label_: str
    text: str


THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def entities(doc: Doc, text: str) -> list[Entity]:
    """The document's entities, read from its arrays (Doc.ents builds a Token per word)."""
    if not len(doc):
        return []
    array = doc.to_array(["IDX", "LENGTH", "ENT_IOB", "ENT_TYPE"])
    strings = doc.vocab.strings
    found: list[list] = []
    for idx, length, iob, label in array.tolist():
        if iob == 3:  # B: an entity begins
            found.append([idx, idx + length, strings[label]])
        elif iob == 1 and found:  # I: it goes on
            found[-1][1] = idx + length
    return [Entity(start, end, label, text[start:end]) for start, end, label in found]


def _rejected_surfaces(ents: Sequence[Entity], text: str) -> set[str]:
    """Surface forms that the document itself shows are not people.

    A form written after "the" ("the Tatmadaw") or tagged as an organisation or
    place more often than as a person is not a person anywhere in the document.
    """
    as_person: Counter[str] = Counter()
    as_other: Counter[str] = Counter()
    with_article: set[str] = set()
    for ent in ents:
        key = POSSESSIVE.sub("", ent.text).strip()
        if ent.label_ == "PERSON":
            as_person[key] += 1
            if THE_BEFORE.search(text, max(0, ent.start_char - 5), ent.start_char):
                with_article.add(key)
        elif ent.label_ in ("ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT"):
            bare = key[4:] if key.lower().startswith("the ") else key
            as_other[bare] += 1
            if key.lower().startswith("the "):
                with_article.add(bare)
    return with_article | {k for k in as_person if as_other[k] >= as_person[k]}


def _named_mentions(
    doc: Doc, res: PeopleResources, text: str
) -> list[tuple[int, int, str, list[str], int | None]]:
    ents = entities(doc, text)
    rejected = _rejected_surfaces(ents, text)
    found = []
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        if POSSESSIVE.sub("", ent.text).strip() in rejected:
            continue
        name, titles = clean_name(ent.text, res)
        if not plausible_name(name, res) or name in rejected:
            continue
        offset = ent.text.find(name)
        start = ent.start_char + max(offset, 0)
        end = start + len(name)
        titles = titles + _titles_before(text, ent.start_char, res)
        found.append((start, end, name, titles, _age_near(text, start, end)))
    taken = [(start, end) for start, end, *_ in found]
    for start, end, name, titles in _titled_names(text, res):
        if name in rejected or any(s < end and start < e for s, e in taken):
            continue
        found.append((start, end, name, titles, _age_near(text, start, end)))
    return sorted(found)


def canonical_names(names_in_order: Sequence[tuple[int, str]]) -> dict[tuple[int, str], str]:
    """Join short forms to a full name used elsewhere in the document.

    A name whose words are a contiguous part of a longer name ("Horsey",
    "Aung Huling") stands for it; when several longer names fit, the one
    mentioned most recently before wins (the first one after, if none before).
    """
    full = sorted({n for _, n in names_in_order}, key=lambda n: -len(n.split()))
    result: dict[tuple[int, str], str] = {}
    for offset, name in names_in_order:
        words = name.split()
        fits = [f for f in full if f != name and _contains(f.split(), words)]
        if not fits:
            result[(offset, name)] = name
            continue
        longest = max(len(f.split()) for f in fits)
        fits = [f for f in fits if len(f.split()) == longest]
        before = [(o, n) for o, n in names_in_order if o < offset and n in fits]
        after = [(o, n) for o, n in names_in_order if o > offset and n in fits]
        result[(offset, name)] = before[-1][1] if before else after[0][1] if after else fits[0]
    return result


def _contains(longer: list[str], shorter: list[str]) -> bool:
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


# ---------------------------------------------------------------- quotes


QUOTE_MARKS = re.compile(r"[“”«»\"]|\n\n")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks (curly or straight); a paragraph break closes one."""
    spans = []
    opened = None
    for match in QUOTE_MARKS.finditer(text):
        char, index = match.group(0), match.start()
        if char in "“«" or (char == '"' and opened is None):
            opened = index
        elif char == "\n\n":
            if opened is not None:
                spans.append((opened, index))
                opened = None
        elif opened is not None:
            spans.append((opened, index + 1))
            opened = None
    return spans


def _inside(offset: int, spans: SpanIndex) -> bool:
    return offset in spans


# ---------------------------------------------------------------- resolution


class MentionIndex:
    """Mentions by sentence and by person, growing in text order as pronouns are resolved."""

    def __init__(self, mentions: Sequence[Mention], sentences: SpanIndex):
        self.sentences = sentences
        self.by_sentence: dict[int, list[Mention]] = {}
        self.starts_by_person: dict[str, list[int]] = {}
        for mention in sorted(mentions, key=lambda m: m.start):
            self.add(mention)

    def add(self, mention: Mention) -> None:
        """Add a mention, keeping each list in text order."""
        bucket = self.by_sentence.setdefault(self.sentences.index_of(mention.start), [])
        bisect.insort(bucket, mention, key=lambda m: m.start)
        bisect.insort(self.starts_by_person.setdefault(mention.person, []), mention.start)

    def in_sentence(self, index: int) -> list[Mention]:
        """Mentions of one sentence, in text order."""
        return self.by_sentence.get(index, [])

    def last_before(self, person: str, offset: int) -> int:
        """Offset of the person's last mention before ``offset`` (-1 when none)."""
        starts = self.starts_by_person.get(person, [])
        index = bisect.bisect_left(starts, offset) - 1
        return starts[index] if index >= 0 else -1


def _antecedent(
    offset: int, index: MentionIndex, persons: dict[str, Person], gender: str | None
) -> str | None:
    """The person a pronoun at ``offset`` refers to.

    Candidates earlier in the same sentence come first (most recent first);
    then, sentence by sentence backwards, the first (subject-like) mention of
    each. Mentions inside quotations are passed over; a known gender must agree.
    """
    current = index.sentences.index_of(offset)

    def compatible(m: Mention) -> bool:
        known = persons[m.person].gender
        clash = gender and known in ("m", "f") and known != gender
        return not clash and not m.in_quote

    for mention in reversed(index.in_sentence(current)):
        if mention.end <= offset and compatible(mention):
            return mention.person
    if current < 0:
        return None
    for previous in range(current - 1, max(current - 6, -1), -1):
        for mention in index.in_sentence(previous):
            if compatible(mention):
                return mention.person
    return None


def _nominal_target(
    words: str, offset: int, index: MentionIndex, persons: dict[str, Person], res
) -> str | None:
    """The person a nominal mention ('the sergeant', 'the 29-year-old') refers to: the most
    recently mentioned person with that title or age."""
    age = re.match(r"(\d{1,3})-year-old$", words)
    title = res.titles.get(words, {}).get("title")
    fitting = [
        name
        for name, person in persons.items()
        if (age and int(age.group(1)) in person.ages) or (title and title in person.titles)
    ]
    best = max(fitting, key=lambda name: index.last_before(name, offset), default=None)
    return best if best is not None and index.last_before(best, offset) >= 0 else None


def _nominal_mentions(text: str, res: PeopleResources):
    """'the sergeant', 'the young captain', 'the 29-year-old': (start, end, surface, head)."""
    for match in res.nominal_pattern.finditer(text):
        head = " ".join(match.group("head").lower().replace(".", "").split())
        yield match.start(), match.end(), match.group(0), head


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


def short_forms(name: str) -> list[str]:
    """Forms a full name is also written in: its surname, and runs of two or more of its words."""
    words = name.split()
    forms = [
        " ".join(words[i:j])
        for i in range(len(words))
        for j in range(i + 2, len(words) + 1)
        if (i, j) != (0, len(words))
    ]
    if len(words) >= 2 and len(words[-1]) >= 4:
        forms.append(words[-1])
    return forms


def _short_form_mentions(
    text: str, tags: TokenTags, persons: dict[str, Person], named: list[Mention], quotes
) -> list[Mention]:
    """Mentions the tagger missed: a known person's surname or part of their name."""
    taken = SpanIndex((m.start, m.end) for m in named)
    index = MentionIndex(named, SpanIndex())
    owners: dict[str, set[str]] = {}
    for name in persons:
        for form in short_forms(name):
            owners.setdefault(form, set()).add(name)
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
        person = max(sorted(names), key=lambda name: index.last_before(name, start))
        found.append(Mention(start, end, form, person, "name", _inside(start, quotes)))
        taken.add(start, end)
    return found


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
) -> People:
    """Find the people of a parsed document and resolve every mention to a canonical name.

    ``tags`` and ``text`` may be passed when the caller has them already (a Doc
    rebuilds its text and tokens on every access).
    """
    res = load_people_resources(language)
    text = doc.text if text is None else text
    quotes = SpanIndex(quote_spans(text))
    named = _named_mentions(doc, res, text)
    # Direction and zero-width marks are invisible but would make a second person.
    canon = canonical_names([(start, strip_invisible(name)) for start, _, name, _, _ in named])
    persons: dict[str, Person] = {}
    mentions: list[Mention] = []
    for start, end, name, titles, age in named:
        canonical = canon[(start, strip_invisible(name))]
        person = persons.setdefault(canonical, Person(canonical, first_offset=start))
        person.titles.update(titles)
        if age is not None:
            person.ages.add(age)
        for title in titles:
            _note_gender(person, res.title_gender.get(title))
        mentions.append(Mention(start, end, name, canonical, "name", _inside(start, quotes)))

    mentions += _short_form_mentions(
        text, tags or TokenTags.from_doc(doc), persons, mentions, quotes
    )
    mentions.sort(key=lambda m: m.start)
    extra = _pronouns_and_nominals(text, res, quotes, SpanIndex(sentences), persons, mentions)
    return People(persons, mentions + extra)


def _pronouns_and_nominals(
    doc, res, quotes, sentences, persons, named: list[Mention]
) -> list[Mention]:
    """Resolve pronouns, nominal mentions and first-person speakers, in text order."""
    text = doc.text if isinstance(doc, Doc) else doc
    candidates: list[tuple[int, int, str, str]] = []
    for match in res.pronoun_pattern.finditer(text):
        lower = match.group(0).lower()
        if lower in res.pronouns:
            candidates.append((match.start(), match.end(), match.group(0), "pronoun"))
        elif _inside(match.start(), quotes):
            candidates.append((match.start(), match.end(), match.group(0), "speaker"))
    for start, end, surface, head in _nominal_mentions(text, res):
        candidates.append((start, end, surface, "nominal:" + head))
    index = MentionIndex(named, sentences)
    resolved: list[Mention] = []
    for start, end, surface, kind in sorted(candidates):
        if kind == "speaker":
            continue
        if kind == "pronoun":
            person = _antecedent(start, index, persons, res.pronouns[surface.lower()])
        else:
            person = _nominal_target(kind.split(":", 1)[1], start, index, persons, res)
        if person:
            label = "pronoun" if kind == "pronoun" else "nominal"
            mention = Mention(start, end, surface, person, label, _inside(start, quotes))
            resolved.append(mention)
            index.add(mention)
    # Speakers last: the attribution ("he said") may follow the quotation.
    speakers = []
    for start, end, surface, kind in candidates:
        if kind == "speaker" and (person := _speaker(start, index, quotes, text, res)):
            speakers.append(Mention(start, end, surface, person, "speaker", True))
    return resolved + speakers


def _speaker(offset: int, index: MentionIndex, quotes: SpanIndex, text: str, res) -> str | None:
    """The person who says a quotation: a mention outside quotes next to a reporting verb."""
    current = index.sentences.index_of(offset)
    if current < 0:
        return None
    for position in (current, current + 1, current - 1):
        if not 0 <= position < len(index.sentences):
            continue
        start, end = index.sentences.span(position)
        words = {w.lower() for w in WORD.findall(text[start:end])}
        if not words & res.reporting_verbs:
            continue
        outside = [m for m in index.in_sentence(position) if not _inside(m.start, quotes)]
        if outside:
            return outside[0].person
    return None
