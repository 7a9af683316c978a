"""Event typing with the lexicon, and how sentences become events."""

from __future__ import annotations

import re

import pytest

from timeline import extract
from timeline.extraction.events import LexiconError, compile_trigger, load_lexicon

LEXICON = load_lexicon()
EXAMPLES = [
    pytest.param(t.name, s, id=f"{t.name}:{s[:30]}") for t in LEXICON.types for s in t.examples
]
COUNTER = [
    pytest.param(t.name, s, id=f"{t.name}:not:{s[:30]}")
    for t in LEXICON.types
    for s in t.counter_examples
]


def closed_types() -> list[str]:
    """The closed set of event types, in precedence order, from the shared event-types.md."""
    from timeline.evaluate.articles import shared_dir

    table = (shared_dir() / "seed" / "event-types.md").read_text(encoding="utf-8")
    return re.findall(r"^\| `([a-z]+)` \|", table, flags=re.M)


def test_the_default_lexicon_gives_exactly_the_closed_types_in_their_order():
    assert list(LEXICON.type_names) == closed_types()


def test_every_type_but_other_has_examples():
    assert all(t.examples for t in LEXICON.types if t.name != "other")


def dated_types(sentence: str) -> list[str]:
    """The type of every dated clause of a text, also those about no one named ("He
    deserted in April" alone names no one, so ``extract`` keeps no row of it)."""
    import datetime as dt

    from timeline.extraction.analysis import analyse
    from timeline.extraction.nlp import parse

    found = analyse(parse(sentence), dt.date(2021, 11, 21))
    return [event.event_type for event in found.dated_clauses]


@pytest.mark.parametrize(("kind", "sentence"), EXAMPLES)
def test_lexicon_examples(kind, sentence):
    kinds = dated_types(sentence)
    assert kinds, f"no event in {sentence!r}"
    assert kinds[-1] == kind


@pytest.mark.parametrize(("kind", "sentence"), COUNTER)
def test_lexicon_counter_examples(kind, sentence):
    assert kind not in dated_types(sentence)


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("defect*", "who defected in March", "defected"),
        ("left|leave his|her|the base", "he left his base at dawn", "left his base"),
        (
            "thrown into ~~ prison",
            "was thrown into a military prison",
            "thrown into a military prison",
        ),
        ("suit|suits filed", "the suit, filed in 2003", "suit, filed"),
        ("coup|coups", "a couple of days", None),
    ],
)
def test_compile_trigger(phrase, text, found):
    match = compile_trigger(phrase).search(text)
    assert (match.group(0) if match else None) == found


def test_user_lexicon(tmp_path):
    path = tmp_path / "types.yaml"
    path.write_text("harvest:\n  triggers: [harvest*]\nother:\n  triggers: []\n", encoding="utf-8")
    frame = extract("On 3 May 2020, Jane Doe harvested rice.", event_types=str(path))
    assert frame["event_type"].tolist() == ["harvest"]


@pytest.mark.parametrize(
    "content", ["- just\n- a list\n", "types: [unclosed\n", "x:\n  triggers: 3\n"]
)
def test_bad_lexicon_is_a_clear_error(tmp_path, content):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.yaml"):
        load_lexicon(str(path))


def rows(text, published="2021-11-21"):
    frame = extract(text, published=published)
    return frame[["person", "event_type", "date", "granularity"]].values.tolist()


def test_two_dated_happenings_in_one_sentence_give_two_events():
    result = rows("Ko Ko left his base on 9 May and escaped from prison on 6 September.")
    assert ["Ko Ko", "defection", "2021-05-09", "day"] in result
    assert ["Ko Ko", "escape", "2021-09-06", "day"] in result


def test_same_happening_stated_twice_gives_one_event():
    result = rows("Ko Ko defected on 9 May. Ko Ko defected on 9 May, his family said.")
    assert result.count(["Ko Ko", "defection", "2021-05-09", "day"]) == 1


