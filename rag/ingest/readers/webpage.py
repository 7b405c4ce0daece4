"""Saved web pages (``.html``, ``.htm``): the main text and metadata as trafilatura extracts them."""

from __future__ import annotations

from pathlib import Path

from rag.errors import first_line
from rag.ingest.article import Article
from rag.ingest.readers.base import file_article, headed_text, normalise_newlines, read_bytes, register
from rag.ingest.readers.metadata import normalise_date

MIN_ARTICLE_WORDS = 20  # less main text than this is a menu, a cookie wall or an error page, not an article


@register
class HtmlReader:
    """The article text is the headline line, then the main text (menus, comments and footers left out).

    Metadata comes from the page's own tags: ``og:site_name`` (or the URL's site) for the outlet,
    ``article:published_time``, JSON-LD or ``<time>`` for the date, bylines and ``author`` tags, the canonical
    URL. Only the page's metadata is searched for the date, never the article's text, so a date mentioned in
    the story is not taken for its publication date.
    """

    cached = True  # extraction is costly: the corpus step keeps its output
    suffixes = (".html", ".htm", ".xhtml")

    def read(self, path: Path, doc_id: str, notes: list[str] | None = None) -> list[Article]:
        import trafilatura
        from trafilatura.settings import set_date_params

        raw = read_bytes(path)
        if not raw.strip():
            raise ValueError("empty file")
        try:
            page = trafilatura.bare_extraction(
                raw,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                date_extraction_params=set_date_params(extensive=False),
            )
        except Exception as error:  # a parser's failure on one odd page is that file's, not the corpus's
            raise ValueError(f"not a readable web page ({first_line(error)})") from error
        main = normalise_newlines(page.text or "") if page is not None else ""
        if len(main.split()) < MIN_ARTICLE_WORDS:
            raise ValueError("no article text found")
        text, body_start = headed_text(page.title, main)
        return [
            file_article(
                path,
                doc_id,
                raw,
                text,
                title=page.title or None,
                outlet=page.sitename or None,
                body_start=body_start,
                author=page.author or None,
                published=normalise_date(page.date),
                url=page.url or None,
            )
        ]
