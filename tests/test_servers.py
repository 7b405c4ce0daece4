"""Scale-out on real servers, on loopback: a Chroma server for the index and llama-cpp-python's
OpenAI-compatible server for the model (the packaged GGUF), each started here and always stopped.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from rag.answer import Answer
from rag.chain import AnswerChain
from rag.cli import cli
from rag.config import Settings
from rag.errors import UserError
from rag.ingest.build import build_index
from rag.ingest.corpus import load_corpus
from rag.model_files import default_model_path
from rag.retrieval import HybridRetriever
from rag.store import current_collection, manifest_info, open_client, read_records
from tests.conftest import SEEDS
from tests.reliability import (
    FAKE_API_KEY,
    Server,
    base_url,
    chroma_server,
    chunks_in,
    copy_seeds,
    generated_article,
    llama_server,
    private_index,
    rag_env,
    run_rag,
)

QUESTION = "who is Dmitry Usov?"
QUESTIONS = [
    QUESTION,
    "How many former Ukrainian soldiers are fighting for Russia?",
    "What did Putin order about the former Ukrainian servicemen?",
    "Why is Putin said to be panicking?",
    "What does Ukrainian intelligence warn about?",
]


def chroma_url(server: Server) -> str:
    return server.ready_url.removesuffix("/api/v2/heartbeat")


@pytest.fixture(scope="module")
def chroma(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("chroma-server")
    server = chroma_server(folder / "data", folder / "server.log").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def http_settings(chroma: Server, indexed_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The session's seed index built again, into the Chroma server."""
    settings = indexed_settings.with_overrides(
        chroma_url=chroma_url(chroma), cache_dir=tmp_path_factory.mktemp("cache")
    )
    report = build_index(settings, load_corpus(settings.seeds_dir), progress=False)
    assert len(report.added) == 5
    return settings


