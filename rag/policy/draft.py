"""The answer policy's working state: the draft's sentences on their way out, and the decisions taken.

Every rule of the policy (see :mod:`rag.policy`) reads and changes one :class:`Draft`: the question, the
numbered passages, the model's raw reply, the sentences that will be the answer, the conflicts found, and a
:class:`~rag.answer.Decision` for everything a rule did.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from llama_index.core.schema import BaseNode

from rag import nlp
from rag.answer import Citation, Conflict, Decision
from rag.lexical import headline_facts, terms
from rag.passages import Passage
from rag.question import Question, analyse
from rag.sentences import Sentence

SAME_SENTENCE = 0.85  # word-set overlap (Jaccard) above which two sentences say the same thing
TITLE_WORDS = 6  # a capitalised label before a colon of at most this many words is a title ("The Godfather:")
_QUESTION_END = re.compile(r"\?[\s.]*$")  # "... in 2023?." as the marker parser leaves a question


class CorpusWords(Protocol):
    """What the rules need to know of the whole collection's wording."""

    @property
    def vocabulary(self) -> Mapping[str, int]:
        """Lower-cased word counts over every indexed chunk."""
        ...

    @property
    def initialisms(self) -> Collection[str]:
        """The initialisms of the names the articles write out in full."""
        ...

    @property
    def proper_nouns(self) -> frozenset[str]:
        """Lower-cased words the articles only ever write capitalised."""
        ...


@dataclass
class DraftSentence:
    """A sentence on its way out: its claim text, the passages it cites, and where it came from."""

    text: str
    cites: list[int]
    origin: str  # "model", "recited", "replaced", "extracted", "conflict" or "verdict" (a yes/no answer's fact)
    sources: list[Sentence] = field(default_factory=list)
    attributed: bool = False
    reason: str = ""  # why a rule replaced the drafted sentence, when one did


@dataclass
class Draft:
    """One answer in the making. Rules before generation see no ``raw`` reply yet."""

    question: str
    passages: list[Passage]
    words: CorpusWords
    best_similarity: float = 0.0  # the best retrieved chunk's cosine similarity to the question
    # every chunk retrieval returned, passages cut or not, then the chunk after each in its article
    retrieved: list[BaseNode] = field(default_factory=list)
    raw: str = ""
    sentences: list[DraftSentence] = field(default_factory=list)
    conflicts: list[tuple[str, list[int]]] = field(default_factory=list)
    model_refused: bool = False
    refused: bool = False
    answer: str = ""
    citations: list[Citation] = field(default_factory=list)
    found_conflicts: list[Conflict] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)

    def decide(self, rule: str, action: str, reason: str, sentence: str = "") -> None:
        """Record what a rule did."""
        self.decisions.append(Decision(rule, action, reason, sentence))

    def passage(self, number: int) -> Passage:
        return next(p for p in self.passages if p.number == number)

    def widen(self, passage: Passage, start: int, end: int) -> int:
        """Add the span ``[start, end)`` of ``passage``'s chunk as a new passage; its number."""
        number = max(p.number for p in self.passages) + 1
        self.passages.append(passage.widened(number, start, end))
        return number

    @property
    def question_asked(self) -> Question:
        """What the question asks (kind, answer type, constraints)."""
        return analyse(self.question)

    def answering_passages(self, passages: list[Passage] | None = None) -> list[Passage]:
        """The passages (of the draft, or ``passages``) that state every constraint of the question (its years,
        names, ...) in their dated chunk or headline ("Joaquin Phoenix wins Best Actor" under "The 92nd Academy
        Awards | 2020"); the outlet and the sources say who tells it, not what it is about."""
        asked = self.question_asked
        candidates = self.passages if passages is None else passages
        return [p for p in candidates if not asked.unmet(f"{headline_facts(p.title)} {p.dated_text}")]

    def lowercase_ok(self, text: str) -> bool:
        """May the first word of ``text`` be lower-cased mid-sentence? Not a name or an acronym (one the parser
        reads as a name: "Soul, the next chapter ..., won"), nor the first word of a name of several capitalised
        words ("New York 2004 Olympic Games"), nor of a title that labels what follows ("The Godfather:
        Directed by ...")."""
        word = text.split(" ", 1)[0]
        if (word.isupper() and len(word) > 1) or word.lower() in self.words.proper_nouns:
            return False
        label = text.partition(":")[0].split()
        if ":" in text and len(label) <= TITLE_WORDS and all(w[:1].isupper() or not w[:1].isalpha() for w in label):
            return False
        doc = nlp.parse(text, ner=True)
        if not len(doc) > 1 or doc[0].pos_ == "DET":  # "the Main Intelligence Directorate"
            return True
        if doc[0].pos_ == "PROPN":
            return False
        return not (doc[0].ent_iob_ == "B" and doc[1].ent_iob_ == "I" and doc[1].text[:1].isupper())


