"""Hybrid retrieval over the current index generation: vector search in Chroma plus BM25, fused by rank.

The fused list is capped per article, so that when several articles give competing accounts of a point
each of them reaches the prompt (unless the other articles' chunks are clearly less relevant: ``pick``), and
another article's near-twin of a chosen chunk is added (``counterparts``).
Chunks that state every fact the question fixes (its years, names, figures: :mod:`rag.question`) come
first, the rest after, each group in fused order; each result's score is the passage's cosine similarity to
the question, which the answer chain compares with its relevance floor.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from functools import cached_property
from typing import TYPE_CHECKING

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from rag import lexicons, nlp
from rag.config import Settings
from rag.embedding import load_embedder
from rag.errors import UserError
from rag.ingest.chunking import stated_text
from rag.lexical import chunk_evidence, mentions, near_twins, words
from rag.question import Question, analyse, initialisms, speaks_for
from rag.store import current_collection, open_client, read_records

if TYPE_CHECKING:
    from collections.abc import Sequence

    from chromadb.api.models.Collection import Collection
    from llama_index.core.schema import BaseNode

log = logging.getLogger(__name__)

RRF_K = 60
MAX_COUNTERPARTS = 2  # at most this many counterparts are added beyond ``top_k``
DIVERSITY_MARGIN = 0.1  # a chunk of another article this much less similar to the question than one held back yields


class HybridRetriever(BaseRetriever):
    """Vector + BM25 retrieval with reciprocal rank fusion and at most ``per_article`` passages an article;
    chunks that state the facts the question fixes come first."""

    def __init__(self, collection: Collection, top_k: int = 4, per_article: int = 2, candidates: int = 24) -> None:
        super().__init__()
        self.collection = collection
        self.top_k = top_k
        self.per_article = per_article
        self.candidates = candidates
        self.embedder = load_embedder()

    @classmethod
    def open(cls, settings: Settings) -> HybridRetriever:
        """The retriever over the index's current generation; UserError when there is none."""
        collection = current_collection(open_client(settings))
        if collection is None or collection.count() == 0:
            raise UserError(f"no index in {settings.index_dir}: run `rag index` first")
        return cls(collection, top_k=settings.top_k)

    @cached_property
    def nodes(self) -> list[TextNode]:
        """Every chunk of the generation, in index order (for BM25 and for the corpus vocabulary)."""
        from llama_index.core.vector_stores.utils import metadata_dict_to_node

        nodes = []
        for record in read_records(self.collection, ["documents", "metadatas"]):
            node = metadata_dict_to_node(record["metadatas"], text=record["documents"])
            nodes.append(node)
        return nodes

    @cached_property
    def _by_id(self) -> dict[str, TextNode]:
        """Every chunk of the generation by its id (``<doc_id>#<n>``)."""
        return {node.node_id: node for node in self.nodes}

    def neighbours(self, nodes: Sequence[BaseNode]) -> list[TextNode]:
        """The chunk after each of ``nodes`` in its article, then for each that opens mid-paragraph the
        paragraph's sentences before it (:func:`run_in`), where they are not one of ``nodes``.

        Why: an article introduces a person and quotes them in the next paragraph ("There was a panoply of
        dignitaries, including George W. Bush, ..." then "''This museum tells the truth ...'' Mr. Bush
        declared"); a question about them retrieves the first and may not reach the second. A chunk may also
        open after the sentence of its paragraph that answers ("Arizona Rep. Raul Grijalva ... will support
        the bill" before "Grijalva was the first Democrat in Congress to endorse Sanders"); the rest of the
        chunk before, another paragraph, may tell of another event.
        """
        have = {node.node_id for node in nodes}
        found = []
        for node in nodes:
            after = self._beside(node, 1)
            if after is not None and after.node_id not in have:
                have.add(after.node_id)
                found.append(after)
        for node in nodes:
            before = self._beside(node, -1)
            piece = run_in(before, node) if before is not None and before.node_id not in have else None
            if piece is not None:
                have.add(piece.node_id)
                found.append(piece)
        return found

    def _beside(self, node: BaseNode, step: int) -> TextNode | None:
        doc, _, number = node.node_id.rpartition("#")
        return self._by_id.get(f"{doc}#{int(number) + step}") if number.isdigit() else None

    @cached_property
    def vocabulary(self) -> Counter[str]:
        """Lower-cased word counts over the whole index (chunks, headlines, outlets), for telling whether the
        corpus mentions a name."""
        texts = (
            " ".join((node.text, node.metadata.get("title", ""), node.metadata.get("outlet", "")))
            for node in self.nodes
        )
        return Counter(w.lower() for text in texts for w in re.findall(r"[\w'’-]+", text))

    @cached_property
    def initialisms(self) -> frozenset[str]:
        """The initialisms of the names the articles write out ("CDC" for "Centers for Disease Control"), for
        telling whether the corpus mentions a name a question gives by its initials."""
        return frozenset(i for node in self.nodes for i in initialisms(node.text))

    @cached_property
    def proper_nouns(self) -> frozenset[str]:
        """Lower-cased words that the articles only ever write capitalised (names, places, demonyms)."""
        capitalised, lowercase = set(), set()
        for node in self.nodes:
            for word in re.findall(r"[\w'’-]+", node.text):
                (capitalised if word[:1].isupper() else lowercase).add(word.lower())
        return frozenset(capitalised - lowercase)

    @cached_property
    def _vector(self) -> BaseRetriever:
        from llama_index.core import VectorStoreIndex
        from llama_index.vector_stores.chroma import ChromaVectorStore

        index = VectorStoreIndex.from_vector_store(
            ChromaVectorStore(chroma_collection=self.collection), embed_model=self.embedder
        )
        return index.as_retriever(similarity_top_k=self.candidates)

    @cached_property
    def _bm25(self) -> BaseRetriever:
        import Stemmer
        from llama_index.retrievers.bm25 import BM25Retriever

        logging.getLogger("bm25s").setLevel(logging.NOTSET)  # bm25s pins itself to DEBUG on import

        return BM25Retriever.from_defaults(
            nodes=self.nodes,
            similarity_top_k=min(self.candidates, len(self.nodes)),
            stemmer=Stemmer.Stemmer("english"),
            language="english",
        )

    def warm_up(self) -> None:
        """Load the embedder, BM25 and the vocabulary now rather than on the first question."""
        _ = self._vector, self._bm25, self.vocabulary, self.initialisms, self.proper_nouns

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        if query_bundle.embedding is None:
            query_bundle.embedding = self.embedder.get_query_embedding(query_bundle.query_str)
        vector_hits = self._vector.retrieve(query_bundle)
        lexical_hits = [hit for hit in self._bm25.retrieve(query_bundle) if (hit.score or 0) > 0]

        fused: dict[str, float] = {}
        nodes: dict[str, TextNode] = {}
        for hits in (vector_hits, lexical_hits):
            for rank, hit in enumerate(hits):
                fused[hit.node.node_id] = fused.get(hit.node.node_id, 0.0) + 1.0 / (RRF_K + rank + 1)
                nodes.setdefault(hit.node.node_id, hit.node)
        similarity = self._similarities(query_bundle.embedding, vector_hits, list(nodes))

        question = analyse(query_bundle.query_str)
        speaker = speaker_names(question)
        ranked = sorted(
            fused,
            key=lambda node_id: (
                not _states(nodes[node_id], question),
                not _credits_speaker(nodes[node_id], speaker),
                -fused[node_id],
            ),
        )
        article_of = {node_id: nodes[node_id].ref_doc_id or node_id for node_id in ranked}
        chosen = pick(ranked, article_of, similarity, self.top_k, self.per_article)
        chosen += counterparts(chosen, [n for n in ranked if n not in chosen], nodes)
        return [NodeWithScore(node=nodes[node_id], score=similarity[node_id]) for node_id in chosen]

    def _similarities(self, query: list[float], vector_hits: list[NodeWithScore], ids: list[str]) -> dict[str, float]:
        import numpy as np

        # Chroma's cosine distance d comes back from LlamaIndex as exp(-d); similarity is 1 - d.
        similarity = {hit.node.node_id: 1.0 + math.log(hit.score) for hit in vector_hits if hit.score}
        missing = [node_id for node_id in ids if node_id not in similarity]
        if missing:
            stored = self.collection.get(ids=missing, include=["embeddings"])
            q = np.asarray(query)
            for node_id, vector in zip(stored["ids"], stored["embeddings"], strict=True):
                similarity[node_id] = float(np.dot(q, np.asarray(vector)))
        return similarity


