"""What ingestion produces: articles with their metadata, and the files it could not use."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Article:
    """One news article. ``text`` is the whole text; ``body_start`` is where the body begins in it."""

    doc_id: str
    path: Path
    text: str
    sha256: str
    title: str | None = None
    outlet: str | None = None
    body_start: int = 0

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
