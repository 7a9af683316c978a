"""Building small CAT documents for tests."""

from __future__ import annotations


def cat_xml(sentences: list[list[str]], dct: str = "2005-06-13") -> str:
    tokens, t_id = [], 0
    for sentence, words in enumerate(sentences):
        for word in words:
            t_id += 1
            tokens.append(
                f'<token number="{t_id - 1}" sentence="{sentence}" t_id="{t_id}">{word}</token>'
            )
    return (
        '<?xml version="1.0" ?><Document doc_id="4764" doc_name="4764_x.txt">'
        + "".join(tokens)
        + '<Markables><TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" '
        + f'value="{dct}"><token_anchor t_id="1"/></TIMEX3></Markables></Document>'
    )
