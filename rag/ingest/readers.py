"""Readers: one per file format, each turning a file into articles behind one protocol.

A reader raises ``ValueError`` with a one-line reason when a file cannot be used; the corpus step then skips
that file by name and goes on. Readers register in ``READERS`` by the file suffixes they take.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Protocol

from rag import lexicons
from rag.ingest.article import Article

_SENTENCE_END = re.compile(r"""[.!?]["'”’)]*$""")
MAX_HEADER_WORDS = 25  # a longer line is body text, not a headline


class Reader(Protocol):
    """Turns one file into the articles it holds."""

    suffixes: tuple[str, ...]

    def read(self, path: Path, doc_id: str) -> list[Article]:
        """The file's articles (``doc_id`` names the first); ValueError with a one-line reason if unusable."""
        ...


READERS: dict[str, Reader] = {}


def register(reader: type) -> type:
    """Class decorator: register an instance of ``reader`` for each of its suffixes."""
    instance = reader()
    for suffix in instance.suffixes:
        READERS[suffix] = instance
    return reader


def reader_for(path: Path) -> Reader | None:
    """The reader for ``path``'s suffix (case-insensitive), or None for a format ``rag`` does not read."""
    return READERS.get(path.suffix.lower())


def read_bytes(path: Path) -> bytes:
    """The file's bytes; ValueError for an unreadable file."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise ValueError(f"unreadable ({error.strerror or error})") from error


def decode_text(raw: bytes) -> str:
    """UTF-8 text (a BOM dropped) with ``\\n`` line ends; ValueError for binary, non-UTF-8 or empty input."""
    if b"\x00" in raw:
        raise ValueError("binary file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 (invalid byte at offset {error.start})") from error
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ValueError("empty file")
    return text


@register
class TextReader:
    """``.txt`` and ``.md``: the masthead and headline lines that precede the body give outlet and title."""

    suffixes = (".txt", ".md")

    def read(self, path: Path, doc_id: str) -> list[Article]:
        raw = read_bytes(path)
        text = decode_text(raw)
        title, outlet, body_start = parse_header(text)
        return [
            Article(
                doc_id=doc_id,
                path=path,
                text=text,
                sha256=hashlib.sha256(raw).hexdigest(),
                title=title,
                outlet=outlet,
                body_start=body_start,
            )
        ]


def parse_header(text: str) -> tuple[str | None, str | None, int]:
    """Find the masthead (outlet, section) and headline lines that precede the body.

    Header lines are the leading lines that do not end like a sentence. The last of them is the headline;
    an earlier one that reads like a publication name is the outlet.
    """
    header: list[str] = []
    offset = 0
    body_start = 0
    for line in text.split("\n"):
        stripped = line.strip().lstrip("#").strip()
        if stripped and (_SENTENCE_END.search(stripped) or len(stripped.split()) > MAX_HEADER_WORDS):
            break
        if stripped:
            header.append(stripped)
        offset += len(line) + 1
        body_start = offset
    if not header:
        return None, None, 0
    if body_start >= len(text):  # the whole file is header-like: treat it as body
        return None, None, 0
    outlet = next((line for line in header[:-1] if _is_outlet(line)), None)
    return header[-1], outlet, body_start


def _is_outlet(line: str) -> bool:
    """Does a header line read as a publication's name ("Capitol Daily News"), not a section label?"""
    named = any(word in lexicons.words("outlet_words") for word in re.findall(r"\w+", line))
    return named and line.lower() not in lexicons.words("section_labels")
