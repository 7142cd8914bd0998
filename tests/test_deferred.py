"""Analysed records are listed before their text is cleaned: the article still
reads, compares, copies and travels to analysis processes as any other."""

from __future__ import annotations

import pickle
from dataclasses import replace

from core.ingest.deferred import DeferredArticle, as_recorded
from core.model import Article


def test_the_text_is_cleaned_when_first_read_and_is_as_recorded_only_if_unchanged() -> None:
    clean = DeferredArticle("a", "Title", "Already clean.", path="x.jsonl")
    messy = DeferredArticle("b", "Title", "Two  spaces\x1b[31m.")
    assert clean.text == "Already clean." and as_recorded(clean)
    assert messy.text == "Two spaces." and not as_recorded(messy), "offsets carried with it index another text"
    assert as_recorded(Article("c", "Title", "Loaded as usual."))


def test_it_equals_copies_and_pickles_as_an_article() -> None:
    deferred = DeferredArticle("a", "Title", "Body text.", url="https://example.org/a")
    plain = Article("a", "Title", "Body text.", url="https://example.org/a")
    assert deferred == plain and plain == deferred
    assert replace(deferred, title="Other").text == "Body text."
    travelled = pickle.loads(pickle.dumps(deferred))
    assert travelled == plain and as_recorded(travelled)
