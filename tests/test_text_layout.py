"""Datelines and paragraphs, read from the layout of a text before the parser sees it."""

from __future__ import annotations

import pytest

from core.text_layout import dateline


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("BERGEN – Solberg & Dahl will build two ferries.", "BERGEN"),
        ("Ferry order for Bergen\n\nBERGEN — Solberg & Dahl will build two ferries.", "BERGEN"),
        ("HALIFAX, N.S. — The bridge will reopen in May.", "HALIFAX"),
        ("KIGALI (AP) - The border was closed on Friday.", "KIGALI"),
        ("SAN JOSE, Jan. 4 (Reuters) — Chip sales rose.", "SAN JOSE"),
    ],
)
def test_a_dateline_is_the_place_in_capitals_before_a_dash(text: str, place: str) -> None:
    found = dateline(text)
    assert found is not None
    start, place_end, end = found
    assert text[start:place_end] == place
    assert text[end:].split()[0][0].isupper() and text[end - 2 : end].strip() in ("–", "—", "-")


@pytest.mark.parametrize(
    "text",
    [
        "WATCH: the mayor answers questions on the budget.",  # a colon, not a dash
        "The mayor said – after a pause – that the budget was safe.",  # no capitals
        "A - the first option - was chosen.",  # one letter is no place
        "One.\n\nTwo.\n\nThree.\n\nOSLO – A dateline this far down is a line in the story.",
    ],
)
def test_text_without_a_dateline(text: str) -> None:
    assert dateline(text) is None
