"""Is an answer sentence garbled? A dangling attribution frame, a fragment without a verb, a repeated name.

These are the marks of a repair gone wrong ("According to Diablo 3 was, ...", "James Cameron is making a.",
"According to Tatyana Moskalkova, ..., Tatyana Moskalkova dismissed ..."). A name the article's own sentence
repeats ("New York 2004 Olympic Games, held in New York") is no repair. The check reads the sentence's
dependency parse (the shared spaCy pipeline, :mod:`rag.nlp`).
"""

from __future__ import annotations

import re

from rag import nlp

# "According to X, ...", also after the conflict opening ("The articles disagree: according to X, ...").
_OPENER = re.compile(
    r"^(?:The articles disagree:\s+)?(?:[Aa]ccording to|[Aa]s (?:reported|quoted) by)\s+(?P<source>[^,]+),"
)
# Words that cannot end a speaker's name: verbs and auxiliaries, articles, prepositions, conjunctions.
_BAD_LAST = {"VERB", "AUX", "DET", "ADP", "CCONJ", "SCONJ", "PART", "PRON"}
MIN_NAME_TOKENS = 2  # a repeated name (a named entity) counts from this many words
_NAMED = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART", "EVENT"}


def garbled(sentence: str) -> str | None:
    """Why ``sentence`` (citations removed) reads as garbled, or None when it reads as English."""
    text = sentence.strip()
    if not text:
        return None
    opener = _OPENER.match(text)
    if opener:
        source = nlp.parse(opener.group("source"))
        last = source[-1] if len(source) else None
        if last is not None and (last.pos_ in _BAD_LAST or last.pos_ == "ADV"):
            return f"the source phrase {opener.group('source')!r} ends in {source[-1].text!r}"
    doc = nlp.parse(text)
    body = doc[len(nlp.parse(opener.group(0))) :] if opener else doc
    if not any(t.pos_ in ("VERB", "AUX") for t in body):
        return "a fragment without a verb"
    words = [t for t in nlp.parse(text.rstrip(".!?… ")) if not t.is_punct]
    if words and (words[-1].lower_ in ("a", "an", "the") or words[-1].pos_ in ("DET", "CCONJ", "SCONJ")):
        return f"ends mid-phrase on {words[-1].text!r}"
    if opener:  # a frame set before a sentence that names its speaker already
        source, rest = opener.group("source").strip(), text[opener.end() :]
        ents = nlp.parse(rest, ner=True).ents
        named = [e.text for e in ents if e.label_ in _NAMED and len(e) >= MIN_NAME_TOKENS and e.text in source]
        if named or (len(source.split()) >= MIN_NAME_TOKENS and source in rest):
            return f"repeats the name {(named or [source])[0]!r}"
    return None
