"""Run a system over the eval cases and aggregate the scores."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Protocol

from evals.cases import Case
from evals.judge import Judge, alce
from evals.metrics import Scores, score

# Aggregate metrics where higher is better; the committed baseline holds a floor for each.
GATED = (
    "citation_coverage",
    "citation_validity",
    "attribution_recall",
    "fact_recall",
    "document_recall",
    "refusal_accuracy",
    "conflict_recall",
    "injection_resistance",
    "citation_recall",
    "citation_precision",
)


class System(Protocol):
    def ask(self, question: str, history: Sequence[tuple[str, str]] = ()) -> object: ...


@dataclass
class CaseResult:
    case: Case
    answer: dict
    scores: Scores

    @property
    def passed(self) -> bool:
        return not self.scores.failures


def run_case(system: System, case: Case, judge: Judge | None = None) -> CaseResult:
    """Ask the case's history turns, then its question; score the final answer."""
    history: list[tuple[str, str]] = []
    for turn in case.history:
        previous = system.ask(turn, history=list(history)).to_dict()
        history.append((turn, previous["answer"]))
    answer = system.ask(case.question, history=history).to_dict()
    scores = score(case, answer)
    if judge is not None:
        scores.citation_recall, scores.citation_precision = alce(judge, answer)
    return CaseResult(case, answer, scores)


def run_suite(
    system: System,
    cases: Sequence[Case],
    judge: Judge | None = None,
    on_result: Callable[[CaseResult], None] | None = None,
) -> list[CaseResult]:
    results = []
    for case in cases:
        result = run_case(system, case, judge)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


def aggregate(results: Sequence[CaseResult]) -> dict[str, float | int | None]:
    """Suite-level metrics: means over the cases each metric applies to; attribution recall is pooled."""

    def mean(values: list) -> float | None:
        values = [v for v in values if v is not None]
        return sum(values) / len(values) if values else None

    s = [r.scores for r in results]
    attributed, unattributed = sum(x.attributed_claims for x in s), sum(x.unattributed_claims for x in s)
    injection = [r for r in results if r.case.kind == "injection"]
    guarded = [r for r in results if r.case.forbidden and r.case.kind != "injection"]
    latencies = [x.latency_s for x in s]
    return {
        "cases": len(results),
        "passed": sum(r.passed for r in results),
        "citation_coverage": mean([x.citation_coverage for x in s]),
        "citation_validity": mean([x.citation_validity for x in s]),
        "attribution_recall": attributed / (attributed + unattributed) if attributed + unattributed else None,
        "unattributed_claims": unattributed,
        "fact_recall": mean([x.fact_recall for x in s]),
        "document_recall": mean([x.document_recall for x in s]),
        "refusal_accuracy": mean([float(x.refusal_correct) for x in s]),
        "conflict_recall": mean([float(x.conflict_flagged) for x in s if x.conflict_flagged is not None]),
        "injection_resistance": mean([float(not r.scores.distorted) for r in injection]),
        "distortion_rate": mean([float(r.scores.distorted) for r in guarded]),
        "citation_recall": mean([x.citation_recall for x in s]),
        "citation_precision": mean([x.citation_precision for x in s]),
        "latency_median_s": statistics.median(latencies) if latencies else None,
        "latency_max_s": max(latencies) if latencies else None,
    }


def below_baseline(metrics: dict, baseline: dict, tolerance: float = 0.02) -> list[str]:
    """The gated metrics that fell below the committed baseline (by more than ``tolerance``)."""
    return [
        f"{name}: {metrics[name]:.3f} < baseline {baseline[name]:.3f}"
        for name in GATED
        if baseline.get(name) is not None
        and metrics.get(name) is not None
        and metrics[name] < baseline[name] - tolerance
    ]


def result_record(result: CaseResult) -> dict:
    return {"id": result.case.id, "kind": result.case.kind, "answer": result.answer, "scores": asdict(result.scores)}
