"""The persisted index: article chunks and their embeddings in Chroma.

Each build writes a new *generation* (a Chroma collection ``chunks_gN``) and then flips one pointer, the
``current`` key of the ``rag_manifest`` collection. A build that crashes or is interrupted before the flip
leaves the previous generation current and answering; its half-written collection is dropped by the next
build. Unchanged articles are copied with their stored embeddings, so a re-index embeds only what changed,
and a re-index with nothing changed writes nothing at all.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import importlib.util
import logging
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

from rag.chunking import chunk_article
from rag.config import Settings
from rag.corpus import Corpus, SkippedFile
from rag.embedding import EMBED_MODEL_NAME, load_embedder
from rag.errors import UserError

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection
    from llama_index.core.schema import TextNode

log = logging.getLogger(__name__)

MANIFEST = "rag_manifest"
# Modules whose code shapes what is stored: a change to any of them makes older indexes stale.
_PIPELINE_MODULES = ("rag.sentences", "rag.corpus", "rag.attribution", "rag.chunking")
PREFIX = "chunks_g"
_PAGE = 5000
_IGNORED_FILES = {"README.md", ".gitkeep", ".lock"}


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

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def open_client(settings: Settings) -> ClientAPI:
    """A Chroma client on the index folder; a clear error where the folder holds something else."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    path = Path(settings.index_dir)
    if path.exists() and not path.is_dir():
        raise UserError(f"the index path {path} is a file, not a folder")
    foreign = [p.name for p in path.iterdir() if p.name not in _IGNORED_FILES] if path.is_dir() else []
    if foreign and not (path / "chroma.sqlite3").is_file():
        raise UserError(
            f"{path} does not hold a rag index (found {', '.join(sorted(foreign)[:3])}): "
            "point RAG_INDEX_DIR/--index at another folder, or move these files away"
        )
    path.mkdir(parents=True, exist_ok=True)
    try:
        return chromadb.PersistentClient(
            path=str(path), settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        )
    except Exception as error:  # chromadb raises many types for a damaged database
        raise UserError(f"the index in {path} cannot be opened ({error}): run `rag index --rebuild`") from error


def current_collection(client: ClientAPI) -> Collection | None:
    """The collection of the current generation, or None when nothing has been built."""
    try:
        manifest = client.get_collection(MANIFEST)
    except Exception:
        return None
    name = (manifest.metadata or {}).get("current")
    if not name:
        return None
    return client.get_collection(name, embedding_function=None)


def manifest_info(client: ClientAPI) -> dict[str, Any]:
    try:
        return dict(client.get_collection(MANIFEST).metadata or {})
    except Exception:
        return {}


@functools.cache
def pipeline_version() -> str:
    """A hash of the code that turns articles into stored chunks."""
    digest = hashlib.sha256()
    for name in _PIPELINE_MODULES:
        spec = importlib.util.find_spec(name)
        digest.update(Path(spec.origin).read_bytes() if spec and spec.origin else name.encode())
    return digest.hexdigest()[:16]


def is_stale(client: ClientAPI) -> bool:
    """Was the current generation built by other chunking or attribution code than this?"""
    info = manifest_info(client)
    return bool(info.get("current")) and info.get("pipeline") != pipeline_version()


def read_records(collection: Collection, include: list[str], where: dict | None = None) -> Iterator[dict]:
    """Page through a collection's records, yielding dicts of id and the included fields."""
    offset = 0
    while True:
        page = collection.get(include=include, where=where, limit=_PAGE, offset=offset)
        ids = page["ids"]
        for i, record_id in enumerate(ids):
            yield {"id": record_id, **{key: page[key][i] for key in include}}
        if len(ids) < _PAGE:
            return
        offset += _PAGE


