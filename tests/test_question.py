"""Reading a question: kind, answer type, the facts it fixes (spaCy parse, no model)."""

from __future__ import annotations

import pytest

from rag.lexical import dated
from rag.question import Constraint, analyse, without_answer


@pytest.mark.parametrize(
    ("question", "kind", "answer_type"),
    [
        ("Who won the 2019 Tour de France?", "who", "person"),
        ("When was the bridge at Glushkovo destroyed?", "when", "date"),
        ("Where did the prisoner exchange take place?", "where", "place"),
        ("How many Russian soldiers surrendered?", "number", "number"),
        ("Which city hosted the games in 2004?", "open", "place"),
        ("What was the company's revenue last quarter?", "open", "number"),
        ("Did the council approve the plan?", "yes_no", None),
        ("Why do most defectors hide their identities?", "why", None),
        # A reason asked for in other words is a why question.
        ("What do sources say motivates the defectors?", "why", None),
        ("What caused the dam to collapse?", "why", None),
        ("What is the reason for the delay?", "why", None),
        ("What motives did the fighters give?", "why", None),
        ("How come the talks stalled?", "why", None),
        ("What did the minister say about the delay?", "open", None),
        ("What did the army lead?", "open", None),
        # A reason verb read as a noun that names a thing ("forces") asks for no reason.
        ("What weapons did coastal forces seize?", "open", None),
        # "which" with a noun for a person or a body asks who
        ("Which firm is the port's biggest shareholder?", "open", "person"),
        ("Which long-shot Harbour Party contender accused the mayor of lying?", "open", "person"),
        # and so does "which" with a member of a party or a people
        ("Which Democrat is running against Ada Roe for the Senate?", "open", "person"),
        # a margin is a figure
        ("How far behind the mayor in the polls was Ada Roe in May?", "number", "number"),
    ],
)
def test_kind_and_answer_type(question: str, kind: str, answer_type: str | None) -> None:
    asked = analyse(question)
    assert (asked.kind, asked.answer_type) == (kind, answer_type)


def test_years_ordinals_and_names_are_constraints() -> None:
    asked = analyse("Who won Best Actor at the 92nd Academy Awards in 2020?")
    kinds = {(c.kind, c.text) for c in asked.constraints}
    assert {("year", "2020"), ("ordinal", "92nd")} <= kinds
    assert any(c.kind == "name" and "Academy" in c.text for c in asked.constraints)


def test_a_passage_about_another_year_does_not_meet_the_constraint() -> None:
    asked = analyse("Who won the 2019 Tour de France?")
    assert asked.unmet("Tadej Pogačar stood atop the Paris podium as the 2021 Tour de France champion.")
    assert not asked.unmet("Egan Bernal won the 2019 Tour de France.")


def test_names_match_their_demonyms_and_surnames() -> None:
    assert Constraint("name", "Ukraine").met_by("Ukrainian authorities revealed it")
    assert Constraint("name", "Dmytro Lubinets").met_by("Lubinets said so")
    # a hyphenated given name is one name: the surname states the person as for any other
    assert Constraint("name", "Pak Min-jun").met_by("without Pak's persistence")
    assert Constraint("name", "Jean-Luc Marchand").met_by("Marchand said so")
    assert not Constraint("name", "Pak Min-jun").met_by("Min said so")
    assert not Constraint("name", "Park Min-jun").met_by("The park reopened on Monday.")
    assert not Constraint("name", "Kim Jong-su").met_by("Kim Kardashian attended the gala.")
    assert Constraint("name", "Trump-Clinton").met_by("Clinton said so")
    assert not Constraint("name", "Kursk").met_by("in the Belgorod region")
    # the lexicon names the world's peoples, not only those of the demo articles
    assert Constraint("name", "Filipino").met_by("about 4 million people of Philippine descent")
    assert Constraint("name", "Mexico").met_by("Mexican officials said so")
    assert Constraint("name", "Texas").met_by("Texans voted on Tuesday")
    assert not Constraint("name", "Filipino").met_by("about 4 million people of Mexican descent")
    # a US state as news writes it after a city, and only there ("Ill." alone may be "ill.")
    assert Constraint("name", "Wisconsin").met_by("a rally slated for Wednesday in Green Bay, Wis., with Obama")
    assert Constraint("name", "New Hampshire").met_by("in Manchester, N.H., on Tuesday")
    assert not Constraint("name", "Illinois").met_by("He felt ill. Ill. was his state.")
    # a party by its other name: "the GOP convention" is the Republican one
    assert Constraint("name", "GOP").met_by("before the Republican convention in Cleveland")
    assert not Constraint("name", "GOP").met_by("before the Democratic convention in Philadelphia")


