"""Target entities: name variants, kinds, references, and people among the targets."""

from __future__ import annotations

import pytest
import yaml

from timeline.extraction.entities import (
    compile_targets,
    entity_kind,
    find_entity_mentions,
    load_entity_resources,
    name_mentions,
    name_variants,
)
from timeline.extraction.nlp import parse, sentence_spans
from timeline.extraction.people import find_people

RES = load_entity_resources()


@pytest.mark.parametrize(
    ("kind", "example"),
    [(kind, example) for kind, examples in RES.examples.items() for example in examples],
)
def test_each_kind_recognises_its_examples(kind, example):
    assert entity_kind(example) == kind


def test_every_kind_has_nominals_and_a_name_cue():
    for kind in RES.kinds:
        assert kind.nominals, kind.name
        assert kind.name_words or kind.name_patterns or kind.name == "organisation"


@pytest.mark.parametrize(
    ("name", "expected", "not_expected"),
    [
        ("General Motors", ["GM", "GeneralMotors"], ["General", "Motors"]),
        ("US Federal Reserve", ["U.S. Federal Reserve", "Federal Reserve"], ["US", "Reserve"]),
        ("Boeing 787 Dreamliner", ["Boeing 787", "Dreamliner", "787 Dreamliner"], ["787"]),
        ("Airbus A380", ["A380", "Airbus"], []),
        ("NIKKEI 225", ["NIKKEI"], ["225"]),
        ("China Eastern Airlines", ["China Eastern"], ["China", "Airlines"]),
        ("Northrop Grumman", [], ["NG", "Northrop"]),  # two names: no acronym
        ("United States Air Force", ["USAF"], ["United States", "Air Force"]),
        ("US Dollar", ["dollar"], []),
        ("Dow Jones Industrial Average", ["Dow Jones", "Dow", "DJIA"], ["Average"]),
    ],
)
def test_name_variants(name, expected, not_expected):
    variants = name_variants(name)
    assert variants[0] == name
    for form in expected:
        assert form in variants or form.lower() in map(str.lower, variants)
    for form in not_expected:
        assert form not in variants


def test_a_variant_two_targets_share_belongs_to_neither_unless_it_is_a_full_name():
    both = compile_targets(("Boeing 777", "Boeing 787 Dreamliner"))
    assert "boeing" not in both.owner
    assert both.owner["777"] == "Boeing 777"
    with_company = compile_targets(("Boeing 777", "Boeing 787 Dreamliner", "Boeing"))
    assert with_company.owner["boeing"] == "Boeing"
    stock = compile_targets(("US stock markets", "stock markets worldwide"))
    assert "stock markets" not in stock.owner


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Boeing's new jet and two A380s flew.", [("Boeing", "Boeing"), ("A380", "Airbus A380")]),
        ("GM said gm is not a word here.", [("GM", "General Motors")]),
        ("DaimlerChrysler sold the ford crossing to Ford.", [
            ("DaimlerChrysler", "Daimler Chrysler"), ("Ford", "Ford")]),
        ("the U.S. Federal Reserve and the Federal Reserve's chief", [
            ("U.S. Federal Reserve", "US Federal Reserve"),
            ("Federal Reserve", "US Federal Reserve")]),
        ("Boeings", [("Boeing", "Boeing")]),
        ("Boeingfield and reBoeing", []),
    ],
)  # fmt: skip
def test_name_mentions_case_possessive_plural(text, found):
    targets = compile_targets(
        (
            "Boeing",
            "Airbus A380",
            "General Motors",
            "Daimler Chrysler",
            "Ford",
            "US Federal Reserve",
        )
    )
    assert [(m.text, m.person) for m in name_mentions(text, targets)] == found


def mentions_of(text: str, entities: list[str]):
    doc = parse(text)
    sentences = sentence_spans(doc)
    people = find_people(doc, sentences)
    return find_entity_mentions(doc.text, sentences, entities, people)


def test_nominals_refer_to_the_subject_of_their_kind():
    text = (
        "Acme Corp bought two planes from Zenith. The company said the aircraft would fly in May."
    )
    found = mentions_of(text, ["Acme Corp", "Zenith"])
    references = {m.text: m.person for m in found.mentions if m.kind == "nominal"}
    assert references == {"The company": "Acme Corp"}  # no aircraft named: "the aircraft" stays


def test_the_aircraft_goes_to_an_aircraft_not_to_a_company():
    text = "Zenith flew the Zenith 900 to Paris. The aircraft landed and the company cheered."
    found = mentions_of(text, ["Zenith", "Zenith 900"])
    references = {m.text: m.person for m in found.mentions if m.kind == "nominal"}
    assert references == {"The aircraft": "Zenith 900", "the company": "Zenith"}


def test_it_refers_back_to_an_earlier_sentence_not_to_its_own_subject():
    text = (
        "Acme Corp opened a plant. It will sell it to Widget Ltd. It is expected that prices rise."
    )
    found = mentions_of(text, ["Acme Corp"])
    pronouns = [(m.start, m.person) for m in found.mentions if m.kind == "pronoun"]
    assert pronouns == [(text.index("It will"), "Acme Corp")]


def test_people_among_the_targets_keep_surnames_and_pronouns():
    text = "Barack Obama met Acme Corp managers. Later, Obama said he would return."
    found = mentions_of(text, ["Barack Obama", "Acme Corp"])
    obama = [(m.text, m.kind) for m in found.mentions if m.person == "Barack Obama"]
    assert ("Obama", "name") in obama and ("he", "pronoun") in obama
    assert set(found.persons) == {"Barack Obama", "Acme Corp"}


def test_without_a_match_there_are_no_mentions():
    found = mentions_of("Nothing here names the target.", ["Acme Corp"])
    assert found.mentions == []


@pytest.mark.parametrize("name", ["entities.yaml", "mentions.yaml"])
def test_word_lists_hold_only_strings(name):
    """YAML reads bare off/no/yes as booleans: every listed word must stay a string."""
    from timeline.resources import resource_path

    def words(node):
        if isinstance(node, dict):
            for value in node.values():
                yield from words(value)
        elif isinstance(node, list):
            yield from node

    data = yaml.safe_load(resource_path("en", name).read_text(encoding="utf-8"))
    assert all(isinstance(word, str) for word in words(data))
