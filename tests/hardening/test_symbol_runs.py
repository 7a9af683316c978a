"""The guard before spaCy: long runs without white space reach the tagger as ready-made
tokens, in bounded time, with every offset exact (the 20,000-``$`` paste took 100 s)."""

from __future__ import annotations

import random
import time

import pytest

from timeline.extraction.nlp import in_pieces, parse, tag_doc
from timeline.text.deadline import TimeLimitExceeded, time_limit
from timeline.text.runs import LONG_RUN, RUN_TOKEN_CHARS, has_long_run, run_tokens, segments

from .fixtures import ARTICLE

HOSTILE = {
    "dollars": "$" * 20_000,
    "commas": "," * 20_000,
    "emoji and a letter": ("😢" * 99 + "a") * 200,
    "dollars and a letter": ("$" * 99 + "a") * 200,
    "quotes": "'" * 20_000,
    "digits and dots": "1." * 10_000,
}


def mixtures(seed: int) -> str:
    """Prose, white space and runs of every kind, glued together at random."""
    rng = random.Random(seed)
    parts = [ARTICLE, "\n\n", " ", "$" * 150, "," * 99, "😢" * 300, "x" * 120, "https://e.org/"]
    parts += ["-" * 1_001, "\t", "a$" * 80, "Jane\u202eDoe", "\n"]
    return "".join(rng.choice(parts) for _ in range(rng.randint(1, 60)))


@pytest.mark.parametrize("seed", range(12))
def test_segments_and_tokens_cover_the_text_exactly(seed):
    text = mixtures(seed)
    position = 0
    for start, end, is_run in segments(text):
        assert (start == position and end > start) or text == ""
        assert is_run == (end - start >= LONG_RUN and not any(c.isspace() for c in text[start:end]))
        if is_run:
            tokens = run_tokens(text[start:end])
            assert "".join(tokens) == text[start:end]
            assert all(len(t) <= RUN_TOKEN_CHARS for t in tokens)
        position = end
    assert position == len(text)


@pytest.mark.parametrize("seed", range(6))
def test_parsed_offsets_are_exact(seed):
    text = mixtures(seed)
    for doc in (parse(text), tag_doc(text)):
        assert doc.text == text
        for token in doc:
            assert text[token.idx : token.idx + len(token.text)] == token.text


def test_short_prose_is_parsed_whole():
    assert not in_pieces(ARTICLE) and not has_long_run(ARTICLE)
    assert in_pieces(ARTICLE + "$" * LONG_RUN)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_runs_parse_in_bounded_time(name):
    text = f"{ARTICLE}\n\n{HOSTILE[name]}\n\nThe end."
    parse("warm up")
    started = time.monotonic()
    doc = parse(text)
    assert time.monotonic() - started < 10  # each took 60-100 s before, most under 1 s now
    assert doc.text == text


def test_the_time_limit_fires_between_the_pieces_of_a_run():
    text = "$" * 1_000_000
    parse("warm up")
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded), time_limit(0.01):
        parse(text + " " + ARTICLE * 200)
    assert time.monotonic() - started < 10
