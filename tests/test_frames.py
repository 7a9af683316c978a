"""Typing by predicate: the event frames' examples, and who a parsed clause is about."""

from __future__ import annotations

import pytest

from timeline import extract
from timeline.extraction.events.frames import NONE, load_frames
from timeline.extraction.events.predicates import predicate_of
from timeline.extraction.nlp import parse, parse_sentences

FRAMES = load_frames()


def parsed(sentence: str):
    doc = parse(sentence)
    return parse_sentences(doc, [(0, len(sentence))])[0][1]


@pytest.mark.parametrize(("sentence", "date", "kind"), FRAMES.examples, ids=lambda v: str(v)[:40])
def test_frame_examples(sentence, date, kind):
    start = sentence.index(date)
    predicate = predicate_of(parsed(sentence), start, start + len(date), FRAMES.senses)
    assert predicate is not None, sentence
    assert FRAMES.type_of(predicate) == kind, (predicate.lemma, predicate.objects)


def test_every_frame_type_is_a_closed_type_or_none():
    from test_events import closed_types

    allowed = set(closed_types()) | {NONE}
    for lemma, senses in FRAMES.senses.items():
        for sense in senses:
            assert sense.type in allowed, (lemma, sense.type)


def test_a_bare_yaml_boolean_is_refused(tmp_path):
    bad = tmp_path / "frames.yaml"
    bad.write_text("frames:\n  fire: [{type: attack, objects: [on]}]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="quote it"):
        load_frames(str(bad))


def rows(text: str) -> list[list[str]]:
    frame = extract(text, published="2021-11-21")
    return frame[["person", "event_type", "date"]].values.tolist()


def test_a_date_inside_reported_speech_dates_the_reported_event():
    assert rows("Ko Ko said he left his home and crossed into Laos on March 1.") == [
        ["Ko Ko", "escape", "2021-03-01"]
    ]


def test_a_search_launched_for_someone_is_not_their_event():
    assert rows("Police launched a search for Ko Ko on Tuesday.") == []


def test_a_negated_predicate_is_no_event():
    assert rows("Ko Ko did not defect in May.") == []


def test_failing_to_do_something_is_the_failure_unless_not_doing_it_is_the_happening():
    assert rows("Ko Ko failed to escape from the convoy on 4 June.") == [
        ["Ko Ko", "other", "2021-06-04"]
    ]
    assert rows("Ko Ko failed to return from leave on 4 June.") == [
        ["Ko Ko", "defection", "2021-06-04"]
    ]


def test_a_saying_joined_to_a_dated_verb_does_not_type_it():
    assert rows("Mya Mya visited the prison on 3 May and said her son looked thin.") == [
        ["Mya Mya", "other", "2021-05-03"]
    ]


def test_a_dated_event_noun_in_a_fronted_phrase_is_the_main_subjects():
    result = rows(
        "In an interview with Heron Watch in Bangkok on 3 June, Min Thu Aung said that his "
        "unit was sent to the square on 2 May."
    )
    assert ["Min Thu Aung", "statement", "2021-06-03"] in result


def test_being_among_a_group_a_participle_tells_of_is_that_happening():
    assert rows("Ko Ko was among 300 prisoners freed on Monday.") == [
        ["Ko Ko", "release", "2021-11-15"]
    ]
    assert rows("Ko Ko was among those killed on 3 May.") == [["Ko Ko", "death", "2021-05-03"]]


def test_a_name_beside_a_joined_object_phrase_is_that_object():
    frame = extract(
        "On 9 January 2023, a military court in Mandalay sentenced Ko Ko and another conscript "
        "from his unit, Aung Min Thant, to two years' imprisonment.",
        published="2024-06-20",
    )
    assert sorted(frame["person"]) == ["Aung Min Thant", "Ko Ko"]
    assert set(frame["event_type"]) == {"sentence"}


def test_someone_a_participle_kills_dies_and_someone_it_wounds_is_a_casualty():
    assert rows("Troops raided the village on 3 May, killing Ko Ko and wounding Min Thu.") == [
        ["Ko Ko", "death", "2021-05-03"],
        ["Min Thu", "casualty", "2021-05-03"],
    ]


def test_the_one_a_court_finds_guilty_is_the_events_person():
    assert rows("On Thursday Judge Anna Berg found former sergeant Ko Ko guilty of treason.") == [
        ["Ko Ko", "sentence", "2021-11-18"]
    ]


def test_names_joined_past_an_age_and_a_kin_phrase_share_the_event():
    result = rows(
        "The two, named by an official as Kang Min-ho, 54, and his sister's son Ri Jun-il, 23, "
        "both from Haeju, were taken into custody by the navy on Monday."
    )
    assert sorted(r[0] for r in result) == ["Kang Min-ho", "Ri Jun-il"]
    assert {r[1] for r in result} == {"arrest"}


def test_someone_shot_who_died_on_a_date_died_on_it():
    result = rows("A warder, Ko Ko, was shot at the gate and died in hospital on 18 February.")
    assert result == [["Ko Ko", "death", "2021-02-18"]]


def test_a_time_named_again_for_a_second_happening_dates_it_too():
    result = rows("Ko Ko graduated from the academy in 2009 and joined the police the same year.")
    assert result == [["Ko Ko", "graduation", "2009"], ["Ko Ko", "enlistment", "2009"]]


def test_each_person_of_a_coordinated_subject_gets_the_event():
    result = rows("Jane Roe, Ko Ko and Min Thu were freed on Thursday.")
    assert sorted(r[0] for r in result) == ["Jane Roe", "Ko Ko", "Min Thu"]
    assert {r[1] for r in result} == {"release"}


def test_others_killed_around_a_person_are_a_casualty_of_theirs():
    assert rows("Three of Ko Ko's comrades were killed in June.") == [
        ["Ko Ko", "casualty", "2021-06"]
    ]


def test_an_interview_released_with_someone_is_their_statement():
    assert rows("State television released an interview with Ko Ko on Monday.") == [
        ["Ko Ko", "statement", "2021-11-15"]
    ]


def test_a_planned_or_foretold_act_is_no_event():
    assert rows("The hearing is expected to take place in August.") == []
    assert rows("Ko Ko will leave the army on Monday.") == []


def test_weekdays_are_never_people():
    result = rows("Monday said the guards left on 3 May.")
    assert "Monday" not in {person for person, _, _ in result}


def test_a_relative_clauses_date_dates_a_main_clause_without_one():
    text = "Marta Quiroga, who tried to take the same road on 3 May, was detained by guards."
    assert rows(text) == [["Marta Quiroga", "arrest", "2021-05-03"]]


def test_a_main_clause_with_its_own_date_keeps_the_relative_clause_apart():
    text = "Marta Quiroga, who lived in Mandalay in 2015, was detained on Monday."
    assert ["Marta Quiroga", "arrest", "2015"] not in rows(text)
    assert ["Marta Quiroga", "arrest", "2021-11-15"] in rows(text)


def test_a_noun_with_no_event_sense_dates_the_verb_it_hangs_on():
    assert rows("Ko Ko spoke to reporters by video link from Warsaw on Sunday.") == [
        ["Ko Ko", "statement", "2021-11-21"]
    ]


def test_verbs_sharing_a_date_and_subject_take_the_first_type_that_fits():
    assert rows("Ko Ko deserted his unit and crossed into Thailand on Sunday.") == [
        ["Ko Ko", "defection", "2021-11-21"]
    ]


@pytest.mark.parametrize(
    ("sentence", "first"),
    [
        (
            "Sgt. Han Jin-su crossed the border line early Friday and was taken into custody.",
            "defection",
        ),
        (
            "Ana Lopes, a cook, escaped from the camp on Friday and was caught by a patrol.",
            "escape",
        ),
    ],
)
def test_a_flight_and_the_arrest_joined_to_it_are_two_happenings(sentence, first):
    people = {"defection": "Han Jin-su", "escape": "Ana Lopes"}
    found = [[p, k] for p, k, _ in rows(sentence)]
    assert found == [[people[first], first], [people[first], "arrest"]]


def test_a_joined_verb_with_a_date_of_its_own_keeps_its_type():
    assert rows("Ko Ko joined the army in 2015 and deserted in May 2021.") == [
        ["Ko Ko", "enlistment", "2015"],
        ["Ko Ko", "defection", "2021-05"],
    ]


def test_a_dated_event_about_nobody_named_takes_the_person_an_earlier_telling_names():
    text = (
        "A court in the capital has sentenced Ko Ko to nine years, his lawyer said.\n\n"
        "The regional court handed down the sentence on Tuesday after a closed trial."
    )
    assert rows(text) == [["Ko Ko", "sentence", "2021-11-16"]]


def test_a_participle_the_parser_joins_to_a_finite_verb_does_not_type_the_clause():
    text = (
        "On Monday Ko Ko saw a soldier arguing with a major, who had deserted, at an online "
        "meeting, and speaking from a hidden place."
    )
    assert rows(text) == [["Ko Ko", "other", "2021-11-15"]]


def test_no_lemma_is_listed_twice():
    # YAML keeps the last of two equal keys without a word: a second entry would hide the first.
    import re
    from pathlib import Path

    from timeline.resources import resource_path

    text = Path(resource_path("en", "event_frames.yaml")).read_text(encoding="utf-8")
    frames = text.split("\nframes:")[1].split("\nexamples:")[0]
    lemmas = re.findall(r"^  ([a-z]+):", frames, flags=re.MULTILINE)
    assert len(lemmas) == len(set(lemmas)), sorted(k for k in lemmas if lemmas.count(k) > 1)


def test_a_happening_told_first_of_nobody_and_then_of_someone_is_theirs_alone():
    text = (
        "Two guards deserted from the border post on 3 May, the rebels said.\n\n"
        "Sergeant Ko Ko, 30, deserted his post on 3 May and crossed the river that night."
    )
    assert [row for row in rows(text) if row[2] == "2021-05-03"] == [
        ["Ko Ko", "defection", "2021-05-03"]
    ]


def test_a_word_of_another_clause_does_not_type_a_verb_the_frames_do_not_know():
    text = "Ko Ko said he was ordered on 3 March to clear the square."
    assert rows(text) == [["Ko Ko", "other", "2021-03-03"]]


def test_a_date_fronted_before_a_comma_dates_the_main_clause():
    text = (
        "In March 2020, after his battalion was told to fire on a funeral in the village of "
        "Nawa, Ko Ko deserted with two friends."
    )
    assert rows(text) == [["Ko Ko", "defection", "2020-03"]]


@pytest.mark.parametrize("aside", ["(a Wednesday)", "(13 Ordibehesht 1402)"])
def test_a_date_fronted_with_a_bracketed_aside_before_its_comma_is_still_fronted(aside):
    from timeline.extraction.events.fronting import fronted_root

    sentence = f"On 3 May {aside}, masked officers searched the flat and detained Omid Farahani."
    start = sentence.index("3 May")
    root = fronted_root(parsed(sentence), start, start + len("3 May"))
    assert root is not None and root.lemma_ == "search"


def test_a_date_fronted_without_a_comma_dates_the_verb_of_the_name_after_it():
    text = "On 14 June 2021 Captain Tun Lin resigned from the army in protest."
    assert rows(text) == [["Tun Lin", "defection", "2021-06-14"]]


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("The inquiry goes back to June 4, when Cpl Anan struck Pvt Somchai.", "strike"),
        ("The charges relate to the night of June 4, when Sgt Lek beat a recruit.", "beat"),
        # A clause that is itself a happening keeps the date.
        ("He was arrested on June 4, when police raided the house.", "arrest"),
    ],
)
def test_a_when_clause_on_a_date_a_clause_only_points_at_is_the_happening(sentence, lemma):
    start = sentence.index("June 4")
    predicate = predicate_of(parsed(sentence), start, start + len("June 4"), FRAMES.senses)
    assert predicate is not None and predicate.lemma == lemma


