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
