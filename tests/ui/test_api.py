"""The app's API through gradio_client over real HTTP on loopback, with the real model."""

from __future__ import annotations

import html
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.ui.conftest import ANSWER_TIMEOUT_S

pytestmark = pytest.mark.model

USOV_ARTICLE = "More Than a Thousand Ex-Ukrainian Soldiers Join Russian Forces"
# Questions with a word their answer must contain; the eight chats ask each twice.
CHATS = [
    ("who is Dmitry Usov?", "Usov"),
    ("How many Russian soldiers surrendered in Kursk?", "102"),
    ("How many combat units do the former Ukrainian servicemen serve in?", "four"),
    ("Why do former Ukrainian soldiers join Russian forces?", "ideology"),
]


def client(url: str):
    from gradio_client import Client

    return Client(url, verbose=False)


def text_of(fragment: str) -> str:
    """The visible text of an HTML fragment (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def message_html(message: dict) -> str:
    content = message["content"]
    return content if isinstance(content, str) else "".join(part.get("text", "") for part in content)


def answer_text(message: dict) -> str:
    """The text of the answer paragraph of a rendered assistant message."""
    match = re.search(r'<div class="rag-text">(.*?)</div>', message_html(message), re.DOTALL)
    assert match, message_html(message)[:500]
    return text_of(match.group(1))


def test_ask_answers_with_citations_and_understands_a_follow_up(app_url: str) -> None:
    api = client(app_url)
    first = api.predict("who is Dmitry Usov?", [], api_name="/ask")
    assert not first["refused"]
    assert "[1]" in first["answer"] and "Usov" in first["answer"]
    assert first["citations"][0]["title"] == USOV_ARTICLE
    assert "Usov" in first["citations"][0]["text"]

    follow_up = api.predict("what is his rank?", [[first["question"], first["answer"]]], api_name="/ask")
    assert "Usov" in follow_up["standalone_question"]
    assert not follow_up["refused"] and follow_up["citations"], follow_up
    assert "[1]" in follow_up["answer"]
    assert "general" in follow_up["answer"].lower()


def test_ask_rejects_an_empty_question(app_url: str) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="empty"):
        client(app_url).predict("   ", [], api_name="/ask")


def test_chat_streams_a_draft_then_shows_exactly_the_checked_answer_with_sources(app_url: str) -> None:
    api = client(app_url)
    job = api.submit("who is Dmitry Usov?", api_name="/chat")
    messages, final = job.result(timeout=ANSWER_TIMEOUT_S)
    assert any("rag-pending" in message_html(out[0][-1]) for out in job.outputs()[:-1]), "no draft was streamed"
    assert [m["role"] for m in messages] == ["user", "assistant"]
    shown = messages[1]
    assert answer_text(shown) == final["answer"]  # the guarded answer, not the raw draft
    assert "rag-pending" not in message_html(shown)
    assert '<a class="rag-cite" href="#rag-t0-c1"' in message_html(shown)
    sources = message_html(shown).split('<details class="rag-sources">', 1)[1]
    assert USOV_ARTICLE in sources and "<mark>" in sources

    # A follow-up in the same session: the conversation is kept, and the new turn has its own sources.
    messages, second = api.submit("what is his rank?", api_name="/chat").result(timeout=ANSWER_TIMEOUT_S)
    assert len(messages) == 4
    assert "Usov" in second["standalone_question"]
    assert answer_text(messages[3]) == second["answer"]
    assert second["citations"] and 'id="rag-t1-c1"' in message_html(messages[3])
    assert "rag-t0-" not in message_html(messages[3])
    assert answer_text(messages[1]) == final["answer"]  # the earlier turn is unchanged


def test_reindex_reports_an_up_to_date_index(app_url: str) -> None:
    articles, summary, details = client(app_url).predict(api_name="/reindex")
    assert articles.count("<li>") == 5 and USOV_ARTICLE in articles
    assert "5 articles" in summary and "Up to date with the articles folder" in summary
    assert "0 added, 0 updated, 0 removed, 5 unchanged" in details


def test_eight_simultaneous_chats_are_all_answered_and_cited(app_url: str) -> None:
    questions = CHATS * 2

    def chat(question: str) -> dict:
        messages, final = client(app_url).submit(question, api_name="/chat").result(timeout=ANSWER_TIMEOUT_S * 2)
        assert answer_text(messages[-1]) == final["answer"]
        return final

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(questions)) as pool:
        results = list(pool.map(chat, [q for q, _ in questions]))
    elapsed = time.perf_counter() - started

    for (question, expected), final in zip(questions, results, strict=True):
        assert final["question"] == question
        assert not final["refused"], final
        assert final["citations"] and "[1]" in final["answer"], final
        assert expected.lower() in final["answer"].lower(), final
    # Gradio's queue ran the chats one at a time: no answer's own time overlapped another's (had they run
    # side by side, each would also count the time spent waiting for the model, and the sum would exceed
    # the wall time).
    busy = sum(final["timings"]["total_s"] for final in results)
    assert busy <= elapsed + 1.0, f"answers overlapped: {busy:.1f} s of answering in {elapsed:.1f} s"


def test_reindex_picks_up_a_new_article_and_answers_from_it(harbor_app) -> None:
    (harbor_app.seeds / "ferry.txt").write_text(
        "Harbor Daily News\nNew ferry for Harbor\n\n"
        "A new electric ferry will start running between Harbor and the island of Skarvik in May, "
        "the ferry company said on Monday.\n",
        encoding="utf-8",
    )
    api = client(harbor_app.url)
    articles, summary, details = api.predict(api_name="/reindex")
    assert "New ferry for Harbor" in articles and "2 articles" in summary
    assert "1 added, 0 updated, 0 removed, 1 unchanged" in details
    answer = api.predict("When will the electric ferry to Skarvik start running?", [], api_name="/ask")
    assert not answer["refused"] and answer["citations"][0]["title"] == "New ferry for Harbor", answer
