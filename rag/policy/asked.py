"""Rules about what the question asks: the facts it fixes, and the type of answer it wants.

A year, date, ordinal or number in the question, and a name in a question that asks for a person, date, place
or figure, is a *constraint*: the passage that answers (its text, headline, outlet or sources) must state it,
since the 2021 winner does not answer a question about 2019 (``constraints``, before generation and for
each sentence after it). A "who", "when", "where" or "how many" question wants an answer of that type: a
sentence about the topic that names no person, date, place or figure does not answer it, nor does a figure
that counts something else than what "how many" asks about, nor a sentence that mentions the thing "what is
the name of" asks about without naming it (``answer-type``).
See :mod:`rag.question` for how a question is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from spacy.tokens import Doc, Token

from rag import lexicons, nlp
from rag.attribution import detect, given_names
from rag.claims import Clause, key, read, same_word, word_key
from rag.injection import is_instruction
from rag.lexical import YEAR, mentions, normalize_numbers, numbers, stemmer, terms
from rag.passages import Passage
from rag.policy.answers import (
    QUOTE_MARKS,
    about,
    answer_role,
    asked_verbs,
    asks_relation,
    held_by_another,
    names_year,
    of_another,
    of_another_place,
    pronoun_subject,
    quoted,
    states_relation,
    states_role,
    typed_entities,
    without_calendar,
    year_of_time,
)
from rag.policy.draft import Draft, DraftSentence, clean_sentence, reads_as_sentence
from rag.policy.refusal import EXTRACT_SENTENCES, refuse
from rag.policy.verdict import split_question
from rag.question import Constraint, Question, speaks_for
from rag.sentences import Sentence

AGENT_SPAN = 2  # words between a principal's name and the agent word ("Clinton campaign spokesman")
DATE_WORDS = re.compile(
    r"(?i)\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"yesterday|today|(?:1[5-9]|20)\d\d)\b"
)


_SHARE = re.compile(
    r"(?i)\d(?:[\d.,]*)\s*(?:%|percent\b|per cent\b)|\b(?:half|third|quarter|fifth|majority|minority)\b|"
    r"(?<!\bthe )(?<!\bat )\bmost (?:of\b|[a-z-]+s\b)"  # "most voters", not "won the most votes", "most likely"
)
# "1 in 4 residents", "one out of every five voters", "1 in 2,000 births" (numbers written as digits)
_SO_MANY_IN = re.compile(r"(?<![\d.])(\d+) (?:in|out of) (?:every )?(\d+)\b")


# An age as news writes it: "Scott, 69, has ...", "the 69-year-old", "aged 69", "at age 69", "69 years old";
# not "districts 12, 14, and 15" nor "voters ages 18 to 24".
_AGE = re.compile(r"\b[A-Z][\w'’-]+, \d{1,3},|(?i:\b\d{1,3}[- ]years?[- ]old\b|\baged? \d{1,3}\b)")
# A sum of money: "$2.7 million", "€40", "40 dollars", "2bn euros", "USD 5 million" (else the tagger's MONEY)
_MONEY = re.compile(
    r"[$€£¥]\s?\d|\b(?:USD|EUR|GBP)\s?\d|(?i:\d[\d.,]*\s*(?:(?:m|bn|million|billion|trillion|thousand)\s*)?"
    r"(?:dollars?|euros?|pounds? sterling|cents?|yuan|yen|rubles?|roubles?|rupees?)\b)"
)


class StateConstraints:
    """Refuse before generation when no passage states what the question fixes (its years, names, ordinals).

    Why: a small model answers "Who won the 2019 Tour?" from a passage about the 2021 winner.
    """

    name = "constraints"

    def apply(self, draft: Draft) -> None:
        question = draft.question_asked
        if not question.constraints or not draft.passages or draft.answering_passages():
            return
        asked = [c for c in question.constraints if c.kind != "group"]  # see Question.unmet
        unmet = [c for c in asked if not any(c.met_by(p.evidence) for p in draft.passages)]
        missing = unmet or question.unmet(" ".join(p.evidence for p in draft.passages))
        what = ", ".join(repr(c.text) for c in missing) or "all of the question's facts together"
        refuse(draft, self.name, f"no passage states {what}")


class RequireReason:
    """A why question gets a sentence that gives a reason or a motive for what it asks; else the passage
    sentences about the question that give one; else the draft stands (a reason can be given without a
    marker, or for what the question asks in other words).

    Why: a small model answers "Why do soldiers join Russian forces?" with a sentence saying that they do,
    and "Why was Jill Stein removed from the debate site?" with the reason for another event ("In 2012 ...
    she was arrested ... in protest") where a passage's chunk says why she was removed.
    """

    name = "reason"

    def apply(self, draft: Draft) -> None:
        question = draft.question_asked
        if question.kind != "why" or not draft.sentences:
            return

        def reason_asked(text: str, context: str) -> bool:
            return gives_reason(text) and about(text, question, context)

        if any(reason_asked(s.text, " ".join(draft.passage(n).evidence for n in s.cites)) for s in draft.sentences):
            return
        found = _from_chunks(draft, reason_asked)
        if found:
            reason = "gives no reason for what is asked"
            _replace(draft, self.name, found, reason, "a nearby sentence that gives a reason")


class KeepToProposition:
    """A yes/no question about someone named ("Did Grijalva oppose the debt deal?") keeps the sentences that
    name them, in their words or attributed to them, or whose subject is a pronoun; when none does, it gets
    the passage sentences that name them and the object ("Grijalva, who helped negotiate the deal, will
    support the bill"); when there are none either, the draft stays. A subject that is no name ("Did the
    company ...?") is left to the model.

    Why: a small model answers "Did Grijalva oppose the deal?" with the headline of the article about the one
    who fights it ("Sanders pushes Dems to reject Puerto Rico debt deal"), which says nothing of Grijalva.
    """

    name = "proposition"

    def apply(self, draft: Draft) -> None:
        if draft.question_asked.kind != "yes_no" or not draft.sentences:
            return
        propositions = split_question(draft.question)
        names = propositions[0].subject_names if propositions else ()
        if not names:
            return
        subject = " ".join(names)

        def about(sentence: DraftSentence) -> bool:
            return names_with_surname(_read(draft, sentence), subject) or pronoun_subject(sentence.text)

        if any(about(s) for s in draft.sentences):
            for sentence in [s for s in draft.sentences if not about(s)]:
                draft.decide(self.name, "removed", f"does not name {subject}", sentence.text)
                draft.sentences.remove(sentence)
            return

        def with_object(text: str, _chunk: str) -> bool:
            stems = terms(text)
            return names_with_surname(text, subject) and any(
                same_word(w, p.object_key) for p in propositions for w in stems
            )

        found = _from_chunks(draft, with_object)
        if found:
            what = f"{subject} and the {propositions[0].object_key}"
            _replace(draft, self.name, found, f"does not name {subject}", f"a passage sentence that names {what}")


class KeepToNamed:
    """A "Who is X?" question keeps the sentences that name X (and a sentence after one of them whose subject
    is a pronoun); when none does, it gets the passage sentence that names X.

    Why: a small model opens its answer to "Who is Maria Zakharova?" with the sentence before the one that
    names her, which says nothing of who she is.
    """

    name = "identity"

    def apply(self, draft: Draft) -> None:
        name = draft.question_asked.identity
        if name is None or not draft.sentences:
            return
        _keep_to(
            draft,
            self.name,
            lambda text: names_with_surname(text, name),
            f"does not name {name}",
            f"the passage sentence that names {name}",
            1,
        )


def names_with_surname(text: str, name: str) -> bool:
    """Does ``text`` name ``name``, by its last word at least? A given name alone is another person's: "Mark
    Cuban" for Mark MacDougall."""
    return Constraint("name", name).met_by(text) and bool(terms(name.split()[-1]) <= terms(text))


class KeepToSpeaker:
    """A question that asks what someone said ("What did Maria Zakharova say about the soldiers?") keeps the
    sentences that carry that speaker's words on the topic asked ("Zakharova condemned Ukraine for refusing to
    repatriate 1,000 captured soldiers"), and to the listener asked ("What did Figueroa tell USA Today?":
    "..., Figueroa told USA Today"), and a sentence after one of them whose subject is a pronoun; when none
    does, it gets the passage sentences that do. When no passage has any, it keeps the sentences that name
    the speaker or come from their outlet, from a chunk that names the names of the topic (their words there
    may say "it" for it; "Manafort's work in Ukraine" is not in a chunk that names neither), and no others.

    Why: a small model answers with the sentence beside the speaker's words ("Her comments underscored
    Russia's broader narrative ..."), which says what the article makes of them, not what she said, and not
    about the soldiers the question asks about; with none of their words retrieved, it gives someone else's
    ("What did Husted say about the court's decision?" -> a lawyer's words on another court's ruling).
    """

    name = "speaker"

    def apply(self, draft: Draft) -> None:
        question = draft.question_asked
        if question.speaker is None or not draft.sentences:
            return

        def theirs(text: str) -> bool:
            told = question.listener is None or tells(text, question.listener)
            return speaks(text, question.speaker or "") and on_topic(text, question.topic) and told

        asked = f"{question.speaker}'s words"
        removed, extracted = f"does not carry {asked}", f"a passage sentence that carries {asked}"
        if _keep_to(draft, self.name, theirs, removed, extracted, credited=True):
            return
        for sentence in list(draft.sentences):
            if not _names_speaker(draft, sentence, question.speaker):
                draft.decide(self.name, "removed", f"neither names {question.speaker} nor is from them", sentence.text)
                draft.sentences.remove(sentence)
            elif not _chunk_names(draft, sentence, question.topic_names):
                draft.decide(self.name, "removed", "its chunk does not name the topic asked about", sentence.text)
                draft.sentences.remove(sentence)


def _chunk_names(draft: Draft, sentence: DraftSentence, names: tuple[str, ...]) -> bool:
    """Does a chunk ``sentence`` cites name one of ``names`` ("Britain" by "British"; any chunk will do,
    without names)?"""
    chunks = [draft.passage(n).chunk_text for n in sentence.cites]
    return not names or any(Constraint("name", name).met_by(chunk) for name in names for chunk in chunks)


def _names_speaker(draft: Draft, sentence: DraftSentence, speaker: str) -> bool:
    """Does ``sentence`` credit words to ``speaker`` (not a namesake: see :func:`_credits`), name them as the
    doer of its main statement, or cite an article whose outlet or title names them? "Husted applauded the
    ruling" tells of him; "The bill, also introduced by Harry Reid, would require ..." tells of the bill,
    nothing Reid said; "According to Roe, Holm called her" is Roe's account, not Holm's words."""
    read = _read(draft, sentence)
    credited = _credits(read, speaker)
    if credited is not None:  # their words ("According to X, ..."), or a namesake's
        return credited
    labels = [f"{p.outlet} {p.title}" for p in draft.passages if p.number in sentence.cites]
    doers = [" ".join(t.text for t in _phrase(doer)) for doer in _main_doers(nlp.parse(sentence.text))]
    agent = speaks_for(speaker)
    if agent is not None:  # "the Trump campaign did not respond", not any sentence that names Trump
        return any(_by_agent(text, agent) for text in labels + doers)
    names = (speaker, *speaker.split()[-1:])
    if any(mentions(label, name) for label in labels for name in names):  # from their outlet
        return True
    told = [read[f.content_start : f.content_end] for f in detect(read)]  # another's report of them
    reported = any(mentions(content, name) for content in told for name in names)
    return not reported and any(mentions(doer, name) for doer in doers for name in names)


_CLAUSES = ("acl", "relcl", "advcl", "ccomp", "xcomp", "parataxis")  # what a clause says of a noun


@cache
def _their_thing(source: str) -> bool:
    """Is the source a thing of someone's that says nothing ("Trump's strong stance", which "demonstrates"),
    not someone who speaks for them ("Clinton's campaign") nor what they wrote ("Trump's tweet")? Asked only
    of a frame that reports no speech: "Roe's chief of staff said" does."""
    head = next((t for t in nlp.parse(source) if t.dep_ == "ROOT"), None)
    speaking = lexicons.words("writing_nouns") | {w for line in lexicons.words("agent_nouns") for w in line.split()}
    owned = head is not None and any(c.dep_ == "poss" and c.text[:1].isupper() for c in head.children)
    return owned and head.pos_ == "NOUN" and head.lemma_.lower() not in speaking


def _own_words(source: str) -> str:
    """A source phrase without the clauses that tell more of it: "The bill, also introduced by Harry Reid"
    is the bill's, not Reid's; "a Twitter spokesman, Christopher Abboud" is Abboud's."""
    heads = [t for t in nlp.parse(source) if t.dep_ == "ROOT"]
    return " ".join(t.text for head in heads for t in _phrase(head)) if heads else source


def _phrase(head: Token) -> list[Token]:
    """``head``'s phrase without the clauses that tell more of it: "Lawyers for Ana Lind", "the mayor and Ana
    Lind", "Calls to Lind's office"; not "the bill, introduced by Reid"."""
    return sorted([head, *(t for c in head.children if c.dep_ not in _CLAUSES for t in _phrase(c))], key=lambda t: t.i)


def _main_doers(doc: Doc) -> list[Token]:
    """The subjects of the main verb (and of the verbs joined to it) and its agent ("... was praised by X")."""
    verbs = [t for t in doc if t.dep_ == "ROOT"]
    verbs += [c for v in verbs for c in v.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    subjects = [c for v in verbs for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects + [g for v in verbs for c in v.children if c.dep_ == "agent" for g in c.children]


def _by_agent(phrase: str, agent: tuple[str, str]) -> bool:
    """Does ``phrase`` name an agent of the principal, of the agent's kind: ("Hillary Clinton", "campaign")
    by "Clinton spokesman Jesse Lehrich" or "a spokesman for the Clinton campaign" (see
    :func:`rag.question.speaks_for`)? The agent word must go with the principal's name, before it ("Clinton
    spokesman") or joined by "for"/"of" ("a lawyer for Ivana Trump"): "Representative Ada Lind" is Lind
    herself, and in "Lind campaign spokesman Jo Park said Holm ..." Holm has no spokesman."""
    principal, kind = agent
    if not Constraint("name", principal).met_by(phrase) or namesake(phrase, principal):
        return False
    agents = _agent_words(kind)
    names = terms(principal)
    words = [w.lower() for w in re.findall(r"[\w.-]+", phrase.replace("’s", "").replace("'s", ""))]
    for i, word in enumerate(words):
        if not terms(word) & agents:
            continue
        before = terms(" ".join(words[max(0, i - AGENT_SPAN) : i]))
        after = words[i + 1 : i + 1 + AGENT_SPAN + 1]
        if before & names or (after[:1] in (["for"], ["of"]) and terms(" ".join(after)) & names):
            return True
    return False


@cache
def _agent_words(kind: str) -> frozenset[str]:
    """The terms of the words of ``kind``'s group in ``agent_nouns.txt`` ("spokesman", "aide" for "campaign")."""
    return frozenset(terms(" ".join(lexicons.mates("agent_nouns", kind))))


def _keep_to(
    draft: Draft,
    rule: str,
    holds: Callable[[str], bool],
    removed: str,
    extracted: str,
    limit: int = EXTRACT_SENTENCES,
    credited: bool = False,
) -> bool:
    """Keep the draft's sentences that ``holds`` accepts, and a sentence after one of them whose subject is a
    pronoun ("She added ..." goes on with the person named); when none, the passage sentences it accepts (at
    most ``limit``; ``credited``: read with the speaker of the quotation they go on with, see
    :func:`_credited`); when there are none either, the draft stays. Whether any sentence was accepted."""
    kept: list[DraftSentence] = []
    going_on = False
    for sentence in draft.sentences:
        read = _read(draft, sentence) if credited else sentence.text
        going_on = holds(read) or (going_on and pronoun_subject(sentence.text))
        if going_on:
            kept.append(sentence)
    if not kept:
        found = _from_chunks(draft, lambda text, _chunk: holds(text), limit, credited)
        if found:
            _replace(draft, rule, found, removed, extracted)
        return bool(found)
    for sentence in draft.sentences:
        if sentence not in kept:
            draft.decide(rule, "removed", removed, sentence.text)
    draft.sentences = kept
    return True


def speaks(text: str, speaker: str) -> bool:
    """Does ``text`` credit words to ``speaker`` (a frame whose source or outlet names them: "Zakharova
    condemned ...", "according to Zakharova", "TASS sources say"; "Chalmers said" for "Finance Minister Jim
    Chalmers", by the last word of the name)? See :func:`_credits`."""
    return _credits(text, speaker) is True


def _credits(text: str, speaker: str) -> bool | None:
    """Whether ``text``'s frames credit words to ``speaker``: True for a source or outlet that names them
    (by their surname too), False where the only ones of their surname named in full are namesakes ("Minyon
    Moore" for Gwen Moore: a surname alone then is the namesake's, as the article reads "Ms. Moore"), None
    where none names that surname."""
    agent = speaks_for(speaker)
    if agent is not None:  # "Clinton spokesman Jesse Lehrich" speaks for Hillary Clinton's campaign
        sources = [p for f in detect(text, every=True) for p in (f.source, f.via) if p]
        return True if any(_by_agent(p, agent) for p in sources) else None
    named = Constraint("name", speaker)
    surname = terms(speaker.split()[-1]) if speaker.split() else set()
    pronouns = lexicons.kinds("personal_pronouns")
    phrases = [
        phrase
        for frame in detect(text, every=True)
        if text[frame.content_start : frame.content_end].strip(" .,;:!?\"'").lower() not in pronouns  # "called her"
        for phrase in (frame.source, frame.via)
        if phrase
        and (named.met_by(own := _own_words(phrase)) or bool(surname and surname <= terms(own)))
        and (frame.reports or not _their_thing(own))
    ]
    if not phrases:
        return None
    others = [namesake(p, speaker) for p in phrases]
    if not any(others):
        return True
    surname = speaker.split()[-1]  # beside a namesake, only the speaker named in full is theirs
    return any(not other and bool(given_names(p, surname)) for p, other in zip(phrases, others, strict=True))


def namesake(text: str, person: str) -> bool:
    """Does ``text`` name someone of ``person``'s surname with other given names ("Minyon Moore" for Gwen
    Moore; "Joseph R. Biden" is Joe Biden: ``given_name_forms.txt``)? A surname alone, or after a title ("Ms.
    Moore", "Treasurer Moore"), may be them."""
    parts = person.split()
    if len(parts) < 2:
        return False
    titles = lexicons.words("name_titles")
    asked = [w.lower() for w in parts[:-1] if w.isalpha() and w.lower() not in titles]
    other = [w.lower() for w in given_names(text, parts[-1])] if asked else []
    return bool(other) and not any(_same_given(a, o) for a in asked for o in other)


def _same_given(one: str, other: str) -> bool:
    """Are two given names forms of one ("Chris", "Christopher"; "Bill", "William")?"""
    return one.startswith(other) or other.startswith(one) or other in lexicons.mates("given_name_forms", one)


def tells(text: str, listener: str) -> bool:
    """Is ``listener`` the one spoken to in ``text``: the object of a verb of telling ("..., Figueroa told USA
    Today"), or the "to"/"with" object of speaking or an interview ("Speaking to USA Today, ...", "said in an
    interview with USA Today")? A mention elsewhere ("the National Museum of African American History") tells
    them nothing."""
    named = Constraint("name", listener)
    for token in nlp.parse(text):
        objects = []
        if token.lemma_.lower() in lexicons.words("listener_verbs"):
            objects = [c for c in token.children if c.dep_ in ("dobj", "dative", "npadvmod")]
        elif token.lemma_.lower() in lexicons.words("address_words"):
            preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ in ("to", "with")]
            objects = [g for p in preps for g in p.children if g.dep_ == "pobj"]
        if any(named.met_by(" ".join(t.text for t in o.subtree)) for o in objects):
            return True
    return False


def on_topic(text: str, topic: str | None) -> bool:
    """Does ``text`` name the ``topic`` (a key), or a synonym of it ("servicemen" for soldiers)? Without a
    topic, any text will do."""
    return topic is None or any(same_word(key(t), topic) for t in nlp.parse(text))


def gives_reason(text: str) -> bool:
    """Does ``text`` give a reason ("because ...", "citing ideology", "driven by fear"), outside the words that
    name a source ("according to TASS, citing sources, ...")?"""
    return _reason_pattern().search(without_sources(text)) is not None


def asks_speaker(question: Question) -> bool:
    """Does the question ask who says something ("Who said ...?", "Who were TASS's sources?")? Then the source
    of a sentence is its answer. A body that can be cited is no speaker asked when the question's own verb
    acts on it: "Who leads Ukraine's military intelligence?" asks who leads."""
    reporting = lexicons.words("reporting_verbs")
    asked = {w.removesuffix("s") for w in re.findall(r"[a-z]+", question.text.lower())}
    named = question.predicate is None and bool(asked & lexicons.words("speaker_nouns"))
    return question.predicate in reporting or named


def without_sources(text: str) -> str:
    """``text`` without the words that name its source and cue ("According to TASS, citing sources, ...").

    Who says a thing is not what is said: "According to Stanley Kubrick, The Godfather is the greatest film"
    names no director. A source the content refers back to stays ("Levi said he will play the hero").
    """
    for frame in sorted(detect(text), key=lambda f: -f.content_start):
        start = min(frame.source_start, frame.cue_start)
        content = set(re.findall(r"[a-z]+", text[frame.content_start : frame.content_end].lower()))
        if start < frame.content_start and not content & lexicons.kinds("personal_pronouns").keys():
            text = text[:start] + text[frame.content_start :]
    return text


@cache
def _reason_pattern() -> re.Pattern:
    phrases = {p for p, kind in lexicons.kinds("connectives").items() if kind == "cause"} | lexicons.words("reasons")
    return re.compile(rf"(?i)\b(?:{'|'.join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))})\b")


class StateFigure:
    """A why, who, when or where question that fixes a figure ("Why did Ukraine abandon 1,000 of its
    soldiers?"), drafted without the reason or the type asked, gets a sentence that states the figure; else the
    first sentence of the passages' chunks that states it and shares a word with the question; else the draft
    stands.

    Why: the figure names the fact asked about. A sentence beside it in the chunk meets the constraint through
    its passage, yet tells another fact ("intelligence has been voicing concern over ..." next to "over 1,000
    ..."). A draft that gives the reason or the type asked answers, though it does not repeat the figure. A
    number that names the thing asked about ("Starfall Legends 2", :attr:`~rag.question.Question.marks`) is
    part of its name, not a figure of the fact.
    """

    name = "figure"

    def apply(self, draft: Draft) -> None:
        question = draft.question_asked
        figures = [c for c in question.fixed("number") if c.text not in question.marks]
        if not figures or not draft.sentences or (question.kind != "why" and question.answer_type is None):
            return
        if any(all(c.met_by(s.text) for c in figures) for s in draft.sentences):
            return
        answers = gives_reason if question.kind == "why" else lambda text: gives_type(text, question)
        if any(answers(s.text) for s in draft.sentences):
            return

        def states(text: str) -> bool:
            return all(c.met_by(text) for c in figures) and touches(text, question)

        found = _from_chunks(draft, lambda text, _chunk: states(text), limit=1)  # a second one tells another fact
        if found:
            _replace(draft, self.name, found, "does not state the figure", "a nearby sentence that states it")


class KeepToConstraints:
    """Remove a sentence whose cited passages do not state what the question fixes, or whose main statement
    names another year or ordinal where its passage states the one asked elsewhere
    (:meth:`~rag.question.Question.named_otherwise`).

    Why: the sentence may be supported, yet answer another question ("the 2021 champion" for "2019"); "1 in
    4 residents lived there in 2010" gives no share for 2014, though its passage cites "a 2014 study".
    """

    name = "constraints"

    def apply(self, draft: Draft) -> None:
        question = draft.question_asked
        if not question.constraints:
            return
        kept = []
        for sentence in draft.sentences:
            evidence = " ".join(draft.passage(n).evidence for n in sentence.cites)
            unmet = question.unmet(evidence)
            other = question.named_otherwise(sentence.text)
            if (unmet or other) and sentence.origin != "conflict":
                reason = "its passages do not state" if unmet else "it names another value than"
                names = ", ".join(repr(c.text) for c in unmet or other)
                draft.decide(self.name, "removed", f"{reason} {names}", sentence.text)
                continue
            kept.append(sentence)
        draft.sentences = kept


def gives_type(text: str, question: Question) -> bool:
    """Does ``text`` give an answer of the asked type that the question does not already hold, in what it
    says rather than in who says it (unless the question asks who said something, or someone's age, which
    news writes beside their name as a speaker: "Schiff, 56, told ...")?"""
    asked = question.text.lower()
    if not asks_speaker(question) and question.counted != "age":
        text = without_sources(text)
    doc = nlp.parse(text, ner=True)
    if of_another(doc, question) or held_by_another(doc, question):
        return False
    if question.answer_type == "number":
        if of_another_place(doc, question):  # "10% of Wisconsin" gives no share of Florida
            return False
        if question.counted == "duration":  # "half an hour" has no figure
            return counts(text, "duration")
        own = set(re.findall(r"\d+(?:\.\d+)?", question.text))
        figures = numbers(without_calendar(text, doc)) - own
        return bool(figures) and (question.counted is None or counts(text, question.counted))
    if question.answer_type == "date" and any(
        m.group().lower() not in asked and names_year(m.group(), question) for m in DATE_WORDS.finditer(text)
    ):
        return True
    if question.answer_type == "name":
        return question.named is not None and names(doc, question.named, asked)
    if typed_entities(doc, question):
        return True
    if question.answer_type == "person" and (does_asked(doc, question) or acted_on(doc, question)):
        return True
    if question.answer_type in ("person", "place"):  # a name the tagger knows but NER missed (written capitalised)
        titles = lexicons.words("name_titles")  # "Lt. Gen. Michael Flynn": a title is no name of its own
        missed = (t for t in doc if t.pos_ == "PROPN" and not t.ent_type_ and t.lower_.rstrip(".") not in titles)
        return any(t.text[:1].isupper() and t.lower_ not in asked for t in missed)
    return False


def does_asked(doc: Doc, question: Question) -> bool:
    """Is a name the subject of the question's verb or a synonym? "Russia initiated the talks" answers "Who
    started the talks between Russia and Ukraine?", though the question names Russia too. A title in
    quotation marks is no doer ("'Nomadland' took best director"), nor is a headline's capitalised noun of the
    kind asked ("Judge rejects ..." for "Which judge rejected ...?")."""
    for verb in asked_verbs(doc, question):
        doers = [c for c in verb.children if c.dep_ == "nsubj"]
        doers += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        named = [
            d for d in doers if (d.pos_ == "PROPN" or d.ent_type_ in question.labels) and not _of_kind(d, question)
        ]
        if any(not quoted(doc, min(t.i for t in d.subtree if t.dep_ == "compound" or t is d), d.i + 1) for d in named):
            return True
    return False


def _of_kind(noun: Token, question: Question) -> bool:
    """Is ``noun`` the kind a "which X" question asks for ("Judge" for "Which judge ...?"), not one of it?"""
    named = noun.ent_type_ == "PERSON"  # "Which Kardashian sister ...?": a Kardashian is one
    return question.kind_asked is not None and not named and question.kind_asked in (noun.lower_, noun.lemma_.lower())


def acted_on(doc: Doc, question: Question) -> bool:
    """For a question that asks whom its verb acts on ("Who does the EB-5 program let obtain citizenship?"),
    is a noun the question does not hold the object of the question's verb or a synonym, or the subject of
    the clause that verb lets happen ("The program allows foreign investors to gain citizenship")? People
    named by a common noun answer such a question as well as a name does; a thing does not ("allows fraud
    to flourish")."""
    if not _asks_object(question.text):
        return False
    asked = question.text.lower()
    for verb in asked_verbs(doc, question):
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += [g for c in verb.children if c.dep_ in ("ccomp", "xcomp") for g in c.children if g.dep_ == "nsubj"]
        if any(_names_people(o) and o.lower_ not in asked for o in objects):
            return True
    return False


def _names_people(noun: Token) -> bool:
    """Does ``noun`` name someone: a name (a proper noun, a person, group or body), or a common noun for
    people ("foreign investors"; ``people_nouns.txt``), not "the sale of visas" nor "fraud"?"""
    named = noun.pos_ == "PROPN" or noun.ent_type_ in ("PERSON", "NORP", "ORG", "GPE")
    return named or (noun.pos_ == "NOUN" and noun.lemma_.lower() in lexicons.words("people_nouns"))


@cache
def _asks_object(question: str) -> bool:
    """Is the question's "who"/"whom" the object of its verb ("Who did the police arrest?"), not its subject?"""
    return any(t.tag_ == "WP" and t.lower_ in ("who", "whom") and t.dep_ == "dobj" for t in nlp.parse(question))


def touches(text: str, question: Question) -> bool:
    """Does ``text`` share a content word with the question? A sentence of the chunk that gives a name or a date
    but shares nothing with the question ("1940), published by Fawcett Comics.") answers something else."""
    return bool(terms(text) & terms(question.text))


def names(doc: Doc, noun: str, asked: str) -> bool:
    """Does the parsed text give ``noun`` a name the question does not hold: "the Sudzha station", "the station,
    Sudzha", "a station called Sudzha", "Sudzha is the station"? A station mentioned without one does not."""
    wanted = word_key(noun)
    for token in doc:
        if token.pos_ != "NOUN" or not same_word(key(token), wanted):
            continue
        near = [*token.children, *(g for c in token.children if c.lower_ in ("called", "named") for g in c.children)]
        if token.head.lemma_ == "be" and token.dep_ in ("attr", "nsubj"):
            near += [c for c in token.head.children if c.dep_ in ("nsubj", "attr") and c != token]
        if any(t.pos_ == "PROPN" and t.lower_ not in asked for n in near for t in n.subtree if t != token):
            return True
    return False


def _so_many_in(text: str) -> bool:
    """Does ``text`` give a share as so many in so many ("1 in 4 residents", "1 in 2,000 births")? The part is
    the smaller: "killed 9 in 4 states" is none, nor "3 in 2010", a year."""
    for match in _SO_MANY_IN.finditer(normalize_numbers(text)):
        part, whole = int(match.group(1)), match.group(2)
        year = YEAR.fullmatch(whole) is not None and re.search(rf"\bin {whole}\b", text) is not None
        if 0 < part < int(whole) and not year:
            return True
    return False


@cache
def _duration_pattern() -> re.Pattern[str]:
    """A length of time: a figure, "a" or "half a" before a unit ("45 minutes", "an hour", "two-day"), or
    "since" a year."""
    units = "|".join(sorted(lexicons.words("time_units"), key=len, reverse=True))
    return re.compile(rf"(?i)\b(?:\d[\d.,]*|an?|half an?|several|a few)[\s-]+(?:{units})\b|\bsince (?:1[89]|20)\d\d\b")


def counts(text: str, noun: str) -> bool:
    """Does a figure in ``text`` count ``noun`` or a synonym ("over 1,000 servicemen" counts soldiers; "four
    combat units" does not)? A figure bound to no noun ("the total exceeds 1,000") may count anything. For
    ``noun`` "%" (a share), a percentage or a fraction; for "age", an age ("Scott, 69,", "the 69-year-old");
    for "money", a sum ("$2.7 million", "40 euros"), not a share ("a 51 percent plunge in the share price");
    for "duration", a length of time ("for 45 minutes", "half an hour", "since 2006"; ``time_units.txt``).
    People are counted by the lives taken or the victims as well (``people_counts.txt``)."""
    if noun == "%":
        return _SHARE.search(text) is not None or _so_many_in(text)
    if noun == "duration":
        return _duration_pattern().search(normalize_numbers(text)) is not None
    if noun == "age":
        return _AGE.search(text) is not None
    if noun == "money":
        return _MONEY.search(text) is not None or any(e.label_ == "MONEY" for e in nlp.parse(text, ner=True).ents)
    wanted = word_key(noun)
    people = same_word(wanted, word_key("people"))  # counted by the lives taken too ("129 lives")
    doc = nlp.parse(text, ner=True)
    for token in doc:
        if year_of_time(token) or token.pos_ == "ADJ":  # a year counts nothing; "the first lady" neither
            continue
        if _after_hyphen(doc, token):  # "one-on-one", "COVID-19": part of a word, no count
            continue
        if token.like_num or token.pos_ == "NUM":
            head = token
            while head.dep_ in ("nummod", "compound", "quantmod", "conj", "advmod") and head.head != head:
                head = head.head
                if head.pos_ in ("NOUN", "PROPN"):
                    break
            if head == token:  # partitive: "one of the sources" counts sources
                partitive = (c for p in token.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj")
                head = next(partitive, head)
            if head.pos_ not in ("NOUN", "PROPN") or same_word(key(head), wanted):
                return True
            if people and head.lemma_.lower() in lexicons.words("people_counts"):
                return True
    return False


def _after_hyphen(doc: Doc, token: Token) -> bool:
    """Is ``token`` joined by a hyphen to the word before it, with no space ("one" of "one-on-one")?"""
    if token.i < 2:
        return False
    hyphen = doc[token.i - 1]
    return hyphen.text == "-" and not hyphen.whitespace_ and not doc[token.i - 2].whitespace_


class RequireAnswerType:
    """A question that asks who, when, where or how many gets a sentence that names a person, date, place
    or figure; else the sentences of the passages' chunks that give one and share a word with the question;
    else a refusal.

    Why: a small model answers with a sentence about the topic that does not hold the asked fact.
    """

    name = "answer-type"

    def apply(self, draft: Draft) -> None:
        question = draft.question_asked
        if question.answer_type is None or not draft.sentences:
            return
        if any(gives_type(s.text, question) for s in draft.sentences if s.origin != "conflict"):
            return
        found = _from_chunks(draft, lambda text, _chunk: gives_type(text, question) and touches(text, question))
        kind = question.answer_type
        _replace(draft, self.name, found, f"gives no {kind}", f"a nearby sentence that gives a {kind}")


class KeepToRealised:
    """A question that asks about an event as done ("How many people signed up?", "Who won the 2019 Tour?")
    is not answered by a sentence that has that event only denied ("did not win"; "not released until May"
    was released) or under a mood of ``moods.txt``: wanted, planned, ordered, allowed, possible or expected
    ("Clinton wants to sign up 5 million people", "Pogacar is expected to win"); the sentence goes (the
    rules before it have looked for one that answers).

    Why: such a sentence holds the question's words and a value of the asked type, so the other rules take it
    for an answer; a careful reader does not ("wants to sign up" is not "signed up"). A question that asks
    about intentions ("What does Clinton want to do?") or whether ("Did ...?", answered by ``yes-no``) is
    left alone, and so is a bare "to"-clause ("rallied to win", "went on to win"), which the parse cannot
    tell from a purpose. Before generation, ``expected-event`` refuses "What did X <verb>?" on the same ground.
    """

    name = "realised"

    def apply(self, draft: Draft) -> None:
        question = draft.question_asked
        if question.answer_type == "number" and _asks_done(question):
            for sentence in list(draft.sentences):
                if sentence.origin != "conflict" and figures_only_as_goals(sentence.text):
                    draft.decide(self.name, "removed", "gives its figures only as a goal", sentence.text)
                    draft.sentences.remove(sentence)
        event = asked_event(question)
        if event is None:
            return
        # a date announced ahead ("will be released on March 20") answers when it happened
        moods = REALISED_MOODS | ({"future"} if question.kind == "when" else set())
        for sentence in list(draft.sentences):
            if sentence.origin != "conflict" and only_unrealised(sentence.text, event, moods):
                reason = f"has {question.predicate!r} only as denied, wanted, ordered, possible or expected"
                draft.decide(self.name, "removed", reason, sentence.text)
                draft.sentences.remove(sentence)


REALISED_MOODS = frozenset({"evidential"})  # "reportedly won" says who says so, not that it did not happen


def _asks_done(question: Question) -> bool:
    """Does the question ask about what happened ("How much did the drive end up bringing in?"), not about an
    aim or a plan ("How much does the drive hope to raise?")?"""
    clauses = read(question.text).clauses
    return question.kind != "yes_no" and bool(clauses) and not any(c.mood or c.negated for c in clauses)


def figures_only_as_goals(text: str) -> bool:
    """Are all the figures of ``text`` in a "to"-clause that says what a thing is for ("a Kickstarter campaign
    to raise $5,000", "a plan to cut 2,000 jobs"): a goal, not what came of it? Not the first, last or only one
    to do something ("the first player to score 50 goals" did)."""
    doc = nlp.parse(text)
    figures = [t for t in doc if t.like_num and not YEAR.fullmatch(t.text)]
    if not figures:
        return False

    def goal(token: Token) -> bool:
        for verb in [token, *token.ancestors]:
            infinitive = verb.dep_ in ("acl", "relcl") and any(c.tag_ == "TO" for c in verb.children)
            if infinitive and verb.head.pos_ == "NOUN":
                return not any(m.lower_ in _ONE_OF_A_KIND or m.tag_ == "JJS" for m in verb.head.children)
        return False

    return all(goal(figure) for figure in figures)


_ONE_OF_A_KIND = frozenset({"first", "last", "only", "next"})  # "the first player to score 50 goals" did


def asked_event(question: Question) -> str | None:
    """The key of the event a question asks about as done (its verb under no modal, intent or order), or None."""
    if question.kind == "yes_no" or question.predicate is None:
        return None
    verb = stemmer().stemWord(question.predicate.lower())
    for clause in read(question.text).clauses:
        if clause.key.split(" ")[0] == verb:
            return None if clause.mood or clause.negated else clause.key
    return None


def only_unrealised(text: str, event: str, realised: frozenset[str] | set[str] = REALISED_MOODS) -> bool:
    """Does ``text`` have ``event`` (a clause key) and only denied or under moods other than ``realised``? A
    bare "to"-clause of a verb ("rallied to win") counts as done."""
    clauses = [c for c in read(text).clauses if same_word(c.key, event)]

    def purpose(clause: Clause) -> bool:
        return clause.pred.dep_ == "advcl" and clause.mood <= {"intent", "hypothetical"}

    def denied(clause: Clause) -> bool:
        pred = clause.pred
        marks = [m for c in pred.children for m in (c, *(m for m in c.children if m.dep_ == "mark"))]
        until = any(m.lower_ == "until" for m in marks)  # "was not released until May" was released in May
        # "“Probably not,” Ms. Moore said": the parser hangs a quotation's "not" on the verb that reports it
        negs = [c for c in pred.children if c.dep_ == "neg"]
        quoted = bool(negs) and all(any(t.text in QUOTE_MARKS for t in pred.doc[n.i : pred.i]) for n in negs)
        return clause.negated and not until and not quoted

    return bool(clauses) and all((c.mood - realised or denied(c)) and not purpose(c) for c in clauses)


class RequireRelation:
    """A question that asks who or which thing stands in a relation ("Who won the 2019 U.S. Open?", "What film
    won the Oscar?") gets a sentence that states the relation (its verb, a verb of the same relation, "the
    winner") of the thing the question names; else the sentences of the passages' chunks that state it and
    give the type asked; else a refusal. Beside a sentence that states it, the others go. A "Who is the
    <role> of <holder>?" question gets a sentence that names the role with its holder (:func:`states_role`).

    Why: a person from the topic is no answer. Over passages that never say who won, a small model (or the
    passage sentence it drew on) answers with "Coco Gauff made her U.S. Open debut", and the State Teacher of
    the Year stands in for the National one.
    """

    name = "relation"

    def apply(self, draft: Draft) -> None:
        question = draft.question_asked
        role = answer_role(question)
        relation = asks_relation(question) and not asks_speaker(question)
        if not (relation or role) or not draft.sentences:
            return

        def states(text: str) -> bool:
            doc = nlp.parse(text)
            return states_role(doc, role) if role else states_relation(doc, question)

        asked = f"the role asked ({role.word!r})" if role else f"the relation asked ({question.predicate!r})"
        stating = [s for s in draft.sentences if s.origin == "conflict" or states(s.text)]
        if any(s.origin != "conflict" for s in stating):
            for sentence in draft.sentences:  # beside the answer, a person of the topic only misleads
                if sentence not in stating:
                    draft.decide(self.name, "removed", f"does not state {asked}", sentence.text)
            draft.sentences = stating
            return

        def answers(text: str, _chunk: str) -> bool:
            typed = question.answer_type is None or gives_type(text, question)
            return states(text) and typed and touches(text, question)

        found = _from_chunks(draft, answers)
        _replace(draft, self.name, found, f"does not state {asked}", f"a nearby sentence that states {asked}")


def _replace(draft: Draft, rule: str, found: list[DraftSentence], removed: str, extracted: str) -> None:
    """Put ``found`` in place of the draft's sentences, recording why each one went and each one came."""
    for sentence in draft.sentences:
        draft.decide(rule, "removed", removed, sentence.text)
    draft.sentences = found
    for sentence in found:
        draft.decide(rule, "extracted", extracted, sentence.text)


def _from_chunks(
    draft: Draft, gives: Callable[[str, str], bool], limit: int = EXTRACT_SENTENCES, credited: bool = False
) -> list[DraftSentence]:
    """Sentences of the passages' chunks that ``gives`` accepts (given the sentence and its chunk), best
    passage first (at most ``limit``), each once; when none does, those of the other chunks retrieved from the
    same articles, of the chunk after each and of the paragraph each opens in (:attr:`Draft.retrieved`).

    Why the other chunks: a passage is cut to the sentences nearest the question, which are often its restated
    topic ("Jill Stein was escorted off the premises ..."); the reason asked ("... because they were not
    credentialed media") may be a few sentences on, in a retrieved chunk whose sentences scored lower, or in
    the paragraph after ("... including George W. Bush" then "''This museum tells the truth,'' Mr. Bush
    declared").
    """
    answering = sorted(draft.answering_passages(), key=lambda p: -p.similarity)
    found = _found(draft, answering, gives, limit, credited)
    if found:
        return found
    cut = {p.node_id for p in draft.passages}
    similarity = {}  # an article's answering passages' best similarity, which its other chunks are listed by
    for passage in answering:
        similarity.setdefault(passage.doc_id, passage.similarity)
    siblings = [
        Passage.from_span(0, node, node.start_char_idx or 0, node.end_char_idx or 0, similarity[doc])
        for node in draft.retrieved
        if node.node_id not in cut and (doc := node.ref_doc_id or node.node_id.split("#")[0]) in similarity
    ]
    chunks = sorted(draft.answering_passages(siblings), key=lambda p: -p.similarity)
    return _found(draft, chunks, gives, limit, credited)


def _found(
    draft: Draft, chunks: list[Passage], gives: Callable[[str, str], bool], limit: int, credited: bool = False
) -> list[DraftSentence]:
    """The sentences of the ``chunks`` around each passage that ``gives`` accepts (read with their quotation's
    speaker where ``credited``), each once; none about another year or ordinal than the one asked."""
    found: list[DraftSentence] = []
    seen: set[tuple[str, int]] = set()  # a sentence two passages' chunks share is found once
    question = draft.question_asked
    for passage in chunks:
        for sentence in passage.chunk_sentences():
            if len(found) >= limit or (passage.doc_id, sentence.start) in seen or is_instruction(sentence.text):
                continue
            if question.named_otherwise(sentence.text):
                continue
            read = _credited(passage, sentence) if credited else sentence.text
            if not gives(read, passage.stated_text) or not reads_as_sentence(sentence.text):
                continue
            seen.add((passage.doc_id, sentence.start))
            number = _citing(draft, passage, sentence)
            found.append(DraftSentence(clean_sentence(sentence.text), [number], "extracted", [sentence]))
    return found


def _credited(passage: Passage, sentence: Sentence, text: str | None = None) -> str:
    """``text`` (by default ``sentence``'s own) after the attribution its chunk's frames give ``sentence``
    where the sentence alone does not name the speaker in full: a later sentence of a quotation ("According to
    Rep. Ada Roe, “The plan is a fraud." after "“This is a sad day,” said Rep. Ada Roe."), one whose "she
    said" the chunk resolves to a name, or one whose speaker it names by surname ("Ms. Moore said") and the
    article in full ("Minyon Moore")."""
    text = sentence.text if text is None else text
    resolved = [f for f in passage.chunk_frames_for(sentence) if (f.inherited and not f.via) or f.named]
    if not resolved:
        return text
    name = resolved[0].named or re.split(r",|\s\(", resolved[0].source, maxsplit=1)[0]  # "Rep. Ada Roe (D-Ohio), ..."
    return f"According to {name}, {text}"


def _read(draft: Draft, sentence: DraftSentence) -> str:
    """A draft sentence read with the speaker its article gives the passage sentence it was drawn from (see
    :func:`_credited`)."""
    if not sentence.sources:
        return sentence.text
    source = sentence.sources[0]
    for passage in (draft.passage(number) for number in sentence.cites):
        start = source.start - passage.chunk_start
        if start >= 0 and passage.chunk_text[start : start + len(source.text)] == source.text:  # its own frames
            return _credited(passage, source, sentence.text)
    return sentence.text


def _citing(draft: Draft, passage: Passage, sentence: Sentence) -> int:
    """The number of a passage of the article that holds ``sentence``, or of its chunk widened to it."""
    for other in draft.passages:
        if other.doc_id == passage.doc_id and other.start <= sentence.start and sentence.end <= other.end:
            return other.number
    return draft.widen(passage, sentence.start, sentence.end)