def run_in(before: TextNode, node: BaseNode) -> TextNode | None:
    """The end of the chunk ``before`` that is the paragraph ``node`` opens in (its ``before`` metadata), as a
    chunk of its own; None when ``node`` opens a paragraph."""
    sentences = node.metadata.get("before", "")
    text = before.get_content()
    at = text.rfind(sentences) if sentences else -1
    if at < 0:
        return None
    start = (before.start_char_idx or 0) + at
    return before.model_copy(
        update={"text": sentences, "start_char_idx": start, "end_char_idx": start + len(sentences)}
    )


def pick(
    ranked: list[str], article_of: dict[str, str], similarity: dict[str, float], top_k: int, per_article: int
) -> list[str]:
    """The first ``top_k`` chunks of ``ranked``, at most ``per_article`` from one article while another
    article's chunk is about as close to the question (within ``DIVERSITY_MARGIN`` of cosine similarity);
    the closest chunk the cap holds back goes before a clearly less similar chunk of another article.

    Why: the cap lets several articles' accounts of one point reach the prompt. Over long articles it did
    the opposite of its purpose: the third and fourth best chunks of the one article that answers ("it
    increased its British growth forecast ...") gave way to chunks of unrelated articles.
    """
    chosen: list[str] = []
    taken: Counter[str] = Counter()
    for place, node_id in enumerate(ranked):
        if len(chosen) == top_k:
            break
        if node_id in chosen or taken[article_of[node_id]] >= per_article:
            continue
        while len(chosen) < top_k:  # only chunks ranked before it: the ones stating the question's facts lead
            held = [n for n in ranked[:place] if n not in chosen and taken[article_of[n]] >= per_article]
            closest = max(held, key=similarity.__getitem__, default=None)
            if closest is None or similarity[node_id] >= similarity[closest] - DIVERSITY_MARGIN:
                break
            chosen.append(closest)
        if len(chosen) < top_k:
            chosen.append(node_id)
            taken[article_of[node_id]] += 1
    rest = [n for n in ranked if n not in chosen]
    return chosen + rest[: max(top_k - len(chosen), 0)]


