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


# Kinds of paraphrase the check accepts, each with a fact-changing edit of the same sentence it must still
# reject (and a word of the edit's reason): (kind, passage, paraphrase, edit, said).
PARAPHRASE_KINDS = [
    (
        "synonym verb",
        "The charity aims to lower the cost of housing.",
        "The charity seeks to lower the cost of housing.",
        "The charity seeks to raise the cost of housing.",
        "raise",
    ),
    (
        "phrasal verb with its particle read as an adverb",
        "Nearly all of the crew were repatriated to their home ports.",
        "Nearly all of the crew were sent back to their home ports.",
        "Nearly all of the crew were sent back to foreign ports.",
        "foreign",
    ),
    (
        "passive subject the parser labels nsubj",
        "The company said that the ban is not limited to imported cars.",
        "The company said that the ban is not confined to imported cars.",
        "The company said that the ban is confined to imported cars.",
        "negates",
    ),
    (
        "described X as Ving for said X Ved",
        "The mayor, who spoke to reporters, described the shortage as becoming severe in the north.",
        "The shortage became severe in the north, the mayor said.",
        "The shortage became severe in the north, the governor said.",
        "governor",
    ),
    (
        "saw X as Y for considered X Y",
        "Most of the voters polled considered themselves independent.",
        "Most of the voters polled saw themselves as independent.",
        "Most of the voters polled saw themselves as conservative.",
        "conservative",
    ),
    (
        "a participle complement is passive",
        "Police arrested two men who were found hidden in a barn.",
        "Police arrested two men who were hidden in a barn.",
        "Police arrested two men who were hidden in a church.",
        "church",
    ),
    (
        "sources cited by X for X sources",
        "Reuters sources say the bridge collapsed after the storm.",
        "Sources cited by Reuters say the bridge collapsed after the storm.",
        "Sources cited by Bloomberg say the bridge collapsed after the storm.",
        "Bloomberg",
    ),
    (
        "a reporting clause set inside the report",
        "Most of the workers, the union said, are staying at home.",
        "Most of the workers are staying at home, the union said.",
        "Most of the workers are staying at home, the company said.",
        "company",
    ),
    (
        "a possessor for a demonstrative in a sentence that names it",
        "This plan is a sign of Smith's growing ambition.",
        "Smith's plan is a sign of his growing ambition.",
        "Jones's plan is a sign of his growing ambition.",
        "Jones",
    ),
    (
        "told X to V is a directive",
        "The mayor instructed the police to close the road.",
        "The mayor told the police to close the road.",
        "The police closed the road.",
        "as done",
    ),
    (
        "the topic of an ordered report is not itself ordered",
        "The minister ordered the agency to report on the progress of its main task: building shelters for families.",
        "The minister ordered the agency to report on building shelters for families.",
        "The agency reported on building shelters for families.",
        "as done",
    ),
    (
        "a bare number for the N mark",
        "Analysts say sales could top the 5,000 mark this year.",
        "Analysts say sales could top 5,000 this year.",
        "Analysts say sales could top 6,000 this year.",
        "6,000",
    ),
    (
        "drew criticism from X for X criticized",
        "The governor's plan drew sharp criticism from the mayor.",
        "The mayor sharply criticized the governor's plan.",
        "The governor sharply criticized the mayor's plan.",
        "mayor",
    ),
    (
        "X is among Y for Y include X",
        "The main concerns of the strikers included rising rents and low wages.",
        "Rising rents were among the main concerns of the strikers.",
        "Falling rents were among the main concerns of the strikers.",
        "Falling",
    ),
    (
        "with X suggesting P for X suggests P",
        "With polls suggesting the senator could lose her seat, the party is worried.",
        "Polls suggest the senator could lose her seat.",
        "Analysts suggest the senator could lose her seat.",
        "Analysts",
    ),
    (
        "for X, Y is seen as Z for X sees Y as Z",
        "For many farmers, the new tax is seen as a burden.",
        "Many farmers see the new tax as a burden.",
        "Many bankers see the new tax as a burden.",
        "bankers",
    ),
    (
        "more and more X for the number of X is on the rise",
        "The agency warns that the number of students leaving the city is on the rise.",
        "The agency cautions that more and more students are leaving the city.",
        "The agency cautions that fewer and fewer students are leaving the city.",
        "fewer",
    ),
    (
        "a growing number of X for the number of X has grown",
        "The agency warns that the number of students leaving the city has grown.",
        "The agency cautions that a growing number of students are leaving the city.",
        "The ministry cautions that a growing number of students are leaving the city.",
        "ministry",
    ),
]


