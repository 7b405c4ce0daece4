"""``.txt`` and ``.md``: an optional front-matter block, then masthead and headline lines, then the body."""

from __future__ import annotations

from pathlib import Path

from rag.ingest.article import Article
from rag.ingest.readers.base import decode_text, file_article, read_bytes, register
from rag.ingest.readers.metadata import file_name_date, front_matter, normalise_date, parse_header, pick


@register
class TextReader:
    """The article text is the file after its front matter (all of it where there is none).

    Front matter (``title:``, ``outlet:``, ``author:``, ``date:``, ``url:``) wins over what the header lines
    say; the header lines still give where the body starts. Where neither gives a date, a date in the file's
    name ("politico_2016-09-22_judge-rejects.txt") is the article's: collections saved as text name files so.
    """

    suffixes = (".txt", ".md")
    cached = True  # telling a headline from a lede may parse the first line: the corpus step keeps the output

    def read(self, path: Path, doc_id: str, notes: list[str] | None = None) -> list[Article]:
        raw = read_bytes(path)
        text = decode_text(raw)
        values, start = front_matter(text)
        text = text[start:]
        if not text.strip():
            raise ValueError("no text after the front matter")
        header = parse_header(text)
        return [
            file_article(
                path,
                doc_id,
                raw,
                text,
                title=pick(values, "title") or header.title,
                outlet=pick(values, "outlet") or header.outlet,
                body_start=header.body_start,
                author=pick(values, "author") or header.author,
                published=normalise_date(pick(values, "published")) or header.published or file_name_date(path.name),
                url=pick(values, "url"),
            )
        ]
