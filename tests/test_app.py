"""The app as a user drives it: every key on the help screen, the mouse, and untrusted text."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.events import Key, MouseScrollDown
from textual.widgets import Static
from textual.worker import get_current_worker

from core.store.cache import AnalysisCache
from tests.support.app import notifications, settle
from tests.support.paths import ROOT, SEED_ARTICLE, SEEDS
from tui.app import NewsReader
from tui.present import Progress
from widgets.article_list import ArticleList
from widgets.entity_screen import EntityScreen
from widgets.help_screen import HelpScreen
from widgets.quote_rows import QuoteItem, SourceItem
from widgets.reader import ReaderView
from widgets.source_screen import SourceScreen
from widgets.sources_panel import SourcesPanel

SIZE = (120, 40)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The seed article and three samples: enough to move around, quick to analyse."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED_ARTICLE, folder)
    for name in sorted(p.name for p in SEEDS.glob("00[1-3]_*.txt")):
        shutil.copy(SEEDS / name, folder)
    return folder


def screen_text(app: NewsReader) -> str:
    """Everything on screen, as the terminal would show it, without styles."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_list_keys_move_and_open(corpus: Path, analyzer) -> None:
    app = NewsReader([str(corpus)], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        ids = articles.shown_ids
        assert app.focused is articles
        assert app.current_id == ids[0]
        await pilot.press("j")
        assert app.current_id == ids[1]
        await pilot.press("down", "down")
        assert app.current_id == ids[3]
        await pilot.press("k")
        assert app.current_id == ids[2]
        await pilot.press("up")
        assert app.current_id == ids[1]
        await pilot.press("G")
        assert app.current_id == ids[-1]
        await pilot.press("g")
        assert app.current_id == ids[0]
        await pilot.press("pagedown")
        assert app.current_id == ids[-1]
        await pilot.press("pageup")
        assert app.current_id == ids[0]
        await pilot.press("end", "home")
        assert app.current_id == ids[0]
        await pilot.press("enter")
        assert app.focused is app.query_one(ReaderView)


async def test_tab_cycles_panes_and_q_quits(corpus: Path, analyzer) -> None:
    app = NewsReader([str(corpus)], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        assert isinstance(app.focused, ReaderView)
        await pilot.press("tab")
        assert isinstance(app.focused, SourcesPanel)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, ReaderView)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_q_typed_as_the_app_starts_closes_it_cleanly(corpus: Path, analyzer) -> None:
    """The panes are mounted after the first frame: a q typed before then finds no screen to mount them on."""
    for _ in range(3):
        app = NewsReader([str(corpus)], analyzer=analyzer)
        async with app.run_test(size=SIZE) as pilot:
            app.post_message(Key("q", "q"))
            await pilot.pause()
        assert app.return_code == 0


async def test_keys_pressed_after_q_open_nothing(corpus: Path, analyzer) -> None:
    """q then e (or ?) before the app has closed: it closes cleanly, without opening a screen."""
    app = NewsReader([str(corpus)], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key, character in (("q", "q"), ("e", "e"), ("question_mark", "?")):  # typed ahead, as in a terminal
            app.post_message(Key(key, character))
        await pilot.pause()
    assert app.return_code == 0


async def test_help_lists_keys_and_escape_closes(corpus: Path, analyzer) -> None:
    app = NewsReader([str(corpus)], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        for key in ("tab / shift+tab", "escape", "enter, click"):
            assert key in shown
        for _ in range(3):  # the help is longer than a 40-row screen: space pages through it
            await pilot.press("space")
            await pilot.pause()
            shown += screen_text(app)
        for key in ("n / N", "[ / ]", "@ alone"):
            assert key in shown
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_entities_next_previous_and_mentions_marked(corpus: Path, analyzer) -> None:
    app = NewsReader([str(SEED_ARTICLE)], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.query_one(ReaderView)
        reader.focus()
        entities = reader.document.entities
        assert entities, "the seed article has entities"
        await pilot.press("n")
        assert reader.selected == 0
        await pilot.press("n", "n")
        assert reader.selected == 2
        await pilot.press("N")
        assert reader.selected == 1
        # Select a mention of Putin: every mention of him is in the same group.
        putin = next(i for i, m in enumerate(entities) if reader.document.text[m.start : m.end] == "Vladimir Putin")
        reader.select_entity(putin)
        group = entities[putin].group
        others = [m for m in entities if m.group == group]
        assert any(reader.document.text[m.start : m.end].startswith("Putin") for m in others)
        selected_style = reader.get_component_rich_style("reader--selected")
        last = others[-1]
        reader.scroll_to_offset(last.start)
        await pilot.pause()
        strip = reader.render_line(reader.row_of(last.start) - reader.scroll_offset.y)
        marked = "".join(seg.text for seg in strip if seg.style and seg.style.reverse)
        assert selected_style.reverse
        assert reader.document.text[last.start : last.end] in marked


async def test_number_keys_toggle_highlighting_per_type(analyzer) -> None:
    app = NewsReader([str(SEED_ARTICLE)], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.query_one(ReaderView)
        await pilot.press("1")
        assert reader.hidden_categories == {"person"}
        assert "Person" in screen_text(app)
        await pilot.press("1", "3")
        assert reader.hidden_categories == {"place"}
        await pilot.press("0")
        assert reader.hidden_categories == set(), "0 brings every category back"
        await pilot.press("0")
        assert len(reader.hidden_categories) == 7, "0 with everything on turns it all off"
        await pilot.press("0")
        # With people hidden, n skips them.
        await pilot.press("1")
        reader.focus()
        for _ in range(5):
            await pilot.press("n")
            assert reader.document.entities[reader.selected].label != "PERSON"


async def test_choosing_a_quote_scrolls_and_marks_quote_cue_speaker(analyzer) -> None:
    app = NewsReader([str(SEEDS / "009_vallehondo_aquifer_investigation.txt")], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        analysis = app.corpus.analyses[app.current_id]
        last = max(range(len(analysis.quotes)), key=lambda i: analysis.quotes[i].start)
        quote = analysis.quotes[last]
        panel = app.query_one(SourcesPanel)
        panel.focus()
        panel.move_cursor(next(n for n, line in enumerate(panel.lines) if getattr(line.item, "index", -1) == last))
        await pilot.press("enter")
        reader = app.query_one(ReaderView)
        roles = {mark.role: (mark.start, mark.end) for mark in reader.focus_marks}
        assert roles["quote"] == (quote.start, quote.end)
        if quote.cue:
            assert roles["cue"] == (quote.cue.start, quote.cue.end)
        if quote.speaker:
            assert roles["speaker"] == (quote.speaker.start, quote.speaker.end)
        top, bottom = reader.visible_text_range()
        assert top <= quote.start <= bottom, "the quote is on screen"
        assert reader.scroll_offset.y > 0, "the last quote of a long article needs scrolling"
        await pilot.press("escape")
        assert reader.focus_marks == ()


async def test_a_click_in_the_side_panel_closes_a_source_and_marks_a_quote(analyzer) -> None:
    app = NewsReader([str(SEED_ARTICLE)], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel, lines = app.sources_panel, len(app.sources_panel.lines)
        top = len(panel.heading.wrap(app.console, panel.size.width - 1))  # the heading's rows stay above the lines
        await pilot.click(panel, offset=(4, top))
        assert panel.lines[0].text.plain.startswith("▶") and panel.lines[1].source == 1, "the first source closed"
        await pilot.click(panel, offset=(4, top))
        assert len(panel.lines) == lines
        words = panel.lines[2]  # the first quote's words, under its kind and cue
        assert isinstance(words.item, QuoteItem)
        await pilot.click(panel, offset=(8, top + 2))
        quote = app.corpus.analyses[app.current_id].quotes[words.item.index]
        assert ("quote", quote.start, quote.end) in {(m.role, m.start, m.end) for m in app.reader.focus_marks}


async def test_sources_panel_groups_and_toggles_order(corpus: Path, analyzer) -> None:
    app = NewsReader([str(SEED_ARTICLE)], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = app.query_one(SourcesPanel)
        top = [line.item for line in panel.lines if line.source >= 0]
        assert top and all(isinstance(item, SourceItem) for item in top)
        assert any("Ding" in item.name for item in top)
        panel.focus()
        await pilot.press("s")
        top = list(dict.fromkeys(line.item for line in panel.lines))
        assert all(isinstance(item, QuoteItem) for item in top)
        assert [q.index for q in top] == sorted(q.index for q in top)


async def test_a_shows_a_source_across_articles(corpus: Path, analyzer) -> None:
    app = NewsReader([str(corpus)], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = app.query_one(SourcesPanel)
        panel.focus()
        await pilot.press("down")
        assert isinstance(panel.cursor_item, SourceItem)
        await pilot.press("a")
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.quotes, "the source's quotes are listed"
        await pilot.press("enter")
        assert not isinstance(app.screen, SourceScreen)
        assert any(mark.role == "quote" for mark in app.query_one(ReaderView).focus_marks)


async def test_search_filters_list_and_jumps_to_match(corpus: Path, analyzer) -> None:
    app = NewsReader([str(corpus)], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        await pilot.press("slash")
        await pilot.press(*"x:prigozin")  # body text: a name would open its page
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(articles.shown_ids) == 1, "only the seed mentions Prigozhin"
        await pilot.press("enter")
        reader = app.query_one(ReaderView)
        match = next(mark for mark in reader.focus_marks if mark.role == "match")
        assert "Prigozhin" in reader.document.text[match.start : match.end]
        await pilot.press("escape")
        assert len(articles.shown_ids) == 4


async def test_search_escape_closes_and_clears_filter(corpus: Path, analyzer) -> None:
    app = NewsReader([str(corpus)], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ferry")
        await app.workers.wait_for_complete()
        await pilot.pause()
        articles = app.query_one(ArticleList)
        assert len(articles.shown_ids) < 4
        await pilot.press("escape")
        assert not app.search_panel.display
        assert len(articles.shown_ids) == 4


async def test_a_search_that_found_nothing_runs_again_as_articles_are_indexed(corpus: Path, analyzer) -> None:
    """Typed before the worker indexed anything, a search said "0 results · 0 articles
    indexed" and stayed so; results already shown are not redone under the user's cursor."""
    app = NewsReader([str(corpus)], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        searched: list[str] = []
        await pilot.press("slash", *"qqqzzz")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app._hits
        search = app.run_search
        app.run_search = searched.append  # type: ignore[method-assign]
        app.articles_analysed([], Progress(1, 4, "analysed"))
        assert searched == ["qqqzzz"]
        app.run_search = search  # type: ignore[method-assign]
        await pilot.press(*["backspace"] * 6, *"ferry")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app._hits
        app.run_search = searched.append  # type: ignore[method-assign]
        app.articles_analysed([], Progress(2, 4, "analysed"))
        assert searched == ["qqqzzz"]


async def test_the_status_counts_the_time_left_down_until_the_work_ends_or_stops(
    corpus: Path, analyzer, monkeypatch
) -> None:
    """Between two results (one long article: minutes), the time left goes down each second;
    once analysis stops, the status says so and no tick brings the old progress back."""
    from tui import present

    app = NewsReader([str(corpus)], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        clock = [1000.0]
        monkeypatch.setattr(present, "monotonic", lambda: clock[0])
        app.articles_analysed([], Progress(3, 4, "analysed", 0.5, ends_at=1090.0))
        assert "analysed 3/4 · 0.5/s · ~90 s left" in str(app.query_one("#status").render())
        clock[0] += 30
        await pilot.pause(1.2)
        assert "analysed 3/4 · 0.5/s · ~60 s left" in str(app.query_one("#status").render())
        app.analysis_failed("the model could not be loaded")
        clock[0] += 30
        await pilot.pause(1.2)
        assert "analysis off: the model could not be loaded" in str(app.query_one("#status").render())
        assert "left" not in str(app.query_one("#status").render())


async def test_a_tick_that_would_show_the_same_status_repaints_nothing(corpus: Path, analyzer) -> None:
    """Before a time left can be given, the progress reads the same at each tick: the status line
    is not updated (a repaint of the line) once a second for nothing."""
    app = NewsReader([str(corpus)], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        status = app.query_one("#status", Static)
        app.articles_analysed([], Progress(1, 400, "analysed", 0.5))
        updates: list[object] = []
        update = status.update

        def counted(*args: object, **kwargs: object) -> None:
            updates.append(args)
            update(*args, **kwargs)

        status.update = counted  # type: ignore[method-assign]
        await pilot.pause(2.2)
        assert "analysed 1/400 · 0.5/s" in str(status.render())
        assert updates == []
        app.articles_analysed([], Progress(2, 400, "analysed", 0.5))
        assert len(updates) == 1


async def test_mouse_click_opens_article_and_wheel_scrolls(corpus: Path, analyzer) -> None:
    app = NewsReader([str(corpus)], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ids = app.query_one(ArticleList).shown_ids
        await pilot.click(ArticleList, offset=(5, 3))  # second row: lines 2-3
        assert app.current_id == ids[1]
        reader = app.query_one(ReaderView)
        before = reader.scroll_offset.y
        for _ in range(3):
            reader.post_message(MouseScrollDown(reader, 5, 5, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert reader.scroll_offset.y > before


async def test_command_palette_opens_an_article(corpus: Path, analyzer) -> None:
    app = NewsReader([str(corpus)], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        target = next(a for a in app.corpus.articles.values() if a.title.startswith("Bristol"))
        await pilot.press("ctrl+p")
        await pilot.press(*"Open: Bristol")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_id == target.id


async def test_title_with_markup_shows_literally(tmp_path: Path, analyzer) -> None:
    title = "Plan [/] [b]x [bold red]y[/bold red] [@click=app.quit]z[/]"
    (tmp_path / "a.txt").write_text(f"{title}\n\nThe council said [b] is not a tag.\n", encoding="utf-8")
    app = NewsReader([str(tmp_path / "a.txt")], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "Plan [/] [b]x [bold" in shown
        await pilot.press("ctrl+p", *"Plan")
        await pilot.pause(0.5)
        assert "[b]x" in screen_text(app)
        await pilot.press("escape", "slash", *"[b]")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running


async def test_control_characters_never_reach_the_terminal(tmp_path: Path, analyzer) -> None:
    raw = (
        "Alarm\x07 \x1b[31mred\x1b[0m title\x1b]0;pwned\x07\n\n"
        'Body \x1b[2J with \x08 controls\u202e and Ada Lovelace said "hi".\n'
    )
    (tmp_path / "c.txt").write_text(raw, encoding="utf-8")
    app = NewsReader([str(tmp_path / "c.txt")], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = next(iter(app.corpus.articles.values()))
        assert article.title == "Alarm red title"
        for strip in app.screen._compositor.render_strips():
            for segment in strip:
                assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c == "\u202e" for c in segment.text)


async def test_unreadable_input_is_reported_and_the_rest_opens(tmp_path: Path, analyzer) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Readable\n\nText here.\n", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    app = NewsReader([str(good), str(binary)], analyzer=analyzer)
    messages = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert [a.title for a in app.corpus.articles.values()] == ["Readable"]
        assert [e.input for e in app.corpus.errors] == [str(binary)]
        assert any(str(binary) in message and "binary" in message for message in messages)
        assert "1 unreadable" in screen_text(app)


def test_first_paint_does_not_import_spacy(tmp_path: Path) -> None:
    """The UI paints before spaCy is imported: checked in a fresh interpreter."""
    script = tmp_path / "probe.py"
    script.write_text(
        "import asyncio, sys\n"
        "from tui.app import NewsReader\n"
        "async def main():\n"
        f"    app = NewsReader([{str(SEED_ARTICLE)!r}])\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        print('spacy' in sys.modules, flush=True)\n"
        "        app.exit()\n"
        "asyncio.run(main())\n",
        encoding="utf-8",
    )
    result = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.stdout.splitlines()[0] == "False", result.stderr


async def test_read_marks_and_bookmarks_persist_across_launches(corpus: Path, analyzer, tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    app = NewsReader([str(corpus)], analyzer=analyzer, data_dir=data, use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        second = articles.shown_ids[1]
        await pilot.press("j", "enter")
        assert app.current_id == second and second in app.read_ids
        await pilot.press("b")
        assert articles.row(second).bookmarked
        await pilot.press("u")
        assert second not in app.read_ids
        await pilot.press("u")
    again = NewsReader([str(corpus)], analyzer=analyzer, data_dir=data, use_cache=False)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = again.query_one(ArticleList)
        row = articles.row(second)
        assert row.read and row.bookmarked
        assert not articles.row(articles.shown_ids[0]).read
        await pilot.press("B")
        assert articles.shown_ids == [second]
        await pilot.press("B")
        assert len(articles.shown_ids) == 4


async def test_o_opens_and_y_copies_the_article_address(tmp_path: Path, analyzer, monkeypatch) -> None:
    source = tmp_path / "linked.jsonl"
    source.write_text(
        '{"id": "a1", "title": "Linked", "text": "Body.", "url": "https://example.org/a1"}\n', encoding="utf-8"
    )
    app = NewsReader([str(source)], analyzer=analyzer, use_cache=False)
    opened: list[str] = []
    copied: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o", "y")
    assert opened == ["https://example.org/a1"]
    assert copied == ["https://example.org/a1"]


async def test_second_launch_analyses_nothing(corpus: Path, analyzer, tmp_path: Path, monkeypatch) -> None:
    cache = str(tmp_path / "cache")
    first = NewsReader([str(corpus)], analyzer=analyzer, cache_dir=cache)
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
    calls: list[int] = []
    original = analyzer.analyze_many
    monkeypatch.setattr(analyzer, "analyze_many", lambda articles, **kw: calls.append(1) or original(articles, **kw))
    second = NewsReader([str(corpus)], analyzer=analyzer, cache_dir=cache)
    async with second.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(second.corpus.analyses) == 4
        assert all(
            row is not None and row.entities is not None
            for row in map(second.query_one(ArticleList).row, second.corpus.articles)
        )
    assert calls == []


async def test_titles_are_listed_before_the_cache_is_open(corpus: Path, analyzer, tmp_path: Path, monkeypatch) -> None:
    """Opening the cache checks its whole file: the first titles do not wait for it, their counts follow."""
    cache = str(tmp_path / "cache")
    first = NewsReader([str(corpus)], analyzer=analyzer, cache_dir=cache)
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
    release, open_cache = threading.Event(), AnalysisCache.open

    def held_open(directory: str) -> AnalysisCache:
        release.wait(10)
        return open_cache(directory)

    monkeypatch.setattr(AnalysisCache, "open", held_open)
    second = NewsReader([str(corpus)], analyzer=analyzer, cache_dir=cache)
    async with second.run_test(size=SIZE) as pilot:
        rows = second.query_one(ArticleList)
        while not second.corpus.articles:
            await pilot.pause(0.01)
        listed = list(second.corpus.articles)
        assert [rows.row(article_id).counts for article_id in listed] == ["…"] * len(listed)
        release.set()
        while rows.row(listed[0]).entities is None:
            await pilot.pause(0.01)
        await pilot.pause()
        assert second.reader.document.entities, "the first article is highlighted"
        await settle(pilot)
        assert all(rows.row(article_id).entities is not None for article_id in second.corpus.articles)


async def test_command_palette_shows_a_source_across_articles(analyzer) -> None:
    app = NewsReader([str(SEED_ARTICLE)], analyzer=analyzer, use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"Quotes by: Xueliang")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntityScreen)  # a named source's page holds what it said
        assert app.screen.page.name == "Xueliang Ding"


async def test_reader_scroll_keys(analyzer) -> None:
    app = NewsReader([str(SEEDS / "009_vallehondo_aquifer_investigation.txt")], analyzer=analyzer, use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.query_one(ReaderView)
        reader.focus()
        await pilot.press("j", "j", "down")
        assert reader.scroll_offset.y == 3
        await pilot.press("k", "up")
        assert reader.scroll_offset.y == 1
        page = reader.scrollable_content_region.height
        await pilot.press("space")
        assert reader.scroll_offset.y == 1 + page
        await pilot.press("shift+space")
        assert reader.scroll_offset.y == 1
        await pilot.press("pagedown", "pagedown", "pageup")
        assert reader.scroll_offset.y == 1 + page
        await pilot.press("G")
        assert reader.scroll_offset.y == reader.max_scroll_y > page
        await pilot.press("g")
        assert reader.scroll_offset.y == 0


async def test_bookmarks_key_after_a_search_shows_bookmarks(corpus: Path, analyzer, tmp_path: Path) -> None:
    app = NewsReader([str(corpus)], analyzer=analyzer, data_dir=str(tmp_path / "data"), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        await pilot.press("G", "b")
        bookmarked = app.current_id
        await pilot.press("slash", *"ferry")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        assert app.current_id != bookmarked and len(articles.shown_ids) < 4
        await pilot.press("B")
        assert articles.shown_ids == [bookmarked]
        await pilot.press("B")
        assert len(articles.shown_ids) == 4


async def test_palette_opening_a_hidden_article_leaves_no_late_echo(corpus: Path, analyzer, tmp_path: Path) -> None:
    """Opening an article the bookmark filter hides clears the filter and stays on it."""
    app = NewsReader([str(corpus)], analyzer=analyzer, data_dir=str(tmp_path / "data"), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        target = next(a for a in app.corpus.articles.values() if a.title.startswith("Bristol"))
        await pilot.press("G", "b", "B", "ctrl+p", *"Open: Bristol")
        await pilot.pause(0.5)
        await pilot.press("enter")
        for _ in range(5):
            await pilot.pause()
        assert app.current_id == target.id
        assert app.query_one(ArticleList).current_id == target.id
        assert len(app.query_one(ArticleList).shown_ids) == 4


async def test_quitting_as_the_last_analyses_load_still_saves_the_search_index(
    corpus: Path, analyzer, tmp_path: Path, monkeypatch
) -> None:
    """A quit that comes once everything is loaded skips the people view's rows, not the save:
    without the file the next launch indexes everything again."""
    from core.search.saved import FILE_NAME
    from tui import workers

    cache = tmp_path / "cache"
    first = NewsReader([str(corpus)], analyzer=analyzer, cache_dir=str(cache))
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
    (cache / FILE_NAME).unlink()

    def quit_now(app: NewsReader) -> None:  # the user quits just as the worker gets here
        app.call_from_thread(app.workers.cancel_group, app, "analysis")
        assert get_current_worker().is_cancelled

    monkeypatch.setattr(workers, "keep_loaded", quit_now)
    second = NewsReader([str(corpus)], analyzer=analyzer, cache_dir=str(cache))
    async with second.run_test(size=SIZE) as pilot:
        while not second.analysed_all.is_set():
            await pilot.pause(0.01)
    assert (cache / FILE_NAME).is_file()


async def test_second_launch_loads_the_search_index(corpus: Path, analyzer, tmp_path: Path, monkeypatch) -> None:
    """The index is saved beside the cache; the next launch searches with it, indexing nothing again."""
    from core.search.index import SearchIndex
    from core.search.saved import FILE_NAME

    cache = tmp_path / "cache"
    first = NewsReader([str(corpus)], analyzer=analyzer, cache_dir=str(cache))
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
        found = first.corpus.search("prigozhin")
    assert found[0] and (cache / FILE_NAME).is_file()
    indexed: list[str] = []
    original = SearchIndex._new_doc
    monkeypatch.setattr(
        SearchIndex, "_new_doc", lambda index, article: indexed.append(article.id) or original(index, article)
    )
    second = NewsReader([str(corpus)], analyzer=analyzer, cache_dir=str(cache))
    async with second.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert second.corpus.search("prigozhin") == found
        assert not set(indexed) & set(second.corpus.articles)  # (people's names have an index of their own)


async def test_letters_typed_right_after_the_search_key_go_into_the_search(corpus: Path, analyzer) -> None:
    """A fast typist (or a busy machine) sends '/' and the first letters before the app has
    handled any: they are queued behind '/', and must land in the search box, not the list."""
    from textual import events

    app = NewsReader([str(corpus)], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key, character in (("slash", "/"), ("f", "f"), ("e", "e")):
            app.post_message(events.Key(key, character))  # all queued before the first is handled
        await pilot.pause()
        await pilot.pause()
        assert app.search_panel.input.value == "fe"
        await pilot.press("slash", "x")  # in the box, "/" is a character
        assert app.search_panel.input.value == "fe/x"


async def test_an_empty_filtered_list_says_why(corpus: Path, analyzer, tmp_path: Path) -> None:
    """B with no bookmark, or a search matching nothing, leaves the list empty: it says so in place."""
    app = NewsReader([str(corpus)], analyzer=analyzer, data_dir=str(tmp_path / "data"), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        await pilot.press("B")
        assert articles.shown_ids == []
        assert "No bookmarks yet." in screen_text(app)
        await pilot.press("B")
        assert len(articles.shown_ids) == 4 and "No bookmarks yet." not in screen_text(app)
        await pilot.press("slash", *"zqxjzqxj")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert articles.shown_ids == [] and "No article matches." in screen_text(app)
