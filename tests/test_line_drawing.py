"""The panes draw their lines and their scrollbars by a shorter way than Textual's (widgets/line_view.py,
widgets/row_scrollbar.py): what reaches the screen is what Textual's own way draws, segment for segment."""

from __future__ import annotations

from pathlib import Path

from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar

from tests.support.app import settle
from tests.support.models import rule_analyzer
from tui import present
from tui.app import NewsReader
from widgets.row_scrollbar import RowScrollBar


def _app(tmp_path: Path) -> NewsReader:
    for number in range(3):
        said = " ".join(f"“The river rose {n} times,” said Ann Lee." for n in range(number + 3))
        text = " ".join(["Ann Lee went to Bristol and said the river rose."] * 60 * (number + 1))
        (tmp_path / f"{number}.txt").write_text(f"Story {number}\n\n{said} {text}\n", encoding="utf-8")
    return NewsReader([str(tmp_path)], analyzer=rule_analyzer(), cache_dir=str(tmp_path / "cache"))


async def test_a_scrollbar_drawn_row_by_row_is_textuals_scrollbar(tmp_path: Path) -> None:
    """Thumbs of every length, at every position, all of the bar or a part of it; and a bar
    the screen hides (Textual's way draws it, as it would)."""
    async with _app(tmp_path).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app = pilot.app
        bars = [view.vertical_scrollbar for view in (app.reader, app.article_list, app.sources_panel)]
        assert all(isinstance(bar, RowScrollBar) for bar in bars)
        drawn = 0
        for bar in bars:
            width, height = bar.size
            for virtual in (10, height, height + 1, 3 * height, 50 * height):
                for position in range(0, max(1, virtual - height), max(1, virtual // 17)):
                    bar.window_virtual_size, bar.window_size, bar.position = virtual, height, position
                    for crop in (Region(0, 0, width, height), Region(0, 5, width, 7)):
                        bar.refresh()
                        ours = bar.render_lines(crop)
                        bar.refresh()
                        assert ours == ScrollBar.render_lines(bar, crop), (virtual, position, crop)
                        assert len(ours) == crop.height
                        drawn += bool(width)
        assert drawn > 100


async def test_the_panes_draw_textuals_lines(tmp_path: Path) -> None:
    """The reader (padded on both sides, entities and a chosen quote in colour, a selected entity),
    the list (a border on its right) and the side panel (on its left), all of each and parts of
    each, scrolled or not, as Textual's styles would draw them."""
    async with _app(tmp_path).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app = pilot.app
        reader = app.reader
        reader.select_entity(0)
        reader.mark(present.quote_marks(app.corpus.analyses.get(app.current_id).quotes[1]), scroll=False)
        assert any(reader.styles.padding) and app.article_list.styles.border_right[0]
        assert app.sources_panel.styles.border_left[0]
        for view in (reader, app.article_list, app.sources_panel):
            assert view._only_padded()
            width, height = view.region.size
            for scroll in (0, 3):
                view.scroll_to(y=scroll, animate=False, immediate=True)
                for crop in (Region(0, 0, width, height), Region(0, 3, width, 5), Region(2, 0, width - 4, height)):
                    view.refresh()
                    ours = view.render_lines(crop)
                    view.refresh()
                    view._pass_style, view._pass_width = view.rich_style, view.scrollable_content_region.width
                    view._pass_components = {}
                    textuals = ScrollView.render_lines(view, crop)
                    view._pass_style = view._pass_components = None
                    assert ours == textuals, (type(view).__name__, scroll, crop)
                    assert len(ours) == crop.height and any(strip.text.strip() for strip in ours)
        assert any("Ann Lee" in strip.text for strip in reader.render_lines(Region(0, 0, *reader.region.size)))
