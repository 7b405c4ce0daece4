"""The citation guard: whatever the model wrote, the answer that leaves ``rag`` is cited, supported and attributed.

For every sentence of the model's draft the guard

1. reads the citation markers in whatever form the model used (``[1]``, ``[1, 3]``, ``[Source 2]``,
   "According to Source 3") and drops vague openers ("According to the articles, ...");
2. checks that the cited passage supports the sentence (content words and every number are found in it, and
   no negation is lost); an unsupported citation is moved to the passage that does support the sentence, and a
   sentence no passage supports is replaced by the passage sentence it was drawn from, or removed;
3. finds the attribution frames of the passage sentences it was drawn from and, where the draft dropped the
   source or the reporting cue, restores them deterministically ("According to TASS, citing sources ..., ");
4. adds a sentence that names both sides where two retrieved articles disagree on the point (same event and
   figure, different actor), and lists the conflict;
5. renumbers the citations 1..k in order of first use, each ``[n]`` standing alone.

When nothing supported remains and the passages are relevant, it answers from the passage sentences that
best match the question; otherwise the answer is a refusal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rag.answer import Citation, Conflict
from rag.attribution import CUE_WORDS, Frame, authorial_frame, is_loaded
from rag.lexical import normalize_numbers, numbers, stemmer, terms
from rag.prompt import Passage
from rag.sentences import Sentence, split_sentences

SUPPORT_THRESHOLD = 0.7  # share of a sentence's content words that its passage must contain
REPLACE_THRESHOLD = 0.3  # an unsupported sentence this close to a passage sentence is replaced by it
EXTRACT_SENTENCES = 2
MAX_CITATIONS = 3  # a sentence cites at most this many passages (each from another article)
# Never quotes the question, so that an instruction injected into it is not repeated.
REFUSAL_ANSWER = "The articles do not say anything that answers this question."

_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKER = re.compile(
    r"[\[【(]\s*(?:(?:sources?|passages?|docs?|documents?|refs?)\s*)?#?"
    r"(\d{1,2}(?:\s*(?:,|;|and|&)\s*(?:(?:sources?|passages?)\s*)?\d{1,2})*)\s*[\]】)]",
    re.IGNORECASE,
)
# "According to Source 3, X." and "Passage 2 says that X." cite the sentence they open.
_OPENING_MARKER = re.compile(
    r"\b(?:according to|as (?:stated|noted|reported) in|in|per)\s+(?:source|passage)\s+(\d{1,2})\s*,?\s*"
    r"|\b(?:source|passage)\s+(\d{1,2})\s+(?:says|states|reports|notes|mentions)\s+(?:that\s+)?",
    re.IGNORECASE,
)
_WORD_MARKER = re.compile(r"\b(?:source|passage)\s+(\d{1,2})\b", re.IGNORECASE)
_SENTENCE_TAIL = re.compile(r"[^.!?]*")
_DIGITS = re.compile(r"\d+")
_PLACEHOLDER = re.compile(f"{_OPEN}([\\d,]+){_CLOSE}")
_MARKER_BEFORE_END = re.compile(f"([.!?])((?:\\s*{_OPEN}[\\d,]+{_CLOSE})+)")
_VAGUE_OPENER = re.compile(
    r"^(?:(?:according to|based on|as (?:stated|mentioned|noted|reported) in|as per|per)\s+(?:the\s+)?"
    r"(?:provided\s+)?(?:articles?|passages?|sources? provided|sources|texts?|information(?: provided)?|"
    r"news(?: articles?)?|reports?)\s*,\s*"
    r"|(?:the\s+)?(?:articles?|passages?|texts?)\s+(?:\d+\s+)?(?:says?|states?|mentions?|notes?|reports?|"
    r"indicates?|explains?)\s+(?:that\s+)?)",
    re.IGNORECASE,
)
_LEADING_ATTRIBUTION = re.compile(
    r"^(?:according to [^,]{1,80},\s*|[A-Z][^,]{0,60}?\b(?:said|says|stated|states|claimed|claims|reported|reports)"
    r"\s+that\s+)",
    re.IGNORECASE,
)
_EMPTY_ATTRIBUTION = re.compile(r"(?i)^(?:according to|as (?:stated|noted|reported) in|per)\s*,\s*")
_REFUSAL_TEXT = re.compile(
    r"articles do not say|do(?:es)? not (?:say|mention|contain|provide|specify|answer)|no information|"
    r"not (?:mentioned|provided|specified)|cannot (?:answer|be answered|determine)|unable to",
    re.IGNORECASE,
)
_MODALS = frozenset("to could would may might will should can must shall".split())
_QUESTION_VERBS = frozenset("say said describ explain mention tell talk".split())
_ASKS_NUMBER = re.compile(
    r"(?i)\b(?:how many|how much|what (?:number|share|percentage|proportion|fraction|figure)|how large|how big)\b"
)
_ASKS_DATE = re.compile(r"(?i)^\s*when\b|\b(?:what|which) (?:exact )?(?:date|day|year|month)\b")
# "What did <subject> <verb> ...": the subject is one to four words, the verb the first lower-case one after them.
_ASKS_DONE = re.compile(r"\b(?:did|has|have|had)\s+(?:[A-Z][\w’'-]*\s+|the\s+){1,4}(?P<verb>[a-z]{3,})\b")
_DATE = re.compile(
    r"(?i)\b(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|(?:19|20)\d\d)\b"
)
_NEGATIONS = frozenset(["not", "no", "never", "none", "neither", "nor", "without", "n't", "cannot"])
_CONFLICT_CLAIM = re.compile(
    r"(?P<agent>(?:(?:The|the|of)\s+)?[A-Z][\w’'-]*(?:\s+(?:of|the|[A-Z][\w’'-]*))*)\s+"
    r"(?:(?:has|have|had|also|reportedly|allegedly|already)\s+)*(?P<verb>[a-z]+ed)\b"
    r"(?P<rest>[^.;:]{0,60}?)\b(?P<number>\d[\d,]*)(?P<tail>(?:\s+[\w’'-]+){0,3})"
)


@dataclass
class DraftSentence:
    """A sentence on its way out: its claim text, the passages it cites, and where it came from."""

    text: str
    cites: list[int]
    origin: str  # "model", "recited", "replaced", "extracted" or "conflict"
    sources: list[Sentence] = field(default_factory=list)
    attributed: bool = False


@dataclass
class GuardResult:
    answer: str
    citations: list[Citation]
    refused: bool
    conflicts: list[Conflict]
    sentences: list[DraftSentence]
    removed: list[str]


def _negated(text: str) -> bool:
    words = set(re.findall(r"[a-z']+", text.lower().replace("’", "'")))
    return bool(words & _NEGATIONS) or any(w.endswith("n't") for w in words)


def support(claim: str, evidence: str) -> float:
    """Share of the claim's content words found in the evidence; 0 when a number of the claim is not in it."""
    claim_terms = terms(claim)
    if not claim_terms:
        return 0.0
    if not numbers(claim) <= numbers(evidence):
        return 0.0
    return len(claim_terms & terms(evidence)) / len(claim_terms)


