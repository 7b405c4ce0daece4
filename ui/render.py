"""HTML for the chat, the article list and the article reader, built from answer dicts (``Answer.to_dict()``).

Every string that comes from an article, from the model or from the user goes through :func:`esc`
(``html.escape``) before it is placed in markup; the only tags in the output are the ones written here.
The Chatbot shows these strings as HTML (``render_markdown=False``), with Gradio's sanitizer as a second
line of defence, so an article containing ``<script>`` shows the tag as text. The sanitizer drops ``data-*``
and ``aria-*`` attributes, so what the page's script needs from a chat message travels in ``href`` and in
hidden ``<pre>`` elements.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from rag.answer import answer_markdown
from rag.lexical import terms
from rag.sentences import split_sentences, whole_quotations
from rag.service import ArticleInfo

_CITATION = re.compile(r"\[(\d+)\]")
OPEN_LINK = "#rag-open/"  # href prefix of "read the whole article" links: #rag-open/<doc_id>/<start>


def esc(text: object) -> str:
    """``text`` as HTML-safe text (quotes escaped too, so it is safe inside attributes)."""
    return html.escape(str(text), quote=True)


def plural(count: int, noun: str) -> str:
    """``count`` and ``noun``, with an s when there are several (or none)."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def citing_text(answer: str, number: int) -> str:
    """The sentences of ``answer`` that cite ``[number]`` (the whole answer when none does)."""
    marker = f"[{number}]"
    sentences = [s.text for s in whole_quotations(split_sentences(answer), answer) if marker in s.text]
    return " ".join(sentences) or answer


def highlight_spans(passage: str, answer: str, number: int) -> list[tuple[int, int]]:
    """Offsets of the passage sentence(s) that share the most content words with the sentences citing it.

    Deterministic: every sentence with the top overlap is chosen; nothing is chosen when no word is shared.
    """
    wanted = terms(_CITATION.sub(" ", citing_text(answer, number)))
    scored = [(len(terms(s.text) & wanted), s) for s in split_sentences(passage)]
    best = max((score for score, _ in scored), default=0)
    return [(s.start, s.end) for score, s in scored if best and score == best]


def marked(text: str, spans: Iterable[tuple[int, int]], focus: int | None = None) -> str:
    """``text`` as HTML with each (start, end) span in ``<mark>`` (overlapping spans merged); the span holding
    offset ``focus`` gets ``id="rag-focus"``."""
    parts, cursor = [], 0
    for start, end in merge_spans(spans):
        parts.append(esc(text[cursor:start]))
        target = ' id="rag-focus"' if focus is not None and start <= focus < end else ""
        parts.append(f"<mark{target}>{esc(text[start:end])}</mark>")
        cursor = end
    parts.append(esc(text[cursor:]))
    return "".join(parts)


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans sorted, with overlapping or touching ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _anchor(turn: int, number: int) -> str:
    return f"rag-t{turn}-c{number}"


