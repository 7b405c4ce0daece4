"""Rule ``yes-no``: a yes/no question gets "Yes" or "No" when the cited facts settle it, and the facts.

"Did Facebook acquire both Instagram and WhatsApp?" holds two propositions (Facebook acquired Instagram;
Facebook acquired WhatsApp). Each is looked for in the passages: a sentence with the question's verb (its
lemma), most of the subject's words and most of the object's. When every proposition is found, none negated
and none attributed to a source (a claim someone makes settles nothing), the answer opens with "Yes: ";
when one is found negated, with "No: ". Otherwise the facts found are given without a verdict, and the
other rules go on as for any question. No verdict goes beyond what the cited sentences state.
"""

from __future__ import annotations

from dataclasses import dataclass

from rag import nlp
from rag.lexical import terms
from rag.passages import Passage
from rag.policy.draft import Draft, DraftSentence, clean_sentence, reads_as_sentence
from rag.sentences import Sentence

ARGUMENT_SHARE = 0.5  # a sentence holds a subject or object when it has this share of its words


@dataclass(frozen=True)
class Proposition:
    subject: str
    predicate: str  # a lemma
    object: str


@dataclass(frozen=True)
class Fact:
    proposition: Proposition
    passage: Passage
    sentence: Sentence
    negated: bool


class SettleYesNo:
    """Answer a yes/no question with "Yes"/"No" and the facts that settle it, when they do.

    Why: a small model pastes a snippet about one side ("Facebook bought Instagram") for "Did Facebook buy
    both ...?", which answers neither yes nor no.
    """

    name = "yes-no"

    def apply(self, draft: Draft) -> None:
        if draft.question_asked.kind != "yes_no":
            return
        propositions = split_question(draft.question)
        facts = [find_fact(p, draft.answering_passages()) for p in propositions]
        found = [f for f in facts if f is not None]
        if not found:
            return
        attributed = any(f.passage.frames_for(f.sentence) for f in found)
        verdict = ""
        if not attributed and any(f.negated for f in found):
            verdict = "No: "
        elif not attributed and len(found) == len(propositions):
            verdict = "Yes: "
        distinct = {(f.passage.number, f.sentence.start): f for f in found}.values()
        sentences = [
            DraftSentence(clean_sentence(f.sentence.text), [f.passage.number], "extracted", [f.sentence])
            for f in distinct
        ]
        if verdict:
            first = sentences[0]
            sentences[0] = DraftSentence(verdict + first.text, first.cites, first.origin, first.sources)
        for sentence in draft.sentences:
            if not any(s.sources and sentence.sources and s.sources[0] == sentence.sources[0] for s in sentences):
                sentences.append(sentence)
        reason = f"{len(found)} of {len(propositions)} propositions stated"
        if verdict:
            reason += f", so {verdict.strip(': ')}"
        draft.decide(self.name, "settled" if verdict else "facts", reason, sentences[0].text)
        draft.sentences = sentences


def split_question(question: str) -> list[Proposition]:
    """The propositions of a yes/no question: one per coordinated object ("both A and B")."""
    doc = nlp.parse(question)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return []
    subject = next((t for t in root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    objects = [t for t in root.children if t.dep_ in ("dobj", "attr", "acomp", "oprd")]
    objects += [c for o in objects for c in o.conjuncts]
    if subject is None or not objects:
        return []
    subject_text = " ".join(t.text for t in subject.subtree)
    return [Proposition(subject_text, root.lemma_.lower(), " ".join(t.text for t in _own_subtree(o))) for o in objects]


def _own_subtree(token) -> list:
    """A token's subtree without its coordinated siblings ("Instagram" of "both Instagram and WhatsApp")."""
    skip = {t.i for c in token.conjuncts if c.head == token for t in c.subtree}
    return [t for t in token.subtree if t.i not in skip and t.dep_ not in ("cc", "preconj", "det")]


def find_fact(proposition: Proposition, passages: list[Passage]) -> Fact | None:
    """The first passage sentence that states the proposition (its verb, most of its subject and object)."""
    subject, obj = terms(proposition.subject), terms(proposition.object)
    for passage in passages:
        for sentence in passage.sentences():
            words = terms(sentence.text)
            if len(subject & words) < ARGUMENT_SHARE * len(subject) or len(obj & words) < ARGUMENT_SHARE * len(obj):
                continue
            doc = nlp.parse(sentence.text)
            verbs = [t for t in doc if t.lemma_.lower() == proposition.predicate]
            if verbs and reads_as_sentence(sentence.text):
                negated = any(c.dep_ == "neg" for v in verbs for c in v.children)
                return Fact(proposition, passage, sentence, negated)
    return None