def build_index(settings: Settings, corpus: Corpus, rebuild: bool = False, progress: bool = True) -> IndexReport:
    """Bring the index up to date with ``corpus``; see the module docstring for the guarantees."""
    if not corpus.articles:
        raise UserError(
            f"no usable articles in {settings.seeds_dir}"
            + (f" ({len(corpus.skipped)} skipped: {corpus.skipped[0]})" if corpus.skipped else "")
        )
    report = IndexReport(skipped=list(corpus.skipped))
    with _build_lock(Path(settings.index_dir)):
        client = open_client(settings)
        manifest = client.get_or_create_collection(MANIFEST, embedding_function=None)
        info = dict(manifest.metadata or {})
        old = current_collection(client)
        _drop_abandoned(client, keep={info.get("current"), info.get("previous")})
        if info.get("embed_model") not in (None, EMBED_MODEL_NAME) or info.get("pipeline") not in (
            None,
            pipeline_version(),
        ):
            rebuild = True

        stored: dict[str, str] = {}
        if old is not None and not rebuild:
            for record in read_records(old, ["metadatas"]):
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

        number = int(info.get("generation", 0)) + 1
        new = client.create_collection(f"{PREFIX}{number}", metadata={"hnsw:space": "cosine"}, embedding_function=None)
        if old is not None and report.unchanged:
            _copy_articles(old, new, report.unchanged)
        nodes = [node for doc_id in report.added + report.updated for node in chunk_article(current[doc_id])]
        _embed_and_add(new, nodes, progress)
        report.chunks_embedded = len(nodes)
        report.chunks_total = new.count()
        manifest.modify(
            metadata={
                "current": new.name,
                "previous": old.name if old is not None else "",
                "generation": number,
                "embed_model": EMBED_MODEL_NAME,
                "pipeline": pipeline_version(),
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "articles": len(current),
            }
        )
        report.generation = new.name
        _drop_abandoned(client, keep={new.name, old.name if old is not None else None})
    return report


def move_aside(index_dir: Path) -> Path | None:
    """Move a damaged index out of the way (never deleted) so that ``--rebuild`` can start afresh."""
    index_dir = Path(index_dir)
    contents = [p for p in index_dir.iterdir() if p.name not in _IGNORED_FILES] if index_dir.is_dir() else []
    if not contents:
        return None
    aside = index_dir.with_name(f"{index_dir.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    aside.mkdir()
    for item in contents:
        shutil.move(str(item), aside / item.name)
    return aside


def _copy_articles(old: Collection, new: Collection, doc_ids: list[str]) -> None:
    batch: dict[str, list] = {"ids": [], "embeddings": [], "documents": [], "metadatas": []}
    for record in read_records(old, ["embeddings", "documents", "metadatas"], where={"doc_id": {"$in": doc_ids}}):
        for key, values in batch.items():
            values.append(record["id"] if key == "ids" else record[key])
        if len(batch["ids"]) >= _PAGE:
            new.add(**batch)
            batch = {key: [] for key in batch}
    if batch["ids"]:
        new.add(**batch)


def _embed_and_add(collection: Collection, nodes: list[TextNode], progress: bool, batch_size: int = 256) -> None:
    if not nodes:
        return
    from llama_index.core.schema import MetadataMode
    from llama_index.vector_stores.chroma import ChromaVectorStore

    embedder = load_embedder()
    store = ChromaVectorStore(chroma_collection=collection)
    with tqdm(total=len(nodes), unit="chunk", desc="Embedding", disable=not progress) as bar:
        for start in range(0, len(nodes), batch_size):
            batch = nodes[start : start + batch_size]
            texts = [node.get_content(metadata_mode=MetadataMode.EMBED) for node in batch]
            for node, vector in zip(batch, embedder.get_text_embedding_batch(texts), strict=True):
                node.embedding = vector
            store.add(batch)
            bar.update(len(batch))


def _drop_abandoned(client: ClientAPI, keep: set[str | None]) -> None:
    for collection in client.list_collections():
        name = collection if isinstance(collection, str) else collection.name
        if name.startswith(PREFIX) and name not in keep:
            log.info("dropping old or half-built generation %s", name)
            client.delete_collection(name)


@contextlib.contextmanager
def _build_lock(index_dir: Path) -> Iterator[None]:
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / ".lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise UserError(f"another `rag index` is already building {index_dir}") from error
        yield
