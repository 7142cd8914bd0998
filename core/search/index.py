"""Search over titles, body text, entities, speakers and quotes, fast enough to
run on every keystroke over ten thousand articles.

Query syntax: see :mod:`core.search.query`.

How it stays fast: each kind of result is a *field* of small units (an
article's title, its body, one merged entity, one speaker, one quote) with an
inverted index from folded word ids to the units that contain them. A query
word is first *expanded* against the vocabulary (the word itself, longer
words it begins, words a typo or two away, initials of names), which is
small; then the postings of those few words are scored with numpy over
whole fields at once. Article text is only read again to cut the passage
shown for the best body-text hits.

Ranking: every expansion has a weight (exact word 1.0 > word prefix >
initials > typo > scattered letters), a unit's match is the mean over query words of the best
weight it contains, multiplied by the kind's weight (a name above a title
above a quote above body text), plus small bonuses: how much of a name or
title the query covers, how often an entity is mentioned or a speaker
quoted, how often body text uses the words.
"""

from __future__ import annotations

import heapq
import math
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from sys import intern

import numpy as np

from core.memory import give_back
from core.model import Analysis, Article, Quote
from core.names import strip_possessive
from core.search import passages
from core.search.matching import MatchingArticles, RowDocs
from core.search.names import (
    NAME_LABELS,
    merge_entities,
    name_words,
    speaker_mention,
    speaker_words,
)
from core.search.packed import pack, unpack
from core.search.postings import Field, alive_units, unit_docs
from core.search.query import FUZZY, KINDS, PREFIX, SUFFIX, Expansion, Query, Term, parse_query
from core.search.textnorm import fold, folded_words, initials, words
from core.search.vocabulary import Vocabulary
from core.sources import quote_words, speaker_name

__all__ = ["Hit", "SearchIndex", "parse_query", "Query", "KINDS"]

# A query none of whose words has this many letters, and that names no kind, searches names and
# titles only: one or two letters are the start of a name or a headline being typed; in body text
# and quotes they match most of the archive (60-90,000 of 100,000 articles, through the shortest,
# commonest words that begin so), which ranks nothing and filters nothing, and reading those
# postings was most of such a keystroke.
WHOLE_TEXT_FROM = 3
SHORT_QUERY_KINDS = ("title", "entity", "speaker")
KIND_WEIGHT = {"entity": 1.0, "speaker": 1.0, "title": 0.9, "quote": 0.75, "text": 0.6}
KIND_ORDER = {kind: i for i, kind in enumerate(("entity", "speaker", "title", "quote", "text"))}

EXACT_WEIGHT = 1.0
INITIALS_WEIGHT = 0.85
# Initials that begin with what was typed ("hku" for "hkust"): 0.5 to 0.8.
INITIALS_PREFIX_BASE, INITIALS_PREFIX_SPAN = 0.5, 0.3
# Longer words that begin with the typed word: 0.6 to 0.9 by how much is typed.
PREFIX_BASE, PREFIX_SPAN = 0.6, 0.3
TYPO_WEIGHT = {1: 0.5, 2: 0.35}
PREFIX_TYPO_WEIGHT = 0.3
# Letters scattered through a word, tried only when nothing closer matched.
SCATTERED_WEIGHT = 0.2
# More expansions than this per query word cost time and add little.
MAX_EXPANSIONS = 32
# Weaker kinds of match (typos in a prefix) are tried only below this many.
FEW_EXPANSIONS = 8
INITIALS_EXPANSIONS = 8
# Per clause ("a | b | c"): which expansion matched is kept in a uint8.
MAX_CLAUSE_EXPANSIONS = 255
# A clause whose postings hold fewer entries than a field's units over this has its units
# sorted from them; more, and the field's units are scanned for them.
SPARSE = 16


