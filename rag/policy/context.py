"""Rules ``context``, ``quotation`` and ``announced``: a sentence that points back ("For this reason, ...") comes
with the sentence it points at, one that closes a quotation with the sentences that open it, and one that
announces words ("She had a question for the president.") with the quotation that follows it."""

from __future__ import annotations

import re

from rag.policy.draft import Draft, DraftSentence, clean_sentence, same
from rag.sentences import (
    Sentence,
    announces_next,
    closes_earlier_quotation,
    leans_on_previous,
    leaves_quotation_open,
    opens_quotation,
    quotation_start,
)

# An attribution opener the draft may carry before the pointing words ("According to TASS, for this reason").
_OPENER = re.compile(r"^(?:according to [^,]{1,120},\s*(?:citing [^,]{1,120},\s*)?)", re.IGNORECASE)
MAX_ANNOUNCED_SENTENCES = 3  # the most sentences of an announced quotation brought after its announcement


class BringAntecedent:
    """Put the sentence a pointing sentence leans on right before it, citing the same passage; remove a
    pointing sentence whose antecedent is not in its chunk.

    Why: "For this reason, most fighters refrain from revealing their identities" answers "why?" only with
    the reason it points at; alone, it points at nothing and reads as an answer it is not.
    """

    name = "context"

    def apply(self, draft: Draft) -> None:
        result: list[DraftSentence] = []
        for sentence in draft.sentences:
            claim = _OPENER.sub("", sentence.text)
            if sentence.origin == "conflict" or not leans_on_previous(claim) or not sentence.sources:
                result.append(sentence)
                continue
            antecedent = _antecedent(draft, sentence)
            if antecedent is None:
                reason = "points back at a sentence that is not in its passage"
                draft.decide(self.name, "removed", reason, sentence.text)
                continue
            if not any(same(antecedent.text, kept.text) for kept in result):
                result.append(antecedent)
                draft.decide(self.name, "added", "the sentence the next one points back at", antecedent.text)
            result.append(sentence)
        draft.sentences = result


def _antecedent(draft: Draft, sentence: DraftSentence) -> DraftSentence | None:
    """The sentence before the one ``sentence`` was drawn from, in the same chunk, citing that passage."""
    source = sentence.sources[0]
    for number in sentence.cites:
        passage = draft.passage(number)
        chunk = passage.chunk_sentences()
        index = next((i for i, s in enumerate(chunk) if s.start == source.start), None)
        if not index:  # not in this chunk, or its first sentence
            continue
        before: Sentence = chunk[index - 1]
        if not passage.start <= before.start < passage.end:
            number = draft.widen(passage, before.start, passage.end)
        return DraftSentence(clean_sentence(before.text), [number], "extracted", [before])
    return None


class CompleteQuotation:
    """Put the opening sentences of a quotation before a sentence that closes it, as one sentence citing one
    passage.

    Why: "You should give back the money ...,” Warren told Stumpf" starts mid-quotation (the sentence splitter
    cut "“You should resign." from it): alone it leaves out the first words its speaker said and closes a
    quotation that opens nowhere.
    """

    name = "quotation"

    def apply(self, draft: Draft) -> None:
        result: list[DraftSentence] = []
        for sentence in draft.sentences:
            claim = _OPENER.sub("", sentence.text)
            completed = None
            if sentence.origin != "conflict" and sentence.sources and closes_earlier_quotation(claim):
                completed = _with_opening(draft, sentence, sentence.text[: len(sentence.text) - len(claim)], claim)
            if completed is None:
                result.append(sentence)
                continue
            opening = completed.sources[0]
            for copied in [s for s in result if s.sources and opening.start <= s.sources[0].start < opening.end]:
                if _same_article(draft, copied, completed):  # the model had already copied an opening sentence
                    result.remove(copied)
            result.append(completed)
            draft.decide(self.name, "completed", "starts mid-quotation; its opening put before it", completed.text)
        draft.sentences = result


def _same_article(draft: Draft, a: DraftSentence, b: DraftSentence) -> bool:
    return bool(a.cites and b.cites) and draft.passage(a.cites[0]).doc_id == draft.passage(b.cites[0]).doc_id


