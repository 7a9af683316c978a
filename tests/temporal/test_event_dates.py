"""Where an event expressed by a week is placed: the month holding most of the week, but
never a month that begins after the article was written when the week had begun by then."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline import extract
from timeline.extraction.temporal import find_timexes
from timeline.extraction.temporal.values import event_date


def _values(text: str, published: str) -> dict[str, str]:
    """Each temporal expression's text and its resolved value."""
    return {t.text: t.value for t in find_timexes(text, published)}


@pytest.mark.parametrize(
    ("week", "written", "month"),
    [
        ("2021-W45", None, "2021-11"),  # inside one month
        ("2000-W09", None, "2000-03"),  # Mon 28 Feb - Sun 5 Mar: Thursday is 2 March
        ("2000-W09", dt.date(2000, 2, 29), "2000-02"),  # written on the Tuesday
        ("2000-W09", dt.date(2000, 3, 2), "2000-03"),  # written on the Thursday
        ("2000-W09", dt.date(2000, 2, 20), "2000-03"),  # written before: a coming week
        ("2002-W01", None, "2002-01"),  # Mon 31 Dec 2001 - Sun 6 Jan 2002
        ("2002-W01", dt.date(2001, 12, 31), "2001-12"),
    ],
)
def test_a_week_is_placed_in_a_month(week, written, month):
    date, granularity, first, last = event_date(week, not_after=written)
    assert (date, granularity) == (month, "month")
    assert first.isoformat()[:7] == last.isoformat()[:7] == month


def test_this_week_is_never_placed_after_the_day_it_was_written():
    text = "This week, Jane Doe left the army and joined the resistance."
    events = extract(text, published="2000-02-29")
    assert events["date"].tolist() == ["2000-02"]
    assert (events["date_start"] <= "2000-02-29").all()


def _dates(text: str, published: str) -> list[str]:
    return extract(text, published=published)["date"].tolist()


def test_a_year_less_date_after_a_step_of_an_earlier_story_is_in_that_story():
    text = (
        "In March 2019 the platoon was sent to the hills. Ten days later, on April 2, "
        "Ko Ko deserted."
    )
    assert _dates(text, "2021-11-21")[-1] == "2019-04-02"


def test_a_year_less_date_after_a_section_heading_leaves_the_earlier_story():
    story = (
        "He was on leave in March 2019, and his friend left the army that month.\n\n"
        "The road north\n\n"
        "On 2 April Ko Ko deserted."
    )
    assert _values(story, "2021-11-21")["2 April"] == "2021-04-02"
    # Without the heading the paragraph goes on with the earlier story.
    plain = story.replace("The road north\n\n", "")
    assert _values(plain, "2021-11-21")["2 April"] == "2019-04-02"


def test_a_year_less_date_after_a_present_day_goes_back_to_the_publication_year():
    text = (
        "In March 2019 the platoon was sent to the hills. Ten days later Ko Ko deserted. "
        "On Tuesday Ko Ko spoke to reporters. On April 2 he was arrested."
    )
    assert _dates(text, "2021-11-21")[-1] == "2021-04-02"


def test_a_shift_in_days_counts_from_the_last_day_not_a_bare_year_named_since():
    text = (
        "The guards walked out on 6 May 2010, the largest desertion since 1987. "
        "By the following day the prison was empty."
    )
    values = _values(text, "2010-05-10")
    assert values["the following day"] == "2010-05-07"
    later = "She was born on 3 May 2001. She enlisted in 2019. Three days later she deserted."
    values = _values(later, "2021-05-10")
    assert values["Three days later"] == "2019"  # a year after the day: no day to count from


def test_a_shift_in_days_after_a_bare_year_of_its_own_sentence_stays_in_that_year():
    text = (
        "The inmate was sentenced on 2 May 2025. In 2014 he had walked out of a hostel, and "
        "he was found three days later in a barn. He had lived abroad since 2016, and a "
        "week later he came back."
    )
    values = _values(text, "2025-06-14")
    assert values["three days later"] == "2014"
    assert values["a week later"] != "2016"  # a year after "since" sets no story time


def test_a_shift_after_a_season_stays_in_that_seasons_year():
    text = (
        "The captain was sworn in on 2 February 2019. In the autumn of 2015 he had fled his "
        "unit. He was caught five days later. A year later he was freed."
    )
    values = _values(text, "2020-03-01")
    assert values["five days later"] == "2015"
    assert values["A year later"] == "2016"


def test_a_clock_time_right_before_its_day_is_on_that_day():
    text = "The guard left his post shortly after midnight on 3 March and swam across."
    values = _values(text, "2024-04-20")
    assert values["3 March"] == "2024-03-03"
    assert values["midnight"].startswith("2024-03-03T")


