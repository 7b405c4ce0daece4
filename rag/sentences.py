"""Sentence segmentation with character offsets.

Attribution frames, chunks and the citation guard all reason in sentences, so they share one splitter
whose offsets point into the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag import lexicons

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace and an
# upper-case letter, digit, quote or bracket; a line break always ends a sentence.
_BOUNDARY = re.compile(r"""(?<=[.!?])["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])|\n+""")


@dataclass(frozen=True)
class Sentence:
    """A sentence of a text: ``text == source[start:end]``; ``paragraph`` counts line-separated blocks."""

    start: int
    end: int
    text: str
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences, keeping offsets; blank lines are dropped."""
    sentences: list[Sentence] = []
    paragraph = 0
    cursor = 0
    for match in _BOUNDARY.finditer(text):
        if "\n" not in match.group() and _ends_with_abbreviation(text[cursor : match.start()]):
            continue
        _append(sentences, text, cursor, match.start(), paragraph)
        if "\n" in match.group():
            paragraph += 1
        cursor = match.end()
    _append(sentences, text, cursor, len(text), paragraph)
    return sentences


def _ends_with_abbreviation(span: str) -> bool:
    words = span.rsplit(None, 1)
    if not words:
        return False
    last = words[-1].rstrip(".").lower()
    return last in lexicons.words("abbreviations") or (len(last) == 1 and last.isalpha())


def _append(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        sentences.append(Sentence(start, end, text[start:end], paragraph))
