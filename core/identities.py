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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from sys import intern

import numpy as np

from core.entities import group_mentions
from core.model import ORGANISATION, PERSON, Analysis, Article, Entity
from core.names import PERSON_TITLES, bare_name, strip_possessive, without_titles
from core.search.index import SearchIndex
from core.search.names import NAME_LABELS, name_words, speaker_words

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


def article_identities(
    analysis: Analysis, intern: Callable[[IdentityKey], IdentityKey] = lambda key: key
) -> tuple[tuple[Mentioned, ...], dict[IdentityKey, tuple[str, ...]]]:
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
        fullest = max(mentions, key=lambda m: (len(identity_key(m.text, m.label)[1]), not m.text.isupper()))
        key = intern(identity_key(fullest.text, fullest.label))
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
            key = intern((label, without_titles(words, PERSON_TITLES) if label == "PERSON" else words))
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
        mentions = sorted(spans[key], key=lambda m: m.start)
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


@dataclass(frozen=True, slots=True)
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

    def bump(self, owner: int, value: object) -> None:
        """One more of ``value`` in the owner's chain (at its end if it is new)."""
        entry = self.first[owner]
        while entry >= 0:
            if self.values[entry] == value:
                self.counts[entry] += 1
                return
            entry = self.next[entry]
        self.append(owner, value)
        self.counts.append(1)

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
        self.keys: list[IdentityKey] = []
        self.number: dict[IdentityKey, int] = {}
        self.articles = array("I")
        self.mentions = array("q")
        self.quotes = array("q")
        self.article_numbers = _Chains(array("I"))  # numbers in ``article_ids``
        self.names = _Chains([])
        self.written = _Chains([])
        self.article_ids: list[str] = []
        self._article_number: dict[str, int] = {}

    def file(self, key: IdentityKey) -> tuple[int, bool]:
        """The key's number, and whether it is new."""
        number = self.number.get(key)
        if number is not None:
            return number, False
        number = self.number[key] = len(self.keys)
        self.keys.append(key)
        for column in (self.articles, self.mentions, self.quotes):
            column.append(0)
        for chains in (self.article_numbers, self.names, self.written):
            chains.add_owner()
        return number, True

    def article_number(self, article_id: str) -> int:
        number = self._article_number.get(article_id)
        if number is None:
            number = self._article_number[article_id] = len(self.article_ids)
            self.article_ids.append(article_id)
        return number

    def articles_of(self, number: int) -> list[str]:
        """The ids of the articles a key is filed under, in the order they were filed."""
        return list(map(self.article_ids.__getitem__, self.article_numbers.values_of(number)))

    def weight(self, number: int) -> tuple[int, int]:
        return self.articles[number], self.mentions[number]


@dataclass(frozen=True, slots=True)
class _Placed:
    """An article's ``Mentioned``, packed: its keys, and its mentions' offsets in
    flat arrays (a tenth of the memory of the objects, which are made again
    when a page or the reader asks). ``bounds[i]`` ends key i's mentions."""

    keys: tuple[IdentityKey, ...]
    bounds: array
    starts: array
    ends: array
    quotes: tuple[tuple[int, tuple[int, ...], tuple[int, ...]], ...]  # (key's place, quotes by, quotes about)

    @classmethod
    def pack(cls, found: tuple[Mentioned, ...]) -> _Placed:
        return cls(
            tuple(mentioned.key for mentioned in found),
            array("I", accumulate(len(mentioned.starts) for mentioned in found)),
            array("I", [start for mentioned in found for start in mentioned.starts]),
            array("I", [end for mentioned in found for end in mentioned.ends]),
            tuple(
                (place, mentioned.quotes_by, mentioned.quotes_about)
                for place, mentioned in enumerate(found)
                if mentioned.quotes_by or mentioned.quotes_about
            ),
        )

    def key_at(self, start: int) -> IdentityKey | None:
        """The key of the mention that covers ``start``, if any."""
        low = 0
        for key, high in zip(self.keys, self.bounds):
            if any(self.starts[i] <= start < self.ends[i] for i in range(low, high)):
                return key
            low = high
        return None

    def mentioned(self, wanted: Callable[[IdentityKey], bool] = lambda key: True) -> tuple[Mentioned, ...]:
        """The article's ``Mentioned`` whose keys are ``wanted``, in order of first mention."""
        quotes = {place: (by, about) for place, by, about in self.quotes}
        found = []
        for place, key in enumerate(self.keys):
            if wanted(key):
                low, high = self.bounds[place - 1] if place else 0, self.bounds[place]
                by, about = quotes.get(place, ((), ()))
                found.append(Mentioned(key, tuple(self.starts[low:high]), tuple(self.ends[low:high]), by, about))
        return tuple(found)


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
    together: tuple[tuple[Identity, int], ...]  # other identities, by articles shared


