"""Rule ``attribution``: a claim an article attributes keeps its source and its reporting cue.

The frames stored with the passages say who each claim is attributed to (see :mod:`rag.attribution`). Where
an answer sentence carries an attributed claim and the draft dropped the source or the cue, the attribution
is restored deterministically: "According to TASS, citing sources within ..., <claim>".
"""

from __future__ import annotations

import re
from dataclasses import replace

from rag import lexicons, nlp
from rag.attribution import CUE_WORDS, Frame, authorial_frame, detect, headline_frames, is_loaded
from rag.lexical import mentions, numbers, terms
from rag.passages import Passage
from rag.policy.draft import Draft, DraftSentence, clean_sentence
from rag.sentences import Sentence

BIND_MIN_SHARED = 2  # a claim binds to a frame's content when it shares at least this many content words ...
BIND_SHARE = 0.5  # ... and at least this share of the words it drew from that sentence
ECHO_SHARE = 0.6  # another article's frame states the same claim when its content holds this share of its words
ECHO_MIN_TERMS = 3  # ... and the claim has at least this many content words
HEADLINE_MIN_SHARED = 2  # a sentence restates a headline's report when it shares its figures and this many words
OPENING_CHARS = 60  # a frame whose cue starts this early opens the sentence ("According to X, ...")
CLAIM_SHARE = 0.5  # a passage sentence states a drafted claim when it holds this share of the claim's words
LABEL_CHARS = 80  # "<speaker>: <quote>": a label before a colon is at most this long

_ANONYMOUS = re.compile(r"(?i)(?:the\s+)?(?:sources?|he|she|they|reports?)")  # no one to check a claim against
_LEADING_ATTRIBUTION = re.compile(
    r"^(?:according to [^,]{1,80},\s*|[A-Z][^,]{0,60}?\b(?:said|says|stated|states|claimed|claims|reported|reports)"
    r"\s+that\s+)",
    re.IGNORECASE,
)
# "But on Tuesday, it increased ...": a conjunction that joins the claim to the sentence before it has no place
# after a prepended frame ("According to the IMF, but on Tuesday, ...").
_LEADING_CONJUNCTION = re.compile(r"(?i)^(?:but|and|yet)\b,?\s+")


class RestoreAttribution:
    """Make sure each sentence names the source and a reporting cue of the claim it carries.

    Why: a small model drops "according to ..." and states a claim as fact, or credits it to the wrong
    person. A draft that credits someone the cited passages never attribute anything to is replaced by the
    passage sentence itself, which carries its true attribution.
    """

    name = "attribution"

    def apply(self, draft: Draft) -> None:
        restored = []
        for sentence in draft.sentences:
            if sentence.origin == "verdict":  # "No, according to Moscow: ...": the verdict says on whose word
                restored.append(sentence)
                continue
            result = attribute(sentence, draft.passages, draft.lowercase_ok, draft.question)
            if result.origin == "replaced" and sentence.origin != "replaced":
                draft.decide(self.name, "replaced", result.reason, sentence.text)
            if result.attributed:
                draft.decide(self.name, "attributed", "the claim is attributed in its passage", result.text)
            restored.append(result)
        draft.sentences = restored


def binding_frames(claim: str, sources: list[Sentence], passage: Passage) -> list[Frame]:
    """The frames whose *content* the claim draws on (not merely the sentence that names the speaker)."""
    claim_terms = terms(claim)
    bound = []
    for source in sources:
        if not passage.start <= source.start < passage.end:
            continue
        drawn = claim_terms & terms(source.text)
        for frame in passage.frames_for(source):
            content = frame_content(passage, frame, source)
            shared = claim_terms & terms(content)
            if len(shared) >= BIND_MIN_SHARED and len(shared) >= BIND_SHARE * len(drawn):
                bound.append(frame)
    return bound


