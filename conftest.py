"""Session fixtures shared by tests/ and evals/: a real index built from seeds/ and the real default model."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rag.config import Settings

SEEDS = Path(__file__).resolve().parent / "seeds"


@pytest.fixture(scope="session")
def seeds_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seeds")
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="session")
def indexed_settings(tmp_path_factory: pytest.TempPathFactory, seeds_copy: Path) -> Settings:
    """Settings whose index (a real Chroma store on disk, real embeddings) holds the five seed articles."""
    from rag.ingest.build import build_index
    from rag.ingest.corpus import load_corpus

    settings = Settings().with_overrides(seeds_dir=seeds_copy, index_dir=tmp_path_factory.mktemp("index"))
    build_index(settings, load_corpus(settings.seeds_dir), progress=False)
    return settings


@pytest.fixture(scope="session")
def model_chain(indexed_settings: Settings):
    """The answer chain with the real default model, loaded once per session.

    As in use, llama.cpp reuses the evaluated prefix a prompt shares with the one before (the system prompt at
    least): answers take half the time. The suites run in a fixed order, so their answers repeat; an answer
    asked alone may differ in rare cases from the one asked in the suite (README, Evals).
    """
    from rag.chain import AnswerChain

    return AnswerChain(indexed_settings.with_overrides(llm="llamacpp", prompt_cache=True)).load()
