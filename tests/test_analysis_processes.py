"""First-time analysis in the app on every core: worker processes (forkserver
or spawn) give the same analyses as the app's own process, and store them."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.ingest.dispatch import load
from core.store.cache import AnalysisCache
from tests.support.app import settle
from tests.support.paths import SEEDS
from tui.app import NewsReader


def in_this_process(*_args, **_kwargs):
    raise AssertionError("analysed in the app's own process")


async def test_analyses_from_worker_processes_match_and_are_cached(
    tmp_path: Path, analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [str(p) for p in sorted(SEEDS.glob("*.txt"))[:3]]
    monkeypatch.setattr(analyzer, "analyze_many", in_this_process)
    app = NewsReader(paths, analyzer=analyzer, cache_dir=str(tmp_path / "cache"), data_dir=str(tmp_path), jobs=2)
    async with app.run_test() as pilot:
        await settle(pilot)
        status = str(app.query_one("#status").render())
    monkeypatch.undo()
    articles = load(paths).articles
    expected = dict((article.id, analysis) for article, analysis in analyzer.analyze_many(articles))
    assert app.corpus.analyses == expected
    assert "all 3 analysed" in status
    with AnalysisCache.open(tmp_path / "cache") as cache:
        assert cache.get_many(articles, analyzer.model_id) == expected
