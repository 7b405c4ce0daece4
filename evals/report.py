"""Reports of an eval run: ``evals/reports/<timestamp>.json`` and a self-contained HTML page with a chart."""

from __future__ import annotations

import html
import json
import time
from dataclasses import asdict
from pathlib import Path

from evals.harness import GATED, CaseResult, result_record
from evals.judge import Calibration

REPORTS_DIR = Path(__file__).parent / "reports"
BASELINE_FILE = Path(__file__).parent / "baseline.json"
_COLOURS = {"rag": "#2563eb", "committed baseline": "#9ca3af", "stock CitationQueryEngine": "#f97316"}


def load_baseline(path: Path = BASELINE_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def write_baseline(
    metrics: dict, failed_cases: list[str], calibration: Calibration | None, path: Path = BASELINE_FILE
) -> None:
    """The floors the suite gates on: this run's metrics, the judge's accuracy, and the cases that fail now."""
    kept: dict = {name: round(metrics[name], 4) for name in GATED if metrics.get(name) is not None}
    if calibration is not None:
        kept["judge_balanced_accuracy"] = round(calibration.balanced_accuracy, 4)
    kept["known_failures"] = sorted(failed_cases)
    path.write_text(json.dumps(kept, indent=2) + "\n", encoding="utf-8")


def write_suite_report(
    suite: str, metrics: dict, floor: dict, failures: list[tuple[str, str, str]], data: dict, wall_time_s: float
) -> tuple[Path, Path]:
    """Write the JSON and HTML reports of one run of another suite (``rgb``, ...); return their paths.

    ``failures`` are (case, what failed, the answer) rows for the HTML page; ``data`` goes into the JSON.
    """
    REPORTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    created = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    record = {"suite": suite, "created": created, "wall_time_s": round(wall_time_s, 1), "metrics": metrics}
    json_path = REPORTS_DIR / f"{suite}-{stamp}.json"
    json_path.write_text(json.dumps({**record, "floor": floor, **data}, indent=2, ensure_ascii=False), "utf-8")
    rows = "".join(
        f"<tr><th>{html.escape(name)}</th><td>{_fmt(floor.get(name))}</td><td>{_fmt(value)}</td></tr>"
        for name, value in metrics.items()
    )
    items = "".join(
        f"<li><b>{html.escape(case)}</b> ({html.escape(what)}):<br>{html.escape(answer)}</li>"
        for case, what, answer in failures
    )
    html_path = REPORTS_DIR / f"{suite}-{stamp}.html"
    html_path.write_text(
        f"""<!doctype html><html><head><meta charset="utf-8"><title>rag eval {suite} {created}</title>
<style>body{{font:14px system-ui,sans-serif;max-width:1000px;margin:2em auto;color:#111}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ddd;padding:4px 8px;text-align:right}}
th:first-child{{text-align:left}}li{{margin:.5em 0}}</style></head><body>
<h1>Eval report: {suite}</h1><p>{created}, wall time {record["wall_time_s"]} s.</p>
<table><tr><th>metric</th><th>floor</th><th>this run</th></tr>{rows}</table>
<h2>Failed cases ({len(failures)})</h2><ul>{items or "<li>none</li>"}</ul></body></html>""",
        encoding="utf-8",
    )
    return json_path, html_path


def load_floor(suite: str) -> dict:
    """The committed floor of a suite (``evals/<suite>_baseline.json``); empty when there is none."""
    return load_baseline(Path(__file__).parent / f"{suite}_baseline.json")


def write_floor(suite: str, metrics: dict) -> Path:
    path = Path(__file__).parent / f"{suite}_baseline.json"
    kept = {k: round(v, 4) if isinstance(v, float) else v for k, v in metrics.items() if v is not None}
    path.write_text(json.dumps(kept, indent=2) + "\n", encoding="utf-8")
    return path


def write_reports(
    systems: dict[str, tuple[dict, list[CaseResult]]],
    baseline: dict,
    calibration: Calibration | None,
    wall_time_s: float,
    folder: Path = REPORTS_DIR,
) -> tuple[Path, Path]:
    """Write the JSON and HTML reports of one run; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    data = {
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "wall_time_s": round(wall_time_s, 1),
        "baseline": baseline,
        "judge_calibration": asdict(calibration) if calibration else None,
        "systems": {
            name: {"metrics": metrics, "cases": [result_record(r) for r in results]}
            for name, (metrics, results) in systems.items()
        },
    }
    json_path = folder / f"{stamp}.json"
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    html_path = folder / f"{stamp}.html"
    html_path.write_text(_html(data), encoding="utf-8")
    return json_path, html_path


def _html(data: dict) -> str:
    series = {name: s["metrics"] for name, s in data["systems"].items()}
    if data["baseline"]:
        series = {"committed baseline": data["baseline"], **series}
    rows = "".join(
        "<tr><th>{}</th>{}</tr>".format(
            name, "".join(f"<td>{_fmt(values.get(name))}</td>" for values in series.values())
        )
        for name in (*GATED, "unattributed_claims", "latency_median_s", "latency_max_s", "passed", "cases")
    )
    head = "".join(f"<th>{html.escape(n)}</th>" for n in series)
    failures = []
    for name, system in data["systems"].items():
        for case in system["cases"]:
            if case["scores"]["failures"]:
                failures.append(
                    f"<li><b>{html.escape(name)} / {html.escape(case['id'])}</b> "
                    f"({html.escape(', '.join(case['scores']['failures']))}):<br>"
                    f"<q>{html.escape(case['answer']['question'])}</q> → {html.escape(case['answer']['answer'])}</li>"
                )
    calibration = data["judge_calibration"]
    judge = (
        f"<p>Judge (default model, yes/no entailment) on {calibration['pairs']} hand-labelled pairs: balanced "
        f"accuracy {calibration['balanced_accuracy']:.2f} (supported {calibration['true_positive_rate']:.2f}, "
        f"unsupported {calibration['true_negative_rate']:.2f}). By trap: "
        + ", ".join(f"{html.escape(k)} {v:.2f}" for k, v in calibration["by_trap"].items())
        + "</p>"
        if calibration
        else "<p>Judge not calibrated in this run.</p>"
    )
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>rag eval {data["created"]}</title>
<style>body{{font:14px system-ui,sans-serif;max-width:1000px;margin:2em auto;color:#111}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ddd;padding:4px 8px;text-align:right}}
th:first-child{{text-align:left}}li{{margin:.5em 0}}</style></head><body>
<h1>Eval report</h1><p>{data["created"]}, wall time {data["wall_time_s"]} s.</p>
{_chart(series)}
<table><tr><th>metric</th>{head}</tr>{rows}</table>
<h2>Judge</h2>{judge}
<h2>Failed cases</h2><ul>{"".join(failures) or "<li>none</li>"}</ul></body></html>"""


def _chart(series: dict[str, dict]) -> str:
    """Grouped horizontal bars, one group per gated metric, one bar per system (inline SVG)."""
    names = list(series)
    bar, gap, label_w, width = 12, 10, 170, 420
    height = len(GATED) * (len(names) * bar + gap) + 30
    parts = [f'<svg width="{label_w + width + 60}" height="{height}" role="img" aria-label="metrics chart">']
    y = 20
    for metric in GATED:
        parts.append(f'<text x="0" y="{y + bar}" font-size="12">{metric}</text>')
        for name in names:
            value = series[name].get(metric)
            w = (value or 0) * width
            colour = _COLOURS.get(name, "#10b981")
            parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar - 2}" fill="{colour}"/>')
            parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + bar - 3}" font-size="10">{_fmt(value)}</text>')
            y += bar
        y += gap
    legend = " ".join(f'<span style="color:{_COLOURS.get(n, "#10b981")}">■</span> {html.escape(n)}' for n in names)
    return "".join(parts) + "</svg><p>" + legend + "</p>"


def _fmt(value: object) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if isinstance(value, float) else str(value)
