"""Rule ``context``: a sentence that points back ("For this reason, ...") comes with the sentence it points at."""

from __future__ import annotations

import re

from rag.policy.draft import Draft, DraftSentence, clean_sentence, same
from rag.sentences import Sentence, leans_on_previous

# An attribution opener the draft may carry before the pointing words ("According to TASS, for this reason").
_OPENER = re.compile(r"^(?:according to [^,]{1,120},\s*(?:citing [^,]{1,120},\s*)?)", re.IGNORECASE)


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
            number = max(p.number for p in draft.passages) + 1
            draft.passages.append(passage.widened(number, before.start, passage.end))
        return DraftSentence(clean_sentence(before.text), [number], "extracted", [before])
    return None
