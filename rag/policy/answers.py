"""The values the passages give for what a question asks: who, when, where, how many.

A passage sentence gives a value when it is about the question (it holds the question's main verb, or most
of its words, and states every fact the question fixes) and names an entity of the asked type that the
question does not already hold: "Emma Raducanu" for "Who won the 2021 US Open?". Two articles that give
different values for the same question disagree (:mod:`rag.policy.conflicts`). A figure keeps its bound:
"at least 62" and "over 1,000" can both be true, "62" and "1,000" cannot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache

from spacy.tokens import Doc, Span, Token

from rag import lexicons, nlp
from rag.claims import key, partitive, same_word, word_key
from rag.lexical import MONTHS, YEAR, dated, headline_facts, normalize_numbers, terms
from rag.passages import Passage
from rag.policy.draft import reads_as_sentence
from rag.question import PLACE_LIKE, Constraint, Question, name_key
from rag.sentences import Sentence, is_field_date

# A date entity that names a point in time, not a stretch of it ("a few years", "two decades").
_POINT_IN_TIME = re.compile(
    r"(?i)\d|\b(?:last|next|this|ago|earlier|later|early|late|mid|since|yesterday|today|tomorrow|"
    r"spring|summer|autumn|fall|winter)\b"
)
_YEAR_WORD = re.compile(r"(?i)\byears?\b|\b(?:1[5-9]|20)\d0s\b|'\d\d\b")  # "last year", "the 1990s", "in '99"
QUOTE_MARKS = frozenset({"'", '"', "“", "”", "‘", "’"})
ABOUT_SHARE = 0.5  # a sentence without the question's verb is about it when it holds this share of its words
APPROXIMATE = 0.1  # "about 100" spans 90..110; "nearly 100" spans 90..100
SPELLING = 0.9  # two names without figures this alike (difflib ratio) are one name spelled two ways
_QUESTION_WORDS = re.compile(r"(?i)\b(?:who|whom|whose|what|which|when|where|why|how|many|much)\b")
_MONTHS = {m[:3].lower(): i for i, m in enumerate(MONTHS, start=1)}
# "April 29, 2015", "29 April 2015", "Apr. 29 2015", "May 2012": day (either side), month, year.
_DATE_PARTS = re.compile(
    r"(?i)\b(?:(\d{1,2})\s+)?([a-z]{3})[a-z]*\.?\s+(?:(\d{1,2})(?:st|nd|rd|th)?,?\s+)?((?:1[5-9]|20)\d\d)\b"
)
# "May 29", "29 May", "Sept. 3": a day of a month, the year left out.
_DAY_OF_MONTH = re.compile(
    r"(?i)\b(?:(\d{1,2})\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"(?:tember|ruary|uary|ember|ober|ust|ch|il|e|y|t)?(?![a-z])\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?\b)?"
)


@dataclass(frozen=True)
class Value:
    """A value a passage sentence gives for the asked slot: ``text`` as written, ``key`` to compare by."""

    text: str
    key: str
    passage: Passage
    sentence: Sentence


def about(sentence: str, question: Question, context: str = "", headline: str = "") -> bool:
    """Is ``sentence`` about what ``question`` asks (its verb, a verb of the same relation, the relation told
    otherwise (:func:`states_relation`), or most of its words), with every fact the question fixes?
    ``context``, the sentence's passage, may state a fixed fact for a sentence that points back to it, and
    ``headline``, its article's, for any sentence of the article (see :func:`_stated_around`)."""
    if question.unmet(sentence) and not _stated_around(sentence, question, context, headline):
        return False
    if question.predicate:
        doc = nlp.parse(sentence)
        wanted = word_key(question.predicate)
        verbs = any(same_word(key(t), wanted, "predicate_synonyms") for t in doc)
        # "The 2020 British Open was canceled, so the reigning champion remains ...": the relation, told otherwise
        verbs = verbs or (asks_relation(question) and states_relation(doc, question))
        return verbs and not of_another(doc, question)
    asked = terms(_QUESTION_WORDS.sub(" ", question.text))
    if not asked or len(asked & terms(sentence)) < ABOUT_SHARE * len(asked):
        return False
    return _asked_role(question) is None or not held_by_another(nlp.parse(sentence), question)


def _stated_around(sentence: str, question: Question, context: str, headline: str = "") -> bool:
    """Does the article state the fixed facts the sentence leaves out, and the sentence name no other year
    or ordinal of its own? The headline states them for every sentence of its article ("Joaquin Phoenix wins
    Best Actor" under "The 92nd Academy Awards | 2020"); the passage, for a sentence whose subject points back
    to them ("It was announced on August 17, 2021" after "Pixel 5a"), or that names with "the" the thing the
    passage names with them ("Senate Democrats blocked the bill because ..." after "a $1.1 billion Zika
    funding bill crafted by the House").

    Why: articles name the event once, in the headline or the first sentence, and go on with "it" or "the
    bill"; a sentence naming a year, ordinal or division of its own is about that one, whatever is said
    around it.
    """
    missing = question.unmet(sentence)
    if any(constraint.names_another(sentence) for constraint in missing):
        return False
    if headline and not question.unmet(f"{headline_facts(headline)} {sentence}"):
        return True
    if not context or question.unmet(context):
        return False
    return pronoun_subject(sentence) or _names_again(sentence, context, missing)


_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_OWN_PHRASE = ("relcl", "appos", "conj", "cc", "advcl")  # what tells more of a noun, not what it is
_NAMING = ("compound", "amod", "nmod", "nummod", "poss")  # the words that say which thing a noun is


