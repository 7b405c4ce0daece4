"""Attribution phrases whose shape a pattern reads more reliably than the small parser.

"according to a report by TASS, citing X", "according to the Army Chief of Ukraine, Oleksandr Syrskyi,",
"..., as reported by TASS" and "a report by RT, which cited unnamed sources claiming that ...": the parser
attaches their appositions and participles unreliably, and these phrases fix source, outlet and content.
"""

from __future__ import annotations

import re

from rag.attribution.parse import RawFrame

_ACCORDING = re.compile(
    r"\baccording to\s+(?:(?:a |the )?(?:reports?|an? article|a statement) (?:by|from|in)\s+)?"
    r"(?P<src>[^,.;:]+?)(?P<appos>(?-i:,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})(?=,))?"
    r"(?P<citing>,\s*citing\s+(?P<cited>[^,.;:]+))?(?P<asrep>,?\s*as (?:reported|quoted) by\s+(?P<via>[^,.;:]+))?"
    r"(?=[,.;:]|$)",
    re.IGNORECASE,
)
AS_BY = re.compile(r",?\s*as (?P<cue>quoted|reported|cited) by\s+(?P<via>[^,.;:]+)", re.IGNORECASE)
_CITED = re.compile(r"\b(?P<cue>cit(?:ed|ing))\s+(?P<src>[^,.;:]+?)(?=\s+(?:claiming|saying|that)\b|[,.;:]|$)")
_REPORT_BY = re.compile(r"\b(?:a |the )?reports? (?:by|from)\s+(?P<via>[A-Z][\w-]*(?: [A-Z][\w-]*)*)")
# A cited source must name someone: a capitalised word or one of these nouns.
_SPEAKER_NOUNS = re.compile(
    r"\b(?:sources?|officials?|analysts?|experts?|intelligence|authorities|agencies|agency|ministry|media|"
    r"report|government|spokes(?:person|man|woman))\b",
    re.IGNORECASE,
)


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


def _names_someone(phrase: str) -> bool:
    return bool(_SPEAKER_NOUNS.search(phrase) or re.search(r"\b[A-Z]", phrase)) and len(phrase.split()) <= 14


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
