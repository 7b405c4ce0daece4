"""The answer policy on scripted drafts over real seed passages (no model involved)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from pathlib import Path

from llama_index.core.schema import TextNode

from rag import nlp
from rag.attribution import detect, frames_for_span
from rag.ingest.article import Article
from rag.ingest.chunking import chunk_article
from rag.lexical import normalize_numbers
from rag.passages import Passage
from rag.policy import AnswerPolicy, Draft
from rag.policy.answers import (
    Role,
    about,
    asked_role,
    same_value,
    states_relation,
    states_role,
    typed_spans,
    value_key,
    values,
)
from rag.policy.asked import figures_only_as_goals, gives_type, speaks, tells
from rag.policy.attribution import bare_claim, speaker_is_subject, without_restated_frame
from rag.policy.conflicts import find_conflicts, value_conflict
from rag.policy.draft import clean_sentence, reads_as_sentence
from rag.policy.markers import parse_draft
from rag.policy.refusal import UnrealisedEvent
from rag.policy.support import only_expected, support
from rag.policy.verdict import split_question
from rag.question import Constraint, analyse, speaks_for
from rag.sentences import announces_next, quotation_start, split_sentences, with_quotes_balanced
from tests.conftest import seed_text


def passage(number: int, article: str, opening: str, sentences: int = 1, similarity: float = 0.7) -> Passage:
    """A passage of ``sentences`` sentences of a seed article, starting at the sentence that opens with ``opening``."""
    text = seed_text(article)
    all_sentences = split_sentences(text)
    first = next(i for i, s in enumerate(all_sentences) if s.text.startswith(opening))
    chosen = all_sentences[first : first + sentences]
    start, end = chosen[0].start, chosen[-1].end
    return Passage(
        number=number,
        node_id=f"{article}#{first}",
        doc_id=article,
        title=f"Article {article}",
        outlet="",
        label=f"Article {article}",
        text=text[start:end],
        start=start,
        end=end,
        similarity=similarity,
        frames=frames_for_span(detect(text), start, end),
    )


def chunk_node(doc_id: str, text: str) -> TextNode:
    """A made-up one-chunk article, stored with its attribution frames as the index stores them."""
    frames = json.dumps([f.to_dict() for f in detect(text)])
    return TextNode(id_=f"{doc_id}#0", text=text, start_char_idx=0, end_char_idx=len(text), metadata={"frames": frames})


class _Capitalised:
    """Every word but a few common ones counts as a proper noun (so it is never lower-cased)."""

    def __contains__(self, word: object) -> bool:
        return word not in {"over", "the", "more", "many", "former", "this"}


class Words:
    vocabulary: dict[str, int] = {}  # noqa: RUF012
    initialisms: frozenset[str] = frozenset()
    proper_nouns = _Capitalised()


class PlainWords:
    """A corpus where no word is known as a proper noun: casing is read from the sentence alone."""

    vocabulary: dict[str, int] = {}  # noqa: RUF012
    initialisms: frozenset[str] = frozenset()
    proper_nouns: frozenset[str] = frozenset()


# The question rules that look at the passages only (relevance and names need a real index).
POLICY = AnswerPolicy(question_rules=[UnrealisedEvent()])


def guard(question: str, passages: list[Passage], raw: str) -> Draft:
    """The policy's answer to ``question`` when the model replied ``raw``."""
    draft = Draft(question=question, passages=passages, words=Words(), best_similarity=1.0)
    POLICY.check_question(draft)
    if not draft.refused:
        draft.raw = raw
        POLICY.check_draft(draft)
    return draft


def sentences_of(answer: str) -> list[str]:
    return [s.text for s in split_sentences(answer)]


USOV = passage(1, "002", "According to one of the sources", sentences=2)
TASS_1000 = passage(2, "002", "Former Ukrainian servicemen who decided", sentences=2)
MID_62 = passage(3, "001", "The Main Intelligence Directorate of Russia")
KURSK = passage(4, "003", "While capturing soldiers")
PASSAGES = [USOV, TASS_1000, MID_62, KURSK]


def test_marker_forms_are_read_and_invalid_ids_dropped() -> None:
    drafts, refused = parse_draft(
        "Usov is a brigadier general [Source 1]. He is secretary of a headquarters [1, 3]. "
        "According to Source 2, units exist. Ukraine seized 102 soldiers (passage 4). Something else [9].",
        passage_count=4,
    )
    assert not refused
    assert [d.cites for d in drafts] == [[1], [1, 3], [2], [4], []]
    assert drafts[2].text == "Units exist."


def test_an_aside_s_closing_bracket_does_not_end_the_sentence_it_opens_elsewhere() -> None:
    assert clean_sentence("The book has sold 235,000 copies, according to the Harbour Post.)") == (
        "The book has sold 235,000 copies, according to the Harbour Post."
    )
    assert (
        clean_sentence("The book (a memoir) has sold 235,000 copies.") == "The book (a memoir) has sold 235,000 copies."
    )


def test_a_pronoun_that_tells_what_the_speaker_did_gets_their_name_not_an_according_to() -> None:
    """ "She declined to weigh in ..., only saying that she hoped ..." is the writer's account of what Roe did,
    with her words in a clause: "According to Mayor Ada Roe, she declined ..." would credit it to her. The
    pronoun takes her name; "She said ..." is still framed."""
    text = (
        "Mayor Ada Roe spoke in Boston on Monday about the harbour. She declined to weigh in, however, only "
        "saying that she hoped the shipping firms and the council could come together and find a solution."
    )
    declined = text.split(". ", 1)[1]
    answer = guard("What did Ada Roe say about the port?", [made_up(1, "a", text)], f"{declined} [1]")
    assert answer.answer.startswith("Ada Roe declined to weigh in"), answer.answer
    # a pronoun the detector resolved to an outlet keeps the frame: an outlet does not decline
    text = "Mayor Ada Roe spoke, according to the Harbour Post. She declined to name a date, saying the port is shut."
    declined = text.split(". ", 1)[1]
    answer = guard("What did Ada Roe say about the port?", [made_up(1, "a", text)], f"{declined} [1]")
    assert not answer.answer.startswith("Harbour Post") and not answer.answer.startswith("the Harbour Post")
    said = "Mayor Ada Roe spoke in Boston on Monday. She said the council would find a solution."
    answer = guard("What did Ada Roe say?", [made_up(1, "a", said)], "She said the council would find a solution [1].")
    assert "According to Mayor Ada Roe, the council would find a solution [1]." in answer.answer, answer.answer


def test_a_frame_whose_source_was_a_marker_leaves_no_trace() -> None:
    """ "Yes, according to [1], X" is "Yes, X" (then the verdict is the policy's to give): never "According
    to, X", a garbled sentence."""
    raws = {
        "Yes, according to [1], the port removed the mayor.": "Yes, the port removed the mayor.",
        "The mayor was removed, according to [1].": "The mayor was removed.",
        "The mayor was removed, per [1], in November.": "The mayor was removed in November.",
        "The mayor, according to [1], was removed.": "The mayor was removed.",
        "According to [1] the mayor was removed.": "The mayor was removed.",
        "No, according to [1]: the mayor stayed.": "No, the mayor stayed.",
        "Inflation rose 3 per cent [1].": "Inflation rose 3 per cent.",
        "According to the Harbour Post [1], units exist.": "According to the Harbour Post, units exist.",
    }
    for raw, text in raws.items():
        assert [d.text for d in parse_draft(raw, passage_count=1)[0]] == [text]


def test_every_sentence_ends_with_standalone_renumbered_citations() -> None:
    raw = (
        "102 soldiers were seized in one go during the invasion of Kursk [4]. "
        "Brigadier General Dmitry Usov serves as secretary of Kyiv’s coordination headquarters on "
        "prisoner-of-war affairs [1, 2]"
    )
    result = guard("What do the articles report?", PASSAGES, raw)
    assert not result.refused
    for sentence in sentences_of(result.answer):
        assert re.search(r"(\[\d+\])+[.!?]?$", sentence), sentence
    assert "[1, 2]" not in result.answer
    ids = [int(n) for n in re.findall(r"\[(\d+)\]", result.answer)]
    assert ids[0] == 1 and sorted(set(ids)) == list(range(1, len(result.citations) + 1))
    # KURSK was cited first, so it became [1]; the Usov sentence cites only the passage that supports it.
    assert result.citations[0].doc_id == "003"
    assert result.citations[1].doc_id == "002" and len(result.citations) == 2


def test_wrong_citation_moves_to_the_supporting_passage() -> None:
    raw = "Ukraine identified at least 62 former Ukrainian troops who are now fighting for Russia [4]."
    result = guard("How many troops did Ukraine identify?", PASSAGES, raw)
    assert next(c.doc_id for c in result.citations) == "002"
    assert "[1]" in result.answer


def test_unsupported_sentence_is_removed_or_replaced_by_the_passage() -> None:
    raw = (
        "Brigadier General Dmitry Usov serves as secretary of Kyiv’s coordination headquarters [1]. "
        "Usov was born in Odesa in 1975 and studied law in Paris [1]. "
        "The soldiers were captured on Wednesday, August 14, in a group of 500 [4]."
    )
    result = guard("What do the articles report?", PASSAGES, raw)
    assert "Odesa" not in result.answer and "Paris" not in result.answer
    assert "500" not in result.answer
    # The sentence with the wrong number was replaced by what the passage says.
    assert "102 soldiers" in result.answer
    assert any("Odesa" in d.sentence for d in result.decisions if d.action == "removed")


def test_dropped_attribution_is_restored_from_the_frame() -> None:
    raw = "Former Ukrainian servicemen are deployed across four combat units, exceeding one thousand fighters [2]."
    result = guard("How many former Ukrainian soldiers fight for Russia?", PASSAGES, raw)
    assert result.answer.startswith("According to TASS, citing sources within Russian security structures, ")
    assert result.answer.endswith("[1].")


def test_vague_attribution_is_replaced_and_kept_attribution_left_alone() -> None:
    vague = (
        "According to the articles, over 1,000 former Ukrainian servicemen are deployed across four combat units [2]."
    )
    result = guard("How many?", PASSAGES, vague)
    assert "the articles" not in result.answer
    assert "According to TASS" in result.answer

    kept = (
        "Sources within Russian security structures told TASS that former Ukrainian servicemen are deployed "
        "across four combat units [2]."
    )
    result = guard("How many?", PASSAGES, kept)
    assert result.answer == kept.replace("[2]", "[1]")


def test_invented_attribution_is_replaced_by_the_passage_sentence() -> None:
    raw = "According to Zelenskyy, Ukraine seized a large group of 102 soldiers in one go on Wednesday [4]."
    result = guard("How many soldiers were seized?", PASSAGES, raw)
    assert "Zelenskyy" not in result.answer
    assert "Ukrainian authorities revealed" in result.answer


def test_an_article_reading_minds_in_its_own_voice_is_named_as_the_source() -> None:
    panic = passage(1, "003", "Russian President Vladimir Putin is panicking")
    raw = "Putin is panicking after the recent surrender of at least 100 Russian soldiers [1]."
    result = guard("Why is Putin panicking?", [panic], raw)
    assert result.answer.startswith("According to the article, Putin is panicking")

    neutral = "At least 100 Russian soldiers surrendered recently [1]."
    assert guard("How many surrendered?", [panic], neutral).answer == neutral


def test_a_question_taking_as_done_what_the_passages_only_order_is_refused() -> None:
    order = passage(1, "000", "In a recent order, Putin instructed")
    raw = "Gerasimov reported on the progress of creating conditions for surrender [1]."
    result = guard("What did Gerasimov report back to Putin?", [order], raw)
    assert result.refused

    asked = guard("What did Putin instruct Gerasimov to do?", [order], order.text + " [1]")
    assert not asked.refused and "report on the progress" in asked.answer


def test_a_distorted_draft_over_weak_passages_gives_way_to_the_sentence_it_drew_on() -> None:
    ideology = passage(1, "002", "Ideology, he said, was the primary factor", similarity=0.45)
    raw = "Ideology was the primary factor, and the prisoners wanted revenge on Kyiv [1]."
    result = guard("Why did they switch sides?", [ideology], raw)
    assert not result.refused
    assert "Great Patriotic War" in result.answer and "revenge" not in result.answer


def test_negation_flip_is_not_supported() -> None:
    raw = "Ukrainian authorities did not seize a large group of 102 soldiers [4]."
    result = guard("Did Ukraine seize soldiers?", PASSAGES, raw)
    assert "did not seize" not in result.answer


def test_disagreement_between_articles_is_flagged_and_both_cited() -> None:
    raw = "Ukraine has identified at least 62 former Ukrainian troops who are now fighting for Russia [1]."
    result = guard("Who identified the 62 former Ukrainian troops?", PASSAGES, raw)
    assert len(result.found_conflicts) == 1
    conflict = result.found_conflicts[0]
    assert "62" in conflict.about and "identified" in conflict.about
    cited_docs = {result.citations[i - 1].doc_id for i in conflict.citations}
    assert cited_docs == {"001", "002"}
    assert "The articles disagree" in result.answer
    assert "Main Intelligence Directorate" in result.answer and "Usov" in result.answer


def test_refusal_when_nothing_is_supported_and_passages_are_weak() -> None:
    weak = [passage(1, "000", "This development raises questions", similarity=0.3)]
    result = guard("Who won the 2018 World Cup?", weak, "France won the 2018 World Cup [1].")
    assert result.refused
    assert result.answer.startswith("The articles do not say")
    assert result.citations == []


def test_model_refusal_with_strong_passages_falls_back_to_the_passages() -> None:
    result = guard("How many soldiers did Ukraine seize in Kursk?", [KURSK], "The articles do not say.")
    assert not result.refused
    assert "102" in result.answer and result.answer.endswith("[1].")


def test_a_headline_s_division_does_not_hold_for_a_sentence_that_names_the_other() -> None:
    """Under "2021 Harbour Open: women's singles final", "Ana Lind won the title" is of the women's singles;
    "Ivo Brandt won the men's title" is not, whatever the headline says."""
    question = analyse("Who won the women's singles at the 2021 Harbour Open?")
    headline = "2021 Harbour Open: women's singles final"
    assert about("Ana Lind won the title on Sunday.", question, headline=headline)
    assert not about("Ivo Brandt won the men's title on Sunday.", question, headline=headline)


def test_the_fallback_answers_a_who_question_with_a_passage_that_names_someone() -> None:
    """The nearest passage is a page's watch list, no sentence; the next one names the winner."""
    watch = replace(made_up(1, "a", "Harbour Cup 2019 Player of Year Watch — Semifinalists"), similarity=0.9)
    named = replace(made_up(2, "b", "Mira Holm wins the 2019 Harbour Cup."), similarity=0.75)
    result = guard("Who is the 2019 Harbour Cup winner?", [watch, named], "Harbour Cup, Mira Holm, Oslo.")
    assert result.answer == "Mira Holm wins the 2019 Harbour Cup [1]."


def test_numbers_are_normalised_for_support() -> None:
    assert normalize_numbers("over one thousand and a hundred, 1,000 and 62") == "over 1000 and 100, 1000 and 62"
    assert support("more than 1,000 fighters", "exceeding one thousand fighters") == 1.0
    assert support("more than 2,000 fighters", "exceeding one thousand fighters") == 0.0


UNITS = passage(5, "002", "The security representative emphasized")
ORDER = passage(6, "001", "In a recent directive, he has ordered")


def test_words_taken_from_the_question_must_be_in_the_passage() -> None:
    raw = "Brigadier General Dmitry Usov is the commander of the four combat units [1]."
    result = guard("Who commands the four combat units of former Ukrainian soldiers?", [USOV, UNITS], raw)
    assert "commander" not in result.answer


def test_an_expected_event_is_not_told_as_done() -> None:
    raw = "Gerasimov reported on the progress of a critical task [6]."
    result = guard("What did Gerasimov report back?", [ORDER], raw)
    assert "Gerasimov reported" not in result.answer


def test_how_many_question_without_a_number_is_refused() -> None:
    weak = passage(1, "004", "This divergence in attitudes", similarity=0.4)
    raw = "Prisoner exchanges have become a contentious and often stalled aspect of the conflict [1]."
    result = guard("How many prisoners were exchanged in the most recent swap?", [weak], raw)
    assert result.refused


def test_a_when_clause_is_not_a_date_question() -> None:
    raw = (
        "Russian soldiers have reportedly captured Ukrainian military personnel who were found dressed in "
        "civilian clothing [1]."
    )
    clothing = passage(1, "001", "Russian soldiers have reportedly captured")
    result = guard("What were the soldiers wearing when they were taken?", [clothing], raw)
    assert not result.refused and "civilian clothing" in result.answer


def test_each_sentence_of_an_extracted_passage_is_cited_and_attributed() -> None:
    two = passage(1, "002", "Former Ukrainian servicemen who decided", sentences=2, similarity=0.8)
    result = guard("How many former Ukrainian servicemen joined Russian units?", [two], "I cannot say.")
    sentences = sentences_of(result.answer)
    assert len(sentences) == 2 and all(s.endswith("[1].") for s in sentences)
    assert sentences[0].startswith("According to TASS, citing sources within Russian security structures")


def made_up(number: int, doc_id: str, text: str, outlet: str = "") -> Passage:
    """A passage of a made-up one-sentence article (offsets from 0)."""
    return Passage(
        number=number,
        node_id=f"{doc_id}#0",
        doc_id=doc_id,
        title="",
        outlet=outlet,
        label="",
        text=text,
        start=0,
        end=len(text),
        similarity=0.8,
        frames=detect(text),
    )


