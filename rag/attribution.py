"""Attribution frames: who a sentence's claim is attributed to, and by which reporting cue.

``detect(text)`` finds frames such as "according to X", "X said that ...", "citing X", "as quoted by X",
"reported to TASS by sources within ...", "reportedly" and anonymous sources. A sentence that leans on an
earlier frame ("The source added ...", "According to him ...", "Ideology, he said, ...") inherits it, as does
the sentence that "This was reported to TASS by ..." refers back to, and reported speech that continues in
the same paragraph.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace

from rag.sentences import Sentence, split_sentences

_VERBS = (
    r"said|says|say|stated|states|state|claimed|claims|claim|noted|notes|warned|warns|revealed|reveals|"
    r"reported|reports|added|emphasized|emphasised|emphasizes|stressed|stresses|told|described|describes|"
    r"believe|believes|suggested|suggests|suggest|argued|argue|argues|speculated|alleged|alleges|insisted|"
    r"asserted|announced|announces|confirmed|confirms|denied|denies|dismissed|condemned|accused|acknowledged|"
    r"explained|estimated|estimates|indicated|maintained|maintains|voiced|expressed"
)
_AUX = r"(?:(?:has|have|had|also|previously|reportedly|repeatedly|publicly|recently|further|earlier)\s+)*"
_OTHER_CUES = ("according", "citing", "cited", "quoted", "reportedly", "allegedly", "sources", "source", "per")
CUE_WORDS = frozenset([*_VERBS.split("|"), *_OTHER_CUES])

# Words that make a noun phrase a plausible speaker.
_AGENT_NOUNS = re.compile(
    r"\b(sources?|officials?|analysts?|journalists?|experts?|intelligence|authorities|representatives?|"
    r"spokes(?:person|man|woman)|ministry|agency|media|report|reports|government|commander|command|"
    r"general|president|minister|commissioner|chief|he|she|they|him|her|observers?|critics?|others|"
    r"officers?|military|army|secretary|headquarters|service|directorate)\b",
    re.IGNORECASE,
)
# Speakers that refer back to someone named earlier.
_ANAPHORA = re.compile(
    r"^(?:the|this|that|one of the|a|another)?\s*(?:same\s+)?"
    r"(?:source|sources|security representative|representative|official|agency|report|outlet|he|she|him|"
    r"her|they|them)$",
    re.IGNORECASE,
)
_LEADING_ADVERBIALS = re.compile(
    r"^(?:meanwhile|previously|however|furthermore|moreover|in addition|additionally|at the same time|also|"
    r"earlier|later|separately|still|yet|instead|similarly|likewise|in a statement|in a recent statement|"
    r"on \w+(?: \d+)?|in \w+(?: \d+)?)\s*,\s*",
    re.IGNORECASE,
)
_CONTINUATION = re.compile(r"^(?:Other|Another|He|She|They)\b")
_SUBORDINATE = re.compile(
    r"^(?:while|although|though|as|after|before|when|since|if|because|despite|amid|in|on|for|with|by|during|"
    r"following|given|unlike|like)\b",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset(
    """
    The This That These Those A An It Its Many Some Other Others Most Such His Her Their Our Ideology
    However Meanwhile Previously While
    """.split()
)

_ACCORDING = re.compile(
    r"\baccording to\s+(?:(?:a |the )?(?:reports?|an? article|a statement) (?:by|from|in)\s+)?"
    r"(?P<src>[^,.;:]+?)(?P<appos>(?-i:,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})(?=,))?"
    r"(?P<citing>,\s*citing\s+(?P<cited>[^,.;:]+))?(?P<asrep>,?\s*as (?:reported|quoted) by\s+(?P<via>[^,.;:]+))?"
    r"(?=[,.;:]|$)",
    re.IGNORECASE,
)
_REPORTED_TO = re.compile(
    r"\b(?i:this|it|that) was (?P<cue>(?:reported|told|said) to (?P<via>[A-Z][\w-]*(?: [A-Z][\w-]*)*) by)\s+"
    r"(?P<src>[^,.;:]+)",
)
_AS_BY = re.compile(r",?\s*as (?P<cue>quoted|reported|cited) by\s+(?P<via>[^,.;:]+)", re.IGNORECASE)
_PARENTHETICAL = re.compile(
    rf",\s*(?P<src>(?:the |a |one of the )?[\w'’ -]{{1,40}}?)\s+(?P<cue>{_VERBS})\s*,", re.IGNORECASE
)
_SUBJECT_VERB = re.compile(rf"^(?P<subj>.{{2,160}}?)\s+(?P<cue>{_AUX}(?:{_VERBS}))\b", re.IGNORECASE)
_CITED = re.compile(r"\b(?P<cue>cit(?:ed|ing))\s+(?P<src>[^,.;:]+?)(?=\s+(?:claiming|saying|that)\b|[,.;:]|$)")
_REPORT_BY = re.compile(r"\b(?:a |the )?reports? (?:by|from)\s+(?P<via>[A-Z][\w-]*(?: [A-Z][\w-]*)*)")
_ANONYMOUS = re.compile(
    r"\b(?P<src>(?:unnamed|anonymous|confidential|informed|military|diplomatic|security|intelligence|"
    r"law enforcement)\s+sources?(?:\s+(?:within|in|from)\s+[^,.;:]+?)?|sources\s+(?:within|in|from|close to)\s+"
    r"[^,.;:]+?)(?=\s+(?:say|said|claim|claimed|suggest|suggesting|saying|claiming|told|reported)\b|[,.;:]|$)",
    re.IGNORECASE,
)
_SOURCES_VERB = re.compile(r"\b(?P<src>sources)\s+(?P<cue>suggesting|saying|claiming|say|said|claim)\b")
_REPORTEDLY = re.compile(r"\b(?P<cue>reportedly|allegedly|purportedly)\b", re.IGNORECASE)
# An article's own voice reading minds or passing judgement: a claim that is the article's, not a fact.
_LOADED = re.compile(
    r"\b(?:panick?\w*|melt(?:s|ed|ing)? down|meltdown|desperat\w*|humiliat\w*|furious|fury|terrified|"
    r"worri(?:ed|es)|disgrac\w*|propaganda|cynical\w*|brutal\w*|calculated|(?:aims?|seeks?|wants?|hopes?|"
    r"intends?|tries|trying) to)\b",
    re.IGNORECASE,
)
_OUTLET_SOURCES = re.compile(r"\b(?P<via>[A-Z]{2,})\s+(?P<src>sources)\s+(?P<cue>say|said|claim|report)\b")


@dataclass(frozen=True)
class Frame:
    """An attribution: ``source`` says the content, as signalled by ``cue`` (optionally ``via`` an outlet).

    Offsets are into the text given to :func:`detect`. For an inherited frame the source offsets point at
    the earlier mention that names the source, and ``inherited`` is true.
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

    @property
    def attribution(self) -> str:
        """A sentence opener that carries this frame: "According to TASS, citing sources in ..."."""
        if self.via and not _mentions_name(self.source, self.via):
            return f"According to {self.via}, citing {self.source}"
        return f"According to {self.source}"

    @property
    def label(self) -> str:
        """Who the content is attributed to, as a short phrase: "TASS, citing sources in ..."."""
        if self.via and not _mentions_name(self.source, self.via):
            return f"{self.via}, citing {self.source}"
        return self.source

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
        return cls(**data)


