"""Reading TimeML (.tml) documents: plain text, document creation time and gold TIMEX3s."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Timex:
    """A temporal expression at character offsets ``[start, end)`` of a document's text."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class TimemlDocument:
    """One TimeML document: the content of ``<TEXT>`` without tags, its DCT and gold timexes."""

    doc_id: str
    text: str
    dct: str
    timexes: tuple[Timex, ...]


def _walk(element: ET.Element, parts: list[str], found: list[Timex], offset: int) -> int:
    """Append the element's text to ``parts``, record TIMEX3 spans, return the new offset."""
    start = offset
    if element.text:
        parts.append(element.text)
        offset += len(element.text)
    for child in element:
        offset = _walk(child, parts, found, offset)
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    if element.tag == "TIMEX3":
        text = "".join(parts)[start:offset]
        found.append(
            Timex(
                start=start,
                end=offset,
                text=text,
                type=element.get("type", ""),
                value=element.get("value", ""),
            )
        )
    return offset


def parse_timeml(source: str, doc_id: str = "") -> TimemlDocument:
    """Parse TimeML markup; gold timexes are those inside ``<TEXT>`` (the DCT timex is not).

    >>> doc = parse_timeml('<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22">'
    ...     'March 22</TIMEX3></DCT><TEXT>Seen <TIMEX3 tid="t1" type="DATE" value="2013-03-21">'
    ...     'yesterday</TIMEX3>.</TEXT></TimeML>', doc_id="d")
    >>> doc.text, doc.dct, [(t.start, t.end, t.value) for t in doc.timexes]
    ('Seen yesterday.', '2013-03-22', [(5, 14, '2013-03-21')])
    """
    root = ET.fromstring(source)
    # TimeBank-style files nest <TEXT> in <BODY>; TempEval-3's put it under the root.
    text_element = next(root.iter("TEXT"), None)
    if text_element is None:
        raise ValueError(f"{doc_id or 'document'}: no <TEXT> element")
    dct = _creation_time(root)
    if not doc_id:
        doc_id = (root.findtext("DOCID") or "").strip()
    parts: list[str] = []
    found: list[Timex] = []
    # The <TEXT> element's own tag is not part of the text; its children and their tails are.
    _walk(text_element, parts, found, 0)
    found.sort(key=lambda timex: (timex.start, timex.end))
    return TimemlDocument(doc_id=doc_id, text="".join(parts), dct=dct, timexes=tuple(found))


def _creation_time(root: ET.Element) -> str:
    """The document creation time: the TIMEX3 of ``<DCT>``, else the one marked
    ``functionInDocument="CREATION_TIME"`` wherever it stands (TimeBank's ``<DATE_TIME>``);
    "" when there is none.

    >>> _creation_time(ET.fromstring('<TimeML><DATE_TIME><TIMEX3 value="1998-01-08T18:30:00" '
    ...     'functionInDocument="CREATION_TIME">01/08/1998</TIMEX3></DATE_TIME></TimeML>'))
    '1998-01-08T18:30:00'
    """
    timex = root.find("DCT/TIMEX3")
    if timex is None:
        marked = (t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME")
        timex = next(marked, None)
    return timex.get("value", "") if timex is not None else ""


def read_timeml(path: str | Path) -> TimemlDocument:
    """Read one .tml file; the document id is the file name without ``.tml``."""
    path = Path(path)
    return parse_timeml(path.read_text(encoding="utf-8"), doc_id=path.stem)


def read_timeml_dir(directory: str | Path) -> list[TimemlDocument]:
    """Read every .tml file of a directory, sorted by file name."""
    paths = sorted(Path(directory).glob("*.tml"))
    if not paths:
        raise FileNotFoundError(f"no .tml files in {directory}")
    return [read_timeml(path) for path in paths]
