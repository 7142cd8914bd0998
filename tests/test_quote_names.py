"""Which name a speaker resolves to: a quote credited to the wrong person is worse than one
left with its descriptor. One construction per test, on texts written for these tests."""

from __future__ import annotations

import pytest

from core.model import ORGANISATION, PERSON, Quote

pytestmark = pytest.mark.slow


def said(quotes: list[Quote], words: str) -> Quote:
    """The one quote holding ``words``."""
    (quote,) = [q for q in quotes if words in q.text]
    return quote


@pytest.mark.parametrize(
    ("text", "words", "who"),
    [
        (
            "Governor Lena Ortiz said the budget would balance by spring. "
            "The former governor said the plan was reckless.",
            "reckless",
            "The former governor",
        ),
        (
            "Mayor Olu Ade said the budget was final. The deputy mayor said there was still room for changes.",
            "room for changes",
            "The deputy mayor",
        ),
        (
            "Former Mayor Tom Beck opened the fair on Sunday. The mayor said the city had been misled.",
            "misled",
            "The mayor",
        ),
        (
            "Former Mayor Tom Beck said the stadium deal was a mistake. "
            "The former mayor said the city had been misled.",
            "misled",
            "Tom Beck",
        ),
        (
            "In 2015, then-mayor Carl Briggs said the plant was safe. Residents doubt it. "
            "The former mayor said on Tuesday that the tests were sound.",
            "tests were sound",
            "Carl Briggs",
        ),
    ],
)
def test_a_former_or_deputy_holder_of_a_post_is_not_the_one_who_holds_it(quotes_of, text, words, who) -> None:
    """ "Former", "then-", "deputy" before a post name another holder: the former
    governor is only the person the article called the former governor."""
    assert said(quotes_of(text), words).speaker_name == who


def test_a_headline_run_into_a_name_is_not_the_fullest_name(quotes_of) -> None:
    """The tagger reads "Biden Warns Of Long" as a person: the name stops before the verb."""
    text = "Biden Warns Of Long Winter\n\nPresident Joe Biden said the winter would be long. “Stay home,” Biden said."
    assert said(quotes_of(text), "Stay home").speaker_name == "Joe Biden"


@pytest.mark.parametrize(
    ("text", "words", "who"),
    [
        (
            "Eva Lind and her colleague Paul Moe presented the study. She said the results were clear. "
            "He said more work was needed.",
            "results were clear",
            "Eva Lind",
        ),
        (
            "Eva Lind and her colleague Paul Moe presented the study. She said the results were clear. "
            "He said more work was needed.",
            "more work",
            "Paul Moe",
        ),
    ],
)
def test_of_two_people_alike_in_a_sentence_a_pronoun_takes_the_one_known_to_match(quotes_of, text, words, who) -> None:
    """ "her colleague" tells Lind is a woman; nothing tells Moe's gender, so "she" is Lind."""
    assert said(quotes_of(text), words).speaker_name == who


@pytest.mark.parametrize(
    "text",
    [
        "Protesters said the new law was unfair. One of them, Yusuf Ali, said he had been arrested twice.",
        "Two drivers waited at the depot. Another, Dana Kim, said the bus never came.",
    ],
)
def test_a_name_set_beside_one_of_a_group_is_the_speaker(quotes_of, text) -> None:
    """ "One of them, Yusuf Ali, said": the name speaks, "One of them" describes him."""
    quote = quotes_of(text)[-1]
    assert quote.speaker_name in ("Yusuf Ali", "Dana Kim")
    assert quote.descriptor is not None and quote.descriptor.text in ("One of them", "Another")


@pytest.mark.parametrize(("role", "who"), [("prime minister", "Ola Berg"), ("finance minister", "Hans Lie")])
def test_a_post_with_its_qualifying_word_goes_to_the_one_titled_so(quotes_of, role, who) -> None:
    """After "Prime Minister Ola Berg" and "Finance Minister Hans Lie", "the prime minister"
    is Berg although Lie was called a minister last."""
    text = (
        "Prime Minister Ola Berg said the tax would go. Finance Minister Hans Lie said the budget could absorb it. "
        f"The {role} said the decision was final."
    )
    assert said(quotes_of(text), "decision was final").speaker_name == who


@pytest.mark.parametrize(
    ("text", "who", "title"),
    [
        ("Councillor Pat Moss said the city would test the water.", "Pat Moss", "Councillor"),
        ("Goalkeeper Sam Ode said the team was united.", "Sam Ode", "Goalkeeper"),
        ("Sociologist Ines Ferreira said the survey was biased.", "Ines Ferreira", "Sociologist"),
    ],
)
def test_a_title_the_tagger_ran_into_a_name_is_its_descriptor(quotes_of, text, who, title) -> None:
    """The tagger takes "Councillor Pat Moss" as one name, and "Sociologist Ines Ferreira"
    as a company: the title describes a person, it is no part of the name."""
    (quote,) = quotes_of(text)
    assert (quote.speaker.text, quote.speaker_name, quote.source_kind) == (who, who, PERSON)
    assert quote.descriptor is not None and quote.descriptor.text == title