def parse_draft(raw: str, passage_count: int) -> tuple[list[DraftSentence], bool]:
    """Split the model's draft into sentences with their cited passage numbers; report a refusal."""
    text = _move_opening_markers(raw)
    text = _WORD_MARKER.sub(lambda m: f" {_OPEN}{m.group(1)}{_CLOSE} ", text)
    text = _MARKER.sub(lambda m: f" {_OPEN}{','.join(_DIGITS.findall(m.group(1)))}{_CLOSE} ", text)
    text = _MARKER_BEFORE_END.sub(lambda m: f"{m.group(2)}{m.group(1)}", text)
    sentences: list[DraftSentence] = []
    refused = False
    for sentence in split_sentences(text):
        cites = [int(n) for group in _PLACEHOLDER.findall(sentence.text) for n in group.split(",")]
        claim = re.sub(r"\s+", " ", _PLACEHOLDER.sub(" ", sentence.text)).strip()
        claim = re.sub(r"\s+([.,;:!?])", r"\1", claim)
        claim = _EMPTY_ATTRIBUTION.sub("", claim)
        claim = _VAGUE_OPENER.sub("", claim).strip()
        if not re.search(r"[A-Za-z]{2}", claim):
            continue
        if _REFUSAL_TEXT.search(claim):
            refused = True
            continue
        claim = claim[0].upper() + claim[1:]
        valid = [n for n in dict.fromkeys(cites) if 1 <= n <= passage_count]
        sentences.append(DraftSentence(claim, valid, "model"))
    return sentences, refused


