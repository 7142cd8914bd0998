"""The corpus hands the reader an article's analysis at once, before the
analysis worker reaches it: from the cache, or from what its record carried."""

from __future__ import annotations

import json
from pathlib import Path

from core.corpus import Corpus
from core.model import Analysis, Article, CarriedAnalysis, Entity
from core.store.cache import AnalysisCache

MODEL = "en_core_web_sm-3.8.0"


def test_an_article_opened_early_gets_its_cached_analysis_at_once(tmp_path: Path) -> None:
    cached, new = Article("a", "Cached", "Ada Lovelace wrote."), Article("b", "New", "Nothing cached.")
    analysis = Analysis((Entity(0, 12, "PERSON", "Ada Lovelace"),))
    corpus = Corpus()
    with AnalysisCache.open(tmp_path) as cache:
        cache.put_many([(cached, analysis)], MODEL)
        assert corpus.analysis_now(cached, cache, MODEL) == analysis
        assert corpus.analysis_now(new, cache, MODEL) is None
    assert corpus.analyses == {"a": analysis}, "kept: the next look-up is a dict's"
    assert corpus.analysis_now(new, None, MODEL) is None


def test_an_article_opened_early_gets_the_analysis_its_record_carried() -> None:
    article = Article("a", "Carried", "Ada Lovelace wrote.")
    payload = {"entities": [{"start": 0, "end": 12, "label": "PERSON", "text": "Ada Lovelace"}], "quotes": []}
    corpus = Corpus()
    corpus.carried["a"] = CarriedAnalysis(json.dumps(payload), 1, 0, MODEL, "x")
    assert corpus.analysis_now(article, None, MODEL) == Analysis((Entity(0, 12, "PERSON", "Ada Lovelace"),))


def test_a_search_waits_for_one_article_being_indexed_not_a_whole_chunk() -> None:
    """The worker indexes hundreds of articles at a time; the UI's search takes the same
    lock, so it must be free between two articles (a held chunk stalled typing for a second)."""
    corpus = Corpus()
    articles = [Article(f"a{n}", f"Title {n}", f"Ada Lovelace wrote note {n}.") for n in range(5)]
    for article in articles:
        corpus.articles[article.id] = article
    free_between: list[bool] = []

    def chunk():
        for article in articles:
            free_between.append(not corpus._index_lock.locked())
            yield article, Analysis((Entity(0, 12, "PERSON", "Ada Lovelace"),))

    corpus.index_articles(chunk())
    assert free_between == [True] * 5
    hits, matching, indexed = corpus.search("lovelace")
    assert indexed == 5 and len(matching) == 5
