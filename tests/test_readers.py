"""The readers of each format, on small files the tests write themselves, and the bad file of each kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.ingest.corpus import load_corpus
from rag.ingest.readers import READERS, Header, parse_header
from rag.ingest.readers.metadata import front_matter, normalise_date
from rag.ingest.readers.pdf import unwrap

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour Bridge Reopens After Repairs | Northport Courier</title>
<meta property="og:site_name" content="Northport Courier">
<meta property="og:title" content="Harbour Bridge Reopens After Repairs">
<meta property="article:published_time" content="2024-03-05T08:30:00+00:00">
<meta name="author" content="Jane Roe">
<link rel="canonical" href="https://courier.example/bridge-reopens">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Harbour Bridge Reopens After Repairs</h1>
<p>The harbour bridge reopened on Monday after six months of repairs, the city council said.
Engineers replaced 40 steel cables and resurfaced the deck.</p>
<p>According to the transport minister, traffic will return to normal within a week. Local traders,
who lost business during the closure, welcomed the news.</p>
</article>
<footer>Copyright 2024 Northport Courier. All rights reserved.</footer>
</body></html>
"""
PAGE_ONE = (
    "Negotiators failed to agree on a new grain corridor on Tuesday, officials said. According to the Turkish "
    "foreign ministry, talks will resume next month in Istanbul after both delegations consult their governments."
)
PAGE_TWO = "Inspectors checked 30 ships last week, the joint centre said. The port reopened on Friday."


