"""The corpus: the articles read from a folder, each file by the reader of its format.

Files that cannot be used (unreadable, not UTF-8, binary, empty, no article text, a damaged PDF or export,
a byte-for-byte duplicate, an id another file already has, or a link to a file outside the folder) are
reported as :class:`SkippedFile` and the rest are kept; so are the rows of an export left out (no text).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from rag.ingest.article import Article, Corpus, SkippedFile
from rag.ingest.readers import reader_for

log = logging.getLogger(__name__)

__all__ = ["Article", "Corpus", "SkippedFile", "file_id", "load_corpus", "read_file"]


def load_corpus(folder: Path) -> Corpus:
    """Read every article under ``folder`` (recursively), in a stable order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"seeds folder not found: {folder}")
    corpus = Corpus()
    by_hash: dict[str, str] = {}
    by_id: dict[str, Path] = {}
    for path in sorted(p for p in folder.rglob("*") if reader_for(p) is not None and p.is_file()):
        notes: list[str] = []
        try:
            articles = read_file(folder, path, notes)
        except ValueError as error:
            _skip(corpus, path, str(error))
            continue
        for note in notes:
            _skip(corpus, path, note)
        for article in articles:
            which = "" if article.doc_id == file_id(folder, path) else f"{article.doc_id}: "
            if article.doc_id in by_id:
                _skip(corpus, path, f"{which}same id as {by_id[article.doc_id]} (rename one of them)")
            elif article.sha256 in by_hash:
                _skip(corpus, path, f"{which}duplicate of {by_hash[article.sha256]}")
            else:
                by_hash[article.sha256] = article.doc_id
                by_id[article.doc_id] = path
                corpus.articles.append(article)
    return corpus


def file_id(folder: Path, path: Path) -> str:
    """The id of the file ``path`` in ``folder``: its relative path without the suffix (``world/kyiv``)."""
    return path.relative_to(folder).with_suffix("").as_posix()


def read_file(folder: Path, path: Path, notes: list[str] | None = None) -> list[Article]:
    """The articles of ``path``, a file in ``folder``, by the reader of its format; ValueError with the reason
    when it cannot be used (``notes`` receives the parts of a usable file left out)."""
    reader = reader_for(path)
    if reader is None:
        raise ValueError("not a format rag reads")
    if not path.resolve().is_relative_to(Path(folder).resolve()):
        raise ValueError("links to a file outside the seeds folder")
    relative = path.relative_to(folder).as_posix()
    return [replace(article, file=relative) for article in reader.read(path, file_id(folder, path), notes)]


def _skip(corpus: Corpus, path: Path, reason: str) -> None:
    corpus.skipped.append(SkippedFile(path, reason))
    log.warning("skipped %s: %s", path, reason)
