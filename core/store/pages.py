"""What was extracted from saved web pages, remembered between launches beside
the analysis cache (``core.ingest.pages`` decides what to look up and when).

Like the analysis cache it is disposable: a damaged file is rebuilt, one that
cannot be opened at all degrades to memory, and a write that fails is lost
harmlessly (the page is extracted again next time).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_cache_dir

from core.model import Article
from core.store.sqlite import Damaged, connect, immediate, in_memory, remove_database, schema_version

if TYPE_CHECKING:  # the extraction side is imported when there are pages to read
    from core.ingest.pages import Extracted, FileIdentity

FILE_NAME = "pages.sqlite"
SCHEMA_VERSION = 1
_CHUNK = 500  # paths per query, well under SQLite's parameter limit

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    version TEXT NOT NULL,
    payload BLOB NOT NULL
)
"""
_FIELDS = ("id", "title", "text", "path", "url", "author", "date", "site")


class PageStore:
    """Extracted pages by file identity. Use ``PageStore.open``; safe to share
    between threads. The file is opened on first use: a folder without web
    pages never touches it."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    @classmethod
    def open(cls, directory: Path | str | None = None) -> PageStore:
        folder = Path(directory) if directory else Path(user_cache_dir("newsreader"))
        return cls(folder / FILE_NAME)

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = _connect(self._path)
        return self._conn

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()

    def __enter__(self) -> PageStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def recall(self, files: Sequence[FileIdentity], version: str) -> dict[FileIdentity, Extracted]:
        """What was extracted from these files as they are now, by this extractor version."""
        by_path = {file.path: file for file in files}
        paths = list(by_path)
        rows: list[tuple[str, int, int, str, bytes]] = []
        with self._lock:
            try:
                for start in range(0, len(paths), _CHUNK):
                    chunk = paths[start : start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    query = f"SELECT path, size, mtime_ns, version, payload FROM pages WHERE path IN ({marks})"
                    rows += self._connection().execute(query, chunk).fetchall()
            except sqlite3.Error:
                return {}
        found: dict[FileIdentity, Extracted] = {}
        for path, size, mtime_ns, row_version, payload in rows:
            file = by_path[path]
            if (size, mtime_ns, row_version) == (file.size, file.mtime_ns, version):
                found[file] = _decode(payload)
        return found

    def remember(self, found: Sequence[tuple[FileIdentity, Extracted]], version: str) -> None:
        rows = [(file.path, file.size, file.mtime_ns, version, _encode(outcome)) for file, outcome in found]
        with self._lock:
            try:
                conn = self._connection()
                with immediate(conn):
                    conn.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?)", rows)
            except sqlite3.Error:
                return  # busy, full or damaged: the pages are extracted again next time


def _connect(path: Path) -> sqlite3.Connection:
    """The store's database, created or rebuilt as needed; in memory if the file cannot be used."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = connect(path)
        except Damaged:
            remove_database(path)
            conn = connect(path)
        with immediate(conn):
            if schema_version(conn) != SCHEMA_VERSION:
                conn.execute("DROP TABLE IF EXISTS pages")
            conn.execute(_SCHEMA)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except (OSError, sqlite3.Error, Damaged):
        conn = in_memory()
        conn.execute(_SCHEMA)
    return conn


def _encode(outcome: Extracted) -> bytes:
    if isinstance(outcome, str):
        return json.dumps({"none": outcome}).encode()
    return json.dumps([getattr(outcome, name) for name in _FIELDS], ensure_ascii=False).encode()


def _decode(payload: bytes) -> Extracted:
    value = json.loads(payload)
    return value["none"] if isinstance(value, dict) else Article(*value)
