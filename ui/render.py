"""HTML for the chat and the side panel, built from answer dicts (``Answer.to_dict()``).

Every string that comes from an article, from the model or from the user goes through :func:`esc`
(``html.escape``) before it is placed in markup; the only tags in the output are the ones written here.
The Chatbot shows these strings as HTML (``render_markdown=False``), with Gradio's sanitizer as a second
line of defence, so an article containing ``<script>`` shows the tag as text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rag.lexical import terms
from rag.sentences import split_sentences

_CITATION = re.compile(r"\[(\d+)\]")


def esc(text: object) -> str:
    """``text`` as HTML-safe text (quotes escaped too, so it is safe inside attributes)."""
    return html.escape(str(text), quote=True)


def plural(count: int, noun: str) -> str:
    """``count`` and ``noun``, with an s when there are several (or none)."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def citing_text(answer: str, number: int) -> str:
    """The sentences of ``answer`` that cite ``[number]`` (the whole answer when none does)."""
    marker = f"[{number}]"
    sentences = [s.text for s in split_sentences(answer) if marker in s.text]
    return " ".join(sentences) or answer


def highlight_spans(passage: str, answer: str, number: int) -> list[tuple[int, int]]:
    """Offsets of the passage sentence(s) that share the most content words with the sentences citing it.

    Deterministic: every sentence with the top overlap is chosen; nothing is chosen when no word is shared.
    """
    wanted = terms(_CITATION.sub(" ", citing_text(answer, number)))
    scored = [(len(terms(s.text) & wanted), s) for s in split_sentences(passage)]
    best = max((score for score, _ in scored), default=0)
    return [(s.start, s.end) for score, s in scored if best and score == best]


def highlighted_passage(passage: str, answer: str, number: int) -> str:
    """The passage as HTML with the cited sentence(s) in ``<mark>``."""
    parts, cursor = [], 0
    for start, end in highlight_spans(passage, answer, number):
        parts.append(esc(passage[cursor:start]))
        parts.append(f"<mark>{esc(passage[start:end])}</mark>")
        cursor = end
    parts.append(esc(passage[cursor:]))
    return "".join(parts)


def _anchor(turn: int, number: int) -> str:
    return f"rag-t{turn}-c{number}"


def linked_answer(answer: dict, turn: int) -> str:
    """The answer text as HTML, each ``[n]`` a link to source n of this turn."""
    titles = {c["id"]: c["title"] or c["doc_id"] for c in answer.get("citations", [])}

    def link(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if number not in titles:
            return match.group(0)
        return f'<a class="rag-cite" href="#{_anchor(turn, number)}" title="{esc(titles[number])}">[{number}]</a>'

    return _CITATION.sub(link, esc(answer.get("answer", "")))


def render_sources(answer: dict, turn: int) -> str:
    """A collapsible block with each cited passage: title, outlet, attribution, the cited span marked."""
    citations = answer.get("citations", [])
    if not citations:
        return ""
    items = []
    for c in citations:
        meta = [f'<span class="rag-outlet">{esc(c["outlet"] or "outlet unknown")}</span>']
        if c.get("attributed_to"):
            meta.append(f'<span class="rag-attribution">attributed to {esc(c["attributed_to"])}</span>')
        items.append(
            f'<div class="rag-source" id="{_anchor(turn, c["id"])}">'
            f'<div class="rag-source-head"><span class="rag-num">{c["id"]}</span>'
            f'<span class="rag-title">{esc(c["title"] or c["doc_id"])}</span></div>'
            f'<div class="rag-source-meta">{" · ".join(meta)}</div>'
            f'<blockquote class="rag-passage">{highlighted_passage(c["text"], answer["answer"], c["id"])}</blockquote>'
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
    """One final answer: text with linked citations, conflict notes, Sources, and a small footer."""
    footer = [esc(answer.get("model", ""))]
    if "total_s" in answer.get("timings", {}):
        footer.append(f"{answer['timings']['total_s']:.1f} s")
    standalone = answer.get("standalone_question", "")
    if standalone and standalone != answer.get("question"):
        footer.append(f"understood as “{esc(standalone)}”")
    if answer.get("refused"):
        return (
            '<div class="rag-answer rag-refused"><span class="rag-badge">Not in the articles</span>'
            f'<div class="rag-text">{esc(answer.get("answer", ""))}</div>'
            f'<div class="rag-footer">{" · ".join(footer)}</div></div>'
        )
    return (
        f'<div class="rag-answer"><div class="rag-text">{linked_answer(answer, turn)}</div>'
        f"{render_conflicts(answer)}{render_sources(answer, turn)}"
        f'<div class="rag-footer">{" · ".join(footer)}</div></div>'
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


def render_chat(turns: Sequence[dict], pending: tuple[str, str] | None = None) -> list[dict]:
    """Chatbot messages for the finished ``turns`` and, optionally, a (question, placeholder HTML) in progress."""
    messages = []
    for number, turn in enumerate(turns):
        messages.append({"role": "user", "content": esc(turn["question"])})
        body = render_error(turn["error"]) if "error" in turn else render_answer(turn, number)
        messages.append({"role": "assistant", "content": body})
    if pending is not None:
        messages.append({"role": "user", "content": esc(pending[0])})
        messages.append({"role": "assistant", "content": pending[1]})
    return messages


@dataclass(frozen=True)
class ArticleRow:
    """One article of the index, as the side panel lists it."""

    doc_id: str
    title: str
    outlet: str
    chunks: int


def render_articles(rows: Iterable[ArticleRow]) -> str:
    """The articles in the index: title, outlet and number of chunks."""
    items = [
        f'<li><span class="rag-article-title">{esc(r.title or r.doc_id)}</span>'
        f'<span class="rag-article-meta">{esc(r.outlet or "outlet unknown")} · '
        f"{plural(r.chunks, 'chunk')}</span></li>"
        for r in rows
    ]
    if not items:
        return '<p class="rag-muted">No articles are indexed.</p>'
    return f'<ol class="rag-articles">{"".join(items)}</ol>'


def render_status(facts: Sequence[tuple[str, str]]) -> str:
    """A small definition list of (label, value) facts about the model and the index."""
    rows = "".join(f"<dt>{esc(label)}</dt><dd>{esc(value)}</dd>" for label, value in facts)
    return f'<dl class="rag-status">{rows}</dl>'
