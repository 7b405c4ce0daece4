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
    chain = service.open_engine(settings, notify=notify)
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


def run_rgb_suite(
    settings: Settings,
    folder: Path | None,
    parts: tuple[str, ...],
    selection: str | None,
    update_baseline: bool,
    sample: int | None = None,
) -> None:
    """``rag eval --suite rgb``: the three RGB parts over their own indexes; table, reports, floor."""
    import tempfile
    from dataclasses import asdict

    from evals import rgb
    from evals.report import load_floor, write_floor, write_suite_report
    from rag.llms import Model

    console = Console(stderr=True)
    items = [i for i in rgb.load_items(folder) if not selection or selection in i.query or selection == str(i.id)]
    if sample:
        items = rgb.spread(items, sample)
    if not items:
        raise UserError("no RGB items selected")
    if update_baseline and (selection or tuple(parts) != rgb.PARTS):
        raise UserError("--update-baseline needs a full run of every RGB part")
    model = Model(settings)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="rag-rgb-") as work, Progress(console=console, transient=True) as bar:
        task = bar.add_task("rgb", total=len(items) * len(parts))
        results = rgb.run_rgb(settings, model, items, Path(work), parts, on_result=lambda _r: bar.advance(task))
    wall = time.perf_counter() - started
    metrics = rgb.aggregate(results)
    floor_name = rgb.floor_name(sample)
    floor = load_floor(floor_name)
    failures = rgb.failure_rows(results)
    json_path, html_path = write_suite_report(
        "rgb", metrics, floor, failures, {"results": [asdict(r) for r in results]}, wall
    )
    table = Table(title=f"rag eval --suite rgb: {len(items)} items x {len(parts)} parts, {wall:.0f} s")
    for column in ("metric", "floor", "this run"):
        table.add_column(column, justify="left" if column == "metric" else "right")
    for name, value in metrics.items():
        table.add_row(name, _fmt(floor.get(name)), _fmt(value))
    console.print(table)
    for case, what, answer in failures:
        console.print(f"[red]FAIL[/red] {case}: {what} | {answer[:200]}")
    for line in rgb.below_floor(metrics, floor):
        console.print(f"[red]below floor[/red] {line}")
    console.print(f"reports: {json_path} {html_path}")
    if update_baseline:
        console.print(f"floor updated: {write_floor(floor_name, metrics)}")
