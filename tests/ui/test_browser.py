"""The page in a real browser (Debian's chromium through Playwright) against the launched app and model.

The tests named after a bug of issue #14 failed on the code before its fix (ui/ and rag/chain.py at 1b07b58).
With RAG_UI_SCREENSHOT=1 they also refresh the screenshots in docs/ (missing ones are always written).
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from playwright.sync_api import expect

from tests.ui.conftest import ROOT, save_screenshot

pytestmark = [pytest.mark.model, pytest.mark.browser]

USOV_ARTICLE = "More Than a Thousand Ex-Ukrainian Soldiers Join Russian Forces"
FINAL = "#rag-chat .rag-answer:not(.rag-pending):not(.rag-stopped)"
STREAMING = "#rag-chat .rag-caret"  # the draft is streaming
LONG_ANSWER = "Why do former Ukrainian soldiers join Russian forces?"  # an answer that streams for seconds
BUSY = "An answer is still coming"
CONTRAST_JS = (Path(__file__).parent / "contrast.js").read_text(encoding="utf-8")
FERRY_TITLE = "New ferry for Harbor"
FERRY = (
    f"Harbor Daily News\n{FERRY_TITLE}\n\n"
    "A new electric ferry will start running between Harbor and the island of Skarvik in May, "
    "the ferry company said on Monday.\nTickets will cost four euros, the company added.\n"
)


def ask(page, question: str) -> None:
    page.fill("#rag-question textarea", question)
    page.keyboard.press("Enter")


def publish(name: str) -> Path | None:
    """Where a screenshot goes in docs/, when it is to be refreshed or is missing."""
    path = ROOT / "docs" / name
    return path if os.environ.get("RAG_UI_SCREENSHOT") or not path.exists() else None


def model_freed_within(model_chain, seconds: float) -> bool:
    """Is the model's lock free (no generation running) within ``seconds``?"""
    if not model_chain.model.lock.acquire(timeout=seconds):
        return False
    model_chain.model.lock.release()
    return True


