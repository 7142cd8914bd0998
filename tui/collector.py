"""The garbage collector held off while the user types into a filter, as Textual
holds it off while a scroll animates (``App.PAUSE_GC_ON_SCROLL``): a full
collection over the objects made since loading takes 20–35 ms, and landing on
a keystroke it was the slowest key of a people filter. It runs again once the
typing stops, when a pause is not seen."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

RESUME_AFTER = 1.0  # seconds without a keystroke


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
