"""Where our temporal tagger and HeidelTime disagree on text that has no TimeML gold for us.

Both taggers read the 120 Wikinews articles of the SemEval-2015 TimeLine corpus (the text
rebuilt by ``timeline.evaluate.articles``; the corpus' own TIMEX3 annotations are never
read as gold) with each article's creation date. Their expressions are aligned by
overlapping spans and every difference is put in one category:

* ``missing``: HeidelTime tags a span where we tag nothing;
* ``extra``: we tag a span where HeidelTime tags nothing;
* ``type``: overlapping spans of different TIMEX3 types;
* ``value``: overlapping spans of one type with different values;
* ``extent``: overlapping spans of one type and value that start or end elsewhere.

Within a category, differences are grouped by shape (the lower-cased text with digits as
9, and the two values with digits as 9), so a recurring pattern shows as one line with a
count. Neither side is gold: the review (docs/evaluation.md) decides who is right per the
TimeML guidelines. HeidelTime runs once over all articles in one JVM
(benchmarks/HeidelTimeBatch.java) and its output is cached outside the repository, keyed
by text and date, so later runs only re-tag with ours.

    python benchmarks/temporal_disagreements.py [--show 3] [--category missing] [--json FILE]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from timeline.evaluate.articles import read_corpus_article, shared_dir  # noqa: E402
from timeline.evaluate.timeml import Timex  # noqa: E402

CORPUS = "corpora/semeval2015-timeline"
#: The four folders that together hold the 120 articles once (track B and the event
#: timeline folders repeat the same texts).
FOLDERS = (
    "Corpus-trial-data_task4_TimeML",
    "SemEval_Task4_data/corpus_1/corpus_trackA_TimeML",
    "SemEval_Task4_data/corpus_2/corpus_trackA_TimeML",
    "SemEval_Task4_data/corpus_3/corpus_trackA_TimeML",
)
BATCH_RUNNER = Path(__file__).with_name("HeidelTimeBatch.java")
DEFAULT_CACHE = Path.home() / ".cache" / "timeline" / "heideltime"
CATEGORIES = ("missing", "extra", "type", "value", "extent")
DIGITS = re.compile(r"[0-9]")
#: One article's DCT is written day-month-year ("03-02-2009", its dateline says February 3).
DAY_FIRST = re.compile(r"^([0-9]{2})-([0-9]{2})-([0-9]{4})$")


@dataclasses.dataclass(frozen=True)
class Difference:
    """One disagreement: the category, both sides' expressions (either may be None)."""

    category: str
    article: str
    ours: Timex | None
    theirs: Timex | None
    context: str

    def shape(self) -> str:
        """A grouping key: what the expression looks like and how the values differ."""
        side = self.theirs if self.ours is None else self.ours
        words = DIGITS.sub("9", " ".join(side.text.lower().split()))
        if self.category in ("missing", "extra"):
            return f"{side.type:<8} {words}"
        ours, theirs = self.ours, self.theirs
        if self.category == "type":
            return f"{ours.type}->{theirs.type}  {words}"
        if self.category == "value":
            return f"{ours.type:<8} {_value_shape(ours.value)} vs {_value_shape(theirs.value)}"
        return f"{ours.type:<8} ours {words!r} vs {DIGITS.sub('9', theirs.text.lower())!r}"


def _value_shape(value: str) -> str:
    return DIGITS.sub("9", value)


def corpus_articles(shared: Path) -> list:
    """Every article once, in a stable order (duplicates across folders dropped by text)."""
    seen: set[str] = set()
    articles = []
    for folder in FOLDERS:
        for path in sorted((shared / CORPUS / folder).glob("*.tml")):
            article = read_corpus_article(str(path.relative_to(shared)), shared)
            if article.text in seen:
                continue
            seen.add(article.text)
            if match := DAY_FIRST.match(article.published):
                day, month, year = match.groups()
                article = dataclasses.replace(article, published=f"{year}-{month}-{day}")
            articles.append(article)
    return articles


def _cache_path(cache: Path, text: str, published: str) -> Path:
    key = hashlib.sha256(f"{published}\n{text}".encode()).hexdigest()[:32]
    return cache / f"{key}.json"


def heideltime_all(articles: Sequence, cache: Path) -> dict[str, list[Timex]]:
    """HeidelTime's expressions per article path, running it once for every uncached one.

    All uncached articles go through one JVM (benchmarks/HeidelTimeBatch.java), which gives
    the same output as the jar's command line without its start-up cost per article.
    """
    todo = [a for a in articles if not _cache_path(cache, a.text, a.published).exists()]
    if todo:
        _run_batch(todo, cache)
    return {
        a.path: [
            Timex(**row)
            for row in json.loads(_cache_path(cache, a.text, a.published).read_text("utf-8"))
        ]
        for a in articles
    }


