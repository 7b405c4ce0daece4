"""Benchmark 4: hybrid retrieval latency (``rag.retrieval.HybridRetriever``) at 1k, 10k and 100k chunks.

The indexes are built with ``rag.ingest.build.build_index`` from the generated corpus (:mod:`bench.corpus`, fixed
seed; smaller corpora are prefixes of larger ones). Embedding 100k chunks on 2 cores would take most of an
hour, so the vectors of the first ``POOL`` chunks are their real embeddings and every later chunk gets one
of those vectors plus Gaussian noise (cosine about 0.9 to it), chosen by a hash of its text; the chunk texts,
metadata, BM25 and Chroma's HNSW index are all real. Latency depends on the sizes, not on which vectors are
near which, but this is said in RESULTS.md.

Each size is measured in a fresh process (``--child INDEX_DIR``) so that opening the index is a cold open:

* the one-time open cost: Chroma open and probe, the nodes read back for BM25, the BM25 index, the vocabulary
  and proper nouns, the vector retriever;
* ~100 queries (the eval questions, then generated ones) after 10 warm-up queries: p50 and p95 of the whole
  ``retrieve`` (query embedding included), and of each part (query embedding, vector search, BM25);
* the reference: LlamaIndex's stock vector retriever (``VectorStoreIndex.as_retriever``, top-k 4) on the
  same collection and queries;
* the lever: BM25 index, vocabulary and proper nouns persisted next to the index and loaded instead of
  rebuilt (a prototype of a change to ``rag.retrieval``), its load time against the build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import (
    Laps,
    child_env,
    median,
    percentile,
    python_command,
    ratio,
    run_measured,
    section_args,
    setup_logging,
    time_each,
    work_dir,
    write_json,
)
from bench.corpus import DEFAULT_SEED, FIRST, LAST, articles_for_chunks, write_corpus
from bench.levers import ONNX_FILE, export_onnx, onnx_embedder

log = logging.getLogger("bench.retrieval")

SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (300, 1_000)
POOL = 1_024
QUERIES = 100
WARM_UP = 10
NOISE = 0.5  # norm of the noise added to a pooled unit vector: cosine about 1 / sqrt(1 + 0.25) = 0.89
TOPICS = (
    "the prisoner exchange",
    "defections to the Russian army",
    "the surrender in Kursk",
    "political asylum in Russia",
    "the combat units of former soldiers",
    "repatriation of prisoners",
)


def queries(count: int = QUERIES + WARM_UP, seed: int = DEFAULT_SEED) -> list[str]:
    """The eval questions (in file order), then questions about generated people and topics."""
    from evals.cases import load_cases

    found = [case.question for case in load_cases()]
    rng = random.Random(seed)
    while len(found) < count:
        found.append(f"What did {rng.choice(FIRST)} {rng.choice(LAST)} say about {rng.choice(TOPICS)}?")
    return found[:count]


class PoolEmbedder:
    """Real embeddings for the pool's texts; a pooled vector plus noise for any other text (deterministic)."""

    def __init__(self, texts: list[str]) -> None:
        import numpy as np

        from rag.embedding import load_embedder

        self.embedder = load_embedder()
        self.pool = np.asarray(self.embedder.get_text_embedding_batch(texts), dtype=np.float32)
        self.known = {text: i for i, text in enumerate(texts)}

    def get_text_embedding_batch(self, texts: list[str], **_: Any) -> list[list[float]]:
        import numpy as np

        vectors = []
        for text in texts:
            if text in self.known:
                vectors.append(self.pool[self.known[text]])
                continue
            digest = int(hashlib.sha1(text.encode()).hexdigest()[:12], 16)
            noise = np.random.default_rng(digest).standard_normal(self.pool.shape[1]).astype(np.float32)
            vector = self.pool[digest % len(self.pool)] + noise * (NOISE / np.sqrt(self.pool.shape[1]))
            vectors.append(vector / np.linalg.norm(vector))
        return [v.tolist() for v in vectors]


