"""The `rag` command as a user runs it: help, user errors (one line, exit 2), index, ask."""

from __future__ import annotations

import json
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


class _Chain:
    """A stand-in answer chain: a fixed answer, or Ctrl-C while answering."""

    def __init__(self, interrupt_after: int | None = None) -> None:
        self.interrupt_after = interrupt_after
        self.asked = 0

    def ask(self, question: str):
        from rag.answer import Answer, Citation

        if self.interrupt_after is not None and self.asked >= self.interrupt_after:
            raise KeyboardInterrupt
        self.asked += 1
        citation = Citation(
            id=1,
            doc_id="grain",
            title="Grain Deal Talks Stall",
            outlet="Harbour Wire",
            attributed_to="officials",
            text="Talks stalled, officials said.",
            start=24,
            end=53,
            published="2024-03-05",
            url="https://wire.example/grain",
            page=2,
        )
        return Answer(
            question=question.strip(), answer="According to officials, talks stalled [1].", citations=[citation]
        )


def ask(monkeypatch, chain: _Chain, *args: str, stdin: str | None = None):
    from click.testing import CliRunner

    from rag import service
    from rag.cli import cli

    monkeypatch.setattr(service, "open_engine", lambda *a, **k: chain)
    return CliRunner().invoke(cli, ["ask", *args], input=stdin)


def test_ask_formats_show_outlet_date_page_and_url(monkeypatch) -> None:
    text = ask(monkeypatch, _Chain(), "what happened?")
    assert text.exit_code == 0, text.output
    assert "[1] Grain Deal Talks Stall (Harbour Wire; 2024-03-05; p. 2; attributed to officials)" in text.stdout
    assert "    https://wire.example/grain" in text.stdout

    markdown = ask(monkeypatch, _Chain(), "--format", "markdown", "what happened?").stdout
    assert markdown.startswith("**Q:** what happened?")
    assert "1. Grain Deal Talks Stall (Harbour Wire; 2024-03-05; https://wire.example/grain; p. 2;" in markdown

    as_json = ask(monkeypatch, _Chain(), "--json", "what happened?").stdout
    assert as_json == ask(monkeypatch, _Chain(), "--format", "json", "what happened?").stdout
    citation = json.loads(as_json)["citations"][0]
    assert (citation["published"], citation["url"], citation["page"]) == ("2024-03-05", "https://wire.example/grain", 2)


@pytest.mark.parametrize("args", [["what happened?"], ["--batch", "-"]], ids=["one", "batch"])
def test_ctrl_c_in_ask_ends_with_interrupted_and_130(monkeypatch, args: list[str]) -> None:
    result = ask(monkeypatch, _Chain(interrupt_after=1 if "--batch" in args else 0), *args, stdin="q1\nq2\nq3\n")
    assert result.exit_code == 130
    assert result.stderr.strip() == "interrupted"
    assert "Traceback" not in result.output
    if "--batch" in args:  # the answer written before Ctrl-C stays
        assert json.loads(result.stdout)["question"] == "q1"
