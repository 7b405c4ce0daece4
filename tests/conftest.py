"""Helpers for tests/ (the session fixtures with the real index and model are in the root conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from rag.config import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def seed_text(prefix: str) -> str:
    """The text of the seed article whose file name starts with ``prefix`` (e.g. "002")."""
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., Settings]:
    def make(**overrides: object) -> Settings:
        values = {"seeds_dir": tmp_path / "seeds", "index_dir": tmp_path / "index", **overrides}
        return Settings().with_overrides(**values)

    return make
