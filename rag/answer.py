"""What ``rag`` returns: an answer with numbered citations, conflicts and timings.

``Answer.to_dict()`` is the stable ``--json`` contract that the evals and other tools rely on.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Citation:
    """A cited passage: ``text == article_text[start:end]`` of the article ``doc_id``, as its reader extracted it.

    ``published`` is the article's date (``YYYY-MM-DD`` where it could be read) and ``url`` its address, each
    empty when unknown; ``page`` is the page of a PDF the passage is on (None for other formats).
    """

    id: int
    doc_id: str
    title: str
    outlet: str
    attributed_to: str
    text: str
    start: int
    end: int
    published: str = ""
    url: str = ""
    page: int | None = None


@dataclass(frozen=True)
class Conflict:
    """A point on which the cited sources disagree."""

    about: str
    citations: list[int]


@dataclass(frozen=True)
class Decision:
    """One step of the answer policy: which rule did what, to which sentence, and why (``rag ask --explain``)."""

    rule: str  # the rule's name, e.g. "support"
    action: str  # e.g. "kept", "re-cited", "replaced", "removed", "attributed", "refused"
    reason: str
    sentence: str = ""


@dataclass
class Answer:
    question: str
    answer: str
    citations: list[Citation] = field(default_factory=list)
    refused: bool = False
    conflicts: list[Conflict] = field(default_factory=list)
    model: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    standalone_question: str = ""  # what was retrieved for: the question, or a follow-up rewritten
    decisions: list[Decision] = field(default_factory=list)

    def to_dict(self, explain: bool = False) -> dict:
        """The ``--json`` contract; ``explain`` adds the policy's decisions."""
        data = {
            "question": self.question,
            "answer": self.answer,
            "citations": [asdict(c) for c in self.citations],
            "refused": self.refused,
            "conflicts": [asdict(c) for c in self.conflicts],
            "model": self.model,
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "standalone_question": self.standalone_question or self.question,
        }
        if explain:
            data["decisions"] = [asdict(d) for d in self.decisions]
        return data


def answer_markdown(answer: dict) -> str:
    """An answer (``Answer.to_dict()``) as Markdown a person can paste: the text, conflicts, numbered sources."""
    lines = [f"**Q:** {answer.get('question', '')}", "", answer.get("answer", "")]
    for conflict in answer.get("conflicts", []):
        refs = ", ".join(f"[{n}]" for n in conflict["citations"])
        lines += ["", f"*The sources disagree on {conflict['about']} ({refs}).*"]
    if answer.get("citations"):
        lines += ["", "Sources:"]
    for c in answer.get("citations", []):
        details = [c.get("outlet") or "outlet not stated"]
        details += [c[key] for key in ("published", "url") if c.get(key)]
        if c.get("page"):
            details.append(f"p. {c['page']}")
        if c.get("attributed_to"):
            details.append(f"attributed to {c['attributed_to']}")
        lines.append(f"{c['id']}. {c.get('title') or c['doc_id']} ({'; '.join(details)})")
        lines.append(f"   > {' '.join(c['text'].split())}")
    return "\n".join(lines)
