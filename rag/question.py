"""What a question asks: its kind, the type of answer it wants, and the constraints an answer must meet.

``analyse(question)`` reads the question's parse and named entities (:mod:`rag.nlp`):

* the **kind**: ``who``, ``when``, ``where``, ``number`` (how many / how much / what share), ``why``,
  ``yes_no`` (a question that opens with an auxiliary: "Did Facebook acquire ...?"), or ``open``;
* the **answer type**: the entity labels an answer must hold (PERSON/ORG/GPE/NORP for ``who``, DATE/TIME for
  ``when``, ...); "which city" / "what date" take their type from the asked noun (``rag/lexicons/answer_nouns.tsv``);
  "what is the name of the station?" wants a ``name`` given to that noun;
* the **constraints**: the years, ordinals, numbers and names the question fixes ("the 2019 winner", "the 92nd
  ceremony", "the first season", "Q3", "Nobel Prize in Literature"); a passage that answers must state every one
  of them, since the 2021 winner does not answer a question about 2019.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from rag import lexicons, nlp
from rag.claims import demonyms, key, same_word, word_key
from rag.lexical import MONTHS, WEEKDAYS, YEAR, month_pattern, normalize_numbers, stemmer, terms

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PERSON_LIKE = frozenset({"PERSON", "ORG", "GPE", "NORP"})
DATE_LIKE = frozenset({"DATE", "TIME"})
PLACE_LIKE = frozenset({"GPE", "LOC", "FAC"})
NUMBER_LIKE = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
# "any": the values an open question ("What is the year-end No. 1?") may turn on, when its type is not known
ANY_LIKE = PERSON_LIKE | DATE_LIKE | PLACE_LIKE | NUMBER_LIKE | frozenset({"EVENT", "PRODUCT", "WORK_OF_ART"})
TYPES = {"person": PERSON_LIKE, "date": DATE_LIKE, "place": PLACE_LIKE, "number": NUMBER_LIKE, "any": ANY_LIKE}
KIND_TYPES = {"who": "person", "when": "date", "where": "place", "number": "number"}
LEAKING_TYPES = frozenset({"date", "number"})  # values a rewrite copies from the answer; names are its topic

# how long something lasted: "How long did Clinton speak?", not "how long-standing" nor "How long a list?"
_HOW_LONG = r"\bhow long\b(?![\w-]| an?\b)"
_DURATION_QUESTION = re.compile(_HOW_LONG, re.IGNORECASE)
_NUMBER_QUESTION = re.compile(
    r"(?i)\b(?:how many|how much|what (?:number|share|percentage|proportion|fraction|figure)|"
    rf"how (?:large|big|old|far (?:behind|ahead)))\b|{_HOW_LONG}"
)
_AGE_QUESTION = re.compile(r"(?i)\bhow old\b")
# a sum of money: "How much money ...?", "What price ...?", "How much did the stadium cost?"
_MONEY_QUESTION = re.compile(
    r"(?i)\b(?:how much money|how many dollars|what (?:\w+ )?(?:price|cost|fee|salary|sum)\b|"
    r"how much (?:did|does|do|will|would) .+ cost\b)"
)
_SHARE_QUESTION = re.compile(r"(?i)\b(?:what|which) (?:share|percentage|proportion|fraction|part)\b")
_AUXILIARIES = frozenset("is are was were do does did has have had can could will would should may might must".split())
_WH_WORDS = frozenset("who whom whose what which when where why how".split())
_RELATIVES = frozenset("who whom whose which".split())
ROOT_CHARS = 5  # two words share a root when the shorter, of at least this many letters, starts the longer
NAME_SHARE = 0.5  # a name is stated when this share of its words is (a surname for a full name, ...)
_ORDINAL = re.compile(r"(?i)\b\d+(?:st|nd|rd|th)\b")
_QUARTER = re.compile(r"(?i)q([1-4])")  # a quarter of the year: "Q3" is the third quarter
_SUFFIXES = {"1": "st", "2": "nd", "3": "rd", "4": "th"}
_CARDINALS = {str(i): w for i, w in enumerate("one two three four five six seven eight nine ten".split(), start=1)}
_CODE = re.compile(r"\b(?=\w*\d)(?=\w*[A-Za-z])\w+\b")  # "Q3", "5a", "LV": tokens mixing letters and digits
# Entity labels whose text the answer's passage must hold (the others are the asked-for value, or vague).
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "NORP"})


@dataclass(frozen=True)
class Constraint:
    """Something the question fixes: ``kind`` is year, month, ordinal, number, code, division, group (a people
    or party that describes a thing: "Republican voters") or name; ``text`` as written; ``noun``, for an
    ordinal word, the noun it picks one of ("first" of "the first season"), for a group the noun it describes."""

    kind: str
    text: str
    noun: str = ""

    def met_by(self, evidence: str) -> bool:
        """Does ``evidence`` state this constraint? An ordinal word with its noun: "first season", "first full
        season", "season 1" or "Season One", not "First Look: ... Season 7" nor "you'll see it here first". A
        division by any of its words: "women's" by "WTA" (see ``divisions.txt``)."""
        if self.kind == "division":
            return _division_words(self.text).search(evidence.replace("’", "'")) is not None
        if self.kind == "month":
            return month_pattern(self.text).search(evidence) is not None
        if self.kind in ("year", "ordinal", "code"):
            spellings = "|".join(re.escape(s) for s in _spellings(self))
            if self.noun:
                noun = re.escape(self.noun)
                ordinal = rf"(?<![\w-])(?:{spellings})(?:\s+[\w'’-]+)?\s+{noun}s?\b"
                figure = _spellings(self) & set(lexicons.kinds("ordinals").values())
                cardinals = "|".join(c for f in figure for c in (f[:-2], _CARDINALS.get(f[:-2], f[:-2])))
                numbered = rf"\b{noun}s?\s+(?:{cardinals})(?![\w-])" if cardinals else r"(?!)"
                return re.search(f"{ordinal}|{numbered}", evidence, re.IGNORECASE) is not None
            return re.search(rf"(?<![\w-])(?:{spellings})(?![\w-])", evidence, re.IGNORECASE) is not None
        if self.kind == "number":
            return self.text in re.findall(r"\d+(?:\.\d+)?", normalize_numbers(evidence))
        if ", " in self.text:  # "Tampa, Florida" by "Tampa"; "Washington, D.C." by "the District of Columbia"
            place, _, region = self.text.partition(", ")
            spelled = _INITIALISM.fullmatch(region) is not None and _initialism_met(region, evidence)
            return spelled or Constraint("name", place).met_by(evidence)
        # "Trump-Clinton" is met by "Clinton and Trump", "Ocasio-Cortez" by itself
        wanted = terms(self.text.replace(".", "").replace("-", " "))
        if not wanted or _initialism_met(self.text, evidence) or _state_abbreviated(self.text, evidence):
            return True
        # "April Ryan" is not met by an article's "April 2017" (see rag.lexical.dated)
        have = terms(evidence.replace(".", "").replace("-", " ")) - _month_terms()
        places = {_places().get(h, h) for h in have}  # "Norway" is stated by "Norwegian"

        def found(word: str) -> bool:
            return word in have or _places().get(word, word) in places or any(_same_root(word, h) for h in have)

        if sum(map(found, wanted)) >= NAME_SHARE * len(wanted):
            return True
        # a hyphenated given name counts once ("Ban" states "Ban Ki-moon" as "Juncker" states "Jean-Claude
        # Juncker"), where the evidence writes the name's words alone, capitalised: not "the ban", "Kim Kardashian"
        parts = [p for w in self.text.replace(".", "").split() if (p := terms(w.replace("-", " ")))]
        if sum(sum(map(found, p)) / len(p) for p in parts) < NAME_SHARE * len(parts):
            return False
        own = {w.lower() for w in re.split(r"[\s.-]+", self.text) if w}
        runs = (re.split(r"[\s-]+", _POSSESSIVE.sub("", run)) for run in _CAPITALISED_RUN.findall(evidence))
        return any({w.lower() for w in run} <= own for run in runs)

    def names_another(self, text: str) -> bool:
        """Does ``text`` name a value of this kind of its own, so that it is about that one: a year, an
        ordinal figure, a division, a group ("2021" for "2019", "men's" for "women's", "Democratic" for
        "Republican")?"""
        if self.kind == "division":
            return _division_words().search(text.replace("’", "'")) is not None
        if self.kind == "group":  # "Democratic voters" for "Republican voters"; "African American voters" for
            wanted = word_key(self.noun)  # "the Democratic nomination" describe other things
            described = (_group_word(e) for e in nlp.parse(text, ner=True).ents)
            return any(noun is not None and same_word(key(noun), wanted) for noun in described)
        pattern = YEAR if self.kind == "year" else _ORDINAL if self.kind == "ordinal" else None
        return pattern is not None and pattern.search(text) is not None


_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")  # "Ban", "Kim Kardashian", "Pak's"
# A capitalised phrase's words: "District of Columbia", "Environmental Protection Agency".
_JOINING_WORDS = ("of", "and", "for", "the", "on")
_CAPITALISED_PHRASE = re.compile(rf"\b[A-Z][\w'’-]*(?:\s+(?:(?:{'|'.join(_JOINING_WORDS)})\s+)*[A-Z][\w'’-]*)*")
MIN_INITIALS, MAX_INITIALS = 2, 6  # an initialism has this many letters
_INITIALISM = re.compile(rf"^(?:[A-Z]\.?){{{MIN_INITIALS},{MAX_INITIALS}}}$")  # "D.C.", "EPA", "U.S."
MIN_EXPANDED_WORDS = 3  # a name written out in this many capitalised words, or fewer joined by "of", has one


def _initials(words: list[str]) -> str:
    """The initials of the capitalised words ("District of Columbia" -> "DC")."""
    return "".join(word[0] for word in words if word[0].isupper())


def _expands(words: list[str]) -> bool:
    """Are ``words`` a name long enough to be written as its initials: "Environmental Protection Agency",
    "District of Columbia", not "Democratic Caucus" or a person's "Peter Robinson"?"""
    content = [w for w in words if w not in _JOINING_WORDS]
    joined = any(w in _JOINING_WORDS for w in words[1:-1])
    long_enough = len(content) >= MIN_EXPANDED_WORDS or (joined and len(content) >= 2)
    return long_enough and all(w[0].isupper() for w in content)