def test_pronoun_subject_and_narrative_date():
    result = rows(
        "Corporal Zaw Min joined the army in 2016. A year later, he graduated from the academy."
    )
    assert ["Zaw Min", "enlistment", "2016", "year"] in result
    assert ["Zaw Min", "graduation", "2017", "year"] in result


def test_reported_speech_is_a_statement_when_the_date_governs_the_verb():
    result = rows("On 6 November, a UN official said attacks on civilians were crimes.")
    assert result == [["", "statement", "2021-11-06", "day"]]


def test_since_is_not_the_time_of_a_happening():
    assert rows("Jane Doe has lived in Yangon since February.") == []


def test_a_date_the_sentence_denies_is_no_event():
    result = rows("Corporal Zaw Min was released from prison on 12 June, not 2 June.")
    assert result == [["Zaw Min", "release", "2021-06-12", "day"]]
    result = rows("Corporal Zaw Min was released from prison on 12 June, not on 2 June.")
    assert result == [["Zaw Min", "release", "2021-06-12", "day"]]


def test_coordinated_names_each_get_the_event():
    result = rows("The company was founded by Jane Doe and John Roe in 1976.")
    people = sorted(r[0] for r in result)
    assert people == ["Jane Doe", "John Roe"]


def test_the_source_a_sentence_opens_with_is_not_in_the_list_after_it():
    # "According to X, Y fled": the comma ends the source, it joins no list.
    for source in ("Lena Park", "Sen. Lena Park and Omar Haddad"):
        result = rows(f"According to {source}, Ivan Sidorov fled to China on 3 October.")
        assert [row[0] for row in result] == ["Ivan Sidorov"]
    result = rows("The clerk spoke to police. Ivan Sidorov, Oleg Petrov fled on 3 October.")
    assert sorted(row[0] for row in result) == ["Ivan Sidorov", "Oleg Petrov"]


def test_object_of_a_preposition_is_not_the_subject():
    # The clause is about the unnamed minister: no event of Jane Doe, and a clause about
    # no one named is no point on anyone's timeline.
    assert rows("In March, the minister met with President Jane Doe.") == []
    assert rows("In March, the minister was arrested with President Jane Doe.") == []
    assert dated_types("In March, the minister was arrested with President Jane Doe.") == ["arrest"]


def test_a_later_clause_shares_the_sentence_subject_only():
    result = rows("The firm was started by Jane Doe in 1976, and launched a phone in 2003.")
    assert [row for row in result if row[2] == "2003"] == []


def test_granularity_is_never_invented():
    result = rows("In June, Jane Doe was sent to the front.")
    assert result == [["Jane Doe", "deployment", "2021-06", "month"]]


def test_the_ends_of_a_year_range_are_not_events():
    assert rows('The page shows the text "Jane Doe 1955-2011" in black.') == []


def test_a_later_clause_with_its_own_subject_does_not_borrow_the_sentence_subject():
    result = rows(
        "Ko Ko deserted in April 2021, two months after the military seized power on Feb. 1, 2021."
    )
    assert ["Ko Ko", "defection", "2021-04", "month"] in result
    assert ["", "coup", "2021-02-01", "day"] in result


def test_a_date_naming_the_event_does_not_make_the_subject_its_actor():
    result = rows("Jane Doe, the ousted leader, has been held since the Feb. 1 coup.")
    assert result == [["", "coup", "2021-02-01", "day"]]


def test_a_quote_never_ends_on_the_next_sentences_opening_mark():
    text = "“We are tired,” said Ko Ko, who defected in March. “We left.\n"
    frame = extract(text, published="2021-11-21")
    assert frame["quote"].tolist() == ["“We are tired,” said Ko Ko, who defected in March."]