def attribute(sentence: DraftSentence, passages: list[Passage], lowercase_ok, question: str = "") -> DraftSentence:
    """Make sure the sentence names the source and a reporting cue of the claim it carries. A name the
    ``question`` writes with a colon ("Animal Crossing: New Horizons") is a title, no speaker's label."""
    by_number = {p.number: p for p in passages}
    cited = [by_number[n] for n in sentence.cites]
    replacement = _replacement(sentence, cited, question) if sentence.origin in ("model", "recited") else None
    if replacement is not None:
        stated, reason = replacement
        home = next(p for p in cited if p.start <= stated.start < p.end)
        replaced = DraftSentence(clean_sentence(stated.text), [home.number], "replaced", [stated], reason=reason)
        return attribute(replaced, passages, lowercase_ok, question)
    frames = [f for p in cited for f in binding_frames(sentence.text, sentence.sources, p)]
    if not frames:
        # An article's own voice may repeat a claim that another retrieved article attributes: bind to that.
        echo = _echoed_claim(sentence.text, [p for p in passages if p.number not in sentence.cites])
        if echo is not None:
            frame, passage, source = echo
            frames = [frame]
            sentence = DraftSentence(
                sentence.text, [*sentence.cites, passage.number], sentence.origin, [*sentence.sources, source]
            )
    if not frames:
        frames = _headline_frames(sentence, cited)
    if not frames:
        frames = _authorial_frames(sentence, cited)
    if not frames or any(is_attributed(sentence.text, f) or speaker_is_subject(sentence.text, f) for f in frames):
        return sentence
    frame = _outermost(frames)
    if (named := named_for_pronoun(sentence.text, frame, cited)) is not None:
        return replace(sentence, text=named, attributed=True)
    # "“...,” he added, noting ...": the cue of the quotation, which may not be the frame the claim binds to
    for own in (f for p in cited for source in sentence.sources for f in p.frames_for(source)):
        if (named := named_in_cue(sentence.text, own, cited)) is not None:
            return replace(sentence, text=named, attributed=True)
    claim = without_restated_frame(bare_claim(sentence.text), frame)
    if lowercase_ok(claim):
        claim = claim[0].lower() + claim[1:]
    return replace(sentence, text=f"{frame.attribution}, {claim}", attributed=True)


def bare_claim(text: str) -> str:
    """``text`` ready to follow a prepended frame: without the attribution or the conjunction it opens with."""
    return without_conjunction(_LEADING_ATTRIBUTION.sub("", text))


def without_restated_frame(claim: str, frame: Frame) -> str:
    """``claim`` without the words by which it points back at ``frame``'s source: a pronoun with the frame's
    cue ("She said the port ...", "The hashtag, he said on Tuesday, was ...", "..., they said.") or "according
    to the report". The prepended frame names that source, and "According to X, she said ..." says it twice.
    """
    if not frame.inherited:  # the frame's source is named in the claim's own sentence
        return claim
    cue = re.escape(frame.cue)
    pronoun_cue = rf"(?:he|she|they|it)\s+{cue}(?:\s+(?:on\s+)?\w+day)?"
    back = rf"{pronoun_cue}|according to (?:the|this|that|these|those)(?:\s+[\w-]+){{1,2}}?"
    end = r"(?=(?:\s*\[\d+\])*\s*[.!?]?(?:\s*\[\d+\])*\s*$)"
    found = re.compile(rf"^{pronoun_cue}(?:\s+that)?\s+|,\s+(?:{back})(?:,|{end})", re.IGNORECASE)
    return found.sub("", claim, count=1)


