"""The one way code names its data files."""

from __future__ import annotations

from timeline.resources import resource_path


def test_every_language_file_the_code_reads_is_found():
    for parts in [
        ("en", "event_types.yaml"),
        ("en", "people", "titles.yaml"),
        ("en", "temporal", "rules.yaml"),
        ("en", "abbreviations.txt"),
    ]:
        assert resource_path(*parts).is_file(), parts
