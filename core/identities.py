"""People and organisations across every loaded article: one identity per
person or body, however each article writes the name.

Within an article, mentions are grouped as the reader groups them
(``core.entities.group_mentions``: "President Vladimir Putin", "Putin" and
"Putin’s" are one). Each group is filed under a *key*: its label and the
folded words of its fullest name, without titles, possessive, "the", case or
accents. Across articles (``Identities.table``), keys merge into identities:

- the same words under several labels join the label they have most often
  (the small model calls "Wagner" an organisation here and a person there);
- a person's key that only ends a longer person's key ("Putin", "Vladimir
  Putin") joins it when that is the only such name or has at least twice the
  articles of the next ("Khan" stays apart from an even "Ulla Khan" and
  "Sadiq Khan").

``article_identities`` is pure; ``Identities`` keeps its result once per
analysis (computed when the analysis arrives, replaced when it changes), with
tallies kept up to date as articles come, so the table is cheap to redo.
"""

from __future__ import annotations

import threading
import time
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from heapq import nlargest
from itertools import accumulate
from sys import intern
from typing import overload
from weakref import WeakValueDictionary

import numpy as np

from core.entities import group_mentions
from core.model import ORGANISATION, PERSON, Analysis, Article, Entity
from core.names import PERSON_TITLES, bare_name, strip_possessive, without_titles
from core.search.index import SearchIndex
from core.search.names import NAME_LABELS, name_words, speaker_words
from core.search.vocabulary import Vocabulary

IdentityKey = tuple[str, tuple[str, ...]]  # (spaCy label, folded name words)

# A speaker with no entity mention of their own is filed under this label.
_SPEAKER_LABEL = {PERSON: "PERSON", ORGANISATION: "ORG"}
# A surname joins a full name in at least this many times the articles of the next candidate.
DOMINANCE = 2
# Matches kept when filtering by name: more than a screen, fewer than a slow list.
FILTER_LIMIT = 500


def identity_key(text: str, label: str) -> IdentityKey:
    """Label and folded words: no possessive, "the", courtesy title, or, for a person, office."""
    found = name_words(text)
    return label, without_titles(found, PERSON_TITLES) if label == "PERSON" else found


@dataclass(frozen=True, slots=True)
class Mentioned:
    """One identity in one article: where it is named, what it said (indices
    into the analysis's quotes) and the quotes by others that name it."""

    key: IdentityKey
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    quotes_by: tuple[int, ...] = ()
    quotes_about: tuple[int, ...] = ()


def article_identities(analysis: Analysis) -> tuple[tuple[Mentioned, ...], dict[IdentityKey, tuple[str, ...]]]:
    """The identities named or quoted in one article, in order of first
    mention, and how each is written here: its fullest name first."""
    named = [e for e in analysis.entities if e.label in NAME_LABELS and name_words(e.text)]
    groups: dict[int, list[Entity]] = {}
    for entity, group in zip(named, group_mentions(named)):
        groups.setdefault(group, []).append(entity)
    keys: list[IdentityKey] = []
    names: dict[IdentityKey, dict[str, None]] = {}
    spans: dict[IdentityKey, list[Entity]] = {}
    for mentions in groups.values():
        # Of the fullest, one not in capitals: "RUSSIA" in a dateline is written "Russia".
        fullest = (
            mentions[0]
            if len(mentions) == 1
            else max(mentions, key=lambda m: (len(identity_key(m.text, m.label)[1]), not m.text.isupper()))
        )
        key = identity_key(fullest.text, fullest.label)
        if key not in spans:
            keys.append(key)
            names[key] = {intern(bare_name(fullest.text, PERSON_TITLES if key[0] == "PERSON" else frozenset())): None}
            spans[key] = []
        spans[key].extend(mentions)
        names[key].update(dict.fromkeys(_written(m.text) for m in mentions))
    where = _Where(keys, spans)
    said: dict[IdentityKey, list[int]] = {}
    for index, quote in enumerate(analysis.quotes):
        if quote.source_kind not in _SPEAKER_LABEL or not (words := speaker_words(quote)):
            continue
        key = where.speaker(quote.speaker.start if quote.speaker else -1, words)
        name = quote.speaker_name or (quote.speaker.text if quote.speaker else "")
        if key is None and _is_proper(name):
            label = _SPEAKER_LABEL[quote.source_kind]
            key = (label, without_titles(words, PERSON_TITLES) if label == "PERSON" else words)
            if key not in spans:
                keys.append(key)
                names[key] = {name: None}
                spans[key] = []
                where.file(key)
        if key is not None:
            said.setdefault(key, []).append(index)
    about: dict[IdentityKey, list[int]] = {}
    for index, quote in enumerate(analysis.quotes):
        for key in where.inside(quote.start, quote.end):
            if index not in said.get(key, ()):
                about.setdefault(key, []).append(index)
    found = []
    for key in keys:
        mentions = spans[key] if len(spans[key]) == 1 else sorted(spans[key], key=lambda m: m.start)
        found.append(
            Mentioned(
                key,
                tuple(m.start for m in mentions),
                tuple(m.end for m in mentions),
                tuple(said.get(key, ())),
                tuple(about.get(key, ())),
            )
        )
    return tuple(found), {key: tuple(written) for key, written in names.items()}


