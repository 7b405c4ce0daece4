"""Attribution frames of one parsed sentence, read off spaCy's dependency tree.

A cue is a reporting predicate: a verb of the cue lexicon ("said", "told", "wrote", "argued", ...) with a
subject, or "according to". Its source is the verb's subject (or the agent of a passive, "by X"; the
subject of the clause a participle hangs from, "..., adding that"; the noun a relative clause describes,
"officials who said"), and its content is its clausal complement or object, or the sentence around a
parenthetical cue ("Ideology, he said, was ..."), or the quotation the cue speaks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache, lru_cache

from spacy.tokens import Span, Token

from rag import nlp
from rag.attribution.lexicon import FRAMED, cue_entries
from rag.lexicons import words

# A verb lemma counts as a cue when at least this share of its framed uses in PolNeAR's train split are
# annotated cues, and at least ``MIN_CUES`` of them are.
MIN_RATE = 0.3
MIN_CUES = 3
# Counts of a lemma in one structure decide only when it was seen in that structure this often.
MIN_SEEN = 8
# Subjects longer than this many words are not taken as sources (a clause misparsed as a subject).
MAX_SOURCE_WORDS = 40

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_STRUCTURES = ("ccomp", "xcomp", "dobj", "oprd", "parataxis", "advcl", "intj", "prep")
_CONTENT_DEPS = frozenset(_STRUCTURES)
_NOUN_MODIFIERS = frozenset({"compound", "amod", "nmod", "poss"})
_CLAUSES = frozenset({"ccomp"})  # what a listener verb's object heard ("told the jury, prosecutors said": an aside)
# Prepositions whose object is what was said or thought ("spoke about X", "warned of X", "railed against X").
_CONTENT_PREPS = frozenset({"about", "of", "on", "against", "for"})
_ADVERBIALS = frozenset({"prep", "npadvmod", "advmod", "agent"})
_CLOSING_QUOTES = frozenset("\"”’'")
# Dependents of a cue verb that belong to the cue itself ("has also said", "pointed out").
_CUE_LEFT = frozenset({"aux", "neg", "advmod"})
_CUE_RIGHT = frozenset({"prt"})
# Clauses a participle cue hangs from ("..., adding that", "..., saying").
_PARTICIPLE_DEPS = frozenset({"advcl", "xcomp", "conj", "acl"})
_QUOTES = frozenset({*"\"“”‘’«»'", "''", "``"})
_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
_SOURCE_TRIM = frozenset({"DET", "PUNCT", "CCONJ", "ADP", "VERB", "AUX", "SCONJ", "PART"})


@dataclass(frozen=True)
class RawFrame:
    """A frame in document character offsets; ``kind`` says how the content was found."""

    source: tuple[int, int]
    cue: tuple[int, int]
    content: tuple[int, int]
    kind: str
    via: tuple[int, int] | None = None
    pronoun: bool = False
    proper: bool = False
    backward: bool = False  # the content is the sentence before ("This was reported to X by ...")
    forward: bool = False  # the content is the sentence after ("The governor added:")
    antecedent: tuple[int, int] | None = None  # the name a pronoun source refers to within the sentence
    structure: str = ""  # how the content hangs from the cue: "ccomp", "xcomp", "dobj", "quote", ...
    lemma: str = ""

    @property
    def speaker(self) -> str:
        """ "name" for a source that names someone or is a pronoun, "noun" for a description."""
        return "name" if self.proper or self.pronoun else "noun"


def is_cue(lemma: str, structure: str, speaker: str, pos: str = "VERB") -> bool:
    """Is a verb ``lemma`` whose content hangs from it as ``structure``, said by a ``speaker`` ("name" for
    a name or pronoun, else "noun"), a reporting cue?

    Decided by the train-split counts of that lemma with that structure and speaker where seen often
    enough, else with that structure, else over all its framed uses.
    """
    entries = cue_entries()
    for key in (f"{structure}/{speaker}", structure, FRAMED):
        entry = entries.get((lemma.lower(), pos, key))
        if entry is not None and (entry.seen >= MIN_SEEN or key == FRAMED):
            return entry.cues >= MIN_CUES and entry.rate >= MIN_RATE
    return False


def may_have_cue(text: str) -> bool:
    """Could :func:`sentence_frames` find a frame in ``text``: can one of its words be lemmatised to a cue
    (or is it "according")? Read off the tokenizer alone, this spares the parser about a fifth of news
    sentences, which hold no cue."""
    return any(_may_be_cue(word) for word in nlp.lower_words(text))


@lru_cache(maxsize=1 << 16)
def _may_be_cue(word: str) -> bool:
    return word == "according" or bool(nlp.lemma_candidates(word) & _cue_lemmas())


@cache
def _cue_lemmas() -> frozenset[str]:
    """The lemmas :func:`is_cue` can accept under some structure and speaker."""
    return frozenset(e.lemma for e in cue_entries().values() if e.cues >= MIN_CUES and e.rate >= MIN_RATE)


def sentence_frames(sent: Span, base: int) -> list[RawFrame]:
    """The frames whose cue is in ``sent``; offsets are ``base`` plus the token offsets."""
    frames = []
    for token in sent:
        frame = according_frame(token, sent, base)
        if frame is None and token.pos_ == "VERB":
            citing = token.lemma_.lower() in words("citing_cues")
            someone = citing and _cites_someone(token)
            frame = citing_frame(token, sent, base) if someone else None
            if frame is None and not someone:
                frame = verb_frame(token, sent, base)  # "He cited the exclusion of ...": he is the source
            if frame is not None and not is_cue(token.lemma_, frame.structure, frame.speaker):
                frame = None
        elif frame is None and token.pos_ == "NOUN":
            frame = noun_frame(token, sent, base)
            if frame is not None and not is_cue(token.lemma_, frame.structure, frame.speaker, "NOUN"):
                frame = None
        if (
            frame is not None
            and all(a < b for a, b in (frame.source, frame.cue, frame.content))
            and _says(frame, sent, base)
        ):
            frames.append(frame)
    return frames


def _says(frame: RawFrame, sent: Span, base: int) -> bool:
    """Does the content hold a word or a figure (not only a quotation mark, as a misread mark gives)?"""
    start, end = frame.content[0] - base - sent.start_char, frame.content[1] - base - sent.start_char
    return frame.backward or frame.forward or any(c.isalnum() for c in sent.text[max(start, 0) : end])


def according_frame(token: Token, sent: Span, base: int) -> RawFrame | None:
    """ "according to X": the source is X, the content the rest of the clause."""
    if token.lower_ != "according" or token.i + 1 >= sent.end or token.nbor().lower_ != "to":
        return None
    to = token.nbor()
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    source = _source_span(objects[0])
    if source is None:
        return None
    phrase_start, phrase_end = token.i, max(t.i for t in to.subtree) + 1
    content = _remainder(sent, phrase_start, phrase_end)
    if content is None:
        return None
    return _make(objects[0], source, (token.i, to.i + 1), content, "according_to", base, sent)


def verb_frame(verb: Token, sent: Span, base: int) -> RawFrame | None:
    """A reporting verb with its source and content, or None where either is missing.

    Reduced relatives ("a book written by X") are not reports; an infinitive ("went on Twitter to
    applaud") gets a structure of its own ("to-" and its complement's), so the lexicon decides it apart.
    """
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return None
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if infinitive and (
        (verb.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in verb.head.children))
        or any(c.dep_ == "nsubj" for c in verb.children)
    ):
        return None  # "Putin instructed Gerasimov to report", "allow soldiers to lay down": not reports
    source_word, passive_agent = _speaker(verb)
    if source_word is None:
        return None
    source = _source_span(source_word)
    if source is None:
        return None
    cue = _cue_tokens(verb, passive_agent)
    if source[0] <= verb.i < source[1]:
        return None  # a misparse: "deals that prioritize X, and rejecting Y" is no one who rejects
    content, kind, structure = _content(verb, sent, source, cue)
    others = [c for c in verb.children if c.dep_ == "nsubj" and c.i < source[0]]
    doc = sent.doc
    commas = source[0] > 0 and doc[source[0] - 1].text == "," and verb.i + 1 < len(doc) and doc[verb.i + 1].text == ","
    if others and commas and content is not None and others[0].left_edge.i < content[1]:
        # "Many of those detained, the source claimed, are ...": the first subject belongs to the content.
        content, kind, structure = (others[0].left_edge.i, content[1]), "parenthetical", "parenthetical"
    if verb.dep_ == "acl" and structure not in ("ccomp", "quote"):
        return None  # "soldiers seeking asylum" is no report; "a statement saying that ..." is
    backward = forward = False
    if content is None and passive_agent is not None and _points_back(verb):
        content, kind, structure, backward = (sent.start, sent.end), "back_reference", "back_reference", True
    elif content is None and _only_cue(sent, source, cue) and sent.text.rstrip().endswith(":"):
        # "The governor added:" introduces the quotation that follows.
        content, kind, structure, forward = (sent.start, sent.end), "quote", "quote_after", True
    elif content is None and _only_cue(sent, source, cue):
        # "“Why's he attacking me?” Trump said.": the quotation is the sentence before.
        content, kind, structure, backward = (sent.start, sent.end), "quote", "quote_before", True
    if content is None:
        return None
    frame = _make(source_word, source, cue, content, kind, base, sent)
    structure = f"to-{structure}" if infinitive else structure
    frame = replace(frame, structure=structure, lemma=verb.lemma_.lower())
    antecedent = _clause_antecedent(source_word)
    if antecedent is not None:
        last = sent.doc[antecedent[1] - 1]
        frame = replace(frame, antecedent=(base + sent.doc[antecedent[0]].idx, base + last.idx + len(last)))
    via = _recipient_outlet(verb) if backward else None
    if via is not None:
        frame = replace(frame, via=(base + via[0], base + via[1]))
    return replace(frame, backward=backward, forward=forward)


def citing_frame(verb: Token, sent: Span, base: int) -> RawFrame | None:
    """ "X, citing Y, reported that ..." / "a report by X, which cited Y claiming ...": Y via X."""
    if verb.lemma_.lower() not in words("citing_cues"):
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return None
    source = _source_span(objects[0])
    if source is None:
        return None
    cue = (verb.i, verb.i + 1)
    taken = set(range(*source)) | set(range(*cue))
    clauses = [c for c in objects[0].children if c.dep_ == "acl" and c.tag_ == "VBG"]
    clauses += [  # "quoted Smith as saying that ..."
        p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pcomp"
    ]
    content = None
    for clause in clauses:  # "unnamed sources claiming that ..."
        complements = [c for c in clause.children if c.dep_ in ("ccomp", "xcomp", "dobj")]
        if complements:
            content = _trim(sent, complements[0].left_edge.i, complements[0].right_edge.i + 1, taken)
    if content is None and verb.dep_ in _PARTICIPLE_DEPS and verb.head.pos_ == "VERB":
        content, _, _ = _content(verb.head, sent, (verb.i, verb.i), (verb.i, verb.i))
    if content is None:
        return None
    frame = _make(objects[0], source, cue, content, "paraphrase", base, sent)
    frame = replace(frame, structure="citing", lemma=verb.lemma_.lower())
    outlet, _ = _speaker(verb)
    if outlet is not None:
        via = _outlet_span(outlet)
        last = sent.doc[via[1] - 1]
        frame = replace(frame, via=(base + sent.doc[via[0]].idx, base + last.idx + len(last)))
    return frame


def _cites_someone(verb: Token) -> bool:
    """Does "cite"/"quote" name a speaker as its object ("citing sources", "quoted Smith as saying")?"""
    return any(
        c.dep_ == "dobj"
        and (
            c.pos_ in ("PROPN", "PRON")
            or c.lemma_.lower() in words("anonymous_sources") | words("anaphor_nouns") | words("speaker_nouns")
        )
        for c in verb.children
    )


def _outlet_span(word: Token) -> tuple[int, int]:
    """The name of a reporting outlet: "RT" in "a report by RT on August 6", else the speaker's span."""
    if word.pos_ != "PROPN":
        for prep in word.children:
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "in"):
                names = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
                if names:
                    return names[0].left_edge.i, names[0].i + 1
    return _source_span(word) or (word.i, word.i + 1)


