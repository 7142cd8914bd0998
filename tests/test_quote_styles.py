"""Quotes in the styles of other newsrooms (wire copy, British papers, features), one
construction per test, on sentences written for these tests."""

from __future__ import annotations

import pytest

from core.model import DIRECT, ORGANISATION, PARTIAL, REPORTED
from tests.support.quotes import only, speaker


@pytest.mark.parametrize(
    ("text", "content", "who"),
    [
        (
            "The CEO told analysts on a conference call that demand remained strong.",
            "that demand remained strong",
            "The CEO",
        ),
        ("She told me on the phone that she was leaving.", "that she was leaving", "She"),
    ],
)
def test_a_that_clause_hung_on_where_the_listeners_were_told_is_what_was_said(quotes_of, text, content, who) -> None:
    q = only(quotes_of(text))
    assert (q.kind, q.text, speaker(q)) == (REPORTED, content, who)


@pytest.mark.parametrize(
    ("text", "content", "who"),
    [
        ('As Rivera puts it, "You show up every day."', '"You show up every day."', "Rivera"),
        ("As the coach put it, 'You show up or you sit.'", "'You show up or you sit.'", "the coach"),
        ('The chairman put it this way: "We either grow or we die."', '"We either grow or we die."', "The chairman"),
        ('The coach summed it up: "We were beaten."', '"We were beaten."', "The coach"),
    ],
)
def test_whoever_puts_it_so_speaks_the_quotation_after_it(quotes_of, text, content, who) -> None:
    q = only(quotes_of(text))
    assert (q.kind, q.text, speaker(q)) == (DIRECT, content, who)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The suspect, according to police, fled on foot.", "The suspect, according to police, fled on foot"),
        ("Prices, according to the bank, rose.", "Prices, according to the bank, rose"),
        ("He fled, according to police, and hid in a barn.", "He fled, according to police, and hid in a barn"),
    ],
)
def test_according_to_set_into_a_short_clause_vouches_for_all_of_it(quotes_of, text, content) -> None:
    q = only(quotes_of(text))
    assert (q.kind, q.text) == (REPORTED, content)


def test_quoted_words_ending_the_sentence_keep_their_closing_mark(quotes_of) -> None:
    # The parse ends the clause before the full stop and the mark, and "airline" is no
    # word the lists know to speak: the statement that opens the quotation still holds it.
    q = only(quotes_of('The airline said the flight was diverted "out of an abundance of caution."'))
    assert (q.kind, q.text) == (PARTIAL, 'the flight was diverted "out of an abundance of caution."')


def test_a_relative_clause_with_a_cue_of_its_own_is_no_part_of_the_statement_before_it(quotes_of) -> None:
    quotes = quotes_of('The charity said it was "appalled" by the report, which it called "deeply misleading."')
    assert [(q.kind, q.text) for q in quotes] == [
        (PARTIAL, 'it was "appalled" by the report'),
        (DIRECT, '"deeply misleading."'),
    ]


def test_a_relative_clause_that_tells_which_thing_stays_in_the_statement(quotes_of) -> None:
    quotes = quotes_of("She said she would spend the money she says she raised on schools.")
    q = next(q for q in quotes if q.cue and q.cue.text == "said")
    assert q.text == "she would spend the money she says she raised on schools"


def test_quoted_words_that_are_all_the_object_stop_before_where_they_were_said(quotes_of) -> None:
    q = only(quotes_of('Protesters chanted "No more cuts" outside the town hall.'))
    assert (q.text, speaker(q)) == ('"No more cuts"', "Protesters")


def test_any_noun_subject_of_a_speech_verb_owns_the_quoted_words_it_says(quotes_of) -> None:
    # "jury" is on no list of speakers; what was asked for starts after "for".
    q = only(quotes_of('The jury asked for "more time to think."'))
    assert (q.kind, q.text, speaker(q)) == (PARTIAL, '"more time to think."', "The jury")


def test_what_was_asked_for_in_quoted_words_is_the_words(quotes_of) -> None:
    q = only(quotes_of('The minister asked for "more time to think" on Tuesday.'))
    assert (q.kind, q.text) == (PARTIAL, '"more time to think"')


@pytest.mark.parametrize(
    "text",
    [
        'The mayor praised Mary "Molly" Grant for her work.',
        'Officials said Mary "Molly" Grant had resigned.',
    ],
)
def test_a_nickname_inside_a_name_is_no_quote(quotes_of, text) -> None:
    assert all(q.kind != PARTIAL for q in quotes_of(text))


@pytest.mark.parametrize(
    "text",
    [
        "The officer asked not to be identified.",
        "A nurse, who asked to remain anonymous because she feared losing her job, said the ward was full.",
    ],
)
def test_asking_not_to_be_named_is_no_statement(quotes_of, text) -> None:
    assert all(q.cue and q.cue.text != "asked" for q in quotes_of(text))


