"""Colours and marker shapes of event types, safe for colour-blind readers.

Every type of the closed set in ``event-types.md`` has a colour of its own, fixed whatever
else is on the page, taken from Okabe and Ito's palette and Paul Tol's "muted" one (both
made to stay apart under the common colour-vision deficiencies); related types get related
hues (violence reds, custody purples and blues, a soldier's career greens). Those types are
drawn as circles (a diamond on a bar when only the month or year is known). Any other type
also gets a shape other than the circle and the diamond, and no two types share both colour
and shape, so a reader never has to tell two types apart by a shade alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from timeline.dashboard.labels import OTHER_TYPES

#: The closed set of ``event-types.md``, each with its own colour.
SEED_COLOURS = {
    "defection": "#E69F00",  # Okabe-Ito orange: the event this project is about
    "coup": "#999933",  # Tol olive
    "escape": "#56B4E9",  # Okabe-Ito sky blue
    "arrest": "#332288",  # Tol indigo
    "imprisonment": "#000000",  # Okabe-Ito black
    "sentence": "#AA4499",  # Tol purple
    "release": "#44AA99",  # Tol teal
    "deployment": "#0072B2",  # Okabe-Ito blue
    "attack": "#D55E00",  # Okabe-Ito vermillion
    "casualty": "#CC6677",  # Tol rose
    "death": "#882255",  # Tol wine
    "enlistment": "#009E73",  # Okabe-Ito bluish green
    "graduation": "#F0E442",  # Okabe-Ito yellow
    "recruitment": "#117733",  # Tol green
    "statement": "#CC79A7",  # Okabe-Ito reddish purple
    "accident": "#DDCC77",  # Tol sand
}
#: "other" and unknown types: grey, drawn last.
OTHER_COLOUR = "#8a8f98"
#: Colours that types outside the closed set cycle through (always with a shape).
EXTRA_COLOURS = ("#88CCEE", *SEED_COLOURS.values())
#: Plotly marker symbols for types outside the closed set (never the circle of the closed
#: set, nor the diamond that marks a month or year).
EXTRA_SHAPES = (
    "square",
    "triangle-up",
    "star",
    "triangle-down",
    "cross",
    "hexagon",
    "x",
    "pentagon",
    "hourglass",
    "triangle-left",
    "bowtie",
    "triangle-right",
)
#: The marker of an event known to the day, and of a month or year span, for the closed set.
DAY_SHAPE = "circle"
SPAN_SHAPE = "diamond"
#: Marker outlines: white on dark colours, grey on light ones (yellow on white is faint).
LIGHT_OUTLINE = "#5f6670"


@dataclass(frozen=True)
class TypeStyle:
    """How one event type is drawn: its colour, and its marker for day and span events."""

    colour: str
    shape: str = DAY_SHAPE

    @property
    def span_shape(self) -> str:
        """The marker at the middle of a month or year bar."""
        return SPAN_SHAPE if self.shape == DAY_SHAPE else self.shape

    @property
    def outline(self) -> str:
        """The marker's outline colour, so light colours stay visible on white."""
        return LIGHT_OUTLINE if is_light(self.colour) else "white"


def type_styles(types: Iterable[str]) -> dict[str, TypeStyle]:
    """A style for each type: the closed set's own colours, grey for "other", and for the
    rest (in name order) a shape and a colour, never the same pair twice (up to
    ``len(EXTRA_SHAPES) * len(EXTRA_COLOURS)`` types; then outlines only, and so on).

    >>> type_styles(["arrest", "trial", "other"])["trial"]
    TypeStyle(colour='#88CCEE', shape='square')
    """
    styles = {kind: TypeStyle(OTHER_COLOUR) for kind in OTHER_TYPES}
    extra = sorted({kind for kind in types if kind not in OTHER_TYPES and kind not in SEED_COLOURS})
    styles.update({kind: TypeStyle(colour) for kind, colour in SEED_COLOURS.items()})
    for index, kind in enumerate(extra):
        styles[kind] = extra_style(index)
    return styles


def extra_style(index: int) -> TypeStyle:
    """The style of the ``index``-th type outside the closed set.

    Shapes go round first; each round of shapes moves the colours on by one more, and 13
    (the shapes plus one) has no factor in common with the 17 colours, so pairs repeat only
    after every pair was used; then the same pairs come back as outlines ("-open").
    """
    shapes, colours = len(EXTRA_SHAPES), len(EXTRA_COLOURS)
    lap, within = divmod(index, shapes * colours)
    shape = EXTRA_SHAPES[within % shapes] + ("-open" if lap % 2 else "")
    colour = EXTRA_COLOURS[(within + within // shapes) % colours]
    return TypeStyle(colour, shape)


def type_colours(types: Iterable[str]) -> dict[str, str]:
    """The colour of each type (see ``type_styles``)."""
    return {kind: style.colour for kind, style in type_styles(types).items()}


def is_light(colour: str) -> bool:
    """Whether a ``#rrggbb`` colour is light enough to need a dark outline on white."""
    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    return 0.299 * red + 0.587 * green + 0.114 * blue > 180