def noun_frame(noun: Token, sent: Span, base: int) -> RawFrame | None:
    """A reporting noun: "Trump's claim that ...", "criticism of X from Democrats", "his support for X"."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if not owners:
        owners = [
            obj
            for prep in noun.children
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from")
            for obj in prep.children
            if obj.dep_ == "pobj"
        ]
    if not owners:
        return None
    source = _source_span(owners[0])
    if source is None:
        return None
    clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" for m in c.children)]
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS and c.i > noun.i]
    part = (clauses or preps or [None])[0]
    if part is None:
        return None
    taken = set(range(*source)) | {noun.i}
    content = _trim(sent, part.left_edge.i, part.right_edge.i + 1, taken)
    if content is None:
        return None
    frame = _make(owners[0], source, (noun.i, noun.i + 1), content, "paraphrase", base, sent)
    structure = "noun-clause" if clauses else "noun-prep"
    return replace(frame, structure=structure, lemma=noun.lemma_.lower())


def _clause_antecedent(pronoun: Token) -> tuple[int, int] | None:
    """ "Moskalkova dismissed ..., as she suggested that ...": "he" or "she" heading a clause that hangs from a
    clause with a named subject refers to that subject, not to a speaker of an earlier sentence."""
    if pronoun.lower_ not in ("he", "she"):
        return None
    clause = pronoun.head
    while clause.dep_ in ("advcl", "conj", "ccomp", "xcomp", "relcl") and clause.head != clause:
        clause = clause.head
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pronoun.i]
        if subjects:
            named = subjects[0].pos_ == "PROPN" or any(t.pos_ == "PROPN" for t in subjects[0].lefts)
            return _source_span(subjects[0]) if named else None
    return None


def _speaker(verb: Token) -> tuple[Token | None, Token | None]:
    """The word heading the verb's source, and the "by" of a passive agent where the source is one."""
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0], child
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        subject = min(subjects, key=lambda c: abs(verb.i - c.i))  # "Many of those, the source claimed, are"
        if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
            return verb.head, None
        if subject.dep_ == "csubj":
            return None, None
        return subject, None
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return None, None
    # "..., adding that ...": the subject of the clause the participle hangs from.
    # "..., adding that ...", "by saying ...", "endorsed X and criticized Y": the subject of the clause the
    # verb hangs from (through a preposition for "by saying").
    head, steps = verb, 0
    while head.dep_ in _PARTICIPLE_DEPS | {"pcomp", "prep"} and head.head != head and steps < 4:
        head, steps = head.head, steps + 1
        if head.pos_ == "ADP" or (head.dep_ == "acl" and verb.tag_ in ("VBG", "VBN")):
            continue
        subjects = [c for c in head.children if c.dep_ in ("nsubj",)]
        if subjects and subjects[0].lower_ in _RELATIVE and head.dep_ == "relcl":
            return head.head, None  # "Mr. McConnell, who has endorsed X and criticized Y"
        if subjects and subjects[0].lower_ not in _RELATIVE:
            return subjects[0], None
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head, None  # "a statement by the party saying that ..."
    if verb.dep_ == "ROOT":
        return _left_noun_phrase(verb), None
    return None, None


