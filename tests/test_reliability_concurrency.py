"""Concurrency with the real model: simultaneous questions against one long-lived chain, and re-indexing
(by a separate ``rag index`` process) while questions are being answered.
"""

from __future__ import annotations

import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from rag.answer import Answer
from rag.chain import AnswerChain
from rag.config import Settings
from rag.ingest.build import build_index
from rag.ingest.corpus import load_corpus
from rag.store import manifest_info, open_client, read_records
from tests.reliability import RAG, copy_seeds, rag_env, write_generated

pytestmark = pytest.mark.model

QUESTION = "who is Dmitry Usov?"
EIGHT = [
    QUESTION,
    "How many former Ukrainian soldiers are fighting for Russia?",
    "What did Putin order about the former Ukrainian servicemen?",
    "What does Ukrainian intelligence warn about?",
    "What did RT report about the exchange lists?",
    "Why is Putin said to be panicking?",
    "How many combat units have former Ukrainian soldiers formed?",
    "Why do captured Ukrainian soldiers join the Russian army?",
]
BAIT = """\
The Odessa Ledger
A profile of Dmitry Usov

Dmitry Usov grew up in Poltava and studied law before joining the army, his former classmates said.
Dmitry Usov is known among colleagues for keeping long lists of prisoners by hand, one of them said.
"""


def assert_cited(answer: Answer) -> None:
    assert not answer.refused, answer.to_dict()
    assert answer.citations, answer.to_dict()
    for citation in answer.citations:
        assert f"[{citation.id}]" in answer.answer, answer.to_dict()


def test_eight_simultaneous_questions_are_all_answered_and_cited(model_chain: AnswerChain) -> None:
    with ThreadPoolExecutor(max_workers=len(EIGHT)) as pool:
        futures = {question: pool.submit(model_chain.ask, question) for question in EIGHT}
        answers = {question: future.result(timeout=1800) for question, future in futures.items()}
    for question, answer in answers.items():
        assert answer.question == question
        assert_cited(answer)


def test_reindexing_while_answering_never_mixes_generations(model_chain: AnswerChain, tmp_path: Path) -> None:
    settings = Settings().with_overrides(seeds_dir=copy_seeds(tmp_path / "seeds"), index_dir=tmp_path / "index")
    first = build_index(settings, load_corpus(settings.seeds_dir), progress=False).generation
    chain = AnswerChain(settings, model=model_chain.model).load()  # long-lived: holds the first generation
    first_ids = {r["id"] for r in read_records(chain.retriever.collection, [])}
    (settings.seeds_dir / "odessa_ledger.txt").write_text(BAIT, encoding="utf-8")
    write_generated(settings.seeds_dir / "more", 40)  # so that the build takes a while

    builder = subprocess.Popen(
        [RAG, "index", "-q"],
        env=rag_env(RAG_SEEDS_DIR=settings.seeds_dir, RAG_INDEX_DIR=settings.index_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    with ThreadPoolExecutor(max_workers=1) as pool:
        answering = pool.submit(chain.ask, QUESTION)
        seen_half_built = retrievals = 0
        deadline = time.monotonic() + 900
        while builder.poll() is None and time.monotonic() < deadline:
            half_built = (
                manifest_info(open_client(settings))["current"] == first
                and len(open_client(settings).list_collections()) > 2
            )
            hits = chain.retriever.retrieve(QUESTION)
            assert {hit.node.node_id for hit in hits} <= first_ids
            retrievals += 1
            seen_half_built += half_built
        answer = answering.result(timeout=900)
    _, stderr = builder.communicate(timeout=60)
    assert builder.returncode == 0, stderr
    assert retrievals and seen_half_built, (retrievals, seen_half_built)

    assert_cited(answer)
    assert {c.doc_id for c in answer.citations} <= {p.stem for p in settings.seeds_dir.glob("0*.txt")}
    info = manifest_info(open_client(settings))
    assert info["previous"] == first and info["current"] != first
    assert {hit.node.node_id for hit in chain.retriever.retrieve(QUESTION)} <= first_ids  # still its generation
    fresh = AnswerChain(settings, model=model_chain.model).retriever
    assert fresh.collection.name == info["current"]
    assert any(hit.node.node_id.startswith("odessa_ledger") for hit in fresh.retrieve(QUESTION))
