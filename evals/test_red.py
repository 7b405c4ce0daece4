"""The suite can go red: deliberately broken answers are caught.

The broken answers are the real answers of this session's run, mutated three ways: citations stripped,
attribution removed, and every citation pointed at an article the case does not draw on.
"""

from __future__ import annotations

import copy
import re

import pytest

from evals.harness import CaseResult, aggregate, below_baseline
from evals.judge import Judge, alce
from evals.metrics import score
from evals.report import load_baseline
from rag.attribution import CUE_WORDS

pytestmark = pytest.mark.model
# Removing attribution: drop every reporting cue ("according to", "said", "citing", "reportedly", ...).
_ATTRIBUTION = re.compile(r"(?i)\baccording to\b|\b(?:" + "|".join(sorted(CUE_WORDS)) + r")\b")


def answered(eval_run) -> list[CaseResult]:
    results, _ = eval_run
    return [r for r in results.values() if not r.answer["refused"] and r.passed]


def test_stripped_citations_fail_every_case(eval_run) -> None:
    for result in answered(eval_run):
        broken = copy.deepcopy(result.answer)
        broken["answer"] = re.sub(r"\s*\[\d+\]", "", broken["answer"])
        assert "a sentence has no valid citation" in score(result.case, broken).failures, result.case.id


def test_invalid_citation_ids_fail(eval_run) -> None:
    for result in answered(eval_run):
        broken = copy.deepcopy(result.answer)
        broken["answer"] = re.sub(r"\[\d+\]", "[9]", broken["answer"])
        assert score(result.case, broken).failures, result.case.id


def test_removed_attribution_is_caught(eval_run) -> None:
    checked = 0
    for result in answered(eval_run):
        if not result.scores.attributed_claims:
            continue
        broken = copy.deepcopy(result.answer)
        broken["answer"] = _ATTRIBUTION.sub("", broken["answer"])
        markers = [m for claim in result.case.attribution for m in claim.claim]
        if not any(m.lower() in broken["answer"].lower() for m in markers):
            continue  # the claim itself was a cue word ("warns"): nothing left to attribute
        scores = score(result.case, broken)
        assert scores.unattributed_claims > 0, (result.case.id, broken["answer"])
        checked += 1
    assert checked >= 5


def test_wrong_document_cited_drops_recall_below_baseline(eval_run, model_chain) -> None:
    results, _ = eval_run
    judge = Judge(model_chain)
    broken_results = []
    for result in answered(eval_run)[:12]:
        if not result.case.expected_docs:
            continue
        broken = copy.deepcopy(result.answer)
        for citation in broken["citations"]:
            other = next(r for r in results.values() if r.answer["citations"] and not _shares_doc(r, result))
            citation.update({k: other.answer["citations"][0][k] for k in ("doc_id", "text", "start", "end")})
        scores = score(result.case, broken)
        assert scores.document_recall == 0.0, result.case.id
        scores.citation_recall, scores.citation_precision = alce(judge, broken)
        broken_results.append(CaseResult(result.case, broken, scores))
    dropped = below_baseline(aggregate(broken_results), load_baseline())
    assert any(line.startswith("document_recall") for line in dropped)
    assert any(line.startswith("citation_recall") for line in dropped), dropped


def _shares_doc(a: CaseResult, b: CaseResult) -> bool:
    docs = {d[:3] for d in b.case.expected_docs} | {c["doc_id"][:3] for c in b.answer["citations"]}
    return any(c["doc_id"][:3] in docs for c in a.answer["citations"])
