"""The index build: bring the stored chunks in line with a corpus, embedding only what changed.

Articles whose sha256 is unchanged keep their stored chunks and vectors (copied into the new generation);
new and changed articles are chunked and embedded; a build with nothing changed writes nothing at all. The
generation mechanics (a new collection, the pointer flip, the lock) are :mod:`rag.store`'s.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tqdm import tqdm

from rag import lexicons, store
from rag.config import Settings
from rag.embedding import EMBED_MODEL_NAME, load_embedder
from rag.errors import UserError, first_line
from rag.ingest.article import Article, Corpus, SkippedFile
from rag.ingest.chunking import chunk_article

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection
    from llama_index.core.schema import TextNode

log = logging.getLogger(__name__)

# Modules whose code shapes what is stored: a change to any of them makes older indexes stale.
PIPELINE_MODULES = (
    "rag.sentences",
    "rag.ingest.readers.base",
    "rag.ingest.readers.metadata",
    "rag.ingest.readers.text",
    "rag.ingest.readers.webpage",
    "rag.ingest.readers.pdf",
    "rag.ingest.readers.records",
    "rag.nlp",
    "rag.lexical",
    "rag.attribution",
    "rag.attribution.lexicon",
    "rag.attribution.parse",
    "rag.attribution.patterns",
    "rag.ingest.chunking",
)
EMBED_BATCH = 256  # chunks handed to the embedder and the store at a time


@dataclass
class IndexReport:
    """What a build did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    chunks_embedded: int = 0
    chunks_total: int = 0
    generation: str | None = None
    moved_aside: Path | None = None  # where a damaged index was moved before a rebuild

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


@functools.cache
def pipeline_version() -> str:
    """A hash of the code and word lists that turn articles into stored chunks."""
    digest = hashlib.sha256()
    for name in PIPELINE_MODULES:
        spec = importlib.util.find_spec(name)
        digest.update(Path(spec.origin).read_bytes() if spec and spec.origin else name.encode())
    for path in sorted([*lexicons.HERE.glob("*.txt"), *lexicons.HERE.glob("*.tsv")]):  # the word lists they read
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def is_stale(client: ClientAPI) -> bool:
    """Was the current generation built by other chunking or attribution code than this?"""
    info = store.manifest_info(client)
    return bool(info.get("current")) and info.get("pipeline") != pipeline_version()


def build_index(settings: Settings, corpus: Corpus, rebuild: bool = False, progress: bool = True) -> IndexReport:
    """Bring the index up to date with ``corpus``; see :mod:`rag.store` for the guarantees."""
    if not corpus.articles:
        raise UserError(
            f"no usable articles in {settings.seeds_dir}"
            + (f" ({len(corpus.skipped)} skipped: {corpus.skipped[0]})" if corpus.skipped else "")
        )
    report = IndexReport(skipped=list(corpus.skipped))
    client = store.open_client(settings)  # first: it refuses a folder holding something else, before the lock
    with store.build_lock(settings):
        info, old = store.begin_build(client, settings, rebuild)
        if info.get("embed_model") not in (None, EMBED_MODEL_NAME) or info.get("pipeline") not in (
            None,
            pipeline_version(),
        ):
            rebuild = True

        stored: dict[str, str] = {}
        if old is not None and not rebuild:
            for record in store.read_records(old, ["metadatas"]):
                meta = record["metadatas"] or {}
                stored[meta.get("doc_id", "")] = meta.get("article_sha256", "")
        current = {a.doc_id: a for a in corpus.articles}
        for doc_id, article in current.items():
            if doc_id not in stored:
                report.added.append(doc_id)
            elif stored[doc_id] != article.sha256:
                report.updated.append(doc_id)
            else:
                report.unchanged.append(doc_id)
        report.removed = sorted(set(stored) - set(current))
        if old is not None and not rebuild and not report.changed:
            report.generation = old.name
            report.chunks_total = old.count()
            return report

        with store.new_generation(client, settings, info) as new:
            if old is not None and report.unchanged:
                store.copy_records(old, new, report.unchanged, client)
            nodes = _chunk(current, report)
            embed_and_add(new, nodes, progress)
            report.chunks_embedded = len(nodes)
            report.chunks_total = new.count()
            facts = {
                "embed_model": EMBED_MODEL_NAME,
                "pipeline": pipeline_version(),
                "articles": _article_count(report),
            }
            store.flip(client, info, new.name, old, facts)
        report.generation = new.name
        try:
            store.drop_abandoned(client, keep={new.name, old.name if old is not None else None})
        except Exception as error:  # the new generation is in place; leftovers go at the next build
            log.warning("could not drop old generations: %s", first_line(error))
    return report


def _article_count(report: IndexReport) -> int:
    return len(report.added) + len(report.updated) + len(report.unchanged)


def _chunk(articles: dict[str, Article], report: IndexReport) -> list[TextNode]:
    """The chunks of the added and updated articles; an article that fails is skipped by name, not the build."""
    nodes: list[TextNode] = []
    for changed in (report.added, report.updated):
        for doc_id in list(changed):
            article = articles[doc_id]
            try:
                nodes.extend(chunk_article(article))
            except Exception as error:  # one odd article must not stop a whole collection from being indexed
                reason = f"could not be chunked ({type(error).__name__}: {first_line(error)})"
                log.warning("skipped %s: %s", article.path, reason)
                report.skipped.append(SkippedFile(article.path, reason))
                changed.remove(doc_id)
    return nodes


def embed_and_add(collection: Collection, nodes: list[TextNode], progress: bool, batch_size: int = EMBED_BATCH) -> None:
    """Embed ``nodes`` and add them to ``collection``, with a progress bar."""
    if not nodes:
        return
    from llama_index.core.schema import MetadataMode
    from llama_index.vector_stores.chroma import ChromaVectorStore

    embedder = load_embedder()
    vector_store = ChromaVectorStore(chroma_collection=collection)
    content = {node.node_id: node.get_content(metadata_mode=MetadataMode.EMBED) for node in nodes}
    # Longest first, so that each of the embedder's batches holds texts of about one length (little padding),
    # as SentenceTransformer.encode sorts a whole call; the oversized texts come first, not last.
    nodes = sorted(nodes, key=lambda node: -len(content[node.node_id]))
    with tqdm(total=len(nodes), unit="chunk", desc="Embedding", disable=not progress) as bar:
        for start in range(0, len(nodes), batch_size):
            batch = nodes[start : start + batch_size]
            texts = [content[node.node_id] for node in batch]
            for node, vector in zip(batch, embedder.get_text_embedding_batch(texts), strict=True):
                node.embedding = vector
            vector_store.add(batch)
            bar.update(len(batch))
