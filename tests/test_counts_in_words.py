"""Counts in words agree with their number: "1 quote", "2 quotes", "1 entity"."""

from __future__ import annotations

from widgets.article_list import ArticleRow
from widgets.words import counted


def test_counted_agrees_with_the_number() -> None:
    assert counted(1, "quote") == "1 quote"
    assert counted(0, "quote") == "0 quotes"
    assert counted(1, "entity", "entities") == "1 entity"
    assert counted(3, "entity", "entities") == "3 entities"


def test_a_list_row_counts_in_words() -> None:
    assert ArticleRow("a", "Title", entities=1, quotes=1).counts == "1 entity · 1 quote"
    assert ArticleRow("a", "Title", entities=2, quotes=0).counts == "2 entities · 0 quotes"
    assert ArticleRow("a", "Title").counts == "…"


def test_the_status_counts_one_article_and_thousands_in_words() -> None:
    from core.corpus import Corpus
    from core.model import Article
    from tui.present import corpus_summary

    corpus = Corpus()
    corpus.articles = {"a": Article(id="a", title="One", text="One story.")}
    assert corpus_summary(corpus) == "1 article"
    corpus.articles = {str(n): Article(id=str(n), title="T", text="x") for n in range(1200)}
    assert corpus_summary(corpus) == "1,200 articles"
