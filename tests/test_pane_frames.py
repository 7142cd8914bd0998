"""Another article opened from the list repaints the list's two rows the cursor moved between, the
reader and the side panel, in one frame: no layout of the screen (a reflow and a repaint of every pane)
on every key, as Textual's own ways of changing a view's length or a tree's nodes would ask for."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

from tests.support.app import settle
from tests.support.models import rule_analyzer
from tui.app import NewsReader


@asynccontextmanager
async def story_two_opened_ahead(tmp_path: Path, body: Callable[[int], str]) -> AsyncIterator[tuple[NewsReader, Pilot]]:
    """Stories 0-2 (``body(number)`` each) listed and Story 1 open: Story 2, which the next key opens,
    has been opened ahead once that key was answered."""
    for number in range(3):
        (tmp_path / f"{number}.txt").write_text(f"Story {number}\n\n{body(number)}\n", encoding="utf-8")
    app = NewsReader([str(tmp_path)], analyzer=rule_analyzer(), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down")
        await pilot.pause()
        await pilot.pause()
        yield app, pilot


def count_layouts(app: App) -> list[tuple[object, ...]]:
    """Every layout of the app's screen from now on."""
    screen, layouts = app.screen, []
    refresh_layout = screen._refresh_layout

    def counted(*args: object, **kwargs: object) -> None:
        layouts.append(args)
        refresh_layout(*args, **kwargs)

    screen._refresh_layout = counted  # type: ignore[method-assign]
    return layouts


def count_frames(app: App) -> list[set[str]]:
    """The widgets each frame drawn from now on repaints (Textual draws every widget whose repaint
    reached the screen by then, at most 60 times a second)."""
    frames: list[set[str]] = []
    display = app._display

    def counted(screen, update) -> None:
        frames.append({type(widget).__name__ for widget in screen._dirty_widgets})
        display(screen, update)

    app._display = counted  # type: ignore[method-assign]
    return frames


