"""Readers: one per file format, each turning a file into articles behind one protocol.

A reader raises ``ValueError`` with a one-line reason when a file cannot be used; the corpus step then skips
that file by name and goes on. Readers register in ``READERS`` by the file suffixes they take: importing
this package registers those of ``text`` (``.txt``, ``.md``), ``webpage`` (``.html``), ``pdf`` and
``records`` (``.csv``, ``.tsv``, ``.jsonl``, ``.json``).
"""

from rag.ingest.readers import pdf, records, text, webpage
from rag.ingest.readers.base import KEY_SEPARATOR, READERS, Reader, decode_text, read_bytes, reader_for, register
from rag.ingest.readers.metadata import Header, parse_header

__all__ = [
    "KEY_SEPARATOR",
    "READERS",
    "Header",
    "Reader",
    "decode_text",
    "parse_header",
    "pdf",
    "read_bytes",
    "reader_for",
    "records",
    "register",
    "text",
    "webpage",
]
