"""Article metadata in plain text: the headline, masthead, byline and date lines that precede a body, a
front-matter block, the names exports give their fields, and dates as ISO ``YYYY-MM-DD``."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from email.utils import parsedate_to_datetime

from rag import lexicons
from rag.sentences import opens_quotation

MAX_HEADER_WORDS = 25  # a longer line is body text, not a headline
MIN_TITLE_CASE_WORDS = 3  # fewer capitalised content words do not make a line title case ("Fares rose.")
MAX_OUTLET_WORDS = 5  # a publication's name is short: "The New York Times"
MAX_FRONT_MATTER_LINES = 40  # a longer leading block is not front matter
FRONT_MATTER_FENCE = "---"
_SENTENCE_END = re.compile(r"""[.!?]["'”’)]*$""")
_BYLINE = re.compile(r"^by\s+(?P<name>\S.*)$", re.IGNORECASE)
_FRONT_MATTER_LINE = re.compile(r"^(?P<key>[A-Za-z][\w -]*?)\s*:\s*(?P<value>.*)$")
_NAME_JOINERS = frozenset({"of", "the", "and", "&", "de", "la", "du", "der", "die", "el", "al"})
# A date in a file's name, as archivers and exporters write it: "politico_2016-09-22_judge-rejects.txt".
_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_](\d{2})[-_](\d{2})(?!\d)")
# A dateline opening a body: "Nov 16, 2020 ... Australia's ...", "5 March 2024 — Kyiv ...": a date, then a mark.
_DATELINE = re.compile(r"\s*(?P<date>[^\n]{6,32}?)\s*(?:\.\.\.|…|—|–|\s-)\s+")

# The names exports and front matter give each field, most telling first; compared as normalised keys
# (lower case, letters and digits only: "publishedAt" and "published_at" are both "publishedat").
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id", "articleid", "docid", "uuid"),
    "title": ("title", "headline"),
    "outlet": (
        "outlet",
        "source",
        "sourcename",
        "publisher",
        "publication",
        "sitename",
        "site",
        "medianame",
        "media",
        "domain",
    ),
    "author": ("author", "authors", "byline", "creator"),
    "published": (
        "published",
        "publishedat",
        "publishdate",
        "publicationdate",
        "datepublished",
        "pubdate",
        "date",
        "datetime",
        "seendate",
    ),
    "url": ("url", "link", "articleurl", "sourceurl"),
    # The full text first; a summary is indexed only when a row has nothing else.
    "text": ("text", "body", "content", "fulltext", "articletext", "article", "maintext", "description", "summary"),
}

# Dates as exports and datelines write them, besides ISO 8601 and RFC 2822 ("Tue, 05 Mar 2024 08:30:00 GMT").
# Day-first and month-first numeric dates ("03/05/2024") are ambiguous and kept as written.
_DATE_FORMATS = (
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%d.%m.%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%b. %d, %Y",
    "%B %d %Y",
    "%A, %B %d, %Y",
    "%A, %d %B %Y",
)


def field_key(name: str) -> str:
    """A field name as :data:`FIELD_NAMES` lists it: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def iso_date(raw: str) -> str | None:
    """``raw`` as ``YYYY-MM-DD`` when it reads as a date, else None."""
    value = " ".join(raw.split())
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(value, pattern).date().isoformat()
        except ValueError:
            continue
    return None


def file_name_date(name: str) -> str | None:
    """The date a file's name gives ("politico_2016-09-22_judge-rejects.txt" -> "2016-09-22"), if one."""
    match = _NAME_DATE.search(name)
    return iso_date("-".join(match.groups())) if match else None


def normalise_date(raw: str | None) -> str | None:
    """A date as ``YYYY-MM-DD`` where it can be read, else as written (None when empty)."""
    value = " ".join((raw or "").split())
    return (iso_date(value) or value) if value else None


@dataclass(frozen=True)
class Header:
    """What the lines before an article's body say, and where the body starts."""

    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    body_start: int = 0


def parse_header(text: str) -> Header:
    """Find the headline, masthead, byline and date lines that precede the body.

    Header lines are the leading lines that do not end like a sentence. Section labels ("World News") are
    left out; a date line, or a dateline opening the body, gives the date and a "By ..." line the author. Of
    the rest, the longest line is the headline; the outlet is a line that reads like a publication's name
    ("Capitol Daily News"), or else a short name-like line right after the headline (the "title, outlet,
    body" shape of exports).
    """
    lines: list[str] = []
    offset = 0
    body_start = 0
    for line in text.split("\n"):
        stripped = line.strip().lstrip("#").strip()
        if stripped and (_SENTENCE_END.search(stripped) or len(stripped.split()) > MAX_HEADER_WORDS):
            break
        if stripped:
            lines.append(stripped)
        offset += len(line) + 1
        body_start = offset
    if not lines or body_start >= len(text):  # no header, or the whole file is header-like: all body
        return _dateline(text, _headline_sentence(text) if not lines else Header())
    header = Header(body_start=body_start)
    rest = []
    for line in lines:
        byline = _BYLINE.match(line)
        if line.lower() in lexicons.words("section_labels"):
            continue
        if header.published is None and iso_date(line):
            header = replace(header, published=iso_date(line))
        elif header.author is None and byline:
            header = replace(header, author=byline.group("name"))
        else:
            rest.append(line)
    header = _dateline(text, header)
    if not rest:
        return header
    outlets = [line for line in rest if _is_outlet(line)]
    others = [line for line in rest if line not in outlets] or rest
    title = max(others, key=lambda line: len(line.split()))  # the first of the longest
    after = rest[rest.index(title) + 1 : rest.index(title) + 2]
    outlet = next((line for line in outlets if line != title), None)
    if outlet is None and after and _is_name(after[0]):
        outlet = after[0]
    return replace(header, title=title, outlet=outlet)