def _names_again(sentence: str, context: str, facts: list[Constraint]) -> bool:
    """Does ``sentence`` name with a definite article ("the bill") a thing that ``context`` names with all
    the ``facts`` in its own phrase ("a $1.1 billion Zika funding bill crafted by the House"; not "the council,
    which backed a $2 million plan"), and with every word the sentence names it by ("the ferry plan" is no
    "$2 million harbour plan")?"""
    phrases = _phrases_with(context, tuple(facts))
    for token in nlp.parse(sentence):
        if token.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children):
            continue
        naming = {key(c) for c in token.children if c.dep_ in _NAMING}
        if any(head == key(token) and naming <= words for head, words in phrases):
            return True
    return False


@lru_cache(maxsize=256)
def _phrases_with(context: str, facts: tuple[Constraint, ...]) -> list[tuple[str, frozenset[str]]]:
    """The common nouns of ``context`` whose own phrase states all ``facts``: each noun's key and the keys of
    its phrase's words (parsed once for the sentences of a chunk)."""
    phrases = []
    for token in nlp.parse(context):
        if token.pos_ != "NOUN":
            continue
        skip = {t.i for c in token.children if c.dep_ in _OWN_PHRASE for t in c.subtree}
        own = [t for t in token.subtree if t.i not in skip]
        if all(f.met_by(" ".join(t.text for t in own)) for f in facts):
            phrases.append((key(token), frozenset(key(t) for t in own)))
    return phrases


def pronoun_subject(sentence: str) -> bool:
    """Is the subject of the sentence's main verb a personal pronoun ("it", "she", "they")?"""
    root = next((t for t in nlp.parse(sentence) if t.dep_ == "ROOT"), None)
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")] if root is not None else []
    return any(s.tag_ == "PRP" for s in subjects)


def of_another(doc: Doc, question: Question) -> bool:
    """Does the parsed sentence give the asked verb to another thing than the question's ("A second soundtrack
    album ... was released on 2 August 2023" for "When was Xenoblade Chronicles 2 released?")? Then its date or
    place is that thing's. Without the asked verb, the verbs its dates or places belong to are read instead
    (``doc`` parsed with NER), and count only when they act on another thing with a name ("The Pixel 6a
    released in Summer 2022") or, when the question asks about a common noun, on another noun ("Workers
    repaired the road on May 3" for "When was the bridge closed?"). Only when and where questions: a who
    answer often names its object anew ("won her first Grand Slam" for "won the US Open"). A pronoun or a
    bare definite ("the game") may be the thing
    asked.
    """
    if question.kind not in ("when", "where") or not question.theme or question.predicate is None:
        return False
    if is_field_date(doc.text):  # "Release date: December 1, 2017": a page's field, of the page's own thing
        return False
    verbs = asked_verbs(doc, question)
    if not verbs:  # weaker evidence: the verb a date belongs to acts on another thing
        themes = [theme for verb in _carriers(doc, question) for theme in _themes(verb)]
        parts = (t for theme in themes for t in (theme, *theme.children, *_name_parts(theme)))
        named = any(t.pos_ == "PROPN" and t.dep_ != "det" for t in parts)
        if question.theme_noun is None:
            return named and all(_other(theme, question) for theme in themes)
        return bool(themes) and all(_other(theme, question) or _renamed(theme, question) for theme in themes)
    themes = [theme for verb in verbs for theme in _themes(verb)]
    return bool(themes) and all(_other(theme, question) for theme in themes)


def of_another_place(doc: Doc, question: Question) -> bool:
    """Does the parsed sentence (``doc`` with NER) give its figures for other places than the one the question
    fixes ("Nearly 10% of the populations of Wisconsin and Michigan ..." for "What share of Florida's population
    ...?")? Only when a figure is bound to a place (:func:`_figure_places`) and none is bound to the asked
    one: "investment in the nation of 53 million people" binds no place to its figure, so it may be the one
    asked ("U.S." describes the investment); "In Pennsylvania the share exceeds 7%; ... it approaches 9%"
    gives both figures for Pennsylvania."""
    asked = _asked_places(question.text)
    if not asked:
        return False
    bound = [places for _, places in _figure_places(doc) if places]
    if not bound:
        return False
    return not any(Constraint("name", place).met_by(p.text) for places in bound for p in places for place in asked)


def _figure_places(doc: Doc) -> list[tuple[Token, list[Span]]]:
    """Each figure of the sentence with the places bound to it: a place in the phrase the figure heads
    ("10% of the populations of Wisconsin"), the subject a figure is said of or had by ("Florida is nearly 3%
    ...", "Florida has 21 million residents"), or a place that sets the scene of the figure's verb ("In
    Pennsylvania the share exceeds 7%")."""
    places = [e for e in doc.ents if e.label_ in PLACE_LIKE]
    found = []
    for token in doc:
        if not token.like_num:
            continue
        head = token
        while head.dep_ in ("nummod", "compound", "quantmod") and head.head != head:
            head = head.head
        verb = head.head
        bound = [
            p
            for p in places
            if p.root in head.subtree
            or (head.dep_ in ("attr", "acomp", "dobj") and p.root.dep_ == "nsubj" and p.root.head == verb)
            or (p.root.dep_ == "pobj" and p.root.head.lower_ == "in" and p.root.head.head == verb)
        ]
        found.append((token, bound))
    return found


@cache
def _asked_places(question: str) -> tuple[str, ...]:
    """The places a question names ("Florida" in "What share of Florida's population ...?")."""
    return tuple(e.text for e in nlp.parse(question, ner=True).ents if e.label_ in PLACE_LIKE)


def another_version(doc: Doc, question: Question) -> bool:
    """Does the parsed sentence name a name the question fixes with a modifier that makes it another one, which
    the question lacks ("the young Diana Prince" for "Who plays Diana Prince?"; ``version_modifiers.txt``)?
    Then who plays, wins or holds it is no answer."""
    asked = {w.lower() for w in re.findall(r"[\w-]+", question.text)}
    named = {w.lower() for c in question.fixed("name", "group") for w in c.text.split()}
    essential = lexicons.words("version_modifiers")
    return any(
        t.lower_ in named and c.dep_ == "amod" and c.lemma_.lower() in essential and c.lower_ not in asked
        for t in doc
        for c in t.children
    )


