"""The Gradio app: a chat over the articles, with sources; the articles can be added, opened and removed.

The model is loaded once per process (:class:`ChatService` holds the one :class:`AnswerChain`). Every event
that uses the model or the embedder (answers, the ``ask`` API, adding, removing and re-indexing articles)
runs in the ``model`` concurrency group with a limit of 1, so requests from many users queue instead of
sharing llama.cpp.

A question goes through two events: ``start`` (not queued: it checks the question, clears the box and shows
the question at once) and then ``answer`` (queued: it streams the draft and ends with the checked answer).
``start`` registers a :class:`Run` for the browser session; *Stop* and *New chat* cancel it, and the token
callback then ends llama.cpp's generation at its next token.

API endpoints (for ``gradio_client``; see "The web UI" in README.md):

* ``/ask`` (question, history) -> the answer as ``Answer.to_dict()``; stateless.
* ``/chat`` (message) -> streams (the rendered conversation, the final answer dict or None); the conversation
  is kept per client session.
* ``/reindex`` () -> brings the index up to date with the seeds folder and reopens it.
"""

from __future__ import annotations

import hashlib
import logging
import queue
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gradio as gr

import rag.service
from rag.chain import AnswerChain, clean_question
from rag.config import Settings
from rag.errors import UserError
from rag.ingest.build import IndexReport, is_stale
from rag.ingest.corpus import load_corpus
from rag.ingest.readers import READERS
from rag.store import describe_location, manifest_info, open_client
from ui.render import (
    answered,
    conversation_json,
    conversation_markdown,
    esc,
    plural,
    render_articles,
    render_chat,
    render_notice,
    render_pending,
    render_reader,
    render_status,
)

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
MODEL_GROUP = "model"
UPLOAD_MAX_BYTES = 5 << 20  # an uploaded file larger than this is refused (by Gradio, then by add_paths)
EXAMPLES = [
    "who is Dmitry Usov?",
    "Why do former Ukrainian soldiers join Russian forces?",
    "How many Russian soldiers surrendered in Kursk?",
    "What is the capital of France?",
]
BUSY = "An answer is still coming: wait for it, or press Stop. Your question stays in the box."
# Sends the article list's buttons, the reader's buttons and the chat's "Read the whole article" links
# (as a "rag-open" event on the document, see HEAD) to the Python handler of the component's click event.
ARTICLE_JS = """
element.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-action]");
  if (button) trigger("click", {action: button.dataset.action, doc_id: button.dataset.doc || "", start: -1});
});
document.addEventListener("rag-open", (event) => { if (element.isConnected) trigger("click", event.detail); });
"""
# Scrolls to the passage the reader was opened at (or to the reader).
SHOW_READER = "() => (document.getElementById('rag-focus') || document.getElementById('rag-reader')).scrollIntoView()"
HEAD = (HERE / "head.html").read_text(encoding="utf-8")


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


def drain(tokens: queue.Queue[str | None]) -> list[str | None]:
    """Wait for the next item of ``tokens``, then take whatever else has arrived meanwhile."""
    items = [tokens.get()]
    while not tokens.empty():
        items.append(tokens.get_nowait())
    return items


def example_text(event: gr.SelectData) -> str:
    """The question of the example that was picked."""
    return event.value["text"]


class Stopped(Exception):
    """Raised from the token callback to end a generation that was stopped."""


@dataclass
class Run:
    """One answer in progress for a browser session: its question, its streamed tokens, and its cancellation."""

    question: str
    tokens: queue.Queue[str | None] = field(default_factory=queue.Queue)  # None: no more tokens
    stop: threading.Event = field(default_factory=threading.Event)
    discard: bool = False  # New chat: the turn is dropped instead of shown as stopped
    started: bool = False

    def on_token(self, text: str) -> None:
        """The chain's token callback: passes ``text`` on, or ends the generation when the run was stopped."""
        if self.stop.is_set():
            raise Stopped
        self.tokens.put(text)

    def cancel(self, discard: bool) -> None:
        self.discard = self.discard or discard
        self.stop.set()
        self.tokens.put(None)


