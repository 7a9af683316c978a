"""The titles and word lists people are found with (``resources/<language>/people/``).

Titles come with the gender they imply and whether they only count when capitalised
("Major", not "major"); the word lists hold pronouns, reporting verbs, words that are
never names and the modifiers of nominal mentions ("the young captain").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from timeline.resources import resource_path


@dataclass(frozen=True)
class PeopleResources:
    """Titles and word lists used to find people."""

    titles: dict[str, dict]
    pronouns: dict[str, str]
    first_person: frozenset[str]
    reporting_verbs: frozenset[str]
    not_names: frozenset[str]
    weekdays: frozenset[str]
    name_particles: frozenset[str]
    months: frozenset[str]
    org_words: frozenset[str]
    org_first_words: frozenset[str]
    #: Words after "<Name>'s" that make the whole a place's name ("Kerry Rowe's Bay").
    possessive_place_words: frozenset[str]
    #: Verbs after which "to <Name>" names a place (``surfaces.rejected_surfaces``).
    destination_verbs: frozenset[str]
    #: Kin words and the gender they tell ("wife": "f"), for names in apposition.
    kinship: dict[str, str]
    #: "They" opening a sentence, perhaps after a time phrase of ``time_phrase_words``.
    they_pattern: re.Pattern
    nominal_modifiers: frozenset[str]
    nominal_determiners: frozenset[str]
    person_nouns: frozenset[str] = frozenset()
    #: Passives only a person undergoes ("was arrested"): the name before one is a person.
    person_passives: frozenset[str] = frozenset()
    #: Phrases that announce a name after a person noun ("a man identified as ...").
    naming_phrases: tuple[str, ...] = ()
    #: Irregular past tenses that open clipped sentences ("Left Belarus for Poland").
    clipped_verbs: frozenset[str] = frozenset()
    fronted_complements: frozenset[str] = frozenset()
    #: Words of other languages in names of bodies, places and media ("La Modelo").
    foreign_name_words: frozenset[str] = frozenset()
    #: Words that make the person they describe a member of an armed force or police.
    force_words: frozenset[str] = frozenset()
    #: A man's and a woman's ending of one surname ("ov", "ova"): two people, not a variant.
    gendered_endings: tuple[tuple[str, str], ...] = ()
    #: Plural kin words before two given names that share a surname ("her parents, X and Y Z").
    family_plurals: frozenset[str] = frozenset()
    #: Those who speak for another in court ("his lawyer, X").
    advocates: frozenset[str] = frozenset()
    #: Kin nouns of descent ("the son of X, he ..." describes him, not X).
    offspring: frozenset[str] = frozenset()
    #: Sites that stand "in" a place ("a school in X"): the run after them is no person.
    site_nouns: frozenset[str] = frozenset()
    #: Given names that tell a gender ("Siarhei": "m"), first in a full name.
    given_gender: dict[str, str] = field(default_factory=dict)
    title_pattern: re.Pattern = field(repr=False, default=re.compile("(?!)"))
    title_word: re.Pattern = field(repr=False, default=re.compile("(?!)"))
    titles_before: tuple[tuple[re.Pattern, str], ...] = ()
    any_title_before: re.Pattern = field(repr=False, default=re.compile("(?!)"))
    nominal_pattern: re.Pattern = field(repr=False, default=re.compile("(?!)"))
    titled_name_pattern: re.Pattern = field(repr=False, default=re.compile("(?!)"))
    pronoun_pattern: re.Pattern = field(repr=False, default=re.compile("(?!)"))
    title_gender: dict[str, str] = field(default_factory=dict)


#: Words that make a rank of a title ("Senior Sergeant", "Acting Police Chief"): stripped
#: with the title they stand before.
RANK_MODIFIERS = (
    r"(?:senior|junior|jr\.?|snr\.?|chief|first|second|third|deputy|acting|former|retired|"
    r"police|staff)"
)


#: Words that open a time phrase before a sentence's "they" ("In", "On", "Days" ...).
TIME_PHRASE_OPENERS = r"(?:In|On|After|Before|By|During|Within|Later|Then|Soon|Days|Weeks|Months)"


def _they_pattern(time_words: list[str]) -> re.Pattern:
    """ "They" as the subject opening a sentence, perhaps after whose account it is
    ("According to her lawyer, they ...", "Ana Ruiz said they ...") and a time phrase
    made of capitalised words, numbers and ``time_words`` ("In the spring of 2023 they
    ...")."""
    words = "|".join(map(re.escape, time_words))
    # A time phrase may also open with one of its own words: "Five days later they ...".
    openers = "|".join([TIME_PHRASE_OPENERS, *(re.escape(w.capitalize()) for w in time_words)])
    return re.compile(
        r"^(?:According to [^,.;]{1,60},\s+"
        # or a name and its saying: "Wai Yan said they crossed ..."
        r"|[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3}\s+(?:said|says|told\s+\w+)\s+(?:that\s+)?)?"
        rf"(?:(?:{openers})(?:\s+(?:[A-Z0-9][\w'-]*|{words})){{0,8}},?\s+)?([Tt]hey)\b"
    )


@lru_cache(maxsize=2)
def load_people_resources(language: str = "en") -> PeopleResources:
    """Load the title and word lists of ``language`` (cached)."""
    folder = resource_path(language, "people")
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
        weekdays=frozenset(w.lower() for w in words["weekdays"]),
        name_particles=frozenset(words["name_particles"]),
        months=frozenset(w.lower() for w in words["months"]),
        org_words=frozenset(w.lower() for w in words["organisation_or_place_words"]),
        org_first_words=frozenset(w.lower() for w in words["organisation_first_words"]),
        possessive_place_words=frozenset(words["possessive_place_words"]),
        destination_verbs=frozenset(w.lower() for w in words["destination_verbs"]),
        kinship={w.lower(): g for g, kin in words["kinship"].items() for w in kin},
        they_pattern=_they_pattern(words["time_phrase_words"]),
        nominal_modifiers=frozenset(words["nominal_modifiers"]),
        nominal_determiners=frozenset(words["nominal_determiners"]),
        person_nouns=frozenset(words["person_nouns"]),
        person_passives=frozenset(words["person_passives"]),
        naming_phrases=tuple(words["naming_phrases"]),
        clipped_verbs=frozenset(words["clipped_verbs"]),
        fronted_complements=frozenset(words["fronted_complements"]),
        foreign_name_words=frozenset(words["foreign_name_words"]),
        force_words=frozenset(words["force_words"]),
        gendered_endings=tuple(tuple(pair) for pair in words["gendered_surname_endings"]),
        family_plurals=frozenset(words["family_plurals"]),
        advocates=frozenset(words["advocates"]),
        offspring=frozenset(words["offspring"]),
        site_nouns=frozenset(words["site_nouns"]),
        given_gender={w: g for g, names in words["given_names"].items() for w in names},
        title_pattern=re.compile(rf"^(?:(?:{RANK_MODIFIERS}\s+)*(?:{pattern})\s+)+", re.IGNORECASE),
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
    # A capital, then letters (accented ones too: "Briceño"), apostrophes and hyphens.
    word = r"[A-ZÀ-ÖØ-Þ][^\W\d_A-Z]*(?:[’'-][^\W\d_]+)*"
    name = rf"{word}(?:\s+{word}){{0,3}}"
    return re.compile(rf"\b(?P<title>{'|'.join(forms)})\s+(?P<name>{name})")


#: The force a title is of, between it and the name: "the colonel of the City Police Ana Ruiz".
TITLE_OF_FORCE = r"(?:\s+of\s+the(?:\s+(?-i:[A-Z])[\w'-]+){1,4})?"


def _title_before_pattern(key: str, spec: dict) -> tuple[re.Pattern, str]:
    """A title right before a name; common-word titles ('miss', 'major') only when capitalised."""
    words = key.split()
    if spec.get("capitalised"):
        first = words[0]
        words[0] = f"[{first[0].upper()}]{re.escape(first[1:])}"
        body = r"\.?\s+".join([words[0], *map(re.escape, words[1:])])
        return re.compile(rf"\b{body}\.?,?\s+$"), spec["title"]
    body = r"\.?\s+".join(map(re.escape, words))
    return re.compile(rf"\b{body}{TITLE_OF_FORCE}\.?,?\s+$", re.IGNORECASE), spec["title"]