def test_a_yes_no_question_settled_by_the_facts_gets_a_verdict() -> None:
    passages = [
        made_up(1, "a", "Facebook acquired Instagram in 2012 for about one billion dollars."),
        made_up(2, "b", "In 2014 Facebook acquired WhatsApp, the messaging service."),
    ]
    result = guard("Did Facebook acquire both Instagram and WhatsApp?", passages, "Facebook acquired Instagram [1].")
    assert result.answer.startswith("Yes: Facebook acquired Instagram in 2012")
    assert "WhatsApp" in result.answer and len(result.citations) == 2

    one = guard("Did Facebook acquire both Instagram and YouTube?", passages[:1], "Facebook acquired Instagram [1].")
    assert not one.answer.startswith(("Yes", "No")) and "Instagram" in one.answer
    # a verb of the same relation states it: "bought" for "acquire"
    bought = [made_up(1, "a", "Facebook bought Instagram in 2012 for about one billion dollars.")]
    result = guard("Did Facebook acquire Instagram?", bought, "Facebook bought Instagram [1].")
    assert result.answer.startswith("Yes: Facebook bought Instagram in 2012")


def test_a_choice_of_verbs_is_answered_by_the_one_stated() -> None:
    """ "Did Harbour voters approve or turn down the pact with the EU?" over "voters dealt a blow ... by rejecting
    a treaty ..." (a synonym of each, the doer the clause's subject): that fact, without "Yes" or "No"; not a
    sentence about the vote's turnout the model chose."""
    text = (
        "Harbour voters dealt a blow to the mayor by rejecting a treaty that would tie the port to the European Union."
    )
    other = "Less than a third of Harbour voters turned out for the referendum."
    question = "Did Harbour voters approve or turn down the pact tying the port to the EU?"
    result = guard(question, [made_up(1, "a", text), made_up(2, "b", other)], f"{other} [2]")
    assert result.answer.startswith("Harbour voters dealt a blow"), result.answer
    assert "turned out" not in result.answer
    denied = "Harbour voters did not approve a treaty that would tie the port to the European Union."
    result = guard(question, [made_up(1, "a", denied)], f"{denied} [1]")
    assert not result.answer.startswith(("Yes", "No")), result.answer
    # each verb offered keeps its own object; a gerund's doer is the clause's only after "by"
    assert [(p.predicate, p.object) for p in split_question("Did Tesla raise prices or cut jobs?")] == [
        ("raise", "prices"),
        ("cut", "jobs"),
    ]
    adjourned = "The Harbour council adjourned without approving the treaty."
    result = guard("Did the Harbour council approve the treaty?", [made_up(1, "a", adjourned)], f"{adjourned} [1]")
    assert not result.answer.startswith("Yes"), result.answer
    # a title before a person's name may be left out
    assert split_question("Did Ada Roe meet President Barack Obama?")[0].object_names == ("Barack",)


def test_an_event_called_off_was_not_held() -> None:
    """ "Did the council hold its vote with Mayor Roe?" over "The council canceled its vote with Roe ...": No;
    not over "did not cancel", nor for a question that does not ask whether the event took place."""
    text = "The Harbour council canceled its planned vote with Roe in Dover, Del., citing the storm."
    question = "Did the Harbour council hold its planned Delaware vote with Mayor Roe?"
    result = guard(question, [made_up(1, "a", text)], f"{text} [1]")
    assert result.answer.startswith("No: The Harbour council canceled"), result.answer
    kept = "The Harbour council did not cancel its planned vote with Roe in Dover, Del., despite the storm."
    assert not guard(question, [made_up(1, "a", kept)], f"{kept} [1]").answer.startswith("No")
    announced = guard("Did the Harbour council announce its vote?", [made_up(1, "a", text)], f"{text} [1]")
    assert not announced.answer.startswith("No"), announced.answer
    # a vote canceled and then held, or held in another passage, was held; a postponed one may yet be
    again = "The Harbour council canceled its planned vote with Roe in Dover, Del., and held it on Thursday."
    assert not guard(question, [made_up(1, "a", again)], f"{again} [1]").answer.startswith("No")
    held = "The Harbour council held its planned vote with Roe in Dover, Del., on Thursday."
    result = guard(question, [made_up(1, "a", text), made_up(2, "b", held)], f"{text} [1]")
    assert result.answer.startswith("Yes: The Harbour council held"), result.answer
    later = "The Harbour council postponed its planned vote with Roe in Dover, Del., citing the storm."
    assert not guard(question, [made_up(1, "a", later)], f"{later} [1]").answer.startswith("No")


def test_a_yes_no_question_settled_by_a_claim_says_on_whose_word() -> None:
    """A claim someone makes settles a yes/no question only on their word: the verdict names them."""
    text = "AFP sources say over 1,000 former servicemen have joined four combat units."
    result = guard("Have former servicemen joined combat units?", [made_up(1, "a", text)], f"{text} [1]")
    assert result.answer.startswith("Yes, according to AFP, citing sources: AFP sources say over 1,000")
    assert "According to AFP" not in result.answer  # the verdict names the speaker once
    # a speaker the sentence names is named as briefly as it names them
    text = "Harbour Commissioner Ana Lind noted that Zorvex had initiated the talks."
    result = guard("Did Zorvex initiate the talks?", [made_up(1, "a", text)], f"{text} [1]")
    assert result.answer.startswith("Yes, according to Lind: Harbour Commissioner Ana Lind noted"), result.answer


def test_a_verdict_names_the_speaker_as_the_sentence_does() -> None:
    """The speaker keeps the article its sentence gives it ("the fund", "the Harbour Ledger"); only a person
    is named by the last word of their name."""
    text = "On Tuesday, the fund raised its Zorvex forecast by 0.1 points to 1.8 percent, the fund said."
    result = guard("Did the fund raise its Zorvex forecast?", [made_up(1, "a", text)], "The fund cut it [1].")
    assert result.answer.startswith("Yes, according to the fund: "), result.answer
    text = "On Tuesday, the fund raised its Zorvex forecast to 1.8 percent, according to the Harbour Ledger."
    result = guard("Did the fund raise its Zorvex forecast?", [made_up(1, "a", text)], "The fund cut it [1].")
    assert result.answer.startswith("Yes, according to the Harbour Ledger: "), result.answer


def test_a_prepended_frame_drops_the_words_that_point_back_at_its_source() -> None:
    """ "According to a port spokesman, Ana Lind, the hashtag, she said, was ..." says who spoke twice."""
    text = (
        '"We saw huge volume," said a port spokeswoman, Ana Lind. '
        "The hashtag #harbour, she said, was even more popular, with 6.7 million posts in 10 hours."
    )
    result = guard("How many #harbour posts were there?", [made_up(1, "a", text)], "There were 6.7 million [1].")
    assert result.answer.startswith("According to a port spokeswoman, Ana Lind, "), result.answer
    assert "she said" not in result.answer and "6.7 million" in result.answer, result.answer
    frame = next(f for f in detect(text) if f.inherited)
    claim = "The hashtag was even more popular"
    for written in [f"{claim}, she said [1].", f"{claim}, she said on Tuesday.", f"She said {claim.lower()} [1]."]:
        assert without_restated_frame(written, frame).lower().startswith(claim.lower()), written
        assert "said" not in without_restated_frame(written, frame), written
    # "the report" is the report the prepended frame names ("According to RT, citing unnamed sources, ...")
    text = "RT cited unnamed sources claiming the port was shut. The decision, according to the report, was final."
    frame = next(f for f in detect(text) if f.inherited)
    assert without_restated_frame("The decision, according to the report, was final [1].", frame) == (
        "The decision was final [1]."
    )
    assert without_restated_frame("The decision was final, according to a report by the BBC.", frame).endswith("BBC.")


def test_a_prepended_frame_drops_the_conjunction_that_tied_the_claim_to_the_sentence_before() -> None:
    assert (
        bare_claim("But on Tuesday, it raised its forecast to 1.8 percent.")
        == "on Tuesday, it raised its forecast to 1.8 percent."
    )
    assert bare_claim("According to the fund, and in July, it cut it.") == "in July, it cut it."
    assert bare_claim("Butterflies were counted in July.") == "Butterflies were counted in July."


def test_only_a_fact_of_the_relation_asked_settles_a_yes_no_question() -> None:
    """A verb wanted or possible ("wants to capture", "could capture") or acting on something else ("captured
    facilities" beside "Russian soldiers") settles nothing; an apposition says what someone is."""
    question = "Did Zorvex capture Russian soldiers?"
    for text in [
        "Zorvex wants to capture Russian soldiers near the harbour.",
        "Zorvex could capture Russian soldiers near the harbour.",
        "Zorvex captured facilities near the Russian border, where soldiers were seen.",
        "Russian soldiers captured Zorvex troops near the harbour.",  # who did it to whom, swapped
    ]:
        answer = guard(question, [made_up(1, "a", text)], f"{text} [1]").answer
        assert not answer.startswith(("Yes", "No")), text
    text = "Zorvex captured 102 Russian soldiers near the harbour."
    assert guard(question, [made_up(1, "a", text)], f"{text} [1]").answer.startswith("Yes: Zorvex captured 102")
    text = "Russian soldiers were captured by Zorvex near the harbour."
    assert guard(question, [made_up(1, "a", text)], f"{text} [1]").answer.startswith("Yes: Russian soldiers were")
    text = "The report drew criticism from Ana Lind, the spokesperson for the ministry."
    answer = guard("Is Ana Lind a spokesperson for the ministry?", [made_up(1, "a", text)], f"{text} [1]").answer
    assert answer.startswith("Yes: The report drew criticism from Ana Lind")
    text = "The deal was signed by Ana Lind, the CEO of Zorvex."
    answer = guard("Is Ana Lind the CEO of Tidewater?", [made_up(1, "a", text)], f"{text} [1]").answer
    assert not answer.startswith(("Yes", "No")), answer  # another company's CEO
    # the model's own verdict is not the policy's: unsettled, it is taken off; "No one ..." is no verdict
    text = "Zorvex wants to capture Russian soldiers near the harbour."
    answer = guard(question, [made_up(1, "a", text)], f"Yes, {text} [1]").answer
    assert answer.startswith("Zorvex wants to capture"), answer
    text = "No one saw Zorvex capture Russian soldiers near the harbour."
    assert guard(question, [made_up(1, "a", text)], f"{text} [1]").answer.startswith("No one saw")
    # a denial is its speaker's "no"
    text = "Harbour officials denied that Zorvex captured 40 Russian soldiers."
    answer = guard(question, [made_up(1, "a", text)], f"{text} [1]").answer
    assert answer.startswith("No, according to Harbour officials:"), answer


def test_two_outlets_giving_different_answers_are_both_shown() -> None:
    passages = [
        made_up(1, "a", "Emma Raducanu won the 2021 US Open women's singles title in New York.", "Coastal Herald"),
        made_up(2, "b", "Bianca Andreescu won the 2021 US Open women's singles title in New York.", "City Post"),
    ]
    result = guard("Who won the 2021 US Open women's singles title?", passages, "Emma Raducanu won the title [1].")
    assert len(result.found_conflicts) == 1
    assert result.answer.startswith("The articles disagree: according to Coastal Herald, Emma Raducanu won")
    assert "[1]. According to City Post, Bianca Andreescu won" in result.answer  # each side its own sentence
    # a side told as a report names its speaker, and the outlet that carries it
    said = "Apr 26, 2021 ... [about] how important Zorvex play has been,” CEO {} said."
    passages = [
        made_up(1, "a", said.format("Maria Jensen"), "Coastal Herald"),
        made_up(2, "b", said.format("Thomas Berg"), "City Post"),
    ]
    result = guard("Who is the CEO of Zorvex in 2021?", passages, "Maria Jensen is the CEO [1].")
    assert len(result.found_conflicts) == 1
    assert "according to Coastal Herald, Apr 26, 2021 ... [about] how important" in result.answer
    assert "[1]. According to City Post, Apr 26, 2021" in result.answer


def test_a_passage_about_another_year_does_not_answer() -> None:
    passages = [made_up(1, "a", "Tadej Pogacar stood atop the Paris podium as the 2021 Tour de France champion.")]
    result = guard("Who won the 2019 Tour de France?", passages, "Tadej Pogacar won the Tour de France [1].")
    assert result.refused
    assert any(d.rule == "constraints" for d in result.decisions)


def test_an_unsupported_draft_is_replaced_by_the_passage_sentence_that_holds_its_figures() -> None:
    """ "22 permits contained errors" was drawn from the 22, not from "more than 1,300 permits contained errors",
    though that sentence shares more of its words."""
    passages = [
        made_up(1, "a", "Reviewers had said more than 1,300 port permits contained errors, but most were minor."),
        made_up(2, "b", "The errors were found in 22 permits, across seven files, a port spokesman said."),
    ]
    result = guard("How many port permits had serious errors?", passages, "Reviewers said 22 permits contained errors.")
    assert "22 permits" in result.answer and "1,300" not in result.answer


def test_a_pronoun_that_reports_a_quotation_gets_the_speaker_s_name_not_a_second_frame() -> None:
    """'“...,” he added' becomes '“...,” Pak added', not "According to Pak Min-jun, “...,” he added"."""
    text = (
        "Pak Min-jun said the port would grow next year. "
        "“The debate on the harbour is over,” he added, noting that 40 towns signed onto the pact."
    )
    claim = "“The debate on the harbour is over,” he added, noting that 40 towns signed onto the pact [1]."
    result = guard("What did Pak Min-jun say about the debate on the harbour?", [made_up(1, "a", text)], claim)
    assert result.answer.startswith("“The debate on the harbour is over,” Pak Min-jun added, noting")


def test_a_sentence_that_goes_on_with_he_meets_the_name_its_chunk_states() -> None:
    """ "When he took office in 2009, ..." answers for Pak Min-jun when the chunk it was cut from names him, by
    his surname alone ("Pak's persistence")."""
    chunk = "The port owes much to Pak's persistence. When he took office as harbour master in 2009, he dredged it."
    sentence = chunk[chunk.index("When") :]
    cut = replace(made_up(1, "a", sentence), context=chunk)
    result = guard("In what year did Pak Min-jun become harbour master?", [cut], f"{sentence[:-1]} [1].")
    assert not result.refused and "2009" in result.answer
    result = guard("In what year did Ada Roe become harbour master?", [cut], f"{sentence[:-1]} [1].")
    assert result.refused


def test_a_sentence_about_another_year_does_not_answer_though_its_passage_names_the_one_asked() -> None:
    """ "1 in 4 lived there in 2010" gives no share for 2014, though the passage cites "a 2014 study"."""
    text = (
        "A 2014 study found that poor children in Harbour have the worst odds. "
        "The Harbour Post found that 1 in 4 residents lived in distressed neighborhoods in 2010."
    )
    raw = "The Harbour Post found that 1 in 4 residents lived in distressed neighborhoods in 2010 [1]."
    result = guard(
        "What share of Harbour residents lived in distressed neighborhoods in 2014?", [made_up(1, "a", text)], raw
    )
    assert result.refused
    assert any(d.rule == "constraints" and "another value" in d.reason for d in result.decisions)
    result = guard(
        "What share of Harbour residents lived in distressed neighborhoods in 2010?", [made_up(1, "a", text)], raw
    )
    assert not result.refused and "1 in 4" in result.answer
    # a year in a relative clause or an apposition tells something else; a when question's answer is a date
    question = analyse("Who won the 2019 Harbour Cup?")
    assert question.named_otherwise("Ana Lind won the 2021 Harbour Cup.")
    assert not question.named_otherwise("Ana Lind became the first Dane to win the race, which began in 1903.")
    assert not question.named_otherwise("Ana Lind, the 2018 runner-up, won the race.")
    question = analyse("When was the 2020 Harbour Cup rescheduled to?")
    assert not question.named_otherwise("Organisers rescheduled the race to July 23, 2021.")


def test_no_according_to_before_a_sentence_whose_subject_is_the_speaker() -> None:
    text = "Russia's Human Rights Commissioner, Tatyana Moskalkova, dismissed the claims as propaganda."
    passages = [made_up(1, "a", text)]
    result = guard("What was Tatyana Moskalkova's position?", passages, text + " [1]")
    assert result.answer == text.replace(".", " [1].")
    # Nor before a quote labelled with its speaker.
    text = 'New Harbour CEO Ana Lind: "There are so many brilliant people in this business."'
    frames = detect(text, every=True)
    assert frames and all(speaker_is_subject(text, frame) for frame in frames)
    # Nor before a claim whose reporting verb has the speaker, though the frame's source goes on past the cut.
    full = "The board should step down, said Ana Lind, the former harbour pilot who leaked ..."
    frames = detect(full, every=True)
    assert frames and all(speaker_is_subject("The board should step down, said Ana Lind", f) for f in frames)
    # A subject that only starts the speaker's name is no speaker: "Ukraine" did not say it, its General Staff did.
    frames = detect("Ukraine captured 102 soldiers, Ukraine's General Staff said.", every=True)
    assert frames and not any(speaker_is_subject("Ukraine captured 102 soldiers", f) for f in frames)


def test_a_why_question_gets_the_sentence_that_gives_a_reason() -> None:
    text = (
        "Captured soldiers are opting to join the Russian forces, Kyiv warns. "
        "Most of them joined the Russian units out of fear of being sent back to the front."
    )
    draft = text.split(". ")[0] + " [1]."
    result = guard("Why do captured soldiers join the Russian units?", [made_up(1, "a", text)], draft)
    assert "out of fear" in result.answer, result.answer
    assert any(d.rule == "reason" and d.action == "extracted" for d in result.decisions)