def held_by_another(doc: Doc, question: Question) -> bool:
    """Does the parsed sentence give the role a who question asks about to another holder ("the CEO of The
    LEGO Foundation" for "Who is the CEO of Lego?")? Only when every mention of the role names its holder:
    "Mr Christiansen, the chief executive, said" may well be Lego's.

    Why: news names the same role in many organisations; a name that merely starts another's ("LEGO
    Foundation", "Nintendo of America") is another organisation, but for a legal-form word ("the LEGO Group").
    A role named with a noun the question lacks ("Bohemian Rhapsody video director") is another role, so is
    one held over a kind of thing ("a director of music videos"), and one its subject leaves ("Bogle announced
    that he was stepping down as CEO") is no longer theirs.
    """
    role = _asked_role(question)
    if role is None:
        return False
    noun, holder = role
    mentions = [t for t in doc if t.pos_ in ("NOUN", "PROPN") and same_word(key(t), noun)]
    asked = terms(question.text)
    # "the video director" holds another role than the director asked about; "stepping down as CEO" leaves it
    own = [
        t
        for t in mentions
        if not any(c.dep_ == "compound" and c.pos_ == "NOUN" and key(c) not in asked for c in t.children)
        and not _left(t)
    ]
    if mentions and not own:
        return True
    if own and all(_of_a_kind(t) for t in own):  # "a director of music videos" directs no film of its own
        return True
    holders = [_holder(t) for t in own]
    if not holders or None in holders:
        return False
    named = [terms(" ".join(t.text for t in h)) for h in holders if h]
    # "New Vanguard CEO Tim Buckley" for "Who is the new CEO of Vanguard?": the question's own words count
    return not any(holder <= words and not words - holder - _legal_forms() - asked for words in named)


def _left(role: Token) -> bool:
    """Is the role the one a verb of leaving gives up ("stepping down as CEO", "resigned as director")?"""
    verb = role.head.head if role.dep_ == "pobj" and role.head.lower_ == "as" else None
    if verb is None or verb.pos_ != "VERB":
        return False
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    lemma = verb.lemma_.lower()
    leaving = lexicons.words("leave_verbs")
    return lemma in leaving or any(f"{lemma}_{p}" in leaving for p in particles)


def _asked_role(question: Question) -> tuple[str, frozenset[str]] | None:
    return _role(question.text) if question.answer_type == "person" else None


@cache
def _legal_forms() -> frozenset[str]:
    return frozenset(terms(" ".join(lexicons.words("org_suffixes"))))


@cache
def _role(question: str) -> tuple[str, frozenset[str]] | None:
    """The role a question asks the holder of, and the holder's words: ("ceo", {"lego"}) for "Who is the CEO
    of Lego?"; None when it names no role of a named holder."""
    for token in nlp.parse(question):
        # the tagger may take an acronym role for a name: "the new CEO of Vanguard"
        acronym = token.pos_ == "PROPN" and token.text.isupper() and any(c.dep_ == "det" for c in token.children)
        role = token.pos_ == "NOUN" or acronym
        holder = _holder(token) if role else None
        if holder and any(t.pos_ == "PROPN" for t in holder):
            return key(token), frozenset(terms(" ".join(t.text for t in holder)))
    return None


_HOLDER_PREPOSITIONS = frozenset({"of", "at", "for", "in"})  # "the CEO of Lego", "the lead actress in Tidewater"


def _holder(noun: Token) -> list[Token] | None:
    """The name of whose role ``noun`` is: "Lego" in "the CEO of Lego", "Lego's CEO" and "the Lego CEO"; a
    work in "the lead actress in Tidewater"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in _HOLDER_PREPOSITIONS:
            name = next((g for g in child.children if g.dep_ == "pobj"), None)
            if name is not None and name.pos_ == "PROPN":
                return [t for t in name.subtree if t.pos_ in ("PROPN", "NOUN", "NUM")]
        if child.dep_ == "poss" and child.pos_ == "PROPN":
            return [t for t in child.subtree if t.pos_ in ("PROPN", "NOUN", "NUM")]
    compounds = [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return [t for c in compounds for t in c.subtree] or None


def _of_a_kind(role: Token) -> bool:
    """Is the role an occupation held over a kind of thing: "a director of music videos" (an indefinite role
    over a plural without a determiner), not "the director of the film" nor "minister of foreign affairs Dmytro
    Kuleba"?"""
    if not any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in role.children):
        return False
    held = [g for c in role.children if c.dep_ == "prep" and c.lower_ in _HOLDER_PREPOSITIONS for g in c.children]
    return any(g.dep_ == "pobj" and g.tag_ == "NNS" and not any(d.dep_ == "det" for d in g.children) for g in held)


def _people_of_a_kind(role: Token) -> bool:
    """Is a role's noun a plural without a determiner, which names people of a kind ("a program to develop
    young political leaders in Burma"), not the holder of the role? (A root is a verb the tagger missed:
    "Ana Lind stars in ...".)"""
    plural = role.tag_ in ("NNS", "NNPS") and role.dep_ != "ROOT"
    return plural and not any(c.dep_ in ("det", "poss") for c in role.children)


