"""What ingestion produces: articles with their metadata, and the files it could not use."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Article:
    """One news article as its reader extracted it.

    ``text`` is the extracted text that citations point into (for a ``.txt`` file without front matter, the
    file itself); ``body_start`` is where the body begins after the headline lines. ``published`` is an ISO
    date (``YYYY-MM-DD``) where one could be read, else the date as written. ``page_starts`` holds the offset
    at which each page begins, for an article read from pages (PDF); ``file`` is the path of the file it came
    from, relative to the seeds folder.
    """

    doc_id: str
    path: Path
    text: str
    sha256: str
    title: str | None = None
    outlet: str | None = None
    body_start: int = 0
    author: str | None = None
    published: str | None = None
    url: str | None = None
    page_starts: tuple[int, ...] = ()
    file: str = ""

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def label(self) -> str:
        """The title, or the opening words of the body where the article has no headline."""
        if self.title:
            return self.title
        words = self.body.split()
        return " ".join(words[:10]) + (" …" if len(words) > 10 else "")

    def page_at(self, offset: int) -> int | None:
        """The page (1-based) that holds ``offset``, for an article read from pages; None otherwise."""
        if not self.page_starts:
            return None
        return max(bisect.bisect_right(self.page_starts, offset), 1)


@dataclass(frozen=True)
class SkippedFile:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Corpus:
    articles: list[Article] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