def test_a_present_habit_today_is_no_event_but_a_saying_today_is():
    assert rows("Ko Ko left the army in 2019. Today he drives a taxi in Mae Sot.") == [
        ["Ko Ko", "defection", "2019"]
    ]
    assert rows("Ko Ko left the army in 2019. Today he says he has no regrets.") == [
        ["Ko Ko", "defection", "2019"],
        ["Ko Ko", "statement", "2021-11-21"],
    ]


def test_one_among_those_a_relative_clause_tells_of_is_its_subject():
    sentence = "Juan Perez was among the gunmen who stormed a border post on 2 May."
    start = sentence.index("2 May")
    predicate = predicate_of(parsed(sentence), start, start + len("2 May"), FRAMES.senses)
    assert predicate is not None and predicate.lemma == "storm"
    assert [t.text for t in predicate.subjects] == ["Perez"]


def test_a_dated_source_after_according_to_is_no_event():
    text = "Ko Ko was detained in Myawaddy in May, according to Sept. 2 reports."
    assert rows(text) == [["Ko Ko", "arrest", "2021-05"]]


def test_a_date_in_an_adjectives_complement_dates_the_reported_clause_it_completes():
    text = (
        "Dean Marsh left the farm in March. Prosecuting, Mary Kerr told the court that he was "
        "present for the 6pm roll check on 3 March but had gone by the next count."
    )
    assert rows(text)[-1] == ["Dean Marsh", "other", "2021-03-03"]


