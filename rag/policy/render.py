"""Rule ``render``: the answer text with citations renumbered 1..k in order of first use, and the Citations."""

from __future__ import annotations

import re

from rag.answer import Citation, Conflict
from rag.policy.draft import Draft
from rag.sentences import split_sentences

# A sentence's closing punctuation, also inside closing quotes: "called “The Godfather.”" ends with "." after "”".
_ENDING = re.compile(r"(?P<body>.*?)(?P<end>[.!?]*)(?P<close>[\"'”’)\]]*)", re.DOTALL)


class Render:
    """Write the sentences out, each ending with its own ``[n]`` markers, and build the API citations.

    Why: readers check an answer by its numbers; numbering by first use and one marker per passage (never
    ``[1, 3]``) keeps that simple, and every sentence, even one the model ran together, carries its marks.
    """

    name = "render"

    def apply(self, draft: Draft) -> None:
        order: dict[int, int] = {}
        for sentence in draft.sentences:
            for number in sentence.cites:
                order.setdefault(number, len(order) + 1)
        pieces = []
        for sentence in draft.sentences:
            marks = "".join(f"[{order[n]}]" for n in sentence.cites)
            for part in split_sentences(sentence.text):
                body, end, close = _ENDING.fullmatch(part.text.strip()).group("body", "end", "close")
                pieces.append(f"{body.rstrip()}{close} {marks}{end[-1:] or '.'}")
        draft.answer = " ".join(pieces)
        draft.citations = [_citation(draft.passage(old), new) for old, new in sorted(order.items(), key=lambda i: i[1])]
        draft.found_conflicts = [
            Conflict(about, [order[n] for n in numbers if n in order]) for about, numbers in draft.conflicts
        ]


def _citation(passage, number: int) -> Citation:
    return Citation(
        id=number,
        doc_id=passage.doc_id,
        title=passage.title or passage.label,
        outlet=passage.outlet,
        attributed_to=passage.attributed_to,
        text=passage.text,
        start=passage.start,
        end=passage.end,
        published=passage.published,
        url=passage.url,
        page=passage.page,
    )
