"""The inverted index of one kind of search unit (titles, body text, entities,
speakers or quotes): folded word ids to the units that hold them, in flat
arrays that numpy scores a whole field at a time."""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from itertools import repeat

import numpy as np

# Postings of removed units are dropped once there are this many (and more
# than live ones): removing stays cheap and memory stays bounded.
COMPACT_AFTER = 1000


class Field:
    """One kind of unit with its inverted index; units are never renumbered,
    removed ones are only marked dead."""

    # Postings wait in flat arrays until this many pile up (or a search
    # comes): appending them word by word in Python is what makes indexing slow.
    SETTLE_AT = 250_000

    def __init__(self, kind: str, counted: bool = False) -> None:
        self.kind = kind
        self.per_article = kind in ("title", "text")  # unit number = document number
        # Word id -> the units that contain it, ascending. When ``counted``
        # (body text) each entry is ``unit << 8 | uses`` with uses capped at
        # 255: one array instead of two, and uses rank passages.
        self.counted = counted
        self.postings: dict[int, array] = {}
        self.initials: dict[int, array] = {}
        self.unit_doc = array("I")
        self.alive = bytearray()
        self.size = array("H")  # distinct words in the unit
        self.bonus = array("f")
        # What a hit shows: its text and offsets in the article, in columns (a
        # tuple per unit would cost 130 bytes, times 440,000 names in 10,000 articles).
        self.shown: list[str | None] = []
        self.starts = array("I")
        self.ends = array("I")
        self._new_words = array("I")
        self._new_units = array("I")
        self._new_uses = array("I")
        self._dead = 0  # units removed since the last compaction

    def __len__(self) -> int:
        return len(self.alive)

    def add_unit(
        self,
        doc: int,
        word_ids: list[int],
        uses: list[int] | None,
        shown: tuple[str, int, int] | None,
        bonus: float = 0.0,
        initial_ids: Iterable[int] = (),
    ) -> int:
        unit = len(self.alive)
        self._new_words.extend(word_ids)
        self._new_units.extend(repeat(unit, len(word_ids)))
        if uses is not None:
            self._new_uses.extend(uses)
        for initials_id in initial_ids:
            self.initials.setdefault(initials_id, array("I")).append(unit)
        self.unit_doc.append(doc)
        self.alive.append(1)
        self.size.append(min(len(word_ids), 65535))
        self.bonus.append(bonus)
        text, start, end = shown or (None, 0, 0)
        self.shown.append(text)
        self.starts.append(start)
        self.ends.append(end)
        if len(self._new_words) >= self.SETTLE_AT:
            self.settle()
        return unit

    def kill(self, units: Iterable[int]) -> None:
        """Mark units removed; their postings go once they outnumber the live ones."""
        for unit in units:
            self.alive[unit] = 0
            self.shown[unit] = None
            self._dead += 1
        if self._dead > max(COMPACT_AFTER, len(self.alive) - self._dead):
            self.compact()

    def compact(self) -> None:
        """Drop the postings of removed units (unit numbers stay)."""
        self.settle()
        alive = np.frombuffer(self.alive, np.uint8).astype(bool)
        for postings in (self.postings, self.initials):
            for key, entries in list(postings.items()):
                found = np.frombuffer(entries, np.uint32)
                units = found >> 8 if self.counted and postings is self.postings else found
                kept = found[alive[units]]
                if len(kept) == len(found):
                    continue
                if len(kept):
                    postings[key] = array("I", kept.tobytes())
                else:
                    del postings[key]
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
            units = postings.get(word_id)
            if units is None:
                units = postings[word_id] = array("I")
            units.frombytes(data[start:end])
        self._new_words, self._new_units, self._new_uses = array("I"), array("I"), array("I")

    def units_of(self, entries: array) -> np.ndarray:
        """Unit numbers of a postings array."""
        found = np.frombuffer(entries, np.uint32)
        return found >> 8 if self.counted else found

    def docs_of(self, entries: array) -> np.ndarray:
        """Articles of the live units of a postings array."""
        units = self.units_of(entries)
        if self.per_article:
            return units
        units = units[np.frombuffer(self.alive, np.uint8)[units] != 0]
        return np.frombuffer(self.unit_doc, np.uint32)[units]

    def shown_at(self, unit: int) -> tuple[str, int, int]:
        """What a hit on this unit shows, and where it is in the article."""
        return self.shown[unit] or "", self.starts[unit], self.ends[unit]

    def popularity(self, word_id: int) -> int:
        return len(self.postings.get(word_id, ()))


def alive_units(fld: Field) -> np.ndarray:
    return np.frombuffer(fld.alive, np.uint8).astype(bool)


def unit_docs(fld: Field) -> np.ndarray:
    return np.frombuffer(fld.unit_doc, np.uint32)
