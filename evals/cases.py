"""Eval cases, read from ``evals/cases/*.yaml`` (see any file there for the schema)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

CASES_DIR = Path(__file__).parent / "cases"
KINDS = ("factual", "contested", "conflict", "leading", "unanswerable", "injection", "follow_up")


@dataclass(frozen=True)
class Claim:
    """A contested claim: a sentence holding any ``claim`` marker must name one of ``sources`` with a cue."""

    claim: list[str]
    sources: list[str]


@dataclass(frozen=True)
class Case:
    id: str
    kind: str
    question: str
    history: list[str] = field(default_factory=list)
    expected_facts: list[list[str]] = field(default_factory=list)
    expected_docs: list[str] = field(default_factory=list)
    attribution: list[Claim] = field(default_factory=list)
    refusal: bool = False
    conflict: bool = False
    forbidden: list[str] = field(default_factory=list)  # regular expressions a faithful answer cannot match


def load_cases(folder: Path = CASES_DIR) -> list[Case]:
    """Every case under ``folder``, in file and then document order; ids must be unique."""
    cases: list[Case] = []
    for path in sorted(Path(folder).glob("*.yaml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            raw["attribution"] = [Claim(**claim) for claim in raw.get("attribution") or []]
            case = Case(**raw)
            if case.kind not in KINDS:
                raise ValueError(f"{path.name}: case {case.id} has unknown kind {case.kind!r}")
            cases.append(case)
    ids = [c.id for c in cases]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ValueError(f"duplicate case ids: {sorted(duplicates)}")
    return cases
