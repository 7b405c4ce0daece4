"""Rule ``support``: every sentence must be supported by the passage it cites.

Support means, first, word overlap (a cheap filter): most of the sentence's content words and all of its
numbers are in the passage, and no word the sentence took from the question is missing from it (a small
model fills the question's template with whatever entity is at hand). Then relations
(:func:`rag.claims.check`): each clause of the sentence matches a clause of ONE passage in who did what to
whom, with the same modifiers ("Ukrainian", "former"), numbers bound to the same nouns, the same polarity
and mood ("ordered to report" is not "reported"), the same speaker, and no "because" the passage lacks.
"""

from __future__ import annotations

import re

from rag import lexicons, nlp
from rag.attribution import CUE_WORDS
from rag.claims import Verdict, check
from rag.lexical import numbers, stemmer, terms
from rag.passages import Passage
from rag.policy.draft import Draft, DraftSentence, clean_sentence, reads_as_sentence, same
from rag.sentences import Sentence

SUPPORT_THRESHOLD = 0.7  # share of a sentence's content words that its passage must contain
REPLACE_THRESHOLD = 0.3  # an unsupported sentence this close to a passage sentence is replaced by it
MAX_CITATIONS = 3  # a sentence cites at most this many passages (each from another article)
ALIGN_COVERED = 0.8  # stop adding source sentences once they hold this share of the claim's words
ALIGN_MIN_EXTRA = 2  # a further source sentence must add at least this many of the claim's words


class CheckSupport:
    """Keep, re-cite, replace or remove each sentence so that the passages it cites support it.

    Why: a citation is a promise that the passage says this. An unsupported citation moves to the passage
    that does support the sentence (other articles' passages that support it too are cited beside it); a
    sentence nothing supports is replaced by the passage sentence it was drawn from, or removed. A sentence
    that repeats an earlier one is dropped, and so is a fragment without a verb ("FIFA WORLD CUP 2018 ™") or a
    question copied from a passage: they state nothing a reader could check.
    """

    name = "support"

    def apply(self, draft: Draft) -> None:
        kept: list[DraftSentence] = []
        for sentence in draft.sentences:
            if not reads_as_sentence(sentence.text):
                draft.decide(self.name, "removed", "a fragment or a question states nothing", sentence.text)
                continue
            checked = check_support(sentence, draft.passages, draft.question)
            if checked is None:
                draft.decide(self.name, "removed", _why_unsupported(sentence, draft), sentence.text)
                continue
            if any(same(checked.text, k.text) for k in kept):
                draft.decide(self.name, "dropped", "repeats an earlier sentence", checked.text)
                continue
            draft.decide(self.name, *_outcome(sentence, checked, draft), checked.text)
            kept.append(checked)
        draft.sentences = kept


def _outcome(before: DraftSentence, after: DraftSentence, draft: Draft) -> tuple[str, str]:
    cited = _numbers(after.cites)
    if after.origin == "replaced":
        return "replaced", f"{_why_unsupported(before, draft)}; replaced by the passage sentence it drew on, {cited}"
    if after.origin == "recited":
        if not before.cites:
            return "re-cited", f"cited nothing; {cited} supports it"
        return "re-cited", f"{_numbers(before.cites)} does not support it; {cited} does"
    return "kept", f"supported by {cited}"


def _numbers(cites: list[int]) -> str:
    return "".join(f"[{n}]" for n in cites)


def _why_unsupported(sentence: DraftSentence, draft: Draft) -> str:
    """The first support check that the cited passages fail (for the decision's reason)."""
    cited = [p for p in draft.passages if p.number in sentence.cites]
    if not cited:
        was = "cites no passage" if not sentence.cites else f"cites {_numbers(sentence.cites)}, which does not exist"
        return f"{was}, and no passage supports it"
    evidence = " ".join(p.text for p in cited)
    if not numbers(sentence.text) <= numbers(evidence):
        return f"a number is not in {_numbers(sentence.cites)}"
    if echoed := echoed_terms(sentence.text, draft.question, cited):
        return f"takes {', '.join(sorted(echoed))} from the question, which {_numbers(sentence.cites)} lacks"
    if (share := support(sentence.text, evidence)) < SUPPORT_THRESHOLD:
        return f"only {share:.0%} of its words are in {_numbers(sentence.cites)}"
    return relation_check(sentence.text, cited).reason


def relation_check(claim: str, passages: list[Passage]) -> Verdict:
    """Does each clause of ``claim`` hold in one of ``passages`` (who did what to whom, kept as is)?"""
    speakers = [" ".join(f.source for f in p.frames) for p in passages]
    return check(claim, [p.text for p in passages], voices=[p.outlet for p in passages if p.outlet], speakers=speakers)


def support(claim: str, evidence: str) -> float:
    """Share of the claim's content words found in the evidence; 0 when a number of the claim is not in it."""
    claim_terms = terms(claim)
    if not claim_terms:
        return 0.0
    if not numbers(claim) <= numbers(evidence):
        return 0.0
    return len(claim_terms & terms(evidence)) / len(claim_terms)


