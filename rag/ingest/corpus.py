"""The corpus: the articles read from a folder, each file by the reader of its format.

Files that cannot be used (unreadable, not UTF-8, binary, empty, a byte-for-byte duplicate, or a link to a
file outside the folder) are reported as :class:`SkippedFile` and the rest are kept.
"""

from __future__ import annotations

import logging
from pathlib import Path

from rag.ingest.article import Article, Corpus, SkippedFile
from rag.ingest.readers import reader_for

log = logging.getLogger(__name__)

__all__ = ["Article", "Corpus", "SkippedFile", "load_corpus"]


def load_corpus(folder: Path) -> Corpus:
    """Read every article under ``folder`` (recursively), in a stable order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"seeds folder not found: {folder}")
    corpus = Corpus()
    seen: dict[str, str] = {}
    root = folder.resolve()
    for path in sorted(p for p in folder.rglob("*") if reader_for(p) is not None and p.is_file()):
        doc_id = path.relative_to(folder).with_suffix("").as_posix()
        try:
            if not path.resolve().is_relative_to(root):
                raise ValueError("links to a file outside the seeds folder")
            articles = reader_for(path).read(path, doc_id)
        except ValueError as error:
            _skip(corpus, path, str(error))
            continue
        for article in articles:
            if article.sha256 in seen:
                _skip(corpus, path, f"duplicate of {seen[article.sha256]}")
                continue
            seen[article.sha256] = article.doc_id
            corpus.articles.append(article)
    return corpus


def _skip(corpus: Corpus, path: Path, reason: str) -> None:
    corpus.skipped.append(SkippedFile(path, reason))
    log.warning("skipped %s: %s", path, reason)
