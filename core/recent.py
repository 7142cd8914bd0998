"""Every analysed article's analysis, by article id, with only the most recently
used few decoded in memory: ten thousand analyses as objects take more memory
than their articles' texts, and the reader needs one at a time. The others are
read again (a millisecond) from where they came from: the cache, or the record
that carried them. An analysis that could not be read again is kept."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping

from core.model import Analysis

# Reads analyses again by article id; those it cannot find are missing from its answer.
Reread = Callable[[list[str]], dict[str, Analysis]]


class RecentAnalyses(Mapping[str, Analysis]):
    """A mapping of every analysed article (in the order analysed) whose values
    are looked up again when they are not among the ``limit`` most recently used.
    Safe to use from a worker while the UI thread reads."""

    def __init__(self, reread: Reread, limit: int) -> None:
        self._reread = reread
        self._limit = limit
        self._ids: dict[str, None] = {}
        self._recent: OrderedDict[str, Analysis] = OrderedDict()  # least recently used first
        self._pinned: dict[str, Analysis] = {}  # nowhere to read them again from
        self._lock = threading.RLock()

    def put(self, article_id: str, analysis: Analysis, *, rereadable: bool) -> None:
        """Keep an analysis, replacing any the article had; one that is not ``rereadable`` stays in memory."""
        with self._lock:
            self._ids[article_id] = None
            self._pinned.pop(article_id, None)
            self._recent.pop(article_id, None)
            if rereadable:
                self._remember(article_id, analysis)
            else:
                self._pinned[article_id] = analysis

    def in_memory(self) -> int:
        """How many analyses are decoded in memory now."""
        return len(self._recent) + len(self._pinned)

    def many(self, article_ids: Iterable[str]) -> dict[str, Analysis]:
        """The analyses of these articles, those not in memory read in one go
        (and not kept: a long list does not push out what the reader uses)."""
        wanted = [article_id for article_id in dict.fromkeys(article_ids) if article_id in self._ids]
        with self._lock:
            held = [(i, self._pinned.get(i, self._recent.get(i))) for i in wanted]
        found = {article_id: analysis for article_id, analysis in held if analysis is not None}
        missing = [article_id for article_id in wanted if article_id not in found]
        return found | (self._reread(missing) if missing else {})

    def __getitem__(self, article_id: str) -> Analysis:
        with self._lock:
            if article_id not in self._ids:
                raise KeyError(article_id)
            found = self._pinned.get(article_id)
            if found is None and (found := self._recent.get(article_id)) is not None:
                self._recent.move_to_end(article_id)
        if found is not None:
            return found
        found = self._reread([article_id]).get(article_id)
        if found is None:  # its cache entry is gone (the cache was rebuilt): no highlights, not an error
            raise KeyError(article_id)
        with self._lock:
            if article_id in self._ids and article_id not in self._pinned:
                self._remember(article_id, found)
        return found

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._ids))

    def __len__(self) -> int:
        return len(self._ids)

    def _remember(self, article_id: str, analysis: Analysis) -> None:
        self._recent[article_id] = analysis
        self._recent.move_to_end(article_id)
        while len(self._recent) > self._limit:
            self._recent.popitem(last=False)
