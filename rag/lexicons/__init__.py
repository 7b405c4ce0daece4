"""Word lists, as data: one file a list in this folder, one entry a line, ``#`` starts a comment.

Every list that a rule of ``rag`` consults lives here, so that it can be read, reviewed and extended in one
place. A list is named by its file name without the extension: ``words("stopwords")``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``<name>.txt``, stripped, without comments and blank lines."""
    lines = (HERE / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(entry for line in lines if (entry := line.split("#", 1)[0].strip()))


@cache
def mates(name: str, word: str) -> frozenset[str]:
    """``word`` and the entries of every line of ``<name>.txt`` that holds it, for a list of groups (one a line,
    entries split on spaces): the words that name the same thing or relation."""
    found = {word}
    for line in words(name):
        group = line.split()
        if word in group:
            found.update(group)
    return frozenset(found)


@cache
def kinds(name: str) -> dict[str, str]:
    """entry -> kind, for a list of ``kind: entry, entry`` lines (entries split on commas, else on spaces)."""
    table: dict[str, str] = {}
    for line in words(name):
        kind, _, entries = line.partition(":")
        separator = "," if "," in entries else None
        for entry in entries.split(separator):
            if entry.strip():
                table[entry.strip().lower().replace("_", " ")] = kind.strip()
    return table