def build_sized_index(size: int, corpus: Any, pool: PoolEmbedder) -> tuple[Path, int, float]:
    """An index of about ``size`` chunks (the first articles of ``corpus``); (folder, chunks, build seconds)."""
    import rag.ingest.build
    from rag.config import Settings
    from rag.ingest.corpus import Corpus

    articles = articles_for_chunks(size)
    index_dir = work_dir() / f"retrieval-{size}"
    shutil.rmtree(index_dir, ignore_errors=True)
    settings = Settings().with_overrides(index_dir=index_dir)
    original = rag.ingest.build.load_embedder
    rag.ingest.build.load_embedder = lambda: pool
    try:
        started = time.perf_counter()
        report = rag.ingest.build.build_index(settings, Corpus(articles=corpus.articles[:articles]), progress=True)
        seconds = time.perf_counter() - started
    finally:
        rag.ingest.build.load_embedder = original
    log.info("index of %d chunks (%d articles) built in %.0f s", report.chunks_total, articles, seconds)
    return index_dir, report.chunks_total, seconds


# ---------------------------------------------------------------------------------------------- the child


def child_main(index_dir: Path, out: Path) -> None:
    """Open one index cold, then time retrieval; write the figures to ``out``."""
    setup_logging()
    from llama_index.core import VectorStoreIndex
    from llama_index.core.schema import QueryBundle
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from rag.config import Settings
    from rag.embedding import load_embedder
    from rag.retrieval import HybridRetriever

    embedder = load_embedder()
    embedder.get_query_embedding("warm up")
    settings = Settings().with_overrides(index_dir=index_dir)

    laps = Laps()
    lap, open_s = laps.lap, laps.seconds

    retriever = HybridRetriever.open(settings)
    lap("chroma")
    _ = retriever.nodes
    lap("nodes")
    _ = retriever._bm25
    lap("bm25")
    _ = retriever.vocabulary, retriever.initialisms, retriever.proper_nouns
    lap("vocabulary")
    _ = retriever._vector
    lap("vector")
    chunks = retriever.collection.count()

    texts = queries()
    warm, measured = texts[:WARM_UP], texts[WARM_UP:]
    time_each(retriever.retrieve, warm)
    hybrid = time_each(retriever.retrieve, measured)

    parts: dict[str, list[float]] = {"embed": [], "vector": [], "bm25": []}
    for text in measured:
        started = time.perf_counter()
        vector = embedder.get_query_embedding(text)
        parts["embed"].append(time.perf_counter() - started)
        bundle = QueryBundle(query_str=text, embedding=vector)
        started = time.perf_counter()
        retriever._vector.retrieve(bundle)
        parts["vector"].append(time.perf_counter() - started)
        started = time.perf_counter()
        retriever._bm25.retrieve(bundle)
        parts["bm25"].append(time.perf_counter() - started)

    stock_index = VectorStoreIndex.from_vector_store(
        ChromaVectorStore(chroma_collection=retriever.collection), embed_model=embedder
    )
    stock = stock_index.as_retriever(similarity_top_k=settings.top_k)
    time_each(stock.retrieve, warm)
    stock_s = time_each(stock.retrieve, measured)

    persisted = persisted_lever(retriever, index_dir)

    # Lever: one torch thread for the query embedding (a single short text gains little from two).
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    one_thread = time_each(embedder.get_query_embedding, measured)
    torch.set_num_threads(threads)

    # Lever: the query embedded by onnxruntime (the exported model, one thread) instead of torch.
    onnx_hybrid: list[float] = []
    onnx_path = work_dir() / ONNX_FILE
    if onnx_path.exists():
        retriever.embedder = onnx_embedder(onnx_path)
        time_each(retriever.retrieve, warm)
        onnx_hybrid = time_each(retriever.retrieve, measured)

    def stats(values: list[float]) -> dict[str, float | None]:
        return {"p50_ms": (median(values) or 0) * 1000, "p95_ms": (percentile(values, 95) or 0) * 1000}

    out.write_text(
        json.dumps(
            {
                "chunks": chunks,
                "queries": len(measured),
                "open_s": open_s,
                "open_total_s": sum(open_s.values()),
                "hybrid": stats(hybrid),
                "parts": {name: stats(values) for name, values in parts.items()},
                "stock_vector": stats(stock_s),
                "persisted_lever": persisted,
                "embed_threads": threads,
                "embed_one_thread": stats(one_thread),
                "hybrid_onnx": stats(onnx_hybrid) if onnx_hybrid else None,
            },
            indent=2,
        )
    )


