"""``rag ui``: registered into the ``rag`` command through the ``rag.commands`` entry point."""

from __future__ import annotations

import click

from rag.cli import backend_option, notify, top_k_option
from rag.config import Settings
from rag.errors import UserError


def register_commands(cli: click.Group) -> None:
    """Add ``rag ui`` to ``cli``."""
    cli.add_command(ui)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=7860, show_default=True, help="Port to listen on.")
@click.option("--share", is_flag=True, help="Also open a public Gradio share link (off by default).")
@click.option("--read-only", is_flag=True, help="No adding or removing articles from the page.")
@backend_option
@top_k_option
@click.pass_obj
def ui(
    settings: Settings, host: str, port: int, share: bool, read_only: bool, backend: str | None, top_k: int | None
) -> None:
    """Start the web UI: ask about the articles, read the sources, add and remove articles (http://HOST:PORT)."""
    try:
        from ui.app import serve
    except ImportError as error:
        raise UserError(f"the UI needs the 'ui' extra ({error}): pip install -e '.[ui]'") from error
    from rag import service

    settings = settings.with_overrides(llm=backend, top_k=top_k)
    service.ensure_index(settings, notify=notify)
    notify(f"loading the model; then serving on http://{host}:{port}")
    serve(settings, host=host, port=port, share=share, read_only=read_only)