def test_a_year_less_date_beside_a_written_day_is_the_nearest_such_day_to_it():
    text = "Arrested on 3 March 2019 at a checkpoint, Ko Ko was charged on 2 April."
    assert _values(text, "2021-11-21")["2 April"] == "2019-04-02"
    # In the next sentence too, when it follows within weeks ...
    text = "Ko Ko was arrested on 3 March 2019. On 2 April he was charged."
    assert _values(text, "2021-11-21")["2 April"] == "2019-04-02"
    # ... but not months away, and not two sentences on: the publication's year again.
    text = "Ko Ko was arrested on 3 March 2019. On 2 October he spoke to reporters."
    assert _values(text, "2021-11-21")["2 October"] == "2021-10-02"
    text = "Ko Ko was arrested on 3 March 2019. He is 40. On 2 April he spoke to us."
    assert _values(text, "2021-11-21")["2 April"] == "2021-04-02"


def test_a_date_a_state_began_since_does_not_move_the_story():
    text = (
        "A case was opened on 12 June. Since a law passed in March 2019, the charge carries "
        "ten years. The next day his name appeared on a wanted list."
    )
    assert _values(text, "2021-11-21")["The next day"] == "2021-06-13"


def test_a_day_a_state_began_since_is_no_written_day_for_the_next_sentence():
    text = (
        "Hundreds of officers have quit since the Feb. 3, 2021 takeover. "
        "On 12 March her brother was picked up at a bus stop."
    )
    assert _values(text, "2022-06-10")["12 March"] == "2022-03-12"


def test_a_clock_time_a_few_words_before_its_day_is_on_that_day():
    values = _values("He was counted at the 6.45pm roll check on August 6.", "2021-11-21")
    assert values["6.45pm"] == "2021-08-06T18:45"


def test_a_date_the_present_names_ends_the_earlier_story():
    text = (
        "A case was opened in March 2019 and he was listed as wanted two months later. "
        "His mother was detained last November. She was released on 1 December."
    )
    assert _values(text, "2021-05-16")["1 December"] == "2020-12-01"


def test_a_year_less_date_after_a_step_of_the_story_runs_forward_from_it():
    text = (
        "Police arrested him on 11 June 2019. Two days later he was charged. "
        "His trial opened on 6 January."
    )
    assert _values(text, "2021-03-15")["6 January"] == "2020-01-06"


def test_a_part_of_a_day_after_a_month_does_not_carry_the_story_back_to_that_year():
    text = (
        "She was detained at the square on 22 March. Her husband was wounded in January 2023."
        " Wives had protested there before, in late May 2023, and were let go the following"
        " afternoon. On 25 March a court fined her."
    )
    assert _values(text, "2024-06-18")["25 March"] == "2024-03-25"


def test_a_date_after_after_is_the_backdrop_not_where_the_story_stands():
    text = (
        "Oleg got his papers on 4 October 2022, two weeks after the minister ordered the "
        "call-up on 21 September. His cousin got his the same month."
    )
    assert _values(text, "2023-01-10")["the same month"] == "2022-10"


def test_shortly_after_midnight_on_a_day_is_that_day_and_the_story_goes_on_from_it():
    text = (
        "He left on 2 June 2022 and was caught shortly after midnight on 9 June. "
        "A day later he spoke."
    )
    assert _values(text, "2023-01-10")["A day later"] == "2022-06-10"


def test_days_later_after_a_month_of_background_count_from_the_storys_last_day():
    text = (
        "They slipped out on 23 February 2020. A peace deal had been signed in July 2018. "
        "Four days later, they crossed the river."
    )
    assert _values(text, "2021-01-10")["Four days later"] == "2020-02-27"


def test_days_later_after_a_month_the_story_reached_stay_in_that_month():
    text = "They slipped out on 3 May 2020. In July 2020 they reached the camp. Four days later..."
    assert _values(text, "2021-01-10")["Four days later"] == "2020-07"


def test_a_day_without_its_year_after_a_written_month_runs_on_in_that_year():
    text = (
        "The platoon reached the river town in late June 2019. On 4 July he walked away "
        "from the camp."
    )
    assert _values(text, "2022-03-01")["4 July"] == "2019-07-04"


def test_a_written_month_places_no_day_before_it_nor_one_in_a_later_paragraph():
    before = "She was moved to the women's wing in August 2019. On 2 July a guard beat her."
    assert _values(before, "2022-09-15")["2 July"] == "2022-07-02"
    apart = "He quit the police in May 2019.\n\nOn 20 June a judge heard his case."
    assert _values(apart, "2022-09-15")["20 June"] == "2022-06-20"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 12 March 2021 was a Friday; the weekday beside the day says which March it was.
        ("The army took power in February 2021. He left on March 12, a Saturday.", "2022-03-12"),
        ("The army took power in February 2021. He left on Saturday, March 12.", "2022-03-12"),
        # A weekday that fits the year already read changes nothing.
        ("The army took power in February 2021. He left on March 12, a Friday.", "2021-03-12"),
    ],
)
def test_a_weekday_beside_a_year_less_day_picks_its_year(text, expected):
    values = _values(text, "2022-06-17")
    assert expected in values.values()