def _run_batch(articles: Sequence, cache: Path) -> None:
    from timeline.evaluate.heideltime import HeidelTime, config_props, parse_output

    tagger = HeidelTime()  # checks java and TreeTagger
    print(f"HeidelTime on {len(articles)} articles (one JVM)...", file=sys.stderr)
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="heideltime-batch-") as workdir:
        work = Path(workdir)
        (work / "config.props").write_text(config_props(tagger.treetagger), encoding="utf-8")
        manifest = []
        for number, article in enumerate(articles):
            (work / f"{number}.txt").write_text(article.text, encoding="utf-8")
            source, target = work / f"{number}.txt", work / f"{number}.xml"
            manifest.append(f"{article.published}\t{source}\t{target}")
        (work / "manifest.tsv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
        command = ["java", "-cp", str(tagger.jar), str(BATCH_RUNNER)]
        command += [str(work / "config.props"), str(work / "manifest.tsv")]
        result = subprocess.run(command, cwd=work, capture_output=True, check=False)
        if result.returncode != 0:
            error = result.stderr.decode("utf-8", "replace")[-2000:]
            raise RuntimeError(f"HeidelTime batch failed ({result.returncode}): {error}")
        for number, article in enumerate(articles):
            output = (work / f"{number}.xml").read_text(encoding="utf-8")
            found = parse_output(output, article.text)
            _cache_path(cache, article.text, article.published).write_text(
                json.dumps([dataclasses.asdict(t) for t in found]), encoding="utf-8"
            )


def _context(text: str, start: int, end: int, reach: int = 50) -> str:
    before = " ".join(text[max(0, start - reach) : start].split())
    after = " ".join(text[end : end + reach].split())
    return f"...{before} [{' '.join(text[start:end].split())}] {after}..."


def compare(article: str, text: str, ours: Sequence[Timex], theirs: Sequence[Timex]):
    """The differences between two taggings of one text, and the number of agreements."""
    differences = []
    agreed = 0
    matched_theirs: set[int] = set()
    for mine in ours:
        partners = [
            (i, t) for i, t in enumerate(theirs) if t.start < mine.end and mine.start < t.end
        ]
        if not partners:
            differences.append(
                Difference("extra", article, mine, None, _context(text, mine.start, mine.end))
            )
            continue
        # The partner sharing the most characters decides the category.
        _, other = max(
            partners, key=lambda p: min(p[1].end, mine.end) - max(p[1].start, mine.start)
        )
        matched_theirs.update(i for i, _ in partners)
        start, end = min(mine.start, other.start), max(mine.end, other.end)
        if mine.type != other.type:
            category = "type"
        elif mine.value != other.value:
            category = "value"
        elif (mine.start, mine.end) != (other.start, other.end):
            category = "extent"
        else:
            agreed += 1
            continue
        differences.append(Difference(category, article, mine, other, _context(text, start, end)))
    for i, other in enumerate(theirs):
        if i not in matched_theirs:
            differences.append(
                Difference("missing", article, None, other, _context(text, other.start, other.end))
            )
    return differences, agreed


def report(differences: Iterable[Difference], show: int, categories: Sequence[str]) -> str:
    """Counts per category, then the shapes of each category with a few examples."""
    by_category: dict[str, dict[str, list[Difference]]] = defaultdict(lambda: defaultdict(list))
    for difference in differences:
        by_category[difference.category][difference.shape()].append(difference)
    lines = []
    for category in categories:
        shapes = by_category.get(category, {})
        total = sum(map(len, shapes.values()))
        lines.append(f"\n== {category}: {total} ({len(shapes)} shapes)")
        for shape, items in sorted(shapes.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            lines.append(f"{len(items):>4}  {shape}")
            for item in items[:show]:
                ours = f"{item.ours.type} {item.ours.value}" if item.ours else "-"
                theirs = f"{item.theirs.type} {item.theirs.value}" if item.theirs else "-"
                lines.append(f"        ours {ours:<24} heideltime {theirs:<24} {item.context}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Tag every article with both taggers and print the disagreements by category."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None, help="the shared folder")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="HeidelTime cache")
    parser.add_argument("--show", type=int, default=2, help="examples printed per shape")
    parser.add_argument("--category", action="append", choices=CATEGORIES, default=None)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--json", type=Path, default=None, help="also write every difference")
    args = parser.parse_args(argv)

    from timeline.extraction.temporal import find_timexes

    shared = args.shared or shared_dir()
    articles = corpus_articles(shared)[: args.limit]
    heideltime = heideltime_all(articles, args.cache)
    differences: list[Difference] = []
    agreed = ours_total = theirs_total = 0
    for number, article in enumerate(articles, 1):
        print(f"\r{number}/{len(articles)} articles", end="", file=sys.stderr, flush=True)
        theirs = heideltime[article.path]
        ours = [
            Timex(t.start, t.end, t.text, t.type, t.value)
            for t in find_timexes(article.text, published=article.published)
        ]
        found, same = compare(article.path, article.text, ours, theirs)
        differences.extend(found)
        agreed += same
        ours_total += len(ours)
        theirs_total += len(theirs)
    print(file=sys.stderr)
    counts = Counter(d.category for d in differences)
    print(
        f"{len(articles)} articles: ours {ours_total} expressions, HeidelTime {theirs_total}, "
        f"identical {agreed}"
    )
    print("  ".join(f"{c} {counts[c]}" for c in CATEGORIES))
    print(report(differences, args.show, args.category or CATEGORIES))
    if args.json:
        rows = [
            {
                "category": d.category,
                "article": d.article,
                "ours": dataclasses.asdict(d.ours) if d.ours else None,
                "heideltime": dataclasses.asdict(d.theirs) if d.theirs else None,
            }
            for d in differences
        ]
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
