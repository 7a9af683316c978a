"""The event table as the dashboard holds it: the rows, plus numpy arrays that filters use.

Preparing costs time once (hover labels, day numbers, codes); every filter change after that
works on integer arrays and row positions, and copies only the rows it draws.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from timeline.dashboard.hover import hover_columns, hover_rows_for
from timeline.dashboard.labels import NO_PERSON, NO_PERSON_LABEL, OTHER_TYPES
from timeline.dashboard.months import day_numbers, month_index
from timeline.dashboard.place_codes import PlaceIndex, place_index
from timeline.dashboard.shown import (
    SHOWN_COLUMNS,
    Merge,
    decoded,
    merge_added,
    single_sources,
)
from timeline.dashboard.splice import insertion_points, splice_runs, spliced_codes
from timeline.output.schema import EVENT_COLUMNS, events_frame

_MISSING_DAY = -(2**62)
_ORDER = ["_first_day", "doc_id", "start", "event_id"]
#: Quotes case-folded and encoded at once when building the search index.
SEARCH_CHUNK = 50_000
#: Text search hits after which their density is checked.
SEARCH_SAMPLE_HITS = 256
#: Text search hits after which testing every quote beats jumping from hit to hit.
SEARCH_HITS_BEFORE_SCAN = 2_000


def prepare_events(frame: pd.DataFrame, rows: int | None = None) -> pd.DataFrame:
    """The event table plus what drawing needs, computed once per event.

    Events without a readable period are left out: an undated event must never land on 1970.
    Rows are ordered by date, then document and position, so same-day events keep source order.
    ``rows`` is the size of the whole table these rows join (it sets the hover's length).
    """
    frame = with_shown_columns(frame)
    table = frame.loc[:, [*EVENT_COLUMNS, *SHOWN_COLUMNS]].reset_index(drop=True)
    first = day_numbers(table["date_start"])
    last = day_numbers(table["date_end"])
    last = np.where(last < first, first, last)
    table = table.assign(_first_day=first, _last_day=last)
    dated = first != _MISSING_DAY
    if not dated.all():
        table = table.loc[dated].reset_index(drop=True)
    # One take in drawing order (sort_values would copy more on big tables).
    order = draw_order(table)
    if not (order[1:] > order[:-1]).all():
        table = table.take(order).reset_index(drop=True)
    table = table.assign(**hover_columns(table, full=hover_rows_for(table, rows)))
    return single_chunks(table)


def draw_order(table: pd.DataFrame) -> np.ndarray:
    """The row positions in drawing order: first day, document, offset, then event id, so
    that a table built in pieces comes out in the same order as one built at once."""
    keys = [table[name] for name in reversed(_ORDER)]
    codes = [
        key.to_numpy() if pd.api.types.is_integer_dtype(key) else pd.factorize(key, sort=True)[0]
        for key in keys
    ]
    return np.lexsort(codes)


def single_chunks(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with each Arrow-backed text column in one piece: taking rows from a column
    in many chunks costs several times more than from one contiguous array. Columns are
    replaced one at a time, in place, so at most one extra column is alive at once (a
    million rows' text is hundreds of MB)."""
    for name in list(frame.columns):
        column = frame[name]
        if isinstance(column.array, pd.arrays.ArrowStringArray):
            chunked = pa.array(column)
            if isinstance(chunked, pa.ChunkedArray) and chunked.num_chunks > 1:
                frame[name] = pd.array(chunked.combine_chunks(), dtype=column.dtype)
    return frame


def with_shown_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """An event table with ``SHOWN_COLUMNS``: added as single, unedited sources if missing."""
    if all(column in frame.columns for column in SHOWN_COLUMNS):
        return frame
    return single_sources(frame.loc[:, EVENT_COLUMNS])


def search_index(
    quotes: pd.Series, chunk: int = SEARCH_CHUNK
) -> tuple[bytearray, np.ndarray, pa.Array]:
    """The case-folded quotes as one UTF-8 buffer (each ended by a newline), the offset of
    each with the end appended, and an Arrow view of the same bytes (no second copy)."""
    data = bytearray()
    ends = [np.zeros(1, dtype="int64")]
    for begin in range(0, len(quotes), chunk):
        keys = (quote.casefold().replace("\n", " ") for quote in quotes.iloc[begin : begin + chunk])
        encoded = ("\n".join(keys) + "\n").encode("utf-8")
        newlines = np.flatnonzero(np.frombuffer(encoded, dtype=np.uint8) == 10)
        ends.append(newlines.astype("int64") + len(data) + 1)
        data += encoded
    offsets = np.concatenate(ends)
    keys = pa.LargeStringArray.from_buffers(
        len(offsets) - 1, pa.py_buffer(offsets), pa.py_buffer(data)
    )
    return data, offsets, keys


def keys_index(keys: pa.Array) -> tuple[bytearray, np.ndarray, pa.Array]:
    """``search_index``'s three parts for search keys gathered from other tables."""
    keys = pa.concat_arrays([keys.cast(pa.large_string())]) if keys.offset else keys
    offsets_buffer, data_buffer = keys.buffers()[1:3]
    offsets = np.frombuffer(offsets_buffer, dtype="int64")[: len(keys) + 1]
    first = int(offsets[0]) if len(offsets) else 0
    end = int(offsets[-1]) if len(offsets) else 0
    data = bytearray(memoryview(data_buffer)[first:end]) if data_buffer is not None else bytearray()
    offsets = offsets - first
    view = pa.LargeStringArray.from_buffers(
        len(offsets) - 1, pa.py_buffer(offsets), pa.py_buffer(data)
    )
    return data, offsets, view


@dataclass(frozen=True, eq=False)
class EventTable:
    """Prepared events (``frame``) and per-row arrays in the same order."""

    frame: pd.DataFrame
    first: np.ndarray
    last: np.ndarray
    person_codes: np.ndarray
    people: np.ndarray
    type_codes: np.ndarray
    types: np.ndarray
    #: Case-folded quotes, one UTF-8 buffer, each ended by a newline; ``quote_offsets`` has
    #: where each starts (and the end), and ``quote_keys`` is the same memory seen by Arrow.
    quote_keys: pa.Array
    quote_blob: bytearray
    quote_offsets: np.ndarray

    @classmethod
    def from_events(cls, frame: pd.DataFrame) -> EventTable:
        """Prepare a table with ``EVENT_COLUMNS``."""
        return cls.from_prepared(prepare_events(frame))

    @classmethod
    def from_prepared(
        cls,
        frame: pd.DataFrame,
        keys: pa.Array | None = None,
        codes: dict[str, tuple[np.ndarray, np.ndarray]] | None = None,
    ) -> EventTable:
        """Index a frame made by ``prepare_events`` (already sorted); ``keys`` are its
        search keys and ``codes`` its person and type codes when known (see
        ``search_index`` and ``spliced_codes``)."""
        codes = codes or {}
        person_codes, people = codes.get("person") or pd.factorize(frame["person"], sort=True)
        type_codes, types = codes.get("event_type") or pd.factorize(frame["event_type"], sort=True)
        if keys is None:
            blob, offsets, keys = search_index(frame["quote"])
        else:
            blob, offsets, keys = keys_index(keys)
        return cls(
            frame=frame,
            first=frame["_first_day"].to_numpy(dtype="int64"),
            last=frame["_last_day"].to_numpy(dtype="int64"),
            person_codes=np.asarray(person_codes, dtype="int32"),
            people=np.asarray(people, dtype=object),
            type_codes=np.asarray(type_codes, dtype="int32"),
            types=np.asarray(types, dtype=object),
            quote_keys=keys,
            quote_blob=blob,
            quote_offsets=offsets,
        )

    def __len__(self) -> int:
        return len(self.frame)

    @functools.cached_property
    def places(self) -> PlaceIndex:
        """Each row's place code and the places (computed when the map first needs them)."""
        return place_index(self.frame)

    @property
    def empty(self) -> bool:
        """Whether there are no events."""
        return len(self.frame) == 0

    def combine(self, added_records: list[dict] | None, merge: Merge | None = None) -> EventTable:
        """This table plus events added in the browser (records with ``EVENT_COLUMNS``),
        merged with the events drawn here by ``merge`` when given (as ingest merges), so an
        article about a known happening joins it at once."""
        if not added_records:
            return self
        added = events_frame(added_records).drop_duplicates("event_id")
        added = added.loc[~added["event_id"].isin(self.frame["event_id"])]
        if added.empty:
            return self
        kept = self.frame
        if merge is not None:
            shown, taken = merge_added(self.frame, added, merge)
            kept = kept.loc[~kept["event_id"].isin(taken)]
        else:
            shown = single_sources(added)
        merged = pd.concat([kept, prepare_events(shown)], ignore_index=True)
        merged = merged.take(draw_order(merged)).reset_index(drop=True)
        return EventTable.from_prepared(merged)

    def replace_documents(self, doc_ids: Sequence[str], shown: pd.DataFrame) -> EventTable | None:
        """This table with the rows of ``doc_ids`` replaced by ``shown`` (their drawn rows
        now: ``EVENT_COLUMNS`` and ``SHOWN_COLUMNS``), as ``from_events`` would build it
        from the whole new set; None when only a full rebuild can (the hover's length
        changes with the table's size).

        Only the new rows are prepared. The kept rows are copied in runs between the rows
        that go and the places where new ones go in, never sorted or gathered again, and
        their search keys are reused, so a few changed documents cost little more than one
        copy of the table.
        """
        drop = self.frame["doc_id"].isin(list(doc_ids)).to_numpy(dtype=bool) | self.frame[
            "event_id"
        ].isin(shown["event_id"]).to_numpy(dtype=bool)
        rows = len(self) - int(drop.sum()) + len(shown)
        if hover_rows_for(self.frame, rows) != hover_rows_for(self.frame, None):
            return None
        added = prepare_events(shown, rows=rows) if len(shown) else self.frame.iloc[:0]
        places = insertion_points(self.frame, added)
        runs = splice_runs(len(self), np.flatnonzero(drop), places)
        if not runs:
            return EventTable.from_prepared(self.frame.iloc[:0].reset_index(drop=True))
        pieces = [self.frame.iloc[a:b] if old else added.iloc[a:b] for old, a, b in runs]
        frame = single_chunks(pd.concat(pieces, ignore_index=True))
        new_keys = search_index(added["quote"])[2]
        keys = [(self.quote_keys if old else new_keys).slice(a, b - a) for old, a, b in runs]
        codes = {
            "person": spliced_codes(runs, self.person_codes, self.people, added["person"]),
            "event_type": spliced_codes(runs, self.type_codes, self.types, added["event_type"]),
        }
        return EventTable.from_prepared(frame, pa.concat_arrays(keys), codes)

    def quotes_containing(self, needle: str) -> np.ndarray:
        """A mask of the rows whose quote contains ``needle`` (already case-folded).

        One ``find`` over all quotes, skipping to the next row after each hit, so a rare
        word costs a single scan of the text; a common one switches to Arrow's substring
        test over every quote once hits pass ``SEARCH_HITS_BEFORE_SCAN`` or a tenth of the
        rows, whichever is more.
        """
        found = np.zeros(len(self), dtype=bool)
        target = needle.replace("\n", " ").encode("utf-8")
        blob, offsets = self.quote_blob, self.quote_offsets
        at = blob.find(target)
        hits = 0
        # A jump costs a few times a row of the full scan: switch at a tenth of the rows.
        limit = max(SEARCH_HITS_BEFORE_SCAN, len(self) // 10)
        while at >= 0:
            hits += 1
            # After a few hundred hits, their density tells whether jumping will pay.
            projected = hits * len(blob) / (at + 1) if hits == SEARCH_SAMPLE_HITS else 0
            if hits > limit or projected > limit:
                mask = pc.match_substring(self.quote_keys, needle.replace("\n", " "))
                return mask.to_numpy(zero_copy_only=False).astype(bool)
            row = int(np.searchsorted(offsets, at, side="right")) - 1
            found[row] = True
            at = blob.find(target, int(offsets[row + 1]))
        return found

    def codes_of(self, names: list[str], values: np.ndarray) -> np.ndarray:
        """The codes of ``names`` among ``values`` (names that do not occur are dropped)."""
        position = {name: index for index, name in enumerate(values.tolist())}
        return np.array([position[name] for name in names if name in position], dtype="int32")

    def rows(
        self, positions: np.ndarray | None = None, columns: Sequence[str] | None = None
    ) -> pd.DataFrame:
        """The prepared rows at ``positions`` (all rows when None), only ``columns`` if given
        (taking fewer columns is most of the cost on big tables)."""
        frame = self.frame if columns is None else self.frame.loc[:, list(columns)]
        return frame if positions is None else frame.iloc[positions]

    def event_types(self) -> list[str]:
        """The event types, named types first, "other" last."""
        return sorted(self.types.tolist(), key=lambda kind: (kind in OTHER_TYPES, kind))

    def bounds(self) -> tuple[int, int]:
        """The span of the events as inclusive month indexes (this month when empty)."""
        if self.empty:
            today = pd.Timestamp.today()
            current = today.year * 12 + today.month - 1
            return current, current
        first = np.datetime64(int(self.first.min()), "D")
        last = np.datetime64(int(self.last.max()), "D")
        return month_index(str(first)), month_index(str(last))

    def person_options(self) -> list[dict]:
        """Options of the person filter: each person with their event count, most events first."""
        counts = np.bincount(self.person_codes, minlength=len(self.people))
        order = sorted(range(len(self.people)), key=lambda code: (-counts[code], self.people[code]))
        options = []
        for code in order:
            name = self.people[code]
            label = f"{name or NO_PERSON_LABEL} ({counts[code]:,})"
            options.append({"label": label, "value": name or NO_PERSON})
        unnamed = [option for option in options if option["value"] == NO_PERSON]
        return [option for option in options if option["value"] != NO_PERSON] + unnamed

    def find(self, event_id: str) -> dict | None:
        """One event as a dict with ``EVENT_COLUMNS`` (None when absent)."""
        hits = np.flatnonzero((self.frame["event_id"] == event_id).to_numpy(dtype=bool))
        if not len(hits):
            return None
        row = self.frame.iloc[int(hits[0])]
        return {column: _plain(row[column]) for column in (*EVENT_COLUMNS, *SHOWN_COLUMNS)}

    def find_any(self, event_ids: list[str]) -> dict | None:
        """The drawn event holding any of these extracted event ids (None when none does)."""
        for event_id in event_ids:
            found = self.find(event_id)
            if found is not None:
                return found
        wanted = set(event_ids)
        members = self.frame["event_ids"].to_numpy(dtype=object)
        for row in np.flatnonzero(self.frame["source_count"].to_numpy() > 1).tolist():
            if wanted.intersection(decoded(members[row]) or ()):
                return self.find(str(self.frame.at[row, "event_id"]))
        return None


def _plain(value: object) -> object:
    if isinstance(value, np.ndarray):
        return [_plain(item) for item in value.tolist()]
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value.item() if isinstance(value, np.generic) else value
