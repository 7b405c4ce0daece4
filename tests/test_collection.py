"""Managing the collection: rag add / remove / list over a real index (no model)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from rag import service
from rag.errors import UserError
from tests.conftest import SEEDS

ARTICLE = "Harbor Daily News\nLighthouse plan backed\n\nThe council voted on Tuesday to restore the lighthouse.\n"


@pytest.fixture
def settings(make_settings, tmp_path: Path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    settings = make_settings()
    service.index(settings, progress=False)
    return settings


def test_add_list_and_remove_an_article(settings, tmp_path: Path) -> None:
    source = tmp_path / "inbox" / "harbor.txt"
    source.parent.mkdir()
    source.write_text(ARTICLE, encoding="utf-8")

    added = service.add_paths(settings, [source.parent])
    assert [p.name for p in added.copied] == ["harbor.txt"] and added.index.added == ["harbor"]
    listed = {a.doc_id: a for a in service.list_articles(settings)}
    assert listed["harbor"].title == "Lighthouse plan backed" and listed["harbor"].outlet == "Harbor Daily News"
    assert len(listed) == 6

    again = service.add_paths(settings, [source])
    assert again.copied == [] and "already in the seeds folder" in again.refused[0].reason

    report = service.remove_articles(settings, ["harbor"])
    assert report.removed == ["harbor"] and "harbor" not in {a.doc_id for a in service.list_articles(settings)}
    assert not (settings.seeds_dir / "harbor.txt").exists()


def test_unknown_id_and_unreadable_format_are_refused(settings, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no article 'nope'"):
        service.remove_articles(settings, ["nope"])
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff")
    report = service.add_paths(settings, [binary, tmp_path / "missing.txt"])
    assert report.copied == [] and len(report.refused) == 2


@pytest.mark.parametrize(
    ("name", "safe"),
    [("../../etc/passwd.txt", "passwd.txt"), (".hidden.md", "hidden.md"), ("a b/c?.TXT", "c_.txt"), ("..", "article")],
)
def test_added_names_never_leave_the_seeds_folder(name: str, safe: str) -> None:
    assert service.safe_name(name) == safe


def test_rag_list_json(settings) -> None:
    from click.testing import CliRunner

    from rag.cli import cli

    args = ["--seeds", str(settings.seeds_dir), "--index", str(settings.index_dir), "list", "--json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert {a["doc_id"][:3] for a in json.loads(result.output)} == {"000", "001", "002", "003", "004"}


def test_read_article_gives_the_text_citations_point_into(settings) -> None:
    article = service.read_article(settings, "002_23db2b1dea3b3300")
    assert article.title == "More Than a Thousand Ex-Ukrainian Soldiers Join Russian Forces"
    assert article.text == (settings.seeds_dir / "002_23db2b1dea3b3300.txt").read_text(encoding="utf-8")
    with pytest.raises(UserError, match="no article"):
        service.read_article(settings, "../etc/passwd")


@pytest.fixture
def every_format(make_settings, tmp_path: Path):
    """A seeds folder with a web page, a two-page PDF, a JSON Lines and a CSV export, and a .txt, indexed."""
    from tests.test_readers import PAGE, PAGE_ONE, PAGE_TWO, write_pdf

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "bridge.html").write_text(PAGE, encoding="utf-8")
    write_pdf(seeds / "grain.pdf", [PAGE_ONE, PAGE_TWO])
    rows = [
        {
            "id": 7,
            "title": "Port strike ends",
            "source": "Harbour Wire",
            "published": "2024-02-01",
            "text": "Dock "
            "workers returned on Thursday, the union said. Shipping firms expect the delays to clear by March.",
        },
        {"id": 8, "title": "Ferry fares rise", "source": "Coast Post", "text": "Fares rise by 5%, the operator said."},
    ]
    (seeds / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    (seeds / "feed.csv").write_text(
        "headline,outlet,date,body\nFarm aid approved,Valley Times,5 March 2024,The parliament approved farm aid.\n",
        encoding="utf-8",
    )
    (seeds / "harbor.txt").write_text(ARTICLE, encoding="utf-8")
    settings = make_settings()
    service.index(settings, progress=False)
    return settings


def test_every_format_is_listed_with_its_metadata_and_cited_exactly(every_format) -> None:
    from llama_index.core.vector_stores.utils import metadata_dict_to_node

    from rag.passages import Passage
    from rag.store import current_collection, open_client, read_records

    listed = {a.doc_id: a for a in service.list_articles(every_format)}
    assert sorted(listed) == ["bridge", "feed:1", "grain", "harbor", "wire:7", "wire:8"]
    assert (listed["bridge"].title, listed["bridge"].outlet, listed["bridge"].published) == (
        "Harbour Bridge Reopens After Repairs",
        "Northport Courier",
        "2024-03-05",
    )
    assert listed["bridge"].url == "https://courier.example/bridge-reopens" and listed["bridge"].author == "Jane Roe"
    assert (listed["wire:7"].outlet, listed["wire:7"].published, listed["wire:7"].file) == (
        "Harbour Wire",
        "2024-02-01",
        "wire.jsonl",
    )
    assert (listed["feed:1"].title, listed["feed:1"].outlet, listed["feed:1"].published) == (
        "Farm aid approved",
        "Valley Times",
        "2024-03-05",
    )
    assert listed["grain"].title == "Grain Deal Talks Stall" and listed["grain"].file == "grain.pdf"

    texts = {doc_id: service.read_article(every_format, doc_id).text for doc_id in listed}
    pages = set()
    collection = current_collection(open_client(every_format))
    for record in read_records(collection, ["documents", "metadatas"]):
        node = metadata_dict_to_node(record["metadatas"], text=record["documents"])
        passage = Passage.from_span(1, node, node.start_char_idx, node.end_char_idx, 1.0)
        assert passage.text == texts[passage.doc_id][passage.start : passage.end]
        assert passage.outlet == listed[passage.doc_id].outlet
        if passage.doc_id == "grain":
            pages.add(passage.page)
        else:
            assert passage.page is None
    assert pages == {1, 2}


def test_an_export_is_removed_as_a_whole_file(every_format) -> None:
    with pytest.raises(UserError, match=r"wire:7 is one of the 2 article\(s\) of wire.jsonl.*rag remove wire.jsonl"):
        service.remove_articles(every_format, ["wire:7"])
    assert (every_format.seeds_dir / "wire.jsonl").exists()

    report = service.remove_articles(every_format, ["wire.jsonl", "grain"])
    assert sorted(report.removed) == ["grain", "wire:7", "wire:8"]
    assert not (every_format.seeds_dir / "wire.jsonl").exists() and not (every_format.seeds_dir / "grain.pdf").exists()


def test_added_files_of_every_format_are_indexed(settings, tmp_path: Path) -> None:
    from tests.test_readers import PAGE

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "Bridge page (saved).HTML").write_text(PAGE, encoding="utf-8")
    (inbox / "feed.csv").write_text("title,text\nWater prices,Prices rose again.\n", encoding="utf-8")
    report = service.add_paths(settings, [inbox])
    assert sorted(p.name for p in report.copied) == ["Bridge_page_saved_.html", "feed.csv"]
    assert sorted(report.index.added) == ["Bridge_page_saved_", "feed:1"]


def test_rag_list_is_a_table_with_dates(every_format) -> None:
    from click.testing import CliRunner

    from rag.cli import cli

    args = ["--seeds", str(every_format.seeds_dir), "--index", str(every_format.index_dir), "list"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    header, *rows = result.output.splitlines()
    assert header.split() == ["id", "title", "outlet", "date", "chunks"]
    bridge = next(row for row in rows if row.startswith("bridge "))
    assert "Northport Courier" in bridge and "2024-03-05" in bridge


def test_a_copied_file_the_index_cannot_use_is_removed_again(settings, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    report = service.add_paths(settings, [empty])
    assert report.copied == [] and not (settings.seeds_dir / "empty.txt").exists()
    assert "empty file" in report.refused[0].reason