def _which_one(noun: Token) -> list[Token] | None:
    """For a role of a common noun, the capitalised words that say which one: "Ukrainian" in "the commander of
    the Ukrainian army" (the army itself may be "the armed forces")."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in _HOLDER_PREPOSITIONS:
            held = next((g for g in child.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
            modifiers = [c for c in held.children if c.dep_ in ("amod", "compound")] if held is not None else []
            named = [c for c in modifiers if c.text[:1].isupper()]
            if named:
                return [t for c in named for t in c.subtree]
    return None


def _carriers(doc: Doc, question: Question) -> list[Token]:
    """The verbs that the sentence's dates or places (the asked type; ``doc`` parsed with NER) belong to:
    in "The Pixel 6a released in Summer 2022", "released". Without the asked verb, these say whose date it is."""
    return [v for v in (_governor(e) for e in doc.ents if e.label_ in question.labels) if v is not None]


def _governor(span: Span) -> Token | None:
    """The nearest verb above a value ("released" above "in Summer 2022")."""
    return next((t for t in span.root.ancestors if t.pos_ == "VERB"), None)


def _themes(verb: Token) -> list[Token]:
    """What a verb acts on: its passive subject or object, the noun a participle or a relative clause without
    its own object describes ("the game released in 2017", "an event Obama organized in 2010"), else its
    subject."""
    found = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
    # "Harrods, where the Nimbus 5 debuted": a place or time of the clause, not what it acts on
    adverbial = any(
        c.tag_ == "WRB" or (c.dep_ == "prep" and any(g.tag_ == "WDT" for g in c.children)) for c in verb.children
    )
    if not found and verb.dep_ in ("acl", "relcl") and not adverbial:
        found = [verb.head]
    return found or [c for c in verb.children if c.dep_ == "nsubj"]


def _renamed(noun: Token, question: Question) -> bool:
    """Is ``noun`` a common noun other than the one the question asks about ("the photos" against "the
    region")? Read only without the asked verb: with it, "the title" may well be "the game" asked about."""
    noun = partitive(noun) or noun
    return noun.pos_ == "NOUN" and question.theme_noun is not None and not same_word(key(noun), question.theme_noun)


def _other(noun: Token, question: Question) -> bool:
    """Is ``noun`` a thing named or described otherwise than the question's theme ("a second soundtrack
    album" against "Xenoblade Chronicles 2")? Its name and compounds are compared, and the noun it stands in
    apposition to. A group of a counted noun ("a large group of 102 soldiers") is read as that noun."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    noun = partitive(noun) or noun
    core = [noun, *_name_parts(noun)]
    if noun.dep_ == "appos":  # "Xenoblade Chronicles, the video game released ..."
        core.append(noun.head)
    named_as = terms(" ".join(t.text for t in core))
    if named_as & question.theme and question.marks <= named_as:  # "Pixel 4a" is not the "Pixel 5a" asked about
        return False
    named = any(t.pos_ == "PROPN" for t in core)
    definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "another") for c in noun.children)
    return named or not definite


def _name_parts(noun: Token) -> list[Token]:
    """The words that name ``noun``, at any depth: "Black", "Girls", "Rock" and "award" of "the Black Girls
    Rock! award show"."""
    parts = [
        c for c in noun.children if c.dep_ in ("compound", "flat", "nummod") or (c.dep_ == "nmod" and c.pos_ == "PROPN")
    ]
    return [t for c in parts for t in (c, *_name_parts(c))]


def values(question: Question, passages: list[Passage]) -> list[Value]:
    """The values of the asked type that the passages' sentences give, in passage order; a passage that does
    not state what the question fixes ("the first season", "2019") gives none, as it answers another question,
    nor a sentence that does not name the role asked (:func:`answer_role`)."""
    if question.answer_type is None:
        return []
    role = answer_role(question)
    found = []
    for passage in passages:
        if question.unmet(passage.evidence):
            continue
        for sentence in passage.sentences():
            # a sentence of a chunk that names no year is of the year its article was published, as the chunk is;
            # that year is no year of its own, which would make it about another ("Wonder Woman 1984")
            text = sentence.text if YEAR.search(passage.chunk_text) else dated(sentence.text, passage.published)
            on_point = _on_point(text, question, passage) or (
                text != sentence.text and _on_point(sentence.text, question, passage)
            )
            if not on_point or not reads_as_sentence(sentence.text):
                continue
            if question.answer_type == "number":
                texts = typed_spans(sentence.text, question)
            else:
                doc = nlp.parse(sentence.text, ner=True)
                if role is not None and not states_role(doc, role):  # "the film's director" of another role
                    continue
                if another_version(doc, question):  # "the young Diana Prince": another part
                    continue
                asked = asked_verbs(doc, question)
                # where the sentence names the role, its holder is the value, not another name beside it
                mentions = role_mentions(doc, role) if role is not None else []
                texts = [
                    span.text
                    for span in typed_entities(doc, question)
                    if (_holds(span, mentions) if mentions else _fills_slot(span, asked, question))
                ]
                if question.answer_type == "person" or (question.answer_type == "any" and question.asks_which):
                    doers = _doers(asked)  # "What movie won ...?", "Who plays ...?": the name that does it
                    texts = [t for t in texts if not any(t in name for name in doers)] + doers
            found += [Value(text, value_key(text, question.answer_type), passage, sentence) for text in texts]
    return found


def _doers(asked: list[Token]) -> list[str]:
    """The names that do the asked verbs, which the tagger may not know for names: "Soul" in "Soul, the
    long-awaited next chapter in the saga of Woody and Buzz, won Best Animated Feature", "Asher Angel" in
    "Asher Angel will reprise her role as Diana Prince"."""
    found = []
    for verb in asked:
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            name = [t for t in subject.subtree if t == subject or (t.head == subject and t.dep_ in _NAME_PARTS)]
            # "Harbour Days 4", its head taken for a common noun; a quoted title is no doer of a who question
            if any(t.pos_ == "PROPN" for t in name) and not quoted(subject.doc, name[0].i, name[-1].i + 1):
                found.append(" ".join(t.text for t in name))
    return found


_NAME_PARTS = frozenset({"compound", "flat", "nummod"})  # the words a name is written with ("Toy Story 4")


def _on_point(sentence: str, question: Question, passage: Passage) -> bool:
    """Is the sentence of ``passage`` about the question? For an open question read with type "any", one of
    its words is enough: there only one account told twice with one value changed counts (see
    :mod:`rag.policy.conflicts`)."""
    if question.answer_type == "any":
        return bool(terms(sentence) & terms(_QUESTION_WORDS.sub(" ", question.text)))
    return about(sentence, question, passage.evidence, passage.title)


def asked_verbs(doc: Doc, question: Question) -> list[Token]:
    """The verbs of ``doc`` that are the question's verb or a verb of the same relation."""
    if question.predicate is None:
        return []
    wanted = word_key(question.predicate)
    return [t for t in doc if t.pos_ == "VERB" and same_word(key(t), wanted, "predicate_synonyms")]


# Endings that make a noun or a form of a verb: "winner", "director", "announcement", "release", "starring".
DERIVING_SUFFIXES = frozenset({"", "s", "r", "er", "or", "ion", "ation", "ment", "al", "ance", "ence", "ing", "ed"})


def asks_relation(question: Question) -> bool:
    """Does the question ask who or which thing stands in a relation its verb names ("Who won ...?", "What
    film won ...?"), rather than who said something or what someone said ("What reason did Carson give?"),
    or with a verb that names no relation of its own ("Who has ...?")?"""
    predicate = question.predicate
    return (
        (question.answer_type == "person" or (question.asks_which and question.answer_type is None))
        and question.speaker is None
        and predicate is not None
        and predicate not in lexicons.words("light_verbs")
        and predicate not in lexicons.words("reporting_verbs")
    )


def states_relation(doc: Doc, question: Question) -> bool:
    """Does the parsed sentence state the relation the question asks about: its verb or a verb of the same
    relation, a word made from one ("the winner", "its director"), or that the event did not take place ("was
    cancelled"), with the whole name of what the question's verb acts on ("Best Actor", not "Best Picture";
    a word of it may be a synonym)?
    "Coco Gauff made her U.S. Open debut" does not say who won the U.S. Open."""
    have = {name_key(t.text) for t in doc}
    if not all(word in have or have & _name_synonyms(word) for word in question.theme_name):
        return False
    if another_version(doc, question):
        return False
    if asked_verbs(doc, question):
        return True
    related = _relation_words(question.predicate or "")
    cancelled = lexicons.words("cancel_verbs")
    return any(any(_derived(t.lemma_.lower(), verb) for verb in related) or t.lemma_.lower() in cancelled for t in doc)


_ROLE_WORDS = ("word_synonyms", "role_words")  # the lists whose groups name one role


@dataclass(frozen=True)
class Role:
    """The role a "Who is the <role> of <holder>?" question asks the holder of: ``word`` as written (a
    lemma: "winner", "runner-up", "ceo") and ``holder``, the holder's name ("Walter Camp Award")."""

    word: str
    holder: str
    qualifiers: frozenset[str] = frozenset()  # "vice" of "the vice president" (``essential_modifiers.txt``)
    of_place: bool = False  # the holder is a country, state or city, whose offices have one title each

    @property
    def lists(self) -> tuple[str, ...]:
        """The lists whose groups name this role: a place's president is no leader nor chairman (Burma's
        leader was not its president), an organisation's may be (``role_words``)."""
        return _ROLE_WORDS[:1] if self.of_place else _ROLE_WORDS


def _qualifiers(token: Token) -> frozenset[str]:
    """The words before a role's noun that make it another role: "vice", "former", "de facto", "acting"."""
    essential = lexicons.words("essential_modifiers")
    return frozenset(c.lower_ for c in token.children if c.dep_ in ("amod", "compound") and c.lower_ in essential)


@cache
def asked_role(question: str) -> Role | None:
    """The role that the subject of "Who is/was ...?" names, with its holder: "the Walter Camp Award winner",
    "the runner-up of the 2010 World Cup"; for a holder that is a common noun, the names that say which one
    ("Ukrainian" of "the commander of the Ukrainian army", "Silent Hill" of "the Silent Hill movie"); None for
    other questions."""
    doc = nlp.parse(question, ner=True)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_ != "be" or doc[0].lower_ not in ("who", "whom"):
        return None
    for token in root.children:
        common = token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.text.isupper())  # "CEO", not "Usov"
        # a role comes with its determiner ("the CEO", "Lego's CEO"); "Dmytro Lubinets" is a name the tagger
        # may take for a common noun
        common = common and any(c.dep_ in ("det", "poss") for c in token.children)
        holder = _holder(token) or _which_one(token) if token.dep_ in ("nsubj", "attr") and common else None
        if holder:
            start = token.i
            while start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].text != "the":  # runner-up
                start -= 1
            word = "".join(t.text_with_ws for t in doc[start : token.i]) + token.lemma_
            of_place = all(t.ent_type_ == "GPE" for t in holder)
            return Role(word.lower(), " ".join(t.text for t in holder), _qualifiers(token), of_place)
    return None


