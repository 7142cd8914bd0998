"""Every distinct folded word the index has seen, and fast ways to find words
near what the user typed: exact, by prefix, by suffix, within typos, and
with letters scattered in order. Each lookup costs about the same with two
million words as with two hundred thousand.

Typos: rapidfuzz (optimal string alignment distance) runs on the vocabulary,
never on article text, and only on words that could be close: those whose
length is within the allowed edits and that share the typed word's first or
last letter (a bucket per length and letter). A bucket holds thousands of
words in a large archive, so each word also has a *letter mask*: 64 bits
saying, for 32 groups of letters (a to z; the rest share six), whether the
word has one and whether it has two or more of the group. Each edit changes
at most two of those bits (a letter dropped or added one, a letter changed
two, two swapped none), so a word whose mask differs from the typed word's
in more bits than that cannot be close, and numpy leaves it out of a bucket
in one pass: rapidfuzz (which holds the GIL) sees a few hundred words. The
same masks leave out words that lack some of the scattered letters typed.
Masks are computed with numpy in bulk, for new words when they are first
searched and for a saved vocabulary when it is loaded (they are not saved).

Two million words cost a Python string each (and an int for the id): every
other structure holds ids in numpy arrays (the order of reversed words, the
buckets, the masks, the lengths), not lists of strings, and no reversed copy
of a word is kept.

Typos in a word still being typed ("prugoz" for "prigoz") are found by
trying each single edit of what was typed against the sorted words, letters
added or changed taken only from those that follow in some word.
"""

from __future__ import annotations

import bisect
import re
from operator import itemgetter

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from core.search.packed import pack, unpack

_LAST = "\U0010ffff"  # sorts after every character: prefix + _LAST bounds the words starting with prefix
# Letter masks: a to z each have a group, every other character one of six shared ones.
_GROUPS = 32
_SHARED = _GROUPS - 26
# Masks are computed this many words at a time (a count per word and group in between).
_MASK_CHUNK = 65_536
_NONE = np.zeros(0, np.uint32)
# Word lengths are kept in 16 bits: only compared, to keep the shortest words, where longer ones tie.
_LONGEST = np.iinfo(np.uint16).max