def _move_opening_markers(text: str) -> str:
    """Rewrite "According to Source 3, X." as "X [3]."."""
    while match := _OPENING_MARKER.search(text):
        number = match.group(1) or match.group(2)
        tail = _SENTENCE_TAIL.match(text, match.end())
        end = tail.end() if tail else match.end()
        claim = text[match.end() : end]
        text = f"{text[: match.start()]}{claim[:1].upper()}{claim[1:]} [{number}]{text[end:]}"
    return text


def check_support(sentence: DraftSentence, passages: list[Passage], question: str = "") -> DraftSentence | None:
    """Keep, re-cite or replace a draft sentence so that its passages support it; None when nothing does.

    Support means: most of the sentence's content words and all of its numbers are in the passage, no
    word the sentence took from the question is missing from it (a small model fills the question's
    template with whatever entity is at hand), no negation is lost and no event the passage only expects
    ("ordered him to report") is told as done ("he reported"). Other articles' passages that support the
    sentence as well are cited beside it.
    """
    by_number = {p.number: p for p in passages}

    def supported(numbers_: list[int]) -> bool:
        evidence = " ".join(by_number[n].text for n in numbers_)
        return (
            support(sentence.text, evidence) >= SUPPORT_THRESHOLD
            and not echoed_terms(sentence.text, question, [by_number[n] for n in numbers_])
            and not _modality_changed(sentence.text, evidence)
            and not (_negated(sentence.text) and not _negated(evidence))
        )

    ranked = sorted(passages, key=lambda p: (p.number not in sentence.cites, -support(sentence.text, p.text)))
    chosen = next(([p.number] for p in ranked if supported([p.number])), [])
    origin = sentence.origin if chosen and chosen[0] in sentence.cites else "recited"
    if not chosen:
        pair = _supporting_pair(sentence.text, passages)
        chosen = pair if pair and supported(pair) else []
    if chosen:
        docs = {by_number[n].doc_id for n in chosen}
        for passage in ranked:
            if len(chosen) >= MAX_CITATIONS:
                break
            if passage.doc_id not in docs and supported([passage.number]):
                chosen.append(passage.number)
                docs.add(passage.doc_id)
        sources = _aligned(sentence.text, [by_number[n] for n in chosen])
        return DraftSentence(sentence.text, chosen, origin, sources)
    # Replace with what the passage says: the passage sentence the draft was drawn from.
    best: tuple[float, Passage, Sentence] | None = None
    for passage in passages:
        for candidate in passage.sentences():
            overlap = _overlap(sentence.text, candidate.text)
            if best is None or overlap > best[0]:
                best = (overlap, passage, candidate)
    if best and best[0] >= REPLACE_THRESHOLD:
        _, passage, candidate = best
        return DraftSentence(_clean_sentence(candidate.text), [passage.number], "replaced", [candidate])
    return None


def echoed_terms(claim: str, question: str, passages: list[Passage]) -> set[str]:
    """Words the claim shares with the question that its passages do not contain (attribution aside)."""
    if not question:
        return set()
    allowed = set(stemmer().stemWords(list(CUE_WORDS))) | _QUESTION_VERBS
    for passage in passages:
        for frame in passage.frames:
            allowed |= terms(f"{frame.source} {frame.via or ''}")
    evidence = terms(" ".join(p.text for p in passages))
    return (terms(claim) & terms(question)) - evidence - allowed


def _modality_changed(claim: str, evidence: str) -> bool:
    """Does the claim tell as done ("reported") what the evidence only has as expected ("to report")?"""
    return any(_only_expected(verb, evidence) for verb in re.findall(r"\b[a-z]+ed\b", claim.lower()))


def _only_expected(verb: str, evidence: str) -> bool:
    """Does the evidence use ``verb`` (any form) only after "to" or a modal ("ordered him to report")?"""
    words = re.findall(r"[a-z']+", evidence.lower())
    stem = stemmer().stemWord(verb)
    uses = [i for i, w in enumerate(stemmer().stemWords(words)) if w == stem]
    return bool(uses) and all(i > 0 and words[i - 1] in _MODALS for i in uses)