def initialisms(text: str) -> set[str]:
    """The initialisms of the names ``text`` writes out: "CDC" (and "CD") for "the Centers for Disease Control",
    "EPA" for "the Environmental Protection Agency" (every run of a capitalised phrase long enough to have one,
    of two to six letters), "EU" for "European Union" (the two-word names of ``short_initialisms.txt``)."""
    found = {initials for initials, name in _short_initialisms().items() if re.search(rf"\b{re.escape(name)}\b", text)}
    for phrase in _CAPITALISED_PHRASE.finditer(text):
        words = phrase.group().split()
        runs = (words[i:j] for i in range(len(words)) for j in range(i + 1, len(words) + 1))
        found |= {_initials(r) for r in runs if r[0][0].isupper() and r[-1][0].isupper() and _expands(r)}
    return {i for i in found if MIN_INITIALS <= len(i) <= MAX_INITIALS}


@cache
def _short_initialisms() -> dict[str, str]:
    """Initials -> the two-word name news writes by them ("EU" -> "European Union"; ``short_initialisms.txt``)."""
    pairs = (line.split() for line in lexicons.words("short_initialisms"))
    return {pair[0]: pair[1].replace("_", " ") for pair in pairs if len(pair) == 2}


def _initialism_met(name: str, evidence: str) -> bool:
    """Does ``evidence`` write ``name`` as its initialism or spelled out? "D.C." is stated by "the District of
    Columbia Circuit", "the Environmental Protection Agency" by "the EPA" or "the E.P.A."."""
    name = name.removeprefix("the ").strip()
    if _INITIALISM.match(name):
        return name.replace(".", "") in initialisms(evidence)
    words = name.split()
    if not words or not (_expands(words) or name in _short_initialisms().values()):
        return False
    initials = _initials(words)
    dotted = "".join(f"{letter}\\." for letter in initials)
    return re.search(rf"(?<![\w.])(?:{initials}|{dotted})(?![\w])", evidence) is not None


# How a value belongs to its sentence's main statement: the time of its verb ("lived ... in 2010"), a modifier
# of its subject or object ("the 2021 champion"), the claim a report wraps ("found that ... in 2010").
_MAIN_STATEMENT_DEPS = frozenset(
    "pobj prep npadvmod nummod compound amod nmod poss ccomp pcomp nsubj nsubjpass dobj attr oprd quantmod".split()
)