@pytest.fixture(scope="module")
def llama(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One llama_cpp.server for this module, serving the packaged model and requiring FAKE_API_KEY."""
    model = default_model_path(Settings().cache_dir)
    server = llama_server(model, tmp_path_factory.mktemp("llama-server") / "server.log").start()
    try:
        yield server
    finally:
        server.stop()


def openai_settings(settings: Settings, server: Server) -> Settings:
    return settings.with_overrides(llm="openai", openai_base_url=base_url(server), openai_api_key=FAKE_API_KEY)


def assert_cited(answer: Answer | dict) -> None:
    data = answer if isinstance(answer, dict) else answer.to_dict()
    assert not data["refused"], data
    assert data["citations"], data
    for citation in data["citations"]:
        assert f"[{citation['id']}]" in data["answer"], data


def stored(collection) -> dict[str, tuple]:
    """Record id -> (text, metadata with LlamaIndex's node JSON parsed)."""
    records = {}
    for record in read_records(collection, ["documents", "metadatas"]):
        meta = dict(record["metadatas"])
        meta["_node_content"] = json.loads(meta.get("_node_content", "{}"))
        records[record["id"]] = (record["documents"], meta)
    return records


# Chroma server ------------------------------------------------------------------------------------------


def test_chroma_server_holds_the_same_index_as_the_embedded_store(
    http_settings: Settings, indexed_settings: Settings
) -> None:
    embedded = current_collection(open_client(indexed_settings))
    served = current_collection(open_client(http_settings))
    assert stored(served) == stored(embedded)
    local, remote = HybridRetriever.open(indexed_settings), HybridRetriever.open(http_settings)
    for question in QUESTIONS:
        expected = [(hit.node.node_id, round(hit.score, 4)) for hit in local.retrieve(question)]
        assert [(hit.node.node_id, round(hit.score, 4)) for hit in remote.retrieve(question)] == expected
    info = manifest_info(open_client(http_settings))
    assert {k: v for k, v in info.items() if k != "built_at"} == {
        k: v for k, v in manifest_info(open_client(indexed_settings)).items() if k != "built_at"
    }


def test_generations_and_the_pointer_work_the_same_over_http(tmp_path: Path) -> None:
    server = chroma_server(tmp_path / "data", tmp_path / "server.log").start()
    try:
        settings = Settings().with_overrides(
            seeds_dir=copy_seeds(tmp_path / "seeds"), chroma_url=chroma_url(server), cache_dir=tmp_path / "cache"
        )
        first = build_index(settings, load_corpus(settings.seeds_dir), progress=False).generation
        reader = HybridRetriever.open(settings)  # a long-lived reader, on the first generation
        assert build_index(settings, load_corpus(settings.seeds_dir), progress=False).generation == first

        (settings.seeds_dir / "extra.txt").write_text(generated_article(1), encoding="utf-8")
        report = build_index(settings, load_corpus(settings.seeds_dir), progress=False)
        info = manifest_info(open_client(settings))
        assert (report.added, info["current"], info["previous"]) == (["extra"], report.generation, first)
        assert report.chunks_embedded == chunks_in(settings.seeds_dir) - chunks_in(SEEDS)  # only the new one
        assert reader.collection.name == first
        assert all(not hit.node.node_id.startswith("extra") for hit in reader.retrieve("Officials said the cost"))
        about_extra = generated_article(1).splitlines()[3]
        assert any(h.node.node_id.startswith("extra") for h in HybridRetriever.open(settings).retrieve(about_extra))
    finally:
        server.stop()
    with pytest.raises(UserError, match=r"^cannot reach the Chroma server at http://127\.0\.0\.1:"):
        open_client(settings)


def test_chroma_server_dying_mid_build_keeps_the_previous_generation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rag.ingest import build

    server = chroma_server(tmp_path / "data", tmp_path / "server.log").start()
    try:
        settings = Settings().with_overrides(
            seeds_dir=copy_seeds(tmp_path / "seeds"), chroma_url=chroma_url(server), cache_dir=tmp_path / "cache"
        )
        first = build_index(settings, load_corpus(settings.seeds_dir), progress=False).generation
        (settings.seeds_dir / "extra.txt").write_text(generated_article(2), encoding="utf-8")
        embed_and_add = build.embed_and_add

        def server_dies_first(*args: object, **kwargs: object) -> None:
            server.kill()
            embed_and_add(*args, **kwargs)

        monkeypatch.setattr(build, "embed_and_add", server_dies_first)
        with pytest.raises(UserError, match=r"^lost the connection to the Chroma server at http://127\.0\.0\.1:\d+ \("):
            build_index(settings, load_corpus(settings.seeds_dir), progress=False)
        monkeypatch.undo()

        server.start()  # back, same port and data
        assert manifest_info(open_client(settings))["current"] == first
        assert HybridRetriever.open(settings).retrieve(QUESTION)
        report = build_index(settings, load_corpus(settings.seeds_dir), progress=False)
        assert report.added == ["extra"]
        names = {c.name for c in open_client(settings).list_collections()}
        assert names == {"rag_manifest", first, report.generation}
    finally:
        server.stop()


@pytest.mark.model
def test_chroma_server_gives_the_same_answer_as_the_embedded_store(http_settings: Settings, model_chain) -> None:
    expected = model_chain.ask(QUESTION).to_dict()
    served = AnswerChain(http_settings, model=model_chain.model).ask(QUESTION).to_dict()
    assert_cited(served)
    for data in (expected, served):
        data.pop("timings")
    assert served == expected


# OpenAI-compatible model server -------------------------------------------------------------------------


@pytest.mark.model
def test_openai_backend_answers_end_to_end_and_never_logs_the_key(
    llama: Server, indexed_settings: Settings, tmp_path: Path
) -> None:
    indexed_settings = private_index(indexed_settings, tmp_path / "index")
    env = rag_env(
        RAG_SEEDS_DIR=indexed_settings.seeds_dir,
        RAG_INDEX_DIR=indexed_settings.index_dir,
        RAG_LLM="openai",
        RAG_OPENAI_BASE_URL=base_url(llama),
        RAG_OPENAI_API_KEY=FAKE_API_KEY,
    )
    result = run_rag(["-vv", "ask", "--json", QUESTION], env, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    answer = json.loads(result.stdout)
    assert_cited(answer)
    assert answer["model"] == "openai:default"
    assert "Dmitry Usov" in answer["answer"]
    assert answer["citations"][0]["doc_id"] == "002_23db2b1dea3b3300"
    assert "DEBUG openai" in result.stderr  # really at DEBUG, with the request logged
    assert FAKE_API_KEY not in result.stdout + result.stderr
    assert FAKE_API_KEY[-12:] not in result.stdout + result.stderr


@pytest.mark.model
def test_a_wrong_api_key_is_one_line_and_not_shown(llama: Server, indexed_settings: Settings) -> None:
    wrong = FAKE_API_KEY.replace("SECRET", "WRONG")
    env = {name: None for name in os.environ if name.startswith("RAG_")} | {
        "RAG_SEEDS_DIR": str(indexed_settings.seeds_dir),
        "RAG_INDEX_DIR": str(indexed_settings.index_dir),
        "RAG_LLM": "openai",
        "RAG_OPENAI_BASE_URL": base_url(llama),
        "RAG_OPENAI_API_KEY": wrong,
    }
    result = CliRunner().invoke(cli, ["ask", QUESTION], env=env, catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert [line for line in result.stderr.splitlines() if line.startswith("error")] == [
        "error: the openai backend failed (Error code: 401 - {'detail': 'Invalid API key'})"
    ]
    assert "Traceback" not in result.output
    assert wrong not in result.output


@pytest.mark.model
def test_backend_dies_mid_answer_then_the_next_question_works(llama: Server, indexed_settings: Settings) -> None:
    chain = AnswerChain(openai_settings(indexed_settings, llama)).load()
    killed = threading.Event()

    def kill_on_first_token(token: str) -> None:
        if not killed.is_set():
            killed.set()
            llama.kill()

    with pytest.raises(UserError, match=r"^cannot reach the openai backend \("):
        chain.ask(QUESTION, on_token=kill_on_first_token)
    assert killed.is_set()
    with pytest.raises(UserError, match=r"^cannot reach the openai backend \("):
        chain.ask(QUESTION)  # still down: the same clear error, no hang

    llama.start()  # back, on the same port
    answer = chain.ask(QUESTION)
    assert_cited(answer)
    assert "Dmitry Usov" in answer.answer
