"""The inverted index of one kind of search unit (titles, body text, entities,
speakers or quotes): folded word ids to the units that hold them, in flat
arrays that numpy scores a whole field at a time."""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from itertools import repeat

import numpy as np

from core.search.packed import pack, unpack

# Postings of removed units are dropped once there are this many (and more
# than live ones): removing stays cheap and memory stays bounded.
COMPACT_AFTER = 1000


class Postings:
    """Key -> entries (uint32), in two parts: a *base* of two flat arrays
    (``entries[offsets[k]:offsets[k + 1]]`` for key ``k``), which costs no
    Python object per key, and the entries added since, one ``array`` per
    key, until ``merge`` folds them into the base (before saving: a saved
    index loads as a base alone). The order of a key's entries means nothing."""

    def __init__(self, offsets: np.ndarray | None = None, entries: np.ndarray | None = None) -> None:
        self.offsets = np.zeros(1, np.uint32) if offsets is None else offsets
        self.entries = np.zeros(0, np.uint32) if entries is None else entries
        self.recent: dict[int, array] = {}

    def __len__(self) -> int:
        """Entries under every key."""
        return len(self.entries) + sum(map(len, self.recent.values()))

    def get(self, key: int) -> np.ndarray | None:
        base = None
        if key + 1 < len(self.offsets):
            lo, hi = int(self.offsets[key]), int(self.offsets[key + 1])
            if hi > lo:
                base = self.entries[lo:hi]
        more = self.recent.get(key)
        if more is None:
            return base
        added = np.frombuffer(more, np.uint32).copy()  # a view would stop the array from growing
        return added if base is None else np.concatenate((base, added))

    def count(self, key: int) -> int:
        base = int(self.offsets[key + 1]) - int(self.offsets[key]) if key + 1 < len(self.offsets) else 0
        return base + len(self.recent.get(key, ()))

    def append(self, key: int, entry: int) -> None:
        self.recent.setdefault(key, array("I")).append(entry)

    def extend(self, key: int, data: memoryview) -> None:
        """Add entries given as the bytes of uint32s."""
        units = self.recent.get(key)
        if units is None:
            units = self.recent[key] = array("I")
        units.frombytes(data)

    def merge(self) -> None:
        """Fold the entries added since into the base: each key's new entries
        are inserted at the end of its run, in one ``np.insert``."""
        if not self.recent:
            return
        keys = sorted(self.recent)
        added = list(map(self.recent.__getitem__, keys))
        lengths = np.fromiter(map(len, added), np.int64, len(keys))
        known = len(self.offsets) - 1
        size = max(known, keys[-1] + 1)
        counts = np.zeros(size, np.int64)
        counts[:known] = np.diff(self.offsets.astype(np.int64))
        counts[keys] += lengths
        new = np.frombuffer(b"".join(added), np.uint32)
        if len(self.entries):
            ends = self.offsets[np.minimum(np.array(keys, np.int64) + 1, known)].astype(np.int64)
            entries = np.insert(self.entries, np.repeat(ends, lengths), new)
        else:  # the first save of a new index: the keys' runs in order are the whole array (no insert's temporaries)
            entries = new
        offsets = np.zeros(size + 1, np.uint32)
        np.cumsum(counts, out=offsets[1:], dtype=np.uint32)
        self.offsets, self.entries, self.recent = offsets, entries.astype(np.uint32, copy=False), {}

    def keep(self, wanted: np.ndarray, units_of) -> None:
        """Drop the entries whose unit is not ``wanted`` (a bool per unit)."""
        kept = wanted[units_of(self.entries)]
        if not kept.all():
            before = np.zeros(len(kept) + 1, np.uint32)
            np.cumsum(kept, out=before[1:], dtype=np.uint32)
            self.offsets, self.entries = before[self.offsets], self.entries[kept]
        for key, entries in list(self.recent.items()):
            found = np.frombuffer(entries, np.uint32)
            kept = found[wanted[units_of(found)]]
            if len(kept) == len(found):
                continue
            if len(kept):
                self.recent[key] = array("I", kept.tobytes())
            else:
                del self.recent[key]


