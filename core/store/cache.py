"""Analyses remembered between launches, so opening 10,000 articles again is instant.

A result is stored under a hash of the model fingerprint, the extractor
version and a digest of the article text: change any of them and the old
result is simply never looked up again. A page remembered with its text's
digest (``core.ingest.pages``) finds its analysis without its text being read.
Spans are stored as offsets only, because their text is a slice of the
article text that the key already pins down.

The cache is disposable: a damaged file or one from another schema is
rebuilt (and ``notice`` says so), and a cache that cannot be opened at all
degrades to memory. Nothing is ever written outside its directory.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from sys import intern
from typing import Any

from platformdirs import user_cache_dir

from core.model import Analysis, Article, Counts, Entity, Quote, Span, text_digest
from core.store.sqlite import Damaged, connect, immediate, in_memory, remove_database, schema_version

FILE_NAME = "analyses.sqlite"
SCHEMA_VERSION = 3  # 2: a quote's parts (a quotation interrupted by its cue); 3: keys from the text's digest
# The modules whose code decides what an analysis contains.
EXTRACTOR_MODULES = ("core.nlp", "core.quotes.extract")
_CHUNK = 500  # keys per query, well under SQLite's parameter limit

_SCHEMA = """
CREATE TABLE IF NOT EXISTS analyses (
    key BLOB PRIMARY KEY,
    entities INTEGER NOT NULL,
    quotes INTEGER NOT NULL,
    payload BLOB NOT NULL
)
"""  # a rowid table: payloads of a few KB would overflow the pages of a WITHOUT ROWID one


@cache
def extractor_version() -> str:
    """A digest of the source of every module that decides what an analysis
    contains, so editing any of them retires old results by itself."""
    digest = hashlib.blake2b(digest_size=6)
    for name, source in extractor_sources():
        digest.update(name.encode() + b"\0" + (source if source is not None else b"absent"))
    return digest.hexdigest()


def extractor_sources() -> list[tuple[str, bytes | None]]:
    """The extractor's modules and every ``core`` module they import, followed
    through packages (``core.quotes.marks``, not just ``core.quotes``), by name."""
    found: dict[str, bytes | None] = {}
    pending = list(EXTRACTOR_MODULES)
    while pending:
        name = pending.pop()
        if name in found:
            continue
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.origin:
            found[name] = None
            continue
        source = found[name] = Path(spec.origin).read_bytes()
        pending += (m.decode() for m in _CORE_IMPORT.findall(source))
    return sorted(found.items())


_CORE_IMPORT = re.compile(rb"^\s*(?:from|import)\s+(core(?:\.\w+)+)", re.MULTILINE)


class AnalysisCache:
    """SQLite store of analyses. Use ``AnalysisCache.open``; close when done.
    Safe to share between threads (the app reads and writes from workers)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, notice: str | None) -> None:
        self._conn = conn
        self.path = path
        # Set when something had to be thrown away; the app shows it once.
        self.notice = notice
        # Hashing 10,000 texts takes a noticeable moment: done once per article. Each digest is
        # kept with the text's length and hash, not the text (which may be kept compressed).
        self._digests: dict[str, tuple[int, int, bytes]] = {}
        self._lock = threading.RLock()

    @classmethod
    def open(cls, directory: Path | str | None = None) -> AnalysisCache:
        """Open (creating, repairing or migrating as needed) the cache in ``directory``,
        by default the user cache directory."""
        folder = Path(directory) if directory else Path(user_cache_dir("newsreader"))
        path = folder / FILE_NAME
        try:
            folder.mkdir(parents=True, exist_ok=True)
            conn, notice = _open_sound(path)
        except (OSError, sqlite3.Error, Damaged) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            conn = in_memory()
            conn.execute(_SCHEMA)
            return cls(conn, None, f"Analyses will not be remembered: cannot use {folder} ({reason}).")
        return cls(conn, path, notice)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> AnalysisCache:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def get_many(self, articles: Iterable[Article], model_id: str) -> dict[str, Analysis]:
        """The cached analyses of those articles that have one, by article id."""
        by_key = self._by_key(articles, model_id)
        rows = self._select("key, payload", list(by_key))
        found: dict[str, Analysis] = {}
        for key, payload in rows:
            for article in by_key[key]:
                try:
                    found[article.id] = decode(payload, article.text)
                except (ValueError, TypeError, IndexError):
                    break  # an unreadable row is a miss; the new result overwrites it
        return found

    def counts_many(self, articles: Iterable[Article], model_id: str) -> dict[str, Counts]:
        """Entity and quote counts without decoding anything, by article id."""
        by_key = self._by_key(articles, model_id)
        rows = self._select("key, entities, quotes", list(by_key))
        return {article.id: Counts(entities, quotes) for key, entities, quotes in rows for article in by_key[key]}

    def put_many(self, pairs: Iterable[tuple[Article, Analysis]], model_id: str) -> None:
        """Store analyses in one transaction (a crash keeps all or none of them)."""
        prefix = _prefix(model_id)
        rows = [
            (_key(prefix, self._digest(a)), len(an.entities), len(an.quotes), encode(an, a.text)) for a, an in pairs
        ]
        if not rows:
            return
        with self._lock:
            try:
                with immediate(self._conn):
                    self._conn.executemany("INSERT OR REPLACE INTO analyses VALUES (?, ?, ?, ?)", rows)
            except sqlite3.OperationalError:
                return  # busy past the timeout, or disk full: losing a cache write is harmless
            except sqlite3.DatabaseError:
                self._rebuild()

    def count(self) -> int:
        """How many analyses are stored."""
        with self._lock:
            try:
                return self._conn.execute("SELECT count(*) FROM analyses").fetchone()[0]
            except sqlite3.OperationalError:
                return 0
            except sqlite3.DatabaseError:
                self._rebuild()
                return 0

    def _by_key(self, articles: Iterable[Article], model_id: str) -> dict[bytes, list[Article]]:
        """Articles by cache key: two articles with the same text share one entry. ``_key`` and
        ``_digest`` inline: the list's counts make ten thousand keys, and the calls were a third."""
        grouped: dict[bytes, list[Article]] = {}
        prefix, blake2b = _prefix(model_id), hashlib.blake2b
        for article in articles:
            digest = article.known_digest()
            key = blake2b(prefix + (self._digest(article) if digest is None else digest), digest_size=16).digest()
            same = grouped.get(key)
            if same is None:
                grouped[key] = [article]
            else:
                same.append(article)
        return grouped

    def _digest(self, article: Article) -> bytes:
        """The text's digest: the article's own if it knows it, else hashed once per text."""
        digest = article.known_digest()
        if digest is not None:
            return digest
        text = article.text
        known = self._digests.get(article.id)
        if known is not None and known[:2] == (len(text), hash(text)):
            return known[2]
        digest = text_digest(text)
        self._digests[article.id] = (len(text), hash(text), digest)
        return digest

    def _select(self, columns: str, keys: Sequence[bytes]) -> list[tuple[Any, ...]]:
        """Rows for these keys, locked one query at a time: the article the user
        opens is looked up between two chunks of a long listing, not after it."""
        rows: list[tuple[Any, ...]] = []
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            query = f"SELECT {columns} FROM analyses WHERE key IN ({','.join('?' * len(chunk))})"
            with self._lock:
                try:
                    rows += self._conn.execute(query, chunk).fetchall()
                except sqlite3.OperationalError:
                    return []
                except sqlite3.DatabaseError:
                    self._rebuild()
                    return []
        return rows

    def _rebuild(self) -> None:
        """The file went bad while open: start it again."""
        self._conn.close()
        self.notice = DAMAGED_NOTICE
        if self.path is not None:
            try:
                remove_database(self.path)
                self._conn, _ = _open_sound(self.path)
                return
            except (OSError, sqlite3.Error, Damaged):
                self.path = None
        self._conn = in_memory()
        self._conn.execute(_SCHEMA)


