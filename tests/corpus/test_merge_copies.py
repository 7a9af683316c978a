"""Four web copies of one story (written for this test) merge into one event per happening,
though one copy misspells the name and words the defection as a resignation."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from timeline import extract
from timeline.corpus.merge import merge_events
from timeline.corpus.merge.near_names import join_near_names, near
from timeline.corpus.merge.settings import load_merge_settings
from timeline.text.documents import read_document

COPIES = Path(__file__).resolve().parents[1] / "data" / "merge" / "copies"


def test_each_happening_is_one_event_with_every_copy_as_a_source():
    frames = []
    for path in sorted(COPIES.glob("*.txt")):
        document = read_document(path)
        frames.append(
            extract(
                document.text,
                published=document.published,
                title=document.title,
                url=document.url,
                doc_id=document.id,
            )
        )
    merged = merge_events(pd.concat(frames, ignore_index=True))
    rows = sorted(merged[["person", "event_type", "date", "source_count"]].values.tolist())
    assert rows == [
        ["Soe Naing Htet", "arrest", "2022-03-09", 4],
        ["Soe Naing Htet", "defection", "2022-03-02", 4],
        ["Soe Naing Htet", "escape", "2022-03-12", 4],
    ]


def test_near_spellings_join_only_on_the_evidence_of_one_happening():
    settings = load_merge_settings()
    assert near(("aung", "myo", "htet"), ("aung", "myo", "heat"))
    events = pd.DataFrame(
        {
            "person": ["Aung Myo Htet", "Aung Myo Heat"],
            "event_type": ["defection", "defection"],
            "date": ["2022-03-02", "2022-03-09"],
            "quote": ["Aung Myo Htet left his base and joined the resistance."] * 2,
        }
    )
    names = {"Aung Myo Htet": "Aung Myo Htet", "Aung Myo Heat": "Aung Myo Heat"}
    assert join_near_names(events, names, settings) == names  # different days: two people
    events["date"] = "2022-03-02"
    joined = join_near_names(events, names, settings)
    assert joined["Aung Myo Heat"] == joined["Aung Myo Htet"]