def answer_role(question: Question) -> Role | None:
    """The role an answer to ``question`` must name (:func:`asked_role`), for a question without a verb of its
    own; none for a role that is a speaker noun ("Who were TASS's sources?"), whose holder is named in the
    frame the attribution rule restores."""
    role = asked_role(question.text) if question.predicate is None else None
    if role is None or role.word.removesuffix("s") in lexicons.words("speaker_nouns"):
        return None
    return role


def states_role(doc: Doc, role: Role) -> bool:
    """Does the parsed sentence name the role with its holder: the role's word, a synonym, or a verb it is
    made from or a verb of that verb's relation ("Mayfield wins Walter Camp Award" for the winner)?

    Why: "Joe Burrow takes Davey O'Brien, Maxwell Awards" names a person of the topic, not the Walter Camp
    Award winner (the holder's whole name counts, as the theme's does for a relation); "Fernando Torres
    helped La Roja add the 2010 World Cup" names no runner-up. The head of an organisation may go by another
    title ("the commissioner of the NFL" for its president), and a cast's lead may star ("Sally Hawkins stars
    in ..." for the lead actress; ``role_words``).
    """
    # the whole name ("Maxwell Award" is not the "Walter Camp Award"), a word of it as a constraint's name is
    # met ("Ukrainian" for "Ukraine"); a year is a constraint of its own
    words = [word for word in role.holder.split() if not YEAR.fullmatch(word)]
    if not all(Constraint("name", word).met_by(doc.text) for word in words):
        return False
    if "-" in role.word:  # "runner-up", "runners-up"
        first, _, rest = role.word.partition("-")
        return re.search(rf"(?i)\b{re.escape(first)}s?-{re.escape(rest)}\b", doc.text) is not None
    return any(_said_with(mention, words) for mention in role_mentions(doc, role))