async def test_a_move_in_the_list_and_the_article_it_opens_are_one_frame(tmp_path: Path) -> None:
    """Not the list's cursor first and the reader and the side panel a frame period later: two
    frames, each drawn in full, and a key answered up to 17 ms later than it could be. (Every text is
    longer than the reader: a scrollbar that comes or goes lays the screen out, in frames of its own.)"""
    for number in range(4):
        said = " ".join(f"“The river rose {n} times,” said Ann Lee." for n in range(number + 1))
        text = " ".join(["Ann Lee went to Bristol and said the river rose."] * 60 * (number + 1))
        (tmp_path / f"{number}.txt").write_text(f"Story {number}\n\n{said} {text}\n", encoding="utf-8")
    app = NewsReader([str(tmp_path)], analyzer=rule_analyzer(), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        frames = count_frames(app)
        for key, number in (("down", 1), ("down", 2), ("down", 3), ("up", 2)):
            frames.clear()
            await pilot.press(key)
            await pilot.pause(0.1)  # a second frame came a frame period or two after the first
            assert app.reader.document.title == f"Story {number}"
            assert len(frames) == 1, frames
            assert {"ArticleList", "ReaderView", "SourcesPanel"} <= frames[0]


async def test_moving_through_the_list_lays_nothing_out(tmp_path: Path) -> None:
    for number in range(4):  # longer each time, every one longer than the reader
        text = " ".join(["Ann Lee went to Bristol and said the river rose."] * 60 * (number + 1))
        (tmp_path / f"{number}.txt").write_text(f"Story {number}\n\n{text}\n", encoding="utf-8")
    app = NewsReader([str(tmp_path)], analyzer=rule_analyzer(), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        layouts, heights = count_layouts(app), []
        for number in (1, 2, 3):
            await pilot.press("down")
            await pilot.pause()
            assert app.reader.document.title == f"Story {number}"
            heights.append(app.reader.vertical_scrollbar.window_virtual_size)  # the scrollbar follows the text
        assert layouts == []
        assert heights == sorted(set(heights))


async def test_articles_shorter_and_longer_than_the_reader_open_without_a_layout(tmp_path: Path) -> None:
    """The reader's scrollbar is always there: one that came with a long article and went with a short one
    laid the screen out (every pane drawn again) on those keys."""
    for number, sentences in enumerate((3, 200, 2, 150)):
        text = " ".join(["Ann Lee went to Bristol and said the river rose."] * sentences)
        (tmp_path / f"{number}.txt").write_text(f"Story {number}\n\n{text}\n", encoding="utf-8")
    app = NewsReader([str(tmp_path)], analyzer=rule_analyzer(), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        layouts = count_layouts(app)
        for number in (1, 2, 3, 2, 1, 0):
            await pilot.press("down" if number > int(app.reader.document.title.split()[-1]) else "up")
            await pilot.pause()
            assert app.reader.document.title == f"Story {number}"
        assert layouts == []


async def test_the_side_panel_follows_its_quotes_without_a_layout(tmp_path: Path) -> None:
    """Quotes that fill the panel and more, none (a heading of one line), a few (a heading of three):
    the panel's lines and scrollbar follow, and the screen is not laid out."""
    for number, quotes in enumerate((30, 0, 2, 40)):
        said = " ".join(f"“The river rose {n} times,” said Ann Lee." for n in range(quotes))
        (tmp_path / f"{number}.txt").write_text(
            f"Story {number}\n\nAnn Lee went to Bristol. {said}\n", encoding="utf-8"
        )
    app = NewsReader([str(tmp_path)], analyzer=rule_analyzer(), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        panel = app.sources_panel
        assert len(panel.lines) > panel.size.height, "the first article's quotes overflow the panel"
        layouts, seen = count_layouts(app), []
        for key, number in (("down", 1), ("down", 2), ("down", 3), ("up", 2), ("up", 1)):
            await pilot.press(key)
            await pilot.pause()
            assert app.reader.document.title == f"Story {number}"
            quotes = sum(len(source.quotes) for source in panel.sources)
            rows = len(panel.heading.wrap(app.console, panel.size.width - 1)) + len(panel.lines)
            bar = panel.vertical_scrollbar  # a thumb as long as the view is of the rows, none when all fit
            thumb = bar.window_virtual_size if bar.window_virtual_size > bar.window_size else 0
            seen.append((quotes, thumb == (rows if rows > panel.size.height else 0)))
        assert layouts == []
        assert seen == [(0, True), (2, True), (40, True), (2, True), (0, True)]


async def test_opening_the_next_article_draws_two_list_rows_and_asks_each_pane_its_style_once(
    tmp_path: Path, monkeypatch
) -> None:
    """The list's cursor moving redraws the row it left and the row it reached, not the
    whole list; and a pane's style (Textual walks every ancestor's CSS for it) is taken
    once per pass, not once per line drawn."""
    from textual.dom import DOMNode

    from widgets.article_list import ROW_HEIGHT, ArticleList
    from widgets.line_view import LineView

    for number in range(6):
        text = " ".join(["Ann Lee went to Bristol and said the river rose."] * 80)
        (tmp_path / f"{number}.txt").write_text(f"Story {number}\n\n{text}\n", encoding="utf-8")
    app = NewsReader([str(tmp_path)], analyzer=rule_analyzer(), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        drawn: list[int] = []
        styles: list[str] = []
        render_line, rich_style = ArticleList.render_line, DOMNode.rich_style

        def counted_line(self: ArticleList, y: int):
            drawn.append(y)
            return render_line(self, y)

        def counted_style(self: DOMNode):
            if isinstance(self, LineView):
                styles.append(type(self).__name__)
            return rich_style.fget(self)

        monkeypatch.setattr(ArticleList, "render_line", counted_line)
        monkeypatch.setattr(DOMNode, "rich_style", property(counted_style))
        await pilot.press("down")
        await pilot.pause()
        assert app.reader.document.title == "Story 1"
        assert sorted(drawn) == list(range(2 * ROW_HEIGHT))  # rows 0 and 1, each ROW_HEIGHT lines
        assert 0 < len(styles) <= 6, styles  # a pass or two per pane, against a call per line drawn


def screen_rows(app: App, widget) -> list[str]:
    """The text of each row of a widget as the screen shows it (what the compositor would send)."""
    region = widget.content_region
    lines = app.screen._compositor.render_strips()
    return [line.crop(region.x, region.right).text.rstrip() for line in lines[region.y : region.bottom]]


async def test_the_side_panel_repaints_only_the_rows_that_show_something_else(tmp_path: Path, monkeypatch) -> None:
    """An article's few quotes leave most of the panel as blank as the article before left it: those
    rows are not drawn again. Rows the article before filled, and this one leaves blank, are."""
    from widgets.sources_panel import SourcesPanel

    for number, quotes in enumerate((1, 1, 8, 1)):
        said = " ".join(f"“The river rose {n + number} times,” said Ann Lee." for n in range(quotes))
        text = " ".join(["Ann Lee went to Bristol."] * 200)
        (tmp_path / f"{number}.txt").write_text(f"Story {number}\n\n{said} {text}\n", encoding="utf-8")
    app = NewsReader([str(tmp_path)], analyzer=rule_analyzer(), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        panel, drawn = app.sources_panel, []
        render_line = SourcesPanel.render_line

        def counted_line(self: SourcesPanel, y: int):
            drawn.append(y)
            return render_line(self, y)

        monkeypatch.setattr(SourcesPanel, "render_line", counted_line)
        filled = [len(panel._heading_lines) + len(panel.lines)]  # the rows holding words
        for number in (1, 2, 3):
            drawn.clear()
            await pilot.press("down")
            await pilot.pause()
            assert app.reader.document.title == f"Story {number}"
            filled.append(len(panel._heading_lines) + len(panel.lines))
            assert drawn and max(drawn) < max(filled[-2:])  # no row blank in both is drawn
            shown = screen_rows(app, panel)
            assert all(row.strip() for row in shown[: filled[-1]])
            assert not any(row.strip() for row in shown[filled[-1] :]), "a row of the article before is left"
        assert filled[2] > filled[1] + 4 and filled[3] == filled[1] == filled[0]


async def test_the_containers_that_place_the_panes_are_not_drawn(tmp_path: Path) -> None:
    """Textual draws every visible widget under a repaint, and cuts each of its lines at every pane's
    edge: the containers that only place the panes would be three more full-height layers on every
    key. They are hidden; the panes are drawn, and Tab still reaches each of them."""
    from textual.containers import Horizontal, Vertical

    (tmp_path / "a.txt").write_text("Story\n\nAnn Lee went to Bristol.\n", encoding="utf-8")
    app = NewsReader([str(tmp_path)], analyzer=rule_analyzer(), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        drawn = set(app.screen._compositor.visible_widgets)
        assert not any(isinstance(widget, Horizontal | Vertical) for widget in drawn)
        assert {app.article_list, app.reader, app.sources_panel, app.query_one("#legend")} <= drawn
        focused = set()
        for _ in range(4):
            await pilot.press("tab")
            focused.add(app.focused)
        assert {app.article_list, app.reader, app.sources_panel} <= focused


async def test_the_article_opened_ahead_is_drawn_from_lines_framed_ahead(tmp_path: Path, monkeypatch) -> None:
    """The article the next key likely opens has its first screen drawn, padded, put between the
    reader's borders and filtered once the key before it is answered: the key that opens it builds
    none of those lines."""
    import widgets.line_view
    from widgets.reader import ReaderView

    def body(number: int) -> str:
        return " ".join([f"Ann Lee went to Bristol {number} times and said the river rose."] * 80)

    async with story_two_opened_ahead(tmp_path, body) as (app, pilot):
        built, drawing, strip = [], [], widgets.line_view.Strip
        render_lines = ReaderView.render_lines

        def counted_strip(*args, **kwargs):
            if drawing:
                built.append(args)
            return strip(*args, **kwargs)

        def counted_lines(self: ReaderView, crop):
            drawing.append(crop)
            try:
                return render_lines(self, crop)
            finally:
                drawing.pop()

        monkeypatch.setattr(widgets.line_view, "Strip", counted_strip)
        monkeypatch.setattr(ReaderView, "render_lines", counted_lines)
        await pilot.press("down")
        await pilot.pause()
        assert app.reader.document.title == "Story 2"
        assert "Bristol 2 times" in " ".join(screen_rows(app, app.reader))
        assert built == []


async def test_the_side_panel_of_the_article_opened_ahead_is_drawn_ahead(tmp_path: Path, monkeypatch) -> None:
    """The side panel's first screen for the article the next key likely opens, heading and quotes,
    is drawn once the key before it is answered: the key that opens it draws none of its rows."""
    import widgets.sources_panel

    def body(number: int) -> str:
        return " ".join(f"“The bridge opened {n + 10 * number} times,” said Ann Lee." for n in range(3))

    async with story_two_opened_ahead(tmp_path, body) as (app, pilot):
        drawn, draw = [], widgets.sources_panel._strip

        def counted(text, *args):
            drawn.append(text.plain)
            return draw(text, *args)

        monkeypatch.setattr(widgets.sources_panel, "_strip", counted)
        await pilot.press("down")
        await pilot.pause()
        assert app.reader.document.title == "Story 2"
        assert "opened 22" in " ".join(screen_rows(app, app.sources_panel))
        assert drawn == []
