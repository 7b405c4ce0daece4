"""Measure ``rag.attribution.detect`` against PolNeAR's hand-annotated attributions.

    python -m evals.attribution --corpus ../shared/polnear --split dev

Prints a table and writes ``evals/reports/attribution-<timestamp>.json`` and ``.md``. The figures:

- **cue P/R**: a detected cue (a frame's cue span, inherited frames without a cue of their own left out)
  matches an annotated cue when their character spans overlap; each annotated cue is matched at most once.
  Precision is the share of detected cues that match, recall the share of annotated cues matched.
  PolNeAR annotates one level of attribution (a word belongs to at most one attribution), so a cue nested
  in a quotation or a reported clause ("“I think ...,” she said"; "X reported that Y said ...") is never
  annotated. ``cue_precision`` therefore leaves out the unmatched detected cues that lie inside an
  annotated content span or inside another detected frame's content (counted as ``nested``);
  ``cue_precision_strict`` counts every detected cue.
- **source token-F1**: for each matched pair whose annotation has a source, the F1 of the word tokens of
  the detected source as written (``text[source_start:source_end]``, "he" for a pronoun) against the
  annotated source, averaged over those pairs.
- **sentence P/R/F1**: the article is split into sentences by ``rag.sentences``; a sentence is attributed
  when an annotated content span (resp. a detected frame's content span) overlaps it.
- **recall by cue lemma**: cue recall per lemma of the annotated cue's head word.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from evals.polnear import Article, argument_parser, articles_or_error
from rag.attribution import Frame, detect
from rag.nlp import pipe
from rag.sentences import split_sentences

REPORTS = Path(__file__).resolve().parent / "reports"
FLOOR = Path(__file__).resolve().parent / "attribution_baseline.json"
# Lemmas with fewer annotated cues than this are pooled as "(other)" in the by-lemma table.
MIN_LEMMA_CUES = 5
_WORD = re.compile(r"\w+")


@dataclass
class Counts:
    gold_cues: int = 0
    detected_cues: int = 0
    all_detected: int = 0
    nested: int = 0
    matched_gold: int = 0
    matched_detected: int = 0
    source_f1_sum: float = 0.0
    source_pairs: int = 0
    gold_sentences: int = 0
    detected_sentences: int = 0
    both_sentences: int = 0
    by_lemma: Counter = field(default_factory=Counter)
    by_lemma_found: Counter = field(default_factory=Counter)
    seconds: list[float] = field(default_factory=list)
    characters: int = 0


def measure(articles: list[Article]) -> tuple[dict, Counts]:
    """Detect frames in every article and score them against the annotations."""
    counts = Counts()
    lemmas = _cue_lemmas(articles)
    for article in articles:
        started = time.perf_counter()
        frames = detect(article.text, every=True)
        counts.seconds.append(time.perf_counter() - started)
        counts.characters += len(article.text)
        _score_article(article, frames, lemmas, counts)
    return _figures(counts), counts


def _score_article(article: Article, frames: list[Frame], lemmas: dict, counts: Counts) -> None:
    text, gold = article.text, article.attributions
    own = [f for f in frames if f.cue_end > f.cue_start and f.kind != "continued"]
    cues = sorted({(f.cue_start, f.cue_end): f for f in own}.items())
    contents = [span for g in gold for span in g.content]
    counts.gold_cues += len(gold)
    counts.all_detected += len(cues)
    taken: set[int] = set()
    for (start, end), frame in cues:
        match = next(
            (i for i, g in enumerate(gold) if i not in taken and any(a < end and start < b for a, b in g.cue)), None
        )
        if match is None:
            inside = [(f.content_start, f.content_end) for f in own if f is not frame] + contents
            if any(a <= start < b for a, b in inside):
                counts.nested += 1
            else:
                counts.detected_cues += 1
            continue
        counts.detected_cues += 1
        taken.add(match)
        counts.matched_detected += 1
        if gold[match].source:
            counts.source_pairs += 1
            counts.source_f1_sum += _token_f1(text, [(frame.source_start, frame.source_end)], gold[match].source)
    counts.matched_gold += len(taken)
    for number in range(len(gold)):
        lemma = lemmas.get((article.name, number), "")
        counts.by_lemma[lemma] += 1
        counts.by_lemma_found[lemma] += number in taken
    for sentence in split_sentences(text):
        in_gold = any(_overlaps(sentence.start, sentence.end, g.content) for g in gold)
        detected = any(f.content_start < sentence.end and sentence.start < f.content_end for f in frames)
        counts.gold_sentences += in_gold
        counts.detected_sentences += detected
        counts.both_sentences += in_gold and detected


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


def _tokens(text: str, spans: list[tuple[int, int]]) -> Counter:
    return Counter(m.group().lower() for a, b in spans for m in _WORD.finditer(text, a, b))


def _token_f1(text: str, detected: list[tuple[int, int]], gold: list[tuple[int, int]]) -> float:
    found, expected = _tokens(text, detected), _tokens(text, gold)
    common = sum((found & expected).values())
    if not common:
        return 0.0
    precision, recall = common / sum(found.values()), common / sum(expected.values())
    return 2 * precision * recall / (precision + recall)


def _cue_lemmas(articles: list[Article]) -> dict[tuple[str, int], str]:
    """The lemma of each annotated cue's main word (its first verb or noun, else its first word)."""
    keys, texts = [], []
    for article in articles:
        for number, gold in enumerate(article.attributions):
            keys.append((article.name, number))
            texts.append(" ".join(article.text[a:b] for a, b in gold.cue))
    lemmas = {}
    for key, doc in zip(keys, pipe(texts), strict=True):
        main = [t for t in doc if t.pos_ in ("VERB", "NOUN")] or [t for t in doc if not t.is_space]
        lemmas[key] = main[0].lemma_.lower() if main else ""
    return lemmas


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _figures(c: Counts) -> dict:
    cue_p, cue_r = _ratio(c.matched_detected, c.detected_cues), _ratio(c.matched_gold, c.gold_cues)
    strict = _ratio(c.matched_detected, c.all_detected)
    sent_p, sent_r = _ratio(c.both_sentences, c.detected_sentences), _ratio(c.both_sentences, c.gold_sentences)
    return {
        "cue_precision": round(cue_p, 4),
        "cue_recall": round(cue_r, 4),
        "cue_f1": round(_f1(cue_p, cue_r), 4),
        "cue_precision_strict": round(strict, 4),
        "cue_f1_strict": round(_f1(strict, cue_r), 4),
        "source_token_f1": round(_ratio(c.source_f1_sum, c.source_pairs), 4),
        "sentence_precision": round(sent_p, 4),
        "sentence_recall": round(sent_r, 4),
        "sentence_f1": round(_f1(sent_p, sent_r), 4),
    }