def _said_with(mention: Token, holder: list[str]) -> bool:
    """Is the role's holder named with the role? In the sentence, unless the role is the object of a
    preposition in a relative clause ("said Victor Cha, who served ... under President George W. Bush"): then
    in that clause or its antecedent, since the clause says what the antecedent did, not who leads what the
    sentence names elsewhere (Burma). "Zorvex, whose president Mira Holm ...", "Mira Holm, who was elected
    president of Zorvex" and "Ivo Brandt, who served Zorvex as its president" name the holder."""
    path = [mention, *mention.ancestors]
    clause = next((t for t in path if t.dep_ == "relcl"), None)
    if clause is None or not any(t.dep_ == "pobj" for t in path[: path.index(clause)]):
        return True  # ``states_role`` has found the holder in the sentence
    words = [*clause.subtree, *(t for t in clause.head.subtree if t.i < clause.i)]
    text = " ".join(t.text for t in words)
    return all(Constraint("name", word).met_by(text) for word in holder)


def role_mentions(doc: Doc, role: Role) -> list[Token]:
    """The words of the parsed sentence that name the role (see :func:`states_role`); a role noun qualified
    otherwise than the question's ("the vice president", "Zorvex's former president", "de facto leader" for
    the president) names another role, and a bare plural ("political leaders") people of a kind."""
    wanted = word_key(role.word)
    nouns = _role_nouns(role.word, role.lists)
    found = []
    for token in doc:
        named = token.pos_ in ("NOUN", "PROPN") and (token.lemma_.lower() in nouns or token.lower_ in nouns)
        if named and _qualifiers(token) == role.qualifiers and not _people_of_a_kind(token):
            found.append(token)
        verbs = _relation_words(token.lemma_.lower()) if token.pos_ == "VERB" else frozenset()
        related = bool(verbs) and "role_words" in role.lists and same_word(key(token), wanted, "role_words")
        if any(_derived(role.word, verb) for verb in verbs) or related:
            found.append(token)
    return found


@cache
def _role_nouns(word: str, lists: tuple[str, ...]) -> frozenset[str]:
    """The role's word and the words that name the same role in ``lists``, as written: a word, not a stem, so
    that "command" (of "command post") is no "commander"."""
    return frozenset(mate for name in lists for mate in lexicons.mates(name, word))


def _holds(span: Span, mentions: list[Token]) -> bool:
    """Is the value the one a mention of the role is said of: "director Bryan Singer", "Fletcher, the
    director", "Fletcher is the director", "the winner was Fletcher", "Fletcher was chosen as director",
    "Fletcher directed", "directed by Fletcher"? Not "Rami Malek" in "Rami Malek opened up about ...
    'Bohemian Rhapsody' director Bryan Singer"."""
    root = span.root
    for mention in mentions:
        if mention.pos_ == "VERB":
            agent = root.dep_ == "pobj" and root.head.dep_ == "agent" and root.head.head == mention
            if agent or (root.dep_ == "nsubj" and root.head == mention):
                return True
            continue
        while mention.dep_ == "conj":  # "president and CEO": the first of the roles is the one attached
            mention = mention.head
        if (mention.head == root and mention.dep_ in _BESIDE) or (root.head == mention and root.dep_ in _BESIDE):
            return True
        # one the subject, the other what it is, becomes or is chosen as, of one verb
        said = mention.head.head if mention.dep_ == "pobj" and mention.head.lower_ == "as" else mention.head
        roles = {root.dep_, "as" if said != mention.head else mention.dep_}
        if said == root.head and roles & _SUBJECTS and roles & _PREDICATES:
            return True
    return False


_BESIDE = frozenset({"compound", "appos"})  # "director Bryan Singer", "Fletcher, the director"
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PREDICATES = frozenset({"attr", "oprd", "as", "dobj"})  # "is the director", "named CEO", "chosen as director"


@cache
def _name_synonyms(word: str) -> frozenset[str]:
    """The name keys of the words that name the same thing as ``word`` (a name key) in ``word_synonyms``:
    "Best Animated Feature" is "Best Animated Film"."""
    found: set[str] = set()
    for line in lexicons.words("word_synonyms"):
        group = {name_key(w) for w in line.split()}
        if word in group:
            found |= group
    return frozenset(found - {word})


@cache
def _relation_words(predicate: str) -> frozenset[str]:
    """The predicate and the one-word verbs of its relation (``predicate_synonyms``)."""
    return frozenset(verb for verb in lexicons.mates("predicate_synonyms", predicate) if "_" not in verb)


def _derived(word: str, verb: str) -> bool:
    """Is ``word`` ``verb`` or made from it by an ending ("winner", "director"; not "window", "hostage")?"""
    bases = {verb, verb.removesuffix("e"), verb + verb[-1:]}
    return any(word.startswith(base) and word[len(base) :] in DERIVING_SUFFIXES for base in bases if base)


