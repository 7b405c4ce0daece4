"""The chat's HTML: escaping, citation links, highlighted spans, refusals and conflicts (no model needed)."""

from __future__ import annotations

import json

from rag.service import ArticleInfo
from ui.render import (
    conversation_json,
    conversation_markdown,
    highlight_spans,
    linked_answer,
    render_answer,
    render_articles,
    render_chat,
    render_notice,
    render_pending,
    render_reader,
)

PASSAGE = (
    "Ukrainian intelligence has voiced concern. Brigadier General Dmitry Usov, secretary of the "
    "coordination headquarters, said at least 62 former troops now fight for Russia.\nThe source added more."
)


def answer(text: str, **extra: object) -> dict:
    citation = {
        "id": 1,
        "doc_id": "002_x",
        "title": "More Than a Thousand Ex-Ukrainian Soldiers Join Russian Forces",
        "outlet": "",
        "attributed_to": "TASS",
        "text": PASSAGE,
        "start": 0,
        "end": len(PASSAGE),
    }
    values = {
        "question": "who is Dmitry Usov?",
        "answer": text,
        "citations": [citation],
        "refused": False,
        "conflicts": [],
        "model": "llamacpp:test",
        "timings": {"total_s": 1.25},
        "standalone_question": "who is Dmitry Usov?",
    }
    return values | extra


def test_citations_link_to_their_source_and_unknown_numbers_stay_text() -> None:
    html = linked_answer(answer("Usov is a general [1]. Something else [3]."), turn=2)
    assert '<a class="rag-cite" href="#rag-t2-c1"' in html
    assert "[3]" in html and "#rag-t2-c3" not in html
    assert 'id="rag-t2-c1"' in render_answer(answer("Usov is a general [1]."), turn=2)


def test_highlight_picks_the_passage_sentence_sharing_most_words_with_the_citing_sentence() -> None:
    spans = highlight_spans(PASSAGE, "Dmitry Usov is secretary of the coordination headquarters [1].", 1)
    assert [PASSAGE[s:e] for s, e in spans] == [PASSAGE.split(". ", 1)[1].split("\n")[0]]
    assert highlight_spans(PASSAGE, "Nothing in common here [1].", 1) == []
    html = render_answer(answer("Dmitry Usov is secretary of the coordination headquarters [1]."), turn=0)
    assert "<mark>Brigadier General Dmitry Usov" in html


def test_everything_from_articles_and_the_model_is_escaped() -> None:
    evil = answer(
        'He said <script>alert(1)</script> [1] <img src=x onerror="x()">.',
        citations=[
            {
                "id": 1,
                "doc_id": "d",
                "title": "<b>bold</b>",
                "outlet": "<i>o</i>",
                "attributed_to": '"><svg onload=x()>',
                "text": "<script>window.__xss=1</script> text",
                "start": 0,
                "end": 10,
            }
        ],
    )
    html = render_answer(evil, turn=0) + render_pending("<script>draft</script>")
    html += "".join(m["content"] for m in render_chat([evil], ("<img src=x onerror=y()>", "")))
    row = ArticleInfo('d"><script>', "<img src=x onerror=z()>", "<script>", "", 1)
    html += render_articles([row], removable=True)
    html += render_reader('d"><svg>', "<b>t</b>", "<i>o</i>", "<script>x()</script> body", [(0, 8)], 0, True)
    html += render_notice("<img src=x onerror=n()>")
    for tag in ("<script", "<img", "<svg", "<b>", "<i>"):
        assert tag not in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert "&quot;&gt;&lt;svg onload=x()&gt;" in html


def test_refusals_look_different_and_conflicts_get_a_note() -> None:
    refused = render_answer(answer("The articles do not say.", refused=True, citations=[]), turn=0)
    assert 'class="rag-answer rag-refused"' in refused and "Not in the articles" in refused
    conflict = render_answer(
        answer("A says 5 [1]. B says 7 [2].", conflicts=[{"about": "the number of soldiers", "citations": [1, 2]}]),
        turn=0,
    )
    assert "Sources disagree" in conflict and "the number of soldiers" in conflict and "[1] and [2]" in conflict
    assert "rag-refused" not in conflict


def test_chat_messages_follow_the_turns_and_a_follow_up_shows_how_it_was_understood() -> None:
    first = answer("Usov is a general [1].")
    second = answer("He is a brigadier general [1].", question="what is his rank?")
    second["standalone_question"] = "What is Dmitry Usov's rank?"
    messages = render_chat([first, second], ("next?", render_pending()))
    assert [m["role"] for m in messages] == ["user", "assistant"] * 3
    assert "rag-t1-c1" in messages[3]["content"] and "rag-t0-c1" not in messages[3]["content"]
    assert "understood as “What is Dmitry Usov&#x27;s rank?”" in messages[3]["content"]
    assert "Searching the articles" in messages[5]["content"]


def test_an_answer_carries_its_markdown_for_copy_and_a_link_to_each_whole_article() -> None:
    html = render_answer(answer("Dmitry Usov is secretary of the coordination headquarters [1]."), turn=0)
    assert '<button type="button" class="rag-copy">Copy answer</button>' in html
    assert '<pre class="rag-md" hidden>**Q:** who is Dmitry Usov?' in html
    assert "Sources:\n1. More Than a Thousand" in html  # rag.answer.answer_markdown's numbered sources
    assert '<a class="rag-open" href="#rag-open/002_x/0">Read the whole article</a>' in html
    assert "llamacpp:test" not in html  # the model is named in the side panel's details only


def test_the_reader_marks_every_cited_passage_and_the_one_it_was_opened_at() -> None:
    text = "Headline\n\nFirst claim here. Second claim there. Third one."
    first, second = text.index("First"), text.index("Second")
    html = render_reader("d", "Headline", "", text, [(second, second + 20), (first, first + 17)], second, True)
    assert html.count("<mark") == 2
    assert '<mark id="rag-focus">Second claim there.' in html
    assert "2 passages cited in this conversation" in html and 'data-action="remove"' in html
    assert 'data-action="remove"' not in render_reader("d", "H", "", text, [], None, removable=False)


def test_exports_hold_the_answered_turns_only() -> None:
    turns = [
        answer("Usov is a general [1]."),
        {"question": "stopped?", "stopped": True},
        {"question": "x", "error": "e"},
    ]
    markdown = conversation_markdown(turns)
    assert markdown.startswith("# Conversation") and markdown.count("**Q:**") == 1
    assert [t["question"] for t in json.loads(conversation_json(turns))] == ["who is Dmitry Usov?"]
    messages = render_chat(turns)
    assert "Stopped" in messages[3]["content"] and "Error" in messages[5]["content"]
