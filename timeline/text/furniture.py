"""Page furniture: the lines of a web copy around the story, which carry no events.

A user pastes what the browser shows: a headline, a byline with a date, "Updated 11:17",
photo captions, embedded posts, "Read more" links, then the story. This module sorts each
line into body or one kind of furniture, so that the extractor reads only the story. The
patterns and their examples are data (``resources/en/furniture.yaml``).

>>> text = "Soldier walks free\\n\\nBy Jane Roe | Updated: 4 May 2022\\n\\nHe left on 3 May."
>>> [(text[b.start:b.end], b.kind) for b in furniture_blocks(text)]
[('Soldier walks free', 'headline'), ('By Jane Roe | Updated: 4 May 2022', 'byline')]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from timeline.resources import resource_path

#: Kinds of furniture, as the resources name them, plus the two built-in shapes.
KINDS = ("byline", "timestamp", "caption", "embed", "links", "headline", "dateline", "heading")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
#: A line that is nothing but a date, perhaps with a weekday and a time.
DATE_ONLY = re.compile(
    rf"^(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}})"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5})?)?\.?\s*[·•|]?$",
    re.IGNORECASE,
)
#: The longest line, in words, still read as a headline.
HEADLINE_WORDS = 20
LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Block:
    """A span of the text that is furniture of one kind (``[start, end)``, one line or less)."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class FurnitureRules:
    """The compiled patterns of each kind, and the dateline prefix."""

    patterns: dict[str, tuple[re.Pattern, ...]]
    dateline_prefix: re.Pattern
    #: A post's header line: an embed, with the post under it.
    post_header: re.Pattern


@lru_cache(maxsize=4)
def load_furniture_rules(language: str = "en") -> FurnitureRules:
    """Read and compile ``resources/<language>/furniture.yaml``."""
    data = yaml.safe_load(resource_path(language, "furniture.yaml").read_text(encoding="utf-8"))
    patterns = {
        kind: tuple(
            re.compile(p, 0 if spec.get("case_sensitive") else re.IGNORECASE)
            for p in spec["patterns"]
        )
        for kind, spec in data["kinds"].items()
    }
    prefix = re.compile(data["dateline_prefix"]["pattern"])
    header = re.compile(data["post_header"]["pattern"], re.IGNORECASE)
    patterns["embed"] = (*patterns["embed"], header)
    return FurnitureRules(patterns, prefix, header)


def line_kind(line: str, rules: FurnitureRules | None = None) -> str | None:
    """The furniture kind of one line, or None when it reads as story text."""
    rules = rules or load_furniture_rules()
    stripped = line.strip()
    if not stripped:
        return None
    if DATE_ONLY.match(stripped):
        return "dateline"
    for kind, patterns in rules.patterns.items():
        if any(p.search(stripped) for p in patterns):
            return kind
    return None


def _reads_as_headline(line: str) -> bool:
    """A short line that does not end as a sentence does (no full stop, no colon)."""
    stripped = line.strip()
    words = stripped.split()
    return 0 < len(words) <= HEADLINE_WORDS and not stripped.endswith((".", ":", ";", ",", '"'))


#: The kind of a one-line paragraph that does not end as a sentence: no events, but names.
HEADING = "heading"
#: How a paragraph of story text ends: a full stop, a question or a quotation closing.
SENTENCE_END = (".", "!", "?", ":", ";", ",", '"', "”", "’", "'", ")", "]", "…")
#: Direction marks and other invisible characters after a line's last letter.
INVISIBLE_END = re.compile(r"[\s\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+$")
#: The longest one-line paragraph, in words, still read as a heading when unfinished.
HEADING_WORDS = 40


def _unfinished(line: str) -> bool:
    """A line of words that does not end as a sentence (see :data:`SENTENCE_END`)."""
    stripped = INVISIBLE_END.sub("", line).strip()
    return 0 < len(stripped.split()) <= HEADING_WORDS and not stripped.endswith(SENTENCE_END)


