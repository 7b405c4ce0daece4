"""The RGB suite: news nobody wrote ``rag`` for, in three parts (noise, negative rejection, conflicting sources).

The items are RGB's ``en_fact`` development part (Chen et al., AAAI 2024), read at run time from
``../shared/rgb`` (or ``RAG_RGB_DIR``; never copied into the repository). Each snippet becomes an article
file of its own in a temporary folder, read and indexed as a user's collection is, and each part is one index:

* ``noise``: every item's true snippets and distractors; the answer must contain the item's answer, in a
  sentence that cites one of the item's true snippets;
* ``negative``: every item's distractors only; the answer must be a refusal;
* ``conflict``: the true snippets under one outlet and the counterfactual ones under another; the answer must
  give both accounts and list the disagreement in ``conflicts``.

Metrics: accuracy, wrong refusals (of answerable questions) and refusal rate (of unanswerable ones),
conflict recall and precision, citation coverage, garbled sentences (see :mod:`evals.grammar`), median time;
and, of the negative items answered, the share answered with the item's own answer written another way
("November 21 of 1998", "Cristophe Gans"): RGB chose the distractors by the answer's exact string, so some
state it all the same.
"""

from __future__ import annotations

import json
import os
import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from evals.grammar import garbled
from evals.metrics import MARKER, answer_sentences
from rag.config import Settings
from rag.errors import UserError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "rgb"
PARTS = ("noise", "negative", "conflict")
TRUE_OUTLET = "Coastal Herald"  # the outlet of the true snippets in the conflict part
FALSE_OUTLET = "City Post"  # the outlet of the counterfactual ones


@dataclass(frozen=True)
class Item:
    id: int
    query: str
    answers: list[list[str]]  # each inner list: acceptable spellings of one part of the answer
    fake: list[list[str]]
    positive: list[str]
    positive_wrong: list[str]
    negative: list[str]


@dataclass
class Result:
    """One question of one part, scored."""

    part: str
    item: int
    question: str
    answer: dict
    correct: bool
    refused: bool
    conflict_flagged: bool
    garbled: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    states_answer: bool = False  # a negative item answered with the item's answer all the same


def rgb_dir() -> Path:
    """The RGB folder: ``RAG_RGB_DIR``, else ``../shared/rgb`` beside the repository."""
    return Path(os.environ.get("RAG_RGB_DIR") or DEFAULT_DIR)


def load_items(folder: Path | None = None) -> list[Item]:
    """The items of ``folder``'s ``*.jsonl`` files; UserError when there are none."""
    folder = Path(folder or rgb_dir())
    files = sorted(folder.glob("*.jsonl")) if folder.is_dir() else []
    if not files:
        raise UserError(f"no RGB items in {folder} (set RAG_RGB_DIR or pass --rgb)")
    items = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                raw = json.loads(line)
                items.append(
                    Item(
                        id=int(raw["id"]),
                        query=raw["query"],
                        answers=_alternatives(raw["answer"]),
                        fake=_alternatives(raw.get("fakeanswer", [])),
                        positive=list(raw.get("positive", [])),
                        positive_wrong=list(raw.get("positive_wrong", [])),
                        negative=list(raw.get("negative", [])),
                    )
                )
    return items