@lru_cache(maxsize=65536)
def _written(text: str) -> str:
    """A mention as a way of writing the name: one space between words, no possessive.
    Cached: the same mentions recur across articles; interned: kept for every
    identity, it is most often the mention's own text, which is interned too."""
    return intern(strip_possessive(" ".join(text.split())))


def _is_proper(name: str) -> bool:
    """A name, not a description: "Ulla Khan", not "the company" (a speaker
    without an entity mention of its own gets an identity only then)."""
    named = [word for word in name.split() if word.casefold() not in ("the", "of", "and", "for")]
    return bool(named) and all(word[0].isupper() for word in named)


class _Where:
    """An article's mentions by place and its keys by words, so that finding
    a speaker's identity or the names inside a quote is a lookup, not a scan
    of every mention."""

    def __init__(self, keys: list[IdentityKey], spans: dict[IdentityKey, list[Entity]]) -> None:
        self._order = {key: number for number, key in enumerate(keys)}
        placed = sorted((m.start, m.end, self._order[key], key) for key in keys for m in spans[key])
        self._starts = [start for start, _, _, _ in placed]
        self._placed = placed
        self._reach = list(accumulate((end for _, end, _, _ in placed), max))  # furthest end so far
        self._exact: dict[tuple[str, ...], IdentityKey] = {}
        self._ending: dict[tuple[str, ...], IdentityKey] = {}
        for key in keys:
            self._file_words(key)

    def file(self, key: IdentityKey) -> None:
        """A key added after the article's mentions (a speaker named nowhere else)."""
        self._order[key] = len(self._order)
        self._file_words(key)

    def _file_words(self, key: IdentityKey) -> None:
        words = key[1]
        self._exact.setdefault(words, key)
        for size in range(1, len(words) + 1):
            self._ending.setdefault(words[-size:], key)

    def speaker(self, start: int, words: tuple[str, ...]) -> IdentityKey | None:
        """The identity a speaker is: the first named where the speaker is,
        else the first with those words, else the first whose name ends with them."""
        at = self._covering(start)
        if at is not None:
            return at
        bare = without_titles(words, PERSON_TITLES)
        exact = [key for key in (self._exact.get(words), self._exact.get(bare)) if key is not None]
        if exact:
            return min(exact, key=self._order.__getitem__)
        return self._ending.get(bare)

    def _covering(self, start: int) -> IdentityKey | None:
        found = None
        index = bisect_right(self._starts, start) - 1
        while index >= 0 and self._reach[index] > start:
            _, end, order, key = self._placed[index]
            if end > start and (found is None or order < found[0]):
                found = (order, key)
            index -= 1
        return None if found is None else found[1]

    def inside(self, start: int, end: int) -> dict[IdentityKey, None]:
        """Keys with a mention inside ``start``–``end``."""
        keys: dict[IdentityKey, None] = {}
        for index in range(bisect_left(self._starts, start), len(self._starts)):
            mention_start, mention_end, _, key = self._placed[index]
            if mention_start > end:
                break
            if mention_end <= end:
                keys[key] = None
        return keys


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Identity:
    """One person or body across the corpus: ``members`` are the keys merged into it."""

    key: IdentityKey
    name: str
    label: str
    articles: int
    mentions: int
    quotes: int
    variants: tuple[str, ...]
    members: tuple[IdentityKey, ...]


class _Chains:
    """Values in chains, one chain per owner, each in the order its values came,
    flat columns, not a list or a dict per owner. ``values`` is a list, or an
    array for numbers; chains filled with ``bump`` count each value."""

    def __init__(self, values: list | array) -> None:
        self.first = array("i")  # per owner: its first entry, -1 for none
        self.last = array("i")
        self.next = array("i")  # per entry: the next in its chain, -1 at the end
        self.values = values
        self.counts = array("I")

    def add_owner(self) -> None:
        self.first.append(-1)
        self.last.append(-1)

    def append(self, owner: int, value: object) -> None:
        entry = len(self.values)
        self.values.append(value)
        self.next.append(-1)
        last = self.last[owner]
        if last < 0:
            self.first[owner] = entry
        else:
            self.next[last] = entry
        self.last[owner] = entry

    def bump(self, owner: int, value: object) -> int:
        """One more of ``value`` in the owner's chain (at its end if it is new); its entry."""
        entry = self.first[owner]
        while entry >= 0:
            if self.values[entry] == value:
                self.counts[entry] += 1
                return entry
            entry = self.next[entry]
        self.append(owner, value)
        self.counts.append(1)
        return len(self.values) - 1

    def remove(self, owner: int, value: object) -> None:
        """Take ``value`` out of the owner's chain (its entry stays unused: replaced analyses are rare)."""
        before, entry = -1, self.first[owner]
        while self.values[entry] != value:
            before, entry = entry, self.next[entry]
        after = self.next[entry]
        if before < 0:
            self.first[owner] = after
        else:
            self.next[before] = after
        if self.last[owner] == entry:
            self.last[owner] = before

    def values_of(self, owner: int) -> list:
        found, entry = [], self.first[owner]
        while entry >= 0:
            found.append(self.values[entry])
            entry = self.next[entry]
        return found

    def counted(self, owner: int) -> dict:
        """The owner's values and their counts, in the order they came."""
        found, entry = {}, self.first[owner]
        while entry >= 0:
            found[self.values[entry]] = self.counts[entry]
            entry = self.next[entry]
        return found


