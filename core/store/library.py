"""What the reader has read and bookmarked, kept between launches.

Unlike the analysis cache this is the user's own data, so it is never
deleted: a damaged file is renamed aside (and ``notice`` says where), and a
file written by a newer newsreader is left untouched while this session
keeps its marks in memory only.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from core.store.sqlite import Damaged, connect, immediate, in_memory, schema_version, set_aside

FILE_NAME = "library.sqlite"
SCHEMA_VERSION = 1

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS read_articles (
        article_id TEXT PRIMARY KEY,
        read_at REAL NOT NULL
    ) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS bookmarks (
        article_id TEXT PRIMARY KEY,
        added_at REAL NOT NULL,
        title TEXT NOT NULL,
        source TEXT  -- the article's address or file (the column keeps its first name: it is user data)
    ) WITHOUT ROWID""",
)


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A bookmark keeps the title and where the article came from, so the list
    still means something when that article is not loaded."""

    article_id: str
    title: str
    location: str | None  # its web address or file
    added_at: float


class Library:
    """Read marks and bookmarks. Use ``Library.open``; close when done.
    Safe to share between threads."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, notice: str | None) -> None:
        self._conn = conn
        self.path = path
        self.notice = notice
        self._lock = threading.RLock()

    @classmethod
    def open(cls, directory: Path | str | None = None) -> Library:
        """Open the library in ``directory``, by default the user data directory."""
        folder = Path(directory) if directory else Path(user_data_dir("newsreader"))
        path = folder / FILE_NAME
        try:
            folder.mkdir(parents=True, exist_ok=True)
            return cls._open_file(path)
        except (OSError, sqlite3.Error, Damaged) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            return cls._in_memory(f"Read marks and bookmarks will not be saved: cannot use {folder} ({reason}).")

    @classmethod
    def _open_file(cls, path: Path) -> Library:
        notice = None
        try:
            conn = connect(path)
        except Damaged:
            kept = set_aside(path, "damaged")
            notice = f"Your reading library was damaged; it was kept as {kept} and a new one started."
            conn = connect(path)
        with immediate(conn):
            version = schema_version(conn)
            has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        if version > SCHEMA_VERSION:
            conn.close()
            return cls._in_memory(
                f"{path} was written by a newer newsreader; this session's read marks and bookmarks will not be saved."
            )
        if has_tables and version < SCHEMA_VERSION:
            # No older layout was ever released, so there is nothing to carry over.
            conn.close()
            kept = set_aside(path, f"v{version}")
            notice = f"Your reading library had an unknown layout; it was kept as {kept} and a new one started."
            conn = connect(path)
        _create(conn)
        return cls(conn, path, notice)

    @classmethod
    def _in_memory(cls, notice: str) -> Library:
        conn = in_memory()
        _create(conn)
        return cls(conn, None, notice)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def is_read(self, article_id: str) -> bool:
        return self._exists("read_articles", article_id)

    def read_ids(self) -> set[str]:
        """Every article ever read: one query for the whole article list."""
        return {row[0] for row in self._query("SELECT article_id FROM read_articles")}

    def mark_read(self, article_id: str, read: bool = True) -> None:
        if read:
            self._write("INSERT OR IGNORE INTO read_articles VALUES (?, ?)", (article_id, time.time()))
        else:
            self._write("DELETE FROM read_articles WHERE article_id = ?", (article_id,))

    def is_bookmarked(self, article_id: str) -> bool:
        return self._exists("bookmarks", article_id)

    def toggle_bookmark(self, article_id: str, title: str = "", location: str | None = None) -> bool:
        """Bookmark the article, or remove its bookmark; returns whether it is now bookmarked."""
        with self._lock:
            if self.is_bookmarked(article_id):
                self._write("DELETE FROM bookmarks WHERE article_id = ?", (article_id,))
                return False
            self._write(
                "INSERT OR REPLACE INTO bookmarks VALUES (?, ?, ?, ?)",
                (article_id, time.time(), title, location),
            )
            return True

    def bookmarks(self) -> list[Bookmark]:
        """Newest first."""
        rows = self._query("SELECT article_id, title, source, added_at FROM bookmarks ORDER BY added_at DESC")
        return [Bookmark(*row) for row in rows]

    def _exists(self, table: str, article_id: str) -> bool:
        return bool(self._query(f"SELECT 1 FROM {table} WHERE article_id = ?", (article_id,)))

    def _query(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.OperationalError:
                return []
            except sqlite3.DatabaseError:
                self._recover()
                return self._conn.execute(sql, params).fetchall()

    def _write(self, sql: str, params: tuple[object, ...]) -> None:
        with self._lock:
            try:
                with immediate(self._conn):
                    self._conn.execute(sql, params)
            except sqlite3.OperationalError:
                self.notice = "A read mark or bookmark could not be saved: the library is busy or the disk is full."
            except sqlite3.DatabaseError:
                self._recover()
                with immediate(self._conn):
                    self._conn.execute(sql, params)

    def _recover(self) -> None:
        """The file went bad while open: keep it aside and carry on with a new one."""
        self._conn.close()
        if self.path is not None:
            try:
                fresh = Library._open_file(self.path)
                self._conn, self.path, self.notice = fresh._conn, fresh.path, fresh.notice
                return
            except (OSError, sqlite3.Error, Damaged):
                pass
        fresh = Library._in_memory("Read marks and bookmarks will not be saved this session.")
        self._conn, self.path, self.notice = fresh._conn, None, fresh.notice


def _create(conn: sqlite3.Connection) -> None:
    with immediate(conn):
        for statement in _SCHEMA:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
