"""The relation-level support check (rag.claims): distortions that keep the words are caught, paraphrases pass."""

import pytest

from rag.claims import MAX_CLAIM_CHARS, check, read

LUBINETS = (
    "Meanwhile, Ukrainian Parliament Commissioner for Human Rights, Dmytro Lubinets, noted that Russia had "
    "initiated the prisoner-swap talks after finding itself in a challenging situation."
)
INITIATIVE = (
    "This initiative, according to Putin, is of paramount importance, given the current state of the battlefield."
)
PEACE = (
    "At the heart of this unfolding drama is the leadership of Russian President Vladimir Putin, whose directives "
    "have increasingly emphasized the pursuit of peace and the protection of civilians."
)
DEFEAT = (
    "Russian President Vladimir Putin is panicking after the recent surrender of at least 100 Russian soldiers, "
    "which marks the biggest defeat of Russia’s powerful military since the start of the Russia-Ukraine war in "
    "early 2022."
)
ATTACK = (
    "Furthermore, the unexpected advancement of the Ukrainian forces has also pushed Russian civilians living in "
    "the Kursk region to flee their homes in big numbers as the country faces the biggest ever attack on its soil "
    "since World War II."
)
SEIZED = (
    "While capturing soldiers in a war of such a huge scale is a common phenomenon, Ukrainian authorities revealed "
    "that they seized a large group of 102 soldiers in one go on Wednesday, August 14, during their invasion of "
    "the Russian city of Kursk."
)
ORDER = (
    "In a recent order, Putin instructed Chief of the General Staff of the Russian Armed Forces, Valery Gerasimov, "
    "to report on the progress of a critical task."
)
JOINED = (
    "TASS sources say over 1,000 former Ukrainian servicemen have joined four Russian combat units, citing "
    "ideology, political discontent and security concerns."
)


def test_swapped_nationalities_are_rejected_with_the_modifier_named() -> None:
    claim = (
        "According to Dmytro Lubinets, Russian Parliament Commissioner for Human Rights, Ukraine had initiated "
        "prisoner-swap talks."
    )
    verdict = check(claim, [LUBINETS])
    assert not verdict.supported
    assert "Ukraine" in verdict.reason and "Russia" in verdict.reason
    assert "'Russian'" in verdict.reason and "'Ukrainian'" in verdict.reason


def test_a_claim_about_another_subject_is_rejected() -> None:
    verdict = check("According to Putin, peace is of paramount importance [1][2].", [INITIATIVE, PEACE])
    assert not verdict.supported
    assert "'peace'" in verdict.reason and "initiative" in verdict.reason


def test_an_invented_because_is_rejected() -> None:
    claim = (
        "The Kursk surrender was Russia's biggest defeat of the war because it marked the biggest ever attack on "
        "its soil since World War II [1][2]."
    )
    verdict = check(claim, [DEFEAT, ATTACK])
    assert not verdict.supported
    assert "'because'" in verdict.reason


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        ("According to Dmytro Lubinets, Russia had initiated the prisoner-swap talks.", LUBINETS),
        (
            "Lubinets said Russia started the prisoner-swap talks after it found itself in a challenging situation.",
            LUBINETS,
        ),
        ("A group of 102 soldiers was seized by Ukraine on August 14, according to Ukrainian authorities.", SEIZED),
        ("Ukraine seized 102 soldiers during its invasion of the Russian city of Kursk.", SEIZED),
        ("Valery Gerasimov was ordered by Putin to report on the progress of a critical task.", ORDER),
        (
            "According to TASS sources, more than one thousand ex-Ukrainian servicemen joined four Russian units.",
            JOINED,
        ),
        ("Putin said this initiative is of paramount importance.", INITIATIVE),
    ],
)
def test_faithful_paraphrases_are_accepted(claim: str, passage: str) -> None:
    verdict = check(claim, [passage])
    assert verdict.supported, verdict.reason
    assert verdict.passages == (0,)


