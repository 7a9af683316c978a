"""Which stored events an added document can change the merge of.

Events merge only within one person (by the name the whole corpus prefers for them), and
unnamed events only with unnamed ones. An added document's people can change how names
join: a name that shares a word with theirs (a short form, a part of a longer name), a
spelling of one word a letter or two off, and every name that joins any of those. The
events of all those names, and the unnamed events when the document has some, are the
only ones whose merge can change; merging them alone gives the same rows for them as
merging the whole store (``tests/corpus/test_merge_around.py`` checks it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from timeline.corpus.merge.names import join_names, name_words
from timeline.corpus.merge.near_names import near
from timeline.corpus.merge.settings import MergeSettings, load_merge_settings


def names_around(
    counts: Mapping[str, int], added: Iterable[str], settings: MergeSettings | None = None
) -> set[str]:
    """The written names whose events must be merged again after a document naming
    ``added`` was stored; ``counts`` gives every stored name's events (the document's
    included)."""
    settings = settings or load_merge_settings()
    added = {name for name in added if str(name).strip()}
    if not added:
        return set()
    preferred = join_names(counts, settings)
    words_of = {name: name_words(name, settings) for name in counts if str(name).strip()}
    words = {word for name in added for word in name_words(name, settings)}
    touched = {name for name, own in words_of.items() if words & set(own)} | added
    targets = {words_of.get(n) or name_words(n, settings) for n in added}
    targets |= {name_words(preferred.get(n, n), settings) for n in touched}
    touched |= {name for name, own in words_of.items() if any(near(own, t) for t in targets)}
    chosen = {preferred.get(name, name) for name in touched}
    return touched | {name for name in words_of if preferred.get(name, name) in chosen}