def by_lemma(c: Counts) -> list[dict]:
    """Cue recall per annotated lemma, most frequent first; rare lemmas pooled as "(other)"."""
    rows: dict[str, list[int]] = {}
    for lemma, total in c.by_lemma.items():
        key = lemma if total >= MIN_LEMMA_CUES else "(other)"
        row = rows.setdefault(key, [0, 0])
        row[0] += total
        row[1] += c.by_lemma_found[lemma]
    ordered = sorted(rows.items(), key=lambda kv: -kv[1][0])
    return [{"lemma": k, "cues": n, "found": f, "recall": round(f / n, 4)} for k, (n, f) in ordered]


def _timing(c: Counts) -> dict:
    ordered = sorted(c.seconds)
    return {
        "articles": len(ordered),
        "characters": c.characters,
        "seconds_total": round(sum(ordered), 2),
        "ms_per_article_median": round(1000 * ordered[len(ordered) // 2], 1) if ordered else 0.0,
        "ms_per_1000_characters": round(1000 * sum(ordered) / max(c.characters / 1000, 1), 2),
    }


def write_report(split: str, figures: dict, counts: Counts, out: Path = REPORTS) -> tuple[Path, Path]:
    """Write the JSON and Markdown reports; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    lemmas = by_lemma(counts)
    counts_only = {k: v for k, v in asdict(counts).items() if not isinstance(v, (list, Counter, dict))}
    data = {"split": split, "figures": figures, "counts": counts_only, "timing": _timing(counts), "by_lemma": lemmas}
    json_path, md_path = out / f"attribution-{stamp}.json", out / f"attribution-{stamp}.md"
    json_path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    lines = [f"# Attribution on PolNeAR {split} ({stamp})", "", "| figure | value |", "| --- | --- |"]
    lines += [f"| {name} | {value:.3f} |" for name, value in figures.items()]
    lines += ["", "| cue lemma | annotated | found | recall |", "| --- | --- | --- | --- |"]
    lines += [f"| {r['lemma']} | {r['cues']} | {r['found']} | {r['recall']:.2f} |" for r in lemmas]
    lines += ["", "Definitions: see the docstring of `evals/attribution.py` and the README."]
    md_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return json_path, md_path


def _print(split: str, figures: dict, counts: Counts) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"Attribution on PolNeAR {split}")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for name, value in figures.items():
        table.add_row(name, f"{value:.3f}")
    timing = _timing(counts)
    table.add_row("articles", str(timing["articles"]))
    table.add_row("ms per article (median)", f"{timing['ms_per_article_median']:.0f}")
    console.print(table)
    lemmas = Table(title="Cue recall by lemma (annotated cues)")
    for column in ("lemma", "annotated", "found", "recall"):
        lemmas.add_column(column, justify="left" if column == "lemma" else "right")
    for row in by_lemma(counts)[:40]:
        lemmas.add_row(row["lemma"], str(row["cues"]), str(row["found"]), f"{row['recall']:.2f}")
    console.print(lemmas)


def main(argv: list[str] | None = None) -> int:
    parser = argument_parser(__doc__.split("\n\n")[0], "dev")
    parser.add_argument("--update-floor", action="store_true", help=f"write the figures to {FLOOR.name}")
    args = parser.parse_args(argv)
    articles = articles_or_error(args)
    if articles is None:
        return 2
    figures, counts = measure(articles)
    _print(args.split, figures, counts)
    json_path, md_path = write_report(args.split, figures, counts)
    print(f"wrote {json_path} and {md_path}")
    if args.update_floor:
        floors = json.loads(FLOOR.read_text(encoding="utf-8")) if FLOOR.exists() else {}
        floors[args.split] = figures
        FLOOR.write_text(json.dumps(floors, indent=2) + "\n", encoding="utf-8")
        print(f"wrote the {args.split} floor to {FLOOR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