def write_pdf(path: Path, pages: list[str], title: str | None = "Grain Deal Talks Stall", **encryption: str) -> Path:
    """A PDF with a headline line and one paragraph on each page (fpdf2 wraps the lines)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.set_author("Ann Smith")
    for number, text in enumerate(pages):
        pdf.add_page()
        if number == 0 and title:
            pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    if encryption:
        pdf.set_encryption(**encryption)
    pdf.output(str(path))
    return path


def read(path: Path, notes: list[str] | None = None):
    return READERS[path.suffix.lower()].read(path, path.stem, notes)


# HTML ------------------------------------------------------------------------------------------------------


def test_html_page_gives_main_text_and_its_metadata(tmp_path: Path) -> None:
    path = tmp_path / "bridge.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read(path)
    assert article.title == "Harbour Bridge Reopens After Repairs"
    assert article.outlet == "Northport Courier"
    assert article.published == "2024-03-05"
    assert article.author == "Jane Roe"
    assert article.url == "https://courier.example/bridge-reopens"
    assert article.text.startswith("Harbour Bridge Reopens After Repairs\n")
    assert article.body.startswith("The harbour bridge reopened on Monday")
    assert "Home" not in article.text and "All rights reserved" not in article.text


@pytest.mark.parametrize(
    "content",
    [
        "<html><body><nav><a href='/'>Home</a></nav><p>Accept cookies to continue.</p></body></html>",
        "",
        "\x89PNG not a page at all",
    ],
)
def test_html_without_an_article_is_refused(tmp_path: Path, content: str) -> None:
    path = tmp_path / "menu.html"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=r"no article text found|empty file"):
        read(path)


# PDF -------------------------------------------------------------------------------------------------------


def test_two_page_pdf_keeps_pages_and_unwraps_lines(tmp_path: Path) -> None:
    [article] = read(write_pdf(tmp_path / "grain.pdf", [PAGE_ONE, PAGE_TWO]))
    assert article.title == "Grain Deal Talks Stall" and article.author == "Ann Smith"
    assert article.body.startswith("Negotiators failed")
    assert PAGE_ONE in article.text  # the wrapped lines are one paragraph again
    second = article.text.index(PAGE_TWO)
    assert article.page_starts == (0, second)
    assert article.page_at(article.text.index("Istanbul")) == 1 and article.page_at(second + 5) == 2


def test_pdf_chunks_stay_on_one_page(tmp_path: Path) -> None:
    from rag.ingest.chunking import chunk_article

    [article] = read(write_pdf(tmp_path / "grain.pdf", [PAGE_ONE, PAGE_TWO]))
    nodes = chunk_article(article)
    assert {node.metadata["page"] for node in nodes} == {1, 2}
    for node in nodes:
        assert node.text == article.text[node.start_char_idx : node.end_char_idx]
        assert article.page_at(node.end_char_idx - 1) == node.metadata["page"]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj garbage"), "not a readable PDF"),
        (lambda p: write_pdf(p, [PAGE_ONE], owner_password="o", user_password="u"), r"encrypted \(needs a password\)"),
        (lambda p: write_pdf(p, [""], title=None), r"no text layer \(scanned\?\)"),
    ],
    ids=["corrupt", "encrypted", "scanned"],
)
def test_unusable_pdfs_are_refused_with_a_reason(tmp_path: Path, make, reason: str) -> None:
    path = tmp_path / "bad.pdf"
    make(path)
    with pytest.raises(ValueError, match=reason):
        read(path)


def test_a_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    [article] = read(write_pdf(tmp_path / "locked.pdf", [PAGE_ONE], owner_password="o"))
    assert PAGE_ONE in article.text


def test_unwrap_joins_wrapped_lines_and_keeps_short_ones() -> None:
    page = "Headline\nA long line that wraps in the middle of a\nsentence and ends here with a well-\nknown word.\nEnd."
    assert unwrap(page) == (
        "Headline\nA long line that wraps in the middle of a sentence and ends here with a well-known word.\nEnd."
    )


# CSV and JSON exports --------------------------------------------------------------------------------------


def test_jsonl_export_gives_one_article_a_line(tmp_path: Path) -> None:
    rows = [
        {
            "id": "a/1",
            "title": "Port strike ends",
            "source": {"id": None, "name": "Harbour Wire"},
            "publishedAt": "2024-02-01T10:00:00Z",
            "url": "https://wire.example/a1",
            "authors": ["Ann Smith", "Bo Li"],
            "content": "Dock workers returned on Thursday, the union said.",
        },
        {"id": "a-2", "title": "Nothing here", "content": ""},
        {
            "id": "a-3",
            "Headline": "Ferry fares rise",
            "Outlet": "Coast Post",
            "Body": "Fares rise by 5%, the operator said.",
        },
    ]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n{broken\n", encoding="utf-8")
    notes: list[str] = []
    strike, ferry = read(path, notes)
    assert (strike.doc_id, ferry.doc_id) == ("export:a_1", "export:a-3")
    assert strike.title == "Port strike ends" and strike.outlet == "Harbour Wire"
    assert strike.published == "2024-02-01" and strike.url == "https://wire.example/a1"
    assert strike.author == "Ann Smith, Bo Li"
    assert strike.text == "Port strike ends\n\nDock workers returned on Thursday, the union said."
    assert strike.body == "Dock workers returned on Thursday, the union said."
    assert ferry.title == "Ferry fares rise" and ferry.outlet == "Coast Post"
    assert notes == ["line 4 is not valid JSON", "line 2 has no text"]


def test_csv_export_gives_one_article_a_row(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text(
        "Title;Publisher;Date;Link;Text\n"
        '"Farm aid approved";Valley Times;5 March 2024;https://vt.example/1;"The parliament approved aid.\n\n'
        'Farmers welcomed it, officials said."\n'
        "Empty row;Valley Times;2024-03-06;;\n"
        "Water prices;Valley Times;03/07/2024;;Prices rose again, the utility said.\n",
        encoding="utf-8",
    )
    notes: list[str] = []
    aid, water = read(path, notes)
    assert (aid.doc_id, water.doc_id) == ("feed:1", "feed:3")
    assert aid.outlet == "Valley Times" and aid.published == "2024-03-05" and aid.url == "https://vt.example/1"
    assert aid.body == "The parliament approved aid.\n\nFarmers welcomed it, officials said."
    assert water.published == "03/07/2024"  # ambiguous day and month: kept as written
    assert notes == ["row 2 has no text"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("no_text.csv", "title,url\nA headline,https://x.example\n", "no text column"),
        ("only_header.csv", "title,text\n", "no articles in the file"),
        ("latin1.csv", "title,text\nCaf\xe9,Prices rose.\n", "not UTF-8"),
        ("broken.jsonl", "{not json\n[1, 2\n", "not JSON Lines"),
        ("scalars.jsonl", "1\n2\n", "not a list of JSON objects"),
        ("broken.json", '{"articles": [', "not valid JSON"),
        ("empty_rows.jsonl", '{"title": "x", "text": ""}\n', "no line has text"),
    ],
)
def test_unusable_exports_are_refused_with_a_reason(tmp_path: Path, name: str, content: str, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode("latin-1" if "latin1" in name else "utf-8"))
    with pytest.raises(ValueError, match=reason):
        read(path)


def test_json_api_response_and_numbered_keys(tmp_path: Path) -> None:
    path = tmp_path / "api.json"
    articles = [{"title": "One", "description": "The first story, officials said."}, {"content": "Second story."}]
    path.write_text(json.dumps({"status": "ok", "articles": articles}), encoding="utf-8")
    assert [a.doc_id for a in read(path)] == ["api:1", "api:2"]


# Plain text ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title", "outlet"),
    [
        (
            "Bridge Talks Resume in Geneva\nKyiv Independent\n\nNegotiators met on Monday.\n",
            "Bridge Talks Resume in Geneva",
            "Kyiv Independent",
        ),
        (
            "Bridge Talks Resume in Geneva\nReuters\nNegotiators met on Monday.\n",
            "Bridge Talks Resume in Geneva",
            "Reuters",
        ),
        (
            "Harbor Daily News\nWorld News\n\nLighthouse plan backed\n\nThe council voted.\n",
            "Lighthouse plan backed",
            "Harbor Daily News",
        ),
        (
            "Lighthouse plan backed by the council\nThe Harbor Times\n\nThe council voted.\n",
            "Lighthouse plan backed by the council",
            "The Harbor Times",
        ),
        ("Exclusive\nLighthouse plan backed\n\nThe council voted.\n", "Lighthouse plan backed", None),
        ("# A headline\n\nThe body says something.\n", "A headline", None),
    ],
)
def test_header_lines_give_headline_and_outlet(text: str, title: str, outlet: str | None) -> None:
    header = parse_header(text)
    assert (header.title, header.outlet) == (title, outlet)
    assert text[header.body_start :].lstrip().startswith(("Negotiators", "The "))


def test_a_headline_that_ends_like_a_sentence() -> None:
    """ "Ferry Fares Rise Again." over a blank line: a title-case line is the headline and not body, and so is a
    short sentence-case line set apart without a finite verb; with one, it may be a headline or a lede, so it
    names the article and stays in the body; a long first line is the lede."""
    text = "Ferry Fares Rise Again.\n\nThe council voted on Monday to raise fares.\n"
    header = parse_header(text)
    assert header.title == "Ferry Fares Rise Again."
    assert text[header.body_start :].startswith("The council")
    text = "Council raises ferry fares.\n\nThe council voted on Monday to raise fares.\n"
    assert (parse_header(text).title, parse_header(text).body_start) == ("Council raises ferry fares.", 0)
    text = "Council ready to raise ferry fares by a third.\n\nThe council voted on Monday to raise fares.\n"
    header = parse_header(text)  # no finite verb: no sentence of a body
    assert header.title == "Council ready to raise ferry fares by a third."
    assert text[header.body_start :].startswith("The council")
    quoted = "“Absolutely not.”\n\nThat was the mayor's answer on Monday.\n"
    assert parse_header(quoted).body_start == 0  # a lede's words
    lede = "The council voted on Monday night to raise ferry fares by a third, the first rise in ten years, and "
    lede += "to close two of the island's routes for the winter.\n\nRiders protested.\n"
    assert parse_header(lede) == parse_header(lede.replace("\n\n", "\n")) == Header()
    assert parse_header("Council raises ferry fares.\nThe council voted.\n").title is None


def test_header_date_and_byline_lines() -> None:
    header = parse_header("Ferry Fares Rise\nCoast Post\nBy Ann Smith\nMarch 5, 2024\n\nFares rose.\n")
    assert (header.title, header.outlet, header.author, header.published) == (
        "Ferry Fares Rise",
        "Coast Post",
        "Ann Smith",
        "2024-03-05",
    )


def test_front_matter_gives_metadata_and_the_text_after_it(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    body = "# The Mayor Resigns\n\nThe mayor resigned on Friday, the council said.\n"
    path.write_text(
        f'---\ntitle: "Mayor resigns"\nsource: Test Gazette\ndate: 2024-01-02T09:00:00Z\nurl: https://g.example/x\n---\n{body}',
        encoding="utf-8",
    )
    [article] = read(path)
    assert article.text == body
    assert (article.title, article.outlet, article.published, article.url) == (
        "Mayor resigns",
        "Test Gazette",
        "2024-01-02",
        "https://g.example/x",
    )
    assert article.body.startswith("The mayor resigned")
    assert front_matter("---\nnot a key value line\n---\nBody.") == ({}, 0)
    assert front_matter("---\ntitle: never closed\nBody.") == ({}, 0)


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2024-03-05T08:30:00+02:00", "2024-03-05"),
        ("Tue, 05 Mar 2024 08:30:00 GMT", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
        ("Mar. 5, 2024", "2024-03-05"),
        ("last Tuesday", "last Tuesday"),
        ("  ", None),
    ],
)
def test_dates_are_iso_where_they_can_be_read(raw: str, iso: str | None) -> None:
    assert normalise_date(raw) == iso


# The corpus ------------------------------------------------------------------------------------------------


def test_a_folder_of_every_format_is_read_and_the_bad_files_named(tmp_path: Path) -> None:
    (tmp_path / "bridge.html").write_text(PAGE, encoding="utf-8")
    write_pdf(tmp_path / "grain.pdf", [PAGE_ONE, PAGE_TWO])
    (tmp_path / "export.jsonl").write_text(json.dumps({"title": "T", "text": "A story."}) + "\n", encoding="utf-8")
    (tmp_path / "feed.csv").write_text("title,text\nA,Water prices rose.\n", encoding="utf-8")
    (tmp_path / "bridge.txt").write_text("Same id as the page.\n", encoding="utf-8")
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 broken")
    (tmp_path / "menu.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    (tmp_path / "no_text.csv").write_text("title,url\nA,https://x.example\n", encoding="utf-8")

    corpus = load_corpus(tmp_path)

    assert sorted(a.doc_id for a in corpus.articles) == ["bridge", "export:1", "feed:1", "grain"]
    assert {a.file for a in corpus.articles} == {"bridge.html", "export.jsonl", "feed.csv", "grain.pdf"}
    reasons = {s.path.name: s.reason for s in corpus.skipped}
    assert reasons["bad.pdf"].startswith("not a readable PDF")
    assert reasons["menu.html"] == "no article text found"
    assert reasons["no_text.csv"].startswith("no text column")
    assert reasons["bridge.txt"].startswith("same id as")


def test_costly_extractions_are_reused_until_the_file_changes(tmp_path: Path, monkeypatch) -> None:
    from rag.ingest import corpus as corpus_module

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    export = seeds / "wire.jsonl"
    export.write_text('{"title": "A", "text": "The council met on Tuesday and voted."}\n', encoding="utf-8")
    # a text file's headline may be told from a lede by parsing it: kept too
    (seeds / "fares.txt").write_text("Council ready to raise fares.\n\nThe council voted.\n", encoding="utf-8")
    first = load_corpus(seeds, tmp_path / "cache")
    calls = []
    real = corpus_module.read_file
    monkeypatch.setattr(corpus_module, "read_file", lambda *a: calls.append(a[1]) or real(*a))
    again = load_corpus(seeds, tmp_path / "cache")
    assert again.articles == first.articles and calls == []
    export.write_text('{"title": "B", "text": "The mayor resigned on Friday after the vote."}\n', encoding="utf-8")
    changed = load_corpus(seeds, tmp_path / "cache")
    assert [a.title for a in changed.articles] == ["Council ready to raise fares.", "B"] and calls == [export]


def test_a_dateline_opening_the_body_gives_the_date() -> None:
    """ "Nov 16, 2020 ... Barty finishes ..." (a search result, a wire copy): the article's date, when no header
    line gives one; a date inside the text is not a dateline."""
    header = parse_header("Nov 16, 2020 ... Barty finishes the year as world No. 1.\n")
    assert header.published == "2020-11-16"
    text = "March 5, 2024 — Fares rose on the coast line.\n"
    assert parse_header(text).published == "2024-03-05"
    assert parse_header(text).body_start == 0
    assert parse_header("Fares rose on March 5, 2024 ... and fell.\n").published is None
    assert parse_header("Ferry Fares Rise\nMarch 5, 2024\n\nJune 1, 2020 — Fares rose.\n").published == "2024-03-05"


def test_a_text_file_without_a_date_takes_the_one_its_name_gives(tmp_path: Path) -> None:
    """Collections saved as text name files by outlet and date ("harbour-post_2016-09-22_fares.txt"); a date in
    the text wins, and a name without a whole date gives none."""
    body = "Fares rose on the coast line on Friday, the ferry operator said.\n"
    for name, date in (
        ("harbour-post_2016-09-22_fares.txt", "2016-09-22"),
        ("2024_03_05 fares.md", "2024-03-05"),
        ("fares-2016-13-40.txt", None),
        ("fares-20160922.txt", None),
        ("report-12016-09-221.txt", None),
    ):
        (tmp_path / name).write_text(body, encoding="utf-8")
        assert read(tmp_path / name)[0].published == date, name
    (tmp_path / "ferry_2016-09-22.txt").write_text("March 5, 2024 — " + body, encoding="utf-8")
    assert read(tmp_path / "ferry_2016-09-22.txt")[0].published == "2024-03-05"


def test_a_snippet_that_opens_with_its_page_title_takes_it_as_its_title(tmp_path: Path) -> None:
    """ "The 12th Harbour Awards | 2021 ... Ada Roe wins Best Pilot.": the opening fragment says what the
    snippet is about; they are its title (so the award is known to the collection), never a passage."""
    from rag.ingest.chunking import chunk_article

    path = tmp_path / "snippet.txt"
    path.write_text("The 12th Harbour Awards | 2021 ... Ada Roe wins Best Pilot.\n", encoding="utf-8")
    [node] = chunk_article(read(path)[0])
    assert node.text == "Ada Roe wins Best Pilot."
    assert node.metadata["title"] == "The 12th Harbour Awards | 2021"
    # An article that opens with a sentence has no such title.
    path.write_text("Ada Roe won Best Pilot at the awards on Monday. She thanked her crew.\n", encoding="utf-8")
    assert {node.metadata["title"] for node in chunk_article(read(path)[0])} == {""}
    # Nor is a title fragment a sentence because the tagger takes its "|" for a verb; a clause cut off after a
    # title-case award ("wins Best Actor ...") reads whole.
    path.write_text(
        "The 92nd Harbour Awards | 2020 ... Ivo Brandt wins Best Actor ... Ada Roe won ...\n", encoding="utf-8"
    )
    assert [(n.metadata["title"], n.text) for n in chunk_article(read(path)[0])] == [
        ("The 92nd Harbour Awards | 2020", "Ivo Brandt wins Best Actor")
    ]
    # A subordinate clause cut from its main one says what the snippet is about: the film the next one is of.
    path.write_text(
        "Dec 27, 2020 ... Just two days after Harbour Days 1984 hit theaters, ... Ada Roe will reprise her role"
        " as Captain Vell ...\n",
        encoding="utf-8",
    )
    assert [(n.metadata["title"], n.text) for n in chunk_article(read(path)[0])] == [
        ("Just two days after Harbour Days 1984 hit theaters", "Ada Roe will reprise her role as Captain Vell")
    ]


@pytest.mark.parametrize(
    ("snippet", "kept"),
    [
        ("Ada Roe wins Best Pilot at the Harbour Awards ...", "Ada Roe wins Best Pilot at the Harbour Awards"),
        (
            "The port reopened on Monday, the harbour board said, marking ...",
            "The port reopened on Monday, the harbour board said",
        ),
        ("The harbour board is planning a ...", None),
        ("Ships moored there were kept in ...", None),
        ("The Harbour Prize for 2019 is awarded to the Austrian author ...", None),
        ("Ships that docked in Varna (as they did in 2006), ...", None),
        ("Ada Roe reprises the role of Captain Vell as ...", "Ada Roe reprises the role of Captain Vell"),
        (
            "Apr 25, 2021 ... ... upsets Ivo Brandt to win best pilot, while 'Harbour Days' took best ship at the"
            " 12th Harbour Awards.",
            "'Harbour Days' took best ship at the 12th Harbour Awards.",
        ),
        (
            "Feb 11, 2020 ... ... to 2017's Harbour Days, Ada Roe reprises the role of Captain Vell as ...",
            "Ada Roe reprises the role of Captain Vell",
        ),
        (
            "Nov 6, 2017 ... and Harbour Films' new movie continues to come together.",
            "Harbour Films' new movie continues to come together.",
        ),
        ("... and Harbour Films reopened the port on Monday.", "Harbour Films reopened the port on Monday."),
        ("Apr 25, 2021 ... upsets Ivo Brandt to win best pilot.", None),
        ("Just two days after Harbour Days 1984 hit theaters and Tide Max, ...", None),
        (
            "Tidewater won Best Animated Feature at the Harbour Awards ceremony Sunday night ...",
            "Tidewater won Best Animated Feature at the Harbour Awards ceremony Sunday night",
        ),
        ("At the end of the season, the club that won the most matches at home ...", None),
        (
            "In 1981 the studio was bought by Ivo Brandt and his family, who in turn, in the course of 1985 ...",
            "In 1981 the studio was bought by Ivo Brandt and his family",
        ),
        (
            "Ada Roe will play Captain Vell in Harbour Days ... role of the captain, Tide Films has now cast ...",
            "Ada Roe will play Captain Vell in Harbour Days",
        ),
        ("Apr 26, 2021 ... Ada Roe will play Captain Vell.", "Apr 26, 2021 ... Ada Roe will play Captain Vell."),
        ("Ada Roe will play Captain Vell and Patty ...", "Ada Roe will play Captain Vell"),
        ("The final was played between Spain and Portugal ...", "The final was played between Spain and Portugal"),
        (
            "Ada Roe finishes the year as the world No.1 again, having first cemented her place as No.",
            "Ada Roe finishes the year as the world No.1 again",
        ),
        ("Voters said no.", "Voters said no."),
        ('"We will fight … to the end," Ivo Brandt said.', '"We will fight … to the end," Ivo Brandt said.'),
    ],
    ids=[
        "whole clause",
        "complete clauses",
        "article",
        "preposition",
        "common noun",
        "open clause",
        "dangling word",
        "cut head",
        "cut head and tail",
        "cut head at a coordinator",
        "cut head at a coordinator, no dateline",
        "cut head only",
        "subordinate clause",
        "ends on when",
        "adverbial before the break",
        "relative clause without its verb",
        "gap inside a sentence",
        "dateline is no gap",
        "a first name cut from its surname",
        "a place is no cut name",
        "an abbreviation cut from its figure",
        "a word that is also an abbreviation",
        "an ellipsis in a whole sentence",
    ],
)
def test_a_snippet_cut_off_keeps_what_reads_whole(snippet: str, kept: str | None) -> None:
    """Before a truncation mark, a verb with its subject that ends on a noun is a whole clause; an article,
    preposition or verb at the end shows the cut, and only complete clauses before it are kept. A snippet that
    starts mid-sentence keeps its first whole clause, after a coordinator or a clause break."""
    from rag.sentences import Sentence, complete_part

    part = complete_part(Sentence(0, len(snippet), snippet, 0))
    assert (part.text if part else None) == kept


@pytest.mark.parametrize(
    ("snippet", "kept"),
    [
        # the gap took "March 20,": "2020, seeing a delay" is no sentence of its own
        ("The game is a simulation released on ... 2020, seeing a delay from its planned 2019 date.", []),
        # after a cut, a whole clause after the head stays
        (
            "Kim was sworn in on ... 3, and Prime Minister Han met the new cabinet in Seoul.",
            ["Prime Minister Han met the new cabinet in Seoul."],
        ),
        # a sentence that ended before its mark is whole, and so is what follows it
        (
            "The film premiered in Venice. ... 2020 was a hard year for cinemas, the studio said.",
            ["The film premiered in Venice. ...", "2020 was a hard year for cinemas, the studio said."],
        ),
        # a snippet's date is no cut, and a figure that opens a whole clause opens a sentence
        (
            "Nov 16, 2020 ... 42 people died in the attack on the market, officials said. The police closed it.",
            ["42 people died in the attack on the market, officials said.", "The police closed it."],
        ),
        (
            "The vote was held on ... 12 parties won seats in the new parliament.",
            ["12 parties won seats in the new parliament."],
        ),
        # a capital after the gap opens a sentence
        (
            "The vote was held on ... The party won 40 seats in the new parliament.",
            ["The party won 40 seats in the new parliament."],
        ),
    ],
    ids=[
        "a year resumes a cut sentence",
        "a clause after the resumed head",
        "no cut",
        "a dateline is no cut",
        "a figure opens a clause",
        "a capital opens",
    ],
)
def test_text_that_goes_on_after_a_cut_is_no_sentence(snippet: str, kept: list[str]) -> None:
    """A snippet that leaves out the middle of a sentence ("released on ... 2020, seeing ...") goes on in what
    reads as another sentence; its head belongs to the cut one, and only whole clauses after it are kept."""
    from rag.sentences import complete_part, resumes_cut, split_sentences

    parts, previous = [], None
    for sentence in split_sentences(snippet):
        part = complete_part(sentence, resumes_cut(previous, sentence))
        previous = sentence
        parts += [part.text] if part else []
    assert parts == kept


def test_a_title_before_a_place_or_a_name_ends_no_sentence() -> None:
    from rag.sentences import split_sentences

    text = (
        "The notice is triggered by a failure to vote or to climb Mt. Everest, said the ruling. "
        "Pvt. Ana Lind lives on Harbour Ave. near the port."
    )
    assert [s.text for s in split_sentences(text)] == [
        "The notice is triggered by a failure to vote or to climb Mt. Everest, said the ruling.",
        "Pvt. Ana Lind lives on Harbour Ave. near the port.",
    ]


def test_a_page_field_and_its_date_are_one_sentence() -> None:
    """A shop page or infobox snippet ("Release date. March 20, 2020") gives a field and its value; the label
    ends with a colon, so the date is no fragment cut off after a sentence, and offsets hold."""
    from rag.sentences import Sentence, complete_part, split_sentences, with_fields_joined

    snippet = "Bundle (Game + DLC) ; ESRB rating. Comic Mischief ... Release date. December 1, 2017 ..."
    joined = with_fields_joined(snippet)
    assert len(joined) == len(snippet) and "Release date: December 1, 2017" in joined
    last = split_sentences(joined)[-1]
    part = complete_part(Sentence(last.start, last.end, last.text, 0))
    assert part is not None and part.text == "Release date: December 1, 2017"
    assert with_fields_joined("Born. 14 June 1946") == "Born: 14 June 1946"
    # a sentence before a date that goes on is left alone, and so is a date that is not whole
    for text in (
        "He left. June 5, 2019 was a Wednesday.",
        "Release date. March 2020 ...",
        "He resigned. March 3, 2020.",
    ):
        assert with_fields_joined(text) == text
