"""``python -m evals.support_check``: the relation-level support check against the labelled pairs.

Reads ``evals/support/pairs.yaml`` (claim, passage(s), supported?, kind, edit type) and measures
:func:`rag.claims.check` beside the word-overlap check of the answer policy
(:func:`rag.policy.support.check_support`) on the same pairs: precision, recall and accuracy of
"supported", the share of fact-changing edits rejected (overall and by edit type) and of paraphrases
accepted, for the development articles, the held-out articles, the fresh pairs and all pairs. Writes
``evals/reports/support-<timestamp>.json``. ``--rgb FILE`` also runs the check on web-news snippets
(RGB's en_fact: a snippet against its counterfactual twin) to see whether it generalises.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from rag.attribution import detect
from rag.claims import check, read_passage
from rag.passages import Passage
from rag.policy.draft import DraftSentence
from rag.policy.support import check_support

log = logging.getLogger(__name__)

PAIRS_FILE = Path(__file__).parent / "support" / "pairs.yaml"
REPORTS_DIR = Path(__file__).parent / "reports"
DEV_ARTICLES = frozenset({"000", "002", "003"})  # developed on; the other articles are held out
TARGET_EDITS_REJECTED = 0.95
TARGET_PARAPHRASES_ACCEPTED = 0.85
RGB_LIMIT = 40  # RGB records tried with --rgb
SPLITS = ("dev", "held-out", "fresh", "fresh-2", "fresh-3")


@dataclass(frozen=True)
class Pair:
    """One labelled pair: does ``passages`` (one or two) support ``claim``?"""

    id: str
    article: str
    passages: tuple[str, ...]
    claim: str
    supported: bool
    kind: str
    edit: str = ""
    holdout: str = ""

    @property
    def split(self) -> str:
        """dev, held-out (the articles not developed on) or fresh (written after the held-out measurement)."""
        if self.holdout:
            return self.holdout
        return "dev" if self.article in DEV_ARTICLES else "held-out"


def load_pairs(path: Path = PAIRS_FILE) -> list[Pair]:
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Pair(
            id=r["id"],
            article=str(r["article"]),
            passages=tuple(r["passages"]) if "passages" in r else (r["passage"],),
            claim=r["claim"],
            supported=bool(r["supported"]),
            kind=r["kind"],
            edit=r.get("edit") or "",
            holdout=r.get("holdout") or "",
        )
        for r in records
    ]


def relation_verdict(pair: Pair) -> tuple[bool, str]:
    """The relation-level check (:func:`rag.claims.check`)."""
    verdict = check(pair.claim, pair.passages)
    return verdict.supported, verdict.reason


def overlap_verdict(pair: Pair) -> tuple[bool, str]:
    """The policy's word-overlap check: some passage, or pair of passages, supports the sentence as cited."""
    passages = [_passage(i + 1, text) for i, text in enumerate(pair.passages)]
    sentence = DraftSentence(pair.claim, [p.number for p in passages], "model")
    kept = check_support(sentence, passages)
    supported = kept is not None and kept.origin != "replaced"
    return supported, "" if supported else "word overlap"


def _passage(number: int, text: str) -> Passage:
    return Passage(number, f"n{number}", f"doc{number}", "", "", "", text, 0, len(text), 1.0, detect(text))


@dataclass
class Scored:
    pair: Pair
    supported: bool
    reason: str
    seconds: float

    @property
    def correct(self) -> bool:
        return self.supported == self.pair.supported


def run(pairs: Iterable[Pair], checker: Callable[[Pair], tuple[bool, str]]) -> list[Scored]:
    out = []
    for pair in pairs:
        started = time.perf_counter()
        supported, reason = checker(pair)
        out.append(Scored(pair, supported, reason, time.perf_counter() - started))
    return out


def metrics(scored: list[Scored]) -> dict:
    """Precision/recall/accuracy of "supported"; edits rejected (and by type); paraphrases accepted."""
    said_yes = [s for s in scored if s.supported]
    truly_yes = [s for s in scored if s.pair.supported]
    hits = [s for s in said_yes if s.pair.supported]
    edits = [s for s in scored if s.pair.kind == "edit"]
    by_edit: dict[str, list[Scored]] = defaultdict(list)
    for s in edits:
        by_edit[s.pair.edit].append(s)
    return {
        "pairs": len(scored),
        "precision": _share(len(hits), len(said_yes)),
        "recall": _share(len(hits), len(truly_yes)),
        "accuracy": _share(sum(s.correct for s in scored), len(scored)),
        "edits_rejected": _share(sum(not s.supported for s in edits), len(edits)),
        "paraphrases_accepted": _accepted(scored, "paraphrase"),
        "verbatim_accepted": _accepted(scored, "verbatim"),
        "other_rejected": _rejected(scored, "other"),
        "edits_rejected_by_type": {
            edit: {"rejected": sum(not s.supported for s in group), "of": len(group)}
            for edit, group in sorted(by_edit.items())
        },
    }


def _accepted(scored: list[Scored], kind: str) -> float | None:
    return _share(sum(s.supported for s in scored if s.pair.kind == kind), _count(scored, kind))


def _rejected(scored: list[Scored], kind: str) -> float | None:
    return _share(sum(not s.supported for s in scored if s.pair.kind == kind), _count(scored, kind))