def test_learning_of_a_happening_on_a_date_is_the_listeners_happening():
    sentence = "His aunt said she learned of his arrest on Monday from a cousin."
    start = sentence.index("Monday")
    predicate = predicate_of(parsed(sentence), start, start + 6, FRAMES.senses)
    assert predicate is not None and predicate.lemma == "learn"


def test_a_date_in_a_reported_clause_is_the_event_of_someone_that_clause_names():
    text = (
        "Daniel Walsh left the hostel in March.\n\n"
        "The prosecutor, Karen Hale, said cameras showed Walsh at a bus stop in Leeds on 19 May."
    )
    assert ["Daniel Walsh", "other", "2021-05-19"] in rows(text)
    assert not [row for row in rows(text) if row[0] == "Karen Hale"]


def test_a_dated_release_is_not_typed_by_the_holding_it_ends():
    text = "Ma Thida, 40, was held at a police station and let go on 3 June."
    assert rows(text) == [["Ma Thida", "release", "2021-06-03"]]
    text = "Ma Thida, 40, was detained at a checkpoint and escaped on 3 June."
    assert rows(text) == [["Ma Thida", "escape", "2021-06-03"]]
    text = "Ma Thida, 40, entered the police academy at 18 and graduated as an officer in 2009."
    assert rows(text) == [["Ma Thida", "graduation", "2009"]]
    text = "Ko Ko, 19, was called up in May 2019 and assigned to a border brigade."
    assert rows(text) == [["Ko Ko", "enlistment", "2019-05"]]
    text = "Ko Ko, 19, graduated from the commando course in 2012 and was assigned to a brigade."
    assert rows(text) == [["Ko Ko", "graduation", "2012"]]