@pytest.mark.parametrize(
    ("passage", "paraphrase"), [k[1:3] for k in PARAPHRASE_KINDS], ids=[k[0] for k in PARAPHRASE_KINDS]
)
def test_a_kind_of_paraphrase_is_accepted(passage: str, paraphrase: str) -> None:
    verdict = check(paraphrase, [passage])
    assert verdict.supported, verdict.reason


@pytest.mark.parametrize(
    ("passage", "edit", "said"), [(k[1], k[3], k[4]) for k in PARAPHRASE_KINDS], ids=[k[0] for k in PARAPHRASE_KINDS]
)
def test_the_edit_beside_a_kind_of_paraphrase_is_rejected(passage: str, edit: str, said: str) -> None:
    verdict = check(edit, [passage])
    assert not verdict.supported
    assert said in verdict.reason


def test_a_growing_number_is_not_a_falling_one() -> None:
    passage = "The agency warns that the number of students leaving the city has fallen."
    assert not check("The agency warns that a growing number of students are leaving the city.", [passage]).supported


def test_a_verb_parsed_as_a_modifier_keeps_its_subject() -> None:
    """ "The Belarusian army captured guards dressed in ..." parsed as "army-captured guards": the verb has a
    subject of its own, so who captured whom is still checked against the passage."""
    passage = (
        "Polish guards have reportedly captured Belarusian military personnel who were found dressed in civilian "
        "clothing."
    )
    verdict = check("The Belarusian army captured guards dressed in civilian clothing.", [passage])
    assert not verdict.supported
    assert "Belarusian army" in verdict.reason


def test_a_verb_parsed_as_a_modifier_keeps_its_object() -> None:
    """The same misparse across two passages: the military captured something in one, soldiers were dressed in
    civilian clothing in the other. Whom it captured is the modified noun, and no passage says it captured them."""
    dressed = "Polish guards have reportedly captured Belarusian soldiers who were found dressed in civilian clothing."
    stock = "Alongside the large group of soldiers, the Belarusian military also captured a massive ammunition stock."
    verdict = check("The Belarusian military captured soldiers dressed in civilian clothing.", [dressed, stock])
    assert not verdict.supported
    assert check("The Belarusian military captured a massive ammunition stock.", [dressed, stock]).supported


def test_a_clause_whose_verb_keys_to_nothing_is_read() -> None:
    # the reader keyed "’s" after a straight quotation mark to nothing, and the nominal reading broke on it
    claim = 'According to Rep. Ada Roe, "It’s a dog whistle to all Americans," Rep. Ada Roe said Friday.'
    verdict = check(claim, ["“It’s a dog whistle to all Americans,” Rep. Ada Roe said Friday."])
    assert "could not be read" not in verdict.reason, verdict.reason


def test_a_pronoun_speaker_is_not_credited_to_someone_the_passage_never_names() -> None:
    """ "He said he would send 30,000 troops" (his name is in an earlier chunk) does not support "According
    to Ada Roe, he would ...": the name came from another article's passage (a splice). It does where the
    passage names her."""
    claim = "According to Ada Roe, a long-shot candidate, he would deploy up to 30,000 soldiers."
    elsewhere = "Sen. Ada Roe, a long-shot candidate, said the mayor is overselling the plan."
    said = "He also staked out new positions, saying he would deploy up to 30,000 soldiers in the region."
    assert not check(claim, [said, elsewhere]).supported
    assert check("According to Ada Roe, he would deploy up to 30,000 soldiers.", [f"Ada Roe spoke. {said}"]).supported


def test_the_pronoun_us_is_no_country() -> None:
    """ "told us" keys as a pronoun, not as the US (``demonyms.txt`` lists "us" for the United States)."""
    from rag import nlp
    from rag.claims import key

    told, country = nlp.parse("They told us."), nlp.parse("The US said so.")
    assert key(told[2]) != key(country[1]) == "united states"
