"""Merging events across documents: one row per happening, with every source that told it.

Two extracted events are one happening when they name the same person (after joining the
name variants of the whole corpus), have compatible types and their dates agree at the
coarser granularity ("2021-05" and "2021-05-05"). Dates a day or two apart merge only when
the quotes say the same thing (the same wire story reworded); such an event is flagged as a
conflict and keeps both dates. Two events of one document merge only when their dates are
identical. Settings and word lists live in ``resources/en/merge.yaml``.

The package is laid out by job: ``settings`` (merge.yaml), ``names`` (joining the names of
a corpus), ``agreement`` (types, dates and quotes that agree), ``clusters`` (the merge
itself) and ``assemble`` (one row per happening).

>>> from timeline.output.schema import EVENT_COLUMNS, events_frame
>>> blank = {**dict.fromkeys(EVENT_COLUMNS, ""), "start": 0, "end": 1, "confidence": 1.0}
>>> rows = [
...     {"doc_id": "a", "event_id": "a1", "person": "Lt. Col. Tun Aye", "event_type": "defection",
...      "date": "2022-03-12", "granularity": "day", "date_start": "2022-03-12",
...      "date_end": "2022-03-12", "published": "2022-06-01"},
...     {"doc_id": "b", "event_id": "b1", "person": "Tun Aye", "event_type": "escape",
...      "date": "2022-03", "granularity": "month", "date_start": "2022-03-01",
...      "date_end": "2022-03-31", "published": "2022-06-02"}]
>>> merged = merge_events(events_frame([{**blank, **row} for row in rows]))
>>> merged[["event_id", "person", "date", "event_ids", "conflict"]].to_dict("records")
[{'event_id': 'a1', 'person': 'Tun Aye', 'date': '2022-03-12', 'event_ids': ['a1', 'b1'], \
'conflict': False}]
"""

from timeline.corpus.merge.agreement import (
    GRANULARITY_RANK,
    content_words,
    dates_agree,
    quotes_agree,
    same_report,
    type_class,
)
from timeline.corpus.merge.clusters import merge_events
from timeline.corpus.merge.names import join_names, name_words
from timeline.corpus.merge.settings import (
    MergeSettings,
    load_merge_settings,
    merge_resource_path,
    settings_from_dict,
)

__all__ = [
    "GRANULARITY_RANK",
    "MergeSettings",
    "content_words",
    "dates_agree",
    "join_names",
    "load_merge_settings",
    "merge_events",
    "merge_resource_path",
    "name_words",
    "quotes_agree",
    "same_report",
    "settings_from_dict",
    "type_class",
]
