"""Read marks and bookmarks: remembered across launches, and never thrown away."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from core.store.library import FILE_NAME, SCHEMA_VERSION, Library


def test_marks_survive_reopening(tmp_path: Path) -> None:
    with Library.open(tmp_path) as library:
        library.mark_read("a1")
        library.mark_read("a2")
        library.mark_read("a2", read=False)
        assert library.toggle_bookmark("a1", "Ferry vote", "https://example.com/ferry") is True
        assert library.toggle_bookmark("b9", "Other") is True
        assert library.toggle_bookmark("b9") is False
    with Library.open(tmp_path) as library:
        assert library.notice is None
        assert library.is_read("a1") and not library.is_read("a2")
        assert library.read_ids() == {"a1"}
        assert library.is_bookmarked("a1") and not library.is_bookmarked("b9")
        [mark] = library.bookmarks()
        assert (mark.article_id, mark.title, mark.location) == ("a1", "Ferry vote", "https://example.com/ferry")


def test_bookmarks_newest_first(tmp_path: Path) -> None:
    with Library.open(tmp_path) as library:
        for n in range(3):
            library.toggle_bookmark(f"id{n}", f"T{n}")
        assert [b.article_id for b in library.bookmarks()] == ["id2", "id1", "id0"]


def test_damaged_file_is_kept_aside_not_deleted(tmp_path: Path) -> None:
    with Library.open(tmp_path) as library:
        library.mark_read("a1")
    (tmp_path / FILE_NAME).write_bytes(b"garbage!" * 1000)
    with Library.open(tmp_path) as library:
        assert library.notice and "damaged" in library.notice
        assert not library.is_read("a1")
        library.mark_read("a3")
        assert library.is_read("a3")
    kept = tmp_path / f"{FILE_NAME}.damaged"
    assert kept.read_bytes() == b"garbage!" * 1000


def test_unknown_older_layout_is_kept_aside(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / FILE_NAME)
    conn.execute("CREATE TABLE seen (id TEXT)")
    conn.commit()
    conn.close()
    with Library.open(tmp_path) as library:
        assert library.notice and "layout" in library.notice
        library.toggle_bookmark("x", "X")
        assert library.is_bookmarked("x")
    assert (tmp_path / f"{FILE_NAME}.v0").exists()


def test_newer_file_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("CREATE TABLE future (x)")
    conn.commit()
    conn.close()
    with Library.open(tmp_path) as library:
        assert library.path is None and library.notice and "newer" in library.notice
        library.mark_read("a1")
        assert library.is_read("a1")  # still works for this session
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["future"]
    conn.close()


WRITER = """
import sys
from core.store.library import Library
library = Library.open({directory!r})
for n in range(100):
    library.mark_read(f"{{sys.argv[1]}}{{n}}")
    library.toggle_bookmark(f"{{sys.argv[1]}}{{n}}", "t")
print(library.notice)
"""


def test_two_processes_at_once(tmp_path: Path) -> None:
    script = WRITER.format(directory=str(tmp_path))
    procs = [
        subprocess.Popen([sys.executable, "-c", script, tag], stdout=subprocess.PIPE, text=True) for tag in ("a", "b")
    ]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert outputs == ["None\n", "None\n"]
    with Library.open(tmp_path) as library:
        assert len(library.read_ids()) == 200
        assert len(library.bookmarks()) == 200


def test_default_directory_is_the_user_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(sys, "platform", "linux")
    with Library.open() as library:
        assert library.path == tmp_path / "xdg" / "newsreader" / FILE_NAME


def test_usable_from_worker_threads(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with Library.open(tmp_path) as library, ThreadPoolExecutor(4) as pool:
        list(pool.map(library.mark_read, [f"id{n}" for n in range(40)]))
        list(pool.map(lambda n: library.toggle_bookmark(f"id{n}", "t"), range(40)))
        assert len(library.read_ids()) == 40
        assert len(library.bookmarks()) == 40
