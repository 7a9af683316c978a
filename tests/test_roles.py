"""Who serves in an armed force or police, and what that changes about a resignation."""

from __future__ import annotations

import pytest

from timeline import extract
from timeline.extraction.nlp import parse, sentence_spans
from timeline.extraction.people import find_people, load_people_resources
from timeline.extraction.people.roles import uniformed


def serving(text: str) -> frozenset[str]:
    doc = parse(text)
    people = find_people(doc, sentence_spans(doc))
    return uniformed(people, text, load_people_resources())


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sgt. Petra Holm crossed the river.", "Petra Holm"),
        ("Riot police officer Jonas Brandt was seen at the square.", "Jonas Brandt"),
        ("Mira Kolar, a former prison guard, spoke to us.", "Mira Kolar"),
        ("Aron Bek, 29, a conscript from the north, spoke to us.", "Aron Bek"),
        ("Amir Vance, then a warrant officer in the navy, was posted abroad.", "Amir Vance"),
    ],
)
def test_a_rank_or_a_description_beside_the_name_makes_someone_serve(text, name):
    assert name in serving(text)


@pytest.mark.parametrize(
    "text",
    [
        "Police detained Lena Ostrova at her flat.",
        "Lena Ostrova, a chief executive in the city, spoke to us.",
        "Soldiers searched the house of Lena Ostrova.",
    ],
)
def test_words_of_another_clause_do_not_make_someone_serve(text):
    assert "Lena Ostrova" not in serving(text)


def rows(text: str) -> list[list[str]]:
    frame = extract(text, published="2024-06-30")
    return frame[["person", "event_type", "date"]].values.tolist()


def test_a_police_officers_resignation_is_a_defection_and_a_bankers_is_not():
    text = (
        "Olga Wren, a police lieutenant, resigned on 4 May.\n\n"
        "Her husband, Tom Wren, a banker, resigned from his firm on 5 May."
    )
    assert rows(text) == [
        ["Olga Wren", "defection", "2024-05-04"],
        ["Tom Wren", "other", "2024-05-05"],
    ]


def test_a_resignation_letter_handed_in_by_a_guard_is_a_defection():
    text = "Former guard Anton Lisk handed in his resignation letter on 2 March."
    assert rows(text) == [["Anton Lisk", "defection", "2024-03-02"]]


def test_someone_who_joined_a_force_earlier_in_the_text_defects_by_resigning():
    text = (
        "Dana Kell joined the border police in 2015.\n\n"
        "Kell handed in her resignation on 9 June.\n\n"
        "Rob Ness joined a shipping firm in 2015. He resigned on 10 June."
    )
    assert rows(text) == [
        ["Dana Kell", "enlistment", "2015"],
        ["Dana Kell", "defection", "2024-06-09"],
        ["Rob Ness", "other", "2015"],
        ["Rob Ness", "other", "2024-06-10"],
    ]


def test_a_police_officer_who_walks_out_defects_and_a_teacher_does_not():
    text = (
        "Police Corporal Aye Lwin walked out on 10 March.\n\n"
        "Her neighbour Thiri Maw, a teacher, walked out on 11 March."
    )
    assert rows(text) == [
        ["Aye Lwin", "defection", "2024-03-10"],
        ["Thiri Maw", "other", "2024-03-11"],
    ]


def test_a_soldier_who_leaves_his_companys_camp_defects_and_an_aid_worker_does_not():
    text = (
        "Corporal Min Thant left the company's camp on the night of 4 March.\n\n"
        "Her sister Hla Hla, an aid worker, left the camp on 5 March."
    )
    assert rows(text) == [
        ["Min Thant", "defection", "2024-03-04"],
        ["Hla Hla", "other", "2024-03-05"],
    ]


def test_the_force_words_are_lower_case_single_words():
    words = load_people_resources().force_words
    assert words and all(w == w.lower() and " " not in w for w in words)


def test_a_soldier_placed_somewhere_is_deployed_and_a_prisoner_placed_in_a_cell_is_held():
    text = (
        "Corporal Min Thant was placed on the roof of the town hall on 4 March.\n\n"
        "His friend Hla Hla, a teacher, was placed in a punishment cell on 5 March."
    )
    assert rows(text) == [
        ["Min Thant", "deployment", "2024-03-04"],
        ["Hla Hla", "imprisonment", "2024-03-05"],
    ]


