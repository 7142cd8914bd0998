"""Another article opened from the list repaints the list, the reader and the side panel: no layout
of the screen (a reflow and a repaint of every pane) on every key, as Textual's own ways of changing
a view's length or a tree's nodes would ask for."""

from __future__ import annotations

from pathlib import Path

from tests.support.app import settle
from tests.support.models import rule_analyzer
from tui.app import NewsReader


async def test_moving_through_the_list_lays_nothing_out(tmp_path: Path) -> None:
    for number in range(4):  # longer each time, every one longer than the reader
        text = " ".join(["Ann Lee went to Bristol and said the river rose."] * 60 * (number + 1))
        (tmp_path / f"{number}.txt").write_text(f"Story {number}\n\n{text}\n", encoding="utf-8")
    app = NewsReader([str(tmp_path)], analyzer=rule_analyzer(), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen, layouts, heights = app.screen, [], []
        refresh_layout = screen._refresh_layout

        def counted(*args: object, **kwargs: object) -> None:
            layouts.append(args)
            refresh_layout(*args, **kwargs)

        screen._refresh_layout = counted  # type: ignore[method-assign]
        for number in (1, 2, 3):
            await pilot.press("down")
            await pilot.pause()
            assert app.reader.document.title == f"Story {number}"
            heights.append(app.reader.vertical_scrollbar.window_virtual_size)  # the scrollbar follows the text
        assert layouts == []
        assert heights == sorted(set(heights))