def test_a_reason_for_the_thing_named_again_answers_a_why_question_that_fixes_its_figure() -> None:
    """ "Why did the council reject the $2 million harbour plan?": "The council rejected the plan because ..."
    names with "the" the plan its chunk gives the figure; "a ferry plan" is another, and a sentence of
    another chunk names nothing the question fixes."""
    text = (
        "At the heart of the dispute is a $2 million harbour plan drafted by the mayor. "
        "It would have moved the ferry dock to the north shore. "
        "The council rejected the plan because members said it ignored the fishermen."
    )
    question = "Why did the council reject the mayor's $2 million harbour plan?"
    result = guard(question, [made_up(1, "a", text)], text.split(". ")[0] + " [1].")
    assert "because members said" in result.answer, result.answer
    other = text.replace("rejected the plan", "rejected a ferry plan")
    result = guard(question, [made_up(1, "a", other)], other.split(". ")[0] + " [1].")
    assert "because members said" not in result.answer, result.answer
    question = analyse(question)
    said = "The council rejected the plan because members said it ignored the fishermen."
    assert about(said, question, text) and not about(said, question)
    # named again by another word ("the ferry plan"), or a noun the figure only tells more of ("the council,
    # which backed a $2 million harbour plan") is not the thing
    assert not about(said.replace("the plan", "the ferry plan"), question, text)
    backed = "The council, which had backed a $2 million harbour plan, met on Monday. " + text.split(". ", 1)[1]
    assert not about("The council rejected a plan because members said it ignored the fishermen.", question, backed)


def test_a_why_answer_gives_the_reason_for_what_is_asked_not_for_another_event() -> None:
    """ "Why was Ada Roe removed from the hall?": a reason the draft gives for another event ("she was
    arrested ... in protest") gives way to the chunk's reason for her removal; with none, the draft stands."""
    text = (
        "In 2012 Ada Roe was arrested at the hall after chaining herself to a chair in protest. "
        "Guards removed Roe from the hall on Monday because she had no pass."
    )
    question = "Why was Ada Roe removed from the hall?"
    result = guard(question, [made_up(1, "a", text)], text.split(". ")[0] + " [1].")
    assert "because she had no pass" in result.answer, result.answer
    alone = text.split(". ")[0] + "."
    assert "in protest" in guard(question, [made_up(1, "a", alone)], alone[:-1] + " [1].").answer


def test_a_why_answer_that_gives_a_reason_stands() -> None:
    text = "The club sold the striker because it needed the money. The striker joined the club in 2019."
    result = guard("Why did the club sell the striker?", [made_up(1, "a", text)], text.split(". ")[0] + " [1].")
    assert result.answer == "The club sold the striker because it needed the money [1]."
    assert not any(d.rule == "reason" for d in result.decisions)


def test_a_headline_report_attributes_the_lede_that_restates_it() -> None:
    lede = "The revelation that over 500 soldiers have deserted the army has shocked the capital."
    made = made_up(1, "a", lede, outlet="Daily Courier")
    made = replace(made, title="Ministry Says Over 500 Soldiers Deserted the Army")
    result = guard("How many soldiers deserted the army?", [made], lede + " [1]")
    assert result.answer.startswith("According to Daily Courier, citing Ministry, the revelation"), result.answer


def test_a_claim_credited_to_a_speaker_quoted_nearby_is_replaced_by_its_own_sentence() -> None:
    """Lubinets is quoted in the passage, but the claim drawn on is Moskalkova's: it is not his."""
    swap = passage(1, "003", "Meanwhile, Ukrainian Parliament Commissioner", sentences=2)
    raw = "According to Dmytro Lubinets, Moskalkova dismissed any possibility of exchanging prisoners with Ukraine [1]."
    answer = guard("What was Tatyana Moskalkova's position on prisoner exchanges?", [swap], raw).answer
    assert "According to Dmytro Lubinets" not in answer
    assert "Tatyana Moskalkova, dismissed any possibility" in answer


def test_a_title_with_a_colon_is_no_speaker_s_label() -> None:
    """ "Harbour Crossing: New Tides was released ...": the question names "Harbour Crossing: New Tides", so
    the draft credits nothing to a "Harbour Crossing" the passages never quote; it is not swapped for another
    passage sentence."""
    a = made_up(1, "a", "New Tides was released on the Tide Switch in 2020.")
    b = made_up(2, "b", "The next Harbour Crossing game isn't likely to release for a few years, after New Tides.")
    raw = "Harbour Crossing: New Tides was released on the Tide Switch in 2020 [1]."
    result = guard("What is the release date for Harbour Crossing: New Tides on Tide Switch?", [a, b], raw)
    assert not any(d.rule == "attribution" and d.action == "replaced" for d in result.decisions)
    assert result.answer.startswith("Harbour Crossing: New Tides was released")


def test_a_name_question_is_not_answered_by_a_sentence_that_names_nothing() -> None:
    """ "What is the name of the station?" is not answered by "near a gas measuring station"."""
    post = passage(1, "003", "Ukrainian President Volodymyr Zelenskyy", similarity=0.4)
    raw = "Zelenskyy revealed that his forces installed a command post near a gas measuring station [1]."
    assert guard("What is the name of the gas measuring station?", [post], raw).refused


def test_a_date_is_no_figure_that_answers_how_many() -> None:
    """ "How much did the workers earn?" is not answered by "In 2016 the workers ...": a year, a date or a
    clock time says when; a length of time ("three days") counts."""
    earn = analyse("How much did the workers earn?")
    assert not gives_type("In 2016, the workers at the Harbour plant earned more than before.", earn)
    assert not gives_type("The workers were paid on Sept. 26 at 8:30 p.m.", earn)
    assert gives_type("In 2016, the workers earned $40,000 on average.", earn)
    assert typed_spans("The strike lasted three days.", analyse("How many days did the strike last?")) == ["3"]
    assert typed_spans("In 2016, the workers earned 40,000 dollars.", earn) == ["40000"]


def test_a_source_is_not_the_person_a_who_question_asks_for() -> None:
    director = analyse('Who is the director of "The Godfather"?')
    assert not gives_type("According to Stanley Kubrick, The Godfather is the greatest movie ever made.", director)
    assert gives_type("The Godfather was directed by Francis Ford Coppola.", director)
    # Unless the question asks who said it, or what is said refers back to its speaker.
    speaker = analyse("Who said that The Godfather is the greatest movie ever made?")
    assert gives_type("According to Stanley Kubrick, The Godfather is the greatest movie ever made.", speaker)
    # A name the question holds answers it when it is the subject of the asked verb (or a synonym).
    talks = analyse("Who started the talks between Russia and Ukraine?")
    assert gives_type("According to Dmytro Lubinets, Russia initiated the talks.", talks)
    assert not gives_type("According to Dmytro Lubinets, Ukraine rejected the talks.", talks)
    hero = analyse("Who will play the hero in the new film?")
    assert gives_type("Zachary Levi said he will play the hero in the new film.", hero)


def test_a_frame_stacked_on_a_sentence_that_names_its_speaker_is_replaced_by_the_passage_sentence() -> None:
    moskalkova = passage(1, "003", "Previously, Russia", sentences=1)
    raw = (
        "According to Russia's Human Rights Commissioner, Tatyana Moskalkova, she dismissed any possibility of "
        "exchanging prisoners with Ukraine."
    )  # cited nothing: the support rule finds its passage
    result = guard("Who is Tatyana Moskalkova?", [moskalkova], raw)
    assert "she dismissed" not in result.answer
    assert "Tatyana Moskalkova, dismissed any possibility" in result.answer
    assert any(d.rule == "attribution" and d.reason == "names its speaker twice" for d in result.decisions)


def test_the_disagreement_shown_is_between_two_accounts_of_one_fact() -> None:
    """Both outlets place the final at the same stadium, in different cities; the city where the owners voted
    is another fact, though more articles name a stadium or a city."""
    passages = [
        made_up(1, "a", "The final was played at Raymond James Stadium in Tampa.", "Coastal Herald"),
        made_up(2, "b", "The final was played at Raymond James Stadium in Glendale.", "City Post"),
        made_up(3, "c", "The owners voted at a meeting in Chicago to move the final.", "Coastal Herald"),
    ]
    result = guard("Where was the final played?", passages, "The final was played in Tampa [1].")
    assert [d.reason for d in result.decisions if d.action == "flagged"] == ["[1] says 'Tampa', [2] 'Glendale'"]
    assert sum(s.startswith("The articles disagree") for s in sentences_of(result.answer)) == 1


def test_the_disagreement_shown_gives_each_value_whole() -> None:
    """A cut-off account ("on May 29") and a whole one ("on May 29, 2020") of the same date are one value; the
    pair shown is the one that gives both dates whole, and a city keeps its state ("Tampa, Florida")."""
    passages = [
        made_up(1, "a", "The soundtrack features the music of the game released by the studio on May 29", "Herald"),
        made_up(2, "b", "The soundtrack features the music of the game released by the studio on May 9", "Post"),
        made_up(3, "c", "The game was released worldwide for the console on May 29, 2020.", "Herald"),
        made_up(4, "d", "The game was released worldwide for the console on May 9, 2012.", "Post"),
    ]
    result = guard("When was the game released?", passages, "The game was released on May 29 [1].")
    assert [d.reason for d in result.decisions if d.action == "flagged"] == [
        "[3] says 'May 29, 2020', [4] 'May 9, 2012'"
    ]
    places = [
        made_up(1, "a", "The final will take place at Raymond James Stadium in Tampa, Florida.", "Herald"),
        made_up(2, "b", "The final will take place at Raymond James Stadium in Glendale, Arizona.", "Post"),
    ]
    result = guard("Where will the final take place?", places, "The final will take place in Tampa [1].")
    assert "'Tampa, Florida'" in next(d.reason for d in result.decisions if d.action == "flagged")
    assert "Glendale, Arizona [2]" in result.answer


def test_the_date_of_another_thing_does_not_answer_when() -> None:
    """The asked verb said of another thing ("a second soundtrack album ... was released") gives that thing's
    date; the thing itself, or a bare "the game", gives the asked one."""
    question = analyse("When was Starfall Legends 2 released?")
    assert not gives_type(
        "A second soundtrack album featuring music from Starfall Legends 2 was released in 2023.", question
    )
    assert gives_type("The game was released on December 1, 2017 in Japan.", question)
    assert gives_type("Starfall Legends 2 was released on December 1, 2017.", question)
    passages = [made_up(1, "a", "A soundtrack album featuring music from Starfall Legends 2 was released in 2023.")]
    result = guard("When was Starfall Legends 2 released?", passages, "Starfall Legends 2 was released in 2023 [1].")
    assert result.refused


def test_a_date_said_of_another_named_thing_does_not_answer_when() -> None:
    """Without the asked verb, the verb a date belongs to says whose date it is: "The Nimbus 6a released in
    2022" dates the 6a, though the sentence names the 5a asked about; a date of an unnamed event stays."""
    question = analyse("When was the Nimbus 5a announced?")
    assert not gives_type("The Nimbus 6a released in Summer 2022 and is an upgrade on the Nimbus 5a.", question)
    assert gives_type("The Nimbus 5a came out on August 26, 2021.", question)
    assert gives_type("The firm held an event on August 17 where it showed the Nimbus 5a.", question)
    # a relative clause without its own object acts on the noun it describes: the event, the forum itself
    # a relative clause of place or time acts on nothing of the noun it follows
    sale = analyse("When did the Nimbus 5 go on sale?")
    assert gives_type("Crowds packed Harrods, where the Nimbus 5 debuted on May 3, 2019.", sale)
    summit = analyse("In what year did Roe first convene the Harbour Security Summit?")
    sentence = (
        "Ten mayors are key participants in the fourth Harbour Security Summit, an event Roe first organized in 2010."
    )
    assert gives_type(sentence, summit)
    passages = [made_up(1, "a", "The Nimbus 6a released in Summer 2022 and is an upgrade on the Nimbus 5a.")]
    result = guard("When was the Nimbus 5a announced?", passages, "The Nimbus 5a was announced in 2022 [1].")
    assert result.refused


def test_a_thing_named_deep_in_its_compounds_is_the_thing_asked_about() -> None:
    """ "the annual Harbour Girls Sing! award show" is named by all its words, not only by "award": its date
    answers when the Harbour Girls Sing! awards were broadcast, though the sentence says "televised"."""
    question = analyse("Since what year has KTV been broadcasting the Harbour Girls Sing! awards?")
    assert gives_type("The annual Harbour Girls Sing! award show has been televised on KTV since 2010.", question)
    assert not gives_type("The annual Coastal Film award show has been televised on KTV since 2012.", question)


def test_a_question_that_offers_choices_is_answered_by_the_facts_of_each() -> None:
    """ "Who collected more, Ada Roe or Ivo Holm?": the answer names the people the question does, and one
    passage need not name both."""
    question = "Who had collected more money from port donors, Ada Roe or Ivo Holm?"
    assert analyse(question).alternatives == ("Ada Roe", "Ivo Holm")
    text = "Ada Roe has raised $2.7 million from port donors, while Ivo Holm has raised $6 million, a study found."
    answer = guard(question, [made_up(1, "a", text)], f"{text} [1]")
    assert not answer.refused and "$6 million" in answer.answer, answer.answer
    assert not analyse("Who, according to the Harbour Post, said Ada Roe or Ivo Holm would win?").alternatives


def test_the_group_a_question_names_is_no_answer_to_it() -> None:
    """ "Who won the Republican primary?" is not answered by "Republicans went to the polls"."""
    question = analyse("Who won the Republican primary in Iowa?")
    assert not gives_type("Republicans in Iowa went to the polls on Monday for the primary.", question)
    assert gives_type("Ted Cruz won the primary in Iowa on Monday.", question)


def test_a_count_in_the_question_does_not_name_the_thing_asked_about() -> None:
    """ "the 40 fishermen" counts fishermen, it does not name them as "Nimbus 5a" does: a sentence that gives
    fishermen a place answers, the more so through "a group of 40 fishermen"; a month is no place."""
    question = analyse("Where were the 40 fishermen detained?")
    assert question.marks == frozenset()
    sentence = "While detaining fishermen is common, coast guards seized a group of 40 fishermen near Varna."
    assert gives_type(sentence, question)
    assert not gives_type("Coast guards released photos of the fishermen on Monday, August 15.", question)


def test_a_verb_of_beginning_asks_about_the_verb_it_governs() -> None:
    """ "When did the villagers start leaving?" asks when they left; without that verb, a date of a verb
    acting on another common noun than the one asked about is that noun's date."""
    assert analyse("When did the villagers start leaving the valley?").predicate == "leave"
    question = analyse("When were the bridges closed?")
    assert question.theme_noun == "bridg"
    assert not gives_type("Workers repaired the road on May 3.", question)
    assert gives_type("The bridges, which workers repaired, were shut on May 3.", question)


def test_the_role_of_another_organisation_does_not_answer_who() -> None:
    """ "the director of the Zorvex Foundation" holds another organisation's role than Zorvex's; a legal-form
    word ("the Zorvex Group") or a mention that names no holder may be Zorvex's."""
    question = analyse("Who is the director of Zorvex?")
    assert not gives_type("Ana Lind is the director of the Zorvex Foundation.", question)
    assert gives_type("Ana Lind is the director of the Zorvex Group.", question)
    assert gives_type("Zorvex's director, Ana Lind, opened the plant.", question)
    assert gives_type("Ana Lind, the director, opened the plant.", question)
    # A role named with a noun the question lacks is another role.
    assert not gives_type("Crews paid tribute to Zorvex video director Ana Lind.", question)
    passages = [made_up(1, "a", "Ana Lind is the director of the Zorvex Foundation.")]
    raw = "Ana Lind is the director of the Zorvex Foundation [1]."
    assert guard("Who is the director of Zorvex?", passages, raw).refused


def test_a_person_of_the_topic_does_not_answer_who_did_it() -> None:
    """ "Who won the 2019 Harbour Cup?" asks who won: a player who made her debut there, or the winner of
    another cup, is no answer; the verb, a verb of its relation, a noun made from one or a cancellation is."""
    question = analyse("Who won the 2019 Harbour Cup?")
    for sentence, states in [
        ("Mira Holm made her Harbour Cup debut on Tuesday.", False),
        ("Mira Holm won the 2019 Harbour Cup.", True),
        ("Mira Holm took the 2019 Harbour Cup.", True),
        ("Mira Holm, the 2019 Harbour Cup winner, retired.", True),
        ("The 2019 Harbour Cup was cancelled because of the storm.", True),
        ("Mira Holm watched the 2019 Harbour Cup from her window.", False),
    ]:
        assert states_relation(nlp.parse(sentence), question) is states, sentence
    passages = [made_up(1, "a", "Mira Holm made her Harbour Cup debut in 2019. She lost in the first round.")]
    raw = "Mira Holm won the 2019 Harbour Cup [1]."
    result = guard("Who won the 2019 Harbour Cup?", passages, raw)
    assert result.refused
    assert [d.action for d in result.decisions if d.rule == "relation"] == ["removed"]
    # The whole name of what was won: "Best Picture" is not "Best Actor"; "What film won ...?" asks the same.
    question = analyse("Which actor won Best Actor at the Harbour Awards?")
    assert not states_relation(nlp.parse("Tidewater won four awards, including Best Picture."), question)
    assert states_relation(nlp.parse("Ivo Brandt wins Best Actor for Tidewater."), question)
    passages = [made_up(1, "a", "The Harbour Awards nominations have been announced. Tidewater won Best Picture.")]
    result = guard("What film won Best Score at the Harbour Awards?", passages, "Tidewater won [1].")
    assert result.refused and [d.rule for d in result.decisions if d.action == "removed"] == ["relation"]
    # Who acquired a firm: "bought by" states it.
    passages = [made_up(1, "a", "In 2019 the Zorvex Group was bought by Ana Lind for two million dollars.")]
    result = guard("Who acquired the Zorvex Group?", passages, "Ana Lind bought the Zorvex Group in 2019 [1].")
    assert result.answer == "Ana Lind bought the Zorvex Group in 2019 [1]."


