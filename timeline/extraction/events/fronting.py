"""Where a date set before its clause belongs: one that opens the sentence before a comma
dates the main clause ("In the summer of 2012, after his unit was ordered to fire, he
slipped away"), and one a reporting aside follows dates the clause after the aside ("on the
night of 2 August, he said, he walked across the border"), wherever the parser hung it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Clauses whose verb speaks for a reporting verb above it.
REPORTED = frozenset({"ccomp", "xcomp", "parataxis"})
REPORTING_LEMMAS = frozenset(
    {
        "say",
        "tell",
        "report",
        "claim",
        "state",
        "add",
        "explain",
        "recall",
        "describe",
        "write",
        "announce",
        "testify",
        "insist",
    }
)
#: Words of a noun phrase before its head.
NOUN_PARTS = frozenset({"compound", "amod", "det", "nummod", "poss", "nmod"})
#: A reporting aside right after a date: ", he said, ".
ASIDE_AFTER = re.compile(
    r",\s*(?:he|she|they|we|i)\s+(?:said|says|recalled|recalls|added|adds|explained)\s*,\s*",
    re.IGNORECASE,
)


def fronted_root(doc: Doc | Span, start: int, end: int) -> Token | None:
    """The sentence's main verb when the date at ``[start, end)`` opens the sentence and a
    comma follows it, and no semicolon stands between; else None."""
    first_word = next((t for t in doc if not t.is_punct and not t.is_space), None)
    if first_word is None or first_word.idx < start - 12:
        return None  # (decided before building every token of the sentence)
    tokens = list(doc)
    first = _past_brackets(tokens, _first_token_from(doc, end))
    if first >= len(tokens) or tokens[first].text != ",":
        return None
    if any(t.idx < start and t.pos_ in ("VERB", "AUX") for t in tokens):
        return None
    roots = [t for t in tokens if t.dep_ == "ROOT" and t.idx > end]
    if len(roots) != 1 or roots[0].pos_ not in ("VERB", "AUX"):
        return None
    # "On 2 May, Petrov was shot; Ivanov says he carried him back": a semicolon ends the
    # clause the date opens, and a root after it is another clause's.
    if any(t.text == ";" and end <= t.idx < roots[0].idx for t in tokens):
        return None
    if roots[0].lemma_.lower() in REPORTING_LEMMAS:
        # "On 8 May, troops raided the camp and took him away, villagers said": the date
        # opens the reported clause, which the parser hangs under the saying after it.
        before = [
            c for c in roots[0].children if c.dep_ in REPORTED and end <= c.idx < roots[0].idx
        ]
        if before:
            return before[0]
    return roots[0]


def verb_after_aside(doc: Doc | Span, end: int) -> Token | None:
    """The verb of the clause after a reporting aside that follows the date ending at
    ``end`` ("on the night of 2 August, he said, he walked ..."): its subject's verb."""
    first = _first_token_from(doc, end)
    window = list(doc[first : first + ASIDE_TOKENS])
    aside = ASIDE_AFTER.match("".join(t.text_with_ws for t in window))
    if aside is None:
        return None
    reach, after = 0, None
    for token in window:
        if reach >= aside.end():
            after = token
            break
        reach += len(token.text_with_ws)
    while after is not None and after.dep_ in NOUN_PARTS and after.head is not after:
        after = after.head  # "Ali" of "Ali Reza walked": the subject is the phrase's head
    if after is None or after.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = after.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


#: Verbs that only point at a time: "the charges relate to the night of 20 May, when ...".
POINTING_LEMMAS = frozenset({"relate", "date", "go", "trace", "stem", "refer", "concern"})


def when_clause(head: Token) -> Token | None:
    """The verb of a "when" clause on the date whose head is ``head``, when the clause
    above only points at that time ("the case goes back to 3 May, when X fled": the
    fleeing); else None."""
    token, clause = head, None
    for _ in range(3):
        clause = next(
            (
                c
                for c in token.children
                if c.dep_ == "relcl" and any(g.lower_ == "when" for g in c.children)
            ),
            None,
        )
        if clause is not None or token.head.i == token.i:
            break
        token = token.head
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if clause is None or verb.lemma_.lower() not in POINTING_LEMMAS:
        return None
    return clause


#: Tokens enough to hold the aside and the word after it.
ASIDE_TOKENS = 8


def _past_brackets(tokens: list[Token], first: int) -> int:
    """The index after a bracketed aside that opens at ``first`` ("On 3 May (a Friday),"
    or the same day in another calendar), else ``first``."""
    if first >= len(tokens) or tokens[first].text != "(":
        return first
    for index in range(first + 1, min(len(tokens), first + 12)):
        if tokens[index].text == ")":
            return index + 1
    return first


def _first_token_from(doc: Doc | Span, offset: int) -> int:
    """The index of the first token at or after character ``offset`` (a binary search:
    a document's text is not rebuilt for every date)."""
    low, high = 0, len(doc)
    while low < high:
        middle = (low + high) // 2
        if doc[middle].idx < offset:
            low = middle + 1
        else:
            high = middle
    return low
