"""Attribution phrases whose shape a pattern reads more reliably than the small parser.

"according to a report by TASS, citing X", "according to the Army Chief of Ukraine, Oleksandr Syrskyi,",
"..., as reported by TASS" and "a report by RT, which cited unnamed sources claiming that ...": the parser
attaches their appositions and participles unreliably, and these phrases fix source, outlet and content.
So do the typographic frames of news: a speaker's label ("Pence: Flowers won't be at debate", "PENCE: Well,
look, ...") and a signature after a quotation or an embedded tweet ("“...” ― Sonya Herridge",
"... — Paul Ryan (@SpeakerRyan) July 5, 2016").
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from rag.attribution.parse import RawFrame
from rag.lexicons import words

# A full stop inside a sentence that goes on with a name is an abbreviation's or an initial's ("Rep. G.K. Roe
# (D-N.C.)"); any other ends the source.
_NAME_DOT = r"\.(?=[A-Za-z)]|\s+[A-Z])"
_END_DOT = r"\.(?![A-Za-z)]|\s+[A-Z])"
_ACCORDING = re.compile(
    r"\baccording to\s+(?:(?:a |the )?(?:reports?|an? article|a statement) (?:by|from|in)\s+)?"
    rf"(?P<src>(?:[^,.;:]|{_NAME_DOT})+?)(?P<appos>(?-i:,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})(?=,))?"
    r"(?P<citing>,\s*citing\s+(?P<cited>[^,.;:]+))?(?P<asrep>,?\s*as (?:reported|quoted) by\s+(?P<via>[^,.;:]+))?"
    rf"(?=[,;:]|{_END_DOT}|$)",
    re.IGNORECASE,
)
AS_BY = re.compile(r",?\s*as (?P<cue>quoted|reported|cited) by\s+(?P<via>[^,.;:]+)", re.IGNORECASE)
_CITED = re.compile(r"\b(?P<cue>cit(?:ed|ing))\s+(?P<src>[^,.;:]+?)(?=\s+(?:claiming|saying|that)\b|[,.;:]|$)")
_REPORT_BY = re.compile(r"\b(?:a |the )?reports? (?:by|from)\s+(?P<via>[A-Z][\w-]*(?: [A-Z][\w-]*)*)")


def pattern_frames(sentence: str, base: int) -> list[RawFrame]:
    """The "according to" and "cited" frames of ``sentence`` (which starts at ``base`` in the text)."""
    frames = []
    for match in _ACCORDING.finditer(sentence):
        src = match.span("src")
        if match.group("appos"):
            src = (src[0], match.end("appos"))
        via = match.span("via") if match.group("via") else None
        if match.group("cited"):
            via, src = match.span("src"), match.span("cited")
        before, after = sentence[: match.start()].strip(" ,"), sentence[match.end() :].strip(" ,.")
        if not before and not after:
            continue
        content = _strip((0, match.start()) if len(before) > len(after) else (match.end(), len(sentence)), sentence)
        cue = (match.start(), match.start() + len("according to"))
        frames.append(_frame(src, cue, content, via, "according_to", base))
    if frames:
        return frames
    cited = _CITED.search(sentence)
    if cited and _names_someone(cited.group("src")):
        report_by = _REPORT_BY.search(sentence[: cited.start()])
        via = report_by.span("via") if report_by else None
        content = _strip((cited.end(), len(sentence)), sentence)
        if content[0] < content[1]:
            frames.append(_frame(cited.span("src"), cited.span("cue"), content, via, "citing", base))
    return frames


# "Name: what they said" at the start of a sentence, after an opening quote ("“PENCE: Well, ...").
_LABEL = re.compile(r"^[\"“‘']?(?P<src>[A-Z][\w’'.&-]*(?: (?:[A-Z][\w’'.&-]*|of|the|and|for|de)){0,5}):[ \t]+(?=\S)")
# What follows a label must be a clause: a finite verb, or a participle that heads one.
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_PARTICIPLES = frozenset({"VBG", "VBN"})
# A dash and a name closing a quotation or an embedded tweet: "...” ― Sonya Herridge", "... — Paul Ryan
# (@SpeakerRyan) July 5, 2016". The name ends the line or is followed by a comma, a full stop or a quotation.
_SIGNATURE = re.compile(
    r"(?P<close>[”\"])?[^\S\n]*\n?[^\S\n]*(?P<cue>[―—–]|--?)[^\S\n]*"
    r"(?P<src>[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,4})"
    r"(?:(?P<handle>[^\S\n]*\(@\w+\))|(?=[^\S\n]*(?:$|[,.;“\"])))",
    re.MULTILINE,
)
# The quotation marks that may open a quotation a closing mark ends (a page may open with "”" too).
_OPENING = {"”": "“”", '"': '"'}


def is_labelled(sentence: str) -> bool:
    """Does ``sentence`` open with what may be a speaker's label ("Pence: ...")? :func:`label_frame` decides."""
    return _LABEL.match(sentence) is not None


