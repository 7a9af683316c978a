"""Parsing a front matter block: YAML made safe for text from anywhere.

Three things YAML allows that a front matter never needs are refused before they cost
anything:

- anchors and aliases (``&a`` and ``*a``): seven levels of aliases in 641 bytes expand
  to gigabytes once a value is turned into text (the "billion laughs");
- a block over ``MAX_FRONT_MATTER_BYTES``;
- YAML's own dates, read as plain strings instead: the publication date is checked
  by ``documents.normalise_published``, whose message says what is wrong.

Tags such as ``!!python/object`` are refused by the safe loader this one builds on.
"""

from __future__ import annotations

import yaml

from timeline.text.errors import DocumentError

#: Largest front matter block, in bytes of UTF-8: a few short fields need far less.
MAX_FRONT_MATTER_BYTES = 8_192


class AliasRefused(yaml.composer.ComposerError):
    """A YAML anchor or alias, which front matter never needs."""


class FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader without anchors, aliases or dates.

    >>> yaml.load("title: &t x\\nurl: *t", Loader=FrontMatterLoader)
    Traceback (most recent call last):
    ...
    timeline.text.front_matter.AliasRefused: anchors and aliases (& and *) are not allowed
      in "<unicode string>", line 1, column 8:
        title: &t x
               ^
    """

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise AliasRefused(
                None, None, "anchors and aliases (& and *) are not allowed", event.start_mark
            )
        return super().compose_node(parent, index)


FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_front_matter(block: str, name: str) -> dict:
    """The mapping a front matter block holds; DocumentError with a one-line reason
    (its line counted in the whole file, whose line 1 is the opening ``---``)."""
    size = len(block.encode("utf-8", "surrogatepass"))
    if size > MAX_FRONT_MATTER_BYTES:
        raise DocumentError(
            f"{name}: the front matter is {size:,} bytes, over the "
            f"{MAX_FRONT_MATTER_BYTES:,}-byte limit"
        )
    try:
        meta = yaml.load(block, Loader=FrontMatterLoader) if block.strip() else {}
    except AliasRefused as error:
        line = error.problem_mark.line + 2
        raise DocumentError(
            f"{name}: front matter line {line}: anchors and aliases (& and *) are not allowed"
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" on line {mark.line + 2}" if mark is not None else ""
        raise DocumentError(f"{name}: malformed front matter{line}") from None
    except (ValueError, TypeError, RecursionError) as error:
        reason = str(error).splitlines()[0][:80] if str(error) else type(error).__name__
        raise DocumentError(f"{name}: malformed front matter ({reason})") from None
    if not isinstance(meta, dict):
        raise DocumentError(f"{name}: front matter must be 'key: value' lines")
    return meta