class ChatService:
    """The loaded chain and the handlers the app's events call; ``read_only`` refuses adding and removing."""

    def __init__(self, chain: AnswerChain, read_only: bool = False) -> None:
        self.chain = chain
        self.read_only = read_only
        self.last_change = ""
        # Held while the model or the embedder works. Gradio's queue already runs these events one at a
        # time; this also covers an answer still finishing after it was stopped, and the index being
        # swapped under the chain when articles are added or removed.
        self._busy = threading.Lock()
        self._runs: dict[str, Run] = {}  # by browser session
        self._runs_lock = threading.Lock()
        self._exports = Path(tempfile.mkdtemp(prefix="rag-ui-exports-"))

    @property
    def settings(self) -> Settings:
        return self.chain.settings

    # -- questions and answers -------------------------------------------------------------------------

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

    def start(self, message: str, turns: list[dict], request: gr.Request) -> tuple[Any, Any, str, str]:
        """Take the question from the box: (box, chatbot, notice, question for :meth:`answer`).

        A question that is empty or too long, or one sent while this session's answer is still coming, stays
        in the box with a notice saying why; the question passed on is then empty.
        """
        try:
            question = clean_question(message)
        except UserError as error:
            return gr.skip(), gr.skip(), render_notice(f"{str(error).capitalize()}: nothing was sent."), ""
        with self._runs_lock:
            if request.session_hash in self._runs:
                return gr.skip(), gr.skip(), render_notice(BUSY), ""
            self._runs[request.session_hash] = Run(question)
        return "", render_chat(turns, (question, render_pending())), render_notice(), question

    def answer(self, question: str, turns: list[dict], request: gr.Request) -> Iterator[tuple[Any, Any, Any]]:
        """Answer the question :meth:`start` took; yields (chatbot, turns, final answer dict or None)."""
        run = self._runs.get(request.session_hash)
        if not question or run is None or run.started or run.question != question:
            yield gr.skip(), gr.skip(), gr.skip()
            return
        yield from self._stream(run, request.session_hash, turns)

    def chat(self, message: str, turns: list[dict], request: gr.Request) -> Iterator[tuple[Any, Any, Any]]:
        """The ``/chat`` API: check the question, then stream as :meth:`answer` does."""
        try:
            question = clean_question(message)
        except UserError as error:
            raise gr.Error(str(error)) from error
        run = Run(question)
        with self._runs_lock:
            if request.session_hash in self._runs:
                raise gr.Error(BUSY)
            self._runs[request.session_hash] = run
        yield from self._stream(run, request.session_hash, turns)

    def _stream(self, run: Run, session: str, turns: list[dict]) -> Iterator[tuple[Any, Any, Any]]:
        """Stream the model's draft, then replace it by the checked answer (or by a stopped note)."""
        run.started = True
        turns = list(turns or [])
        try:
            if run.stop.is_set():  # stopped while it waited for the model
                yield self._stopped(run, turns)
                return
            outcome: dict[str, Any] = {}
            history = [(t["question"], t["answer"]) for t in answered(turns)]
            worker = threading.Thread(target=self._work, args=(run, history, outcome), name="rag-answer", daemon=True)
            worker.start()
            draft = ""
            while None not in (pieces := drain(run.tokens)):
                draft += "".join(pieces)
                yield render_chat(turns, (run.question, render_pending(draft))), turns, None
            if run.stop.is_set():  # the worker ends the generation at its next token; no need to wait
                yield self._stopped(run, turns)
                return
            worker.join()
            if "answer" in outcome:
                turns.append(outcome["answer"])
                yield render_chat(turns), turns, outcome["answer"]
                return
            error = outcome["error"]
            if not isinstance(error, UserError):
                log.error("answering %r failed", run.question, exc_info=error)
            turns.append({"question": run.question, "error": str(error) or type(error).__name__})
            yield render_chat(turns), turns, None
        finally:
            with self._runs_lock:
                if self._runs.get(session) is run:
                    del self._runs[session]

    def _work(self, run: Run, history: list[tuple[str, str]], outcome: dict[str, Any]) -> None:
        """Answer ``run``'s question (in a worker thread), the draft going to ``run.tokens``."""
        try:
            with self._busy:
                if run.stop.is_set():
                    raise Stopped
                outcome["answer"] = self.chain.ask(run.question, history=history, on_token=run.on_token).to_dict()
        except Stopped:
            log.info("stopped answering %r", run.question)
        except Exception as error:  # shown in the chat; logged by the caller
            outcome["error"] = error
        finally:
            run.tokens.put(None)

    @staticmethod
    def _stopped(run: Run, turns: list[dict]) -> tuple[list[dict], list[dict], None]:
        """The chat after ``run`` was stopped: the question marked as stopped, or, after New chat, nothing."""
        if run.discard:
            return [], [], None
        turns = [*turns, {"question": run.question, "stopped": True}]
        return render_chat(turns), turns, None

    def stop(self, request: gr.Request) -> None:
        """Stop this session's answer; its draft is discarded."""
        if (run := self._runs.get(request.session_hash)) is not None:
            run.cancel(discard=False)

    def new_chat(self, request: gr.Request) -> tuple[list, list, None, str, str]:
        """Start over: stop this session's answer and drop it; (chatbot, turns, last answer, notice, reader)."""
        if (run := self._runs.get(request.session_hash)) is not None:
            run.cancel(discard=True)
        return [], [], None, render_notice(), ""

    def forget(self, request: gr.Request) -> None:
        """The page was closed: stop and drop its answer."""
        if (run := self._runs.pop(request.session_hash, None)) is not None:
            run.cancel(discard=True)

    def exports(self, turns: list[dict], request: gr.Request) -> tuple[gr.DownloadButton, gr.DownloadButton]:
        """The conversation as Markdown and as JSON files for the two export buttons."""
        if not answered(turns or []):
            return gr.DownloadButton(value=None, interactive=False), gr.DownloadButton(value=None, interactive=False)
        folder = self._exports / hashlib.sha256(request.session_hash.encode()).hexdigest()[:32]  # never a path
        folder.mkdir(exist_ok=True)
        markdown, data = folder / "conversation.md", folder / "conversation.json"
        markdown.write_text(conversation_markdown(turns), encoding="utf-8")
        data.write_text(conversation_json(turns), encoding="utf-8")
        return gr.DownloadButton(value=str(markdown), interactive=True), gr.DownloadButton(
            value=str(data), interactive=True
        )

    # -- the articles ------------------------------------------------------------------------------------

    def overview(self) -> tuple[str, str, str]:
        """The side panel's HTML: the article list, a one-line summary, and the details of model and index."""
        client = open_client(self.settings)
        info = manifest_info(client)
        listed = rag.service.list_articles(self.settings)
        rows = listed
        state = self._index_state(client, {a.doc_id: a.sha256 for a in listed})
        summary = f"{plural(len(rows), 'article')} · {plural(sum(r.chunks for r in rows), 'passage')} indexed. {state}."
        facts = [
            ("Model", self.chain.model_name),
            ("Backend", self.settings.llm),
            ("Built", str(info.get("built_at", "never"))),
            ("Index", self._location()),
            ("Articles folder", str(Path(self.settings.seeds_dir).resolve())),
        ]
        if self.last_change:
            facts.append(("Last change", self.last_change))
        return (
            render_articles(rows, removable=not self.read_only),
            f'<p class="rag-summary">{esc(summary)}</p>',
            render_status(facts),
        )

    def _location(self) -> str:
        """Where the index lives: the Chroma server, or the folder's full path."""
        if self.settings.chroma_url:
            return describe_location(self.settings)
        return str(Path(self.settings.index_dir).resolve())

    def _index_state(self, client: Any, indexed: dict[str, str]) -> str:
        """Is the index in step with the seeds folder?"""
        if not indexed:
            return "Add articles to ask about them"
        if is_stale(client):
            return "Built by other code: re-read the articles folder"
        try:
            seeds = {a.doc_id: a.sha256 for a in load_corpus(self.settings.seeds_dir, self.settings.cache_dir).articles}
        except FileNotFoundError:
            return f"The articles folder {self.settings.seeds_dir} is missing"
        if seeds != indexed:
            changed = len({doc for doc in seeds.keys() | indexed.keys() if seeds.get(doc) != indexed.get(doc)})
            return f"{plural(changed, 'article')} changed in the folder: re-read it"
        return "Up to date with the articles folder"

    def _reopen(self, report: IndexReport) -> str:
        """After the index changed: reopen the chain on the new generation (sharing the loaded model); returns a
        one-line summary of ``report``. Call with ``_busy`` held."""
        if report.changed:
            self.chain = AnswerChain(self.settings, model=self.chain.model).load()
        summary = (
            f"{len(report.added)} added, {len(report.updated)} updated, {len(report.removed)} removed, "
            f"{len(report.unchanged)} unchanged"
        )
        if report.skipped:
            summary += f"; {plural(len(report.skipped), 'file')} skipped"
        self.last_change = summary
        log.info("index changed: %s", summary)
        return summary

    def reindex(self, progress: gr.Progress = gr.Progress(track_tqdm=True)) -> tuple[str, str, str]:  # noqa: B008
        """Bring the index up to date with the seeds folder, then reopen it for answering."""
        progress(0.0, desc="Reading the articles")
        with self._busy:
            try:
                summary = self._reopen(rag.service.index(self.settings, rebuild=False, progress=True))
            except UserError as error:
                raise gr.Error(str(error)) from error
        gr.Info(f"Articles re-read: {summary}")
        return self.overview()

    def add(self, files: list[str] | None) -> tuple[Any, str, str, str, str]:
        """Copy uploaded files into the seeds folder and index them: (upload, articles, summary, details,
        notice)."""
        if self.read_only:
            raise gr.Error("this app is read-only: articles cannot be added")
        if not files:
            return gr.skip(), *self.overview(), render_notice()
        uploads = [Path(f) for f in files]
        try:
            with self._busy:
                report = rag.service.add_paths(self.settings, uploads, max_bytes=UPLOAD_MAX_BYTES)
                if report.index is not None:
                    self._reopen(report.index)
        except UserError as error:
            return None, *self.overview(), render_notice(f"Nothing was added: {error}.")
        finally:
            for upload in uploads:
                upload.unlink(missing_ok=True)
        added = sorted(p.name for p in report.copied)
        refused = [f"{Path(s.path).name} ({s.reason})" for s in report.refused]
        message = f"Added {plural(len(added), 'file')}" + (f": {', '.join(added)}." if added else ".")
        if refused:
            message += f" Not added: {'; '.join(refused)}."
        log.info("upload: %s", message)
        return None, *self.overview(), render_notice(message)

    def on_article(self, turns: list[dict], event: gr.EventData) -> tuple[Any, Any, Any, Any]:
        """A button of the article list or the reader, or a "Read the whole article" link: (reader, confirm
        panel, its text, the article to remove)."""
        data = event._data or {}
        action, doc_id = data.get("action"), str(data.get("doc_id", ""))
        if action == "close":
            return "", gr.skip(), gr.skip(), gr.skip()
        try:
            article = rag.service.read_article(self.settings, doc_id)
        except UserError as error:
            raise gr.Error(str(error)) from error
        if action == "remove" and not self.read_only:
            question = (
                f"Remove “{esc(article.label)}”? Its file is deleted from the articles folder, and answers will "
                "no longer cite it."
            )
            return gr.skip(), gr.Group(visible=True), f'<p class="rag-confirm-text">{question}</p>', doc_id
        cited = [
            (c["start"], c["end"])
            for t in answered(turns or [])
            for c in t.get("citations", [])
            if c["doc_id"] == doc_id
        ]
        start = data.get("start")
        reader = render_reader(
            doc_id,
            article.label,
            article.outlet or "",
            article.text,
            cited,
            start if isinstance(start, int) and start >= 0 else None,
            removable=not self.read_only,
        )
        return reader, gr.skip(), gr.skip(), gr.skip()

    def remove(self, doc_id: str) -> tuple[Any, ...]:
        """Remove the confirmed article: (confirm panel, reader, articles, summary, details, notice)."""
        if self.read_only:
            raise gr.Error("this app is read-only: articles cannot be removed")
        try:
            title = rag.service.read_article(self.settings, doc_id).label
            with self._busy:
                self._reopen(rag.service.remove_articles(self.settings, [doc_id]))
        except UserError as error:
            return gr.Group(visible=False), gr.skip(), *self.overview(), render_notice(f"Nothing was removed: {error}.")
        log.info("removed %s", doc_id)
        notice = render_notice(f"Removed “{title}”: answers no longer cite it.")
        return gr.Group(visible=False), "", *self.overview(), notice


