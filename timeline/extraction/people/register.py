"""Names as registers write them: rights groups' digests and court lists give Belarusian,
Russian or Ukrainian names surname first, in capitals, with the patronymic after."""

from __future__ import annotations

import re

#: A register's entry, as rights groups' digests and court lists write Belarusian,
#: Russian or Ukrainian names: the surname in capitals, the given name and the patronymic
#: ("ZHAUNERCHYK Ihar Viktaravich"), perhaps with another spelling in brackets after it.
REGISTER_NAME = re.compile(
    r"(?m)^\W*(?P<surname>[A-Z]{3,}(?:-[A-Z]{2,})?)\s+(?P<given>[A-Z][a-z]+)\s+"
    r"(?P<patronymic>[A-Z][a-z]+(?:vich|vych|ich|ych|ovna|evna|auna|ouna|ivna|ichna))\b"
    r"(?:\s*\((?P<other>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2})\))?"
)


def register_names(text: str) -> list[tuple[int, int, str, list[str]]]:
    """Names written as a register's entries ("ZHAUNERCHYK Ihar Viktaravich"), as the
    person "Ihar Zhaunerchyk"; the bracketed spelling after one is the same person.
    (start, end, name, titles)."""
    found = []
    for match in REGISTER_NAME.finditer(text):
        name = f"{match.group('given')} {match.group('surname').title()}"
        found.append((match.start("surname"), match.end("patronymic"), name, []))
        if match.group("other"):
            found.append((match.start("other"), match.end("other"), name, []))
    return found