def _left_noun_phrase(verb: Token) -> Token | None:
    """A subject the parser missed: the noun phrase just before a finite verb.

    "..., Senator Harry Reid, the minority leader, said": the name the apposition belongs to.
    """
    index = verb.i - 1
    while (
        index >= verb.sent.start
        and verb.doc[index].dep_ in ("aux", "neg", "advmod", "punct")
        and verb.doc[index].text != "."
    ):
        index -= 1
    if index < verb.sent.start or verb.doc[index].pos_ not in ("NOUN", "PROPN"):
        return None
    word = verb.doc[index]
    while word.dep_ in ("appos", "compound") and word.head.i < verb.i and word.head.pos_ in ("NOUN", "PROPN"):
        word = word.head
    return word if verb.tag_ in ("VBD", "VBZ", "VBP") else None


def _source_span(word: Token) -> tuple[int, int] | None:
    """The token span naming the speaker headed by ``word``: its subtree without clauses and quotations.

    A relative clause describing a named speaker ("Usov, who serves as ...") is left out; one that
    identifies an unnamed speaker ("officials who spoke on condition of anonymity") stays.
    """
    named = word.pos_ == "PROPN" or any(t.pos_ == "PROPN" for t in word.lefts)
    tokens = [word]
    for child in word.children:
        if child.dep_ in ("relcl", "acl") and (named or (child.dep_ == "acl" and child.tag_ != "VBN")):
            continue
        if child.dep_ == "punct" and child.text in _QUOTES:
            continue
        tokens.extend(child.subtree)
    indices = sorted(t.i for t in tokens)
    start, end = word.i, word.i + 1
    # A contiguous run around the head, never across a quotation mark.
    doc = word.doc
    while start - 1 >= indices[0] and start - 1 in indices and doc[start - 1].text not in _QUOTES:
        start -= 1
    while end <= indices[-1] and end in indices and doc[end].text not in _QUOTES:
        end += 1
    while start < word.i and doc[start].pos_ in _SOURCE_TRIM - {"DET"} | {"PUNCT"}:
        start += 1
    while end - 1 > word.i and (doc[end - 1].pos_ in _SOURCE_TRIM or doc[end - 1].lower_ in _RELATIVE):
        end -= 1
    # A name may hold an apostrophe or a hyphen ("O'Neill", "Al-Sisi"): one letter makes a word.
    if end - start > MAX_SOURCE_WORDS or not any(c.isalpha() for t in doc[start:end] for c in t.text):
        return None
    return start, end