def test_a_contract_a_serving_man_signs_is_his_enlistment_and_a_mayors_is_not():
    text = (
        "Corporal Dmytro Hlib signed a contract with the border service in 2016.\n\n"
        "The mayor, Anton Kirsch, signed a contract with the builder on 5 May."
    )
    assert rows(text) == [
        ["Dmytro Hlib", "enlistment", "2016"],
        ["Anton Kirsch", "other", "2024-05-05"],
    ]


def test_a_soldier_who_gives_himself_up_crosses_over_and_a_wanted_man_is_arrested():
    text = (
        "Surrounded in a trench, Corporal Ivo Mek gave himself up to the other side on 9 June."
        "\n\nLena Dors, who was wanted for fraud, gave herself up on 10 June."
        "\n\nPrivate Aro Tamm deserted in May. He turned himself in to military police on 11 June."
    )
    assert rows(text) == [
        ["Ivo Mek", "defection", "2024-06-09"],
        ["Lena Dors", "arrest", "2024-06-10"],
        ["Aro Tamm", "defection", "2024-05"],
        ["Aro Tamm", "arrest", "2024-06-11"],
    ]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Ivo Rask, a former senior lieutenant of the city police, quit.", "lieutenant"),
        ("Ivo Rask, 34, a navy captain, quit.", "captain"),
        ("Ivo Rask, a sergeant who served in the north, quit.", "sergeant"),
        ("Ivo Rask, the wife of a captain, spoke.", None),
        ("Ivo Rask, the captain's wife, spoke.", None),
        ("Ivo Rask, a former army officer, spoke.", None),  # any of them is an officer
        ("Ivo Rask, a nurse in the town, spoke.", None),
    ],
)
def test_the_head_of_a_description_beside_a_name_is_its_title(text, title):
    from timeline.extraction.people.roles import apposition_title

    assert apposition_title(text, len("Ivo Rask"), load_people_resources()) == title


def test_the_rank_a_description_gives_lets_the_rank_name_the_person_again():
    text = (
        "Among those freed is Ivo Rask, a former senior lieutenant of the city police, who quit "
        "on 13 August 2020. In July 2022 a district court sentenced the former lieutenant."
    )
    rows = extract(text, published="2024-06-20")[["person", "event_type", "date"]]
    assert ["Ivo Rask", "sentence", "2022-07"] in rows.values.tolist()


def test_the_advocate_offspring_and_site_words_are_lower_case_single_words():
    res = load_people_resources()
    for words in (res.advocates, res.offspring, res.site_nouns):
        assert words and all(w == w.lower() and " " not in w for w in words)


def test_a_soldier_who_walks_into_the_other_sides_lines_defects():
    text = (
        "Captain Lin Aung walked into the rebels' lines on the night of 3 March with a map.\n\n"
        "Her cousin Hla Hla, a trader, walked along the lines of stalls on 5 March."
    )
    assert rows(text) == [
        ["Lin Aung", "defection", "2024-03-03"],
        ["Hla Hla", "other", "2024-03-05"],
    ]


def test_a_commander_who_crosses_into_ground_the_other_side_holds_defects():
    text = (
        "Colonel Bashir Adam crossed into army-held territory with his men on 9 March.\n\n"
        "His aunt Amna Musa, a teacher, crossed into army-held territory on 11 March."
    )
    assert rows(text) == [
        ["Bashir Adam", "defection", "2024-03-09"],
        ["Amna Musa", "escape", "2024-03-11"],
    ]


def test_a_soldier_who_reaches_the_other_side_defects_and_a_civilian_escapes():
    text = (
        "Private Oleg Sorin slipped off at night and reached the Ukrainian side on 11 March.\n\n"
        "His neighbour Vera Lind, a nurse, reached the other side of the river on 12 March."
    )
    assert rows(text) == [
        ["Oleg Sorin", "defection", "2024-03-11"],
        ["Vera Lind", "other", "2024-03-12"],
    ]


def test_a_video_in_which_one_quits_the_force_is_the_quitting_and_any_other_is_a_statement():
    text = (
        "On 4 March Sergeant Ivan Lis posted a video in which he laid his cap on a desk and "
        "said he was leaving the police.\n\n"
        "On 6 March his friend Oleg Sorin posted a video in which he read a poem."
    )
    assert rows(text) == [
        ["Ivan Lis", "defection", "2024-03-04"],
        ["Oleg Sorin", "statement", "2024-03-06"],
    ]
