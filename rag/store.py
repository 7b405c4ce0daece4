"""The persisted index: article chunks and their embeddings in Chroma.

Each build writes a new *generation* (a Chroma collection ``chunks_gN``) and then flips one pointer, the
``current`` key of the ``rag_manifest`` collection. A build that crashes or is interrupted before the flip
leaves the previous generation current and answering; its half-written collection is dropped by the next
build. A build that fails while writing (a full disk, a lost server) drops its half-written generation itself
and raises a one-line :class:`UserError`. Unchanged articles are copied with their stored embeddings, so a
re-index embeds only what changed, and a re-index with nothing changed writes nothing at all.

A reader holds the generation it opened; a build keeps the generation before it (``previous``), so readers
that opened it keep answering from it while the new one takes over.

The index lives in an embedded Chroma store in ``RAG_INDEX_DIR`` or, with ``RAG_CHROMA_URL``, in a Chroma
server reached through chromadb's ``HttpClient``: generations and the pointer work the same way over HTTP.
Builders are serialised by a local file lock (in the index folder, or in the cache folder for a server), so
builders on different machines writing to one server need coordinating outside ``rag``; as a last check, a
build that finds the pointer moved while it ran refuses to flip it.
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
from urllib.parse import SplitResult, urlsplit

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
_SERVER_TIMEOUT_S = 60.0
_LOW_SPACE_BYTES = 4 << 20
# Exceptions that mean "could not reach or talk to the server", by class name (httpx, chromadb, the OS).
_CONNECTION_ERRORS = frozenset(
    "ConnectError ConnectTimeout ReadTimeout WriteTimeout PoolTimeout RemoteProtocolError ReadError WriteError "
    "ConnectionError ConnectionRefusedError ConnectionResetError".split()
)


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


def describe_location(settings: Settings) -> str:
    """Where the index lives, for messages: the folder, or the server (without any credentials in its URL)."""
    if not settings.chroma_url:
        return str(settings.index_dir)
    parts = urlsplit(settings.chroma_url)
    port = _port(parts)
    return f"the Chroma server at {parts.scheme}://{parts.hostname}" + (f":{port}" if port else "")


def open_client(settings: Settings) -> ClientAPI:
    """A Chroma client on the index: the server of ``RAG_CHROMA_URL``, or the index folder.

    Raises UserError for a server that cannot be reached and for a folder that holds something else.
    """
    if settings.chroma_url:
        return _http_client(settings)
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
        _forget_system(str(path))
        raise UserError(
            f"the index in {path} cannot be opened ({_first_line(error)}): run `rag index --rebuild`"
        ) from error


def _forget_system(identifier: str) -> None:
    """Drop chromadb's cached (broken) system for a folder, so that a later open in this process starts afresh
    (``rag index --rebuild`` reopens the folder after moving the damaged index aside)."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient._identifier_to_system.pop(identifier, None)
    SharedSystemClient._identifier_to_refcount.pop(identifier, None)


def _http_client(settings: Settings) -> ClientAPI:
    """An ``HttpClient`` on ``settings.chroma_url``, checked with a heartbeat; telemetry off."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    parts = urlsplit(settings.chroma_url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname or _port(parts) == -1:
        raise UserError("RAG_CHROMA_URL must look like http://HOST:PORT (the address of `chroma run`)")
    where = describe_location(settings)
    try:
        client = chromadb.HttpClient(
            host=parts.hostname,
            port=_port(parts) or (443 if parts.scheme == "https" else 8000),
            ssl=parts.scheme == "https",
            settings=ChromaSettings(anonymized_telemetry=False),
        )
        _bound_timeout(client)
        client.heartbeat()
    except Exception as error:
        raise UserError(f"cannot reach {where} ({_first_line(error)}): start it or fix RAG_CHROMA_URL") from error
    return client


def _port(parts: SplitResult) -> int | None:
    """The URL's port, None when it has none, -1 when it is not a valid port."""
    try:
        return parts.port
    except ValueError:
        return -1


