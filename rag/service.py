"""What the interfaces call: build the index, make sure there is one, open the answer engine.

The CLI, the web UI, the evals and the benchmarks all go through these functions, so that each of them
reads the corpus, recovers a damaged index and reopens the engine the same way. Nothing here prints:
``notify`` receives the one-line notices a person should see (the CLI writes them to stderr).
"""

from __future__ import annotations

import glob
import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rag.chain import AnswerChain
from rag.config import Settings
from rag.errors import UserError
from rag.ingest.article import Article, SkippedFile
from rag.ingest.build import IndexReport, build_index, is_stale
from rag.ingest.corpus import file_id, load_corpus, read_file
from rag.ingest.readers import KEY_SEPARATOR, READERS, reader_for
from rag.llms import Model
from rag.store import current_collection, move_aside, open_client, read_records

log = logging.getLogger(__name__)

Notify = Callable[[str], None]
MAX_FILE_BYTES = 50 << 20  # a larger file is refused by add_paths
MAX_NAME_CHARS = 120  # longest file name stem add_paths writes


def index(settings: Settings, rebuild: bool = False, progress: bool = True) -> IndexReport:
    """Bring the index up to date with the seeds folder.

    With ``rebuild``, an embedded index that cannot be opened is moved aside (never deleted; the report
    says where) and built afresh.
    """
    try:
        corpus = load_corpus(settings.seeds_dir, settings.cache_dir)
    except FileNotFoundError as error:
        raise UserError(str(error)) from error
    try:
        return build_index(settings, corpus, rebuild=rebuild, progress=progress)
    except UserError as error:
        if not rebuild or settings.chroma_url or "cannot be opened" not in str(error):
            raise
        aside = move_aside(settings.index_dir)
        report = build_index(settings, corpus, rebuild=True, progress=progress)
        report.moved_aside = aside
        return report


def ensure_index(settings: Settings, notify: Notify = log.info) -> IndexReport | None:
    """Build the index when there is none or it is stale, so that asking just works; None when it was fine."""
    client = open_client(settings)
    if current_collection(client) is None:
        notify(f"no index in {settings.index_dir} yet: building it from {settings.seeds_dir}")
    elif is_stale(client):
        notify(f"the index in {settings.index_dir} was built by another version: rebuilding")
    else:
        return None
    report = index(settings)
    for skipped in report.skipped:
        notify(f"skipped {skipped}")
    return report


def open_engine(settings: Settings, model: Model | None = None, notify: Notify = log.info) -> AnswerChain:
    """The answer chain over an up-to-date index, loaded (index, embedder and model); ``model`` to share one."""
    ensure_index(settings, notify)
    return AnswerChain(settings, model=model).load()


@dataclass(frozen=True)
class ArticleInfo:
    """One indexed article, as `rag list` and the UI's article list show it.

    ``published`` is ``YYYY-MM-DD`` where the date could be read, else as written; ``file`` is the file in
    the seeds folder the article comes from (an export holds several articles), which `rag remove` takes.
    Empty strings where unknown.
    """

    doc_id: str
    title: str
    outlet: str
    sha256: str
    chunks: int
    published: str = ""
    url: str = ""
    author: str = ""
    file: str = ""


@dataclass
class AddReport:
    """What :func:`add_paths` did: the files copied into the seeds folder, those refused, and the index build."""

    copied: list[Path] = field(default_factory=list)
    refused: list[SkippedFile] = field(default_factory=list)
    index: IndexReport | None = None


def list_articles(settings: Settings) -> list[ArticleInfo]:
    """The articles of the current index generation, in index order (empty when nothing is built)."""
    collection = current_collection(open_client(settings))
    if collection is None:
        return []
    first: dict[str, dict] = {}
    chunks: Counter[str] = Counter()
    for record in read_records(collection, ["metadatas"]):
        meta = record["metadatas"] or {}
        chunks[meta.get("doc_id", "")] += 1
        first.setdefault(meta.get("doc_id", ""), meta)
    return [
        ArticleInfo(
            doc_id=doc_id,
            title=meta.get("title") or meta.get("label") or "",
            outlet=meta.get("outlet") or "",
            sha256=meta.get("article_sha256", ""),
            chunks=chunks[doc_id],
            published=meta.get("published") or "",
            url=meta.get("url") or "",
            author=meta.get("author") or "",
            file=meta.get("file") or "",
        )
        for doc_id, meta in first.items()
    ]


