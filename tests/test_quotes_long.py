"""A long article resolves its speakers in time that grows with its length, not its square.

A transcript names the same few people thousands of times. The resolver once
looked at every earlier mention for every quote, so a 1 MB article took
minutes. These tests count that work instead of timing it.
"""

from __future__ import annotations

import pytest

from core.model import PERSON
from core.quotes import speakers
from core.quotes.extract import extract_quotes
from core.quotes.name_index import Name, NameIndex

PARAGRAPH = (
    "“The ferries will run all winter,” said Marta Lindqvist, who chairs the harbour board. "
    "Lindqvist met the crews on Monday. “We have the boats,” Lindqvist said.\n\n"
)


@pytest.mark.slow
def test_resolution_work_grows_with_the_article_not_its_square(analyzer, monkeypatch) -> None:
    calls = 0
    names_another = speakers._names_another

    def counted(text: str, words: set[str]) -> bool:
        nonlocal calls
        calls += 1
        return names_another(text, words)

    monkeypatch.setattr(speakers, "_names_another", counted)
    quotes = extract_quotes(analyzer.nlp(PARAGRAPH * 150))

    assert len(quotes) == 300
    assert {q.speaker_name for q in quotes} == {"Marta Lindqvist"}
    assert {q.source_kind for q in quotes} == {PERSON}
    # One check per written form of the name per quote; per mention it was 300 × 300 / 2.
    assert calls <= 3 * len(quotes)


def index(*names: tuple[int, str]) -> NameIndex:
    return NameIndex([Name(at, tuple(text.lower().split()), text, True) for at, text in names])


def test_forms_holding_words_are_listed_once_in_order_of_first_mention() -> None:
    names = index((0, "Marta Lindqvist"), (40, "Lindqvist"), (90, "Marta Lindqvist"), (120, "Ola Lindqvist"))

    assert [f.text for f in names.forms_with({"lindqvist"})] == ["Marta Lindqvist", "Lindqvist", "Ola Lindqvist"]
    assert [f.text for f in names.forms_with({"marta", "lindqvist"})] == ["Marta Lindqvist"]


def test_mentions_are_found_by_position() -> None:
    names = index((0, "Marta Lindqvist"), (40, "Lindqvist"), (90, "Marta Lindqvist"))
    marta = names.forms_with({"marta"})[0]

    assert names.last_before(marta, 90) == 0
    assert names.last_before(marta, 91) == 90
    assert names.last_before(marta, 0) is None
    assert names.nearest(marta, 50) == (40, 90)
    assert names.nearest(marta, 45) == (45, 0)  # a tie goes to the earlier mention
    assert names.recent(41).text == "Lindqvist"
    assert names.count_before(90) == 2
    assert names.last_holding("lindqvist", 90) == "Lindqvist"


def test_first_mention_skips_names_that_only_modify_a_noun() -> None:
    plan = Name(0, ("lindqvist",), "Lindqvist", False, modifier=True)
    person = Name(30, ("marta", "lindqvist"), "Marta Lindqvist", True)
    names = NameIndex([plan, person])

    assert names.first_holding("lindqvist") is person
    assert names.first_holding("berg") is None
