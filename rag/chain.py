"""The answer chain: question -> retrieval -> prompt -> generation -> guard -> :class:`Answer`.

Questions the index cannot answer are refused before the model is called: when no passage clears the
relevance floor, or when the question names someone or something the articles never mention.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cached_property
from typing import TYPE_CHECKING

from llama_index.core.base.llms.types import ChatMessage, MessageRole

from rag.answer import Answer
from rag.config import Settings
from rag.errors import UserError
from rag.guard import REFUSAL_ANSWER, guard
from rag.injection import strip_instructions
from rag.llms import describe, load_llm
from rag.prompt import Passage, build_messages, select_passages
from rag.retrieval import HybridRetriever

if TYPE_CHECKING:
    from llama_index.core.llms import LLM

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
RELEVANCE_FLOOR = 0.15  # below this cosine similarity no passage is about the question
KEEP_RELATIVE = 0.6  # chunks scoring below this share of the best one are not read for passages
CONDENSE_PROMPT = (
    "Rewrite the follow-up as one standalone question that names who or what it refers to. "
    "Reply with the question only."
)
_CITATION = re.compile(r"\[\d+\]")
_ANAPHORS = frozenset("he she him his her hers they them their theirs it its this that these those there same".split())
_QUESTION_WORDS = frozenset(
    """
    who whom whose what which when where why how is are was were do does did can could should would will
    tell explain describe list give name summarize summarise compare according i the a an in on of and or
    please ignore state say write
    """.split()
)


def is_follow_up(question: str) -> bool:
    """Does the question lean on an earlier turn (a pronoun, "what about ...", or only a few words)?"""
    words = re.findall(r"[a-z']+", question.lower())
    return (
        bool(set(words) & _ANAPHORS)
        or bool(re.match(r"(?i)(and|what about|how about|why)\b", question))
        or len(words) <= 3
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


class AnswerChain:
    """Answers questions over the index; load once, ask many times (thread-safe)."""

    def __init__(self, settings: Settings, retriever: HybridRetriever | None = None, llm: LLM | None = None) -> None:
        self.settings = settings
        self._retriever = retriever
        self._llm = llm
        self.generate_lock = threading.Lock()

    @property
    def retriever(self) -> HybridRetriever:
        """The retriever over the generation that was current when it was opened (see README, Operating)."""
        if self._retriever is None:
            self._retriever = HybridRetriever.open(self.settings)
        return self._retriever

    @property
    def llm(self) -> LLM:
        if self._llm is None:
            self._llm = load_llm(self.settings)
        return self._llm

    @cached_property
    def model_name(self) -> str:
        return describe(self.settings)

    def load(self) -> AnswerChain:
        """Load the index, the embedder and the model now; the model in a second thread meanwhile
        (llama.cpp maps and reads its file without the GIL while torch and Chroma import)."""
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rag-model-load") as pool:
            model = pool.submit(lambda: self.llm)
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
        retrieved = time.perf_counter()
        timings = {"retrieve_s": retrieved - started, "generate_s": 0.0}
        best = max((h.score or 0.0 for h in hits), default=0.0)
        unknown = self._unknown_names(question)
        if best < RELEVANCE_FLOOR or unknown:
            log.info("refused without generation (best similarity %.2f, unknown names %s)", best, unknown)
            timings["total_s"] = time.perf_counter() - started
            return Answer(
                asked,
                REFUSAL_ANSWER,
                refused=True,
                model=self.model_name,
                timings=timings,
                standalone_question=question,
            )

        kept = [h for h in hits if (h.score or 0.0) >= max(RELEVANCE_FLOOR, best * KEEP_RELATIVE)]
        passages = select_passages(question, kept, self.retriever.embedder)
        raw = self._generate(question, passages, on_token)
        timings["generate_s"] = time.perf_counter() - retrieved
        result = guard(question, passages, raw, self._lowercase_ok)
        if result.removed:
            log.info("guard removed %d sentence(s): %s", len(result.removed), result.removed)
        timings["total_s"] = time.perf_counter() - started
        return Answer(
            question=asked,
            standalone_question=question,
            answer=result.answer,
            citations=result.citations,
            refused=result.refused,
            conflicts=result.conflicts,
            model=self.model_name,
            timings=timings,
        )

    def condense(self, question: str, history: Sequence[tuple[str, str]]) -> str:
        """Rewrite a follow-up into a standalone question using the last turn; unchanged if it stands alone."""
        if not history or not is_follow_up(question):
            return question
        previous_question, previous_answer = history[-1]
        previous_answer = _CITATION.sub("", previous_answer)[:400]
        messages = [
            ChatMessage(role=MessageRole.SYSTEM, content=CONDENSE_PROMPT),
            ChatMessage(
                role=MessageRole.USER,
                content=f"Previous question: {previous_question}\nPrevious answer: {previous_answer}\n"
                f"Follow-up: {question}\nStandalone question:",
            ),
        ]
        with self.generate_lock:
            if not self.settings.prompt_cache:
                self.clear_prompt_cache()
            try:
                rewritten = (self.llm.chat(messages).message.content or "").strip().splitlines()
            except Exception as error:
                if (user_error := _backend_error(self.settings.llm, error)) is not None:
                    raise user_error from error
                raise
        candidate = rewritten[0].strip().strip('"') if rewritten else ""
        if not candidate or len(candidate) > 300 or candidate.lower() == question.lower():
            return f"{previous_question.rstrip('?')}: {question}"
        log.info("condensed %r to %r", question, candidate)
        return candidate

    def clear_prompt_cache(self) -> None:
        """Forget llama.cpp's evaluated prompt, so the next answer does not depend on the previous ones."""
        model = getattr(self.llm, "_model", None)
        if model is not None and hasattr(model, "reset"):
            model.reset()

    def _generate(self, question: str, passages: list[Passage], on_token: Callable[[str], None] | None) -> str:
        messages = build_messages(question, passages)
        with self.generate_lock:
            if not self.settings.prompt_cache:
                self.clear_prompt_cache()
            try:
                if on_token is None:
                    return self.llm.chat(messages).message.content or ""
                text = ""
                for chunk in self.llm.stream_chat(messages):
                    text = chunk.message.content or text
                    if chunk.delta:
                        on_token(chunk.delta)
                return text
            except UserError:
                raise
            except Exception as error:
                if (user_error := _backend_error(self.settings.llm, error)) is not None:
                    raise user_error from error
                raise

    def _unknown_names(self, question: str) -> list[str]:
        """Names in the question that no article mentions (e.g. a person or body the corpus never names).

        A name is a capitalised word inside a sentence, or an acronym of up to five letters; the first
        word of a sentence or clause and shouted words ("SYSTEM OVERRIDE") are not names.
        """
        vocabulary = self.retriever.vocabulary
        unknown = []
        for match in re.finditer(r"\b[A-Z][\w’'-]*", question):
            word = match.group()
            before = question[: match.start()].rstrip(" \"'“‘(")
            if not before or before[-1] in ".:;!?":
                continue
            if (word.isupper() and len(word) > 5) or re.fullmatch(r"[A-Z]{2,}s", word):
                continue
            key = word.lower().replace("’", "'").removesuffix("'s")
            if key in _QUESTION_WORDS or key in vocabulary:
                continue
            stem = key[: max(4, min(len(key) - 1, 6))]
            if not any(v.startswith(stem) for v in vocabulary):
                unknown.append(word)
        return unknown

    def _lowercase_ok(self, word: str) -> bool:
        """May ``word`` be lower-cased mid-sentence? Not for names and acronyms."""
        return not (word.isupper() and len(word) > 1) and word.lower() not in self.retriever.proper_nouns


def _backend_error(backend: str, error: Exception) -> UserError | None:
    """A UserError for a backend that cannot be reached or answers with an HTTP error; None for other errors."""
    if _is_connection_error(error):
        return UserError(f"cannot reach the {backend} backend ({_first_line(error)})")
    if type(error).__module__.split(".")[0] in ("openai", "httpx", "ollama"):
        return UserError(f"the {backend} backend failed ({_first_line(error)})")
    return None


def _is_connection_error(error: Exception) -> bool:
    names = {cls.__name__ for cls in type(error).__mro__}
    return bool(
        names
        & {
            "ConnectError",
            "ConnectionError",
            "APIConnectionError",
            "ConnectTimeout",
            "TimeoutException",
            "ConnectionRefusedError",
            "ReadTimeout",
            "RemoteProtocolError",
        }
    )


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
