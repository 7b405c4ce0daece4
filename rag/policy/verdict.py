"""Rule ``yes-no``: a yes/no question gets "Yes" or "No" when the cited facts settle it, and the facts.

"Did Facebook acquire both Instagram and WhatsApp?" holds two propositions (Facebook acquired Instagram;
Facebook acquired WhatsApp). Each is looked for in the passages: a sentence with most of the subject's words
and the object (most of its words, or a synonym of its head, with its names), whose verb, or a verb of the
same relation ("bought" for "acquire"), asserts the relation of the object, not under a modal or a verb of
wanting ("could capture", "wants to capture"); an event the subject called off was not held ("canceled the
rally" for "Did she keep the rally?"). When every proposition is found and none negated, the answer opens
with "Yes: "; when one is found negated, with "No: ". A claim someone makes settles nothing by itself: when
every fact found is attributed, the verdict says on whose word ("Yes, according to TASS, citing sources:
..."); when only some are, there is none. Otherwise the facts found are given without a verdict, and the
other rules go on as for any question. Verbs offered as a choice ("Did voters approve or turn down the
treaty?") are answered by the fact that states one, without a verdict. No verdict goes beyond what the
cited sentences state: a "Yes" or "No" the model wrote is taken off its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from rag import lexicons, nlp
from rag.attribution import Frame
from rag.claims import key, predicate_key, same_word, word_key
from rag.lexical import mentions
from rag.passages import Passage
from rag.policy.draft import Draft, DraftSentence, clean_sentence, reads_as_sentence
from rag.question import Constraint
from rag.sentences import Sentence

_OPENING_COORDINATOR = re.compile(r"^(?:And|But)\s+(?=\w)")  # ties a sentence to the one before
_VERDICT = re.compile(r"(?i)^(?:yes|no)\s*[,:;.!—-]\s+(?!\d)")  # a draft's "Yes, ...", not "No one ...", "No. 1"


@dataclass(frozen=True)
class Proposition:
    subject: str
    predicate: str  # a lemma
    object: str
    subject_key: str = ""  # the key of the subject's head ("zakharova")
    object_key: str = ""  # the key of the object's head ("spokesperson" of "a spokesperson for the ministry")
    object_names: tuple[str, ...] = ()  # the object's proper nouns, each of which the fact must name
    preposition: str = ""  # the object's preposition, for a verb's prepositional object ("apologize for")
    verb_key: str = ""  # the verb's key with its particles ("turn down")
    choice: bool = False  # one of verbs offered as a choice ("approve or turn down"): the fact found answers
    subject_names: tuple[str, ...] = ()  # the subject's name without a title ("Raul", "Grijalva"), if it is one


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
        for i, sentence in enumerate(draft.sentences):  # only the facts found below may settle the question
            unsettled = _VERDICT.sub("", sentence.text)
            if unsettled != sentence.text and unsettled:
                draft.decide(self.name, "removed", "the draft's own verdict is not checked", sentence.text)
                draft.sentences[i] = replace(sentence, text=unsettled[0].upper() + unsettled[1:])
        propositions = split_question(draft.question)
        facts = [find_fact(p, draft.answering_passages()) for p in propositions]
        found = [f for f in facts if f is not None]
        if not found:
            return
        if propositions[0].choice:
            _answer_choice(draft, self.name, found)
            return
        frames = [f.passage.frames_for(f.sentence) for f in found]
        named = [_speaker(fs[0], f.sentence.text) for f, fs in zip(found, frames, strict=True) if fs]
        speakers = list(dict.fromkeys(named))
        said = f", according to {' and '.join(speakers)}" if speakers and all(frames) else ""
        verdict = ""
        if (said or not speakers) and any(f.negated for f in found):
            verdict = f"No{said}: "
        elif (said or not speakers) and len(found) == len(propositions):
            verdict = f"Yes{said}: "
        distinct = {(f.passage.number, f.sentence.start): f for f in found}.values()
        sentences = [
            DraftSentence(clean_sentence(f.sentence.text), [f.passage.number], "extracted", [f.sentence])
            for f in distinct
        ]
        if verdict:
            first = sentences[0]
            text = _OPENING_COORDINATOR.sub("", first.text)  # "No: Roe didn't ...", not "No: And Roe didn't ..."
            text = text[:1].upper() + text[1:]
            sentences[0] = DraftSentence(verdict + text, first.cites, "verdict", first.sources)
        for sentence in draft.sentences:
            if not any(s.sources and sentence.sources and s.sources[0] == sentence.sources[0] for s in sentences):
                sentences.append(sentence)
        reason = f"{len(found)} of {len(propositions)} propositions stated"
        if verdict:
            reason += f", so {verdict.strip(': ')}"
        draft.decide(self.name, "settled" if verdict else "facts", reason, sentences[0].text)
        draft.sentences = sentences


def _answer_choice(draft: Draft, rule: str, found: list[Fact]) -> None:
    """ "Did Dutch voters approve or turn down the treaty?": the facts that state one of the verbs offered are
    the answer, without "Yes" or "No"; a choice denied ("did not approve") answers nothing by itself."""
    stated = list({(f.passage.number, f.sentence.start): f for f in found if not f.negated}.values())
    if not stated:
        return
    draft.sentences = [
        DraftSentence(clean_sentence(f.sentence.text), [f.passage.number], "extracted", [f.sentence]) for f in stated
    ]
    chosen = " or ".join(dict.fromkeys(f.proposition.predicate for f in stated))
    draft.decide(rule, "settled", f"the passages state the choice {chosen!r}", draft.sentences[0].text)


def _speaker(frame: Frame, sentence: str) -> str:
    """Whom a verdict names for a claim: the shortest name the sentence already gives them by ("Lubinets" for
    "Ukrainian Parliament Commissioner for Human Rights, Dmytro Lubinets, noted that ..."), else the frame's
    whole label, as for sources an outlet cites ("TASS, citing sources")."""
    if frame.cites_sources:
        return frame.label
    named = [alias for alias in frame.aliases() if mentions(sentence, alias) and _names_alone(alias, frame)]
    return min(named, key=len) if named else frame.label


def _names_alone(alias: str, frame: Frame) -> bool:
    """Can ``alias`` stand for the frame's speaker by itself? Not without the article the source has ("fund"
    for "the fund"), nor as the last word of a name that is not a person's ("Ledger" for "the Harbour Ledger")."""
    source = frame.source or ""
    if re.search(rf"(?i)\bthe {re.escape(alias)}\b", source):
        return False
    if " " in alias or alias == source or not source.endswith(alias):
        return True
    return any(e.label_ == "PERSON" and e.text.endswith(alias) for e in nlp.parse(source, ner=True).ents)