def persisted_lever(retriever: Any, index_dir: Path) -> dict[str, float]:
    """Save the BM25 retriever, vocabulary and proper nouns; time loading them against building them."""
    from collections import Counter

    from llama_index.retrievers.bm25 import BM25Retriever

    folder = index_dir / "bench-bm25"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    started = time.perf_counter()
    retriever._bm25.persist(str(folder))
    (folder / "vocabulary.json").write_text(
        json.dumps(
            {
                "vocabulary": retriever.vocabulary,
                "initialisms": sorted(retriever.initialisms),
                "proper_nouns": sorted(retriever.proper_nouns),
            }
        )
    )
    save_s = time.perf_counter() - started
    started = time.perf_counter()
    BM25Retriever.from_persist_dir(str(folder))
    data = json.loads((folder / "vocabulary.json").read_text())
    Counter(data["vocabulary"]), frozenset(data["proper_nouns"])
    load_s = time.perf_counter() - started
    size_mb = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20
    return {"save_s": save_s, "load_s": load_s, "size_mb": size_mb}


# ---------------------------------------------------------------------------------------------- the parent


def main() -> None:
    args = section_args(__doc__.splitlines()[0])
    from bench.indexing import chunk_texts
    from rag.ingest.corpus import load_corpus

    sizes = QUICK_SIZES if args.quick else SIZES
    articles = articles_for_chunks(max(sizes))
    log.info("generating %d articles", articles)
    folder = write_corpus(work_dir() / f"corpus-{articles}", articles, DEFAULT_SEED)
    corpus = load_corpus(folder)
    pool_size = min(POOL, max(sizes) // 2) if args.quick else POOL
    from rag.ingest.corpus import Corpus

    first_texts = chunk_texts(Corpus(articles=corpus.articles[: articles_for_chunks(pool_size) + 5]))[:pool_size]
    pool = PoolEmbedder(first_texts)
    onnx = export_onnx(work_dir() / ONNX_FILE)

    results = {}
    for size in sizes:
        index_dir, _chunks, build_s = build_sized_index(size, corpus, pool)
        child_out = work_dir() / f"retrieval-{size}.json"
        wall, peak, _out, err, code = run_measured(
            python_command("-m", "bench.retrieval", "--child", str(index_dir), str(child_out)),
            env=child_env(),
            timeout=3600,
        )
        if code != 0:
            raise RuntimeError(f"retrieval child failed ({code}): {err[-2000:]}")
        figures = json.loads(child_out.read_text())
        figures.update({"build_s": build_s, "child_peak_rss_mb": peak, "child_wall_s": wall})
        figures["ratio_hybrid_vs_stock_p95"] = ratio(figures["hybrid"]["p95_ms"], figures["stock_vector"]["p95_ms"])
        figures["ratio_p95_vs_goal"] = ratio(figures["hybrid"]["p95_ms"], 50.0)
        lever = figures["persisted_lever"]
        rebuilt = figures["open_s"]["nodes"] + figures["open_s"]["bm25"] + figures["open_s"]["vocabulary"]
        lever["rebuilt_s"] = rebuilt
        lever["ratio_load_vs_rebuild"] = ratio(lever["load_s"], rebuilt)
        results[str(size)] = figures
        log.info(
            "%d chunks: open %.2f s, hybrid p50 %.1f ms p95 %.1f ms, stock vector p95 %.1f ms",
            figures["chunks"],
            figures["open_total_s"],
            figures["hybrid"]["p50_ms"],
            figures["hybrid"]["p95_ms"],
            figures["stock_vector"]["p95_ms"],
        )
        shutil.rmtree(index_dir, ignore_errors=True)
    write_json(
        args.out,
        {
            "seed": DEFAULT_SEED,
            "pool": pool_size,
            "noise": NOISE,
            "sizes": results,
            "articles_generated": articles,
            "onnx": onnx,
        },
    )


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--child":
        child_main(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main()
