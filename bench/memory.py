"""Benchmark 5: peak memory (RSS) of ``rag ask`` and of the UI process after one answer, default model.

* ``rag ask QUESTION``: peak RSS of the process from ``wait4`` (``ru_maxrss``), with the stock pipeline's
  cold-start child (:mod:`bench.coldstart`) as the reference;
* ``rag ui``: started on a free local port, asked one question through its ``/ask`` API (``gradio_client``),
  then its ``VmHWM`` (peak) and ``VmRSS`` are read from ``/proc`` and it is stopped.

RSS counts the pages of the memory-mapped GGUF file that were touched (about the size of the model), which
the kernel can share between processes and drop under pressure.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import time
import urllib.request
from typing import Any

from bench.coldstart import QUESTION, run_child
from bench.common import (
    RAG,
    ROOT,
    child_env,
    median,
    peak_rss_mb,
    ratio,
    rss_mb,
    run_measured,
    section_args,
    seeds_settings,
    write_json,
)

log = logging.getLogger("bench.memory")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure_ui(env: dict[str, str], timeout: float = 300) -> dict[str, Any]:
    """Start ``rag ui``, ask one question, read its memory, stop it."""
    from gradio_client import Client

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(RAG), "ui", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"rag ui exited with {process.returncode}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.perf_counter() - started > timeout:
                raise RuntimeError("rag ui did not start in time")
            time.sleep(0.5)
        ready_s = time.perf_counter() - started
        before = {"rss_mb": rss_mb(process.pid), "peak_rss_mb": peak_rss_mb(process.pid)}
        client = Client(url, verbose=False)
        asked = time.perf_counter()
        answer = client.predict(QUESTION, [], api_name="/ask")
        answer_s = time.perf_counter() - asked
        return {
            "ready_s": ready_s,
            "answer_s": answer_s,
            "answered": bool(answer.get("answer")),
            "before_answer": before,
            "rss_mb": rss_mb(process.pid),
            "peak_rss_mb": peak_rss_mb(process.pid),
        }
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> None:
    args = section_args(__doc__.splitlines()[0])
    settings = seeds_settings()
    env = child_env(RAG_INDEX_DIR=str(settings.index_dir), RAG_SEEDS_DIR=str(settings.seeds_dir))
    repeats = 1 if args.quick else 2
    ask, stock = [], []
    for _ in range(repeats):
        _wall, peak, _out, err, code = run_measured([str(RAG), "ask", QUESTION], env=env)
        if code != 0:
            raise RuntimeError(f"rag ask failed: {err[-1000:]}")
        ask.append(peak)
        stock.append(run_child("stock", env)["peak_rss_mb"])
    ui = measure_ui(env)
    model = settings.model_path or _default_model(settings)
    ask_mb, stock_mb = median(ask), median(stock)
    write_json(
        args.out,
        {
            "rag_ask_peak_rss_mb": ask_mb,
            "stock_peak_rss_mb": stock_mb,
            "ratio_rag_vs_stock": ratio(ask_mb, stock_mb),
            "ui": ui,
            "ratio_ui_vs_rag_ask": ratio(ui["peak_rss_mb"], ask_mb),
            "model_file_mb": os.path.getsize(model) / 2**20,
        },
    )
    log.info("rag ask %.0f MiB, stock %.0f MiB, ui %.0f MiB", ask_mb, stock_mb, ui["peak_rss_mb"])


def _default_model(settings: Any) -> str:
    from rag.model_files import default_model_path

    return str(default_model_path(settings.cache_dir))


if __name__ == "__main__":
    main()