class _Tallies:
    """Every key's counts, by the key's number: in how many articles and which
    (in the order they were filed), mentions and quotes, its fullest name once
    per article and every way it is written once per article (the names of a
    replaced analysis stay counted: they only choose what to show). Columns,
    not an object, a list and two dicts per key: a large archive names a
    million keys, most of them in one article."""

    def __init__(self) -> None:
        # The keys as strings (``_pack``), numbered as they come: in one buffer, found by their hashes,
        # where a string, a list's and a dict's entry each took 104 bytes a key, 111 MB at a million.
        self.keys = Vocabulary()
        self.articles = array("I")
        self.mentions = array("I")
        self.quotes = array("I")
        self.article_numbers = _Chains(array("I"))  # numbers in ``article_ids``
        self.names = _Chains([])
        self.shown = array("i")  # per key: the entry in ``names`` of the name to show
        self.written = _Chains([])
        self.article_ids: list[str] = []
        self._article_number: dict[str, int] = {}
        # Per key, for ``_merge`` to work in numpy columns: its label (a number in ``labels``),
        # how many words it has (up to 255) and the hash of its words.
        self.labels: list[str] = []
        self._label_number: dict[str, int] = {}
        self.label = array("B")
        self.size = array("B")
        self.words_hash = array("q")

    def file(self, key: IdentityKey) -> tuple[int, bool]:
        """The key's number, and whether it is new."""
        keys = self.keys
        packed = _pack(key)
        number = keys.get(packed)
        if number is not None:
            return number, False
        number = keys.add(packed)
        label = self._label_number.get(key[0])
        if label is None:
            label = self._label_number[key[0]] = len(self.labels)
            self.labels.append(key[0])
        self.label.append(label)
        self.size.append(min(len(key[1]), 255))
        self.words_hash.append(hash(" ".join(key[1])))
        for column in (self.articles, self.mentions, self.quotes):
            column.append(0)
        self.shown.append(-1)
        for chains in (self.article_numbers, self.names, self.written):
            chains.add_owner()
        return number, True

    def number(self, key: IdentityKey) -> int | None:
        return self.keys.get(_pack(key))

    def key(self, number: int) -> IdentityKey:
        label, _, words = self.keys.word(number).partition(_BETWEEN)
        return label, tuple(words.split(" ")) if words else ()

    def article_number(self, article_id: str) -> int:
        number = self._article_number.get(article_id)
        if number is None:
            number = self._article_number[article_id] = len(self.article_ids)
            self.article_ids.append(article_id)
        return number

    def known_article(self, article_id: str) -> int:
        """The article's number; -1 for one never filed."""
        return self._article_number.get(article_id, -1)

    def name(self, number: int, name: str) -> None:
        """One more article names the key so in full. The name shown is its most
        written full name, in mixed case, with its accents, if it is written so
        (the first such on a tie): kept as names come, not looked for at each table."""
        names = self.names
        entry = names.bump(number, name)
        best = self.shown[number]
        if best < 0 or (entry != best and (_showing(names, entry), -entry) > (_showing(names, best), -best)):
            self.shown[number] = entry

    def weight(self, number: int) -> tuple[int, int]:
        return self.articles[number], self.mentions[number]


_BETWEEN = "\x1f"  # between a packed key's label and its words


def _pack(key: IdentityKey) -> str:
    """A key as one string, "PERSON\x1fvladimir putin": a tenth of the memory of a
    tuple of a tuple of strings, for each of a million keys (folded words hold no space)."""
    return f"{key[0]}{_BETWEEN}{' '.join(key[1])}"


def _showing(names: _Chains, entry: int) -> tuple[int, bool, bool]:
    name = names.values[entry]
    return names.counts[entry], not name.isupper(), not name.isascii()