def _with_opening(draft: Draft, sentence: DraftSentence, opener: str, claim: str) -> DraftSentence | None:
    """``sentence`` after the sentences that open the quotation its source closes, citing the passages that
    hold the whole quotation (the one it came from widened to it where needed)."""
    source = sentence.sources[0]
    for number in sentence.cites:
        passage = draft.passage(number)
        chunk = passage.chunk_sentences()
        index = next((i for i, s in enumerate(chunk) if (s.start, s.text) == (source.start, source.text)), None)
        if index is None or (first := quotation_start(chunk, index)) == index:
            continue
        start = chunk[first].start
        opening = passage.chunk_text[start - passage.chunk_start : source.start - passage.chunk_start]
        if not passage.start <= start < source.end <= passage.end:
            number = draft.widen(passage, start, max(passage.end, source.end))
        whole = Sentence(start, source.end, f"{opening}{source.text}", source.paragraph)
        quotation = clean_sentence(whole.text)
        # another passage stays cited only if it holds the whole quotation too (another outlet's copy)
        others = [n for n in sentence.cites if n != number and quotation in clean_sentence(draft.passage(n).text)]
        text = f"{opener}{clean_sentence(opening)} {claim}"
        sources = [whole, *sentence.sources[1:]]
        return DraftSentence(text, [number, *others], sentence.origin, sources, sentence.attributed)
    return None


class BringAnnounced:
    """Put the quotation a sentence announces right after it, citing the same passage, for a question that
    asks for someone's words.

    Why: "During a CNN town hall, Tina Houchins had a question for the president." answers "What did Tina
    Houchins ask Obama?" only with the question, quoted in the next paragraph; alone, it says that she asked
    and not what. The rule runs after ``attribution``: the announcement names the speaker of the words right
    before them, where a frame read across paragraphs may take "she said" for someone named earlier.
    """

    name = "announced"

    def apply(self, draft: Draft) -> None:
        if draft.question_asked.speaker is None:  # only a question for someone's words wants what they said
            return
        result: list[DraftSentence] = []
        for sentence in draft.sentences:
            result.append(sentence)
            if sentence.origin == "conflict" or not sentence.sources:
                continue
            if not announces_next(_OPENER.sub("", sentence.text)):
                continue
            announced = _announced(draft, sentence)
            if announced is not None and not any(same(announced.text, s.text) for s in draft.sentences):
                result.append(announced)
                draft.decide(self.name, "added", "the words the sentence before announces", announced.text)
        draft.sentences = result


def _announced(draft: Draft, sentence: DraftSentence) -> DraftSentence | None:
    """The quotations that open right after ``sentence``'s source, in the same chunk and paragraph, up to the
    first sentence outside them (at most ``MAX_ANNOUNCED_SENTENCES``), citing that passage (widened to them
    where needed); None when the next sentence is no quotation."""
    source = sentence.sources[0]
    for number in sentence.cites:
        passage = draft.passage(number)
        chunk = passage.chunk_sentences()
        index = next((i for i, s in enumerate(chunk) if s.start == source.start), None)
        if index is None or index + 1 >= len(chunk) or not opens_quotation(chunk[index + 1].text):
            continue
        words: list[Sentence] = []  # the quotations of its paragraph, up to the first sentence outside them
        for following in chunk[index + 1 : index + 1 + MAX_ANNOUNCED_SENTENCES]:
            inside = words and leaves_quotation_open(" ".join(s.text for s in words))
            if words and (following.paragraph != words[0].paragraph or not (inside or opens_quotation(following.text))):
                break
            words.append(following)
        start, end = words[0].start, words[-1].end
        text = passage.chunk_text[start - passage.chunk_start : end - passage.chunk_start]
        whole = Sentence(start, end, text, words[0].paragraph)
        if not passage.start <= start < end <= passage.end:
            number = draft.widen(passage, min(passage.start, start), max(passage.end, end))
        return DraftSentence(clean_sentence(whole.text), [number], "extracted", [whole])
    return None
