"""Rule ``render``: the answer text with citations renumbered 1..k in order of first use, and the Citations."""

from __future__ import annotations

import re

from rag.answer import Citation, Conflict
from rag.policy.draft import Draft, DraftSentence
from rag.sentences import split_sentences, whole_quotations, with_quotes_balanced

# A sentence's closing punctuation, also inside closing quotes: "called “The Godfather.”" ends with "." after "”".
_ENDING = re.compile(r"(?P<body>.*?)(?P<end>[.!?]*)(?P<close>[\"'”’)\]]*)", re.DOTALL)


class Render:
    """Write the sentences out, each ending with its own ``[n]`` markers, and build the API citations.

    Why: readers check an answer by its numbers; numbering by first use and one marker per passage (never
    ``[1, 3]``) keeps that simple, and every sentence, even one the model ran together, carries its marks (a
    quotation of several sentences is one). A sentence is written once, with every passage that states it.
    A sentence cut from inside a quotation keeps its quotation marks at both ends: the words are still quoted.
    """

    name = "render"

    def apply(self, draft: Draft) -> None:
        draft.sentences = _merged(draft.sentences)
        order: dict[int, int] = {}
        for sentence in draft.sentences:
            for number in sentence.cites:
                order.setdefault(number, len(order) + 1)
        pieces = []
        for sentence in draft.sentences:
            marks = "".join(f"[{order[n]}]" for n in sentence.cites)
            text = with_quotes_balanced(sentence.text)
            for part in whole_quotations(split_sentences(text), text):
                body, end, close = _ENDING.fullmatch(part.text.strip()).group("body", "end", "close")
                if close and end[-1:] in ("?", "!"):  # a quoted question stays one: “Why ...?” [1]
                    pieces.append(f"{body.rstrip()}{end}{close} {marks}")
                else:
                    pieces.append(f"{body.rstrip()}{close} {marks}{end[-1:] or '.'}")
        draft.answer = " ".join(pieces)
        draft.citations = [_citation(draft.passage(old), new) for old, new in sorted(order.items(), key=lambda i: i[1])]
        draft.found_conflicts = [
            Conflict(about, [order[n] for n in numbers if n in order]) for about, numbers in draft.conflicts
        ]


def _merged(sentences: list[DraftSentence]) -> list[DraftSentence]:
    """The sentences, each text once: a sentence two articles state word for word ("Mayfield wins Walter Camp
    Award" in two snippets) is written once and cites both."""
    kept: dict[str, DraftSentence] = {}
    for sentence in sentences:
        same = kept.get(sentence.text.rstrip(" ."))
        if same is None:
            kept[sentence.text.rstrip(" .")] = sentence
        else:
            same.cites = [*same.cites, *(n for n in sentence.cites if n not in same.cites)]
    return list(kept.values())


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
