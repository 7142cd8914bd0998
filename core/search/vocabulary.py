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
Each bucket keeps its words' masks beside their ids, in its order: read from
one array by id, the 280,000 masks of a word of 7 letters' ten buckets were
scattered across 19 MB and took 5 ms to gather (1 ms side by side), for 19 MB
more at 2.4 million words (two buckets a word).

Two million words are kept as one blob of UTF-8 (each word ended by a NUL,
as ``core.search.packed`` saves it) and numpy columns, not a Python string,
a dict entry and an int each (330 MB at 2.4 million words, about 100 MB so):
a word's id is found by its hash in a sorted column of hashes (the words of
an article looked up together, in one ``searchsorted``), and a word is
decoded from the blob when a lookup returns it. Words first seen since the
last fold are kept in a dict until 65,536 of them are folded in at once.
Two words whose 64-bit hashes were equal would share an id: about one chance
in ten million at two million words. Every other structure holds ids in numpy
arrays (the sorted orders, the buckets, the masks, the lengths).

Typos in a word still being typed ("prugoz" for "prigoz") are found by
trying each single edit of what was typed against the sorted words, letters
added or changed taken only from those that follow in some word.
"""

from __future__ import annotations

import bisect
import re
import threading
from array import array
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from operator import itemgetter

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

_LAST = "\U0010ffff"  # sorts after every character: prefix + _LAST bounds the words starting with prefix
# Letter masks: a to z each have a group, every other character one of six shared ones.
_GROUPS = 32
_SHARED = _GROUPS - 26
# A saved vocabulary's words are decoded, hashed and filed this many at a time.
_MASK_CHUNK = 65_536
# Letter masks: this many have their letters counted at once: a count per word and group is 256 bytes a
# word, and 65,536 words counted at once took 55 MB for a moment at each filing (the people's table).
_COUNTED = 8_192
_NONE = np.zeros(0, np.uint32)
_NO_MASKS = np.zeros(0, np.uint64)
# One sorted word in this many is kept as a string, to bisect the sorted ids in C down to this many.
_SAMPLE = 16
# Words filed since the samples were taken widen the stretches between them; past this many words
# in one stretch the samples are taken again (see ``_Samples.after_insert``).
_WIDEST = 4 * _SAMPLE
# Fewer words than this are looked up one by one (numpy's cost per call is a few microseconds).
_FEW = 8
# From this many words on, a lookup gathers their bytes with numpy (see ``_pick_many``).
_FEW_TO_GATHER = 64
# Words first seen are folded into the blob and the hashes this many at a time.
_FOLD = 65_536
# A bucket's room for more words (see ``_Room``), over an eighth of those it holds: a small one fills in a few filings.
_ROOM = 16
# Word lengths are kept in 16 bits: only compared, to keep the shortest words, where longer ones tie.
_LONGEST = np.iinfo(np.uint16).max


class Vocabulary:
    """Words get stable integer ids in the order they are first seen."""

    def __init__(self) -> None:
        self._blob = bytearray()  # every folded word's UTF-8 and a NUL, by id
        # Where each folded word starts in the blob, and the blob's end: an array, whose items are read as ints.
        self._starts = array("q", [0])
        self._hashes = np.zeros(0, np.int64)  # folded words' hashes, sorted
        self._hash_ids = np.zeros(0, np.uint32)  # the id of each of ``_hashes``
        # Both as memoryviews, whose items are ints: quick to bisect and read one at a time.
        self._hash_views = memoryview(self._hashes), memoryview(self._hash_ids)
        self._recent: dict[str, int] = {}  # words seen since the last fold, by id (the last ids)
        self._recent_words: list[str] = []  # the same, by id: ``word`` reads one at once
        self._settled = 0  # words filed in the sorted orders and buckets
        self._settling = False  # ``settle_beside`` is filing words: lookups read what was filed before
        # Whether a lookup files the words waiting first. Off while a loader files them as it goes
        # (``SearchIndex.file_words``): a search typed meanwhile finds each word itself (``get``),
        # and by prefix, suffix or typo those filed so far, rather than filing thousands (0.3-0.6 s).
        self.lookups_file = True
        self._sorted = np.zeros(0, np.uint32)  # ids, sorted by their words
        self._samples = _Samples()  # about every ``_SAMPLE``-th word of that order
        self._reversed = np.zeros(0, np.uint32)  # ids, sorted by their words' letters read backwards
        self._backwards_samples = _Samples()  # about every ``_SAMPLE``-th of those words, read backwards
        self._length = np.zeros(0, np.uint16)  # of each word, by id (capped: only compared, in ties)
        self._sorted_length = np.zeros(0, np.uint16)  # of each word of ``_sorted``
        self._by_first = _Buckets()
        self._by_last = _Buckets()

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The words, and their sorted orders as ids, so ``from_arrays`` sorts nothing."""
        return {name: take() for name, take in self.array_parts().items()}

    def array_parts(self) -> dict[str, Callable[[], np.ndarray]]:
        """``to_arrays``, each array made when its function is called (the words copied then)."""
        self.settle()
        return {
            "words": lambda: np.frombuffer(bytes(self._blob), np.uint8),
            "sorted": lambda: self._sorted,
            "reversed": lambda: self._reversed,
        }

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray]) -> Vocabulary:
        """The vocabulary ``to_arrays`` saved, with the same ids. Built in bulk
        (a million words: well under a second); an order that is not a
        permutation raises ValueError. The orders are kept as they come (mapped
        from a saved file: read where they lie); what is made of the words is made
        into columns for all of them, each bucket once (extended a chunk of words at
        a time, every bucket was copied again at each chunk)."""
        blob = arrays["words"]
        if blob.dtype != np.uint8 or blob.ndim != 1 or (len(blob) and blob[-1] != 0):
            raise ValueError("not packed strings")
        vocab = cls()
        vocab._blob = bytearray(memoryview(blob))
        del blob
        ends = np.flatnonzero(np.frombuffer(vocab._blob, np.uint8) == 0)
        ends += 1
        vocab._starts.frombytes(memoryview(ends).cast("B"))
        del ends
        count = len(vocab)
        hashes, length, masks = np.empty(count, np.int64), np.empty(count, np.uint16), np.empty(count, np.uint64)
        first_keys, last_keys = np.empty(count, np.int64), np.empty(count, np.int64)
        for first in range(0, count, _MASK_CHUNK):
            chunk = vocab._decode(first, min(first + _MASK_CHUNK, count))
            if not all(chunk):
                raise ValueError("a word is empty")
            end = first + len(chunk)
            hashes[first:end] = np.fromiter(map(hash, chunk), np.int64, len(chunk))
            length[first:end], masks[first:end], first_keys[first:end], last_keys[first:end] = _described(chunk)
        order = np.argsort(hashes, kind="stable")
        vocab._hashes, vocab._hash_ids = hashes[order], order.astype(np.uint32)
        vocab._hash_views = memoryview(vocab._hashes), memoryview(vocab._hash_ids)
        del hashes, order
        if np.any(vocab._hashes[1:] == vocab._hashes[:-1]):
            raise ValueError("words repeat")
        vocab._length = length
        vocab._by_first = _Buckets().extended(0, first_keys, masks)
        del first_keys
        vocab._by_last = _Buckets().extended(0, last_keys, masks)
        del last_keys, masks
        for name in ("sorted", "reversed"):
            order = arrays[name]
            if order.dtype != np.uint32 or order.shape != (count,) or not _every_once(order):
                raise ValueError(f"{name} is not an order of the words")
        vocab._sorted, vocab._reversed, vocab._settled = arrays["sorted"], arrays["reversed"], count
        vocab._sorted_length = vocab._length[vocab._sorted]
        vocab._samples = _Samples.every(vocab._sorted, vocab._pick)
        vocab._backwards_samples = _Samples.every(vocab._reversed, vocab._pick_backwards)
        return vocab

    def __len__(self) -> int:
        return len(self._starts) - 1 + len(self._recent)

    def __iter__(self):
        """Every word, in the order of their ids."""
        yield from self._decode(0, len(self._starts) - 1)
        yield from self._recent

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def __getitem__(self, word: str) -> int:
        word_id = self.get(word)
        if word_id is None:
            raise KeyError(word)
        return word_id

    @property
    def ids(self) -> Vocabulary:
        """Ids by word: ``in``, ``[]`` and ``get``, as a dict would answer."""
        return self

    def get(self, word: str) -> int | None:
        """The word's id, or None if it was never seen."""
        found = self._recent.get(word)
        if found is None:
            code, (hashes, ids) = hash(word), self._hash_views
            at = bisect.bisect_left(hashes, code)
            if at < len(hashes) and hashes[at] == code:
                found = ids[at]
        return found

    def word(self, word_id: int) -> str:
        folded = len(self._starts) - 1
        if word_id >= folded:
            return self._recent_words[word_id - folded]
        starts = self._starts
        return self._blob[starts[word_id] : starts[word_id + 1] - 1].decode("utf-8", "surrogatepass")

    def add(self, word: str) -> int:
        word_id = self.get(word)
        if word_id is None:
            word_id = self._recent[word] = len(self)
            self._recent_words.append(word)
            if len(self._recent) >= _FOLD:
                self._fold()
        return word_id

    def ids_of(self, words: list[str]) -> list[int]:
        """Ids of ``words``, adding the new ones. Their hashes are looked up
        together, in C: this is the largest cost of indexing an article."""
        if len(words) < _FEW:
            return list(map(self.add, words))
        codes = np.fromiter(map(hash, words), np.int64, len(words))
        if len(self._hashes):
            at = np.minimum(np.searchsorted(self._hashes, codes), len(self._hashes) - 1)
            known = self._hashes[at] == codes
            found = np.where(known, self._hash_ids[at], -1).tolist()
        else:
            known, found = np.zeros(len(words), bool), [-1] * len(words)
        if not known.all():
            for at in np.flatnonzero(~known).tolist():
                found[at] = self.add(words[at])
        return found

    def _fold(self) -> None:
        """Move the recent words into the blob and the sorted hashes."""
        if not self._recent:
            return
        words, first = self._recent_words, len(self._starts) - 1
        encoded = [word.encode("utf-8", "surrogatepass") + b"\0" for word in words]
        self._blob += b"".join(encoded)
        sizes = np.fromiter(map(len, encoded), np.int64, len(encoded))
        self._starts.frombytes((self._starts[-1] + np.cumsum(sizes)).tobytes())
        self._index_hashes(np.fromiter(map(hash, words), np.int64, len(words)), first)
        self._recent.clear()
        self._recent_words = []

    def _index_hashes(self, codes: np.ndarray, first: int) -> None:
        """File the hashes of the words whose ids are ``first`` on."""
        order = np.argsort(codes, kind="stable")
        codes = codes[order]
        places = np.searchsorted(self._hashes, codes)
        self._hashes = np.insert(self._hashes, places, codes)
        self._hash_ids = np.insert(self._hash_ids, places, (order + first).astype(np.uint32))
        self._hash_views = memoryview(self._hashes), memoryview(self._hash_ids)

    def _decode(self, first: int, end: int) -> list[str]:
        """The words whose ids are ``first`` to ``end`` (folded ones)."""
        if first >= end:
            return []
        starts = self._starts
        return self._blob[starts[first] : starts[end] - 1].decode("utf-8", "surrogatepass").split("\0")

    def _pick(self, ids: np.ndarray) -> list[str]:
        """The words of ``ids`` (folded ones: lookups settle first)."""
        blob, starts = self._blob, self._starts
        return [blob[starts[i] : starts[i + 1] - 1].decode("utf-8", "surrogatepass") for i in ids.tolist()]

    def _pick_backwards(self, ids: np.ndarray) -> list[str]:
        """The words of ``ids``, their letters last first."""
        return [word[::-1] for word in self._pick(ids)]

    def _pick_many(self, ids: np.ndarray) -> list[str]:
        """``_pick``, their bytes gathered by numpy and decoded at once: a typo's candidates are
        thousands of words (7,600 for a word of 7 letters at 100,000 articles: 8.7 ms one at a
        time, under load). The blob is read through a numpy view, which no word may grow while
        it is held: call with the lock that adding words takes (searches do)."""
        if len(ids) < _FEW_TO_GATHER:
            return self._pick(ids)
        starts = np.frombuffer(self._starts, np.int64)
        first, sizes = starts[ids], starts[ids + 1] - starts[ids]  # each word and its NUL
        ends = np.cumsum(sizes)
        at = np.arange(int(ends[-1])) + np.repeat(first - (ends - sizes), sizes)
        blob = np.frombuffer(self._blob, np.uint8)
        try:
            gathered = blob[at].tobytes()
        finally:
            del blob
        return gathered[:-1].decode("utf-8", "surrogatepass").split("\0")

    @property
    def filed(self) -> int:
        """How many words lookups by prefix, suffix and typos find (see ``settle``)."""
        return self._settled

    def settle(self) -> None:
        """Fold newly seen words into the buckets and the sorted orders (see ``_filing``)."""
        self._fold()
        if self._settled < len(self):
            self._take(self._filing(self._settled, len(self)))

    def settle_beside(self, lock: AbstractContextManager) -> None:
        """``settle`` for a vocabulary being searched: the words are filed without
        ``lock`` and swapped in under it. Lookups meanwhile do not wait (two
        million words take seconds): they find the words filed before, and
        ``get`` every word."""
        with lock:
            self._fold()
            first, end = self._settled, len(self)
            if first == end:
                return
            self._settling = True
        filing = None
        try:
            filing = self._filing(first, end)
        finally:
            with lock:
                self._settling = False
                if filing is not None and self._settled == first:  # else settled meanwhile
                    self._take(filing)

    def _lookup_ready(self) -> None:
        """Settle before a lookup, unless ``settle_beside`` is at it or a loader files the words (``lookups_file``)."""
        if self.lookups_file and not self._settling:
            self.settle()

    def _filing(self, first: int, end: int) -> _Filing:
        """The words ``first`` to ``end`` (folded ones) filed, this vocabulary left
        as it is: the new words are sorted, then each goes in by bisection (among the
        sorted samples, then a word decoded at each step: a search typed while loading
        files the words waiting, and a decode at each of 21 steps took 100-600 ms).
        The samples stay, moved up past the words filed before them: taken again each
        time, they were most of a filing's cost (at a million words, 0.27 of 0.54 s
        to file 2,000), and the loader files a few thousand words at a time."""
        words = self._decode(first, end)
        length, by_first, by_last = self._filed_words(first, words)
        order = _in_groups(_heads(words, 0, 1), words.__getitem__)
        ordered, samples = self._inserted(
            self._sorted,
            self._samples,
            [first + at for at in order],
            lambda i: self._bisect(words[i - first]),
            self._pick,
        )
        reversed_ids, backwards_samples = self._inserted(
            self._reversed,
            self._backwards_samples,
            self._backwards_order(first, words),
            lambda i: self._bisect_backwards(self._backwards(i)),
            self._pick_backwards,
        )
        return _Filing(
            end, ordered, length[ordered], samples, reversed_ids, backwards_samples, length, by_first, by_last
        )

    @staticmethod
    def _inserted(
        into: np.ndarray, samples: _Samples, new: list[int], place: Callable[[int], int], pick
    ) -> tuple[np.ndarray, _Samples]:
        """The order ``into`` with the ids ``new`` (in their order) put in, each at ``place(id)``,
        and its samples moved along; into an empty order, ``new`` as it is (nothing to bisect)."""
        ids = np.array(new, np.uint32)
        if not len(into):
            return ids, _Samples.every(ids, pick)
        places = np.fromiter(map(place, new), np.int64, len(new))
        merged = np.insert(into, places, ids)
        return merged, samples.after_insert(places, merged, pick)

    def _take(self, filing: _Filing) -> None:
        self._settled = filing.settled
        self._sorted, self._sorted_length, self._samples = filing.sorted, filing.sorted_length, filing.samples
        self._reversed, self._backwards_samples, self._length = filing.reversed, filing.backwards_samples, filing.length
        self._by_first, self._by_last = filing.by_first, filing.by_last

    def _backwards_order(self, first: int, words: list[str]) -> list[int]:
        """The ids of ``words`` (from ``first`` on), sorted by their words read backwards:
        their last two letters at a time, so that only those words are reversed at once
        (all two million of them took 170 MB while sorted)."""
        return [first + at for at in _in_groups(_heads(words, -1, -2), lambda at: words[at][::-1])]

    def _backwards(self, word_id: int) -> str:
        """The word's letters, last first: the order suffixes are looked up in."""
        return self.word(word_id)[::-1]

    def _filed_words(self, first: int, words: list[str]) -> tuple[np.ndarray, _Buckets, _Buckets]:
        """The lengths and buckets (with their letter masks) with ``words`` (ids ``first`` on)
        added: new ones, these left as they are."""
        length, masks, first_keys, last_keys = _described(words)
        return (
            np.concatenate((self._length, length)),
            self._by_first.extended(first, first_keys, masks),
            self._by_last.extended(first, last_keys, masks),
        )

    def starting_with(self, prefix: str, shortest: int | None = None) -> list[str]:
        """Words starting with ``prefix``, in sorted order; with ``shortest``,
        only those no longer than its ``shortest``-th shortest (ties all kept),
        which spares sorting tens of thousands of words by length when one
        letter is typed."""
        self._lookup_ready()
        lo, hi = self._sorted_range(prefix)
        if shortest is None or hi - lo <= shortest:
            return self._pick_many(self._sorted[lo:hi])
        span = self._sorted_length[lo:hi]
        return self._pick_many(self._sorted[lo + np.flatnonzero(span <= _cut(span, shortest))])

    def ending_with(self, suffix: str, shortest: int | None = None) -> list[str]:
        """Words ending with ``suffix``, sorted by their reversed letters;
        ``shortest`` as for :meth:`starting_with`."""
        self._lookup_ready()
        target = suffix[::-1]
        lo = self._bisect_backwards(target)
        hi = max(lo, self._bisect_backwards(target + _LAST))
        found = self._reversed[lo:hi]
        if shortest is not None and hi - lo > shortest:
            span = self._length[found]
            found = found[span <= _cut(span, shortest)]
        return self._pick_many(found)

    def similar(self, word: str, max_edits: int, ids: dict[str, int] | None = None) -> dict[str, int]:
        """Words within ``max_edits`` of ``word`` that share its first or last
        letter, with their distance. An edit is a letter added, dropped,
        changed, or two neighbours swapped (the commonest typo, which plain
        Levenshtein counts twice). ``ids``, if given, gets each word's id (hundreds of words:
        2.6 ms to look them up again by hash)."""
        self._lookup_ready()
        found: dict[str, int] = {}
        size = len(word)
        mask = _letter_masks([word])[0]
        for length in range(max(1, size - max_edits), size + max_edits + 1):
            # Words of another length take that many added or dropped letters, which change one bit each.
            most = 2 * max_edits - abs(length - size)
            for buckets, key in ((self._by_first, word[0]), (self._by_last, word[-1])):
                near = buckets.near((length, key), mask, most)
                choices = self._pick_many(near)
                if not choices:
                    continue
                for match, distance, at in process.extract(
                    word,
                    choices,
                    scorer=OSA.distance,
                    score_cutoff=max_edits,
                    limit=None,
                ):
                    if match != word:
                        found[match] = distance
                        if ids is not None:
                            ids[match] = int(near[at])
        return found

    def similar_prefixes(self, prefix: str) -> dict[str, int]:
        """Word beginnings one typo from ``prefix`` ("prigos" -> "prigoz")
        that keep its first two letters, with their distance (1), in sorted
        order; expand each with :meth:`starting_with`. Each single edit from
        the third letter on is tried (an edit in the first two letters that
        keeps them is also one further on: "aaab" less its first letter is
        "aaab" less its third), letters inserted or changed taken only from
        those that follow in some word."""
        self._lookup_ready()
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
        return {head: 1 for head in sorted(heads) if self._begins(head)}

    def _next_letters(self, prefix: str) -> list[str]:
        """The letters that follow ``prefix`` in some word: one bisection per letter."""
        at = len(prefix)
        lo, hi = self._sorted_range(prefix)
        letters = []
        while lo < hi:
            word = self.word(int(self._sorted[lo]))
            if len(word) == at:
                lo += 1
                continue
            letters.append(word[at])
            lo = self._bisect(word[: at + 1] + _LAST, lo, hi)
        return letters

    def _bisect(self, target: str, lo: int = 0, hi: int | None = None) -> int:
        """Where ``target`` goes in the sorted words, between ``lo`` and ``hi`` (see ``_sampled_bisect``)."""
        found = _sampled_bisect(self._sorted, self._samples, self.word, target)
        return min(max(found, lo), len(self._sorted) if hi is None else hi)

    def _bisect_backwards(self, target: str) -> int:
        """Where ``target`` (letters last first) goes in the words read backwards (see ``_sampled_bisect``)."""
        return _sampled_bisect(self._reversed, self._backwards_samples, self._backwards, target)

    def _sorted_range(self, prefix: str) -> tuple[int, int]:
        """The places in ``_sorted`` of the words starting with ``prefix``."""
        lo = self._bisect(prefix)
        return lo, self._bisect(prefix + _LAST, lo)

    def _begins(self, prefix: str) -> bool:
        """Whether some word starts with ``prefix``."""
        at = self._bisect(prefix)
        return at < len(self._sorted) and self.word(int(self._sorted[at])).startswith(prefix)

    def scattered(self, letters: str, limit: int) -> list[str]:
        """Words with the same first letter that contain ``letters`` in order
        ("prgzn" -> "prigozhin"), shortest first (then in sorted order):
        fzf's fuzzy match, kept for when nothing closer is found. Only words
        whose letter mask holds the letters' are matched, a length at a time."""
        self._lookup_ready()
        pattern = re.compile("^" + "[^\n]*?".join(map(re.escape, letters)) + "[^\n]*$", re.MULTILINE)
        first, need = letters[0], _letter_masks([letters])[0]
        lengths = sorted(size for size, letter in self._by_first.ids if letter == first and size >= len(letters))
        found: list[str] = []
        for length in lengths:
            held = self._pick_many(self._by_first.holding((length, first), need))
            found += pattern.findall("\n".join(sorted(held)))
            if len(found) >= limit:
                break
        return found[:limit]