@dataclass(frozen=True, slots=True)
class _Placed:
    """An article's ``Mentioned``, packed: its keys' numbers, and its mentions' offsets in
    flat arrays (a tenth of the memory of the objects, which are made again
    when a page or the reader asks). ``bounds[i]`` ends key i's mentions; ``quoted``
    holds, for each key that is quoted, its place, how many quotes it said, their
    indices, how many name it, theirs."""

    numbers: array
    bounds: array
    starts: array
    ends: array
    quoted: array

    @classmethod
    def pack(cls, found: tuple[Mentioned, ...], numbers: Iterable[int]) -> _Placed:
        quoted = array("I")
        for place, mentioned in enumerate(found):
            if mentioned.quotes_by or mentioned.quotes_about:
                quoted.extend((place, len(mentioned.quotes_by), *mentioned.quotes_by))
                quoted.extend((len(mentioned.quotes_about), *mentioned.quotes_about))
        return cls(
            array("I", numbers),
            array("I", accumulate(len(mentioned.starts) for mentioned in found)),
            array("I", [start for mentioned in found for start in mentioned.starts]),
            array("I", [end for mentioned in found for end in mentioned.ends]),
            quoted,
        )

    def quotes(self) -> dict[int, tuple[tuple[int, ...], tuple[int, ...]]]:
        """By a key's place: the quotes it said and the quotes that name it."""
        found, quoted, at = {}, self.quoted, 0
        while at < len(quoted):
            place, said = quoted[at], quoted[at + 1]
            by = tuple(quoted[at + 2 : at + 2 + said])
            at += 2 + said
            about = tuple(quoted[at + 1 : at + 1 + quoted[at]])
            at += 1 + quoted[at]
            found[place] = (by, about)
        return found

    def number_at(self, start: int) -> int:
        """The number of the key of the mention that covers ``start``; -1 for none."""
        low = 0
        for number, high in zip(self.numbers, self.bounds):
            if any(self.starts[i] <= start < self.ends[i] for i in range(low, high)):
                return number
            low = high
        return -1

    def tallied(self) -> Iterator[tuple[int, int, int]]:
        """Each key's number, mentions and quotes by it."""
        by = {place: len(quotes_by) for place, (quotes_by, _) in self.quotes().items()}
        low = 0
        for place, (number, high) in enumerate(zip(self.numbers, self.bounds)):
            yield number, high - low, by.get(place, 0)
            low = high

    def mentioned(self, key: Callable[[int], IdentityKey], wanted: Container[int]) -> tuple[Mentioned, ...]:
        """The article's ``Mentioned`` whose keys' numbers are ``wanted``, in order of first mention."""
        quotes = self.quotes()
        found = []
        for place, number in enumerate(self.numbers):
            if number in wanted:
                low, high = self.bounds[place - 1] if place else 0, self.bounds[place]
                by, about = quotes.get(place, ((), ()))
                found.append(
                    Mentioned(key(number), tuple(self.starts[low:high]), tuple(self.ends[low:high]), by, about)
                )
        return tuple(found)


class _Placements:
    """Every article's ``_Placed``, in columns for the whole corpus, by the article's
    number (``_Tallies.article_number``): an array object per article and field took
    twice the memory of the numbers they held (170 MB at 100,000 articles). A replaced
    analysis's entries stay unused (replaced analyses are rare)."""

    _ROW = 5  # per article: where its keys start, how many, where its mentions start, where its quotes start, how many

    def __init__(self) -> None:
        self.columns = tuple(array("I") for _ in _Placed.__slots__)  # as ``_Placed``'s fields
        self.rows = array("q")

    def put(self, article: int, placed: _Placed) -> None:
        """The article's entities (its columns before its row: a reader never finds a row without them)."""
        numbers, _, starts, _, quoted = self.columns
        row = (len(numbers), len(placed.numbers), len(starts), len(quoted), len(placed.quoted))
        for column, field in zip(self.columns, _Placed.__slots__):
            column.extend(getattr(placed, field))
        at = article * self._ROW
        if at == len(self.rows):
            self.rows.extend(row)
        else:
            self.rows[at : at + self._ROW] = array("q", row)

    def get(self, article: int) -> _Placed | None:
        at = article * self._ROW
        if not 0 <= at < len(self.rows):
            return None
        keys, count, mentions, quoted, quotes = self.rows[at : at + self._ROW]
        numbers, bounds, starts, ends, quoted_column = self.columns
        bounds = bounds[keys : keys + count]
        end = mentions + (bounds[-1] if count else 0)
        return _Placed(
            numbers[keys : keys + count],
            bounds,
            starts[mentions:end],
            ends[mentions:end],
            quoted_column[quoted : quoted + quotes],
        )


@dataclass(frozen=True, slots=True)
class Appearance:
    """An identity in one article: its mentions there (one per key merged into it)."""

    article_id: str
    mentioned: tuple[Mentioned, ...]


@dataclass(frozen=True, slots=True)
class Page:
    """Everything about one identity: where it appears and who appears with it."""

    identity: Identity
    appearances: tuple[Appearance, ...]
    together: tuple[tuple[Identity, int], ...]  # other identities, by articles shared (the first asked for)
    named_with: int  # how many other identities its articles name


