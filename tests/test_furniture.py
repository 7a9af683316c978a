"""Page furniture: every example of resources/en/furniture.yaml, and whole web copies."""

from __future__ import annotations

import pytest
import yaml

from timeline.resources import resource_path
from timeline.text.furniture import furniture_blocks, in_furniture, line_kind

DATA = yaml.safe_load(resource_path("en", "furniture.yaml").read_text(encoding="utf-8"))
POSITIVE = [(kind, line) for kind, spec in DATA["kinds"].items() for line in spec["match"]]
NEGATIVE = [(kind, line) for kind, spec in DATA["kinds"].items() for line in spec["no_match"]]


@pytest.mark.parametrize(("kind", "line"), POSITIVE)
def test_furniture_examples_are_recognised(kind, line):
    assert line_kind(line) is not None, f"{kind}: {line!r} read as story text"


@pytest.mark.parametrize(("kind", "line"), NEGATIVE)
def test_story_sentences_are_not_furniture(kind, line):
    assert line_kind(line) is None, f"{line!r} read as {line_kind(line)}"


@pytest.mark.parametrize("line", DATA["dateline_prefix"]["match"])
def test_dateline_prefix_examples(line):
    blocks = furniture_blocks("Headline here\n\n" + line)
    prefix = [b for b in blocks if b.kind == "dateline"]
    assert prefix and prefix[0].end < len("Headline here\n\n" + line)


@pytest.mark.parametrize("line", DATA["dateline_prefix"]["no_match"])
def test_dateline_prefix_negatives(line):
    assert not furniture_blocks("Headline here\n\n" + line)[1:]


@pytest.mark.parametrize(
    "line", ["Sep 10, 2021", "Friday, April 27, 2018", "10 September 2021 11:40 BST", "4/5/2022"]
)
def test_a_line_that_is_only_a_date_is_a_dateline(line):
    assert line_kind(line) == "dateline"


def test_a_web_copy_keeps_only_its_story():
    text = (
        "Guard who opened the gates speaks out\n"
        "By Ana Ruiz | Updated: Friday, April 27, 2018\n"
        "11:17\n\n"
        "PORTO, April 26 (Wire) - A prison guard left his post on 20 April and fled.\n\n"
        "FILE - Inmates queue in a yard, Feb. 2, 2017. Photo: AFP\n\n"
        "He crossed the border two days later.\n\n"
        "— Border Watch (@borderwatch) April 25, 2018\n"
        "Read more: Escapes rise (3 March 2018)\n"
    )
    blocks = furniture_blocks(text)
    story = ["A prison guard left his post on 20 April", "He crossed the border two days later."]
    for sentence in story:
        start = text.index(sentence)
        assert not in_furniture(blocks, start, start + len(sentence)), sentence
    kinds = [b.kind for b in blocks]
    assert kinds == [
        "headline", "byline", "timestamp", "dateline", "caption", "embed", "links"
    ]  # fmt: skip


def test_the_first_line_is_a_headline_only_when_it_reads_as_one():
    assert furniture_blocks("On 3 May he left the base.\n\nMore text.") == []
    text = "A long first paragraph.\n\nShort Title Line"
    blocks = furniture_blocks(text, title="Short Title Line")
    assert [b.kind for b in blocks] == ["headline"]


def test_the_lines_of_a_post_above_its_attribution_are_the_post():
    text = (
        "Story line one, told on 3 May.\n\n"
        "Traffic at the bridge is now slow. Use the ferry.\n"
        "— Roads Office (@roadsoffice) May 3, 2022\n\n"
        "He crossed on 4 May."
    )
    kinds = {text[b.start : b.end]: b.kind for b in furniture_blocks(text)}
    assert kinds["Traffic at the bridge is now slow. Use the ferry."] == "embed"
    assert "He crossed on 4 May." not in kinds


def test_the_lines_under_a_posts_header_are_the_post():
    text = (
        "He crossed on 4 May.\n\n"
        "Roads Office @roadsoffice · 3 May 2022\n"
        "The bridge reopened today after the guards left on Monday. #Border #Roads\n"
        "87 reposts  240 likes\n\n"
        "He was detained on 9 May."
    )
    kinds = {text[b.start : b.end]: b.kind for b in furniture_blocks(text)}
    post = "The bridge reopened today after the guards left on Monday. #Border #Roads"
    assert kinds[post] == "embed"
    assert "He was detained on 9 May." not in kinds


