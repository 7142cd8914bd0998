"""In the app, one article or input never stops the others, and every failure is
reported: on the article's row, in the status line, and in one notification
that the e key (or the palette) expands into the full list."""

from __future__ import annotations

from pathlib import Path

from core.export import record_line
from core.model import Analysis, Article
from core.nlp import NO_TEXT
from tests.support.app import notifications, settle
from tests.support.models import rule_analyzer
from tui.app import NewsReader
from widgets.sources_panel import SourcesPanel
from widgets.unreadable_screen import UnreadableScreen

SIZE = (120, 40)


def _status(app: NewsReader) -> str:
    return str(app.query_one("#status").render())


def _panel_header(app: NewsReader) -> str:
    return str(app.query_one(SourcesPanel).heading)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


async def test_an_article_that_fails_analysis_is_marked_and_the_rest_are_analysed(tmp_path: Path) -> None:
    for number in range(1, 6):
        body = "BOOM, the text that breaks the model." if number == 3 else "Ann Lee went to Bristol."
        _write(tmp_path, f"{number}.txt", f"Story {number}\n\n{body}\n")
    app = NewsReader([str(tmp_path)], analyzer=rule_analyzer())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        failed = next(a for a in app.corpus.articles.values() if a.title == "Story 3")
        assert len(app.corpus.analyses) == 4
        row = app.article_list.row(failed.id)
        assert row is not None and row.counts.startswith("analysis failed: the tagger choked")
        status = _status(app)
        assert "1 not analysed" in status and "analysing" not in status
        app.open_article(failed.id)
        await pilot.pause()
        assert "analysis failed" in _panel_header(app)
        assert "BOOM, the text" in app.reader.document.text  # still readable as plain text


async def test_an_analysis_worker_that_dies_says_so(tmp_path: Path, monkeypatch) -> None:
    _write(tmp_path, "one.txt", "Story\n\nAnn Lee went to Bristol.\n")
    analyzer = rule_analyzer()

    def broken(*args, **kwargs):
        raise RuntimeError("out of memory in the tagger")

    monkeypatch.setattr(analyzer, "analyze_many", broken)
    app = NewsReader([str(tmp_path)], analyzer=analyzer)
    messages = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "analysis stopped (out of memory in the tagger)" in _status(app)
        assert "not analysed: analysis stopped" in _panel_header(app)
        assert any("out of memory" in message for message in messages)


async def test_many_unreadable_inputs_make_one_notification_and_bang_lists_them(tmp_path: Path) -> None:
    _write(tmp_path, "good.txt", "Readable\n\nAnn Lee went to Bristol.\n")
    for number in range(40):
        (tmp_path / f"bad{number:02}.json").write_text("{not json", encoding="utf-8")
    app = NewsReader([str(tmp_path)], analyzer=rule_analyzer())
    messages = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert messages == ["40 inputs could not be read · ! lists them"]
        await pilot.press("exclamation_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, UnreadableScreen)
        assert len(screen.inputs) == 40
        assert screen.inputs[0].input == str(tmp_path / "bad00.json")
        assert "not valid JSON" in screen.inputs[0].reason
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, UnreadableScreen)


async def test_the_palette_lists_unreadable_inputs(tmp_path: Path) -> None:
    _write(tmp_path, "good.txt", "Readable\n\nAnn Lee went to Bristol.\n")
    (tmp_path / "bad.json").write_text("[", encoding="utf-8")
    app = NewsReader([str(tmp_path)], analyzer=rule_analyzer())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"unreadable")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, UnreadableScreen)
        assert [item.input for item in app.screen.inputs] == [str(tmp_path / "bad.json")]


async def test_duplicates_merged_are_counted_in_the_status(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        _write(tmp_path, name, "Same story\n\nAnn Lee went to Bristol.\n")
    app = NewsReader([str(tmp_path)], analyzer=rule_analyzer())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(app.corpus.articles) == 1
        assert "2 merged as duplicates" in _status(app)


async def test_an_analysed_record_whose_text_cleans_to_nothing_fails_by_name(tmp_path: Path) -> None:
    """Records of ``analyze`` are listed before their text is cleaned: one that
    cleans to nothing is reported as a failure, not listed as an empty analysis."""
    blank = Article(id="blank", title="Blank story", text="\u200b\x07 \x1b")
    fine = Article(id="fine", title="Fine story", text="Ann Lee went to Bristol.")
    lines = [record_line(article, Analysis(), "another model", "x") for article in (blank, fine)]
    path = _write(tmp_path, "a.jsonl", "".join(lines))
    app = NewsReader([str(path)], analyzer=rule_analyzer())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert list(app.corpus.analyses) == ["fine"]
        row = app.article_list.row("blank")
        assert row is not None and row.counts == f"analysis failed: {NO_TEXT}"
        assert "1 not analysed" in _status(app)


async def test_bang_with_nothing_unreadable_says_every_input_was_read(tmp_path: Path) -> None:
    _write(tmp_path, "good.txt", "Readable\n\nAnn Lee went to Bristol.\n")
    app = NewsReader([str(tmp_path)], analyzer=rule_analyzer())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, UnreadableScreen)
        shown = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "Every input was read" in shown and "0 inputs" not in shown
