"""Shared helpers for the benchmarks: the machine, timers, statistics, memory, bench indexes and results files.

Every benchmark section runs in its own process (``python -m bench.<section> --out FILE``) and writes a JSON
file of figures; :mod:`bench.__main__` runs the sections one after another and :mod:`bench.report` turns the
JSON into ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PYTHON = ROOT / ".venv" / "bin" / "python"
RAG = ROOT / ".venv" / "bin" / "rag"
WORK_ENV = "RAG_BENCH_WORK"  # a folder shared by the sections of one run (bench indexes, the corpus)

log = logging.getLogger("bench")


def setup_logging(verbose: bool = False) -> None:
    """Rich logging on stderr; quiet libraries."""
    from rich.logging import RichHandler

    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(message)s",
        datefmt="%H:%M:%S",
        handlers=[RichHandler(show_path=False, rich_tracebacks=True)],
    )
    for noisy in ("httpx", "chromadb", "sentence_transformers", "transformers", "urllib3", "bm25s", "gradio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


def section_args(description: str) -> argparse.Namespace:
    """The command line every section takes: ``--out FILE`` and ``--quick`` (small sizes for a smoke test)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", type=Path, required=True, help="JSON file to write the figures to")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    setup_logging(args.verbose)
    return args


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str), encoding="utf-8")


# ---------------------------------------------------------------------------------------------- statistics


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (0..100), linear between closest ranks."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def ratio(ours: float | None, reference: float | None) -> float | None:
    if ours is None or not reference:
        return None
    return ours / reference


class Laps:
    """Named laps of one clock: ``laps.lap("imports")`` records the seconds since the previous lap.

    ``on_lap(name)`` runs after each lap is recorded (e.g. to note the RSS at that point)."""

    def __init__(self, on_lap: Callable[[str], None] | None = None) -> None:
        self.seconds: dict[str, float] = {}
        self._on_lap = on_lap
        self._clock = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = now - self._clock
        if self._on_lap is not None:
            self._on_lap(name)
        self._clock = now


def time_each(call: Callable[[str], Any], texts: Sequence[str]) -> list[float]:
    """Seconds each ``call(text)`` took, in order."""
    seconds = []
    for text in texts:
        started = time.perf_counter()
        call(text)
        seconds.append(time.perf_counter() - started)
    return seconds


@contextmanager
def timed() -> Iterator[dict[str, float]]:
    """``with timed() as t: ...`` then ``t["s"]`` holds the elapsed wall seconds."""
    box: dict[str, float] = {}
    started = time.perf_counter()
    try:
        yield box
    finally:
        box["s"] = time.perf_counter() - started


# ---------------------------------------------------------------------------------------------- memory


def _status_kb(field: str, pid: int | str = "self") -> int | None:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE)
    return int(match.group(1)) if match else None


def peak_rss_mb(pid: int | str = "self") -> float | None:
    """Peak resident set size (VmHWM) of a process, in MiB."""
    kb = _status_kb("VmHWM", pid)
    return kb / 1024 if kb is not None else None


def rss_mb(pid: int | str = "self") -> float | None:
    kb = _status_kb("VmRSS", pid)
    return kb / 1024 if kb is not None else None


def reset_peak_rss() -> bool:
    """Reset this process's VmHWM to its current RSS (Linux ``clear_refs`` 5); False where unsupported."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def run_measured(
    args: Sequence[str], env: dict[str, str] | None = None, timeout: float = 900
) -> tuple[float, float, str, str, int]:
    """Run a command to completion; return (wall seconds, peak RSS MiB of the child, stdout, stderr, exit code).

    The peak RSS comes from ``wait4``'s rusage of that one child (``ru_maxrss``, in KiB on Linux).
    """
    started = time.perf_counter()
    with (
        tempfile.TemporaryFile("w+") as out,
        tempfile.TemporaryFile("w+") as err,
    ):
        process = subprocess.Popen(list(args), env=env, stdout=out, stderr=err, cwd=ROOT)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.01)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return wall, usage.ru_maxrss / 1024, out.read(), err.read(), process.returncode


# ---------------------------------------------------------------------------------------------- the machine


def load_average() -> tuple[float, float, float]:
    return os.getloadavg()


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kb = _status_kb_meminfo("MemTotal")
    versions = {}
    for name in ("llama_cpp", "llama_index.core", "chromadb", "torch", "sentence_transformers", "bm25s", "gradio"):
        versions[name] = _version(name)
    flags = ""
    try:
        text = Path("/proc/cpuinfo").read_text()
        wanted = ("avx2", "avx512f", "fma", "f16c", "avx_vnni")
        found = set(re.search(r"^flags\s*:(.*)$", text, re.MULTILINE).group(1).split())
        flags = " ".join(f for f in wanted if f in found)
    except (OSError, AttributeError):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "cpu_flags": flags,
        "memory_gib": round(mem_kb / 1024 / 1024, 1) if mem_kb else None,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "versions": versions,
    }


def _status_kb_meminfo(field: str) -> int | None:
    try:
        match = re.search(rf"^{field}:\s+(\d+) kB", Path("/proc/meminfo").read_text(), re.MULTILINE)
    except OSError:
        return None
    return int(match.group(1)) if match else None


def _version(module: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    dist = {
        "llama_cpp": "llama_cpp_python",
        "llama_index.core": "llama-index-core",
        "sentence_transformers": "sentence-transformers",
    }.get(module, module)
    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"


# ---------------------------------------------------------------------------------------------- bench indexes


def work_dir() -> Path:
    """The run's shared folder (``RAG_BENCH_WORK``), or a fresh temporary one."""
    path = os.environ.get(WORK_ENV)
    if path:
        Path(path).mkdir(parents=True, exist_ok=True)
        return Path(path)
    path = tempfile.mkdtemp(prefix="rag-bench-")
    os.environ[WORK_ENV] = path
    return Path(path)


def seeds_settings() -> Any:
    """Settings for an index of the seed articles in the run's work folder, built or brought up to date.

    The dev index (``index/``) is never touched: the bench answers from its own copy, built the same way.
    """
    from rag.config import Settings
    from rag.ingest.build import build_index
    from rag.ingest.corpus import load_corpus

    settings = Settings().with_overrides(seeds_dir=SEEDS, index_dir=work_dir() / "seeds-index")
    report = build_index(settings, load_corpus(SEEDS), progress=False)  # a no-op when up to date
    if report.changed:
        log.info("built the seeds index in %s (%d chunks)", settings.index_dir, report.chunks_total)
    return settings


def child_env(**extra: str) -> dict[str, str]:
    """The environment for child processes: this one, offline, plus ``extra``."""
    env = dict(os.environ)
    env.update(
        {
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "TOKENIZERS_PARALLELISM": "false",
            "GRADIO_ANALYTICS_ENABLED": "False",
            "PYTHONPATH": str(ROOT),
        }
    )
    env.update(extra)
    return env


def python_command(*args: str) -> list[str]:
    return [str(PYTHON if PYTHON.exists() else Path(sys.executable)), *args]
