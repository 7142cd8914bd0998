"""What was extracted from saved web pages, remembered between launches beside
the analysis cache (``core.ingest.pages`` decides what to look up and when).

A folder walked whole is also kept as one listing (``listing``): every page it
gave, with the file's size and modification time, in one value. A second
launch on a folder of ten thousand pages reads that one value, not 157 runs of
the pages table: about half the CPU time (21 -> 10-13 ms), and two queries, not
157, each of which lets go of the GIL and, while the UI thread draws, waits to get it back.

Like the analysis cache it is disposable: a damaged file is rebuilt, one that
cannot be opened at all degrades to memory, and a write that fails is lost
harmlessly (the page is extracted again next time). Unlike the cache, it is not
checked page by page when opened: that read all of its texts, a tenth of a
second at ten thousand pages before the first was listed. Damage is found when
a query meets it, and the file is rebuilt then.
"""

from __future__ import annotations

import marshal
import sqlite3
import threading
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_cache_dir

from core.ingest.pages import RememberedPage, file_identity
from core.model import text_digest
from core.store.sqlite import Damaged, connect, immediate, in_memory, remove_database, schema_version

if TYPE_CHECKING:
    from core.ingest.pages import Extracted, FileIdentity

FILE_NAME = "pages.sqlite"
SCHEMA_VERSION = 2  # 2: texts apart from titles, each page with its text's length and digest
_CHUNK = 500  # paths per query, well under SQLite's parameter limit

# A page's row is what the list shows; its text, which the list does not need, is in ``texts``
# under the article's id (made from the title and the text: pages alike share one). A page without
# an article has no id, and ``reason`` says why.
_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS pages (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        version TEXT NOT NULL,
        id TEXT,
        title TEXT,
        url TEXT,
        author TEXT,
        date TEXT,
        site TEXT,
        length INTEGER,
        digest BLOB,
        reason TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS pages_by_id ON pages (id)",
    "CREATE TABLE IF NOT EXISTS texts (id TEXT PRIMARY KEY, text BLOB NOT NULL)",  # UTF-8
    # A folder walked whole (by its absolute path): its pages' rows as in ``pages`` (without the
    # version, which is the listing's), in one value (``marshal``). Added to
    # schema 2 as it is: a store without it gains it, and code that does not know it passes it by.
    "CREATE TABLE IF NOT EXISTS listings (folder TEXT PRIMARY KEY, version TEXT NOT NULL, rows BLOB NOT NULL)",
)
_LISTED = "path, size, mtime_ns, version, id, title, url, author, date, site, length, digest, reason"
_RECALLED = _LISTED.replace(" version,", "")  # the version is asked for in the query


