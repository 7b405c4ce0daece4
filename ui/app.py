"""The Gradio app: a chat over the articles, with sources, and a side panel about the index and the model.

The model is loaded once per process (:class:`ChatService` holds the one :class:`AnswerChain`). Every event
that uses the model or the embedder (the chat, the ``ask`` API and re-indexing) runs in the ``model``
concurrency group with a limit of 1, so requests from many users queue instead of sharing llama.cpp.

API endpoints (for ``gradio_client``; see "The web UI" in README.md):

* ``/ask`` (question, history) -> the answer as ``Answer.to_dict()``; stateless.
* ``/chat`` (message) -> the chat handler the page uses: streams the rendered conversation and ends with
  the final answer dict; the conversation is kept per client session.
* ``/reindex`` () -> brings the index up to date with the seeds folder and reopens it.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import gradio as gr

import rag.service
from rag.chain import AnswerChain, clean_question
from rag.config import Settings
from rag.errors import UserError
from rag.ingest.build import is_stale
from rag.ingest.corpus import load_corpus
from rag.store import describe_location, manifest_info, open_client
from ui.render import ArticleRow, plural, render_articles, render_chat, render_pending, render_status

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
MODEL_GROUP = "model"
EXAMPLES = [
    "who is Dmitry Usov?",
    "Why do former Ukrainian soldiers join Russian forces?",
    "How many Russian soldiers surrendered in Kursk?",
    "Why are captured Ukrainian soldiers seeking asylum in Russia?",
    "What is the capital of France?",
]
# Opens the Sources block and scrolls to the passage when a citation [n] is clicked.
HEAD = """<script>
document.addEventListener("click", (event) => {
  const link = event.target.closest ? event.target.closest("a.rag-cite") : null;
  if (!link) return;
  const target = document.getElementById((link.getAttribute("href") || "").slice(1));
  if (!target) return;
  event.preventDefault();
  const details = target.closest("details");
  if (details) details.open = true;
  target.scrollIntoView({behavior: "smooth", block: "nearest"});
  target.classList.remove("rag-flash");
  void target.offsetWidth;
  target.classList.add("rag-flash");
});
</script>"""


def normalise_history(history: Sequence[Any] | None) -> list[tuple[str, str]]:
    """Earlier turns as (question, answer) pairs, from [question, answer] lists or answer dicts."""
    turns = []
    for turn in history or []:
        if isinstance(turn, dict):
            question, answer = turn.get("question", ""), turn.get("answer", "")
        elif isinstance(turn, list | tuple) and len(turn) == 2:
            question, answer = turn
        else:
            raise gr.Error("history must be a list of [question, answer] pairs or of answer dicts")
        turns.append((str(question), str(answer)))
    return turns


class ChatService:
    """The loaded chain and the handlers the app's events call."""

    def __init__(self, chain: AnswerChain) -> None:
        self.chain = chain
        self.last_index_report = ""
        # Held while the model or the embedder works. Gradio's queue already runs these events one at a
        # time; this also covers an answer still finishing after its browser went away, and the index being
        # swapped by a re-index under the chain.
        self._busy = threading.Lock()

    @property
    def settings(self) -> Settings:
        return self.chain.settings

    def ask(self, question: str, history: list[list[str]] | None = None) -> dict:
        """Answer a question from the articles.

        `history` holds earlier turns as [question, answer] pairs (or earlier answer dicts), so that a
        follow-up such as "what is his rank?" is understood. Returns the answer as JSON: question, answer,
        citations (id, doc_id, title, outlet, attributed_to, text, start, end), refused, conflicts, model,
        timings, standalone_question.
        """
        try:
            with self._busy:
                return self.chain.ask(question, history=normalise_history(history)).to_dict()
        except UserError as error:
            raise gr.Error(str(error)) from error

    def chat(self, message: str, turns: list[dict] | None) -> Iterator[tuple[str, list[dict], list[dict], Any]]:
        """Stream an answer into the chat: the model's draft first, then the checked answer replaces it.

        Yields (textbox value, chatbot messages, the turns kept in the session, the final answer dict).
        """
        turns = list(turns or [])
        try:
            question = clean_question(message)
        except UserError as error:
            gr.Warning(str(error))
            yield message, render_chat(turns), turns, None
            return
        history = [(t["question"], t["answer"]) for t in turns if "error" not in t]
        yield "", render_chat(turns, (question, render_pending())), turns, None

        tokens: queue.Queue[str | None] = queue.Queue()
        outcome: dict[str, Any] = {}

        def work() -> None:
            try:
                with self._busy:
                    outcome["answer"] = self.chain.ask(question, history=history, on_token=tokens.put).to_dict()
            except Exception as error:  # shown in the chat; logged below
                outcome["error"] = error
            finally:
                tokens.put(None)

        worker = threading.Thread(target=work, name="rag-answer", daemon=True)
        worker.start()
        draft, finished = "", False
        while not finished:
            item = tokens.get()  # wait for a token, then take whatever else has arrived meanwhile
            while item is not None:
                draft += item
                if tokens.empty():
                    break
                item = tokens.get_nowait()
            finished = item is None
            if not finished:
                yield "", render_chat(turns, (question, render_pending(draft))), turns, None
        worker.join()

        if "answer" in outcome:
            turns.append(outcome["answer"])
            yield "", render_chat(turns), turns, outcome["answer"]
            return
        error = outcome["error"]
        if not isinstance(error, UserError):
            log.error("answering %r failed", question, exc_info=error)
        turns.append({"question": question, "error": str(error) or type(error).__name__})
        yield "", render_chat(turns), turns, None

    def overview(self) -> tuple[str, str]:
        """The side panel's HTML: the indexed articles, and the model and index status."""
        client = open_client(self.settings)
        info = manifest_info(client)
        listed = rag.service.list_articles(self.settings)
        articles = [ArticleRow(a.doc_id, a.title, a.outlet, a.chunks) for a in listed]
        hashes = {a.doc_id: a.sha256 for a in listed}
        facts = [
            ("Model", self.chain.model_name),
            ("Backend", self.settings.llm),
            ("Index", f"{plural(len(articles), 'article')} · {plural(sum(a.chunks for a in listed), 'chunk')}"),
            ("Built", str(info.get("built_at", "never"))),
            ("State", self._index_state(client, hashes)),
            ("Stored in", self._location()),
        ]
        if self.last_index_report:
            facts.append(("Last re-index", self.last_index_report))
        return render_articles(articles), render_status(facts)

    def _location(self) -> str:
        """Where the index lives: the Chroma server, or the folder's full path."""
        if self.settings.chroma_url:
            return describe_location(self.settings)
        return str(Path(self.settings.index_dir).resolve())

    def _index_state(self, client: Any, indexed: dict[str, str]) -> str:
        """Is the index in step with the seeds folder?"""
        if not indexed:
            return "empty: re-index"
        if is_stale(client):
            return "built by other code: re-index"
        try:
            seeds = {a.doc_id: a.sha256 for a in load_corpus(self.settings.seeds_dir, self.settings.cache_dir).articles}
        except FileNotFoundError:
            return f"seeds folder {self.settings.seeds_dir} not found"
        if seeds != indexed:
            changed = len({doc for doc in seeds.keys() | indexed.keys() if seeds.get(doc) != indexed.get(doc)})
            return f"{plural(changed, 'article')} changed in the seeds folder: re-index"
        return "up to date with the seeds folder"

    def reindex(self, progress: gr.Progress = gr.Progress(track_tqdm=True)) -> tuple[str, str]:  # noqa: B008
        """Bring the index up to date with the seeds folder, then reopen it for answering."""
        progress(0.0, desc="Reading the articles")
        with self._busy:
            try:
                report = rag.service.index(self.settings, rebuild=False, progress=True)
            except UserError as error:
                raise gr.Error(str(error)) from error
            if report.changed:
                progress(0.9, desc="Reopening the index")
                self.chain = AnswerChain(self.settings, model=self.chain.model).load()
        summary = (
            f"{len(report.added)} added, {len(report.updated)} updated, {len(report.removed)} removed, "
            f"{len(report.unchanged)} unchanged; {report.chunks_embedded} chunks embedded"
        )
        if report.skipped:
            summary += f"; {len(report.skipped)} file(s) skipped"
        self.last_index_report = summary
        log.info("re-index: %s", summary)
        gr.Info(f"Index {'updated' if report.changed else 'already up to date'}: {summary}")
        return self.overview()


