"""Remembered pages are listed without their texts: a second launch reads each
page's title and details from the page store, finds its analysis by the digest
kept with it, and reads the text only when the article is opened, indexed or
analysed, exactly as it was extracted."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sqlite3
from pathlib import Path

import pytest

import core.ingest.html
from core.ingest.dispatch import iter_load, load
from core.ingest.pages import LOST, extractor_version
from core.model import Analysis, Article, Counts, Entity, Quote, text_digest
from core.nlp import Analyzer
from core.store import pages as page_store
from core.store.cache import AnalysisCache
from core.store.pages import PageStore
from tests.support.pages import PARAGRAPHS, news_page

MODEL = "en_core_web_sm-3.8.0"


def write_pages(folder: Path, count: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"page{number:03d}.html"
        paragraphs = (*PARAGRAPHS, f"This is part {number} of our series on the harbour ferry and its future.")
        path.write_text(news_page(f"Ferry vote, part {number}", paragraphs), encoding="utf-8")
        paths.append(path)
    return paths


def analysis_of(article: Article) -> Analysis:
    """Aisha Okonjo, wherever she is named, and her quotation (one ending in a curly quote)."""
    start = article.text.index("Aisha Okonjo")
    quoted = article.text.index("“"), article.text.index("”") + 1
    return Analysis(
        (Entity(start, start + 12, "PERSON", "Aisha Okonjo"),),
        (Quote(*quoted, article.text[slice(*quoted)], "direct", speaker_name="Aisha Okonjo"),),
    )


class Fetched:
    """What the page store's queries fetch, and the bytes the analysis cache hashes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.values: list[str | bytes] = []
        self.hashed: list[int] = []
        connection = PageStore._connection
        monkeypatch.setattr(PageStore, "_connection", lambda store: Watched(connection(store), self.values))
        blake2b = hashlib.blake2b

        def counted(data: bytes = b"", **options: int) -> object:
            self.hashed.append(len(data))
            return blake2b(data, **options)

        monkeypatch.setattr(hashlib, "blake2b", counted)

    def texts(self, phrase: str) -> int:
        """How many values fetched hold this phrase of the pages' text."""
        return sum((phrase.encode() if isinstance(v, bytes) else phrase) in v for v in self.values)


class Watched:
    def __init__(self, conn: sqlite3.Connection, values: list[str | bytes]) -> None:
        self._conn, self._values = conn, values

    def execute(self, *args: object) -> list[tuple]:
        rows = self._conn.execute(*args).fetchall()
        self._values += [value for row in rows for value in row if isinstance(value, str | bytes)]
        return Rows(rows)

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)


class Rows(list):
    def fetchall(self) -> list[tuple]:
        return list(self)

    def fetchone(self) -> tuple | None:
        return self[0] if self else None


def no_extraction(*_args, **_kwargs):
    raise AssertionError("trafilatura ran again")


def test_listing_and_counting_remembered_pages_reads_no_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_pages(tmp_path / "pages", 5)
    with PageStore.open(tmp_path / "cache") as store:
        first = load([str(tmp_path / "pages")], remembered=store).articles
    with AnalysisCache.open(tmp_path / "cache") as cache:
        cache.put_many([(first[1], analysis_of(first[1]))], MODEL)
    monkeypatch.setattr(core.ingest.html, "page_article", no_extraction)
    fetched = Fetched(monkeypatch)
    with PageStore.open(tmp_path / "cache") as store, AnalysisCache.open(tmp_path / "cache") as cache:
        second = load([str(tmp_path / "pages")], remembered=store).articles
        assert [(a.id, a.title, a.path, a.author, a.site) for a in second] == [
            (a.id, a.title, a.path, a.author, a.site) for a in first
        ]
        assert cache.counts_many(second, MODEL) == {first[1].id: Counts(1, 1)}
        assert fetched.values and fetched.texts("Spike Island") == 0, "nothing listed or counted read a text"
        assert max(fetched.hashed) < 200, "no text hashed to find its analysis"
        assert cache.get_many(second[1:2], MODEL) == {first[1].id: analysis_of(first[1])}
        assert [a.text for a in second] == [a.text for a in first]
        assert fetched.texts("Spike Island") == 5, "a text is read once, when it is first asked for"
        assert [a.text for a in second] == [a.text for a in first]
        assert fetched.texts("Spike Island") == 5
        assert [a.text_length() for a in second] == [len(a.text) for a in first]


def test_remembered_pages_are_handed_on_together_in_their_order(tmp_path: Path) -> None:
    """Extracted, each page is listed as it comes; remembered, as many as are ready at once."""
    write_pages(tmp_path / "pages", 70)
    (tmp_path / "pages" / "page030.txt").write_text("A note between two pages.", encoding="utf-8")

    def steps() -> list[list[str]]:
        with PageStore.open(tmp_path / "cache") as store:
            loaded = iter_load([str(tmp_path / "pages")], remembered=store)
            return [[Path(a.path).name for a in step.articles] for step in loaded if step.articles]

    extracted, remembered = steps(), steps()
    names = sorted(path.name for path in (tmp_path / "pages").iterdir())
    assert [name for step in remembered for name in step] == [name for step in extracted for name in step] == names
    assert len(extracted) == 71
    assert [len(step) for step in remembered] == [31, 1, 33, 6]


