"""Analyses stay in the cache: the corpus decodes only a bounded number in
memory, reads the others again when they are opened, and what the sources
views count across every article is still counted over all of them. No model
is loaded here: the analyses are made by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import core.corpus
from core.corpus import Corpus
from core.model import Analysis, Article, Entity, Quote
from core.nlp import Analyzer
from core.recent import RecentAnalyses
from core.store.cache import AnalysisCache
from tests.support.app import settle
from tests.support.paths import SEEDS
from tui.app import NewsReader
from widgets.reader import ReaderView

MODEL = "en_core_web_sm-3.8.0"
NAME = re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+")


def made_up(article: Article) -> Analysis:
    """Two-word capitalised names as people; one quote of the first sentence, by the first of them."""
    entities = tuple(Entity(m.start(), m.end(), "PERSON", m.group()) for m in NAME.finditer(article.text))
    end = article.text.find(".") + 1 or len(article.text)
    speaker = entities[0].text if entities else None
    return Analysis(entities, (Quote(0, end, article.text[:end], "reported", None, speaker),))


def numbered(count: int) -> list[Article]:
    return [Article(f"a{n}", f"Title {n}", f"Ada Lovelace met Alan Turing {n} times.") for n in range(count)]


def test_only_the_most_recently_used_are_decoded_and_the_rest_are_read_again() -> None:
    store = {f"a{n}": Analysis((Entity(0, 1, "PERSON", str(n)),)) for n in range(5)}
    reread: list[list[str]] = []
    kept = RecentAnalyses(lambda ids: reread.append(ids) or {i: store[i] for i in ids}, limit=2)
    for article_id, analysis in store.items():
        kept.put(article_id, analysis, rereadable=True)
    assert kept.in_memory() == 2
    assert list(kept) == list(store) and len(kept) == 5, "every analysed article is known, in order"
    assert kept["a0"] == store["a0"] and reread == [["a0"]]
    assert kept["a0"] == store["a0"] and reread == [["a0"]], "read again once, then in memory"
    assert kept.in_memory() == 2
    assert kept.many(["a1", "a2", "a0"]) == {i: store[i] for i in ("a1", "a2", "a0")}
    assert reread[-1] == ["a1", "a2"], "those out of memory read in one go"
    assert "nope" not in kept and kept.get("nope") is None


def test_an_analysis_that_cannot_be_read_again_stays_in_memory() -> None:
    kept = RecentAnalyses(lambda ids: {}, limit=1)
    for n in range(3):
        kept.put(f"a{n}", Analysis(), rereadable=False)
    kept.put("b", Analysis(), rereadable=True)
    kept.put("c", Analysis(), rereadable=True)
    assert kept.in_memory() == 4
    assert all(kept.get(f"a{n}") == Analysis() for n in range(3))
    assert kept.get("b") is None, "evicted and gone from its store: no analysis, not an error"


def test_the_corpus_holds_a_bounded_number_of_analyses_and_counts_sources_over_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(core.corpus, "ANALYSES_KEPT", 3)
    articles = numbered(10)
    pairs = [(article, made_up(article)) for article in articles]
    corpus = Corpus()
    with AnalysisCache.open(tmp_path) as cache:
        cache.put_many(pairs, MODEL)
        corpus.use_cache(cache, MODEL)
        for article, analysis in pairs:
            corpus.articles[article.id] = article
            corpus.set_analysis(article, analysis)
        assert corpus.analyses.in_memory() == 3
        assert len(corpus.analyses) == 10
        assert corpus.analysis_now(articles[0], cache, MODEL) == pairs[0][1], "an evicted analysis is read again"
        assert corpus.source_counts() == {"Ada Lovelace": 10}, "every article's quotes, decoded or not"
        assert corpus.quotes_by("ada lovelace") == [(article.id, 0) for article in articles]


def test_without_a_cache_every_analysis_stays_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core.corpus, "ANALYSES_KEPT", 3)
    corpus = Corpus()
    for article in numbered(10):
        corpus.articles[article.id] = article
        corpus.set_analysis(article, made_up(article))
    assert corpus.analyses.in_memory() == 10
    assert corpus.analysis_now(corpus.articles["a0"], None, MODEL) == made_up(corpus.articles["a0"])


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Analysing fails the test: everything here comes from the cache."""

    def analyze_many(self, articles, batch_size=16, n_process=1):
        raise AssertionError("nothing should be analysed: every analysis is cached")

    monkeypatch.setattr(Analyzer, "analyze_many", analyze_many)


