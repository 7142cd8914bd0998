"""Saved web pages are read once: a second load takes what was extracted from
each file from the page store, until the file changes; new pages are
extracted in parallel processes with the same result."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import core.ingest.html
import core.ingest.pages
from core.ingest.dispatch import load
from core.ingest.pages import POOL_FROM
from core.store.pages import PageStore
from tests.support.pages import news_page


def write_pages(folder: Path, count: int) -> list[Path]:
    paths = []
    for number in range(count):
        path = folder / f"page{number:03d}.html"
        path.write_text(news_page(f"Councillors back ferry rescue, part {number}"), encoding="utf-8")
        paths.append(path)
    return paths


def no_extraction(*_args, **_kwargs):
    raise AssertionError("trafilatura ran again")


def test_a_second_load_does_not_extract_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pages").mkdir()
    write_pages(tmp_path / "pages", 3)
    (tmp_path / "pages" / "empty.html").write_text("<html><body><nav>Home</nav></body></html>")
    with PageStore.open(tmp_path / "cache") as store:
        first = load([str(tmp_path / "pages")], remembered=store)
    monkeypatch.setattr(core.ingest.html, "page_article", no_extraction)
    with PageStore.open(tmp_path / "cache") as store:
        second = load([str(tmp_path / "pages")], remembered=store)
    assert [a.title for a in first.articles] == [f"Councillors back ferry rescue, part {n}" for n in range(3)]
    assert second.articles == first.articles
    assert [(e.input, e.reason) for e in second.errors] == [(e.input, e.reason) for e in first.errors]
    assert len(first.errors) == 1


def test_a_changed_file_is_extracted_again(tmp_path: Path) -> None:
    (path,) = write_pages(tmp_path, 1)
    with PageStore.open(tmp_path / "cache") as store:
        load([str(path)], remembered=store)
        path.write_text(news_page("Ferry rescue vote postponed"), encoding="utf-8")
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))
        again = load([str(path)], remembered=store)
    assert [a.title for a in again.articles] == ["Ferry rescue vote postponed"]


def test_pages_extracted_in_processes_are_the_same(tmp_path: Path) -> None:
    write_pages(tmp_path, POOL_FROM + 2)
    alone = load([str(tmp_path)], jobs=1)
    parallel = load([str(tmp_path)], jobs=2)
    assert parallel.articles == alone.articles and len(alone.articles) == POOL_FROM + 2


async def test_the_app_lists_pages_extracted_in_processes(tmp_path: Path) -> None:
    """Worker processes start although Textual holds sys.stderr while it runs."""
    from tests.support.app import settle
    from tui.app import NewsReader

    write_pages(tmp_path, POOL_FROM + 1)
    app = NewsReader([str(tmp_path)], cache_dir=str(tmp_path / "cache"), data_dir=str(tmp_path / "data"), jobs=2)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert len(app.corpus.articles) == POOL_FROM + 1


def test_a_new_trafilatura_extracts_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    def installed(version: str) -> str:
        core.ingest.pages.extractor_version.cache_clear()
        package = tmp_path / version / "__init__.py"
        package.parent.mkdir()
        package.write_text(f'__version__ = "{version}"\n')
        spec = importlib.util.spec_from_file_location("trafilatura", package)
        monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
        return core.ingest.pages.extractor_version()

    try:
        assert installed("2.3.1") != installed("2.4.0")
    finally:
        monkeypatch.undo()
        core.ingest.pages.extractor_version.cache_clear()
