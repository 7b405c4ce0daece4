"""The corpus: news articles read from the seeds folder.

Every ``.txt`` and ``.md`` file under the folder becomes an :class:`Article`. Files that cannot be used
(unreadable, not UTF-8, binary, empty, a byte-for-byte duplicate, or a link to a file outside the folder) are
reported as :class:`SkippedFile` and the rest are kept.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md")

# A masthead line names a publication: "Capitol Daily News", "The Moscow Times", "Kyiv Post".
_OUTLET_WORDS = re.compile(
    r"\b(News|Times|Post|Daily|Herald|Journal|Tribune|Gazette|Telegraph|Guardian|Observer|Review|Press|"
    r"Chronicle|Courier|Express|Mirror|Standard|Agency|Wire|Today|Insider|Monitor|Bulletin|Dispatch)\b"
)
_SECTION_LABELS = frozenset(
    {"world news", "news", "world", "politics", "europe", "opinion", "analysis", "breaking news", "top stories"}
    | {"business", "international", "local", "national", "russia", "ukraine", "war in ukraine"}
)
_SENTENCE_END = re.compile(r"""[.!?]["'”’)]*$""")


@dataclass(frozen=True)
class Article:
    """One news article. ``text`` is the whole file; ``body_start`` is where the body begins in it."""

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


def load_corpus(folder: Path) -> Corpus:
    """Read every article under ``folder`` (recursively), in a stable order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"seeds folder not found: {folder}")
    corpus = Corpus()
    seen: dict[str, str] = {}
    root = folder.resolve()
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()):
        doc_id = path.relative_to(folder).with_suffix("").as_posix()
        try:
            if not path.resolve().is_relative_to(root):
                raise ValueError("links to a file outside the seeds folder")
            article = read_article(path, doc_id)
        except ValueError as error:
            corpus.skipped.append(SkippedFile(path, str(error)))
            log.warning("skipped %s: %s", path, error)
            continue
        if article.sha256 in seen:
            reason = f"duplicate of {seen[article.sha256]}"
            corpus.skipped.append(SkippedFile(path, reason))
            log.warning("skipped %s: %s", path, reason)
            continue
        seen[article.sha256] = doc_id
        corpus.articles.append(article)
    return corpus


def read_article(path: Path, doc_id: str) -> Article:
    """Read one article; raise ValueError with a one-line reason when the file cannot be used."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ValueError(f"unreadable ({error.strerror or error})") from error
    if b"\x00" in raw:
        raise ValueError("binary file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 (invalid byte at offset {error.start})") from error
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ValueError("empty file")
    title, outlet, body_start = _parse_header(text)
    return Article(
        doc_id=doc_id,
        path=path,
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        title=title,
        outlet=outlet,
        body_start=body_start,
    )


def _parse_header(text: str) -> tuple[str | None, str | None, int]:
    """Find the masthead (outlet, section) and headline lines that precede the body.

    Header lines are the leading lines that do not end like a sentence. The last of them is the headline;
    an earlier one that reads like a publication name is the outlet.
    """
    header: list[str] = []
    offset = 0
    body_start = 0
    for line in text.split("\n"):
        stripped = line.strip().lstrip("#").strip()
        if stripped and (_SENTENCE_END.search(stripped) or len(stripped.split()) > 25):
            break
        if stripped:
            header.append(stripped)
        offset += len(line) + 1
        body_start = offset
    if not header:
        return None, None, 0
    if body_start >= len(text):  # the whole file is header-like: treat it as body
        return None, None, 0
    outlet = next(
        (line for line in header[:-1] if _OUTLET_WORDS.search(line) and line.lower() not in _SECTION_LABELS),
        None,
    )
    return header[-1], outlet, body_start