def test_a_date_on_a_charge_noun_dates_the_verb_it_hangs_on():
    text = (
        "Capt. Ilya Zorin flew to Ukraine in May. A court sentenced him in absentia to 20 years"
        " for treason and the theft of a helicopter in October."
    )
    assert ["Ilya Zorin", "sentence", "2021-10"] in rows(text)


def test_a_fronted_participle_with_no_type_of_its_own_dates_the_saying():
    text = "Reached by phone on Thursday, Major Ilya Zorin said he had told no one of his plan."
    assert rows(text) == [["Ilya Zorin", "statement", "2021-11-18"]]


def test_a_serving_soldier_who_crosses_defects_and_one_who_left_already_flees():
    def rows(text):
        frame = extract(text, published="2025-06-01")
        return frame[["person", "event_type", "date"]].values.tolist()

    assert rows("Sergeant Ko Lin crossed into Thailand on 22 March.") == [
        ["Ko Lin", "defection", "2025-03-22"]
    ]
    assert rows("Sergeant Ko Lin deserted on 1 March. He crossed into Thailand on 22 March.") == [
        ["Ko Lin", "defection", "2025-03-01"],
        ["Ko Lin", "escape", "2025-03-22"],
    ]
    assert rows("The farmer Ko Lin crossed into Thailand on 22 March.") == [
        ["Ko Lin", "escape", "2025-03-22"]
    ]
    # A platoon crossing into a village is no one going over.
    assert rows("Sergeant Ko Lin's platoon crossed into the village on 22 March.") != [
        ["Ko Lin", "defection", "2025-03-22"]
    ]


def test_a_soldier_tried_or_freed_before_the_crossing_flees_though_the_text_tells_it_first():
    text = (
        "Sergeant Reza Amini crossed the border into Iraq on 11 December 2023.\n\n"
        "A military court sentenced Amini to three years in March 2023. He was released on "
        "bail in May 2023."
    )
    rows = extract(text, published="2024-01-10")[["person", "event_type", "date"]]
    assert rows.values.tolist()[0] == ["Reza Amini", "escape", "2023-12-11"]


def test_a_relative_clause_without_its_own_object_has_the_noun_it_describes():
    sentence = "The lawyer read a statement the ministry released on Monday."
    start = sentence.index("Monday")
    predicate = predicate_of(parsed(sentence), start, start + 6, FRAMES.senses)
    assert predicate.lemma == "release" and "statement" in predicate.objects
    assert FRAMES.type_of(predicate) == "statement"


def test_an_event_noun_no_one_owns_is_the_subject_of_the_verb_it_hangs_on():
    text = (
        "Yauhen Brod was jailed in 2021. His mother, Tamara Brod, last saw him during a "
        "two-hour visit in October 2023."
    )
    rows = extract(text, published="2024-03-01")[["person", "event_type", "date"]]
    assert ["Tamara Brod", "other", "2023-10"] in rows.values.tolist()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Crowds gathered after the death of Omid Farahani in police custody on 2 May.",
            [["Omid Farahani", "death", "2024-05-02"]],
        ),
        (
            "The arrest of Lina Sadr and Kian Moradi on 4 March drew a crowd.",
            [["Lina Sadr", "arrest", "2024-03-04"], ["Kian Moradi", "arrest", "2024-03-04"]],
        ),
    ],
)
def test_an_event_noun_is_about_whom_it_is_of(text, expected):
    rows = extract(text, published="2024-06-01")[["person", "event_type", "date"]]
    assert rows.values.tolist() == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On 3 May 2021, soon after the bus left Gao, gunmen stopped the convoy, and "
            "Adam Tesfay and the others were abducted and taken east.",
            ["Adam Tesfay", "arrest", "2021-05-03"],
        ),
        (
            "On 9 June, police raided the farm, and Lina Okafor was detained with two sons.",
            ["Lina Okafor", "arrest", "2021-06-09"],
        ),
        (
            "Late on 2 April, the guards opened fire on the crowd, and Tomas Reyes was "
            "wounded in the leg.",
            ["Tomas Reyes", "casualty", "2021-04-02"],
        ),
    ],
)
def test_a_joined_clause_with_a_person_as_subject_tells_that_persons_happening(text, expected):
    # The dated verb's subject names nobody; the verb joined to it by "and" names someone.
    assert rows(text) == [expected]