def test_the_lines_under_a_marker_and_an_author_line_are_the_post():
    text = (
        "He crossed on 4 May.\n\n"
        "[Embedded post]\n"
        "Ana Ruiz 아나 @anaruiz_mp\n"
        "Spoke today with the two sailors who crossed on Monday. Both are well.\n"
        "12:58 PM · May 6, 2025\n\n"
        "He was detained on 9 May."
    )
    kinds = {text[b.start : b.end]: b.kind for b in furniture_blocks(text)}
    assert (
        kinds["Spoke today with the two sailors who crossed on Monday. Both are well."] == "embed"
    )
    assert "He was detained on 9 May." not in kinds


def test_the_lines_under_a_link_heading_are_links():
    text = (
        "He left on 3 May.\n\n"
        "Related:\nFarmers block the ring road\nA second convoy turns back on 9 May\n\n"
        "She left on 5 May."
    )
    kinds = {text[b.start : b.end]: b.kind for b in furniture_blocks(text)}
    assert kinds["A second convoy turns back on 9 May"] == "links"
    assert "She left on 5 May." not in kinds


def test_a_read_also_or_read_next_heading_heads_links():
    for heading in ("Read also", "Read next", "READ NEXT:"):
        text = (
            "He left on 3 May.\n\n"
            f"{heading}\n- Guards and villagers meet on the bridge  March 12, 2024\n\n"
            "She left on 5 May."
        )
        kinds = {text[b.start : b.end]: b.kind for b in furniture_blocks(text)}
        assert kinds["- Guards and villagers meet on the bridge  March 12, 2024"] == "links"
        assert "She left on 5 May." not in kinds


def test_a_read_more_heading_with_words_before_its_colon_heads_links():
    text = (
        "He left on 3 May.\n\n"
        "Read more reports from the camps:\n"
        '"We walked for nine days" - a former medic, 4 May 2023\n\n'
        "She left on 5 May."
    )
    kinds = {text[b.start : b.end]: b.kind for b in furniture_blocks(text)}
    assert kinds['"We walked for nine days" - a former medic, 4 May 2023'] == "links"
    assert "She left on 5 May." not in kinds


def test_a_link_list_goes_on_past_a_line_that_reads_as_a_link():
    text = (
        "He left on 3 May.\n\n"
        "Read more:\nGuards quit a border post (May 4, 2022)\nTalks stall again - June 2022\n\n"
        "She left on 5 May."
    )
    kinds = {text[b.start : b.end]: b.kind for b in furniture_blocks(text)}
    assert kinds["Talks stall again - June 2022"] == "links"


def test_a_bare_name_beside_a_timestamp_is_the_byline():
    text = "Guards walk out\n\nMarta Kowal\nPublished 3 May 2022 · 4 min read\n\nHe left on 2 May."
    kinds = {text[b.start : b.end]: b.kind for b in furniture_blocks(text)}
    assert kinds["Marta Kowal"] == "byline"
    lone = "He left on 2 May.\n\nMarta Kowal\n\nShe left on 5 May."
    lone_kinds = {lone[b.start : b.end]: b.kind for b in furniture_blocks(lone)}
    assert lone_kinds.get("Marta Kowal") != "byline"


def test_a_one_line_paragraph_that_does_not_end_as_a_sentence_is_a_heading():
    text = (
        "Guards walk out\n\n"
        "Two guards walked out of the colony in August and were found in a barn\n\n"
        "By Marta Kowal\n\n"
        "The two guards walked out of the colony on 3 August.\n\n"
        "The search\n\n"
        "Police found them on 9 September, the ministry said."
    )
    kinds = {text[b.start : b.end]: b.kind for b in furniture_blocks(text)}
    assert (
        kinds["Two guards walked out of the colony in August and were found in a barn"] == "heading"
    )
    assert kinds["The search"] == "heading"
    assert "The two guards walked out of the colony on 3 August." not in kinds
    assert "Police found them on 9 September, the ministry said." not in kinds


def test_a_paragraph_wrapped_over_several_lines_is_story_text():
    text = (
        "The two guards walked out of the colony on 3 August\n"
        "and were found in a barn on 9 September by police who\n"
        "had followed a tip from a farmer.\n"
    )
    assert furniture_blocks(text)[1:] == []