class PageStore:
    """Extracted pages by file identity. Use ``PageStore.open``; safe to share
    between threads. The file is opened on first use: a folder without web
    pages never touches it. The articles it gives back read their texts from
    it (``RememberedPage``), opening it again if it was closed."""

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
        """Let go of the file; an article read after this opens it again."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> PageStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def recall(self, files: Sequence[FileIdentity], version: str) -> dict[FileIdentity, Extracted]:
        """What was extracted from these files as they are now, by this extractor version:
        each article with its title and details, its text left in the store.

        The files of a folder are neighbours in the store's order (by path): their rows are read
        as one run of it, from the first path to the last, rather than looked up path by path (a
        third less of the time), and those of other files in that run are passed over."""
        by_path = {file.path: file for file in files}
        if not by_path:
            return {}
        query = f"SELECT {_RECALLED} FROM pages WHERE path BETWEEN ? AND ? AND version = ?"
        with self._lock:
            try:
                rows = self._connection().execute(query, (min(by_path), max(by_path), version)).fetchall()
            except sqlite3.Error as exc:
                self._failed(exc)
                return {}
        found: dict[FileIdentity, Extracted] = {}
        for path, size, mtime_ns, article_id, title, url, author, date, site, length, digest, why in rows:
            file = by_path.get(path)
            if file is None or size != file.size or mtime_ns != file.mtime_ns:
                continue
            if article_id is None:
                found[file] = why
            else:
                found[file] = RememberedPage(self, length, digest, article_id, title, path, url, author, date, site)
        return found

    def listing(self, folder: str, version: str) -> dict[FileIdentity, Extracted]:
        """What the pages of this folder, walked whole, gave when it was last listed by this extractor
        version, by the file as it was then: one value read, whatever the number of pages. Empty if
        there is none, or it cannot be read (it is written again once the folder is listed)."""
        query = "SELECT rows FROM listings WHERE folder = ? AND version = ?"
        with self._lock:
            try:
                row = self._connection().execute(query, (folder, version)).fetchone()
            except sqlite3.Error as exc:
                self._failed(exc)
                return {}
        if row is None:
            return {}
        found: dict[FileIdentity, Extracted] = {}
        try:
            for path, size, mtime_ns, article_id, title, url, author, date, site, length, digest, why in marshal.loads(
                row[0]
            ):
                file = file_identity((path, size, mtime_ns))
                if article_id is None:
                    found[file] = why
                else:
                    found[file] = RememberedPage(self, length, digest, article_id, title, path, url, author, date, site)
        except (ValueError, TypeError, EOFError):  # a value damaged in a sound file: the pages table answers
            return {}
        return found

    def keep_listing(self, folder: str, version: str, found: Sequence[tuple[FileIdentity, Extracted]]) -> None:
        """Keep what the pages of this folder, walked whole, gave (``listing``), in place of what was kept."""
        rows = [(file.path, file.size, file.mtime_ns, *_details(outcome)) for file, outcome in found]
        with self._lock:
            try:
                conn = self._connection()
                with immediate(conn):
                    conn.execute(
                        "INSERT OR REPLACE INTO listings VALUES (?, ?, ?)", (folder, version, marshal.dumps(rows))
                    )
            except sqlite3.Error as exc:  # busy, full or damaged: the pages table answers next time
                self._failed(exc)
            except ValueError:  # a value ``marshal`` cannot keep (none that SQLite gives): no listing
                pass

    def text(self, article_id: str) -> bytes | None:
        """The UTF-8 text of a remembered article; None if it is not there (or cannot be read)."""
        with self._lock:
            try:
                row = self._connection().execute("SELECT text FROM texts WHERE id = ?", (article_id,)).fetchone()
            except sqlite3.Error as exc:
                self._failed(exc)
                return None
        return None if row is None else row[0]

    def remember(self, found: Sequence[tuple[FileIdentity, Extracted]], version: str) -> None:
        """Keep what was extracted; the texts of what it replaces go, unless another page has them too."""
        rows, texts = [], []
        for file, outcome in found:
            rows.append((file.path, file.size, file.mtime_ns, version, *_details(outcome)))
            if not isinstance(outcome, str):
                texts.append((outcome.id, outcome.text.encode("utf-8", "surrogatepass")))
        paths = [row[0] for row in rows]
        with self._lock:
            try:
                conn = self._connection()
                with immediate(conn):
                    replaced = set()
                    for start in range(0, len(paths), _CHUNK):
                        chunk = paths[start : start + _CHUNK]
                        query = f"SELECT id FROM pages WHERE id IS NOT NULL AND path IN ({','.join('?' * len(chunk))})"
                        replaced.update(row[0] for row in conn.execute(query, chunk))
                    conn.executemany(f"INSERT OR REPLACE INTO pages ({_LISTED}) VALUES ({_MARKS})", rows)
                    conn.executemany("INSERT OR IGNORE INTO texts VALUES (?, ?)", texts)
                    unused = "DELETE FROM texts WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM pages WHERE id = ?1)"
                    conn.executemany(unused, ((article_id,) for article_id in replaced))
            except sqlite3.Error as exc:  # busy, full or damaged: the pages are extracted again next time
                self._failed(exc)

    def _failed(self, exc: sqlite3.Error) -> None:
        """A query failed (the lock held): if the file is damaged, it is started again on next use."""
        if isinstance(exc, sqlite3.OperationalError) or self._conn is None:
            return  # busy or full: tried again next time
        self._conn.close()
        self._conn = None
        with suppress(OSError):  # then the next query to meet the damage tries again
            remove_database(self._path)


_MARKS = ", ".join("?" * len(_LISTED.split(", ")))


def _details(outcome: Extracted) -> tuple[object, ...]:
    """A page's row after its file and version: its article's details, or why it has none."""
    if isinstance(outcome, str):
        return (*(None,) * 8, outcome)
    digest = outcome.known_digest()
    length = outcome.text_length() if digest is not None else len(outcome.text)
    details = (outcome.id, outcome.title, outcome.url, outcome.author, outcome.date, outcome.site)
    return (*details, length, digest if digest is not None else text_digest(outcome.text), None)


def _connect(path: Path) -> sqlite3.Connection:
    """The store's database, created or rebuilt as needed (a file of another schema
    is emptied: what it held is extracted again); in memory if the file cannot be used."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = connect(path, check=False)
        except Damaged:
            remove_database(path)
            conn = connect(path, check=False)
        with immediate(conn):
            if schema_version(conn) != SCHEMA_VERSION:
                tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
                for table in tables:
                    conn.execute(f'DROP TABLE "{table}"')
            _create(conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except (OSError, sqlite3.Error, Damaged):
        conn = in_memory()
        _create(conn)
    return conn


def _create(conn: sqlite3.Connection) -> None:
    for statement in _SCHEMA:
        conn.execute(statement)