def test_a_name_is_met_by_its_initialism_and_its_spelled_out_form() -> None:
    """ "D.C." is what "the District of Columbia Circuit" says; "the Harbour Transit Authority" is "the HTA"."""
    # a name of two words only where news writes it by its initials: "EU", not "Democratic Caucus" for "DC"
    assert Constraint("name", "EU").met_by("a blow to European Union foreign policy")
    assert Constraint("name", "the European Union").met_by("the EU said so")
    assert not Constraint("name", "DC").met_by("the Democratic Caucus met")
    assert Constraint("name", "D.C.").met_by("the U.S. Court of Appeals for the District of Columbia Circuit")
    assert Constraint("name", "the Harbour Transit Authority").met_by("The HTA raised fares.")
    assert Constraint("name", "Harbour Transit Authority").met_by("The H.T.A. raised fares.")
    assert not Constraint("name", "D.C.").met_by("the Department of Justice")
    assert not Constraint("name", "Harbour Transit Authority").met_by("The HT raised fares.")
    # initials of any two capitalised words, or of a person's name, are no initialism
    assert not Constraint("name", "D.C.").met_by("The Democratic Caucus met on Monday.")
    assert not Constraint("name", "UK").met_by("Ukrainian Kharkiv was shelled.")
    assert not Constraint("name", "Peter Rolfe").met_by("the PR firm")


def test_a_name_ending_in_s_keeps_it_a_possessive_does_not() -> None:
    """The constraint is the name as written: a refusal that says "no passage states 'Sander'" is wrong."""
    names = {c.text for c in analyse("Who met Sanders's aide and Texas officials in Paris's old town?").constraints}
    assert {"Sanders", "Texas", "Paris"} <= names
    assert not any(n.endswith(("'", "’")) or n in ("Sander", "Texa", "Pari") for n in names)


def test_a_people_or_party_that_describes_a_thing_is_a_group_the_answer_must_not_swap() -> None:
    """ "the Republican primary": a passage need not say "Republican" (a story about one party's race says
    "the primary"), but a sentence about the Democratic primary answers another question; another group that
    describes something else ("backed by African American voters") is no swap."""
    question = analyse("Who won the Republican primary in Iowa?")
    assert Constraint("group", "Republican", "primary") in question.constraints
    assert not question.unmet("Ted Cruz won the primary in Iowa on Monday.")
    assert question.named_otherwise("Hillary Clinton won the Democratic primary in Iowa on Monday.")
    assert not question.named_otherwise("Ted Cruz, backed by evangelical and Hispanic voters, won the primary.")
    assert not question.named_otherwise("Ted Cruz won the Republican primary in Iowa.")
    assert [c.kind for c in analyse("How many Republicans voted in Iowa?").constraints] == ["name", "name"]
    assert Constraint("group", "Tory", "mp") in analyse("How many Tory MPs voted against the bill?").constraints
    # a tagger's NORP that names a show is a name all the same
    assert (
        Constraint("name", "Blacklist") in analyse("When will the first season of The Blacklist premiere?").constraints
    )


def test_a_figure_joined_by_a_slash_is_no_figure_the_answer_must_state() -> None:
    """ "the 9/11 lawsuit bill" names an event: an answer about the bill need not write "9" and "11"."""
    assert [c for c in analyse("Why is the White House against the 9/11 lawsuit bill?").constraints] == []
    assert [c.text for c in analyse("Why were 62 soldiers sent to the port?").constraints] == ["62"]


