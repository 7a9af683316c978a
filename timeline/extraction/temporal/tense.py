"""Which way a year-less date points: the tense of the verb nearest to it in its clause.

"In March" or "on Friday" has no year or week; news places it by the verb it goes
with. A past verb ("closed on Monday", "announced in January") looks back from the
publication date; a future or modal one ("will re-open on Friday", "may be signed on
September 12", "should be completed in October") looks forward; a present tense or an
infinitive ("is slated for June 24", "to be held on October 12", "has until the end of
May") takes the occurrence nearest to the publication date. Words such as "due" or
"deadline" in the clause also point forward (patterns.yaml, ``future_marker``).

The verb is read from part-of-speech tags (Penn tags, as spaCy gives them): the verb
group nearest to the date within its clause, where a clause ends at ; : -- ( ) quotes
and at words that open another clause ("that", "which", "while", "amid", ...), so that
"announced Friday that it will give" is past. Without tags (a text not run through the
tagger), the old rule holds: a future marker anywhere in the sentence means future.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

PAST = "past"
PRESENT = "present"
FUTURE = "future"

#: Where a clause ends, besides the sentence edges.
CLAUSE_BREAK = re.compile(
    r"[;:()\"“”]|--|—|\b(?:that|which|who|whom|whose|while|whereas|but|because|although|"
    r"though|amid|amidst|where|unless|if)\b"
    # A subject pronoun right after a lower-case word opens a clause of its own, often one
    # that describes the noun before it ("from a base he cannot name", "the town she left").
    r"|(?<=[a-z] )(?-i:he|she|they|we)\b",
    re.IGNORECASE,
)
#: Modal verbs that put an event after the time of writing.
FORWARD_MODALS = frozenset(
    {"will", "'ll", "’ll", "shall", "wo", "may", "might", "could", "should", "must", "can", "ca"}
)
#: Tags inside a verb group besides verbs: negation and adverbs ("is not", "will soon be").
GROUP_GLUE = frozenset({"RB", "RBR", "RBS"})
HAVE = frozenset({"has", "have", "had", "'ve", "’ve", "having"})
#: Reporting verbs that, set in commas ("On 14 May, he says, he refused"), tell who says
#: so and not when: the date goes with the clause around them.
ASIDE_VERBS = frozenset(
    {
        "say",
        "says",
        "said",
        "recalls",
        "recalled",
        "adds",
        "added",
        "claims",
        "claimed",
        "insists",
        "insisted",
        "explains",
        "explained",
        "remembers",
        "remembered",
    }
)
ASIDE_BEFORE = re.compile(r",\s*(?:[\w’'-]+\s+){1,3}$")
ASIDE_AFTER = re.compile(r"\s*,")


@dataclass(frozen=True)
class VerbGroup:
    """Consecutive verb tokens ("will have been sold") with their words and tags."""

    start: int
    end: int
    words: tuple[str, ...]
    tags: tuple[str, ...]
    after_to: bool

    def tense(self) -> tuple[str, bool]:
        """The group's tense, and whether it is a bare past participle ("plans announced")."""
        verbs = [(w, t) for w, t in zip(self.words, self.tags, strict=True) if t not in GROUP_GLUE]
        first_word, first_tag = verbs[0]
        if first_tag == "MD":
            if first_word in FORWARD_MODALS:
                # "may have left": a modal perfect looks back.
                rest = [w for w, _ in verbs[1:]]
                return (PAST if rest[:1] and rest[0] in HAVE else FUTURE), False
            return PRESENT, False  # "would": a future seen from the past; take the nearest
        if self.after_to and first_tag == "VB":
            return PRESENT, False  # "to be held on October 12"
        if first_tag == "VBD":
            return PAST, False
        if first_tag in ("VBZ", "VBP"):
            if first_word in HAVE and len(verbs) > 1 and verbs[1][1] == "VBN":
                return PAST, False  # present perfect: "has left"
            return PRESENT, False
        if first_tag == "VBN":
            return PAST, True
        return PRESENT, False