def test_an_untyped_verb_takes_the_type_of_the_same_persons_joined_clause():
    text = (
        "In March 2014, with doctors warning that he would lose the leg, fighters drove "
        "Omar Haddad to the border, and he crossed into Jordan on a stretcher."
    )
    assert rows(text) == [["Omar Haddad", "escape", "2014-03"]]


def test_a_coup_joined_to_a_persons_arrest_stays_nobodys_own():
    assert rows("On 1 February the army seized power and Daw Khin Hla was detained.") == [
        ["", "coup", "2021-02-01"],
        ["Khin Hla", "arrest", "2021-02-01"],
    ]


def test_one_who_escaped_is_no_longer_serving_when_he_crosses_a_border():
    text = (
        "Private Reza Amini was posted to a border regiment in 2020. On 23 November 2020 he "
        "escaped from a police cell in Urmia. He crossed into Turkey on 9 February 2021."
    )
    assert ["Reza Amini", "escape", "2021-02-09"] in rows(text)


def test_a_leaving_a_lede_tells_first_does_not_end_the_service_dated_before_it():
    text = (
        "Sergeant Ivo Rask deserted in August 2020, his wife said. The sergeant, a former "
        "bus driver who signed a contract with the ministry in March 2019, had been at "
        "the front since May."
    )
    assert ["Ivo Rask", "enlistment", "2019-03"] in rows(text)


def test_service_counts_a_leaving_by_its_date_not_its_place_in_the_text():
    from timeline.extraction.events.serving import Service

    service = Service({"Ivo Rask"})
    service.left("Ivo Rask", "2024-08")
    assert service.serves("Ivo Rask", "2023-03")  # told after the lede, dated before it
    assert service.serves("Ivo Rask", "2024-08-16")  # the lede's month may be this very day
    assert not service.serves("Ivo Rask", "2024-09-02")
    service.left("Ivo Rask", "2024-09-02")
    assert not service.serves("Ivo Rask", "2024-09-02")  # the same day, told again
    service.joined("Ivo Rask", "2025-01")  # went back: serving again after
    assert service.serves("Ivo Rask", "2025-03")
    assert not service.serves("Olga Wren", "2025-03")
    service.left("Ivo Rask", "2026", "escape")  # a flight: a crossing inside it is the flight
    assert not service.serves("Ivo Rask", "2026-05-02")


def test_a_date_before_a_reporting_aside_dates_the_clause_after_it():
    text = (
        "The group reached the hills west of Khoy, and on the night of 2 August 2021, he "
        "said, Ali Reza walked for eleven hours across the border into Turkey."
    )
    assert rows(text) == [["Ali Reza", "escape", "2021-08-02"]]


def test_whom_a_saying_is_told_to_is_not_its_speaker():
    assert rows("In January a captain told Ko Ko that he could not leave the country.") == [
        ["Ko Ko", "other", "2021-01"]
    ]
    assert rows("In January Ko Ko told reporters that he could not leave the country.") == [
        ["Ko Ko", "statement", "2021-01"]
    ]


def test_a_verb_joined_to_a_passive_one_without_words_of_its_own_is_passive():
    from timeline.extraction.events.predicates import describe

    doc = parsed("On Monday she was summoned to the station and told that she could not travel.")
    told = next(t for t in doc if t.lower_ == "told")
    assert describe(told, nominal=False).passive
    doc = parsed("On Monday she was summoned to the station and she told them everything.")
    told = next(t for t in doc if t.lower_ == "told")
    assert not describe(told, nominal=False).passive
    assert rows(
        "On Monday Ko Ko was summoned to the station and told that he could not travel."
    ) == [["Ko Ko", "other", "2021-11-15"]]


def test_a_decision_dates_the_deciding_not_the_happening_decided_on():
    assert rows("Ko Ko said he decided to flee in August.") == [["Ko Ko", "other", "2021-08"]]
    assert rows("Ko Ko said he made up his mind to flee in August.") == [
        ["Ko Ko", "other", "2021-08"]
    ]
    assert rows("Ko Ko first thought about deserting in the summer of 2020.") == [
        ["Ko Ko", "other", "2020"]
    ]
    # A plan told in the present is a future happening of its own, not a past deciding.
    assert rows("Ko Ko plans to travel south next week.") == []


