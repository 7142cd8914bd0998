"""The inverted index of one kind of search unit (titles, body text, entities,
speakers or quotes): folded word ids to the units that hold them, in flat
arrays that numpy scores a whole field at a time."""

from __future__ import annotations

import codecs
from array import array
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import partial
from itertools import repeat

import numpy as np

from core.search.mapped import pieces, release
from core.search.packed import pack, unpack

# Postings of removed units are dropped once there are this many (and more
# than live ones): removing stays cheap and memory stays bounded.
COMPACT_AFTER = 1000
# Runs kept beside the base before they are folded into it: each is looked up on every search.
MAX_RUNS = 8
# Base entries moved at a time when a fold shifts them up: all a fold holds beside the postings.
SEGMENT = 1 << 20


@dataclass(slots=True)
class _Run:
    """Entries added together, for the keys they hold: ``entries[offsets[i]:offsets[i + 1]]``
    for ``keys[i]`` (keys sorted, each once)."""

    keys: np.ndarray
    offsets: np.ndarray
    entries: np.ndarray

    @classmethod
    def of(cls, keys: np.ndarray, entries: np.ndarray) -> _Run:
        """A run from each entry's key, ``keys`` sorted (entries of one key keep their order)."""
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else np.zeros(0, np.int64)
        offsets = np.append(starts, len(keys)).astype(np.uint32)
        return cls(keys[starts].astype(np.uint32), offsets, entries.astype(np.uint32, copy=False))

    def find(self, key: int) -> tuple[int, int]:
        """Where ``key``'s entries are (an empty range when it has none)."""
        at = int(np.searchsorted(self.keys, key))
        if at < len(self.keys) and self.keys[at] == key:
            return int(self.offsets[at]), int(self.offsets[at + 1])
        return 0, 0

    def entry_keys(self) -> np.ndarray:
        """The key of each entry."""
        return np.repeat(self.keys, np.diff(self.offsets))