def _of_main_statement(token: Token) -> bool:
    """Is ``token`` part of its sentence's main statement (see ``_MAIN_STATEMENT_DEPS``)?"""
    while token.dep_ != "ROOT":
        if token.dep_ not in _MAIN_STATEMENT_DEPS:
            return False
        token = token.head
    return True


@cache
def _division_words(division: str | None = None) -> re.Pattern:
    """The words that name a division (all entries of its kind), or with ``None`` any division."""
    divisions = lexicons.kinds("divisions")
    kind = divisions.get(division) if division else None
    spellings = sorted((e for e, k in divisions.items() if kind is None or k == kind), key=len, reverse=True)
    return re.compile(rf"(?i)(?<![\w-])(?:{'|'.join(re.escape(s) for s in spellings)})(?![\w-])")


@cache
def _possessive_divisions() -> re.Pattern:
    """A question's division: a possessive that names one ("the women's singles")."""
    entries = sorted((e for e in lexicons.kinds("divisions") if e.endswith(("'s", "'"))), key=len, reverse=True)
    return re.compile(rf"(?i)(?<![\w-])(?:{'|'.join(re.escape(e) for e in entries)})(?!\w)")


def _spellings(constraint: Constraint) -> set[str]:
    """The ways to write a constraint: an ordinal as a word or a figure ("first", "1st"), a quarter of the
    year as a code or words ("Q3", "third quarter", "third-quarter")."""
    figures = lexicons.kinds("ordinals")
    words = {figure: word for word, figure in figures.items()}
    text = constraint.text.lower()
    quarter = _QUARTER.fullmatch(text)
    if constraint.kind == "code" and quarter:
        word = words[f"{quarter.group(1)}{_SUFFIXES[quarter.group(1)]}"]
        return {text, f"{quarter.group(1)}q", f"{word} quarter", f"{word}-quarter", f"{word} fiscal quarter"}
    if constraint.kind != "ordinal":
        return {constraint.text}
    return {text, figures.get(text, text), words.get(text, text)}


@cache
def _places() -> dict[str, str]:
    """The stem of a word for a place's people or things -> the stem of the place ("norwegian" -> "norway"),
    and of another name of a party -> the stem of its name ("gop" -> "republican"; ``name_aliases.txt``)."""
    aliases = {word: line.split()[0] for line in lexicons.words("name_aliases") for word in line.split()}
    named = {**demonyms(), **aliases}
    return {" ".join(terms(word)): " ".join(terms(place)) for word, place in named.items() if word != place}


def _state_abbreviated(name: str, evidence: str) -> bool:
    """Does ``evidence`` write the state ``name`` as news does after a city ("Green Bay, Wis., ..." for
    Wisconsin; ``state_abbreviations.txt``)? Only between a comma and a comma or the end: "Ill." or "Miss."
    elsewhere may be another word ("Jackson, Miss. Jones said")."""
    pattern = _state_patterns().get(name.lower().strip())
    return pattern is not None and pattern.search(evidence) is not None


@cache
def _state_patterns() -> dict[str, re.Pattern[str]]:
    """A state's name (lower case) -> the pattern of its abbreviations after a city."""
    patterns = {}
    for line in lexicons.words("state_abbreviations"):
        state, *abbreviations = line.split()
        if abbreviations:
            written = "|".join(re.escape(a) for a in abbreviations)
            patterns[state.replace("_", " ")] = re.compile(rf"(?i),\s+(?:{written})(?=\s*(?:[,;:)]|$))")
    return patterns


def _same_root(a: str, b: str) -> bool:
    """Do two stems share a root ("ukrain" and "ukrainian", "russia" and "russian")?"""
    size = min(len(a), len(b))
    return size >= ROOT_CHARS and a[:size] == b[:size]


@dataclass(frozen=True)
class Question:
    text: str
    kind: str
    answer_type: str | None  # "person", "date", "place", "number" or None
    constraints: tuple[Constraint, ...] = field(default_factory=tuple)
    predicate: str | None = None  # the lemma of the main verb ("win", "release"), when it is not a copula
    counted: str | None = None  # what "how many" counts ("soldiers" in "How many ...?"); "%" a share, "age" an
    # age, "money" a sum
    named: str | None = None  # what "what is the name of" names ("station" in "... the name of the station?")
    theme: frozenset[str] = frozenset()  # the words of what the verb acts on: "Xenoblade Chronicles 2" in
    # "When was Xenoblade Chronicles 2 released?", "the first season of The Blacklist" in "... premiere?"
    marks: frozenset[str] = frozenset()  # the theme's words with digits that name it ("2", "5a"), not a year
    # or a count ("102" in "the 102 soldiers")
    theme_noun: str | None = None  # the key of the theme's head when it is a common noun acted on ("bridge")
    identity: str | None = None  # the name "Who is Dmitry Usov?" asks about
    theme_name: frozenset[str] = frozenset()  # the words of the theme's name (:func:`name_key`): {"best",
    # "actor"} in "Which actor won Best Actor?", {"us", "open"} in "Who won the women's singles U.S. Open?"
    kind_asked: str | None = None  # the lemma of X in "which X" / "what X": a thing of that kind is asked for
    speaker: str | None = None  # whose words "What did Maria Zakharova say about ...?" asks for
    topic: str | None = None  # the key of what they spoke about ("soldier" in "... say about the soldiers?")
    listener: str | None = None  # whom they told it: "USA Today" in "What did Figueroa tell USA Today?"
    topic_names: tuple[str, ...] = ()  # the names in it: ("Manafort", "Ukraine") of "... about Manafort's work
    # in Ukraine?"
    alternatives: tuple[str, ...] = ()  # the choices a question offers: "Who raised more, Ada Roe or Ivo Holm?"

    @property
    def asks_which(self) -> bool:
        """Does the question ask for a thing of a kind ("Which judge ...?", "What award ...?")?"""
        return self.kind_asked is not None

    @property
    def labels(self) -> frozenset[str]:
        """The entity labels an answer of the asked type holds (empty when any answer will do); a person's
        name alone for a role only a person holds ("Which judge ...?": ``individual_roles.txt``)."""
        if self.answer_type == "person" and self.kind_asked in lexicons.words("individual_roles"):
            return frozenset({"PERSON"})
        return TYPES.get(self.answer_type or "", frozenset())

    def fixed(self, *kinds: str) -> list[Constraint]:
        """The constraints of the ``kinds`` ("name", "number", ...)."""
        return [c for c in self.constraints if c.kind in kinds]

    def unmet(self, evidence: str) -> list[Constraint]:
        """The constraints ``evidence`` does not state. A group ("Democratic" of "the Democratic nomination") is
        not asked of a passage: a story about one party's race says "the nomination" and "primary voters", and
        names the other party's in the same paragraph; the answering sentence must not name another group
        instead (:meth:`named_otherwise`)."""
        return [c for c in self.constraints if c.kind != "group" and not c.met_by(evidence)]

    def named_otherwise(self, sentence: str) -> list[Constraint]:
        """The groups ``sentence`` does not state while it names another ("Democratic voters" for "Republican"),
        and the years and ordinals it does not state while its main statement names another of their kind:
        "1 in 4 residents lived there in 2010" is about 2010, whatever the sentences around it say of 2014. A
        value in a relative clause, an apposition or a conjunct ("the race, which began in 1903"; "Roe, a 2019
        winner, ...") tells something else; a when question's answer is a date of its own."""
        groups = [c for c in self.fixed("group") if not c.met_by(sentence) and c.names_another(sentence)]
        if self.answer_type == "date":
            return groups
        missing = [c for c in self.unmet(sentence) if c.kind in ("year", "ordinal") and c.names_another(sentence)]
        if not missing:
            return groups
        doc = nlp.parse(sentence)
        value = {"year": YEAR, "ordinal": _ORDINAL}
        return groups + [
            c for c in missing if any(value[c.kind].fullmatch(t.text) and _of_main_statement(t) for t in doc)
        ]


