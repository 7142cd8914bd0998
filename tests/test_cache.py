"""The analysis cache: round trips, cheap counts, and surviving what real disks do."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from core.analysis import analyses
from core.ingest.base import article_id
from core.model import Analysis, Article, Entity, Quote, Span
from core.store.cache import FILE_NAME, AnalysisCache, Counts, decode, encode

MODEL = "en_test-1.0"
TEXT = "“We will rebuild,” said Anna Smith, the mayor. Critics called it “a fantasy”."


def make_article(text: str = TEXT, title: str = "Mayor") -> Article:
    return Article(id=article_id(title, text), title=title, text=text)


def make_analysis(text: str = TEXT) -> Analysis:
    start = text.index("Anna Smith")
    name = Span(start, start + 10, "Anna Smith")
    cue = Span(text.index("said"), text.index("said") + 4, "said")
    mayor = text.index("the mayor")
    return Analysis(
        entities=(Entity(start, start + 10, "PERSON", "Anna Smith"),),
        quotes=(
            Quote(0, 17, text[0:17], "direct", name, "Anna Smith", cue, "person", Span(mayor, mayor + 9, "the mayor")),
            # A quote whose text is not the plain slice must survive too.
            Quote(60, 73, "a fantasy", "partial"),
        ),
    )


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    article, analysis = make_article(), make_analysis()
    with AnalysisCache.open(tmp_path) as cache:
        cache.put_many([(article, analysis)], MODEL)
    with AnalysisCache.open(tmp_path) as cache:
        assert cache.get_many([article], MODEL) == {article.id: analysis}
        assert cache.notice is None


def test_payload_stores_offsets_not_repeated_text() -> None:
    analysis = make_analysis()
    payload = encode(analysis, TEXT)
    assert b"Anna Smith" in payload  # once, as speaker_name
    assert payload.count(b"Anna Smith") == 1
    assert decode(payload, TEXT) == analysis


def test_key_includes_text_and_model(tmp_path: Path) -> None:
    article = make_article()
    with AnalysisCache.open(tmp_path) as cache:
        cache.put_many([(article, make_analysis())], MODEL)
        assert cache.get_many([article], "en_other-2.0") == {}
        edited = make_article(TEXT + " More.")
        assert cache.get_many([edited], MODEL) == {}
        # Same text under another id (another source) is the same analysis.
        twin = Article(id="elsewhere", title="Other", text=TEXT)
        assert set(cache.get_many([article, twin], MODEL)) == {article.id, "elsewhere"}
        assert set(cache.counts_many([article, twin], MODEL)) == {article.id, "elsewhere"}


def test_counts_many_without_decoding(tmp_path: Path) -> None:
    articles = [make_article(TEXT + f" {n}.", f"T{n}") for n in range(1200)]
    with AnalysisCache.open(tmp_path) as cache:
        cache.put_many([(a, make_analysis()) for a in articles[:1000]], MODEL)
        counts = cache.counts_many(articles, MODEL)
    assert len(counts) == 1000  # more keys than one query takes
    assert counts[articles[0].id] == Counts(entities=1, quotes=2)
    assert articles[1100].id not in counts


def test_garbage_file_is_rebuilt_with_notice(tmp_path: Path) -> None:
    with AnalysisCache.open(tmp_path) as cache:
        cache.put_many([(make_article(), make_analysis())], MODEL)
    (tmp_path / FILE_NAME).write_bytes(b"this is not sqlite" * 500)
    with AnalysisCache.open(tmp_path) as cache:
        assert cache.notice and "damaged" in cache.notice
        assert cache.get_many([make_article()], MODEL) == {}
        cache.put_many([(make_article(), make_analysis())], MODEL)
        assert cache.count() == 1


def test_damaged_pages_are_detected(tmp_path: Path) -> None:
    articles = [make_article(TEXT * 20 + str(n), str(n)) for n in range(300)]
    with AnalysisCache.open(tmp_path) as cache:
        cache.put_many([(a, make_analysis()) for a in articles], MODEL)
    path = tmp_path / FILE_NAME
    data = bytearray(path.read_bytes())
    assert len(data) > 40_000
    data[8192:24576] = b"\xff" * 16384  # keep the header, wreck pages in the middle
    path.write_bytes(bytes(data))
    with AnalysisCache.open(tmp_path) as cache:
        assert cache.notice and "damaged" in cache.notice
        assert cache.count() == 0


def test_older_schema_is_rebuilt(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / FILE_NAME)
    conn.execute("CREATE TABLE analyses (id TEXT, json TEXT)")
    conn.execute("INSERT INTO analyses VALUES ('a', '{}')")
    conn.commit()
    conn.close()
    with AnalysisCache.open(tmp_path) as cache:
        assert cache.notice and "another version" in cache.notice
        cache.put_many([(make_article(), make_analysis())], MODEL)
        assert cache.get_many([make_article()], MODEL)


def test_killed_mid_write_keeps_committed_rows(tmp_path: Path) -> None:
    script = f"""
