"""PDF files: the text layer page by page, with the offset where each page starts."""

from __future__ import annotations

import io
import re
from pathlib import Path

from rag.errors import first_line
from rag.ingest.article import Article
from rag.ingest.readers.base import file_article, normalise_newlines, read_bytes, register
from rag.ingest.readers.metadata import parse_header

PAGE_SEPARATOR = "\n\n"
SHORT_LINE_SHARE = 0.7  # a line shorter than this share of its page's longest line ends a paragraph
_HYPHENATED = re.compile(r"\w-$")


@register
class PdfReader:
    """The article text is the pages' text joined by a blank line, each page's wrapped lines joined into
    paragraphs (a line break always ends a sentence, so wrapped lines would cut sentences apart).

    The headline and masthead come from the first lines as for ``.txt``, else from the document's title; the
    author from the document's information. The document's creation date is when the file was made, not
    when the article was published, so no date is taken from it. A file without a text layer (a scan) or
    one that needs a password is skipped.
    """

    cached = True  # extraction is costly: the corpus step keeps its output
    suffixes = (".pdf",)

    def read(self, path: Path, doc_id: str, notes: list[str] | None = None) -> list[Article]:
        import pypdf

        raw = read_bytes(path)
        try:
            document = pypdf.PdfReader(io.BytesIO(raw))
            pages = [unwrap(normalise_newlines(page.extract_text() or "")) for page in document.pages]
            info = document.metadata
        except pypdf.errors.FileNotDecryptedError as error:
            raise ValueError("encrypted (needs a password)") from error
        except Exception as error:  # pypdf raises many kinds on a damaged file; that file is skipped, not the rest
            raise ValueError(f"not a readable PDF ({first_line(error)})") from error
        if not any(page.strip() for page in pages):
            raise ValueError("no text layer (scanned?)")
        starts, offset = [], 0
        for page in pages:
            starts.append(offset)
            offset += len(page) + len(PAGE_SEPARATOR)
        text = PAGE_SEPARATOR.join(pages)
        header = parse_header(text)
        return [
            file_article(
                path,
                doc_id,
                raw,
                text,
                title=header.title or (info.title if info else None) or None,
                outlet=header.outlet,
                body_start=header.body_start,
                author=header.author or (info.author if info else None) or None,
                published=header.published,
                page_starts=tuple(starts),
            )
        ]


def unwrap(page: str) -> str:
    """A page's text with the lines that wrap within a paragraph joined (by a space, or nothing after a
    hyphen); a short line (a headline, a paragraph's last line) keeps its line break."""
    lines = [line.strip() for line in page.strip().split("\n")]
    width = max((len(line) for line in lines), default=0)
    pieces: list[str] = []
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        pieces.append(line)
        if not following or not line or len(line) < SHORT_LINE_SHARE * width:
            pieces.append("\n")
        elif not _HYPHENATED.search(line):
            pieces.append(" ")
    return "".join(pieces).strip()