def test_an_open_question_flags_one_account_told_with_another_value() -> None:
    """ "What is the year-end No 1 ...?" names no type of answer: two articles that tell the same sentence
    with another name disagree; two sentences that differ in more than the name tell two facts."""
    question = "What is the year-end No 1 of the Harbour Tour in 2020?"
    herald = "In 2020, Mira Holm finished the year as the Harbour Tour's No. 1 for the second straight year."
    post = "In 2020, Ana Lind finished the year as the Harbour Tour's No. 1 for the second straight year."
    a, b = made_up(1, "a", herald, outlet="Coastal Herald"), made_up(2, "b", post, outlet="City Post")
    assert value_conflict(analyse(question), [a, b]) is not None
    result = guard(question, [a, b], "Mira Holm finished the year as the Harbour Tour's No. 1 [1].")
    assert [numbers for _, numbers in result.conflicts] == [[1, 2]]
    assert "Mira Holm" in result.answer and "Ana Lind" in result.answer
    other = made_up(2, "b", post.replace("second", "third").replace("year.", "year in Oslo."), outlet="City Post")
    assert value_conflict(analyse(question), [a, other]) is None


def test_what_thing_did_it_is_a_value_though_the_tagger_knows_no_such_name() -> None:
    """ "What film won ...?": the name that does the asked verb is the value, so that "Tidewater, the next
    chapter ..., won" and "Harbour Days 4, the next chapter ..., won" disagree."""
    question = "What film won Best Animated Feature at the 2020 Harbour Awards?"
    told = "{}, the long-awaited next chapter in the saga, won Best Animated Feature at the 2020 Harbour Awards."
    a = made_up(1, "a", told.format("Tidewater"), outlet="Coastal Herald")
    b = made_up(2, "b", told.format("Harbour Days 4"), outlet="City Post")
    disputed = value_conflict(analyse(question), [a, b])
    assert disputed is not None and {v.text for v in disputed} == {"Tidewater", "Harbour Days 4"}


def test_the_year_an_article_was_published_does_not_make_its_sentence_about_another_year() -> None:
    """ "Harbour Days 1984" under a headline that names it, published in 2020: the sentence is of the film
    the headline names, and its doer ("Asher Vell", whom the tagger may not know) is a value."""
    question = "Who will be playing the role of Captain Vell in Harbour Days 1984?"
    headline = "Just two days after Harbour Days 1984 hit theaters"
    told = "{} will reprise her role as Captain Vell."
    a, b = (
        replace(made_up(n, doc, told.format(name), outlet=outlet), title=headline, published="2020-12-27")
        for n, doc, name, outlet in [(1, "a", "Ana Lind", "Coastal Herald"), (2, "b", "Asher Vell", "City Post")]
    )
    disputed = value_conflict(analyse(question), [a, b])
    assert disputed is not None and {v.text for v in disputed} == {"Ana Lind", "Asher Vell"}
    # without outlets, an article is not named by the clause its snippet opens with
    result = guard(question, [replace(a, outlet=""), replace(b, outlet="")], f"{told.format('Ana Lind')} [1]")
    assert result.conflicts and "according to one article" in result.answer.lower()
    assert "Just two days" not in result.answer


def test_a_cancelled_event_with_two_reigning_champions_is_a_disagreement() -> None:
    """ "Who won the 2020 Harbour Open?" over "The 2020 Harbour Open was cancelled ..., so the reigning champion
    remains Tom Walsh of Norway" and its twin with Peter Hall: the relation is told otherwise (a cancellation),
    and where a champion is from is no rival value."""
    told = "The 2020 Harbour Open was canceled due to the storm, so the reigning champion remains {} of Norway."
    a = made_up(1, "a", told.format("Tom Walsh"), outlet="Coastal Herald")
    b = made_up(2, "b", told.format("Peter Hall"), outlet="City Post")
    disputed = value_conflict(analyse("Who won the Harbour Open golf tournament in 2020?"), [a, b])
    assert disputed is not None and {v.text for v in disputed} == {"Tom Walsh", "Peter Hall"}
    assert [v.text for v in values(analyse("Who won the Harbour Open golf tournament in 2020?"), [a])] == ["Tom Walsh"]


def test_the_value_of_a_role_is_its_holder_not_another_name_beside_it() -> None:
    """ "John Miller opened up about ... director Peter Hall": Miller is no director, so two articles that
    name Peter Hall as the director agree; one that names Tom Walsh disagrees."""
    question = analyse("Who is the director of Tidewater?")
    a = made_up(1, "a", "John Miller has opened up about his experience with Tidewater director Peter Hall.")
    b = made_up(2, "b", "Tidewater director Peter Hall spoke to reporters on Monday.")
    assert value_conflict(question, [a, b]) is None
    c = made_up(2, "b", "The director of Tidewater was Tom Walsh, the studio said.")
    disputed = value_conflict(question, [a, c])
    assert disputed is not None and {v.text for v in disputed} == {"Peter Hall", "Tom Walsh"}


def test_each_side_of_a_disagreement_names_its_outlet_unless_it_is_a_report() -> None:
    """ "made his name with a film" is no report of speech: the side is the outlet's account, named so."""
    told = "In 1972, a young director, {}, made his name with a gangster movie called Tidewater."
    a = made_up(1, "a", told.format("Tom Walsh"), outlet="Coastal Herald")
    b = made_up(2, "b", told.format("Peter Hall"), outlet="City Post")
    result = guard("Who is the director of Tidewater?", [a, b], f"{told.format('Tom Walsh')} [1]")
    assert result.conflicts
    assert "according to Coastal Herald" in result.answer and "According to City Post" in result.answer


def test_a_person_described_by_where_they_are_from_is_no_rival_actor() -> None:
    """ "the Russian defeated him" retells "Daniil Medvedev defeated Novak Djokovic": no two actors disagree."""
    a = made_up(1, "a", "Daniil Medvedev defeated Novak Djokovic in the final, 6-4, 6-4, 6-4 to win the title.")
    b = made_up(
        2, "b", "Novak Djokovic hugged Daniil Medvedev after the Russian defeated him in straight sets, 6-4, 6-4."
    )
    assert find_conflicts([a, b]) == []
    rival = made_up(2, "b", "Casper Ruud defeated Novak Djokovic in the final, 6-4, 6-4, 6-4 to win the title.")
    assert find_conflicts([a, rival])


def test_values_of_different_years_are_two_facts_not_a_disagreement() -> None:
    """Two buyers of one studio in different years tell two sales; the same sale with another buyer is a
    disagreement. A side's opening name of several words keeps its capitals ("New York", not "new York")."""
    question = "Who acquired Zorvex Studios?"
    first = made_up(1, "a", "In 1981 Zorvex Studios was bought by Ana Lind and her family.", outlet="Coastal Herald")
    later = made_up(2, "b", "Mira Holm purchased Zorvex Studios on March 20, 2019.", outlet="City Post")
    assert value_conflict(analyse(question), [first, later]) is None
    rival = made_up(2, "b", "New Holm Group purchased Zorvex Studios in 1981.", outlet="City Post")
    assert value_conflict(analyse(question), [first, rival]) is not None
    plain = Draft(question=question, passages=[], words=PlainWords(), best_similarity=1.0)
    assert not plain.lowercase_ok("New York 2004 Olympic Games, held in New York in August 2004")
    assert plain.lowercase_ok("In 1981 Zorvex Studios was bought by Ana Lind.")
    assert plain.lowercase_ok("Former Ukrainian servicemen joined four units.")
    assert plain.lowercase_ok("The Main Intelligence Directorate of Russia identified them.")
    # a name the parser reads as one keeps its capital, though it is also a common word
    assert not plain.lowercase_ok("Soul, the long-awaited next chapter in the saga, won Best Animated Feature.")
    # a title that labels what follows keeps its capital; a sentence with a colon further on does not
    assert not plain.lowercase_ok("The Tidewater: Directed by Ana Lind")
    assert plain.lowercase_ok("The port reopened on Monday: ships docked at noon.")


def test_a_sentence_of_an_undated_chunk_is_of_the_year_its_article_was_published() -> None:
    """ "Who won the 2019 Harbour Prize?": two snippets published in 2019 that name no year, one account with
    another winner, disagree; a sentence that names another year is no 2019 value."""
    herald = "Ana Lind and Peter Brandt have been awarded the Harbour Prize for Literature."
    post = "Ana Lind and Mira Holm have been awarded the Harbour Prize for Literature."
    a = replace(made_up(1, "a", herald, outlet="Coastal Herald"), published="2019-10-10")
    b = replace(made_up(2, "b", post, outlet="City Post"), published="2019-10-10")
    disputed = value_conflict(analyse("Who was awarded the 2019 Harbour Prize?"), [a, b])
    assert disputed is not None and {disputed[0].text, disputed[1].text} == {"Peter Brandt", "Mira Holm"}
    b = replace(made_up(2, "b", post.replace("Literature", "Literature in 2018"), outlet="City Post"), published="2019")
    assert value_conflict(analyse("Who was awarded the 2019 Harbour Prize?"), [a, b]) is None


def test_a_passage_of_an_undated_chunk_is_of_the_month_its_article_was_published() -> None:
    """ "the June 2016 meeting": an article of 8 June 2016 tells of it as "Thursday's meeting"."""
    text = "The meeting on Thursday, requested by Mira Holm, would be a moment of catharsis for the party."
    question = "Who asked for the June 2016 meeting between the mayor and the governor?"
    june = replace(made_up(1, "a", text), published="2016-06-08")
    assert "Mira Holm" in guard(question, [june], "Mira Holm requested it [1].").answer
    august = replace(made_up(1, "a", text), published="2016-08-08")
    assert guard(question, [august], "Mira Holm requested it [1].").refused


def test_two_days_of_one_year_are_a_disagreement() -> None:
    """ "July 29, 2021" and "March 2, 2021" share their year, yet neither article states the other's date."""
    a = made_up(1, "a", "The 2021 Harbour Fair was held on July 29, 2021, at the old port.", outlet="Coastal Herald")
    b = made_up(2, "b", "The 2021 Harbour Fair was held on March 2, 2021, at the old port.", outlet="City Post")
    disputed = value_conflict(analyse("What is the date of the 2021 Harbour Fair?"), [a, b])
    assert disputed is not None and {disputed[0].text, disputed[1].text} == {"July 29, 2021", "March 2, 2021"}


def test_a_stretch_of_time_is_no_answer_to_when() -> None:
    """ "When" asks for a point in time: "for a few years" is a while; "last week" and "in the spring" are dates."""
    question = analyse("What is the release date for Harbour Quest?")
    assert not gives_type("The next Harbour game isn't likely to release for a few years.", question)
    for sentence in ["Harbour Quest came out last week.", "Harbour Quest was released in the spring."]:
        assert gives_type(sentence, question), sentence


def test_a_value_that_describes_another_is_no_value_of_its_own() -> None:
    """ "Raymond James Stadium, home of the Tampa Bay Buccaneers": the team describes the stadium."""
    question = analyse("Harbour Bowl 2021 location")
    text = "Harbour Bowl 2021 will be played in Tampa, Florida, at Raymond James Stadium, home of the Tampa Bay Bucs."
    assert [v.text for v in values(question, [made_up(1, "a", text)])] == ["Tampa, Florida", "Raymond James Stadium"]


def test_who_is_keeps_to_the_sentences_that_name_the_person() -> None:
    """ "Who is Ilse Varga?": the sentence before the one that names her says nothing of who she is; a
    sentence after it whose subject is a pronoun goes on about her."""
    text = (
        "The port may reopen next month. "
        "The move drew criticism from Ilse Varga, the spokesperson for the harbour board. "
        "She called the plan reckless."
    )
    passages = [made_up(1, "a", text)]
    raw = " ".join(sentence.replace(".", " [1].") for sentence in sentences_of(text))
    result = guard("Who is Ilse Varga?", passages, raw)
    assert sentences_of(result.answer)[0].startswith("The move drew criticism from Ilse Varga")
    assert len(sentences_of(result.answer)) == 2
    assert [d.action for d in result.decisions if d.rule == "identity"] == ["removed"]
    # A draft that does not name her gets the passage sentence that does.
    result = guard("Who is Ilse Varga?", passages, "The port may reopen next month [1].")
    assert sentences_of(result.answer) == [sentences_of(text)[1].replace(".", " [1].")]


def test_fragments_and_questions_are_no_answer_sentences() -> None:
    """A page heading ("HARBOUR CUP 2018") or a question copied from a passage states nothing to check."""
    text = "HARBOUR CUP 2018. Who will lift the cup this year? France won the Harbour Cup final on July 15."
    passages = [made_up(1, "a", text)]
    raw = "HARBOUR CUP 2018 [1]. Who will lift the cup this year? [1]. France won the Harbour Cup final on July 15 [1]."
    result = guard("Who won the Harbour Cup in 2018?", passages, raw)
    assert result.answer == "France won the Harbour Cup final on July 15 [1]."
    removed = [d.reason for d in result.decisions if d.action == "removed"]
    assert removed == ["a fragment or a question states nothing"] * 2
    # A sentence cut off before its end ("came in at.") states nothing either; a phrasal verb's particle ends one.
    assert not reads_as_sentence("As of Q3 2019, the revenues of the port came in at.")
    assert reads_as_sentence("The port's revenues went up.")
    assert reads_as_sentence("The news sent shockwaves through the port and beyond.")
    # a verb in brackets belongs to a label, not to a statement
    assert not reads_as_sentence("Ver. 2.0.0 (Released September 13, 2018)")
    assert reads_as_sentence("Ilse Varga (born May 4, 1961) runs the port.")


def test_a_question_that_fixes_a_figure_gets_the_sentence_that_states_it() -> None:
    """The passage meets "1,000" through its second sentence; the first, which the model cited, tells another
    fact of the same chunk ("intelligence has been voicing concern ..." beside "over 1,000 ...")."""
    text = (
        "A growing stream of captured sailors has joined the navy this year. "
        "The minister condemned the port for refusing to take back 1,000 captured sailors."
    )
    passages = [made_up(1, "a", text)]
    raw = "A growing stream of captured sailors has joined the navy this year [1]."
    result = guard("Why did the port abandon 1,000 captured sailors?", passages, raw)
    assert result.answer == "The minister condemned the port for refusing to take back 1,000 captured sailors [1]."
    assert [d.action for d in result.decisions if d.rule == "figure"] == ["removed", "extracted"]
    # A draft that states the figure stands.
    raw = "The minister condemned the port for refusing to take back 1,000 captured sailors [1]."
    assert "figure" not in {d.rule for d in guard("Why were 1,000 sailors abandoned?", passages, raw).decisions}
    # So does one that gives the reason asked, without repeating the figure.
    reason = "Many of the captured sailors joined the navy because they were paid more there."
    passages = [made_up(1, "a", f"{reason} The minister said 1,000 captured sailors had joined the navy.")]
    result = guard("Why did 1,000 captured sailors join the navy?", passages, reason.replace(".", " [1]."))
    assert "figure" not in {d.rule for d in result.decisions}


def test_a_number_that_names_the_thing_asked_about_is_no_figure_to_state() -> None:
    """ "Starfall Legends 2" names a game: the draft that dates it answers, though no sentence beside it says
    "2" again (the figure rule had put the title line in its place, which gives no date)."""
    text = "Digital. Starfall Legends 2. Digital bundle ... Release date: December 1, 2017 ..."  # as ingested
    passages = [made_up(1, "a", text)]
    result = guard("When was Starfall Legends 2 released?", passages, "Release date: December 1, 2017 [1].")
    assert "December 1, 2017" in result.answer and not result.refused
    assert "figure" not in {d.rule for d in result.decisions}
    assert analyse("Why did the port abandon 1,000 of its sailors?").marks == set()  # a count, no name


def test_a_second_question_of_another_kind_may_be_answered_alone() -> None:
    """ "Where did Lind go ..., and what did she say ...?": a sentence that says what she said answers, though it
    names no place (the where check had removed it, and the answer was a refusal)."""
    text = "Ana Lind, the fired port director, ripped the council for acting as judge and jury on the vote."
    question = "Where did the fired port director go after the council vote, and what did she say it should have done?"
    result = guard(question, [made_up(1, "a", text)], text.replace(".", " [1]."))
    assert result.answer == text.replace(".", " [1].")
    assert analyse(question).kind == "open"
    assert analyse("When was the debate held, and on which channel?").kind == "open"
    # two questions of one kind keep it, and so does one question with two verbs; the names still fix it
    assert analyse("Who won the race, and who came second?").kind == "who"
    assert analyse("Who scored the winning goal for the Herons and was named player of the match?").kind == "who"
    assert Constraint("name", "Ana Lind") in analyse("When did Ana Lind resign, and who replaced her?").constraints
    assert analyse("Did Ana Lind and Ivo Holm meet?").kind == "yes_no"


