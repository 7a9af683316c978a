"""Is a text English? Other languages are refused with a reason, not mis-read as English.

The check is the share of common English function words among a text's lower-case words,
with the word list and thresholds as data (``resources/en/language.yaml``): cheap,
deterministic, offline, and easy to explain in an error message.

>>> english_share("Er sagte, dass die Armee nicht mehr seine Heimat sei.")
(7, 0.0)
>>> english_share("He said the army was no longer his home.")[1] > 0.4
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from timeline.resources import resource_path
from timeline.text.documents import DocumentError

#: Letters only (any script), with inner apostrophes: "don't", "l'armée".
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
#: Characters read from the start of a long text: plenty to judge its language.
SAMPLE_CHARS = 50_000


@dataclass(frozen=True)
class LanguageProfile:
    """The function words of a language and the share of them a text must reach."""

    words: frozenset[str]
    min_words: int
    min_share: float


@lru_cache(maxsize=2)
def load_profile(language: str = "en") -> LanguageProfile:
    """The profile of ``language`` from its resource folder (cached)."""
    path = resource_path(language, "language.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return LanguageProfile(
        words=frozenset(str(w).lower() for w in data["words"]),
        min_words=int(data["min_words"]),
        min_share=float(data["min_share"]),
    )


def english_share(text: str, profile: LanguageProfile | None = None) -> tuple[int, float]:
    """How many lower-case words the text's start has, and the share that are function words."""
    profile = profile or load_profile()
    words = [w for w in WORD.findall(text[:SAMPLE_CHARS]) if w[0].islower()]
    if not words:
        return 0, 0.0
    return len(words), sum(w in profile.words for w in words) / len(words)


def check_english(text: str) -> None:
    """Raise DocumentError when a text long enough to judge does not read as English."""
    profile = load_profile()
    count, share = english_share(text, profile)
    if count >= profile.min_words and share < profile.min_share:
        raise DocumentError(
            f"the text does not read as English ({share:.0%} of its words are common English"
            f" words, {profile.min_share:.0%} needed); only English articles are supported"
        )
