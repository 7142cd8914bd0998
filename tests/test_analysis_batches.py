"""How the app hands articles to spaCy: a batch is done only when all of it is,
so a long article must not hold short ones, and the time left goes by text."""

from __future__ import annotations

import re
import time

from core.model import Article
from tui.workers import BATCH_CHARS, LONG_CHARS, Tally, _analysis_order, _next_batch


def waiting(*lengths: int) -> dict[str, Article]:
    articles = [Article(f"a{n}", f"Title {n}", "x" * length) for n, length in enumerate(lengths)]
    return {article.id: article for article in articles}


def test_a_long_article_goes_alone_and_the_short_ones_after_it_go_on():
    pending = waiting(1_000, BATCH_CHARS * 40, 1_000, 1_000)
    assert [a.id for a in _next_batch(pending, None, size=8)] == ["a0"]
    assert [a.id for a in _next_batch(pending, None, size=8)] == ["a1"]
    assert [a.id for a in _next_batch(pending, None, size=8)] == ["a2", "a3"]
    assert not pending


def test_short_articles_fill_a_batch_up_to_its_size():
    pending = waiting(*[500] * 10)
    assert len(_next_batch(pending, None, size=8)) == 8
    assert len(_next_batch(pending, None, size=8)) == 2


def test_very_long_articles_are_analysed_after_every_shorter_one_the_rest_in_list_order():
    """Two transcripts at the top of a folder held both analysis processes for minutes, and every
    short article below them waited."""
    articles = waiting(LONG_CHARS + 1, LONG_CHARS * 10, 1_000, LONG_CHARS, 500).values()
    assert list(_analysis_order(articles)) == ["a2", "a3", "a4", "a0", "a1"]


def test_the_opened_article_goes_first_and_alone():
    pending = waiting(500, 500, 500)
    assert [a.id for a in _next_batch(pending, "a2", size=8)] == ["a2"]


def seconds_left(status: str) -> int:
    found = re.search(r"~(\d+) s left", status)
    assert found, status
    return int(found.group(1))


def test_time_left_counts_the_text_still_waiting_not_the_articles():
    pending = waiting(*[1_000] * 10, 100_000)
    tally = Tally(pending)
    assert "left" not in str(tally.status([pending["a0"]]))  # the first result: the model was loading until now
    tally.first = time.monotonic() - 9.0  # the next nine short articles took nine seconds
    status = str(tally.status([pending[f"a{n}"] for n in range(1, 10)]))
    assert status.startswith("analysed 10/11")
    # 9,000 characters took 9 s; 100,000 more take about 100 s, not the 1 s one more article would
    assert 90 <= seconds_left(status) <= 110


def test_no_time_left_is_given_from_a_sliver_of_the_work():
    """Short articles carry fixed costs a long one does not: from under 5 % of the text,
    two transcripts of a megabyte read as two hours, and took minutes."""
    pending = waiting(*[1_000] * 10, 1_000_000)
    tally = Tally(pending)
    tally.status([pending["a0"]])
    tally.first = time.monotonic() - 9.0
    status = str(tally.status([pending[f"a{n}"] for n in range(1, 10)]))
    assert status.startswith("analysed 10/11") and "left" not in status


def test_the_last_article_done_says_all():
    pending = waiting(10, 20)
    tally = Tally(pending)
    tally.status([pending["a0"]])
    assert str(tally.status([pending["a1"]])) == "all 2 analysed"


def test_the_time_left_counts_down_between_results_and_says_when_the_estimate_has_passed(monkeypatch):
    """One long article takes minutes with no result: the status must not stand still at "~90 s left"."""
    from tui import present

    clock = [1000.0]
    monkeypatch.setattr(present, "monotonic", lambda: clock[0])
    progress = present.progress(10, 11, started=990.0, verb="analysed", share=0.5, timed_from=910.0)
    assert str(progress) == "analysed 10/11 · 1.0/s · ~90 s left"  # 90 s for half: as long again
    clock[0] += 60
    assert str(progress) == "analysed 10/11 · 1.0/s · ~30 s left"
    clock[0] += 30.2
    assert str(progress) == "analysed 10/11 · 1.0/s · ~0 s left"  # not "-0 s past the estimate"
    clock[0] += 14.8
    assert str(progress) == "analysed 10/11 · 1.0/s · 15 s past the estimate"


async def test_the_app_analyses_transcripts_at_the_top_of_the_list_after_the_articles_below_them(tmp_path) -> None:
    """The one opened (the first listed) still goes first: the user is reading it."""
    from tests.support.app import settle
    from tests.support.models import rule_analyzer
    from tui.app import NewsReader

    words = " ".join(["The council met on Tuesday and the mayor spoke at length."] * (LONG_CHARS // 50))
    for number in range(2):
        (tmp_path / f"a-transcript-{number}.txt").write_text(f"Transcript {number}\n\n{words}\n", encoding="utf-8")
    for number in range(3):
        (tmp_path / f"b-story-{number}.txt").write_text(f"Story {number}\n\nAnn Lee spoke.\n", encoding="utf-8")
    app = NewsReader([str(tmp_path)], analyzer=rule_analyzer(), use_cache=False)
    analysed: list[str] = []
    record = app.articles_analysed

    def recorded(pairs, *args, **kwargs):
        analysed.extend(article.title for article, _ in pairs)
        return record(pairs, *args, **kwargs)

    app.articles_analysed = recorded  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.reader.document.title == "Transcript 0"
    assert analysed == ["Transcript 0", "Story 0", "Story 1", "Story 2", "Transcript 1"]