def test_what_a_speaker_cannot_say_is_not_credited_to_them() -> None:
    """ "Holm cannot say that '...,' Lind added, saying it should be up to the judge": Lind says it; Holm's
    negated cue credits him with nothing ("According to Holm, it should be up to the judge" was kept)."""
    text = (
        "Ivo Holm cannot say that “from his perspective,” Lind added, saying it should be “up to the judge to decide.”"
    )
    for raw in (
        "According to Ivo Holm, it should be up to the judge to decide [1].",
        'According to Ivo Holm, Lind added, saying it should be "up to the judge to decide" [1].',
    ):
        result = guard("What did Ivo Holm say about the port?", [made_up(1, "a", text)], raw)
        assert "According to Ivo Holm" not in result.answer
    raw = "According to Lind, it should be up to the judge to decide [1]."
    assert guard("What did Lind say about the port?", [made_up(1, "a", text)], raw).answer == raw
    # what he did not say supports neither it nor its opposite; what he did not just say, he said
    text = "Port director Ivo Holm did not say that the terminal would close."
    wrong = ("The terminal would close", "The terminal would not close", "According to Ivo Holm, it would not close")
    for raw in wrong:
        assert guard("Will the terminal close?", [made_up(1, "a", text)], f"{raw} [1].").answer != f"{raw} [1]."
    text = "Port director Ivo Holm didn't just say that the terminal would close; he promised it."
    result = guard("Will the terminal close?", [made_up(1, "a", text)], "The terminal would not close [1].")
    assert result.answer == text.replace(".", " [1].")


def test_a_speakers_words_from_a_chunk_that_never_names_the_topic_do_not_answer() -> None:
    """ "What has Holm said about Manafort's work in Ukraine?": Holm's words on a prosecutor, in a chunk that names
    neither Manafort nor Ukraine, are about something else (they were kept as the speaker's words)."""
    text = "Comey cannot judge the case, Ivo Holm added, saying it should be up to the prosecutor to decide."
    raw = "Ivo Holm said it should be up to the prosecutor to decide [1]."
    question = "What has Ivo Holm said publicly about Manafort's work in Ukraine?"
    assert guard(question, [made_up(1, "a", text)], raw).refused
    # from a chunk that names the topic they may say "it" for it
    text = f"Manafort's work in Ukraine drew questions. {text}"
    assert not guard(question, [made_up(1, "a", text)], raw).refused
    assert not guard("What has Ivo Holm said about the case?", [made_up(1, "a", text)], raw).refused


def test_a_when_answer_that_gives_only_the_year_gets_the_day() -> None:
    passages = [
        made_up(1, "a", "Starfall Legends was released in 2020 on the Switch."),
        made_up(2, "b", "Starfall Legends was released worldwide on May 29, 2020."),
    ]
    result = guard("When was Starfall Legends released?", passages, "Starfall Legends was released in 2020 [1].")
    assert result.answer.startswith("Starfall Legends was released worldwide on May 29, 2020 [1].")
    assert "released in 2020 [" in result.answer
    assert [d.rule for d in result.decisions if d.action == "added"] == ["precision"]
    # The day of another year is a disagreement, not a sharper date.
    passages[1] = made_up(2, "b", "Starfall Legends was released worldwide on May 29, 2012.")
    result = guard("When was Starfall Legends released?", passages, "Starfall Legends was released in 2020 [1].")
    assert "precision" not in {d.rule for d in result.decisions}
    # A day without its year gets the sentence that gives the year.
    passages = [
        made_up(1, "a", "Starfall Legends came out in Japan on April 29."),
        made_up(2, "b", "Starfall Legends was released in Japan on April 29, 2015."),
    ]
    result = guard("When was Starfall Legends released in Japan?", passages, "It came out on April 29 [1].")
    assert result.answer.startswith("Starfall Legends was released in Japan on April 29, 2015 [1].")


def test_a_value_of_a_verb_said_of_another_thing_is_no_rival_answer() -> None:
    """ "Finals 2021 location": Chicago is where the league voted, Los Angeles where the game was moved from;
    the article that moves it to Tampa agrees with the one that plays it in Tampa."""
    passages = [
        made_up(1, "a", "The Grand Finals 2021 will take place at Bayside Arena in Tampa, Florida.", "Herald"),
        made_up(
            2,
            "b",
            "The league voted at its meeting in Chicago to move the Grand Finals, which will take place in "
            "February 2021, from Los Angeles to Tampa.",
            "Post",
        ),
    ]
    question = analyse("Grand Finals 2021 location")
    assert "Chicago" not in [v.text for v in values(question, passages)]
    assert value_conflict(question, passages) is None
    passages[1] = made_up(2, "b", "The Grand Finals 2021 will take place at Bayside Arena in Glendale, Arizona.")
    assert value_conflict(question, passages) is not None


def test_one_name_spelt_two_ways_is_no_disagreement() -> None:
    """ "Christophe Gans" and "Cristophe Gans" are one director misspelt; "Ada Roe" and "Ida Lowe" are two."""
    question = analyse("Who directed the Harbour film?")
    text = "The Harbour film was directed by {}."
    passages = [made_up(1, "a", text.format("Christophe Gans")), made_up(2, "b", text.format("Cristophe Gans"))]
    assert value_conflict(question, passages) is None
    passages = [made_up(1, "a", text.format("Ada Roe")), made_up(2, "b", text.format("Ida Lowe"))]
    assert value_conflict(question, passages) is not None
    # A place with a word left out is one place: "Tampa, Florida" and "Tampa Bay, Florida".
    assert same_value(value_key("Tampa, Florida", "place"), value_key("Tampa Bay, Florida", "place"))
    assert not same_value(value_key("Tampa, Florida", "place"), value_key("Glendale, Arizona", "place"))


def test_a_passage_that_names_no_year_is_of_the_year_it_was_published() -> None:
    undated = replace(made_up(1, "a", "Barty finishes the year as the world No. 1."), published="2020-11-16")
    assert "2020" in undated.evidence
    dated = replace(made_up(1, "a", "Barty finished 2019 as the world No. 1."), published="2020-11-16")
    assert "2020" not in dated.evidence
    draft = Draft(question="Who finished 2020 as world No. 1?", passages=[undated, dated], words=Words())
    assert draft.answering_passages() == [undated]


def test_a_chunk_states_what_its_paragraph_says_before_it_but_cites_only_itself() -> None:
    """A chunk that opens mid-paragraph after "Flu cases in Ohio passed 600" answers "Where in Ohio did
    officials find a flu case?": the paragraph's sentences before it count for the facts asked, not as text
    to cite; another paragraph's do not count."""
    text = (
        "Officials met in Columbus on Friday. The governor spoke in Ohio.\n\n"
        "Flu cases in Ohio passed 600. On Tuesday, officials found a flu case in Lake County. "
        "The county closed two schools.\n\nOfficials in Texas found no case."
    )
    nodes = chunk_article(Article("a", Path("a.txt"), text, hashlib.sha256(text.encode()).hexdigest()))
    node = next(n for n in nodes if n.get_content().startswith("On Tuesday"))
    assert node.metadata["before"] == "Flu cases in Ohio passed 600."  # not the paragraph before's
    chunk = Passage.from_span(1, node, node.start_char_idx, node.end_char_idx, 0.8)
    draft = Draft(question="Where in Ohio did officials find a flu case?", passages=[chunk], words=Words())
    assert draft.answering_passages() == [chunk] and "Ohio" not in chunk.text
    assert next(s.text for s in chunk.sentences()).startswith("On Tuesday")


def test_a_sentence_that_points_back_to_the_thing_asked_gives_its_date() -> None:
    """ "It was announced on ..." after a sentence naming the phone: the passage states what the question fixes,
    and the date bound to the asked verb is the value, not the date of the verb beside it ("released on")."""
    announced = "The Nimbus 5a is the company's cheapest phone. It was announced on {} and released on August 26."
    passages = [
        made_up(1, "a", announced.format("August 17, 2021"), "Herald"),
        made_up(2, "b", announced.format("August 17, 2011"), "Post"),
    ]
    question = analyse("When was the Nimbus 5a announced?")
    assert [v.text for v in values(question, passages)] == ["August 17, 2021", "August 17, 2011"]
    assert not gives_type("The company announced the Nimbus 4a and Nimbus 5 in October 2020.", question)
    assert gives_type("The company announced the Nimbus 5a in August 2021.", question)


def test_the_same_answer_in_other_words_is_no_disagreement() -> None:
    """A name written family name first, a nationality describing the person, a possessive: one answer. Another
    verb of the same relation ("cast ... to portray" for "starring as") still answers."""
    question = analyse("Who is starring as Hua Lan in the film?")
    cast = "Chinese-American actress {} was cast in the film to portray the titular role of Hua Lan."
    starring = "The film, starring Zhang Wei as Hua Lan."
    same = [made_up(1, "a", cast.format("Wei Zhang"), "Herald"), made_up(2, "b", starring, "Post")]
    assert value_conflict(question, same) is None
    rivals = [made_up(1, "a", cast.format("Wei Zhang"), "Herald"), made_up(2, "b", cast.format("Li Na Chen"), "Post")]
    assert [v.text for v in value_conflict(question, rivals) or ()] == ["Wei Zhang", "Li Na Chen"]
    directed = [
        made_up(1, "a", "Harbour Lights is a 2006 horror film directed by Pierre Morel and written by Luc Besson."),
        made_up(2, "b", "French director Pierre Morel's adaptation of the Harbour Lights game is visually inspired."),
    ]
    assert value_conflict(analyse("Who is the director of the Harbour Lights movie?"), directed) is None


def test_a_headline_states_the_facts_asked_for_every_sentence_of_its_article() -> None:
    """ "Ada Roe wins Best Pilot" under "The 12th Harbour Awards | 2020" answers "... at the 12th Harbour Awards"
    and, told with another winner under the same headline, disagrees; a sentence that names another ordinal
    of its own ("at the 11th") is about that one."""
    question = "Which pilot won Best Pilot at the 12th Harbour Awards Ceremony?"
    title = "The 12th Harbour Awards | 2020"
    a = replace(made_up(1, "a", "Ada Roe wins Best Pilot", outlet="Coastal Herald"), title=title)
    b = replace(made_up(2, "b", "Ivo Brandt wins Best Pilot", outlet="City Post"), title=title)
    draft = Draft(question=question, passages=[a, b], words=Words())
    assert draft.answering_passages() == [a, b]
    disputed = value_conflict(analyse(question), [a, b])
    assert disputed is not None and {disputed[0].text, disputed[1].text} == {"Ada Roe", "Ivo Brandt"}
    eleventh = "Ivo Brandt won Best Pilot at the 11th Harbour Awards"
    b = replace(made_up(2, "b", eleventh, outlet="City Post"), title=title)
    assert value_conflict(analyse(question), [a, b]) is None
    # Without the headline, the sentence does not say which ceremony.
    assert value_conflict(analyse(question), [replace(a, title=""), replace(b, title="")]) is None


def test_the_object_of_a_verb_above_the_asked_one_did_not_do_it() -> None:
    """ "Mira Holm beat Ivo Brandt to win Best Pilot": Brandt lost; Holm, the subject, won."""
    question = analyse("Who won Best Pilot at the 2021 Harbour Awards?")
    sentence = "Mira Holm beat Ivo Brandt to win Best Pilot at the 2021 Harbour Awards."
    assert [v.text for v in values(question, [made_up(1, "a", sentence)])] == ["Mira Holm"]


def test_a_quarter_of_the_year_is_a_constraint_written_either_way() -> None:
    """ "Q3" is met by "third quarter" or "third-quarter", not by "fourth-quarter"; it is no unknown name."""
    from rag.policy.refusal import unknown_names

    question = analyse("What was Zorvex's revenue in Q3 2019?")
    assert question.unmet("Zorvex reported third-quarter revenue of $6.3 billion for 2019.") == []
    assert question.unmet("Zorvex's revenue in the third quarter of 2019 was $6.3 billion.") == []
    assert [c.text for c in question.unmet("Zorvex reported fourth-quarter revenue in 2019.")] == ["Q3"]
    assert unknown_names("What was Zorvex's revenue in Q3 2019?", {"zorvex": 1}) == []


def test_an_initialism_is_known_when_the_articles_write_its_words_out() -> None:
    """ "How many cases is the HPA tracking?" over an article that names "the Harbour Port Authority" and
    never "HPA" asks about a body the articles mention; "the HTA" they do not."""
    from rag.policy.refusal import unknown_names
    from rag.question import initialisms

    text = "The Harbour Port Authority is tracking 189 cases, officials at the Centers for Disease Control said."
    vocabulary = {w.lower(): 1 for w in text.replace(",", "").replace(".", "").split()}
    known = frozenset(initialisms(text))
    assert {"HPA", "CDC"} <= known
    assert unknown_names("How many cases is the HPA tracking?", vocabulary, known) == []
    assert unknown_names("What did the CDC say?", vocabulary, known) == []
    assert unknown_names("How many cases is the HTA tracking?", vocabulary, known) == ["HTA"]


def test_a_year_question_wants_a_year_not_a_season() -> None:
    """ "What year did Ada Lind become mayor?" is not answered by "As a summer intern, Ada Lind ..." (a date
    to the tagger, no year); "in 2014" and "last year" answer it."""
    question = "What year did Ada Lind become mayor?"
    summer = "As a summer intern at a Harbour law firm, Ada Lind said she was asked to give a talk."
    assert guard(question, [made_up(1, "a", summer)], summer).refused
    for text in (
        "Ada Lind became mayor in 2014.",
        "Ada Lind became mayor last year.",
        "Ada Lind became mayor in the 1990s.",
    ):
        answer = guard(question, [made_up(1, "a", text)], text)
        assert not answer.refused and answer.answer.startswith("Ada Lind became mayor"), answer.answer


def test_who_said_a_quotation_is_answered_by_its_speaker_whatever_the_verb_of_speech() -> None:
    """ "Who joked about building a wall around the port?" asks who said it: the quotation's speaker
    answers, though no sentence has "joke"."""
    text = "“Maybe, we can build a wall around the port.” ― Ivo Holm."
    answer = guard("Who joked about building a wall around the port?", [made_up(1, "a", text)], text)
    assert "Ivo Holm" in answer.answer and not answer.refused, answer.answer


def test_names_joined_by_a_hyphen_are_known_when_each_is() -> None:
    """ "the Lind-Holm debates" asks about two people the articles name apart; "Lind-Vesk" names one they
    do not. A question's constraint is met by both names in any order."""
    from rag.policy.refusal import unknown_names

    vocabulary = {"lind": 1, "holm": 1, "debates": 1}
    assert unknown_names("Who moderated the Lind-Holm debates?", vocabulary) == []
    assert unknown_names("Who moderated the Lind-Vesk debates?", vocabulary) == ["Lind-Vesk"]
    question = analyse("Who moderated the Lind-Holm debates?")
    assert question.unmet("Jo Park moderated the debates between Holm and Lind.") == []


def test_a_theme_word_may_be_a_synonym() -> None:
    """ "Best Animated Feature" is "Best Animated Film"; "Best Supporting Actor" is not "Best Actor"."""
    film = analyse("Which film won Best Animated Film at the 2020 Harbour Prize?")
    assert states_relation(nlp.parse("Tidewater won Best Animated Feature at the 2020 Harbour Prize."), film)
    actor = analyse("Which actor won Best Supporting Actor at the Harbour Awards?")
    assert not states_relation(nlp.parse("Ivo Brandt wins Best Actor at the Harbour Awards."), actor)


def test_a_role_its_holder_leaves_does_not_answer_who_holds_it() -> None:
    """ "Stepping down as CEO" says who no longer is the CEO; "replaced Bogle as CEO" says who is."""
    question = analyse("Who is the new CEO of Zorvex?")
    assert not gives_type("Zorvex founder Ana Lind announced that she was stepping down as CEO.", question)
    assert not gives_type("Ana Lind resigned as CEO of Zorvex in 1996.", question)
    assert gives_type("Mira Holm replaced Ana Lind as CEO of Zorvex.", question)
    # a role over a kind of thing is no role of the thing asked
    question = analyse('Who is the director of "Tidewater"?')
    assert not gives_type("Ivo Brandt, a director of music videos whose work included Tidewater, died.", question)
    assert gives_type("Ivo Brandt, the director of the film, spoke about Tidewater.", question)
    assert gives_type("Director of photography Ivo Brandt spoke about Tidewater.", question)


def test_a_name_in_quotation_marks_is_a_title_not_a_person() -> None:
    """ "'Tidewater' took best picture and director" names a film; the tagger may read it as a person."""
    question = analyse("Which director won Best Director at the 12th Harbour Awards?")
    sentence = "'Nomadland' took best picture, director and actress at the 12th Harbour Awards."
    assert values(question, [made_up(1, "a", sentence)]) == []


def test_a_headline_noun_of_the_kind_asked_names_no_one() -> None:
    """ "Judge rejects Harbour Times request ..." says a judge did it, not which: a headline capitalises the
    noun, and the tagger reads it as a name."""
    question = analyse("Which judge rejected the Harbour Times request to unseal the Lind divorce file?")
    assert question.kind_asked == "judge"
    assert not gives_type("Judge rejects Harbour Times request to unseal Lind divorce file.", question)
    assert gives_type("Superior Court Justice Ivo Brandt rejected the request on Thursday.", question)
    assert not analyse("Who rejected the request?").asks_which
    # a role only a person holds is no newspaper's, though a who question may be answered by one
    question = analyse("Which judge rejected the request to unseal the Lind divorce file?")
    assert question.labels == {"PERSON"}
    assert not gives_type("Judge rejects New York Times request to unseal Lind divorce file.", question)
    assert "ORG" in analyse("Who rejected the request to unseal the Lind divorce file?").labels


