"""Indexing under faults: Ctrl-C, a kill and a full disk mid-build leave the previous generation answering.

Each test drives the real ``rag index`` command in a child process over a real embedded Chroma store.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from rag.config import Settings
from rag.errors import UserError
from rag.ingest.build import build_index
from rag.ingest.corpus import load_corpus
from rag.retrieval import HybridRetriever
from rag.store import PREFIX, manifest_info, open_client
from tests.reliability import RAG, chunks_in, copy_seeds, rag_env, run_rag, write_generated

QUESTION = "who is Dmitry Usov?"
GENERATED = 180  # articles of about 5 chunks each: several embedding batches of 256, even on an idle machine


def collections(settings: Settings) -> set[str]:
    return {c.name for c in open_client(settings).list_collections()}


def retrieves_from(settings: Settings, generation: str) -> bool:
    """Does the current generation answer, and is it ``generation``?"""
    retriever = HybridRetriever.open(settings)
    hits = retriever.retrieve(QUESTION)
    return retriever.collection.name == generation and any("Dmitry Usov" in h.node.get_content() for h in hits)


def start_index(settings: Settings) -> subprocess.Popen:
    """``rag index`` as a user starts it from a terminal: Ctrl-C interrupts it even where the tests run as a
    shell's background job, whose commands inherit SIGINT ignored (and a Python that starts so never turns
    it into KeyboardInterrupt)."""
    env = rag_env(RAG_SEEDS_DIR=settings.seeds_dir, RAG_INDEX_DIR=settings.index_dir)
    return subprocess.Popen(
        [RAG, "index"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def wait_mid_embedding(settings: Settings, process: subprocess.Popen, name: str, copied: int) -> int:
    """Wait until the build has added at least one embedded batch to ``name`` and has more to embed; its count."""
    total = copied + chunks_in(settings.seeds_dir / "more")
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        assert process.poll() is None, f"rag index ended before it could be stopped: {process.communicate()}"
        if name in collections(settings):
            count = open_client(settings).get_collection(name).count()
            if copied < count < total:
                return count
        time.sleep(0.05)
    process.kill()
    raise AssertionError("rag index never started embedding")


@pytest.fixture
def indexed(tmp_path: Path) -> Settings:
    """The seeds, indexed (generation 1), plus many more articles waiting in the seeds folder."""
    settings = Settings().with_overrides(seeds_dir=copy_seeds(tmp_path / "seeds"), index_dir=tmp_path / "index")
    build_index(settings, load_corpus(settings.seeds_dir), progress=False)
    write_generated(settings.seeds_dir / "more", GENERATED)
    return settings


def test_ctrl_c_and_kill_mid_embedding_keep_the_previous_index(indexed: Settings) -> None:
    settings = indexed
    first = manifest_info(open_client(settings))["current"]
    copied = open_client(settings).get_collection(first).count()

    # Ctrl-C: the command says so, exits 130 and drops its half-built generation itself.
    process = start_index(settings)
    wait_mid_embedding(settings, process, f"{PREFIX}2", copied)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == "interrupted"
    assert manifest_info(open_client(settings))["current"] == first
    assert retrieves_from(settings, first)

    # A kill: nothing runs any more, a half-built generation is left behind, and the previous one answers.
    process = start_index(settings)
    wait_mid_embedding(settings, process, f"{PREFIX}2", copied)
    process.kill()
    process.communicate(timeout=60)
    half_built = open_client(settings).get_collection(f"{PREFIX}2")
    assert copied < half_built.count() < copied + chunks_in(settings.seeds_dir / "more")
    assert manifest_info(open_client(settings))["current"] == first
    assert retrieves_from(settings, first)

    # The next build completes and drops the half-built generation.
    result = run_rag(["index", "-q"], rag_env(RAG_SEEDS_DIR=settings.seeds_dir, RAG_INDEX_DIR=settings.index_dir))
    assert result.returncode == 0, result.stderr
    assert f"({GENERATED} added, 0 updated, 0 removed, 5 unchanged)" in result.stdout
    info = manifest_info(open_client(settings))
    assert (info["previous"], info["current"]) == (first, f"{PREFIX}2")  # the number is taken afresh
    rebuilt = open_client(settings).get_collection(f"{PREFIX}2")
    assert rebuilt.id != half_built.id and rebuilt.count() == chunks_in(settings.seeds_dir)
    assert collections(settings) == {"rag_manifest", first, rebuilt.name}
    assert retrieves_from(settings, rebuilt.name)


def test_a_second_builder_is_turned_away(indexed: Settings) -> None:
    from rag.store import build_lock

    with build_lock(indexed), pytest.raises(UserError, match="another `rag index` is already building"):
        build_index(indexed, load_corpus(indexed.seeds_dir), progress=False)
    assert manifest_info(open_client(indexed))["generation"] == 1


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 MiB tmpfs (needs root and mount rights, as on this project's machines and CI)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_really_full_disk_keeps_the_previous_index(tiny_disk: Path, tmp_path: Path) -> None:
    settings = Settings().with_overrides(seeds_dir=copy_seeds(tmp_path / "seeds"), index_dir=tiny_disk / "index")
    env = rag_env(RAG_SEEDS_DIR=settings.seeds_dir, RAG_INDEX_DIR=settings.index_dir)
    first = build_index(settings, load_corpus(settings.seeds_dir), progress=False).generation
    ballast = tiny_disk / "ballast.bin"  # the user's other files, filling the disk to 256 KiB short of full
    size = shutil.disk_usage(tiny_disk).free - (256 << 10)
    with ballast.open("wb") as out:
        out.write(b"\xab" * size)
    write_generated(settings.seeds_dir / "more", 40)

    result = run_rag(["index", "-q"], env)

    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        f"error: could not write the index to {settings.index_dir} (the disk is full); the previous index is unchanged"
    ]
    assert ballast.stat().st_size == size
    assert manifest_info(open_client(settings))["current"] == first
    assert retrieves_from(settings, first)

    ballast.unlink()
    result = run_rag(["index", "-q"], env)
    assert result.returncode == 0, result.stderr
    current = manifest_info(open_client(settings))["current"]
    assert collections(settings) == {"rag_manifest", first, current}
    assert retrieves_from(settings, current)
    assert os.path.ismount(tiny_disk)
