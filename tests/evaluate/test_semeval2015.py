"""SemEval-2015 Task 4: timeline files, the relations read from them, and the metric."""

from __future__ import annotations

import random

import pytest
from evaluation_corpora import semeval_dir
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.evaluate.semeval2015 import (
    UNKNOWN_ANCHOR,
    Timeline,
    TimelineLine,
    find_corpora,
    format_timeline,
    parse_timeline,
    read_gold,
    read_system,
    score_corpora,
    score_timeline,
    timeline_filename,
    timeline_relations,
    write_timeline,
)
from timeline.evaluate.temporal_graph import BEFORE, SIMULTANEOUS


@pytest.mark.parametrize(
    ("entity", "filename"),
    [
        ("S&P 500", "s_and_p_500.txt"),
        ("NASDAQ Composite", "nasdaq_composite.txt"),
        ("Boeing 787 Dreamliner", "boeing_787_dreamliner.txt"),
        ("stock markets worldwide", "stock_markets_worldwide.txt"),
        ("US Dollar", "us_dollar.txt"),
    ],
)
def test_timeline_filename(entity, filename):
    assert timeline_filename(entity) == filename


def test_parse_reads_the_header_and_tab_separated_lines():
    text = "Airbus\n0\tXXXX-XX-XX\t1173-12-owned\n\n1\t2003-XX-XX\t4764-11-out-sold\t4764-2-x\n9\n"
    timeline = parse_timeline(text)
    assert timeline.entity == "Airbus"
    assert timeline.lines == [
        TimelineLine(0, UNKNOWN_ANCHOR, ("1173-12-owned",)),
        TimelineLine(1, "2003-XX-XX", ("4764-11-out-sold", "4764-2-x")),
    ]


def test_a_bad_position_names_its_line():
    with pytest.raises(ValueError, match="line 3"):
        parse_timeline("E\n1\t2001-XX-XX\ta\nfirst\t2001-XX-XX\tb\n")


mentions = st.builds(
    "{}-{}-{}".format,
    st.integers(1, 99999),
    st.integers(0, 30),
    st.sampled_from(["said", "out-sold", "job_cuts", "It", "sold"]),
)
lines = st.builds(
    TimelineLine,
    position=st.integers(0, 6),
    anchor=st.sampled_from(["2001-XX-XX", "2001-02-XX", "2001-02-03", UNKNOWN_ANCHOR]),
    mentions=st.lists(mentions, min_size=1, max_size=3).map(tuple),
)
timelines = st.builds(Timeline, entity=st.just("Acme"), lines=st.lists(lines, max_size=8))


@given(timelines)
@settings(max_examples=60, deadline=None)
def test_format_then_parse_is_the_identity(timeline):
    assert parse_timeline(format_timeline(timeline)) == timeline


@given(timelines, st.randoms())
@settings(max_examples=60, deadline=None)
def test_a_timeline_scores_perfectly_against_itself_in_any_line_order(timeline, rng):
    shuffled = Timeline(timeline.entity, list(timeline.lines))
    rng.shuffle(shuffled.lines)
    result = score_timeline(timeline, shuffled)
    assert result.system_correct == result.system
    assert result.gold_found == result.gold


def test_relations_of_a_small_timeline():
    timeline = parse_timeline(
        "E\n2\t2005-XX-XX\td-3-c\n0\tXXXX-XX-XX\td-9-ignored\n1\t2001-XX-XX\td-1-a\td-2-b\n"
        "2\t2005-XX-XX\td-1-a\n"
    )
    S, B = SIMULTANEOUS, BEFORE
    assert timeline_relations(timeline) == [
        ("d-1-a#0", "TIME:2001-XX-XX", S),
        ("d-2-b#0", "TIME:2001-XX-XX", S),
        ("d-1-a#1", "TIME:2005-XX-XX", S),  # lines sharing a position: natural text order
        ("d-3-c#0", "TIME:2005-XX-XX", S),
        ("d-1-a#0", "d-2-b#0", S),
        ("d-2-b#0", "d-1-a#1", B),
        ("d-1-a#1", "d-3-c#0", S),
    ]


def test_positions_sort_as_numbers():
    timeline = parse_timeline("E\n10\t2010-XX-XX\tlate\n9\t2009-XX-XX\tearly\n")
    assert timeline_relations(timeline)[-1] == ("early#0", "late#0", BEFORE)


GOLD = parse_timeline(
    "Acme\n0\tXXXX-XX-XX\t1-9-said\n1\t2001-XX-XX\t1-2-founded\n2\t2002-XX-XX\t1-3-grew\n"
    "3\t2003-XX-XX\t1-4-sold\n"
)