def _cue_tokens(verb: Token, passive_agent: Token | None) -> tuple[int, int]:
    """The cue's token span: the verb with adjacent auxiliaries and adverbs before it, and its particle."""
    start, end = verb.i, verb.i + 1
    lefts = {t.i: t for t in verb.lefts if t.dep_ in _CUE_LEFT}
    while start - 1 in lefts:
        start -= 1
    rights = {t.i for t in verb.rights if t.dep_ in _CUE_RIGHT}
    while end in rights:
        end += 1
    if passive_agent is not None and passive_agent.i >= end and passive_agent.i - end <= 3:
        end = passive_agent.i + 1  # "reported to TASS by"
    return start, end


def _content(
    verb: Token, sent: Span, source: tuple[int, int], cue: tuple[int, int]
) -> tuple[tuple[int, int] | None, str, str]:
    """The attributed content of a cue verb, how it was found (its kind), and how it hangs from the verb."""
    taken = set(range(*source)) | set(range(*cue))
    # A clause subordinated by "with", "because", "after" ... is no aside ("..., with the rest already
    # determined"); "as" is one ("..., as Putin said").
    subordinated = any(c.dep_ == "mark" and c.lower_ != "as" for c in verb.children)
    interrupts = verb.dep_ == "parataxis" or (verb.dep_ == "advcl" and verb.i > verb.head.i and not subordinated)
    if interrupts and verb.head.i not in taken and not any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in verb.children):
        # "Ideology, he said, was ..." / "“...,” he said": the clause the cue interrupts.
        span = _quote_or(sent, verb, (verb.head.left_edge.i, sent.end))
        return span, "parenthetical", "parenthetical"
    parts = [c for c in verb.children if c.dep_ in _CONTENT_DEPS and c.i not in taken]
    parts = [c for c in parts if c.dep_ != "advcl" or _is_clausal_report(c)]
    clausal = [c for c in parts if c.dep_ != "prep"]
    if verb.lemma_.lower() in words("listener_verbs") and any(c.dep_ in _CLAUSES for c in clausal):
        clausal = [c for c in clausal if c.dep_ != "dobj"]  # "told CNN that ...", "“...,” she told CNN": who heard it
    parts = clausal or [c for c in parts if c.lower_ in _CONTENT_PREPS and c.i > verb.i][:1]
    if parts and min(c.left_edge.i for c in parts) < source[0] and max(c.right_edge.i for c in parts) >= source[1]:
        # The content never wraps its own source: keep the parts after the verb, else those before it.
        parts = [c for c in parts if c.i > verb.i] or [c for c in parts if c.right_edge.i < source[0]]
    if parts:
        start = min(c.left_edge.i for c in parts)
        end = max(c.right_edge.i for c in parts) + 1
        span = _trim(sent, start, end, taken)
        if span is not None:
            quoted = any(sent.doc[i].text in _QUOTES for i in (span[0] - 1, span[0]) if sent.start <= i < sent.end)
            structure = min((c.dep_ for c in parts), key=_STRUCTURES.index)
            return span, "quote" if quoted else "paraphrase", structure
    quote = _quotation(sent, verb)
    # '“...,” he added, noting that 200 countries signed': the quotation is his, whose cue stands between; not
    # in '“...,” the crowd chanted, police said', where the crowd's cue comes first
    cues_between = (a for a in verb.ancestors if a.lemma_.lower() in _cue_lemmas() and a.i < verb.i)
    if quote is not None and any(quote[1] <= a.i for a in cues_between):
        return None, "", ""
    if quote is not None:
        return quote, "quote", "quote"
    return None, "", ""