def add_paths(settings: Settings, paths: Sequence[Path], max_bytes: int = MAX_FILE_BYTES) -> AddReport:
    """Copy article files (or every readable file under a folder) into the seeds folder, then index.

    Names are reduced to safe base names, so nothing is written outside the seeds folder; a name already
    taken by another file gets a number. A file with no reader, a larger one than ``max_bytes`` or one
    whose content is already there is refused by name; so is a copied file the index could not use (it is
    deleted again, so the folder holds only what the index holds). The build is incremental.
    """
    seeds = Path(settings.seeds_dir)
    seeds.mkdir(parents=True, exist_ok=True)
    report = AddReport()
    for path in _expand(paths, report):
        reason = _refusal(path, max_bytes)
        if reason is None:
            target, reason = _place(path, seeds)
            if target is not None:
                report.copied.append(target)
        if reason is not None:
            report.refused.append(SkippedFile(path, reason))
            log.warning("not added %s: %s", path, reason)
    if report.copied:
        report.index = index(settings)
        copied = {path.resolve(): path for path in report.copied}
        for skipped in report.index.skipped:
            target = copied.pop(Path(skipped.path).resolve(), None)
            if target is not None:
                target.unlink(missing_ok=True)
                report.copied.remove(target)
                report.refused.append(SkippedFile(target, skipped.reason))
    return report


def read_article(settings: Settings, doc_id: str) -> Article:
    """The article ``doc_id`` as its reader extracts it from the seeds folder (the text citations point into)."""
    seeds = Path(settings.seeds_dir)
    for path in _files_of(settings, doc_id):
        try:
            articles = read_file(seeds, path)
        except ValueError as error:
            raise UserError(f"{path}: {error}") from error
        for article in articles:
            if article.doc_id == doc_id:
                return article
    raise UserError(f"no article {doc_id!r} in {settings.seeds_dir} (`rag list` shows the ids)")


def _files_of(settings: Settings, doc_id: str) -> list[Path]:
    """The files in the seeds folder that may hold the article ``doc_id``: the file of that id, or the export
    whose id comes before the ``:`` (never a file outside the folder)."""
    seeds = Path(settings.seeds_dir)
    ids = {doc_id, doc_id.rpartition(KEY_SEPARATOR)[0]} - {""}
    found = {p for name in ids for p in seeds.glob(f"{glob.escape(name)}.*") if _is_article_file(seeds, p)}
    return sorted(p for p in found if file_id(seeds, p) in ids)


def _is_article_file(seeds: Path, path: Path) -> bool:
    """Is ``path`` a file of a format rag reads, inside the seeds folder?"""
    return reader_for(path) is not None and path.is_file() and path.resolve().is_relative_to(seeds.resolve())


def remove_articles(settings: Settings, doc_ids: Sequence[str]) -> IndexReport:
    """Delete the files of the articles ``doc_ids`` from the seeds folder, then index.

    Each name is an article's id, or a file's path in the seeds folder (``export.csv``). An article of a
    file that holds several (an export's row) is not removed alone, since that would rewrite the file: a
    UserError says to remove the file. UserError for an unknown name too; nothing is deleted then.
    """
    seeds = Path(settings.seeds_dir)
    files: list[Path] = []
    for name in doc_ids:
        if _is_article_file(seeds, seeds / name):
            files.append(seeds / name)
            continue
        own = [p for p in _files_of(settings, name) if file_id(seeds, p) == name]
        if own:
            files.extend(own)
            continue
        article = read_article(settings, name)  # UserError for an unknown id
        count = len(read_file(seeds, article.path))
        raise UserError(
            f"{name} is one of the {count} article(s) of {article.file}, and rag removes whole files: delete its "
            f"record there and run `rag index`, or remove the file with `rag remove {article.file}`"
        )
    for path in dict.fromkeys(files):
        path.unlink()
        log.info("removed %s", path)
    return index(settings)


def _expand(paths: Sequence[Path], report: AddReport) -> list[Path]:
    """The files named, and the readable files under the folders named."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and reader_for(p) is not None))
        elif path.is_file():
            files.append(path)
        else:
            report.refused.append(SkippedFile(path, "no such file or folder"))
    return files


def _refusal(path: Path, max_bytes: int) -> str | None:
    if reader_for(path) is None:
        return f"not a format rag reads ({', '.join(sorted(READERS))})"
    if path.stat().st_size > max_bytes:
        return f"larger than {max_bytes // (1 << 20)} MiB"
    return None


def _place(path: Path, seeds: Path) -> tuple[Path | None, str | None]:
    """Copy ``path`` into ``seeds`` under a safe, free name; (target, None) or (None, why not)."""
    data = path.read_bytes()
    name = safe_name(path.name)
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    for number in range(1, 1000):
        target = seeds / (name if number == 1 else f"{stem}-{number}{suffix}")
        if not target.exists():
            break
        if target.read_bytes() == data:
            return None, f"already in the seeds folder as {target.name}"
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(data)
    partial.replace(target)
    return target, None


def safe_name(name: str) -> str:
    """A file name that stays in its folder: the base name, with only letters, digits, '-', '_' and '.'."""
    base = re.sub(r"[^\w.-]+", "_", Path(name.replace("\\", "/")).name, flags=re.ASCII).strip("._") or "article"
    stem, suffix = Path(base).stem[:MAX_NAME_CHARS], Path(base).suffix.lower()
    return f"{stem}{suffix}"
