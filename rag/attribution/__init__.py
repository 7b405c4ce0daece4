"""Attribution frames: who a claim is attributed to, by which reporting cue, and what exactly they said.

``detect(text)`` parses the text with spaCy (``rag.nlp``) and reads frames off the dependency tree
(``rag.attribution.parse``): the cue is a reporting predicate from the lexicon counted on PolNeAR's train
split ("said", "told", "wrote", "according to", "citing", ...), the source its subject or agent, the content
its clausal complement, object or quotation. Across the article:

- a pronoun or a definite description ("he", "the source", "the agency") is resolved to the speaker named
  earlier; the source offsets keep the words as written, ``source`` holds the name, ``inherited`` is true
  and ``antecedent_start``/``antecedent_end`` point at the earlier mention;
- a frame inside another frame's content speaks through it: ``via`` names the outer source ("TASS ...
  reported that Usov said ...": Usov via TASS);
- "This was reported to TASS by ..." frames the sentence before it; "reportedly" inherits the earlier
  outlet; reported speech that goes on in the next sentence of the paragraph inherits the frame.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, fields, replace
from functools import cache

from spacy.tokens import Doc, Span

from rag import lexicons
from rag.attribution.parse import RawFrame, may_have_cue, sentence_frames
from rag.attribution.patterns import AS_BY, is_labelled, label_frame, pattern_frames, signature_frames
from rag.lexical import mentions, stemmer
from rag.lexicons import words
from rag.nlp import cut, parse, pipe
from rag.sentences import (
    MAX_QUOTATION_SENTENCES,
    Sentence,
    announces_next,
    leaves_quotation_open,
    opens_quotation,
    quotation_start,
    split_sentences,
)

log = logging.getLogger(__name__)

CUE_WORDS = words("cue_words")
# A sentence of at least this many words, at least this share of them capitalised, is a headline.
HEADLINE_WORDS = 5
HEADLINE_SHARE = 0.7

_REPORTEDLY = re.compile(r"\b(?P<cue>reportedly|allegedly|purportedly)\b", re.IGNORECASE)
# An article's own voice reading minds or passing judgement: a claim that is the article's, not a fact.
_LOADED = re.compile(
    r"\b(?:panick?\w*|melt(?:s|ed|ing)? down|meltdown|desperat\w*|humiliat\w*|furious|fury|terrified|"
    r"worri(?:ed|es)|disgrac\w*|propaganda|cynical\w*|brutal\w*|calculated|(?:aims?|seeks?|wants?|hopes?|"
    r"intends?|tries|trying) to)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z]+")
_PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them", "it", "i", "we", "me", "us"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us"})
_AFTER_CLOSING = re.compile(r"[”\"][^”\"]*\w[^”\"]*$")  # words after a sentence's last closing mark
_PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}  # the pronouns that stand for one person
_PERSONS = frozenset(_PRONOUN_GENDER)
_TITLE_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
# A source written by surname, with at most a title before it: "Ms. Moore", "Sen. Moore", "Moore".
_BY_SURNAME = re.compile(r"(?:[A-Z][a-z]{1,4}\.\s+)?(?P<surname>[A-Z][\w’'-]+)")  # "McConnell", "O'Rourke"
PRONOUN_LOOKBACK = 2  # "she said" may refer to a person named as a subject this many sentences before
_ANAPHOR = re.compile(r"^(?:one of\s+)?(?:the|this|that|these|those)\s+(?:[\w-]+\s+){0,2}(?P<noun>[\w-]+?)s?$", re.I)
# What follows the head of an anonymous source: "sources *within* ...", "an official *who* ...".
_QUALIFIER = re.compile(r"\s(?:within|in|from|close to|familiar with|at|of|who|with|on)\s", re.IGNORECASE)
_OUTLET_SOURCES = re.compile(r"^(?P<via>[A-Z]{2,})\s+(?P<src>sources?|officials?)$")
# Reported speech carries on into the next sentence of a paragraph only from a frame of these kinds.
_SPEECH_KINDS = frozenset(
    {"quote", "paraphrase", "parenthetical", "anonymous", "according_to", "back_reference", "label", "signature"}
)
# Kinds that are reports by their form; a paraphrase is one when its cue reports speech or belief ("said",
# "believe") and a clause hangs from it, not for any verb PolNeAR's broad notion counts ("wants", "released").
_REPORT_KINDS = frozenset(
    {"quote", "parenthetical", "anonymous", "according_to", "back_reference", "reportedly", "label", "signature"}
)
_REPORT_STRUCTURES = frozenset({"ccomp", "parataxis", "quote", "quote_before", "citing", "noun-clause"})


@dataclass(frozen=True)
class Frame:
    """An attribution: ``source`` says the content, as signalled by ``cue`` (optionally ``via`` an outlet).

    Offsets are into the text given to :func:`detect`: ``text[source_start:source_end]`` is the source as
    written (for "he" or "the source", those words), ``text[content_start:content_end]`` exactly what is
    attributed. ``inherited`` is true where the source was resolved from an earlier mention (then at
    ``antecedent_start:antecedent_end``) or the whole frame carried over from an earlier sentence (then the
    source offsets point at the earlier mention). ``kind`` is how the frame was found: "quote",
    "paraphrase", "parenthetical", "according_to", "anonymous", "back_reference", "reportedly", "label"
    ("Pence: ..."), "signature" ("“...” ― Name") or "continued". ``reports`` is true for a report of what
    someone says or believes: the frames the answer policy keeps attributed (PolNeAR's broad annotation
    also counts "Ukraine wants to ..."). ``named`` is the full name of a source written by surname ("Ms.
    Moore"), from the article's earlier mention of them ("Minyon Moore, a Democratic strategist").
    """

    source: str
    cue: str
    source_start: int
    source_end: int
    cue_start: int
    cue_end: int
    content_start: int
    content_end: int
    via: str | None = None
    inherited: bool = False
    kind: str = ""
    antecedent_start: int | None = None
    antecedent_end: int | None = None
    reports: bool = True
    named: str | None = None

    @property
    def attribution(self) -> str:
        """A sentence opener that carries this frame: "According to TASS, citing sources in ...", with a source
        that opened its sentence written as inside one ("According to some analysts")."""
        label = self.label
        if label.split(" ", 1)[0].lower() in words("stopwords"):
            label = label[:1].lower() + label[1:]
        return f"According to {label}"

    @property
    def label(self) -> str:
        """Who the content is attributed to, as a short phrase: "TASS, citing sources in ..."."""
        if self.cites_sources:
            return f"{self.via}, citing {self.source}"
        return self.source

    @property
    def denied(self) -> bool:
        """Is the cue negated ("cannot say", "did not say"; not "did not just say")? Then the content is not the
        source's claim."""
        words = set(re.findall(r"[a-z]+", self.cue.lower().replace("n't", " not")))
        return bool(words & lexicons.words("negations")) and not words & lexicons.words("focus_adverbs")

    @property
    def cites_sources(self) -> bool:
        """Is the content told by sources an outlet cites ("TASS sources say", "Reuters, citing officials")?"""
        return bool(self.via) and not mentions(self.source, self.via or "")

    def aliases(self) -> list[str]:
        """Names by which an answer sentence may refer to this frame's source.

        The outlet, the full source, the qualifier of anonymous sources ("Russian security structures" for
        "sources within Russian security structures") and a named person's surname.
        """
        source = _strip_article(self.source)
        names = [self.source, source]
        if self.via:
            names.append(self.via)
        qualifier = re.sub(
            r"^(?:(?:a|an|the|one of the|some|unnamed|anonymous|confidential)\s+)*|\bsources?\b\s*"
            r"(?:within|in|from|close to)?\s*",
            "",
            source,
            flags=re.IGNORECASE,
        ).strip(" ,")
        if len(qualifier.split()) >= 2:
            names.append(qualifier)
        person = re.search(r"[A-Z][a-z]+(?:\s+[A-Z][a-z’'-]+)+$", source)
        if person:
            names.append(person.group().split()[-1])
        return list(dict.fromkeys(n for n in names if n))

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Frame:
        """A frame from :meth:`to_dict` (also one stored before ``kind`` and the antecedent existed)."""
        known = {f.name for f in fields(cls)}
        frame = cls(**{k: v for k, v in data.items() if k in known})
        return replace(frame, source=_clean(frame.source)) if frame.source else frame  # an index built before


def detect(text: str, every: bool = False) -> list[Frame]:
    """Detect the attribution frames of ``text``, in order of their content: the reports of speech and belief
    (``Frame.reports``), or with ``every`` all that PolNeAR's broad annotation counts ("Ukraine wants to
    ...", "the data suggest ...")."""
    sentences, raws = _parse(text)
    frames: list[Frame] = []
    placed: dict[int, list[int]] = {}  # sentence index -> the positions in ``frames`` of the frames it holds
    for raw in raws:
        index = _sentence_of(sentences, raw.cue[0])
        frame = _frame(text, raw)
        if raw.backward:
            back = sentences[index - 1] if index > 0 else None
            if back is None or (raw.structure == "quote_before" and not _ends_quoted(back, sentences[index])):
                continue
            frame = replace(frame, content_start=back.start, content_end=back.end)
            index -= 1
        elif raw.forward:
            if index + 1 >= len(sentences):
                continue
            ahead = sentences[index + 1]
            frame = replace(frame, content_start=ahead.start, content_end=ahead.end)
        if raw.antecedent is not None:  # "Moskalkova dismissed ..., as she suggested": she is Moskalkova
            start, end = raw.antecedent
            frame = replace(
                frame, source=_clean(text[start:end]), inherited=True, antecedent_start=start, antecedent_end=end
            )
        if frame.source.lower() not in _FIRST_PERSON:  # resolved once every frame is known
            frame = _resolve(frame, text, frames, sentences)
        if not (every or frame.reports):
            continue
        placed.setdefault(index, []).append(len(frames))
        if raw.forward:  # the quotation the cue introduces goes on from the next sentence
            placed.setdefault(index + 1, []).append(len(frames))
        frames.append(frame)
    for place, frame in enumerate(frames):
        if frame.source.lower() in _FIRST_PERSON:
            frames[place] = _first_person(frame, text, frames, sentences)
    by_sentence = {index: [frames[place] for place in places] for index, places in placed.items()}
    frames = _with_full_names(_nest(frames), text, sentences)
    for index, sentence in enumerate(sentences):
        if index in by_sentence:
            continue
        reportedly = _REPORTEDLY.search(sentence.text)
        if reportedly:
            frame = _reportedly_frame(sentence, reportedly, frames)
        else:
            frame = _continued(sentences, index, by_sentence)
        if frame is not None:
            frames.append(frame)
            by_sentence[index] = [frame]
    return sorted(frames, key=lambda f: (f.content_start, f.cue_start))


@cache  # a passage's headline is read once, not for every answer sentence drawn from it
def headline_frames(title: str, body: str) -> list[Frame]:
    """The reports a headline makes ("Kyiv in Shock as TASS Reveals Over 1,000 Ex-Ukrainian Soldiers Fight ..."),
    with offsets into ``title``.

    A title-case headline is read in sentence case first: a word keeps its capital where ``body`` (the article's
    text) writes it so mid-sentence, or where it is all capitals, so "TASS" and "Russia" stay names and "Reveals"
    becomes a verb.
    """
    if not _is_headline(title):
        return detect(title)
    return detect(_sentence_case(title, _names(body.replace(title, ""))))


def is_loaded(text: str) -> bool:
    """Does the text read someone's mind or pass judgement ("Putin is panicking", "melting down")?"""
    return _LOADED.search(text) is not None


def authorial_frame(sentence: Sentence, voice: str) -> Frame:
    """The article's own voice (``voice``: its outlet, or "the article") as the source of ``sentence``."""
    return Frame(
        source=voice,
        cue="",
        source_start=sentence.start,
        source_end=sentence.start,
        cue_start=sentence.start,
        cue_end=sentence.start,
        content_start=sentence.start,
        content_end=sentence.end,
    )


def frames_for_span(frames: list[Frame], start: int, end: int) -> list[Frame]:
    """The frames whose content overlaps ``text[start:end]``."""
    return [f for f in frames if f.content_start < end and start < f.content_end]


def parsed_sentences(
    text: str, cased: str | None = None, keep: Callable[[str], bool] | None = None
) -> Iterator[tuple[Sentence, tuple[int, int], Span | None]]:
    """Each sentence of ``text`` (``rag.sentences``' split, as chunks use) parsed.

    Yields the sentence, the offsets of the parsed piece in ``text`` and the piece as one spaCy span (a
    sentence longer than ``rag.nlp.MAX_PIECE`` is parsed in several pieces). ``cased``, a text of the same
    length (``text`` with its headlines in sentence case), is parsed in its place where given. A piece whose
    text ``keep`` rejects is not parsed: its span is None.
    """
    parsed = cased if cased is not None and len(cased) == len(text) else text
    pieces = [
        (sentence, span, keep is None or keep(parsed[span[0] : span[1]]))
        for sentence in split_sentences(text)
        for span in cut(text, sentence.start, sentence.end)
    ]
    docs = pipe(parsed[a:b] for _, (a, b), wanted in pieces if wanted)
    for sentence, span, wanted in pieces:
        yield sentence, span, next(docs)[:] if wanted else None


def _parse(text: str) -> tuple[list[Sentence], list[RawFrame]]:
    """The sentences of ``text`` and the frames found in each; a headline is parsed in sentence case."""
    cased = _headlines_cased(text)
    raws: list[RawFrame] = signature_frames(text)
    for _, span, sent in parsed_sentences(text, cased, keep=_may_frame):
        raws.extend(_sentence_raws(cased, sent, span))
    return split_sentences(text), raws


def _may_frame(piece: str) -> bool:
    """Can the parse find a frame in ``piece``: a cue word, or a speaker's label? Pattern frames need none."""
    return is_labelled(piece) or may_have_cue(piece)


def _headlines_cased(text: str) -> str:
    """``text`` with each headline in sentence case (its length unchanged)."""
    headlines = [s for s in split_sentences(text) if _is_headline(s.text)]
    if not headlines:
        return text
    starts, ends = [h.start for h in headlines] + [len(text)], [0] + [h.end for h in headlines]
    names = _names(" ".join(text[a:b] for a, b in zip(ends, starts, strict=True)))
    parts, at = [], 0
    for headline in headlines:
        cased = _sentence_case(headline.text, names)
        parts += [text[at : headline.start], cased if len(cased) == len(headline.text) else headline.text]
        at = headline.end
    return "".join(parts) + text[at:]


def _names(body: str) -> set[str]:
    """The capitalised words ``body`` writes mid-sentence: names, not sentence openers."""
    return set(re.findall(r"(?<=[\w,;:] )[A-Z][\w’'-]*", body))


def _sentence_case(headline: str, names: set[str]) -> str:
    """A title-case headline in sentence case: a word keeps its capital where it opens the headline, is one
    of ``names`` or is all capitals ("TASS"), so "Reveals" becomes a verb and "Russia" stays a name."""
    return re.sub(
        r"[^\W\d_][\w’'-]*",
        lambda m: m.group() if not m.start() or m.group() in names or m.group().isupper() else m.group().lower(),
        headline,
    )


def _is_headline(sentence: str) -> bool:
    """A title-case line ("Kyiv in Shock as TASS Reveals ..."), which the parser reads as prose poorly."""
    words_ = re.findall(r"[^\W\d_][\w’'-]*", sentence)
    capitalised = [w for w in words_ if w[0].isupper()]
    return len(words_) >= HEADLINE_WORDS and len(capitalised) >= HEADLINE_SHARE * len(words_)


def _sentence_raws(text: str, sent: Span | None, span: tuple[int, int]) -> list[RawFrame]:
    """The sentence's pattern frames, then its parse frames (none where it was not parsed) that do not
    re-read the same phrase."""
    parsed = sentence_frames(sent, span[0]) if sent is not None else []
    found = pattern_frames(text[span[0] : span[1]], span[0])
    label = label_frame(sent, span[0]) if sent is not None else None
    if label is not None:
        found.append(label)
    # "TASS, citing sources, reported that ...": the parse, which sees TASS report, reads a participle better.
    participles = [r.cue for r in parsed if r.structure == "citing" and r.via]
    found = [r for r in found if r.kind != "citing" or not any(a < r.cue[1] and r.cue[0] < b for a, b in participles)]
    taken = [r.cue for r in found] + [r.source for r in found] + [r.via for r in found if r.via]
    as_by = AS_BY.search(text, span[0], span[1])
    if as_by:
        taken.append(as_by.span())
    for raw in parsed:
        if (raw.lemma in ("accord", "cite") and found) or any(a < raw.cue[1] and raw.cue[0] < b for a, b in taken):
            continue
        if _REPORTEDLY.search(text, raw.cue[0], raw.cue[1]):
            continue  # "X has reportedly identified": the claim is the reports', not X's
        if as_by and raw.via is None:
            # "Ukrainian intelligence, as quoted by the agency, warns": the agency relays the claim.
            source = (raw.source[0], min(raw.source[1], as_by.start())) if raw.source[0] < as_by.start() else raw.source
            raw = replace(raw, via=as_by.span("via"), source=source)
        found.append(raw)
    return found


def _sentence_of(sentences: list[Sentence], offset: int) -> int:
    return next((i for i, s in enumerate(sentences) if s.start <= offset < s.end), len(sentences) - 1)


def _frame(text: str, raw: RawFrame) -> Frame:
    source = _clean(text[raw.source[0] : raw.source[1]])
    via = _clean(text[raw.via[0] : raw.via[1]]) if raw.via else None
    outlet = _OUTLET_SOURCES.match(source)
    source_span = raw.source
    if outlet and via is None:  # "TASS sources say": the sources speak through TASS
        via, source = outlet.group("via"), outlet.group("src")
        source_span = (raw.source[0] + outlet.start("src"), raw.source[0] + outlet.end("src"))
    return Frame(
        source=source,
        cue=text[raw.cue[0] : raw.cue[1]],
        source_start=source_span[0],
        source_end=source_span[1],
        cue_start=raw.cue[0],
        cue_end=raw.cue[1],
        content_start=raw.content[0],
        content_end=raw.content[1],
        via=via,
        kind=raw.kind,
        reports=raw.kind in _REPORT_KINDS
        or (stemmer().stemWord(raw.lemma) in _reporting_stems() and raw.structure in _REPORT_STRUCTURES),
    )


def _resolve(frame: Frame, text: str, earlier: list[Frame], sentences: list[Sentence]) -> Frame:
    """Resolve a pronoun or a definite description of a speaker to the speaker named earlier; "he" or "she"
    to a person named as the subject of a sentence since ("Tina Houchins had a question for the president.
    “...,” she said."), who need not have said anything before."""
    if frame.via and _is_anaphor(frame.via):  # "as quoted by the agency": the outlet named earlier
        outlet = next((f.via for f in reversed(earlier) if f.via and not _is_anaphor(f.via)), None)
        frame = replace(frame, via=outlet)
    written = frame.source.lower()
    anaphor = _ANAPHOR.match(_head_part(frame.source))
    if written in _PRONOUNS:
        plural = written in ("they", "them", "we", "us")
        candidates = [f for f in earlier if not _is_pronoun(f) and (plural or not _is_plural(text, f))]
    elif (
        anaphor and anaphor.group("noun").lower() in words("anaphor_nouns") and not _has_name(_head_part(frame.source))
    ):
        noun = anaphor.group("noun").lower()
        if noun in ("report", "agency", "outlet", "statement"):
            candidates = [f for f in earlier if f.via]
        else:
            candidates = [f for f in earlier if _is_anonymous(f.source) or noun in f.source.lower()]
    else:
        return frame
    before = [
        f
        for f in candidates
        if f.cue_start < frame.cue_start
        and f.source != frame.source
        and not frame.content_start <= f.cue_start < frame.content_end  # one quoted in the words is not their speaker
    ]
    since = max((max(f.cue_end, f.content_end) for f in before), default=0)
    # "he" or "she" after a person named as a subject since the last speaker: that person, where the last
    # speaker is none or the sentence announces their words ("Tina Houchins had a question for the president.")
    opening = min(frame.cue_start, frame.content_start)
    named = _named_subject(text, sentences, since, opening, written, bool(before)) if written in _PERSONS else None
    if named is not None:
        return replace(
            frame,
            source=_clean(text[named[0] : named[1]]),
            inherited=True,
            antecedent_start=named[0],
            antecedent_end=named[1],
        )
    if not before:
        return frame
    return _inherit(frame, before[-1])


def _inherit(frame: Frame, speaker: Frame) -> Frame:
    """``frame`` spoken by ``speaker``'s source (and through its outlet), pointing at where it is named."""
    start, end = _named_span(speaker)
    return replace(
        frame,
        source=speaker.source,
        via=frame.via or speaker.via,
        inherited=True,
        antecedent_start=start,
        antecedent_end=end,
    )


def _named_span(frame: Frame) -> tuple[int, int]:
    """Where the frame's speaker is named: its antecedent for a pronoun, else its source."""
    if frame.antecedent_start is not None and frame.antecedent_end is not None:
        return frame.antecedent_start, frame.antecedent_end
    return frame.source_start, frame.source_end


def _first_person(frame: Frame, text: str, frames: list[Frame], sentences: list[Sentence]) -> Frame:
    """ "I" or "we" inside a quotation is whoever the quotation is credited to ("“I think Cruz is the best
    alternative,” Graham told CNN": Graham, whose frame comes after); elsewhere, the speaker named before.

    Why: resolved like "he" to the last speaker before it, the "I" of a quotation took the words of the
    person quoted in the paragraph before."""
    quoting = [
        f
        for f in frames
        if f.source.lower() not in _FIRST_PERSON
        and f.content_start <= frame.cue_start < f.content_end
        and not f.source_start <= frame.cue_start < f.source_end
    ]
    if not quoting:
        return _resolve(frame, text, frames, sentences)
    quotations = [f for f in quoting if f.kind == "quote"] or quoting  # "“Hall says I knew,” Lee said": Lee's "I"
    return _inherit(frame, min(quotations, key=lambda f: f.content_end - f.content_start))  # the innermost


def _named_subject(
    text: str, sentences: list[Sentence], start: int, end: int, pronoun: str, announcing: bool
) -> tuple[int, int] | None:
    """The offsets of the person's name that is the subject of the last sentence wholly between ``start`` and
    the sentence that holds ``end`` (the frame's words or cue, whichever comes first; looking back at most
    ``PRONOUN_LOOKBACK`` sentences), where that sentence announces words if ``announcing``; a name whose
    title says another gender than ``pronoun``'s ("Mrs. Clinton" for "he") is no such subject."""
    first = quotation_start(sentences, _sentence_of(sentences, end))  # not a sentence of the words themselves
    between = [s for s in sentences[max(0, first - PRONOUN_LOOKBACK) : first] if s.start >= start]
    for sentence in reversed(between):
        doc = parse(sentence.text, ner=True)
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root else None
        if (
            subject is not None
            and subject.ent_type_ == "PERSON"
            and (not announcing or announces_next(sentence.text))  # parsed again only for a named subject
        ):
            name = [
                t for t in subject.subtree if t == subject or (t.head == subject and t.dep_ in ("compound", "flat"))
            ]
            titles = {t.text.rstrip(".").lower() for t in [*name, *doc[max(name[0].i - 1, 0) : name[0].i]]}
            if any(_TITLE_GENDER.get(t, _PRONOUN_GENDER[pronoun]) != _PRONOUN_GENDER[pronoun] for t in titles):
                return None
            return sentence.start + name[0].idx, sentence.start + name[-1].idx + len(name[-1])
    return None


def _with_full_names(frames: list[Frame], text: str, sentences: list[Sentence]) -> list[Frame]:
    """``frames``, a source written by surname ("“...,” Ms. Moore said") with the full name the article gave
    the one person of that surname it names before ("Minyon Moore, a Democratic strategist"); two people of
    that surname ("Gwen Moore", "Minyon Moore"; "Donald Trump" and "Donald Trump Jr.") leave it unnamed. Each
    sentence that writes a surname after a capitalised word is parsed once."""
    surnames = {m.group("surname") for f in frames if (m := _BY_SURNAME.fullmatch(f.source))}
    mentions: list[tuple[int, str, str]] = []  # (where, surname, full name)
    for sentence in sentences if surnames else []:
        written = [n for n in surnames if re.search(rf"[A-Z]\S*\s+{re.escape(n)}\b", sentence.text)]
        doc = parse(sentence.text, ner=True) if written else None
        for surname in written:
            given = _given_names(doc, surname)
            suffixed = re.search(rf"\b{re.escape(surname)},?\s+(?:Jr|Sr|II|III|IV)\b", sentence.text)
            if given:
                full = f"{' '.join(given)} {surname}" + (" Jr." if suffixed else "")
                mentions.append((sentence.start, surname, full))
    named = []
    for frame in frames:
        written = _BY_SURNAME.fullmatch(frame.source)
        full = {f for at, n, f in mentions if written and n == written.group("surname") and at < frame.source_start}
        named.append(replace(frame, named=full.pop()) if len(full) == 1 else frame)
    return named


def given_names(text: str, surname: str) -> tuple[str, ...]:
    """The given names ``text`` writes before ``surname`` in a person's name ("Gwen" in "Rep. Gwen Moore"; none
    in "Ms. Moore" or "Treasurer Moore": titles are ``name_titles.txt``), as the parser's entities mark it."""
    return _given_names(parse(text, ner=True), surname)


def _given_names(doc: Doc, surname: str) -> tuple[str, ...]:
    titles = words("name_titles")
    for ent in doc.ents:
        names = [t.text for t in ent]
        if ent.label_ == "PERSON" and surname in names[1:]:
            before = ent[: names.index(surname)]
            return tuple(
                t.text
                for t in before
                if t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() and t.lower_ not in titles
            )
    return ()


def _nest(frames: list[Frame]) -> list[Frame]:
    """A frame whose cue lies in another frame's content speaks through that frame's outermost source."""
    nested = []
    for frame in frames:
        outer = [
            f
            for f in frames
            if f is not frame
            and f.content_start <= frame.cue_start < f.content_end
            and not f.source_start <= frame.cue_start < f.source_end
            and not (f.cue_start <= frame.cue_start < f.cue_end)
            and f.kind != "parenthetical"
            and not f.denied  # "X cannot say that '...,' Y added": Y does not speak through X
        ]
        if outer and frame.via is None:
            top = min(outer, key=lambda f: f.content_start - f.content_end)
            via = top.via or top.source
            if not mentions(frame.source, via) and frame.source.lower() not in _PRONOUNS:
                frame = replace(frame, via=via)
        nested.append(frame)
    return nested


def _reportedly_frame(sentence: Sentence, match: re.Match[str], earlier: list[Frame]) -> Frame:
    """ "X reportedly did Y": credited to the last outlet or anonymous source, else to unnamed reports."""
    cue = (sentence.start + match.start(), sentence.start + match.end())
    outermost = [f for f in earlier if not any(o.content_start <= f.cue_start < o.content_end for o in earlier)]
    outer = next((f for f in reversed(outermost) if f.cue_start < cue[0] and (f.via or _is_anonymous(f.source))), None)
    if outer is not None:
        named = (outer.antecedent_start, outer.antecedent_end) if outer.antecedent_start is not None else None
        return Frame(
            outer.source,
            match.group("cue"),
            *(named or (outer.source_start, outer.source_end)),
            *cue,
            sentence.start,
            sentence.end,
            via=outer.via,
            inherited=True,
            kind="reportedly",
        )
    return Frame("unnamed reports", match.group("cue"), *cue, *cue, sentence.start, sentence.end, kind="reportedly")


def _continued(sentences: list[Sentence], index: int, by_sentence: dict[int, list[Frame]]) -> Frame | None:
    """A sentence with no cue of its own that goes on with the previous sentence's reported speech."""
    if index == 0 or index - 1 not in by_sentence:
        return None
    previous, sentence = sentences[index - 1], sentences[index]
    frames = by_sentence[index - 1]
    same_paragraph = previous.paragraph == sentence.paragraph
    # "“This is a sad day,” said Rep. Roe. “The plan is a fraud.”": a quotation that opens right after a quoted
    # speaker's name, and closes with no cue of its own, goes on with their words
    quoted_on = same_paragraph and opens_quotation(sentence.text) and _closes_unclaimed(sentences, index)
    # and so, by the convention of news writing, does a paragraph that opens with an unclaimed quotation right
    # after a paragraph that ends with a speaker's quoted words: "“It's a passion,” said Ann Lee.¶“Who cares?”"
    quoted_next = not same_paragraph and opens_quotation(sentence.text) and _closes_unclaimed(sentences, index)
    # and so does a quotation that has not closed yet: "“The plan is a fraud. By any measure, a fraud!"
    paragraph = [s.text for s in sentences[:index] if s.paragraph == sentence.paragraph]
    still_open = same_paragraph and leaves_quotation_open(" ".join(paragraph))
    speech = [
        f
        for f in frames
        if (
            f.kind in _SPEECH_KINDS
            and (f.content_end >= previous.end - 1 or ((quoted_on or quoted_next) and f.kind == "quote"))
        )
        or (f.kind == "continued" and still_open and not opens_quotation(sentence.text))
    ]
    if quoted_next:  # after a direct quotation that ends its paragraph, with no one named after its speaker
        one_quotation = _is_one_quotation(sentences, index)
        speech = [f for f in speech if one_quotation and f.kind == "quote" and not _names_another_after(previous, f)]
    if not speech:
        return None
    if not (same_paragraph or quoted_next) and sentence.text.split(" ", 1)[0].lower() not in words(
        "continuation_openers"
    ):
        return None
    outer = min(speech, key=lambda f: (_nesting(f, frames), f.content_start - f.content_end, f.cue_start))
    if sentence.text.split(" ", 1)[0].lower() in _PRONOUNS and _told_by_another(previous, outer):
        return None
    if not (quoted_on or quoted_next) and not still_open and _names_as_subject(sentence.text, outer.source):
        return None  # "... he claimed that ... And Trump didn't apologize ...": the writer tells what he did
    start, end = _named_span(outer)
    return replace(
        outer,
        source_start=start,
        source_end=end,
        content_start=sentence.start,
        content_end=sentence.end,
        inherited=True,
        kind="continued",
        antecedent_start=None,
        antecedent_end=None,
    )


def _is_one_quotation(sentences: list[Sentence], index: int) -> bool:
    """Is the paragraph that sentence ``index`` opens nothing but one quotation, and no question answered by
    the quoted paragraph after it (an interviewer's, in a dialogue)? "“No justice, no peace.” The words were
    painted ..." is no one's words by convention."""
    paragraph = [s for s in sentences[index:] if s.paragraph == sentences[index].paragraph]
    last = paragraph[-1].text.rstrip()
    if leaves_quotation_open(" ".join(s.text for s in paragraph)) or not last.endswith(("”", '"')):
        return False
    following = sentences[index + len(paragraph)] if index + len(paragraph) < len(sentences) else None
    return not (last.rstrip('”"').endswith("?") and following is not None and opens_quotation(following.text))


def _names_another_after(sentence: Sentence, frame: Frame) -> bool:
    """Does ``sentence`` name another person after the frame's quotation, cue and speaker ("..., said Ann Lee,
    though her deputy Bo Ray disagreed")? Then the next paragraph's quotation may be theirs."""
    tail = sentence.text[max(frame.content_end, frame.cue_end, frame.source_end) - sentence.start :]
    return any(e.label_ == "PERSON" for e in parse(tail, ner=True).ents)


def _names_as_subject(sentence: str, source: str) -> bool:
    """Is the subject of ``sentence`` the speaker, by name ("And Trump didn't apologize ..." after Donald
    Trump's claim)? Then it tells of them, in the writer's voice, and does not go on with their words. A
    pronoun, a description ("The ministry") or a name that only modifies the subject ("Trump Tower", "The
    Smith family") is no such subject."""
    names = [w for w in re.findall(r"[A-Z][\w’'-]+", source.split(",", 1)[0]) if w.lower() not in words("stopwords")]
    if not names or not re.search(rf"\b{re.escape(names[-1])}\b", sentence[:80]):
        return False
    root = next((t for t in parse(sentence) if t.dep_ == "ROOT"), None)
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")] if root is not None else []
    return any(s.text == names[-1] and s.pos_ == "PROPN" for s in subjects)


def _closes_unclaimed(sentences: list[Sentence], index: int) -> bool:
    """Does the quotation that sentence ``index`` opens close with no words after its closing mark, or not
    close in its paragraph (within ``MAX_QUOTATION_SENTENCES``)? "“That is nonsense. The city is broke,” Gov.
    Lee replied." is Lee's, though the detector may miss the cue."""
    quoted = ""
    for k in range(index, min(len(sentences), index + MAX_QUOTATION_SENTENCES)):
        if sentences[k].paragraph != sentences[index].paragraph:
            break
        quoted = f"{quoted} {sentences[k].text}"  # a cue inside it is nested, as "by saying" in "He began it by saying"
        if not leaves_quotation_open(quoted):  # closed here: unclaimed if no words follow its closing mark
            return _AFTER_CLOSING.search(sentences[k].text) is None
    return True


def _told_by_another(sentence: Sentence, frame: Frame) -> bool:
    """Is the subject of ``sentence`` someone other than the frame's speaker, outside the words reported
    ("Politifact seized on Trump's claim that ...")? Then a pronoun after it ("They checked the Tribune")
    is that subject going on, not the speaker."""
    doc = parse(sentence.text)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
    if subject is None or subject.lower_ in _PRONOUNS:
        return False
    at = sentence.start + subject.idx
    return not (frame.source_start <= at < frame.source_end or frame.content_start <= at < frame.content_end)


def _is_anaphor(phrase: str) -> bool:
    match = _ANAPHOR.match(phrase)
    return bool(match) and match.group("noun").lower() in words("anaphor_nouns") and not _has_name(phrase)


def _head_part(source: str) -> str:
    """The source up to its qualifiers: "the source" of "the source, who spoke on condition of anonymity"."""
    lead = re.match(r"(?i)one of\s+", source)
    rest = source[lead.end() :] if lead else source
    return (lead.group() if lead else "") + _QUALIFIER.split(rest, maxsplit=1)[0].split(",")[0].strip()


def _is_anonymous(source: str) -> bool:
    """A source that does not name the speaker: "sources within ...", "a senior official", "TASS sources"."""
    head = _head_part(source).split()
    return bool(head) and (head[-1].lower().removesuffix("s") in words("anonymous_sources"))


def _ends_quoted(sentence: Sentence, following: Sentence) -> bool:
    """Does ``sentence`` end with a quotation that ``following`` (in the same paragraph) attributes?"""
    return sentence.paragraph == following.paragraph and sentence.text.rstrip()[-1:] in "\"”’'"


def _is_plural(text: str, frame: Frame) -> bool:
    """Is the source as written a plural description ("sources", "officials"), which "he" cannot refer to?"""
    words_ = _head_part(text[frame.source_start : frame.source_end]).split()
    return bool(words_) and words_[-1].islower() and words_[-1].endswith("s") and not words_[-1].endswith("ss")


def _nesting(frame: Frame, frames: list[Frame]) -> int:
    """How many other frames hold this frame's cue in their content."""
    return sum(o is not frame and o.content_start <= frame.cue_start < o.content_end for o in frames)


def _is_pronoun(frame: Frame) -> bool:
    return frame.source.lower() in _PRONOUNS


@cache
def _reporting_stems() -> frozenset[str]:
    """Stems of the verbs that report speech or belief, and of the cue words answers keep."""
    return frozenset(stemmer().stemWord(w) for w in lexicons.words("reporting_verbs") | CUE_WORDS | {"cite", "quote"})


def _has_name(phrase: str) -> bool:
    """A capitalised word past the first, or a first word that is an acronym ("TASS")."""
    words_ = phrase.split()
    return any(w[:1].isupper() for w in words_[1:]) or bool(words_ and re.fullmatch(r"[A-Z]{2,}\W*", words_[0]))


def _clean(phrase: str) -> str:
    """A source phrase as a frame names it: one space between words, without the punctuation around it or
    the end of an aside it closes ("according to Nielsen.)": Nielsen)."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:")
    while phrase[-1:] in (")", "]") and phrase.count(phrase[-1]) > phrase.count("(" if phrase[-1] == ")" else "["):
        phrase = phrase[:-1].rstrip(" ,;:")
        last = phrase.rsplit(" ", 1)[-1].rstrip(".").lower()
        if phrase.endswith(".") and len(last) > 1 and "." not in last and last not in words("abbreviations"):
            phrase = phrase[:-1]  # "Nielsen." but "the U.S.", "the Justice Dept."
    return phrase


def _strip_article(phrase: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.IGNORECASE) if phrase[:1].islower() else phrase
