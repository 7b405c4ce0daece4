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
