"""Everything loaded in one session: the articles in list order, their analyses
and counts, what could not be read, and the search index over all of it. The
app's workers fill it; its views read it.

Analyses stay in the cache (or the records that carried them) and only the
most recently used are decoded in memory (``core.recent``); what the sources
views count across every article, each quote's speaker and kinds, is kept
aside as analyses arrive.

The search engine (numpy, rapidfuzz) is imported when the index or the
identities are first used, by a worker, so the app's first paint does not wait for it."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING

from core.foreground import Foreground
from core.ingest.deferred import as_recorded
from core.model import Analysis, AnalysisFailure, Article, CarriedAnalysis, Counts, LoadError, Quote
from core.packed import TextFile, packed, spilled
from core.recent import RecentAnalyses

ANALYSES_KEPT = 512  # decoded in memory: more than the reader and an entity's page use at once

if TYPE_CHECKING:
    from pathlib import Path

    from core.identities import Identities
    from core.ingest.dispatch import LoadStep
    from core.search.index import Hit, SearchIndex
    from core.search.matching import MatchingArticles
    from core.store.cache import AnalysisCache


class Corpus:
    def __init__(self) -> None:
        self.articles: dict[str, Article] = {}
        self.analyses = RecentAnalyses(self._reread, ANALYSES_KEPT)
        # Each analysed article's quotes without their text or spans: who said them, and what kind.
        # Alike quotes are one shared object (``_attributed``): a few thousand across every article.
        self.attributions: dict[str, tuple[Quote, ...]] = {}
        self._attributed: dict[tuple[str, str | None, str], Quote] = {}
        self._store: tuple[AnalysisCache, str] | None = None  # where analyses are read again from
        self.carried: dict[str, CarriedAnalysis] = {}  # came with the input; this model would make them
        self.counts: dict[str, Counts] = {}
        self.errors: list[LoadError] = []
        self.merged = 0  # inputs that were the same article as one already loaded
        self.failures: dict[str, str] = {}  # article id -> why it could not be analysed
        self.stopped: str | None = None  # why analysis stopped for every article still waiting
        # Workers index while a search worker reads.
        self._index_lock = threading.Lock()
        self.foreground = Foreground()  # the UI says when indexing steps aside for the user

    @cached_property
    def index(self) -> SearchIndex:
        from core.search.index import SearchIndex

        return SearchIndex()

    @cached_property
    def identities(self) -> Identities:
        """People and organisations across the articles (they search names: imported late, like the index)."""
        from core.identities import Identities

        return Identities()

    @cached_property
    def _texts(self) -> TextFile | None:
        """Where indexed articles' texts are kept, out of memory (None: no temporary file could be made)."""
        try:
            return TextFile()
        except OSError:
            return None

    def add(self, step: LoadStep) -> None:
        """New articles at the end; a longer version in the place of the one it replaces."""
        for old_id, article in step.replaced.items():
            self.articles.pop(old_id, None)
            self.carried.pop(old_id, None)
            self.articles[article.id] = article
        for article in step.articles:
            self.articles[article.id] = article
        self.errors += step.errors
        self.merged += step.merged
        self.carried.update(step.analyses)

    def use_cache(self, cache: AnalysisCache | None, model_id: str) -> None:
        """Where analyses are read again once out of memory (without one, every analysis stays in memory)."""
        self._store = None if cache is None else (cache, model_id)

    def keep(self, analyses: dict[str, Analysis]) -> None:
        """Analyses looked up before the analysis worker brings them (the first article's)."""
        for article_id, analysis in analyses.items():
            self._keep(article_id, analysis)

    def _keep(self, article_id: str, analysis: Analysis) -> None:
        self.analyses.put(article_id, analysis, rereadable=self._store is not None or article_id in self.carried)
        self.attributions[article_id] = tuple(map(self._attributed_as, analysis.quotes))

    def _attributed_as(self, quote: Quote) -> Quote:
        """The quote as ``attributions`` keeps it: by whom, of which kinds, nowhere (the same object
        for every quote alike: a hundred thousand articles' quotes are a few thousand of them)."""
        key = (quote.kind, quote.speaker_name, quote.source_kind)
        found = self._attributed.get(key)
        if found is None:
            stripped = Quote(0, 0, "", quote.kind, speaker_name=quote.speaker_name, source_kind=quote.source_kind)
            found = self._attributed.setdefault(key, stripped)
        return found

    def _reread(self, article_ids: list[str]) -> dict[str, Analysis]:
        """Analyses out of memory, from the records that carried them, else from the cache."""
        from core.carried import decoded

        articles = [self.articles[article_id] for article_id in article_ids if article_id in self.articles]
        found = {article.id: analysis for chunk in decoded(articles, self.carried) for article, analysis in chunk}
        rest = [article for article in articles if article.id not in found]
        if rest and self._store is not None:
            cache, model_id = self._store
            found |= cache.get_many(rest, model_id)
        return found

    def set_analysis(self, article: Article, analysis: Analysis | AnalysisFailure) -> bool:
        """Keep an analysis (or why there is none); whether the article's row needs redrawing."""
        if isinstance(analysis, AnalysisFailure):
            self.failures[article.id] = analysis.reason
            return True
        self._keep(article.id, analysis)
        counts = Counts(len(analysis.entities), len(analysis.quotes))
        if self.counts.get(article.id) == counts:
            return False
        self.counts[article.id] = counts
        return True

    def analysis_now(self, article: Article, cache: AnalysisCache | None, model_id: str) -> Analysis | None:
        """The article's analysis, looked up at once if the worker has not brought it
        yet (one article: a millisecond), so an article opened early is highlighted."""
        if article.id in self.analyses or article.id in self.failures:
            return self.analyses.get(article.id)
        analysis = None
        if article.id in self.carried:
            from core.carried import decoded

            pairs = [pair for chunk in decoded([article], self.carried) for pair in chunk]
            analysis = pairs[0][1] if pairs else None
        elif cache is not None:
            analysis = cache.get_many([article], model_id).get(article.id)
        if analysis is not None:
            self._keep(article.id, analysis)
        return analysis

    def index_articles(self, pairs: Iterable[tuple[Article, Analysis | None]]) -> None:
        """Make articles searchable: title and text, and entities, speakers and quotes once analysed;
        file who each analysis names (once per analysis, here in the worker that brings it).
        Once indexed, the corpus keeps an article's text compressed in a temporary file
        (``core.packed``; in memory if the file cannot take it), unless its record's
        analysis indexes a text cleaning changed (which must stay known).
        Locked a step at a time: a search typed meanwhile waits for one article, not a chunk; and
        before each step, indexing waits while the user does (``core.foreground``). An article's
        words and the names it files are two steps, each a few milliseconds: a key read during
        one waits for what is left of it."""
        for article, analysis in pairs:
            self.foreground.pause()
            with self._index_lock:
                kept = self.articles.get(article.id)  # a replaced article is not brought back
                if kept is not None and as_recorded(kept):
                    kept = self.articles[article.id] = self._kept_aside(kept)
                self.index.add(kept or article, analysis)
            if analysis is not None:
                self.foreground.pause()
                with self._index_lock:
                    self.identities.add(article.id, analysis)

    def _kept_aside(self, article: Article) -> Article:
        if self._texts is not None:
            try:
                return spilled(article, self._texts)
            except OSError:  # a full disk: this one stays in memory
                pass
        return packed(article)

    def load_index(self, path: Path, analysis_version: str) -> bool:
        """Take the search index saved at ``path`` if it fits these articles (see
        ``core.search.saved``): those it holds need not be indexed again."""
        from core.search import saved

        index = saved.load(path, self.articles, analysis_version)
        if index is None:
            return False
        with self._index_lock:
            self.index = index
        return True

    def save_index(self, path: Path, analysis_version: str) -> None:
        """Keep the search index for the next launch, if it changed since it was loaded or built."""
        from core.search import saved

        with self._index_lock:
            index = self.index
        if index.changes and saved.save(index, path, analysis_version):
            index.changes = 0

    def search(self, query: str, limit: int = 50) -> tuple[list[Hit], MatchingArticles, int]:
        """Ranked hits, the ids of every article that matches, and how many articles are indexed."""
        with self._index_lock:
            return self.index.search(query, limit=limit), self.index.article_ids_matching(query), len(self.index)

    def source_counts(self) -> Counter[str]:
        """How many quotes each named source has across every analysed article."""
        from core.sources import source_counts  # the sources views', after the first paint

        return source_counts(self.attributions.values())

    def quotes_by(self, name: str) -> list[tuple[str, int]]:
        from core.sources import quotes_by

        return quotes_by(name, self.attributions)

    def not_analysed(self, article_id: str) -> str | None:
        """Why an article has no analysis and will not get one, or None (analysed, or still waiting)."""
        if article_id in self.failures:
            return f"analysis failed: {self.failures[article_id]}"
        if self.stopped and article_id not in self.analyses:
            return f"not analysed: {self.stopped}"
        return None
