"""Claims as relations, and whether a passage supports them: who did what to whom, not which words.

:func:`read` turns a text into its clauses (:class:`Clause`): the predicate (a verb's lemma, or "be"), the
noun phrases that fill its roles (agent, patient, attribute, dative, each preposition), each phrase's
heads, the modifiers that say which ones ("former", "Ukrainian", "most") and the numbers bound to its nouns
with their bounds ("at least 62"), the clause's polarity and mood (modal, ordered, intended, expected,
conditional), whom it is credited to ("according to X", "X said that"), and the connectives that link two
clauses ("because", "so", "after").

:func:`check` holds a claim against passages. Each clause of the claim must be matched, role for role, by
a clause of ONE passage (so two passages never combine into one fact); a link ("because") must be in one
passage too. A claim may say less than its passage, never more or otherwise: it may drop a modifier that
only describes, not one that changes the referent or the count. A word-overlap filter (:func:`overlap`)
turns away unrelated claims before parsing; readings are cached by text. Word lists are data in
:mod:`rag.lexicons`.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from spacy.tokens import Doc, Token

from rag import lexicons, nlp
from rag.attribution import Frame, detect
from rag.lexical import normalize_numbers, numbers, stemmer, terms

log = logging.getLogger(__name__)

PREFILTER_OVERLAP = 0.5  # share of the claim's words (or their synonyms) the passages must hold before parsing
REPORTING_LINE_SHARE = 0.5  # share of a synonym line's verbs that must report for its other verbs to report
LINK_OVERLAP = 0.5  # share of each linked clause's words the passage's linked clauses must hold
MAX_CLAIM_CHARS = 1_500  # a longer "claim" is not one claim: it is refused rather than parsed
MAX_REASONS = 2  # problems quoted in a verdict's reason
PASSAGE_CACHE = 4_096  # passage readings kept, by text
CLAIM_CACHE = 256  # claim readings kept, by text (the policy checks one sentence against several passages)
OBJECT_CONTROL = frozenset({"of", "for", "from", "as"})  # "accused X of Ving": X does it; "by Ving": the subject does
ATTACH_DEPTH = 3  # nouns up a chain of prepositions a relative clause may belong to
QUANTIFIER_WINDOW = 3  # words before a number looked at for its bound ("more than", "at least")
COUNT = "number"  # the noun that counts ("the number of X"), with its synonyms in word_synonyms
INCLUDE, AMONG = "includ", "among"  # "Y include X" (stemmed) says what "X is among Y" says
PREDICATIVE_AS = "as"  # marks a predicative ("saw X as Y"), which a bare complement states ("considered X Y")

CORE_ROLES = ("agent", "patient", "attr", "dative")
_ROLE_WORDS = {
    "agent": "who does it",
    "patient": "whom or what it is done to",
    "attr": "what it is",
    "dative": "to whom",
}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_CLAUSAL_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "csubjpass", "parataxis", "pcomp", "conj"}
_MOD_DEPS = {"amod", "compound", "nmod", "poss", "det", "predet", "advmod", "npadvmod", "nummod", "quantmod"}
_NUMBER_DEPS = {"compound", "quantmod", "advmod", "amod", "det", "punct", "nummod"}
_CERTAINTY = {"future": 1, "probable": 2, "expectation": 2, "hypothetical": 2, "possible": 3}  # how unsure
_ASKING = {"directive", "obligation", "permission", "intent"}  # mood kinds whose "to"-clause is not yet done
_NOT_MOODS = {"done", "negative", "evidential", "granting"}  # mood-lexicon kinds that leave a clause a fact
_PERSONAL = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}  # only a person's name before it
_ADVERBIAL_PARTICLES = {"back", "away", "out", "off", "up", "down"}  # particles of phrasal verbs ("send back")
_DEMONSTRATIVE = {"this", "that", "these", "those"}
_FRAMED_PREPS = {"of", "as"}  # "accused X of Ving", "described X as Ving" report X's Ving ("reported on Ving" not)
_NOMINAL_AGENT = {"by", "from"}  # "criticism by/from X": X criticizes
_TRENDS = {"up": "increas", "down": "decreas"}  # stemmed verbs whose predicate_synonyms say a count changes
_COUNT_COMPARATIVES = {"more": "up", "fewer": "down", "less": "down"}  # "more and more X": the count grows
_RELATIVE = {"who", "whom", "which", "that", "whose"}
_REFLEXIVE = re.compile(r"(?:it|them|him|her|our|your|my)sel(?:f|ves)$")
_MARKERS = re.compile(r"\s*\[\d+\]")
_IMPLY = {  # a claim's bound (key) that its passage's bound (value) entails
    "eq": {"eq"},
    "about": {"eq", "about"},
    "ge": {"eq", "ge", "gt"},
    "gt": {"gt"},
    "le": {"eq", "le", "lt"},
    "lt": {"lt"},
    "almost": {"almost"},
}
_LINK_COMPATIBLE = {  # the passage link kinds that support a claim's link kind
    "cause": {"cause", "as"},
    "as": {"cause", "as", "after", "during"},
    "after": {"after"},
    "during": {"during", "as"},
}


# --- word lists -------------------------------------------------------------------------------------------


def _stem(word: str) -> str:
    """A lexicon entry's key: its words stemmed ("lay_down" -> "lay down")."""
    return " ".join(stemmer().stemWords(word.lower().replace("_", " ").split()))


@cache
def _groups(name: str) -> dict[str, frozenset[int]]:
    """word key -> the groups (line numbers) it is in, for a lexicon of one group a line."""
    index: dict[str, set[int]] = defaultdict(set)
    for number, line in enumerate(sorted(lexicons.words(name))):
        for word in line.split():
            index[_stem(word)].add(number)
    return {word: frozenset(ids) for word, ids in index.items()}


@cache
def _stemmed_kinds(name: str) -> dict[str, str]:
    return {_stem(entry): kind for entry, kind in lexicons.kinds(name).items()}


@cache
def demonyms() -> dict[str, str]:
    """word -> the place it names ("russians" -> "russia")."""
    table = {}
    for line in lexicons.words("demonyms"):
        words = line.split()
        for word in words:
            table[word.replace("_", " ")] = words[0].replace("_", " ")
    return table


@cache
def _word_set(name: str) -> frozenset[str]:
    return frozenset(_stem(entry) for entry in lexicons.words(name))


@cache
def _reporting() -> frozenset[str]:
    """The reporting verbs, and the verbs of a predicate_synonyms line that is mostly reporting verbs ("warn
    caution": "cautions that" reports as "warns that" does), but for a verb that carries a mood."""
    listed = _word_set("reporting_verbs")
    moods = _stemmed_kinds("moods")
    lines: dict[int, set[str]] = defaultdict(set)
    for word, ids in _groups("predicate_synonyms").items():
        for line in ids:
            lines[line].add(word)
    extra = {
        word
        for words in lines.values()
        if len(words & listed) >= len(words) * REPORTING_LINE_SHARE
        for word in words
        if word not in moods
    }
    return listed | frozenset(extra)


@cache
def _copulas() -> frozenset[str]:
    return frozenset(k for k, ids in _groups("predicate_synonyms").items() if ids & _groups("predicate_synonyms")["be"])


# --- words ------------------------------------------------------------------------------------------------


@cache
def word_key(word: str) -> str:
    """The key of a single word, parsed once ("win", "winner", "people")."""
    return key(nlp.parse(word)[0])


def key(token: Token) -> str:
    """A token's comparison key: its place for a demonym, else its stemmed lemma, "+sup"/"+cmp" for degree."""
    word = (token.text if token.pos_ == "PROPN" else token.lemma_ or token.text).lower().strip("'’-")
    if token.pos_ != "PRON" and word in demonyms():  # "told us" is no "the US"
        return demonyms()[word]
    if token.pos_ != "PRON" and token.text.lower() in demonyms():
        return demonyms()[token.text.lower()]
    if token.pos_ == "ADV" and word.endswith("ly") and len(word) > 4:
        word = word[:-2]
    stem = stemmer().stemWord(word)
    if token.tag_ in ("JJS", "RBS") and stem not in _word_set("essential_modifiers"):
        return stem + "+sup"
    if token.tag_ in ("JJR", "RBR"):
        return stem + "+cmp"
    return stem


def _particles(verb: Token) -> list[Token]:
    """A verb's particles ("lay down"), with an adverbial particle the parser took for an adverb ("send back")."""
    return [
        c
        for c in verb.children
        if c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == verb.i + 1 and c.lower_ in _ADVERBIAL_PARTICLES)
    ]


def predicate_key(token: Token) -> str:
    """A predicate's key with its particles ("lay down"), and an adverbial particle the parser took for an
    adverb right after the verb ("send back")."""
    particles = _particles(token)
    return " ".join([key(token), *(key(p) for p in particles)])


def same_word(a: str, b: str, lexicon: str = "word_synonyms") -> bool:
    """Are two keys the same word or synonyms in ``lexicon`` (of the same degree)?"""
    if a == b:
        return True
    base_a, _, degree_a = a.partition("+")
    base_b, _, degree_b = b.partition("+")
    if degree_a != degree_b:
        return False
    groups = _groups(lexicon)
    return bool(groups.get(base_a, frozenset()) & groups.get(base_b, frozenset()))