class Identities:
    """Identities of every analysed article, kept as analyses arrive; safe to
    add from a worker while the UI reads."""

    def __init__(self, *, searchable: bool = True) -> None:
        """``searchable``: index the names, so ``filter`` can find them (the
        people view); an export that only lists identities goes without."""
        self._placements = _Placements()
        self._tallies = _Tallies()
        self._names = SearchIndex() if searchable else None  # every key's name, found at its number
        # Readers take ``_lock``; ``add`` takes both. The table is made under ``_writing`` alone:
        # seconds at a million keys, during which a view reading the last table must not wait.
        self._lock = threading.RLock()
        self._writing = threading.RLock()
        self._version = 0
        # Version, table, identity by member key.
        self._resolved: tuple[int, list[Identity], _ByKey] | None = None
        self._made_at = self._made_in = 0.0  # when the table was last made, and how long that took

    @property
    def version(self) -> int:
        """Changes whenever an analysis adds or changes identities."""
        return self._version

    @property
    def table_version(self) -> int:
        """The version the last table was made at (-1: none yet)."""
        return -1 if self._resolved is None else self._resolved[0]

    def due(self) -> bool:
        """Whether to make the table again while analyses come: they changed it, and
        nine times as long has passed as the last one took, so that remaking it takes
        at most a tenth of the time (a million keys take seconds)."""
        return self._version != self.table_version and time.monotonic() - self._made_at >= 9 * self._made_in

    def add(self, article_id: str, analysis: Analysis) -> None:
        """File an article's identities, replacing what its previous analysis gave."""
        found, names = article_identities(analysis)
        with self._writing, self._lock:
            tallies = self._tallies
            filed = [tallies.file(mentioned.key) for mentioned in found]
            placed = _Placed.pack(found, (number for number, _ in filed))
            article = tallies.article_number(article_id)
            old = self._placements.get(article)
            if old == placed:
                return
            for number, mentions, quotes in old.tallied() if old else ():
                tallies.article_numbers.remove(number, article)
                tallies.articles[number] -= 1
                tallies.mentions[number] -= mentions
                tallies.quotes[number] -= quotes
            self._placements.put(article, placed)
            for mentioned, (number, new) in zip(found, filed):
                written = names[mentioned.key]
                if new and self._names is not None:
                    self._names.add_name(written[0], mentioned.key[0], number)
                tallies.article_numbers.append(number, article)
                tallies.articles[number] += 1
                tallies.mentions[number] += len(mentioned.starts)
                tallies.quotes[number] += len(mentioned.quotes_by)
                tallies.name(number, written[0])
                for name in written:
                    tallies.written.bump(number, name)
            self._version += 1

    # Reading ---------------------------------------------------------------

    def table(self, *, current: bool = True) -> Table:
        """Every identity, by articles then mentions. ``current=False``: the last table
        made, if there is one, whatever came since (a view reads it at each keystroke)."""
        return self._resolve(current)[1]

    def identity(self, key: IdentityKey, *, current: bool = True) -> Identity | None:
        """The identity a key was merged into. ``current``: as for ``table``."""
        return self._resolve(current)[2].get(key)

    def at(self, article_id: str, start: int, *, current: bool = True) -> Identity | None:
        """The identity named at ``start`` in an article (a mention's first character).
        ``current``: as for ``table`` (an article analysed since the last table names none)."""
        placed = self._placements.get(self._tallies.known_article(article_id))
        number = -1 if placed is None else placed.number_at(start)
        table = self._resolve(current)[1]
        place = -1 if number < 0 else table.place(number)
        return None if place < 0 else table[place]

    def named(self, name: str, *, current: bool = True) -> Identity | None:
        """The identity a source's name stands for: the most written of its keys under any label.
        ``current``: as for ``table``."""
        by_key = self._resolve(current)[2]
        found = [
            by_key[key] for label in ("PERSON", "ORG", *NAME_LABELS) if (key := identity_key(name, label)) in by_key
        ]
        return max(found, key=lambda identity: identity.articles, default=None)

    def filter(self, query: str, labels: frozenset[str] | None = None, *, current: bool = True) -> list[Identity]:
        """Identities whose names match what was typed (as search matches:
        typos, prefixes, initials), best match first, then by articles; all when nothing is typed.
        ``current``: as for ``table``."""
        _, table, _ = self._resolve(current)
        if not query.strip() or self._names is None:
            return list(table) if labels is None else [table[place] for place in table.labelled(labels)]
        with self._lock:
            hits = self._names.search(query, limit=FILTER_LIMIT, kinds={"entity"})
        best: dict[int, float] = {}  # by place in the table
        for hit in hits:
            place = table.place(hit.start)  # a name's hit starts at its key's number
            if place >= 0 and (labels is None or table[place].label in labels):
                best[place] = max(best.get(place, 0.0), round(hit.score))
        found = [(table[place], score) for place, score in best.items()]
        found.sort(key=lambda pair: (-pair[1], -pair[0].articles, -pair[0].mentions, pair[0].name))
        return [identity for identity, _ in found]

    def page(self, key: IdentityKey, *, current: bool = True, together: int | None = None) -> Page | None:
        """An identity's articles, in load order of analysis, and who else they name: the
        ``together`` most shared of them (all: ``None``), as each one made costs (at 100,000
        articles, a name shared with 30,000 others took 1.5 s). ``current``: as for ``table``."""
        identity = self.identity(key, current=current)
        if identity is None:
            return None
        _, table, _ = self._resolve(current)
        with self._lock:
            tallies = self._tallies
            members = [tallies.number(member) for member in identity.members]
            articles = dict.fromkeys(a for member in members for a in tallies.article_numbers.values_of(member))
            appearances = []
            named: list[int] = []  # places in the table: only the identities shown are made
            for article in articles:
                here = self._placements.get(article)
                appearances.append(Appearance(tallies.article_ids[article], here.mentioned(tallies.key, members)))
                places_here = dict.fromkeys(map(table.place, here.numbers))  # once each
                named.extend(place for place in places_here if place >= 0)
        shared = Counter(named)
        shared.pop(table.place(members[0]), None)
        shown = tuple((table[place], n) for place, n in shared.most_common(together))
        return Page(identity, tuple(appearances), shown, len(shared))

    def _resolve(self, current: bool = True) -> tuple[int, Table, _ByKey]:
        resolved = self._resolved
        if resolved is not None and (resolved[0] == self._version or not current):
            return resolved
        started = time.monotonic()
        if self._names is not None:
            # Here, often in a worker, rather than at the first keystroke; before the table
            # is made, so that its filing's scratch is gone by then (64 MB over both tables).
            self._names.settle()
        with self._writing:
            version = self._version
            table = _make_table(self._tallies, self._lock)
        self._resolved = (version, table, _ByKey(table, self._tallies))
        self._made_at = time.monotonic()
        self._made_in = self._made_at - started
        return self._resolved