async def test_an_article_whose_analysis_left_memory_opens_highlighted_with_its_quotes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_model: None
) -> None:
    monkeypatch.setattr(core.corpus, "ANALYSES_KEPT", 1)
    from core.ingest.dispatch import load
    from core.packed import SpilledArticle

    paths = [str(p) for p in sorted(SEEDS.glob("00[1-4]_*.txt"))]
    articles = load(paths).articles
    analyses = {article.id: made_up(article) for article in articles}
    with AnalysisCache.open(tmp_path / "cache") as cache:
        cache.put_many([(article, analyses[article.id]) for article in articles], Analyzer().model_id)
    app = NewsReader(paths, cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(app.corpus.analyses) == len(articles)
        assert app.corpus.analyses.in_memory() == 1, "only the last one used is decoded"
        first = articles[0].id
        assert app.current_id == first and analyses[first].entities
        await pilot.press("j", "k")  # away and back: the first one's analysis is read again
        reader = app.query_one(ReaderView)
        assert app.current_id == first
        assert isinstance(app.corpus.articles[first], SpilledArticle), "its text out of memory once indexed"
        assert reader.document.text == articles[0].text, "and read back for the reader"
        assert [(e.start, e.end) for e in reader.document.entities] == [
            (e.start, e.end) for e in analyses[first].entities
        ]
        assert app.corpus.analyses.in_memory() == 1
        speaker = analyses[first].quotes[0].speaker_name
        places = app.corpus.quotes_by(speaker)
        assert places == [(a, 0) for a, analysis in analyses.items() if analysis.quotes[0].speaker_name == speaker]
        app.show_source_everywhere(speaker)
        await pilot.pause()
        assert app._corpus_quotes == places, "every quote by them, decoded or not, listed"


def test_an_indexed_articles_text_is_kept_out_of_memory_and_reads_the_same() -> None:
    import gc

    from core.packed import SpilledArticle

    text = "Ada Lovelace wrote “notes” on the engine. " * 200
    article = Article("a", "Notes", text, url="https://example.org/a")
    corpus = Corpus()
    corpus.articles["a"] = article
    corpus.index_articles([(article, made_up(article))])
    kept = corpus.articles["a"]
    assert isinstance(kept, SpilledArticle), "moved out of memory once indexed"
    assert not [o for o in gc.get_referents(kept) if isinstance(o, (str, bytes)) and len(o) > 100], "no text held"
    assert kept == article and kept.text == text and kept.url == article.url
    hits, _, _ = corpus.search("engine")
    assert hits and all(hit.text == text[hit.start : hit.end] for hit in hits if hit.kind == "text")
    corpus.index_articles([(kept, made_up(article))])  # indexed again (a new analysis): put aside once
    assert corpus.articles["a"] is kept


def test_a_text_the_temporary_file_cannot_take_stays_compressed_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    from core.packed import PackedArticle, TextFile

    def full(self, data: bytes) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(TextFile, "put", full)
    text = "Ada Lovelace wrote notes on the engine. " * 200
    article = Article("a", "Notes", text)
    corpus = Corpus()
    corpus.articles["a"] = article
    corpus.index_articles([(article, made_up(article))])
    kept = corpus.articles["a"]
    assert isinstance(kept, PackedArticle) and len(kept._packed) < len(text) // 10 and kept.text == text
    assert corpus.search("engine")[0]


def test_texts_kept_aside_read_back_each_its_own_from_any_thread() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from core.packed import TextFile, encoded, spilled

    texts = TextFile()
    articles = [Article(str(n), f"T{n}", f"Text number {n}, “quoted”. " * (n % 7 + 1)) for n in range(300)]
    kept = [spilled(encoded(article), texts) for article in articles]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(lambda a: a.text, kept)) == [a.text for a in articles]
    assert kept == articles


def test_a_text_is_kept_in_utf8_as_read_and_compressed_from_it_once_indexed() -> None:
    import sys

    from core.packed import EncodedArticle, encoded, packed

    text = "“Ada Lovelace wrote notes,” she said. " * 100  # one curly quote: two bytes a character as a string
    article = Article("a", "Notes", text, path="x.jsonl", url="https://example.org/a")
    kept = encoded(article)
    assert isinstance(kept, EncodedArticle) and sys.getsizeof(kept._encoded) < sys.getsizeof(text) * 0.6
    assert kept == article and kept.text == text and kept.path == "x.jsonl"
    assert encoded(kept) is kept
    squeezed = packed(kept)
    assert squeezed == article and squeezed.text == text and len(squeezed._packed) < len(text) // 10


def test_a_text_cleaned_when_first_read_is_not_encoded_as_read() -> None:
    """Its record's analysis must know whether cleaning changed it (``core.ingest.deferred``)."""
    from core.ingest.deferred import DeferredArticle, as_recorded
    from core.packed import encoded

    deferred = DeferredArticle("a", "Title", "Text\x07 with a bell.")
    assert encoded(deferred) is deferred and not as_recorded(deferred)


def test_sources_count_the_same_from_the_few_quotes_kept_as_from_the_analyses() -> None:
    """Each article's quotes are kept as shared objects (who, which kinds); what the sources
    views count from them is what they count from the whole quotes."""
    import sys

    from core.sources import quotes_by, source_counts
    from core.sourcing import sourcing

    speakers = ["Ada Lovelace", "Alan Turing", None, "the ministry"]
    analyses = {
        f"a{n}": Analysis(
            (),
            tuple(
                Quote(
                    10 * q,
                    10 * q + 5,
                    f"words {n} {q}",
                    ("direct", "reported")[q % 2],
                    None,
                    speakers[(n + q) % 4] and f"{speakers[(n + q) % 4]}",
                    None,
                    ("person", "person", "anonymous", "organisation")[(n + q) % 4],
                )
                for q in range(n % 5)
            ),
        )
        for n in range(200)
    }
    corpus = Corpus()
    for article_id, analysis in analyses.items():
        corpus.keep({article_id: analysis})
    whole = {article_id: analysis.quotes for article_id, analysis in analyses.items()}
    assert corpus.source_counts() == source_counts(whole.values())
    assert corpus.quotes_by("ada lovelace") == quotes_by("Ada Lovelace", whole)
    assert sourcing(corpus.attributions.values()) == sourcing(whole.values())
    kept = {id(quote) for quotes in corpus.attributions.values() for quote in quotes}
    assert len(kept) <= 8, "one object for each speaker and kinds, not one a quote"
    assert sys.getsizeof(corpus.attributions["a4"]) <= sys.getsizeof((None,) * 4)
