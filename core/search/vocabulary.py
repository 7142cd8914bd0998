"""Every distinct folded word the index has seen, and fast ways to find words
near what the user typed: exact, by prefix, by suffix, and within typos.

Fuzzy matching runs rapidfuzz (optimal string alignment distance) on the vocabulary, never on article text, and
only on words that could be close: those whose length is within the allowed
edits and that share the typed word's first or last letter. That keeps each
rapidfuzz call to a few thousand short strings (it holds the GIL while it
runs).
"""

from __future__ import annotations

import bisect
import re
from operator import itemgetter

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from core.search.packed import pack, unpack


class Vocabulary:
    """Words get stable integer ids in the order they are first seen."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self.ids: dict[str, int] = {}
        self._sorted: list[str] = []
        self._reversed: list[str] = []
        self._pending: list[str] = []
        self._by_first: dict[tuple[int, str], list[str]] = {}
        self._by_last: dict[tuple[int, str], list[str]] = {}

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The words, and their sorted orders as ids, so ``from_arrays`` sorts nothing."""
        self._settle()
        ids = self.ids.__getitem__
        return {
            "words": pack(self.words),
            "sorted": np.fromiter(map(ids, self._sorted), np.uint32, len(self)),
            "reversed": np.fromiter((ids(word[::-1]) for word in self._reversed), np.uint32, len(self)),
        }

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> Vocabulary:
        """The vocabulary ``to_arrays`` saved, with the same ids. Built in bulk
        (a million words: well under a second); an order that is not a
        permutation raises ValueError."""
        words = unpack(arrays["words"])
        vocab = cls()
        vocab.words, vocab.ids = words, dict(zip(words, range(len(words))))
        if len(vocab.ids) != len(words) or "" in vocab.ids:
            raise ValueError("words repeat or are empty")
        for name in ("sorted", "reversed"):
            order = arrays[name]
            if order.dtype != np.uint32 or order.shape != (len(words),) or not _every_once(order):
                raise ValueError(f"{name} is not an order of the words")
        vocab._sorted = _pick(words, arrays["sorted"])
        vocab._reversed = [word[::-1] for word in _pick(words, arrays["reversed"])]
        lengths = np.fromiter(map(len, words), np.int64, len(words))
        for buckets, letter in ((vocab._by_first, itemgetter(0)), (vocab._by_last, itemgetter(-1))):
            letters = np.fromiter(map(ord, map(letter, words)), np.int64, len(words))
            keys = lengths << 21 | letters  # code points take 21 bits
            order = np.argsort(keys, kind="stable")  # each bucket keeps the order of ids, as ``add`` leaves it
            cuts = np.flatnonzero(np.diff(keys[order])) + 1
            for group in np.split(order, cuts) if len(order) else ():
                key = int(keys[group[0]])
                buckets[(key >> 21, chr(key & 0x1FFFFF))] = _pick(words, group)
        return vocab

    def __len__(self) -> int:
        return len(self.words)

    def add(self, word: str) -> int:
        word_id = self.ids.get(word)
        if word_id is None:
            word_id = len(self.words)
            self.ids[word] = word_id
            self.words.append(word)
            self._pending.append(word)
            self._by_first.setdefault((len(word), word[0]), []).append(word)
            self._by_last.setdefault((len(word), word[-1]), []).append(word)
        return word_id

    def ids_of(self, words: list[str]) -> list[int]:
        """Ids of ``words``, adding the new ones. Looked up with ``map``, in
        C: this is the largest cost of indexing an article."""
        found = list(map(self.ids.get, words))
        if None in found:
            for at, word_id in enumerate(found):
                if word_id is None:
                    found[at] = self.add(words[at])
        return found

    def _settle(self) -> None:
        """Fold newly seen words into the sorted lists. Sorting a sorted list
        with a sorted run appended is a linear merge in Timsort."""
        if not self._pending:
            return
        self._pending.sort()
        self._sorted += self._pending
        self._sorted.sort()
        self._reversed += sorted(word[::-1] for word in self._pending)
        self._reversed.sort()
        self._pending.clear()

    def starting_with(self, prefix: str) -> list[str]:
        self._settle()
        lo = bisect.bisect_left(self._sorted, prefix)
        hi = bisect.bisect_left(self._sorted, prefix + "\U0010ffff", lo)
        return self._sorted[lo:hi]

    def ending_with(self, suffix: str) -> list[str]:
        self._settle()
        key = suffix[::-1]
        lo = bisect.bisect_left(self._reversed, key)
        hi = bisect.bisect_left(self._reversed, key + "\U0010ffff", lo)
        return [w[::-1] for w in self._reversed[lo:hi]]

    def similar(self, word: str, max_edits: int) -> dict[str, int]:
        """Words within ``max_edits`` of ``word``, with their distance. An edit
        is a letter added, dropped, changed, or two neighbours swapped (the
        commonest typo, which plain Levenshtein counts twice)."""
        found: dict[str, int] = {}
        size = len(word)
        for length in range(max(1, size - max_edits), size + max_edits + 1):
            for buckets, key in ((self._by_first, word[0]), (self._by_last, word[-1])):
                choices = buckets.get((length, key))
                if not choices:
                    continue
                for match, distance, _ in process.extract(
                    word,
                    choices,
                    scorer=OSA.distance,
                    score_cutoff=max_edits,
                    limit=None,
                ):
                    if match != word:
                        found[match] = distance
        return found

    def similar_prefixes(self, prefix: str) -> dict[str, int]:
        """Word beginnings one typo from ``prefix`` ("prigos" -> "prigoz"),
        with their distance; expand each with :meth:`starting_with`. Only
        words sharing the first two letters are tried, which keeps it fast."""
        size = len(prefix)
        longest = {w[: size + 1] for w in self.starting_with(prefix[:2])}
        heads = longest | {h[:size] for h in longest} | {h[: size - 1] for h in longest}
        heads.discard(prefix)
        return {
            head: distance
            for head, distance, _ in process.extract(
                prefix, list(heads), scorer=OSA.distance, score_cutoff=1, limit=None
            )
        }

    def scattered(self, letters: str, limit: int) -> list[str]:
        """Words with the same first letter that contain ``letters`` in order
        ("prgzn" -> "prigozhin"), shortest first: fzf's fuzzy match, kept
        for when nothing closer is found."""
        pattern = re.compile("^" + "[^\n]*?".join(map(re.escape, letters)) + "[^\n]*$", re.MULTILINE)
        found = pattern.findall("\n".join(self.starting_with(letters[0])))
        return sorted(found, key=len)[:limit]


def _pick(words: list[str], ids: np.ndarray) -> list[str]:
    """``[words[i] for i in ids]``, in C."""
    if len(ids) < 2:
        return [words[i] for i in ids.tolist()]
    return list(itemgetter(*ids.tolist())(words))


def _every_once(order: np.ndarray) -> bool:
    """Whether ``order`` holds each of 0 .. len - 1 (once, then, as there are len of them)."""
    if not len(order):
        return True
    if int(order.max()) >= len(order):
        return False
    seen = np.zeros(len(order), bool)
    seen[order] = True
    return bool(seen.all())