class Table(Sequence[Identity]):
    """Every identity, by articles, then mentions, then name: columns, with each
    ``Identity`` made when read and the same object while anyone holds it. A view
    shows a screenful, and a million identities made at once took a gigabyte.
    An identity's variants are counted when it is first read."""

    def __init__(self, tallies: _Tallies, lock: threading.RLock, columns: _Columns) -> None:
        self._tallies = tallies
        self._lock = lock
        self._columns = columns
        self._made: WeakValueDictionary[int, Identity] = WeakValueDictionary()

    def __len__(self) -> int:
        return len(self._columns.shown)

    @overload
    def __getitem__(self, index: int) -> Identity: ...
    @overload
    def __getitem__(self, index: slice) -> list[Identity]: ...
    def __getitem__(self, index: int | slice) -> Identity | list[Identity]:
        if isinstance(index, slice):
            return [self[place] for place in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        with self._lock:
            found = self._made.get(index)
            if found is None:
                found = self._made[index] = self._columns.identity(index, self._tallies)
        return found

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, (Table, list)):
            return NotImplemented
        return len(self) == len(other) and all(mine == theirs for mine, theirs in zip(self, other))

    __hash__ = None  # type: ignore[assignment]

    def place(self, number: int) -> int:
        """The place of the identity a key (by its number) was merged into; -1 for none."""
        place_of = self._columns.place_of
        return int(place_of[number]) if number < len(place_of) else -1

    def labelled(self, labels: frozenset[str]) -> array:
        """The places of the identities with these labels, in order."""
        columns = self._columns
        wanted = [number for number, label in enumerate(columns.labels) if label in labels]
        return array("I", np.flatnonzero(np.isin(columns.label, wanted)).astype(np.uint32).tobytes())


@dataclass(frozen=True, slots=True)
class _Columns:
    """A table's identities by place: ``members[bounds[p]:bounds[p + 1]]`` are
    the numbers of the keys merged into the identity at ``p``, its own first.
    Numbers of 32 bits, and each name as its entry in ``_Tallies.names`` (whose
    values stay where they are): a reference to each name took twice that."""

    shown: np.ndarray  # the entry of each identity's name in ``_Tallies.names``
    label: np.ndarray  # index into ``labels``
    labels: tuple[str, ...]
    articles: np.ndarray
    mentions: np.ndarray
    quotes: np.ndarray
    members: np.ndarray
    bounds: np.ndarray
    place_of: np.ndarray  # by key number: the place of its identity, -1 for a key not live

    def identity(self, place: int, tallies: _Tallies) -> Identity:
        numbers = self.members[self.bounds[place] : self.bounds[place + 1]].tolist()
        if len(numbers) == 1:
            written = tallies.written.counted(numbers[0])
        else:
            written = Counter()
            for number in numbers:
                written.update(tallies.written.counted(number))
        shown = tallies.names.values[self.shown[place]]
        key = tallies.key(numbers[0])
        return Identity(
            key=key,
            name=shown,
            label=key[0],
            articles=int(self.articles[place]),
            mentions=int(self.mentions[place]),
            quotes=int(self.quotes[place]),
            variants=tuple(sorted((name for name in written if name != shown), key=written.__getitem__, reverse=True)),
            members=tuple(map(tallies.key, numbers)),
        )