def furniture_blocks(text: str, title: str = "", language: str = "en") -> list[Block]:
    """Every furniture span of ``text``, in order.

    Whole lines are furniture when a pattern matches them; the first line of the text
    is a headline when it reads as one or equals ``title``; a dateline at the start of a
    story paragraph ("CITY, 3 May (Agency) -") is furniture up to its dash. Within one
    block of lines (no blank line between), the lines above a post's attribution are
    the post, and the lines under a link list's heading are its links.
    """
    rules = load_furniture_rules(language)
    lines: list[tuple[int, int, str | None, int]] = []  # start, end, kind, block number
    block_number, first = 0, True
    wanted_title = " ".join(title.split()).casefold()
    for match in LINE.finditer(text):
        line = match.group()
        if not line.strip():
            block_number += 1
            continue
        if lines and text.count("\n", lines[-1][1], match.start()) > 1:
            block_number += 1
        lead = len(line) - len(line.lstrip())
        start, end = match.start() + lead, match.start() + len(line.rstrip())
        kind = line_kind(line, rules)
        is_title = wanted_title and " ".join(line.split()).casefold() == wanted_title
        if kind is None and (is_title or (first and _reads_as_headline(line))):
            kind = "headline"
        first = False
        lines.append((start, end, kind, block_number))
    kinds = _spread_in_blocks(text, lines, rules.post_header)
    for index, (start, end, _, block) in enumerate(lines):
        alone = all(
            not (0 <= other < len(lines)) or lines[other][3] != block
            for other in (index - 1, index + 1)
        )
        if kinds[index] is None and alone and _unfinished(text[start:end]):
            # A paragraph of one line that does not end as a sentence does: a standfirst
            # under the headline, a subheading, a teaser ("Ko Ko walked out in August and
            # was found in a loft"). Story paragraphs end with their full stop. It tells no
            # event, but the people it names are the story's (see HEADING).
            kinds[index] = HEADING
    blocks: list[Block] = []
    for (start, end, _, _), kind in zip(lines, kinds, strict=True):
        if kind is not None:
            blocks.append(Block(start, end, kind))
            continue
        prefix = rules.dateline_prefix.match(text[start:end])
        if prefix:
            blocks.append(Block(start, start + prefix.end(), "dateline"))
    return blocks


#: A link list's heading: the list's lines follow it.
LINKS_HEADING = re.compile(
    r"^(?:(?:related(?: stories| articles| coverage| content)?|read more|more on this story|"
    r"see also|further reading|recommended|also read|most read|most popular|most viewed|"
    r"top stories|latest news|latest stories|trending(?: now)?|editor[’']?s picks|"
    r"you may also like|more stories|more news|more from [\w’' ]{1,30}|what to read next|"
    r"(?:read|see|watch) (?:also|next))\s*:?"
    r"|(?:read|see|watch)\s+more(?:\s+[\w’'-]+){1,4}\s*:)\s*$",
    re.IGNORECASE,
)


