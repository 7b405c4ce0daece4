"""Shared fixtures: the real seeds, a real Chroma index built from them, and the real default model."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from rag.config import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def seed_text(prefix: str) -> str:
    """The text of the seed article whose file name starts with ``prefix`` (e.g. "002")."""
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seeds_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seeds")
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="session")
def indexed_settings(tmp_path_factory: pytest.TempPathFactory, seeds_copy: Path) -> Settings:
    """Settings whose index (a real Chroma store on disk, real embeddings) holds the five seed articles."""
    from rag.corpus import load_corpus
    from rag.store import build_index

    settings = Settings().with_overrides(seeds_dir=seeds_copy, index_dir=tmp_path_factory.mktemp("index"))
    build_index(settings, load_corpus(settings.seeds_dir), progress=False)
    return settings


@pytest.fixture(scope="session")
def model_chain(indexed_settings: Settings):
    """The answer chain with the real default model, loaded once per session."""
    from rag.chain import AnswerChain

    return AnswerChain(indexed_settings.with_overrides(llm="llamacpp")).load()


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., Settings]:
    def make(**overrides: object) -> Settings:
        values = {"seeds_dir": tmp_path / "seeds", "index_dir": tmp_path / "index", **overrides}
        return Settings().with_overrides(**values)

    return make