def test_a_remembered_text_is_exact(tmp_path: Path) -> None:
    """Curly quotes, accents, a lone surrogate's neighbours and line breaks come back as extracted."""
    paragraphs = (*PARAGRAPHS, "Señora Núñez said: “ça va” — 東京 — 🚢 and\ttabs.")
    page = tmp_path / "page.html"
    page.write_text(news_page("Ferry café reopens", paragraphs), encoding="utf-8")
    with PageStore.open(tmp_path / "cache") as store:
        (first,) = load([str(page)], remembered=store).articles
    with PageStore.open(tmp_path / "cache") as store:
        (second,) = load([str(page)], remembered=store).articles
        assert "東京 — 🚢" in first.text
        assert second.text == first.text and second.text_length() == len(first.text)
        assert second.known_digest() == text_digest(first.text)
        assert second == first


def test_a_remembered_page_goes_to_an_analysis_process_as_its_plain_article(tmp_path: Path) -> None:
    (page,) = write_pages(tmp_path / "pages", 1)
    with PageStore.open(tmp_path / "cache") as store:
        (first,) = load([str(page)], remembered=store).articles
        (second,) = load([str(page)], remembered=store).articles
        sent = pickle.loads(pickle.dumps(second))
    assert type(sent) is Article and sent == first


def test_a_changed_page_is_extracted_again_and_its_old_text_is_let_go(tmp_path: Path) -> None:
    (page,) = write_pages(tmp_path / "pages", 1)
    with PageStore.open(tmp_path / "cache") as store:
        (before,) = load([str(page)], remembered=store).articles
        page.write_text(news_page("Ferry vote postponed"), encoding="utf-8")
        os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 1_000_000_000))
        (after,) = load([str(page)], remembered=store).articles
        (again,) = load([str(page)], remembered=store).articles
    assert after.title == again.title == "Ferry vote postponed" and again.text == after.text
    with sqlite3.connect(tmp_path / "cache" / page_store.FILE_NAME) as conn:
        assert conn.execute("SELECT id FROM texts").fetchall() == [(after.id,)]
    assert before.id != after.id


def test_a_text_the_store_lost_is_read_from_its_unchanged_file(tmp_path: Path) -> None:
    """Another newsreader may have rebuilt the store since the page was listed."""
    first_page, second_page = write_pages(tmp_path / "pages", 2)
    with PageStore.open(tmp_path / "cache") as store:
        extracted = load([str(tmp_path / "pages")], remembered=store).articles
        remembered = load([str(tmp_path / "pages")], remembered=store).articles
    with sqlite3.connect(tmp_path / "cache" / page_store.FILE_NAME) as conn:
        conn.execute("DELETE FROM texts")
    second_page.write_text(news_page("Something else entirely"), encoding="utf-8")
    assert remembered[0].text == extracted[0].text
    assert remembered[1].text == LOST, "not another page's text under this one's title"
    assert remembered[1].known_digest() == text_digest(LOST), "nor the analysis of the text it had"


