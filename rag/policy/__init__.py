"""The answer policy: whatever the model wrote, the answer that leaves ``rag`` is cited, supported and attributed.

The policy is a list of rules in a declared order. Each rule is a small object with a ``name`` and one method,
``apply(draft)``, that reads and changes the :class:`~rag.policy.draft.Draft` and records a
:class:`~rag.answer.Decision` for what it did (``rag ask --explain`` prints them). Thresholds are named
constants beside the rule that uses them; word lists are in :mod:`rag.lexicons`.

Before generation (:data:`QUESTION_RULES`; when one refuses, the model is not called):

1. ``relevance``: no passage is about the question;
2. ``names``: the question names someone the articles never mention;
3. ``constraints``: no passage states the years, names, ordinals the question fixes;
4. ``expected-event``: the question takes as done what the passages only order or expect.

After generation (:data:`DRAFT_RULES`):

1. ``markers``: read the citation markers in whatever form the model used, and its refusal;
2. ``support``: keep, re-cite, replace or remove each sentence so that its passages support it;
3. ``constraints``: remove a sentence whose passages do not state what the question fixes;
4. ``fallback``: when nothing the model wrote holds, answer with the passage sentences closest to the question;
5. ``figure``: a question that fixes a figure gets a sentence that states it, or nearby sentences that do;
6. ``answer-type``: a who/when/where/how-many question gets a person/date/place/figure (in what is said, not
   in who says it), or nearby passage sentences on its topic that give one;
7. ``relation``: a "Who won ...?" answer says who did what the question asks, or gets a passage sentence that
   does, or is refused;
8. ``identity``: a "Who is X?" answer keeps the sentences that name X, or gets the passage sentence that does;
9. ``speaker``: a "What did X say about Y?" answer keeps the sentences that carry X's words on Y, or gets the
   passage sentences that do;
10. ``precision``: a when answer that gives only a year or a month gets the passage sentence with the day;
11. ``reason``: a why question gets a sentence that gives a reason, or nearby passage sentences that give one;
12. ``proposition``: a yes/no answer keeps the sentences that name its subject and object, or gets the passage
    sentences that do;
13. ``yes-no``: a yes/no question gets "Yes"/"No" and the facts when they settle it, on whose word if claimed;
14. ``realised``: a question about a done event is not answered by a sentence that only wants or expects it;
15. ``context``: a sentence that points back ("For this reason, ...") comes after the sentence it points at;
16. ``quotation``: a sentence that closes a quotation opened in the sentences before it starts at its opening;
17. ``attribution``: restore the source and cue of every attributed claim;
18. ``announced``: a sentence that announces words ("She had a question:") comes with the quotation after it,
    whose speaker it names;
19. ``conflicts``: where two articles disagree on the point, show both sides and list the conflict;
20. ``refusal``: with nothing left, the answer is a refusal;
21. ``render``: renumber the citations 1..k by first use, one ``[n]`` each, and build the citations.
"""

from __future__ import annotations

from collections.abc import Sequence

from rag.policy.asked import (
    KeepToConstraints,
    KeepToNamed,
    KeepToProposition,
    KeepToRealised,
    KeepToSpeaker,
    RequireAnswerType,
    RequireReason,
    RequireRelation,
    StateConstraints,
    StateFigure,
)
from rag.policy.attribution import RestoreAttribution
from rag.policy.conflicts import FlagConflicts
from rag.policy.context import BringAnnounced, BringAntecedent, CompleteQuotation
from rag.policy.draft import Draft, DraftSentence, Rule
from rag.policy.markers import ReadMarkers
from rag.policy.precision import SharpenDate
from rag.policy.refusal import (
    FallBackToPassages,
    RefuseEmpty,
    RelevanceFloor,
    UnknownNames,
    UnrealisedEvent,
)
from rag.policy.render import Render
from rag.policy.support import CheckSupport
from rag.policy.verdict import SettleYesNo

__all__ = ["DRAFT_RULES", "QUESTION_RULES", "AnswerPolicy", "Draft", "DraftSentence", "Rule"]

QUESTION_RULES: tuple[Rule, ...] = (RelevanceFloor(), UnknownNames(), StateConstraints(), UnrealisedEvent())
DRAFT_RULES: tuple[Rule, ...] = (
    ReadMarkers(),
    CheckSupport(),
    KeepToConstraints(),
    FallBackToPassages(),
    StateFigure(),
    RequireAnswerType(),
    RequireRelation(),
    KeepToNamed(),
    KeepToSpeaker(),
    SharpenDate(),
    RequireReason(),
    KeepToProposition(),
    SettleYesNo(),
    KeepToRealised(),
    BringAntecedent(),
    CompleteQuotation(),
    RestoreAttribution(),
    BringAnnounced(),
    FlagConflicts(),
    RefuseEmpty(),
    Render(),
)


class AnswerPolicy:
    """Runs the question rules before generation and the draft rules after it, stopping at a refusal."""

    def __init__(
        self, question_rules: Sequence[Rule] = QUESTION_RULES, draft_rules: Sequence[Rule] = DRAFT_RULES
    ) -> None:
        self.question_rules = tuple(question_rules)
        self.draft_rules = tuple(draft_rules)

    def check_question(self, draft: Draft) -> Draft:
        """Apply the question rules; ``draft.refused`` tells the caller not to generate."""
        return self._run(self.question_rules, draft)

    def check_draft(self, draft: Draft) -> Draft:
        """Apply the draft rules to ``draft.raw``: afterwards ``draft.answer`` and ``draft.citations`` are final."""
        return self._run(self.draft_rules, draft)

    @staticmethod
    def _run(rules: Sequence[Rule], draft: Draft) -> Draft:
        for rule in rules:
            rule.apply(draft)
            if draft.refused:
                break
        return draft