def test_a_frame_stacked_on_a_subject_that_names_the_speaker_is_replaced() -> None:
    """ "According to Ana Lind, Zorvex founder Ana Lind announced ...": the passage sentence says it once."""
    text = "Zorvex founder Ana Lind announced that she was stepping down as chair."
    raw = "According to Ana Lind, Zorvex founder Ana Lind announced that she was stepping down as chair [1]."
    result = guard("What did Ana Lind announce?", [made_up(1, "a", text)], raw)
    assert result.answer.startswith("Zorvex founder Ana Lind announced"), result.answer
    assert any(d.rule == "attribution" and d.reason == "names its speaker twice" for d in result.decisions)


def test_an_ordinal_word_is_stated_with_its_noun() -> None:
    """ "The first season": "Season 1", "Season One" and "the first full season" state it; "First Look: ...
    Season 7" and "you'll see it here first" do not."""
    question = analyse("When will the first season of The Blacklist premiere?")
    for text in ["Season 1 of The Blacklist", "Season One of The Blacklist", "The Blacklist's first full season"]:
        assert not question.unmet(text), text
    for text in ["First Look: The Blacklist Season 7.", "You'll see it here first. The Blacklist season 10 airs."]:
        assert question.unmet(text), text


def test_a_person_of_the_topic_does_not_answer_who_holds_a_role() -> None:
    """ "Who is the Harbour Cup winner?" asks for the holder of a role: a sentence that names the role, a
    synonym or a verb it is made from ("wins"), with the holder, answers; one that names a person of the topic
    ("takes the Maxwell Award") does not, and the sentence of the chunk that does answers instead."""
    role = asked_role("Who is the 2019 Harbour Cup winner?")
    assert role == Role("winner", "2019 Harbour Cup")
    assert asked_role("Who was the runner-up of the 2019 Harbour Cup?") == Role("runner-up", "2019 Harbour Cup")
    assert asked_role("Who is Ana Lind?") is None
    assert asked_role("Who is Mykola Harbets?") is None  # a name the tagger reads as a common noun
    for sentence, states in [
        ("Ivo Brandt takes the Maxwell Award in 2019.", False),
        ("Mira Holm wins the 2019 Harbour Cup.", True),
        ("Mira Holm, the 2019 Harbour Cup winner, retired.", True),
        ("Mira Holm won the Maxwell Award.", False),
    ]:
        assert states_role(nlp.parse(sentence), role) is states, sentence
    runner_up = asked_role("Who was the runner-up of the 2019 Harbour Cup?")
    assert states_role(nlp.parse("The Zorvex team were runners-up at the 2019 Harbour Cup."), runner_up)
    assert not states_role(nlp.parse("Zorvex added the 2019 Harbour Cup to its trophies."), runner_up)
    ceo = asked_role("Who is the CEO of Zorvex?")
    assert states_role(nlp.parse("Zorvex's chief executive Ana Lind said so."), ceo)
    president = asked_role("Who is the president of Zorvex?")
    assert states_role(nlp.parse("Zorvex President Ana Lind met the harbour board."), president)
    # a role qualified otherwise than asked is another role: the vice president, a former or de facto one
    for sentence in ("Ana Lind, the vice president of Zorvex, spoke.", "Ana Lind is Zorvex's de facto leader."):
        assert not states_role(nlp.parse(sentence), president), sentence
    kind = "The Ana Lind Center maintains a program to develop young political leaders in Zorvex."
    assert not states_role(nlp.parse(kind), president)
    # the holder named in another clause than a relative clause's role: Zorvex's president is not named
    other = '"They saw Zorvex as a country under pressure," said Ivo Brandt, who served under President Mira Holm.'
    assert not states_role(nlp.parse(other), president)
    assert states_role(nlp.parse("Ivo Brandt, who served Zorvex as its president, retired."), president)
    assert states_role(nlp.parse("Zorvex, whose president Mira Holm took office in 2016, grew."), president)
    assert states_role(nlp.parse("Zorvex is led by Mira Holm, who was elected president in 2016."), president)
    vice = asked_role("Who is the vice president of Zorvex?")
    assert states_role(nlp.parse("Ana Lind, the vice president of Zorvex, spoke."), vice)
    assert not states_role(nlp.parse("Ana Lind, the president of Zorvex, spoke."), vice)
    # a holder's name is met as a constraint's is ("Ukrainian" for "Ukraine")
    commissioner = asked_role("Who is Ukraine's human rights commissioner?")
    assert states_role(
        nlp.parse("Ukrainian Parliament Commissioner for Human Rights, Dmytro Lubinets, noted it."), commissioner
    )
    # a speaker is named in the frame the attribution rule restores: "Who were TASS's sources?" is no role
    text = "According to TASS, Ivan Petrov said over 1,000 former servicemen have joined four units."
    sources = guard("Who were TASS's sources for the report?", [made_up(1, "a", text)], f"{text} [1]")
    assert not sources.refused and not any(d.rule == "relation" for d in sources.decisions)
    # a role of a body that speaks ("intelligence") is still a role asked
    text = "The Main Intelligence Directorate of Russia has identified at least 62 soldiers."
    assert guard(
        "Who is the head of the Main Intelligence Directorate?", [made_up(1, "a", text)], f"{text} [1]"
    ).refused
    # the head of an organisation goes by other titles: a league's commissioner is its head
    president = asked_role("Who is the president of the Harbour League?")
    assert states_role(nlp.parse("Ana Lind is the commissioner of the Harbour League."), president)
    assert not states_role(nlp.parse("Ana Lind is the treasurer of the Harbour League."), president)
    # a country's offices have one title each: its leader is not its president
    president = asked_role("Who is the president of Norway?")
    assert president is not None and president.of_place
    assert states_role(nlp.parse("Ana Lind, the president of Norway, spoke."), president)
    assert not states_role(nlp.parse("Ana Lind, the leader of Norway, spoke."), president)
    # a role of a common noun is held by the one its capitalised words name; an army's commander is its chief
    commander = asked_role("Who is the commander of the Norwegian army?")
    assert commander == Role("commander", "Norwegian")
    assert states_role(nlp.parse("According to the Army Chief of Norway, Tom Walsh, the army advanced."), commander)
    assert not states_role(nlp.parse("Norwegian President Peter Hall installed a military command post."), commander)
    president = asked_role("Who is the president of Norway?")
    assert not states_role(nlp.parse("According to the Army Chief of Norway, Tom Walsh, it advanced."), president)
    # a role in a work: its lead stars in it; another part in it is no lead
    lead = asked_role("Who is the lead actress in The Shape of Tides?")
    assert lead == Role("actress", "Shape Tides")
    assert states_role(nlp.parse("Ana Lind stars in The Shape of Tides."), lead)
    assert not states_role(nlp.parse("Ivo Brandt was chosen to portray the Tide Man in The Shape of Tides."), lead)
    # nor does a sentence that does not name the role give a value that disagrees
    question = "Who is the lead actress in The Shape of Tides?"
    shown = made_up(1, "a", "The Shape of Tides, directed by Guillermo Vell, received 13 nominations.", outlet="x")
    other = made_up(2, "b", "Ivo Brandt was chosen to portray the Tide Man in The Shape of Tides.", outlet="y")
    assert value_conflict(analyse(question), [shown, other]) is None
    text = "2019 Harbour Awards: Ivo Brandt takes the Maxwell Award. Mira Holm wins the 2019 Harbour Cup."
    result = guard("Who is the 2019 Harbour Cup winner?", [made_up(1, "a", text)], "Ivo Brandt [1].")
    assert "Mira Holm wins the 2019 Harbour Cup" in result.answer and "Ivo Brandt" not in result.answer


def test_a_sentence_two_articles_state_word_for_word_is_written_once() -> None:
    """Two snippets that share "Mira Holm wins the 2019 Harbour Cup." give one sentence citing both."""
    text = "Mira Holm wins the 2019 Harbour Cup."
    passages = [made_up(1, "a", text), made_up(2, "b", text)]
    raw = "Mira Holm wins the 2019 Harbour Cup [1]. Mira Holm wins the 2019 Harbour Cup. [2]"
    result = guard("Who won the 2019 Harbour Cup?", passages, raw)
    assert result.answer == "Mira Holm wins the 2019 Harbour Cup [1][2]."


def test_a_body_that_can_be_cited_is_no_speaker_asked_when_the_question_s_verb_acts_on_it() -> None:
    """ "Who leads the Zorvex intelligence service?" asks who leads it: a sentence in which that service
    reports something names no leader, so it is refused, not taken for the service's source."""
    text = "According to Harbour News, the Zorvex intelligence service has raised alarms about defections."
    result = guard("Who leads the Zorvex intelligence service?", [made_up(1, "a", text)], f"{text} [1]")
    assert result.refused
    text = "Ana Lind leads the Zorvex intelligence service."
    assert not guard("Who leads the Zorvex intelligence service?", [made_up(1, "a", text)], f"{text} [1]").refused


def test_a_claim_of_an_outlet_s_sources_names_the_sources_not_the_outlet_alone() -> None:
    """ "AFP sources say ..." is told by AFP's sources: "According to AFP, ..." names the outlet and drops who
    says it, so the frame is restored in full; a draft that names both stays as it is."""
    text = "AFP sources say over 1,000 former servicemen have joined four combat units."
    question = "How many former servicemen have joined combat units?"
    claim = "over 1,000 former servicemen have joined four combat units"
    answer = guard(question, [made_up(1, "a", text)], f"According to AFP, {claim} [1].")
    assert [s.text for s in answer.sentences] == [f"According to AFP, citing sources, {claim}."]
    answer = guard(question, [made_up(1, "a", text)], f"According to AFP sources, {claim} [1].")
    assert [s.text for s in answer.sentences] == [f"According to AFP sources, {claim}."]


def test_what_someone_said_is_answered_with_their_words_on_the_topic_asked() -> None:
    """ "What did Ana Lind say about the soldiers?" wants her words on the soldiers: the sentence beside them
    that says what the article makes of them is replaced by the one that carries them; a sentence of hers on
    another topic does not answer either."""
    question = analyse("What did Ana Lind say about Zorvex's soldiers?")
    assert (question.speaker, question.topic) == ("Ana Lind", "soldier")
    assert analyse("Who said the soldiers defected?").speaker is None  # asks who spoke
    assert analyse("What did officials say about the talks?").speaker is None  # names no one
    text = (
        "Ana Lind condemned Zorvex for refusing to repatriate 1,000 captured soldiers. "
        "Her comments underscored a broader narrative about the war. Ana Lind said the harbour would reopen."
    )
    passages = [made_up(1, "a", text)]
    answer = guard(question.text, passages, "Her comments underscored a broader narrative about the war [1].")
    assert [s.text for s in answer.sentences] == [
        "Ana Lind condemned Zorvex for refusing to repatriate 1,000 captured soldiers."
    ]
    assert [d.action for d in answer.decisions if d.rule == "speaker"] == ["removed", "extracted"]
    # a title before the name: the surname alone names the speaker
    titled = analyse("What did Finance Minister Ana Lind say about Zorvex's soldiers?")
    text = "Lind said the soldiers had been abandoned."
    assert guard(titled.text, [made_up(1, "a", text)], f"{text} [1]").answer.startswith("Lind said")
    assert analyse("What did Ana Lind say on Monday?").topic is None  # when she spoke is no topic
    # her words on the topic stay, and so does what she goes on to say
    raw = "Ana Lind said the servicemen had been abandoned [1]. She added that they were tired [1]."
    passages = [made_up(1, "a", "Ana Lind said the servicemen had been abandoned. She added that they were tired.")]
    assert len(guard(question.text, passages, raw).sentences) == 2


def test_what_someone_told_a_listener_is_answered_with_what_they_told_that_listener() -> None:
    """ "What did Ana Lind tell the Harbour Gazette?" wants her words to the Gazette, not another thing she
    said; the object of "tell" is the listener, not the topic, and "about" gives the topic."""
    question = analyse("What did Ana Lind tell the Harbour Gazette?")
    assert (question.speaker, question.topic, question.listener) == ("Ana Lind", None, "Harbour Gazette")
    told = analyse("What did Ana Lind tell reporters about the soldiers?")
    assert (told.topic, told.listener) == ("soldier", "reporters")
    assert analyse("What did Ana Lind say about the soldiers?").listener is None
    text = (
        "Ana Lind said the delegation complied with police orders and left the area. "
        "“We were there under legitimate pretenses,” Ana Lind told the Harbour Gazette."
    )
    raw = "Ana Lind said the delegation complied with police orders and left the area [1]."
    answer = guard(question.text, [made_up(1, "a", text)], raw)
    assert [s.text for s in answer.sentences] == [
        "“We were there under legitimate pretenses,” Ana Lind told the Harbour Gazette."
    ], answer.answer
    # a sentence that names the listener but tells them nothing is not what was told them
    assert not tells("Ana Lind, opening the Harbour Gazette building, said it would tell a story.", "Harbour Gazette")
    # one speaks to a listener in an interview or "speaking to" them as well as by telling them
    assert tells("Ana Lind said in an interview with the Harbour Gazette that it was over.", "Harbour Gazette")
    assert tells("Speaking to the Harbour Gazette, Ana Lind said it was over.", "Harbour Gazette")
    assert not tells("Ana Lind spoke about the Harbour Gazette in a speech.", "Harbour Gazette")


def test_a_figure_asked_as_done_is_not_answered_by_a_goal() -> None:
    """ "How much did the drive end up bringing in?" is not answered by "a campaign to raise $5,000" (what
    it is for, not what came of it); "How much does the drive hope to raise?" is, and "the first player to
    score 50 goals" did score them."""
    goal = "Echo Books is now running a Kickstarter campaign to raise $5,000 to pay for a small print run."
    question = "How much did Echo Books' Kickstarter drive end up bringing in?"
    answer = guard(question, [made_up(1, "a", goal)], f"{goal[:-1]} [1].")
    assert answer.refused, answer.answer
    assert [d.reason for d in answer.decisions if d.rule == "realised"] == ["gives its figures only as a goal"]
    aim = guard("How much does Echo Books' Kickstarter drive hope to raise?", [made_up(1, "a", goal)], goal)
    assert "$5,000" in aim.answer, aim.answer
    assert not figures_only_as_goals("Ana Lind was the first player to score 50 goals in a season.")


def test_a_done_event_is_not_answered_by_a_sentence_that_only_wants_or_expects_it() -> None:
    """ "How many people signed up?" is not answered by "Ana Lind wants to sign up 5 million people": the
    sentence holds a figure and the question's words, but the sign-ups are only wanted. A date announced
    ahead still answers when a thing happened, and "the first qualifier to win" did win."""
    wanted = "Ana Lind wants to sign up 5 million people, focusing on people under 30."
    answer = guard("How many people signed up for the harbour exchanges?", [made_up(1, "a", wanted)], wanted)
    assert answer.refused, answer.answer
    assert [d.action for d in answer.decisions if d.rule == "realised"] == ["removed"]
    done = "About 12 million people signed up for the harbour exchanges."
    answer = guard("How many people signed up for the harbour exchanges?", [made_up(1, "a", done)], done)
    assert answer.answer.startswith("About 12 million people signed up"), answer.answer
    # a question about intentions asks for them
    answer = guard("What does Ana Lind want to do?", [made_up(1, "a", wanted)], wanted)
    assert not answer.refused, answer.answer
    announced = "Tidewater will be released on March 20, 2020."
    answer = guard("When was Tidewater released?", [made_up(1, "a", announced)], announced)
    assert "March 20, 2020" in answer.answer, answer.answer
    first = "Ana Lind became the first qualifier in the Open Era to win a major title in 2021."
    answer = guard("Who won a major title in 2021?", [made_up(1, "a", first)], first)
    assert answer.answer.startswith("Ana Lind became"), answer.answer
    # a bare "to"-clause is told as done; a future is no answer to who won
    rallied = "Ana Lind rallied to win the Harbour Cup in 2019."
    answer = guard("Who won the Harbour Cup in 2019?", [made_up(1, "a", rallied)], rallied)
    assert answer.answer.startswith("Ana Lind rallied"), answer.answer
    forecast = "Ana Lind will win the Harbour Cup in 2019, pundits said."
    assert guard("Who won the Harbour Cup in 2019?", [made_up(1, "a", forecast)], forecast).refused
    # a denied event did not happen; one "not ... until" a date did then
    denied = "Ana Lind did not win the Harbour Cup in 2019."
    assert guard("Who won the Harbour Cup in 2019?", [made_up(1, "a", denied)], denied).refused
    late = "Tidewater was not released until March 20, 2020."
    answer = guard("When was Tidewater released?", [made_up(1, "a", late)], late)
    assert "March 20, 2020" in answer.answer, answer.answer
    # a granted request is carried out; one only made or denied is not
    granted = "On May 3 the court granted a request by the port to put the harbour levy on hold."
    answer = guard("When did the court put the harbour levy on hold?", [made_up(1, "a", granted)], granted)
    assert "May 3" in answer.answer and not answer.refused, answer.answer
    for text in (
        "On May 3 the port filed a request to put the harbour levy on hold.",
        "On May 3 the court did not grant a request to put the harbour levy on hold.",
        "On May 3 the court said it may grant a request to put the harbour levy on hold.",
    ):
        assert guard("When did the court put the harbour levy on hold?", [made_up(1, "a", text)], text).refused