def build_app(service: ChatService) -> gr.Blocks:
    """The Blocks app for ``service`` (launch it with :func:`launch_app`)."""
    editable = not service.read_only
    suffixes = sorted(READERS)
    with gr.Blocks(title="Contested news Q&A", analytics_enabled=False, fill_width=True) as demo:
        turns = gr.State([])
        question = gr.State("")
        doomed = gr.State("")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                gr.HTML(
                    '<header class="rag-header"><h1>Contested news Q&amp;A</h1>'
                    "<p>Answers come only from your articles. Every sentence cites its source, "
                    "and claims stay attributed to whoever made them.</p></header>",
                    js_on_load=None,
                )
                reader = gr.HTML("", elem_id="rag-reader", js_on_load=ARTICLE_JS)
                chatbot = gr.Chatbot(
                    elem_id="rag-chat",
                    label="Conversation",
                    show_label=False,
                    height=600,
                    render_markdown=False,  # messages are HTML built (and escaped) by ui.render
                    sanitize_html=True,
                    allow_tags=False,
                    latex_delimiters=[],
                    feedback_options=None,
                    buttons=[],
                    placeholder="Ask a question about the articles, or pick one of these:",
                    examples=[{"text": example} for example in EXAMPLES],
                )
                with gr.Row(elem_id="rag-ask-row"):
                    box = gr.Textbox(
                        elem_id="rag-question",
                        label="Your question",
                        placeholder="Ask about the articles…",
                        show_label=False,
                        scale=6,
                        min_width=200,
                    )
                    send = gr.Button("Ask", variant="primary", scale=1, min_width=70, elem_id="rag-ask")
                    stop = gr.Button("Stop", variant="stop", scale=1, min_width=70, elem_id="rag-stop")
                    new_chat = gr.Button("New chat", scale=1, min_width=90, elem_id="rag-new")
                notice = gr.HTML(render_notice(), elem_id="rag-notice", js_on_load=None)
                with gr.Row(elem_id="rag-export"):
                    export_md = gr.DownloadButton("Export the chat (Markdown)", size="sm", interactive=False)
                    export_json = gr.DownloadButton("Export the chat (JSON)", size="sm", interactive=False)
            with gr.Column(scale=1, min_width=300, elem_id="rag-side"):
                gr.HTML("<h2>Articles</h2>", js_on_load=None)
                summary = gr.HTML(elem_id="rag-summary", js_on_load=None)
                upload = gr.File(
                    label=f"Add articles ({', '.join(suffixes)}; up to {UPLOAD_MAX_BYTES >> 20} MB each)",
                    file_count="multiple",
                    file_types=suffixes,
                    elem_id="rag-upload",
                    height=120,
                    visible=editable,
                )
                with gr.Group(visible=False, elem_id="rag-confirm") as confirm:
                    confirm_text = gr.HTML(js_on_load=None)
                    with gr.Row():
                        really = gr.Button("Remove", variant="stop", size="sm", elem_id="rag-confirm-remove")
                        keep = gr.Button("Keep it", size="sm", elem_id="rag-confirm-keep")
                articles = gr.HTML(elem_id="rag-articles", js_on_load=ARTICLE_JS)
                with gr.Accordion("Details", open=False, elem_id="rag-details"):
                    status = gr.HTML(elem_id="rag-status", js_on_load=None)
                    reindex = gr.Button("Re-read the articles folder", size="sm", elem_id="rag-reindex")

            api_chat = gr.Button(visible=False)  # the /chat API's event
            last = gr.JSON(visible=False)  # the final answer dict, for the /chat API

        model = {"concurrency_limit": 1, "concurrency_id": MODEL_GROUP}
        side = [articles, summary, status]
        started = gr.on(
            [box.submit, send.click],
            service.start,
            inputs=[box, turns],
            outputs=[box, chatbot, notice, question],
            queue=False,
            api_visibility="private",
        )
        started.success(
            service.answer,
            inputs=[question, turns],
            outputs=[chatbot, turns, last],
            api_visibility="private",
            show_progress="hidden",
            **model,
        )
        api_chat.click(service.chat, inputs=[box, turns], outputs=[chatbot, turns, last], api_name="chat", **model)
        stop.click(service.stop, queue=False, api_visibility="private")
        new_chat.click(
            service.new_chat, outputs=[chatbot, turns, last, notice, reader], queue=False, api_visibility="private"
        )
        chatbot.clear(service.new_chat, outputs=[chatbot, turns, last, notice, reader], api_visibility="private")
        chatbot.example_select(example_text, outputs=box, queue=False, api_visibility="private")
        turns.change(service.exports, inputs=turns, outputs=[export_md, export_json], api_visibility="private")
        for component in (articles, reader):
            opened = component.click(
                service.on_article,
                inputs=turns,
                outputs=[reader, confirm, confirm_text, doomed],
                api_visibility="private",
            )
            opened.then(
                None,
                js=SHOW_READER,
            )
        keep.click(lambda: gr.Group(visible=False), outputs=confirm, queue=False, api_visibility="private")
        if editable:
            upload.upload(
                service.add, inputs=upload, outputs=[upload, *side, notice], api_visibility="private", **model
            )
            really.click(
                service.remove,
                inputs=doomed,
                outputs=[confirm, reader, *side, notice],
                api_visibility="private",
                **model,
            )
        reindex.click(service.reindex, outputs=side, api_name="reindex", show_progress_on=[status], **model)
        demo.load(service.overview, outputs=side, api_visibility="private")
        demo.unload(service.forget)
        gr.api(service.ask, api_name="ask", **model)
    return demo