@cache
def analyse(question: str) -> Question:
    """The kind, answer type, constraints and main predicate of ``question``."""
    doc = nlp.parse(question, ner=True)
    words = [t.lower_ for t in doc if not t.is_punct]
    kind = _kind(question, words, doc)
    named = _named_noun(doc) if kind == "open" else None
    identity = _identity(doc)
    answer_type = None if identity else KIND_TYPES.get(kind) or _asked_noun_type(doc)
    if named is not None and answer_type is None:
        answer_type = answer_nouns().get(named, "name")
    # Names fix the answer of a question that asks for a value ("Who won the 2019 Tour?"); in a why or an open
    # question they are its topic, which may rest on a false premise the answer should correct. A yes/no
    # question's names may be settled by different passages ("both A and B").
    fixing = answer_type is not None and kind != "yes_no"
    if kind != "open" and _asks_another_kind(question, kind, answer_type):
        kind, answer_type, named = "open", None, None  # its names still fix the answer
    asked = _asked_span(doc)
    alternatives = _alternatives(question) if answer_type in ("person", "place", "name") else ()
    constraints: list[Constraint] = []
    for match in YEAR.finditer(question):
        constraints.append(Constraint("year", match.group()))
    for match in _ORDINAL.finditer(question):
        constraints.append(Constraint("ordinal", match.group()))
    for token in doc:  # "the first season": an ordinal word that picks one of a noun's kind
        if token.lower_ in lexicons.kinds("ordinals") and token.dep_ == "amod" and token.head.pos_ == "NOUN":
            # "the first ten hours" is a span, not one of them ("the first 2020 debate" is one)
            if any(c.dep_ == "nummod" and c.like_num and not YEAR.fullmatch(c.text) for c in token.head.children):
                continue
            if token.head.dep_ == "appos" and token.head.head.ent_type_ == "PERSON":
                continue  # "Raul Grijalva, the first member to endorse Sanders": the name says who
            if kind in ("why", "yes_no", "open") and _is_idiomatic_place(token):
                continue
            constraints.append(Constraint("ordinal", token.lower_, token.head.lemma_.lower()))
    for match in _CODE.finditer(question):
        if not YEAR.fullmatch(match.group()) and not _ORDINAL.fullmatch(match.group()):
            constraints.append(Constraint("code", match.group()))
    for match in _possessive_divisions().finditer(question.replace("’", "'")):
        constraints.append(Constraint("division", match.group().lower()))
    if kind != "number":
        # not a figure joined by a slash: "9/11" names an event, "24/7" a manner
        counted = _answer_count(doc, asked)  # "Which two leaders ...?": how many answers, no fact to be met
        for number in re.findall(
            r"(?<![\d/.])\d+(?:\.\d+)?(?![\d/])", normalize_numbers(_without(counted, YEAR, _ORDINAL, _CODE))
        ):
            constraints.append(Constraint("number", number))
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is not None and root.lemma_.lower() in lexicons.words("aspect_verbs"):  # "start fleeing": fleeing
        root = next((c for c in root.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), root)
    means = root is not None and root.lemma_.lower() in lexicons.words("means_verbs")
    if means and not any(c.dep_ == "dobj" and asked and asked[0] <= c.i < asked[1] for c in root.children):
        purpose = (c for c in root.children if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB")
        root = next((c for c in purpose if any(a.lower_ == "to" for a in c.children)), root)  # "use X to tell"
    if root is not None and root.lemma_ == "be":  # "When was X released?": the participle read as X's modifier
        root = next((t for t in root.subtree if t.tag_ == "VBN" and t.dep_ in ("acomp", "acl") and t.i > root.i), root)
    speaker, topic_phrase, listener = _speaker_asked(root)
    topic = key(topic_phrase) if topic_phrase is not None else None
    topic_names = _names_in(topic_phrase) if topic_phrase is not None else ()
    # "the June 2016 meeting": met by a passage that says June or whose article is of June
    constraints += [Constraint("month", month) for token in doc if (month := _month(token))] if fixing else []
    for start, end, text in _names(doc) if fixing else []:
        if asked and asked[0] <= start < asked[1]:
            continue
        name = _POSSESSIVE.sub("", YEAR.sub("", text).strip())  # "Sanders's": Sanders, and "Sanders" stays
        offered = any(Constraint("name", name).met_by(choice) for choice in alternatives)  # one of them answers
        if terms(name) and not offered and not any(name == c.text for c in constraints):
            group = _group_word(doc[start:end])
            constraints.append(Constraint("group", name, group.lemma_.lower()) if group else Constraint("name", name))
    predicate = root.lemma_.lower() if root is not None and root.pos_ == "VERB" else _verb_after_subject(doc)
    counted = "%" if _SHARE_QUESTION.search(question) else "age" if _AGE_QUESTION.search(question) else None
    counted = counted or ("money" if _MONEY_QUESTION.search(question) else None)
    counted = counted or ("duration" if _DURATION_QUESTION.search(question) else None)
    counted = counted or next(
        (t.head.text.lower() for t in doc if t.lower_ == "many" and t.head.pos_ in ("NOUN", "PROPN")), None
    )
    head = _theme(root) if predicate is not None else None
    theme = list(head.subtree) if head is not None else []
    words = frozenset(terms(" ".join(t.text for t in theme)))
    marks = frozenset(terms(" ".join(t.text for t in theme if _marks(t))))
    # a doer acts on many things; the parser calls some passive subjects "nsubj" ("were the bridges closed")
    passive = head is not None and any(c.dep_ == "auxpass" for c in head.head.children)
    acted_on = head is not None and head.pos_ == "NOUN" and (head.dep_ != "nsubj" or passive)
    noun = key(head) if acted_on else None
    return Question(
        question,
        kind,
        answer_type,
        tuple(constraints),
        predicate,
        counted,
        named,
        words,
        marks,
        noun,
        identity,
        _name_words(head) if head is not None else frozenset(),
        doc[asked[1] - 1].lemma_.lower() if asked is not None else None,
        speaker,
        topic,
        listener,
        topic_names,
        alternatives=alternatives,
    )


# "..., Ada Roe or Ivo Holm?", "..., the port or the council?": the choices a who or which question ends with
_ALTERNATIVES = re.compile(r",\s*(?:either\s+)?(?P<first>[^,?]+?),?\s+or\s+(?P<second>[^,?]+?)\s*\?*\s*$")


def _alternatives(question: str) -> tuple[str, ...]:
    """The choices "Who raised more money, Ada Roe or Ivo Holm?" offers: one of them is the answer, so a
    passage need not name both, and the answer names one though the question does too."""
    match = _ALTERNATIVES.search(question)
    if match is None:
        return ()
    choices = (match.group("first"), match.group("second"))
    # noun phrases, not clauses: "Who, according to CNN, said Trump or Biden would win?" offers no choice
    if any(t.pos_ in ("VERB", "AUX") for choice in choices for t in nlp.parse(choice)):
        return ()
    return choices


def _verb_after_subject(doc) -> str | None:
    """The verb the parser took for a noun in "When does the iPhone 11 release?" / "When will the season
    premiere?": after a wh-word and "do" or a modal, the question's last word is its verb."""
    words = [t for t in doc if not t.is_punct]
    if len(words) < 4 or words[0].tag_ not in ("WRB", "WP", "WDT"):
        return None
    if words[1].lower_ not in _AUXILIARIES or words[1].lemma_ in ("be", "have"):  # "do" or a modal only
        return None
    root = words[1].head  # "Why did the Obamas scale back ...?": a "noun" with a verb's particle
    if root.pos_ == "NOUN" and root.dep_ == "ROOT" and any(c.tag_ == "RP" for c in root.children):
        return root.lemma_.lower()
    last = words[-1]
    return last.lemma_.lower() if last.pos_ == "NOUN" and last.dep_ in ("ROOT", "pobj", "dobj") else None


def _name_words(head) -> frozenset[str]:
    """The words of the name that a theme's head ends ("Best Actor") or that follows it ("the women's singles
    U.S. Open", where the parser takes "singles" for the head), lower-cased without dots; empty when the theme
    has no such name. An award won "for" a named category is that category: "the Oscar for Best Picture" is
    "Best Picture", which a report may give without the award's name ("won Best Picture at the ceremony")."""
    category = next((g for c in head.children if c.lower_ == "for" for g in c.children if g.dep_ == "pobj"), None)
    if category is not None and category.text[:1].isupper() and head.text[:1].isupper():
        head = category
    doc, start, end = head.doc, head.i, head.i + 1
    if head.pos_ == "PROPN":
        while start > 0 and doc[start - 1].pos_ == "PROPN":
            start -= 1
    else:
        start = end
        while end < len(doc) and doc[end].pos_ == "PROPN":
            end += 1
    return frozenset(name_key(t.text) for t in doc[start:end])


def name_key(word: str) -> str:
    """A word of a name as compared: lower-cased, without dots, stemmed ("U.S." -> "us", "Oscars" -> "oscar")."""
    return stemmer().stemWord(word.lower().replace(".", ""))


def _theme(verb):
    """The head of what ``verb`` acts on: its passive subject, else its object, else its subject."""
    for dep in ("nsubjpass", "dobj", "nsubj"):
        for child in verb.children:
            if child.dep_ == dep and child.lower_ not in ("who", "whom", "what", "which"):
                return child
    return None


def _marks(token) -> bool:
    """Does a word with digits mark which thing is meant ("Chronicles 2", "Pixel 5a"), rather than give a
    year or count a common noun ("the 102 soldiers", "1,000 of its soldiers")?"""
    if not any(ch.isdigit() for ch in token.text) or YEAR.fullmatch(token.text):
        return False
    partitive = any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)
    return not (token.like_num and (partitive or (token.dep_ == "nummod" and token.head.pos_ == "NOUN")))