def test_a_place_and_the_one_it_lies_in_are_one_constraint() -> None:
    """ "in Washington, D.C." is met by "the District of Columbia Circuit" alone; "Tampa, Florida" by either."""
    asked = analyse("How many states are suing the port authority in Washington, D.C.?")
    assert [c.text for c in asked.constraints if c.kind == "name"] == ["Washington, D.C."]
    assert not asked.unmet("Nine states are suing the port authority before the District of Columbia Circuit.")
    assert asked.unmet("Nine states are suing the port authority in Boston.")


def test_an_ordinal_word_that_picks_one_of_a_kind_is_a_constraint() -> None:
    asked = analyse("When will the first season of the series premiere?")
    assert Constraint("ordinal", "first", "season") in asked.constraints
    assert not asked.unmet("The first season of the series premiered on September 23, 2013.")
    assert not asked.unmet("Its 1st season premiered on September 23, 2013.")
    assert asked.unmet("The tenth and final season of the series was ordered on February 22.")
    assert not any(c.kind == "ordinal" for c in analyse("When did the army first cross the border?").constraints)


def test_a_month_is_a_constraint_a_weekday_and_a_span_from_the_start_are_not() -> None:
    asked = analyse("Who asked for the June 2016 meeting between the mayor and Ana Lind?")
    assert Constraint("month", "June") in asked.constraints
    assert not any(c.kind == "name" and "June" in c.text for c in asked.constraints)
    assert not asked.unmet("On June 3, Ana Lind met the mayor, who had asked for the meeting. 2016")
    assert not asked.unmet("Ana Lind met the mayor on Thursday, at his request. June 2016")  # the article's month
    assert asked.unmet("Ana Lind met the mayor on Thursday, at his request. July 2016")
    assert asked.unmet("Ana Lind may meet the mayor, who asked for it. 2016")  # "may" is no month
    assert dated("The mayor met Ana Lind on Thursday, ahead of the 2016 vote.", "2016-06-08").endswith("vote. June")
    assert dated("Lind met the mayor, ahead of the vote in May.", "2016-06-08").endswith("May. June 2016")
    # "last month" is the month before the article's, "next year" the year after it
    december = analyse("Who endorsed Ana Lind in December?")
    assert december.unmet(dated("Last year, the mayor endorsed Ana Lind.", "2016-01-12"))
    assert not december.unmet(dated("Last month, the mayor endorsed Ana Lind.", "2016-01-12"))
    assert dated("The vote is due next year.", "2016-01-12").endswith("2016 2017")
    # not "the next month" or "his last year as governor", which count from another time, nor a speaker's
    assert december.unmet(dated("Lind took office in November. The next month, the mayor endorsed her.", "2016-01-12"))
    assert dated("In his last year as mayor, Holm endorsed Lind.", "2016-01-12").endswith("January 2016")
    assert dated('Holm said in 2009: "Last year, I endorsed Ana Lind."', "2016-01-12").endswith("January")
    assert not analyse("Who did the mayor meet on Sunday?").constraints
    assert analyse("Who did the mayor meet in Sept. 2019?").fixed("month") == [Constraint("month", "September")]
    assert not analyse("What did May say about the port?").fixed("month")  # a name, not a month
    assert not analyse("Why did the mayor delay the vote to May?").constraints  # a premise the answer may correct
    counted = analyse("How many posts did the port see in the first ten hours after the storm?")
    assert not any(c.kind == "ordinal" for c in counted.constraints)
    assert analyse("Who won the first 2020 debate?").fixed("ordinal") == [Constraint("ordinal", "first", "debate")]
    # an article's month is no name's word
    assert analyse("Who did April Ryan question in 2017?").unmet("The reporter questioned the mayor. April 2017")


@pytest.mark.parametrize(
    ("question", "predicate"),
    [
        ("When does the Nimbus 5 release?", "release"),
        ("When will the second season of Harbour Lights premiere?", "premiere"),
        ("When was the Nimbus 5 released in Japan?", "release"),
        ("When did the ferry strike begin?", "begin"),
        ("What is the release date of the Nimbus 5?", None),
    ],
)
def test_the_predicate_is_the_verb_the_parser_took_for_something_else(question: str, predicate: str | None) -> None:
    """After "does"/"will", the question's last word is its verb ("release", "premiere"), though the tagger
    reads a noun; after "was", a participle read as a complement is the passive verb."""
    assert analyse(question).predicate == predicate


