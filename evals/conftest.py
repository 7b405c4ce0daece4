"""The eval suite under pytest: the whole run happens once per session, each case is then one test.

The LLM judge (ALCE citation recall and precision, and its calibration) is left to ``rag eval``: it doubles
the run's time, and its verdicts are too noisy to gate on (balanced accuracy about 0.75). Here the suite gates
the deterministic metrics; ``evals/test_red.py`` still checks that the judge rejects wrong citations.
"""

from __future__ import annotations

import logging
import time

import pytest

from evals.cases import load_cases
from evals.harness import aggregate, run_suite
from evals.report import load_baseline, write_reports

log = logging.getLogger("evals")
CASES = load_cases()


@pytest.fixture(scope="session")
def eval_run(model_chain):
    """Every case answered by the real default model and scored, reports written."""
    started = time.perf_counter()
    done = []

    def progress(result) -> None:
        done.append(result)
        log.warning("eval %d/%d %s: %s", len(done), len(CASES), result.case.id, "ok" if result.passed else "FAIL")

    results = run_suite(model_chain, CASES, on_result=progress)
    metrics = aggregate(results)
    wall = time.perf_counter() - started
    json_path, html_path = write_reports({"rag": (metrics, results)}, load_baseline(), None, wall)
    log.warning("eval wall time %.0f s; reports %s %s", wall, json_path, html_path)
    return {r.case.id: r for r in results}, metrics