def _speaker_asked(root: Token | None) -> tuple[str | None, Token | None, str | None]:
    """Whose words a question asks for, the head of their topic and whom they told: ("Maria Zakharova",
    soldiers, "TASS") in "What did Maria Zakharova tell TASS about Ukraine's soldiers?". The object of a
    verb of telling is its listener ("tell Stumpf", "tell USA Today"), of another its topic ("describe the
    attack", "call Trump"); of "ask" neither ("speech_question_verbs.txt"). A question that asks who spoke
    ("Who said ...?"), names no one ("What did officials say?") or asks about what was announced ("When was
    Pixel 5a announced?") asks for no one's words."""
    extra = lexicons.kinds("speech_question_verbs")
    if root is None:
        return None, None, None
    if root.lemma_.lower() not in lexicons.words("reporting_verbs") | extra.keys() and not gives_words(root):
        return None, None, None
    if root.tag_ in ("VBN", "VBD") and any(t.lemma_ == "be" for t in root.doc[: root.i]):  # "When was X announced?"
        return None, None, None  # the parser may take the passive's "was" for punctuation and its subject for a doer
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.pos_ == "NOUN":  # "former Mexican president Felipe Calderon": the name
        subject = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), subject)
    names = [t for t in subject.subtree if t.dep_ == "compound" or t == subject] if subject is not None else []
    if not any(t.pos_ == "PROPN" for t in names):  # the tagger may take a surname for a noun: "Dmytro Lubinets"
        return None, None, None
    if any(t.tag_ in ("WDT", "WP", "WP$") for t in subject.subtree):  # "Which White House contender said ...?"
        return None, None, None
    if extra.get(root.lemma_.lower()) == "asking":  # whom they asked is named as the answer pleases
        return subject.doc[min(t.i for t in names) : subject.i + 1].text, None, None
    about = [g for c in root.children if c.lower_ == "about" for g in c.children if g.dep_ == "pobj"]
    if gives_words(root):  # "a reason for the delay"; not the half of a hyphenated noun ("shake-up": "up")
        about += [
            g
            for c in root.children
            if c.lower_ == "for"
            for g in c.children
            if g.pos_ == "NOUN" and g.doc[g.i - 1].text != "-"
        ]
    # "USA Today" parses as an adverb of time: a name after the verb is an object all the same
    told = [c for c in root.children if c.dep_ in ("dobj", "dative") or (c.dep_ == "npadvmod" and c.pos_ == "PROPN")]
    # not "What", "them", "Tuesday" ("tell reporters Tuesday") or a preposition the parser took for a dative
    told = [c for c in told if c.pos_ not in ("PRON", "ADP") and c.ent_type_ not in ("DATE", "TIME") and c.i > root.i]
    told = [c for c in told if c.lemma_.lower() not in lexicons.words("occasion_nouns")]  # where, not whom
    listener = told.pop(0) if told and root.lemma_.lower() in lexicons.words("listener_verbs") else None
    responding = extra.get(root.lemma_.lower()) == "responding"
    if responding:  # what a response answers is no topic it must name: "questions about his taxes" has one
        about = [
            g
            for o in _responded_to(root)
            for c in o.children
            if c.lower_ in ("about", "on", "over")
            for g in c.children
            if g.dep_ == "pobj"
        ]
    topic = next((t for t in about + ([] if responding else told) if t.pos_ != "PRON"), None)
    start = min(t.i for t in names)
    speaker = subject.doc[start : subject.i + 1].text
    person = not any(t.ent_type_ in ("ORG", "GPE", "NORP", "LOC", "FAC") for t in names)  # not a body or a place
    if responding and speaks_for(speaker) is None and not (person and _answers_words(root)):
        return None, None, None  # how Russia responded may be what it did; how its spokesman did, what he said
    return (
        speaker,
        topic,
        _listener_text(listener) if listener is not None else None,
    )


