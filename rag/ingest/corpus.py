"""The corpus: the articles read from a folder, each file by the reader of its format.

Files that cannot be used (unreadable, not UTF-8, binary, empty, no article text, a damaged PDF or export,
a byte-for-byte duplicate, an id another file already has, or a link to a file outside the folder) are
reported as :class:`SkippedFile` and the rest are kept; so are the rows of an export left out (no text).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import logging
import os
from dataclasses import asdict, replace
from pathlib import Path

from rag.ingest.article import Article, Corpus, SkippedFile
from rag.ingest.readers import reader_for

log = logging.getLogger(__name__)

__all__ = ["Article", "Corpus", "SkippedFile", "file_id", "load_corpus", "read_file"]


READER_MODULES = ("base", "metadata", "text", "webpage", "pdf", "records")


def load_corpus(folder: Path, cache_dir: Path | None = None) -> Corpus:
    """Read every article under ``folder`` (recursively), in a stable order.

    With ``cache_dir``, what the readers extract (web pages, PDFs, exports, text files whose first line must be
    parsed to tell a headline from a lede) is kept there and reused for files whose size and modification time
    are unchanged, so re-reading a large collection is fast.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"seeds folder not found: {folder}")
    cache = ExtractionCache(folder, cache_dir) if cache_dir is not None else None
    corpus = Corpus()
    by_hash: dict[str, str] = {}
    by_id: dict[str, Path] = {}
    for path in sorted(p for p in folder.rglob("*") if reader_for(p) is not None and p.is_file()):
        notes: list[str] = []
        try:
            articles = cache.read(path, notes) if cache is not None else read_file(folder, path, notes)
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
    if cache is not None:
        cache.save()
    return corpus


class ExtractionCache:
    """The articles the costly readers (those marked ``cached``) extracted, by file (path, size, modification
    time) and reader code.

    Kept as one JSON file per seeds folder in the cache folder; a damaged or foreign file is ignored.
    """

    def __init__(self, folder: Path, cache_dir: Path) -> None:
        self.folder = folder
        key = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
        self.path = Path(cache_dir) / "extracted" / f"{key}.json"
        self.entries: dict[str, dict] = {}
        self.used: set[str] = set()
        self.changed = False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("readers") == readers_version():
                self.entries = data.get("files", {})
        except (OSError, ValueError, AttributeError):
            pass

    def read(self, path: Path, notes: list[str]) -> list[Article]:
        """The articles of ``path``, from the cache when the file is unchanged (as :func:`read_file`)."""
        if not getattr(reader_for(path), "cached", False):
            return read_file(self.folder, path, notes)
        relative = path.relative_to(self.folder).as_posix()
        stat = path.stat()
        stamp = [stat.st_size, stat.st_mtime_ns]
        self.used.add(relative)
        entry = self.entries.get(relative)
        if entry is not None and entry.get("stamp") == stamp:
            if "error" in entry:
                raise ValueError(entry["error"])
            notes.extend(entry["notes"])
            return [_article(a) for a in entry["articles"]]
        found: list[str] = []
        try:
            articles = read_file(self.folder, path, found)
        except ValueError as error:
            self.entries[relative] = {"stamp": stamp, "error": str(error)}
            self.changed = True
            raise
        notes.extend(found)
        self.entries[relative] = {"stamp": stamp, "notes": found, "articles": [_record(a) for a in articles]}
        self.changed = True
        return articles

    def save(self) -> None:
        """Write the cache (without the files no longer in the folder) if anything changed."""
        gone = set(self.entries) - self.used
        if not (self.changed or gone):
            return
        for relative in gone:
            del self.entries[relative]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
            partial.write_text(json.dumps({"readers": readers_version(), "files": self.entries}), encoding="utf-8")
            partial.replace(self.path)
        except OSError as error:  # a cache that cannot be written only costs time
            log.info("could not write the extraction cache %s: %s", self.path, error)


@functools.cache
def readers_version() -> str:
    """A hash of the readers' code: a change to it makes cached extractions stale."""
    digest = hashlib.sha256()
    for name in READER_MODULES:
        spec = importlib.util.find_spec(f"rag.ingest.readers.{name}")
        digest.update(Path(spec.origin).read_bytes() if spec and spec.origin else name.encode())
    return digest.hexdigest()[:16]


def _record(article: Article) -> dict:
    return {**asdict(article), "path": str(article.path), "page_starts": list(article.page_starts)}


def _article(record: dict) -> Article:
    return Article(**{**record, "path": Path(record["path"]), "page_starts": tuple(record["page_starts"])})


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
