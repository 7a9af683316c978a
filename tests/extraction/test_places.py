"""Placing events: the place of the date's clause, resolved offline, never guessed.

The sentences are our own; the towns are real ones the gazetteer must know.
"""

from __future__ import annotations

import math

import pytest

from timeline import extract
from timeline.extraction.places.gazetteer import Entry
from timeline.extraction.places.mentions import find_mentions
from timeline.extraction.places.resolve import Context, choose
from timeline.extraction.places.resources import place_words
from timeline.output.schema import EVENT_COLUMNS, PLACE_COLUMNS

PUBLISHED = "2021-06-30"


def placed(text: str) -> dict:
    """The place columns of the one event of ``text``."""
    frame = extract(text, published=PUBLISHED)
    assert len(frame) == 1, frame[["person", "date", "quote"]]
    return frame.loc[0, PLACE_COLUMNS].to_dict()


def test_place_columns_come_last_in_the_schema():
    assert EVENT_COLUMNS[-len(PLACE_COLUMNS) :] == PLACE_COLUMNS
    assert PLACE_COLUMNS[:9] == [
        "location", "admin1", "country", "latitude", "longitude", "geo_precision",
        "place_text", "place_start", "place_end",
    ]  # fmt: skip


def test_a_town_is_resolved_to_region_country_and_point_with_its_words_and_offsets():
    text = "On 3 May 2021, Aye Ko was arrested in Tamu."
    place = placed(text)
    assert (place["location"], place["admin1"], place["country"]) == ("Tamu", "Sagaing", "Myanmar")
    assert place["geo_precision"] == 1
    assert abs(place["latitude"] - 24.2) < 0.2 and abs(place["longitude"] - 94.3) < 0.2
    assert text[place["place_start"] : place["place_end"]] == place["place_text"] == "Tamu"


@pytest.mark.parametrize(
    ("lead", "country", "admin1"),
    [
        ("Myanmar has been in turmoil since the coup.", "Myanmar", "Bago"),
        ("The Philippines held elections.", "Philippines", None),
    ],
)
def test_an_ambiguous_name_goes_to_the_country_the_article_is_about(lead, country, admin1):
    place = placed(f"{lead} On 3 May 2021, Jose Aye was arrested in Bago.")
    assert place["country"] == country
    if admin1:
        assert place["admin1"] == admin1


def test_a_dateline_places_the_events_of_its_paragraph_only():
    text = (
        "TAMU, Myanmar, May 3 (Wire) - On Monday, Aye Ko left the army.\n\n"
        "On 1 April 2021, Aye Ko joined the army."
    )
    frame = extract(text, published=PUBLISHED).sort_values("start")
    first, second = frame.to_dict("records")
    assert (first["location"], first["place_text"], first["place_start"]) == ("Tamu", "TAMU", 0)
    assert second["location"] == "" and math.isnan(second["latitude"])


def test_the_destination_is_the_place_and_the_origin_is_kept_apart():
    place = placed("On 3 May 2021, Aye Ko fled from Loikaw to Thailand.")
    assert (place["location"], place["country"], place["origin"]) == (
        "Thailand", "Thailand", "Loikaw"
    )  # fmt: skip
    assert place["geo_precision"] == 3


def test_an_origin_alone_is_where_it_happened():
    place = placed("On 3 May 2021, Aye Ko escaped from Myawaddy.")
    assert (place["location"], place["origin"]) == ("Myawaddy", "Myawaddy")


def test_a_persons_home_town_is_no_origin_of_the_event():
    place = placed("On 3 May 2021, Aye Ko, a teacher from Loikaw, was arrested in Yangon.")
    assert (place["location"], place["origin"]) == ("Yangon", "")


def test_near_a_town_and_a_region_are_less_precise():
    assert placed("On 3 May 2021, Aye Ko was detained near Myawaddy.")["geo_precision"] == 2
    region = placed("In June 2021, Aye Ko was sent to Kayin State.")
    assert (region["location"], region["geo_precision"]) == ("Kayin", 3)


def test_no_place_leaves_every_place_column_empty():
    place = placed("On 3 May 2021, Aye Ko left the army.")
    assert [place[c] for c in ("location", "admin1", "country", "place_text", "origin")] == [""] * 5
    assert math.isnan(place["latitude"]) and math.isnan(place["longitude"])
    assert place["geo_precision"] is None or str(place["geo_precision"]) == "<NA>"


def test_an_unknown_town_keeps_its_words_and_gets_no_guessed_place():
    place = placed("On 3 May 2021, Aye Ko was arrested in Zorbatown.")
    assert place["place_text"] == "Zorbatown"
    assert place["location"] == place["country"] == "" and math.isnan(place["latitude"])


def test_a_name_in_another_clause_does_not_place_the_saying():
    frame = extract(
        "Aye Ko told reporters on 4 May 2021 that he had been posted to a station in "
        "Loikaw in January.",
        published=PUBLISHED,
    )
    by_type = {row["event_type"]: row for row in frame.to_dict("records")}
    assert by_type["statement"]["location"] == ""
    assert by_type["deployment"]["location"] == "Loikaw"


def _town(country: str, population: int, name: str = "Sanctuary") -> Entry:
    return Entry("town", name, country, country, "", 1.0, 2.0, population)


def test_towns_of_one_name_in_countries_the_article_never_names_are_not_guessed():
    found = [_town("AA", 5_000), _town("BB", 7_000)]
    assert choose(found, Context(counter({}))) is None
    assert choose(found, Context(counter({"AA": 2}), frozenset({"AA"}))).country_code == "AA"


def test_a_far_larger_town_of_the_name_wins_without_context():
    found = [_town("AA", 2_000_000), _town("BB", 3_000)]
    assert choose(found, Context(counter({}))).country_code == "AA"


def test_a_town_outside_the_articles_countries_known_by_another_name_is_refused():
    found = [_town("VN", 1_000_000, name="Capital City")]
    assert (
        choose(found, Context(counter({"KR": 2}), frozenset({"KR"})), written="River Town") is None
    )


def test_a_small_town_in_a_country_the_article_never_names_is_not_guessed():
    found = [_town("BN", 16_000, name="Lian")]
    assert choose(found, Context(counter({"CN": 3}), frozenset({"CN"})), written="Lian") is None


def counter(counts: dict):
    from collections import Counter

    return Counter(counts)


@pytest.mark.parametrize(
    ("role", "sentence"),
    [(role, s) for role, sentences in place_words().examples.items() for s in sentences],
)
def test_role_word_examples(role, sentence):
    """Each example of places.yaml gives its place the role it is listed under."""
    mentions = find_mentions(sentence, 0, len(sentence), [], lambda name: name[0].isupper())
    assert mentions and mentions[-1].role == role, mentions