def split_question(question: str) -> list[Proposition]:
    """The propositions of a yes/no question: one per coordinated object ("both A and B")."""
    doc = nlp.parse(question, ner=True)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return []
    subject = next((t for t in root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    objects = [t for t in root.children if t.dep_ in ("dobj", "attr", "acomp", "oprd")]
    # "Did voters approve or turn down the treaty?": a verb offered as a choice without an object of its own
    # takes the one the verbs share ("Did Tesla raise prices or cut jobs?" keeps each its own)
    offered = [c for c in root.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    choice = bool(offered) and any(c.dep_ == "cc" and c.lower_ == "or" for c in root.children)
    verbs = [root, *offered] if choice else [root]
    own = {v.i: [c for c in v.children if c.dep_ == "dobj"] for v in verbs}
    if choice and not objects:
        objects = next((own[v.i] for v in reversed(offered) if own[v.i]), [])
    if root.lemma_ == "be" and subject is not None and not objects:  # "Is Ana Lind a spokesperson?" read as
        objects = [t for t in subject.children if t.dep_ == "appos"]  # an apposition
    preposition = ""
    if not objects and root.lemma_ != "be":  # "Did Roe apologize for his statements?"
        objects, preposition = _prepositional_object(root)
    objects += [c for o in objects for c in o.conjuncts]
    if subject is None or not objects:
        return []
    appositive = {t.i for o in objects if o.dep_ == "appos" for t in o.subtree}
    subject_text = " ".join(t.text for t in subject.subtree if t.i not in appositive)
    name = sorted([subject, *(c for c in subject.children if c.dep_ in ("compound", "flat"))], key=lambda t: t.i)
    subject_names = (
        tuple(t.text for t in name if t.pos_ == "PROPN" and not _title(t)) if subject.pos_ == "PROPN" else ()
    )
    return [
        Proposition(
            subject_text,
            verb.lemma_.lower(),
            " ".join(t.text for t in _own_subtree(o)),
            key(subject),
            key(o),
            tuple(t.text for t in _own_subtree(o) if t.pos_ == "PROPN" and t != o and not _title(t)),
            preposition,
            predicate_key(verb),
            choice,
            subject_names,
        )
        for verb in verbs
        for o in (own[verb.i] if choice and own[verb.i] else objects)
    ]


def _title(token: Token) -> bool:
    """Is the word a title before a person's name ("President" of "President Obama", "Sen." of "Sen. Moore"),
    which a fact may leave out? Not a party or a state before another noun ("the Republican candidate")."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return (
        token.lower_.rstrip(".") in lexicons.words("name_titles")
        and following is not None
        and following.ent_type_ == "PERSON"
    )


def _prepositional_object(verb: Token) -> tuple[list[Token], str]:
    """The object of the verb's one preposition, and the preposition ("apologize for his statements"); none
    where the question says when ("... on Friday": a time the facts would have to state too), has several
    prepositions, or a light noun leads the object ("in favor of the bill")."""
    preps = [p for p in verb.children if p.dep_ == "prep"]
    if len(preps) != 1 or any(t.ent_type_ in ("DATE", "TIME") or t.like_num for t in verb.doc):
        return [], ""
    objects = [g for g in preps[0].children if g.dep_ == "pobj"]
    if any(p.lower_ == "of" for o in objects for p in o.children) and not all(o.pos_ == "PROPN" for o in objects):
        return [], ""
    return objects, preps[0].lower_ if objects else ""


def _own_subtree(token) -> list:
    """A token's subtree without its coordinated siblings ("Instagram" of "both Instagram and WhatsApp")."""
    skip = {t.i for c in token.conjuncts if c.head == token for t in c.subtree}
    return [t for t in token.subtree if t.i not in skip and t.dep_ not in ("cc", "preconj", "det")]


def find_fact(proposition: Proposition, passages: list[Passage]) -> Fact | None:
    """The first passage sentence that states the proposition: its verb, most of its subject's words, its
    object in most of its words or by a synonym of its head ("a treaty" for "the agreement") with each of
    the object's names. Only where none does, the first that says the subject called off the event a
    question asks was held (see :func:`_called_off`): its "No"."""
    arguments = [Constraint("name", proposition.subject)]
    arguments += [Constraint("name", name) for name in proposition.object_names]  # "CEO of Apple" is no Microsoft's
    wanted = proposition.verb_key or word_key(proposition.predicate)
    candidates = []
    for passage in passages:
        for sentence in passage.sentences():
            if not all(argument.met_by(sentence.text) for argument in arguments):
                continue
            doc = nlp.parse(sentence.text)
            if not Constraint("name", proposition.object).met_by(sentence.text) and not any(
                same_word(key(t), proposition.object_key) for t in doc
            ):
                continue
            verbs = [t for t in doc if _asserts(t, wanted, proposition)]
            described = proposition.predicate == "be" and _described(doc, proposition)
            if (verbs or described) and reads_as_sentence(sentence.text):
                negated = any(c.dep_ == "neg" for v in verbs for c in v.children) or _denied(verbs)
                return Fact(proposition, passage, sentence, negated)
            if not verbs and _called_off(doc, wanted, proposition) and reads_as_sentence(sentence.text):
                candidates.append(Fact(proposition, passage, sentence, negated=True))
    return candidates[0] if candidates else None


def _called_off(doc: Doc, wanted: str, proposition: Proposition) -> bool:
    """Does the sentence say the subject called the event off ("she had canceled a joint rally with Obama" for
    "Did Clinton keep her rally with Obama?"; ``held_verbs.txt``), not under a negation or a modal ("did not
    cancel", "may cancel"), nor beside a verb of the relation asked ("canceled its Tuesday vote and held it
    Thursday")? A postponed or suspended event may still be held."""
    verbs = lexicons.kinds("held_verbs")
    if verbs.get(proposition.predicate) != "held":
        return False
    if any(t.pos_ in ("VERB", "AUX") and same_word(key(t), wanted, "predicate_synonyms") for t in doc):
        return False
    return any(
        verbs.get(t.lemma_.lower()) == "called_off"
        and _asserts(t, key(t), proposition)
        and not any(c.dep_ == "neg" for c in t.children)
        and not _denied([t])
        for t in doc
    )


def _asserts(verb: Token, wanted: str, proposition: Proposition) -> bool:
    """Does ``verb`` assert the relation (its verb or one of the same relation) between the subject and the
    object asked about, in their roles: not under a modal, another verb or a negation ("could capture", "wants to
    capture"), done by the subject ("Ukrainian authorities said they seized", "captured by Ukraine"; not
    "Russian soldiers captured Ukrainian personnel" for "Did Ukraine capture Russian soldiers?") to the object
    ("captured 102 soldiers", "a group of soldiers", "soldiers were captured"; not "captured facilities ...
    where soldiers were seen")?"""
    if verb.pos_ not in ("VERB", "AUX") or not any(
        same_word(k, wanted, "predicate_synonyms")
        for k in (key(verb), predicate_key(verb))  # "turned down"
    ):
        return False
    if verb.dep_ == "xcomp" or any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return False
    if any(_negative(above) for above in verb.ancestors):  # "No one saw Zorvex capture ...": nothing asserted
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd", "acomp", "nsubjpass", "dative")]
    objects += [c for o in objects for c in o.conjuncts]
    objects += [g for o in objects for p in o.children if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    if proposition.preposition:
        objects = _prepositional_objects(verb, proposition)
    if not any(same_word(key(o), proposition.object_key) for o in objects):
        return False
    doers = [c for c in verb.children if c.dep_ == "nsubj"]
    doers += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if not doers and verb.dep_ == "pcomp" and verb.head.lower_ == "by":  # "voters dealt a blow by rejecting
        doers = [c for c in verb.head.head.children if c.dep_ == "nsubj"]  # the treaty": the clause's subject
    if any(d.pos_ == "PRON" for d in doers):  # "they seized": the subject of the sentence's report, if any
        doers += [c for t in verb.doc if t.dep_ == "ROOT" for c in t.children if c.dep_ == "nsubj"]
    return any(same_word(key(t), proposition.subject_key) for d in doers for t in d.subtree)


def _prepositional_objects(verb: Token, proposition: Proposition) -> list[Token]:
    """The objects of the verb's preposition that the question has ("apologized for his statements"), as the
    question has them: not under a negated preposition ("for his tone, not for his statements"), nor with a
    modifier that changes what they are or an "of" phrase the question's lacks ("vice president", "president
    of the council"); none where the verb is negated beside another modifier ("did not speak at length at the
    convention"), as the negation may be of that modifier."""
    asked = set(proposition.object.lower().split())
    essential = lexicons.words("essential_modifiers")
    heads = [
        g
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ == proposition.preposition and not any(c.dep_ == "neg" for c in p.children)
        for g in [*p.children, *(c for o in p.children for c in o.conjuncts)]
        if g.dep_ in ("pobj", "conj") and same_word(key(g), proposition.object_key)
    ]
    heads = [
        g
        for g in heads
        if not any(c.lower_ in essential - asked or (c.lower_ == "of" and "of" not in asked) for c in g.children)
    ]
    modifiers = [
        c for c in verb.children if c.dep_ in ("advmod", "npadvmod", "prep") and c not in {h.head for h in heads}
    ]
    if any(c.dep_ == "neg" for c in verb.children) and modifiers:
        return []
    return heads


def _negative(verb: Token) -> bool:
    """Is the verb negated, by "not" or by a subject with "no" ("No one saw ...", "Nobody reported ...")?"""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(c.dep_ == "neg" for c in verb.children) or any(
        t.lower_ in ("no", "nobody", "none", "neither") for s in subjects for t in s.subtree
    )


def _denied(verbs: list[Token]) -> bool:
    """Is the verb said to be false: under a verb of denial ("Moscow denied its forces captured Avdiivka";
    ``denial_verbs.txt``)? Then the fact is its speaker's "no"."""
    denials = lexicons.words("denial_verbs")
    return any(a.lemma_.lower() in denials for v in verbs for a in v.ancestors)


def _described(doc: Doc, proposition: Proposition) -> bool:
    """Is the subject described as the object by an apposition ("Maria Zakharova, the spokesperson for ...",
    "the spokesperson, Maria Zakharova") for "Is Maria Zakharova a spokesperson ...?"?"""
    pairs = ((proposition.subject_key, proposition.object_key), (proposition.object_key, proposition.subject_key))
    return any(
        same_word(key(t), head) and any(c.dep_ == "appos" and same_word(key(c), other) for c in t.children)
        for t in doc
        for head, other in pairs
    )
