"""A clock time without a day of its own is on the day its sentence names, or the one day
the sentence before it names."""

from __future__ import annotations

from timeline import extract
from timeline.extraction.temporal import find_timexes


def _values(text: str) -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, published="2021-11-21")}


def test_a_clock_time_takes_the_day_of_its_sentence():
    values = _values("On 22 April the guard left his post shortly after midnight.")
    assert values["midnight"] == "2021-04-22T24:00"


def test_a_clock_time_alone_stays_on_the_publication_day():
    assert _values("The guard left his post at 3 p.m.")["3 p.m."] == "2021-11-21T15:00"


def test_the_day_named_before_the_clock_time_counts():
    values = _values("He left on 2 May at 9 a.m., not on 3 May.")
    assert values["9 a.m."] == "2021-05-02T09:00"


def test_two_days_before_the_clock_time_leave_it_alone():
    values = _values("She met him on 2 May and on 3 May, each time at 9 a.m.")
    assert values["9 a.m."] == "2021-11-21T09:00"


def test_a_day_and_its_clock_time_are_one_event():
    rows = extract(
        "Sergeant Ana Ruiz deserted on 22 April 2021, shortly after midnight, with two men.",
        published="2021-11-21",
    )
    assert rows["date"].tolist() == ["2021-04-22"]


def test_a_clock_time_takes_the_one_day_of_the_sentence_before():
    values = _values("The guards fled on Friday night. They crossed the river at 2 a.m.")
    assert values["2 a.m."] == "2021-11-19T02:00"


def test_a_part_of_a_day_names_its_day_for_a_clock_time():
    values = _values("She called him on Saturday night at 8 p.m. from the border.")
    assert values["8 p.m."] == "2021-11-20T20:00"


def test_a_clock_time_before_the_day_it_is_on_takes_that_day_not_the_sentence_befores():
    values = _values(
        "The guards reached the fence on 2 June. They left shortly after midnight on "
        "Friday, and the lights went out an hour later."
    )
    assert values["midnight"] == "2021-11-19T24:00"
    assert values["an hour later"] == "2021-11-19"


def test_a_clock_time_in_the_morning_of_a_day_is_on_that_day():
    values = _values("At about 5:15 in the morning of March 3, 2020, the guards came.")
    assert values["5:15"] == "2020-03-03T05:15"


def test_that_night_is_the_storys_day_not_the_day_of_a_report_since():
    values = _values(
        'The guards fled early on Friday. "We ran," one told the paper by phone on Monday. '
        "A second man also got out that night."
    )
    assert values["Monday"] == "2021-11-15"
    assert values["that night"].startswith("2021-11-19")


def test_a_weekday_with_its_date_in_brackets_is_that_date():
    values = _values("Police said the man walked out of the camp on Tuesday evening (6 July).")
    assert values["Tuesday evening"] == "2021-07-06TEV"


def test_a_weekday_without_brackets_stays_the_last_such_day():
    values = _values("He walked out of the camp on Tuesday evening, 6 July, police said.")
    assert values["Tuesday evening"] == "2021-11-16TEV"


def test_the_day_of_an_interview_is_no_day_that_night_points_to():
    values = _values(
        "In an interview with a rights group in Geneva on 3 June, he said that on the night "
        "of 26 October 2020 his unit was ordered to fire. He was disarmed the same night."
    )
    assert values["the same night"].startswith("2020-10-26")


def test_a_date_of_what_was_said_is_a_day_of_the_story():
    values = _values(
        "The guard said he left the camp on 4 May. He was caught that night near the river."
    )
    assert values["that night"].startswith("2021-05-04")


def test_a_weekday_in_commas_after_a_day_it_agrees_with_is_that_day():
    values = _values("The guard left on 1 July, and his friend went the next day, Friday, alone.")
    assert values["Friday"] == "2021-07-02"


def test_a_weekday_after_a_day_it_does_not_agree_with_stays_the_last_such_day():
    values = _values("The guard left on 1 July, and his friend went the day after, Monday, alone.")
    assert values["Monday"] == "2021-11-15"


def test_a_weekday_describing_a_noun_after_a_day_it_agrees_with_is_that_day():
    # 6 August 2021 was a Friday.
    values = _values("Guards fired on 6 August 2021 as the crowd left Friday prayers.")
    assert values["Friday"] == "2021-08-06"


def test_a_weekday_a_clause_is_on_stays_a_day_of_its_own():
    # 2 August 2021 was a Monday: "on Monday" is a later Monday, not that one.
    values = _values("His plea was refused on 2 August 2021, and on Monday he appealed.")
    assert values["Monday"] == "2021-11-15"


def test_this_morning_is_on_the_day_of_writing_not_on_the_day_before_it():
    values = _values("Searchers set out on Wednesday. He was found early this morning at a temple.")
    assert values["this morning"] == "2021-11-21TMO"


def test_a_shift_of_minutes_is_on_the_day_its_clause_goes_on_to_name():
    values = _values(
        "The judge jailed him on Tuesday. Ivo Rask hid in a van that left the yard minutes "
        "later, on the morning of 14 January, the jury heard."
    )
    assert values["minutes later"] == "2021-01-14"
    alone = _values("The judge jailed him on Tuesday. Hours later the gate was shut.")
    assert alone["Hours later"] == "2021-11-16"