def test_a_how_many_answer_keeps_to_figures_of_the_people_counted() -> None:
    """ "How many middle-income Zorvexians ...?" counts a people named by a proper noun: a nearby sentence
    whose only figure is "one of the most subsidized industries" counts industries, and is no answer."""
    question = "How many low- and middle-income Zorvexians would pay more under the plan?"
    assert analyse(question).counted == "zorvexians"
    text = (
        "Some residents would see their taxes rise under the plan. "
        "One study found the plan would raise taxes on 8 million low- and middle-income Zorvexians. "
        "It protects breaks for real estate, one of the most lavishly subsidized industries in the code."
    )
    answer = guard(question, [made_up(1, "a", text)], "Some residents would see their taxes rise under the plan [1].")
    assert "8 million" in answer.answer and "real estate" not in answer.answer, answer.answer


def test_what_someone_said_is_not_answered_with_someone_else_s_words() -> None:
    """With none of the speaker's words in the passages, another speaker's are no answer; a sentence that
    names the speaker as the doer of its main statement, or comes from their outlet, stays; one that names
    them in passing tells nothing they said."""
    question = "What did Ana Lind say about the court's decision?"
    text = '"We are pleased with the court\'s decision," harbour lawyer Marc Vey said.'
    answer = guard(question, [made_up(1, "a", text)], f"{text} [1]")
    assert answer.refused and not answer.sentences
    assert [d.action for d in answer.decisions if d.rule == "speaker"] == ["removed"]
    text = "Ana Lind left the courtroom without a word after the court's decision."
    assert guard(question, [made_up(1, "a", text)], f"{text} [1]").sentences
    text = "The court's decision, sought by Ana Lind, revoked the harbour licence."
    assert guard(question, [made_up(1, "a", text)], f"{text} [1]").refused
    # the parser may take a clause's noun for a speaker ("The bill ... would ... make decisions"): the name in
    # a clause about the source is no source
    text = (
        "The bill, also introduced in the Senate by Ana Lind, would require the harbour office to increase "
        "resources and make decisions on applications within 180 days."
    )
    assert guard(question, [made_up(1, "a", text)], f"{text} [1]").refused
    text = "According to Ana Lind, the harbour will appeal."  # her words, if not about the decision
    assert guard(question, [made_up(1, "a", text)], f"{text} [1]").sentences
    text = "The court's decision is a victory for the harbour, the editors wrote."
    assert guard(question, [made_up(1, "a", text, outlet="Ana Lind Weekly")], f"{text} [1]").sentences
    # what was announced asks for no one's words, though the parser may take the passive's subject for a doer
    assert analyse("When was Pixel 5a announced?").speaker is None


def test_a_figure_counts_the_noun_it_is_bound_to() -> None:
    """ "over 1,000 servicemen" counts soldiers; "four combat units" does not; "one of the sources" counts
    sources, not soldiers (a partitive counts the noun after "of")."""
    from rag.policy.asked import counts

    assert counts("Over 1,000 former servicemen have joined.", "soldiers")
    assert not counts("They joined four combat units.", "soldiers")
    assert counts("Three of the soldiers were freed.", "soldiers")
    assert not counts("One of the sources said so.", "soldiers")
    # people are counted by the lives taken or the victims as well
    assert counts("In taking 129 lives in half an hour, the attackers showed how deadly the guns are.", "people")
    assert counts("The flood had 12 victims.", "people")
    assert not counts("The flood destroyed 129 homes.", "people")
    # a year counts nothing, though the tagger misses it: "from 1991 to 2007"; an ordinal neither
    assert not counts("Roe served in the council from 1991 to 2007.", "amendments")
    assert not counts("The first lady greeted guests at the receptions.", "guests")
    assert counts("Roe passed 40 amendments from 1991 to 2007.", "amendments")
    # a figure after a hyphen is part of a word ("one-on-one", "COVID-19"), no count of anything
    assert not counts("''She was effective in one-on-one and small groups,'' said Ivo Holm.", "pastors")
    assert not counts("COVID-19 kept the pastors at home.", "pastors")
    assert counts("More than 300 pastors signed up.", "pastors")
    # a question for a price or a cost asks for a sum, not a share of it
    assert analyse("At what dollar price per share did the port's stock end up?").counted == "money"
    assert analyse("How much did the sea wall cost?").counted == "money"
    assert analyse("How much did the share price fall?").counted is None
    assert counts("The port's shares closed at $33.51 on Tuesday.", "money")
    assert counts("The wall cost 40 million euros.", "money")
    assert not counts("With a 51 percent plunge in the port's stock price, the pressure grows.", "money")


def test_how_long_asks_for_a_length_of_time() -> None:
    """ "How long did Ada Roe speak at the rally?" is answered by "for more than 45 minutes", not by the size of
    her crowd; "how long a list" asks no length of time."""
    from rag.policy.asked import counts

    question = "How long did Ada Roe speak at the Dover rally?"
    assert analyse(question).counted == "duration"
    assert analyse("How long a list did Ada Roe read?").counted is None
    assert counts("Roe spoke for half an hour.", "duration") and counts("Roe has served since 2006.", "duration")
    crowd = "At the Dover rally, Ada Roe gave a crowd of about 700 a ruminative endorsement of the mayor."
    assert guard(question, [made_up(1, "a", crowd)], f"{crowd} [1]").refused
    spoke = "At the Dover rally, Ada Roe spoke for more than 45 minutes."
    assert guard(question, [made_up(1, "a", spoke)], f"{spoke} [1]").answer.startswith("At the Dover rally")


def test_a_share_may_be_written_as_so_many_in_so_many() -> None:
    """ "1 in 4 residents", "one out of every five voters" give a share as surely as "25 percent"; a count
    before a year ("3 in 2010") gives none."""
    from rag.policy.asked import counts

    assert counts("The Harbour Post found that 1 in 4 residents lived in distressed areas in 2010.", "%")
    assert counts("One out of every five voters stayed home.", "%")
    assert not counts("Three in 2010 were hurt in the blast.", "%")
    assert not counts("Voters in 12 states went to the polls.", "%")
    assert counts("The defect affects 1 in 2,000 births.", "%")
    assert not counts("The storm killed 9 in 4 states.", "%")
    # "the most votes" is a superlative, not a share; "most voters" is one
    assert not counts("A right-wing candidate won the most votes, a rebuke to parties that ruled for 70 years.", "%")
    assert counts("Most voters in 12 states stayed home.", "%")


def test_a_younger_version_of_the_part_asked_is_another_part() -> None:
    """ "Who plays Captain Vell in Harbour Days?" is not answered by who plays "the young Captain Vell": the
    sentence is left out of the values, and it states no relation of the part asked, so alone it is refused."""
    question = analyse("Who will be playing the role of Captain Vell in Harbour Days?")
    young = "Thirteen-year-old Lilly plays the young Captain Vell in Harbour Days."
    assert not states_relation(nlp.parse(young), question)
    assert states_relation(nlp.parse("Ada Roe plays Captain Vell in Harbour Days."), question)
    passages = [
        made_up(1, "a", young),
        made_up(2, "b", "Ada Roe will reprise her role as Captain Vell in Harbour Days."),
    ]
    assert [v.text for v in values(question, passages)] == ["Ada Roe"]
    assert guard(question.text, passages[:1], f"{young} [1]").refused


def test_a_date_for_another_platform_is_another_release_not_a_disagreement() -> None:
    """ "Tidewater was released on April 20, 2018" and "Tidewater will be released to PC on January 14, 2022"
    date two releases; the same release dated two ways is a disagreement."""
    question = analyse("What is the release date of Tidewater?")
    launch = made_up(1, "a", "Tidewater was released on April 20, 2018.", outlet="Coastal Herald")
    port = made_up(2, "b", "Tidewater will be released to PC on January 14, 2022.", outlet="City Post")
    assert value_conflict(question, [launch, port]) is None
    rival = made_up(2, "b", "Tidewater was released on April 2, 2011.", outlet="City Post")
    assert value_conflict(question, [launch, rival]) is not None


def test_a_sentence_that_closes_a_quotation_starts_at_its_opening() -> None:
    # A made-up article: the senator's quotation runs over two sentences, which the splitter cuts apart.
    text = (
        "“You should step down. You should repay the bonus you took while the fraud went on,” Senator Ruth Alder "
        "told the chief executive on Tuesday. The bank's shares fell."
    )
    tail = split_sentences(text)[1].text
    result = guard("What did Ruth Alder tell the chief executive?", [made_up(1, "a", text)], tail + " [1]")
    # One sentence, from the quotation's opening words to its speaker, with one marker at its end.
    assert result.answer.startswith("“You should step down. You should repay the bonus"), result.answer
    assert result.answer.endswith("on Tuesday [1]."), result.answer
    assert result.answer.count("[1]") == 1
    assert any(d.rule == "quotation" and d.action == "completed" for d in result.decisions)
    # A model that copied the whole quotation gets it once, not its opening twice.
    result = guard("What did Ruth Alder tell the chief executive?", [made_up(1, "a", text)], text.split(" The")[0])
    assert result.answer.count("You should step down") == 1, result.answer
    # A sentence that closes no quotation of its own is left as it is.
    whole = "Senator Ruth Alder said the bank's shares fell."
    result = guard("What did Ruth Alder say?", [made_up(1, "a", whole)], whole + " [1]")
    assert result.answer == "Senator Ruth Alder said the bank's shares fell [1]."


def test_a_sentence_two_passages_chunks_share_is_extracted_once() -> None:
    # Two passages cut from one chunk of a made-up article; the speaker's words are in the second and in the
    # chunk around the first, and are cited once, from the passage that holds them.
    text = "The senator questioned the bank's chief on Tuesday. “This is wrong,” Ruth Alder told the chief."
    node = TextNode(id_="a#0", text=text, start_char_idx=0, end_char_idx=len(text), metadata={"frames": "[]"})
    quote = text.index("“")
    passages = [Passage.from_span(1, node, 0, quote - 1, 0.8), Passage.from_span(2, node, quote, len(text), 0.7)]
    result = guard("What did Ruth Alder tell the chief?", passages, "The senator questioned the chief [1].")
    assert result.answer.count("This is wrong") == 1, result.answer
    assert len(result.citations) == 1 and result.citations[0].text.startswith("“This is wrong"), result.answer


def test_a_why_question_gets_the_reason_from_another_retrieved_chunk_of_the_article() -> None:
    # A made-up article in two chunks: the passage was cut from the first, which restates the topic; the
    # reason is in the second chunk, retrieved but with no sentence close enough to the question to be cut.
    first = "The candidate was escorted off the campus on Monday. She had boarded a bus for the media."
    second = "Campus police removed the candidate because she held no press credentials. She left quietly."
    text = f"{first}\n\n{second}"
    nodes = [
        TextNode(id_=f"a#{n}", text=part, start_char_idx=start, end_char_idx=start + len(part), metadata={})
        for n, (part, start) in enumerate([(first, 0), (second, len(first) + 2)])
    ]
    cut = Passage.from_span(1, nodes[0], 0, first.index(".") + 1, 0.9)
    question = "Why was the candidate removed from the campus?"
    draft = Draft(question=question, passages=[cut], words=Words(), best_similarity=0.9, retrieved=nodes)
    draft.raw = "The candidate was escorted off the campus on Monday [1]."
    POLICY.check_draft(draft)
    assert draft.answer.startswith("Campus police removed the candidate because"), draft.answer
    assert draft.citations[0].start == len(first) + 2 and text[draft.citations[0].start :].startswith("Campus")


def test_a_quotation_opens_where_the_sentences_since_never_close_more_than_they_open() -> None:
    text = '“We are thrilled. It is our best yet,” he said. The 65" set costs $2,000. “We will. We must.” He left.'
    sentences = split_sentences(text)
    assert [quotation_start(sentences, i) for i in range(len(sentences))] == [0, 0, 2, 3, 3, 5]
    # a closing quote after a quotation that has already closed opens nothing earlier
    text = "“We won. We earned it.” The coach left. It was late,” she said."
    sentences = split_sentences(text)
    assert quotation_start(sentences, len(sentences) - 1) == len(sentences) - 1


def test_a_sentence_that_announces_a_question_comes_with_the_quotation_after_it() -> None:
    # A made-up article in one chunk; the passage was cut to the announcing sentence, the question follows it.
    text = (
        "During a town hall, Mara Pell had a question for the governor.\n\n"
        "“My plant closed in May,” she said. “Why do you still refuse to fund retraining?”\n\n"
        "The governor promised a plan."
    )
    node = TextNode(id_="a#0", text=text, start_char_idx=0, end_char_idx=len(text), metadata={"frames": "[]"})
    announcing = text.index("\n")
    passages = [Passage.from_span(1, node, 0, announcing, 0.8)]
    result = guard("What did Mara Pell ask the governor?", passages, text[:announcing] + " [1]")
    assert "Why do you still refuse to fund retraining?" in result.answer, result.answer
    assert "promised" not in result.answer, result.answer
    assert any(d.rule == "announced" and d.action == "added" for d in result.decisions)
    # its words are the announcer's: no frame read across paragraphs credits them to the governor
    assert "According to" not in result.answer, result.answer


def test_only_a_bare_noun_for_something_said_announces_the_next_sentence() -> None:
    assert announces_next("During a town hall, Mara Pell had a question for the governor.")
    assert announces_next("The mayor wrote:")
    assert not announces_next("The governor answered the question.")  # the question named before
    assert not announces_next("It was a question of trust.")
    assert not announces_next("Pell had a message for voters: stay home.")  # the words are in it
    # an announcement followed by no quotation brings nothing
    text = "Mara Pell had a question for the governor. The governor left early."
    result = guard("What did Mara Pell ask?", [made_up(1, "a", text)], "Mara Pell had a question for the governor [1].")
    assert not any(d.rule == "announced" for d in result.decisions), result.answer


def test_a_who_question_about_whom_a_verb_acts_on_is_answered_by_a_common_noun() -> None:
    """ "Who does the program let obtain residency?" asks whom the program lets: "foreign investors", people
    named by a common noun, answer it as well as a name."""
    question = analyse("Who does the Harbor visa program let obtain residency?")
    assert gives_type("The Harbor visa program allows foreign investors to gain residency by funding ports.", question)
    assert not gives_type("The Harbor visa program started in 1990 to fund ports.", question)
    # a question about the doer still wants a name
    assert not gives_type("Foreign investors praised the program.", analyse("Who praised the Harbor visa program?"))


def test_a_figure_given_for_other_places_is_no_share_of_the_asked_one() -> None:
    question = analyse("What share of Nevada's population is Basque American?")
    assert not gives_type("Nearly 12% of the populations of Oregon and Idaho is Basque American.", question)
    assert gives_type("Nevada is about 1% Basque American.", question)
    assert gives_type("About 1% of the state is Basque American.", question)  # no place named: may be Nevada
    assert not gives_type("In Oregon the share exceeds 2%; with the Idaho border counties it approaches 3%.", question)
    # a place that describes something else binds no figure: "the nation" may be the one asked about
    people = analyse("How many people live in Chad?")
    assert gives_type("The move will spur greater U.S. investment in the nation of 17 million people.", people)


def test_an_age_answers_how_old_and_a_count_does_not() -> None:
    question = analyse("How old is Ada Roe?")
    assert gives_type("As the senior member, Roe, 54, has emerged as the front-runner.", question)
    assert gives_type("The 54-year-old Roe has emerged as the front-runner.", question)
    assert not gives_type("Roe is one of at least 707 candidates this year.", question)
    # the age beside a speaker's name is theirs, though it is in who says, not in what is said
    assert gives_type("Roe, 54, who has served for a decade, told reporters the plan is clear.", question)


def test_a_later_sentence_of_a_quotation_carries_its_speaker_s_words() -> None:
    # A made-up article in one chunk: the passage was cut to Roe's first quotation, which is not about the
    # plan; his words on it open the next quotation, which names no speaker of its own.
    text = (
        "“This is a sad day,” said Rep. A.B. Roe (D-Ohio), head of the caucus. “The plan is a fraud. By any "
        "measure, it is a fraud!” The vote is on Monday."
    )
    node = chunk_node("a", text)
    first = text.index("“The plan") - 1
    passages = [Passage.from_span(1, node, 0, first, 0.8)]
    result = guard("What did A.B. Roe call the plan?", passages, text[:first] + " [1]")
    assert "The plan is a fraud" in result.answer and "sad day" not in result.answer, result.answer
    assert result.answer.startswith("According to Rep. A.B. Roe"), result.answer
    assert result.answer.count("“") == result.answer.count("”"), result.answer  # its quotation closed


def test_a_sentence_cut_from_a_quotation_keeps_its_marks_at_both_ends() -> None:
    # where the words begin is not known after an attribution: the closing mark goes instead
    assert with_quotes_balanced("According to Ham, none of them gave the answer he wanted.”") == (
        "According to Ham, none of them gave the answer he wanted."
    )
    assert with_quotes_balanced("none of them gave the answer he wanted.”") == (
        "“none of them gave the answer he wanted.”"
    )
    assert with_quotes_balanced("“The plan is a fraud.") == "“The plan is a fraud.”"
    assert with_quotes_balanced('Roe: "The plan is a fraud') == 'Roe: "The plan is a fraud"'
    # a snippet's date header before a cut is no part of the words
    assert with_quotes_balanced("Apr 26, 2021 ... how vital play is,” Roe said.") == (
        "Apr 26, 2021 ... “how vital play is,” Roe said."
    )
    assert with_quotes_balanced("“Fine,” he said.") == "“Fine,” he said."
    assert with_quotes_balanced('The 65" set costs more.') == 'The 65" set costs more.'