def test_a_subject_the_tagger_did_not_name_is_still_who_she_means(quotes_of) -> None:
    """The tagger misses "Ella Ward" but tags her landlord: "she" is still Ward, not Hume."""
    text = "Ella Ward sued her landlord, Victor Hume, last month. She said the flat was damp."
    assert said(quotes_of(text), "flat was damp").speaker_name == "Ella Ward"


def test_a_post_no_one_was_named_with_is_not_held_by_someone_named_only_as_an_object(quotes_of) -> None:
    """The officer who made the arrest is not the man arrested."""
    text = "Police charged Leon Marsh with theft. The arresting officer said Marsh had a knife."
    assert said(quotes_of(text), "had a knife").speaker_name == "The arresting officer"


def test_an_untagged_first_word_of_a_body_named_before_is_that_body(quotes_of) -> None:
    """ "Tarn said", untagged, is the company named before, not a person called Tarn."""
    quote = said(quotes_of("Tarn Logistics lost its contract in May. Tarn said it would appeal."), "appeal")
    assert (quote.speaker_name, quote.source_kind) == ("Tarn Logistics", ORGANISATION)


@pytest.mark.parametrize(("words", "who"), [("would close", "Helen Park"), ("miss the customers", "David Park")])
def test_mrs_and_mr_tell_a_wife_and_a_husband_apart(quotes_of, words, who) -> None:
    text = (
        "Mrs. Helen Park and her husband, David Park, ran the store for 40 years. "
        "Mrs. Park said the store would close. Mr. Park said he would miss the customers."
    )
    assert said(quotes_of(text), words).speaker_name == who


def test_a_post_given_to_two_people_in_one_sentence_names_neither(quotes_of) -> None:
    """Either senator could be "the senator": no name rather than a guess."""
    text = "Senator Ray Cobb and Senator Ella Moss clashed on Tuesday. The senator said the bill was dead."
    assert said(quotes_of(text), "bill was dead").speaker_name == "The senator"


def test_a_pronoun_with_a_cue_set_into_a_clause_is_not_that_clauses_subject(quotes_of) -> None:
    """ "Mayor Ann Hale, he said, had done her best": he speaks of Hale, so he is Ruiz."""
    text = "Ben Ruiz spoke after the vote. Mayor Ann Hale, he said, had done her best."
    assert said(quotes_of(text), "her best").speaker_name == "Ben Ruiz"


def test_a_surname_the_tagger_reads_as_a_body_is_still_the_person(quotes_of) -> None:
    """The tagger reads the last "Reyes" as a common noun naming a company."""
    text = (
        "Tom Reyes, whose son was injured in the crash, said the road needed lights. His wife, Lena Reyes, "
        "said she had written to the council twice. Reyes said the council never replied."
    )
    quote = said(quotes_of(text), "never replied")
    assert quote.speaker_name in ("Tom Reyes", "Lena Reyes") and quote.source_kind == PERSON


def test_a_person_named_among_a_subject_is_who_she_means(quotes_of) -> None:
    """ "Critics, including Sen. Ana Reyes, said": Reyes is a subject there, and the latest."""
    text = (
        "Sen. Mark Tillis said the bill was fair. Critics, including Sen. Ana Reyes, said it favoured donors. "
        "She said she would vote against it."
    )
    assert said(quotes_of(text), "vote against").speaker_name.endswith("Reyes")


def test_a_word_in_lower_case_the_tagger_calls_a_name_keeps_its_phrase(quotes_of) -> None:
    """ "said the minister": a lower-case word is no name, so the speaker is "the minister", as
    the same source is called elsewhere, not "minister"."""
    quotes = quotes_of("“We will dredge the channel,” said the minister. “Nobody else will.”")
    assert [(q.speaker.text, q.speaker_name) for q in quotes] == [("the minister", "the minister")] * 2


@pytest.mark.parametrize("text", ["Ms Jones said the budget was tight.", "Dr Bell said the clinic was full."])
def test_an_honorific_without_a_full_stop_makes_a_person_of_a_name_tagged_as_a_body(quotes_of, text) -> None:
    """British style writes "Ms Jones", "Dr Bell": the tagger may call the name a company."""
    (quote,) = quotes_of(text)
    assert quote.source_kind == PERSON


def test_a_possessive_speaker_is_the_one_it_belongs_to(quotes_of) -> None:
    """ "In his words, “…”": "his" stands for the person, as "he" would."""
    text = "Coach Tom Ruiz has rebuilt the team twice. In his words, “we start from the kids.”"
    (quote,) = quotes_of(text)
    assert quote.speaker_name == "Tom Ruiz"
