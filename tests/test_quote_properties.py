"""On any text at all, extraction returns well-formed quotes and no rule breaks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.quotes.extract import extract_quotes
from core.quotes.marks import find_quoted

pytestmark = pytest.mark.slow

MARKS = list("\"'“”‘’«»‹›„`") + ["''", "``", "\n", "\n\n", ", ", ". ", ": "]
WORDS = [
    "said",
    "she",
    "he",
    "told",
    "according",
    "to",
    "the",
    "ministry",
    "Anna Berg",
    "Berg",
    "that",
    "statement",
    "sources",
    "so-called",
    "added",
    "Moscow",
    "and",
    "we",
    "win",
]
# Texts built from quote marks and attribution words reach the rules far more often than random text.
newsy = st.lists(st.sampled_from(MARKS + WORDS) | st.text(max_size=6), max_size=60).map(" ".join)
texts = st.one_of(st.text(max_size=300), newsy)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_marks_pair_into_spans_inside_the_text(text: str) -> None:
    for q in find_quoted(text):
        assert 0 <= q.start < q.end <= len(text)
        assert "\n" not in text[q.start : q.end]


@settings(max_examples=60, deadline=None)
@given(texts)
def test_quotes_are_spans_of_the_text(analyzer, text: str) -> None:
    quotes = extract_quotes(analyzer.nlp(text))  # raises if a rule broke
    assert quotes == sorted(quotes, key=lambda q: (q.start, q.end))
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text) and text[q.start : q.end] == q.text
        for part in (q.speaker, q.cue, q.descriptor):
            if part is not None:
                assert 0 <= part.start < part.end <= len(text) and text[part.start : part.end] == part.text
