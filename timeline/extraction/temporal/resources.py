"""Loading the temporal word lists and rules, and compiling rule patterns.

Code and language resources are kept apart: everything English lives in
``timeline/resources/en/temporal/`` and this module only knows the formats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from timeline.resources import resource_path

REFERENCE = re.compile(r"\{([a-z_0-9]+)\}")


@dataclass(frozen=True)
class Rule:
    """One named temporal rule: a compiled pattern, its TIMEX3 type and value template."""

    name: str
    pattern: re.Pattern
    type: str
    value: str
    example: str = ""
    tests: tuple[dict, ...] = ()
    reject: tuple[str, ...] = ()
    anchor: re.Pattern | None = None


@dataclass(frozen=True)
class NegativeRule:
    """A rule that throws matches away: a context pattern, or a word with given tags."""

    name: str
    pattern: re.Pattern | None = None
    words: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    next_tags: frozenset[str] = frozenset()
    only_rules: frozenset[str] = frozenset()
    example: str = ""
    tests: tuple[dict, ...] = ()


@dataclass(frozen=True)
class TemporalResources:
    """Word lists, rules and negative rules of one language."""

    lists: dict[str, dict[str, object]]
    rules: tuple[Rule, ...]
    negatives: tuple[NegativeRule, ...]
    published_for_tests: str
    #: Years after the publication date beyond which an expression is not a date.
    max_years_ahead: int | None = None
    future_markers: re.Pattern = field(repr=False, default=re.compile(r"(?!)"))
    cues: re.Pattern = field(repr=False, default=re.compile(r"(?!)"))


def _resource_dir(language: str) -> Path:
    return resource_path(language, "temporal")


def _alternation(keys: list[str]) -> str:
    ordered = sorted(keys, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in ordered) + ")"


def expand(pattern: str, lists: dict[str, dict], fragments: dict[str, str], depth: int = 0) -> str:
    """Replace {name} references by word-list alternations or fragments."""
    if depth > 5:
        raise ValueError(f"fragments nest too deeply in {pattern!r}")

    def substitute(match: re.Match) -> str:
        name = match.group(1)
        if name in fragments:
            return expand(fragments[name], lists, fragments, depth + 1)
        if name in lists:
            return _alternation([str(k) for k in lists[name]])
        raise ValueError(f"unknown list or fragment {{{name}}}")

    # Quantifiers such as {2} or {0,3} are not references: they hold digits only.
    return REFERENCE.sub(lambda m: m.group(0) if m.group(1).isdigit() else substitute(m), pattern)


def _compile(source: str, lists: dict, fragments: dict, case_sensitive: bool, where: str):
    try:
        flags = 0 if case_sensitive else re.IGNORECASE
        return re.compile(expand(source, lists, fragments), flags)
    except (re.error, ValueError) as error:
        raise ValueError(f"{where}: {error}") from None


def _load_yaml(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _spec_pattern(spec: dict, lists: dict, fragments: dict, kind: str) -> re.Pattern:
    """The compiled pattern of a rule or negative rule, errors naming the rule."""
    where = f"{kind} {spec['name']}"
    return _compile(spec["pattern"], lists, fragments, spec.get("case_sensitive", False), where)


@lru_cache(maxsize=4)
def load_resources(language: str = "en") -> TemporalResources:
    """Load and compile the temporal resources of ``language`` (cached)."""
    folder = _resource_dir(language)
    lists = {
        name: {str(k).lower(): v for k, v in table.items()}
        for name, table in _load_yaml(folder / "patterns.yaml").items()
    }
    rule_file = _load_yaml(folder / "rules.yaml")
    fragments = rule_file.get("fragments", {})
    rules = tuple(
        Rule(
            name=spec["name"],
            pattern=_spec_pattern(spec, lists, fragments, "rule"),
            type=spec["type"],
            value=spec["value"],
            example=spec.get("example", ""),
            tests=tuple(spec.get("tests", ())),
            reject=tuple(spec.get("reject", ())),
            anchor=_compile(
                r"\b" + spec["anchor"] + r"\b", lists, fragments, False, f"anchor of {spec['name']}"
            )
            if spec.get("anchor")
            else None,
        )
        for spec in rule_file["rules"]
    )
    negative_file = _load_yaml(folder / "negative_rules.yaml")
    negatives = tuple(
        NegativeRule(
            name=spec["name"],
            pattern=_spec_pattern(spec, lists, fragments, "negative rule")
            if "pattern" in spec
            else None,
            words=frozenset(w.lower() for w in spec.get("words", ())),
            tags=frozenset(spec.get("tags", ())),
            next_tags=frozenset(spec.get("next_tags", ())),
            only_rules=frozenset(spec.get("only_rules", ())),
            example=spec.get("example", ""),
            tests=tuple(spec.get("tests", ())),
        )
        for spec in negative_file["negative_rules"]
    )
    future = _compile(r"\b{future_marker}\b", lists, {}, False, "future markers")
    cue_lists = ("month", "weekday", "season", "part_of_day", "unit", "present_ref", "cue_word")
    # Single words only (the last word of "at the time"), so that one scan finds
    # every anchor word at the start of some cue hit.
    cue_words = {str(key).split()[-1] for name in cue_lists for key in lists[name]}
    cues = re.compile(
        r"[0-9]+|\b(?:" + "|".join(map(re.escape, sorted(cue_words, key=len, reverse=True))) + ")",
        re.IGNORECASE,
    )
    return TemporalResources(
        lists=lists,
        rules=rules,
        negatives=negatives,
        published_for_tests=str(rule_file.get("published", "")),
        max_years_ahead=rule_file.get("max_years_ahead"),
        future_markers=future,
        cues=cues,
    )
