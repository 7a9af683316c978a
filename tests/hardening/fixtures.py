"""Hostile and broken inputs, generated at test time (nothing big is committed).

Each fixture is raw file bytes plus what must come of it: a refusal whose one-line message
contains ``error``, or events (``events`` > 0, or ``None`` when either outcome is fine, as
for a page of nothing but nested markup). Names, places and dates are made up.
"""

from __future__ import annotations

import calendar
import random
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import ftfy.bad_codecs  # noqa: F401 - registers the sloppy-windows-1252 codec

PUBLISHED = "2021-11-21"
MONTHS = list(calendar.month_name)[1:]

#: Plain English news prose with three dated events, reused inside other fixtures.
ARTICLE = (
    "On 7 October, Captain Jane Doe left her base in the north and joined the resistance. "
    "She said that she had been ordered to fire on the crowd, and that she would not do it.\n\n"
    "In June, Sergeant Richard Roe was arrested at a checkpoint near the border. His family "
    "told reporters that they had not heard from him since then.\n\n"
    "Mary Major enlisted in 2016, after the army visited her village. She left in March and "
    "now lives in a camp with her two children."
)


@dataclass(frozen=True)
class Fixture:
    """One input file: its name and bytes, and the outcome every path must give."""

    name: str
    make: Callable[[], bytes]
    error: str = ""
    #: Events at least this many (0: a refusal is expected; None: events or a refusal).
    events: int | None = 0
    #: Seconds the slowest path may take on this input (loose: a shared CI machine).
    seconds: float = 30.0
    #: Whether the bytes are text a JSON line can carry.
    is_text: bool = True
    #: Takes tens of seconds: CI runs it through the API only, in a process of its own
    #: that also measures its memory (``TIMELINE_HARDEN_ALL=1`` or
    #: ``benchmarks/hostile_input.py`` run every path).
    heavy: bool = False

    def text(self) -> str:
        """The fixture as text (only for text fixtures)."""
        return self.make().decode("utf-8")


def front_matter(body: str, published: str = PUBLISHED, **meta: str) -> bytes:
    """A .txt file with YAML front matter."""
    lines = ["---", f"published: {published}", *(f"{k}: {v}" for k, v in meta.items()), "---"]
    return ("\n".join(lines) + "\n" + body + "\n").encode("utf-8")


