"""What the list holds is kept from the garbage collector as it is listed: at 100,000 articles a
full collection over it paused every thread for 0.2-0.4 s every ten seconds of listing, and a key
pressed then waited as long."""

from __future__ import annotations

import gc
from pathlib import Path

from tests.support.models import rule_analyzer
from tui.app import NewsReader


async def test_listed_articles_are_out_of_the_collectors_reach(tmp_path: Path, monkeypatch) -> None:
    for number in range(20):
        (tmp_path / f"{number}.txt").write_text(f"Story {number}\n\nAnn Lee went to Bristol.\n", encoding="utf-8")
    monkeypatch.setattr(NewsReader, "analyse_articles", lambda self: None)  # its own freezes would hide the list's
    app = NewsReader([str(tmp_path)], analyzer=rule_analyzer(), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=(120, 40)) as pilot:
        while not (app.loaded.is_set() and app.listed.is_set() and len(app.corpus.articles) == 20):
            await pilot.pause(0.01)
        listed = {id(article) for article in app.corpus.articles.values()}
        tracked = {id(thing) for thing in gc.get_objects()}  # the frozen are in none of the generations
        assert listed and not listed & tracked


async def test_the_collector_runs_only_between_posts_while_listing(tmp_path: Path, monkeypatch) -> None:
    """Run as allocations came, it took 60 ms of a launch on ten thousand saved pages."""
    from tui import collector, workers

    for number in range(300):
        (tmp_path / f"{number:03d}.txt").write_text(f"Story {number}\n\nAnn Lee went to Bristol.\n", encoding="utf-8")
    monkeypatch.setattr(NewsReader, "analyse_articles", lambda self: None)
    collections: list[int] = []
    during: list[int] = []
    explicit: list[int] = []
    load, collect = workers._load_inputs, gc.collect

    def watched(app, errors) -> None:
        before = len(collections)
        load(app, errors)
        during.append(len(collections) - before)

    def counted(generation: int = 2) -> int:
        explicit.append(generation)
        return collect(generation)

    def seen(phase: str, info: dict) -> None:
        if phase == "stop":
            collections.append(info["generation"])

    held_before = collector.holders()
    monkeypatch.setattr(workers, "_load_inputs", watched)
    monkeypatch.setattr(gc, "collect", counted)
    gc.callbacks.append(seen)
    try:
        app = NewsReader([str(tmp_path)], analyzer=rule_analyzer(), cache_dir=str(tmp_path / "cache"))
        async with app.run_test(size=(120, 40)) as pilot:
            while not (app.loaded.is_set() and app.listed.is_set() and len(app.corpus.articles) == 300):
                await pilot.pause(0.01)
    finally:
        gc.callbacks.remove(seen)
    assert during and during[0] <= len(explicit), "none but the loader's own, between two posts"
    # A loader of an app before may still be reading (its thread outlives its app): the collector runs
    # by itself again once none is.
    assert collector.holders() == held_before
    if not held_before:
        assert gc.get_threshold()[0] > 0, "the collector runs by itself again once listed"