def _only_cue(sent: Span, source: tuple[int, int], cue: tuple[int, int]) -> bool:
    """Is the sentence just a source and a cue ("Trump said.", "said Mr. Rhodes."), after a quotation?"""
    words_ = [t.i for t in sent if not t.is_punct]
    inside = set(range(*source)) | set(range(*cue))
    for child in sent.doc[cue[1] - 1].children:
        if child.dep_ in _ADVERBIALS:  # "Lau said in a statement.", "Trump said Tuesday."
            inside.update(t.i for t in child.subtree)
    return bool(words_) and all(i in inside for i in words_)


def _is_clausal_report(clause: Token) -> bool:
    """An adverbial clause that is what was said ("..., saying that X" is not; "as X" is not)."""
    return clause.tag_ in ("VB", "VBD", "VBZ", "VBP") and not any(c.dep_ == "mark" for c in clause.children)


def _quote_or(sent: Span, verb: Token, span: tuple[int, int]) -> tuple[int, int]:
    return _quotation(sent, verb) or span


def _quotation(sent: Span, verb: Token) -> tuple[int, int] | None:
    """The quotation in ``sent`` nearest to ``verb`` (without the verb), as a token span with its marks."""
    opens = [t.i for t in sent if t.text in ("“", '"', "‘", "``", "''") or (t.text == "'" and t.whitespace_ == "")]
    best = None
    index = 0
    marks = [t.i for t in sent if t.text in _QUOTES]
    while index + 1 < len(marks):
        start, end = marks[index], marks[index + 1]
        if start in opens and end - start > 2 and not start <= verb.i <= end and not _names_a_thing(sent, start, end):
            distance = min(abs(verb.i - start), abs(verb.i - end))
            if best is None or distance < best[0]:
                best = (distance, start, end + 1)
        index += 2
    if best is None and len(marks) == 1 and marks[0] < verb.i and sent.doc[marks[0]].text in _CLOSING_QUOTES | {"''"}:
        return (sent.start, marks[0] + 1)  # the end of a quotation opened in an earlier sentence
    return (best[1], best[2]) if best else None


