"""Passages: the sentences of the retrieved chunks that bear on the question, numbered as the prompt shows them.

Passages are cut to the sentences closest to the question, which keeps prompts short (prompt processing is
the main cost on a CPU) and puts the answer in front of a small model that tends to copy whatever it is
given. Every later stage (the prompt, the answer policy, the citations) works on :class:`Passage` objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import BaseNode, NodeWithScore

from rag.attribution import Frame, frames_for_span
from rag.ingest.chunking import node_frames, stated_text
from rag.injection import is_instruction
from rag.lexical import chunk_evidence, dated, near_twins, terms, words
from rag.sentences import Sentence, leans_on_previous, quotation_start, split_sentences

MAX_SENTENCES = 6
SENTENCE_RELATIVE = 0.6  # sentences scoring below this share of the best one are left out
LEXICAL_BONUS = 0.15  # weight of the share of the question's words a sentence contains


@dataclass(frozen=True)
class Passage:
    """One or more consecutive sentences of a retrieved chunk, as numbered in the prompt.

    ``text == article_text[start:end]``; ``similarity`` is its best sentence's score against the question.
    """

    number: int
    node_id: str
    doc_id: str
    title: str
    outlet: str
    label: str
    text: str
    start: int
    end: int
    similarity: float
    frames: list[Frame] = field(default_factory=list)
    context: str = ""  # the whole chunk the passage was cut from (its text when empty)
    node: BaseNode | None = field(default=None, compare=False, repr=False)  # that chunk
    published: str = ""  # the article's date (ISO where it could be read), its URL, the page (PDF)
    url: str = ""
    page: int | None = None

    @classmethod
    def from_span(cls, number: int, node: BaseNode, start: int, end: int, similarity: float) -> Passage:
        """The part ``[start, end)`` (article offsets) of a retrieved chunk."""
        meta = node.metadata
        offset = node.start_char_idx or 0
        return cls(
            number=number,
            node_id=node.node_id,
            doc_id=node.ref_doc_id or node.node_id.split("#")[0],
            title=meta.get("title", ""),
            outlet=meta.get("outlet", ""),
            label=meta.get("label", ""),
            text=node.get_content()[start - offset : end - offset],
            start=start,
            end=end,
            similarity=similarity,
            frames=frames_for_span(node_frames(node), start, end),
            context=node.get_content(),
            node=node,
            published=meta.get("published", ""),
            url=meta.get("url", ""),
            page=meta.get("page"),
        )

    def sentences(self) -> list[Sentence]:
        """The passage's sentences, with offsets into the article."""
        return [
            Sentence(s.start + self.start, s.end + self.start, s.text, s.paragraph) for s in split_sentences(self.text)
        ]

    def chunk_sentences(self) -> list[Sentence]:
        """The sentences of the whole chunk around the passage, with offsets into the article."""
        if self.node is None:
            return self.sentences()
        offset = self.node.start_char_idx or 0
        return [Sentence(s.start + offset, s.end + offset, s.text, s.paragraph) for s in split_sentences(self.context)]

    def widened(self, number: int, start: int, end: int) -> Passage:
        """Another span ``[start, end)`` of the same chunk, numbered ``number``."""
        if self.node is None:
            raise ValueError("a passage without its chunk cannot be widened")
        return Passage.from_span(number, self.node, start, end, self.similarity)

    def frames_for(self, sentence: Sentence) -> list[Frame]:
        return frames_for_span(self.frames, sentence.start, sentence.end)

    def chunk_frames_for(self, sentence: Sentence) -> list[Frame]:
        """The frames of the whole chunk over a sentence of it, which may lie outside the passage."""
        frames = node_frames(self.node) if self.node is not None else self.frames
        return frames_for_span(frames, sentence.start, sentence.end)

    @property
    def chunk_text(self) -> str:
        """The chunk around the passage: where a fact the question fixes (a year, a place) may be stated."""
        return self.context or self.text

    @property
    def chunk_start(self) -> int:
        """Where :attr:`chunk_text` starts in the article."""
        return (self.node.start_char_idx or 0) if self.node is not None else self.start

    @property
    def stated_text(self) -> str:
        """The chunk with the sentences of its paragraph before it (:func:`~rag.ingest.chunking.stated_text`)."""
        return stated_text(self.node) if self.node is not None else self.chunk_text

    @property
    def dated_text(self) -> str:
        """The :attr:`stated_text`, the month it was published, and the year when it names none
        (:func:`rag.lexical.dated`)."""
        return dated(self.stated_text, self.published)

    @property
    def evidence(self) -> str:
        """What the passage states with whom it comes from: headline, outlet, sources and the dated
        :attr:`stated_text` ("according to the TASS source" is met by a passage attributed to TASS)."""
        return chunk_evidence(self.stated_text, self.published, self.title, self.outlet, self.attributed_to)

    @property
    def attributed_to(self) -> str:
        return "; ".join(dict.fromkeys(frame.label for frame in self.frames))