def _names_in(phrase: Token) -> tuple[str, ...]:
    """The names in the phrase ``phrase`` heads: "Manafort", "Ukraine" of "Manafort's work in Ukraine"."""
    runs: list[list[Token]] = []
    for token in (t for t in phrase.subtree if t.pos_ == "PROPN"):  # "Donald Trump's plan": one name
        if runs and runs[-1][-1].i + 1 == token.i:
            runs[-1].append(token)
        else:
            runs.append([token])
    return tuple(" ".join(t.text for t in run) for run in runs)


def gives_words(verb: Token) -> bool:
    """Does ``verb`` put something said that the question asks for ("What reason did Carson give?", "What
    warning did the agency issue?"; ``speech_nouns.txt``)?"""
    said = lexicons.kinds("speech_nouns")
    if said.get(verb.lemma_.lower()) != "verb":
        return False
    # the thing said is what is asked ("When did she issue the warning?" asks a date); the parser may take
    # "What reason" for the subject
    asked = (t for t in verb.doc if any(c.dep_ == "det" and c.lower_ in ("what", "which") for c in t.children))
    return any(said.get(t.lemma_.lower()) == "noun" for t in asked)


def _responded_to(verb: Token) -> list[Token]:
    """What a verb of responding answers: "the charge" of "answer the charge", "her account" of "respond to
    her account"."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return objects + [g for p in verb.children if p.lower_ == "to" for g in p.children if g.dep_ == "pobj"]


def _answers_words(verb: Token) -> bool:
    """Does a verb of responding answer something said ("respond to her account", "answer the charge";
    ``speech_nouns.txt``, ``claim_nouns.txt``)? Then a person's response asked for is their words."""
    said = {w for w, kind in lexicons.kinds("speech_nouns").items() if kind == "noun"} | lexicons.words("claim_nouns")
    return any(o.lemma_.lower() in said for o in _responded_to(verb))


@cache
def speaks_for(speaker: str) -> tuple[str, str] | None:
    """(``principal``, ``agent``) when a speaker asked about is someone's agent: ("Hillary Clinton", "campaign")
    for "Hillary Clinton's campaign" or "the Clinton campaign" (``agent_nouns.txt``); None for a speaker in
    their own name."""
    match = re.fullmatch(r"(?:the )?(?P<principal>[A-Z].*?)(?:['’]s?)? (?P<agent>[a-z]+)", speaker.strip())
    agents = {word for line in lexicons.words("agent_nouns") for word in line.split()}
    if match is None or match.group("agent").removesuffix("s") not in agents:
        return None
    return match.group("principal"), match.group("agent").removesuffix("s")


def _listener_text(token: Token) -> str:
    """The listener's name as the question writes it, without a determiner or possessor: "USA Today", "the
    crowd" -> "crowd", "CNN's Jake Tapper" -> "Jake Tapper", "African-Americans"."""
    dropped = {t.i for c in token.children if c.dep_ in ("det", "poss") for t in c.subtree}
    start = min((t.i for t in token.subtree if t.i <= token.i and t.i not in dropped), default=token.i)
    return token.doc[start : token.i + 1].text


def _identity(doc) -> str | None:
    """The name in "Who is Dmitry Usov?", which asks what a named person is (a role, a description), not for
    a person's name; None for other questions."""
    rest = [t for t in doc if not t.is_punct and t.lower_ not in ("who", "whom") and t.lemma_ != "be"]
    if rest and doc[0].lower_ == "who" and any(t.lemma_ == "be" for t in doc) and all(t.pos_ == "PROPN" for t in rest):
        return " ".join(t.text for t in rest)
    return None


_POSSESSIVE = re.compile(r"\s*['’]s?$")