import os, sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from test_cache import make_article, make_analysis, MODEL
from core.store.cache import AnalysisCache
cache = AnalysisCache.open({str(tmp_path)!r})
cache.put_many([(make_article(), make_analysis())], MODEL)
conn = cache._conn
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO analyses VALUES (x'00', 0, 0, x'00')")
os._exit(9)
"""
    subprocess.run([sys.executable, "-c", script], check=False, timeout=60)
    with AnalysisCache.open(tmp_path) as cache:
        assert cache.notice is None
        assert cache.count() == 1
        assert cache.get_many([make_article()], MODEL)


WRITER = """
import sys
sys.path.insert(0, {tests!r})
from test_cache import make_article, make_analysis, MODEL
from core.store.cache import AnalysisCache
tag = sys.argv[1]
cache = AnalysisCache.open({directory!r})
for batch in range(20):
    pairs = [(make_article(f"{{tag}} {{batch}} {{n}}", "t"), make_analysis()) for n in range(25)]
    cache.put_many(pairs, MODEL)
    cache.get_many([p[0] for p in pairs], MODEL)
print(cache.notice)
"""


def test_two_processes_writing_at_once(tmp_path: Path) -> None:
    script = WRITER.format(tests=str(Path(__file__).parent), directory=str(tmp_path))
    procs = [
        subprocess.Popen([sys.executable, "-c", script, tag], stdout=subprocess.PIPE, text=True) for tag in ("a", "b")
    ]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert outputs == ["None\n", "None\n"]
    with AnalysisCache.open(tmp_path) as cache:
        assert cache.count() == 2 * 20 * 25


def test_default_directory_is_the_user_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(sys, "platform", "linux")
    with AnalysisCache.open() as cache:
        assert cache.path == tmp_path / "xdg" / "newsreader" / FILE_NAME


def test_writes_only_inside_its_directory(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    with AnalysisCache.open(folder) as cache:
        cache.put_many([(make_article(), make_analysis())], MODEL)
    (folder / FILE_NAME).write_bytes(b"garbage" * 100)
    AnalysisCache.open(folder).close()
    outside = [p for p in tmp_path.rglob("*") if folder not in (p, *p.parents)]
    assert outside == []


def test_unusable_directory_degrades_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with AnalysisCache.open(blocker / "cache") as cache:
        assert cache.path is None and cache.notice
        cache.put_many([(make_article(), make_analysis())], MODEL)
        assert cache.get_many([make_article()], MODEL)


class CountingAnalyzer:
    """Stands in for core.nlp.Analyzer: records what it was asked to analyse."""

    model_id = MODEL

    def __init__(self) -> None:
        self.analysed: list[str] = []

    def analyze_many(self, articles, n_process=1):
        for article in articles:
            self.analysed.append(article.id)
            yield article, Analysis(entities=(Entity(0, 1, "ORG", article.text[:1]),))


def test_analyses_in_order_analysing_only_what_is_missing(tmp_path: Path) -> None:
    articles = [make_article(f"Text number {n}.", f"T{n}") for n in range(10)]
    with AnalysisCache.open(tmp_path) as cache:
        first = CountingAnalyzer()
        list(analyses(articles[::2], first, cache))
        second = CountingAnalyzer()
        pairs = list(analyses(articles, second, cache, batch_size=2))
        assert [a.id for a, _ in pairs] == [a.id for a in articles]
        assert second.analysed == [a.id for a in articles[1::2]]
        third = CountingAnalyzer()
        assert [p[1] for p in analyses(articles, third, cache)] == [p[1] for p in pairs]
        assert third.analysed == []


def test_analyses_stopped_early_keep_what_was_done(tmp_path: Path) -> None:
    articles = [make_article(f"Text number {n}.", f"T{n}") for n in range(10)]
    with AnalysisCache.open(tmp_path) as cache:
        stream = analyses(articles, CountingAnalyzer(), cache, batch_size=100)
        for _ in range(3):
            next(stream)
        stream.close()
        assert len(cache.get_many(articles, MODEL)) == 3


def test_analyses_without_a_cache(tmp_path: Path) -> None:
    analyzer = CountingAnalyzer()
    articles = [make_article()]
    assert [a for a, _ in analyses(articles, analyzer, None)] == articles
    assert analyzer.analysed == [articles[0].id]


@pytest.mark.slow
def test_cli_analyze_second_run_comes_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    import core.nlp
    from tui.cli import main

    article = tmp_path / "a.txt"
    article.write_text("Mayor speaks\n\n“We will rebuild,” said Anna Smith, the mayor of Leeds.", encoding="utf-8")
    cache_dir = tmp_path / "cache"
    assert main(["analyze", "--cache-dir", str(cache_dir), str(article)]) == 0
    first = capsys.readouterr().out

    def no_model(name: str):
        raise AssertionError("the model was loaded although everything was cached")

    monkeypatch.setattr(core.nlp, "load_model", no_model)
    assert main(["analyze", "--cache-dir", str(cache_dir), str(article)]) == 0
    assert capsys.readouterr().out == first
    assert '"PERSON"' in first

    monkeypatch.undo()
    empty = tmp_path / "unused"
    assert main(["analyze", "--no-cache", "--cache-dir", str(empty), str(article)]) == 0
    assert capsys.readouterr().out == first
    assert not empty.exists()


def test_bench_cache_small() -> None:
    bench = Path(__file__).resolve().parent.parent / "bench" / "cache.py"
    done = subprocess.run(
        [sys.executable, str(bench), "--small"], capture_output=True, text=True, timeout=300, check=True
    )
    last = done.stdout.strip().splitlines()[-1]
    assert re.fullmatch(
        r"cache: put=\d+\.\d\d s open=\d+\.\d ms counts=\d+ ms get=\d+\.\d\d s size=\d+\.\d MB", last
    ), last


def test_usable_from_worker_threads(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    articles = [make_article(f"Text {n}.", f"T{n}") for n in range(40)]
    with AnalysisCache.open(tmp_path) as cache, ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda a: cache.put_many([(a, make_analysis())], MODEL), articles))
        found = list(pool.map(lambda a: cache.get_many([a], MODEL), articles))
    assert all(len(f) == 1 for f in found)


def test_extractor_version_follows_modules_the_extractor_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    from core.store import cache as cache_module

    cache_module.extractor_version.cache_clear()
    before = cache_module.extractor_version()
    real = importlib.util.find_spec
    marks = real("core.quotes.marks")
    edited = tmp_path / "quote_marks.py"
    edited.write_bytes(Path(marks.origin).read_bytes() + b"\n# edited\n")

    def find_spec(name: str, *args: object):
        if name == "core.quotes.marks":
            return importlib.util.spec_from_file_location(name, edited)
        return real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    cache_module.extractor_version.cache_clear()
    try:
        assert cache_module.extractor_version() != before
    finally:
        monkeypatch.undo()
        cache_module.extractor_version.cache_clear()
    assert cache_module.extractor_version() == before


def test_extractor_version_covers_every_quotes_module() -> None:
    """The digest follows imports into packages: each module of core.quotes counts."""
    from core.store.cache import extractor_sources

    covered = {name for name, source in extractor_sources() if source is not None}
    package = Path(__file__).resolve().parent.parent / "core" / "quotes"
    wanted = {f"core.quotes.{p.stem}" for p in package.glob("*.py") if p.stem != "__init__"}
    assert wanted <= covered