def test_a_store_of_the_first_schema_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first schema kept each page's article as one JSON payload: its rows are dropped,
    even one that fits the file as it is now, and the pages extracted again (the store is disposable)."""
    (page,) = write_pages(tmp_path / "pages", 1)
    (tmp_path / "cache").mkdir()
    info = page.stat()
    stale = json.dumps(["id0", "A stale title", "A stale text.", str(page), None, None, None, None])
    with sqlite3.connect(tmp_path / "cache" / page_store.FILE_NAME) as conn:
        conn.execute(
            "CREATE TABLE pages (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,"
            " version TEXT NOT NULL, payload BLOB NOT NULL)"
        )
        row = (str(page), info.st_size, info.st_mtime_ns, extractor_version(), stale.encode())
        conn.execute("INSERT INTO pages VALUES (?, ?, ?, ?, ?)", row)
        conn.execute("PRAGMA user_version = 1")
    extracted = []
    extract = core.ingest.html.page_article

    def counted(*args, **kwargs):
        extracted.append(kwargs.get("path"))
        return extract(*args, **kwargs)

    monkeypatch.setattr(core.ingest.html, "page_article", counted)
    with PageStore.open(tmp_path / "cache") as store:
        (article,) = load([str(page)], remembered=store).articles
        (again,) = load([str(page)], remembered=store).articles
    assert article.title == "Ferry vote, part 0"
    assert extracted == [str(page)] and again == article
    with sqlite3.connect(tmp_path / "cache" / page_store.FILE_NAME) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == page_store.SCHEMA_VERSION == 2


def test_a_store_damaged_where_it_is_read_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The store is not checked page by page when opened: damage met by a query starts it again."""
    write_pages(tmp_path / "pages", 3)
    with PageStore.open(tmp_path / "cache") as store:
        first = load([str(tmp_path / "pages")], remembered=store).articles
    damaged = tmp_path / "cache" / page_store.FILE_NAME
    with damaged.open("r+b") as file:
        file.seek(4096)  # past the first page, which names the tables: the rows of every table, the listing's too
        file.write(bytes(range(256)) * (damaged.stat().st_size // 256))
    with PageStore.open(tmp_path / "cache") as store:
        again = load([str(tmp_path / "pages")], remembered=store).articles
    monkeypatch.setattr(core.ingest.html, "page_article", no_extraction)
    with PageStore.open(tmp_path / "cache") as store:
        remembered = load([str(tmp_path / "pages")], remembered=store).articles
        assert again == first and remembered == first


def test_the_cache_finds_an_analysis_by_a_remembered_digest_as_by_the_text(tmp_path: Path) -> None:
    (page,) = write_pages(tmp_path / "pages", 1)
    with PageStore.open(tmp_path / "cache") as store:
        (extracted,) = load([str(page)], remembered=store).articles
        (remembered,) = load([str(page)], remembered=store).articles
    plain = Article(**{name: getattr(extracted, name) for name in Article.__match_args__})
    with AnalysisCache.open(tmp_path / "cache") as cache:
        cache.put_many([(remembered, analysis_of(plain))], Analyzer().model_id)
        assert cache.get_many([plain], Analyzer().model_id) == {plain.id: analysis_of(plain)}


async def test_a_remembered_page_opens_with_its_whole_text_and_its_cached_highlights(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.support.app import settle
    from tui.app import NewsReader
    from widgets.reader import ReaderView

    write_pages(tmp_path / "pages", 3)
    with PageStore.open(tmp_path / "cache") as store:
        extracted = load([str(tmp_path / "pages")], remembered=store).articles
    with AnalysisCache.open(tmp_path / "cache") as cache:
        cache.put_many([(article, analysis_of(article)) for article in extracted], Analyzer().model_id)

    def analyze_many(self, articles, batch_size=16, n_process=1):
        raise AssertionError("nothing should be analysed: every analysis is cached")

    monkeypatch.setattr(Analyzer, "analyze_many", analyze_many)
    monkeypatch.setattr(core.ingest.html, "page_article", no_extraction)
    app = NewsReader([str(tmp_path / "pages")], cache_dir=str(tmp_path / "cache"), data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.query_one(ReaderView)
        for article in extracted:
            app.open_article(article.id)
            await pilot.pause()
            assert reader.document.text == article.text
            spans = [(mark.start, mark.end) for mark in reader.document.entities]
            assert spans == [(e.start, e.end) for e in analysis_of(article).entities]
            assert reader.document.text[slice(*spans[0])] == "Aisha Okonjo"


def test_remembered_pages_are_read_as_runs_of_the_store_not_path_by_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder's pages are neighbours in the store: each chunk of them is one range of it. A row
    of a file in that range that is not asked for, and one of another extractor, are passed over.
    (Without the folder's listing, which answers for a folder walked whole: ``test_pages_listing``.)"""
    write_pages(tmp_path / "pages", 70)
    with PageStore.open(tmp_path / "cache") as store:
        first = load([str(tmp_path / "pages")], remembered=store).articles
    gone = tmp_path / "pages" / "page005.html"
    gone.unlink()  # its row stays in the store, inside the range of its neighbours
    with sqlite3.connect(tmp_path / "cache" / page_store.FILE_NAME) as conn:
        conn.execute("UPDATE pages SET version = 'another' WHERE path LIKE '%page007.html'")
        conn.execute("DELETE FROM listings")
    bound: list[int] = []
    connection = PageStore._connection

    class Counted:
        def __init__(self, conn: sqlite3.Connection) -> None:
            self._conn = conn

        def execute(self, query: str, parameters: tuple = ()) -> sqlite3.Cursor:
            bound.append(len(parameters))
            return self._conn.execute(query, parameters)

        def __getattr__(self, name: str) -> object:
            return getattr(self._conn, name)

    monkeypatch.setattr(PageStore, "_connection", lambda store: Counted(connection(store)))
    with PageStore.open(tmp_path / "cache") as store:
        again = load([str(tmp_path / "pages")], remembered=store).articles
    assert again == [article for article in first if not article.path.endswith("page005.html")]
    assert bound and max(bound[:2]) <= 3, "a range and the version, not one parameter per page"


def test_a_page_is_known_by_its_absolute_path_however_it_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each folder is made absolute once, not each of its pages."""
    from core.ingest import pages

    write_pages(tmp_path / "pages", 20)
    (tmp_path / "pages" / "inner").mkdir()
    monkeypatch.chdir(tmp_path / "pages" / "inner")
    names = ["../page000.html", "./../page001.html", "../../pages/page002.html", "..//page003.html"]
    names += [str(tmp_path / "pages" / f"page{n:03d}.html") for n in range(4, 20)]
    absolute = os.path.abspath
    made: list[str] = []

    def counted(path: str) -> str:
        made.append(path)
        return absolute(path)

    monkeypatch.setattr(os.path, "abspath", counted)
    found = pages._identities(names, {})
    assert [identity.path for identity in found.values()] == [absolute(name) for name in names]
    assert len(made) <= 5, "once for each folder named"