def test_a_question_streams_then_shows_the_cited_answer_sources_copy_and_exports(app_url: str, open_page) -> None:
    page = open_page(app_url)
    page.get_by_role("button", name="who is Dmitry Usov?").click()  # an example from the empty chat
    # The example reaches the box by a round trip to the server: wait for it, as a user does.
    expect(page.locator("#rag-question textarea")).to_have_value("who is Dmitry Usov?", timeout=30_000)
    page.click("#rag-ask")
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

    # Copy: the answer with its numbered sources, as Markdown.
    page.locator(f"{FINAL} button.rag-copy").click()
    page.wait_for_selector(f"{FINAL} button.rag-copy:text('Copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("**Q:** who is Dmitry Usov?") and f"Sources:\n1. {USOV_ARTICLE}" in copied

    # Exports of the whole conversation.
    with page.expect_download() as markdown:
        page.get_by_role("button", name="Export the chat (Markdown)").click()
    exported = Path(markdown.value.path()).read_text(encoding="utf-8")
    assert exported.startswith("# Conversation") and copied in exported
    with page.expect_download() as data:
        page.get_by_role("button", name="Export the chat (JSON)").click()
    [turn] = json.loads(Path(data.value.path()).read_text(encoding="utf-8"))
    assert turn["question"] == "who is Dmitry Usov?" and turn["citations"][0]["title"] == USOV_ARTICLE

    # Plain words; the model is named in the Details panel only.
    assert "chunk" not in page.locator("body").inner_text().lower()
    assert "llamacpp" not in page.locator("#rag-chat").inner_text()
    page.get_by_text("Details").click()
    assert "llamacpp:" in page.locator("#rag-status").inner_text()
    save_screenshot(page, "ui-answer.png")


def test_bug1_a_refused_question_does_not_rewrite_the_next_one(app_url: str, open_page) -> None:
    page = open_page(app_url)
    page.click("#rag-new")
    ask(page, "What is the capital of France?")
    page.wait_for_selector("#rag-chat .rag-refused")
    ask(page, "Why is Putin panicking?")
    answer = page.locator(FINAL).nth(1)
    answer.wait_for()
    assert "rag-refused" not in answer.get_attribute("class"), answer.inner_text()
    assert "Putin" in answer.locator(".rag-text").inner_text()
    assert "understood as" not in answer.inner_text()  # it stands alone: searched for as asked


def test_bug2_text_typed_while_an_answer_streams_stays_and_enter_says_why(app_url: str, open_page) -> None:
    page = open_page(app_url)
    ask(page, LONG_ANSWER)
    page.wait_for_selector(STREAMING)
    box = page.locator("#rag-question textarea")
    box.fill("what do they fear?")
    box.press("Enter")  # while the answer streams
    page.wait_for_selector(FINAL)
    page.wait_for_timeout(500)
    assert box.input_value() == "what do they fear?"
    assert page.locator("#rag-chat .rag-answer").count() == 1  # Enter did not send it behind the user's back
    assert BUSY in page.locator("#rag-notice").inner_text()  # and said why


def test_bug3_new_chat_while_an_answer_streams_stops_it_and_starts_over(app_url: str, open_page, model_chain) -> None:
    page = open_page(app_url)
    ask(page, LONG_ANSWER)
    page.wait_for_selector(STREAMING)
    page.click("#rag-new")
    page.wait_for_selector("#rag-chat .rag-answer", state="detached", timeout=5000)
    assert model_freed_within(model_chain, 5)  # llama.cpp stopped generating
    page.wait_for_timeout(1000)
    assert page.locator("#rag-chat .rag-answer").count() == 0  # the stopped answer never comes back
    assert page.get_by_role("button", name="who is Dmitry Usov?").is_visible()  # the empty chat's examples
    ask(page, "What is the capital of France?")
    page.wait_for_selector("#rag-chat .rag-refused")
    assert page.locator("#rag-chat .rag-answer").count() == 1


def test_stop_ends_the_generation_and_discards_the_draft(
    app_url: str, open_page, model_chain, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="ui.app")
    page = open_page(app_url)
    ask(page, LONG_ANSWER)
    page.wait_for_selector(STREAMING)
    page.click("#rag-stop")
    stopped = page.wait_for_selector("#rag-chat .rag-stopped", timeout=5000)
    assert "draft was discarded" in stopped.inner_text()
    assert page.locator("#rag-chat .rag-pending").count() == 0
    started = time.monotonic()
    assert model_freed_within(model_chain, 5)
    log_lines = [r.getMessage() for r in caplog.records]
    assert f"stopped answering {LONG_ANSWER!r}" in log_lines, log_lines  # ended mid-generation, not finished
    # The next question does not wait for the stopped one.
    ask(page, "who is Dmitry Usov?")
    page.wait_for_selector(FINAL)
    assert time.monotonic() - started < 120
    assert page.locator("#rag-chat .rag-stopped").count() == 1


def contrast_failures(page) -> list[dict]:
    result = page.evaluate(CONTRAST_JS)
    assert result["checked"] > 30
    return result["failures"]


def test_bug4_every_text_meets_wcag_aa_contrast_in_dark_and_light(app_url: str, open_page) -> None:
    page = open_page(app_url, color_scheme="dark")  # the OS's dark mode: Gradio follows it
    assert page.evaluate("document.body.classList.contains('dark')")
    ask(page, "What is the capital of France?")  # a refusal, with its badge
    page.wait_for_selector("#rag-chat .rag-refused")
    ask(page, "who is Dmitry Usov?")
    page.wait_for_selector(FINAL)
    page.locator(f"{FINAL} details.rag-sources > summary").click()  # the passage with its cited sentence marked
    page.wait_for_timeout(500)
    assert page.locator("#rag-chat .rag-passage mark").count() >= 1
    assert (failures := contrast_failures(page)) == [], failures
    page.locator(f"{FINAL} a.rag-open").first.click()  # the whole article, the cited passage marked
    page.wait_for_selector(".rag-reader mark")
    page.get_by_text("Details").click()
    page.wait_for_timeout(500)
    assert (failures := contrast_failures(page)) == [], failures
    save_screenshot(page, "ui-dark-1400.png", publish("ui-dark-1400.png"))
    page.evaluate("document.body.classList.remove('dark')")
    page.wait_for_timeout(500)  # colour transitions end
    assert (failures := contrast_failures(page)) == [], failures
    save_screenshot(page, "ui-light-1400.png", publish("ui-light-1400.png"))


def test_bug5_a_too_long_question_is_kept_and_the_reason_shown(app_url: str, open_page) -> None:
    page = open_page(app_url)
    question = ("Why " + "exactly " * 700)[:4999] + "?"
    box = page.locator("#rag-question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_timeout(500)
    assert box.input_value() == question  # nothing was cut
    page.wait_for_selector("#rag-notice:has-text('too long (5,000 characters; at most 2,000)')")
    assert page.locator("#rag-chat .rag-answer").count() == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_bug6_a_phone_opens_at_the_title_with_the_examples_in_view(app_url: str, open_page, scheme: str) -> None:
    page = open_page(app_url, width=390, height=844, color_scheme=scheme)
    page.wait_for_timeout(1000)  # anything that would scroll or focus has happened
    assert page.evaluate("window.scrollY") == 0
    assert page.locator("h1").bounding_box()["y"] >= 0
    for example in ("who is Dmitry Usov?", "What is the capital of France?"):
        box = page.get_by_role("button", name=example).bounding_box()
        assert box["y"] + box["height"] <= 844, f"{example!r} is below the fold"
    assert (failures := contrast_failures(page)) == [], failures
    save_screenshot(page, f"ui-{scheme}-390.png", publish(f"ui-{scheme}-390.png"))


def test_bug7_chat_messages_and_the_question_box_have_plain_accessible_names(app_url: str, open_page) -> None:
    page = open_page(app_url)
    assert page.get_by_role("textbox", name="Your question").count() == 1
    ask(page, "What is the capital of France?")
    page.wait_for_selector("#rag-chat .rag-refused")
    page.wait_for_timeout(500)
    labels = page.eval_on_selector_all("#rag-chat [aria-label]", "els => els.map(e => e.getAttribute('aria-label'))")
    assert "Question: What is the capital of France?" in labels
    assert any(label.startswith("Answer: The articles do not say") for label in labels), labels
    assert not [label for label in labels if "<" in label]


def test_upload_ask_open_the_article_remove_it_and_it_is_no_longer_cited(
    collection_app: SimpleNamespace, open_page
) -> None:
    page = open_page(collection_app.url)
    duplicate = next(collection_app.seeds.glob("*.txt"))
    page.set_input_files(
        "#rag-upload input[type=file]",
        files=[
            {"name": "Ferry <news> & more.txt", "mimeType": "text/plain", "buffer": FERRY.encode()},
            {"name": "copy.txt", "mimeType": "text/plain", "buffer": duplicate.read_bytes()},
        ],
    )
    notice = page.locator("#rag-notice")
    page.wait_for_selector("#rag-notice:has-text('Added 1 file')")
    assert f"Not added: copy.txt (duplicate of {duplicate.stem})" in notice.inner_text()
    assert not (collection_app.seeds / "copy.txt").exists()
    assert FERRY_TITLE in page.locator("#rag-articles").inner_text()
    assert (collection_app.seeds / "Ferry_news_more.txt").read_text(encoding="utf-8") == FERRY  # a safe name

    ask(page, "When will the electric ferry to Skarvik start running?")
    answer = page.locator(FINAL).first
    answer.wait_for()
    source = answer.locator(".rag-source", has_text=FERRY_TITLE)
    assert source.count() == 1, answer.inner_text()
    answer.locator("details.rag-sources > summary").click()
    source.locator("a.rag-open").click()  # "Read the whole article"
    reader = page.locator(".rag-reader")
    reader.wait_for()
    assert "Tickets will cost four euros" in reader.inner_text()  # the whole article, not the passage
    assert "Skarvik" in reader.locator("mark#rag-focus").inner_text()  # the cited passage, scrolled to

    reader.get_by_role("button", name="Remove this article…").click()
    page.wait_for_selector("#rag-confirm:has-text('New ferry for Harbor')")
    page.click("#rag-confirm-remove")
    page.wait_for_selector(f"#rag-notice:has-text('Removed “{FERRY_TITLE}”')")
    assert FERRY_TITLE not in page.locator("#rag-articles").inner_text()
    assert not (collection_app.seeds / "Ferry_news_more.txt").exists()
    assert page.locator(".rag-reader").count() == 0

    ask(page, "When will the electric ferry to Skarvik start running?")
    again = page.locator("#rag-chat .rag-answer:not(.rag-pending)").nth(1)
    again.wait_for()
    assert FERRY_TITLE not in again.inner_text()


def test_read_only_offers_no_upload_or_removal_and_the_server_refuses_them(
    read_only_app: SimpleNamespace, open_page
) -> None:
    import gradio as gr

    page = open_page(read_only_app.url)
    assert not page.locator("#rag-upload").is_visible()
    assert page.get_by_role("button", name=re.compile("^Remove")).count() == 0
    page.locator(".rag-article-title").first.click()  # articles still open
    page.wait_for_selector(".rag-reader")
    assert page.locator(".rag-reader .rag-remove").count() == 0
    service = read_only_app.service
    assert not {service.add, service.remove} & {fn.fn for fn in read_only_app.demo.fns.values()}  # no events
    with pytest.raises(gr.Error, match="read-only"):
        service.add([str(read_only_app.seeds / "harbor.txt")])
    with pytest.raises(gr.Error, match="read-only"):
        service.remove("harbor")
    assert (read_only_app.seeds / "harbor.txt").exists()
    # Gradio serves neither the articles folder nor anything else outside its own folders.
    for path in (read_only_app.seeds / "harbor.txt", Path("/etc/passwd")):
        assert httpx.get(f"{read_only_app.url}gradio_api/file={path}").status_code == 403
    big = httpx.post(f"{read_only_app.url}gradio_api/upload", files={"files": ("big.txt", b"x" * (6 << 20))})
    assert big.status_code == 413


def test_markup_in_articles_is_shown_as_text_and_never_runs(harbor_app: SimpleNamespace, open_page) -> None:
    page = open_page(harbor_app.url)
    assert '<img src=x onerror="window.__xss=3">' in page.locator("#rag-articles").inner_text()
    ask(page, "How much will the lighthouse restoration cost?")
    page.wait_for_selector(FINAL)
    page.locator(f"{FINAL} details.rag-sources > summary").click()
    sources = page.locator(f"{FINAL} .rag-sources").inner_text()
    # Passages are the sentences nearest the question: the cost sentence, with its <script>, shown as text.
    assert "<script>window.__xss=1</script>" in sources
    page.locator(f"{FINAL} a.rag-open").first.click()  # the whole article, shown as text too
    page.wait_for_selector(".rag-reader")
    assert 'onerror="window.__xss=2"' in page.locator(".rag-reader").inner_text()
    page.wait_for_timeout(1000)  # time for an injected onerror handler to have fired
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#rag-chat script, .rag-reader script, img[src='x']").count() == 0
    save_screenshot(page, "ui-xss.png")