def test_the_theme_is_what_the_asked_verb_acts_on() -> None:
    assert analyse("When was Starfall Legends 2 released?").theme == {"starfal", "legend", "2"}
    assert analyse("When did the company acquire the port?").theme == {"port"}
    assert analyse("Who is Dmitry Usov?").theme == frozenset()


@pytest.mark.parametrize(
    ("rewrite", "follow_up", "earlier", "standalone"),
    [
        # The date copied from the previous answer is the answer to "when": it goes, with its "on" and comma.
        (
            "When did the army seize 102 soldiers in one go on Wednesday, August 14, during the raid on Kursk?",
            "When did that happen?",
            "How many soldiers did the army seize in Kursk?",
            "When did the army seize 102 soldiers in one go during the raid on Kursk?",
        ),
        (
            "How many of the 102 soldiers were freed on May 3?",
            "How many?",
            "When were soldiers freed?",
            "How many of the soldiers were freed on May 3?",
        ),
        # A value the conversation itself fixed stays; names are the topic and always stay.
        ("When was the 2019 Tour won?", "When was it won?", "Who won the 2019 Tour?", "When was the 2019 Tour won?"),
        ("What is Dmitry Usov's rank?", "what is his rank?", "who is Dmitry Usov?", "What is Dmitry Usov's rank?"),
    ],
)
def test_a_rewritten_follow_up_loses_the_answer_it_copied(rewrite, follow_up, earlier, standalone) -> None:
    assert without_answer(rewrite, follow_up, earlier) == standalone


def test_a_division_the_question_names_is_a_constraint_any_of_its_words_meet() -> None:
    """ "the women's singles" picks one division: "WTA" or "women's" states it; a sentence that names no
    division, or the other one, does not. A plain "men" is no division ("How many men were hurt?")."""
    question = analyse("Who won the women’s singles at the 2021 Harbour Open?")
    assert Constraint("division", "women's") in question.constraints
    assert not question.unmet("Ana Lind won the 2021 Harbour Open women's singles title.")
    assert not question.unmet("Ana Lind ends 2021 as the WTA No. 1 after the Harbour Open.")
    assert question.unmet("At the 2021 Harbour Open, Ana Lind won a major singles title.")
    assert question.unmet("Ivo Brandt won the 2021 Harbour Open men’s singles title.")
    assert not analyse("How many men were hurt at the 2021 Harbour Open?").fixed("division")


def test_naming_and_asking_questions_ask_for_someone_s_words() -> None:
    called = analyse("What did Ada Roe call the plan?")
    assert (called.speaker, called.topic) == ("Ada Roe", "plan")
    asked = analyse("What did Mara Pell ask the council?")
    assert (asked.speaker, asked.topic, asked.listener) == ("Mara Pell", None, None)
    assert analyse("Who called the meeting?").speaker is None


def test_the_speaker_described_before_their_name_is_the_name() -> None:
    """ "former Peruvian president Ada Roe": the parser makes "president" the subject and the name its
    apposition; the speaker is Ada Roe, not "president" (whose sources are every president in the collection)."""
    asked = analyse("What did former Peruvian president Ada Roe say about the port's plan for a sea wall?")
    assert (asked.speaker, asked.topic) == ("Ada Roe", "plan")
    assert analyse("What did the mayor say about the wall?").speaker is None
    # a speaker the question asks for is no speaker whose words it asks for
    assert analyse("Which Harbour Party contender said the port would close?").speaker is None


def test_a_question_for_a_reason_someone_gave_asks_for_their_words() -> None:
    asked = analyse("What explanation did Ana Lind give for the delay?")
    assert (asked.speaker, asked.topic) == ("Ana Lind", "delay")
    assert analyse("What reason did Ana Lind give for the port's shake-up?").speaker == "Ana Lind"
    assert analyse("What help did Ana Lind give to the port?").speaker is None  # help is no thing said
    assert analyse("When did Ana Lind issue the warning?").speaker is None  # a date is asked, not her words