class Field:
    """One kind of unit with its inverted index; units are never renumbered,
    removed ones are only marked dead."""

    # Postings wait in flat arrays until this many pile up (or a search
    # comes): appending them word by word in Python is what makes indexing slow.
    SETTLE_AT = 250_000
    # The columns saved and loaded with ``columns``, and their array types.
    COLUMNS = {
        "unit_doc": "I",
        "size": "H",
        "bonus": "f",
        "starts": "I",
        "ends": "I",
        "shown_id": "I",
        "doc_first": "I",
        "doc_count": "I",
    }

    def __init__(self, kind: str, counted: bool = False) -> None:
        self.kind = kind
        self.per_article = kind in ("title", "text")  # unit number = document number
        # Word id -> the units that contain it. When ``counted`` (body text)
        # each entry is ``unit << 8 | uses`` with uses capped at 255: one
        # array instead of two, and uses rank passages.
        self.counted = counted
        self.postings = Postings()
        self.initials = Postings()
        self.unit_doc = array("I")
        self.alive = bytearray()
        self.size = array("H")  # distinct words in the unit
        self.bonus = array("f")
        # What a hit shows: a number in a table of distinct texts (0: the
        # article's own title, or its text between the offsets), and those
        # offsets. Names recur across thousands of articles; quotes are slices.
        self.shown_id = array("I")
        self.texts: list[str] = [""]
        self._text_ids: dict[str, int] = {}
        self.starts = array("I")
        self.ends = array("I")
        # Per document, its units of this kind (added together, so a range).
        self.doc_first = array("I")
        self.doc_count = array("I")
        self._new_words = array("I")
        self._new_units = array("I")
        self._new_uses = array("I")
        self._dead = 0  # units removed since the last compaction

    def __len__(self) -> int:
        return len(self.alive)

    def add_doc(self) -> None:
        if not self.per_article:
            self.doc_first.append(0)
            self.doc_count.append(0)

    def add_unit(
        self,
        doc: int,
        word_ids: list[int],
        uses: list[int] | None,
        shown: tuple[str | None, int, int],
        bonus: float = 0.0,
        initial_ids: Iterable[int] = (),
    ) -> int:
        unit = len(self.alive)
        self._new_words.extend(word_ids)
        self._new_units.extend(repeat(unit, len(word_ids)))
        if uses is not None:
            self._new_uses.extend(uses)
        for initials_id in initial_ids:
            self.initials.append(initials_id, unit)
        self.unit_doc.append(doc)
        self.alive.append(1)
        self.size.append(min(len(word_ids), 65535))
        self.bonus.append(bonus)
        text, start, end = shown
        self.shown_id.append(0 if text is None else self._text_id(text))
        self.starts.append(start)
        self.ends.append(end)
        if not self.per_article:
            if not self.doc_count[doc]:
                self.doc_first[doc] = unit
            self.doc_count[doc] += 1
        if len(self._new_words) >= self.SETTLE_AT:
            self.settle()
        return unit

    def _text_id(self, text: str) -> int:
        found = self._text_ids.get(text)
        if found is None:
            found = self._text_ids[text] = len(self.texts)
            self.texts.append(text)
        return found

    def doc_units(self, doc: int) -> range:
        if self.per_article:
            return range(doc, doc + 1)
        return range(self.doc_first[doc], self.doc_first[doc] + self.doc_count[doc])

    def kill_doc(self, doc: int) -> None:
        """Mark a document's units removed; their postings go once they outnumber the live ones."""
        for unit in self.doc_units(doc):
            if self.alive[unit]:
                self.alive[unit] = 0
                self._dead += 1
        if not self.per_article:
            self.doc_count[doc] = 0
        if self._dead > max(COMPACT_AFTER, len(self.alive) - self._dead):
            self.compact()

    def compact(self) -> None:
        """Drop the postings of removed units (unit numbers stay)."""
        self.settle()
        alive = np.frombuffer(self.alive, np.uint8).astype(bool)
        self.postings.keep(alive, self.units_of)
        self.initials.keep(alive, lambda entries: entries)
        self._dead = 0

    def settle(self) -> None:
        """Move the waiting postings into the per-word arrays: one stable
        sort by word, then one append per distinct word."""
        if not self._new_words:
            return
        word_ids = np.frombuffer(self._new_words, np.uint32)
        order = np.argsort(word_ids, kind="stable")
        entries = np.frombuffer(self._new_units, np.uint32)[order]
        if self.counted:
            uses = np.minimum(np.frombuffer(self._new_uses, np.uint32)[order], 255)
            entries = entries << 8 | uses
        sorted_ids = word_ids[order]
        starts = np.flatnonzero(np.r_[True, sorted_ids[1:] != sorted_ids[:-1]])
        ends = np.r_[starts[1:], len(sorted_ids)] * 4
        data = memoryview(entries.astype(np.uint32).tobytes())
        postings = self.postings
        for word_id, start, end in zip(sorted_ids[starts].tolist(), (starts * 4).tolist(), ends.tolist()):
            postings.extend(word_id, data[start:end])
        self._new_words, self._new_units, self._new_uses = array("I"), array("I"), array("I")

    def units_of(self, entries: np.ndarray) -> np.ndarray:
        """Unit numbers of postings entries."""
        return entries >> 8 if self.counted else entries

    def docs_of(self, entries: np.ndarray) -> np.ndarray:
        """Articles of the live units of postings entries."""
        units = self.units_of(entries)
        if self.per_article:
            return units
        units = units[np.frombuffer(self.alive, np.uint8)[units] != 0]
        return np.frombuffer(self.unit_doc, np.uint32)[units]

    def shown_at(self, unit: int) -> tuple[str | None, int, int]:
        """What a hit on this unit shows (None: see ``shown_id``), and where it is in the article."""
        text_id = self.shown_id[unit]
        return self.texts[text_id] if text_id else None, self.starts[unit], self.ends[unit]

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The field as flat arrays (its postings merged first): see ``from_arrays``."""
        self.settle()
        arrays = {name: np.array(getattr(self, name), np.dtype(code)) for name, code in self.COLUMNS.items()}
        arrays["alive"] = np.frombuffer(self.alive, np.uint8).copy()
        arrays["texts"] = pack(self.texts[1:])
        for name in ("postings", "initials"):
            postings = getattr(self, name)
            postings.merge()
            arrays[f"{name}.offsets"], arrays[f"{name}.entries"] = postings.offsets, postings.entries
        return arrays

    def from_arrays(self, arrays: dict[str, np.ndarray], sizes: dict[str, int]) -> None:
        """Take ``to_arrays``'s arrays into this empty field, after checking that
        every number in them points inside what it refers to (``sizes``: how
        many words, initials and documents there are): a damaged file raises
        ValueError here, not IndexError at the next search."""
        units = len(arrays["alive"])
        for name, code in self.COLUMNS.items():
            column = arrays[name]
            wanted = (0 if self.per_article else sizes["docs"]) if name.startswith("doc_") else units
            if column.dtype != np.dtype(code) or column.shape != (wanted,):
                raise ValueError(f"{self.kind}.{name}: wrong shape")
        texts = unpack(arrays["texts"])
        doc_ends = arrays["doc_first"].astype(np.int64) + arrays["doc_count"]
        if (
            arrays["alive"].dtype != np.uint8
            or _beyond(arrays["unit_doc"], sizes["docs"])
            or _beyond(arrays["shown_id"], len(texts) + 1)
            or (len(doc_ends) and doc_ends.max() > units)
            or (self.per_article and units != sizes["docs"])
        ):
            raise ValueError(f"{self.kind}: numbers out of range")
        for name, keys in (("postings", sizes["words"]), ("initials", sizes["initials"])):
            offsets, entries = arrays[f"{name}.offsets"], arrays[f"{name}.entries"]
            if (
                offsets.dtype != np.uint32
                or entries.dtype != np.uint32
                or offsets.ndim != 1
                or not 1 <= len(offsets) <= keys + 1
                or offsets[0] != 0
                or offsets[-1] != len(entries)
                or np.any(np.diff(offsets.astype(np.int64)) < 0)
                or _beyond(self.units_of(entries) if name == "postings" else entries, units)
            ):
                raise ValueError(f"{self.kind}.{name}: numbers out of range")
            setattr(self, name, Postings(offsets, entries))
        for name, code in self.COLUMNS.items():
            setattr(self, name, array(code, arrays[name].tobytes()))
        self.alive = bytearray(arrays["alive"].tobytes())
        self._dead = units - int(np.count_nonzero(arrays["alive"]))
        self.texts = ["", *texts]
        self._text_ids = {text: i for i, text in enumerate(self.texts) if i}

    def popularity(self, word_id: int) -> int:
        return self.postings.count(word_id)


def _beyond(numbers: np.ndarray, limit: int) -> bool:
    """Whether any of ``numbers`` is not below ``limit``."""
    return bool(len(numbers)) and int(numbers.max()) >= limit


def alive_units(fld: Field) -> np.ndarray:
    return np.frombuffer(fld.alive, np.uint8).astype(bool)


def unit_docs(fld: Field) -> np.ndarray:
    return np.frombuffer(fld.unit_doc, np.uint32)
