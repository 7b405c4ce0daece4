"""The ``rag`` command: build the index and ask questions over the articles.

Other packages add commands through the ``rag.commands`` entry point group: each entry is a function
``register_commands(cli)`` that adds its commands to the group (``rag ui`` and ``rag eval`` come this way,
from the ``ui`` and ``evals`` packages), so ``rag`` itself never imports them.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import textwrap
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rag.answer import Answer, Decision, answer_markdown
from rag.config import Settings
from rag.errors import UserError
from rag.llms import BACKENDS

if TYPE_CHECKING:
    from rag.ingest.build import IndexReport

log = logging.getLogger("rag")
_answered = False  # set once ``rag ask`` has written all its answers (see main)
_interrupted = False  # set when Ctrl-C ended a command (see main)
INTERRUPTED_STATUS = 130
PLUGIN_GROUP = "rag.commands"
LIST_COLUMN_CHARS = 60  # `rag list` cuts longer titles and outlets
ANSWER_FORMATS = ("text", "markdown", "json")


class _Group(click.Group):
    """Turns UserError, and errors of the index store, into one line on stderr and exit status 2; Ctrl-C into
    exit status 130. Secrets are masked in those lines; -vv logs the traceback.

    The plugins' commands are added the first time a command is looked up (not at import, so that a plugin
    may import this module).
    """

    _plugins_loaded = False

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        self._load_plugins()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load_plugins()
        return super().list_commands(ctx)

    def _load_plugins(self) -> None:
        if not self._plugins_loaded:
            self._plugins_loaded = True
            load_plugins(self)

    def invoke(self, ctx: click.Context) -> object:
        from rag.store import user_error

        try:
            return super().invoke(ctx)
        except UserError as error:
            click.echo(f"error: {_redact(str(error), ctx.obj)}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            global _interrupted
            _interrupted = True
            click.echo("interrupted", err=True)
            ctx.exit(INTERRUPTED_STATUS)
        except Exception as error:
            translated = user_error(error)
            if translated is None:
                raise
            log.debug("the full error", exc_info=True)
            click.echo(f"error: {_redact(str(translated), ctx.obj)}", err=True)
            ctx.exit(2)


def _redact(text: str, settings: object) -> str:
    """``text`` with the configured API key masked."""
    key = getattr(settings, "openai_api_key", "")
    return text.replace(key, "***") if key and key != "none" else text


def backend_option(command: click.Command) -> click.Command:
    """``--backend``: one of the registered generation backends."""
    return click.option("--backend", type=click.Choice(list(BACKENDS)), help="Generation backend [RAG_LLM].")(command)


def top_k_option(command: click.Command) -> click.Command:
    """``--top-k``: how many retrieved chunks are read for passages."""
    return click.option("--top-k", type=click.IntRange(1, 12), help="Passages given to the model [RAG_TOP_K].")(command)


def notify(message: str) -> None:
    """A one-line notice for the person at the terminal (stderr, so that --json output stays clean)."""
    click.echo(message, err=True)


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
        # The parsers' complaints about a damaged file: the file's one "skipped" line says what matters.
        for parser in ("pypdf", "trafilatura", "htmldate", "courlan", "justext"):
            logging.getLogger(parser).setLevel(logging.CRITICAL)
    ctx.obj = Settings().with_overrides(seeds_dir=seeds_dir, index_dir=index_dir)


@cli.command()
@click.option("--rebuild", is_flag=True, help="Re-embed everything; moves a damaged index aside first.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.pass_obj
def index(settings: Settings, rebuild: bool, quiet: bool) -> None:
    """Build or update the index from the seeds folder (only changed articles are embedded)."""
    from rag import service

    report = service.index(settings, rebuild=rebuild, progress=not quiet)
    if report.moved_aside is not None:
        notify(f"moved the damaged index to {report.moved_aside}")
    echo_index_report(report, rebuild)


def echo_index_report(report: IndexReport, rebuilt: bool = False) -> None:
    """What a build did, in one line (and a line for each file skipped)."""
    for skipped in report.skipped:
        notify(f"skipped {skipped}")
    if report.changed or rebuilt:
        click.echo(
            f"indexed {len(report.added) + len(report.updated) + len(report.unchanged)} articles "
            f"({len(report.added)} added, {len(report.updated)} updated, {len(report.removed)} removed, "
            f"{len(report.unchanged)} unchanged): {report.chunks_embedded} chunks embedded, "
            f"{report.chunks_total} in the index"
        )
    else:
        click.echo(f"index is up to date ({len(report.unchanged)} articles, {report.chunks_total} chunks)")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_obj
def add(settings: Settings, paths: tuple[Path, ...]) -> None:
    """Copy article files or folders into the seeds folder and index them."""
    from rag import service

    report = service.add_paths(settings, paths)
    for refused in report.refused:
        notify(f"not added {refused}")
    for path in report.copied:
        click.echo(f"added {path}")
    if report.index is not None:
        echo_index_report(report.index)
    elif not report.copied:
        raise UserError("nothing was added")


@cli.command()
@click.argument("doc_ids", nargs=-1, required=True)
@click.pass_obj
def remove(settings: Settings, doc_ids: tuple[str, ...]) -> None:
    """Delete articles (by id, as `rag list` shows them) or files (export.csv) from the seeds folder and the
    index. An article of an export is removed with its whole file."""
    from rag import service

    echo_index_report(service.remove_articles(settings, doc_ids))


@cli.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="One JSON array of the articles.")
@click.pass_obj
def list_command(settings: Settings, as_json: bool) -> None:
    """The indexed articles: id, title, outlet, date and number of chunks."""
    from dataclasses import asdict

    from rag import service

    articles = service.list_articles(settings)
    if as_json:
        click.echo(json.dumps([asdict(a) for a in articles], ensure_ascii=False, indent=2))
        return
    if not articles:
        click.echo("no articles are indexed: `rag index` or `rag add PATH`")
        return
    rows = [("id", "title", "outlet", "date", "chunks")]
    rows += [(a.doc_id, _cut(a.title), _cut(a.outlet) or "-", a.published or "-", str(a.chunks)) for a in articles]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


def _cut(text: str, limit: int = LIST_COLUMN_CHARS) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@cli.command()
@click.argument("question", required=False)
@click.option(
    "--format",
    "output",
    type=click.Choice(ANSWER_FORMATS),
    help="text (the default), markdown (to paste, with its sources) or json (the stable contract; the "
    "default with --batch, an answer a line).",
)
@click.option("--json", "as_json", is_flag=True, help="The same as --format json.")
@click.option("--batch", type=click.File("r", encoding="utf-8"), help="Answer one question a line ('-' for stdin).")
@click.option("--explain", is_flag=True, help="Also show why each sentence was kept, changed or removed.")
@backend_option
@top_k_option
@click.pass_obj
def ask(
    settings: Settings,
    question: str | None,
    output: str | None,
    as_json: bool,
    batch,
    explain: bool,
    backend: str | None,
    top_k: int | None,
) -> None:
    """Answer QUESTION from the articles, with numbered citations."""
    from rag import service
    from rag.chain import clean_question
    from rag.llms import get_backend

    settings = settings.with_overrides(llm=backend, top_k=top_k)
    if batch is None and question is None:
        raise UserError('give a question, e.g. rag ask "who is Dmitry Usov?", or --batch FILE')
    if batch is not None and question is not None:
        raise UserError("give either a question or --batch FILE, not both")
    if as_json and output not in (None, "json"):
        raise UserError("give either --json or --format, not both")
    if batch is None:
        question = clean_question(question)
    form = "json" if as_json else output or ("json" if batch is not None else "text")
    get_backend(settings.llm)
    chain = service.open_engine(settings, notify=notify)
    global _answered
    if batch is None:
        click.echo(render_answer(chain.ask(question), form, explain))
        _answered = True
        return
    for line in batch:
        if not line.strip():
            continue
        try:
            answer = chain.ask(line)
        except UserError as error:
            failed = {"question": line.strip()[:200], "error": str(error)}
            out = (
                json.dumps(failed, ensure_ascii=False) if form == "json" else f"{failed['question']}\nerror: {error}\n"
            )
        else:
            as_line = json.dumps(answer.to_dict(explain=explain), ensure_ascii=False)
            out = as_line if form == "json" else render_answer(answer, form, explain) + "\n"
        click.echo(out)
        sys.stdout.flush()
    _answered = True


def render_answer(answer: Answer, form: str, explain: bool = False) -> str:
    """An answer in one of :data:`ANSWER_FORMATS`; ``explain`` adds the answer policy's decisions."""
    if form == "json":
        return json.dumps(answer.to_dict(explain=explain), ensure_ascii=False, indent=2)
    text = answer_markdown(answer.to_dict()) if form == "markdown" else format_answer(answer)
    return text + (f"\n\n{format_decisions(answer.decisions)}" if explain else "")