def check_support(sentence: DraftSentence, passages: list[Passage], question: str = "") -> DraftSentence | None:
    """Keep, re-cite or replace a draft sentence so that its passages support it; None when nothing does."""
    by_number = {p.number: p for p in passages}

    def supported(numbers_: list[int]) -> bool:
        cited = [by_number[n] for n in numbers_]
        return (
            support(sentence.text, " ".join(p.text for p in cited)) >= SUPPORT_THRESHOLD
            and not echoed_terms(sentence.text, question, cited)
            and relation_check(sentence.text, cited).supported
        )

    ranked = sorted(passages, key=lambda p: (p.number not in sentence.cites, -support(sentence.text, p.text)))
    chosen = next(([p.number] for p in ranked if supported([p.number])), [])
    origin = sentence.origin if chosen and chosen[0] in sentence.cites else "recited"
    if not chosen:
        pair = _supporting_pair(sentence.text, passages)
        chosen = pair if pair and supported(pair) else []
    if chosen:
        docs = {by_number[n].doc_id for n in chosen}
        for passage in ranked:
            if len(chosen) >= MAX_CITATIONS:
                break
            if passage.doc_id not in docs and supported([passage.number]):
                chosen.append(passage.number)
                docs.add(passage.doc_id)
        sources = _aligned(sentence.text, [by_number[n] for n in chosen])
        return DraftSentence(sentence.text, chosen, origin, sources)
    # Replace with what the passage says: the passage sentence the draft was drawn from, one that holds the
    # draft's figures first ("22 emails contained classified material" was drawn from the 22, not from "more
    # than 1,300 emails contained classified material", though that shares more of its words).
    figures = numbers(sentence.text)
    best: tuple[tuple[bool, float], Passage, Sentence] | None = None
    for passage in passages:
        for candidate in passage.sentences():
            if not reads_as_sentence(candidate.text):
                continue
            overlap = _overlap(sentence.text, candidate.text)
            rank = (figures <= numbers(candidate.text), overlap)
            if overlap >= REPLACE_THRESHOLD and (best is None or rank > best[0]):
                best = (rank, passage, candidate)
    if best:
        _, passage, candidate = best
        return DraftSentence(clean_sentence(candidate.text), [passage.number], "replaced", [candidate])
    return None


def echoed_terms(claim: str, question: str, passages: list[Passage]) -> set[str]:
    """Words the claim shares with the question that its passages do not contain (attribution aside)."""
    if not question:
        return set()
    allowed = set(stemmer().stemWords(list(CUE_WORDS))) | lexicons.words("question_verbs")
    for passage in passages:
        for frame in passage.frames:
            allowed |= terms(f"{frame.source} {frame.via or ''}")
    evidence = terms(" ".join(p.text for p in passages))
    return (terms(claim) & terms(question)) - evidence - allowed


def only_expected(verb: str, evidence: str) -> bool:
    """Does the evidence use ``verb`` (any form) only after "to" or a modal ("ordered him to report")? An
    irregular past the stems miss is a use as done ("Rep. Ada Roe said Friday" beside "for the president to
    say"), found by the parser's lemmas where the stems see only expected uses."""
    words = re.findall(r"[a-z']+", evidence.lower())
    stem = stemmer().stemWord(verb)
    uses = [i for i, w in enumerate(stemmer().stemWords(words)) if w == stem]
    if not uses or not all(i > 0 and words[i - 1] in lexicons.words("modals") for i in uses):
        return False
    docs = nlp.pipe(evidence[a:b] for a, b in nlp.cut(evidence, 0, len(evidence)))
    return not any(t.lemma_ == verb.lower() and t.tag_ in ("VBD", "VBN", "VBZ") for doc in docs for t in doc)


def _supporting_pair(claim: str, passages: list[Passage]) -> list[int]:
    best: tuple[float, list[int]] = (0.0, [])
    for i, first in enumerate(passages):
        for second in passages[i + 1 :]:
            score = support(claim, f"{first.text} {second.text}")
            if score > best[0]:
                best = (score, [first.number, second.number])
    return best[1] if best[0] >= SUPPORT_THRESHOLD else []


def _aligned(claim: str, passages: list[Passage]) -> list[Sentence]:
    """The passage sentences the claim was drawn from: the best match, and the next where it adds words."""
    claim_terms = terms(claim)
    scored = sorted(
        ((len(claim_terms & terms(s.text)), s.start, s) for p in passages for s in p.sentences()),
        key=lambda item: (-item[0], item[1]),
    )
    if not scored or scored[0][0] == 0:
        return []
    chosen = [scored[0][2]]
    covered = claim_terms & terms(scored[0][2].text)
    for _, _, sentence in scored[1:]:
        if len(covered) >= ALIGN_COVERED * len(claim_terms):
            break
        extra = (claim_terms & terms(sentence.text)) - covered
        if len(extra) >= ALIGN_MIN_EXTRA:
            chosen.append(sentence)
            covered |= extra
    return chosen


def _overlap(claim: str, evidence: str) -> float:
    claim_terms = terms(claim)
    return len(claim_terms & terms(evidence)) / len(claim_terms) if claim_terms else 0.0
