"""The articles a query matches, for the article list's filter: a byte per
document, not a set of ids. At 100,000 articles a short query matches most of
them: a set of 60,000 ids took 5 ms to make on the search's thread, and the list
tested each of its 100,000 rows against it on the UI thread. The list asks for
the bytes of all its rows at once (``MatchingArticles.rows``)."""

from __future__ import annotations

from collections.abc import Iterator, Set
from itertools import compress

import numpy as np


class RowDocs:
    """The document number of each of a list's article ids (-1: not indexed), kept
    from one keystroke to the next: the list's ids only grow, and looking 100,000 of
    them up again took 5 ms. Read on the UI thread, without the index's lock: a
    dict lookup is atomic, and a document renumbered since (``renumbered``: an
    article replaced or removed) makes every row be looked up again."""

    def __init__(self, doc_of: dict[str, int]) -> None:
        self._doc_of = doc_of
        self.renumbered = 0  # bumped by the index when an article's number goes
        self._rows: list[str] | None = None
        self._seen = -1
        self._docs = np.zeros(0, np.int64)

    def of(self, row_ids: list[str]) -> np.ndarray:
        """The document number of each of ``row_ids``, a list that only grows (one
        changed otherwise must be a new list)."""
        seen = self.renumbered
        if row_ids is not self._rows or seen != self._seen:
            self._rows, self._seen, self._docs = row_ids, seen, self._look_up(row_ids)
            return self._docs
        if len(row_ids) > len(self._docs):
            self._docs = np.concatenate((self._docs, self._look_up(row_ids[len(self._docs) :])))
        missing = np.flatnonzero(self._docs < 0)  # rows listed before they were indexed
        if len(missing):
            self._docs[missing] = self._look_up([row_ids[at] for at in missing.tolist()])
        return self._docs

    def _look_up(self, row_ids: list[str]) -> np.ndarray:
        get = self._doc_of.get
        return np.fromiter((get(article_id, -1) for article_id in row_ids), np.int64, len(row_ids))


class MatchingArticles(Set):
    """A set of article ids as a byte per document (``mask``); ``ids`` and ``doc_of``
    are the index's (document numbers are never reused, so the mask keeps its meaning)."""

    __slots__ = ("_mask", "_ids", "_doc_of", "_count", "_rows")

    def __init__(self, mask: np.ndarray, ids: list[str], doc_of: dict[str, int], rows: RowDocs) -> None:
        self._mask = mask.astype(bool, copy=False)
        self._ids, self._doc_of, self._rows = ids, doc_of, rows
        self._count = int(np.count_nonzero(self._mask))

    def __contains__(self, article_id: object) -> bool:
        doc = self._doc_of.get(article_id)  # type: ignore[call-overload]
        return doc is not None and doc < len(self._mask) and bool(self._mask[doc])

    def __iter__(self) -> Iterator[str]:
        return compress(self._ids, self._mask.tobytes())

    def __len__(self) -> int:
        return self._count

    def __repr__(self) -> str:
        return f"MatchingArticles({len(self)} of {len(self._mask)})"

    @classmethod
    def _from_iterable(cls, ids) -> set[str]:
        """What ``&``, ``|`` and ``-`` make: a plain set."""
        return set(ids)

    def rows(self, row_ids: list[str]) -> bytes:
        """A byte per one of ``row_ids`` (a list that only grows): 1 if it matches."""
        docs = self._rows.of(row_ids)
        kept = np.zeros(len(docs), bool)
        known = (docs >= 0) & (docs < len(self._mask))
        kept[known] = self._mask[docs[known]]
        return kept.tobytes()
