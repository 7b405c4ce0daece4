"""The page in a real browser (Debian's chromium through Playwright) against the launched app and model."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest

from tests.ui.conftest import ROOT, save_screenshot

pytestmark = [pytest.mark.model, pytest.mark.browser]

USOV_ARTICLE = "More Than a Thousand Ex-Ukrainian Soldiers Join Russian Forces"
FINAL = "#rag-chat .rag-answer:not(.rag-pending)"
README_SCREENSHOT = ROOT / "docs" / "ui.png"


def ask(page, question: str) -> None:
    page.fill("#rag-question textarea", question)
    page.keyboard.press("Enter")


def test_a_question_streams_then_shows_the_cited_answer_and_its_sources(app_url: str, open_page) -> None:
    page = open_page(app_url)
    ask(page, "who is Dmitry Usov?")
    page.wait_for_selector("#rag-chat .rag-pending")  # the draft streams first ...
    answer = page.wait_for_selector(FINAL)  # ... and is replaced by the checked answer
    assert page.locator("#rag-chat .rag-pending").count() == 0
    text = answer.query_selector(".rag-text").inner_text()
    assert "Usov" in text and "[1]" in text

    sources = page.locator(f"{FINAL} details.rag-sources")
    assert sources.evaluate("el => el.open") is False  # collapsed until asked for
    page.locator(f"{FINAL} a.rag-cite", has_text="[1]").first.click()  # a citation opens its source
    assert sources.evaluate("el => el.open") is True
    source = page.locator("#rag-t0-c1")
    assert source.is_visible()
    assert USOV_ARTICLE in source.locator(".rag-title").inner_text()
    assert "attributed to" in source.locator(".rag-source-meta").inner_text()
    assert "Usov" in source.locator(".rag-passage mark").first.inner_text()

    # An example question the articles cannot answer: shown as a refusal, not as an answer.
    page.get_by_role("button", name="What is the capital of France?").click()
    page.click("#rag-ask")
    refusal = page.wait_for_selector("#rag-chat .rag-refused")
    assert "Not in the articles" in refusal.inner_text()
    assert page.locator("#rag-articles li").count() == 5
    assert "llamacpp:" in page.locator("#rag-status").inner_text()

    publish = README_SCREENSHOT if os.environ.get("RAG_UI_SCREENSHOT") or not README_SCREENSHOT.exists() else None
    page.wait_for_timeout(500)  # let the last scroll settle
    assert save_screenshot(page, "ui-answer.png", publish).stat().st_size > 10_000


def test_markup_in_articles_is_shown_as_text_and_never_runs(harbor_app: SimpleNamespace, open_page) -> None:
    page = open_page(harbor_app.url)
    assert '<img src=x onerror="window.__xss=3">' in page.locator("#rag-articles").inner_text()
    ask(page, "How much will the lighthouse restoration cost?")
    page.wait_for_selector(FINAL)
    page.locator(f"{FINAL} details.rag-sources > summary").click()
    sources = page.locator(f"{FINAL} .rag-sources").inner_text()
    # Passages are the sentences nearest the question: the cost sentence, with its <script>, shown as text.
    assert "<script>window.__xss=1</script>" in sources
    page.wait_for_timeout(1000)  # time for an injected onerror handler to have fired
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#rag-chat script, img[src='x']").count() == 0
    save_screenshot(page, "ui-xss.png")
