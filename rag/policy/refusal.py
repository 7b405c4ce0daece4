"""Rules that decide when the draft does not answer: refuse, or answer from the passages themselves.

Before generation (the model is not called when one of them refuses): ``relevance`` (no passage is about
the question), ``names`` (the question names someone the articles never mention) and ``expected-event``
(the question takes as done what the passages only order or expect). After it: ``fallback`` (nothing the
model wrote holds, so the closest passage sentences answer) and ``refusal`` (nothing is left: the answer
says so).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from rag import lexicons, nlp
from rag.passages import Passage
from rag.policy.answers import typed_spans
from rag.policy.draft import Draft, DraftSentence, as_drafts
from rag.policy.support import only_expected
from rag.question import Question, gives_words

# Never quotes the question, so that an instruction injected into it is not repeated.
REFUSAL_ANSWER = "The articles do not say anything that answers this question."
RELEVANCE_FLOOR = 0.15  # below this cosine similarity no passage is about the question
EXTRACT_FLOOR = 0.55  # the passages' best score must reach this for them to answer in the model's stead
EXTRACT_NEAR_BEST = 0.9  # passages within this share of the best score are extracted
EXTRACT_SENTENCES = 2  # at most this many passages are extracted
NAME_STEM_CHARS = (4, 6)  # a name is known when a corpus word shares its first 4-6 characters

# "What did <subject> <verb> ...": the subject is one to four words, the verb the first lower-case one after them.
_QUARTER = re.compile(r"Q[1-4]")  # a quarter of the year is no name: ``constraints`` checks it
_ASKS_DONE = re.compile(r"\b(?:did|has|have|had)\s+(?:[A-Z][\w’'-]*\s+|the\s+){1,4}(?P<verb>[a-z]{3,})\b")


def refuse(draft: Draft, rule: str, reason: str) -> None:
    """End the draft as a refusal: no sentences, no citations, the fixed refusal text."""
    draft.refused = True
    draft.sentences = []
    draft.answer = REFUSAL_ANSWER
    draft.decide(rule, "refused", reason)


class RelevanceFloor:
    """Refuse when no retrieved passage is about the question.

    Why: below this similarity the nearest passages are about something else, and a small model would answer
    from them anyway.
    """

    name = "relevance"

    def apply(self, draft: Draft) -> None:
        if draft.best_similarity < RELEVANCE_FLOOR:
            refuse(draft, self.name, f"best passage similarity {draft.best_similarity:.2f} < {RELEVANCE_FLOOR}")


class UnknownNames:
    """Refuse when the question names someone or something that no article mentions.

    Why: "What did Biden say about the defectors?" over articles that never name Biden has no answer, but the
    passages about defectors look relevant. A name is a capitalised word inside a sentence, or an acronym of
    up to five letters (mentioned also by its words written out: "CDC" by "Centers for Disease Control"); the
    first word of a sentence or clause and shouted words ("SYSTEM OVERRIDE") are not names.
    """

    name = "names"

    def apply(self, draft: Draft) -> None:
        unknown = unknown_names(draft.question, draft.words.vocabulary, draft.words.initialisms)
        if unknown:
            refuse(draft, self.name, f"no article mentions {', '.join(unknown)}")


def unknown_names(
    question: str, vocabulary: dict[str, int] | object, initialisms: Collection[str] = frozenset()
) -> list[str]:
    """The names in ``question`` that ``vocabulary`` (lower-cased corpus words) does not hold, nor
    ``initialisms`` (of the names the corpus writes out: "CDC" for "the Centers for Disease Control")."""
    unknown = []
    for match in re.finditer(r"\b[A-Z][\w’'-]*", question):
        word = match.group()
        before = question[: match.start()].rstrip(" \"'“‘(")
        if not before or before[-1] in ".:;!?":
            continue
        if (word.isupper() and len(word) > 5) or re.fullmatch(r"[A-Z]{2,}s", word) or _QUARTER.fullmatch(word):
            continue
        key = word.lower().replace("’", "'").removesuffix("'s")
        if key in lexicons.words("question_words") or _known(key, vocabulary) or key.upper() in initialisms:
            continue
        # names joined by a hyphen ("the Trump-Clinton debates") are known when each is
        parts = [p for p in key.split("-") if p]
        if len(parts) > 1 and all(
            p in vocabulary or (len(p) >= NAME_STEM_CHARS[0] and _known(p, vocabulary)) for p in parts
        ):
            continue
        unknown.append(word)
    return unknown


def _known(key: str, vocabulary: dict[str, int] | object) -> bool:
    """Is a lower-cased name word in ``vocabulary``, itself or by its stem ("Ukrainian" by "ukraine")?"""
    if key in vocabulary:
        return True
    shortest, longest = NAME_STEM_CHARS
    stem = key[: max(shortest, min(len(key) - 1, longest))]
    return any(v.startswith(stem) for v in vocabulary)


class UnrealisedEvent:
    """Refuse a question that takes as done what the passages have only as ordered or expected.

    Why: "What did Gerasimov report?" over "Putin ordered Gerasimov to report ..." has no answer; any reply
    would invent the report.
    """

    name = "expected-event"

    def apply(self, draft: Draft) -> None:
        if any(gives_words(t) for t in nlp.parse(draft.question) if t.dep_ == "ROOT"):
            return  # "What reason did Carson give?" asks for his words, no event that may not have happened
        verb = asks_unrealised_event(draft.question, draft.passages)
        if verb:
            refuse(draft, self.name, f"the passages have {verb!r} only as ordered or expected")


def asks_unrealised_event(question: str, passages: list[Passage]) -> str | None:
    """The verb of a question that takes an event as done ("what did Gerasimov report?") when the passages
    have it only as expected or ordered ("ordered him to report"): the answer is not in them."""
    asked = _ASKS_DONE.search(question)
    if not asked:
        return None
    verb = asked.group("verb").lower()
    return verb if only_expected(verb, " ".join(p.text for p in passages)) else None


class FallBackToPassages:
    """When no sentence the model wrote holds, answer with the passage sentences closest to the question;
    for a question that asks who, when, where or how many, with the closest that give such a value.

    Why: the passages were chosen as the sentences nearest the question; when they are close enough, they
    answer better than a refusal. A draft sentence replaced by the passage sentence it drew on still holds:
    it is the article's own wording of what the model picked. The nearest passage may be a page's watch list
    ("Walter Camp 2017 Player of Year Watch — Semifinalists") where the next one names the winner.
    """

    name = "fallback"

    def apply(self, draft: Draft) -> None:
        if draft.sentences:
            return
        draft.sentences = extract(draft.answering_passages(), draft.question_asked)
        for sentence in draft.sentences:
            draft.decide(self.name, "extracted", "nothing the model wrote holds", sentence.text)


def extract(passages: list[Passage], question: Question) -> list[DraftSentence]:
    """Answer from the best passages themselves (they are the sentences closest to the question), those that
    give a value of the asked type first, but for a sentence about another year or ordinal than the asked one
    (:meth:`~rag.question.Question.named_otherwise`)."""
    if not passages or max(p.similarity for p in passages) < EXTRACT_FLOOR:
        return []
    if question.answer_type is not None:
        passages = [p for p in passages if p.similarity >= EXTRACT_FLOOR and typed_spans(p.text, question)] or passages
    best = max(p.similarity for p in passages)
    chosen = [p for p in passages if p.similarity >= best * EXTRACT_NEAR_BEST][:EXTRACT_SENTENCES]
    return [d for p in chosen for d in as_drafts(p) if not question.named_otherwise(d.text)]


class RefuseEmpty:
    """Refuse when no sentence is left.

    Why: an answer must be cited and supported; with nothing left, saying so is the honest answer.
    """

    name = "refusal"

    def apply(self, draft: Draft) -> None:
        if not draft.sentences:
            reason = "the model said the passages do not answer" if draft.model_refused else "no sentence holds"
            refuse(draft, self.name, reason)