def named_for_pronoun(text: str, frame: Frame, passages: list[Passage]) -> str | None:
    """``text`` with the speaker's name for the "He" or "She" that opens it, when the sentence tells what the
    speaker did and reports their words in a clause of its own ("She declined to weigh in ..., only saying
    that she hoped ..." -> "Clinton declined ..."); None otherwise. "According to Clinton, she declined ..."
    would credit the writer's account of her to her; a sentence whose main verb reports ("She said ...") is
    left to the prepended frame. Only where the frame was resolved from that very pronoun in its passage, and
    to a person's name."""
    opening = re.match(r"(?:He|She)\b", text)
    if not frame.inherited or frame.via or opening is None or frame.cue.lower() not in text.lower():
        return None
    person = _named_for(opening.group(), frame, passages)
    if person is None:
        return None
    doc = nlp.parse(text)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or doc[0].dep_ != "nsubj" or doc[0].head != root:
        return None
    if root.lemma_.lower() in lexicons.words("reporting_verbs") or root.text.lower() == frame.cue.lower():
        return None
    return f"{person}{text[opening.end() :]}"


def named_in_cue(text: str, frame: Frame, passages: list[Passage]) -> str | None:
    """``text`` with the speaker's name for the pronoun of the cue after its quotation ('“It is over,” he
    added, noting ...' -> '“It is over,” Ban added, noting ...'); None otherwise. The sentence then names its
    speaker, where a prepended frame would say it twice ("According to Ban, '...,' he added"). Only where the
    frame was resolved from that very pronoun in its passage, and to a person's name."""
    cue = re.search(rf"(?<=[,”\"’'])\s+(he|she)\s+{re.escape(frame.cue)}\b", text, re.IGNORECASE)
    if not frame.inherited or frame.via or cue is None:
        return None
    person = _named_for(cue.group(1), frame, passages)
    if person is None:
        return None
    return f"{text[: cue.start(1)]}{person}{text[cue.end(1) :]}"


def _named_for(pronoun: str, frame: Frame, passages: list[Passage]) -> str | None:
    """The person's name ``frame`` was resolved to from ``pronoun`` as written in its passage, else None."""
    home = next((p for p in passages if p.start <= frame.source_start < p.end), None)
    written = home.text[frame.source_start - home.start : frame.source_end - home.start] if home else ""
    return _person_name(frame.source) if written.lower() == pronoun.lower() else None


_NOT_PEOPLE = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
MAX_NAME_WORDS = 4  # a source of at most this many capitalised words is a name, though NER misses it ("Ban")


def _person_name(source: str) -> str | None:
    """The person's name in a frame's source ("Ban Ki-moon" of "Ban Ki-moon, the secretary general"), or the
    source itself when it is a short run of capitalised words the tagger did not know ("Ban"), not a title or
    a body ("The Prime Minister", "The Kremlin", "NATO")."""
    doc = nlp.parse(source, ner=True)
    person = next((e.text for e in doc.ents if e.label_ == "PERSON"), None)
    if person is not None or any(e.label_ in _NOT_PEOPLE for e in doc.ents):
        return person
    words = source.split()
    titled = bool(words) and doc[0].pos_ in ("DET", "PRON")
    if not titled and 0 < len(words) <= MAX_NAME_WORDS and all(w[:1].isupper() for w in words):
        return source
    return None


def without_conjunction(text: str) -> str:
    """``text`` without the "But"/"And"/"Yet" that tied it to the sentence before."""
    return _LEADING_CONJUNCTION.sub("", text)


def _echoed_claim(claim: str, passages: list[Passage]) -> tuple[Frame, Passage, Sentence] | None:
    """A frame elsewhere whose content states the same claim (all its numbers, most of its words)."""
    claim_terms, claim_numbers = terms(claim), numbers(claim)
    best: tuple[float, Frame, Passage, Sentence] | None = None
    for passage in passages:
        for source in passage.sentences():
            for frame in passage.frames_for(source):
                content = frame_content(passage, frame, source)
                if not claim_numbers <= numbers(content):
                    continue
                share = len(claim_terms & terms(content)) / max(len(claim_terms), 1)
                if share >= ECHO_SHARE and len(claim_terms) >= ECHO_MIN_TERMS and (best is None or share > best[0]):
                    best = (share, frame, passage, source)
    return best[1:] if best else None


