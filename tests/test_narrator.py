"""First-person texts: the narrator is who "I" is outside quotations."""

from __future__ import annotations

from timeline import extract


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
