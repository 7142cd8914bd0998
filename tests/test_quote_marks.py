"""Pairing quotation marks from the text alone (no model needed)."""

from __future__ import annotations

from core.quotes.marks import find_quoted, is_title_case


def quoted_texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quoted(text)]


def test_straight_double_marks_pair() -> None:
    text = 'He said "we will win" and left.'
    assert quoted_texts(text) == ['"we will win"']


def test_curly_double_marks_pair() -> None:
    assert quoted_texts("“We will win,” he said.") == ["“We will win,”"]


def test_guillemets_pair() -> None:
    assert quoted_texts("Il a dit «nous gagnerons» hier.") == ["«nous gagnerons»"]


def test_single_marks_inside_double_are_not_separate_quotes() -> None:
    text = "“They called it ‘a disaster’ twice,” she said."
    assert quoted_texts(text) == ["“They called it ‘a disaster’ twice,”"]


def test_single_curly_marks_quote_outside_double() -> None:
    assert quoted_texts("Minister calls plan ‘crazy system’ at rally") == ["‘crazy system’"]


def test_doubled_apostrophes_act_as_double_marks() -> None:
    text = "''We are ready,'' he said."
    found = find_quoted(text)
    assert [text[q.start : q.end] for q in found] == ["''We are ready,''"]
    assert text[found[0].inner[0] : found[0].inner[1]] == "We are ready,"


def test_apostrophes_are_not_quote_marks() -> None:
    assert find_quoted("Putin’s rule isn’t over, and the ’90s aren't back; the voters’ mood is sour.") == []


def test_paragraphs_of_one_quotation_each_open_and_only_the_last_closes() -> None:
    text = "“First part of it.\n\n“Second part of it.\n\n“Third part,” she said."
    found = find_quoted(text)
    assert [text[q.start : q.end] for q in found] == [
        "“First part of it.",
        "“Second part of it.",
        "“Third part,”",
    ]
    assert [q.closed for q in found] == [False, False, True]
    assert [q.continues for q in found] == [False, True, True]


def test_unbalanced_mark_never_runs_past_its_paragraph() -> None:
    text = "He said “we will win and left.\n\nThe next paragraph says “nothing” at all."
    assert quoted_texts(text) == ["“nothing”"]


def test_a_second_opening_mark_drops_the_unclosed_first_one() -> None:
    text = "Stray “mark here. Then “a real quote” follows."
    assert quoted_texts(text) == ["“a real quote”"]


def test_curly_quotation_inside_a_quotation_stays_inside() -> None:
    text = "“I would rather sail into what she calls “the storm” than wait ashore.” ― Ana Ruiz"
    assert quoted_texts(text) == ["“I would rather sail into what she calls “the storm” than wait ashore.”"]


def test_curly_quotation_inside_a_straight_one_stays_inside() -> None:
    text = '"We watched “Harbour Nights” twice," she said.'
    assert quoted_texts(text) == ['"We watched “Harbour Nights” twice,"']


def test_transcript_paragraphs_with_curly_titles_inside_run_on() -> None:
    text = '"LEE: I saw “Harbour Nights” last week.\n\n"ROSS: So did I, on “Channel 4.”"'
    found = find_quoted(text)
    assert [text[q.start : q.end] for q in found] == [
        '"LEE: I saw “Harbour Nights” last week.',
        '"ROSS: So did I, on “Channel 4.”"',
    ]
    assert [q.continues for q in found] == [False, True]


def test_closing_mark_typed_as_an_opening_one_still_opens() -> None:
    assert quoted_texts("”Fear. I am truly afraid,” she wrote.") == ["”Fear. I am truly afraid,”"]


def test_opening_mark_typed_as_a_closing_one_still_closes() -> None:
    text = "“We are nine points behind and the count is not over.“\n\nThe count ended at dawn."
    assert quoted_texts(text) == ["“We are nine points behind and the count is not over.“"]
    assert find_quoted(text)[0].closed


def test_title_case_means_every_longer_word_capitalised() -> None:
    assert is_title_case("A Long Way Home.") and is_title_case("Harbour Nights")
    assert not is_title_case("no limits") and not is_title_case("a con")
