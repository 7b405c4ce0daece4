"""Security: no user-supplied value becomes a path outside the configured folders, and no secret is logged."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner

from rag.cli import cli
from rag.config import Settings
from tests.reliability import FAKE_API_KEY, copy_seeds, free_port, private_index, rag_env, run_rag

_WRITE_EVENTS = {"os.mkdir", "os.rename", "os.remove", "os.rmdir", "os.symlink", "os.link", "os.truncate"}
_recording: list[tuple[str, str, bool]] | None = None


def _audit(event: str, args: tuple) -> None:
    if _recording is None or not (event == "open" or event.startswith(("os.", "shutil."))):
        return
    if not args or not isinstance(args[0], str | bytes | os.PathLike):
        return
    path = os.fsdecode(args[0])
    mode = args[1] if event == "open" and len(args) > 1 and isinstance(args[1], str) else ""
    flags = args[2] if event == "open" and len(args) > 2 and isinstance(args[2], int) else 0
    writes = event in _WRITE_EVENTS or any(c in mode for c in "wax+") or bool(flags & (os.O_WRONLY | os.O_RDWR))
    _recording.append((event, os.path.realpath(path), writes))


sys.addaudithook(_audit)


@contextmanager
def file_accesses() -> Iterator[list[tuple[str, str, bool]]]:
    """Record (event, absolute path, writes?) of every file the interpreter opens, lists or changes."""
    global _recording
    _recording = []
    try:
        yield _recording
    finally:
        _recording = None


def test_paths_named_in_questions_and_articles_are_never_touched(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("The private memo says the bridge toll doubles in May.\n", encoding="utf-8")
    seeds = copy_seeds(tmp_path / "seeds")
    (seeds / "paths.txt").write_text(
        f"Officials said the file {secret} and ../outside/secret.txt and ~/.ssh/id_rsa hold the toll plans.\n",
        encoding="utf-8",
    )
    (seeds / "link.txt").symlink_to(secret)
    index, cache = tmp_path / "index", tmp_path / "cache"
    env = {name: None for name in os.environ if name.startswith("RAG_")} | {
        "RAG_SEEDS_DIR": str(seeds),
        "RAG_INDEX_DIR": str(index),
        "RAG_CACHE_DIR": str(cache),
        "RAG_LLM": "openai",
        "RAG_OPENAI_BASE_URL": f"http://127.0.0.1:{free_port()}/v1",
    }
    questions = [f"What is in {secret}?", "What do ../outside/secret.txt and ../../etc/passwd say?", str(secret)]

    with file_accesses() as accesses:
        for question in questions:
            result = CliRunner().invoke(cli, ["ask", question], env=env, catch_exceptions=False)
            assert result.exit_code in (0, 2), result.output
            assert "Traceback" not in result.output

    named = (outside, Path("/etc/passwd"), Path.home() / ".ssh")
    touched = [(event, path) for event, path, _ in accesses if any(Path(path).is_relative_to(n) for n in named)]
    assert touched == [], touched
    # Of everything written in this test's folder (libraries also write their own caches elsewhere), only
    # the configured index and cache folders were written to.
    written = {Path(path) for _, path, writes in accesses if writes and Path(path).is_relative_to(tmp_path)}
    assert {p for p in written if not (p.is_relative_to(index) or p.is_relative_to(cache))} == set(), written
    assert (index / "chroma.sqlite3").is_file()


def test_settings_never_show_the_api_key(monkeypatch) -> None:
    monkeypatch.setenv("RAG_OPENAI_API_KEY", FAKE_API_KEY)
    settings = Settings()
    assert settings.openai_api_key == FAKE_API_KEY
    assert FAKE_API_KEY not in repr(settings) and FAKE_API_KEY not in str(settings)


def test_the_api_key_is_not_logged_at_debug_level(indexed_settings: Settings, tmp_path: Path) -> None:
    """Every log line of a failing request at -vv (DEBUG) and the error line are free of the key."""
    indexed_settings = private_index(indexed_settings, tmp_path / "index")
    env = rag_env(
        RAG_SEEDS_DIR=indexed_settings.seeds_dir,
        RAG_INDEX_DIR=indexed_settings.index_dir,
        RAG_LLM="openai",
        RAG_OPENAI_BASE_URL=f"http://127.0.0.1:{free_port()}/v1",
        RAG_OPENAI_API_KEY=FAKE_API_KEY,
    )
    result = run_rag(["-vv", "ask", "who is Dmitry Usov?"], env, timeout=300)
    assert result.returncode == 2, result.stderr[-3000:]
    assert "DEBUG" in result.stderr and "Request options" in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert errors == ["error: cannot reach the openai backend (Connection error.)"], errors
    assert FAKE_API_KEY not in result.stdout + result.stderr
