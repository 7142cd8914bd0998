"""Background work steps aside while the user presses keys (``core.foreground``)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from core import foreground
from tests.support.paths import SEED_ARTICLE
from tui.app import NewsReader


def background_step(done: list[float]) -> threading.Thread:
    """A background thread that takes one step and records when it got past it."""

    def run() -> None:
        with foreground.background():
            foreground.step_aside()
        done.append(time.monotonic())

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.fixture
def long_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    """A hold long enough that a loaded machine cannot outlast it by accident."""
    monkeypatch.setattr(foreground, "HOLD", 3.0)
    yield
    monkeypatch.setattr(foreground, "HOLD", 0.0)
    foreground.hold()  # over at once: no other test waits for it


def test_background_work_waits_while_held_then_goes_on(long_hold: None) -> None:
    foreground.hold()
    done: list[float] = []
    thread = background_step(done)
    thread.join(0.5)
    assert thread.is_alive() and not done  # still waiting for the user
    thread.join(5)
    assert done  # and went on once the hold was over


def test_other_threads_and_unheld_work_never_wait(long_hold: None) -> None:
    done: list[float] = []
    thread = background_step(done)  # nothing held: straight through
    thread.join(1)
    assert done
    foreground.hold()
    started = time.monotonic()
    foreground.step_aside()  # not background work: a search the user typed, the UI thread
    assert time.monotonic() - started < 0.5


def test_work_outside_background_is_not_marked(long_hold: None) -> None:
    """A worker thread pool reuses threads: leaving ``background()`` unmarks the thread."""
    with foreground.background():
        pass
    foreground.hold()
    started = time.monotonic()
    foreground.step_aside()
    assert time.monotonic() - started < 0.5


async def test_a_key_in_the_app_holds_background_work(tmp_path: Path, long_hold: None) -> None:
    app = NewsReader([str(SEED_ARTICLE)], use_cache=False, data_dir=str(tmp_path))
    async with app.run_test() as pilot:
        await pilot.pause()
        done: list[float] = []
        await pilot.press("down")
        thread = background_step(done)
        thread.join(0.5)
        assert thread.is_alive() and not done
        foreground.HOLD = 0.0
        foreground.hold()  # the next key lets it go at once
        thread.join(5)
        assert done
