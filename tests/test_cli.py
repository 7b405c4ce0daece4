"""The `rag` command as a user runs it: help, user errors (one line, exit 2), index, ask."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

RAG = [sys.executable, "-m", "rag"]


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: int = 300):
    return subprocess.run(
        [*RAG, *args], capture_output=True, text=True, env={**os.environ, **(env or {})}, cwd=cwd, timeout=timeout
    )


@pytest.mark.parametrize("command", [[], ["index"], ["ask"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.returncode == 0 and "Usage:" in result.stdout


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["ask", "   "], {}, "error: the question is empty"),
        (["ask"], {}, "error: give a question"),
        (["ask", "who is Dmitry Usov?"], {"RAG_LLM": "gpt-17"}, "error: unknown backend 'gpt-17'"),
        (["--seeds", "/nonexistent/seeds", "index"], {}, "error: seeds folder not found"),
    ],
)
def test_user_errors_print_one_line_and_exit_2(args, env, message, tmp_path: Path) -> None:
    result = run("--index", str(tmp_path / "index"), *args, env=env)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.stderr


def test_empty_seeds_folder_is_a_user_error(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    result = run("--seeds", str(tmp_path / "seeds"), "--index", str(tmp_path / "index"), "index")
    assert result.returncode == 2 and result.stderr.startswith("error: no usable articles")


def test_unreachable_backend_is_a_user_error(indexed_settings) -> None:
    result = run(
        "--seeds",
        str(indexed_settings.seeds_dir),
        "--index",
        str(indexed_settings.index_dir),
        "ask",
        "who is Dmitry Usov?",
        env={"RAG_LLM": "openai", "RAG_OPENAI_BASE_URL": "http://127.0.0.1:9/v1"},
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("error: cannot reach the openai backend")


def test_index_reports_what_it_did(tmp_path: Path, seeds_copy: Path) -> None:
    index = str(tmp_path / "index")
    first = run("--seeds", str(seeds_copy), "--index", index, "index", "--quiet")
    assert first.returncode == 0 and "5 added" in first.stdout
    second = run("--seeds", str(seeds_copy), "--index", index, "index")
    assert "index is up to date (5 articles" in second.stdout


def test_explain_prints_why_a_question_was_refused(indexed_settings) -> None:
    args = ("--seeds", str(indexed_settings.seeds_dir), "--index", str(indexed_settings.index_dir))
    result = run(*args, "ask", "--explain", "What did Biden say about the defectors?")
    assert result.returncode == 0, result.stderr
    assert "Decisions:\n  names refused: no article mentions Biden" in result.stdout