class Identities:
    """Identities of every analysed article, kept as analyses arrive; safe to
    add from a worker while the UI reads."""

    def __init__(self, *, searchable: bool = True) -> None:
        """``searchable``: index the names, so ``filter`` can find them (the
        people view); an export that only lists identities goes without."""
        self._by_article: dict[str, _Placed] = {}
        self._tallies = _Tallies()
        self._names = SearchIndex() if searchable else None  # every key's name, found at its number
        self._lock = threading.RLock()
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
        found, names = article_identities(analysis, self._intern)
        placed = _Placed.pack(found)
        with self._lock:
            old = self._by_article.get(article_id)
            if old == placed:
                return
            tallies = self._tallies
            for mentioned in old.mentioned() if old else ():
                number = tallies.number[mentioned.key]
                tallies.article_numbers.remove(number, tallies.article_number(article_id))
                tallies.articles[number] -= 1
                tallies.mentions[number] -= len(mentioned.starts)
                tallies.quotes[number] -= len(mentioned.quotes_by)
            self._by_article[article_id] = placed
            article = tallies.article_number(article_id)
            for mentioned in found:
                number, new = tallies.file(mentioned.key)
                written = names[mentioned.key]
                if new and self._names is not None:
                    self._names.add_name(written[0], mentioned.key[0], number)
                tallies.article_numbers.append(number, article)
                tallies.articles[number] += 1
                tallies.mentions[number] += len(mentioned.starts)
                tallies.quotes[number] += len(mentioned.quotes_by)
                tallies.names.bump(number, written[0])
                for name in written:
                    tallies.written.bump(number, name)
            self._version += 1

    def _intern(self, key: IdentityKey) -> IdentityKey:
        """The key as first filed: one tuple for every article that names it."""
        number = self._tallies.number.get(key)
        return key if number is None else self._tallies.keys[number]

    # Reading ---------------------------------------------------------------

    def table(self, *, current: bool = True) -> list[Identity]:
        """Every identity, by articles then mentions. ``current=False``: the last table
        made, if there is one, whatever came since (a view reads it at each keystroke)."""
        return self._resolve(current)[1]

    def identity(self, key: IdentityKey) -> Identity | None:
        """The identity a key was merged into."""
        return self._resolve()[2].get(key)

    def at(self, article_id: str, start: int) -> Identity | None:
        """The identity named at ``start`` in an article (a mention's first character)."""
        placed = self._by_article.get(article_id)
        key = None if placed is None else placed.key_at(start)
        return None if key is None else self.identity(key)

    def named(self, name: str) -> Identity | None:
        """The identity a source's name stands for: the most written of its keys under any label."""
        by_key = self._resolve()[2]
        found = [
            by_key[key] for label in ("PERSON", "ORG", *NAME_LABELS) if (key := identity_key(name, label)) in by_key
        ]
        return max(found, key=lambda identity: identity.articles, default=None)

    def filter(self, query: str, labels: frozenset[str] | None = None, *, current: bool = True) -> list[Identity]:
        """Identities whose names match what was typed (as search matches:
        typos, prefixes, initials), best match first, then by articles; all when nothing is typed.
        ``current``: as for ``table``."""
        _, table, by_key = self._resolve(current)
        if not query.strip() or self._names is None:
            return [i for i in table if labels is None or i.label in labels]
        with self._lock:
            hits = self._names.search(query, limit=FILTER_LIMIT, kinds={"entity"})
            keys = [self._tallies.keys[hit.start] for hit in hits]
        best: dict[IdentityKey, float] = {}
        for hit, key in zip(hits, keys):
            identity = by_key.get(key)
            if identity is not None and (labels is None or identity.label in labels):
                best[identity.key] = max(best.get(identity.key, 0.0), round(hit.score))
        return sorted(
            (by_key[key] for key in best),
            key=lambda i: (-best[i.key], -i.articles, -i.mentions, i.name),
        )

    def page(self, key: IdentityKey) -> Page | None:
        """An identity's articles, in load order of analysis, and who else they name."""
        identity = self.identity(key)
        if identity is None:
            return None
        _, _, by_key = self._resolve()
        with self._lock:
            members = identity.members  # a few interned keys: "in" finds them by identity, unhashed
            tallies = self._tallies
            article_ids = dict.fromkeys(
                a for member in identity.members for a in tallies.articles_of(tallies.number[member])
            )
            appearances = []
            named: list[IdentityKey] = []
            for article_id in article_ids:
                here = self._by_article[article_id]
                appearances.append(Appearance(article_id, here.mentioned(members.__contains__)))
                named.extend(dict.fromkeys(found.key for found in map(by_key.get, here.keys) if found))  # once each
        together = Counter(named)
        together.pop(identity.key, None)
        return Page(identity, tuple(appearances), tuple((by_key[k], n) for k, n in together.most_common()))

    def _resolve(self, current: bool = True) -> tuple[int, list[Identity], _ByKey]:
        resolved = self._resolved
        if resolved is not None and (resolved[0] == self._version or not current):
            return resolved
        started = time.monotonic()
        with self._lock:
            version = self._version
            tallies = self._tallies
            filed = len(tallies.keys)
            live = [number for number, articles in enumerate(tallies.articles) if articles]
            table = [_identity(head, numbers, tallies) for head, numbers in _members(_merge(tallies, live), live)]
        table.sort(key=_table_order)
        if self._names is not None:
            self._names.settle()  # here, often in a worker, rather than at the first keystroke
        self._resolved = (version, table, _ByKey(table, tallies.number, filed))
        self._made_at = time.monotonic()
        self._made_in = self._made_at - started
        return self._resolved


