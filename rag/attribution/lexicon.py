"""The word lists attribution reads, kept as data files in ``rag/lexicons/``.

``cues.tsv`` holds the reporting cues counted on PolNeAR's train split (rebuilt by ``python -m
evals.cue_lexicon``): per lemma, part of speech and structure, how often it is an annotated cue (``cues``)
and how often it occurs (``seen``). Structure ``*`` counts every occurrence; ``framed`` counts the uses in
which the detector finds a source and a content; any other structure ("ccomp", "xcomp", "dobj", "quote",
"parenthetical", ...) counts the framed uses whose content hangs from the verb that way, and "STRUCTURE/name"
or "STRUCTURE/noun" those said by a name or pronoun or by a description. The ``.txt`` lists it reads are
read through ``rag.lexicons.words``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rag import lexicons

CUES_PATH = lexicons.HERE / "cues.tsv"
_FIELDS = ("lemma", "pos", "structure", "cues", "seen")
ALL = "*"
FRAMED = "framed"


@dataclass(frozen=True)
class CueEntry:
    """A lemma with part of speech in one structure: how often it is an annotated cue, and occurs."""

    lemma: str
    pos: str
    structure: str
    cues: int
    seen: int

    @property
    def rate(self) -> float:
        """The share of its occurrences that are annotated cues."""
        return self.cues / self.seen if self.seen else 0.0


def write_cues(entries: list[CueEntry], path: Path = CUES_PATH) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(_FIELDS)
        writer.writerows((e.lemma, e.pos, e.structure, e.cues, e.seen) for e in entries)


@cache
def cue_entries(path: Path = CUES_PATH) -> dict[tuple[str, str, str], CueEntry]:
    """The cue lexicon by (lemma, part of speech, structure)."""
    with path.open(encoding="utf-8", newline="") as source:
        rows = csv.DictReader(source, delimiter="\t")
        entries = [CueEntry(r["lemma"], r["pos"], r["structure"], int(r["cues"]), int(r["seen"])) for r in rows]
    return {(e.lemma, e.pos, e.structure): e for e in entries}
