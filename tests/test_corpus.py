from pathlib import Path

import pytest

from rag.ingest.corpus import load_corpus
from tests.conftest import SEEDS


def test_seed_articles_have_ids_titles_outlets_and_hashes() -> None:
    corpus = load_corpus(SEEDS)
    assert not corpus.skipped
    by_id = {a.doc_id: a for a in corpus.articles}
    assert sorted(by_id) == sorted(p.stem for p in SEEDS.glob("*.txt"))

    capitol = by_id["001_81cfa850a1efbe07"]
    assert capitol.outlet == "Capitol Daily News"
    assert capitol.title.startswith("Kyiv in Shock as TASS Reveals Over 1,000")
    assert capitol.body.startswith("The revelation that over a thousand")

    tass = by_id["002_23db2b1dea3b3300"]
    assert tass.title == "More Than a Thousand Ex-Ukrainian Soldiers Join Russian Forces"
    assert tass.outlet is None
    assert tass.body.startswith("TASS sources say")

    headless = by_id["003_c09161b1248739e5"]
    assert headless.title is None and headless.outlet is None
    assert headless.label.startswith("Russian President Vladimir Putin is panicking")
    assert all(len(a.sha256) == 64 for a in corpus.articles)


def test_unusable_files_are_reported_by_name_and_the_rest_indexed(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Officials said the bridge reopened on Monday.\n", encoding="utf-8")
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "notes.md").write_text("# A headline\n\nThe body says something.\n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owners said prices rose.".encode("latin-1"))
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (tmp_path / "copy.txt").write_text("Officials said the bridge reopened on Monday.\n", encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "notes.html").write_text("A page with no article.", encoding="utf-8")

    corpus = load_corpus(tmp_path)

    assert sorted(a.doc_id for a in corpus.articles) == ["copy", "nested/notes"]
    reasons = {s.path.name: s.reason for s in corpus.skipped}
    assert reasons["latin1.txt"].startswith("not UTF-8")
    assert reasons["binary.txt"] == "binary file"
    assert reasons["empty.txt"] == "empty file"
    assert reasons["good.txt"] == "duplicate of copy"
    assert reasons["broken.pdf"].startswith("not a readable PDF")
    assert reasons["notes.html"] == "no article text found"
    notes = next(a for a in corpus.articles if a.doc_id == "nested/notes")
    assert notes.title == "A headline"


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_corpus(tmp_path / "nowhere")
