"""The answer chain: condense -> retrieve -> postprocess -> passages -> policy -> generate -> policy -> Answer.

Each stage is one object: the retriever (:class:`~rag.retrieval.HybridRetriever`), the node postprocessors
(LlamaIndex ``BaseNodePostprocessor``\\ s: the slot where a reranker goes), the passage selector, the
:class:`~rag.llms.Model` and the :class:`~rag.policy.AnswerPolicy`, whose question rules may refuse before
the model is called.
"""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.schema import NodeWithScore, QueryBundle

from rag import lexicons
from rag.answer import Answer
from rag.config import Settings
from rag.errors import UserError
from rag.injection import strip_instructions
from rag.llms import Model
from rag.passages import select_passages
from rag.policy import AnswerPolicy, Draft
from rag.policy.refusal import REFUSAL_ANSWER, RELEVANCE_FLOOR
from rag.prompt import answer_messages, condense_messages
from rag.question import without_answer
from rag.retrieval import HybridRetriever

if TYPE_CHECKING:
    from llama_index.core.llms import LLM

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
CHUNK_RELATIVE = 0.6  # chunks scoring below this share of the best one are not read for passages
CONDENSED_MAX_CHARS = 300  # a longer rewrite is not a question: fall back to prefixing the previous one
FOLLOW_UP_MAX_WORDS = 3  # a question this short leans on the previous turn


def is_follow_up(question: str) -> bool:
    """Does the question lean on an earlier turn (a pronoun, "what about ...", or only a few words)?"""
    words = re.findall(r"[a-z']+", question.lower())
    return (
        bool(set(words) & lexicons.words("anaphors"))
        or bool(re.match(r"(?i)(and|what about|how about)\b", question))
        or len(words) <= FOLLOW_UP_MAX_WORDS
    )


def clean_question(question: str) -> str:
    """Normalise a question; UserError when it is empty or too long."""
    question = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in question or "")
    question = re.sub(r"\s+", " ", question).strip()
    if not question:
        raise UserError("the question is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise UserError(f"the question is too long ({len(question):,} characters; at most {MAX_QUESTION_CHARS:,})")
    return question


class RelativeScoreCutoff(BaseNodePostprocessor):
    """Drops chunks below an absolute ``floor`` or below ``relative`` times the best chunk's score."""

    floor: float = RELEVANCE_FLOOR
    relative: float = CHUNK_RELATIVE

    @classmethod
    def class_name(cls) -> str:
        return "RelativeScoreCutoff"

    def _postprocess_nodes(
        self, nodes: list[NodeWithScore], query_bundle: QueryBundle | None = None
    ) -> list[NodeWithScore]:
        best = max((n.score or 0.0 for n in nodes), default=0.0)
        return [n for n in nodes if (n.score or 0.0) >= max(self.floor, best * self.relative)]


class AnswerChain:
    """Answers questions over the index; load once, ask many times (thread-safe)."""

    def __init__(
        self,
        settings: Settings,
        retriever: HybridRetriever | None = None,
        model: Model | None = None,
        postprocessors: Sequence[BaseNodePostprocessor] | None = None,
        policy: AnswerPolicy | None = None,
    ) -> None:
        self.settings = settings
        self._retriever = retriever
        self.model = model or Model(settings)
        self.postprocessors = list(postprocessors) if postprocessors is not None else [RelativeScoreCutoff()]
        self.policy = policy or AnswerPolicy()

    @property
    def retriever(self) -> HybridRetriever:
        """The retriever over the generation that was current when it was opened (see README, Operating)."""
        if self._retriever is None:
            self._retriever = HybridRetriever.open(self.settings)
        return self._retriever

    @property
    def llm(self) -> LLM:
        return self.model.llm

    @property
    def model_name(self) -> str:
        return self.model.name

    def load(self) -> AnswerChain:
        """Load the index, the embedder and the model now; the model in a second thread meanwhile
        (llama.cpp maps and reads its file without the GIL while torch and Chroma import)."""
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rag-model-load") as pool:
            model = pool.submit(lambda: self.model.llm)
            self.retriever.warm_up()
            model.result()
        return self

    def ask(
        self,
        question: str,
        history: Sequence[tuple[str, str]] = (),
        on_token: Callable[[str], None] | None = None,
    ) -> Answer:
        """Answer one question; ``on_token`` receives the model's draft as it streams.

        ``history`` holds earlier (question, answer) turns: a follow-up that leans on them ("what is his
        rank?") is first rewritten into a standalone question, which is what retrieval and the model see.
        Sources are retrieved afresh for every turn.
        """
        started = time.perf_counter()
        asked = clean_question(question)
        question = strip_instructions(self.condense(asked, history) if history else asked)
        hits = self.retriever.retrieve(question)
        best = max((hit.score or 0.0 for hit in hits), default=0.0)
        for postprocessor in self.postprocessors:
            hits = postprocessor.postprocess_nodes(hits, query_str=question) if hits else hits
        retrieved = time.perf_counter()
        timings = {"retrieve_s": retrieved - started, "generate_s": 0.0}
        draft = Draft(
            question=question,
            passages=select_passages(question, hits, self.retriever.embedder),
            words=self.retriever,
            best_similarity=best,
            retrieved=[hit.node for hit in hits] + self.retriever.neighbours([hit.node for hit in hits]),
        )
        self.policy.check_question(draft)
        if draft.refused:
            log.info("refused without generation: %s", draft.decisions[-1].reason)
        else:
            messages = answer_messages(question, draft.passages)
            draft.raw = self.model.chat(messages) if on_token is None else self.model.stream(messages, on_token)
            timings["generate_s"] = time.perf_counter() - retrieved
            self.policy.check_draft(draft)
        for decision in draft.decisions:
            log.debug("%s %s: %s %s", decision.rule, decision.action, decision.reason, decision.sentence)
        timings["total_s"] = time.perf_counter() - started
        return Answer(
            question=asked,
            standalone_question=question,
            answer=draft.answer,
            citations=draft.citations,
            refused=draft.refused,
            conflicts=draft.found_conflicts,
            model=self.model_name,
            timings=timings,
            decisions=draft.decisions,
        )

    def condense(self, question: str, history: Sequence[tuple[str, str]]) -> str:
        """Rewrite a follow-up into a standalone question using the last answered turn (a refused turn is never
        used); unchanged if it stands alone or no turn was answered."""
        answered = [turn for turn in history if turn[1].strip() != REFUSAL_ANSWER]
        if not answered or not is_follow_up(question):
            return question
        previous_question, previous_answer = answered[-1]
        rewritten = self.model.chat(condense_messages(question, previous_question, previous_answer))
        lines = rewritten.strip().splitlines()
        candidate = lines[0].strip().strip('"') if lines else ""
        if not candidate or len(candidate) > CONDENSED_MAX_CHARS or candidate.lower() == question.lower():
            return f"{previous_question.rstrip('?')}: {question}"
        standalone = without_answer(candidate, question, previous_question)
        log.info("condensed %r to %r", question, standalone)
        return standalone
