"""Room on a small terminal ([, ], z) and a side panel that can be read (quotes wrapped)."""

from __future__ import annotations

from tests.support.app import settle
from tests.support.paths import SEED_ARTICLE
from tui.app import NewsReader
from widgets.quote_rows import QuoteItem, quote_lines
from widgets.reader import ReaderView
from widgets.sources_panel import SourcesPanel


def test_quote_lines_wrap_to_three_and_mark_the_cut() -> None:
    text = "one two three four five six seven eight nine ten eleven twelve"
    assert quote_lines(text, 14) == ["one two three", "four five six", "seven eight…"]
    assert quote_lines("short\n  words", 14) == ["short words"]


async def test_brackets_and_z_give_the_reader_room(analyzer) -> None:
    app = NewsReader([str(SEED_ARTICLE)], analyzer=analyzer)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        reader = app.query_one(ReaderView)
        narrow = reader.size.width
        await pilot.press("left_square_bracket")
        assert not app.article_list.display
        await pilot.press("right_square_bracket")
        assert not app.sources_panel.display
        await pilot.pause()
        assert reader.size.width > narrow + 40
        await pilot.press("left_square_bracket", "right_square_bracket")
        assert app.article_list.display and app.sources_panel.display
        await pilot.press("z")
        await pilot.pause()
        assert not app.article_list.display and not app.sources_panel.display
        assert reader.size.width >= 78
        await pilot.press("z")
        assert app.article_list.display and app.sources_panel.display


async def test_side_panel_quotes_wrap_under_their_kind_and_cue(analyzer) -> None:
    app = NewsReader([str(SEED_ARTICLE)], analyzer=analyzer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        panel = app.query_one(SourcesPanel)
        source, label, *rest = panel.lines
        quote = label.item
        assert source.source == 0 and isinstance(quote, QuoteItem)
        heading = label.text.plain
        assert quote.kind in heading and quote.text[:10] not in heading
        words = [line.text.plain for line in rest if line.item is quote]
        assert 1 <= len(words) <= 3
        width = panel.scrollable_content_region.width
        assert all(len(line) < width and line.startswith("    ") for line in words)
        joined = " ".join(line.strip() for line in words).rstrip("…")
        assert " ".join(quote.text.split()).startswith(joined[:-2])


async def test_reader_shown_before_it_is_sized_wraps_to_its_width():
    """A document given to the reader as it mounts (before it has a size) is laid out at
    the width it gets, not at a placeholder width: no frame of one word per line."""
    from textual.app import App

    from widgets.marks import ReaderDocument

    app = App()
    async with app.run_test(size=(80, 20)) as pilot:
        reader = ReaderView(id="reader")
        await app.mount(reader)
        reader.show(ReaderDocument(title="", byline="", text="one two three four five six seven eight nine ten " * 4))
        assert reader.virtual_size.width == reader.scrollable_content_region.width  # nothing laid out at a guess
        await pilot.pause()
        first = "".join(segment.text for segment in reader.render_line(0)).strip()
        assert len(first.split()) > 5, first