def spread(items: Sequence[Item], n: int) -> list[Item]:
    """``n`` items spread evenly over ``items`` (all of them when there are no more than ``n``)."""
    if n >= len(items):
        return list(items)
    return [items[i * len(items) // n] for i in range(n)]


def floor_name(sample: int | None) -> str:
    """The floor a run is held to: one for the whole set, one for each sample size."""
    return f"rgb-{sample}" if sample else "rgb"


def _alternatives(answer: object) -> list[list[str]]:
    """RGB's answer field as parts of alternatives: "x" -> [["x"]]; ["x", "y"] -> [["x", "y"]]."""
    if isinstance(answer, str):
        return [[answer]] if answer else []
    answer = list(answer)  # type: ignore[call-overload]
    if answer and all(isinstance(a, list) for a in answer):
        return [[str(x) for x in a] for a in answer]
    return [[str(a) for a in answer]] if answer else []


def write_part(items: Sequence[Item], part: str, folder: Path) -> Path:
    """Write one part's articles into ``folder``, one snippet a file (the conflict part's with an outlet in
    front matter), as a user's collection would hold them; the file names name the item and the snippet's role."""
    folder.mkdir(parents=True, exist_ok=True)
    for item in items:
        snippets: list[tuple[str, str, str | None]] = []
        if part == "noise":
            snippets += [("pos", s, None) for s in item.positive] + [("neg", s, None) for s in item.negative]
        elif part == "negative":
            snippets += [("neg", s, None) for s in item.negative]
        else:
            snippets += [("pos", s, TRUE_OUTLET) for s in item.positive]
            snippets += [("wrong", s, FALSE_OUTLET) for s in item.positive_wrong]
        for number, (role, text, outlet) in enumerate(snippets):
            header = f"---\noutlet: {outlet}\n---\n" if outlet else ""
            (folder / f"rgb{item.id}-{role}{number}.txt").write_text(header + text + "\n", encoding="utf-8")
    return folder


def contains(text: str, alternatives: list[list[str]]) -> bool:
    """Does ``text`` hold every part of the answer (any of its spellings), case-insensitively?"""
    lowered = _normal(text)
    return bool(alternatives) and all(any(_normal(a) in lowered for a in part) for part in alternatives)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = (
    r"(?P<month>(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?)"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DATES = (
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+(?:of\s+)?(?P<year>\d{{4}}))?"),  # November 21 (of) 1998
    re.compile(rf"(?<![\d,])\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?"),  # 20th April 2018
)


def _dates(text: str) -> set[tuple[int, int, str]]:
    """The (month, day, year or "") of every date ``text`` writes with a month's name."""
    found = set()
    for pattern in _DATES:
        for match in pattern.finditer(text.lower()):
            day = int(match.group("day"))
            if 1 <= day <= 31:
                found.add((_MONTHS.index(match.group("month")[:3]) + 1, day, match.group("year") or ""))
    return found


def states_answer(text: str, alternatives: list[list[str]]) -> bool:
    """Does ``text`` state the answer however it is written: :func:`contains`, or each part as a date with the
    same month and day (its year, when written, the same: "November 21 of 1998", "September 20th"), or as a
    name whose words all appear ("Liu Yifei" for "Yifei Liu"), or whose last word does ("Gans" for
    "Christophe Gans")? Only to tell apart, among negative items answered, those whose distractors state the
    answer after all (RGB picked them by the answer's exact string)."""
    if contains(text, alternatives):
        return True
    lowered = _normal(text)
    found = _dates(lowered)

    def stated(answer: str) -> bool:
        wanted = _dates(_normal(answer))
        if wanted:
            return any(m == m2 and d == d2 and (not y or y == y2) for m, d, y in found for m2, d2, y2 in wanted)
        names = re.findall(r"\w+", _normal(answer))
        present = {w for w in names if re.search(rf"\b{re.escape(w)}\b", lowered)}
        surname = len(names) > 1 and answer.split()[-1][:1].isupper()  # "Gans" of "Christophe Gans", not "billion"
        return bool(names) and (present == set(names) or (surname and names[-1] in present))

    return bool(alternatives) and all(any(stated(a) for a in part) for part in alternatives)


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", MARKER.sub("", text).replace("’", "'")).lower()


def score(part: str, item: Item, answer: dict) -> Result:
    """Score one answer of ``part`` for ``item``."""
    refused = bool(answer.get("refused"))
    cited_docs = {c["id"]: c["doc_id"] for c in answer.get("citations", [])}
    sentences = answer_sentences(answer.get("answer", "")) if not refused else []
    flagged = bool(answer.get("conflicts"))
    result = Result(part, item.id, item.query, answer, False, refused, flagged)
    result.garbled = [s for s in sentences if garbled(MARKER.sub("", s))]
    if result.garbled:
        result.failures.append(f"garbled: {result.garbled[0]!r}")
    if part == "negative":
        result.correct = refused
        if not refused:
            result.states_answer = states_answer(answer.get("answer", ""), item.answers)
            told = " (with the item's answer: the distractors state it)" if result.states_answer else ""
            result.failures.append(f"answered from distractors only{told}")
        return result
    if refused:
        result.failures.append("refused an answerable question")
        return result
    if part == "noise":
        own = f"rgb{item.id}-pos"
        result.correct = any(
            contains(s, item.answers) and any(cited_docs.get(int(n), "").startswith(own) for n in MARKER.findall(s))
            for s in sentences
        )
        if not result.correct:
            result.failures.append("no sentence gives the answer citing a true snippet")
        return result
    both = contains(answer["answer"], item.answers) and contains(answer["answer"], item.fake)
    result.correct = flagged and both
    if not result.correct:
        result.failures.append("the disagreement is not shown" if not flagged else "one account is missing")
    return result


def aggregate(results: Sequence[Result]) -> dict[str, float | int | None]:
    """The suite's metrics (see the module docstring)."""

    def share(values: list[bool]) -> float | None:
        return sum(values) / len(values) if values else None

    by_part = {part: [r for r in results if r.part == part] for part in PARTS}
    answerable = by_part["noise"] + by_part["conflict"]
    sentences = [
        (s, {c["id"] for c in r.answer.get("citations", [])})
        for r in results
        if not r.refused
        for s in answer_sentences(r.answer.get("answer", ""))
    ]
    flagged = [r for r in results if r.conflict_flagged]
    times = [float(r.answer.get("timings", {}).get("total_s", 0.0)) for r in results]
    return {
        "questions": len(results),
        "noise_accuracy": share([r.correct for r in by_part["noise"]]),
        "negative_rejection": share([r.refused for r in by_part["negative"]]),
        # of the negative items answered, the share whose answer is the item's own (which RGB's distractors
        # were meant not to state): answers the collection holds, not inventions
        "negative_answers_stated": share([r.states_answer for r in by_part["negative"] if not r.refused]),
        "wrong_refusals": share([r.refused for r in answerable]),
        "conflict_recall": share([r.correct for r in by_part["conflict"]]),
        "conflict_precision": share([r.part == "conflict" for r in flagged]),
        "citation_coverage": share([any(int(n) in ids for n in MARKER.findall(s)) for s, ids in sentences]),
        "garbled_sentences": sum(len(r.garbled) for r in results),
        "latency_median_s": statistics.median(times) if times else None,
    }


# Metrics where higher is better, and the ones where lower is better, gated against the committed floor.
HIGHER = ("noise_accuracy", "negative_rejection", "conflict_recall", "conflict_precision", "citation_coverage")
LOWER = ("wrong_refusals", "garbled_sentences")


def below_floor(metrics: dict, floor: dict, tolerance: float = 0.03) -> list[str]:
    """The metrics that are worse than the committed floor (by more than ``tolerance``)."""
    worse = []
    for name in HIGHER:
        if floor.get(name) is not None and metrics.get(name) is not None and metrics[name] < floor[name] - tolerance:
            worse.append(f"{name}: {metrics[name]:.3f} < floor {floor[name]:.3f}")
    for name in LOWER:
        if floor.get(name) is not None and metrics.get(name) is not None and metrics[name] > floor[name] + tolerance:
            worse.append(f"{name}: {metrics[name]} > floor {floor[name]}")
    return worse


def run_rgb(
    settings: Settings,
    model: object,
    items: Sequence[Item],
    work: Path,
    parts: Sequence[str] = PARTS,
    on_result: Callable[[Result], None] | None = None,
) -> list[Result]:
    """Build each part's index under ``work`` and answer every item's question over it with ``model``."""
    from rag.chain import AnswerChain
    from rag.service import index

    results = []
    for part in parts:
        seeds = write_part(items, part, work / f"articles-{part}")
        part_settings = settings.with_overrides(index_dir=work / f"index-{part}", seeds_dir=seeds)
        index(part_settings, progress=False)
        chain = AnswerChain(part_settings, model=model).load()  # type: ignore[arg-type]
        for item in items:
            answer = chain.ask(item.query).to_dict(explain=True)
            result = score(part, item, answer)
            results.append(result)
            if on_result is not None:
                on_result(result)
    return results


def failure_rows(results: Sequence[Result]) -> list[tuple[str, str, str]]:
    """(question, what failed, the answer) for every failed result, as the reports list them."""
    return [
        (f"{r.part} #{r.item}: {r.question}", "; ".join(r.failures), r.answer.get("answer", ""))
        for r in results
        if r.failures
    ]