def small_png() -> bytes:
    """A real 2x2 RGB PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def small_pdf() -> bytes:
    """A real one-page PDF whose text is an article sentence (binary marker line included)."""
    stream = b"BT /F1 12 Tf 72 712 Td (On 7 October, Jane Doe left her base.) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def mojibake() -> bytes:
    """UTF-8 text that was once read as Windows-1252 and saved again as UTF-8."""
    clean = (
        ARTICLE.replace("She said that", "She said “we will not shoot” and that")
        + " The café owner, José, agreed."
    )
    return front_matter(clean.encode("utf-8").decode("sloppy-windows-1252"))


def twenty_megabytes() -> bytes:
    """A 20 MB article: ordinary paragraphs, over and over."""
    paragraph = (ARTICLE + "\n\n").encode("utf-8")
    return front_matter("") + paragraph * (20_000_000 // len(paragraph) + 1)


def one_long_sentence() -> bytes:
    """A single 50,000-character sentence with dates in it and no full stop until the end."""
    parts = ["On 7 October, Captain Jane Doe left her base"]
    index = 0
    while sum(map(len, parts)) < 50_000:
        month = MONTHS[index % 12]
        parts.append(f"and in {month} {2000 + index % 20} she walked to the river with them")
        index += 1
    return front_matter(", ".join(parts) + ".")


HOSTILE_PAGE = """<!doctype html><html><head><title>Soldiers leave | Example News</title>
<meta property="og:title" content="Soldiers leave">
<meta property="article:published_time" content="2021-11-21">
<script>window.__pwned = 1; alert(1)</script></head>
<body onload="window.__pwned = 2"><nav><a href="javascript:window.__pwned=3">Home</a></nav>
<article><h1>Soldiers leave</h1>
<p onclick="window.__pwned = 4">{0}</p>
<p>Her lawyer said <img src=x onerror="window.__pwned=5"> the case would go on, and that
<a href="javascript:alert(document.cookie)">the documents</a> would be published.</p>
<script>document.write('<p>On 1 May, Injected Person was arrested.</p>')</script>
</article></body></html>"""


def hostile_html() -> bytes:
    """A news page with scripts, inline handlers and javascript: links around real text."""
    paragraphs = "</p><p>".join(ARTICLE.split("\n\n"))
    return HOSTILE_PAGE.format(paragraphs).encode("utf-8")


def nested_html(depth: int = 5_000) -> bytes:
    """Markup nested far deeper than any real page, around a short article."""
    return ("<div>" * depth + "<p>" + ARTICLE + "</p>" + "</div>" * depth).encode("utf-8")


def mixed_scripts() -> bytes:
    """English prose with Arabic, Hebrew and Burmese words, and bidirectional control marks."""
    text = (
        "On 7 October, Captain Jane Doe left her base near \u0627\u0644\u0645\u062f\u064a"
        "\u0646\u0629 and crossed the river. \u200fShe said \u201c\u05e9\u05dc\u05d5\u05dd"
        "\u201d to the guards.\u200e\n\nIn June, Richard Roe was arrested in "
        "\u1019\u1014\u1039\u1010\u101c\u1031\u1038 by the police, and his family said "
        "\u202ethat they had not seen him\u202c since then."
    )
    return front_matter(text)


def emoji() -> bytes:
    """Emoji everywhere, including joined sequences and flags."""
    text = (
        "🚨 On 7 October 🗓️, Captain Jane Doe 👩‍✈️ left her base 🏃‍♀️ and joined the "
        "resistance ✊🏽. In June 🇲🇲, Richard Roe 👮 was arrested 🔒 at a checkpoint 🚧, and "
        "his family 👨‍👩‍👧 said that they had not heard from him 😢 since then."
    )
    return front_matter(text)


def german() -> bytes:
    """A German news article (with German month names and an English-looking name)."""
    text = (
        "Am 7. Oktober verließ Hauptmann Jane Doe ihre Kaserne im Norden und schloss sich dem "
        "Widerstand an. Sie sagte, dass sie den Befehl erhalten habe, auf die Menge zu "
        "schießen, und dass sie das nicht tun werde. Im Juni wurde Feldwebel Richard Roe an "
        "einem Kontrollpunkt nahe der Grenze verhaftet. Seine Familie erklärte den Reportern, "
        "dass sie seitdem nichts von ihm gehört habe. Mary Major trat 2016 in die Armee ein, "
        "nachdem die Soldaten ihr Dorf besucht hatten. Sie ging im März und lebt jetzt mit "
        "ihren zwei Kindern in einem Lager an der Grenze."
    )
    return front_matter(text)


def extreme_dates() -> bytes:
    """Impossible and extreme dates beside one ordinary historical year."""
    text = (
        "On 32 February 2021, Jane Doe left her base. In the year 0, the city was founded. "
        "On 1 January 10000, the treaty ends. Harold Godwin was killed in 1066, the guide said. "
        "In 3021, Richard Roe was arrested, the story claims. On 1 January 0001, Mary Major "
        "was crowned, the legend says. On -5 May 2021, Jane Doe left, the table shows."
    )
    return front_matter(text)


def ten_thousand_dates() -> bytes:
    """Ten thousand date expressions, each in a short sentence of its own."""
    rng = random.Random(10_000)
    sentences = [
        f"On {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(1990, 2021)}, "
        f"Jane Doe left her base."
        for _ in range(10_000)
    ]
    return front_matter(" ".join(sentences))


def alias_bomb(levels: int = 7, width: int = 9) -> bytes:
    """YAML anchors and aliases that expand to ``width ** levels`` strings (the "billion
    laughs"), with the title set to the last alias; (7, 9) is the report's 641-byte block."""
    lines = ["---", "a0: &a0 lol"]
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [{','.join([f'*a{level - 1}'] * width)}]")
    lines += [f"title: *a{levels}", f"published: {PUBLISHED}", "---", ARTICLE]
    return "\n".join(lines).encode("utf-8")


def symbol_run(symbol: str = "$", count: int = 20_000) -> bytes:
    """An ordinary article, then one run of ``count`` symbols with no space: spaCy's
    tokenizer took about 100 s on 20,000 ``$`` and 62 s on as many commas."""
    return front_matter(ARTICLE + "\n\n" + symbol * count + "\n\nThe end.")


def escape_after_4kb() -> bytes:
    """Terminal escape sequences after the first 4 KB, where sniffing for binary stopped."""
    body = "\n\n".join([ARTICLE] * 12)  # about 5.5 KB before the escapes
    return front_matter(body + "\n\nJane Doe \x1b[2J\x1b[31mwas cleared\x1b[0m in May.")


def direction_marks() -> bytes:
    """Names holding right-to-left overrides and zero-width marks, beside the plain names."""
    text = ARTICLE.replace("Captain Jane Doe", "Captain Jane\u202e Doe").replace(
        "Sergeant Richard Roe", "Sergeant Rich\u200bard Roe"
    )
    return front_matter(text + "\n\nIn May, Jane Doe said she was safe.")


def calendar_edge(published: str, sentence: str) -> bytes:
    """Relative dates written at the first or the last day the calendar has."""
    return front_matter(f"{sentence} {ARTICLE}", published=published)


FIXTURES = [
    Fixture("empty.txt", lambda: b"", error="empty"),
    Fixture("whitespace.txt", lambda: b"  \n\t\r\n   \n", error="empty"),
    Fixture("document.pdf.txt", small_pdf, error="binary, not text (a PDF", is_text=False),
    Fixture("image.png.txt", small_png, error="binary, not text (a PNG", is_text=False),
    Fixture(
        "random.txt",
        lambda: random.Random(6).randbytes(4096),
        error="binary, not text",
        is_text=False,
    ),
    Fixture(
        "nul.txt",
        lambda: front_matter("On 7 October, Jane Doe left her base.\x00\x00 And then?"),
        error="binary, not text",
        is_text=False,
    ),
    Fixture(
        "latin1.txt",
        lambda: front_matter(ARTICLE.replace("Captain", "Capitán")).decode().encode("latin-1"),
        error="not UTF-8 text (bad byte at position",
        is_text=False,
    ),
    Fixture("mojibake.txt", mojibake, events=3),
    Fixture("twenty-mb.txt", twenty_megabytes, error=" MB, over the ", seconds=10, is_text=True),
    Fixture("one-sentence.txt", one_long_sentence, events=1, seconds=60, heavy=True),
    Fixture("hostile.html.txt", hostile_html, events=3),
    Fixture("nested.html.txt", nested_html, events=None),
    Fixture("mixed-scripts.txt", mixed_scripts, events=2),
    Fixture("emoji.txt", emoji, events=2),
    Fixture("german.txt", german, error="does not read as English"),
    Fixture(
        "bad-front-matter.txt",
        lambda: b"---\ntitle: Soldiers leave\npublished: [2021-11-21\n---\n" + ARTICLE.encode(),
        error="malformed front matter on line 3",
    ),
    Fixture(
        "bad-published.txt",
        lambda: front_matter(ARTICLE, published="2021-02-30"),
        error="front matter 'published' (line 2): '2021-02-30' is not a date",
    ),
    Fixture("extreme-dates.txt", extreme_dates, events=1),
    Fixture("ten-thousand-dates.txt", ten_thousand_dates, events=1_000, seconds=180, heavy=True),
    Fixture(
        "alias-bomb.txt", alias_bomb, error="front matter line 2: anchors and aliases", seconds=5
    ),
    Fixture(
        "alias-bomb-8kb.txt",
        lambda: alias_bomb(60, 25),
        error="front matter line 2: anchors and aliases",
        seconds=5,
    ),
    Fixture("dollars.txt", symbol_run, events=3, seconds=20),
    Fixture("commas.txt", lambda: symbol_run(","), events=3, seconds=20),
    Fixture("escape-after-4kb.txt", escape_after_4kb, error="control character U+001B"),
    Fixture("direction-marks.txt", direction_marks, events=3),
    Fixture(
        "published-lol.txt",
        lambda: front_matter(ARTICLE, published='"2021-11-21 lol"'),
        error="front matter 'published' (line 2): '2021-11-21 lol' is not a date",
    ),
    Fixture(
        "year-one.txt",
        lambda: calendar_edge("0001-01-01", "Yesterday, last week and last year, Jane Doe wept."),
        events=None,
    ),
    Fixture(
        "year-9999.txt",
        lambda: calendar_edge("9999-12-31", "Next week, tomorrow and next year, Jane Doe leaves."),
        events=None,
    ),
]

BY_NAME = {fixture.name: fixture for fixture in FIXTURES}
