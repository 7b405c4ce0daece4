"""What ``rag`` returns: an answer with numbered citations, conflicts and timings.

``Answer.to_dict()`` is the stable ``--json`` contract that the evals and other tools rely on.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Citation:
    """A cited passage: ``text == article_text[start:end]`` of the article ``doc_id``."""

    id: int
    doc_id: str
    title: str
    outlet: str
    attributed_to: str
    text: str
    start: int
    end: int


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