def _headline_frames(sentence: DraftSentence, cited: list[Passage]) -> list[Frame]:
    """The headline's report, for a sentence that restates it in the article's own voice.

    "Kyiv in Shock as TASS Reveals Over 1,000 Ex-Ukrainian Soldiers Fight for Russia" over "The revelation that
    over a thousand former Ukrainian soldiers are now fighting for the Russian army has sent shockwaves ..." is
    the outlet's account of TASS's claim: "According to Capitol Daily News, citing TASS, ...". A restatement
    holds the figures of the headline's report and shares ``HEADLINE_MIN_SHARED`` of its other words.
    """
    found = []
    for source in sentence.sources:
        home = next((p for p in cited if p.start <= source.start < p.end), None)
        if home is None or not home.title or home.frames_for(source):
            continue
        for frame in headline_frames(home.title, home.chunk_text):
            content = home.title[frame.content_start : frame.content_end]
            figures = numbers(content)
            if (
                figures
                and figures <= numbers(source.text)
                and len(terms(content) & terms(source.text) - figures) >= HEADLINE_MIN_SHARED
            ):
                voice = home.outlet or "the article"
                found.append(replace(authorial_frame(source, voice), source=frame.label, cue=frame.cue, via=voice))
    return found


def _authorial_frames(sentence: DraftSentence, cited: list[Passage]) -> list[Frame]:
    """The article's own voice as the source of a claim that reads minds or judges ("Putin is panicking"),
    drawn from a sentence that attributes it to nobody."""
    if not is_loaded(sentence.text):
        return []
    found = []
    for source in sentence.sources:
        home = next((p for p in cited if p.start <= source.start < p.end), None)
        if home is not None and is_loaded(source.text) and not home.frames_for(source) and not _speaker_in(source.text):
            found.append(authorial_frame(source, home.outlet or "the article"))
    return found


def is_attributed(text: str, frame: Frame) -> bool:
    """Does ``text`` carry a reporting cue and name the frame's source, with its outlet where it has one?
    "TASS sources say ..." is told by the sources TASS cites: "According to TASS, ..." names the outlet but
    not who says it."""
    text = text.replace("’", "'")
    lowered = text.lower()
    if not (set(re.findall(r"[a-z]+", lowered)) & CUE_WORDS or "according to" in lowered):
        return False
    if frame.cites_sources:  # told by the source the outlet cites: name both
        speakers = [name for name in frame.aliases() if name != frame.via]
        return mentions(text, frame.via) and any(mentions(text, name) for name in speakers)
    return any(mentions(text, name) for name in frame.aliases())


def _speaker_in(text: str) -> bool:
    """Does someone in the sentence own its words ("Moskalkova dismissed the claims as propaganda")?"""
    return bool(detect(text, every=True))