@pytest.mark.parametrize(
    ("claim", "passage", "said"),
    [
        ("Gerasimov reported on the progress of a critical task.", ORDER, "as done"),
        ("Gerasimov instructed Putin to report on the progress of a critical task.", ORDER, "Putin"),
        ("Ukrainian authorities revealed that they seized 120 soldiers.", SEIZED, "120"),
        ("Russian authorities revealed that they seized 102 soldiers.", SEIZED, "Russian"),
        ("TASS sources say 1,000 former Ukrainian servicemen have joined four Russian combat units.", JOINED, "over"),
        ("TASS sources say four former Ukrainian servicemen have joined over 1,000 Russian units.", JOINED, "four"),
        ("TASS sources say over 1,000 Ukrainian servicemen have joined four Russian combat units.", JOINED, "former"),
        ("Lubinets noted that Russia had not initiated the prisoner-swap talks.", LUBINETS, "negates"),
        ("Russia initiated the talks because it found itself in a challenging situation.", LUBINETS, "because"),
        ("According to TASS, Russia had initiated the prisoner-swap talks.", LUBINETS, "TASS"),
    ],
)
def test_fact_changing_edits_are_rejected(claim: str, passage: str, said: str) -> None:
    verdict = check(claim, [passage])
    assert not verdict.supported
    assert said in verdict.reason


def test_a_splice_of_two_passages_is_rejected_but_two_clauses_from_two_passages_pass() -> None:
    instagram = "Facebook bought Instagram in 2012 for $1 billion."
    whatsapp = "Facebook bought WhatsApp for $22 billion in 2014."
    verdict = check("Facebook bought Instagram for $22 billion in 2014 [1][2].", [instagram, whatsapp])
    assert not verdict.supported
    assert "splice" in verdict.reason
    both = check("Facebook bought Instagram in 2012, and it bought WhatsApp in 2014.", [instagram, whatsapp])
    assert both.supported, both.reason
    assert both.passages == (0, 1)


def test_ordered_to_report_is_not_reported() -> None:
    assert check("Putin ordered Gerasimov to report on the progress of the task.", [ORDER]).supported
    assert not check("Gerasimov reported on the progress of the task.", [ORDER]).supported


def test_a_credit_to_the_outlet_is_accepted_only_when_it_is_a_voice() -> None:
    claim = "According to Capitol Daily News, Putin instructed Gerasimov to report on the progress of a task."
    assert not check(claim, [ORDER]).supported
    assert check(claim, [ORDER], voices=["Capitol Daily News"]).supported


def test_claims_are_read_into_roles() -> None:
    (clause,) = read("102 soldiers were seized by Ukraine.").clauses
    assert clause.key == "seiz"
    assert [p.head.text for p in clause.args["agent"]] == ["Ukraine"]
    assert [q.value for p in clause.args["patient"] for q in p.numbers] == ["102"]


@pytest.mark.parametrize(
    "claim",
    ["", "   ", "...", "[1][2]", "?!", "1,000", "ß∂ƒ ©˙∆ ˚¬…", "the the the", "x" * (MAX_CLAIM_CHARS + 1), "a " * 400],
)
def test_junk_never_crashes_and_is_not_supported(claim: str) -> None:
    verdict = check(claim, [ORDER, "", "...", "x" * 5000])
    assert not verdict.supported
    assert verdict.reason


def test_a_clause_without_named_arguments_against_two_passages() -> None:
    verdict = check("They reported.", [ORDER, SEIZED])
    assert not verdict.supported
    assert "could not be read" not in verdict.reason


def test_junk_evidence_never_crashes() -> None:
    for evidence in ([], [""], ["...", "?"], ["\n\n"], ["Putin " * 3000]):
        verdict = check("Putin instructed Gerasimov to report.", evidence)
        assert isinstance(verdict.supported, bool) and verdict.reason
