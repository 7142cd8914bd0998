"""The Pilot helpers fail when the app stops, rather than wait for ever (pytest hung once so)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.support.app import settle
from tests.support.paths import SEEDS
from tui.app import NewsReader
from widgets.article_list import ArticleList


async def test_settle_fails_at_once_when_drawing_raises(analyzer, tmp_path: Path, monkeypatch) -> None:
    def broken(self: ArticleList, y: int) -> None:
        raise RuntimeError("drawing broke")

    monkeypatch.setattr(ArticleList, "render_line", broken)
    app = NewsReader([str(SEEDS)], analyzer=analyzer, data_dir=str(tmp_path / "data"), use_cache=False)
    stopped: list[BaseException] = []
    with pytest.raises(RuntimeError, match="drawing broke"):  # the app's own error, as Textual raises it
        async with app.run_test(size=(120, 40)) as pilot:
            try:
                await asyncio.wait_for(settle(pilot), 30)
            except BaseException as exc:
                stopped.append(exc)
                raise
    assert [type(exc) for exc in stopped] == [AssertionError]
    assert "stopped before it settled" in str(stopped[0])