def _count(scored: list[Scored], kind: str) -> int:
    return sum(1 for s in scored if s.pair.kind == kind)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def table(results: dict[str, dict[str, dict]]) -> str:
    """A plain-text table: one column per (checker, split)."""
    columns = [(checker, split) for checker in results for split in results[checker]]
    rows = ["precision", "recall", "accuracy", "edits_rejected", "paraphrases_accepted", "verbatim_accepted"]
    rows.append("other_rejected")
    head = f"{'':34}" + "".join(f"{c[:9] + ' ' + s:>20}" for c, s in columns)
    lines = [head]
    for row in rows:
        lines.append(f"{row:34}" + "".join(f"{_fmt(results[c][s][row]):>20}" for c, s in columns))
    edits = sorted({e for c, s in columns for e in results[c][s]["edits_rejected_by_type"]})
    lines.append("edits rejected, by type:")
    for edit in edits:
        cells = []
        for c, s in columns:
            counts = results[c][s]["edits_rejected_by_type"].get(edit)
            cells.append(f"{counts['rejected']}/{counts['of']}" if counts else "-")
        lines.append(f"  {edit:32}" + "".join(f"{cell:>20}" for cell in cells))
    return "\n".join(lines)


def rgb_pairs(path: Path, limit: int = RGB_LIMIT) -> list[Pair]:
    """RGB en_fact records as pairs: each true snippet supports itself shortened to its first sentence and
    does not support its counterfactual twin's first sentence (same words, one fact changed)."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines()[:limit]:
        record = json.loads(line)
        for n, (true, fake) in enumerate(zip(record["positive"], record["positive_wrong"], strict=False)):
            claim_true, claim_fake = _first_sentence(true), _first_sentence(fake)
            if claim_true == claim_fake:
                continue
            base = f"rgb{record['id']}-{n}"
            pairs.append(Pair(f"{base}-t", "rgb", (true,), claim_true, True, "verbatim"))
            pairs.append(Pair(f"{base}-f", "rgb", (true,), claim_fake, False, "edit", "counterfactual"))
    return pairs


def _first_sentence(text: str) -> str:
    text = re.sub(r"^\w{3} \d{1,2}, \d{4} \.\.\. ", "", text).replace(" ...", ".")
    return re.split(r"(?<=[.!?])\s+(?=[A-Z])", text.strip())[0]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m evals.support_check", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS_FILE, help="labelled pairs (YAML)")
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all", help="which pairs to score")
    parser.add_argument("--errors", action="store_true", help="print the pairs the relation check gets wrong")
    parser.add_argument("--rgb", type=Path, help="also try RGB en_fact snippets from this JSONL file (read only)")
    parser.add_argument("--no-report", action="store_true", help="do not write evals/reports/support-*.json")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    pairs = load_pairs(args.pairs)
    if args.split != "all":
        pairs = [p for p in pairs if p.split == args.split]
    for text in {t for p in pairs for t in p.passages}:
        read_passage(text)  # parse passages once, outside the timed checks (the policy caches them too)
    scored = {"relation": run(pairs, relation_verdict), "overlap": run(pairs, overlap_verdict)}
    splits = [*SPLITS, "all"] if args.split == "all" else [args.split]
    results = {
        name: {
            split: metrics([s for s in rows if split == "all" or s.pair.split == split])
            for split in splits
            if any(split == "all" or s.pair.split == split for s in rows)
        }
        for name, rows in scored.items()
    }
    times = [s.seconds * 1000 for s in scored["relation"]]
    timing = {"median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)} if times else {}
    print(table(results))
    if timing:
        print(
            f"relation check per claim (passages parsed beforehand): median {timing['median_ms']} ms, "
            f"max {timing['max_ms']} ms"
        )
    report = {"created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "pairs_file": str(args.pairs), "timing": timing}
    report["results"] = results
    report["relation_verdicts"] = [
        {"id": s.pair.id, "expected": s.pair.supported, "supported": s.supported, "reason": s.reason}
        for s in scored["relation"]
    ]
    if args.errors:
        for s in scored["relation"]:
            if not s.correct:
                print(f"\n{s.pair.id} [{s.pair.kind} {s.pair.edit}] expected {s.pair.supported}: {s.pair.claim}")
                print(f"   -> {s.reason}")
    if args.rgb:
        rgb = run(rgb_pairs(args.rgb), relation_verdict)
        report["rgb"] = metrics(rgb)
        print(
            f"\nRGB en_fact ({len(rgb)} pairs): true snippets accepted {_fmt(_accepted(rgb, 'verbatim'))}, "
            f"counterfactual twins rejected {_fmt(report['rgb']['edits_rejected'])}"
        )
        if args.errors:
            for s in rgb:
                if not s.correct:
                    print(f"  {s.pair.id} expected {s.pair.supported}: {s.pair.claim[:150]}\n     -> {s.reason}")
    if not args.no_report:
        REPORTS_DIR.mkdir(parents=True, exist_ok=True)
        path = REPORTS_DIR / f"support-{time.strftime('%Y%m%d-%H%M%S')}.json"
        path.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"\nreport: {path}")
    return report


if __name__ == "__main__":
    main()