def _headline_sentence(text: str) -> Header:
    """A headline that ends like a sentence, alone on the first line ("Poll: Wealthy Voters Abandon Republican
    Party for Hillary Clinton.", "Green Party candidate Jill Stein removed from N.Y. debate site by police.").

    A title-case line is a headline and the body starts after it. A short line in sentence case set apart by a
    blank line is a headline too when it has no finite verb and opens with no quotation: of 376 such first
    lines of PolNeAR's train articles, the 103 without one are all headlines ("Top Senate candidates pointing
    fingers at 'poison pill' in House bill."), and a quoted line may be a lede's words ('"Absolutely not."').
    Otherwise it may be a headline or a one-sentence lede ("Council raises ferry fares."): it names the article
    and stays in the body, which loses nothing either way.
    """
    first, _, rest = text.lstrip().partition("\n")
    first = first.strip()
    if not rest.strip() or len(first.split()) > MAX_HEADER_WORDS:
        return Header()
    set_apart = not rest.split("\n", 1)[0].strip()
    if _is_title_case(first) or (set_apart and not opens_quotation(first) and not _has_finite_verb(first)):
        return Header(title=first, body_start=len(text) - len(rest.lstrip()))
    return Header(title=first) if set_apart else Header()


def _has_finite_verb(line: str) -> bool:
    """Does the line have a verb in a tense or a modal ("raises", "raised", "will"), as a sentence has?"""
    from rag import nlp  # importing spaCy takes seconds: only where a first line must be parsed

    return any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in nlp.parse(line))


def _is_title_case(line: str) -> bool:
    """Is every content word of the line capitalised, as headlines write them and sentences never do?"""
    minor = lexicons.words("stopwords") | {w for group in lexicons.words("prepositions") for w in group.split()}
    content = [w for w in re.findall(r"[^\W\d_][\w’'-]*", line) if w.lower() not in minor]
    return len(content) >= MIN_TITLE_CASE_WORDS and all(w[0].isupper() for w in content)


def _dateline(text: str, header: Header) -> Header:
    """The header with the date the body opens with, when it has none ("Nov 16, 2020 ... Australia's ...", as
    news search results and wire copy write it). The dateline stays in the body, which it may be part of."""
    match = _DATELINE.match(text, header.body_start)
    date = iso_date(match.group("date")) if match is not None else None
    return header if header.published is not None or date is None else replace(header, published=date)


def _is_outlet(line: str) -> bool:
    """Does a header line read as a publication's name ("Capitol Daily News"), not a section label?"""
    named = any(word in lexicons.words("outlet_words") for word in re.findall(r"\w+", line))
    return named and _is_name(line)


def _is_name(line: str) -> bool:
    """Is a line short and capitalised like a name ("Kyiv Independent", "The Moscow Times")?"""
    words = line.split()
    return (
        len(words) <= MAX_OUTLET_WORDS
        and line.lower() not in lexicons.words("section_labels")
        and all(word[0].isupper() or word.lower() in _NAME_JOINERS for word in words)
    )


def front_matter(text: str) -> tuple[dict[str, str], int]:
    """The ``key: value`` pairs of a leading ``---`` block (keys as :func:`field_key` gives them) and where
    the text after it starts; ``({}, 0)`` when the text has no such block."""
    lines = text.split("\n", MAX_FRONT_MATTER_LINES + 2)
    if lines[0].strip() != FRONT_MATTER_FENCE:
        return {}, 0
    values: dict[str, str] = {}
    offset = len(lines[0]) + 1
    for line in lines[1 : MAX_FRONT_MATTER_LINES + 2]:
        offset += len(line) + 1
        if line.strip() == FRONT_MATTER_FENCE:
            return values, min(offset, len(text))
        pair = _FRONT_MATTER_LINE.match(line.strip())
        if pair is None and line.strip():
            return {}, 0
        if pair is not None:
            values[field_key(pair.group("key"))] = pair.group("value").strip().strip("\"'")
    return {}, 0


def pick(values: dict[str, str], name: str) -> str | None:
    """The first non-empty value among the names of the field ``name`` (keys as :func:`field_key` gives)."""
    return next((values[key] for key in FIELD_NAMES[name] if values.get(key)), None)