def select_passages(
    question: str,
    hits: list[NodeWithScore],
    embedder: BaseEmbedding,
    max_sentences: int = MAX_SENTENCES,
    relative: float = SENTENCE_RELATIVE,
) -> list[Passage]:
    """Cut the retrieved chunks down to the sentences that bear on the question.

    Each sentence is scored by its cosine similarity to the question plus a bonus for the question's
    words it contains; the best ``max_sentences`` within ``relative`` of the top score are kept, a kept
    sentence that points back ("For this reason, ...") brings the sentence before it, one that closes a
    quotation brings the sentences since its opening, and neighbouring kept sentences of one chunk become one
    passage. Passages are numbered best first.
    """
    candidates = []
    opening: dict[int, int] = {}  # a candidate that closes a quotation -> the candidate that opens it
    for hit in hits:
        offset = hit.node.start_char_idx or 0
        sentences = split_sentences(hit.node.get_content())
        index: dict[int, int] = {}
        for i, sentence in enumerate(sentences):
            if is_instruction(sentence.text):  # a planted order to the assistant is not news
                continue
            index[i] = len(candidates)
            if (first := quotation_start(sentences, i)) != i and first in index:
                opening[len(candidates)] = index[first]
            candidates.append((hit.node, sentence.start + offset, sentence.end + offset, sentence.text))
    if not candidates:
        return []
    question_vector = np.asarray(embedder.get_query_embedding(question))
    vectors = np.asarray(embedder.get_text_embedding_batch([text for *_, text in candidates]))
    question_terms = terms(question)
    scores = [
        float(vector @ question_vector)
        + LEXICAL_BONUS * len(question_terms & terms(text)) / max(len(question_terms), 1)
        for vector, (*_, text) in zip(vectors, candidates, strict=True)
    ]
    best = max(scores)
    ranked = sorted(range(len(candidates)), key=lambda i: -scores[i])
    kept = {i for i in ranked[:max_sentences] if scores[i] >= best * relative}
    for i in sorted(kept):
        if i > 0 and leans_on_previous(candidates[i][3]) and candidates[i - 1][0] is candidates[i][0]:
            kept.add(i - 1)
        kept.update(range(opening.get(i, i), i))
    kept |= _twins([(node.ref_doc_id or node.node_id, text) for node, *_, text in candidates], kept)
    groups: list[list[int]] = []
    for i in sorted(kept):
        if groups and groups[-1][-1] == i - 1 and candidates[i][0] is candidates[i - 1][0]:
            groups[-1].append(i)
        else:
            groups.append([i])
    groups.sort(key=lambda group: -max(scores[i] for i in group))
    return [
        Passage.from_span(
            number, candidates[g[0]][0], candidates[g[0]][1], candidates[g[-1]][2], max(scores[i] for i in g)
        )
        for number, g in enumerate(groups, start=1)
    ]


def _twins(sentences: list[tuple[str, str]], kept: set[int]) -> set[int]:
    """The sentences (article id, text) of other articles that tell a kept sentence's account in other words
    or figures ("announced on August 17, 2021" / "... on August 17, 2011").

    Why: outlets that copy an account and change one fact are the disagreement a reader must see, and the
    changed figure alone can score a sentence below the cut that keeps its twin.
    """
    sets = [words(text) for _, text in sentences]
    return {
        i
        for i, (article, _) in enumerate(sentences)
        if i not in kept and any(sentences[j][0] != article and near_twins(sets[i], sets[j]) for j in kept)
    }
