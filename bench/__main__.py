"""``python -m bench``: run every benchmark, each in its own process, and write ``bench/RESULTS.md``.

    .venv/bin/python -m bench                 # everything (about 25 minutes on 2 cores)
    .venv/bin/python -m bench --quick         # small sizes, a smoke test of the scripts (minutes)
    .venv/bin/python -m bench --only latency  # some sections; the others are kept from bench/results.json

Before starting it waits (up to ``--max-wait`` seconds, polling) until the 1-minute load average is below
``--max-load``, because the machine is shared; the load is recorded before and after every section.
Bench indexes and the generated corpus live in a temporary folder, removed at the end (``--keep-work``).

One lever (the query embedded by onnxruntime instead of torch) exports the embedder to ONNX once, which
needs the ``onnx`` package; it is not a dependency of ``rag``, so install it aside and point
``RAG_BENCH_PYLIB`` at it, or that lever is skipped:

    .venv/bin/pip install --target /tmp/rag-bench-pylib onnx
    RAG_BENCH_PYLIB=/tmp/rag-bench-pylib .venv/bin/python -m bench
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import ROOT, WORK_ENV, child_env, load_average, machine, python_command, setup_logging
from bench.report import write_results

log = logging.getLogger("bench")

SECTIONS = ("latency", "coldstart", "indexing", "retrieval", "memory")
RESULTS_JSON = ROOT / "bench" / "results.json"
RESULTS_MD = ROOT / "bench" / "RESULTS.md"


def wait_for_quiet(max_load: float, max_wait: float, poll: float = 120) -> dict[str, Any]:
    """Sleep until the 1-minute load average is below ``max_load`` (or ``max_wait`` has passed)."""
    started = time.monotonic()
    first = load_average()
    while load_average()[0] >= max_load and time.monotonic() - started < max_wait:
        log.info(
            "load average %.2f >= %.2f: waiting (%.0f s so far)",
            load_average()[0],
            max_load,
            time.monotonic() - started,
        )
        time.sleep(poll)
    now = load_average()
    if now[0] >= max_load:
        log.warning("load average still %.2f after %.0f s: running anyway", now[0], max_wait)
    return {"load_at_call": first, "waited_s": time.monotonic() - started, "load_at_start": now}


def run_section(name: str, work: Path, quick: bool) -> dict[str, Any]:
    out = work / f"{name}.json"
    load_before = load_average()
    started = time.perf_counter()
    args = python_command("-m", f"bench.{name}", "--out", str(out), *(["--quick"] if quick else []))
    log.info("[bold]%s[/bold] ...", name, extra={"markup": True})
    code = subprocess.call(args, cwd=ROOT, env=child_env(**{WORK_ENV: str(work)}))
    wall = time.perf_counter() - started
    if code != 0 or not out.exists():
        log.error("%s failed (exit %d)", name, code)
        return {
            "error": f"exit status {code}",
            "wall_s": wall,
            "load_before": load_before,
            "load_after": load_average(),
        }
    data = json.loads(out.read_text())
    data.update(
        {
            "wall_s": wall,
            "load_before": load_before,
            "load_after": load_average(),
            "measured_at": time.strftime("%Y-%m-%d %H:%M"),
        }
    )
    log.info("%s done in %.0f s (load %.2f -> %.2f)", name, wall, load_before[0], data["load_after"][0])
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description="Run the benchmarks and write bench/RESULTS.md.")
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke test of the scripts")
    parser.add_argument("--only", help=f"comma-separated sections ({', '.join(SECTIONS)})")
    parser.add_argument("--max-load", type=float, default=1.5, help="wait until the 1-minute load is below this")
    parser.add_argument("--max-wait", type=float, default=2400, help="seconds to wait for a quiet machine")
    parser.add_argument("--no-wait", action="store_true", help="do not wait for a quiet machine")
    parser.add_argument("--keep-work", action="store_true", help="keep the temporary bench indexes and corpus")
    parser.add_argument("--results", type=Path, default=RESULTS_MD, help="where to write the Markdown")
    args = parser.parse_args()
    setup_logging()

    chosen = [s.strip() for s in args.only.split(",")] if args.only else list(SECTIONS)
    unknown = set(chosen) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    results: dict[str, Any] = {}
    if args.only and RESULTS_JSON.exists() and not args.quick:
        results = json.loads(RESULTS_JSON.read_text())
    quiet = (
        {"waited_s": 0.0, "load_at_start": load_average()}
        if args.no_wait
        else wait_for_quiet(args.max_load, args.max_wait)
    )
    work = Path(tempfile.mkdtemp(prefix="rag-bench-"))
    os.environ[WORK_ENV] = str(work)
    results["machine"] = machine()
    results["run"] = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "quick": args.quick,
        "sections": chosen,
        **quiet,
    }
    started = time.perf_counter()
    try:
        for name in chosen:
            results[name] = run_section(name, work, args.quick)
    finally:
        if args.keep_work:
            log.info("bench work folder kept: %s", work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    results["run"]["wall_s"] = time.perf_counter() - started
    results["run"]["load_at_end"] = load_average()
    target_json = RESULTS_JSON if args.results == RESULTS_MD else args.results.with_suffix(".json")
    target_json.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    write_results(results, args.results)
    log.info("wrote %s and %s", args.results, target_json)


if __name__ == "__main__":
    main()