def test_a_possessive_before_a_named_person_is_not_the_subject():
    from timeline.extraction.events.subjects import choose_person
    from timeline.extraction.people import Mention
    from timeline.text.spans import SpanIndex

    text = "His brother Ivan Ortiz, who took the same road in May, was held."
    his = Mention(0, 3, "His", "Daniel Ortiz", "pronoun")
    ivan = Mention(12, 22, "Ivan Ortiz", "Ivan Ortiz", "name")
    assert choose_person([his, ivan], None, [], SpanIndex(), text) is ivan
    alone = "His brother was held in May."
    assert choose_person([his], None, [], SpanIndex(), alone) is his


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials said Marta Quiroga could be freed in a swap in July.",
        "Marta Quiroga might have crossed the border in March, her lawyer said.",
        "Some 40 inmates, Marta Quiroga among them, escaped in the year to March 2021.",
        "Marta Quiroga's appeal hearing was set for 9 December.",
        "Marta Quiroga was supposed to fly home on 4 June, her sister said.",
    ],
)
def test_a_guess_a_plan_a_statistic_or_a_later_date_is_no_event(sentence):
    assert rows(sentence) == []


def test_names_with_their_ranks_in_a_list_are_each_an_event():
    text = "Captain Ivan Sokolov, Lieutenant Pavel Orlov and Private Oleg Kim were freed on 2 May."
    people = sorted(row[0] for row in rows(text))
    assert people == ["Ivan Sokolov", "Oleg Kim", "Pavel Orlov"]


def test_people_among_those_a_participle_describes_are_its_subjects():
    text = "Ivan Sokolov and Pavel Orlov were among those freed on Tuesday, officials said."
    assert sorted(row[0] for row in rows(text)) == ["Ivan Sokolov", "Pavel Orlov"]


def test_a_trigger_in_a_clause_with_its_own_subject_does_not_type_the_predicate():
    # "paid" is no frame's word; "said" belongs to the broker's clause, not to the paying.
    result = rows("Corporal Zaw Min paid a broker in 2019 because the broker said he could help.")
    assert result == [["Zaw Min", "other", "2019", "year"]]


def test_a_verb_the_frames_do_not_know_takes_its_typed_siblings_type_and_patient():
    # "came" is no frame's word; "took her brother" by soldiers is an arrest of the brother.
    result = rows("Nilar said soldiers came to the farm in March and took her brother, Kyaw Lin.")
    assert ["Kyaw Lin", "arrest", "2021-03", "month"] in result


def test_announcing_ones_own_act_is_a_statement_and_that_act():
    result = rows("Colonel Ye Htut announced his defection in a video posted on 3 May.")
    assert sorted(result) == [
        ["Ye Htut", "defection", "2021-05-03", "day"],
        ["Ye Htut", "statement", "2021-05-03", "day"],
    ]
    # Someone else's act announced is only the statement.
    result = rows("On 3 May, Colonel Ye Htut announced the arrest of two officers.")
    assert result == [["Ye Htut", "statement", "2021-05-03", "day"]]


def test_a_modal_standing_for_its_verb_is_a_plan_not_an_event():
    text = (
        'Nilar Win spoke on Saturday. "I never went back to the village," she said. "Today I will."'
    )
    assert all(not quote.startswith("Today") for quote in extract(text, "2021-11-21").quote)


def test_a_date_read_as_the_verbs_object_still_dates_the_verb():
    # The parser takes "the following year" for the object of "sent".
    text = (
        "Kim said he was conscripted in 2016 and sent the following year to an artillery "
        "battalion near Hyesan."
    )
    assert rows(text, "2025-06-12") == [
        ["Kim", "enlistment", "2016", "year"],
        ["Kim", "deployment", "2017", "year"],
    ]


def test_a_participle_tells_what_happened_to_others_at_the_same_time():
    text = (
        "Soldiers led by Colonel Issa Traoré seized power in the early hours of 4 May, "
        "detaining President Paul Bako and Prime Minister Awa Sy."
    )
    assert rows(text, "2022-11-21") == [
        ["Issa Traoré", "coup", "2022-05-04", "day"],
        ["Paul Bako", "arrest", "2022-05-04", "day"],
        ["Awa Sy", "arrest", "2022-05-04", "day"],
    ]
    # The one it happened to is not also the raider word order would make him.
    assert rows("Troops raided the village on 3 May, arresting Ko Ko and his brother.") == [
        ["Ko Ko", "arrest", "2021-05-03", "day"]
    ]


