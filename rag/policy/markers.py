"""Rule ``markers``: read the model's citation markers, in whatever form it wrote them, and its refusals."""

from __future__ import annotations

import re

from rag.policy.draft import Draft, DraftSentence
from rag.prompt import REFUSAL_REPLY
from rag.sentences import split_sentences

_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKER = re.compile(
    r"[\[【(]\s*(?:(?:sources?|passages?|docs?|documents?|refs?)\s*)?#?"
    r"(\d{1,2}(?:\s*(?:,|;|and|&)\s*(?:(?:sources?|passages?)\s*)?\d{1,2})*)\s*[\]】)]",
    re.IGNORECASE,
)
# "According to Source 3, X." and "Passage 2 says that X." cite the sentence they open.
_OPENING_MARKER = re.compile(
    r"\b(?:according to|as (?:stated|noted|reported) in|in|per)\s+(?:source|passage)\s+(\d{1,2})\s*,?\s*"
    r"|\b(?:source|passage)\s+(\d{1,2})\s+(?:says|states|reports|notes|mentions)\s+(?:that\s+)?",
    re.IGNORECASE,
)
_WORD_MARKER = re.compile(r"\b(?:source|passage)\s+(\d{1,2})\b", re.IGNORECASE)
_SENTENCE_TAIL = re.compile(r"[^.!?]*")
_DIGITS = re.compile(r"\d+")
_PLACEHOLDER = re.compile(f"{_OPEN}([\\d,]+){_CLOSE}")
_MARKER_BEFORE_END = re.compile(f"([.!?])((?:\\s*{_OPEN}[\\d,]+{_CLOSE})+)")
# Openers that name no source at all ("According to the articles, ...") are dropped.
_VAGUE_OPENER = re.compile(
    r"^(?:(?:according to|based on|as (?:stated|mentioned|noted|reported) in|as per|per)\s+(?:the\s+)?"
    r"(?:provided\s+)?(?:articles?|passages?|sources? provided|sources|texts?|information(?: provided)?|"
    r"news(?: articles?)?|reports?)\s*,\s*"
    r"|(?:the\s+)?(?:articles?|passages?|texts?)\s+(?:\d+\s+)?(?:says?|states?|mentions?|notes?|reports?|"
    r"indicates?|explains?)\s+(?:that\s+)?)",
    re.IGNORECASE,
)
# A frame whose source was a citation marker, read before the markers go: "According to [1], X", "According to
# [1] and [2] X", "Yes, according to [2], X", "X, per [3]." ("per cent", "according to reports" name something)
_EMPTY_FRAME = re.compile(
    rf"(?i)(?P<before>^(?:(?:yes|no)\s*[,:;]\s*)?|,\s*|\s)"
    rf"(?:according to|as (?:stated|noted|reported) in|per)\s*(?:{_OPEN}[\d,]+{_CLOSE}\s*(?:(?:,|and|&)\s*)?)+"
    rf"(?P<after>[,:]\s*)?"
)
# The reply the prompt asks for, and the other ways a small model says the passages do not answer.
_REFUSAL_TEXT = re.compile(
    re.escape(REFUSAL_REPLY.removeprefix("The ").rstrip(".").lower())
    + r"|do(?:es)? not (?:say|mention|contain|provide|specify|answer)|no information|"
    r"not (?:mentioned|provided|specified)|cannot (?:answer|be answered|determine)|unable to",
    re.IGNORECASE,
)


class ReadMarkers:
    """Split the reply into sentences with the passage numbers they cite.

    Why: a small model cites as ``[1]``, ``[1, 3]``, ``[Source 2]`` or "According to Source 3, ..."; every
    later rule needs the numbers, whatever the form. Numbers of passages that do not exist are dropped, and a
    sentence that says the passages do not answer is not a claim (it is remembered as the model's refusal).
    """

    name = "markers"

    def apply(self, draft: Draft) -> None:
        draft.sentences, draft.model_refused = parse_draft(draft.raw, len(draft.passages))
        if draft.model_refused:
            draft.decide(self.name, "noted", "the model replied that the passages do not answer")


def parse_draft(raw: str, passage_count: int) -> tuple[list[DraftSentence], bool]:
    """Split the model's draft into sentences with their cited passage numbers; report a refusal."""
    text = _move_opening_markers(raw)
    text = _WORD_MARKER.sub(lambda m: f" {_OPEN}{m.group(1)}{_CLOSE} ", text)
    text = _MARKER.sub(lambda m: f" {_OPEN}{','.join(_DIGITS.findall(m.group(1)))}{_CLOSE} ", text)
    text = _MARKER_BEFORE_END.sub(lambda m: f"{m.group(2)}{m.group(1)}", text)
    sentences: list[DraftSentence] = []
    refused = False
    for sentence in split_sentences(text):
        cites = [int(n) for group in _PLACEHOLDER.findall(sentence.text) for n in group.split(",")]
        claim = _EMPTY_FRAME.sub(_without_frame, sentence.text)
        claim = re.sub(r"\s+", " ", _PLACEHOLDER.sub(" ", claim)).strip()
        claim = re.sub(r"\s+([.,;:!?])", r"\1", claim)
        claim = re.sub(r"[\s,;:]+([.!?]?)$", r"\1", claim)  # "Yes, ." where the frame was all there was
        claim = _VAGUE_OPENER.sub("", claim).strip()
        if not re.search(r"[A-Za-z]{2}", claim):
            continue
        if _REFUSAL_TEXT.search(claim):
            refused = True
            continue
        claim = claim[0].upper() + claim[1:]
        valid = [n for n in dict.fromkeys(cites) if 1 <= n <= passage_count]
        sentences.append(DraftSentence(claim, valid, "model"))
    return sentences, refused


def _without_frame(match: re.Match[str]) -> str:
    """What stays of an empty frame: its verdict ("Yes, "), or a space between the words around it ("The
    mayor, according to [1], was removed." -> "The mayor was removed.")."""
    before = match.group("before")
    if before.strip() in ("", ","):  # the sentence's start, a space or a comma before the frame
        return " " if before else ""
    return before


def _move_opening_markers(text: str) -> str:
    """Rewrite "According to Source 3, X." as "X [3]."."""
    while match := _OPENING_MARKER.search(text):
        number = match.group(1) or match.group(2)
        tail = _SENTENCE_TAIL.match(text, match.end())
        end = tail.end() if tail else match.end()
        claim = text[match.end() : end]
        text = f"{text[: match.start()]}{claim[:1].upper()}{claim[1:]} [{number}]{text[end:]}"
    return text
