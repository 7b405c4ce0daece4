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
import hashlib
import logging
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import SplitResult, urlsplit

from rag.config import Settings
from rag.errors import UserError, first_line, is_connection_error

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

log = logging.getLogger(__name__)

MANIFEST = "rag_manifest"
PREFIX = "chunks_g"
_PAGE = 5000
_IGNORED_FILES = {"README.md", ".gitkeep", ".lock"}
_SERVER_TIMEOUT_S = 60.0
_LOW_SPACE_BYTES = 4 << 20


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
            f"the index in {path} cannot be opened ({first_line(error)}): run `rag index --rebuild`"
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
        raise UserError(f"cannot reach {where} ({first_line(error)}): start it or fix RAG_CHROMA_URL") from error
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
        raise as_user_error(error, "read") from error
    name = (manifest.metadata or {}).get("current")
    if not name:
        return None
    try:
        collection = client.get_collection(name, embedding_function=None)
        _probe(collection)
    except Exception as error:
        if is_connection_error(error):
            raise as_user_error(error, "read") from error
        raise UserError(
            f"the index cannot be opened (its generation {name}: {first_line(error)}): run `rag index --rebuild`"
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


def begin_build(client: ClientAPI, settings: Settings, rebuild: bool) -> tuple[dict[str, Any], Collection | None]:
    """The manifest as it stands and the current generation (``rebuild`` passes over a damaged one);
    half-built generations of crashed builds are dropped. Call it holding :func:`build_lock`."""
    try:
        manifest = client.get_or_create_collection(MANIFEST, embedding_function=None)
        info = dict(manifest.metadata or {})
        old = _old_generation(client, rebuild)
        drop_abandoned(client, keep={info.get("current"), info.get("previous")})
    except UserError:
        raise
    except Exception as error:
        raise as_user_error(error, "write", settings) from error
    return info, old


def _old_generation(client: ClientAPI, rebuild: bool) -> Collection | None:
    """The current generation; with ``rebuild`` a damaged one is passed over rather than an error."""
    try:
        return current_collection(client)
    except UserError as error:
        if not rebuild or "cannot be opened" not in str(error):
            raise
        log.warning("rebuilding over a damaged generation: %s", error)
        return None


@contextlib.contextmanager
def new_generation(client: ClientAPI, settings: Settings, info: dict[str, Any]) -> Iterator[Collection]:
    """A new, empty generation to fill and then :func:`flip` to, inside the block.

    When the block fails, the half-written generation is dropped and a storage failure is raised as a
    one-line UserError (the previous generation stays current).
    """
    name = f"{PREFIX}{int(info.get('generation', 0)) + 1}"
    try:
        new = client.create_collection(name, metadata={"hnsw:space": "cosine"}, embedding_function=None)
    except Exception as error:
        raise as_user_error(error, "write", settings) from error
    try:
        yield new
    except BaseException as error:
        _discard(client, name)
        if isinstance(error, UserError) or not isinstance(error, Exception):
            raise
        if not _is_write_error(error):
            raise
        raise as_user_error(error, "write", settings) from error


def flip(client: ClientAPI, info: dict[str, Any], name: str, old: Collection | None, facts: dict[str, Any]) -> None:
    """Point the manifest at the new generation, unless another builder moved the pointer meanwhile.

    ``facts`` (what built it: embedding model, pipeline version, article count) are stored beside the pointer.
    """
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
            **facts,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
    )


def copy_records(old: Collection, new: Collection, doc_ids: list[str], client: ClientAPI) -> None:
    """Copy the stored chunks (with their vectors) of the articles ``doc_ids`` from one generation to another."""
    batch_size = _batch_size(client)
    batch: dict[str, list] = {"ids": [], "embeddings": [], "documents": [], "metadatas": []}
    for record in read_records(old, ["embeddings", "documents", "metadatas"], where={"doc_id": {"$in": doc_ids}}):
        for key, values in batch.items():
            values.append(record["id"] if key == "ids" else record[key])
        if len(batch["ids"]) >= batch_size:
            new.add(**batch)
            batch = {key: [] for key in batch}
    if batch["ids"]:
        new.add(**batch)


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


def drop_abandoned(client: ClientAPI, keep: set[str | None]) -> None:
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
        log.info("could not drop the half-built generation %s (%s)", name, first_line(error))


def _lock_path(settings: Settings) -> Path:
    """The local lock file serialising builders of one index: in its folder, or per server in the cache."""
    if settings.chroma_url:
        key = hashlib.sha256(settings.chroma_url.encode()).hexdigest()[:16]
        return Path(settings.cache_dir) / "locks" / f"chroma-{key}.lock"
    return Path(settings.index_dir) / ".lock"


@contextlib.contextmanager
def build_lock(settings: Settings) -> Iterator[None]:
    path = _lock_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise UserError(f"another `rag index` is already building {describe_location(settings)}") from error
        yield


def _is_write_error(error: BaseException) -> bool:
    """Errors of the storage rather than of the code: the OS, the database, the server."""
    from chromadb.errors import ChromaError

    return isinstance(error, OSError | ChromaError) or is_connection_error(error) or _disk_full(error)


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


def as_user_error(error: BaseException, doing: str, settings: Settings | None = None) -> UserError:
    """One line for a storage failure: what failed, why, and that the previous index still answers."""
    where = describe_location(settings) if settings else "the index"
    if _disk_full(error) or (doing == "write" and settings is not None and _low_on_space(settings)):
        reason = "the disk is full"
    elif isinstance(error, OSError) and error.strerror:
        reason = error.strerror
    else:
        reason = first_line(error)
    if is_connection_error(error):
        return UserError(f"lost the connection to {where} ({reason})")
    if doing == "write":
        return UserError(f"could not write the index to {where} ({reason}); the previous index is unchanged")
    return UserError(f"could not read the index in {where} ({reason})")


def user_error(error: Exception) -> UserError | None:
    """A failure of the index store that escaped the translations above, as one line; None for other errors."""
    if is_connection_error(error):
        return UserError(f"lost the connection to the index ({first_line(error)})")
    if type(error).__module__.split(".")[0] in ("chromadb", "httpx", "httpcore"):
        return UserError(f"the index failed: {first_line(error, 300)}")
    return None