class Rule(Protocol):
    """One rule of the answer policy: a name (as reported in decisions) and one method."""

    name: str

    def apply(self, draft: Draft) -> None:
        """Read and change ``draft``; record a decision for everything done."""
        ...


# A wire dateline opening an article's first sentence: "FLINT, Mich., Oct. 4 (UPI) — ", "WASHINGTON ― ". A
# short word in capitals alone before a dash may be a name ("NATO — The alliance said"): it is kept.
_WIRE_DATELINE = re.compile(
    r"^(?:[A-Z]{3,}(?:[ .'’-]+[A-Z]{2,})*\.?"  # the place in capitals
    r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}|,\s+(?:[A-Z]\.)+|,\s+[A-Z][a-z]*\.?(?:\s+[A-Z][a-z]*\.?)?|\s+\([A-Za-z ]+\))+"
    # ^ its date, its state ("N.Y.", "Mich.", "New Mexico"), its agency
    r"|[A-Z]{3,}(?:[ .'’-]+[A-Z]{2,})+|[A-Z]{6,})"  # or a place of several words, or of one long word
    r"\s*[—–―-]{1,2}\s+(?=[A-Z0-9“\"])"
)


def clean_sentence(text: str) -> str:
    """A passage sentence as an answer gives it: one space between words, without the wire dateline that
    opens an article (the place and date it was filed from are the article's, not the sentence's claim), nor
    the bracket of an aside the sentence closes but does not open ("(Trump's book has sold ..., according to
    Nielsen)": the splitter leaves the "(" with the sentence before)."""
    text = _WIRE_DATELINE.sub("", re.sub(r"\s+", " ", text).strip())
    closing = re.search(r"\)(?=[.!?]?$)", text)
    if closing and text.count(")") > text.count("("):
        text = text[: closing.start()] + text[closing.end() :]
    return text


def same(a: str, b: str) -> bool:
    """Do two sentences say the same thing (nearly the same content words)?"""
    ta, tb = terms(a), terms(b)
    return bool(ta) and len(ta & tb) / len(ta | tb) >= SAME_SENTENCE


def reads_as_sentence(text: str) -> bool:
    """Is ``text`` a statement (it has a verb), not a headline fragment, a list item ("Leylah Fernandez, US
    Open"), a heading in capitals ("FIFA WORLD CUP 2018 ™"), a question, or a sentence cut off before its
    end ("the revenues came in at.")? A participle that only describes a noun ("The sprawling cast of ...")
    is not a verb of the sentence, nor is one in brackets ("Ver. 2.0.0 (Released September 13, 2018)")."""
    letters = [c for c in text if c.isalpha()]
    if _QUESTION_END.search(text) or (len(text.split()) > 1 and all(c.isupper() for c in letters)):
        return False
    doc = nlp.parse(text)
    words = [t for t in doc if not t.is_punct]
    last = words[-1] if words else None
    if last is not None and last.pos_ in ("DET", "CCONJ", "SCONJ"):
        return False
    if last is not None and last.dep_ == "prep" and not last.n_lefts + last.n_rights:
        return False  # "came in at.": a preposition without its object ("in Kyiv and beyond" ends whole)
    depth, bracketed = 0, set()
    for t in doc:
        depth = max(0, depth + (t.text == "(") - (t.text == ")"))
        if depth > 0:
            bracketed.add(t.i)
    return any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") and t.i not in bracketed for t in doc)


def as_drafts(passage: Passage) -> list[DraftSentence]:
    """Each sentence of ``passage`` (fragments without a verb left out) as an answer sentence citing it."""
    return [
        DraftSentence(clean_sentence(s.text), [passage.number], "extracted", [s])
        for s in passage.sentences()
        if reads_as_sentence(s.text)
    ]
