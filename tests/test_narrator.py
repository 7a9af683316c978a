"""First-person texts: the narrator is who "I" is outside quotations."""

from __future__ import annotations

from timeline import extract
from timeline.extraction.people.names import clean_name
from timeline.extraction.people.resources import load_people_resources


def rows(text: str) -> list[list[str]]:
    frame = extract(text, published="2023-06-20")
    return frame[["person", "event_type", "date"]].values.tolist()


def test_a_testimony_gives_its_events_to_the_narrator():
    text = (
        "I am Aye Chan. I come from a village near the river.\n\n"
        "I joined the army in 2014. A year later I finished basic training.\n\n"
        "On 3 April this year I walked off my base and crossed into Thailand."
    )
    assert rows(text) == [
        ["Aye Chan", "enlistment", "2014"],
        ["Aye Chan", "graduation", "2015"],
        ["Aye Chan", "defection", "2023-04-03"],
    ]


def test_i_inside_a_quotation_is_its_speaker_not_a_narrator():
    text = (
        'Ko Ko said: "I joined the army in 2014. I left in 2021. I never looked back." '
        "His sister told reporters on Monday that he was safe."
    )
    result = rows(text)
    assert ["Ko Ko", "enlistment", "2014"] in result
    assert {person for person, _, _ in result} == {"Ko Ko"}


def test_an_interviews_answers_give_their_first_person_events_to_the_one_answering():
    text = (
        "Sergeant Thura Zaw left the army two years ago. We spoke to him by phone.\n\n"
        "River Post: Why did you join?\n\n"
        "Thura Zaw: My uncle was a soldier. I enlisted in 2012, when I was eighteen.\n\n"
        "River Post: And when did you leave?\n\n"
        "Thura Zaw: After the shooting. I slipped out of the barracks on 9 May 2021."
    )
    result = rows(text)
    assert ["Thura Zaw", "enlistment", "2012"] in result
    assert ["Thura Zaw", "defection", "2021-05-09"] in result


def test_one_labelled_line_is_no_transcript():
    # A caption or a pull quote may open with a name and a colon; only answers (two at
    # least by one speaker) make the text an interview.
    lone = (
        "Major Hla Win, 41, now teaches first aid to volunteers. Hla Win spoke to us in May.\n\n"
        "Kyaw Soe: My brother drove me to the border.\n\n"
        "I joined this newsroom in 2004."
    )
    assert not any(r[0] == "Kyaw Soe" and r[2] == "2004" for r in rows(lone))


def test_a_speakers_label_is_not_part_of_the_name_it_opens():
    text = (
        "Q: Why did you stay?\n\nMin Thet: Fear, mostly. I was afraid for my mother.\n\n"
        "Q: And then?\n\nMin Thet: On 4 June 2022 I crossed into Thailand."
    )
    assert {person for person, _, _ in rows(text)} == {"Min Thet"}
    # The tagger may run a label into the answer's first word: the name is one side.
    assert clean_name("Min Thet: Fear", load_people_resources())[0] == "Min Thet"
    assert clean_name("Q: Min Thet", load_people_resources())[0] == "Min Thet"