@pytest.mark.parametrize(
    ("system", "counts"),
    [
        # (system timeline, (system, correct, gold, found)); gold has 5 reduced relations
        (GOLD, (5, 5, 5, 5)),
        (None, (0, 0, 5, 0)),
        (parse_timeline("Acme\n"), (0, 0, 5, 0)),
        (parse_timeline("Acme\n0\t2001-XX-XX\t1-2-founded\n"), (0, 0, 5, 0)),
        (  # m2 left out: all said holds, 2 of 5 gold relations found
            parse_timeline("Acme\n1\t2001-XX-XX\t1-2-founded\n2\t2003-XX-XX\t1-4-sold\n"),
            (3, 3, 5, 2),
        ),
        (  # everything at one position with an unknown anchor
            parse_timeline(
                "Acme\n1\tXXXX-XX-XX\t1-2-founded\n1\tXXXX-XX-XX\t1-3-grew\n1\tXXXX-XX-XX\t1-4-sold\n"
            ),
            (3, 0, 5, 0),
        ),
        (  # right order, wrong mention strings
            parse_timeline("Acme\n1\t2001-XX-XX\t1-2-Founded\n2\t2002-XX-XX\t1-3-grows\n"),
            (3, 0, 5, 0),
        ),
    ],
)
def test_score_timeline_hand_computed(system, counts):
    result = score_timeline(GOLD, system)
    assert (result.system, result.system_correct, result.gold, result.gold_found) == counts


def write_corpus(root, entities, gold_texts):
    corpus = root / "corpus_1"
    (corpus / "TimeLines_Gold_Standard").mkdir(parents=True)
    (corpus / "list_target_entities_corpus_1.txt").write_text("\n".join(entities) + "\n")
    for text in gold_texts:
        write_timeline(parse_timeline(text), corpus / "TimeLines_Gold_Standard")
    return root


def test_missing_system_timelines_count_as_empty(tmp_path):
    beta = "Beta\n1\t2001-XX-XX\tx\n"
    data = write_corpus(tmp_path, ["Acme", "Beta"], [format_timeline(GOLD), beta])
    corpora = find_corpora(data)
    system_dir = tmp_path / "sys"
    write_timeline(GOLD, system_dir / "corpus_1")
    report = score_corpora(corpora, {c.name: read_system(c, system_dir) for c in corpora})
    assert report.total.system == 5 and report.total.gold == 6
    assert report.total.recall == pytest.approx(5 / 6)
    assert report.total.precision == 1.0


def test_unknown_entity_gold_is_an_error(tmp_path):
    data = write_corpus(tmp_path, ["Acme", "Nobody"], [format_timeline(GOLD)])
    with pytest.raises(FileNotFoundError, match="Nobody"):
        read_gold(find_corpora(data)[0])


# --- on the real gold data --------------------------------------------------------------


@pytest.fixture(scope="module")
def task():
    corpora = find_corpora(semeval_dir())
    return corpora, {corpus.name: read_gold(corpus) for corpus in corpora}


def test_the_task_has_38_target_entities(task):
    corpora, gold = task
    assert [corpus.name for corpus in corpora] == ["corpus_1", "corpus_2", "corpus_3"]
    assert sum(len(timelines) for timelines in gold.values()) == 38
    # s&p_500.txt duplicates s_and_p_500.txt and is not a target of its own.
    assert "S&P 500" in gold["corpus_3"]


def test_gold_against_itself_scores_100(task):
    corpora, gold = task
    total = score_corpora(corpora, gold).total
    assert (total.precision, total.recall, total.f1) == (1.0, 1.0, 1.0)
    assert total.gold > 1000


def test_empty_timelines_score_0(task):
    corpora, gold = task
    empty = {name: {entity: Timeline(entity) for entity in tl} for name, tl in gold.items()}
    assert score_corpora(corpora, empty).total.f1 == 0.0
    assert score_corpora(corpora, {}).total.f1 == 0.0


def test_gold_flattened_and_unanchored_scores_about_0_37(task):
    corpora, gold = task
    flat = {
        name: {
            entity: Timeline(
                timeline.entity,
                [TimelineLine(1, UNKNOWN_ANCHOR, line.mentions) for line in timeline.lines],
            )
            for entity, timeline in timelines.items()
        }
        for name, timelines in gold.items()
    }
    assert 100 * score_corpora(corpora, flat).total.f1 == pytest.approx(0.37, abs=0.01)


def test_gold_with_shuffled_lines_still_scores_100(task):
    corpora, gold = task
    rng = random.Random(7)
    shuffled = {}
    for name, timelines in gold.items():
        shuffled[name] = {}
        for entity, timeline in timelines.items():
            lines = list(timeline.lines)
            rng.shuffle(lines)
            shuffled[name][entity] = Timeline(timeline.entity, lines)
    assert score_corpora(corpora, shuffled).total.f1 == 1.0