def _names_a_thing(sent: Span, start: int, end: int) -> bool:
    """Do the quotation marks at ``start`` and ``end`` enclose words that modify a noun outside them (the
    “Never Trump” movement)? Those name a thing; they are nobody's words."""
    inside = range(start + 1, end)
    heads = [t for t in sent.doc[start + 1 : end] if t.head.i not in inside]
    return bool(heads) and all(t.dep_ in _NOUN_MODIFIERS and t.head.pos_ in ("NOUN", "PROPN") for t in heads)


def _trim(sent: Span, start: int, end: int, taken: set[int]) -> tuple[int, int] | None:
    """The span without the cue and source at its edges and without edge punctuation."""
    doc = sent.doc
    while start < end and (start in taken or (doc[start].is_punct and doc[start].text not in _QUOTES)):
        start += 1
    while end > start and (end - 1 in taken or (doc[end - 1].is_punct and doc[end - 1].text not in _QUOTES)):
        end -= 1
    while start < end and doc[start].dep_ == "mark" and doc[start].lower_ == "that":
        start += 1
    return (start, end) if start < end and any(not doc[i].is_punct for i in range(start, end)) else None


def _remainder(sent: Span, phrase_start: int, phrase_end: int) -> tuple[int, int] | None:
    """The sentence around an adverbial phrase: what follows it when it opens the sentence, what precedes
    it when it closes it, and the whole sentence when it stands in the middle."""
    doc = sent.doc
    before = [i for i in range(sent.start, phrase_start) if not doc[i].is_punct]
    after = [i for i in range(phrase_end, sent.end) if not doc[i].is_punct]
    if not before:
        return _trim(sent, phrase_end, sent.end, set())
    if not after:
        return _trim(sent, sent.start, phrase_start, set())
    return _trim(sent, sent.start, sent.end, set())


def _points_back(verb: Token) -> bool:
    """ "This was reported to TASS by ...": a passive cue whose subject is a demonstrative pronoun."""
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    return (
        bool(subjects)
        and subjects[0].lower_ in ("this", "that", "it")
        and not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
    )


def _recipient_outlet(verb: Token) -> tuple[int, int] | None:
    """ "reported to TASS": the proper noun the report went to."""
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ == "PROPN":
                    return obj.left_edge.idx, obj.idx + len(obj)
    return None


def _make(
    head: Token,
    source: tuple[int, int],
    cue: tuple[int, int],
    content: tuple[int, int],
    kind: str,
    base: int,
    sent: Span,
) -> RawFrame:
    doc = sent.doc

    def chars(span: tuple[int, int]) -> tuple[int, int]:
        last = doc[span[1] - 1]
        return base + doc[span[0]].idx, base + last.idx + len(last)

    tokens = doc[source[0] : source[1]]
    anonymous = head.lemma_.lower() in words("anonymous_sources") and not any(t.pos_ == "PROPN" for t in tokens)
    return RawFrame(
        source=chars(source),
        cue=chars(cue),
        content=chars(content),
        kind="anonymous" if anonymous and kind != "back_reference" else kind,
        pronoun=head.pos_ == "PRON" and source[1] - source[0] == 1,
        proper=any(t.pos_ == "PROPN" for t in tokens),
    )
