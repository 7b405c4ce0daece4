"""Sentence-aware chunks of an article, as LlamaIndex nodes carrying offsets and attribution frames.

A chunk is a few consecutive sentences of the article's body (never crossing a page), so a citation can
point at a short passage. Only article text is a passage: the masthead, section and headline lines are
metadata (title, outlet; a snippet's opening fragments are its title), and a snippet's truncated tail
("... marking the first time a team played a ...") keeps only its complete clauses. A sentence that points
back at the one before it ("For this reason, ...") stays in its chunk. The metadata holds the character
offsets into the article text, the article's title, outlet, date, URL, author and file, the page (for a
PDF), the attribution frames that cover the chunk (serialised as JSON because Chroma metadata values must be
scalars) and the sentences of its paragraph before it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from llama_index.core.schema import BaseNode, NodeRelationship, RelatedNodeInfo, TextNode

from rag.attribution import Frame, detect, frames_for_span
from rag.ingest.article import Article
from rag.ingest.readers.metadata import iso_date
from rag.sentences import (
    ELISION,
    Sentence,
    complete_part,
    leans_on_previous,
    resumes_cut,
    split_sentences,
    with_fields_joined,
)

MAX_SENTENCES = 3
MAX_WORDS = 90
MAX_POINTING_EXTRA = 2  # a chunk may grow by this many sentences to keep a pointing sentence with its antecedent
MAX_LEAD_WORDS = 20  # longer fragments before the first chunk are a cut-off text, not a page title
PARAGRAPH_BEFORE = 2  # a chunk keeps this many sentences of its paragraph before it, as what they are about


@dataclass(frozen=True)
class ChunkSpan:
    start: int
    end: int


def chunk_spans(article: Article, max_sentences: int = MAX_SENTENCES, max_words: int = MAX_WORDS) -> list[ChunkSpan]:
    """Group the body's sentences into chunks of at most ``max_sentences`` or about ``max_words`` words.

    A chunk never runs across pages, so that it has one page number.
    """
    spans: list[ChunkSpan] = []
    group: list[Sentence] = []
    words = 0
    previous_end = None
    whole = None
    for sentence in split_sentences(article.text):
        resumed = resumes_cut(whole, sentence)
        whole = sentence
        sentence = complete_part(sentence, resumed) if sentence.start >= article.body_start else None
        if sentence is None:  # header lines and cut-off tails end the chunk before them
            previous_end = None
            continue
        if group and any(group[-1].start < page <= sentence.start for page in article.page_starts):
            previous_end = None
        length = len(sentence.text.split())
        kept_with_previous = leans_on_previous(sentence.text) and len(group) < max_sentences + MAX_POINTING_EXTRA
        full = len(group) >= max_sentences or words + length > max_words
        if group and (previous_end is None or (full and not kept_with_previous)):
            spans.append(ChunkSpan(group[0].start, group[-1].end))
            group, words = [], 0
        group.append(sentence)
        words += length
        previous_end = sentence.end if sentence.end == whole.end else None  # a trimmed tail ends its chunk
    if group:
        spans.append(ChunkSpan(group[0].start, group[-1].end))
    return spans


def lead(article: Article, spans: list[ChunkSpan]) -> str:
    """The fragments of the body before its first chunk, when they are short: a search snippet opens with the
    title of its page ("The 93rd Academy Awards | 2021 ... Chloé Zhao wins Best Director."), which says what
    the rest is about, though it is no sentence to cite."""
    if not spans:
        return ""
    parts = (
        " ".join(part.split()).strip(" |·-;,")
        for part in ELISION.split(article.text[article.body_start : spans[0].start])
    )
    # a date is the snippet's, not a title; nor is the head of a sentence the snippet cut ("upsets X to win")
    parts = [part for part in parts if part and iso_date(part) is None and not part[0].islower()]
    return " ... ".join(parts) if len(" ".join(parts).split()) <= MAX_LEAD_WORDS else ""


def chunk_article(article: Article) -> list[TextNode]:
    """The article's chunks as nodes with ids ``<doc_id>#<n>`` and the metadata the chain needs; an article
    without a headline takes its :func:`lead` as one. A page's field and its date are one sentence
    (:func:`~rag.sentences.with_fields_joined`)."""
    article = replace(article, text=with_fields_joined(article.text))
    frames = detect(article.text)
    nodes = []
    spans = chunk_spans(article)
    sentences = [s for s in split_sentences(article.text) if s.start >= article.body_start]
    title = article.title or lead(article, spans)
    for number, span in enumerate(spans):
        covering = frames_for_span(frames, span.start, span.end)
        page = article.page_at(span.start)
        node = TextNode(
            id_=f"{article.doc_id}#{number}",
            text=article.text[span.start : span.end],
            start_char_idx=span.start,
            end_char_idx=span.end,
            # The article is the node's source document: Chroma stores it as the ``doc_id`` metadata key.
            relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=article.doc_id)},
            metadata={
                "title": title,
                "label": article.label,
                "outlet": article.outlet or "",
                "published": article.published or "",
                "url": article.url or "",
                "author": article.author or "",
                "file": article.file,
                "article_sha256": article.sha256,
                "attributed_to": "; ".join(dict.fromkeys(f.label for f in covering)),
                "frames": json.dumps([f.to_dict() for f in covering]),
                "before": paragraph_before(sentences, span.start),
                **({"page": page} if page is not None else {}),
            },
        )
        # Only the passage text is embedded and shown to the model; the rest is bookkeeping.
        node.excluded_embed_metadata_keys = list(node.metadata)
        node.excluded_llm_metadata_keys = list(node.metadata)
        nodes.append(node)
    return nodes


def paragraph_before(sentences: list[Sentence], start: int) -> str:
    """The sentences of the paragraph a chunk starting at ``start`` opens in, before it (at most
    ``PARAGRAPH_BEFORE``).

    Why: a paragraph names what it is about once ("Zika cases in Florida eclipse the 600 mark. On Tuesday,
    officials discovered a case in Pinellas County"), and a chunk may start after that sentence; what the
    chunk's sentences leave out is stated there, though they are no part of the chunk to cite.
    """
    index = next((i for i, s in enumerate(sentences) if s.start == start), None)
    if index is None:
        return ""
    paragraph = sentences[index].paragraph
    return " ".join(s.text for s in sentences[max(0, index - PARAGRAPH_BEFORE) : index] if s.paragraph == paragraph)


def stated_text(node: BaseNode) -> str:
    """The chunk after the sentences of its paragraph before it (:func:`paragraph_before`): what its sentences
    are about, though only the chunk is cited."""
    before = node.metadata.get("before", "")
    return f"{before} {node.get_content()}" if before else node.get_content()


def node_frames(node: TextNode) -> list[Frame]:
    """The attribution frames stored with a node."""
    return [Frame.from_dict(d) for d in json.loads(node.metadata.get("frames") or "[]")]