def allowed_typos(word: str) -> int:
    """Edits forgiven in a typed word: none below 4 letters, two from 7."""
    return 0 if len(word) < 4 else 1 if len(word) < 7 else 2


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result.

    ``text`` is ``article.text[start:end]`` for entity, quote and text hits
    (a passage for text hits); a speaker's ``text`` is the resolved name and
    ``start:end`` the mention it was resolved from; title hits have 0, 0.
    ``highlights`` are the matched character ranges within ``text``.
    """

    kind: str
    article_id: str
    title: str
    text: str
    start: int
    end: int
    score: float
    highlights: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class _Matched:
    """What one clause matches in a field: per unit, 1 + the index of the best expansion
    it holds (0: none), and the uses of the clause's words (body text only); the units
    that hold any, in order."""

    which: np.ndarray
    uses: np.ndarray | None
    units: np.ndarray


@dataclass(slots=True)
class _Scored:
    """A field's matching units for one query, before hits are built."""

    field: Field
    units: np.ndarray
    scores: np.ndarray
    best: list[np.ndarray]  # per clause: 1 + index of the best expansion per unit


class SearchIndex:
    """Incremental index of articles; safe to add from a worker thread while
    another searches."""

    def __init__(self) -> None:
        self._vocab = Vocabulary()
        self._initials = Vocabulary()
        self._fields = {kind: Field(kind, counted=kind == "text") for kind in KINDS}
        self._articles: list[Article | None] = []  # by document number; None once removed
        self._ids: list[str] = []  # article id by document number
        self._analysed = bytearray()  # by document number: 1 if its analysis is indexed
        self._doc_of: dict[str, int] = {}
        # Articles loaded from disk with their analysis, whose analysis is not to be indexed again.
        self._restored: dict[str, bool] = {}
        self.changes = 0  # articles added, replaced or dropped: whether saving again is worth it
        self._edits = 0  # the same, never reset: whether what the last keystroke matched still holds
        # What each clause of the last keystroke matched, per field (and per article, for the list's
        # filter), by (edits, field, clause): typing extends the query, and its first words match
        # the same again (at 100,000 articles, a frequent word's postings are most of a keystroke).
        self._last_matches: dict[tuple, _Matched] = {}
        self._last_in_docs: dict[tuple, np.ndarray] = {}
        self._next_matches: dict[tuple, _Matched] = {}
        self._lock = threading.RLock()
        self._expansions: dict[Term, list[Expansion]] = {}
        self._expansions_version = (0, 0, 0, 0)
        self._row_docs = RowDocs(self._doc_of)  # the article list's rows' documents, for its filter

    def __len__(self) -> int:
        return len(self._doc_of)

    # Building ------------------------------------------------------------

    def add(self, article: Article, analysis: Analysis | None = None) -> None:
        """Index an article; adding it again replaces what was indexed. When
        only the analysis is new, the title and body are not indexed twice."""
        with self._lock:
            doc = self._doc_of.get(article.id)
            known = None if doc is None else self._articles[doc]
            same_text = known is article or (
                known is not None and known.title == article.title and known.text == article.text
            )  # the same object: a packed text is not unpacked twice to compare it with itself
            if same_text and self._restored.pop(article.id, False):
                self._articles[doc] = article
                return  # loaded from disk with the analysis it had: this is that analysis
            self.changes += 1
            self._edits += 1
            if doc is not None and same_text:
                self._kill(doc, ("entity", "speaker", "quote"))
                self._articles[doc] = article
            else:
                if doc is not None:
                    self.remove(article.id)
                doc = self._new_doc(article)
            self._analysed[doc] = analysis is not None
            if analysis is not None:
                self._add_analysis(doc, article, analysis)

    def add_name(self, name: str, label: str, at: int) -> None:
        """A name alone, found as an entity mentioned once at ``at`` in a document
        that holds only names (an index of names, see ``core.identities``: a hit's
        ``start`` tells which name it is, and its text is empty: the caller has the
        names, and a million of them filed again here took 80 MB). A unit costs tens
        of bytes where a document for each name cost hundreds, and it scores as one would."""
        with self._lock:
            if not self._articles:
                self._new_doc(Article("names", "", ""))
            found = name_words(strip_possessive(name))
            if label in NAME_LABELS and found:
                self._unit(0, "entity", found, (None, at, at), bonus=_frequency_bonus(1), name=found)
                self.changes += 1
                self._edits += 1

    def remove(self, article_id: str) -> None:
        with self._lock:
            doc = self._doc_of.pop(article_id, None)
            if doc is not None:
                self.changes += 1
                self._edits += 1
                self._row_docs.renumbered += 1
                self._kill(doc, KINDS)
                self._articles[doc] = None
                self._restored.pop(article_id, None)

    def _kill(self, doc: int, kinds: Iterable[str]) -> None:
        for kind in kinds:
            self._fields[kind].kill_doc(doc)

    def _new_doc(self, article: Article) -> int:
        doc = len(self._articles)
        self._articles.append(article)
        self._analysed.append(0)
        for fld in self._fields.values():
            fld.add_doc()
        self._ids.append(article.id)
        self._doc_of[article.id] = doc
        folded_title = fold(article.title)
        self._unit(doc, "title", folded_words(folded_title), (None, 0, 0))  # shows the article's title
        self._unit(doc, "text", words(article.text), (None, 0, 0))
        return doc

    def _unit(
        self,
        doc: int,
        kind: str,
        unit_words: Iterable[str],
        shown: tuple[str | None, int, int],
        bonus: float = 0.0,
        name: tuple[str, ...] = (),
    ) -> None:
        fld = self._fields[kind]
        if fld.counted:
            tally = Counter(unit_words)
            distinct, uses = list(tally), list(tally.values())
        else:
            distinct, uses = list(dict.fromkeys(unit_words)), None
        initial_ids = [self._initials.add(i) for i in initials(list(name))] if name else []
        fld.add_unit(doc, self._vocab.ids_of(distinct), uses, shown, bonus, initial_ids)

    def _add_analysis(self, doc: int, article: Article, analysis: Analysis) -> None:
        # Names recur across thousands of articles: one interned string each, not a copy per unit.
        for entity in merge_entities(analysis.entities):
            name = intern(entity.name)
            self._unit(
                doc,
                "entity",
                entity.words,
                (name, entity.start, entity.start + len(name)),
                bonus=_frequency_bonus(entity.mentions),
                name=name_words(entity.name),
            )
        speakers: dict[tuple[str, ...], list[Quote]] = {}
        for quote in analysis.quotes:
            said = quote_words(quote)  # a quote cut by its cue is found and shown without it
            folded = fold(said)
            # A quote that is its slice of the text is shown from the text, not kept twice.
            shown = None if article.text[quote.start : quote.end] == said else said
            self._unit(doc, "quote", folded_words(folded), (shown, quote.start, quote.end))
            named = speaker_words(quote)
            if named:
                speakers.setdefault(named, []).append(quote)
        for key, quotes in speakers.items():
            span = speaker_mention(quotes)
            name = intern(speaker_name(quotes[0]))
            self._unit(
                doc,
                "speaker",
                key,
                (name, span.start, span.end),
                bonus=_frequency_bonus(len(quotes)),
                name=key,
            )

    # Saving and loading --------------------------------------------------

    def snapshot(self) -> tuple[Iterator[tuple[str, np.ndarray]], list[Article | None]]:
        """Everything indexed as flat arrays (see ``restore``), by name, one at a time, and the
        article of each document number (None: removed). Each array is taken under the lock when
        the iterator comes to it, so saving copies one column at a time, not all of them at once,
        at the app's peak (once loading is done). Articles added or removed meanwhile make
        the iterator raise ValueError (a save then gives up: the next saves what there is)."""
        with self._lock:
            self._settle()
            edits, articles = self._edits, list(self._articles)
            parts: dict[str, Callable[[], np.ndarray]] = {
                "ids": lambda: pack(self._ids),
                # Per document: 0 removed, 1 title and text only, 2 with its analysis.
                "state": lambda: np.array(
                    [a is not None and 1 + done for a, done in zip(self._articles, self._analysed)], np.uint8
                ),
            }
            for name, vocab in (("vocab", self._vocab), ("initials", self._initials)):
                parts.update({f"{name}.{part}": take for part, take in vocab.array_parts().items()})
            for kind, fld in self._fields.items():
                parts.update({f"{kind}.{name}": take for name, take in fld.array_parts().items()})
        return self._taken(parts, edits), articles

    def _taken(self, parts: dict[str, Callable[[], np.ndarray]], edits: int) -> Iterator[tuple[str, np.ndarray]]:
        for name, take in parts.items():
            with self._lock:
                if self._edits != edits:
                    raise ValueError("articles were indexed while the index was saved")
                value = take()
            yield name, value
            del value  # before the next is taken: one held at a time

    @staticmethod
    def document_ids(arrays: Mapping[str, np.ndarray]) -> list[str]:
        """The article id of each document number in a ``snapshot``'s arrays."""
        return unpack(arrays["ids"])

    @classmethod
    def restore(cls, arrays: Mapping[str, np.ndarray], articles: list[Article | None]) -> SearchIndex:
        """An index from a ``snapshot``'s arrays, with ``articles[doc]`` for each
        document number: None drops what was indexed for it. Raises ValueError
        (or IndexError, KeyError) when the arrays do not fit together."""
        index = cls()
        ids = unpack(arrays["ids"])
        state = arrays["state"]
        if len(ids) != len(articles) or state.shape != (len(ids),) or state.dtype != np.uint8:
            raise ValueError("documents do not match")
        index._vocab = Vocabulary.from_arrays(_Part(arrays, "vocab"))
        index._initials = Vocabulary.from_arrays(_Part(arrays, "initials"))
        sizes = {"words": len(index._vocab), "initials": len(index._initials), "docs": len(ids)}
        for kind, fld in index._fields.items():
            fld.from_arrays(_Part(arrays, kind), sizes)
        index._ids, index._articles = ids, [None] * len(ids)
        index._analysed = bytearray((state == 2).tobytes())
        for doc, (article_id, article) in enumerate(zip(ids, articles)):
            if not state[doc] or article is None or article.id != article_id or article_id in index._doc_of:
                index.changes += bool(state[doc])
                index._kill(doc, KINDS)
                index._analysed[doc] = 0
                continue
            index._articles[doc] = article
            index._doc_of[article_id] = doc
            if state[doc] == 2:
                index._restored[article_id] = True
        return index

    # Searching -----------------------------------------------------------

    def search(self, query: str, limit: int = 50, kinds: set[str] | None = None) -> list[Hit]:
        """Up to ``limit`` hits, best first, with a few places kept for each
        kind found (see :func:`_diverse_top`)."""
        parsed = parse_query(query)
        if parsed.empty or limit <= 0:
            return []
        wanted = set(KINDS) if kinds is None else set(kinds) & set(KINDS)
        if parsed.kind:
            wanted &= {parsed.kind}
        elif _short(parsed):
            wanted &= set(SHORT_QUERY_KINDS)
        with self._lock:
            self._settle()
            expanded = self._expand_clauses(parsed)
            excluded = self._excluded_docs(parsed)
            parts = [
                self._score(self._fields[kind], expanded, excluded, limit)
                for kind in sorted(wanted, key=KIND_ORDER.__getitem__)
            ]
            self._last_matches = self._next_matches
            self._next_matches = {}
            chosen = _diverse_top(parts, limit)
            return [self._hit(parts[p], row, expanded) for p, row in chosen]

    def article_ids_matching(self, query: str) -> MatchingArticles:
        """Ids of articles with any hit for ``query`` (every article when the
        query is empty, every article but those left out when it only has
        !words): for filtering the article list as the user types. Query
        words may match in different places of the same article."""
        parsed = parse_query(query)
        with self._lock:
            if parsed.empty and not parsed.excluded:
                return self._matching(alive_units(self._fields["text"]))
            self._settle()
            expanded = self._expand_clauses(parsed)
            excluded = self._excluded_docs(parsed)
            fields = self._fields
            short = not parsed.kind and _short(parsed)
            if parsed.kind:
                searched = [(fields[parsed.kind], False)]
            elif short:
                searched = [(fields[kind], False) for kind in SHORT_QUERY_KINDS]
            else:
                # Names and quotes are body text: only the initials of names add to it.
                searched = [
                    (fields["title"], False),
                    (fields["text"], False),
                    (fields["entity"], True),
                    (fields["speaker"], True),
                ]
            alive = alive_units(fields["text"])
            matched = alive.copy()
            last, self._last_in_docs = self._last_in_docs, {}
            for clause in expanded:
                key = (self._edits, parsed.kind, short, tuple(clause))
                in_doc = last.get(key)
                if in_doc is None:
                    in_doc = np.zeros(len(matched), bool)
                    for fld, initials_only in searched:
                        scored = None if initials_only else self._last_matches.get((self._edits, fld.kind, key[-1]))
                        if scored is not None:  # this keystroke's search matched it (the app asks for both)
                            in_doc[_docs_of_units(fld, scored.units)] = True
                            continue
                        wanted = [e for e in clause if e.is_initials] if initials_only else clause
                        for units in self._postings(fld, wanted):
                            if units is not None:
                                in_doc[fld.docs_of(units)] = True
                self._last_in_docs[key] = in_doc
                matched &= in_doc
            if excluded is not None:
                matched &= ~excluded
            return self._matching(matched)

    def _matching(self, matched: np.ndarray) -> MatchingArticles:
        return MatchingArticles(matched, self._ids, self._doc_of, self._row_docs)

    def settle(self) -> None:
        """File postings and words still waiting now (from a worker), not on the next search
        (the people filter's first keystroke sorted every name's words: 15 ms at 10,000 articles),
        and fold the runs of postings into flat arrays: once loading is done, every search looks
        up one array per field, as in a loaded index (at 100,000 articles, p99 48.6 ms with the
        runs of a build against 7.2 ms). Words are filed and each field's postings' fold planned
        beside the lock, held only to swap the words in and move the postings up in place: a
        search typed meanwhile reads what was there (it waited 110 s for this at 100,000
        articles), and no postings' base is held twice (``Postings.fold_beside``).
        The numbers of the texts hits show are dropped first, until more come
        (``Field.forget_text_ids``): at 100,000 articles the names' numbers (80 MB) were
        held through the filing and the folds, at the top of the settling's memory."""
        with self._lock:
            for fld in self._fields.values():
                fld.forget_text_ids()
        # Words first: a search that came while postings fold would otherwise file them itself.
        for vocab in (self._vocab, self._initials):
            vocab.settle_beside(self._lock)
            vocab.lookups_file = True  # a word added later is filed by the lookup, or by ``file_words``
        # Each step's scratch handed back before the next: kept in the heap, they added up
        # (at 100,000 articles, 280 MB for a moment where one field's fold takes a fraction).
        give_back()
        for fld in self._fields.values():
            fld.fold_beside(self._lock)
            give_back()

    def file_words(self, pending: int = 0) -> None:
        """File the words added since the last filing, beside the lock (as ``settle`` does), once
        more than ``pending`` wait. The loading worker calls it as it goes, until it settles: a
        search typed meanwhile files no word itself (``Vocabulary.lookups_file``). It finds the
        words of the last articles indexed by themselves, and by prefix, suffix or typo once filed
        here (filing 20,000 under the lock took a keystroke 0.3-0.6 s at 100,000 articles)."""
        for vocab in (self._vocab, self._initials):
            vocab.lookups_file = False
            if len(vocab) - vocab.filed > pending:
                vocab.settle_beside(self._lock)

    def _postings(self, fld: Field, expansions: list[Expansion]) -> list[np.ndarray | None]:
        """Each expansion's postings in the field, looked up together (each run of them searched once)."""
        found: list[np.ndarray | None] = [None] * len(expansions)
        for of_initials, postings in ((False, fld.postings), (True, fld.initials)):
            places = [at for at, expansion in enumerate(expansions) if expansion.is_initials == of_initials]
            if places:
                for at, units in zip(places, postings.get_many([expansions[at].key for at in places])):
                    found[at] = units
        return found

    def _settle(self) -> None:
        for fld in self._fields.values():
            fld.settle()

    def _expand_clauses(self, query: Query) -> list[list[Expansion]]:
        """Per clause, the expansions of its terms, lowest weight first (so
        that writing them in order leaves each unit its best)."""
        clauses = []
        for clause in query.clauses:
            expansions = [e for term in clause for e in self._expand(term)]
            if len(expansions) > MAX_CLAUSE_EXPANSIONS:
                expansions = heapq.nlargest(MAX_CLAUSE_EXPANSIONS, expansions, key=lambda e: e.weight)
            clauses.append(sorted(expansions, key=lambda e: e.weight))
        return clauses

    def _expand(self, term: Term) -> list[Expansion]:
        # Words filed since (see ``Vocabulary.settle_beside``) may expand a term further.
        version = (len(self._vocab), self._vocab.filed, len(self._initials), self._initials.filed)
        if version != self._expansions_version:
            self._expansions.clear()
            self._expansions_version = version
        cached = self._expansions.get(term)
        if cached is None:
            cached = self._expansions[term] = self._compute_expansions(term)
        return cached

    def _compute_expansions(self, term: Term) -> list[Expansion]:
        typed = term.word
        vocab = self._vocab
        found: dict[str, Expansion] = {}

        def offer(expansion: Expansion) -> None:
            known = found.get(expansion.word)
            if known is None or known.weight < expansion.weight:
                found[expansion.word] = expansion

        text = self._fields["text"]
        known: dict[str, int] = {}  # ids the vocabulary gave with the words

        def id_of(word: str) -> int:
            found_id = known.get(word)
            return vocab.ids[word] if found_id is None else found_id

        def popularities(candidates: Iterable[str]) -> dict[str, int]:
            """How many units of body text use each word (looked up together: see ``Postings.get_many``)."""
            candidates = list(candidates)
            return dict(zip(candidates, text.popularities(list(map(id_of, candidates)))))

        def shortest(candidates: list[str], n: int = MAX_EXPANSIONS) -> list[str]:
            """The likeliest completions: shortest, then most used (of
            ``candidates``, which need hold no word longer than the n-th
            shortest: the vocabulary leaves those out)."""
            if len(candidates) <= n:
                return candidates
            by_length = sorted(candidates, key=len)
            cut = len(by_length[n - 1])
            sure = [w for w in by_length[:n] if len(w) < cut]
            tied = [w for w in by_length[len(sure) :] if len(w) == cut]
            used = popularities(tied)
            return sure + heapq.nlargest(n - len(sure), tied, key=used.__getitem__)

        if typed in vocab.ids:
            offer(Expansion(typed, EXACT_WEIGHT, len(typed)))
        if term.mode in (PREFIX, FUZZY):
            for word in shortest(vocab.starting_with(typed, MAX_EXPANSIONS)):
                offer(Expansion(word, _prefix_weight(typed, word), len(typed)))
        if term.mode == SUFFIX:
            for word in shortest(vocab.ending_with(typed, MAX_EXPANSIONS)):
                offer(Expansion(word, _prefix_weight(typed, word), len(word)))
        if term.mode == FUZZY:
            edits = allowed_typos(typed)
            if edits:
                for word, distance in vocab.similar(typed, edits, known).items():
                    offer(Expansion(word, TYPO_WEIGHT[distance], len(word)))
            if edits and len(found) < FEW_EXPANSIONS:
                # A typo in a word still being typed: "prugoz" for "prigoz...".
                for head in vocab.similar_prefixes(typed):
                    for word in shortest(vocab.starting_with(head, FEW_EXPANSIONS), FEW_EXPANSIONS):
                        offer(Expansion(word, PREFIX_TYPO_WEIGHT, len(head)))
        initial_letters = (
            self._initials.starting_with(typed)[:INITIALS_EXPANSIONS] if term.mode == FUZZY and len(typed) >= 2 else []
        )
        if term.mode == FUZZY and len(typed) >= 3 and not found and not initial_letters:
            for word in vocab.scattered(typed, MAX_EXPANSIONS):
                offer(Expansion(word, SCATTERED_WEIGHT, len(word)))
        used = popularities(found)
        best = heapq.nlargest(MAX_EXPANSIONS, found.values(), key=lambda e: (e.weight, used[e.word]))
        expansions = [Expansion(e.word, e.weight, e.shown, key=id_of(e.word)) for e in best]
        for letters in initial_letters:
            weight = (
                INITIALS_WEIGHT
                if letters == typed
                else INITIALS_PREFIX_BASE + INITIALS_PREFIX_SPAN * len(typed) / len(letters)
            )
            expansions.append(Expansion(letters, weight, 1, True, self._initials.ids[letters]))
        return expansions

    def _excluded_docs(self, query: Query) -> np.ndarray | None:
        """Articles whose title or body has a word the query rules out."""
        if not query.excluded:
            return None
        excluded = np.zeros(len(self._articles), bool)
        for term in query.excluded:
            for expansion in self._expand(term):
                for kind in ("title", "text"):
                    fld = self._fields[kind]
                    units = fld.postings.get(expansion.key)
                    if units is not None:
                        excluded[fld.units_of(units)] = True
        return excluded

    def _clause_matches(self, fld: Field, clause: list[Expansion]) -> _Matched:
        """What the clause matches in the field (see ``_Matched``), kept for the next keystroke."""
        key = (self._edits, fld.kind, tuple(clause))
        found = self._last_matches.get(key)
        if found is None:
            which = np.zeros(len(fld), np.uint8)
            uses = np.zeros(len(fld), np.float32) if fld.counted else None
            held = []
            for i, units in enumerate(self._postings(fld, clause), 1):
                if units is None:
                    continue
                if uses is not None:
                    idx = units >> 8
                    uses[idx] += units & 255
                else:
                    idx = units
                which[idx] = i
                held.append(idx)
            if sum(map(len, held)) * SPARSE < len(fld):  # a few names among 380,000: sorted, not scanned for
                units = _distinct(np.concatenate(held)) if held else np.zeros(0, np.intp)
            else:
                units = np.flatnonzero(which)
            found = _Matched(which, uses, units.astype(np.intp, copy=False))  # numpy indexes with intp
        self._next_matches[key] = found
        return found

    def _score(self, fld: Field, clauses: list[list[Expansion]], excluded: np.ndarray | None, limit: int) -> _Scored:
        """Score the units that match every clause; only the postings and the
        candidates are touched, never whole-field arrays beyond one scan a clause."""
        found = [self._clause_matches(fld, clause) for clause in clauses]
        fewest = min(found, key=lambda matched: len(matched.units))
        units = fewest.units
        for matched in found:
            if matched is not fewest:
                units = units[matched.which[units] != 0]
        units = units[np.frombuffer(fld.alive, np.uint8)[units] != 0]
        if excluded is not None:
            units = units[~excluded[unit_docs(fld)[units]]]
        matches = [matched.which for matched in found]
        best = [which[units] for which in matches]
        total = np.zeros(len(units), np.float32)
        for clause, chosen in zip(clauses, best):
            total += np.array([0.0, *(e.weight for e in clause)], np.float32)[chosen]
        final = KIND_WEIGHT[fld.kind] * total / len(clauses) + np.frombuffer(fld.bonus, np.float32)[units]
        if fld.kind in ("title", "entity", "speaker"):
            size = np.frombuffer(fld.size, np.uint16)[units].astype(np.float32)
            coverage = np.minimum(1.0, len(clauses) / np.maximum(size, 1))
            final += (0.1 if fld.kind == "title" else 0.03) * coverage
        if fld.counted:
            counts = sum(matched.uses[units] for matched in found)
            final += 0.05 * np.minimum(1.0, np.log1p(counts) / math.log(20))
        final *= 100
        if len(units) > limit:
            top = np.argpartition(-final, limit - 1)[:limit]
            units, final, best = units[top], final[top], [b[top] for b in best]
        return _Scored(fld, units, final, best)

    # Hits ------------------------------------------------------------------

    def _hit(self, scored: _Scored, i: int, clauses: list[list[Expansion]]) -> Hit:
        fld = scored.field
        unit = int(scored.units[i])
        doc = fld.unit_doc[unit]
        article = self._articles[doc]
        chosen = [clause[int(best[i]) - 1] for clause, best in zip(clauses, scored.best)]
        if fld.kind == "text":
            text, start, end, highlights = passages.passage(article.text, chosen)
        else:
            text, start, end = fld.shown_at(unit)
            if text is None:
                text = article.title if fld.kind == "title" else article.text[start:end]
            highlights = passages.highlights(fold(text), chosen)
        return Hit(
            fld.kind,
            article.id,
            article.title,
            text,
            start,
            end,
            round(float(scored.scores[i]), 3),
            highlights,
        )


