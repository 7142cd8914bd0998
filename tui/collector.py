"""The garbage collector held off while the user types into a filter, as Textual
holds it off while a scroll animates (``App.PAUSE_GC_ON_SCROLL``): a full
collection over the objects made since loading takes 20–35 ms, and landing on
a keystroke it was the slowest key of a people filter. It runs again once the
typing stops, when a pause is not seen.

And run only when asked while the app is imported and while inputs are listed
(``only_when_asked``)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

RESUME_AFTER = 1.0  # seconds without a keystroke

_asked = threading.Lock()
_holders = 0  # how many are inside ``only_when_asked`` now
_thresholds: tuple[int, ...] = ()  # the thresholds the first of them found


@contextmanager
def only_when_asked() -> Iterator[None]:
    """The collector runs only when called inside (thresholds 0). Nested, or in several threads at
    once (a loader that outlives its app, another that starts), the thresholds the first found are
    put back when the last leaves: each putting back what it found left them at 0 for good."""
    global _holders, _thresholds
    with _asked:
        if not _holders:
            _thresholds = gc.get_threshold()
            gc.set_threshold(0)
        _holders += 1
    try:
        yield
    finally:
        with _asked:
            _holders -= 1
            if not _holders:
                gc.set_threshold(*_thresholds)


def holders() -> int:
    """How many are inside ``only_when_asked`` now."""
    return _holders


class TypingPause:
    """Call ``keystroke`` on every filtering key; the collector resumes ``RESUME_AFTER`` later."""

    def __init__(self, app: App) -> None:
        self._app = app
        self._timer: Timer | None = None

    def keystroke(self) -> None:
        gc.disable()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._app.set_timer(RESUME_AFTER, self.resume, name="resume collector")

    def resume(self) -> None:
        """The collector back on: typing stopped, or the app is closing (its timers with it)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        gc.enable()