def answer_type_missing(question: str, sentences: list[DraftSentence]) -> str | None:
    """The kind of answer the question asks for ("a number", "a date") when no sentence gives one."""
    asked_numbers = numbers(question)
    texts = [s.text for s in sentences if s.origin != "conflict"]
    if _ASKS_NUMBER.search(question) and not any(numbers(t) - asked_numbers for t in texts):
        return "a number"
    if _ASKS_DATE.search(question) and not any(_DATE.search(t) for t in texts):
        return "a date"
    return None


def asks_unrealised_event(question: str, passages: list[Passage]) -> str | None:
    """The verb of a question that takes an event as done ("what did Gerasimov report?") when the passages
    have it only as expected or ordered ("ordered him to report"): the answer is not in them."""
    asked = _ASKS_DONE.search(question)
    if not asked:
        return None
    verb = asked.group("verb").lower()
    return verb if _only_expected(verb, " ".join(p.text for p in passages)) else None


def binding_frames(claim: str, sources: list[Sentence], passage: Passage) -> list[Frame]:
    """The frames whose *content* the claim draws on (not merely the sentence that names the speaker)."""
    claim_terms = terms(claim)
    bound = []
    for source in sources:
        if not passage.start <= source.start < passage.end:
            continue
        drawn = claim_terms & terms(source.text)
        for frame in passage.frames_for(source):
            content = _frame_content(passage, frame, source)
            shared = claim_terms & terms(content)
            if len(shared) >= 2 and len(shared) >= 0.5 * len(drawn):
                bound.append(frame)
    return bound


def attribute(sentence: DraftSentence, passages: list[Passage], lowercase_ok: Callable[[str], bool]) -> DraftSentence:
    """Make sure the sentence names the source and a reporting cue of the claim it carries.

    A draft that credits someone the cited passages never attribute anything to is replaced by the passage
    sentence itself, which carries its true attribution.
    """
    by_number = {p.number: p for p in passages}
    cited = [by_number[n] for n in sentence.cites]
    if sentence.origin in ("model", "recited") and _misattributed(sentence.text, cited) and sentence.sources:
        source = sentence.sources[0]
        home = next(p for p in cited if p.start <= source.start < p.end)
        replaced = DraftSentence(_clean_sentence(source.text), [home.number], "replaced", [source])
        return attribute(replaced, passages, lowercase_ok)
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
        frames = _authorial_frames(sentence, cited)
    if not frames or any(is_attributed(sentence.text, f) for f in frames):
        return sentence
    frame = _outermost(frames)
    claim = _LEADING_ATTRIBUTION.sub("", sentence.text)
    first = claim.split(" ", 1)[0]
    if lowercase_ok(first):
        claim = claim[0].lower() + claim[1:]
    return DraftSentence(f"{frame.attribution}, {claim}", sentence.cites, sentence.origin, sentence.sources, True)


def _echoed_claim(claim: str, passages: list[Passage]) -> tuple[Frame, Passage, Sentence] | None:
    """A frame elsewhere whose content states the same claim (all its numbers, most of its words)."""
    claim_terms, claim_numbers = terms(claim), numbers(claim)
    best: tuple[float, Frame, Passage, Sentence] | None = None
    for passage in passages:
        for source in passage.sentences():
            for frame in passage.frames_for(source):
                content = _frame_content(passage, frame, source)
                if not claim_numbers <= numbers(content):
                    continue
                share = len(claim_terms & terms(content)) / max(len(claim_terms), 1)
                if share >= 0.6 and len(claim_terms) >= 3 and (best is None or share > best[0]):
                    best = (share, frame, passage, source)
    return best[1:] if best else None


def _authorial_frames(sentence: DraftSentence, cited: list[Passage]) -> list[Frame]:
    """The article's own voice as the source of a claim that reads minds or judges ("Putin is panicking"),
    drawn from a sentence that attributes it to nobody."""
    if not is_loaded(sentence.text):
        return []
    found = []
    for source in sentence.sources:
        home = next((p for p in cited if p.start <= source.start < p.end), None)
        if home is not None and not home.frames_for(source) and is_loaded(source.text):
            found.append(authorial_frame(source, home.outlet or "the article"))
    return found


def is_attributed(text: str, frame: Frame) -> bool:
    """Does ``text`` carry a reporting cue and name the frame's source (its outlet, where it has one)?"""
    text = text.replace("’", "'")
    lowered = text.lower()
    if not (set(re.findall(r"[a-z]+", lowered)) & CUE_WORDS or "according to" in lowered):
        return False
    names = [frame.via] if frame.via else frame.aliases()
    return any(_mentions(text, name) for name in names)