def test_a_place_name_the_parser_reads_as_a_verb_does_not_take_the_date():
    # The parser takes "Swaleside" here for a verb holding "the following month".
    text = (
        "Mark Hughes was arrested in March 2019 after a fight outside a bar, and was remanded "
        "to Swaleside the following month."
    )
    assert ["Mark Hughes", "imprisonment", "2019-04", "month"] in rows(text)


def test_a_time_aimed_at_is_no_event():
    assert rows("Kyaw Kyaw bought tickets for 3 June.") == []
    assert rows("Corporal Min Thu was praised for 2019 by his commander.") == []


def test_an_organisations_statement_is_no_persons():
    text = (
        "A former guard who fled to Vilnius last summer gave testimony on Monday, the "
        "Prison Watch Initiative said on Tuesday.\n\nAndrei Sokal, 41, spoke for two hours. "
        "Sokal said he left the colony in May."
    )
    said = [r for r in rows(text, "2025-04-16") if r[2] == "2025-04-15"]
    assert said == [["", "statement", "2025-04-15", "day"]]


def test_someone_together_with_the_person_shares_their_part():
    from timeline import extract

    def rows(text):
        frame = extract(text, published="2024-06-01")
        return frame[["person", "event_type", "date"]].values.tolist()

    assert rows("Police arrested Maria Lopez together with Ana Torres on 5 May.") == [
        ["Maria Lopez", "arrest", "2024-05-05"],
        ["Ana Torres", "arrest", "2024-05-05"],
    ]
    assert rows("Corporal Ko Ko fled along with his friend, Private Aung Naing, on 3 May.") == [
        ["Ko Ko", "escape", "2024-05-03"],
        ["Aung Naing", "escape", "2024-05-03"],
    ]


def test_a_description_after_a_list_of_names_belongs_to_the_last_one():
    from timeline import extract

    text = (
        "Kodi fled that night with Corporal Bakri Fadul and Musab Elnour, a student who had"
        " been arrested at a protest on 30 June 2022."
    )
    frame = extract(text, published="2024-06-01")
    assert frame[["person", "event_type", "date"]].values.tolist() == [
        ["Musab Elnour", "arrest", "2022-06-30"]
    ]


def test_people_with_the_subject_share_a_crossing():
    from timeline import extract

    text = "Sergeant Ko Ko Naing crossed the river with Corporal Aung Min on 3 May."
    frame = extract(text, published="2024-06-01")
    assert sorted(frame["person"]) == ["Aung Min", "Ko Ko Naing"]


def test_someone_with_a_dying_man_does_not_die():
    from timeline import extract

    text = "Captain Ko Ko Naing died in Yangon on 3 May, with his wife Thida Win by his side."
    frame = extract(text, published="2024-06-01")
    assert frame[["person", "event_type"]].values.tolist() == [["Ko Ko Naing", "death"]]


def test_a_relative_clause_on_a_description_beside_a_name_is_that_persons_event():
    text = "Among those freed on Friday was Thet Lwin Oo, 27, a medic who was arrested on 4 March."
    assert rows(text, "2024-06-20") == [
        ["Thet Lwin Oo", "release", "2024-06-14", "day"],
        ["Thet Lwin Oo", "arrest", "2024-03-04", "day"],
    ]


def test_who_hung_on_the_place_of_a_description_is_the_described_persons():
    text = (
        "Olga Wren, a nurse in the town hospital who was questioned the day after Anna Lis "
        "and was detained in May 2021, spoke to us."
    )
    assert rows(text, "2024-06-20")[0][:3] == ["Olga Wren", "arrest", "2021-05"]


@pytest.mark.parametrize(
    "text",
    [
        "If Sergeant Juan Perez had fired that night, on 3 May, he would still be in uniform.",
        "Sergeant Juan Perez would have been shot on 3 May had he refused the order.",
        "If Sergeant Juan Perez is detained on Monday, his lawyer will appeal.",
    ],
)
def test_a_supposed_happening_is_no_event(text):
    assert rows(text, "2024-06-20") == []