def _bound_timeout(client: ClientAPI) -> None:
    """chromadb's HTTP session waits forever by default; give up on an unresponsive server instead."""
    session = getattr(getattr(client, "_server", None), "_session", None)
    if session is not None:
        import httpx

        session.timeout = httpx.Timeout(_SERVER_TIMEOUT_S, connect=5.0)


def current_collection(client: ClientAPI) -> Collection | None:
    """The collection of the current generation, or None when nothing has been built.

    Raises UserError when the manifest names a generation that is missing or cannot be read (a damaged
    index), so that callers never mistake a damaged index for an empty one.
    """
    from chromadb.errors import NotFoundError

    try:
        manifest = client.get_collection(MANIFEST)
    except NotFoundError:
        return None
    except Exception as error:
        raise _as_user_error(error, "read") from error
    name = (manifest.metadata or {}).get("current")
    if not name:
        return None
    try:
        collection = client.get_collection(name, embedding_function=None)
        _probe(collection)
    except Exception as error:
        if _is_connection_error(error):
            raise _as_user_error(error, "read") from error
        raise UserError(
            f"the index cannot be opened (its generation {name}: {_first_line(error)}): run `rag index --rebuild`"
        ) from error
    return collection


def _probe(collection: Collection) -> None:
    """Read one stored vector and search with it, so that a damaged generation fails here, not mid-answer."""
    page = collection.get(limit=1, include=["embeddings"])
    if page["ids"]:
        collection.query(query_embeddings=[list(page["embeddings"][0])], n_results=1, include=[])


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
    client = open_client(settings)  # first: it refuses a folder holding something else, before the lock is made
    with _build_lock(settings):
        try:
            manifest = client.get_or_create_collection(MANIFEST, embedding_function=None)
            info = dict(manifest.metadata or {})
            old = _old_generation(client, rebuild)
            _drop_abandoned(client, keep={info.get("current"), info.get("previous")})
        except UserError:
            raise
        except Exception as error:
            raise _as_user_error(error, "write", settings) from error
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
        name = f"{PREFIX}{number}"
        try:
            new = client.create_collection(name, metadata={"hnsw:space": "cosine"}, embedding_function=None)
        except Exception as error:
            raise _as_user_error(error, "write", settings) from error
        try:
            if old is not None and report.unchanged:
                _copy_articles(old, new, report.unchanged, _batch_size(client))
            nodes = [node for doc_id in report.added + report.updated for node in chunk_article(current[doc_id])]
            _embed_and_add(new, nodes, progress)
            report.chunks_embedded = len(nodes)
            report.chunks_total = new.count()
            _flip(client, info, new.name, old, len(current))
        except BaseException as error:
            _discard(client, name)
            if isinstance(error, UserError) or not isinstance(error, Exception):
                raise
            if not _is_write_error(error):
                raise
            raise _as_user_error(error, "write", settings) from error
        report.generation = new.name
        try:
            _drop_abandoned(client, keep={new.name, old.name if old is not None else None})
        except Exception as error:  # the new generation is in place; leftovers go at the next build
            log.warning("could not drop old generations: %s", _first_line(error))
    return report


def _old_generation(client: ClientAPI, rebuild: bool) -> Collection | None:
    """The current generation; with ``rebuild`` a damaged one is passed over rather than an error."""
    try:
        return current_collection(client)
    except UserError as error:
        if not rebuild or "cannot be opened" not in str(error):
            raise
        log.warning("rebuilding over a damaged generation: %s", error)
        return None


def _flip(client: ClientAPI, info: dict[str, Any], name: str, old: Collection | None, articles: int) -> None:
    """Point the manifest at the new generation, unless another builder moved the pointer meanwhile."""
    manifest = client.get_collection(MANIFEST)
    latest = dict(manifest.metadata or {})
    if latest.get("current") != info.get("current") or latest.get("generation") != info.get("generation"):
        raise UserError(
            f"another build replaced the index while this one ran (now {latest.get('current')}): run `rag index` again"
        )
    manifest.modify(
        metadata={
            "current": name,
            "previous": old.name if old is not None else "",
            "generation": int(name.removeprefix(PREFIX)),
            "embed_model": EMBED_MODEL_NAME,
            "pipeline": pipeline_version(),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "articles": articles,
        }
    )


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


