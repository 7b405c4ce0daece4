"""The reader protocol and registry, and what every reader shares: reading and decoding a file, and an
article text made of a headline and a body."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Protocol

from rag.ingest.article import Article

KEY_SEPARATOR = ":"  # joins a file's id and an article's key for a file of several articles: ``export:3``


class Reader(Protocol):
    """Turns one file into the articles it holds."""

    suffixes: tuple[str, ...]

    def read(self, path: Path, doc_id: str, notes: list[str] | None = None) -> list[Article]:
        """The file's articles; ValueError with a one-line reason if the file is unusable.

        ``doc_id`` is the file's id; a file of several articles gives each ``<doc_id>:<key>``. A reader that
        leaves part of a usable file out (rows without text) says so in ``notes``, a line each.
        """
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
    text = normalise_newlines(text)
    if not text.strip():
        raise ValueError("empty file")
    return text


def normalise_newlines(text: str) -> str:
    """``text`` with ``\\r\\n`` and ``\\r`` line ends as ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def headed_text(title: str | None, body: str) -> tuple[str, int]:
    """An article text that starts with its headline line, and where its body starts.

    The body is kept as given when its first line already is the headline (trafilatura keeps the ``<h1>``).
    """
    body = body.strip()
    if not title:
        return body, 0
    first, _, rest = body.partition("\n")
    if " ".join(first.split()) == " ".join(title.split()):
        return body, len(first) + 1 if rest else 0
    return f"{title}\n\n{body}", len(title) + 2


def file_article(path: Path, doc_id: str, raw: bytes, text: str, **metadata: object) -> Article:
    """The article that a whole file holds: the file's id, and the sha256 of its bytes."""
    return Article(doc_id=doc_id, path=path, text=text, sha256=hashlib.sha256(raw).hexdigest(), **metadata)