def _mentions(text: str, name: str) -> bool:
    name = name.replace("’", "'")
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, flags=re.IGNORECASE) is not None


def _misattributed(text: str, cited: list[Passage]) -> bool:
    """Does the draft open with "According to X" / "X said" where the cited passages attribute nothing to X?"""
    from rag.attribution import detect

    opening = [f for f in detect(text) if f.cue_start < 60 and not f.inherited]
    if not opening:
        return False
    named = opening[0].source.replace("’", "'")
    if re.fullmatch(r"(?i)(?:the\s+)?(?:sources?|he|she|they|reports?)", named):
        return False
    known = [alias for p in cited for f in p.frames for alias in f.aliases()]
    return not any(_mentions(named, alias) or _mentions(alias, named) for alias in known)


def find_conflicts(passages: list[Passage]) -> list[tuple[str, Passage, Sentence, Passage, Sentence]]:
    """Pairs of sentences from different articles that report the same event and figure with different actors."""
    claims = []
    for passage in passages:
        for sentence in passage.sentences():
            for match in _CONFLICT_CLAIM.finditer(normalize_numbers(sentence.text)):
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


def guard(
    question: str,
    passages: list[Passage],
    raw: str,
    lowercase_ok: Callable[[str], bool],
    answerable: float = 0.55,
) -> GuardResult:
    """Turn the model's draft into an answer whose every sentence is cited, supported and attributed."""
    unrealised = asks_unrealised_event(question, passages)
    if unrealised:
        return GuardResult(REFUSAL_ANSWER, [], True, [], [], [f"(the passages have {unrealised!r} only as expected)"])
    drafts, model_refused = parse_draft(raw, len(passages))
    kept: list[DraftSentence] = []
    removed: list[str] = []
    for draft in drafts:
        checked = check_support(draft, passages, question)
        if checked is None:
            removed.append(draft.text)
            continue
        if any(_same(checked.text, k.text) for k in kept):
            continue
        kept.append(checked)
    if not any(k.origin != "replaced" for k in kept):
        # Nothing the model wrote holds: answer from the passages closest to the question; failing that,
        # from the passage sentences the draft was drawn from; failing that, refuse.
        extracted = _extract(question, passages, answerable)
        if extracted:
            removed.extend(f"({k.text}: replaced only)" for k in kept)
            kept = extracted
    missing = answer_type_missing(question, kept)
    if missing:
        removed.extend(f"({s.text}: gives no {missing})" for s in kept)
        kept = _extract(question, [p for p in passages if not answer_type_missing(question, _as_drafts(p))], answerable)
    kept = [attribute(s, passages, lowercase_ok) for s in kept]

    conflicts: list[tuple[str, list[int]]] = []
    if kept:
        for about, a, sa, b, sb in find_conflicts(passages):
            # Relevant when the answer states the disputed figure, or the question asks about it.
            stated = any(numbers(about) & numbers(d.text) and len(terms(about) & terms(d.text)) >= 2 for d in kept)
            asked = numbers(about) & numbers(question) or len(terms(about) & terms(question)) >= 3
            if not (stated or asked):
                continue
            conflicts.append((about, [a.number, b.number]))
            cited = {n for d in kept for n in d.cites}
            if not {a.number, b.number} <= cited:
                kept.append(_conflict_sentence(about, a, sa, b, sb, lowercase_ok))
    if not kept:
        return GuardResult(REFUSAL_ANSWER, [], True, [], [], removed + (["(model refused)"] if model_refused else []))
    return _render(kept, passages, conflicts, removed)


