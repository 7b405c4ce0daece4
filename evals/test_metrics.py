"""How the metrics read an answer (no model)."""

from __future__ import annotations

from evals.metrics import answer_sentences


def test_a_quotation_of_several_sentences_is_one_cited_sentence() -> None:
    answer = "“You should resign. You should repay it,” the senator told him [1]. He left [2]."
    assert answer_sentences(answer) == [
        "“You should resign. You should repay it,” the senator told him [1].",
        "He left [2].",
    ]