def build_app(service: ChatService) -> gr.Blocks:
    """The Blocks app for ``service`` (launch it with :func:`launch_app`)."""
    with gr.Blocks(title="Contested news Q&A", analytics_enabled=False, fill_width=True) as demo:
        turns = gr.State([])
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=420):
                gr.HTML(
                    '<div class="rag-header"><h1>Contested news Q&amp;A</h1>'
                    "<p>Answers come only from the indexed articles. Every sentence cites its source, "
                    "and claims stay attributed to whoever made them.</p></div>"
                )
                chatbot = gr.Chatbot(
                    elem_id="rag-chat",
                    label="Conversation",
                    show_label=False,
                    height=640,
                    render_markdown=False,  # messages are HTML built (and escaped) by ui.render
                    sanitize_html=True,
                    allow_tags=False,
                    latex_delimiters=[],
                    feedback_options=None,
                    buttons=[],
                    placeholder="Ask a question about the articles, or pick an example on the right.",
                )
                with gr.Row():
                    box = gr.Textbox(
                        elem_id="rag-question",
                        placeholder="Ask about the articles… (Enter to send)",
                        show_label=False,
                        scale=6,
                        autofocus=True,
                        max_length=2000,
                    )
                    send = gr.Button("Ask", variant="primary", scale=1, min_width=90, elem_id="rag-ask")
                    new_chat = gr.Button("New chat", scale=1, min_width=90, elem_id="rag-new")
            with gr.Column(scale=1, min_width=300, elem_id="rag-side"):
                gr.Examples(EXAMPLES, inputs=box, label="Try asking", examples_per_page=len(EXAMPLES))
                gr.Markdown("### Model and index")
                status = gr.HTML(elem_id="rag-status")
                reindex = gr.Button("Re-index the seeds folder", size="sm", elem_id="rag-reindex")
                gr.Markdown("### Articles")
                articles = gr.HTML(elem_id="rag-articles")
                with gr.Accordion("Last answer as JSON", open=False):
                    last = gr.JSON(show_label=False)

        gr.on(
            [box.submit, send.click],
            service.chat,
            inputs=[box, turns],
            outputs=[box, chatbot, turns, last],
            api_name="chat",
            concurrency_limit=1,
            concurrency_id=MODEL_GROUP,
            show_progress="minimal",
        )
        new_chat.click(lambda: ([], [], None), outputs=[chatbot, turns, last], api_visibility="private", queue=False)
        chatbot.clear(lambda: ([], None), outputs=[turns, last], api_visibility="private", queue=False)
        reindex.click(
            service.reindex,
            outputs=[articles, status],
            api_name="reindex",
            concurrency_limit=1,
            concurrency_id=MODEL_GROUP,
            show_progress_on=[status],
        )
        demo.load(service.overview, outputs=[articles, status], api_visibility="private")
        gr.api(service.ask, api_name="ask", concurrency_limit=1, concurrency_id=MODEL_GROUP)
    return demo


def theme() -> gr.themes.Base:
    """A calm theme with local fonts only (the app works offline)."""
    return gr.themes.Soft(
        primary_hue="indigo",
        neutral_hue="slate",
        font=["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"],
        font_mono=["ui-monospace", "Consolas", "monospace"],
    )


def launch_app(
    demo: gr.Blocks,
    host: str = "127.0.0.1",
    port: int = 7860,
    share: bool = False,
    block: bool = True,
) -> str:
    """Queue and start ``demo``; returns the local URL. With ``block=False`` the server runs in a thread."""
    demo.queue(default_concurrency_limit=1)
    _, url, _ = demo.launch(
        server_name=host,
        server_port=port,
        share=share,
        prevent_thread_lock=not block,
        quiet=True,
        show_error=True,
        footer_links=["api"],
        theme=theme(),
        css=(HERE / "style.css").read_text(encoding="utf-8"),
        head=HEAD,
    )
    return url


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860, share: bool = False) -> None:
    """Load the chain once and serve the app until interrupted (what ``rag ui`` runs)."""
    chain = rag.service.open_engine(settings)
    log.info("serving %s on http://%s:%d", chain.model_name, host, port)
    launch_app(build_app(ChatService(chain)), host=host, port=port, share=share, block=True)
