"""The cases' ``forbidden`` patterns never match the articles themselves (no model needed).

A ``forbidden`` pattern describes a distortion of the articles, so a verbatim sentence of a seed article,
which is always a faithful answer, must not match it, with or without an attribution or a citation marker.
Patterns are normalised like the answers (evals.metrics.normalise) before matching, so they are written in
lower case with numbers as digits: normalising must change nothing but case.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evals.cases import load_cases
from evals.metrics import normalise
from rag.sentences import split_sentences

SEEDS = Path(__file__).parent.parent / "seeds"
GUARDED = [case for case in load_cases() if case.forbidden]


def seed_answers() -> list[str]:
    """Every sentence and paragraph of the seed articles, bare and as a cited, attributed answer."""
    texts = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts += [s.text for s in split_sentences(text)] + [line for line in text.splitlines() if line.strip()]
    answers = []
    for text in texts:
        answers += [text, f"According to the article, {text.rstrip('.')} [1].", f"Yes: {text} [2]"]
    return [normalise(answer) for answer in answers]


ANSWERS = seed_answers()


def test_seeds_are_there() -> None:
    assert len(ANSWERS) > 300
    assert len(GUARDED) >= 45


@pytest.mark.parametrize("case", GUARDED, ids=[c.id for c in GUARDED])
def test_forbidden_patterns_do_not_match_the_articles(case) -> None:
    for pattern in case.forbidden:
        assert normalise(pattern) == pattern.lower(), f"normalising changes {pattern!r}"
        compiled = re.compile(normalise(pattern))
        matches = [answer for answer in ANSWERS if compiled.search(answer)]
        assert not matches, f"{pattern!r} matches a seed sentence: {matches[0]!r}"