def _fills_slot(span: Span, asked: list[Token], question: Question) -> bool:
    """Does a value of the asked type fill the asked slot, not a neighbouring one (``asked``: the sentence's
    verbs of the asked relation)?

    Why: a sentence that answers holds other values of the type, which two articles may share or not
    without disagreeing on the answer: a nationality describing a person ("Chinese-American actress Yifei
    Liu"), a value that describes another ("Raymond James Stadium, home of the Tampa Bay Buccaneers"), in a
    sentence with the asked verb the value of another verb beside it ("announced on August 17,
    2021 ... and released on August 26"), and for a question without a verb ("Super Bowl 2021 location") the
    value of a verb said of something else than the thing it names ("The NFL voted at a meeting in Chicago to
    move the Super Bowl ... to Tampa": Chicago is where the NFL voted), and the object of a verb above the
    asked one ("upsets Chadwick Boseman to win").
    """
    if span.label_ == "NORP" and span.root.dep_ in ("amod", "compound"):
        return False
    if span.label_ in PLACE_LIKE and _of_person(span):  # "Hideki Matsuyama of Ireland"
        return False
    if _describes_another(span):
        return False
    governor = _governor(span)
    if governor is None:
        return True
    if asked:
        # the object of a verb above the asked one is acted on, not the asked verb's doer ("... upsets Chadwick
        # Boseman to win best actor": Boseman lost)
        above = span.root.dep_ != "dobj"
        return any(governor == verb or (above and governor.is_ancestor(verb)) for verb in asked)
    return question.predicate is not None or _said_of_named(governor, span, question)


def _of_person(span: Span) -> bool:
    """Is the value the "of" phrase of a person's name, where they are from ("Shane Lowry of Ireland")?"""
    of = span.root.head
    return span.root.dep_ == "pobj" and of.lower_ == "of" and of.head.ent_type_ == "PERSON"


def _describes_another(span: Span) -> bool:
    """Is the value in the "of" phrase of an apposition, which describes another value ("Raymond James
    Stadium, home of the Tampa Bay Buccaneers"; "Tim Cook, chief executive of Apple")?"""
    for token in (span.root, *span.root.ancestors):
        if token.pos_ in ("VERB", "AUX"):
            return False
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ == "appos":
            return True
    return False


def _said_of_named(verb: Token, span: Span, question: Question) -> bool:
    """Is ``verb``, which governs the value ``span``, said of a thing the question names (its subject or object
    is that thing, a pronoun, or the value itself), or of nothing named at all?"""
    names = question.fixed("name", "group")
    arguments = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    if not names or not arguments:
        return True
    return any(
        a.pos_ == "PRON" or a.i in range(span.start, span.end) or any(n.met_by(_phrase(a)) for n in names)
        for a in arguments
    )


def _phrase(token: Token) -> str:
    """The noun phrase a token heads, without its clauses ("Super Bowl LV" of "Super Bowl LV, which ...")."""
    clauses = [c for c in token.children if c.dep_ in ("relcl", "acl")]
    return " ".join(t.text for t in token.subtree if not any(c.is_ancestor(t) or c == t for c in clauses))


def typed_spans(text: str, question: Question) -> list[str]:
    """The spans of ``text`` that are of the asked type and not already in the question."""
    if question.answer_type == "number":
        own = set(re.findall(r"\d+(?:\.\d+)?", normalize_numbers(question.text)))
        if not re.search(r"\d", normalize_numbers(text)):
            return []
        return [n for n in _figures(normalize_numbers(without_calendar(text))) if n.split()[-1] not in own]
    return [span.text for span in typed_entities(nlp.parse(text, ner=True), question)]


_TIME_PREPOSITIONS = frozenset("in since from to until till by through before after during".split())


def year_of_time(token: Token) -> bool:
    """Is ``token`` a year after a preposition of time ("from 1991 to 2007"), which the tagger may miss, and
    not a figure it calls a quantity ("rose to 1600", a CARDINAL)?"""
    timed = token.dep_ == "pobj" and token.head.lower_ in _TIME_PREPOSITIONS
    return timed and YEAR.fullmatch(token.text) is not None and token.ent_type_ in ("DATE", "")


def without_calendar(text: str, doc: Doc | None = None) -> str:
    """``text`` with its dates and clock times blanked ("in 2016", "on Sept. 26", "at 8:30 p.m."): their figures
    say when, not how many. A length of time ("three days", "two decades") and a bare age ("Scott, 69,") stay:
    they count. ``doc`` is the text parsed with NER, where the caller has it."""
    doc = doc if doc is not None else nlp.parse(text, ner=True)
    units = lexicons.words("time_units")
    for ent in doc.ents:
        age = re.fullmatch(r"(?:aged? )?\d{1,3}", ent.text) is not None  # "Scott, 69,", "at age 69": NER's dates
        if ent.label_ in ("DATE", "TIME") and not age and not any(t.lower_ in units for t in ent):
            text = text[: ent.start_char] + " " * len(ent.text) + text[ent.end_char :]
    for token in doc:  # a year the tagger missed: "served from 1991 to 2007"
        if not token.ent_type_ and year_of_time(token):
            text = text[: token.idx] + " " * len(token.text) + text[token.idx + len(token.text) :]
    return text