def test_only_an_announcing_verb_and_noun_announce_and_only_people_answer_whom() -> None:
    for ordinary in (
        "The company faces a legal challenge.",
        "The team scored a point in overtime.",
        "Obama answered a question about jobs.",
    ):
        assert not announces_next(ordinary), ordinary
    question = analyse("Who does the Harbor visa program let obtain residency?")
    assert not gives_type("The Harbor visa program allows fraud to flourish.", question)
    assert not gives_type("The Harbor visa program permits the sale of visas.", question)
    age = analyse("How old is Ada Roe?")
    assert not gives_type("Roe won districts 12, 14, and 15.", age)
    assert not gives_type("Voters ages 18 to 24 backed Roe.", age)
    # the asked place had by the figure's subject: "2.7 million of them in Miami-Dade" does not take it away
    people = analyse("How many people live in Florida?")
    assert gives_type("Florida has 21 million residents, 2.7 million of them in Miami-Dade County.", people)


def test_words_of_a_namesake_are_not_the_speaker_s() -> None:
    # Two made-up articles: the one retrieved quotes "Ms. Moore", whom it introduced as Lena Moore; the
    # question asks about Ada Moore, whom the collection quotes nowhere on the plan.
    text = (
        "Lena Moore, a party strategist, watched the debate. Reporters asked whether the plan would pass. "
        "“Probably not,” Ms. Moore said."
    )
    node = chunk_node("b", text)
    quoted = text.index("“Probably")
    passages = [Passage.from_span(1, node, quoted, len(text), 0.8)]
    result = guard("What did Ada Moore say about the plan?", passages, "“Probably not,” Ms. Moore said [1].")
    assert "Probably not" not in result.answer, result.answer
    # the same words are hers when the article introduced her
    own = text.replace("Lena Moore", "Ada Moore")
    node = chunk_node("c", own)
    passages = [Passage.from_span(1, node, own.index("“Probably"), len(own), 0.8)]
    result = guard("What did Ada Moore say about the plan?", passages, "“Probably not,” Ms. Moore said [1].")
    assert "Probably not" in result.answer, result.answer


def test_a_surname_after_a_title_may_be_the_speaker_a_surname_after_another_given_name_is_not() -> None:
    assert speaks("“We will act,” Treasurer Chalmers said.", "Jim Chalmers")
    assert speaks("“We will act,” Chalmers said.", "Finance Minister Jim Chalmers")
    assert speaks("“It is a dog whistle,” Rep. Ada Moore (D-Wis.) said.", "Ada Moore")
    assert not speaks("Lena Moore said the plan was fine.", "Ada Moore")
    assert speaks("Lena Moore said the plan was fine.", "Moore")  # the question names no one in full
    assert not speaks("According to Lena Moore, “Probably not,” Ms. Moore said.", "Ada Moore")
    # another form of the given name is the same person; a namesake beside them takes nothing away
    assert speaks("“We will act,” said Joseph R. Biden Jr., the nominee.", "Joe Biden")
    assert speaks("Senator Charles E. Schumer of New York said the plan was fine.", "Chuck Schumer")
    assert speaks("“It is fine,” Ada Moore said. Lena Moore said she disagreed.", "Ada Moore")


def test_an_agent_asked_about_speaks_for_the_one_named_with_a_word_of_their_kind() -> None:
    """ "What did Ada Lind's campaign say?" is answered by her spokesman; "What did Ivo Holm's lawyer say?"
    not by a lawyer for someone else, nor by a spokesman who shares Holm's surname."""
    assert speaks_for("Ada Lind's campaign") == ("Ada Lind", "campaign")
    assert speaks_for("Ada Lind") is None and speaks_for("Ada Lind's speech") is None
    assert speaks("Lind spokesman Jo Park said Friday that she would sign the bill.", "Ada Lind's campaign")
    assert not speaks("Ada Lind said she would sign the bill.", "Ada Lind's campaign")
    assert speaks("Tom Berg, a lawyer for Ivo Holm, said the file should stay sealed.", "Ivo Holm's lawyer")
    assert not speaks("A lawyer for the news outlets, Tom Berg, said they may appeal.", "Ivo Holm's lawyer")
    assert not speaks("Holm campaign spokesman Jo Park said he could not explain it.", "Ivo Holm's lawyer")
    # a title is no agent, a namesake's lawyer is not his, nor is a spokesman who only names him
    assert not speaks("Attorney General Ada Lind said the bill was fine.", "Ada Lind's lawyer")
    assert not speaks("Tom Berg, a lawyer for Lena Holm, said the file should stay sealed.", "Ivo Holm's lawyer")
    assert not speaks("Lind campaign spokesman Jo Park said Holm leaked the file.", "the Holm campaign")
    text = "A lawyer for the news outlets, Tom Berg, said they may appeal."
    answer = guard("What did Ivo Holm's lawyer say after the ruling?", [made_up(1, "a", text)], text)
    assert answer.refused, answer.answer
    # "How did the Holm campaign respond ...?" asks for the campaign's words, not any sentence naming Holm
    question = "How did the Holm campaign respond to the leak of his tax returns?"
    leak = "On Sunday, the Gazette published Ivo Holm's tax returns from 1995."
    assert guard(question, [made_up(1, "a", leak)], leak).refused
    said = "The Holm campaign said the returns were obtained illegally."
    answer = guard(question, [made_up(1, "a", said)], said)
    assert answer.answer.startswith("The Holm campaign said"), answer.answer
    # how someone reacted in their own name may be what they did
    wept = "Ivo Holm wept as the verdict was read."
    answer = guard("How did Ivo Holm react to the verdict?", [made_up(1, "a", wept)], wept)
    assert answer.answer.startswith("Ivo Holm wept"), answer.answer
    # how someone answered something said ("her account", "the charge") is their words, not another's story
    question = "How did Ivo Holm respond to Lena Roe's new account?"
    assert analyse(question).speaker == "Ivo Holm"
    charge = analyse("How did Ada Roe answer the charge?")
    assert (charge.speaker, charge.topic) == ("Ada Roe", None)  # the answer need not repeat "charge"
    assert analyse("How did China respond to the charges?").speaker is None  # a country's response may be an act
    assert not announces_next("Prosecutors added a charge.")  # a claim noun announces no words that follow
    story = "According to Roe, Holm called her several times over the next six months."
    assert guard(question, [made_up(1, "a", story)], story).refused
    denied = "Ivo Holm said the account was false."
    assert guard(question, [made_up(1, "a", denied)], denied).answer.startswith("Ivo Holm said"), denied
    assert analyse("What point did Senator Ada Roe make at the rally?").speaker == "Senator Ada Roe"


def test_a_reason_someone_gave_is_their_words_not_an_event_to_have_happened() -> None:
    """ "What reason did Ada Roe give for the shake-up?" over "... to give the port a chance" and her words:
    "give" is how she put her reason, not a giving the passages have only as intended."""
    text = "Ada Roe replaced her staff to give the port a chance. She said the port needed people who can execute."
    question = "What reason did Ada Roe give for the staff shake-up?"
    result = guard(question, [made_up(1, "a", text)], "She said the port needed people who can execute [1].")
    assert "According to Ada Roe, the port needed people who can execute [1]." in result.answer, result.answer
    assert "relation" not in {d.rule for d in result.decisions}, result.decisions


def test_an_irregular_past_is_a_done_event_not_only_an_expected_one() -> None:
    # "What did Ada Roe say?" over "for the president to say" and "Roe said Friday": the stems of "said" and
    # "say" differ, but Roe did say it
    text = "“It is a dog whistle,” Rep. Ada Roe said Friday. It was smart for the president to say it."
    node = TextNode(id_="d#0", text=text, start_char_idx=0, end_char_idx=len(text), metadata={})
    passages = [Passage.from_span(1, node, 0, len(text), 0.8)]
    result = guard("What did Ada Roe say about the president?", passages, "It is a dog whistle [1].")
    assert "expected-event" not in {d.rule for d in result.decisions}, result.decisions
    assert only_expected("report", "Putin ordered Gerasimov to report on the situation.")
    assert not only_expected("tell", "He was asked to tell them. He told them nothing.")


def test_a_yes_no_question_on_a_prepositional_object_is_settled() -> None:
    # the verb's object comes with a preposition ("apologize for", "vote for"); only the same one settles it
    apology = made_up(1, "a", "Roe didn't apologize for his past statements.")
    result = guard("Did Roe apologize for his past statements?", [apology], "Roe did not apologize [1].")
    assert result.answer.startswith("No: Roe didn't apologize for his past statements"), result.answer
    vote = made_up(1, "b", "Roe voted for the bill on Monday.")
    assert guard("Did Roe vote for the bill?", [vote], "Roe voted [1].").answer.startswith("Yes: "), "for"
    # the same preposition negated, a modifier or "of" phrase the question lacks, a negation beside another
    # modifier, a time the question fixes: no verdict
    for question, fact in (
        ("Did Roe apologize for his past statements?", "Roe apologized for his tone, not for his past statements."),
        ("Did Roe run for president?", "Roe ran for vice president."),
        ("Did Roe run for president?", "Roe ran for president of the student council."),
        ("Did Roe speak at the convention?", "Roe did not speak at length at the convention."),
        ("Did Roe apologize on Friday for his remarks?", "Roe apologized on Friday for his tone."),
        ("Did Roe vote in favor of the bill?", "Roe voted in favor of an amendment to the bill."),
    ):
        answer = guard(question, [made_up(1, "f", fact)], f"{fact} [1]").answer
        assert not answer.startswith(("Yes", "No")), (question, answer)
    assert guard(
        "Did Roe vote for Biden?", [made_up(1, "g", "Roe voted for Lee and Biden.")], "Roe voted [1]."
    ).answer.startswith("Yes")
    # another article's claim that echoes the fact gives the verdict no speaker, before or after "No"
    echo = "“He, like Ada Roe, has refused to apologize for an outrageous statement,” Lee said."
    node = chunk_node("h", echo)
    passages = [
        made_up(1, "a2", "Ada Roe didn't apologize for his past statements."),
        Passage.from_span(2, node, 0, len(echo), 0.6),
    ]
    result = guard(
        "Did Ada Roe apologize for his past statements?",
        passages,
        "Ada Roe didn't apologize for his past statements [1].",
    )
    assert result.answer.startswith("No: Ada Roe didn't apologize"), result.answer
    against = made_up(1, "c", "Roe voted against the bill on Monday.")
    result = guard("Did Roe vote for the bill?", [against], "Roe voted against the bill on Monday [1].")
    assert not result.answer.startswith(("Yes", "No")), result.answer
    # what the writer tells of a speaker after their claim is no part of it, and gets no "according to"
    article = "And Roe didn't apologize for his past statements."
    text = "Even Friday, Roe claimed that Ada Lee started the feud. " + article
    node = chunk_node("e", text)
    passages = [Passage.from_span(1, node, text.index(article), len(text), 0.8)]
    result = guard("Did Roe apologize for his past statements?", passages, f"{article} [1]")
    assert result.answer.startswith("No: Roe didn't apologize"), result.answer


def test_an_answer_sentence_has_no_wire_dateline() -> None:
    assert (
        clean_sentence("FLINT, Mich., Oct. 4 (UPI) — Former President Ada Roe spoke.")
        == "Former President Ada Roe spoke."
    )
    assert clean_sentence("WASHINGTON ― Roe’s plan is an insult.") == "Roe’s plan is an insult."
    assert clean_sentence("MOSCOW, Aug 7 (Reuters) - Russia said it would respond.") == "Russia said it would respond."
    assert clean_sentence("NEW YORK, N.Y. — 42 people died.") == "42 people died."
    for kept in ("NATO — the alliance — said so.", "NASA — The agency said.", "US — Russia talks resumed."):
        assert clean_sentence(kept) == kept  # a short name in capitals before a dash is no dateline


def test_a_quotation_that_opens_with_a_demonstrative_brings_no_antecedent() -> None:
    """ "''This museum tells the truth ...,'' Mr. Brandt declared": the speaker's "this" is the museum he stands
    in, not the narration before; "For this reason, ..." still comes after the sentence it points at."""
    text = "The band played as the crowd cheered. ''This museum tells the truth about the port,'' Mr. Brandt declared."
    raw = "''This museum tells the truth about the port,'' Mr. Brandt declared [1]."
    result = guard("What did Mr. Brandt say about the museum?", [made_up(1, "a", text)], raw)
    assert "band played" not in result.answer and "tells the truth" in result.answer
    text = "Fares on the coast line rose by half last year. For this reason, commuters left the line."
    raw = "For this reason, commuters left the line [1]."
    result = guard("Why did commuters leave the coast line?", [made_up(1, "a", text)], raw)
    assert result.answer.startswith("Fares on the coast line rose by half last year [1]."), result.answer


def test_a_sentence_set_this_spring_points_at_no_sentence_before() -> None:
    """ "This spring, ..." is the time of writing, not a pointer to the sentence before (it was removed when
    the chunk began with it); "This figure ..." still points back."""
    text = "This spring, as she took over the port, Ana Lind told friends that the strike would be short."
    result = guard("What did Ana Lind predict about the strike?", [made_up(1, "a", text)], f"{text[:-1]} [1].")
    assert result.answer == f"{text[:-1]} [1]."
    text = "This figure was the highest in a decade, Ana Lind told friends."
    assert guard("What did Ana Lind tell friends?", [made_up(1, "a", text)], f"{text[:-1]} [1].").refused
    text = "This fall in port revenue was the steepest since 2008."  # a noun, not a season
    assert guard("What happened to port revenue?", [made_up(1, "a", text)], f"{text[:-1]} [1].").refused


def test_a_frame_restated_by_a_pronoun_after_the_speakers_title_is_replaced() -> None:
    """ "According to Rep. Ada Roe, the top Democrat on the panel, she said that ...": the parser may root the
    sentence in the claim; the passage sentence names the speaker once."""
    text = (
        "“The facts are that the port cooperated fully with the audit, the inspectors concluded that there was no "
        "fraud,” said Rep. Ada Roe, the top Democrat on the panel, in a statement."
    )
    raw = (
        "According to Rep. Ada Roe, the top Democrat on the panel, she said that the facts are that the port "
        "cooperated fully with the audit, the inspectors concluded that there was no fraud [1]."
    )
    result = guard("What did Ada Roe say about the audit?", [made_up(1, "a", text)], raw)
    assert result.answer.startswith("“The facts are that the port cooperated fully"), result.answer


def test_an_unsettled_yes_no_answer_keeps_to_its_subject_and_object() -> None:
    """No fact settles "Did Roe oppose the harbour deal?"; the answer is what the passages say of Roe and the
    deal, not a sentence about someone else who fights it."""
    question = "Did Rep. Raul Rojas, the first member of Congress to endorse Holm, oppose the harbour debt deal?"
    passages = [
        made_up(1, "a", "Holm pushes Democrats to reject the harbour debt deal."),
        made_up(2, "b", "Raul Rojas, who helped negotiate the deal, will support the bill despite his reservations."),
    ]
    answer = guard(question, passages, "Holm pushes Democrats to reject the harbour debt deal [1].").answer
    assert answer.startswith("Raul Rojas, who helped negotiate the deal, will support the bill"), answer
    assert "Holm pushes" not in answer
    # a sentence that names the subject, or credits its words to it, stays, though it names the object otherwise
    answer = guard(question, passages, "Raul Rojas, who helped negotiate the deal, will support it [2].").answer
    assert "Holm pushes" not in answer and answer.startswith("Raul Rojas"), answer
    text = "On Tuesday, it raised its British growth forecast to 1.8 percent, according to the Zorvex Fund."
    passages = [made_up(1, "a", text), made_up(2, "b", "The Zorvex Fund expects the forecast for Spain to fall.")]
    answer = guard("Did the Zorvex Fund raise its growth forecast for Britain?", passages, f"{text} [1]").answer
    assert "British growth forecast" in answer and "Spain" not in answer, answer
    # a subject that is no name is left to the model
    text = "Acme cut 500 jobs in Ohio in March."
    passages = [made_up(1, "a", text), made_up(2, "b", "The company said jobs in Texas were safe.")]
    assert guard("Did the company cut jobs in Ohio?", passages, f"{text} [1]").answer.startswith("Acme cut 500")


def test_a_thing_of_someone_s_that_says_nothing_does_not_carry_their_words() -> None:
    """ "Roe's strong stance demonstrates ..." is no word of Roe's; his tweet, his campaign and he are."""
    assert not speaks("Roe’s strong stance in the talks demonstrates that Ivo Roe is the right choice.", "Ivo Roe")
    assert speaks("Roe’s tweet said the deal was dead.", "Ivo Roe")
    assert speaks("Roe’s chief of staff said the deal was dead.", "Ivo Roe")  # a report of speech
    assert speaks("Roe’s campaign said the deal was dead.", "Ivo Roe")
    assert speaks("Roe said the deal was dead.", "Ivo Roe")


def test_who_is_x_is_not_answered_by_someone_of_x_s_given_name() -> None:
    """ "Mark Roe knows ..." does not name Mark Holm: the surname must be there."""
    passages = [
        made_up(1, "a", "Mark Roe knows as much about security as anyone."),
        made_up(2, "b", "An attorney for Ada Lind, Mark Holm, said his client was ready to testify."),
    ]
    answer = guard("Who is Mark Holm?", passages, "Mark Roe knows as much about security as anyone [1].").answer
    assert answer.startswith("An attorney for Ada Lind, Mark Holm"), answer