@dataclass(slots=True)
class _Filing:
    """Words filed for lookups, made before they are taken in (see ``Vocabulary.settle_beside``)."""

    settled: int
    sorted: np.ndarray
    sorted_length: np.ndarray
    samples: _Samples
    reversed: np.ndarray
    backwards_samples: _Samples
    length: np.ndarray
    by_first: _Buckets
    by_last: _Buckets


class _Buckets:
    """Words grouped by their length and one letter: the ids of each group, in order,
    and their letter masks, in the same order. Each group's two columns are views of
    the start of arrays with room after them (``_Room``), which the next filing writes
    into: a filing copied every group it added to (a filing's 20,000 words touch nearly
    all of them: 53 MB at 2.2 million words, each time the loader filed words)."""

    def __init__(self) -> None:
        self.ids: dict[tuple[int, str], np.ndarray] = {}
        self.masks: dict[tuple[int, str], np.ndarray] = {}
        self._room: dict[tuple[int, str], _Room] = {}  # shared with the buckets extended from these

    def extended(self, first: int, keys: np.ndarray, masks: np.ndarray) -> _Buckets:
        """These buckets and the words whose ids are ``first`` on, under their
        ``keys`` (length << 21 | code point), with their ``masks``: new ones, these left as
        they are (what they hold is not written; what is added goes after it)."""
        grown = _Buckets()
        grown.ids, grown.masks, grown._room = dict(self.ids), dict(self.masks), dict(self._room)
        order = np.argsort(keys, kind="stable")  # each group keeps the order of ids
        cuts = np.flatnonzero(np.diff(keys[order])) + 1
        for group in np.split(order, cuts) if len(order) else ():
            key = int(keys[group[0]])
            bucket = (key >> 21, chr(key & 0x1FFFFF))
            ids, group_masks = (group + first).astype(np.uint32), masks[group]
            known = grown.ids.get(bucket)
            if known is None:
                grown.ids[bucket], grown.masks[bucket] = ids, group_masks
                continue
            room = grown._room.get(bucket)
            if room is None or not room.claim(len(known), len(ids)):
                room = grown._room[bucket] = _Room(known, grown.masks[bucket], len(ids))
            grown.ids[bucket], grown.masks[bucket] = room.written(len(known), ids, group_masks)
        return grown

    def near(self, key: tuple[int, str], mask: np.uint64, most: int) -> np.ndarray:
        """The ids under ``key`` whose letter mask differs from ``mask`` in at most ``most`` bits, in order."""
        ids = self.ids.get(key, _NONE)
        return ids[np.bitwise_count(self.masks.get(key, _NO_MASKS) ^ mask) <= most]

    def holding(self, key: tuple[int, str], mask: np.uint64) -> np.ndarray:
        """The ids under ``key`` whose letter mask has every bit of ``mask``."""
        ids = self.ids.get(key, _NONE)
        return ids[self.masks.get(key, _NO_MASKS) & mask == mask]