def detect(text: str) -> list[Frame]:
    """Detect the attribution frames of every sentence in ``text``, in order of their content."""
    sentences = split_sentences(text)
    frames: list[Frame] = []
    framed: dict[int, Frame] = {}  # sentence index -> its outermost frame
    for index, sentence in enumerate(sentences):
        found = _explicit_frames(sentence, text)
        if not found and _REPORTEDLY.search(sentence.text):
            found = [_reportedly_frame(sentence, frames)]
        resolved = [_resolve(frame, frames) for frame in found]
        for frame in resolved:
            if frame.content_start < sentence.start:  # "This was reported to X by ..." points back
                back = _previous_in_paragraph(sentences, index)
                if back is not None:
                    framed.setdefault(back, frame)
                    frames.append(replace(frame, content_start=sentences[back].start, content_end=sentences[back].end))
                continue
            frames.append(frame)
            framed.setdefault(index, frame)
        if not resolved and index > 0 and _is_speech(framed.get(index - 1)):
            previous = sentences[index - 1]
            same_paragraph = previous.paragraph == sentence.paragraph
            if same_paragraph or _CONTINUATION.match(sentence.text):
                carried = replace(
                    framed[index - 1], content_start=sentence.start, content_end=sentence.end, inherited=True
                )
                frames.append(carried)
                framed[index] = carried
    return sorted(frames, key=lambda f: (f.content_start, f.cue_start))


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


