"""A name in an article spaCy has analysed is found with a typo, and by its beginning, while
spaCy is still at a long transcript: the loading worker files the words of what it indexed
before it waits for spaCy again. (A search while loading files no word itself; the loader
filed them only once 20,000 waited, which a few articles analysed never bring, so the typo
found nothing until the transcript, minutes later, was done.)"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from types import SimpleNamespace

import pytest

from core.corpus import Corpus
from core.ingest.dispatch import LoadStep
from core.model import Analysis, Article
from tui import workers

SYLLABLES = ("ka", "lo", "mir", "ven", "tu", "sa", "dre", "pol", "ni", "gu")


def _transcript() -> Article:
    """Longer than ``LONG_CHARS`` (so analysed last), with thousands of words of its own."""
    words = [
        "".join(SYLLABLES[int(digit)] for digit in f"{number:04d}") for number in range(workers.LONG_CHARS // 8 + 1)
    ]
    return Article("transcript", "Council transcript", " ".join(words))


def _app() -> SimpleNamespace:
    """What the analysis paths read of the app: a corpus listed as the loader lists it, nothing cached."""
    corpus = Corpus()
    corpus.add(
        LoadStep(
            articles=[
                _transcript(),  # at the top of the list, analysed after the short ones
                Article("ferry", "Ferry timetable", "The ferry crews met on Tuesday to plan the winter."),
                Article("plan", "Harbour plan approved", "The plan will go ahead, said Mayor Ana Ortiz on Monday."),
            ]
        )
    )
    analyzer = SimpleNamespace(load=lambda: None, model_id="rules", model_name="rules")
    return SimpleNamespace(
        corpus=corpus,
        analyzer=analyzer,
        cache=None,
        jobs=2,
        current_id=None,
        call_from_thread=lambda call, *args: call(*args),
        articles_analysed=lambda *args: None,
        analysis_failed=pytest.fail,
    )


def _found_meanwhile(app: SimpleNamespace) -> Callable[[list[Article]], None]:
    """What spaCy does for a batch: for the transcript, the user's searches first (kept in ``app.found``)."""
    app.found = {}

    def analysing(batch: list[Article]) -> None:
        if any(article.id == "transcript" for article in batch):
            for query in ("ortis", "orti"):
                app.found[query] = app.corpus.search(query)[1]

    return analysing


def test_a_typo_finds_a_name_analysed_while_spacy_is_at_a_transcript_in_this_process() -> None:
    app = _app()
    analysing = _found_meanwhile(app)

    def analyse(batch, store_every):
        analysing(batch)
        yield from ((article, Analysis()) for article in batch)

    pending = workers._analysis_order(app.corpus.articles.values())
    workers._analyse_here(app, SimpleNamespace(is_cancelled=False), SimpleNamespace(analyse=analyse), pending)
    assert app.found == {"ortis": {"plan"}, "orti": {"plan"}}


def test_a_typo_finds_a_name_analysed_while_spacy_is_at_a_transcript_in_processes(monkeypatch) -> None:
    app = _app()
    analysing = _found_meanwhile(app)

    class Pool:
        def __init__(self, model_name: str, jobs: int) -> None:
            pass

        def __enter__(self) -> Pool:
            return self

        def __exit__(self, *_: object) -> None:
            pass

        def submit(self, batch: list[Article]) -> Future[list[Analysis]]:
            analysing(batch)
            done: Future[list[Analysis]] = Future()
            done.set_result([Analysis() for _ in batch])
            return done

    monkeypatch.setattr("core.analysis_pool.AnalysisPool", Pool)
    pending = workers._analysis_order(app.corpus.articles.values())
    workers._analyse_in_processes(app, SimpleNamespace(is_cancelled=False), pending)
    assert app.found == {"ortis": {"plan"}, "orti": {"plan"}}


def test_a_typo_finds_words_of_the_texts_waiting_for_spacy_before_all_are_indexed(monkeypatch) -> None:
    """At 100,000 new articles the pass indexing the texts that wait for spaCy takes a minute:
    their words are filed a chunk at a time, so a typo finds what is indexed so far."""
    app = _app()
    corpus = app.corpus
    corpus.add(LoadStep(articles=[Article("minutes", "Port minutes", _transcript().text)]))
    monkeypatch.setattr(workers, "WAITING_CHUNK", 1)
    word = "".join(SYLLABLES[int(digit)] for digit in "0123")  # one of the transcripts' words
    typo = word[:-1] + "x"
    waiting_indexed: list[str] = []
    found_between_chunks: list[set[str]] = []
    index_articles = corpus.index_articles

    def indexing(pairs) -> None:
        pairs = list(pairs)
        if pairs[0][1] is None and waiting_indexed:
            found_between_chunks.append(corpus.search(typo)[1])
        index_articles(pairs)
        waiting_indexed.extend(article.id for article, analysis in pairs if analysis is None)

    monkeypatch.setattr(corpus, "index_articles", indexing)

    def analyse(batch, store_every):
        yield from ((article, Analysis()) for article in batch)

    pending = workers._analysis_order(corpus.articles.values())
    workers._analyse_here(app, SimpleNamespace(is_cancelled=False), SimpleNamespace(analyse=analyse), pending)
    assert waiting_indexed[:2] == ["transcript", "minutes"]
    assert found_between_chunks[0] == {"transcript"}  # the first chunk's words, before the second is in
