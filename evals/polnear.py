"""Reading the PolNeAR corpus (hand-annotated attributions in news), as laid out in ``../shared/polnear``.

``SPLIT/text/NAME.txt`` holds an article and ``SPLIT/attributions/NAME_ANNOTATOR.ann`` its brat standoff
annotation; where several annotators annotated an article, the alphabetically first ``.ann`` is used. The
texts are read at run time and never copied into the repository.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ENV = "RAG_POLNEAR_DIR"
DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "polnear"
SPLITS = ("train", "dev")

_SPAN = re.compile(r"^(T\d+)\t([\w-]+) ([\d ;]+)\t", re.MULTILINE)
_EVENT = re.compile(r"^E\d+\t(.*)$", re.MULTILINE)
_ANN = re.compile(r"^(?P<name>.+)_(?P<annotator>[^_]+)\.ann$")

Span = tuple[int, int]


@dataclass
class GoldAttribution:
    """One annotated attribution: its cue, source and content spans (each possibly discontinuous)."""

    cue: list[Span] = field(default_factory=list)
    source: list[Span] = field(default_factory=list)
    content: list[Span] = field(default_factory=list)


@dataclass
class Article:
    name: str
    text: str
    attributions: list[GoldAttribution]


class CorpusError(Exception):
    """The corpus folder or split is missing or not laid out as PolNeAR."""


def corpus_dir(path: str | Path | None = None) -> Path:
    """The corpus folder: ``path``, else ``$RAG_POLNEAR_DIR``, else ``../shared/polnear`` beside the repo."""
    return Path(path or os.environ.get(ENV) or DEFAULT)


def argument_parser(description: str, split: str) -> argparse.ArgumentParser:
    """A command-line parser with ``--corpus`` and ``--split`` (default ``split``)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--corpus", help=f"the PolNeAR folder (default: ${ENV} or ../shared/polnear)")
    parser.add_argument("--split", default=split, help=f"train or dev (default: {split})")
    return parser


def articles_or_error(args: argparse.Namespace) -> list[Article] | None:
    """The articles of ``args.split`` in ``args.corpus``, or None after printing a one-line ``error:``."""
    try:
        return read_split(corpus_dir(args.corpus), args.split)
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return None


def read_split(root: Path, split: str) -> list[Article]:
    """The articles of ``split`` with their attributions, in file-name order."""
    texts, annotations = root / split / "text", root / split / "attributions"
    if not texts.is_dir() or not annotations.is_dir():
        raise CorpusError(f"{root / split} is not a PolNeAR split (no text/ and attributions/ folders)")
    first: dict[str, Path] = {}
    for path in sorted(annotations.glob("*.ann")):
        match = _ANN.match(path.name)
        if match:
            first.setdefault(match.group("name"), path)
    articles = []
    for path in sorted(texts.glob("*.txt")):
        ann = first.get(path.stem)
        gold = _read_ann(ann.read_text(encoding="utf-8")) if ann else []
        articles.append(Article(path.stem, path.read_text(encoding="utf-8"), gold))
    if not articles:
        raise CorpusError(f"no articles in {texts}")
    return articles


def _read_ann(ann: str) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, list[Span]]] = {}
    for tid, label, offsets in _SPAN.findall(ann):
        pairs = [tuple(int(n) for n in pair.split()) for pair in offsets.split(";")]
        spans[tid] = (label, [p for p in pairs if len(p) == 2])
    found = []
    for event in _EVENT.findall(ann):
        gold = GoldAttribution()
        for part in event.split():
            role, _, tid = part.partition(":")
            if tid not in spans:
                continue
            role = role.rstrip("0123456789").lower()
            if role in ("cue", "source", "content"):
                getattr(gold, role).extend(spans[tid][1])
        if gold.cue:
            found.append(gold)
    return found
