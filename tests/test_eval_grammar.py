"""The RGB suite's garbled-sentence check (:mod:`evals.grammar`): repairs gone wrong, not the articles' own prose."""

from __future__ import annotations

import pytest

from evals.grammar import garbled


@pytest.mark.parametrize(
    "sentence",
    [
        "According to Diablo 3 was, Diablo 3 was released in May 2012.",
        "James Cameron is making a.",
        "According to Tatyana Moskalkova, Russia's commissioner, Tatyana Moskalkova dismissed the claims.",
        'The articles disagree: according to Harbour CEO Ana Lind, Harbour CEO Ana Lind: "We will grow."',
        "FIFA WORLD CUP 2018.",
    ],
)
def test_a_repair_gone_wrong_is_garbled(sentence: str) -> None:
    assert garbled(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "According to City Post, New York 2004 Olympic Games, a festival held in New York, took place in August.",
        "According to TASS, citing sources, over 1,000 soldiers joined four units.",
        "Emma Raducanu won the 2021 US Open women's singles title.",
    ],
)
def test_english_is_not_garbled(sentence: str) -> None:
    assert garbled(sentence) is None