def test_a_saying_s_subject_is_its_own_phrase_not_the_clauses_on_it():
    text = (
        "A guard who can be heard shouting in the video, Private Ko Ko, was detained the same"
        " day but was released without charge in August."
    )
    assert ["Ko Ko", "release", "2021-08"] in rows(text)


def test_a_plan_held_now_and_a_state_that_goes_on_are_no_happenings():
    assert rows("Ko Ko has applied for asylum and hopes to move to Canada later this year.") == []
    assert rows("Ko Ko and Min Thu were still at large on Thursday.") == []
    assert rows("Ko Ko and Min Thu were caught on Thursday.") != []


def test_whom_an_officer_informs_after_a_reporting_aside_is_not_the_speaker():
    text = (
        "Lieutenant Ko Ko Aung was detained in 2020 and released a month later. The following"
        " January, he said, an officer from the security department informed him that he had"
        ' been "listed," the word used for people banned from leaving the country.'
    )
    assert rows(text)[-1] == ["Ko Ko Aung", "other", "2021-01"]


def test_whom_the_police_came_for_is_whom_the_arrest_happens_to():
    text = "Ko Ko lived in Hpa-an. Police officers came for him early in the morning on 14 March."
    assert rows(text) == [["Ko Ko", "arrest", "2021-03-14"]]


def test_a_gerund_after_a_preposition_has_the_main_verb_s_subject():
    from timeline.extraction.events.predicates import subjects_of

    doc = parsed("He worked in two towns before being transferred to the capital in 2018.")
    moved = next(t for t in doc if t.lower_ == "transferred")
    assert [t.text for t in subjects_of(moved)] == ["He"]


def test_a_clause_set_against_the_dated_one_by_while_shares_its_date():
    text = (
        "On 11 November the court sentenced Major Ko Ko to 13 years, while Captain Aung Min"
        " received 11 years in the same case."
    )
    assert rows(text) == [
        ["Ko Ko", "sentence", "2021-11-11"],
        ["Aung Min", "sentence", "2021-11-11"],
    ]
    # A clause with a date of its own keeps it; one that tells no typed happening is none.
    assert rows("Major Ko Ko fled on 3 May, while Captain Aung Min was arrested on 9 May.") == [
        ["Ko Ko", "escape", "2021-05-03"],
        ["Aung Min", "arrest", "2021-05-09"],
    ]
    assert rows("Major Ko Ko fled to Thailand on 3 May, while his wife stayed in Yangon.") == [
        ["Ko Ko", "escape", "2021-05-03"]
    ]


def test_a_second_object_of_a_gapped_sentence_is_sentenced_too():
    text = (
        "On Monday the court sentenced Captain Kyaw Zin Oo to 25 years and Lieutenant Thida Aung"
        " to 20 years."
    )
    assert rows(text) == [
        ["Kyaw Zin Oo", "sentence", "2021-11-15"],
        ["Thida Aung", "sentence", "2021-11-15"],
    ]


def test_a_date_counted_from_the_moment_of_speaking_inside_a_quotation_places_nothing():
    text = (
        'Ko Ko, 22, served in Mahabad. "The captain said, tonight it is live rounds," Ko Ko'
        " recalled in an interview in Erbil."
    )
    assert rows(text) == []
    text = (
        "Ana Ruiz, who leads the council, welcomed the pardons in a statement on Friday."
        ' "The regime empties its jails of the people it fears and fills them again the same'
        ' week," she said.'
    )
    assert rows(text) == [["Ana Ruiz", "statement", "2021-11-19"]]
    # Outside a quotation it is the day of writing.
    assert rows("Ko Ko, 22, was arrested in Mahabad today.") == [["Ko Ko", "arrest", "2021-11-21"]]


def test_whom_a_guide_leads_into_another_country_escapes():
    text = (
        "Private Ko Ko deserted in May. On 2 June a guide led him on foot over the hills and"
        " into Thailand."
    )
    assert rows(text)[-1] == ["Ko Ko", "escape", "2021-06-02"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mina Ralt was detained when she landed at the airport on 3 May.",
            [["Mina Ralt", "arrest", "2021-05-03"]],
        ),
        (
            "Oskar Pell was killed as his truck drove over a mine on 9 June.",
            [["Oskar Pell", "death", "2021-06-09"]],
        ),
        (
            "Ivo Stane was sentenced to six years when he appeared before the judges on 4 May.",
            [["Ivo Stane", "sentence", "2021-05-04"]],
        ),
        (
            "When soldiers reached the village on 2 July, Ivo Stane ran into the forest.",
            [["Ivo Stane", "escape", "2021-07-02"]],
        ),
    ],
)
def test_a_when_clause_the_frames_do_not_know_times_the_verb_it_hangs_on(text, expected):
    assert rows(text) == expected