def test_a_name_in_a_phrase_before_the_subject_pronoun_does_not_share_its_event():
    text = (
        "Ri Song-ho was freed in 2019. With the help of a broker, a woman he knew as Jin Mei, "
        "he crossed the river on 3 May 2022."
    )
    assert [row[:2] for row in rows(text, "2024-06-20")] == [
        ["Ri Song-ho", "release"],
        ["Ri Song-ho", "escape"],
    ]


def test_the_owner_of_the_place_a_personless_clause_goes_to_has_the_event():
    text = "Ivan Sokol deserted in May. On 3 July, police came to Maria Petrenko's house in Orsk."
    assert [row[:3] for row in rows(text, "2024-07-30")] == [
        ["Ivan Sokol", "defection", "2024-05"],
        ["Maria Petrenko", "other", "2024-07-03"],
    ]


def test_a_counted_groups_escape_or_release_is_kept_without_a_name():
    text = (
        "At least 40 detainees escaped from the district lockup early on 4 May.\n\n"
        "On 9 May the army released 12 farmers it had held without charge.\n\n"
        "Prisoners escaped from the jail on 11 May."
    )
    assert rows(text) == [["", "escape", "2021-05-04", "day"], ["", "release", "2021-05-09", "day"]]


def test_a_week_after_a_day_dates_its_event_by_day_and_the_following_week_by_month():
    text = (
        "Private Ko Ko deserted his unit on 3 March.\n\n"
        "A week later, soldiers detained him at a checkpoint.\n\n"
        "He was charged the following week."
    )
    assert rows(text) == [
        ["Ko Ko", "defection", "2021-03-03", "day"],
        ["Ko Ko", "arrest", "2021-03-10", "day"],
        ["Ko Ko", "other", "2021-03", "month"],
    ]


@pytest.mark.parametrize(
    ("gap", "joined"),
    [
        (", who led the border unit, and his deputy, Capt. ", True),
        (", who led the border unit, and ", True),
        (", who said the unit had left. ", False),
    ],
)
def test_a_relative_clause_in_commas_after_the_first_name_still_joins_the_two(gap, joined):
    from timeline.extraction.events.subjects import _joins

    assert _joins(gap) is joined


def test_a_verb_the_parser_read_as_a_modifier_of_its_object_is_still_the_verb():
    # The small model reads "seized power" here as one noun phrase with "seized" an adjective.
    text = "Niger's military seized power from the elected president in July 2023."
    assert ("", "coup", "2023-07") in [(r[0], r[1], r[2]) for r in rows(text, "2024-01-01")]


def test_an_event_noun_dated_inside_its_own_verb_is_the_verbs_subjects():
    result = rows("General Sein Lwin and Colonel Tun Oo seized power in a May 2019 coup.")
    assert ["Sein Lwin", "coup", "2019-05", "month"] in result
    assert ["Tun Oo", "coup", "2019-05", "month"] in result


def test_a_date_hung_on_the_state_of_the_ground_reached_is_the_reachings():
    text = (
        "Sergeant Aung Min slipped out of his barracks on 3 May and, after two nights on "
        "foot, reached an area held by the rebels two days later."
    )
    result = rows(text)
    assert ["Aung Min", "escape", "2021-05-05", "day"] in result
    assert not any(kind == "imprisonment" for _, kind, _, _ in result)


def test_an_outlet_or_its_reporters_talking_to_someone_is_that_persons_statement():
    text = (
        "Captain Zaw Win, 34, now trains volunteers. The River Post spoke to him by phone on "
        "Tuesday from a camp he asked us not to name. His brother Ko Ko spoke to him on "
        "Friday."
    )
    result = rows(text, published="2023-08-17")
    assert ["Zaw Win", "statement", "2023-08-15", "day"] in result
    assert ["Ko Ko", "statement", "2023-08-11", "day"] in result
    assert ["Zaw Win", "statement", "2023-08-11", "day"] not in result
