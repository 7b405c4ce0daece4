"""Exports of many articles: ``.csv``/``.tsv`` (a row an article) and ``.jsonl``/``.json`` (an object an article).

Fields are found by their common names, case and punctuation aside (:data:`FIELD_NAMES`: ``title``/``headline``,
``source``/``outlet``/``publisher``, ``published``/``publishedAt``/``date``, ``url``/``link``, ``author``,
``text``/``body``/``content``). Each article's id is ``<file id>:<key>``: the key is the record's ``id`` field
where every record has a distinct one, else its number in the file: the row of a CSV file (1 for the first
after the header), the line of a JSON Lines file, the item of a JSON array.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path

from rag.errors import first_line
from rag.ingest.article import Article
from rag.ingest.readers.base import (
    KEY_SEPARATOR,
    decode_text,
    headed_text,
    normalise_newlines,
    read_bytes,
    register,
)
from rag.ingest.readers.metadata import FIELD_NAMES, field_key, normalise_date, parse_header, pick

MAX_KEY_CHARS = 64  # longest record id kept as a key; a longer one means the keys are record numbers
MAX_FIELD_CHARS = 50 << 20  # csv's default limit (128 KiB) is less than a long article
SNIFF_CHARS = 8192  # how much of a CSV file decides its delimiter
CSV_DELIMITERS = ",;\t|"
NAMED_ROWS = 5  # rows named in the note about rows left out; the rest are counted
_UNSAFE_KEY = re.compile(r"[^\w.-]+")


@register
class CsvReader:
    """A header row, then a row an article; the delimiter (``,``, ``;``, tab or ``|``) is detected."""

    cached = True  # one file may hold thousands of articles: the corpus step keeps them
    suffixes = (".csv", ".tsv")

    def read(self, path: Path, doc_id: str, notes: list[str] | None = None) -> list[Article]:
        text = decode_text(read_bytes(path))
        try:
            dialect = csv.Sniffer().sniff(text[:SNIFF_CHARS], delimiters=CSV_DELIMITERS)
        except csv.Error:
            dialect = csv.excel_tab if path.suffix.lower() == ".tsv" else csv.excel
        csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD_CHARS))
        try:
            rows = list(csv.DictReader(text.splitlines(keepends=True), dialect=dialect))
        except csv.Error as error:
            raise ValueError(f"not a readable CSV file ({first_line(error)})") from error
        return articles_from_records(path, doc_id, dict(enumerate(rows, start=1)), "row", notes)


@register
class JsonReader:
    """``.jsonl``: one JSON object a line. ``.json``: an array of objects, or an object holding one (a news
    API's response, ``{"articles": [...]}``)."""

    cached = True  # one file may hold thousands of articles: the corpus step keeps them
    suffixes = (".jsonl", ".ndjson", ".json")

    def read(self, path: Path, doc_id: str, notes: list[str] | None = None) -> list[Article]:
        text = decode_text(read_bytes(path))
        if path.suffix.lower() == ".json":
            try:
                items = _record_list(json.loads(text))
            except json.JSONDecodeError as error:
                raise ValueError(f"not valid JSON (line {error.lineno}: {error.msg})") from error
            return articles_from_records(path, doc_id, dict(enumerate(items, start=1)), "item", notes)
        records, broken = {}, []
        for number, line in enumerate(text.split("\n"), start=1):
            try:
                if line.strip():
                    records[number] = json.loads(line)
            except json.JSONDecodeError:
                broken.append(number)
        if broken and not records:
            raise ValueError(f"not JSON Lines (line {broken[0]} is not a JSON object)")
        if broken and notes is not None:
            notes.append(f"{_numbered('line', broken)} {_verb(broken)} not valid JSON")
        return articles_from_records(path, doc_id, records, "line", notes)


def _record_list(data: object) -> list:
    """The articles of a ``.json`` document: the array itself, or the first array of objects in an object."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for value in data.values():
            if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
                return value
    raise ValueError("no list of articles in the JSON document")


def articles_from_records(
    path: Path, doc_id: str, records: dict[int, object], unit: str, notes: list[str] | None = None
) -> list[Article]:
    """One article per record (by its number in the file, a ``unit``: row, line, item) that has text; the
    records without any are named in ``notes``."""
    if not records:
        raise ValueError("no articles in the file")
    if not all(isinstance(record, dict) for record in records.values()):
        raise ValueError(f"not a list of JSON objects (each {unit} an article)")
    records = {n: {field_key(str(name)): value for name, value in r.items()} for n, r in records.items()}
    if not any(name in record for record in records.values() for name in FIELD_NAMES["text"]):
        raise ValueError(f"no text column (looked for {', '.join(FIELD_NAMES['text'])})")
    articles, empty = [], []
    for key, (number, record) in zip(_keys(records), records.items(), strict=True):
        values = {name: _plain(value) for name, value in record.items()}
        body = normalise_newlines(pick(values, "text") or "").strip()
        if not body:
            empty.append(number)
            continue
        title = " ".join((pick(values, "title") or "").split()) or None
        text, body_start = headed_text(title, body)
        header = parse_header(text)
        articles.append(
            Article(
                doc_id=f"{doc_id}{KEY_SEPARATOR}{key}",
                path=path,
                text=text,
                sha256=hashlib.sha256(json.dumps(record, sort_keys=True, default=str).encode()).hexdigest(),
                title=title or header.title,
                outlet=pick(values, "outlet") or header.outlet,
                body_start=body_start if title else header.body_start,
                author=pick(values, "author") or header.author,
                published=normalise_date(pick(values, "published")) or header.published,
                url=pick(values, "url"),
            )
        )
    if not articles:
        raise ValueError(f"no {unit} has text (looked for {', '.join(FIELD_NAMES['text'])})")
    if empty and notes is not None:
        notes.append(f"{_numbered(unit, empty)} {_verb(empty, 'has', 'have')} no text")
    return articles


def _keys(records: dict[int, dict]) -> list[str]:
    """Each record's key: its ``id`` field, made safe, where every record has a distinct one; else its number."""
    ids = [_UNSAFE_KEY.sub("_", _plain(_id(record))).strip("._") for record in records.values()]
    if all(ids) and len(set(ids)) == len(ids) and max(map(len, ids)) <= MAX_KEY_CHARS:
        return ids
    return [str(number) for number in records]


def _id(record: dict) -> object:
    return next((record[name] for name in FIELD_NAMES["id"] if record.get(name) not in (None, "")), "")


def _plain(value: object) -> str:
    """A field's value as text: an outlet object by its name (``{"id": ..., "name": "BBC News"}``), a list of
    authors joined."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return _plain(value.get("name") or value.get("title") or "")
    if isinstance(value, list):
        return ", ".join(filter(None, map(_plain, value)))
    return str(value).strip()


def _numbered(unit: str, numbers: list[int]) -> str:
    """``row 4``, ``rows 4, 9 and 17``, ``lines 4, 9, 17, 20, 31 and 6 more``."""
    named = [str(n) for n in numbers[:NAMED_ROWS]]
    if len(numbers) == 1:
        return f"{unit} {named[0]}"
    if len(numbers) > NAMED_ROWS:
        return f"{unit}s {', '.join(named)} and {len(numbers) - NAMED_ROWS} more"
    return f"{unit}s {', '.join(named[:-1])} and {named[-1]}"


def _verb(numbers: list[int], one: str = "is", many: str = "are") -> str:
    return one if len(numbers) == 1 else many