class Vocabulary:
    """Words get stable integer ids in the order they are first seen."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self.ids: dict[str, int] = {}
        self._sorted: list[str] = []  # the words themselves, for bisecting in C
        self._reversed = np.zeros(0, np.uint32)  # ids, sorted by their words' letters read backwards
        self._pending: list[str] = []
        self._length = np.zeros(0, np.uint16)  # of each word, by id (capped: only compared, in ties)
        self._sorted_length = np.zeros(0, np.uint16)  # of each word of ``_sorted``
        self._masks = np.zeros(0, np.uint64)  # letter masks, by id
        self._by_first = _Buckets()
        self._by_last = _Buckets()

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The words, and their sorted orders as ids, so ``from_arrays`` sorts nothing."""
        self.settle()
        return {
            "words": pack(self.words),
            "sorted": np.fromiter(map(self.ids.__getitem__, self._sorted), np.uint32, len(self)),
            "reversed": self._reversed,
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
        vocab._reversed = arrays["reversed"]
        vocab._file(words)
        vocab._sorted_length = vocab._length[arrays["sorted"]]
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

    def settle(self) -> None:
        """Fold newly seen words into the buckets and the sorted orders.
        Sorting a sorted list with a sorted run appended is a linear merge
        in Timsort; the new ids go into the reversed order by bisection."""
        if not self._pending:
            return
        first = len(self._length)
        self._file(self._pending)
        self._pending.sort()
        self._sorted += self._pending
        self._sorted.sort()
        self._sorted_length = _lengths(self._sorted)
        self._pending.clear()
        new = self._backwards_order(first)
        if not len(self._reversed):
            self._reversed = np.array(new, np.uint32)
            return
        known, backwards = memoryview(self._reversed), self._backwards  # a memoryview's items are ints, quick to key
        places = [bisect.bisect_left(known, backwards(word_id), key=backwards) for word_id in new]
        del known
        self._reversed = np.insert(self._reversed, places, np.array(new, np.uint32))

    def _backwards_order(self, first: int) -> list[int]:
        """The ids from ``first`` on, sorted by their words read backwards: a last
        letter at a time, so that only that letter's words are reversed at once
        (all two million of them took 170 MB while sorted)."""
        ids = np.arange(first, len(self.words))
        last = np.fromiter(map(ord, map(itemgetter(-1), self.words[first:])), np.int64, len(ids))
        order = np.argsort(last, kind="stable")
        cuts = np.flatnonzero(np.diff(last[order])) + 1
        groups = np.split(ids[order], cuts)
        return [word_id for group in groups for word_id in sorted(group.tolist(), key=self._backwards)]

    def _backwards(self, word_id: int) -> str:
        """The word's letters, last first: the order suffixes are looked up in."""
        return self.words[word_id][::-1]

    def _file(self, words: list[str]) -> None:
        """Put ``words`` (new, in the order of their ids) in the buckets, with their lengths and letter masks."""
        first = len(self._length)
        self._length = np.concatenate((self._length, _lengths(words)))
        self._masks = np.concatenate((self._masks, _letter_masks(words)))
        lengths = np.fromiter(map(len, words), np.int64, len(words))
        for buckets, letter in ((self._by_first, itemgetter(0)), (self._by_last, itemgetter(-1))):
            letters = np.fromiter(map(ord, map(letter, words)), np.int64, len(words))
            buckets.extend(first, lengths << 21 | letters)  # code points take 21 bits

    def starting_with(self, prefix: str, shortest: int | None = None) -> list[str]:
        """Words starting with ``prefix``, in sorted order; with ``shortest``,
        only those no longer than its ``shortest``-th shortest (ties all kept),
        which spares sorting tens of thousands of words by length when one
        letter is typed."""
        self.settle()
        ordered = self._sorted
        lo = bisect.bisect_left(ordered, prefix)
        hi = bisect.bisect_left(ordered, prefix + _LAST, lo)
        if shortest is None or hi - lo <= shortest:
            return ordered[lo:hi]
        span = self._sorted_length[lo:hi]
        return _pick(ordered, lo + np.flatnonzero(span <= _cut(span, shortest)))

    def ending_with(self, suffix: str, shortest: int | None = None) -> list[str]:
        """Words ending with ``suffix``, sorted by their reversed letters;
        ``shortest`` as for :meth:`starting_with`."""
        self.settle()
        ordered, backwards, target = memoryview(self._reversed), self._backwards, suffix[::-1]
        lo = bisect.bisect_left(ordered, target, key=backwards)
        hi = bisect.bisect_left(ordered, target + _LAST, lo, key=backwards)
        del ordered
        found = self._reversed[lo:hi]
        if shortest is not None and hi - lo > shortest:
            span = self._length[found]
            found = found[span <= _cut(span, shortest)]
        return _pick(self.words, found)

    def similar(self, word: str, max_edits: int) -> dict[str, int]:
        """Words within ``max_edits`` of ``word`` that share its first or last
        letter, with their distance. An edit is a letter added, dropped,
        changed, or two neighbours swapped (the commonest typo, which plain
        Levenshtein counts twice)."""
        self.settle()
        found: dict[str, int] = {}
        size = len(word)
        mask = _letter_masks([word])[0]
        for length in range(max(1, size - max_edits), size + max_edits + 1):
            # Words of another length take that many added or dropped letters, which change one bit each.
            most = 2 * max_edits - abs(length - size)
            for buckets, key in ((self._by_first, word[0]), (self._by_last, word[-1])):
                choices = _pick(self.words, buckets.near((length, key), self._masks, mask, most))
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
        """Word beginnings one typo from ``prefix`` ("prigos" -> "prigoz")
        that keep its first two letters, with their distance (1), in sorted
        order; expand each with :meth:`starting_with`. Each single edit from
        the third letter on is tried (an edit in the first two letters that
        keeps them is also one further on: "aaab" less its first letter is
        "aaab" less its third), letters inserted or changed taken only from
        those that follow in some word."""
        self.settle()
        ordered = self._sorted
        heads: set[str] = set()
        for at in range(2, len(prefix) + 1):
            kept, rest = prefix[:at], prefix[at:]
            letters = self._next_letters(kept)
            heads.update(kept + letter + rest for letter in letters)  # one added
            if rest:
                heads.update(kept + letter + rest[1:] for letter in letters)  # one changed
                heads.add(kept + rest[1:])  # one dropped
            if len(rest) > 1:
                heads.add(kept + rest[1] + rest[0] + rest[2:])  # two swapped
        heads.discard(prefix)
        return {head: 1 for head in sorted(heads) if _begins(ordered, head)}

    def _next_letters(self, prefix: str) -> list[str]:
        """The letters that follow ``prefix`` in some word: one bisection per letter."""
        ordered, at = self._sorted, len(prefix)
        lo = bisect.bisect_left(ordered, prefix)
        hi = bisect.bisect_left(ordered, prefix + _LAST, lo)
        letters = []
        while lo < hi:
            word = ordered[lo]
            if len(word) == at:
                lo += 1
                continue
            letters.append(word[at])
            lo = bisect.bisect_left(ordered, word[: at + 1] + _LAST, lo, hi)
        return letters

    def scattered(self, letters: str, limit: int) -> list[str]:
        """Words with the same first letter that contain ``letters`` in order
        ("prgzn" -> "prigozhin"), shortest first (then in sorted order):
        fzf's fuzzy match, kept for when nothing closer is found. Only words
        whose letter mask holds the letters' are matched, a length at a time."""
        self.settle()
        pattern = re.compile("^" + "[^\n]*?".join(map(re.escape, letters)) + "[^\n]*$", re.MULTILINE)
        first, need = letters[0], _letter_masks([letters])[0]
        lengths = sorted(size for size, letter in self._by_first.ids if letter == first and size >= len(letters))
        found: list[str] = []
        for length in lengths:
            held = _pick(self.words, self._by_first.holding((length, first), self._masks, need))
            found += pattern.findall("\n".join(sorted(held)))
            if len(found) >= limit:
                break
        return found[:limit]


class _Buckets:
    """Words grouped by their length and one letter: the ids of each group, in order."""

    def __init__(self) -> None:
        self.ids: dict[tuple[int, str], np.ndarray] = {}

    def extend(self, first: int, keys: np.ndarray) -> None:
        """Add the words whose ids are ``first`` on, under their ``keys`` (length << 21 | code point)."""
        order = np.argsort(keys, kind="stable")  # each group keeps the order of ids
        cuts = np.flatnonzero(np.diff(keys[order])) + 1
        for group in np.split(order, cuts) if len(order) else ():
            key = int(keys[group[0]])
            bucket = (key >> 21, chr(key & 0x1FFFFF))
            ids = (group + first).astype(np.uint32)
            known = self.ids.get(bucket)
            self.ids[bucket] = ids if known is None else np.concatenate((known, ids))

    def near(self, key: tuple[int, str], masks: np.ndarray, mask: np.uint64, most: int) -> np.ndarray:
        """The ids under ``key`` whose letter mask (in ``masks``) differs from
        ``mask`` in at most ``most`` bits, in order."""
        ids = self.ids.get(key, _NONE)
        return ids[np.bitwise_count(masks[ids] ^ mask) <= most]

    def holding(self, key: tuple[int, str], masks: np.ndarray, mask: np.uint64) -> np.ndarray:
        """The ids under ``key`` whose letter mask has every bit of ``mask``."""
        ids = self.ids.get(key, _NONE)
        return ids[masks[ids] & mask == mask]


def _letter_masks(words: list[str]) -> np.ndarray:
    """Each word's letter mask (see the module's docstring), as uint64s."""
    parts = []
    for start in range(0, len(words), _MASK_CHUNK):
        chunk = words[start : start + _MASK_CHUNK]
        codes = np.frombuffer("".join(chunk).encode("utf-32-le", "surrogatepass"), np.uint32).astype(np.int64)
        owners = np.repeat(np.arange(len(chunk)), np.fromiter(map(len, chunk), np.int64, len(chunk)))
        groups = np.where((codes >= 97) & (codes <= 122), codes - 97, 26 + codes % _SHARED)
        counts = np.bincount(owners * _GROUPS + groups, minlength=len(chunk) * _GROUPS).reshape(-1, _GROUPS)
        bits = np.concatenate((counts >= 1, counts >= 2), axis=1)
        parts.append(np.packbits(bits, axis=1, bitorder="little").view(np.uint64).ravel())
    return np.concatenate(parts) if parts else np.zeros(0, np.uint64)


def _lengths(words: list[str]) -> np.ndarray:
    """Each word's length, as uint16s (see ``_LONGEST``)."""
    return np.minimum(np.fromiter(map(len, words), np.int64, len(words)), _LONGEST).astype(np.uint16)


def _cut(lengths: np.ndarray, shortest: int) -> int:
    """The ``shortest``-th shortest of ``lengths``."""
    return int(np.searchsorted(np.cumsum(np.bincount(lengths)), shortest))


def _begins(ordered: list[str], prefix: str) -> bool:
    """Whether some word of the sorted ``ordered`` starts with ``prefix``."""
    at = bisect.bisect_left(ordered, prefix)
    return at < len(ordered) and ordered[at].startswith(prefix)


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
