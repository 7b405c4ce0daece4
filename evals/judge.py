"""A local yes/no entailment judge and ALCE citation recall and precision (Gao et al., 2023).

The judge is the default model asked whether a passage supports a statement *as written*: the
statement keeps its attribution frame ("According to TASS, ..."), so a claim credited to the wrong
source is not supported. ``calibrate`` measures the judge on hand-labelled pairs (``judge/pairs.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from llama_index.core.base.llms.types import ChatMessage, MessageRole

from evals.metrics import MARKER, answer_sentences

if TYPE_CHECKING:
    from rag.chain import AnswerChain

PAIRS_FILE = Path(__file__).parent / "judge" / "pairs.yaml"
JUDGE_PROMPT = """\
You check whether a news passage supports a statement exactly as written.
Answer "no" if the statement adds facts the passage does not give, changes a number, drops a "not", \
names the wrong person or organisation as the source of a claim, or states as plain fact what the \
passage only reports someone as saying. Otherwise answer "yes".
Reply with one word: yes or no."""


@dataclass(frozen=True)
class Calibration:
    pairs: int
    true_positive_rate: float
    true_negative_rate: float
    balanced_accuracy: float
    by_trap: dict[str, float]


class Judge:
    """Asks the chain's model whether a passage entails a statement; caches verdicts.

    Like the chain's answers, each verdict starts from a clean model state unless the prompt cache is on.
    """

    def __init__(self, chain: AnswerChain) -> None:
        self.chain = chain
        self._cache: dict[tuple[str, str], bool] = {}

    def supports(self, passage: str, statement: str) -> bool:
        key = (passage, statement)
        if key not in self._cache:
            messages = [
                ChatMessage(role=MessageRole.SYSTEM, content=JUDGE_PROMPT),
                ChatMessage(
                    role=MessageRole.USER, content=f"Passage: {passage}\n\nStatement: {statement}\n\nSupported?"
                ),
            ]
            reply = self.chain.model.chat(messages)
            self._cache[key] = reply.strip().lower().startswith("yes")
        return self._cache[key]


def alce(judge: Judge, answer: dict) -> tuple[float | None, float | None]:
    """ALCE citation recall and precision of one answer (None for a refusal or an answer with no statements).

    Recall: a statement counts when the concatenation of its cited passages entails it. Precision: a
    citation counts when its statement is entailed and the citation is not irrelevant, i.e. it is not the
    case that it alone fails to entail the statement while the remaining citations still do.
    """
    if answer.get("refused"):
        return None, None
    passages = {c["id"]: c["text"] for c in answer.get("citations", [])}
    statements = answer_sentences(answer.get("answer", ""))
    if not statements:
        return None, None
    recalled = correct = total = 0
    for statement in statements:
        cited = [int(n) for n in MARKER.findall(statement) if int(n) in passages]
        claim = MARKER.sub("", statement).strip()
        total += len(cited)
        if not cited or not judge.supports(" ".join(passages[n] for n in cited), claim):
            continue
        recalled += 1
        for n in cited:
            rest = [m for m in cited if m != n]
            irrelevant = (
                rest
                and not judge.supports(passages[n], claim)
                and judge.supports(" ".join(passages[m] for m in rest), claim)
            )
            correct += not irrelevant
    return recalled / len(statements), (correct / total if total else 0.0)


def load_pairs(path: Path = PAIRS_FILE) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def calibrate(judge: Judge, pairs: list[dict]) -> Calibration:
    """Balanced accuracy of the judge on hand-labelled (passage, sentence, supported?) pairs."""
    hits: dict[bool, list[bool]] = {True: [], False: []}
    by_trap: dict[str, list[bool]] = {}
    for pair in pairs:
        verdict = judge.supports(pair["passage"], pair["sentence"])
        right = verdict == bool(pair["supported"])
        hits[bool(pair["supported"])].append(right)
        by_trap.setdefault(pair.get("trap") or "none", []).append(right)
    tpr = sum(hits[True]) / max(len(hits[True]), 1)
    tnr = sum(hits[False]) / max(len(hits[False]), 1)
    return Calibration(
        pairs=len(pairs),
        true_positive_rate=tpr,
        true_negative_rate=tnr,
        balanced_accuracy=(tpr + tnr) / 2,
        by_trap={trap: sum(v) / len(v) for trap, v in sorted(by_trap.items())},
    )
