"""Everything loaded in one session: the articles in list order, their analyses
and counts, what could not be read, and the search index over all of it. The
app's workers fill it; its views read it.

The search engine (numpy, rapidfuzz) is imported when the index is first
used, by a worker, so the app's first paint does not wait for it."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING

from core.model import Analysis, Article, Counts, LoadError
from core.sources import quotes_by, source_counts

if TYPE_CHECKING:
    from core.ingest.dispatch import LoadStep
    from core.search.index import Hit, SearchIndex


class Corpus:
    def __init__(self) -> None:
        self.articles: dict[str, Article] = {}
        self.analyses: dict[str, Analysis] = {}
        self.counts: dict[str, Counts] = {}
        self.errors: list[LoadError] = []
        # Workers index while a search worker reads.
        self._index_lock = threading.Lock()

    @cached_property
    def index(self) -> SearchIndex:
        from core.search.index import SearchIndex

        return SearchIndex()

    def add(self, step: LoadStep) -> None:
        """New articles at the end; a longer version in the place of the one it replaces."""
        for old_id, article in step.replaced.items():
            self.articles.pop(old_id, None)
            self.articles[article.id] = article
        for article in step.articles:
            self.articles[article.id] = article
        self.errors += step.errors

    def set_analysis(self, article: Article, analysis: Analysis) -> bool:
        """Keep an analysis; whether the article's counts changed (its row needs redrawing)."""
        self.analyses[article.id] = analysis
        counts = Counts(len(analysis.entities), len(analysis.quotes))
        if self.counts.get(article.id) == counts:
            return False
        self.counts[article.id] = counts
        return True

    def index_articles(self, pairs: Iterable[tuple[Article, Analysis | None]]) -> None:
        """Make articles searchable: title and text, and entities, speakers and quotes once analysed."""
        with self._index_lock:
            for article, analysis in pairs:
                self.index.add(article, analysis)

    def search(self, query: str, limit: int = 50) -> tuple[list[Hit], set[str], int]:
        """Ranked hits, the ids of every article that matches, and how many articles are indexed."""
        with self._index_lock:
            return self.index.search(query, limit=limit), self.index.article_ids_matching(query), len(self.index)

    def source_counts(self) -> Counter[str]:
        """How many quotes each named source has across every analysed article."""
        return source_counts(self.analyses.values())

    def quotes_by(self, name: str) -> list[tuple[str, int]]:
        return quotes_by(name, self.analyses)

    def summary(self) -> str:
        """ "11 articles · 2 unreadable"."""
        unreadable = f" · {len(self.errors)} unreadable" if self.errors else ""
        return f"{len(self.articles)} articles{unreadable}"