class TenseReader:
    """Tokens of a text with their tags, for finding the verb group nearest to a span."""

    def __init__(self, text: str, starts: Sequence[int], tags: Sequence[str]):
        self.text = text
        self.starts = starts
        self.tags = tags

    def word(self, index: int) -> str:
        """The lower-cased token at ``index``."""
        start = self.starts[index]
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        piece = self.text[start:end].split()
        return piece[0].lower() if piece else ""

    def _under_participle(self, to: int) -> bool:
        """Whether the "to" at index ``to`` hangs on a participle that no auxiliary makes a
        tense of: "after failing to return", "on Sunday urging him to hand himself in" (not
        "is trying to leave")."""
        for back in (1, 2):
            at = to - back
            if at < 1 or self.tags[at] != "VBG":
                continue
            between = self.tags[at + 1 : to]
            if all(t in ("PRP", "NN", "NNS", "NNP") for t in between):
                return self.tags[at - 1] not in ("VBZ", "VBP", "VBD", "MD", "VB", "VBN")
        return False

    def groups(self, start: int, end: int) -> list[VerbGroup]:
        """Verb groups of tokens starting in [start, end)."""
        low = bisect.bisect_left(self.starts, start)
        high = bisect.bisect_left(self.starts, end)
        found: list[VerbGroup] = []
        current: list[int] = []

        def close() -> None:
            while current and self.tags[current[-1]] in GROUP_GLUE:
                current.pop()
            if current and any(self.tags[i] not in GROUP_GLUE for i in current):
                first = current[0]
                after_to = first > 0 and self.tags[first - 1] == "TO"
                if after_to and self._under_participle(first - 1):
                    current.clear()  # "after failing to return": no tense of its own
                    return
                words = tuple(self.word(i) for i in current)
                found.append(
                    VerbGroup(
                        self.starts[first],
                        self.starts[current[-1]] + len(words[-1]),
                        words,
                        tuple(self.tags[i] for i in current),
                        after_to,
                    )
                )
            current.clear()

        for index in range(low, high):
            tag = self.tags[index]
            is_verb = (tag.startswith("VB") and tag != "VBG") or tag == "MD"
            if tag == "VB" and index > low and self.text[self.starts[index]].isupper():
                is_verb = False  # a capitalised "verb" inside a clause is a name ("Nguyễn")
            if is_verb or (tag in GROUP_GLUE and current):
                current.append(index)
            else:
                close()
        close()
        return found


def clause_around(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """The stretch of the sentence around [start, end) between clause breaks."""
    low, high = sentence
    left = low
    for match in CLAUSE_BREAK.finditer(text, low, start):
        left = match.end()
    right_match = CLAUSE_BREAK.search(text, end, high)
    right = right_match.start() if right_match else high
    return left, right


def _no_asides(text: str, groups: list[VerbGroup]) -> list[VerbGroup]:
    """``groups`` without reporting verbs set in commas (", he says,")."""
    return [
        g
        for g in groups
        if not (
            g.words[-1] in ASIDE_VERBS
            and ASIDE_BEFORE.search(text, max(0, g.start - 30), g.start)
            and ASIDE_AFTER.match(text, g.end)
        )
    ]


def _nearest(groups: list[VerbGroup], start: int, end: int) -> VerbGroup | None:
    def gap(group: VerbGroup) -> tuple[int, int]:
        distance = start - group.end if group.end <= start else group.start - end
        return max(distance, 0), 0 if group.end <= start else 1

    return min(groups, key=gap) if groups else None


def tense_of(
    reader: TenseReader,
    span: tuple[int, int],
    sentence: tuple[int, int],
    markers: re.Pattern,
    taken,
) -> str:
    """PAST, PRESENT or FUTURE for the expression at ``span`` in ``sentence``.

    ``taken`` tells whether a character range belongs to a temporal expression (the
    "next" of "next week" is not a marker of the clause).
    """
    start, end = span
    text = reader.text
    clause = clause_around(text, start, end, sentence)
    found = [
        m.span()
        for m in markers.finditer(text, clause[0], clause[1])
        if not taken.overlaps(*m.span())
    ]
    group = _nearest(_no_asides(text, reader.groups(*clause)), start, end)
    if group is None:
        group = _nearest(_no_asides(text, reader.groups(*sentence)), start, end)
    if group is None:
        return FUTURE if found else PAST
    tense, bare_participle = group.tense()
    reach = (min(group.start, end), max(group.end, start))
    if any(reach[0] <= m_start and m_end <= reach[1] for m_start, m_end in found):
        # "was postponed until Saturday", "a June 3 hearing has been scheduled": the
        # marker is the verb itself or stands between it and the date.
        return FUTURE
    if found and (tense == PRESENT or bare_participle):
        return FUTURE  # "are not due until October", "a deadline set at June 1"
    return tense
