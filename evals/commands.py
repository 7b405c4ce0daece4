"""``rag eval``: registered into the ``rag`` command through the ``rag.commands`` entry point."""

from __future__ import annotations

from pathlib import Path

import click

from rag.config import Settings


def register_commands(cli: click.Group) -> None:
    """Add ``rag eval`` to ``cli``."""
    cli.add_command(eval_command)


@click.command(name="eval")
@click.option(
    "--suite",
    type=click.Choice(["seeds", "rgb"]),
    default="seeds",
    show_default=True,
    help="seeds: the hand-written cases over seeds/; rgb: RGB's noise, negative and conflict parts.",
)
@click.option("--rgb", "rgb_dir", type=click.Path(path_type=Path, file_okay=False), help="RGB folder [RAG_RGB_DIR].")
@click.option(
    "--part", "parts", multiple=True, type=click.Choice(["noise", "negative", "conflict"]), help="RGB parts to run."
)
@click.option(
    "--sample",
    type=click.IntRange(min=1),
    help="RGB: N items spread over the set (the test suite runs --sample 12; each N has its own floor).",
)
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
    suite: str,
    rgb_dir: Path | None,
    parts: tuple[str, ...],
    sample: int | None,
    systems: str,
    cases_dir: Path | None,
    selection: str | None,
    no_judge: bool,
    update_baseline: bool,
) -> None:
    """Run an eval suite; print a table and write evals/reports/<timestamp>.json and .html."""
    from evals.run import run_eval, run_rgb_suite

    if suite == "rgb":
        from evals.rgb import PARTS

        run_rgb_suite(settings, rgb_dir, parts or PARTS, selection, update_baseline, sample)
        return
    run_eval(settings, systems, cases_dir, selection, judge=not no_judge, update_baseline=update_baseline)
