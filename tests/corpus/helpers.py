"""Small articles and a store reader shared by the corpus tests."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

#: Names the small English model reliably tags as people.
NAMES = ("Jane Doe", "John Roe", "Mary Major", "Richard Miles", "Ann Smith", "Peter Brown")


def article(index: int) -> str:
    """A two-event text with a day date and a month date, different for each index."""
    first, second = NAMES[index % len(NAMES)], NAMES[(index + 1) % len(NAMES)]
    day = index % 27 + 1
    return f"On {day} October, {first} left her base. In June, {second} was arrested."


def write_txt(path: Path, text: str, published: str = "2021-11-21", **meta: str) -> Path:
    """A .txt file with YAML front matter."""
    lines = ["---", f"published: {published}", *(f"{k}: {v}" for k, v in meta.items()), "---"]
    path.write_text("\n".join(lines) + "\n" + text + "\n", encoding="utf-8")
    return path


def write_jsonl(path: Path, records: list[dict]) -> Path:
    """A .jsonl file, one record a line."""
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def html_page(title: str, url: str, published: str, paragraphs: list[str]) -> str:
    """A news page with boilerplate around the article, as trafilatura meets them."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!doctype html><html><head>"
        f"<title>{title} | Example News</title>"
        f'<meta property="og:title" content="{title}">'
        f'<link rel="canonical" href="{url}">'
        f'<meta property="article:published_time" content="{published}">'
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright Example News. All rights reserved.</footer></body></html>"
    )


def rows(store: Path, sql: str) -> list[tuple]:
    """Rows of a query on a store, opened read-only."""
    with duckdb.connect(str(store), read_only=True) as connection:
        return connection.execute(sql).fetchall()
