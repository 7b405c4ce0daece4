"""The ``rag`` command: build the index and ask questions over the seed articles."""

from __future__ import annotations

import json
import logging
import os
import sys
import textwrap
from pathlib import Path

import click

from rag.answer import Answer
from rag.config import BACKENDS, Settings
from rag.errors import UserError

log = logging.getLogger("rag")
_answered = False  # set once ``rag ask`` has written all its answers (see main)


# Errors raised by the libraries that talk to servers and stores, by top-level module: what failed.
_SERVICE_ERRORS = {
    "openai": "the model server",
    "ollama": "the Ollama server",
    "httpx": "a server",
    "httpcore": "a server",
    "chromadb": "the index",
}


class _Group(click.Group):
    """Turns UserError, and errors of the model server or the index, into one line on stderr and exit
    status 2; Ctrl-C into exit status 130. Secrets are masked in those lines; -vv logs the traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except UserError as error:
            click.echo(f"error: {_redact(str(error), ctx.obj)}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)
        except Exception as error:
            what = _SERVICE_ERRORS.get(type(error).__module__.split(".")[0])
            if what is None:
                raise
            log.debug("the full error", exc_info=True)
            line = (str(error).strip().splitlines() or [type(error).__name__])[0][:300]
            click.echo(f"error: {what} failed: {_redact(line, ctx.obj)}", err=True)
            ctx.exit(2)


def _redact(text: str, settings: object) -> str:
    """``text`` with the configured API key masked."""
    key = getattr(settings, "openai_api_key", "")
    return text.replace(key, "***") if key and key != "none" else text


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--seeds", "seeds_dir", type=click.Path(path_type=Path), help="Folder of articles [RAG_SEEDS_DIR].")
@click.option("--index", "index_dir", type=click.Path(path_type=Path), help="Index folder [RAG_INDEX_DIR].")
@click.option("-v", "--verbose", count=True, help="Log progress (-v) or everything (-vv).")
@click.pass_context
def cli(ctx: click.Context, seeds_dir: Path | None, index_dir: Path | None, verbose: int) -> None:
    """Question answering over contested news, with enforced citations and attribution."""
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if verbose < 2:
        for noisy in ("httpx", "chromadb", "sentence_transformers", "transformers", "urllib3"):
            logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    ctx.obj = Settings().with_overrides(seeds_dir=seeds_dir, index_dir=index_dir)


@cli.command()
@click.option("--rebuild", is_flag=True, help="Re-embed everything; moves a damaged index aside first.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.pass_obj
def index(settings: Settings, rebuild: bool, quiet: bool) -> None:
    """Build or update the index from the seeds folder (only changed articles are embedded)."""
    report = run_index(settings, rebuild=rebuild, progress=not quiet)
    for skipped in report.skipped:
        click.echo(f"skipped {skipped}", err=True)
    if report.changed or rebuild:
        click.echo(
            f"indexed {len(report.added) + len(report.updated) + len(report.unchanged)} articles "
            f"({len(report.added)} added, {len(report.updated)} updated, {len(report.removed)} removed, "
            f"{len(report.unchanged)} unchanged): {report.chunks_embedded} chunks embedded, "
            f"{report.chunks_total} in the index"
        )
    else:
        click.echo(f"index is up to date ({len(report.unchanged)} articles, {report.chunks_total} chunks)")


@cli.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON (the stable contract).")
@click.option("--batch", type=click.File("r", encoding="utf-8"), help="Answer one question a line ('-' for stdin).")
@click.option("--backend", type=click.Choice(BACKENDS), help="Generation backend [RAG_LLM].")
@click.option("--top-k", type=click.IntRange(1, 12), help="Passages given to the model [RAG_TOP_K].")
@click.pass_obj
def ask(settings: Settings, question: str | None, as_json: bool, batch, backend: str | None, top_k: int | None) -> None:
    """Answer QUESTION from the articles, with numbered citations."""
    from rag.chain import AnswerChain, clean_question
    from rag.llms import check_backend

    settings = settings.with_overrides(llm=backend, top_k=top_k)
    if batch is None and question is None:
        raise UserError('give a question, e.g. rag ask "who is Dmitry Usov?", or --batch FILE')
    if batch is not None and question is not None:
        raise UserError("give either a question or --batch FILE, not both")
    if batch is None:
        question = clean_question(question)
    check_backend(settings)
    ensure_index(settings)
    chain = AnswerChain(settings).load()
    global _answered
    if batch is None:
        answer = chain.ask(question)
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2) if as_json else format_answer(answer))
        _answered = True
        return
    for line in batch:
        if not line.strip():
            continue
        try:
            result = chain.ask(line).to_dict()
        except UserError as error:
            result = {"question": line.strip()[:200], "error": str(error)}
        click.echo(json.dumps(result, ensure_ascii=False))
        sys.stdout.flush()
    _answered = True


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=7860, show_default=True, help="Port to listen on.")
@click.option("--share", is_flag=True, help="Also open a public Gradio share link (off by default).")
@click.option("--backend", type=click.Choice(BACKENDS), help="Generation backend [RAG_LLM].")
@click.option("--top-k", type=click.IntRange(1, 12), help="Passages given to the model [RAG_TOP_K].")
@click.pass_obj
def ui(settings: Settings, host: str, port: int, share: bool, backend: str | None, top_k: int | None) -> None:
    """Start the web UI: chat with the articles, with sources (Gradio, http://HOST:PORT)."""
    try:
        from ui.app import serve
    except ImportError as error:
        raise UserError(f"the UI needs the 'ui' extra ({error}): pip install -e '.[ui]'") from error

    settings = settings.with_overrides(llm=backend, top_k=top_k)
    ensure_index(settings)
    click.echo(f"loading the model; then serving on http://{host}:{port}", err=True)
    serve(settings, host=host, port=port, share=share)


@cli.command(name="eval")
@click.option(
    "--system",
    "systems",
    type=click.Choice(["rag", "baseline", "both"]),
    default="rag",
    show_default=True,
    help="rag, the stock LlamaIndex CitationQueryEngine, or both side by side.",
)
@click.option("--cases", "cases_dir", type=click.Path(path_type=Path, file_okay=False), help="Folder of case files.")
@click.option("-k", "selection", help="Only cases whose id contains this text.")
@click.option("--no-judge", is_flag=True, help="Skip the LLM judge (ALCE citation recall/precision, calibration).")
@click.option("--update-baseline", is_flag=True, help="Write this run's metrics to evals/baseline.json.")
@click.pass_obj
def eval_command(
    settings: Settings,
    systems: str,
    cases_dir: Path | None,
    selection: str | None,
    no_judge: bool,
    update_baseline: bool,
) -> None:
    """Run the eval cases; print a table and write evals/reports/<timestamp>.json and .html."""
    from evals.run import run_eval

    run_eval(settings, systems, cases_dir, selection, judge=not no_judge, update_baseline=update_baseline)


def run_index(settings: Settings, rebuild: bool = False, progress: bool = True):
    from rag.corpus import load_corpus
    from rag.store import build_index, move_aside

    try:
        corpus = load_corpus(settings.seeds_dir)
    except FileNotFoundError as error:
        raise UserError(str(error)) from error
    try:
        return build_index(settings, corpus, rebuild=rebuild, progress=progress)
    except UserError as error:
        if not rebuild or settings.chroma_url or "cannot be opened" not in str(error):
            raise
        aside = move_aside(settings.index_dir)
        click.echo(f"moved the damaged index to {aside}", err=True)
        return build_index(settings, corpus, rebuild=True, progress=progress)


def ensure_index(settings: Settings) -> None:
    """Build the index when there is none or it is stale, so that ``rag ask`` just works."""
    from rag.store import current_collection, is_stale, open_client

    client = open_client(settings)
    if current_collection(client) is None:
        click.echo(f"no index in {settings.index_dir} yet: building it from {settings.seeds_dir}", err=True)
    elif is_stale(client):
        click.echo(f"the index in {settings.index_dir} was built by another version: rebuilding", err=True)
    else:
        return
    report = run_index(settings)
    for skipped in report.skipped:
        click.echo(f"skipped {skipped}", err=True)


def format_answer(answer: Answer, width: int = 100) -> str:
    """The answer, then its numbered sources: title, outlet, attribution and the cited passage."""
    lines = [textwrap.fill(answer.answer, width)]
    for conflict in answer.conflicts:
        ids = ", ".join(f"[{n}]" for n in conflict.citations)
        lines.append(textwrap.fill(f"Note: the sources disagree on {conflict.about} ({ids}).", width))
    if answer.citations:
        lines.append("\nSources:")
    for citation in answer.citations:
        head = f"[{citation.id}] {citation.title}"
        details = [citation.outlet or citation.doc_id]
        if citation.attributed_to:
            details.append(f"attributed to {citation.attributed_to}")
        lines.append(textwrap.fill(f"{head} ({'; '.join(details)})", width, subsequent_indent="    "))
        lines.append(textwrap.fill(f'"{citation.text}"', width, initial_indent="    ", subsequent_indent="    "))
    return "\n".join(lines)


def main() -> None:
    """The ``rag`` console script.

    ``rag ask`` ends the process as soon as its answer is written: the interpreter's teardown of torch,
    llama.cpp and Chroma takes over a second and has nothing left to save (the index is only read).
    """
    try:
        cli(prog_name="rag")
    except SystemExit as done:
        if _answered and done.code in (0, None):
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(0)
        raise
