"""Rule ``conflicts``: where two retrieved articles disagree on the point, both sides are shown and listed.

Two kinds of disagreement are found: two articles that give different values for what the question asks
(a person, date, place or figure: see :mod:`rag.policy.answers`), and two articles that report the same
event and figure with different actors ("Ukraine identified at least 62 ..." against "Russia's Main
Intelligence Directorate identified at least 62 ...").
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from rag import lexicons, nlp
from rag.attribution import detect
from rag.claims import demonyms
from rag.lexical import YEAR, mentions, normalize_numbers, numbers, stemmer, terms
from rag.passages import Passage
from rag.policy.answers import Value, same_value, values
from rag.policy.asked import DATE_WORDS
from rag.policy.attribution import attribute, without_conjunction
from rag.policy.draft import Draft, DraftSentence, clean_sentence
from rag.question import Question
from rag.sentences import ELISION, Sentence, subordinate_clause

STATED_MIN_SHARED = 2  # the answer states a disputed figure when a sentence has it and this many of its words
ASKED_MIN_SHARED = 3  # the question asks about a dispute when it shares this many of its words
SAME_ACCOUNT = 0.6  # two sentences with this share of their words in common, values aside, tell one fact
UNTYPED_SKIPPED = frozenset({"why", "yes_no"})  # open questions whose answer is no single value
_OPENING = "The articles disagree:"

# "<Agent> (has) <verb>ed ... <number> ...": who did what, with which figure.
_CONFLICT_CLAIM = re.compile(
    r"(?P<agent>(?:(?:The|the|of)\s+)?[A-Z][\w’'-]*(?:\s+(?:of|the|[A-Z][\w’'-]*))*)\s+"
    r"(?:(?:has|have|had|also|reportedly|allegedly|already)\s+)*(?P<verb>[a-z]+ed)\b"
    r"(?P<rest>[^.;:]{0,60}?)\b(?P<number>\d[\d,]*)(?P<tail>(?:\s+[\w’'-]+){0,3})"
)


class FlagConflicts:
    """List each point on which two articles disagree, and add a sentence that names both sides.

    Why: contested news is the product's subject; picking one side silently would hide the dispute. A
    disagreement on the asked value replaces the sentences that state one side as fact; one on an event's
    actor counts when the answer states the disputed figure or the question asks about it.
    """

    name = "conflicts"

    def apply(self, draft: Draft) -> None:
        if not draft.sentences:
            return
        disputed = value_conflict(draft.question_asked, draft.answering_passages())
        if disputed is not None:
            a, b = disputed
            about = _about(draft.question)
            draft.conflicts.append((about, [a.passage.number, b.passage.number]))
            draft.decide(self.name, "flagged", f"[{a.passage.number}] says {a.text!r}, [{b.passage.number}] {b.text!r}")
            one_side = [s for s in draft.sentences if _states(s.text, a.text) or _states(s.text, b.text)]
            for sentence in one_side:
                draft.decide(self.name, "removed", "states one side of the disagreement as the answer", sentence.text)
            sides = _conflict_sentences([(a.passage, a.sentence), (b.passage, b.sentence)], draft.lowercase_ok)
            draft.sentences = [*sides, *(s for s in draft.sentences if s not in one_side)]
            for sentence in sides:
                draft.decide(self.name, "added", "one side, with its source", sentence.text)
        for about, a, sa, b, sb in find_conflicts(draft.passages):
            if any({a.number, b.number} == set(numbers_) for _, numbers_ in draft.conflicts):
                continue  # already flagged as a disagreement on the asked value
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
                stated = {(s.start, s.end) for d in draft.sentences for s in d.sources}
                missing = [(p, s) for p, s in ((a, sa), (b, sb)) if (s.start, s.end) not in stated]
                opened = any(s.text.startswith(_OPENING) for s in draft.sentences)
                for sentence in _conflict_sentences(missing, draft.lowercase_ok, opening=not opened):
                    draft.sentences.append(sentence)
                    draft.decide(self.name, "added", "the answer cites one side only", sentence.text)


def value_conflict(question: Question, passages: list[Passage]) -> tuple[Value, Value] | None:
    """Two values for the asked slot from different articles, never given together by one article, or None.

    Two sentences that say the same thing but for the value (``SAME_ACCOUNT`` of their other words) are two
    accounts of one fact, the clearest disagreement: such a pair comes first. Other pairs count only between
    articles that share no value (:func:`_agree`). Then the pair given by the
    most articles, then the pair given most fully ("May 29, 2020" against "May 9, 2012", not a cut-off
    "May 29" against "May 9"), then the likelier pair: "Tampa" against "Glendale" in "The game was played at
    Raymond James Stadium in ...", not the stadium against "Chicago", where the move was voted.
    """
    typed = question.answer_type is not None
    if not typed and question.kind in UNTYPED_SKIPPED:
        return None
    found = values(question if typed else replace(question, answer_type="any"), passages)
    groups: list[list[Value]] = []
    for value in found:
        group = next((g for g in groups if same_value(g[0].key, value.key)), None)
        (group.append(value) if group is not None else groups.append([value]))
    best: tuple[tuple[bool, int, int, float], Value, Value] | None = None
    for i, first in enumerate(groups):
        for second in groups[i + 1 :]:
            docs_a, docs_b = {v.passage.doc_id for v in first}, {v.passage.doc_id for v in second}
            if docs_a & docs_b or _together(first, second) or _together(second, first):
                continue
            pairs = [
                (a, b)
                for a in first
                for b in second
                if (_rank(a, b)[0] or not _agree(a, b, groups))
                and (typed or _one_change(a, b, found))
                and not _other_times(a, b, question)
                and not _other_targets(a, b, question)
            ]
            if not pairs:
                continue
            a, b = max(pairs, key=lambda pair: _rank(*pair))
            same_account, fullness, likeness = _rank(a, b)
            weight = (same_account, len(docs_a) + len(docs_b), fullness, likeness)
            if best is None or weight > best[0]:
                best = (weight, a, b)
    return best[1:] if best else None


def _other_times(a: Value, b: Value, question: Question) -> bool:
    """Do the two values' sentences date them to different years, for a question that does not ask when?

    Why: "Marvin Davis bought the studio in 1981" and "Disney bought the studio in 2019" tell two sales, not
    two accounts of one.
    """
    if question.answer_type == "date":
        return False
    years_a, years_b = set(YEAR.findall(a.sentence.text)), set(YEAR.findall(b.sentence.text))
    return bool(years_a and years_b) and not years_a & years_b


def _other_targets(a: Value, b: Value, question: Question) -> bool:
    """Does one date's verb go to a platform, place or market ("coming to PC on January 14, 2022") that the
    other's sentence and the question do not name?

    Why: "God of War is launching on 20th April 2018" and "God of War (2018) will be coming to PC on January
    14, 2022" date two releases, not one release two ways.
    """
    if question.answer_type != "date":
        return False
    asked = terms(question.text)
    return bool(_targets(a) - terms(b.sentence.text) - asked or _targets(b) - terms(a.sentence.text) - asked)


def _targets(value: Value) -> set[str]:
    """The names a date's verb goes to, is in or is for ("PC" in "coming to PC on January 14, 2022")."""
    doc = nlp.parse(value.sentence.text, ner=True)
    start = value.sentence.text.find(value.text)
    dated = [t for t in doc if start <= t.idx < start + len(value.text)] if start >= 0 else []
    verb = next((v for t in dated[:1] for v in t.ancestors if v.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return set()
    places = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPOSITIONS for g in c.subtree]
    own = {t.i for t in dated}  # the date itself, whether the tagger knows it or not
    names = [
        t
        for t in places
        if t.text[:1].isupper()
        and t.i not in own
        and t.ent_type_ not in ("DATE", "TIME")
        and not DATE_WORDS.match(t.text)
    ]
    return terms(" ".join(t.text for t in names))


_TARGET_PREPOSITIONS = frozenset({"to", "on", "for", "in"})  # "coming to PC", "released in Japan", "for PS4"


def _one_change(a: Value, b: Value, found: list[Value]) -> bool:
    """Are the sentences of ``a`` and ``b`` one account with only this value changed: the same words but for
    it, and every other value the same?

    Why: an open question ("What is the women's year-end No. 1 in 2020?") does not say which type of value
    it asks for, so only the clearest disagreement counts there: "Kerber finishes the year as No. 1" against
    "Barty finishes the year as No. 1". Two sentences that differ in a year as well tell two facts.
    """

    def others(value: Value) -> set[str]:
        return {
            v.key
            for v in found
            if v.passage.doc_id == value.passage.doc_id and v.sentence.start == value.sentence.start
        } - {value.key}

    return _rank(a, b)[0] and others(a) == others(b)


def _rank(a: Value, b: Value) -> tuple[bool, int, float]:
    """How clearly two values make a disagreement: one account of a fact, the values' length, the likeness."""
    likeness = _likeness(a, b)
    return likeness >= SAME_ACCOUNT, len(a.text) + len(b.text), likeness


def _likeness(a: Value, b: Value) -> float:
    """The share of words two value sentences have in common, the values left out."""
    words_a = terms(a.sentence.text) - terms(a.text)
    words_b = terms(b.sentence.text) - terms(b.text)
    return len(words_a & words_b) / max(len(words_a | words_b), 1)


def _agree(a: Value, b: Value, groups: list[list[Value]]) -> bool:
    """Do the articles of ``a`` and ``b`` give one same value besides? Then, unless they tell one account
    with the value changed, ``a`` and ``b`` fill two slots (where a game is moved from and where it is
    played), not one slot two ways."""
    docs = {a.passage.doc_id, b.passage.doc_id}
    return any(docs <= {v.passage.doc_id for v in group} for group in groups)


def _together(group: list[Value], other: list[Value]) -> bool:
    """Does an article that gives one value also name the other (so they are not rival answers)?"""
    return any(_states(v.passage.chunk_text, w.text) for v in group for w in other)


def _states(text: str, value: str) -> bool:
    """Does ``text`` state ``value``: a figure without its bound ("1,000" states "over 1000"), anything else
    whole ("2021" does not state "March 2, 2021")?"""
    if re.search(r"\d", value):
        text, value = normalize_numbers(text), normalize_numbers(value)
        bound, _, figure = value.rpartition(" ")
        if bound.lower() in lexicons.kinds("quantifiers"):
            value = figure
    return re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", text, re.IGNORECASE) is not None


def _about(question: str) -> str:
    """What a question asks, as a phrase: "Who won the 2021 US Open?" -> "who won the 2021 US Open"."""
    text = question.strip().rstrip("?").strip()
    return text[0].lower() + text[1:] if text[:1].isupper() and not text.split(" ", 1)[0].isupper() else text


def find_conflicts(passages: list[Passage]) -> list[tuple[str, Passage, Sentence, Passage, Sentence]]:
    """Pairs of sentences from different articles that report the same event and figure with different actors."""
    claims = []
    for passage in passages:
        for sentence in passage.sentences():
            for match in _CONFLICT_CLAIM.finditer(normalize_numbers(sentence.text)):
                if _described(match.group("agent")):
                    continue
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


def _described(agent: str) -> bool:
    """Is the agent a person described by where they are from ("the Russian defeated him"), someone the
    article named before, not a rival actor?"""
    article, _, word = agent.partition(" ")
    return article.lower() == "the" and word.lower() in _people_words()


@cache
def _people_words() -> frozenset[str]:
    """The words for a place's people (``demonyms``, without the place itself)."""
    return frozenset(word for word, place in demonyms().items() if word != place)


def _conflict_sentences(
    sides: list[tuple[Passage, Sentence]], lowercase_ok, opening: bool = True
) -> list[DraftSentence]:
    """ "The articles disagree: <side a> [a]. <Side b> [b]." Each side is its own sentence, with its source;
    without ``opening`` where the answer already says that the articles disagree.

    One sentence per side keeps each article's words whole: joining two accounts of one subject into one
    sentence repeats its names, and the question is not fitted into the sentence (the point disputed is listed
    with the conflict).
    """

    def side(passage: Passage, sentence: Sentence) -> str:
        claim = clean_sentence(sentence.text).rstrip(".")
        draft = DraftSentence(claim, [passage.number], "conflict", [sentence])
        attributed = attribute(draft, [passage], lowercase_ok)
        if attributed.attributed:
            return attributed.text
        # a report names its speaker; the outlet that carries it is named too, unless the report names it
        if detect(claim) and (not passage.outlet or mentions(claim, passage.outlet)):
            return attributed.text
        own = without_conjunction(claim)  # an attribution the frames missed stays the claim's
        own = own[0].lower() + own[1:] if lowercase_ok(own) else own  # the article's voice: name it
        return f"According to {_voice(passage)}, {own}"

    rendered = []
    for passage, sentence in sides:
        text = side(passage, sentence)
        if opening and not rendered:
            lower = text.startswith("According") or lowercase_ok(text)
            text = f"{_OPENING} " + (text[0].lower() + text[1:] if lower else text)
        rendered.append(DraftSentence(text[0].upper() + text[1:], [passage.number], "conflict", [sentence]))
    return rendered


def _voice(passage: Passage) -> str:
    """How to name an article as a source: its outlet, else its title in quotes when it reads as one phrase
    (not a snippet's fragments, "The 93rd Academy Awards | 2021 ... Oscars Performance | H.E.R.", nor the
    clause a snippet opens with, "Just two days after ... hit theaters"), else "one article"."""
    if passage.outlet:
        return passage.outlet
    title = passage.title
    phrase = title and not ELISION.search(title) and not re.search(r"[|\"“”]", title) and not subordinate_clause(title)
    return f"“{title}”" if phrase else "one article"
