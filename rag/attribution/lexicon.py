"""The word lists attribution reads, kept as data files in ``rag/lexicons/``.

``cues.tsv`` holds the reporting cues counted on PolNeAR's train split (rebuilt by ``python -m
evals.cue_lexicon``): per lemma and part of speech, how often it heads an annotated cue and how often it
occurs at all, and the same two counts over its *framed* uses (those with a subject and a complement, where
the detector would find a frame). The ``.txt`` lists hold words separated by white space; ``#`` starts a
comment.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LEXICONS = Path(__file__).resolve().parent.parent / "lexicons"
CUES_PATH = LEXICONS / "cues.tsv"
_FIELDS = ("lemma", "pos", "cues", "seen", "framed_cues", "framed")


@dataclass(frozen=True)
class CueEntry:
    """A lemma with part of speech: annotated cues it heads and its occurrences, in all and framed uses."""

    lemma: str
    pos: str
    cues: int
    seen: int
    framed_cues: int
    framed: int

    @property
    def framed_rate(self) -> float:
        """The share of its framed uses that are annotated cues."""
        return self.framed_cues / self.framed if self.framed else 0.0


def write_cues(entries: list[CueEntry], path: Path = CUES_PATH) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(_FIELDS)
        writer.writerows((e.lemma, e.pos, e.cues, e.seen, e.framed_cues, e.framed) for e in entries)


@cache
def cue_entries(path: Path = CUES_PATH) -> dict[tuple[str, str], CueEntry]:
    """The cue lexicon by (lemma, part of speech)."""
    with path.open(encoding="utf-8", newline="") as source:
        rows = csv.DictReader(source, delimiter="\t")
        entries = [CueEntry(r["lemma"], r["pos"], *(int(r[f]) for f in _FIELDS[2:])) for r in rows]
    return {(e.lemma, e.pos): e for e in entries}


@cache
def words(name: str) -> frozenset[str]:
    """The words of ``rag/lexicons/<name>.txt``, lower-cased."""
    lines = (LEXICONS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.lower() for line in lines for w in line.split("#", 1)[0].split())
