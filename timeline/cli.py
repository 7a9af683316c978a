"""The command line: ``timeline extract``, ``timeline timexes`` and ``timeline evaluate``.

Bad input ends with one line on stderr naming the file and the problem, and
exit status 2; nothing is written to stdout then.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Sequence

from timeline.extraction.events import LexiconError
from timeline.output.destination import silence_stdout, write_output
from timeline.output.export import export_events
from timeline.text.documents import DocumentError, error_line, normalise_published, read_document

EXIT_BAD_INPUT = 2
#: Set to see the traceback of an unexpected error instead of its one-line summary.
DEBUG_VARIABLE = "TIMELINE_DEBUG"
FORMATS = ("csv", "json", "jsonl", "table")


def _add_article_arguments(parser: argparse.ArgumentParser) -> None:
    """The input every per-article command takes: the file, its date, the model."""
    parser.add_argument("article", help="UTF-8 text file, optionally with YAML front matter")
    parser.add_argument("--published", help="publication date YYYY-MM-DD (overrides front matter)")
    parser.add_argument(
        "--model", help="spaCy model to load (default: en_core_web_sm if installed)"
    )


def _add_extract(subparsers) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="print the dated events of an article",
        description="One row per dated event: who, what, when, and the sentence it comes from.",
    )
    _add_article_arguments(parser)
    parser.add_argument("--format", choices=FORMATS, default="csv", help="output format (csv)")
    parser.add_argument("--event-types", metavar="FILE", help="your own event lexicon (YAML)")
    parser.add_argument(
        "--entity",
        action="append",
        default=[],
        metavar="NAME",
        help="follow this organisation, product, market or person (repeatable); "
        "events are then about the named entities instead of people",
    )
    parser.add_argument(
        "--entities", metavar="FILE", help="target entities, one name per line (UTF-8)"
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    parser.set_defaults(handler=run_extract)


def read_entities(names: Sequence[str], path: str | None) -> list[str]:
    """Target entities from ``--entity`` and an ``--entities`` file (blank lines and # skipped)."""
    found = [" ".join(n.split()) for n in names if n.strip()]
    if path:
        try:
            with open(path, encoding="utf-8") as handle:
                lines = handle.read().splitlines()
        except OSError as error:
            raise DocumentError(f"{path}: cannot read the entity list ({error.strerror})") from None
        except UnicodeDecodeError:
            raise DocumentError(f"{path}: the entity list is not UTF-8 text") from None
        found += [
            " ".join(line.split()) for line in lines if line.strip() and not line.startswith("#")
        ]
        if not found:
            raise DocumentError(f"{path}: the entity list names no entity")
    return list(dict.fromkeys(found))


def _add_timexes(subparsers) -> None:
    parser = subparsers.add_parser(
        "timexes",
        help="print the temporal expressions of a text with TimeML values",
        description="One JSON object per temporal expression: start, end, text, type, value.",
    )
    _add_article_arguments(parser)
    parser.add_argument("--format", choices=("jsonl", "json", "table"), default="jsonl")
    parser.set_defaults(handler=run_timexes)


def _write(text: str, output: str | None) -> None:
    write_output(text, output)


def format_events(frame, fmt: str) -> str:
    """The event table as csv, json (a list of objects), jsonl or a plain table."""
    if fmt == "table":
        columns = ["person", "event_type", "date", "granularity", "quote"]
        return frame[columns].to_string(index=False, max_colwidth=80) + "\n" if len(frame) else ""
    text = export_events(frame, fmt)
    return text if text.endswith("\n") else text + "\n"


def run_extract(args: argparse.Namespace) -> int:
    """Extract the events of one article and print them."""
    from timeline.extraction.pipeline import extract_document
    from timeline.text.furniture import page_date

    published = normalise_published(args.published, "--published") if args.published else None
    entities = read_entities(args.entity, args.entities)
    document = read_document(args.article, published)
    warn_unopened_front_matter(args.article)
    if not document.published and (from_page := page_date(document.text, document.title)):
        day, line = from_page
        print(
            f"{args.article}: no publication date given; using the page's own, {day} "
            f"(from the line {line[:80]!r})",
            file=sys.stderr,
        )
    try:
        frame = extract_document(
            document, event_types=args.event_types, model=args.model, entities=entities or None
        )
    except DocumentError as error:
        raise DocumentError(_named(args.article, str(error))) from None
    if not document.published and not frame.empty and not frame["published"].any():
        print(
            f"{args.article}: no publication date given; dates without a year are placed "
            "against the latest full date the text writes (give --published to fix them)",
            file=sys.stderr,
        )
    if frame.empty:
        print(f"{args.article}: no dated events found", file=sys.stderr)
    _write(format_events(frame, args.format), args.output)
    return 0


#: Keys of front matter: a header holding one of them, above a lone ``---``, was meant as such.
FRONT_MATTER_KEYS = frozenset({"title", "url", "published", "date", "id", "source", "author"})
#: How far down the closing ``---`` of a header without its opening one is looked for.
HEADER_LINES = 15
_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:(\s|$)")


def unopened_front_matter(text: str) -> list[str]:
    """The keys of a header that looks like front matter but lacks the opening ``---``
    (empty when there is none): ``key: value`` lines from the top, then a lone ``---``.

    >>> unopened_front_matter("title: Coup\\npublished: 2021-02-01\\n---\\nText")
    ['title', 'published']
    >>> unopened_front_matter("---\\ntitle: Coup\\n---\\nText"), unopened_front_matter("Text")
    ([], [])
    """
    lines = text.lstrip("\ufeff").split("\n")[:HEADER_LINES]
    keys = []
    for line in lines:
        if line.strip() == "---":
            return keys if set(keys) & FRONT_MATTER_KEYS else []
        if not line.strip():
            continue
        match = _KEY_LINE.match(line)
        if match is None:
            return []
        keys.append(match.group(1).casefold())
    return []


def warn_unopened_front_matter(path: str) -> None:
    """A line on stderr when an article's first lines look like front matter without the
    opening ``---``: they are read as article text then, and their dates become events."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(4096)
    except OSError:
        return  # reading the article reports it
    keys = unopened_front_matter(head)
    if keys:
        print(
            f"{path}: warning: the first lines ({', '.join(keys)}) look like front matter but "
            "the opening '---' line is missing, so they are read as article text; add '---' "
            "as the first line",
            file=sys.stderr,
        )


def _named(name: str, message: str) -> str:
    """The message with the file's name in front, once."""
    return message if message.startswith(f"{name}:") else f"{name}: {message}"


def run_timexes(args: argparse.Namespace) -> int:
    """Print the temporal expressions of one article."""
    from timeline.extraction.temporal import MissingReferenceDate, find_timexes

    published = normalise_published(args.published, "--published") if args.published else None
    document = read_document(args.article, published)
    warn_unopened_front_matter(args.article)
    try:
        timexes = find_timexes(document.text, published=document.published or None)
    except MissingReferenceDate as error:
        raise DocumentError(f"{args.article}: {error}") from None
    records = [t.as_dict() for t in timexes]
    if args.format == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    elif args.format == "json":
        text = json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    else:
        text = "".join(
            f"{r['start']:>7} {r['end']:>7}  {r['type']:<9} {r['value']:<14} {r['text']}\n"
            for r in records
        )
    write_output(text, None)
    return 0


def _register_optional(subparsers) -> None:
    """Subcommands that live with their own modules: corpus ingest/export, serve, evaluation."""
    from timeline.corpus.commands import register as register_corpus
    from timeline.dashboard.command import register as register_serve
    from timeline.evaluate.command import register as register_evaluate

    register_corpus(subparsers)
    register_serve(subparsers)
    register_evaluate(subparsers)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="timeline",
        description="Dated, attributed, quoted events from news articles.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_extract(subparsers)
    _add_timexes(subparsers)
    _register_optional(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; bad input gives a one-line message and exit status 2."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except (DocumentError, LexiconError) as error:
        print(f"timeline: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        silence_stdout()
        return 0
    except KeyboardInterrupt:
        print("timeline: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # never a traceback unless asked for
        if os.environ.get(DEBUG_VARIABLE):
            raise
        print(
            f"timeline: error: unexpected {type(error).__name__}: {error_line(error)[:300]} "
            f"(set {DEBUG_VARIABLE}=1 to see where)",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