class _ByKey:
    """The identity each key was merged into, found by the key's number in the
    table's column. Keys filed after it was made have none there."""

    def __init__(self, table: Table, tallies: _Tallies) -> None:
        self._table = table
        self._tallies = tallies

    def place(self, key: IdentityKey) -> int:
        number = self._tallies.number(key)
        return -1 if number is None else self._table.place(number)

    def get(self, key: IdentityKey) -> Identity | None:
        place = self.place(key)
        return None if place < 0 else self._table[place]

    def __getitem__(self, key: IdentityKey) -> Identity:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: IdentityKey) -> bool:
        return self.place(key) >= 0


def _table_order(identity: Identity) -> tuple[int, int, str]:
    """By articles, then mentions, then name."""
    return -identity.articles, -identity.mentions, identity.name


def places(table: Sequence[Identity], found: Iterable[Identity]) -> list[int]:
    """Where each of ``found`` is in ``table`` (one that is not there is left out): a
    ``Table`` finds it by its key's column, a list by looking it up in its order."""
    at = []
    for identity in found:
        if isinstance(table, Table):
            number = table._tallies.number(identity.key)
            place = -1 if number is None else table.place(number)
            if place >= 0 and table[place] == identity:
                at.append(place)
            continue
        order = _table_order(identity)
        place = bisect_left(table, order, key=_table_order)
        while place < len(table) and table[place] is not identity and _table_order(table[place]) == order:
            place += 1
        if place < len(table) and table[place] is identity:
            at.append(place)
    return at


def _make_table(tallies: _Tallies, lock: threading.RLock) -> Table:
    """The identities of every live key: merged (``_merge``), then their counts and
    names in columns, ordered by ``_table_order`` with numpy, not an object each.
    Columns of 32 bits, and each temporary let go once used: the last table is held
    while this one is made (a view reads it meanwhile), and at 1.1 million keys the
    making took 270 MB over it."""
    articles_of = np.frombuffer(tallies.articles, np.uint32)
    live = np.flatnonzero(articles_of).astype(np.int32)
    target = _merge(tallies, live)
    heads, members, bounds = _members(target, live)
    del target, live
    articles = articles_of[heads].astype(np.int32)
    for place in np.flatnonzero(np.diff(bounds) > 1).tolist():  # merged keys: their articles counted once
        numbers = members[bounds[place] : bounds[place + 1]].tolist()
        articles[place] = len(set().union(*(tallies.article_numbers.values_of(number) for number in numbers)))
    mentions, quotes = (_summed(column, members, bounds) for column in (tallies.mentions, tallies.quotes))
    shown = np.frombuffer(tallies.shown, np.int32)[heads]  # each name's entry in ``tallies.names``
    order = np.lexsort((_ranks(tallies.names.values, shown), -mentions, -articles))
    # The members' column in table order.
    sizes = np.diff(bounds)[order]
    ordered_bounds = np.zeros(len(order) + 1, np.int32)
    np.cumsum(sizes, out=ordered_bounds[1:])
    gather = np.repeat(bounds[:-1][order] - ordered_bounds[:-1], sizes)
    gather += np.arange(len(gather), dtype=np.int32)
    ordered_members = members[gather]
    del gather, members, bounds
    place_of = np.full(len(tallies.keys), -1, np.int32)
    place_of[ordered_members] = np.repeat(np.arange(len(order), dtype=np.int32), sizes)
    columns = _Columns(
        shown=shown[order],
        label=np.frombuffer(tallies.label, np.uint8)[heads[order]],
        labels=tuple(tallies.labels),
        articles=articles[order],
        mentions=mentions[order],
        quotes=quotes[order],
        members=ordered_members,
        bounds=ordered_bounds,
        place_of=place_of,
    )
    return Table(tallies, lock, columns)