def theme() -> gr.themes.Base:
    """A calm theme with local fonts only (the app works offline), its text darker (lighter in dark mode) than
    Soft's so that every colour pair meets WCAG AA contrast."""
    return gr.themes.Soft(
        primary_hue="indigo",
        neutral_hue="slate",
        font=["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"],
        font_mono=["ui-monospace", "Consolas", "monospace"],
    ).set(
        body_text_color_subdued="*neutral_600",
        body_text_color_subdued_dark="*neutral_300",
        block_label_text_color="*primary_700",
        block_label_text_color_dark="*primary_50",
        block_title_text_color="*primary_700",
        block_title_text_color_dark="*primary_50",
        input_placeholder_color="*neutral_600",
        input_placeholder_color_dark="*neutral_300",
        link_text_color="*primary_700",
        link_text_color_dark="*primary_300",
        link_text_color_hover="*primary_800",
        link_text_color_hover_dark="*primary_200",
        button_primary_background_fill="*primary_600",
        button_primary_background_fill_hover="*primary_700",
        button_primary_background_fill_dark="*primary_600",
        button_primary_background_fill_hover_dark="*primary_700",
    )


def launch_app(
    demo: gr.Blocks,
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 7860,
    share: bool = False,
    block: bool = True,
) -> str:
    """Queue and start ``demo``; returns the local URL. With ``block=False`` the server runs in a thread.

    Gradio serves only its own upload and cache folders: the articles and the index folders are also blocked
    explicitly, and uploads over ``UPLOAD_MAX_BYTES`` are refused.
    """
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
        max_file_size=UPLOAD_MAX_BYTES,
        blocked_paths=[str(Path(settings.seeds_dir).resolve()), str(Path(settings.index_dir).resolve())],
    )
    return url


def serve(
    settings: Settings, host: str = "127.0.0.1", port: int = 7860, share: bool = False, read_only: bool = False
) -> None:
    """Load the chain once and serve the app until interrupted (what ``rag ui`` runs)."""
    chain = rag.service.open_engine(settings)
    log.info("serving %s on http://%s:%d%s", chain.model_name, host, port, " (read-only)" if read_only else "")
    launch_app(build_app(ChatService(chain, read_only)), settings, host=host, port=port, share=share, block=True)