def _batch_size(client: ClientAPI) -> int:
    try:
        return max(1, min(_PAGE, client.get_max_batch_size()))
    except Exception:
        return 1000


def _copy_articles(old: Collection, new: Collection, doc_ids: list[str], batch_size: int = _PAGE) -> None:
    batch: dict[str, list] = {"ids": [], "embeddings": [], "documents": [], "metadatas": []}
    for record in read_records(old, ["embeddings", "documents", "metadatas"], where={"doc_id": {"$in": doc_ids}}):
        for key, values in batch.items():
            values.append(record["id"] if key == "ids" else record[key])
        if len(batch["ids"]) >= batch_size:
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
            store.add(batch)
            bar.update(len(batch))


def _drop_abandoned(client: ClientAPI, keep: set[str | None]) -> None:
    for collection in client.list_collections():
        name = collection if isinstance(collection, str) else collection.name
        if name.startswith(PREFIX) and name not in keep:
            log.info("dropping old or half-built generation %s", name)
            client.delete_collection(name)


def _discard(client: ClientAPI, name: str) -> None:
    """Best effort: drop a half-built generation now (else the next build drops it)."""
    try:
        client.delete_collection(name)
        log.info("dropped the half-built generation %s", name)
    except BaseException as error:  # a full disk or a dead server may refuse this too
        log.info("could not drop the half-built generation %s (%s)", name, _first_line(error))


def _lock_path(settings: Settings) -> Path:
    """The local lock file serialising builders of one index: in its folder, or per server in the cache."""
    if settings.chroma_url:
        key = hashlib.sha256(settings.chroma_url.encode()).hexdigest()[:16]
        return Path(settings.cache_dir) / "locks" / f"chroma-{key}.lock"
    return Path(settings.index_dir) / ".lock"


@contextlib.contextmanager
def _build_lock(settings: Settings) -> Iterator[None]:
    path = _lock_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise UserError(f"another `rag index` is already building {describe_location(settings)}") from error
        yield


def _is_connection_error(error: BaseException) -> bool:
    return bool({cls.__name__ for cls in type(error).__mro__} & _CONNECTION_ERRORS)


def _is_write_error(error: BaseException) -> bool:
    """Errors of the storage rather than of the code: the OS, the database, the server."""
    from chromadb.errors import ChromaError

    return isinstance(error, OSError | ChromaError) or _is_connection_error(error) or _disk_full(error)


def _disk_full(error: BaseException) -> bool:
    text = str(error).lower()
    return getattr(error, "errno", None) == 28 or "disk is full" in text or "no space left" in text


def _low_on_space(settings: Settings) -> bool:
    """Is the embedded index's disk (nearly) full? Chroma does not always say so when a write fails."""
    if settings.chroma_url:
        return False
    try:
        return shutil.disk_usage(settings.index_dir).free < _LOW_SPACE_BYTES
    except OSError:
        return False


def _as_user_error(error: BaseException, doing: str, settings: Settings | None = None) -> UserError:
    """One line for a storage failure: what failed, why, and that the previous index still answers."""
    where = describe_location(settings) if settings else "the index"
    if _disk_full(error) or (doing == "write" and settings is not None and _low_on_space(settings)):
        reason = "the disk is full"
    elif isinstance(error, OSError) and error.strerror:
        reason = error.strerror
    else:
        reason = _first_line(error)
    if _is_connection_error(error):
        return UserError(f"lost the connection to {where} ({reason})")
    if doing == "write":
        return UserError(f"could not write the index to {where} ({reason}); the previous index is unchanged")
    return UserError(f"could not read the index in {where} ({reason})")


def _first_line(error: BaseException) -> str:
    line = (str(error).strip().splitlines() or [""])[0].strip()
    return (line or type(error).__name__)[:200]