def _short(query: Query) -> bool:
    """Whether no word of the query has ``WHOLE_TEXT_FROM`` letters."""
    return all(len(term.word) < WHOLE_TEXT_FROM for clause in query.clauses for term in clause)


def _diverse_top(parts: list[_Scored], limit: int) -> list[tuple[int, int]]:
    """``(part, row)`` of the hits to show, best first. Every kind with hits
    keeps a few places (``limit // (2 * kinds)``), so that a name found in
    fifty articles does not hide the quotes and text that mention it; the
    rest go to the best scores. Ties: kind order, then article order."""
    ranked = []
    for p, part in enumerate(parts):
        docs = unit_docs(part.field)[part.units]
        order = np.lexsort((part.units, docs, -part.scores))
        ranked.append([(-float(part.scores[row]), p, int(docs[row]), int(row)) for row in order])
    with_hits = [r for r in ranked if r]
    reserve = limit // (2 * len(with_hits)) if with_hits else 0
    kept = [entry for r in with_hits for entry in r[:reserve]]
    rest = heapq.merge(*(r[reserve:] for r in with_hits))
    kept.extend(entry for _, entry in zip(range(limit - len(kept)), rest))
    kept.sort()
    return [(p, row) for _, p, _, row in kept]


def _distinct(numbers: np.ndarray) -> np.ndarray:
    """``np.unique(numbers)`` by a sort (numpy 2.4's takes 15 times as long: 4.5 ms for 21,000)."""
    ordered = np.sort(numbers)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if len(ordered) else ordered