class Postings:
    """Key -> entries (uint32), in flat arrays that cost no Python object per
    key: a *base* (``entries[offsets[k]:offsets[k + 1]]`` for key ``k``) and
    the *runs* added since, each a few sorted arrays. Beyond ``MAX_RUNS`` runs,
    and on ``merge`` (before saving), they are folded into the base in place:
    the base grows (a large array is remapped, not copied) and its entries
    shift up a segment at a time, from the end, so a fold never holds a
    second copy of the base. Once loading is done the fold is planned beside
    the lock (``fold_beside``), while searches go on reading the base and the runs.
    An index as built is then what a saved one is when loaded. A key's
    entries come in the order they were added."""

    def __init__(self, offsets: np.ndarray | None = None, entries: np.ndarray | None = None) -> None:
        self.offsets = np.zeros(1, np.uint32) if offsets is None else offsets
        self.entries = np.zeros(0, np.uint32) if entries is None else entries
        self.runs: list[_Run] = []
        self.changes = 0  # folds and compactions: whether a fold made beside the postings still fits them

    def __len__(self) -> int:
        """Entries under every key."""
        return len(self.entries) + sum(len(run.entries) for run in self.runs)

    def get(self, key: int) -> np.ndarray | None:
        parts = []
        if key + 1 < len(self.offsets):
            lo, hi = int(self.offsets[key]), int(self.offsets[key + 1])
            if hi > lo:
                parts.append(self.entries[lo:hi])
        for run in self.runs:
            lo, hi = run.find(key)
            if hi > lo:
                parts.append(run.entries[lo:hi])
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    def get_many(self, keys: list[int]) -> list[np.ndarray | None]:
        """``get`` for each of ``keys``, with each run searched once for all of them
        (a query's expansions: a lookup a key and a run cost more than the scoring)."""
        parts: list[list[np.ndarray]] = [[] for _ in keys]
        for held, lows, highs, entries in self._layers(keys):
            for part, lo, hi, found in zip(parts, lows, highs, held):
                if found and hi > lo:
                    part.append(entries[lo:hi])
        return [None if not part else part[0] if len(part) == 1 else np.concatenate(part) for part in parts]

    def counts(self, keys: list[int]) -> list[int]:
        """Entries under each of ``keys``, each run searched once for all of them."""
        total = np.zeros(len(keys), np.int64)
        for held, lows, highs, _ in self._layers(keys):
            total += np.array(held, bool) * (np.array(highs, np.int64) - np.array(lows, np.int64))
        return total.tolist()

    def _layers(self, keys: list[int]) -> list[tuple[list[bool], list[int], list[int], np.ndarray]]:
        """For the base and each run: whether it holds each key, where the key's entries start and end, its entries."""
        wanted = np.array(keys, np.int64)
        held = wanted < len(self.offsets) - 1  # the base: a key is its place
        found = [(held, np.where(held, wanted, 0), self.offsets, self.entries)] if held.any() else []
        for run in self.runs:
            if len(run.keys):
                at = np.minimum(np.searchsorted(run.keys, wanted), len(run.keys) - 1)
                found.append((run.keys[at] == wanted, at, run.offsets, run.entries))
        return [
            (held.tolist(), offsets[at].tolist(), offsets[at + 1].tolist(), entries)
            for held, at, offsets, entries in found
        ]

    def add(self, keys: np.ndarray, entries: np.ndarray) -> None:
        """Add ``entries[i]`` under ``keys[i]``, ``keys`` sorted (a stable sort keeps each key's order)."""
        if not len(keys):
            return
        self.runs.append(_Run.of(keys, entries))
        if len(self.runs) > MAX_RUNS:
            self.merge()

    def merge(self) -> None:
        """Fold the runs into the base in place: each key's new entries go after
        its entries in the base, oldest run first."""
        if not self.runs:
            return
        runs, self.runs = self.runs, []
        self.changes += 1
        offsets, places, new = _fold_plan(self.offsets, runs)
        if len(new):
            self.entries = _inserted(self._detached(), places, new)
            self.offsets = offsets

    def fold_beside(self, lock: AbstractContextManager) -> None:
        """``merge`` for an index being searched: the runs' entries are sorted by key and
        their places found without ``lock`` (searches read the base and the runs meanwhile),
        then moved into the base in place under it, as each ``merge`` while loading does: the
        base is never held twice (at 100,000 articles, a second body text's base was 144 MB).
        Postings changed meanwhile (merged, compacted) keep their runs: a plan made from
        what they were is dropped."""
        with lock:
            runs, offsets, changes = list(self.runs), self.offsets, self.changes
        if not runs:
            return
        folded, places, new = _fold_plan(offsets, runs)
        del offsets
        with lock:
            if self.changes != changes:
                return
            if len(new):
                self.entries = _inserted(self._detached(), places, new)
                self.offsets = folded
            del self.runs[: len(runs)]
            self.changes += 1

    def _detached(self) -> np.ndarray:
        """The base's entries, no longer referenced here: held by a fold alone, they can grow in place."""
        entries, self.entries = self.entries, None
        return entries

    def keep(self, wanted: np.ndarray, units_of) -> None:
        """Drop the entries whose unit is not ``wanted`` (a bool per unit)."""
        self.changes += 1
        self.offsets, self.entries = _kept(self.offsets, self.entries, wanted[units_of(self.entries)])
        for run in self.runs:
            run.offsets, run.entries = _kept(run.offsets, run.entries, wanted[units_of(run.entries)])


def _fold_plan(offsets: np.ndarray, runs: list[_Run]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Folding ``runs`` into a base with these ``offsets``: its new offsets, and
    the places where the runs' entries go among its entries (after the last
    entry of their key), and those entries, oldest run first within a key.
    Placed by counting, a run at a time: each run holds each of its keys once, in
    order, so an entry's place follows from how many entries of smaller keys there
    are, and of its key in the runs before; a stable sort of all the runs' entries
    held their keys and order in 64 bits, most of a fold's scratch (80 MB at 100,000
    articles, at the top of the loading's memory)."""
    total = sum(len(run.entries) for run in runs)
    if not total:  # every entry of the runs dropped (see ``keep``)
        return offsets, np.zeros(0, np.uint32), np.zeros(0, np.uint32)
    known = len(offsets) - 1
    size = max([known, *(int(run.keys[-1]) + 1 for run in runs if len(run.keys))])
    # Before each key, the runs' entries of the smaller keys: where its new entries start among them.
    starts = np.zeros(size + 1, np.uint32)
    for run in runs:
        starts[run.keys.astype(np.intp) + 1] += np.diff(run.offsets)
    np.cumsum(starts, out=starts)
    folded = np.full(size + 1, offsets[-1], np.uint32)
    folded[: known + 1] = offsets
    folded += starts
    new, places = np.empty(total, np.uint32), np.empty(total, np.uint32)
    for run in runs:  # ``starts`` moves past each key's entries as each run is placed
        keys, counts = run.keys.astype(np.intp), np.diff(run.offsets)
        at = np.repeat(starts[keys].astype(np.int64) - run.offsets[:-1], counts)
        at += np.arange(len(run.entries))
        new[at] = run.entries
        places[at] = np.repeat(offsets[np.minimum(keys + 1, known)], counts)
        starts[keys] += counts
    return folded, places, new