class _Room:
    """A group's ids and masks with room after them (an eighth of what they hold, and ``_ROOM``). Views of
    their start are read while a filing writes after them: the room is claimed first, so two
    filings (one to be dropped: see ``Vocabulary.settle_beside``) never write the same place."""

    __slots__ = ("ids", "masks", "used")
    _claims = threading.Lock()

    def __init__(self, ids: np.ndarray, masks: np.ndarray, more: int) -> None:
        """``ids`` and ``masks`` copied, with room for ``more`` (claimed) and ``_ROOM`` over."""
        size = len(ids) + more
        room = size + size // 8 + _ROOM
        self.ids, self.masks = np.empty(room, np.uint32), np.empty(room, np.uint64)
        self.ids[: len(ids)], self.masks[: len(ids)] = ids, masks
        self.used = size

    def claim(self, held: int, more: int) -> bool:
        """Whether ``more`` fit after the first ``held``, which nothing was written after: then theirs."""
        with self._claims:
            if self.used != held or held + more > len(self.ids):
                return False
            self.used = held + more
            return True

    def written(self, held: int, ids: np.ndarray, masks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``ids`` and ``masks`` written in the room claimed after the first ``held``; views of all."""
        end = held + len(ids)
        self.ids[held:end], self.masks[held:end] = ids, masks
        return self.ids[:end], self.masks[:end]


@dataclass(slots=True)
class _Samples:
    """Some words of an order (``words``, compared in C) and their places in it (``at``),
    about one in ``_SAMPLE``: a bisection among them leaves a stretch of the order between
    two places, where each step decodes a word."""

    words: list[str] = field(default_factory=list)
    at: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))

    @classmethod
    def every(cls, order: np.ndarray, pick: Callable[[np.ndarray], list[str]]) -> _Samples:
        """Every ``_SAMPLE``-th word of ``order`` (``pick`` gives the words of ids), from the first."""
        at = np.arange(0, len(order), _SAMPLE, dtype=np.int64)
        return cls(pick(order[at]), at)

    def after_insert(self, places: np.ndarray, order: np.ndarray, pick: Callable[[np.ndarray], list[str]]) -> _Samples:
        """These samples in ``order``, the order made by ``np.insert`` at ``places`` (in
        increasing order): each moved up past the words put before it; taken again from
        ``order`` once a stretch between two is wider than ``_WIDEST`` words."""
        if not len(places):
            return self
        at = self.at + np.searchsorted(places, self.at, side="right")
        bounds = np.concatenate(([-1], at, [len(order)]))
        if not len(at) or int(np.diff(bounds).max()) > _WIDEST:
            return _Samples.every(order, pick)
        return _Samples(self.words, at)

    def stretch(self, target: str, size: int) -> tuple[int, int]:
        """The places, in an order of ``size`` ids, between which ``target`` goes."""
        after = bisect.bisect_left(self.words, target)  # words[after - 1] < target <= words[after]
        start = int(self.at[after - 1]) + 1 if after else 0
        return start, int(self.at[after]) if after < len(self.words) else size


def _sampled_bisect(order: np.ndarray, samples: _Samples, key, target: str) -> int:
    """Where ``target`` goes among the ids of ``order`` compared by ``key`` (their words, or
    the words read backwards): first among ``samples`` (strings, compared in C), then within
    the stretch of ids between two of them, each step decoding one. Filing the words waiting
    took a decode at each of 21 steps a word: 100-600 ms of a search typed while loading (at
    8,000-10,000 articles), most of it for the words read backwards."""
    start, end = samples.stretch(target, len(order))
    known = memoryview(order)
    try:
        return bisect.bisect_left(known, target, start, end, key=key)
    finally:
        known.release()


def _heads(words: list[str], first: int, second: int) -> np.ndarray:
    """Two letters of each word (``first`` and ``second``, 0 for a word of one) as one number, in their order."""
    return np.fromiter(
        (ord(word[first]) << 21 | (ord(word[second]) if len(word) > 1 else 0) for word in words), np.int64, len(words)
    )


def _in_groups(heads: np.ndarray, key) -> list[int]:
    """Places 0 .. len(heads) - 1 ordered by ``heads``, then by ``key`` among like heads: a
    sort holds the GIL throughout, so a search in another thread waits for a group's sort,
    not for two million words' (3 s under load)."""
    order = np.argsort(heads, kind="stable")
    groups = np.split(order, np.flatnonzero(np.diff(heads[order])) + 1)
    return [at for group in groups for at in sorted(group.tolist(), key=key)]


def _letter_masks(words: list[str]) -> np.ndarray:
    """Each word's letter mask (see the module's docstring), as uint64s."""
    parts = []
    for start in range(0, len(words), _COUNTED):
        chunk = words[start : start + _COUNTED]
        codes = np.frombuffer("".join(chunk).encode("utf-32-le", "surrogatepass"), np.uint32).astype(np.int64)
        owners = np.repeat(np.arange(len(chunk)), np.fromiter(map(len, chunk), np.int64, len(chunk)))
        groups = np.where((codes >= 97) & (codes <= 122), codes - 97, 26 + codes % _SHARED)
        counts = np.bincount(owners * _GROUPS + groups, minlength=len(chunk) * _GROUPS).reshape(-1, _GROUPS)
        bits = np.concatenate((counts >= 1, counts >= 2), axis=1)
        parts.append(np.packbits(bits, axis=1, bitorder="little").view(np.uint64).ravel())
    return np.concatenate(parts) if parts else np.zeros(0, np.uint64)


def _described(words: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each word's length (uint16s: see ``_LONGEST``), letter mask, and keys in the buckets
    by first and by last letter (its length and the letter: code points take 21 bits)."""
    lengths = np.fromiter(map(len, words), np.int64, len(words))
    first_keys, last_keys = (
        lengths << 21 | np.fromiter(map(ord, map(letter, words)), np.int64, len(words))
        for letter in (itemgetter(0), itemgetter(-1))
    )
    return np.minimum(lengths, _LONGEST).astype(np.uint16), _letter_masks(words), first_keys, last_keys


def _cut(lengths: np.ndarray, shortest: int) -> int:
    """The ``shortest``-th shortest of ``lengths``."""
    return int(np.searchsorted(np.cumsum(np.bincount(lengths)), shortest))


def _every_once(order: np.ndarray) -> bool:
    """Whether ``order`` holds each of 0 .. len - 1 (once, then, as there are len of them)."""
    if not len(order):
        return True
    if int(order.max()) >= len(order):
        return False
    seen = np.zeros(len(order), bool)
    seen[order] = True
    return bool(seen.all())
