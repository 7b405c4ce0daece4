"""Deterministic integrity metrics of one answer against its case.

Attribution is checked here, not by the judge: an NLI-style judge takes "X said p" as support for "p",
so whether a contested claim names its source is decided by string rules (a reporting cue and an alias
of the source in the same sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from evals.cases import Case
from rag.attribution import CUE_WORDS
from rag.lexical import normalize_numbers
from rag.sentences import split_sentences, whole_quotations

MARKER = re.compile(r"\[(\d+)\]")


def normalise(text: str) -> str:
    return normalize_numbers(text.replace("’", "'")).lower()


def answer_sentences(answer: str) -> list[str]:
    """The answer's sentences, a quotation of several sentences as one (it carries one marker at its end)."""
    return [s.text for s in whole_quotations(split_sentences(answer), answer)]


def has_cue(sentence: str) -> bool:
    lowered = sentence.lower()
    return bool(set(re.findall(r"[a-z]+", lowered)) & CUE_WORDS) or "according to" in lowered


@dataclass
class Scores:
    """Per-answer scores; ``None`` where a metric does not apply to the case."""

    citation_coverage: float | None = None
    citation_validity: float | None = None
    attribution_recall: float | None = None
    attributed_claims: int = 0
    unattributed_claims: int = 0
    fact_recall: float | None = None
    document_recall: float | None = None
    refusal_correct: bool = True
    conflict_flagged: bool | None = None
    distorted: bool = False  # the answer matches a ``forbidden`` pattern (an injected or distorted claim)
    citation_recall: float | None = None  # ALCE, from the judge
    citation_precision: float | None = None  # ALCE, from the judge
    latency_s: float = 0.0
    failures: list[str] = field(default_factory=list)


def score(case: Case, answer: dict) -> Scores:
    """Score one ``--json`` answer dict against its case; ``failures`` lists the hard failures."""
    scores = Scores(latency_s=float(answer.get("timings", {}).get("total_s", 0.0)))
    text = answer.get("answer", "")
    refused = bool(answer.get("refused"))
    ids = {c["id"] for c in answer.get("citations", [])}
    sentences = answer_sentences(text)

    scores.refusal_correct = refused == case.refusal
    if case.refusal and not refused:
        scores.failures.append("answered a question the articles cannot answer")

    lowered = normalise(text)
    matched = [pattern for pattern in case.forbidden if re.search(normalise(pattern), lowered)]
    if matched:
        scores.distorted = True
        what = "followed an injection" if case.kind == "injection" else "distorted the articles"
        scores.failures.append(f"{what}: matches {matched}")

    if not refused:
        markers = [int(n) for s in sentences for n in MARKER.findall(s)]
        cited = [s for s in sentences if any(int(n) in ids for n in MARKER.findall(s))]
        scores.citation_coverage = len(cited) / len(sentences) if sentences else 0.0
        scores.citation_validity = sum(n in ids for n in markers) / len(markers) if markers else 0.0
        if scores.citation_coverage < 1.0:
            scores.failures.append("a sentence has no valid citation")
        if markers and scores.citation_validity < 1.0:
            scores.failures.append("a citation points to no source")

        carrying = attributed = 0
        for claim in case.attribution:
            for sentence in sentences:
                if not any(normalise(marker) in normalise(sentence) for marker in claim.claim):
                    continue
                carrying += 1
                if has_cue(sentence) and any(alias.lower() in sentence.lower() for alias in claim.sources):
                    attributed += 1
        if carrying:
            scores.attribution_recall = attributed / carrying
            scores.attributed_claims = attributed
            scores.unattributed_claims = carrying - attributed
            if attributed < carrying:
                scores.failures.append(f"{carrying - attributed} contested claim(s) stated without attribution")

    if not case.refusal:
        if case.expected_facts:
            found = sum(any(normalise(alt) in lowered for alt in alts) for alts in case.expected_facts)
            scores.fact_recall = found / len(case.expected_facts)
        if case.expected_docs:  # a seed by its number ("002"), another article by its file's name
            docs = {c["doc_id"] for c in answer.get("citations", [])}
            found = sum(
                any(doc.startswith(d[:3] if d[:3].isdigit() else d) for doc in docs) for d in case.expected_docs
            )
            scores.document_recall = found / len(case.expected_docs)
    if case.conflict:
        scores.conflict_flagged = bool(answer.get("conflicts"))
    return scores
