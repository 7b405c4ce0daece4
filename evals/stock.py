"""The stock LlamaIndex pipeline, for comparison: ``CitationQueryEngine`` over the same index and model.

This is what a new user gets from the documentation, unchanged: no relevance floor, no guard. Its answers
are put in the same ``--json`` shape so that the evals and the benchmarks can score both systems alike.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence

from rag.answer import Answer, Citation
from rag.chain import AnswerChain

_REFUSAL = re.compile(r"do(?:es)? not (?:say|mention|contain|provide)|no information|cannot answer", re.IGNORECASE)


class CitationBaseline:
    """LlamaIndex's ``CitationQueryEngine`` with the chain's vector index, LLM and top-k."""

    def __init__(self, chain: AnswerChain) -> None:
        from llama_index.core import VectorStoreIndex
        from llama_index.core.query_engine import CitationQueryEngine
        from llama_index.vector_stores.chroma import ChromaVectorStore

        retriever = chain.retriever
        index = VectorStoreIndex.from_vector_store(
            ChromaVectorStore(chroma_collection=retriever.collection), embed_model=retriever.embedder
        )
        self.chain = chain
        self.engine = CitationQueryEngine.from_args(index, llm=chain.llm, similarity_top_k=chain.settings.top_k)

    def ask(self, question: str, history: Sequence[tuple[str, str]] = ()) -> Answer:
        """Answer as the stock engine does (it has no chat history: the question is asked as is)."""
        started = time.perf_counter()
        with self.chain.model.session():
            response = self.engine.query(question)
        citations = []
        for number, hit in enumerate(response.source_nodes, start=1):
            node = hit.node
            meta = node.metadata
            text = re.sub(r"^Source \d+:\s*", "", node.get_content())
            citations.append(
                Citation(
                    id=number,
                    doc_id=node.ref_doc_id or "",
                    title=meta.get("title") or meta.get("label", ""),
                    outlet=meta.get("outlet", ""),
                    attributed_to=meta.get("attributed_to", ""),
                    text=text,
                    start=node.start_char_idx or 0,
                    end=node.end_char_idx or 0,
                )
            )
        text = str(response.response or "").strip()
        total = time.perf_counter() - started
        return Answer(
            question=question,
            answer=text,
            citations=citations,
            refused=bool(_REFUSAL.search(text)),
            model=f"{self.chain.model_name} (stock CitationQueryEngine)",
            timings={"retrieve_s": 0.0, "generate_s": total, "total_s": total},
        )