DAMAGED_NOTICE = "The analysis cache was damaged and has been rebuilt; articles will be analysed again."
OTHER_SCHEMA_NOTICE = "The analysis cache was from another version of newsreader and has been rebuilt."


def _open_sound(path: Path) -> tuple[sqlite3.Connection, str | None]:
    notice = None
    try:
        conn = connect(path)
    except Damaged:
        remove_database(path)
        conn = connect(path)
        notice = DAMAGED_NOTICE
    with immediate(conn):
        version = schema_version(conn)
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        if version != SCHEMA_VERSION and tables:
            for table in tables:
                conn.execute(f'DROP TABLE "{table}"')
            notice = notice or OTHER_SCHEMA_NOTICE
        conn.execute(_SCHEMA)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return conn, notice


def _prefix(model_id: str) -> bytes:
    """What every key of this model and extractor begins with."""
    return f"{model_id}\0{extractor_version()}\0".encode()


def _key(prefix: bytes, digest: bytes) -> bytes:
    return hashlib.blake2b(prefix + digest, digest_size=16).digest()


# -- serialisation: compact JSON arrays; span text is dropped when it is the slice.


def encode(analysis: Analysis, text: str) -> bytes:
    entities = [_tail([e.start, e.end, e.label], e.text, text[e.start : e.end]) for e in analysis.entities]
    quotes = [
        _tail(
            [
                q.start,
                q.end,
                q.kind,
                q.source_kind,
                q.speaker_name,
                _span_out(q.speaker, text),
                _span_out(q.cue, text),
                _span_out(q.descriptor, text),
                [list(part) for part in q.parts] or None,
            ],
            q.text,
            text[q.start : q.end],
        )
        for q in analysis.quotes
    ]
    return json.dumps([entities, quotes], ensure_ascii=False, separators=(",", ":")).encode()


def decode(payload: bytes, text: str) -> Analysis:
    """The analysis of ``text``. Labels, kinds and names recur across thousands of
    articles: each is one interned string, not a copy per span (a third of the memory)."""
    entities, quotes = json.loads(payload)
    return Analysis(
        entities=tuple(
            [Entity(e[0], e[1], intern(e[2]), intern(e[3] if len(e) > 3 else text[e[0] : e[1]])) for e in entities]
        ),
        quotes=tuple(
            [
                Quote(
                    q[0],
                    q[1],
                    q[9] if len(q) > 9 else text[q[0] : q[1]],
                    intern(q[2]),
                    None if q[5] is None else _span_in(q[5], text),
                    None if q[4] is None else intern(q[4]),
                    None if q[6] is None else _span_in(q[6], text),
                    intern(q[3]),
                    None if q[7] is None else _span_in(q[7], text),
                    () if q[8] is None else tuple((part[0], part[1]) for part in q[8]),
                )
                for q in quotes
            ]
        ),
    )


def _tail(fields: list[Any], actual: str, sliced: str) -> list[Any]:
    return fields if actual == sliced else [*fields, actual]


def _span_out(span: Span | None, text: str) -> list[Any] | None:
    if span is None:
        return None
    return _tail([span.start, span.end], span.text, text[span.start : span.end])


def _span_in(value: list[Any], text: str) -> Span:
    start, end = value[0], value[1]
    return Span(start, end, intern(value[2] if len(value) > 2 else text[start:end]))
