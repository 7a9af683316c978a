"""Which full name each name of a document stands for.

"Horsey" and "Aung Huling" stand for the longer names they are part of, a name spelt a
letter or two off for the one it resembles, a rank-led short form for the one of that rank.
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline.extraction.people.aliases import name_rank, part_of_another, spelling_variant


def canonical_names(
    names_in_order: Sequence[tuple[int, str]],
    titles: dict[tuple[int, str], Sequence[str]] | None = None,
    genders: dict[tuple[int, str], str | None] | None = None,
) -> dict[tuple[int, str], str]:
    """Join short forms to a full name used elsewhere in the document.

    A name whose words are a contiguous part of a longer name ("Horsey",
    "Aung Huling") stands for it; when several longer names fit, the one
    mentioned most recently before wins (the first one after, if none before).
    ``genders`` (what a title or a kin word tells of each mention, "f" or "m") keeps a
    short form off a full name of the other gender: "Ms Levko" after "Sergeant Petro
    Levko" and "his wife, Iryna Levko" is the wife.
    """
    genders = genders or {}
    told: dict[str, set[str]] = {}
    for key in names_in_order:
        if genders.get(key):
            told.setdefault(key[1].casefold(), set()).add(genders[key])
    # One name written with other capitals ("Yasser Al-Khatib", "Yasser al-Khatib") is one
    # person, under the form written first.
    first_form: dict[str, str] = {}
    for _, name in sorted(names_in_order):
        first_form.setdefault(name.casefold(), name)
    forms = [(offset, first_form[name.casefold()]) for offset, name in names_in_order]
    full = sorted({n for _, n in forms}, key=lambda n: -len(n.split()))
    # Where each name is first written: a name the text wrote before another wins over one
    # it writes only later, and a spelling variant follows the spelling written first.
    first_at: dict[str, int] = {}
    for offset, name in forms:
        first_at[name] = min(offset, first_at.get(name, offset))
    result: dict[tuple[int, str], str] = {}
    for (offset, written), (_, name) in zip(names_in_order, forms, strict=True):
        # "Al-Khatib" opening a sentence is the "al-Khatib" of "Omar al-Khatib".
        words = name.casefold().split()
        ranks = {f: name_rank(f.casefold().split(), words) for f in full if f != name}
        fits = [f for f, rank in ranks.items() if rank and rank == max(ranks.values())]
        # A name the text wrote before this one wins over one it writes only later.
        fits = [f for f in fits if first_at[f] < offset] or fits
        if not fits:
            longest_names = [f for f in full if not part_of_another(f, full)]
            # A spelling variant follows the spelling the text wrote first.
            first = first_at[name]
            variant = spelling_variant(name, [f for f in longest_names if first_at[f] < first])
            result[(offset, written)] = variant or name
            continue
        longest = max(len(f.split()) for f in fits)
        fits = [f for f in fits if len(f.split()) == longest]
        # "Sgt. Levko" after "Sergeant Petro Levko" and his wife "Iryna Levko": the sergeant.
        mine = set((titles or {}).get((offset, written), ()))
        titled = {
            n
            for (o, w), (_, n) in zip(names_in_order, forms, strict=True)
            if n in fits and mine & set((titles or {}).get((o, w), ()))
        }
        fits = [f for f in fits if f in titled] or fits
        if mine_gender := genders.get((offset, written)):
            # The full name known to be of that gender, else any not known to be the other.
            same = [f for f in fits if told.get(f.casefold()) == {mine_gender}]
            fits = (
                same
                or [f for f in fits if told.get(f.casefold(), {mine_gender}) == {mine_gender}]
                or fits
            )
        before = [(o, n) for o, n in forms if o < offset and n in fits]
        after = [(o, n) for o, n in forms if o > offset and n in fits]
        if len(words) == 1 and len({n for _, n in before}) > 1 and not mine_gender:
            # A bare surname of several people named before: the story's protagonist, the
            # one named first (not the wife quoted since), as for surnames the tagger missed.
            # "Ms Halloran" right after "Bernadette Halloran" is the one just named.
            result[(offset, written)] = before[0][1]
            continue
        result[(offset, written)] = before[-1][1] if before else after[0][1] if after else fits[0]
    return result