def _content(token: Token) -> bool:
    return not (token.is_punct or token.is_space or token.is_stop or token.pos_ in ("DET", "PART", "CCONJ", "ADP"))


def _keys(tokens: Iterable[Token]) -> frozenset[str]:
    return frozenset(key(t) for t in tokens if _content(t))


def _is_identity(token: Token) -> bool:
    """Does the modifier say which one by name ("Ukrainian", "Kursk", "Parliament")?"""
    if key(token) in demonyms().values():
        return True
    return token.pos_ == "PROPN" or (token.text[:1].isupper() and token.i != token.sent.start)


def _is_pronoun(token: Token) -> bool:
    """A pronoun, or a demonstrative standing alone ("this was reported"); "all"/"many" count, they are no pronoun."""
    if token.pos_ == "DET":
        return token.dep_ not in ("det", "predet") and token.lower_ in _DEMONSTRATIVE
    return token.pos_ == "PRON" and key(token) not in _word_set("partitives")


def partitive(token: Token) -> Token | None:
    """The noun a partitive stands for: "soldiers" in "a large group of 102 soldiers"; else None."""
    if token.lower_ == "one" or key(token) not in _word_set("partitives"):
        return None
    return next((c for p in token.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"), None)


def _is_number(token: Token) -> bool:
    return token.like_num or token.pos_ == "NUM"


def _words(tokens: Iterable[Token], limit: int = 8) -> str:
    ordered = sorted(tokens, key=lambda t: t.i)
    text = " ".join(t.text for t in ordered if not t.is_punct or t.text in "%$")
    words = text.split()
    return " ".join(words[:limit]) + (" …" if len(words) > limit else "")


# --- structures -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quantity:
    """A number as the text bounds it: ``value`` normalised ("1000"), ``bound`` eq/gt/ge/lt/le/about/almost."""

    value: str
    bound: str
    text: str


@dataclass
class Phrase:
    """A noun phrase: its heads (with appositions and the noun a partitive counts), modifiers and numbers."""

    head: Token
    heads: list[Token]
    mods: list[Token]
    numbers: list[Quantity]
    preps: list[tuple[str, Phrase]]
    keys: frozenset[str]
    negated: bool = False
    antecedents: list[Phrase] | None = None  # a pronoun of a passage: what it may refer to
    open_possessor: bool = False  # "his rhetoric" where the passage does not say whose

    @property
    def text(self) -> str:
        return _words([*self.heads, *self.mods])

    @property
    def pronoun(self) -> bool:
        return _is_pronoun(self.head)


@dataclass
class Clause:
    """One claim of a sentence: a predicate, its arguments by role, polarity, mood and who it is credited to."""

    pred: Token
    key: str
    args: dict[str, list[Phrase]]
    negated: bool
    mood: frozenset[str]
    speakers: list[Phrase] = field(default_factory=list)
    frames: list[tuple[str, frozenset[str]]] = field(default_factory=list)  # (who, their words) of a passage
    nominal: bool = False
    not_only: frozenset[str] = frozenset()  # "not merely X but also Y": the focus adverbs the clause denies


@dataclass(frozen=True)
class Link:
    """Two clauses linked by a connective: ``first`` is the cause (or the earlier event), ``second`` the other."""

    kind: str
    cue: str
    first: frozenset[str]
    second: frozenset[str]


@dataclass
class Reading:
    """A text read into clauses and links."""

    doc: Doc
    clauses: list[Clause]
    links: list[Link]
    phrases: list[Phrase]
    reader: _Reader = field(repr=False, compare=False)


@dataclass(frozen=True)
class Verdict:
    """Whether the evidence supports the claim; ``reason`` says why not (or which passages do)."""

    supported: bool
    reason: str
    passages: tuple[int, ...] = ()


# --- reading ----------------------------------------------------------------------------------------------


class _Reader:
    """Reads one parsed text. In a passage (``resolve``) pronouns get the phrases they may refer to."""

    def __init__(self, doc: Doc, resolve: bool) -> None:
        self.doc = doc
        self.resolve = resolve
        self._phrases: dict[int, Phrase] = {}
        self._building: set[int] = set()
        self._sents = list(doc.sents)

    def read(self, frames: Sequence[Frame] = ()) -> Reading:
        clauses = [self.clause(t) for t in self.doc if self._is_predicate(t)]
        for clause in clauses:
            at = clause.pred.idx
            for frame in frames:
                if frame.content_start <= at < frame.content_end and not frame.denied:
                    who = " ".join(dict.fromkeys(n for n in [frame.source, frame.via, *frame.aliases()] if n))
                    clause.frames.append((frame.label, frozenset(_terms_keys(who))))
        named: Clause | None = None
        for clause in clauses:
            if named is not None and _anaphoric(clause):
                clause.speakers = [*clause.speakers, *(p for p in named.speakers if not p.pronoun)]
                clause.frames = [*clause.frames, *named.frames]
            elif _named(clause):
                named = clause
        phrases = [self.phrase(t) for t in self.doc if t.pos_ in ("NOUN", "PROPN", "NUM", "PRON")]
        return Reading(self.doc, clauses, self._links(), phrases, self)

    # predicates

    def _is_predicate(self, token: Token) -> bool:
        if token.pos_ == "AUX":
            return token.dep_ not in ("aux", "auxpass")
        if token.pos_ != "VERB" or token.dep_ in ("aux", "auxpass", "compound", "prep", "agent", "advmod"):
            return False
        if token.dep_ == "amod" and not any(c.dep_ in _SUBJECT_DEPS for c in token.children):
            return False  # "captured soldiers"; but a verb with a subject of its own is a clause, however tagged
        if _quoted_by(token):
            return False  # "sources cited by TASS": whose sources, a modifier of the noun (see _build)
        return not self._is_frame(token)

    def _is_frame(self, token: Token) -> bool:
        """A reporting verb that frames a clause ("said that", "he said,", "citing X", "as quoted by X")."""
        if key(token) not in _reporting() and key(token) not in {"cite", "quot"}:
            return False
        listener = key(token) in _word_set("listener_verbs")
        if any(c.dep_ == "dobj" for c in token.children) and token.dep_ != "advcl" and not listener:
            return _believes(token)
        complements = [c for c in token.children if c.dep_ in ("ccomp", "xcomp", "oprd")]
        if any(c.pos_ in ("ADJ", "NOUN", "PROPN") for c in complements):
            return False  # "considered themselves Russian": a judgement of its own, not a report
        reports = [c for c in token.children if c.dep_ == "ccomp" or _that_clause(c)]
        if token.dep_ == "parataxis" or any(c.pos_ in ("VERB", "AUX") for c in reports):
            return True
        quoting = key(token) in {"cite", "quot"}
        return quoting and token.dep_ == "advcl" and any(c.dep_ in ("dobj", "agent") for c in token.children)

    def clause(self, pred: Token) -> Clause:
        args: dict[str, list[Phrase]] = defaultdict(list)
        negated = False
        not_only: set[str] = set()
        passive = any(c.dep_ == "auxpass" for c in pred.children)
        for child in _children(pred):
            role = self._role(child)
            if role == "agent" and passive:
                role = "patient"  # "is limited" with its subject labelled nsubj: the subject undergoes it
            if role:
                args[role].extend(self.arg(child))
            elif child.dep_ == "agent":
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    args["agent"].extend(self.arg(pobj))
            elif child.dep_ == "prep" and not _connective_at(child):
                for pobj in _prep_objects(child):
                    args[f"prep:{child.lower_}"].extend(self.arg(pobj))
            elif focus := _focus_negated(child):
                not_only.add(focus)
            elif child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in lexicons.words("negations")):
                negated = not negated
        if not any(c.dep_ in _SUBJECT_DEPS or c.dep_ in ("csubj", "expl") for c in _children(pred)):
            self._implicit_subject(pred, args)
        elif pred.dep_ == "amod" and not args.get("patient"):
            args["patient"].append(self._attached(pred.head, pred.head))  # "military captured soldiers", misparsed
        for role in ("agent", "patient"):
            if any(p.negated for p in args.get(role, [])):
                negated = not negated
        pred_key = predicate_key(pred)
        if pred_key in _copulas() and "patient" in args:
            args["attr"].extend(args.pop("patient"))
        mood, mood_negated = _mood(pred)
        speakers, speaker_negated, unsaid = self._speakers(pred)
        polarity = negated ^ mood_negated ^ speaker_negated
        mood = mood | {"unsaid"} if unsaid else mood  # "X did not say that P": neither P nor not P
        return Clause(pred, pred_key, dict(args), polarity, mood, speakers, not_only=frozenset(not_only))

    @staticmethod
    def _role(child: Token) -> str | None:
        dep = child.dep_
        if dep == "nsubj":
            return "agent"
        if dep in ("nsubjpass", "dobj"):
            return "patient"
        if dep in ("attr", "acomp", "oprd") or (dep in ("ccomp", "xcomp") and child.pos_ in ("ADJ", "NOUN", "PROPN")):
            return "attr"
        if dep == "dative":
            return "dative"
        if dep in ("npadvmod", "tmod"):
            return "prep:"
        return None

    def _implicit_subject(self, pred: Token, args: dict[str, list[Phrase]]) -> None:
        """The subject a clause shares with the one it hangs on: conjuncts, "to"-clauses, participles."""
        passive = any(c.dep_ == "auxpass" for c in pred.children) or _participle_complement(pred)
        role = "patient" if passive else "agent"
        head = pred.head
        subject: Token | None = None
        if pred.dep_ == "conj" and head != pred:
            subject = _subject(head)
            if subject is not None and subject.dep_ == "nsubjpass" and pred.tag_ == "VBN":
                role = "patient"
        elif pred.dep_ == "ccomp" and (interjected := _interjected(head)) is not None:
            subject = interjected[0]
        elif pred.dep_ in ("xcomp", "oprd") or (pred.dep_ == "advcl" and _infinitive(pred)):
            objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
            subject = objects[0] if objects else _subject(head)
        elif pred.dep_ in ("advcl", "pcomp"):
            governor = head.head if pred.dep_ == "pcomp" else head
            controls = pred.dep_ == "pcomp" and head.lower_ in OBJECT_CONTROL
            objects = [c for c in governor.children if c.dep_ == "dobj"] if controls else []
            if governor.pos_ in ("NOUN", "PROPN") and governor.dep_ == "dobj" and controls:
                objects = [governor]
            subject = objects[0] if objects else _subject(governor)
            if subject is None and governor.dep_ in ("acl", "relcl"):
                args[role].append(self._attached(governor.head, governor.head))
                return
        elif pred.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON", "DET", "NUM"):
            if pred.dep_ == "relcl" and any(c.dep_ == "dobj" for c in pred.children):
                return
            if pred.dep_ == "acl" and pred.tag_ != "VBN" and _infinitive(pred):
                return
            if head.dep_ == "appos" and key(head) in _word_set("partitives"):
                head = head.head  # "X, Y and Z all contributing": X, Y and Z
            coordination = self.arg(_conj_root(head))
            if len(coordination) > 1 and pred.i > max(p.head.i for p in coordination):
                subjects = coordination
            else:
                subjects = [self._attached(head, head)]
            args["agent" if pred.dep_ == "acl" and pred.tag_ != "VBN" else role].extend(subjects)
            return
        if subject is not None:
            args[role].extend(self.arg(subject))

    def _speakers(self, pred: Token) -> tuple[list[Phrase], bool, bool]:
        """Who the clause is credited to, by the parse, whether one of them denies it, and whether a reporting
        verb that frames it is negated (then no one is credited with it)."""
        speakers: list[Phrase] = []
        negated = unsaid = False
        previous: Token | None = None
        below: Token | None = None
        node = pred
        while True:
            for child in node.children:
                if child.dep_ == "prep" and child.lower_ in ("according", "per"):
                    for to in child.children:
                        speakers.extend(self.phrase(p) for p in to.children if p.dep_ == "pobj")
                        if to.dep_ == "pobj":
                            speakers.append(self.phrase(to))
                elif node == pred and child.dep_ == "prep" and (by := _reporting_absolute(child, node)):
                    speakers.append(self.phrase(by))  # "With estimates suggesting the total could exceed ..."
                elif child != previous and child.dep_ in ("parataxis", "advcl") and self._is_frame(child):
                    who = [c for c in child.children if c.dep_ in ("nsubj", "dobj")]
                    who += [p for a in child.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
                    speakers.extend(self.phrase(w) for w in who)
            reporting = key(node) in _reporting()
            framed = previous is not None and (previous.dep_ in ("ccomp", "prep", "xcomp") or _that_clause(previous))
            framed = framed and reporting
            if previous is not None and previous.dep_ == "prep":  # "accused X of Ving", "described X as Ving"
                framed = framed and previous.lower_ in _FRAMED_PREPS and below is not None and below.dep_ == "pcomp"
            if previous is not None and previous.dep_ == "dobj" and reporting and below is not None:
                framed = below.dep_ == "prep" and below.lower_ == "of" and pred.dep_ == "pcomp" and pred.head == below
            if framed and (previous.dep_ != "xcomp" or _believes(node)):
                subject = _subject(node) or (node.head if node.dep_ == "acl" else None)
                by = [p for a in node.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
                # "X did not say that ...": X says neither it nor its opposite ("did not just say": X said it);
                # in "X did not say that '...,' Y added, saying P", P is Y's
                if any(c.dep_ == "neg" and _focus_negated(c) is None for c in node.children):
                    unsaid = unsaid or not speakers
                else:
                    speakers.extend(self.phrase(w) for w in ([subject] if subject is not None else by))
                    negated ^= _stemmed_kinds("moods").get(key(node)) == "negative"
            if node.head == node:
                return speakers, negated, unsaid
            below, previous, node = previous, node, node.head

    # phrases

    def arg(self, token: Token) -> list[Phrase]:
        """The phrases of an argument: the phrase at ``token`` and its conjuncts."""
        phrases = [self.phrase(token)]
        for child in token.children:
            if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"):
                phrases.extend(self.arg(child))
        return phrases

    def phrase(self, token: Token) -> Phrase:
        if token.i not in self._phrases:
            self._building.add(token.i)
            try:
                self._phrases[token.i] = self._build(token)
            finally:
                self._building.discard(token.i)
        return self._phrases[token.i]

    def _build(self, token: Token) -> Phrase:
        if token.lower_ in _RELATIVE and (relcl := _relative_clause(token)) is not None:
            return self._attached(relcl.head, token)
        tokens = _phrase_tokens(token)
        heads = [token, *(t for t in tokens if t.dep_ == "appos")]
        mods: list[Token] = []
        numbers: list[Quantity] = []
        negated = False
        open_possessor = False
        extra: set[str] = set()
        for head in heads:
            if _is_number(head) and (q := _quantity(head)) is not None:
                numbers.append(q)
            for by in (p for c in head.children if _quoted_by(c) for p in _agents(c)):
                mods.extend(m for m in [by, *_modifiers(by)] if _is_modifier(m))  # "sources cited by TASS"
                extra |= _keys([by, *_modifiers(by)])
            for mod in _modifiers(head):
                if _is_number(mod) and mod.dep_ in ("nummod", "quantmod", "compound"):
                    if mod.dep_ != "compound" and (q := _quantity(mod)) is not None:
                        numbers.append(q)
                elif mod.dep_ == "det" and mod.lower_ in ("no", "none"):
                    negated = True
                elif mod.dep_ == "poss" and mod.tag_ in ("PRP$", "WP$"):
                    owners = self._possessor_keys(mod)
                    extra |= owners
                    open_possessor = open_possessor or (self.resolve and not owners)
                elif not _is_pronoun(mod) and _is_modifier(mod) and not _in_number(mod):
                    mods.append(mod)
        preps: list[tuple[str, Phrase]] = []
        partitive = token.lower_ != "one" and key(token) in _word_set("partitives")
        for child in [c for h in heads for c in h.children if c.dep_ == "prep"]:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                inner = self.phrase(pobj)
                if partitive and child.lower_ == "of" and child.head == token:
                    heads.extend(h for p in self.arg(pobj) for h in p.heads)
                    mods.extend([token, *inner.mods])
                    numbers.extend(inner.numbers)
                preps.append((child.lower_, inner))
        antecedents = None
        if self.resolve and _is_pronoun(token) and not partitive:
            antecedents = [self.phrase(t) for t in self._antecedents(token) if t.i not in self._building]
        phrase = Phrase(token, heads, mods, numbers, preps, _keys(tokens) | extra, negated, antecedents)
        phrase.open_possessor = open_possessor
        return phrase

    def _attached(self, noun: Token, token: Token) -> Phrase:
        """What a relative pronoun (or a participle's implicit subject) stands for: the noun the clause hangs
        on or, as the parser may have hung it one noun off, the noun above or below it."""
        options = [self.phrase(n) for n in _attachments(noun) if n.i not in self._building or n == noun]
        if len(options) == 1:
            return options[0]
        return Phrase(token, [token], [], [], [], frozenset(), antecedents=options)

    def _possessor_keys(self, pronoun: Token) -> set[str]:
        """The words of whom a passage's "his"/"its"/"whose" may refer to, for a claim that names them."""
        if not self.resolve:
            return set()
        if pronoun.lower_ == "whose" and (relcl := _relative_clause(pronoun)) is not None:
            candidates = [relcl.head]
        else:
            candidates = self._antecedents(pronoun)
        return {k for c in candidates for k in _keys([c, *_modifiers(c)])}

    def _antecedents(self, pronoun: Token) -> list[Token]:
        """What a passage's pronoun may refer to: the subject of a clause it is in, else an earlier noun."""
        clause_verb = next((a for a in pronoun.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if _REFLEXIVE.match(pronoun.lower_) and clause_verb is not None:
            subject = _subject(clause_verb)
            return [subject] if subject is not None and subject != pronoun else []
        outer = [
            s
            for a in pronoun.ancestors
            if a.pos_ in ("VERB", "AUX") and a != clause_verb
            for s in [_subject(a)]
            if s is not None and not _is_pronoun(s)
        ]
        if outer:
            return outer
        sent = pronoun.sent
        kinds = ("PROPN",) if pronoun.lower_ in _PERSONAL else ("NOUN", "PROPN")
        earlier = [t for t in sent if t.i < pronoun.i and t.pos_ in kinds and t.dep_ != "compound"]
        if earlier:
            return earlier
        index = next(i for i, s in enumerate(self._sents) if s.start == sent.start)
        if index == 0:
            return []
        previous = self._sents[index - 1]
        return [t for t in previous if t.dep_ in _SUBJECT_DEPS and not _is_pronoun(t)]

    # links

    def _links(self) -> list[Link]:
        links = []
        table = lexicons.kinds("connectives")
        longest = max((len(c.split()) for c in table), default=1)
        for token in self.doc:
            for size in range(longest, 0, -1):
                words = [t.lower_ for t in self.doc[token.i : token.i + size]]
                cue = " ".join(words)
                if len(words) == size and cue in table:
                    link = self._link(token, self.doc[token.i + size - 1], table[cue], cue)
                    if link is not None:
                        links.append(link)
                    break
        return links

    def _link(self, first: Token, last: Token, kind: str, cue: str) -> Link | None:
        """The link a connective makes, or None where it does not join two clauses ("since World War II")."""
        skip = {first.i, last.i}
        if first.dep_ == "mark":
            intro = first.head
            other = intro.head if intro.head != intro else None
        elif first.dep_ in ("advmod", "cc") and first.head.pos_ not in ("VERB", "AUX"):
            return None  # "so many": a degree, not a consequence
        elif first.dep_ in ("prep", "advmod", "cc", "npadvmod") or last.dep_ == "prep":
            objects = [c for c in last.children if c.dep_ in ("pcomp", "pobj")]
            verb = _clause_of(first.head)
            if objects and (objects[0].dep_ == "pcomp" or kind == "cause"):
                intro, other = objects[0], verb
            elif kind == "result" or (objects and objects[0].lower_ in ("reason", "result")):
                intro, other = verb, None
                kind = "result"
            else:
                return None
        else:
            return None
        if intro is None:
            return None
        intro_tokens = ({t.i for t in intro.subtree} | _outer_subject(intro)) - skip
        if other is None:
            other_tokens = self._previous_clause(intro)
        else:
            other_tokens = ({t.i for t in other.subtree} | _outer_subject(other)) - intro_tokens - skip
        if not other_tokens:
            return None
        intro_keys = _keys(self.doc[i] for i in intro_tokens)
        other_keys = _keys(self.doc[i] for i in other_tokens)
        if kind == "result":
            return Link("cause", cue, other_keys, intro_keys)
        if kind == "before":
            return Link("after", cue, other_keys, intro_keys)
        if kind == "condition":
            return None
        return Link(kind, cue, intro_keys, other_keys)

    def _previous_clause(self, verb: Token) -> set[int]:
        """What "so"/"therefore"/"for this reason" refers back to: the conjunct before, else the sentence before."""
        if verb.dep_ == "conj":
            head = verb.head
            return {t.i for t in head.subtree} - {t.i for t in verb.subtree}
        index = next(i for i, s in enumerate(self._sents) if s.start <= verb.i < s.end)
        return {t.i for t in self._sents[index - 1]} if index > 0 else set()


def _named(clause: Clause) -> bool:
    """Is the clause credited to someone by name (not only "he", "they")?"""
    pronouns = lexicons.words("anaphors")
    return any(not p.pronoun for p in clause.speakers) or any(who.lower() not in pronouns for who, _ in clause.frames)


def _believes(verb: Token) -> bool:
    """A reporting verb whose object is the subject of its "to"-clause: "X considers Y to be Z". Not one
    that asks for the "to"-clause to happen ("X told Y to report" orders it: a mood, see :func:`_mood`)."""
    if _stemmed_kinds("moods").get(key(verb)) in _ASKING:
        return False
    return _subject(verb) is not None and any(c.dep_ in ("xcomp", "ccomp") and _infinitive(c) for c in verb.children)


def _focus_negated(neg: Token) -> str | None:
    """The focus adverb of "not merely X (but also Y)", which denies "merely", not the clause: X holds."""
    if neg.dep_ != "neg" or neg.i + 1 >= len(neg.doc):
        return None
    focus = neg.doc[neg.i + 1]
    return key(focus) if focus.lower_ in lexicons.words("focus_adverbs") else None


def _anaphoric(clause: Clause) -> bool:
    """Is the clause credited to a "he" or "they" (whom an earlier clause of the passage may name)?"""
    pronouns = lexicons.words("anaphors")
    return any(p.pronoun for p in clause.speakers) or any(who.lower() in pronouns for who, _ in clause.frames)


def _children(pred: Token) -> list[Token]:
    """A predicate's dependents, with the subject a parser hung on one of its auxiliaries and the phrases it
    hung on its particle ("sent back to their ports")."""
    extra = [c for aux in pred.children if aux.dep_ in ("aux", "auxpass") for c in aux.children]
    on_particles = [c for p in _particles(pred) for c in p.children if c.dep_ == "prep"]
    return [*pred.children, *(c for c in extra if c.dep_ in _SUBJECT_DEPS), *on_particles]


def _modifiers(head: Token) -> list[Token]:
    """The words that modify a noun, and the words that modify those ("Human Rights Commissioner")."""
    out = []
    for child in head.children:
        if child.dep_ in _MOD_DEPS and not child.is_punct and child.text != "-":
            out.extend([child, *_modifiers(child)])
    return out


def _in_number(token: Token) -> bool:
    """Is the word part of a number's expression ("more than", "at least")?"""
    return any(_is_number(a) for a in token.ancestors if a.i > token.i and a.dep_ in ("nummod", "quantmod"))


def _agents(verb: Token) -> list[Token]:
    """The nouns of a passive verb's "by" phrase."""
    return [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]


def _quoted_by(verb: Token) -> bool:
    """A reporting participle on a noun with its "by" ("sources cited by TASS", "experts quoted by X"): it
    says whose the noun is (TASS's sources), no event of its own."""
    reporting = key(verb) in _reporting() or key(verb) in {"cite", "quot"}
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and reporting and bool(_agents(verb))


def _participle_complement(verb: Token) -> bool:
    """A past participle on a noun or as a verb's complement ("soldiers captured", "found dressed in"): a
    passive, its implicit subject undergoes it, unless it has an object of its own."""
    if verb.tag_ != "VBN" or any(c.dep_ == "dobj" for c in verb.children):
        return False
    return verb.dep_ in ("acl", "xcomp", "oprd")


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _outer_subject(verb: Token) -> set[int]:
    """The tokens of a clause's subject where it is outside the clause (a participle's noun, a shared subject)."""
    if verb.dep_ in ("acl", "relcl"):
        return {t.i for t in _phrase_tokens(verb.head)}
    subject = _subject(verb) if verb.pos_ in ("VERB", "AUX") else None
    if subject is None or subject in verb.subtree:
        return set()
    return {t.i for t in _phrase_tokens(subject)}


def _attachments(noun: Token) -> list[Token]:
    """Where a clause after ``noun`` may belong: the noun, the nouns its prepositions hang on, and the
    objects of their "of" ("the safety of family members in Ukraine, who ...": members, too)."""
    chain = [noun, noun.head] if noun.dep_ == "appos" else [noun]
    while chain[-1].dep_ == "pobj" and chain[-1].head.head.pos_ in ("NOUN", "PROPN") and len(chain) < ATTACH_DEPTH:
        chain.append(chain[-1].head.head)
    of = [p for n in chain for c in n.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
    return list(dict.fromkeys([*chain, *(p for p in of if p.dep_ == "pobj")]))


def _conj_root(token: Token) -> Token:
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    return token


def _subject(verb: Token) -> Token | None:
    if (interjected := _interjected(verb)) is not None:
        return interjected[1]
    subjects = [c for c in _children(verb) if c.dep_ in _SUBJECT_DEPS]
    if subjects:
        return subjects[0]
    if verb.dep_ in ("conj", "xcomp", "advcl", "acomp") and verb.head != verb:
        return _subject(verb.head)
    return None


def _reporting_absolute(prep: Token, verb: Token) -> Token | None:
    """The noun of "with X suggesting" where the parser made the report ("the total could exceed") the main
    clause: a reporting participle with no complement of its own, right before the clause's subject."""
    subject = _own_subject(verb)
    if prep.lower_ != "with" or subject is None:
        return None
    for noun in (c for c in prep.children if c.dep_ == "pobj"):
        for participle in noun.children:
            reporting = participle.dep_ == "acl" and key(participle) in _reporting()
            bare = not any(c.dep_ in ("ccomp", "dobj", "xcomp", "prep") for c in participle.children)
            if reporting and bare and participle.right_edge.i + 1 == subject.left_edge.i:
                return noun
    return None


def _prep_objects(prep: Token) -> list[Token]:
    """A preposition's objects, or the adjective the parser hung on it as a modifier ("saw X as Russian")."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return objects or [c for c in prep.children if c.dep_ in ("amod", "acomp") and c.pos_ == "ADJ"]


def _that_clause(verb: Token) -> bool:
    """A "that"-clause the parser hung as an adverbial clause ("reported, citing X, that Y claims"): a
    complement, as "that" introduces no adverbial clause on its own ("so that" does)."""
    marks = [c.lower_ for c in verb.children if c.dep_ == "mark"]
    degree = any(t.lower_ in ("so", "such") for t in verb.head.subtree if t.i < verb.i)  # "so often that"
    return verb.dep_ == "advcl" and marks == ["that"] and not degree


def _interjected(verb: Token) -> tuple[Token, Token] | None:
    """A reporting verb set inside its report ("Many, the source said, are leaving"), which the parser gives
    two subjects: (the report's subject, the speaker), the first set off by a comma."""
    if key(verb) not in _reporting():
        return None
    subjects = sorted((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), key=lambda t: t.i)
    if len(subjects) != 2:
        return None
    reported, speaker = subjects
    comma = any(t.text == "," for t in verb.doc[reported.right_edge.i + 1 : speaker.left_edge.i + 1])
    report = any(c.dep_ == "ccomp" and c.i > verb.i and _own_subject(c) is None for c in verb.children)
    return (reported, speaker) if comma and report else None


def _own_subject(verb: Token) -> Token | None:
    return next((c for c in _children(verb) if c.dep_ in _SUBJECT_DEPS), None)


def _relative_clause(token: Token) -> Token | None:
    for ancestor in token.ancestors:
        if ancestor.dep_ == "relcl":
            return ancestor
        if ancestor.pos_ in ("VERB", "AUX"):
            return None
    return None


def _clause_of(token: Token) -> Token:
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head != node:
        node = node.head
    return node


def _connective_at(prep: Token) -> bool:
    """Is this preposition a connective that links clauses ("because of", "given", "after finding")?"""
    table = lexicons.kinds("connectives")
    two = f"{prep.lower_} {prep.nbor().lower_}" if prep.i + 1 < len(prep.doc) else ""
    kind = table.get(two) or table.get(prep.lower_)
    if kind is None:
        return False
    return kind == "cause" or any(c.dep_ == "pcomp" for c in prep.children)


def _phrase_tokens(token: Token) -> list[Token]:
    """The tokens of the noun phrase at ``token``: its subtree without clauses and conjuncts."""
    out = [token]
    for child in token.children:
        if child.dep_ in _CLAUSAL_DEPS or child.dep_ == "cc":
            continue
        out.extend(_phrase_tokens(child))
    return out


def _is_modifier(token: Token) -> bool:
    if token.pos_ in ("DET", "ADV") or token.dep_ in ("det", "predet", "advmod"):
        return key(token) in _word_set("essential_modifiers")
    return token.pos_ in ("ADJ", "NOUN", "PROPN", "VERB", "X")


def _quantity(token: Token) -> Quantity | None:
    """The number at ``token`` with its bound: "over a thousand" -> Quantity("1000", "gt")."""
    cluster = [token, *_number_children(token)]
    if token.dep_ == "nummod":
        cluster += [
            s
            for s in token.head.children
            if s.i < token.i and s.dep_ in ("amod", "advmod", "quantmod") and not _is_number(s)
        ]
    first = min(t.i for t in cluster)
    for size in range(QUANTIFIER_WINDOW, 0, -1):
        before = token.doc[max(first - size, 0) : first]
        if len(before) == size and " ".join(t.lower_ for t in before) in lexicons.kinds("quantifiers"):
            cluster += list(before)
            break
    text = " ".join(t.text for t in sorted(set(cluster), key=lambda t: t.i)).lower()
    bound = "eq"
    for phrase, kind in sorted(lexicons.kinds("quantifiers").items(), key=lambda item: -len(item[0])):
        if text.startswith(phrase + " "):
            bound, text = kind, text[len(phrase) + 1 :]
            break
        if text.endswith(" " + phrase):
            bound, text = kind, text[: -len(phrase) - 1]
            break
    value = re.sub(r"[^\w.]", "", normalize_numbers(text).lower())
    if not re.search(r"\d", value):
        return None
    return Quantity(value, bound, " ".join(t.text for t in sorted(set(cluster), key=lambda t: t.i)))


def _number_children(token: Token) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ in _NUMBER_DEPS:
            out.extend([child, *_number_children(child)])
    return out


def _mood(pred: Token) -> tuple[frozenset[str], bool]:
    """The kinds that make the clause not a fact (modal, ordered, intended, conditional) and a denial."""
    moods = _stemmed_kinds("moods")
    kinds: set[str] = set()
    negated = False
    node = pred
    for _ in range(len(pred.doc)):
        for child in node.children:
            if child.dep_ in ("aux", "auxpass", "advmod") and moods.get(key(child), "done") not in _NOT_MOODS:
                kinds.add(moods[key(child)])
            if child.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in child.children if m.dep_ == "mark"):
                kinds.add("conditional")
            if child.dep_ == "mark" and child.lower_ in moods:
                kinds.add(moods[child.lower_])
        if node.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in node.children if m.dep_ == "mark"):
            kinds.add("condition")
        governor = _governor(node)
        if governor is None:
            break
        kind = None if node.dep_ == "conj" else moods.get(f"{key(governor)} to") or moods.get(key(governor))
        if key(governor) in _reporting() and _believes(governor):
            kind = None  # "Putin considers it to be important": credited to Putin, not hedged
        if (
            kind == "directive"
            and governor.dep_ in ("dobj", "nsubjpass")
            and moods.get(key(governor.head)) == "granting"
        ):
            # "granted a request to put it on hold": the granting does it, under its own mood and negation
            node = governor.head
            negated ^= any(c.dep_ == "neg" for c in node.children)
            continue
        if kind is None and node.dep_ == "advcl" and not any(c.dep_ == "dobj" for c in governor.children):
            # "used them to stage a comeback": the purpose, not a fact; "became the first ... to win" is a fact
            kind = None if _ranked(governor) else "intent"
        if kind in (None, "evidential") and node.dep_ == "pcomp":
            break  # "report on creating conditions": a topic, the report's mood is not its own
        if kind == "negative":
            negated = not negated
        elif kind is not None and kind not in _NOT_MOODS:
            kinds.add(kind)
        node = governor
    return frozenset(kinds), negated


def _ranked(verb: Token) -> bool:
    """Does ``verb`` rank its subject ("became the first qualifier to win", "was the youngest player to
    win")? Then the "to"-clause after it says what they did, not what they meant to do."""
    return any(
        m.tag_ == "JJS" or m.lower_ in lexicons.kinds("ordinals") or m.lower_ in ("only", "last")
        for c in verb.children
        if c.dep_ in ("attr", "acomp", "oprd")
        for m in c.children
        if m.dep_ == "amod"
    )


def _governor(node: Token) -> Token | None:
    """The word whose "to"-clause (or "of"/"from" clause) ``node`` is: "ordered him TO REPORT"."""
    head = node.head
    if head == node:
        return None
    if node.dep_ in ("xcomp", "acomp"):
        return head
    if node.dep_ in ("ccomp", "advcl") and _infinitive(node):
        return head
    if node.dep_ == "acl" and _infinitive(node):
        return head
    if node.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in ("of", "from", "for", "on", "at", "in"):
        return head.head
    if node.dep_ == "conj" and not any(c.dep_ in ("aux", "auxpass", *_SUBJECT_DEPS) for c in node.children):
        return head
    return None


def _terms_keys(text: str) -> set[str]:
    """The keys of a text's words, for looking up speakers by name ("Ukraine's" and "Ukrainian" alike)."""
    out = set()
    for word in terms(text):
        out.add(demonyms().get(word, word))
    demonym_words = {w.lower() for w in re.findall(r"[\w-]+", text) if w.lower() in demonyms()}
    out -= {stemmer().stemWord(w) for w in demonym_words}
    out |= {demonyms()[w] for w in demonym_words}
    return out


@lru_cache(maxsize=CLAIM_CACHE)
def read(text: str) -> Reading:
    """A claim read into clauses and links (pronouns left open: a claim's "they" is not checked)."""
    return _Reader(nlp.parse(text), resolve=False).read()


@lru_cache(maxsize=PASSAGE_CACHE)
def read_passage(text: str) -> Reading:
    """A passage read into clauses and links, pronouns resolved within it, attribution frames attached."""
    return _Reader(nlp.parse(text), resolve=True).read(detect(text))


# --- comparing --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """The passage sentence a match is looked for in: its words and its phrases."""

    keys: frozenset[str]
    phrases: tuple[Phrase, ...]
    clauses: tuple[Clause, ...] = ()

    @classmethod
    def of(cls, token: Token, reading: Reading) -> Scope:
        sentence = token.sent
        phrases = tuple(p for p in reading.phrases if sentence.start <= p.head.i < sentence.end)
        clauses = tuple(c for c in reading.clauses if sentence.start <= c.pred.i < sentence.end)
        return cls(_keys(sentence), phrases, clauses)


def _same_head(claim: Token, passage: Token) -> bool:
    if _is_number(claim) and _is_number(passage):
        a, b = _quantity(claim), _quantity(passage)
        return a is not None and b is not None and a.value == b.value
    return same_word(key(claim), key(passage)) or same_word(key(claim), key(passage), "predicate_synonyms")


def _same_heads(claim: Phrase, passage: Phrase) -> bool:
    return any(_same_head(c, p) for c in claim.heads for p in passage.heads)


def _elliptical(claim: Phrase, passage: Phrase) -> bool:
    """A passage's bare quantifier ("many worry") for a claim's counted noun ("many fighters worry")."""
    k = key(passage.head)
    return len(passage.heads) == 1 and k in _word_set("partitives") and any(key(m) == k for m in claim.mods)


def _claim_trend(claim: Phrase) -> tuple[str, Phrase] | None:
    """A phrase that says its count changes: "more and more X" or "a growing number of X" -> ("up", X)."""
    for mod in claim.mods:
        twin = [c for c in mod.children if c.dep_ == "conj" and c.lower_ == mod.lower_]
        if twin and mod.lower_ in _COUNT_COMPARATIVES:
            mods = [m for m in claim.mods if m != mod and m not in twin]
            return _COUNT_COMPARATIVES[mod.lower_], replace(claim, mods=mods)
    if not same_word(key(claim.head), COUNT):
        return None
    counted = [p for prep, p in claim.preps if prep == "of"]
    direction = next((d for m in claim.mods if (d := _direction(key(m))) is not None), None)
    return (direction, counted[0]) if direction is not None and counted else None


def _passage_trend(phrase: Phrase, scope: Scope) -> str | None:
    """Which way the passage says the count of ``phrase`` goes: "the number of X ... has surged" -> "up"."""
    of = phrase.head.head
    if phrase.head.dep_ != "pobj" or of.lower_ != "of" or not same_word(key(of.head), COUNT):
        return None
    for clause in scope.clauses:
        if not any(p.head == of.head for role in ("agent", "patient") for p in clause.args.get(role, [])):
            continue
        said = [clause.key]
        if clause.key in _copulas():  # "is on the rise", "is growing"
            said += [key(p.head) for role in ("attr", "prep:on") for p in clause.args.get(role, [])]
        if (direction := next((d for k in said if (d := _direction(k)) is not None), None)) is not None:
            return direction
    return None


def _direction(word: str) -> str | None:
    """'up' for a word of increase ("growing", "rise"), 'down' for one of decrease, else None."""
    for direction, verb in _TRENDS.items():
        if same_word(word.split()[0], verb, "predicate_synonyms"):
            return direction
    return None


def _bare_count(claim: Phrase, passage: Phrase) -> bool:
    """A claim's bare number ("surpass one thousand") for the passage's count of something with that number
    ("the one-thousand mark"): the claim leaves open what is counted; the bounds are checked after."""
    if not claim.numbers or not all(_is_number(h) for h in claim.heads) or claim.mods or claim.preps:
        return False
    return all(any(q.value == p.value for p in passage.numbers) for q in claim.numbers)


def _metonym(claim: Phrase, passage: Phrase) -> bool:
    """A country for its people or forces: "Ukraine" and "Ukrainian authorities" name the same side."""
    places = set(demonyms().values())
    claim_heads = {key(h) for h in claim.heads} & places
    passage_heads = {key(h) for h in passage.heads} & places
    return bool(claim_heads & {key(m) for m in passage.mods}) or bool(passage_heads & {key(m) for m in claim.mods})


def match_phrase(claim: Phrase, passage: Phrase, scope: Scope) -> str | None:
    """None when the passage's phrase says at least what the claim's says of it; else the problem."""
    if claim.pronoun:
        return None
    if claim.antecedents:
        problems = [match_phrase(a, passage, scope) for a in claim.antecedents]
        return None if None in problems else problems[0]
    if passage.antecedents is not None:
        if not passage.antecedents:
            return None  # a pronoun the passage does not resolve: whoever the claim names, it cannot contradict
        problems = [match_phrase(claim, a, scope) for a in passage.antecedents]
        return None if None in problems else problems[0]
    if (trend := _claim_trend(claim)) is not None and _passage_trend(passage, scope) == trend[0]:
        return match_phrase(trend[1], passage, scope)  # "more and more X join": "the number of X joining rises"
    same = _same_heads(claim, passage) or _metonym(claim, passage) or _elliptical(claim, passage)
    if not same and not _bare_count(claim, passage):
        shared = _shared_number(claim, passage)
        if shared:
            return shared
        return f"the claim has '{claim.text}' where the passage has '{passage.text}'"
    if claim.negated != passage.negated:
        return f"'{claim.text}' and '{passage.text}' differ in negation"
    return (
        _name_problem(claim, passage)
        or _number_problem(claim, passage)
        or _mod_problem(claim, passage, scope)
        or _dropped_problem(claim, passage)
        or _prep_problem(claim, passage, scope)
    )


def _name_problem(claim: Phrase, passage: Phrase) -> str | None:
    """A name the claim gives the phrase ("Soul, the next chapter") that the passage's phrase does not have."""
    for head in claim.heads:
        if _is_identity(head) and key(head) not in passage.keys and not any(_same_head(head, p) for p in passage.heads):
            names = [p.text for p in passage.heads if _is_identity(p)] or [passage.text]
            return f"the claim has '{head.text}' where the passage has '{names[0]}'"
    return None


def _shared_number(claim: Phrase, passage: Phrase) -> str | None:
    for q in claim.numbers:
        for p in passage.numbers:
            if q.value == p.value:
                return f"'{q.text}' counts '{claim.head.text}' in the claim but '{passage.head.text}' in the passage"
    return None


def _number_problem(claim: Phrase, passage: Phrase) -> str | None:
    passage_numbers = passage.numbers + [q for _, inner in passage.preps for q in inner.numbers]
    for q in claim.numbers:
        same = [p for p in passage_numbers if p.value == q.value]
        if not same:
            has = ", ".join(p.text for p in passage_numbers)
            return f"'{q.text}' is not in the passage" + (f" (it has '{has}' {passage.head.text})" if has else "")
        if not any(p.bound in _IMPLY[q.bound] for p in same):
            return f"the passage says '{same[0].text}', the claim '{q.text}'"
    for p in passage.numbers:
        if p.bound != "eq" and any(q.value == p.value and q.bound == "eq" for q in claim.numbers):
            return f"the claim drops the bound of '{p.text}'"
    return None


def _mod_problem(claim: Phrase, passage: Phrase, scope: Scope) -> str | None:
    passage_mods = [*passage.mods, *passage.heads]
    passage_keys = passage.keys | {key(m) for m in passage_mods}
    for mod in claim.mods:
        if mod.dep_ == "poss" and passage.open_possessor:
            continue  # "Putin's rhetoric" for "his rhetoric": the passage does not say whose, so no conflict
        k = key(mod)
        if mod.dep_ == "poss" and _demonstrative(passage) and any(same_word(k, sk) for sk in scope.keys):
            continue  # "Putin's directive" for "this directive" in a sentence about Putin: it points back to it
        if any(same_word(k, pk) or same_word(k, pk, "predicate_synonyms") for pk in passage_keys):
            continue
        strict = _is_identity(mod) or k in _word_set("essential_modifiers")
        if not strict and any(same_word(k, sk) for sk in scope.keys):
            continue
        rivals = [m for m in passage.mods if _is_identity(m) == _is_identity(mod) and not _claim_has(claim, m)]
        if strict and rivals:
            return f"'{mod.text}' modifies '{mod.head.text}' in the claim but '{rivals[0].text}' does in the passage"
        return f"the passage does not say '{mod.text}' of '{passage.head.text}'"
    return None


def _demonstrative(phrase: Phrase) -> bool:
    """A phrase that points back ("this directive") and does not say whose."""
    dets = [c for c in phrase.head.children if c.dep_ in ("det", "poss")]
    return bool(dets) and all(d.dep_ == "det" and d.lower_ in _DEMONSTRATIVE for d in dets)


def _claim_has(claim: Phrase, mod: Token) -> bool:
    k = key(mod)
    return any(same_word(k, key(t)) for t in [*claim.mods, *claim.heads]) or k in claim.keys


def _dropped_problem(claim: Phrase, passage: Phrase) -> str | None:
    for mod in passage.mods:
        if key(mod) in _word_set("essential_modifiers") and not _claim_has(claim, mod):
            return f"the claim drops '{mod.text}' from '{passage.head.text}'"
    return None


def _prep_problem(claim: Phrase, passage: Phrase, scope: Scope) -> str | None:
    inner = [p for _, p in passage.preps] + [p for _, q in passage.preps for _, p in q.preps]
    for prep, phrase in claim.preps:
        if any(match_phrase(phrase, p, scope) is None for p in inner):
            continue
        others = [o for o in scope.phrases if o.head != passage.head and not o.pronoun]
        if any(match_phrase(phrase, other, scope) is None for other in others):
            continue
        if any(_verbal(phrase, clause) for clause in scope.clauses):
            continue
        return f"the passage does not say '{claim.head.text} {prep} {phrase.text}'"
    return None


def _verbal(phrase: Phrase, clause: Clause) -> bool:
    """Does a passage's clause say what the claim's noun phrase names ("exchanging prisoners" for "a
    prisoner exchange"): the same event, every other word of the phrase among the clause's arguments?"""
    if not same_word(key(phrase.head), clause.key, "predicate_synonyms"):
        return False
    words = {clause.key} | {k for phrases in clause.args.values() for p in phrases for k in p.keys}
    return all(any(same_word(k, w) for w in words) for k in phrase.keys - {key(phrase.head)})


def _same_prep(a: str, b: str) -> bool:
    return a == b or same_word(_stem(a), _stem(b), "prepositions")


@dataclass
class _Match:
    problems: list[str]
    score: int


def compare(
    claim: Clause,
    passage: Clause,
    reading: Reading,
    voices: frozenset[str] = frozenset(),
    named: frozenset[str] = frozenset(),
) -> _Match:
    """How a passage's clause falls short of the claim's clause (no problems: it supports it); ``named``, the
    keys of the speakers the passage's article credits in it (see :func:`check`)."""
    problems: list[str] = []
    score = 0
    scope = Scope.of(passage.pred, reading)
    for role in CORE_ROLES:
        for phrase in claim.args.get(role, []):
            problem = _match_role(phrase, role, passage, scope)
            if problem is None:
                score += 2
            else:
                problems.append(problem)
    for role, phrases in claim.args.items():
        if role.startswith("prep:"):
            for phrase in phrases:
                problem = _match_prep(role.removeprefix("prep:"), phrase, passage, scope)
                if problem is None:
                    score += 1
                else:
                    problems.append(problem)
    focus = ({key(t) for t in claim.pred.subtree if t.dep_ == "advmod"} - claim.not_only) & passage.not_only
    if focus:
        problems.append(f"the passage says 'not {' '.join(sorted(focus))}' of '{passage.pred.text}'")
    for adverb in _adverbs(claim.pred):
        if not any(same_word(key(adverb), k) for k in scope.keys):
            problems.append(f"the passage does not say '{adverb.text} {claim.pred.text}'")
    if claim.negated != passage.negated:
        problems.insert(0, _negation_problem(claim, passage))
    if not _same_mood(claim.mood, passage.mood) and not passage.nominal:
        problems.insert(0, _mood_problem(claim, passage))
    problems.extend(_speaker_problems(claim, passage, scope, voices, reading, named))
    return _Match(problems, score)


def _adverbs(pred: Token) -> list[Token]:
    """Adverbs that say how or how much (not when, and not a mood or a negation)."""
    moods = _stemmed_kinds("moods")
    return [
        c
        for c in pred.children
        if c.dep_ == "advmod"
        and c.pos_ == "ADV"
        and _content(c)
        and key(c) not in moods
        and c.lower_ not in lexicons.words("negations")
    ]


def _match_role(phrase: Phrase, role: str, passage: Clause, scope: Scope) -> str | None:
    own = passage.args.get(role) or (passage.args.get("core", []) if passage.nominal else [])
    if role == "attr":
        own = [*own, *passage.args.get(f"prep:{PREDICATIVE_AS}", [])]  # "considered X Russian" = "saw X as Russian"
    if role == "agent" and not own and _judged_for(passage):
        own = passage.args.get("prep:for", [])  # "For Ukraine, X is seen as Y": Ukraine sees X as Y
    problems = [match_phrase(phrase, p, scope) for p in own]
    if None in problems:
        return None
    if phrase.pronoun:
        return None
    for other in CORE_ROLES:
        if other != role and any(match_phrase(phrase, p, scope) is None for p in passage.args.get(other, [])):
            return (
                f"'{phrase.text}' is {_ROLE_WORDS[role]} ('{passage.pred.text}') in the claim, "
                f"{_ROLE_WORDS[other]} in the passage"
            )
    if problems:
        return problems[0]
    return f"the passage does not say {_ROLE_WORDS[role]} ('{passage.pred.text}'): the claim adds '{phrase.text}'"


def _judged_for(clause: Clause) -> bool:
    """A passive judgement without "by" ("for Ukraine, X may be seen as Y"): the "for" phrase names the judge."""
    passive = any(c.dep_ == "auxpass" for c in clause.pred.children)
    return (
        passive and "agent" not in clause.args and f"prep:{PREDICATIVE_AS}" in clause.args and "prep:for" in clause.args
    )


def _match_prep(prep: str, phrase: Phrase, passage: Clause, scope: Scope) -> str | None:
    if prep == PREDICATIVE_AS and any(match_phrase(phrase, p, scope) is None for p in passage.args.get("attr", [])):
        return None  # "saw X as Russian" = "considered X Russian": "as" only marks what X is said to be
    for role, phrases in passage.args.items():
        same = role.startswith("prep:") and (_same_prep(prep, role.removeprefix("prep:")) or not prep)
        if same and any(match_phrase(phrase, p, scope) is None for p in phrases):
            return None
    # A phrase the parser attached elsewhere in the same sentence, under a preposition of the same sense.
    for other in scope.phrases:
        if other.pronoun:
            continue
        governor = other.head.head if other.head.dep_ == "pobj" else None
        if governor is not None and prep and not _same_prep(prep, governor.lower_):
            continue
        if match_phrase(phrase, other, scope) is None:
            return None
    return f"the passage does not say '{passage.pred.text} {prep} {phrase.text}'".replace("  ", " ")


def _negation_problem(claim: Clause, passage: Clause) -> str:
    if claim.negated:
        return f"the claim negates '{claim.pred.text}'; the passage does not"
    return f"the passage negates '{passage.pred.text}'; the claim does not"


def _same_mood(claim: frozenset[str], passage: frozenset[str]) -> bool:
    """The same kinds beyond certainty (ordered, intended, conditional) and the same degree of certainty."""
    epistemic = set(_CERTAINTY)
    return claim - epistemic == passage - epistemic and _certainty(claim) == _certainty(passage)


def _certainty(mood: frozenset[str]) -> int:
    return max((_CERTAINTY[k] for k in mood if k in _CERTAINTY), default=0)


def _mood_problem(claim: Clause, passage: Clause) -> str:
    if not claim.mood:
        kinds = ", ".join(sorted(passage.mood))
        return f"the claim tells '{claim.pred.text}' as done; the passage has it only as {kinds}"
    if not passage.mood:
        return f"the claim makes '{claim.pred.text}' {', '.join(sorted(claim.mood))}; the passage states it"
    claimed, passed = ", ".join(sorted(claim.mood)), ", ".join(sorted(passage.mood))
    return f"'{claim.pred.text}' is {claimed} in the claim, {passed} in the passage"


def _speaker_problems(
    claim: Clause, passage: Clause, scope: Scope, voices: frozenset[str], reading: Reading, named: frozenset[str]
) -> list[str]:
    """How the claim's speakers differ from the passage clause's. A passage speaker that is a pronoun the
    passage does not resolve ("He also said ...", its name in an earlier chunk) may be anyone, but not a
    person or body by name that neither the passage nor its article's speakers there (``named``) mention:
    "According to Ada Roe, he would send 30,000 troops" spliced from one article's "Ada Roe, a candidate, ..."
    and another's "He said he would send 30,000 troops"."""
    problems = []
    unresolved = passage.speakers and all(p.pronoun for p in passage.speakers) and not _named(passage)
    for speaker in claim.speakers:
        if speaker.pronoun:
            continue
        if unresolved:
            wanted = speaker.keys - {"accord"}
            by_name = any(h.pos_ == "PROPN" for h in speaker.heads)
            mentioned = any(not p.pronoun and _same_heads(speaker, p) for p in reading.phrases)
            if by_name and not mentioned and not wanted <= voices and not wanted & named:
                problems.append(f"the passage does not name '{speaker.text}', whom the claim credits")
            continue
        wanted = speaker.keys - {"accord"}
        said_by = [
            *(p.keys | {key(h) for h in p.heads} for p in passage.speakers),
            *(words for _, words in passage.frames),
        ]
        if voices:
            said_by.append(voices)
        if any(wanted <= words for words in said_by):
            continue
        named = [p for p in passage.speakers if any(_same_head(h, g) for h in speaker.heads for g in p.heads)]
        if named and (problem := match_phrase(speaker, named[0], scope)):
            problems.append(f"the speaker differs: {problem}")
            continue
        others = [p.text for p in passage.speakers if not p.pronoun] + [who for who, _ in passage.frames]
        if others:
            problems.append(f"the claim credits it to '{speaker.text}', the passage to '{others[0]}'")
        else:
            problems.append(f"the passage does not credit it to '{speaker.text}'")
    return problems


def _candidates(claim: Clause, reading: Reading) -> list[Clause]:
    same = [c for c in reading.clauses if same_word(claim.key, c.key, "predicate_synonyms")]
    if claim.key in _copulas():
        same += [c for c in reading.clauses if c.key in _copulas() and c not in same]
    if _among(claim):
        same += [_converse(c) for c in reading.clauses if c.key == INCLUDE]
    elif claim.key == INCLUDE:
        same += [_converse(c) for c in reading.clauses if _among(c)]
    return same + _nominal(claim, reading) + _participles(claim, reading)


def _among(clause: Clause) -> bool:
    """ "X is among Y", which says what "Y include X" says."""
    return clause.key in _copulas() and f"prep:{AMONG}" in clause.args and "attr" not in clause.args


def _converse(clause: Clause) -> Clause:
    """A passage's "Y include X" read as "X is among Y", or "X is among Y" as "Y include X"."""
    args = {role: phrases for role, phrases in clause.args.items() if role not in ("agent", "patient", f"prep:{AMONG}")}
    if clause.key == INCLUDE:
        args |= {"agent": clause.args.get("patient", []), f"prep:{AMONG}": clause.args.get("agent", [])}
    else:
        args |= {"agent": clause.args.get(f"prep:{AMONG}", []), "patient": clause.args.get("agent", [])}
    return Clause(clause.pred, clause.key, args, clause.negated, clause.mood, clause.speakers, clause.frames)


def _participles(claim: Clause, reading: Reading) -> list[Clause]:
    """Participles of the passage that modify a noun ("the surrendered soldiers") for the claim's verb."""
    out = []
    for token in reading.doc:
        if (
            token.dep_ == "amod"
            and token.tag_ in ("VBN", "VBG")
            and same_word(claim.key, key(token), "predicate_synonyms")
        ):
            speakers = reading.reader._speakers(_clause_of(token.head))[0]
            args = {"core": [reading.reader.phrase(token.head)]}
            out.append(Clause(token, key(token), args, False, frozenset(), speakers, nominal=True))
    return out


def _nominal(claim: Clause, reading: Reading) -> list[Clause]:
    """Nouns of the passage that name the claim's event ("the surrender of 100 soldiers" for "surrendered")."""
    if not claim.key.split():  # a verb the reader keys to nothing ("’s" in "It’s a ...")
        return []
    base = claim.key.split()[0]
    nouns = [t for t in reading.doc if t.pos_ == "NOUN" and same_word(base, key(t), "predicate_synonyms")]
    reader = reading.reader
    out = []
    for noun in nouns:
        args: dict[str, list[Phrase]] = defaultdict(list)
        for child in noun.children:
            if child.dep_ == "poss":
                args["core"].extend(reader.arg(child))
            elif child.dep_ == "prep":
                role = {"of": "core", **dict.fromkeys(_NOMINAL_AGENT, "agent")}.get(
                    child.lower_, f"prep:{child.lower_}"
                )
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    args[role].extend(reader.arg(pobj))
        governor = _clause_of(noun)
        copular = noun.dep_ == "pobj" and predicate_key(governor) in _copulas()
        if (noun.dep_ == "dobj" or copular) and (subject := _subject(governor)) is not None:
            args["core"].extend(reader.arg(subject))  # "the move drew criticism": criticism of the move
        if noun.dep_ == "dobj":  # "drew criticism ... from X": X criticizes, wherever the parser hung "from"
            for prep in (c for c in governor.children if c.dep_ == "prep" and c.lower_ in _NOMINAL_AGENT):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    args["agent"].extend(reader.arg(pobj))
        speakers = reader._speakers(governor)[0] if governor.pos_ in ("VERB", "AUX") else []
        frames = next((c.frames for c in reading.clauses if c.pred == governor), [])
        out.append(Clause(noun, key(noun), dict(args), False, frozenset(), speakers, frames, nominal=True))
    return out


def _claim_words(text: str) -> list[frozenset[str]]:
    """Each content word of a text with its synonyms' groups, for the cheap overlap filter."""
    out = []
    for word in terms(text):
        word = demonyms().get(word, word)
        groups = _groups("word_synonyms").get(word, frozenset()) | _groups("predicate_synonyms").get(word, frozenset())
        out.append(frozenset({word, *(f"#{g}" for g in groups)}))
    return out


def overlap(claim: str, evidence: str) -> float:
    """Share of the claim's content words that the evidence has, or a synonym of."""
    claim_words = _claim_words(claim)
    if not claim_words:
        return 0.0
    evidence_words = frozenset().union(*_claim_words(evidence)) if evidence.strip() else frozenset()
    return sum(1 for w in claim_words if w & evidence_words) / len(claim_words)


def check(
    claim_text: str, evidence_texts: Sequence[str], *, voices: Sequence[str] = (), speakers: Sequence[str] = ()
) -> Verdict:
    """Does the evidence support the claim, clause by clause, each clause within one evidence text?

    ``voices`` are names under which the passages speak in their own voice (their outlets): a claim may
    credit a passage's unattributed statement to them. ``speakers``, one string per evidence text: the names
    of the speakers its article credits in it, a pronoun resolved across the article ("He said" is Trump's).
    Citation markers ("[1]") in the claim are ignored.
    The verdict's ``passages`` are the indices of the evidence texts that support the claim's clauses.
    """
    try:
        return _check(_MARKERS.sub("", claim_text).strip(), list(evidence_texts), voices, speakers)
    except Exception:  # a claim that breaks the reader must not break the answer: refuse it
        log.exception("support check failed on %r", claim_text[:200])
        return Verdict(False, "the claim could not be read; not supported by default")


def _check(claim: str, evidence: list[str], voices: Sequence[str], speakers: Sequence[str] = ()) -> Verdict:
    if not re.search(r"\w", claim):
        return Verdict(False, "the claim has no words")
    if len(claim) > MAX_CLAIM_CHARS:
        return Verdict(False, f"the claim is longer than {MAX_CLAIM_CHARS} characters: too long to check as one")
    kept = [(e, speakers[i] if i < len(speakers) else "") for i, e in enumerate(evidence) if e and e.strip()]
    evidence = [e for e, _ in kept]
    named = [frozenset(_terms_keys(s)) for _, s in kept]
    if not evidence:
        return Verdict(False, "no passage to check against")
    share = overlap(claim, " ".join(evidence))
    if share < PREFILTER_OVERLAP:
        return Verdict(False, f"only {share:.0%} of the claim's words are in the passages")
    claim_reading = read(claim)
    readings = [read_passage(e) for e in evidence]
    voice_keys = frozenset(k for v in voices for k in _terms_keys(v))
    if not claim_reading.clauses:
        return _check_phrases(claim_reading, readings)
    used: set[int] = set()
    for link in claim_reading.links:
        holder = next((i for i, r in enumerate(readings) if _has_link(link, r)), None)
        if holder is None:
            return Verdict(False, f"the claim links two facts with '{link.cue}'; no passage links them so")
        used.add(holder)
    for clause in claim_reading.clauses:
        found, why = _support(clause, readings, voice_keys, named)
        if found is None:
            if len(readings) > 1 and _scattered(clause, readings):
                why = f"its parts come from different passages (a splice): {why}"
            return Verdict(False, why)
        used.add(found)
    missing = numbers(claim) - numbers(" ".join(evidence[i] for i in used))
    if missing:
        return Verdict(False, f"'{sorted(missing)[0]}' is not in the passages that hold the claim's clauses")
    cited = ", ".join(f"[{i + 1}]" for i in sorted(used))
    return Verdict(True, f"every clause is in one passage ({cited})", tuple(sorted(used)))


def _support(
    clause: Clause, readings: list[Reading], voices: frozenset[str], named: Sequence[frozenset[str]] = ()
) -> tuple[int | None, str]:
    """The index of a reading with a clause that supports ``clause``, or None and the closest miss."""
    best: tuple[int, int, str] | None = None
    for index, reading in enumerate(readings):
        for candidate in _candidates(clause, reading):
            match = compare(clause, candidate, reading, voices, named[index] if index < len(named) else frozenset())
            if not match.problems:
                return index, ""
            rank = (-len(match.problems), match.score)
            if best is None or rank > best[:2]:
                best = (*rank, "; ".join(match.problems[:MAX_REASONS]))
    if best is None:
        return None, f"no passage says anything '{clause.pred.text}' (or a synonym)"
    return None, best[2]


def _scattered(clause: Clause, readings: list[Reading]) -> bool:
    """Is each phrase of the clause in some passage, but not all of them in one?"""
    phrases = [p for phrases in clause.args.values() for p in phrases if not p.pronoun]
    holders = [{i for i, r in enumerate(readings) if _holds(p, r)} for p in phrases]
    return bool(holders) and all(holders) and not set.intersection(*holders)


def _has_link(link: Link, reading: Reading) -> bool:
    for other in reading.links:
        if other.kind not in _LINK_COMPATIBLE.get(link.kind, {link.kind}):
            continue
        pairs = [(link.first, other.first), (link.second, other.second)]
        if link.kind in ("during", "as"):
            pairs_swapped = [(link.first, other.second), (link.second, other.first)]
            if all(_covered(a, b) for a, b in pairs_swapped):
                return True
        if all(_covered(a, b) for a, b in pairs):
            return True
    return False


def _covered(claim: frozenset[str], passage: frozenset[str]) -> bool:
    if not claim:
        return True
    hits = sum(1 for k in claim if any(same_word(k, p) or same_word(k, p, "predicate_synonyms") for p in passage))
    return hits / len(claim) >= LINK_OVERLAP


def _check_phrases(claim: Reading, readings: list[Reading]) -> Verdict:
    """A claim without a verb ("Over 1,000 soldiers in four units"): each top phrase must be in one passage."""
    tops = [p for p in claim.phrases if p.head.dep_ in ("ROOT", "nsubj", "dobj", "appos") and not p.pronoun]
    if not tops:
        return Verdict(False, "the claim states nothing that can be checked")
    used = set()
    for phrase in tops:
        holder = next((i for i, r in enumerate(readings) if _holds(phrase, r)), None)
        if holder is None:
            return Verdict(False, f"no passage has '{phrase.text}'")
        used.add(holder)
    numbers = ", ".join(f"[{i + 1}]" for i in sorted(used))
    return Verdict(True, f"every phrase is in one passage ({numbers})", tuple(sorted(used)))


def _holds(phrase: Phrase, reading: Reading) -> bool:
    others = [o for o in reading.phrases if not o.pronoun]
    return any(match_phrase(phrase, other, Scope.of(other.head, reading)) is None for other in others)