def _render(
    kept: list[DraftSentence], passages: list[Passage], conflicts: list[tuple[str, list[int]]], removed: list[str]
) -> GuardResult:
    order: dict[int, int] = {}
    for sentence in kept:
        for number in sentence.cites:
            order.setdefault(number, len(order) + 1)
    pieces = []
    for sentence in kept:
        if sentence.origin == "conflict":  # carries its own inline markers
            text = re.sub(r"\{(\d+)\}", lambda m: f"[{order[int(m.group(1))]}]", sentence.text)
            pieces.append(text)
            continue
        marks = "".join(f"[{order[n]}]" for n in sentence.cites)
        for part in split_sentences(sentence.text):
            body = part.text.rstrip()
            end = body[-1] if body[-1:] in ".!?" else "."
            pieces.append(f"{body.rstrip('.!?').rstrip()} {marks}{end}")
    by_number = {p.number: p for p in passages}
    citations = [
        Citation(
            id=new,
            doc_id=by_number[old].doc_id,
            title=by_number[old].title or by_number[old].label,
            outlet=by_number[old].outlet,
            attributed_to=by_number[old].attributed_to,
            text=by_number[old].text,
            start=by_number[old].start,
            end=by_number[old].end,
        )
        for old, new in sorted(order.items(), key=lambda item: item[1])
    ]
    found = [Conflict(about, [order[n] for n in numbers_ if n in order]) for about, numbers_ in conflicts]
    return GuardResult(" ".join(pieces), citations, False, found, kept, removed)


def _conflict_sentence(
    about: str, a: Passage, sa: Sentence, b: Passage, sb: Sentence, lowercase_ok: Callable[[str], bool]
) -> DraftSentence:
    def side(passage: Passage, sentence: Sentence) -> str:
        claim = _clean_sentence(sentence.text).rstrip(".")
        draft = DraftSentence(claim, [passage.number], "conflict", [sentence])
        text = attribute(draft, [passage], lowercase_ok).text
        return text[0].lower() + text[1:] if lowercase_ok(text.split(" ", 1)[0]) else text

    text = f"The articles disagree on {about}: {side(a, sa)} {{{a.number}}}, whereas {side(b, sb)} {{{b.number}}}."
    return DraftSentence(text, [a.number, b.number], "conflict", [sa, sb])


def _extract(question: str, passages: list[Passage], answerable: float) -> list[DraftSentence]:
    """Answer from the best passages themselves (they are the sentences closest to the question)."""
    if not passages or max(p.similarity for p in passages) < answerable:
        return []
    best = max(p.similarity for p in passages)
    chosen = [p for p in passages if p.similarity >= best * 0.9][:EXTRACT_SENTENCES]
    return [d for p in chosen for d in _as_drafts(p)]


def _as_drafts(passage: Passage) -> list[DraftSentence]:
    return [DraftSentence(_clean_sentence(s.text), [passage.number], "extracted", [s]) for s in passage.sentences()]


def _supporting_pair(claim: str, passages: list[Passage]) -> list[int]:
    best: tuple[float, list[int]] = (0.0, [])
    for i, first in enumerate(passages):
        for second in passages[i + 1 :]:
            score = support(claim, f"{first.text} {second.text}")
            if score > best[0]:
                best = (score, [first.number, second.number])
    return best[1] if best[0] >= SUPPORT_THRESHOLD else []


def _aligned(claim: str, passages: list[Passage]) -> list[Sentence]:
    """The passage sentences the claim was drawn from: the best match, and the next where it adds words."""
    claim_terms = terms(claim)
    scored = sorted(
        ((len(claim_terms & terms(s.text)), s.start, s) for p in passages for s in p.sentences()),
        key=lambda item: (-item[0], item[1]),
    )
    if not scored or scored[0][0] == 0:
        return []
    chosen = [scored[0][2]]
    covered = claim_terms & terms(scored[0][2].text)
    for _, _, sentence in scored[1:]:
        if len(covered) >= 0.8 * len(claim_terms):
            break
        extra = (claim_terms & terms(sentence.text)) - covered
        if len(extra) >= 2:
            chosen.append(sentence)
            covered |= extra
    return chosen


def _overlap(claim: str, evidence: str) -> float:
    claim_terms = terms(claim)
    return len(claim_terms & terms(evidence)) / len(claim_terms) if claim_terms else 0.0


def _same(a: str, b: str) -> bool:
    ta, tb = terms(a), terms(b)
    return bool(ta) and len(ta & tb) / len(ta | tb) >= 0.85


def _frame_content(passage: Passage, frame: Frame, source: Sentence) -> str:
    """The part of ``source`` that the frame attributes (not the words naming the speaker)."""
    start, end = max(frame.content_start, source.start), min(frame.content_end, source.end)
    return passage.text[start - passage.start : end - passage.start]


def _clean_sentence(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _outermost(frames: list[Frame]) -> Frame:
    """The frame that names the most: one with an outlet first, then the explicit (not inherited) one."""
    return sorted(frames, key=lambda f: (f.via is None, f.inherited, f.cue_start))[0]