def format_answer(answer: Answer, width: int = 100) -> str:
    """The answer, then its numbered sources: title, outlet, date, page, attribution, the cited passage, URL."""
    lines = [textwrap.fill(answer.answer, width)]
    for conflict in answer.conflicts:
        ids = ", ".join(f"[{n}]" for n in conflict.citations)
        lines.append(textwrap.fill(f"Note: the sources disagree on {conflict.about} ({ids}).", width))
    if answer.citations:
        lines.append("\nSources:")
    for citation in answer.citations:
        head = f"[{citation.id}] {citation.title}"
        details = [citation.outlet or citation.doc_id, citation.published]
        details.append(f"p. {citation.page}" if citation.page else "")
        if citation.attributed_to:
            details.append(f"attributed to {citation.attributed_to}")
        lines.append(textwrap.fill(f"{head} ({'; '.join(filter(None, details))})", width, subsequent_indent="    "))
        lines.append(textwrap.fill(f'"{citation.text}"', width, initial_indent="    ", subsequent_indent="    "))
        if citation.url:
            lines.append(f"    {citation.url}")
    return "\n".join(lines)


def format_decisions(decisions: list[Decision], width: int = 100) -> str:
    """The answer policy's decisions, one a line: rule, action, reason and the sentence concerned."""
    lines = ["Decisions:"]
    for decision in decisions:
        text = f"{decision.rule} {decision.action}: {decision.reason}"
        if decision.sentence:
            text += f' — "{decision.sentence}"'
        lines.append(textwrap.fill(text, width, initial_indent="  ", subsequent_indent="      "))
    return "\n".join(lines) if decisions else "Decisions: none"


def load_plugins(group: click.Group) -> None:
    """Let every installed ``rag.commands`` entry point add its commands to ``group``."""
    for entry in entry_points(group=PLUGIN_GROUP):
        try:
            entry.load()(group)
        except ImportError as error:  # a plugin whose package is not importable is skipped, not fatal
            log.debug("plugin %s not loaded: %s", entry.name, error)


def main() -> None:
    """The ``rag`` console script.

    ``rag ask`` ends the process as soon as its answer is written, and any command as soon as Ctrl-C has
    ended it: the interpreter's teardown of torch, llama.cpp and Chroma takes over a second, has nothing left
    to save (an index build keeps the previous generation until its pointer flips) and, interrupted, can
    end the process by the signal instead of status 130.
    """
    try:
        cli(prog_name="rag")
    except SystemExit as done:
        if _interrupted or (_answered and done.code in (0, None)):
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(INTERRUPTED_STATUS if _interrupted else 0)
        raise