def typed_entities(doc: Doc, question: Question) -> list[Span]:
    """The entities of the parsed text that are of the asked type (a date that names a point in time), and
    neither in the question nor one of its names written longer ("The LEGO Foundation" for "Who is the CEO of
    Lego?"), but for one of the choices it offers ("..., Ada Roe or Ivo Holm?")."""
    asked = question.text.lower()
    spans = [e for e in doc.ents if e.label_ in question.labels]
    if question.answer_type == "date":  # "when" asks for a point in time: "a few years" is a while, no date
        spans = [e for e in spans if _POINT_IN_TIME.search(e.text) and names_year(e.text, question)]
    merged: list[Span] = []
    for span in spans:  # "Tampa, Florida": a place and the place it lies in are one value
        previous = merged[-1] if merged else None
        if previous is not None and _in_place(previous, span):
            merged[-1] = doc[previous.start : span.end]
        else:
            merged.append(span)
    names = question.fixed("name", "group")
    choices = [Constraint("name", choice) for choice in question.alternatives]
    return [
        s
        for s in merged
        if (
            any(c.met_by(s.text) for c in choices)
            or (s.text.lower() not in asked and not any(n.met_by(s.text) for n in names))
        )
        and not _quoted_title(s)
    ]


def names_year(text: str, question: Question) -> bool:
    """Does a date ``text`` name a year, if the question asks which year? "What year did she become attorney
    general?" is not answered by "as a summer associate"; "in 1999", "last year", "its fifth year" answer it."""
    return question.kind_asked != "year" or bool(YEAR.search(text) or _YEAR_WORD.search(text))


def _quoted_title(span: Span) -> bool:
    """Is a "person" a title (see :func:`quoted`)?"""
    return span.label_ == "PERSON" and quoted(span.doc, span.start, span.end)


def quoted(doc: Doc, start: int, end: int) -> bool:
    """Are the words ``doc[start:end]`` in quotation marks, as news writes the title of a film or a book
    ("'Nomadland' took best picture"), never a person's name?"""
    opening = start > 0 and doc[start - 1].text in QUOTE_MARKS
    return opening and end < len(doc) and doc[end].text in QUOTE_MARKS


def _in_place(place: Span, wider: Span) -> bool:
    """Is ``wider`` the place that ``place`` lies in, written after a comma ("Tampa, Florida")?"""
    return (
        place.label_ in PLACE_LIKE
        and wider.label_ in PLACE_LIKE
        and wider.start == place.end + 1
        and place.doc[place.end].text == ","
    )


def _figures(text: str) -> list[str]:
    """The figures of ``text`` with the bound written before them: "over 1000", "at least 62", "62"."""
    matches = _figure_pattern().finditer(text)
    return [f"{m.group(1).lower()} {m.group(2)}" if m.group(1) else m.group(2) for m in matches]


@cache
def _figure_pattern() -> re.Pattern:
    """A figure with the bound written before it, bounds longest first ("more than" before "more")."""
    bounds = "|".join(re.escape(p) for p in sorted(lexicons.kinds("quantifiers"), key=len, reverse=True))
    return re.compile(rf"(?i)(?:\b({bounds})\s+)?(\d+(?:\.\d+)?)")


def figure_range(text: str) -> tuple[float, float] | None:
    """The values a figure allows: "over 1000" -> (1000+, inf), "about 100" -> (90, 110), "62" -> (62, 62)."""
    match = re.fullmatch(r"(?:(.+)\s+)?(\d+(?:\.\d+)?)", text)
    if match is None:
        return None
    n, bound = float(match.group(2)), lexicons.kinds("quantifiers").get((match.group(1) or "").lower(), "eq")
    tiny = 1e-9 * max(n, 1)
    return {
        "gt": (n + tiny, float("inf")),
        "ge": (n, float("inf")),
        "lt": (float("-inf"), n - tiny),
        "le": (float("-inf"), n),
        "about": (n * (1 - APPROXIMATE), n * (1 + APPROXIMATE)),
        "almost": (n * (1 - APPROXIMATE), n),
    }.get(bound, (n, n))


def value_key(text: str, answer_type: str | None) -> str:
    """A form of a value to compare by: a date as year-month-day, a figure with its bound, a name lower-cased
    without punctuation."""
    if answer_type == "number":
        return text.lower()
    if answer_type == "date":
        for match in _DATE_PARTS.finditer(text):
            if match.group(2).lower()[:3] in _MONTHS:
                day = match.group(1) or match.group(3) or "0"
                return f"{match.group(4)}-{_MONTHS[match.group(2).lower()[:3]]:02d}-{int(day):02d}"
        for match in _DAY_OF_MONTH.finditer(text):
            if match.group(1) or match.group(3):
                return f"0000-{_MONTHS[match.group(2).lower()]:02d}-{int(match.group(1) or match.group(3)):02d}"
    return re.sub(r"[^\w ]+", "", re.sub(r"^the\s+|['’]s$", "", text.lower())).strip()


def same_value(a: str, b: str) -> bool:
    """Can two keys be the same answer ("raducanu" and "emma raducanu"; "tampa florida" and "tampa bay
    florida", a name with a word left out; "liu yifei" and "yifei liu", a name written family name first;
    "christophe gans" and "cristophe gans", a name misspelt; a date without its day or its year; "at least 62"
    and "over 1000")?"""
    ranges = figure_range(a), figure_range(b)
    if ranges[0] and ranges[1]:
        return max(ranges[0][0], ranges[1][0]) <= min(ranges[0][1], ranges[1][1])
    if a.startswith("0000-") or b.startswith("0000-"):
        return a[4:] == b[4:] and a[5:7].isdigit() and b[5:7].isdigit()
    if a.endswith("-00") or b.endswith("-00"):
        return a[:7] == b[:7]
    if a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} " or sorted(a.split()) == sorted(b.split()):
        return True
    shorter, longer = sorted((set(a.split()), set(b.split())), key=len)
    if len(shorter) > 1 and shorter <= longer and not re.search(r"\d", a + b):  # "tampa florida", "tampa bay florida"
        return True
    return not re.search(r"\d", a + b) and SequenceMatcher(None, a, b).ratio() >= SPELLING