def test_asking_to_do_something_is_still_reported(quotes_of) -> None:
    q = only(quotes_of("She asked to be moved to another ward."))
    assert q.text == "to be moved to another ward"


@pytest.mark.parametrize(
    ("text", "content", "who"),
    [
        ('In Rivera\'s words, "You show up every day."', '"You show up every day."', "Rivera"),
        ('In the words of one prison guard, "Nobody here sleeps."', '"Nobody here sleeps."', "one prison guard"),
    ],
)
def test_in_someones_words_opening_a_sentence_names_the_speaker(quotes_of, text, content, who) -> None:
    q = only(quotes_of(text))
    assert (q.kind, q.text, speaker(q)) == (DIRECT, content, who)


def test_in_other_words_names_no_one(quotes_of) -> None:
    assert quotes_of('In other words, "the plan" was dead.') == []


@pytest.mark.parametrize(
    ("text", "who", "name"),
    [
        ('Rivera\'s message to young players: "Show up every day."', "Rivera", "Rivera"),
        ('The message from the governor was clear: "Stay home if you can."', "the governor", "the governor"),
        ('Jo Park runs the ward. Her advice to new nurses: "Sleep when you can."', "Her", "Jo Park"),
    ],
)
def test_a_colon_after_what_someone_said_gives_the_quotation_to_them(quotes_of, text, who, name) -> None:
    q = only(quotes_of(text))
    assert (q.kind, speaker(q), q.speaker_name) == (DIRECT, who, name)


def test_a_colon_after_a_thing_gives_the_quotation_to_no_one(quotes_of) -> None:
    q = only(quotes_of('The menu: "Soup, bread and cheese."'))
    assert q.speaker is None


@pytest.mark.parametrize(
    ("text", "who"),
    [('"Freedom!" chanted the crowd.', "the crowd"), ('Q. What comes next?\nA. "We rebuild," said Holt.', "Holt")],
)
def test_a_subject_after_its_cue_speaks_when_the_parser_takes_the_quotation_for_it(quotes_of, text, who) -> None:
    q = only(quotes_of(text))
    assert (q.kind, speaker(q)) == (DIRECT, who)


def test_a_single_paper_with_its_issuer_before_it_speaks(quotes_of) -> None:
    q = only(quotes_of("A police statement said officers were called at 10pm."))
    assert (q.text, speaker(q)) == ("officers were called at 10pm", "A police statement")


def test_papers_nobody_is_named_as_issuing_still_say_nothing(quotes_of) -> None:
    assert quotes_of("City documents show the cost doubled.") == []


@pytest.mark.parametrize(
    ("text", "content", "who"),
    [
        ("The mayor seemed to suggest that taxes would rise.", "that taxes would rise", "The mayor"),
        (
            "The letter appeared to suggest that the board had known for months.",
            "that the board had known for months",
            "The letter",
        ),
    ],
)
def test_a_hedged_cue_still_reports(quotes_of, text, content, who) -> None:
    q = only(quotes_of(text))
    assert (q.kind, q.text, speaker(q)) == (REPORTED, content, who)


@pytest.mark.parametrize(
    "text",
    ["The charity said it would close ten shops.", "The NHS trust said the ward would reopen in May."],
)
def test_a_charity_or_a_trust_is_an_organisation(quotes_of, text) -> None:
    assert only(quotes_of(text)).source_kind == ORGANISATION


@pytest.mark.parametrize(
    ("text", "who"),
    [('"The club will not be sold," he was adamant.', "he"), ('She was blunt: "It failed."', "She")],
)
def test_a_manner_of_saying_after_was_is_a_cue(quotes_of, text, who) -> None:
    q = only(quotes_of(text))
    assert (q.kind, speaker(q)) == (DIRECT, who)


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("The paper quoted an unnamed official as saying the talks had failed.", "an unnamed official"),
        ("Local media cited a police officer as saying three people had died.", "a police officer"),
    ],
)
def test_whoever_is_quoted_as_saying_speaks(quotes_of, text, who) -> None:
    assert speaker(only(quotes_of(text))) == who


def test_a_quoted_cry_after_its_cue_is_said_even_in_title_case(quotes_of) -> None:
    # The parser hangs the opening mark on "shouted" and "Shame" is capitalised.
    q = only(quotes_of('The crowd shouted "Shame!" at the minister as he left.'))
    assert (q.text, speaker(q)) == ('"Shame!"', "The crowd")


def test_a_relative_clause_she_vouches_for_stays_in_her_statement(quotes_of) -> None:
    quotes = quotes_of("She said the club had asked the site to pull the video, which she said had been shared widely.")
    first = next(q for q in quotes if q.cue and q.cue.text == "said" and q.cue.start < 5)
    assert first.text.endswith("which she said had been shared widely")