class _ByKey:
    """The identity each key was merged into: its place in the table by the key's
    number, a column, where a dict of a million keys costs tens of megabytes.
    Keys filed after it was made (numbers past its end) have none yet."""

    def __init__(self, table: list[Identity], number: dict[IdentityKey, int], keys: int) -> None:
        self._table = table
        self._number = number
        self._place = array("i", [-1]) * keys
        for place, identity in enumerate(table):
            for member in identity.members:
                self._place[number[member]] = place

    def get(self, key: IdentityKey) -> Identity | None:
        number = self._number.get(key)
        if number is None or number >= len(self._place) or (place := self._place[number]) < 0:
            return None
        return self._table[place]

    def __getitem__(self, key: IdentityKey) -> Identity:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: IdentityKey) -> bool:
        return self.get(key) is not None


def _table_order(identity: Identity) -> tuple[int, int, str]:
    """By articles, then mentions, then name."""
    return -identity.articles, -identity.mentions, identity.name


def places(table: list[Identity], found: Iterable[Identity]) -> list[int]:
    """Where each of ``found`` is in ``table`` (one that is not there is left out):
    looked up in its order, where a dict of a million identities' places costs a hundred megabytes."""
    at = []
    for identity in found:
        order = _table_order(identity)
        place = bisect_left(table, order, key=_table_order)
        while place < len(table) and table[place] is not identity and _table_order(table[place]) == order:
            place += 1
        if place < len(table) and table[place] is identity:
            at.append(place)
    return at


