"""Once a move in the list is drawn, the next article the same way is opened ahead (tui/opening.py):
the key that opens it does no lookup and wraps nothing, and shows what opening it then would."""

from __future__ import annotations

from pathlib import Path

from core.model import Analysis, Entity
from tests.support.app import settle
from tests.support.models import rule_analyzer
from tui.app import NewsReader


def _app(tmp_path: Path) -> NewsReader:
    for number in range(5):
        said = " ".join(f"“The river rose {n} times,” said Ann Lee." for n in range(number + 1))
        (tmp_path / f"{number}.txt").write_text(
            f"Story {number}\n\nAnn Lee went to Bristol. {said}\n", encoding="utf-8"
        )
    return NewsReader([str(tmp_path)], analyzer=rule_analyzer(), cache_dir=str(tmp_path / "cache"))


def _count_lookups(app: NewsReader, monkeypatch) -> list[str]:
    looked_up: list[str] = []
    analysis_now = app.corpus.analysis_now

    def counted(article, *args):
        looked_up.append(article.title)
        return analysis_now(article, *args)

    monkeypatch.setattr(app.corpus, "analysis_now", counted)
    return looked_up


async def test_the_next_article_the_same_way_is_opened_ahead(tmp_path: Path, monkeypatch) -> None:
    async with _app(tmp_path).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app = pilot.app
        looked_up = _count_lookups(app, monkeypatch)
        await pilot.press("down")
        await pilot.pause()
        await pilot.pause()
        assert looked_up == ["Story 1", "Story 2"]  # Story 2 ahead, after the frame
        for key, number, ahead in (("down", 2, 3), ("down", 3, 4), ("up", 2, 1), ("up", 1, 0)):
            looked_up.clear()
            drawn_ahead = app.reader._prepared
            built = (drawn_ahead.lines, app.sources_panel._prepared[1][2])
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            # The key opened the article opened ahead without looking it up, when it went on the same way.
            assert looked_up[-1:] == [f"Story {ahead}"]
            assert looked_up[:-1] == ([] if (key, number) != ("up", 2) else ["Story 2"])
            reader, panel = app.reader, app.sources_panel
            if (key, number) != ("up", 2):  # the reader's lines, its first rows and the panel's lines too
                assert reader._lines is built[0] and panel.lines is built[1]
                assert all(reader._cache.get(row) is strip for row, strip in enumerate(drawn_ahead.rows))
            with reader.drawing():  # rows drawn ahead or not, they are the rows drawn now
                shown = range(min(reader.size.height, len(reader._lines)))
                assert [reader._cache.get(row) for row in shown] == [reader._render_row(row) for row in shown]
            assert reader.document.title == f"Story {number}"
            assert reader.document.entities and reader._lines[0] == ("title", 0, len(f"Story {number}"))
            assert sum(len(source.quotes) for source in panel.sources) == number + 1


async def test_an_analysis_that_arrives_after_its_article_was_opened_ahead_is_shown(tmp_path: Path) -> None:
    async with _app(tmp_path).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app = pilot.app
        await pilot.press("down")
        await pilot.pause()
        await pilot.pause()
        following = app.corpus.articles[app.article_list.shown_id(2)]
        assert app.ahead.has(following)
        bristol = following.text.index("Bristol")
        app.counts_arrived({}, {following.id: Analysis((Entity(bristol, bristol + 7, "GPE", "Bristol"),))})
        await pilot.press("down")
        await pilot.pause()
        assert app.reader.document.title == following.title
        assert [(mark.start, mark.label) for mark in app.reader.document.entities] == [(bristol, "GPE")]
        assert app.sources_panel.sources == ()
