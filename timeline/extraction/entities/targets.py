"""The targets of one request compiled once: every variant's owner and one pattern for all.

A variant two targets share belongs to neither, unless it is one target's full name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from timeline.extraction.entities.names import entity_kind, load_entity_resources, name_variants
from timeline.extraction.people import Mention
from timeline.text.spans import SpanIndex, quote_spans


@dataclass(frozen=True)
class Targets:
    """Compiled target entities: each variant's owner, and one pattern for them all."""

    names: tuple[str, ...]
    kinds: dict[str, str]
    owner: dict[str, str]
    pattern: re.Pattern
    exact_case: frozenset[str]
    capitalised: dict[str, bool]


def _variant_regex(variant: str) -> str:
    parts = [re.escape(w) for w in variant.split()]
    return r"\s+".join(parts)


@lru_cache(maxsize=32)
def compile_targets(names: tuple[str, ...], language: str = "en") -> Targets:
    """Variants of every target, with those two targets share dropped (see module doc)."""
    res = load_entity_resources(language)
    names = tuple(dict.fromkeys(" ".join(n.split()) for n in names if n and n.strip()))
    claims: dict[str, set[str]] = {}
    full: dict[str, str] = {}
    for name in names:
        for index, variant in enumerate(name_variants(name, res)):
            claims.setdefault(variant.lower(), set()).add(name)
            if index == 0:
                full[variant.lower()] = name
    owner: dict[str, str] = {}
    surface: dict[str, str] = {}
    for name in names:
        for variant in name_variants(name, res):
            key = variant.lower()
            if key in full:
                owner[key] = full[key]
            elif len(claims[key]) == 1:
                owner[key] = name
            else:
                continue
            surface.setdefault(key, variant)
    exact_case = frozenset(
        key for key, v in surface.items() if v.isupper() and " " not in v and len(v) <= 5
    )
    alternatives = sorted(surface.values(), key=len, reverse=True)
    body = "|".join(_variant_regex(v) for v in alternatives) or "(?!)"
    pattern = re.compile(
        rf"(?<![\w&-])(?P<name>{body})(?P<tail>['’]s\b|['’](?!\w)|s\b)?(?![\w&-])", re.IGNORECASE
    )
    kinds = {name: entity_kind(name, res) for name in names}
    capitalised = {key: v[:1].isupper() for key, v in surface.items()}
    return Targets(names, kinds, owner, pattern, exact_case, capitalised)


def _case_fits(written: str, key: str, targets: Targets) -> bool:
    """Acronyms only in capitals ("GM", not "gm"); a capitalised name not in lower case."""
    if key in targets.exact_case:
        return written.isupper()
    first = next((c for c in written if c.isalpha()), "")
    return not (first.islower() and targets.capitalised[key])


def name_mentions(text: str, targets: Targets, quotes: SpanIndex | None = None) -> list[Mention]:
    """Every written name of a target (variants, possessives, plurals) as a Mention."""
    quotes = quotes if quotes is not None else SpanIndex(quote_spans(text))
    found = []
    for match in targets.pattern.finditer(text):
        written = match.group("name")
        key = " ".join(written.lower().split())
        if key not in targets.owner or not _case_fits(written, key, targets):
            continue
        start, end = match.span("name")
        found.append(Mention(start, end, written, targets.owner[key], "name", start in quotes))
    return found