def _docs_of_units(fld: Field, units: np.ndarray) -> np.ndarray:
    """The articles of the live ones of ``units`` (unit numbers, not postings entries)."""
    if fld.per_article:
        return units
    return unit_docs(fld)[units[np.frombuffer(fld.alive, np.uint8)[units] != 0]]


class _Part(Mapping[str, np.ndarray]):
    """The arrays named ``prefix.name``, by name, each asked of ``arrays`` when it is
    asked for: a saved index maps an array anew at each ask, and lets it go with it
    (``core.search.saved``); copied into the index, its pages are not held on."""

    def __init__(self, arrays: Mapping[str, np.ndarray], prefix: str) -> None:
        self._arrays, self._prefix = arrays, prefix + "."

    def __getitem__(self, name: str) -> np.ndarray:
        return self._arrays[self._prefix + name]

    def __iter__(self) -> Iterator[str]:
        cut = len(self._prefix)
        return (name[cut:] for name in self._arrays if name.startswith(self._prefix))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _frequency_bonus(count: int) -> float:
    """Up to 0.05 for being mentioned often: breaks ties between equal names."""
    return 0.05 * min(1.0, math.log1p(count) / math.log(30))


def _prefix_weight(typed: str, word: str) -> float:
    return PREFIX_BASE + PREFIX_SPAN * len(typed) / len(word)