def _spread_in_blocks(
    text: str, lines: list[tuple[int, int, str | None, int]], post_header: re.Pattern
):
    """Each line's kind once posts and link lists take in the lines of their block."""
    kinds = [kind for _, _, kind, _ in lines]
    for index, (start, end, kind, block) in enumerate(lines):
        if kind == "embed":
            back = index - 1
            while back >= 0 and lines[back][3] == block and kinds[back] is None:
                kinds[back] = "embed"
                back -= 1
            if post_header.search(text[start:end]):
                # A post's header ("Name @handle · 14 Apr 2025"): the post follows it.
                ahead = index + 1
                # ("[Embedded post]" over the author's line: the post is under both)
                while (
                    ahead < len(lines)
                    and lines[ahead][3] == block
                    and kinds[ahead]
                    in (
                        None,
                        "embed",
                    )
                ):
                    kinds[ahead] = "embed"
                    ahead += 1
        if kind == "links" and LINKS_HEADING.match(text[start:end]):
            ahead = index + 1
            # A line that reads as a link on its own does not end the list.
            while (
                ahead < len(lines) and lines[ahead][3] == block and kinds[ahead] in (None, "links")
            ):
                kinds[ahead] = "links"
                ahead += 1
    # A line that is only a name, right above or below a byline or a timestamp, is the
    # author's name ("Jane Roe" over "Published 3 May 2022 · 4 min read").
    for index, (start, end, _, block) in enumerate(lines):
        if kinds[index] is None and BARE_NAME.match(text[start:end]):
            near = [
                kinds[other]
                for other in (index - 1, index + 1)
                if 0 <= other < len(lines) and lines[other][3] == block
            ]
            if any(kind in ("byline", "timestamp", "dateline") for kind in near):
                kinds[index] = "byline"
    return kinds


#: A line that is nothing but a person's name: two to four capitalised words.
BARE_NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w’'.-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w’'.-]+){1,3}$")


def in_furniture(blocks: list[Block], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps any furniture block."""
    return any(block.start < end and start < block.end for block in blocks)


def story_sentences(sentences: list[tuple[int, int]], blocks: list[Block]) -> list[tuple[int, int]]:
    """The sentences that are story text: furniture lines dropped, dateline prefixes cut off.

    >>> text = "MINSK, 3 May (Wire) - He left on 2 May."
    >>> [text[a:b] for a, b in story_sentences([(0, len(text))], furniture_blocks(text))]
    ['He left on 2 May.']
    """
    kept: list[tuple[int, int]] = []
    for start, end in sentences:
        for block in blocks:
            if block.start < end and start < block.end:
                if block.kind == "dateline" and block.start <= start < block.end < end:
                    start = block.end  # the story goes on after the dateline's dash
                else:
                    break
        else:
            if start < end:
                kept.append((start, end))
    return kept


_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
FULL_DATE = re.compile(
    r"\b(?:(?P<iso>\d{4}-\d{2}-\d{2})"
    r"|(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>[A-Za-z]{3,9})\.?,?\s+(?P<y1>\d{4})"
    r"|(?P<m2>[A-Za-z]{3,9})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}))\b"
)
#: Furniture whose date is the page's own: when it was written or updated.
DATED_KINDS = ("timestamp", "byline", "dateline")


def furniture_date(text: str, blocks: list[Block]) -> tuple[dt.date, str] | None:
    """The first full date (day, month and year) of a byline, timestamp or dateline, with
    the line it was read from: the page's date when the publication date is missing.

    >>> text = "Guard freed\\nBy Ana Ruiz | Updated: 4 May 2022\\n\\nHe left on Monday."
    >>> furniture_date(text, furniture_blocks(text))[0]
    datetime.date(2022, 5, 4)
    """
    for block in blocks:
        if block.kind not in DATED_KINDS:
            continue
        line = text[block.start : block.end]
        for match in FULL_DATE.finditer(line):
            found = _read_date(match)
            if found is not None:
                return found, line
    return None


def _read_date(match: re.Match) -> dt.date | None:
    try:
        if match.group("iso"):
            return dt.date.fromisoformat(match.group("iso"))
        day, month, year = (match.group("d1"), match.group("m1"), match.group("y1"))
        if day is None:
            day, month, year = (match.group("d2"), match.group("m2"), match.group("y2"))
        number = _MONTHS.get(month.lower())
        return dt.date(int(year), number, int(day)) if number else None
    except ValueError:
        return None


def page_date(text: str, title: str = "") -> tuple[dt.date, str] | None:
    """The date a byline, timestamp or dateline gives the page, with its line: it stands
    in for a missing publication date (the command line says so on stderr)."""
    return furniture_date(text, furniture_blocks(text, title))