def test_how_old_asks_for_an_age() -> None:
    question = analyse("How old is Ada Roe?")
    assert (question.kind, question.answer_type, question.counted) == ("number", "number", "age")


def test_how_many_answers_a_which_question_asks_for_is_no_fact_to_meet() -> None:
    """ "Which two leaders ...?": a passage that names both need not write "two"; "the two leaders" fixes it."""
    assert analyse("Which two Asian leaders did Ada Roe meet on Tuesday?").fixed("number") == []
    assert [c.text for c in analyse("Who met the two leaders?").fixed("number")] == ["2"]
    # a number that modifies the asked noun is no count of answers
    assert [c.text for c in analyse("Which 17-year-old skater won the gold medal?").fixed("number")] == ["17"]
    assert [c.text for c in analyse("What five-year plan did the council adopt?").fixed("number")] == ["5"]


def test_an_ordinal_in_a_description_beside_a_name_fixes_nothing() -> None:
    """ "Raul Roe, the first member to endorse Holm": the name says who; the article may describe him otherwise."""
    assert (
        analyse("Did Rep. Raul Roe, the first member of Congress to endorse Holm, oppose the deal?").fixed("ordinal")
        == []
    )
    assert analyse("Who won the first season of the show?").fixed("ordinal") != []
    assert analyse("Who won the Harbour Marathon, the first edition held in the fall?").fixed("ordinal") != []


def test_in_the_first_place_picks_no_place() -> None:
    """ "Why did she run in the first place?" asks why at all; "in first place" is a rank."""
    assert analyse("Why did Ada Roe decide to run for mayor in the first place?").fixed("ordinal") == []
    assert analyse("Who finished in first place in the Harbour Marathon?").fixed("ordinal") != []


def test_a_clause_that_sets_the_scene_leaves_the_main_question_its_kind() -> None:
    """ "When Bo Ray suggested ..., did Ada Roe accept it?" asks yes or no, not when."""
    assert analyse("When Bo Ray suggested the mayor only meant the budget, did Ada Roe accept that reading?").kind == (
        "yes_no"
    )
    assert analyse("When the storm hit the harbour, where did the ferries go?").kind == "where"
    assert analyse("When did Ada Roe accept it?").kind == "when"
    assert analyse("When, where and why did the strike start?").kind == "when"


def test_a_means_put_to_a_purpose_asks_about_the_purpose() -> None:
    """ "Who used a photo line to tell Roe ...?" asks who told Roe; "Who used the money?" who used it."""
    assert analyse("Which member of Congress used a photo line to tell Ada Roe he should resign?").predicate == "tell"
    assert analyse("Who used the money?").predicate == "use"
    assert analyse("Which tool did the hackers use to steal the data?").predicate == "use"  # the means is asked


def test_an_occasion_told_something_is_where_it_was_said_not_to_whom() -> None:
    """ "What did Roe tell the closed-door meeting?" asks Roe's words there, which the article may give as
    "Roe said during the closed-door session"; "tell reporters" has listeners."""
    assert analyse("What did Ada Roe tell the closed-door meeting of the governors?").listener is None
    assert analyse("What did Ada Roe tell reporters?").listener == "reporters"


def test_a_verb_the_parser_took_for_a_noun_after_did_is_the_predicate() -> None:
    """ "Why did the Obamas scale back the photo lines ...?" parses "scale" as a noun: it is the question's verb,
    not the last word ("party")."""
    question = "Why did the Roes scale back the holiday-party photo lines that Ada Holm had held at every party?"
    assert analyse(question).predicate == "scale"
    assert analyse("When does the Nimbus 11 release?").predicate == "release"


def test_where_someone_stands_asks_for_a_position_not_a_place() -> None:
    assert analyse("Where does Ana Lind stand on the port tax?").kind == "open"
    assert analyse("Where had each stood in January?").answer_type is None
    assert analyse("Where did Ana Lind speak on Monday?").kind == "where"