def _names(doc) -> list[tuple[int, int, str]]:
    """The named entities of the question, and runs of proper nouns the entity recogniser missed (not a
    month or a weekday: a month is a constraint of its own, a weekday is dated by its article)."""
    spans = [(e.start, e.end, e.text) for e in doc.ents if e.label_ in _NAME_LABELS]
    covered = {i for start, end, _ in spans for i in range(start, end)}
    covered |= {t.i for t in doc if _month(t) or (t.ent_type_ == "DATE" and t.text.capitalize() in WEEKDAYS)}
    run: list = []
    for token in [*doc, None]:
        if token is not None and token.pos_ == "PROPN" and token.text[:1].isupper() and token.i not in covered:
            run.append(token)
            continue
        if run:
            spans.append((run[0].i, run[-1].i + 1, " ".join(t.text for t in run)))
            run = []
    merged: list[tuple[int, int, str]] = []
    for start, end, text in sorted(spans):  # "Washington, D.C.": a place and the one it lies in name one place
        previous = merged[-1] if merged else None
        if previous is not None and previous[1] + 1 == start and _places_in(doc, start):
            merged[-1] = (previous[0], end, f"{previous[2]}, {text}")
        else:
            merged.append((start, end, text))
    return merged


@cache
def _month_terms() -> frozenset[str]:
    return frozenset(terms(" ".join(MONTHS)))


def _month(token: Token) -> str | None:
    """The month a date's word names ("June", "Sept."), not one who does something ("What did May say?")."""
    word = token.text.rstrip(".").capitalize()
    month = next((m for m in MONTHS if month_pattern(m).fullmatch(word)), None)
    if month is None or token.ent_type_ != "DATE" or not token.text[:1].isupper() or token.dep_ == "nsubj":
        return None
    return month


def _group_word(span: Span) -> Token | None:
    """The noun ``span`` describes when it is a people or party ("voters" of "Republican primary voters",
    "soldiers" of "Ukrainian soldiers"); None for one named as a party to the event ("Republicans voted") or
    part of a name ("the Republican National Committee")."""
    root = span.root
    # an adjective, or a people's or party's word before people ("Iraqi troops", "Tory MPs"); "The Blacklist
    # premiere" names a show
    compound = root.dep_ == "compound" and (root.lower_ in demonyms() or root.head.tag_ == "NNS")
    adjective = root.dep_ == "amod" or compound
    described = root.ent_type_ == "NORP" and adjective and root.head.pos_ == "NOUN"
    return root.head if described else None


def _places_in(doc, start: int) -> bool:
    """Is ``doc[start - 1]`` a comma between two places (GPE)?"""
    return doc[start - 1].text == "," and doc[start - 2].ent_type_ == "GPE" and doc[start].ent_type_ == "GPE"


MIN_SCENE_WORDS = 3  # a clause before the main question has at least this many words ("When X said Y, ...")


def _main_question(question: str) -> str:
    """The question after a clause that sets its scene: "did Trump accept that reading?" of "When Hewitt
    suggested ..., did Trump accept that reading?". Unchanged when it opens with no such clause, or when the
    clause is a list of question words ("When, where and why did it happen?")."""
    first, second = ([*question.lower().split(), ""])[:2]
    if first not in lexicons.words("subordinators") or second in _AUXILIARIES:  # "When did ...": it asks when
        return question
    for match in re.finditer(r",\s+(\w+)", question):
        if len(question[: match.start()].split()) < MIN_SCENE_WORDS:
            continue
        opening = match.group(1).lower()
        if opening in _RELATIVES and "," in question[match.end() :]:
            continue  # "When Ban, who was then in office, visited Seoul, did he ...?": a relative clause
        if opening in _AUXILIARIES or opening in _WH_WORDS:
            return question[match.start(1) :]
    return question


# ", and what did he say ...?", ", and on which channel?": a second question joined to the first (not "... and
# was named player of the match?", one question with two verbs)
_SECOND_QUESTION = re.compile(
    rf"(?i),\s+and\s+(?=(?:(?:on|in|at|by|for|from|with|to)\s+)?(?:{'|'.join(sorted(_WH_WORDS))})\b)"
)


def _question_parts(question: str) -> list[str]:
    """The questions ``question`` joins: "Where did Lind go after the vote?" and "What did she say there?" of
    "Where did Lind go after the vote, and what did she say there?". A single question is its only part, and
    so is a list of question words ("When, where and why did it start?")."""
    first, *rest = _SECOND_QUESTION.split(question)
    opening = _SECOND_QUESTION.split(_main_question(question))[0]
    if not rest or set(re.findall(r"[\w'’-]+", opening.lower())) <= _WH_WORDS:
        return [question]
    parts = [first.rstrip(" ,;"), *rest]
    return [f"{part[:1].upper()}{part[1:].rstrip(' ?')}?" for part in parts]


def _asks_another_kind(question: str, kind: str, answer_type: str | None) -> bool:
    """Does ``question`` join a second question of another kind to its main one ("Where did Lind go after the
    vote, and what did she say there?")? Then no sentence need give both: one that says what she said answers,
    though it names no place, so the question is read as an open one."""
    return any(
        (asked := analyse(part)).kind != kind or asked.answer_type != answer_type
        for part in _question_parts(question)[1:]
    )


def _kind(question: str, words: list[str], doc) -> str:
    main = _main_question(question)
    if main != question:
        words = re.findall(r"[\w'’-]+", main.lower())
        question = main
    if not words:
        return "open"
    first = words[0]
    if _NUMBER_QUESTION.search(question):
        return "number"
    if first in ("who", "whom", "whose"):
        return "who"
    if first == "when" or re.search(r"(?i)\b(?:what|which) (?:exact )?(?:date|day|year|month)\b", question):
        return "when"
    if first == "where" and not any(t.lemma_.lower() in lexicons.words("position_verbs") for t in doc):
        return "where"  # "Where does she stand on trade?" asks for a position (``position_verbs.txt``)
    if first == "why" or _asks_reason(doc):
        return "why"
    if first in _AUXILIARIES:
        return "yes_no"
    return "open"