def _inserted(entries: np.ndarray, places: np.ndarray, new: np.ndarray) -> np.ndarray:
    """``np.insert(entries, places, new)`` (``places`` sorted) without a second
    copy of ``entries``: grown in place when nothing else holds it (a large
    array's pages are remapped, not copied), then each segment of it, from the
    last, moved up by the entries inserted before it. When it is held (a
    snapshot being saved), the result is a new array, made a segment at a time.
    Each segment is put together in the same two buffers: ``np.insert`` made a new
    array and its scratch at each, which the heap did not give back to the next, and
    at 100,000 articles a fold of the body text's postings grew the heap by 90 MB."""
    size = len(entries)
    if not size:
        return new.astype(np.uint32)
    try:
        entries.resize(size + len(new), refcheck=True)  # refused while anything else holds it
        target = entries
    except ValueError:  # held elsewhere: it must stay as it is
        target = np.empty(size + len(new), np.uint32)
    starts = np.arange(0, size + 1, SEGMENT)
    stops = np.append(starts[1:], size)
    cuts = np.append(np.searchsorted(places, starts), len(new))  # the new entries of each segment
    widest = int((stops - starts + np.diff(cuts)).max())
    moved, old = np.empty(widest, np.uint32), np.empty(widest, bool)
    for at in range(len(starts) - 1, -1, -1):
        start, stop, lo, hi = int(starts[at]), int(stops[at]), int(cuts[at]), int(cuts[at + 1])
        if target is entries and lo == hi == 0:
            break  # nothing inserted before here: the rest stays where it is
        span = stop - start + hi - lo
        # Where the new entries go in the segment moved up: each after those inserted before it.
        put = places[lo:hi].astype(np.int64)
        put += np.arange(-start, hi - lo - start)
        is_old = old[:span]
        is_old.fill(True)
        is_old[put] = False
        moved[:span][put] = new[lo:hi]
        moved[:span][is_old] = entries[start:stop]
        release(entries[start:stop])  # mapped from a saved index: read through, its pages are let go
        target[start + lo : stop + hi] = moved[:span]
    return target