def _summed(column: array, members: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """A count per identity: its members' counts (``column``, by key number) added up."""
    if len(members) == 0:
        return np.zeros(0, np.int32)
    return np.add.reduceat(np.frombuffer(column, np.uint32)[members], bounds[:-1], dtype=np.int32)


def _ranks(names: list[str], entries: np.ndarray) -> np.ndarray:
    """The place of each of ``names[entries]`` among them, sorted (ties: the first first):
    sorted by numpy among references, not by ``sorted`` over a million ints (70 MB against 9)."""
    picked = np.array(names, dtype=object)[entries]
    ranks = np.empty(len(entries), np.int32)
    ranks[np.argsort(picked, kind="stable")] = np.arange(len(entries), dtype=np.int32)
    return ranks


def _merge(tallies: _Tallies, live: np.ndarray) -> np.ndarray:
    """Each live key's identity key, by number (-1 for a key not live): see the
    module's docstring for the two rules. Worked out in numpy columns, names known
    by the hashes of their words (``_Tallies.words_hash``): at a million keys, dicts
    of the names' words and endings took 300 MB, for a moment, each time the table was
    made. Two names whose 64-bit hashes were equal would be taken for one: about one
    chance in ten million at a million keys."""
    weight = tallies.weight
    hashes = np.frombuffer(tallies.words_hash, np.int64)
    # The same words under several labels: the first of the weightiest, by (articles, mentions).
    ordered = live[
        np.lexsort(
            (
                -np.frombuffer(tallies.mentions, np.uint32)[live].astype(np.int32),
                -np.frombuffer(tallies.articles, np.uint32)[live].astype(np.int32),
                hashes[live],
            )
        )
    ]  # a stable sort: among equals, the first filed first
    ordered_hashes = hashes[ordered]
    first = np.r_[True, ordered_hashes[1:] != ordered_hashes[:-1]] if len(ordered) else np.zeros(0, bool)
    del ordered_hashes
    target = np.full(len(tallies.keys), -1, np.int32)
    target[ordered] = ordered[first][np.cumsum(first, dtype=np.int32) - 1]
    del ordered, first
    # Every longer person's name by the hashes of each of its endings ("Putin", "Vladimir Putin" ->
    # "Vladimir Vladimirovich Putin"), in the order their identities first come among the live keys:
    # looked up whole, where filtering everyone who shares a surname grew with the square of a
    # common surname's namesakes.
    person = tallies.labels.index("PERSON") if "PERSON" in tallies.labels else -1
    label, size = np.frombuffer(tallies.label, np.uint8), np.frombuffer(tallies.size, np.uint8)
    merged = target[live]
    _, at = np.unique(merged, return_index=True)
    heads = merged[np.sort(at)]
    del at
    ending_hash, ending_of = array("q"), array("i")
    for number in heads[(label[heads] == person) & (size[heads] > 1)].tolist():
        parts = tallies.key(number)[1]
        for words in range(1, len(parts)):
            ending_hash.append(hash(" ".join(parts[-words:])))
            ending_of.append(number)
    del heads
    in_order = np.argsort(np.frombuffer(ending_hash, np.int64), kind="stable")
    endings = np.frombuffer(ending_hash, np.int64)[in_order]
    owners = np.frombuffer(ending_of, np.int32)[in_order]
    del in_order, ending_hash, ending_of
    # Longer names first (more words), so a full name's own identity is settled before a surname joins it.
    joining = live[(label[merged] == person) & _among(hashes[merged], endings)]
    joining = joining[np.argsort(-size[target[joining]].astype(np.int16), kind="stable")]
    del merged
    for number in joining.tolist():
        words = hashes[target[number]]
        candidates = owners[np.searchsorted(endings, words) : np.searchsorted(endings, words, "right")].tolist()
        ranked = nlargest(2, candidates, key=weight)  # as sorting them all, for the two that decide
        if len(ranked) == 1 or weight(ranked[0])[0] >= DOMINANCE * weight(ranked[1])[0]:
            target[number] = target[ranked[0]]
    return target


def _among(values: np.ndarray, ordered: np.ndarray) -> np.ndarray:
    """``np.isin(values, ordered)`` for ``ordered`` sorted, by bisection: ``isin`` sorts both
    together, five arrays of their joint length (80 MB at a million keys)."""
    if not len(ordered):
        return np.zeros(len(values), bool)
    at = np.searchsorted(ordered, values)
    np.minimum(at, len(ordered) - 1, out=at)
    return ordered[at] == values


def _members(target: np.ndarray, live: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each identity's key, and the numbers of the keys merged into it (``target``: ``_merge``'s),
    its own first, then in order: ``members[bounds[i]:bounds[i + 1]]`` for the identity
    ``heads[i]``, identities in order of their first live key."""
    merged = target[live]
    first = np.full(len(target), len(live), np.int32)
    np.minimum.at(first, merged, np.arange(len(live), dtype=np.int32))  # each identity's first place among live keys
    order = np.lexsort((live != merged, first[merged]))  # a stable sort: then in order
    del first
    members = live[order]
    merged = merged[order]
    del order
    cuts = np.flatnonzero(merged[1:] != merged[:-1]) + 1
    bounds = np.zeros(len(cuts) + 2 if len(members) else 1, np.int32)
    bounds[1:-1] = cuts
    if len(members):
        bounds[-1] = len(members)
    return merged[bounds[:-1]], members, bounds


def identities(pairs: Iterable[tuple[Article, Analysis]]) -> Table:
    """Every identity across these analyses, by articles then mentions: ``newsreader entities``."""
    found = Identities(searchable=False)
    for article, analysis in pairs:
        found.add(article.id, analysis)
    return found.table()