def _states(node: TextNode, question: Question) -> bool:
    """Does the chunk, with its headline, outlet, sources, year and the sentences of its paragraph before it
    (:func:`~rag.ingest.chunking.stated_text`), state every fact the question fixes?

    Why: such chunks rank first. A chunk about "Xenoblade Chronicles X" scores close to one about
    "Xenoblade Chronicles 2", and may fill ``top_k`` with passages that cannot answer.
    """
    meta = node.metadata
    labels = (meta.get("title", ""), meta.get("outlet", ""), meta.get("attributed_to", ""))
    return not question.unmet(chunk_evidence(stated_text(node), meta.get("published", ""), *labels))


_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii"})


def speaker_names(question: Question) -> list[str]:
    """How a chunk's sources may name the speaker a question asks about: in full ("the White House", "George
    W. Bush"), and a person also by surname ("Mr. Bush declared"); none for another question."""
    if question.speaker is None:
        return []
    agent = speaks_for(question.speaker)  # "Hillary Clinton's campaign": sources that name Clinton
    full = (agent[0] if agent is not None else question.speaker).removeprefix("the ").strip()
    words = [w for w in full.split() if w.strip(".").lower() not in _NAME_SUFFIXES]
    tagged = any(e.label_ == "PERSON" for e in nlp.parse(f"{full} said so.", ner=True).ents)
    # the tagger misses rarer names: a capitalised name asked without "the" that no organisation's word ends
    organisation = f"the {full.lower()}" in question.text.lower() or words[-1] in lexicons.words("outlet_words")
    named = all(w[0].isupper() for w in words) and not organisation
    return [full, words[-1]] if len(words) > 1 and (tagged or named) else [full]


def _credits_speaker(node: TextNode, names: list[str]) -> bool:
    """Do the chunk's sources name the speaker asked about (see :func:`speaker_names`); any chunk does when
    the question asks for no one's words.

    Why: such chunks rank first. A long question's other words ("What did George W. Bush say at the
    dedication of the National Museum of African American History and Culture?") pull the chunks about the
    event, whose speaker is another, ahead of the one with the words asked for.
    """
    sources = node.metadata.get("attributed_to", "")
    return not names or any(mentions(sources, name) for name in names)


def counterparts(chosen: list[str], rest: list[str], nodes: dict[str, TextNode]) -> list[str]:
    """Chunks of ``rest`` that tell a chosen chunk's account in another article with other words or figures
    ("... released on May 29, 2020" against "... on May 9, 2012"), best ranked first, at most ``MAX_COUNTERPARTS``.

    Why: outlets that copy one account and change its facts are the disagreements the product must show, and
    near-twins rank side by side only by chance: one may miss ``top_k`` by a place.
    """
    articles = {nodes[n].ref_doc_id or n for n in chosen}
    chosen_words = [words(nodes[n].text) for n in chosen]
    found: list[str] = []
    for node_id in rest:
        article = nodes[node_id].ref_doc_id or node_id
        if len(found) == MAX_COUNTERPARTS:
            break
        if article in articles:
            continue
        own = words(nodes[node_id].text)
        if any(near_twins(own, other) for other in chosen_words):
            found.append(node_id)
            articles.add(article)
    return found
