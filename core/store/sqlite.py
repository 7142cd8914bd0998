"""Opening the SQLite files newsreader keeps between launches, safely.

Both the analysis cache and the reading library are small SQLite files in
one directory each. Opening goes through here so both get the same rules:
connections usable from any thread (their owners serialise access with a lock),
WAL journaling (a reader never blocks the writer, a killed writer loses
only its unfinished transaction), a busy timeout (two newsreaders at once
wait for each other instead of failing), and a check that the file really
is a healthy database of the schema we expect.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BUSY_TIMEOUT_MS = 10_000
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


class Damaged(Exception):
    """The file is not a healthy SQLite database; the message says how."""


def connect(path: Path, *, check: bool = True) -> sqlite3.Connection:
    """Open ``path`` in WAL mode with a busy timeout; raise ``Damaged`` if it is not sound.
    ``check`` reads every page of the file first (``quick_check``); without it only a
    file that is not a database at all is found damaged here, and the owner rebuilds
    one found damaged later.

    "Locked" is not damage: another newsreader may be creating the same file
    right now (switching to WAL takes a lock the busy handler does not always
    wait for), so that is retried for the length of the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            verdict = conn.execute("PRAGMA quick_check").fetchone()[0] if check else "ok"
        except sqlite3.OperationalError as exc:
            conn.close()
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
            continue
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise Damaged(str(exc)) from None
        if verdict != "ok":
            conn.close()
            raise Damaged(verdict)
        return conn


def in_memory() -> sqlite3.Connection:
    """A stand-in database for when the file cannot be used: this session only."""
    return sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def remove_database(path: Path) -> None:
    """Delete a database file and its WAL side files (and nothing else)."""
    for candidate in (path, *(path.with_name(path.name + s) for s in SIDE_SUFFIXES)):
        candidate.unlink(missing_ok=True)


def set_aside(path: Path, tag: str) -> Path:
    """Rename a damaged database out of the way, keeping it for the user."""
    target = path.with_name(f"{path.name}.{tag}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{tag}{n}")
    path.replace(target)
    for suffix in SIDE_SUFFIXES:
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return target


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on error: taking the write lock up
    front makes two processes queue on the busy timeout instead of deadlocking."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