def speaker_is_subject(text: str, frame: Frame) -> bool:
    """Is the frame's speaker already the subject of the sentence ("Moskalkova dismissed ...") or of its
    reporting verb ("..., said Frances Haugen", where the frame's source goes on: "Frances Haugen, the former
    employee"), or the label of its quote ("New CEO Tim Buckley: 'There are ...'")? Then an "According to
    Moskalkova, " before it would only repeat the name."""
    doc = nlp.parse(text)
    reporting = lexicons.words("reporting_verbs")  # "..., said Frances Haugen": the parser may root the claim
    heads = [t for t in doc if t.dep_ == "ROOT" or (t.pos_ == "VERB" and t.lemma_.lower() in reporting)]
    subjects = [c for t in heads for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
    phrases = [doc[subject.left_edge.i : subject.right_edge.i + 1].text for subject in subjects]
    label, colon, _ = text.partition(":")
    if colon and len(label) <= LABEL_CHARS:
        phrases.append(label)
    speakers = [s for s in subjects if s.pos_ == "PROPN" and s.head.lemma_.lower() in reporting]
    names = [doc[s.left_edge.i : s.i + 1].text for s in speakers]
    aliases = frame.aliases()
    return any(mentions(p, a) for p in phrases for a in aliases) or any(mentions(a, n) for n in names for a in aliases)


def _replacement(sentence: DraftSentence, cited: list[Passage], question: str = "") -> tuple[Sentence, str] | None:
    """The passage sentence that states the draft's claim, and why, where the draft opens with "According to
    X" / "X said" and either credits the claim to someone its passage does not, or names X twice.

    Why: a small model credits a claim to a speaker named nearby ("According to Lubinets, ... Moskalkova
    dismissed ..."); that Lubinets is quoted in the passage does not make the claim his. And it stacks a
    frame on a sentence that already has its speaker ("According to Russia's Human Rights Commissioner,
    Tatyana Moskalkova, she dismissed ...", "According to John C. Bogle, Vanguard founder John C. Bogle
    announced ..."). The passage's own sentence carries the true attribution once.
    """
    opening = [f for f in detect(sentence.text) if f.cue_start < OPENING_CHARS and not f.inherited]
    titles = question.lower()
    opening = [f for f in opening if not (f.kind == "label" and f"{f.source.lower()}:" in titles)]
    if not opening or not sentence.sources:
        return None
    frame = opening[0]
    claim = terms(sentence.text[frame.content_start : frame.content_end])
    stating = [s for s in sentence.sources if len(claim & terms(s.text)) >= CLAIM_SHARE * len(claim)]
    if not stating or _ANONYMOUS.fullmatch(frame.source.replace("’", "'")):
        return None
    content = sentence.text[frame.content_start : frame.content_end]
    if _refers_back(content) or speaker_is_subject(content, frame):  # "..., Vanguard founder John C. Bogle announced"
        return stating[0], "names its speaker twice"
    frames = [f for p in cited for s in stating if p.start <= s.start < p.end for f in p.frames_for(s)]
    frames += [f for p in cited for f in headline_frames(p.title, p.chunk_text)]
    known = [alias for f in frames for alias in f.aliases()] + [p.outlet for p in cited if p.outlet]
    named = frame.source.replace("’", "'")
    if any(mentions(named, alias) or mentions(alias, named) for alias in known):
        return None
    return stating[0], "credits a source the cited passages do not"


def _refers_back(content: str) -> bool:
    """Is the subject of what a frame says a personal pronoun ("According to Moskalkova, she dismissed ..."), or
    does it open with a pronoun that reports it again ("According to Rep. Cummings, the top Democrat ..., he said
    that ...", where the parser may root the sentence in the claim)? The pronoun mostly stands for the speaker
    just named; either way the passage's own sentence says who said what."""
    doc = nlp.parse(content)
    roots = [t for t in doc if t.dep_ == "ROOT"][:1]
    pronouns = lexicons.kinds("personal_pronouns")
    subject = [c for r in roots for c in r.children if c.dep_ in ("nsubj", "nsubjpass")]
    first = next((t for t in doc if t.dep_ in ("nsubj", "nsubjpass")), None)
    reports = first is not None and first.head.lemma_.lower() in lexicons.words("reporting_verbs")
    return any(pronouns.get(c.lower_) == "subject" for c in subject) or (
        reports and pronouns.get(first.lower_) == "subject"
    )


def frame_content(passage: Passage, frame: Frame, source: Sentence) -> str:
    """The part of ``source`` that the frame attributes (not the words naming the speaker)."""
    start, end = max(frame.content_start, source.start), min(frame.content_end, source.end)
    return passage.text[start - passage.start : end - passage.start]


def _outermost(frames: list[Frame]) -> Frame:
    """The frame that names the most: one with an outlet first, then the explicit (not inherited) one."""
    return sorted(frames, key=lambda f: (f.via is None, f.inherited, f.cue_start))[0]
