"""The article list makes an article's row when it draws it (or is asked for it):
ten thousand rows made as their articles arrived were a tenth of the UI thread's
work while a folder of saved pages was listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.app import settle
from tests.support.models import rule_analyzer
from tui import present
from tui.app import NewsReader

COUNT = 200


def screen_text(app: NewsReader) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_only_the_rows_drawn_are_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(COUNT):
        (tmp_path / f"{number:03d}.txt").write_text(f"Story {number:03d}\n\nAnn Lee went to Bristol.\n", "utf-8")
    monkeypatch.setattr(NewsReader, "analyse_articles", lambda self: None)  # analysed, every row changes
    made: list[str] = []
    article_row = present.article_row

    def counted(article, *args, **kwargs):
        made.append(article.title)
        return article_row(article, *args, **kwargs)

    monkeypatch.setattr(present, "article_row", counted)
    app = NewsReader([str(tmp_path)], analyzer=rule_analyzer(), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=(120, 40)) as pilot:
        while not (app.loaded.is_set() and app.listed.is_set() and len(app.corpus.articles) == COUNT):
            await pilot.pause(0.01)
        await pilot.pause()
        assert len(app.article_list.shown_ids) == COUNT
        assert "Story 000" in screen_text(app) and "Story 199" not in screen_text(app)
        assert 0 < len(set(made)) < 40, "the rows on screen, not every row listed"
        assert app.article_list.row(app.article_list.shown_ids[-1]).title == "Story 199"  # made when asked for


async def test_a_row_drawn_again_shows_what_changed(tmp_path: Path) -> None:
    for number in range(3):
        (tmp_path / f"{number}.txt").write_text(f"Story {number}\n\nAnn Lee went to Bristol.\n", "utf-8")
    app = NewsReader([str(tmp_path)], analyzer=rule_analyzer(), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        second = app.article_list.shown_ids[1]
        assert not app.article_list.row(second).bookmarked
        app.article_list.cursor = 1
        app.open_article(second)
        await pilot.press("b")
        await pilot.pause()
        assert app.article_list.row(second).bookmarked
        assert "★ Story 1" in screen_text(app)