def _merge(tallies: _Tallies, live: list[int]) -> array:
    """Each live key's identity key, by number (-1 for a key not live): see the
    module's docstring for the two rules. A column, and one dict entry per
    distinct name, not a list per name and a dict entry per key: at a million
    keys those took hundreds of megabytes, for a moment, each time the table was made."""
    keys, weight = tallies.keys, tallies.weight
    heaviest: dict[tuple[str, ...], int] = {}  # the first of the most weighty keys with those words
    for number in live:
        words = keys[number][1]
        best = heaviest.get(words)
        if best is None or weight(number) > weight(best):
            heaviest[words] = number
    target = array("i", [-1]) * len(keys)
    for number in live:
        target[number] = heaviest[keys[number][1]]
    del heaviest
    # Every longer person's name by each of its endings ("Putin", "Vladimir Putin" ->
    # "Vladimir Vladimirovich Putin"): looked up whole, where filtering everyone who
    # shares a surname grew with the square of a common surname's namesakes.
    ending_in: dict[tuple[str, ...], list[int]] = {}
    for number in dict.fromkeys(target[number] for number in live):
        label, words = keys[number]
        if label == "PERSON":
            for size in range(1, len(words)):
                ending_in.setdefault(words[-size:], []).append(number)
    # Longer names first, so a full name's own identity is settled before a surname joins it.
    for number in sorted(live, key=lambda number: -len(keys[target[number]][1])):
        label, words = keys[target[number]]
        if label != "PERSON":
            continue
        candidates = ending_in.get(words)
        if not candidates:
            continue
        ranked = sorted(candidates, key=weight, reverse=True)
        if len(ranked) == 1 or weight(ranked[0])[0] >= DOMINANCE * weight(ranked[1])[0]:
            target[number] = target[ranked[0]]
    return target


def _members(target: array, live: list[int]) -> Iterator[tuple[int, list[int]]]:
    """Each identity's key and the numbers of the keys merged into it (``target``: ``_merge``'s),
    in order of each identity's first live key: grouped by sorting a column, not in a list per identity."""
    merged = np.frombuffer(target, np.int32)[live]
    first = np.full(len(target), len(live), np.int64)
    np.minimum.at(first, merged, np.arange(len(live)))  # each identity's first place among the live keys
    order = np.lexsort((np.arange(len(live)), first[merged]))
    numbers = np.asarray(live, np.int64)[order]
    cuts = np.flatnonzero(np.diff(merged[order])) + 1
    for group in np.split(numbers, cuts) if len(numbers) else ():
        yield int(target[int(group[0])]), group.tolist()


def _identity(head: int, numbers: list[int], tallies: _Tallies) -> Identity:
    if len(numbers) == 1:
        articles, written = tallies.articles[head], tallies.written.counted(head)
    else:
        numbers.sort(key=lambda number: number != head)
        articles = len(set().union(*(tallies.article_numbers.values_of(number) for number in numbers)))
        written = Counter()
        for number in numbers:
            written.update(tallies.written.counted(number))
    # The head's most written full name (in mixed case, with its accents, if it is written so),
    # then every other way it is written.
    names = tallies.names.counted(head)
    shown = max(names, key=lambda name: (names[name], not name.isupper(), not name.isascii()))
    key = tallies.keys[head]
    return Identity(
        key=key,
        name=shown,
        label=key[0],
        articles=articles,
        mentions=sum(tallies.mentions[number] for number in numbers),
        quotes=sum(tallies.quotes[number] for number in numbers),
        variants=tuple(sorted((name for name in written if name != shown), key=written.__getitem__, reverse=True)),
        members=tuple(tallies.keys[number] for number in numbers),
    )


def identities(pairs: Iterable[tuple[Article, Analysis]]) -> list[Identity]:
    """Every identity across these analyses, by articles then mentions: ``newsreader entities``."""
    found = Identities(searchable=False)
    for article, analysis in pairs:
        found.add(article.id, analysis)
    return found.table()
