"""A folder of saved pages walked whole is kept as one listing: a second launch
reads that one value and no page's row, and a file changed, added, removed or
no longer readable since is found by its size and modification time, so the
listing never shows what a file no longer says."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

import core.ingest.html
import core.ingest.pages
from core.ingest.dispatch import load
from core.store import pages as page_store
from core.store.pages import PageStore
from tests.support.pages import news_page


def write_page(folder: Path, name: str, title: str) -> Path:
    path = folder / name
    path.write_text(news_page(title), encoding="utf-8")
    return path


def a_second_later(path: Path) -> None:
    """A file's modification time moved on, as an edit a second after the last would leave it."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))


def titles(folder: Path, cache: Path) -> list[str]:
    with PageStore.open(cache) as store:
        return [article.title for article in load([str(folder)], remembered=store).articles]


class Looked:
    """The pages table's rows looked up (by file name, one list a query) and the pages extracted, from now on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.rows: list[list[str]] = []
        self.extracted: list[str] = []
        recall, page_article = PageStore.recall, core.ingest.html.page_article

        def recalled(store: PageStore, files, version: str):
            self.rows.append([Path(file.path).name for file in files])
            return recall(store, files, version)

        def extracted(data, path=None, **options):
            self.extracted.append(Path(path).name)
            return page_article(data, path=path, **options)

        monkeypatch.setattr(PageStore, "recall", recalled)
        monkeypatch.setattr(core.ingest.html, "page_article", extracted)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Four pages, listed two at a time: the first two looked up in the pages table (one range,
    so that the first titles wait for no listing), the rest from the folder's listing."""
    monkeypatch.setattr(core.ingest.pages, "CHUNK", 2)
    pages = tmp_path / "pages"
    pages.mkdir()
    for number in range(3):
        write_page(pages, f"page{number}.html", f"Ferry vote, part {number}")
    (pages / "inner").mkdir()
    write_page(pages / "inner", "deeper.html", "Ferry vote, the inner part")
    return pages


def test_a_second_launch_reads_no_page_from_the_store(folder: Path, tmp_path: Path, monkeypatch) -> None:
    first = titles(folder, tmp_path / "cache")
    looked = Looked(monkeypatch)
    assert titles(folder, tmp_path / "cache") == first and len(first) == 4
    assert looked.rows == [["deeper.html", "page0.html"]] and looked.extracted == []


def test_a_changed_file_is_extracted_again_and_never_listed_as_it_was(
    folder: Path, tmp_path: Path, monkeypatch
) -> None:
    titles(folder, tmp_path / "cache")
    changed = write_page(folder, "page1.html", "Ferry vote postponed")
    a_second_later(changed)
    looked = Looked(monkeypatch)
    expected = ["Ferry vote, the inner part", "Ferry vote, part 0", "Ferry vote postponed", "Ferry vote, part 2"]
    assert titles(folder, tmp_path / "cache") == expected
    assert looked.rows[1:] == [["page1.html"]] and looked.extracted == ["page1.html"]
    looked = Looked(monkeypatch)
    assert titles(folder, tmp_path / "cache") == expected
    assert looked.rows == [["deeper.html", "page0.html"]], "the listing was kept again with the changed page"
    with PageStore.open(tmp_path / "cache") as store:  # its text too is the one it says now
        (article,) = load([str(changed)], remembered=store).articles
    assert article.title == "Ferry vote postponed" and article.text.startswith("The city council")


def test_a_page_added_or_removed_is_listed_so_and_the_listing_kept_again(
    folder: Path, tmp_path: Path, monkeypatch
) -> None:
    titles(folder, tmp_path / "cache")
    (folder / "page0.html").unlink()
    write_page(folder, "page9.html", "Ferry vote, a new part")
    looked = Looked(monkeypatch)
    expected = ["Ferry vote, the inner part", "Ferry vote, part 1", "Ferry vote, part 2", "Ferry vote, a new part"]
    assert titles(folder, tmp_path / "cache") == expected
    assert looked.rows[1:] == [["page9.html"]] and looked.extracted == ["page9.html"]
    looked = Looked(monkeypatch)
    assert titles(folder, tmp_path / "cache") == expected
    assert looked.rows == [["deeper.html", "page1.html"]], "then the listing alone"
    (folder / "page2.html").unlink()
    assert titles(folder, tmp_path / "cache") == expected[:2] + expected[3:]
    with sqlite3.connect(tmp_path / "cache" / page_store.FILE_NAME) as conn:
        (rows,) = conn.execute("SELECT rows FROM listings").fetchone()
    assert b"page9.html" in rows and b"page2.html" not in rows and b"page0.html" not in rows