def _asks_reason(doc) -> bool:
    """A why question in other words: "How come ...?", "What motivates defectors?", "What do sources say drives
    them?", "What is the reason for ...?", "What motives did they give?" (``reason_questions.txt``)."""
    table = lexicons.kinds("reason_questions")
    if doc[:2].text.lower() == "how come":
        return True
    if doc[0].lower_ not in ("what", "which"):
        return False
    for token in doc[1:]:
        kind = table.get(token.lemma_.lower()) or table.get(token.lower_.removesuffix("s"))
        children = list(token.children)
        # "What caused ...", "What do sources say motivates ...": the asked "what" is the verb's subject.
        subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("what", "which")]
        bare = not subjects and not any(c.dep_ == "det" for c in children)
        # a verb word read as a noun counts only as the question's root ("What drives them?"), not as a thing
        # named ("What weapons did Ukrainian forces seize?")
        verb = token.pos_ == "VERB" or (token.pos_ == "NOUN" and token.dep_ == "ROOT")
        if kind in ("verb", "either") and verb and bare:
            return True
        # "What reasons ...?", "What is the reason ...?"
        asked = any(c.lower_ in ("what", "which") for c in children)
        what_is = token.dep_ in ("nsubj", "attr") and token.head.pos_ == "AUX"
        if kind in ("noun", "either") and token.pos_ == "NOUN" and (asked or what_is):
            return True
    return False


def _named_noun(doc) -> str | None:
    """The noun whose name is asked: "the name of the station", "the station's name", "what is the station
    called?" (its lemma, lower case)."""
    for token in doc:
        if token.lemma_.lower() == "name" and token.pos_ == "NOUN":
            of = [c for p in token.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"]
            owner = [c for c in token.children if c.dep_ == "poss" and c.pos_ == "NOUN"]
            if of or owner:
                return (of or owner)[0].lemma_.lower()
        if token.lower_ in ("called", "named") and doc[0].lower_ == "what":
            subject = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"]
            if subject:
                return subject[0].lemma_.lower()
    return None


def _asked_noun_type(doc) -> str | None:
    """The type of the noun a "which/what X" question asks for ("which city" -> place), or of a bare
    "<topic> location" query."""
    nouns = answer_nouns()
    for token in doc:
        if token.lower_ in ("which", "what") and token.dep_ == "det" and token.head.lemma_.lower() in nouns:
            return nouns[token.head.lemma_.lower()]
        if token.lower_ == "which" and token.dep_ == "det" and token.head.ent_type_ == "NORP":
            return "person"  # "Which Democrat is running ...?": a party's or a people's member
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    if root.pos_ == "NOUN" and root.lemma_.lower() in nouns:
        return nouns[root.lemma_.lower()]
    if root.pos_ == "AUX" and doc[0].lower_ in ("what", "which"):  # "What was Tesla's revenue ...?"
        subject = next((t for t in root.children if t.dep_ in ("nsubj", "attr") and t.pos_ == "NOUN"), None)
        if subject is not None and subject.lemma_.lower() in nouns:
            return nouns[subject.lemma_.lower()]
    return None


def _is_idiomatic_place(ordinal: Token) -> bool:
    """ "Why did he run in the first place?": "in the first place" means "at all" and picks no place (a rank
    is "in first place", without the article; asked for by a who or a when question)."""
    place = ordinal.head
    return (
        place.lemma_.lower() == "place"
        and place.dep_ == "pobj"
        and place.head.lower_ == "in"
        and any(c.lower_ == "the" and c.dep_ == "det" for c in place.children)
    )


def _answer_count(doc: Doc, asked: tuple[int, int] | None) -> str:
    """The question without the count of the asked noun phrase ("two" in "Which two Asian leaders did Obama
    meet?"): a passage that names the two leaders need not write "two"."""
    counts = [t for t in doc if t.like_num and t.i > 0 and doc[t.i - 1].lower_ in ("which", "what")]  # a misparse
    counts += [t for t in doc[asked[0] : asked[1]] if t.dep_ == "nummod" and t.like_num] if asked else []
    # a count of plural things, not a modifier ("Which 17-year-old skater", "What five-year plan")
    count = next((t for t in counts if t.head.tag_ in ("NNS", "NNPS") and doc[t.i + 1].text != "-"), None)
    return doc.text if count is None else doc.text[: count.idx] + doc.text[count.idx + len(count) :]


def _asked_span(doc) -> tuple[int, int] | None:
    """The token span of "which X" / "what X": the asked-for noun phrase is not a constraint."""
    for token in doc:
        if token.lower_ in ("which", "what") and token.dep_ == "det":
            head = token.head
            return head.left_edge.i, head.i + 1
    return None


def without_answer(rewrite: str, follow_up: str, given: str) -> str:
    """``rewrite``, a follow-up made standalone, without the dates and figures of the type ``follow_up`` asks
    for that neither it nor ``given`` (the earlier question) states, and the prepositions that carried them.

    Why: the model rewrites "When did that happen?" from the previous answer and copies its date into the
    question ("When did Ukraine capture 102 soldiers on August 14?"); a value the question already holds is
    no longer an answer to it, so the one sentence that gives it would be passed over.
    """
    question = analyse(follow_up)
    if question.answer_type not in LEAKING_TYPES:
        return rewrite
    doc = nlp.parse(rewrite, ner=True)
    known = f"{follow_up} {given}".lower()
    drop = {t.i for e in doc.ents if e.label_ in question.labels and e.text.lower() not in known for t in e}
    if not drop:
        return rewrite
    for token in doc:  # "on Wednesday, August 14": the preposition goes with what it carried
        if token.dep_ == "prep" and all(t.i in drop or t.is_punct for t in token.subtree if t != token):
            drop |= {t.i for t in token.subtree}
    for token in doc:  # "... in one go on August 14, during ...": the comma that closed it too
        run = token.i - 1
        while run in drop:
            run -= 1
        if token.text == "," and token.i - 1 in drop and run >= 0 and not doc[run].is_punct:
            drop.add(token.i)
    text = "".join(t.text_with_ws for t in doc if t.i not in drop)
    text = re.sub(r"\s*,(?=\s*[,?.!]|\s*$)", "", text)  # a comma left before another or the end
    return re.sub(r"\s+([?.!,])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()


def _without(text: str, *patterns: re.Pattern) -> str:
    for pattern in patterns:
        text = pattern.sub(" ", text)
    return text


@cache
def answer_nouns() -> dict[str, str]:
    """Nouns whose answer has a type: "city" -> place, "actor" -> person (``answer_nouns.tsv``)."""
    table = {}
    for entry in lexicons.words("answer_nouns"):
        noun, _, kind = entry.partition(" ")
        table[noun] = kind.strip()
    return table
