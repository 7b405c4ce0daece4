"""Benchmark 2: cold start of ``rag ask``, from process start to the answer, against the stock pipeline.

Three kinds of fresh processes, a few repetitions each:

* ``rag ask QUESTION`` itself (the console script), timed from spawn to exit, with its peak RSS;
* an instrumented child (``python -m bench.coldstart --child rag``) that does what ``rag ask`` does, phase by
  phase: interpreter start, ``rag``'s own imports, the index check, the embedder (torch and
  sentence-transformers imports, then the weights), the index (chromadb import, then Chroma, BM25 and the
  vocabulary), the model (llama_cpp import, then the mmap load), retrieval, generation and the guard;
* the same for the stock pipeline (``--child stock``): LlamaIndex's ``CitationQueryEngine`` over the same
  index and model, loaded the way the LlamaIndex documentation does it.

One more ``rag`` child runs under ``python -X importtime`` to find which packages the import time goes to.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.common import (
    RAG,
    Laps,
    child_env,
    median,
    python_command,
    ratio,
    rss_mb,
    run_measured,
    seeds_settings,
    work_dir,
    write_json,
)
from bench.levers import (
    ONNX_FILE,
    export_onnx,
    load_prefix_state,
    onnx_embedder,
    save_prefix_state,
    system_prefix,
)

log = logging.getLogger("bench.coldstart")

QUESTION = "who is Dmitry Usov?"
SPAWNED = "RAG_BENCH_SPAWNED"
KVSTATE = "RAG_BENCH_KVSTATE"
ONNX_MODEL = "RAG_BENCH_ONNX"
RSS_AFTER: dict[str, float] = {}  # MiB resident after each phase of the rag child


# ---------------------------------------------------------------------------------------------- the children


def _child_rag(question: str, levers: bool = False) -> dict[str, float]:
    """Mirror ``rag ask`` (rag.cli.ask) with a clock around every phase.

    With ``levers`` the prototyped core changes are applied: the query is embedded by onnxruntime with the
    exported model (``RAG_BENCH_ONNX``; no torch import), the model loads in a background thread while the
    embedder and the index load, the system prompt's KV cache is loaded from the file named by
    ``RAG_BENCH_KVSTATE``, and the process ends with ``os._exit`` after printing.
    """
    laps = Laps(on_lap=lambda name: RSS_AFTER.__setitem__(name, rss_mb() or 0.0))
    lap, phases = laps.lap, laps.seconds

    import rag.chain
    import rag.cli
    import rag.service
    from rag.chain import AnswerChain, clean_question
    from rag.config import Settings
    from rag.llms import Model, get_backend

    lap("imports (rag, click, llama_index.core)")
    settings = Settings()
    model = Model(settings)
    if levers:
        loader = threading.Thread(target=lambda: model.llm, daemon=True)
        loader.start()
    question = clean_question(question)
    get_backend(settings.llm)
    rag.service.ensure_index(settings)
    lap("index check (chromadb import, open, stale?)")
    onnx = Path(os.environ.get(ONNX_MODEL, "/nonexistent"))
    if levers and onnx.exists():
        import rag.embedding
        import rag.retrieval

        embedder = onnx_embedder(onnx)
        rag.embedding.load_embedder = rag.retrieval.load_embedder = lambda *_a, **_k: embedder
        lap("embedder load (onnxruntime, no torch)")
    else:
        import llama_index.embeddings.huggingface  # torch, transformers, sentence-transformers

        lap("embedder imports (torch, sentence-transformers)")
        from rag.embedding import load_embedder

        load_embedder()
        lap("embedder load (weights)")
    chain = AnswerChain(settings, model=model)
    chain.retriever.warm_up()
    lap("index open (Chroma, nodes, BM25, vocabulary)")
    if levers:
        loader.join()
        _ = chain.llm
        lap("model load (background thread: the wait)")
        load_prefix_state(chain.llm._model, Path(os.environ[KVSTATE]))
        lap("KV state of the system prompt (load)")
    else:
        import llama_index.llms.llama_cpp  # noqa: F401

        lap("model imports (llama_cpp)")
        _ = chain.llm
        lap("model load (mmap)")
    answer = chain.ask(question)
    lap("ask")
    phases.pop("ask")
    timings = answer.timings
    phases["retrieval"] = timings["retrieve_s"]
    phases["generation"] = timings["generate_s"]
    phases["guard"] = timings["total_s"] - timings["retrieve_s"] - timings["generate_s"]
    rag.cli.format_answer(answer)
    return phases


def _child_stock(question: str) -> dict[str, float]:
    """The stock pipeline from a fresh process: CitationQueryEngine over the same Chroma index and model."""
    laps = Laps()
    lap, phases = laps.lap, laps.seconds

    from llama_index.core import VectorStoreIndex
    from llama_index.core.query_engine import CitationQueryEngine

    from rag.config import Settings

    lap("imports (llama_index.core)")
    import chromadb

    from rag.store import current_collection, open_client

    lap("chromadb import")
    import llama_index.embeddings.huggingface

    lap("embedder imports (torch, sentence-transformers)")
    from rag.embedding import load_embedder

    embedder = load_embedder()
    lap("embedder load (weights)")
    from llama_index.vector_stores.chroma import ChromaVectorStore

    settings = Settings()
    collection = current_collection(open_client(settings))
    index = VectorStoreIndex.from_vector_store(ChromaVectorStore(chroma_collection=collection), embed_model=embedder)
    lap("index open (Chroma)")
    import llama_index.llms.llama_cpp  # noqa: F401

    lap("model imports (llama_cpp)")
    from rag.llms import Model

    llm = Model(settings).llm
    lap("model load (mmap)")
    engine = CitationQueryEngine.from_args(index, llm=llm, similarity_top_k=settings.top_k)
    engine.query(question)
    lap("retrieval + generation")
    del chromadb
    return phases


def child_main(kind: str, question: str) -> None:
    """Run one instrumented cold start and print its phases as JSON on stdout."""
    spawned = float(os.environ.get(SPAWNED, time.time()))
    started = time.time()
    logging.basicConfig(level=logging.WARNING)
    if kind == "make-state":
        from rag.config import Settings
        from rag.llms import Model

        tokens = save_prefix_state(Model(Settings()).llm._model, system_prefix(), Path(os.environ[KVSTATE]))
        exported = export_onnx(Path(os.environ[ONNX_MODEL]))
        print(json.dumps({"tokens": tokens, "onnx": exported}))
        return
    phases = {"interpreter start": started - spawned}
    if kind == "stock":
        phases.update(_child_stock(question))
    else:
        phases.update(_child_rag(question, levers=kind == "rag-levers"))
    torch = "torch" in sys.modules
    print(json.dumps({"phases": phases, "rss_after_mb": RSS_AFTER, "torch": torch, "finished": time.time()}))
    sys.stdout.flush()
    if kind == "rag-levers":
        os._exit(0)  # the lever: skip the interpreter's teardown (threads, the model, Chroma)


# ---------------------------------------------------------------------------------------------- the parent


def run_child(kind: str, env: dict[str, str], importtime: bool = False) -> dict[str, Any]:
    spawned = time.time()
    args = python_command(*(["-X", "importtime"] if importtime else []), "-m", "bench.coldstart", "--child", kind)
    wall, peak, out, err, code = run_measured(args, env={**env, SPAWNED: repr(spawned)})
    if code != 0:
        raise RuntimeError(f"cold-start child {kind} failed ({code}): {err[-2000:]}")
    data = json.loads(out.strip().splitlines()[-1])
    phases = data["phases"]
    phases["interpreter exit"] = max(0.0, spawned + wall - data["finished"])
    return {
        "wall_s": wall,
        "peak_rss_mb": peak,
        "phases": phases,
        "rss_after_mb": data.get("rss_after_mb", {}),
        "torch_imported": data.get("torch"),
        "importtime": err if importtime else "",
    }


def parse_importtime(text: str, top: int = 14) -> list[tuple[str, float]]:
    """Import seconds by top-level package from ``-X importtime`` output: the *self* time of every module,
    summed by its root package (so that nothing is counted twice)."""
    totals: dict[str, float] = defaultdict(float)
    for line in text.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|\s*(\S+)", line)
        if match:
            totals[match.group(3).split(".")[0]] += int(match.group(1)) / 1e6
    return sorted(totals.items(), key=lambda item: -item[1])[:top]


def main() -> None:
    from bench.common import section_args

    args = section_args(__doc__.splitlines()[0])
    repeats = 1 if args.quick else 3
    settings = seeds_settings()
    env = child_env(RAG_INDEX_DIR=str(settings.index_dir), RAG_SEEDS_DIR=str(settings.seeds_dir))

    state = work_dir() / "system-prompt.kvstate"
    env[KVSTATE] = str(state)
    env[ONNX_MODEL] = str(work_dir() / ONNX_FILE)
    made = run_measured(python_command("-m", "bench.coldstart", "--child", "make-state"), env=env)
    if made[4] != 0:
        raise RuntimeError(f"could not save the KV state: {made[3][-2000:]}")
    made_state = json.loads(made[2].strip().splitlines()[-1])
    state_tokens, onnx = made_state["tokens"], made_state["onnx"]

    cli_runs, rag_runs, stock_runs, lever_runs = [], [], [], []
    # Warm the page cache (model file, libraries) once, so every measured run starts alike.
    run_measured([str(RAG), "ask", QUESTION], env=env)
    for repeat in range(repeats):
        wall, peak, _out, err, code = run_measured([str(RAG), "ask", QUESTION], env=env)
        if code != 0:
            raise RuntimeError(f"rag ask failed ({code}): {err[-2000:]}")
        cli_runs.append({"wall_s": wall, "peak_rss_mb": peak})
        rag_runs.append(run_child("rag", env))
        stock_runs.append(run_child("stock", env))
        lever_runs.append(run_child("rag-levers", env))
        log.info(
            "repeat %d: rag ask %.1f s, instrumented rag %.1f s, stock %.1f s, rag with levers %.1f s",
            repeat + 1,
            wall,
            rag_runs[-1]["wall_s"],
            stock_runs[-1]["wall_s"],
            lever_runs[-1]["wall_s"],
        )
    traced = run_child("rag", env, importtime=True)

    def phase_medians(runs: list[dict[str, Any]]) -> dict[str, float]:
        names = list(runs[0]["phases"])
        return {name: median([r["phases"][name] for r in runs]) for name in names}

    cli_wall = median([r["wall_s"] for r in cli_runs])
    stock_wall = median([r["wall_s"] for r in stock_runs])
    write_json(
        args.out,
        {
            "question": QUESTION,
            "repeats": repeats,
            "rag_ask_wall_s": cli_wall,
            "rag_ask_runs": cli_runs,
            "rag_ask_peak_rss_mb": median([r["peak_rss_mb"] for r in cli_runs]),
            "rag_child_wall_s": median([r["wall_s"] for r in rag_runs]),
            "rag_phases": phase_medians(rag_runs),
            "rag_rss_after_mb": rag_runs[-1]["rss_after_mb"],
            "stock_wall_s": stock_wall,
            "stock_peak_rss_mb": median([r["peak_rss_mb"] for r in stock_runs]),
            "stock_phases": phase_medians(stock_runs),
            "ratio_vs_stock": ratio(cli_wall, stock_wall),
            "levers_wall_s": median([r["wall_s"] for r in lever_runs]),
            "levers_phases": phase_medians(lever_runs),
            "levers_peak_rss_mb": median([r["peak_rss_mb"] for r in lever_runs]),
            "levers_ratio_vs_rag_child": ratio(
                median([r["wall_s"] for r in lever_runs]), median([r["wall_s"] for r in rag_runs])
            ),
            "kv_state_tokens": state_tokens,
            "levers_onnx": onnx,
            "levers_torch_imported": any(r["torch_imported"] for r in lever_runs),
            "levers_rss_after_mb": lever_runs[-1]["rss_after_mb"],
            "kv_state_mb": state.stat().st_size / 2**20,
            "ratio_vs_goal": ratio(cli_wall, 12.0),
            "importtime_top": parse_importtime(traced["importtime"]),
            "importtime_wall_s": traced["wall_s"],
        },
    )


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        child_main(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else QUESTION)
    else:
        main()
