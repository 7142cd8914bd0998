"""Loading steps aside while the user waits: a key pressed or a search running
holds the indexing worker between two articles, for a bounded time."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from textual import events

from core.corpus import Corpus
from core.foreground import Foreground
from core.model import Article
from tests.support.app import settle
from tests.support.models import rule_analyzer
from tui.app import NewsReader


def test_a_pause_returns_at_once_when_nobody_waits() -> None:
    started = time.monotonic()
    Foreground().pause()
    assert time.monotonic() - started < 0.01


def test_a_pause_lasts_until_the_hold_ends() -> None:
    foreground = Foreground(hold=0.1)
    foreground.hold()
    started = time.monotonic()
    foreground.pause()
    assert 0.08 < time.monotonic() - started < 0.3


def test_a_pause_never_lasts_longer_than_its_longest() -> None:
    """The user may search for a long time: loading still goes on, slowly."""
    foreground = Foreground(longest=0.1)
    with foreground.held():
        started = time.monotonic()
        foreground.pause()
        assert 0.08 < time.monotonic() - started < 0.3
    assert not foreground.busy


def test_indexing_waits_between_articles_while_the_user_waits() -> None:
    corpus = Corpus()
    articles = [(Article(f"a{n}", f"Title {n}", f"Ada Lovelace wrote note {n}."), None) for n in range(3)]
    with corpus.foreground.held():
        indexing = threading.Thread(target=corpus.index_articles, args=(articles,))
        indexing.start()
        time.sleep(0.1)
        assert len(corpus.index) == 0
    indexing.join(timeout=5)
    assert len(corpus.index) == 3


def test_an_articles_words_and_the_names_it_files_are_two_steps_with_a_pause_between() -> None:
    """Each is a few milliseconds of the interpreter at 100,000 articles: a key read during the
    first waits for what is left of it, not for both."""
    corpus = Corpus()
    article = Article("a1", "Title", "Ada Lovelace wrote a note.")
    analysis = rule_analyzer().analyze_alone(article)
    steps: list[str] = []
    corpus.foreground.pause = lambda: steps.append("pause")  # type: ignore[method-assign]
    add, file = corpus.index.add, corpus.identities.add
    corpus.index.add = lambda *args: (steps.append("words"), add(*args))  # type: ignore[method-assign]
    corpus.identities.add = lambda *args: (steps.append("names"), file(*args))  # type: ignore[method-assign]
    corpus.index_articles([(article, analysis)])
    assert steps == ["pause", "words", "pause", "names"]


def one_story(folder: Path) -> NewsReader:
    (folder / "a.txt").write_text("Story\n\nAda Lovelace went to Bristol.\n", encoding="utf-8")
    return NewsReader([str(folder)], analyzer=rule_analyzer(), cache_dir=str(folder / "cache"))


async def test_a_key_and_a_search_hold_the_background(tmp_path: Path) -> None:
    app = one_story(tmp_path)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert not app.corpus.foreground.busy
        await pilot.press("down")
        assert app.corpus.foreground.busy
        seen: list[bool] = []
        search = app.corpus.search

        def searched(query: str) -> object:
            seen.append(app.corpus.foreground.busy)
            return search(query)

        app.corpus.search = searched  # type: ignore[method-assign]
        time.sleep(0.2)  # the key's hold is over
        app.run_search("Lovelace")
        await app.workers.wait_for_complete()
        assert seen == [True]


async def test_a_key_holds_the_background_as_soon_as_it_is_read(tmp_path: Path) -> None:
    """Before the event has waited its turn on the app's loop, while the driver's input thread posts it."""
    app = one_story(tmp_path)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert not app.corpus.foreground.busy
        posting = app._post_message(events.Key("down", None))  # as the driver does, on its thread
        assert app.corpus.foreground.busy
        assert await posting
