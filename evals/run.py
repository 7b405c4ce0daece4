"""``rag eval``: run the suite with progress, print a table, write the reports, optionally move the baseline."""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from evals.cases import CASES_DIR, load_cases
from evals.harness import GATED, aggregate, below_baseline, run_suite
from evals.judge import Judge, calibrate, load_pairs
from evals.report import load_baseline, write_baseline, write_reports
from rag.config import Settings
from rag.errors import UserError

SYSTEM_NAMES = {"rag": "rag", "baseline": "stock CitationQueryEngine"}


def run_eval(
    settings: Settings,
    systems: str,
    cases_dir: Path | None,
    selection: str | None,
    judge: bool = True,
    update_baseline: bool = False,
) -> None:
    from evals.stock import CitationBaseline
    from rag import service
    from rag.cli import notify

    console = Console(stderr=True)
    cases = [c for c in load_cases(cases_dir or CASES_DIR) if not selection or selection in c.id]
    if not cases:
        raise UserError("no eval cases selected")
    if update_baseline and (systems == "baseline" or selection or not judge):
        raise UserError("--update-baseline needs a full run of the rag system (--system rag or both) with the judge")
    started = time.perf_counter()
    chain = service.open_engine(settings.with_overrides(prompt_cache=False), notify=notify)
    the_judge = Judge(chain) if judge else None
    runs = {}
    chosen = ["rag", "baseline"] if systems == "both" else [systems]
    with Progress(console=console, transient=True) as progress:
        for key in chosen:
            system = chain if key == "rag" else CitationBaseline(chain)
            task = progress.add_task(f"{SYSTEM_NAMES[key]}", total=len(cases))
            results = run_suite(system, cases, the_judge, on_result=lambda _r, t=task: progress.advance(t))
            runs[SYSTEM_NAMES[key]] = (aggregate(results), results)
        calibration = None
        if the_judge is not None:
            pairs = load_pairs()
            task = progress.add_task("judge calibration", total=1)
            calibration = calibrate(the_judge, pairs)
            progress.advance(task)
    wall = time.perf_counter() - started
    baseline = load_baseline()
    json_path, html_path = write_reports(runs, baseline, calibration, wall)

    table = Table(title=f"rag eval: {len(cases)} cases, {wall:.0f} s")
    table.add_column("metric")
    table.add_column("baseline.json", justify="right")
    for name in runs:
        table.add_column(name, justify="right")
    for metric in (*GATED, "unattributed_claims", "latency_median_s", "passed"):
        values = [_fmt(m.get(metric)) for m, _ in runs.values()]
        table.add_row(metric, _fmt(baseline.get(metric)), *values)
    console.print(table)
    if calibration:
        console.print(f"judge balanced accuracy {calibration.balanced_accuracy:.3f} on {calibration.pairs} pairs")
    for name, (metrics, results) in runs.items():
        for result in results:
            if result.scores.failures:
                console.print(f"[red]FAIL[/red] {name} {result.case.id}: {'; '.join(result.scores.failures)}")
        if name == "rag":
            for line in below_baseline(metrics, baseline):
                console.print(f"[red]below baseline[/red] {line}")
    console.print(f"reports: {json_path} {html_path}")
    if update_baseline:
        metrics, results = runs["rag"]
        write_baseline(metrics, [r.case.id for r in results if not r.passed], calibration)
        console.print("baseline updated: evals/baseline.json")


def _fmt(value: object) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if isinstance(value, float) else str(value)