def test_a_when_clause_does_not_take_a_main_verb_with_a_date_of_its_own():
    text = "Mina Ralt was detained in 2019 when she landed at the airport on 3 May."
    assert rows(text) == [["Mina Ralt", "arrest", "2019"], ["Mina Ralt", "other", "2021-05-03"]]


@pytest.mark.parametrize(
    "text",
    [
        "Ivo Stane admitted absconding from custody at a hearing on 9 June.",
        "Ivo Stane pleaded guilty to deserting his post when he appeared in court on 9 June.",
    ],
)
def test_a_plea_to_an_act_is_dated_not_the_act(text):
    assert rows(text) == [["Ivo Stane", "other", "2021-06-09"]]


def test_whom_a_pardon_frees_is_not_the_one_who_signs_it():
    text = (
        "The president, Lev Marko, pardoned 40 prisoners on 3 May.\n\n"
        "Anna Vik was among the 40 prisoners whom Lev Marko pardoned on 3 May.\n\n"
        "Ida Brel was among 12 people convicted in protest cases whom Lev Marko freed on 9 June."
    )
    assert rows(text) == [
        ["Anna Vik", "release", "2021-05-03"],
        ["Ida Brel", "release", "2021-06-09"],
    ]


def test_one_detained_together_with_someone_the_text_calls_him_is_detained_too():
    text = (
        "Ari Dov hid at his cousin's flat. Police raided the flat on 4 May and detained him"
        " together with his cousin, Eli Tamsin."
    )
    assert ["Eli Tamsin", "arrest", "2021-05-04"] in rows(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Timo Saar was detained in March. On 6 April a judge ordered him held for 30 days.",
            ["Timo Saar", "imprisonment", "2021-04-06"],
        ),
        (
            "Timo Saar was detained in March. On 6 April a judge ordered that he be kept in"
            " custody until his trial.",
            ["Timo Saar", "imprisonment", "2021-04-06"],
        ),
        (
            "Timo Saar was detained in March. On 6 April an appeals court ordered his release.",
            ["Timo Saar", "release", "2021-04-06"],
        ),
        (
            "Timo Saar deserted in March. On 6 April a military court ordered his arrest in"
            " absentia.",
            ["Timo Saar", "other", "2021-04-06"],
        ),
    ],
)
def test_an_order_to_hold_or_free_someone_dates_the_holding_or_freeing(text, expected):
    assert rows(text)[-1] == expected


def test_whom_a_case_is_opened_against_is_whom_it_is_about():
    text = (
        "Timo Saar deserted in March. In May the Investigative Committee opened against him"
        " a case for leaving his unit."
    )
    assert rows(text)[-1] == ["Timo Saar", "other", "2021-05"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lan Hui fled in March. She was picked up by police during a raid on a market"
            " on 4 May.",
            ["Lan Hui", "arrest", "2021-05-04"],
        ),
        (
            "Corporal Ivo Mek was killed during an attack on his outpost on 9 June.",
            ["Ivo Mek", "death", "2021-06-09"],
        ),
        (
            "Corporal Ivo Mek took part in an attack on the outpost on 9 June.",
            ["Ivo Mek", "attack", "2021-06-09"],
        ),
    ],
)
def test_what_befalls_someone_during_a_raid_is_theirs_not_the_raid(text, expected):
    assert rows(text)[-1] == expected


def test_what_a_when_clause_tells_happened_at_the_main_verbs_date():
    text = (
        "Ana Vel was standing at the monument on 22 March when police detained her together"
        " with Mia Sorn.\n\nIvo Stane was eating on 3 May when he heard the news."
    )
    assert rows(text) == [
        ["Ana Vel", "arrest", "2021-03-22"],
        ["Mia Sorn", "arrest", "2021-03-22"],
        ["Ivo Stane", "other", "2021-05-03"],
    ]


def test_a_source_joined_at_the_end_is_no_person_of_the_happening():
    text = (
        "Pavel Drob deserted in May. On the morning of 3 June, military police arrived at the"
        " house and drove him away to the city, his sister, Olga Drob, told us."
    )
    assert rows(text)[-1] == ["Pavel Drob", "arrest", "2021-06-03"]


def test_a_when_clause_hung_on_the_report_after_it_times_the_reported_verb():
    text = (
        "Mark Dunn, 27, forced his way out of the vehicle when it stopped at roadworks on the "
        "A19 near Thirsk on 9 March, Teesside Crown Court heard."
    )
    assert rows(text) == [["Mark Dunn", "escape", "2021-03-09"]]


