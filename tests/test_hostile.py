"""The hostile folder (tests/support/hostile.py) through the command line and the app:
every readable article is written, listed, opened and analysed; every unreadable input
is reported by name; nothing raises and nothing reaches the terminal as a control."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import core.nlp
from core.ingest.base import SUFFIX_KINDS, Unreadable
from core.ingest.dispatch import Network, load_path
from core.model import Analysis, LoadResult
from tests.support.app import settle
from tests.support.hostile import hostile_folder
from tests.support.models import rule_analyzer
from tui.app import NewsReader
from tui.cli import main

CONTROLS = {chr(c) for c in range(32)} - {"\n"} | {chr(c) for c in range(0x7F, 0xA0)} | {"\u202e", "\u2066"}


@pytest.fixture(scope="module")
def rules():
    return rule_analyzer()


def test_the_cli_writes_every_readable_article_and_names_each_unreadable_input(tmp_path, capsys, monkeypatch, rules):
    h = hostile_folder(tmp_path / "hostile")
    monkeypatch.setattr(core.nlp, "Analyzer", lambda model=None: rules)
    try:
        code = main(["analyze", "--no-cache", str(h.folder)])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert {Path(r["path"]).name: r["title"] for r in records} == h.readable
    long = next(r for r in records if r["title"] == "A long transcript")
    assert len(long["text"]) > 1_200_000 and long["entities"][-1]["start"] > 1_100_000
    named = [line.removeprefix("newsreader: ").split(":", 1)[0] for line in err.splitlines()]
    assert sorted(Path(name).name for name in named) == sorted(h.unreadable)
    assert "Traceback" not in err


@pytest.mark.slow
def test_the_cli_with_the_model_in_a_real_process_exits_1_without_a_traceback(tmp_path):
    h = hostile_folder(tmp_path / "hostile", big=False)
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "analyze", "--no-cache", str(h.folder)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert {Path(json.loads(line)["path"]).name for line in done.stdout.splitlines()} == set(h.readable)
    assert len(done.stderr.splitlines()) == len(h.unreadable)


async def test_the_app_lists_opens_and_analyses_every_readable_article(tmp_path, rules):
    h = hostile_folder(tmp_path / "hostile")
    app = NewsReader([str(h.folder)], analyzer=rules)
    notes: list[str] = []
    notify = app.notify
    app.notify = lambda message, **options: notes.append(message) or notify(message, **options)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = {Path(a.path).name: a for a in app.corpus.articles.values()}
        assert {name: a.title for name, a in articles.items()} == h.readable
        assert sorted(Path(e.input).name for e in app.corpus.errors) == sorted(h.unreadable)
        assert notes == [f"{len(h.unreadable)} inputs could not be read · ! lists them"]
        await pilot.press("exclamation_mark")
        assert sorted(Path(item.input).name for item in app.screen.inputs) == sorted(h.unreadable)
        await pilot.press("escape")
        assert all(isinstance(app.corpus.analyses.get(a.id), Analysis) for a in articles.values())
        assert "analysing" not in str(app.query_one("#status").render())
        for article in articles.values():
            app.open_article(article.id)
            await pilot.pause()
            assert app.reader.document.title == article.title
            assert app.article_list.row(article.id).entities is not None
            screen = "".join(segment.text for strip in app.screen._compositor.render_strips() for segment in strip)
            assert not CONTROLS & set(screen)


# --- any bytes: an article or a reported error, never an exception -----------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from(sorted(SUFFIX_KINDS)))
def test_any_bytes_give_articles_or_a_reason(data: bytes, suffix: str) -> None:
    _check_loader(data, suffix)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(alphabet=st.sampled_from('<>/&;"{}[]:,\n\r\x00\x1b abcé\u202e'), max_size=400),
    suffix=st.sampled_from([".html", ".rss", ".atom", ".opml", ".json", ".jsonl", ".txt"]),
    wrapper=st.sampled_from(["", '<?xml version="1.0"?><rss><channel><item><title>', '{"text": "', "<html><body><p>"]),
)
def test_structured_junk_gives_articles_or_a_reason(text: str, suffix: str, wrapper: str) -> None:
    _check_loader((wrapper + text).encode("utf-8", "surrogatepass"), suffix)


def _check_loader(data: bytes, suffix: str) -> None:
    """The reader for the suffix, without the dispatcher's safety net: only ``Unreadable`` may escape."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            result = load_path(path, Network())
        except Unreadable as exc:
            assert str(exc)
            return
        assert isinstance(result, LoadResult)
        for article in result.articles:
            assert article.title and not CONTROLS & set(article.title + article.text)
