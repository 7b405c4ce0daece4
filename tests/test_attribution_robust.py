"""``detect`` never fails on text: PolNeAR's 924 train and dev articles and generated hostile inputs.

Every frame it returns must have offsets inside the text, a source and a cue as written there, and a
non-empty content; every article must also chunk (``rag index``'s text step, which runs ``detect``)
without an exception. The PolNeAR part runs on every core (about three minutes on two).
"""

from __future__ import annotations

import hashlib
import os
import random
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from evals.polnear import SPLITS, CorpusError, corpus_dir, read_split
from rag.attribution import Frame, detect
from rag.ingest.article import Article
from rag.ingest.chunking import chunk_article, node_frames

_SEED = 11
_LONG_SENTENCE_CHARS = 100_000


def _fuzz_texts() -> list[tuple[str, str]]:
    """Named hostile inputs, generated deterministically."""
    rng = random.Random(_SEED)
    punctuation = ",.;:!?\"'“”‘’«»()[]{}—–-…/\\|*&^%$#@~`"
    words = "the minister said he told reporters according to sources who spoke claimed".split()
    long_sentence = " ".join(rng.choice(words) for _ in range(_LONG_SENTENCE_CHARS // 6))
    return [
        ("empty", ""),
        ("whitespace", " \n\t\n  \n"),
        ("commas", '"This is NOT a city or county issue,,,,it is a state one," she added.'),
        ("punctuation runs", "".join(rng.choice(punctuation) for _ in range(5_000))),
        ("unbalanced quotes", '“He said ” she said “ “ ” they said "" \' ‘ said ’ ’ ”.'),
        ("curly quotes only", "“”“”‘’‘’" * 200),
        ("quote then cue", "“We will win.” “We will.”\nhe said. , said. said said said."),
        ("100 KB sentence", long_sentence + " said the official."),
        ("100 KB word", "a" * _LONG_SENTENCE_CHARS + " said Smith."),
        ("emoji", "🔥🔥 The senator 😂 said “this is 💯 fake” 🙃. According to 👀, it is."),
        ("right to left", "قال المتحدث إن الوضع مستقر. According to שר הביטחון, הכל בסדר, he said."),
        ("symbol lines", "\n".join("".join(rng.choice("#*=~-_+<>|") for _ in range(80)) for _ in range(50))),
        ("control characters", "The aide\x00 said\x07 that\x1b[31m it was\u200b fine\ufeff.\r\n\x0c"),
        ("only cues", "according to according to. said said. citing citing. reportedly reportedly."),
        ("numbers", " ".join(str(rng.randint(0, 10**9)) for _ in range(3_000))),
        ("mixed scripts", "Путин заявил, что 中国 said: « 日本 » — 한국 reportedly agreed."),
    ]


def _check(text: str, frames: list[Frame]) -> None:
    for frame in frames:
        for start, end in (
            (frame.source_start, frame.source_end),
            (frame.cue_start, frame.cue_end),
            (frame.content_start, frame.content_end),
        ):
            assert 0 <= start <= end <= len(text), frame
        assert frame.content_start < frame.content_end, frame
        if not frame.inherited:
            assert text[frame.cue_start : frame.cue_end] == frame.cue, frame
            assert frame.source.strip(), frame


@pytest.mark.parametrize(("name", "text"), _fuzz_texts(), ids=[name for name, _ in _fuzz_texts()])
def test_detect_survives_hostile_text(name: str, text: str) -> None:
    _check(text, detect(text))


def test_the_comma_run_sentence_is_attributed_to_its_speaker() -> None:
    text = 'The mayor spoke at noon. "This is NOT a city or county issue,,,,it is a state one," she added.'
    frames = [f for f in detect(text) if f.cue == "added"]
    assert frames and text[frames[0].source_start : frames[0].source_end] == "she"
    assert frames[0].content_end <= text.index(" she added")


def _article(name: str, text: str) -> Article:
    return Article(name, Path(f"{name}.txt"), text, hashlib.sha256(text.encode()).hexdigest())


def _chunk_and_check(name: str, text: str) -> str:
    """Chunk one article and check its frames; returns the name (a failure raises in the worker)."""
    nodes = chunk_article(_article(name, text))  # detects the frames once
    assert nodes, name
    _check(text, [frame for node in nodes for frame in node_frames(node)])
    return name


@pytest.mark.parametrize("split", SPLITS)
def test_detect_and_chunk_every_polnear_article(split: str) -> None:
    try:
        articles = read_split(corpus_dir(), split)
    except CorpusError as error:
        pytest.skip(f"PolNeAR is not here ({error})")
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        done = list(pool.map(_chunk_and_check, [a.name for a in articles], [a.text for a in articles], chunksize=8))
    assert done == [a.name for a in articles]