def _built(words: list[str], heads: list[int], deps: list[str]):
    """A parse given by hand, so the shape under test does not hang on the model's mood."""
    import spacy
    from spacy.tokens import Doc

    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
    for token in doc:
        token.lemma_ = {"said": "say", "walked": "walk"}.get(token.text, token.text.lower())
    return doc


def test_a_date_opening_a_report_whose_speaker_comes_last_dates_what_is_reported():
    from timeline.extraction.events.hosts import fronted_report

    # "Days later, the pair walked out, Vera said": the parser hung "later" on "said".
    words = ["Days", "later", ",", "the", "pair", "walked", "out", ",", "Vera", "said", "."]
    heads = [1, 9, 9, 4, 5, 9, 5, 9, 9, 9, 9]
    deps = ["npadvmod", "advmod", "punct", "det", "nsubj", "advcl", "prt", "punct", "nsubj"]
    doc = _built(words, heads, [*deps, "ROOT", "punct"])
    later_end = doc[1].idx + len(doc[1])
    assert fronted_report(doc[9], later_end) == doc[5]
    # "Days later Vera said the pair walked out": the report opens the sentence; the saying
    # is what the date times.
    words = ["Days", "later", "Vera", "said", "the", "pair", "walked", "out", "."]
    heads = [1, 3, 3, 3, 5, 6, 3, 6, 3]
    deps = ["npadvmod", "advmod", "nsubj", "ROOT", "det", "nsubj", "ccomp", "prt", "punct"]
    doc = _built(words, heads, deps)
    assert fronted_report(doc[3], doc[1].idx + len(doc[1])) is None


def test_whom_hung_on_the_place_of_a_description_means_the_described_name():
    from timeline.extraction.events.roles import relative_patients

    # "Belik, a welder at the depot, whom courts jailed": the parser hung "whom" on "depot".
    words = ["Belik", ",", "a", "welder", "at", "the", "depot", ",", "whom", "courts", "jailed"]
    heads = [0, 0, 3, 0, 3, 6, 4, 6, 10, 10, 6]
    deps = ["ROOT", "punct", "det", "appos", "prep", "det", "pobj", "punct", "dobj", "nsubj"]
    doc = _built(words, heads, [*deps, "relcl"])
    doc[8].tag_ = "WP"
    found = relative_patients(doc[10], [doc[8]])
    assert [t.text for t in found] == ["depot", "welder", "Belik"]


def test_a_name_in_commas_after_a_noun_is_its_apposition_wherever_the_parser_hung_it():
    from timeline.extraction.events.groups import misplaced_apposition, with_conjuncts

    # "police arrested his cousin, Ana Lis, at home": the parser hung "Lis" on "arrested".
    words = ["police", "arrested", "his", "cousin", ",", "Ana", "Lis", ",", "at", "home"]
    heads = [1, 1, 3, 1, 1, 6, 1, 6, 1, 8]
    deps = ["nsubj", "ROOT", "poss", "dobj", "punct", "compound", "dep", "punct", "prep", "pobj"]
    doc = _built(words, heads, deps)
    for i, pos in ((3, "NOUN"), (5, "PROPN"), (6, "PROPN")):
        doc[i].pos_ = pos
    assert misplaced_apposition(doc[3]) == doc[6]
    assert [t.text for t in with_conjuncts(doc[3])] == ["cousin", "Lis"]
    assert misplaced_apposition(doc[0]) is None  # no comma after "police"


def test_who_hung_on_a_place_deep_in_a_description_means_the_described_name():
    from timeline.extraction.events.groups import described

    # "Rask, a man from a village outside the town who enlisted": "who" hung on "town".
    words = ["Rask", ",", "a", "man", "from", "a", "village", "outside", "the", "town", "who"]
    heads = [0, 0, 3, 0, 3, 6, 4, 6, 9, 7, 11, 9]
    deps = ["ROOT", "punct", "det", "appos", "prep", "det", "pobj", "prep", "det", "pobj"]
    doc = _built([*words, "enlisted"], heads, [*deps, "nsubj", "relcl"])
    assert [t.text for t in described(doc[9], "who")] == ["man", "Rask"]
    assert [t.text for t in described(doc[9])] == ["town"]  # not a person's clause
    # "the wife of a man who enlisted": "of" leads to whose the clause is, not to a place.
    words = ["Ana", ",", "the", "wife", "of", "a", "man", "who", "enlisted"]
    heads = [0, 0, 3, 0, 3, 6, 4, 8, 6]
    deps = ["ROOT", "punct", "det", "appos", "prep", "det", "pobj", "nsubj", "relcl"]
    doc = _built(words, heads, deps)
    assert [t.text for t in described(doc[6], "who")] == ["man"]