def linked_answer(answer: dict, turn: int) -> str:
    """The answer text as HTML, each ``[n]`` a link to source n of this turn."""
    titles = {c["id"]: c["title"] or c["doc_id"] for c in answer.get("citations", [])}

    def link(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if number not in titles:
            return match.group(0)
        return (
            f'<a class="rag-cite" href="#{_anchor(turn, number)}" title="Source {number}: {esc(titles[number])}">'
            f"[{number}]</a>"
        )

    return _CITATION.sub(link, esc(answer.get("answer", "")))


def open_link(doc_id: str, start: int = -1) -> str:
    """The href that opens article ``doc_id`` in the reader, scrolled to the passage at ``start``."""
    return f"{OPEN_LINK}{esc(quote(doc_id, safe=''))}/{start}"


def render_sources(answer: dict, turn: int) -> str:
    """A collapsible block with each cited passage: title, outlet, attribution, the cited span marked, and a
    link to the whole article."""
    citations = answer.get("citations", [])
    if not citations:
        return ""
    items = []
    for c in citations:
        meta = [f'<span class="rag-outlet">{esc(c["outlet"] or "outlet unknown")}</span>']
        if c.get("attributed_to"):
            meta.append(f'<span class="rag-attribution">attributed to {esc(c["attributed_to"])}</span>')
        passage = marked(c["text"], highlight_spans(c["text"], answer["answer"], c["id"]))
        items.append(
            f'<div class="rag-source" id="{_anchor(turn, c["id"])}">'
            f'<div class="rag-source-head"><span class="rag-num">{c["id"]}</span>'
            f'<span class="rag-title">{esc(c["title"] or c["doc_id"])}</span></div>'
            f'<div class="rag-source-meta">{" · ".join(meta)}</div>'
            f'<blockquote class="rag-passage">{passage}</blockquote>'
            f'<a class="rag-open" href="{open_link(c["doc_id"], c["start"])}">Read the whole article</a>'
            "</div>"
        )
    return f'<details class="rag-sources"><summary>Sources ({len(citations)})</summary>{"".join(items)}</details>'


def render_conflicts(answer: dict) -> str:
    """A note for each point on which the cited sources disagree."""
    notes = []
    for conflict in answer.get("conflicts", []):
        refs = " and ".join(f"[{n}]" for n in conflict["citations"])
        notes.append(
            '<div class="rag-conflict"><span class="rag-conflict-label">Sources disagree</span> '
            f"on {esc(conflict['about'])}: compare {refs}.</div>"
        )
    return "".join(notes)


def render_answer(answer: dict, turn: int) -> str:
    """One final answer: text with linked citations, conflict notes, Sources, a Copy button and a footer.

    Copy takes the answer with its numbered sources as Markdown from the hidden ``pre.rag-md``.
    """
    footer = []
    if "total_s" in answer.get("timings", {}):
        footer.append(f"{answer['timings']['total_s']:.1f} s")
    standalone = answer.get("standalone_question", "")
    if standalone and standalone != answer.get("question"):
        footer.append(f"understood as “{esc(standalone)}”")
    tools = (
        '<div class="rag-tools"><button type="button" class="rag-copy">Copy answer</button>'
        f'<span class="rag-footer">{" · ".join(footer)}</span></div>'
        f'<pre class="rag-md" hidden>{esc(answer_markdown(answer))}</pre>'
    )
    if answer.get("refused"):
        return (
            '<div class="rag-answer rag-refused"><span class="rag-badge">Not in the articles</span>'
            f'<div class="rag-text">{esc(answer.get("answer", ""))}</div>{tools}</div>'
        )
    return (
        f'<div class="rag-answer"><div class="rag-text">{linked_answer(answer, turn)}</div>'
        f"{render_conflicts(answer)}{render_sources(answer, turn)}{tools}</div>"
    )


def render_pending(draft: str = "") -> str:
    """The placeholder while an answer is on its way: the model's raw draft, marked as unchecked."""
    if not draft:
        return '<div class="rag-answer rag-pending"><div class="rag-text">Searching the articles…</div></div>'
    return (
        '<div class="rag-answer rag-pending"><div class="rag-text">'
        f'{esc(draft)}<span class="rag-caret"></span></div>'
        '<div class="rag-footer">draft · citations are checked before the answer is final</div></div>'
    )


def render_error(message: str) -> str:
    return f'<div class="rag-answer rag-error"><span class="rag-badge">Error</span><div>{esc(message)}</div></div>'


def render_stopped() -> str:
    return (
        '<div class="rag-answer rag-stopped"><span class="rag-badge">Stopped</span>'
        '<div class="rag-text">You stopped this answer; its draft was discarded.</div></div>'
    )


def render_turn(turn: dict, number: int) -> str:
    """The assistant's message for one finished turn: an answer, an error, or a stopped answer."""
    if "error" in turn:
        return render_error(turn["error"])
    if turn.get("stopped"):
        return render_stopped()
    return render_answer(turn, number)


def render_chat(turns: Sequence[dict], pending: tuple[str, str] | None = None) -> list[dict]:
    """Chatbot messages for the finished ``turns`` and, optionally, a (question, placeholder HTML) in progress."""
    messages = []
    for number, turn in enumerate(turns):
        messages.append({"role": "user", "content": esc(turn["question"])})
        messages.append({"role": "assistant", "content": render_turn(turn, number)})
    if pending is not None:
        messages.append({"role": "user", "content": esc(pending[0])})
        messages.append({"role": "assistant", "content": pending[1]})
    return messages


def answered(turns: Iterable[dict]) -> list[dict]:
    """The turns that hold an answer (not an error, not a stopped answer)."""
    return [t for t in turns if "error" not in t and not t.get("stopped")]


def conversation_markdown(turns: Sequence[dict]) -> str:
    """The conversation's answers, each with its numbered sources, as one Markdown document."""
    parts = [answer_markdown(t) for t in answered(turns)]
    return "# Conversation\n\n" + "\n\n---\n\n".join(parts) + "\n"


def conversation_json(turns: Sequence[dict]) -> str:
    """The conversation's answers as a JSON array of ``rag ask --json`` objects."""
    return json.dumps(answered(turns), ensure_ascii=False, indent=2) + "\n"


def render_articles(rows: Iterable[ArticleInfo], removable: bool) -> str:
    """The articles in the index: each title opens the article; with ``removable``, a Remove button each."""
    items = []
    for r in rows:
        title = esc(r.title or r.doc_id)
        remove = (
            f'<button type="button" class="rag-link rag-remove" data-action="remove" data-doc="{esc(r.doc_id)}" '
            f'aria-label="Remove {title}">Remove</button>'
            if removable
            else ""
        )
        meta = " · ".join(filter(None, [r.outlet or "outlet not stated", r.published]))
        items.append(
            f'<li><button type="button" class="rag-link rag-article-title" data-action="open" '
            f'data-doc="{esc(r.doc_id)}">{title}</button>'
            f'<span class="rag-article-meta">{esc(meta)} · {plural(r.chunks, "passage")}{remove}</span></li>'
        )
    if not items:
        return '<p class="rag-muted">No articles yet.</p>'
    return f'<ol class="rag-articles">{"".join(items)}</ol>'


def render_reader(
    doc_id: str,
    title: str,
    outlet: str,
    text: str,
    cited: Sequence[tuple[int, int]],
    focus: int | None,
    removable: bool,
) -> str:
    """The whole article, each passage cited in this conversation marked (the one holding offset ``focus``
    with ``id="rag-focus"``); ``Close`` and, with ``removable``, ``Remove`` buttons."""
    spans = merge_spans(cited)
    count = f"{plural(len(spans), 'passage')} cited in this conversation" if spans else "not cited yet"
    remove = (
        f'<button type="button" class="rag-button rag-remove" data-action="remove" data-doc="{esc(doc_id)}">'
        "Remove this article…</button>"
        if removable
        else ""
    )
    return (
        '<section class="rag-reader" aria-labelledby="rag-reader-title">'
        f'<div class="rag-reader-head"><h2 id="rag-reader-title">{esc(title or doc_id)}</h2>'
        f'<button type="button" class="rag-button" data-action="close">Close the article</button></div>'
        f'<p class="rag-reader-meta">{esc(outlet or "outlet unknown")} · {count}{remove}</p>'
        f'<div class="rag-reader-text">{marked(text, spans, focus)}</div></section>'
    )


def render_notice(message: str = "") -> str:
    """A one-line message under the question box (a live region: screen readers announce it)."""
    return f'<p class="rag-notice" role="status" aria-live="polite">{esc(message)}</p>'


def render_status(facts: Sequence[tuple[str, str]]) -> str:
    """A small definition list of (label, value) facts about the model and the index."""
    rows = "".join(f"<dt>{esc(label)}</dt><dd>{esc(value)}</dd>" for label, value in facts)
    return f'<dl class="rag-status">{rows}</dl>'
