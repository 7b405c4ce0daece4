"""Each eval case is a test; the aggregate metrics must not fall below the committed baseline.

A hard failure (missing or invalid citation, unattributed contested claim, answering an unanswerable
question, following an injection) fails its case. Cases listed under ``known_failures`` in
``evals/baseline.json`` are reported as expected failures, so the suite gates regressions while the
report keeps every failure visible; only ``rag eval --update-baseline`` moves that list.
"""

from __future__ import annotations

import pytest

from evals.conftest import CASES
from evals.harness import below_baseline
from evals.report import load_baseline

pytestmark = pytest.mark.model
BASELINE = load_baseline()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(eval_run, case) -> None:
    results, _ = eval_run
    result = results[case.id]
    if result.passed:
        return
    message = f"{'; '.join(result.scores.failures)} | answer: {result.answer['answer']}"
    if case.id in BASELINE.get("known_failures", []):
        pytest.xfail(f"known failure: {message}")
    pytest.fail(message)


def test_metrics_not_below_baseline(eval_run) -> None:
    _, metrics = eval_run
    assert not below_baseline(metrics, BASELINE), below_baseline(metrics, BASELINE)


def test_every_answer_is_cited_with_valid_ids(eval_run) -> None:
    _, metrics = eval_run
    assert metrics["citation_coverage"] == 1.0
    assert metrics["citation_validity"] == 1.0