def label_frame(sent: Span, base: int) -> RawFrame | None:
    """ "Pence: Flowers won't be at debate", "PENCE: Well, look, ...": a name labels what the sentence says.

    The label is a proper name (its last word tagged so by the parser) or a speaker noun ("Poll:"), never a
    section label ("Update:", "Correction:"); what follows is a clause or a quotation, not a figure or a
    list ("Clinton: 547.", "Iowa: Tim Albrecht, ...").
    """
    match = _LABEL.match(sent.text)
    if match is None or len(match.group("src")) < 2 or match.group("src").lower() in words("section_labels"):
        return None
    src_end = match.end("src")
    label = [t for t in sent if t.idx - sent.start_char < src_end and not t.is_punct]
    said = [t for t in sent if t.idx - sent.start_char > src_end]
    if not label or not said:
        return None
    named = label[-1].pos_ == "PROPN" or label[-1].lemma_.lower() in words("label_speakers")
    clause = said[0].text in "“\"‘'" or any(
        t.tag_ in _FINITE or (t.tag_ in _PARTICIPLES and t.dep_ not in ("amod", "compound")) for t in said
    )
    if not (named and clause):
        return None
    content = _strip((match.end(), len(sent.text)), sent.text)
    return _frame(match.span("src"), (src_end, src_end + 1), content, None, "label", base + sent.start_char)


def signature_frames(text: str) -> list[RawFrame]:
    """Quotations and embedded tweets signed with a dash and the speaker's name."""
    frames = []
    for match in _SIGNATURE.finditer(text):
        close, handle = match.group("close"), match.group("handle")
        line_start = text.rfind("\n", 0, match.start()) + 1
        if close:
            opening = max(text.rfind(mark, line_start, match.start("close")) for mark in _OPENING[close])
            if opening < 0:
                continue
            content = (opening + 1, match.start("close"))
        elif handle:
            tag = text.rfind(">", line_start, match.start())
            content = _strip((max(line_start, tag + 1), match.start("cue")), text)
        else:
            continue
        src_start, src_end = match.span("src")
        if text[src_end - 1] == "." and src_end - src_start > 3 and text[src_end - 2].islower():
            src_end -= 1  # "― Carla Sanchez." ends a sentence; "― Edwin G." keeps its initial
        if content[0] < content[1]:
            frames.append(_frame((src_start, src_end), match.span("cue"), content, None, "signature", 0))
    return frames


def _names_someone(phrase: str) -> bool:
    """A cited source must name someone: a capitalised word or a speaker noun ("citing intelligence")."""
    singular = (re.sub(r"ies$", "y", w).removesuffix("s") for w in re.findall(r"[a-z]+", phrase.lower()))
    speaker = any(w in words("speaker_nouns") for w in singular)
    return (speaker or re.search(r"\b[A-Z]", phrase) is not None) and len(phrase.split()) <= 14


def _strip(span: tuple[int, int], sentence: str) -> tuple[int, int]:
    """The span without surrounding spaces, commas, "claiming/saying that" and the final full stop."""
    start, end = span
    lead = re.match(r"[\s,]*(?:(?:claiming|saying)\s+)?(?:that\s+)?", sentence[start:end])
    start += lead.end() if lead else 0
    while end > start and sentence[end - 1] in " ,.;:\n":
        end -= 1
    return start, end


def _frame(
    src: tuple[int, int],
    cue: tuple[int, int],
    content: tuple[int, int],
    via: tuple[int, int] | None,
    kind: str,
    base: int,
) -> RawFrame:
    def shift(span: tuple[int, int]) -> tuple[int, int]:
        return base + span[0], base + span[1]

    return RawFrame(
        source=shift(src),
        cue=shift(cue),
        content=shift(content),
        kind=kind,
        via=shift(via) if via else None,
        structure=kind,
    )
