"""The eval suite under pytest: the whole run happens once per session, each case is then one test."""

from __future__ import annotations

import logging
import time

import pytest

from evals.cases import load_cases
from evals.harness import aggregate, run_suite
from evals.judge import Judge, calibrate, load_pairs
from evals.report import load_baseline, write_reports

log = logging.getLogger("evals")
CASES = load_cases()


@pytest.fixture(scope="session")
def eval_run(model_chain):
    """Every case answered by the real default model and scored, the judge calibrated, reports written."""
    started = time.perf_counter()
    judge = Judge(model_chain)
    done = []

    def progress(result) -> None:
        done.append(result)
        log.warning("eval %d/%d %s: %s", len(done), len(CASES), result.case.id, "ok" if result.passed else "FAIL")

    results = run_suite(model_chain, CASES, judge, on_result=progress)
    calibration = calibrate(judge, load_pairs())
    metrics = aggregate(results)
    metrics["judge_balanced_accuracy"] = calibration.balanced_accuracy
    wall = time.perf_counter() - started
    json_path, html_path = write_reports({"rag": (metrics, results)}, load_baseline(), calibration, wall)
    log.warning("eval wall time %.0f s; reports %s %s", wall, json_path, html_path)
    return {r.case.id: r for r in results}, metrics
