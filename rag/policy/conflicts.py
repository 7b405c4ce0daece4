"""Rule ``conflicts``: where two retrieved articles disagree on the point, both sides are shown and listed."""

from __future__ import annotations

import re

from rag.lexical import normalize_numbers, numbers, stemmer, terms
from rag.passages import Passage
from rag.policy.attribution import attribute
from rag.policy.draft import Draft, DraftSentence, clean_sentence
from rag.sentences import Sentence

STATED_MIN_SHARED = 2  # the answer states a disputed figure when a sentence has it and this many of its words
ASKED_MIN_SHARED = 3  # the question asks about a dispute when it shares this many of its words

# "<Agent> (has) <verb>ed ... <number> ...": who did what, with which figure.
_CONFLICT_CLAIM = re.compile(
    r"(?P<agent>(?:(?:The|the|of)\s+)?[A-Z][\w’'-]*(?:\s+(?:of|the|[A-Z][\w’'-]*))*)\s+"
    r"(?:(?:has|have|had|also|reportedly|allegedly|already)\s+)*(?P<verb>[a-z]+ed)\b"
    r"(?P<rest>[^.;:]{0,60}?)\b(?P<number>\d[\d,]*)(?P<tail>(?:\s+[\w’'-]+){0,3})"
)


class FlagConflicts:
    """List each point on which two articles disagree, and add a sentence that names both sides.

    Why: contested news is the product's subject; picking one side silently would hide the dispute. A
    conflict counts when the answer states the disputed figure or the question asks about it.
    """

    name = "conflicts"

    def apply(self, draft: Draft) -> None:
        if not draft.sentences:
            return
        for about, a, sa, b, sb in find_conflicts(draft.passages):
            stated = any(
                numbers(about) & numbers(d.text) and len(terms(about) & terms(d.text)) >= STATED_MIN_SHARED
                for d in draft.sentences
            )
            asked = numbers(about) & numbers(draft.question) or len(terms(about) & terms(draft.question)) >= (
                ASKED_MIN_SHARED
            )
            if not (stated or asked):
                continue
            draft.conflicts.append((about, [a.number, b.number]))
            draft.decide(self.name, "flagged", f"[{a.number}] and [{b.number}] disagree on {about}")
            cited = {n for d in draft.sentences for n in d.cites}
            if not {a.number, b.number} <= cited:
                sentence = _conflict_sentence(about, a, sa, b, sb, draft.lowercase_ok)
                draft.sentences.append(sentence)
                draft.decide(self.name, "added", "the answer cites one side only", sentence.text)


def find_conflicts(passages: list[Passage]) -> list[tuple[str, Passage, Sentence, Passage, Sentence]]:
    """Pairs of sentences from different articles that report the same event and figure with different actors."""
    claims = []
    for passage in passages:
        for sentence in passage.sentences():
            for match in _CONFLICT_CLAIM.finditer(normalize_numbers(sentence.text)):
                agent = re.sub(r"^(?:the|of)\s+", "", match.group("agent"), flags=re.IGNORECASE)
                key = (stemmer().stemWord(match.group("verb")), match.group("number"))
                claims.append((key, agent, match, passage, sentence))
    found = []
    seen = set()
    for i, (key, agent, match, passage, sentence) in enumerate(claims):
        for other_key, other_agent, other_match, other, other_sentence in claims[i + 1 :]:
            if key != other_key or passage.doc_id == other.doc_id:
                continue
            if agent.lower() in other_agent.lower() or other_agent.lower() in agent.lower():
                continue
            pair = (passage.doc_id, other.doc_id, key)
            if pair in seen:
                continue
            seen.add(pair)
            phrase = min(match, other_match, key=lambda m: len(m.group("rest")))
            about = f"who {phrase.group('verb')}{phrase.group('rest')}{phrase.group('number')}{phrase.group('tail')}"
            found.append((re.sub(r"\s+", " ", about).strip(), passage, sentence, other, other_sentence))
    return found


def _conflict_sentence(about: str, a: Passage, sa: Sentence, b: Passage, sb: Sentence, lowercase_ok) -> DraftSentence:
    """ "The articles disagree on <about>: <side a> {a}, whereas <side b> {b}." (markers rendered later)."""

    def side(passage: Passage, sentence: Sentence) -> str:
        claim = clean_sentence(sentence.text).rstrip(".")
        draft = DraftSentence(claim, [passage.number], "conflict", [sentence])
        text = attribute(draft, [passage], lowercase_ok).text
        return text[0].lower() + text[1:] if lowercase_ok(text.split(" ", 1)[0]) else text

    text = f"The articles disagree on {about}: {side(a, sa)} {{{a.number}}}, whereas {side(b, sb)} {{{b.number}}}."
    return DraftSentence(text, [a.number, b.number], "conflict", [sa, sb])