def _explicit_frames(sentence: Sentence, text: str) -> list[Frame]:
    s = sentence.text
    base = sentence.start
    frames: list[Frame] = []

    def frame(src: tuple[int, int], cue: tuple[int, int], content: tuple[int, int], via: str | None) -> Frame:
        return Frame(
            source=_clean(s[src[0] : src[1]]),
            cue=s[cue[0] : cue[1]],
            source_start=base + src[0],
            source_end=base + src[1],
            cue_start=base + cue[0],
            cue_end=base + cue[1],
            content_start=base + content[0],
            content_end=base + content[1],
            via=_clean(via) if via else None,
        )

    reported_to = _REPORTED_TO.search(s)
    if reported_to:
        # "This was reported to TASS by sources ...": the content is the previous sentence.
        f = frame(reported_to.span("src"), reported_to.span("cue"), (0, len(s)), reported_to.group("via"))
        return [replace(f, content_start=base - 1, content_end=base - 1)]

    for match in _ACCORDING.finditer(s):
        src_span = match.span("src")
        if match.group("appos"):
            src_span = (src_span[0], match.end("appos"))
        via = match.group("via")
        cue_span = (match.start(), match.start() + len("according to"))
        if match.group("cited"):
            via = s[match.start("src") : match.end("src")]
            src_span = match.span("cited")
        before, after = s[: match.start()].strip(" ,"), s[match.end() :].strip(" ,.")
        content = (0, match.start()) if len(before) > len(after) else (match.end(), len(s))
        frames.append(frame(src_span, cue_span, content, via))
    if frames:
        return frames

    outlet_sources = _OUTLET_SOURCES.search(s)
    if outlet_sources:
        return [
            frame(
                outlet_sources.span("src"),
                outlet_sources.span("cue"),
                (outlet_sources.end(), len(s)),
                outlet_sources.group("via"),
            )
        ]

    cited = _CITED.search(s)
    if cited and _looks_like_speaker(cited.group("src")):
        report_by = _REPORT_BY.search(s[: cited.start()])
        via = report_by.group("via") if report_by else None
        return [frame(cited.span("src"), cited.span("cue"), (cited.end(), len(s)), via)]

    subject = _subject_frame(s)
    if subject:
        src_span, cue_span, parenthetical = subject
        as_by = _AS_BY.search(s[: cue_span[0]])
        via = as_by.group("via") if as_by else None
        if as_by and as_by.start() < src_span[1]:
            src_span = (src_span[0], min(src_span[1], as_by.start()))
        content = (0, len(s)) if parenthetical else (cue_span[1], len(s))
        return [frame(src_span, cue_span, content, via)]

    parenthetical = _PARENTHETICAL.search(s)
    if parenthetical and _looks_like_speaker(parenthetical.group("src")):
        return [frame(parenthetical.span("src"), parenthetical.span("cue"), (0, len(s)), None)]

    sources = _SOURCES_VERB.search(s) or _ANONYMOUS.search(s)
    if sources:
        cue_span = sources.span("cue") if "cue" in sources.groupdict() else sources.span("src")
        return [frame(sources.span("src"), cue_span, (0, len(s)), None)]
    return []


