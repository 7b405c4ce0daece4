"""Rule ``precision``: a when answer that gives only the year or the month of a date gets the day too, and one
that gives a day without its year gets the year.

Articles give one date at several precisions ("released in 2020", "released on May 29, 2020"); the model
and the support check are as happy with the vaguer one, and the reader wants the day.
"""

from __future__ import annotations

from rag.policy.answers import Value, typed_spans, value_key, values
from rag.policy.draft import Draft, DraftSentence, clean_sentence


class SharpenDate:
    """Add the passage sentence that gives the day of a date the answer only gives the year or month of.

    Why: "Xenoblade Chronicles Definitive Edition was released in 2020" is true and cited, but a reader asking
    "when" wants the day that another passage states; a date of another year or month is a disagreement
    (rule ``conflicts``), not a sharper date.
    """

    name = "precision"

    def apply(self, draft: Draft) -> None:
        question = draft.question_asked
        if question.answer_type != "date" or not draft.sentences:
            return
        stated = [value_key(t, "date") for s in draft.sentences for t in typed_spans(s.text, question)]
        if not stated or any(_has_day(key) for key in stated):
            return
        sharper = next((v for v in values(question, draft.answering_passages()) if _sharpens(v, stated)), None)
        if sharper is None:
            return
        cites = [sharper.passage.number]
        sentence = DraftSentence(clean_sentence(sharper.sentence.text), cites, "extracted", [sharper.sentence])
        draft.sentences.insert(0, sentence)
        draft.decide(self.name, "added", f"gives the day of the date: {sharper.text!r}", sentence.text)


def _has_day(key: str) -> bool:
    """Is a date key ("2020-05-29", "2020-05-00", "2020", "0000-05-29") one of a day of a known year?"""
    return len(key) == 10 and key[4] == "-" and not key.startswith("0000") and not key.endswith("-00")


def _sharpens(value: Value, stated: list[str]) -> bool:
    """Does ``value`` give the day of a year ("2020") or a month ("2020-05-00") the answer states, or the year
    of a day it states without one ("0000-04-29", "April 29")?"""
    if not _has_day(value.key):
        return False
    return any(
        value.key.startswith(key.removesuffix("-00")) or (key.startswith("0000-") and value.key.endswith(key[4:]))
        for key in stated
    )
