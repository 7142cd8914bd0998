"""One analysis pipeline for the app and the CLI: what the cache holds is taken
from it in bulk (the model is not even loaded when everything is cached), the
rest is analysed in batches and stored as it comes, so an interrupted run
keeps its work."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from core.model import Analysis, AnalysisFailure, Article
from core.nlp import Analyzer
from core.store.cache import AnalysisCache

# Articles looked up in the cache at once: a few tens of milliseconds of decoding, between
# which the app's loader steps aside for the user (``core.foreground``).
CACHE_CHUNK = 100


@dataclass(slots=True)
class Pipeline:
    analyzer: Analyzer
    cache: AnalysisCache | None

    def cached(self, articles: Sequence[Article], chunk: int = CACHE_CHUNK) -> Iterator[list[tuple[Article, Analysis]]]:
        """The cached analyses of these articles, one chunk of lookups at a time."""
        if self.cache is None:
            return
        model_id = self.analyzer.model_id
        for start in range(0, len(articles), chunk):
            part = articles[start : start + chunk]
            found = self.cache.get_many(part, model_id)
            yield [(article, found[article.id]) for article in part if article.id in found]

    def analyse(
        self, articles: Iterable[Article], *, store_every: int = 64, n_process: int = 1
    ) -> Iterator[tuple[Article, Analysis | AnalysisFailure]]:
        """Analyse with spaCy, in order, storing every ``store_every`` results; what
        was done is stored even when the caller stops early. An article that
        cannot be analysed comes as an ``AnalysisFailure`` and is not stored."""
        model_id = self.analyzer.model_id
        pending: list[tuple[Article, Analysis]] = []
        try:
            for article, analysis in self.analyzer.analyze_many(articles, n_process=n_process):
                if isinstance(analysis, Analysis):
                    pending.append((article, analysis))
                if self.cache is not None and len(pending) >= store_every:
                    self.cache.put_many(pending, model_id)
                    pending.clear()
                yield article, analysis
        finally:
            if self.cache is not None:
                self.cache.put_many(pending, model_id)


def analyses(
    articles: Sequence[Article],
    analyzer: Analyzer,
    cache: AnalysisCache | None,
    *,
    batch_size: int = 64,
    n_process: int = 1,
) -> Iterator[tuple[Article, Analysis | AnalysisFailure]]:
    """Every article with its analysis (or why it has none), in input order:
    cached ones looked up first, the rest analysed."""
    pipeline = Pipeline(analyzer, cache)
    cached = {article.id: analysis for found in pipeline.cached(articles) for article, analysis in found}
    missing = [a for a in articles if a.id not in cached]
    fresh = pipeline.analyse(missing, store_every=batch_size, n_process=n_process) if missing else None
    try:
        for article in articles:
            if article.id in cached:
                yield article, cached[article.id]
                continue
            assert fresh is not None
            done, analysis = next(fresh)  # in order; a copy of the article with n_process > 1
            if done.id != article.id:
                raise RuntimeError(f"analyses out of order: {done.id} for {article.id}")
            yield article, analysis
    finally:  # also when the caller stops early: store what was done
        if fresh is not None:
            fresh.close()
