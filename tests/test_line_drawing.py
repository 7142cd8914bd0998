"""The panes draw their lines and their scrollbars by a shorter way than Textual's (widgets/line_view.py):
what reaches the screen is what Textual's own way draws, segment for segment."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tests.support.app import settle
from tests.support.models import rule_analyzer
from tui import present
from tui.app import NewsReader


def _app(tmp_path: Path) -> NewsReader:
    for number in range(3):
        said = " ".join(f"“The river rose {n} times,” said Ann Lee." for n in range(number + 3))
        text = " ".join(["Ann Lee went to Bristol and said the river rose."] * 60 * (number + 1))
        (tmp_path / f"{number}.txt").write_text(f"Story {number}\n\n{said} {text}\n", encoding="utf-8")
    return NewsReader([str(tmp_path)], analyzer=rule_analyzer(), cache_dir=str(tmp_path / "cache"))


def _screen(app) -> list[list[tuple[str, object]]]:
    """Every cell of the screen: its character and its style, as the terminal is told (no mouse actions)."""
    return [
        [
            (char, segment.style.clear_meta_and_links() if segment.style else None)
            for segment in line
            for char in segment.text
        ]
        for line in app.screen._compositor.render_strips()
    ]


async def test_the_scrollbars_the_panes_draw_are_textuals_scrollbars(tmp_path: Path) -> None:
    """Thumbs of several lengths, at the top, in the middle and at the end: the screen is the same,
    cell for cell, with Textual's own scrollbar widgets drawn over the lines' bars."""
    async with _app(tmp_path).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app = pilot.app
        views = (app.reader, app.article_list, app.sources_panel)
        scrolled = set()
        for key in ("down", "down", "tab", "pagedown", "pagedown", "end", "tab", "end"):
            await pilot.press(key)
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            ours = _screen(app)
            for view in views:
                view.styles.scrollbar_visibility = "visible"
            await pilot.pause()
            theirs = _screen(app)
            diff = [
                (y, x, a, b)
                for y, (la, lb) in enumerate(zip(ours, theirs))
                for x, (a, b) in enumerate(zip(la, lb))
                if a != b
            ]
            assert theirs == ours, (key, diff[:3])
            for view in views:
                view.styles.scrollbar_visibility = "hidden"
            scrolled |= {(type(view).__name__, view.scroll_y) for view in views}
        assert len({y for name, y in scrolled if name == "ReaderView"}) >= 3  # the top, pages down, the end


@pytest.mark.parametrize("pane", ["reader", "article_list", "sources_panel"])  # only the reader's bar has a thumb
async def test_a_bar_under_the_mouse_is_drawn_as_textuals_is(tmp_path: Path, pane: str) -> None:
    """The mouse over a pane's bar draws it in the hover colours, and off it in its own: the screen is
    the same, cell for cell, as with Textual's scrollbar widget under the mouse."""
    async with _app(tmp_path).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = getattr(pilot.app, pane)
        bar = view._bar_region()
        assert bar is not None
        plain = _screen(pilot.app)
        await pilot.hover(view, offset=(bar.x, bar.y + 2))
        await pilot.pause()
        ours = _screen(pilot.app)
        assert (ours != plain) == bool(view._thumb)  # the theme's hover colours differ in the thumb's
        await pilot.hover(view, offset=(2, 2))
        await pilot.pause()
        assert _screen(pilot.app) == plain
        view.styles.scrollbar_visibility = "visible"
        await pilot.pause()
        await pilot.hover(view, offset=(bar.x, bar.y + 2))
        await pilot.pause()
        assert _screen(pilot.app) == ours


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
                    bar = view._bar_region()
                    # The bar's cells are the lines' own (the test above); Textual's lines leave them blank.
                    if bar is not None and crop.x <= bar.x < crop.right:
                        at = bar.x - crop.x
                        ours = [Strip.join([s.crop(0, at), s.crop(at + bar.width)]) for s in ours]
                        textuals = [Strip.join([s.crop(0, at), s.crop(at + bar.width)]) for s in textuals]
                    assert ours == textuals, (type(view).__name__, scroll, crop)
                    assert len(ours) == crop.height and any(strip.text.strip() for strip in ours)
        assert any("Ann Lee" in strip.text for strip in reader.render_lines(Region(0, 0, *reader.region.size)))


async def test_dragging_a_thumb_scrolls_the_pane_with_it(tmp_path: Path) -> None:
    async with _app(tmp_path).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = pilot.app.reader
        bar = reader._bar_region()
        assert bar is not None and reader._thumb.start == 0 and reader.scroll_y == 0
        await pilot.mouse_down(reader, offset=(bar.x, bar.y + 1))
        await pilot.hover(reader, offset=(bar.x, bar.y + 6))
        await pilot.mouse_up(reader, offset=(bar.x, bar.y + 6))
        await pilot.pause()
        rows = reader.content_region.height
        assert abs(reader.scroll_y - 5 * reader.virtual_size.height / rows) < 0.01
        assert reader._thumb.start >= 4  # drawn where it was dragged to


async def test_a_press_on_the_bar_pages_towards_it_and_opens_nothing(tmp_path: Path) -> None:
    """Below the thumb a page down, above it a page up, as Textual's bar does; not a click on the row beside it."""
    for number in range(60):
        (tmp_path / f"{number:02}.txt").write_text(f"Story {number}\n\nAnn Lee went to Bristol.\n", encoding="utf-8")
    app = NewsReader([str(tmp_path)], analyzer=rule_analyzer(), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listed, opened = app.article_list, app.current_id
        bar = listed._bar_region()
        assert bar is not None and listed.scroll_y == 0
        await pilot.click(listed, offset=(bar.x, bar.bottom - 2))
        await pilot.pause()
        assert listed.scroll_y == listed.content_region.height
        assert app.current_id == opened
        await pilot.click(listed, offset=(bar.x, bar.y))
        await pilot.pause()
        assert listed.scroll_y == 0 and app.current_id == opened
