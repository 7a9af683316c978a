"""Type colours and shapes: every type of the closed set has a colour of its own; any other
type a shape too, and no two types share colour and shape."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from timeline.dashboard import palette
from timeline.dashboard.palette import (
    EXTRA_SHAPES,
    OTHER_COLOUR,
    SEED_COLOURS,
    TypeStyle,
    extra_style,
    is_light,
    type_styles,
)

SEED_TYPES = Path(__file__).resolve().parents[3] / "shared" / "seed" / "event-types.md"


def closed_set() -> list[str]:
    """The types listed in ``event-types.md`` (its table's first column)."""
    if not SEED_TYPES.exists():
        pytest.skip(f"{SEED_TYPES} is not here")
    rows = [line for line in SEED_TYPES.read_text("utf-8").splitlines() if line.startswith("| `")]
    return [row.split("`")[1] for row in rows]


def test_every_type_of_the_closed_set_has_its_own_colour():
    types = closed_set()
    assert len(types) == 17 and "other" in types
    styles = type_styles(types)
    colours = [styles[kind].colour for kind in types]
    assert len(set(colours)) == len(types)
    assert all(styles[kind].shape == "circle" for kind in types)
    assert set(SEED_COLOURS) | {"other"} == set(types)


def test_the_closed_set_keeps_its_colours_whatever_else_is_there():
    alone = type_styles(["arrest"])
    crowded = type_styles(["arrest", "trial", "visit", "zebra", "other"])
    assert alone["arrest"] == crowded["arrest"] == TypeStyle(SEED_COLOURS["arrest"])
    assert crowded["other"].colour == OTHER_COLOUR


def test_other_types_get_shapes_and_never_repeat_colour_and_shape():
    extra = [f"type_{index:03d}" for index in range(400)]
    styles = type_styles([*SEED_COLOURS, *extra])
    pairs = [(styles[kind].colour, styles[kind].shape) for kind in extra]
    seed_pairs = {(colour, "circle") for colour in SEED_COLOURS.values()}
    assert len(set(pairs)) == len(pairs)
    assert not set(pairs) & seed_pairs
    assert all(shape not in ("circle", "diamond") for _, shape in pairs)
    # Past every pair of colour and shape, the pairs come back as outlines.
    assert extra_style(len(EXTRA_SHAPES) * len(palette.EXTRA_COLOURS)).shape.endswith("-open")


def test_markers_of_light_colours_get_a_dark_outline():
    assert is_light(SEED_COLOURS["graduation"]) and not is_light(SEED_COLOURS["arrest"])
    assert TypeStyle(SEED_COLOURS["graduation"]).outline != "white"
    assert TypeStyle(SEED_COLOURS["arrest"]).outline == "white"


def test_spans_are_diamonds_for_the_closed_set_and_their_own_shape_otherwise():
    assert TypeStyle("#000000").span_shape == "diamond"
    assert TypeStyle("#000000", "square").span_shape == "square"


def test_docstring_examples():
    assert doctest.testmod(palette).failed == 0