def _subject_frame(s: str) -> tuple[tuple[int, int], tuple[int, int], bool] | None:
    """The speaker and cue of "X (has) said/stated/warned ... (that)".

    The third value is true for a parenthetical ("Ideology, he said, was ..."), whose content is the whole
    sentence rather than what follows the cue.
    """
    match = _SUBJECT_VERB.search(s)
    if not match:
        return None
    subject = match.group("subj")
    start = 0
    lead = _LEADING_ADVERBIALS.match(subject)
    while lead:
        start += lead.end()
        lead = _LEADING_ADVERBIALS.match(subject[start:])
    end = len(subject)
    # "X, who serves as ..., has stated": the speaker is X.
    relative = re.search(r",\s*(?:who|which|whose)\b", subject[start:])
    if relative:
        end = start + relative.start()
    # "Ukrainian intelligence, as quoted by the agency, warns": the caller reads the "as quoted by".
    as_by = _AS_BY.search(subject, start, end)
    if as_by:
        end = as_by.start()
    segments = [seg for seg in subject[start:end].split(",") if seg.strip()]
    parenthetical = False
    # "While ... phenomenon, Ukrainian authorities revealed": drop the leading subordinate clause.
    while len(segments) > 1 and _SUBORDINATE.match(segments[0].strip()):
        segments = segments[1:]
    # "Many of those detained, the source claimed, are ...": a parenthetical speaker.
    if len(segments) > 1 and _ANAPHORA.match(segments[-1].strip()):
        segments, parenthetical = segments[-1:], True
    speaker = ",".join(segments).strip(" ,")
    if not speaker or len(speaker.split()) > 14 or not _looks_like_speaker(speaker):
        return None
    if _SUBORDINATE.match(speaker) or re.search(r"\b(that|which|if|when|because|as|while)\b", speaker.lower()):
        return None
    offset = s.index(speaker, start)
    return (offset, offset + len(speaker)), match.span("cue"), parenthetical


def _looks_like_speaker(phrase: str) -> bool:
    phrase = phrase.strip()
    if not phrase or len(phrase.split()) > 14:
        return False
    names = [w for w in re.findall(r"\b[A-Z][\w'’-]*", phrase) if w not in _NOT_NAMES]
    return bool(_AGENT_NOUNS.search(phrase) or names)


def _is_speech(frame: Frame | None) -> bool:
    """A frame whose reported speech may continue into the next sentence (not a bare "reportedly")."""
    return frame is not None and not _REPORTEDLY.fullmatch(frame.cue)


def _reportedly_frame(sentence: Sentence, earlier: list[Frame]) -> Frame:
    match = _REPORTEDLY.search(sentence.text)
    assert match is not None
    cue = (sentence.start + match.start(), sentence.start + match.end())
    outer = next((f for f in reversed(earlier) if f.via or _is_anonymous(f.source)), None)
    if outer is not None:
        return Frame(
            outer.source,
            match.group("cue"),
            outer.source_start,
            outer.source_end,
            *cue,
            sentence.start,
            sentence.end,
            via=outer.via,
            inherited=True,
        )
    return Frame("unnamed reports", match.group("cue"), *cue, *cue, sentence.start, sentence.end)


def _resolve(frame: Frame, earlier: list[Frame]) -> Frame:
    """Replace an anaphoric source ("the source", "he", "the agency") or via with the one it refers to."""
    if frame.via and _ANAPHORA.match(frame.via.strip()):
        outlet = next((f.via for f in reversed(earlier) if f.via and not _ANAPHORA.match(f.via)), None)
        frame = replace(frame, via=outlet)
    if not _ANAPHORA.match(frame.source.strip()):
        return frame
    words = frame.source.lower()
    for previous in reversed(earlier):
        if _ANAPHORA.match(previous.source.strip()):
            continue
        if re.search(r"report|agency|outlet", words) and not previous.via:
            continue
        if re.search(r"source|representative|official", words) and not _is_anonymous(previous.source):
            continue
        return replace(
            frame,
            source=previous.source,
            source_start=previous.source_start,
            source_end=previous.source_end,
            via=frame.via or previous.via,
            inherited=True,
        )
    return frame


def _previous_in_paragraph(sentences: list[Sentence], index: int) -> int | None:
    if index > 0 and sentences[index - 1].paragraph == sentences[index].paragraph:
        return index - 1
    return index - 1 if index > 0 else None


def _is_anonymous(source: str) -> bool:
    return bool(re.search(r"\bsources?\b", source, re.IGNORECASE))


def _mentions_name(text: str, name: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, flags=re.IGNORECASE) is not None


def _clean(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase).strip(" ,;:")


def _strip_article(phrase: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.IGNORECASE) if phrase[:1].islower() else phrase