def _kept(offsets: np.ndarray, entries: np.ndarray, kept: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Offsets and entries with only the ``kept`` entries."""
    if kept.all():
        return offsets, entries
    before = np.zeros(len(kept) + 1, np.uint32)
    np.cumsum(kept, out=before[1:], dtype=np.uint32)
    return before[offsets], entries[kept]


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
        # Each text's number, to file a text once: made when a unit is added (see ``forget_text_ids``).
        self._text_ids: dict[str, int] | None = {}
        self.starts = array("I")
        self.ends = array("I")
        # Per document, its units of this kind (added together, so a range).
        self.doc_first = array("I")
        self.doc_count = array("I")
        self._new_words = array("I")
        self._new_units = array("I")
        self._new_uses = array("I")
        self._new_initials = array("I")
        self._new_initial_units = array("I")
        self._dead = 0  # units removed since the last compaction
        self._mapped = False  # the columns, alive and texts as ``from_arrays`` found them: see ``_own``

    def __len__(self) -> int:
        return len(self.alive)

    def add_doc(self) -> None:
        self._own()
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
        self._own()
        unit = len(self.alive)
        self._new_words.extend(word_ids)
        self._new_units.extend(repeat(unit, len(word_ids)))
        if uses is not None:
            self._new_uses.extend(uses)
        for initials_id in initial_ids:
            self._new_initials.append(initials_id)
            self._new_initial_units.append(unit)
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
        if self._text_ids is None:
            self._text_ids = {text: i for i, text in enumerate(self.texts) if i}
        found = self._text_ids.get(text)
        if found is None:
            found = self._text_ids[text] = len(self.texts)
            self.texts.append(text)
        return found

    def forget_text_ids(self) -> None:
        """Drop the texts' numbers until a unit is added again: once loading is done they
        are not read, and the pessimistic 100,000-article archive has a million names."""
        self._text_ids = None

    def doc_units(self, doc: int) -> range:
        if self.per_article:
            return range(doc, doc + 1)
        first = int(self.doc_first[doc])
        return range(first, first + int(self.doc_count[doc]))

    def kill_doc(self, doc: int) -> None:
        """Mark a document's units removed; their postings go once they outnumber the live ones."""
        self._own()
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
        """Move the waiting postings into a run of the postings (see ``Postings``):
        one stable sort by word, no Python object per word."""
        if self._new_words:
            word_ids = np.frombuffer(self._new_words, np.uint32)
            order = np.argsort(word_ids, kind="stable")
            entries = np.frombuffer(self._new_units, np.uint32)[order]
            if self.counted:
                uses = np.minimum(np.frombuffer(self._new_uses, np.uint32)[order], 255)
                entries = entries << 8 | uses
            self.postings.add(word_ids[order], entries)
            self._new_words, self._new_units, self._new_uses = array("I"), array("I"), array("I")
        if self._new_initials:
            initials_ids = np.frombuffer(self._new_initials, np.uint32)
            order = np.argsort(initials_ids, kind="stable")
            self.initials.add(initials_ids[order], np.frombuffer(self._new_initial_units, np.uint32)[order])
            self._new_initials, self._new_initial_units = array("I"), array("I")

    def fold(self) -> None:
        """Every posting into the flat arrays (see ``Postings``)."""
        self.settle()
        self.postings.merge()
        self.initials.merge()

    def fold_beside(self, lock: AbstractContextManager) -> None:
        """``fold`` for a field being searched: ``lock`` held only to file what
        waits and to swap each of its postings folded (see ``Postings.fold_beside``)."""
        with lock:
            self.settle()
        self.postings.fold_beside(lock)
        self.initials.fold_beside(lock)

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
        text_id = int(self.shown_id[unit])
        return self.texts[text_id] if text_id else None, int(self.starts[unit]), int(self.ends[unit])

    def array_parts(self) -> dict[str, Callable[[], np.ndarray]]:
        """The field as flat arrays (its postings merged first: see ``from_arrays``), each
        made when its function is called: a column is copied only when it is written."""
        self.fold()
        parts: dict[str, Callable[[], np.ndarray]] = {
            name: partial(_column, self, name, code) for name, code in self.COLUMNS.items()
        }
        parts["alive"] = partial(_column, self, "alive", "B")
        parts["texts"] = lambda: self.texts.packed if isinstance(self.texts, _Shown) else pack(self.texts[1:])
        for name in ("postings", "initials"):
            parts[f"{name}.offsets"] = partial(lambda name: getattr(self, name).offsets, name)
            parts[f"{name}.entries"] = partial(lambda name: getattr(self, name).entries, name)
        return parts

    def from_arrays(self, arrays: Mapping[str, np.ndarray], sizes: dict[str, int]) -> None:
        """Take ``array_parts``'s arrays into this empty field, after checking that
        every number in them points inside what it refers to (``sizes``: how
        many words, initials and documents there are): a damaged file raises
        ValueError here, not IndexError at the next search. The arrays are kept as
        they come (mapped from a saved file, they are read where they lie) until the
        field is written (``_own``); each is checked a piece at a time, through a
        mapping of its own let go after (see ``core.search.mapped``)."""
        alive = arrays["alive"]
        units = len(alive)
        if alive.dtype != np.uint8 or alive.ndim != 1:
            raise ValueError(f"{self.kind}.alive: wrong shape")
        for name, code in self.COLUMNS.items():
            wanted = (0 if self.per_article else sizes["docs"]) if name.startswith("doc_") else units
            if (column := arrays[name]).dtype != np.dtype(code) or column.shape != (wanted,):
                raise ValueError(f"{self.kind}.{name}: wrong shape")
        texts = _Shown(arrays["texts"])
        doc_ends = arrays["doc_first"].astype(np.int64) + arrays["doc_count"]
        if (
            _largest(arrays["unit_doc"]) >= sizes["docs"]
            or _largest(arrays["shown_id"]) >= len(texts)
            or _largest(doc_ends) > units
            or (self.per_article and units != sizes["docs"])
        ):
            raise ValueError(f"{self.kind}: numbers out of range")
        for name, keys in (("postings", sizes["words"]), ("initials", sizes["initials"])):
            offsets, entries = arrays[f"{name}.offsets"], arrays[f"{name}.entries"]
            if (
                offsets.dtype != np.uint32
                or entries.dtype != np.uint32
                or offsets.ndim != 1
                or entries.ndim != 1
                or not 1 <= len(offsets) <= keys + 1
                or offsets[0] != 0
                or offsets[-1] != len(entries)
                or _descends(offsets)
                or (self.units_of(_largest(entries)) if name == "postings" else _largest(entries)) >= units
            ):
                raise ValueError(f"{self.kind}.{name}: numbers out of range")
            setattr(self, name, Postings(offsets, entries))
        for name in self.COLUMNS:
            setattr(self, name, arrays[name])
        self.alive = alive
        self._dead = units - int(np.count_nonzero(alive))
        self.texts = texts
        self._text_ids = None
        self._mapped = True

    def _own(self) -> None:
        """The columns and texts in arrays and a list of the field's own, to be written: a
        loaded field reads them where ``from_arrays`` found them (mapped from a saved file, at
        100,000 articles the names' 104 MB of columns and 1.07 million texts, 68 MB as
        strings) until a unit is added or removed."""
        if not self._mapped:
            return
        for name, code in self.COLUMNS.items():
            column = array(code)
            column.frombytes(memoryview(getattr(self, name)).cast("B"))
            setattr(self, name, column)
        self.alive = bytearray(memoryview(self.alive))
        self.texts = ["", *self.texts.strings()]
        self._mapped = False

    def popularities(self, word_ids: list[int]) -> list[int]:
        """Entries under each word."""
        return self.postings.counts(word_ids)


def _column(fld: Field, name: str, code: str) -> np.ndarray:
    """One of the field's ``COLUMNS`` as numpy saves it: a copy of its own array, or the
    array it reads from a saved file (which nothing writes)."""
    column = getattr(fld, name)
    return column if isinstance(column, np.ndarray) else np.frombuffer(column, np.dtype(code)).copy()


class _Shown:
    """A field's texts (see ``Field.shown_id``) as saved: packed strings (see ``core.search.packed``),
    after the empty text 0, each decoded when it is read. Checked when made: every text is UTF-8."""

    def __init__(self, packed: np.ndarray) -> None:
        if packed.dtype != np.uint8 or packed.ndim != 1 or (len(packed) and packed[-1] != 0):
            raise ValueError("not packed strings")
        self.packed = packed
        ends, decoder, at = [np.zeros(1, np.int64) - 1], codecs.getincrementaldecoder("utf-8")("surrogatepass"), 0
        for piece in pieces(packed):
            ends.append(np.flatnonzero(piece == 0) + at)
            decoder.decode(piece.tobytes())  # raises ValueError where a text is not UTF-8
            at += len(piece)
        self._ends = np.concatenate(ends)  # where each text's NUL is (text 0's: -1)

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, text_id: int) -> str:
        if not text_id:
            return ""
        start, end = int(self._ends[text_id - 1]) + 1, int(self._ends[text_id])
        return self.packed[start:end].tobytes().decode("utf-8", "surrogatepass")

    def strings(self) -> list[str]:
        """Every text but the empty one."""
        return unpack(self.packed)


def _largest(numbers: np.ndarray) -> int:
    """The largest of ``numbers`` (-1: none), read a piece at a time (see ``core.search.mapped``)."""
    return max((int(piece.max()) for piece in pieces(numbers)), default=-1)


def _descends(numbers: np.ndarray) -> bool:
    """Whether any of ``numbers`` is below the one before it, read a piece at a time."""
    last = 0
    for piece in pieces(numbers):
        if piece[0] < last or np.any(piece[1:] < piece[:-1]):
            return True
        last = int(piece[-1])
    return False


def alive_units(fld: Field) -> np.ndarray:
    return np.frombuffer(fld.alive, np.uint8).astype(bool)


def unit_docs(fld: Field) -> np.ndarray:
    return np.frombuffer(fld.unit_doc, np.uint32)