def test_an_unreadable_page_stops_no_other_and_is_read_once_readable(folder: Path, tmp_path: Path) -> None:
    titles(folder, tmp_path / "cache")
    os.mkfifo(folder / "pipe.html")  # never opened: reported, as a file that cannot be read
    with PageStore.open(tmp_path / "cache") as store:
        loaded = load([str(folder)], remembered=store)
    assert len(loaded.articles) == 4 and [Path(e.input).name for e in loaded.errors] == ["pipe.html"]
    (folder / "pipe.html").unlink()
    write_page(folder, "pipe.html", "Ferry vote, readable at last")
    assert "Ferry vote, readable at last" in titles(folder, tmp_path / "cache")


def test_a_damaged_listing_leaves_the_pages_table_to_answer(folder: Path, tmp_path: Path, monkeypatch) -> None:
    first = titles(folder, tmp_path / "cache")
    with sqlite3.connect(tmp_path / "cache" / page_store.FILE_NAME) as conn:
        conn.execute("UPDATE listings SET rows = x'00ff10'")
    looked = Looked(monkeypatch)
    assert titles(folder, tmp_path / "cache") == first
    assert looked.rows[1:] == [["page1.html", "page2.html"]] and looked.extracted == []
    looked = Looked(monkeypatch)
    assert titles(folder, tmp_path / "cache") == first
    assert looked.rows == [["deeper.html", "page0.html"]], "and it is kept again"


def test_a_listing_is_of_one_extractor_version(folder: Path, tmp_path: Path, monkeypatch) -> None:
    titles(folder, tmp_path / "cache")
    with sqlite3.connect(tmp_path / "cache" / page_store.FILE_NAME) as conn:
        conn.execute("UPDATE listings SET version = 'another'")
    looked = Looked(monkeypatch)
    assert len(titles(folder, tmp_path / "cache")) == 4
    assert looked.rows[1:] == [["page1.html", "page2.html"]]


def test_a_folder_of_one_chunk_is_listed_too(tmp_path: Path, monkeypatch) -> None:
    """Its listing is read once its pages are, to know whether it is to be kept again."""
    (tmp_path / "pages").mkdir()
    write_page(tmp_path / "pages", "only.html", "Ferry vote, the only part")
    titles(tmp_path / "pages", tmp_path / "cache")
    kept: list[int] = []
    keep = PageStore.keep_listing
    monkeypatch.setattr(PageStore, "keep_listing", lambda store, *args: kept.append(1) or keep(store, *args))
    assert titles(tmp_path / "pages", tmp_path / "cache") == ["Ferry vote, the only part"]
    assert kept == []
    write_page(tmp_path / "pages", "only.html", "Ferry vote, the only part, changed")
    a_second_later(tmp_path / "pages" / "only.html")
    assert titles(tmp_path / "pages", tmp_path / "cache") == ["Ferry vote, the only part, changed"]
    assert kept == [1]


def test_a_page_the_reader_fails_on_stops_no_other(tmp_path: Path, monkeypatch) -> None:
    """A reader's bug on one page is that page's error; the pages after it are read, and it is tried again."""
    pages = tmp_path / "pages"
    pages.mkdir()
    for number in range(4):
        write_page(pages, f"page{number}.html", f"Ferry vote, part {number}")
    page_article = core.ingest.html.page_article

    def failing(data, path=None, **options):
        if path.endswith("page1.html"):
            raise RuntimeError("a bug in the reader")
        return page_article(data, path=path, **options)

    monkeypatch.setattr(core.ingest.html, "page_article", failing)
    with PageStore.open(tmp_path / "cache") as store:
        loaded = load([str(pages)], remembered=store)
    assert [a.title for a in loaded.articles] == ["Ferry vote, part 0", "Ferry vote, part 2", "Ferry vote, part 3"]
    assert [(Path(e.input).name, e.reason) for e in loaded.errors] == [
        ("page1.html", "could not be read (a bug in the reader)")
    ]
    monkeypatch.setattr(core.ingest.html, "page_article", page_article)
    assert titles(pages, tmp_path / "cache")[1] == "Ferry vote, part 1"
