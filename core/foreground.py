"""Background work that steps aside while the user waits.

Python runs one thread at a time and switches every few milliseconds, so a
loading thread that never waits takes half the interpreter from the UI thread:
a key that costs 30 ms of work showed after 60 ms. The UI says when the user
acts (``hold``) or waits on a worker (``held``); background workers call
``pause`` between small units of work, and never while holding a lock."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

HOLD = 0.15  # seconds the background waits after a key: the screen has answered by then
LONGEST = 0.5  # the longest one pause lasts: loading goes on, slowly, while the user keeps acting
POLL = 0.01  # seconds between two looks while a worker is ``held``


class Foreground:
    def __init__(self, hold: float = HOLD, longest: float = LONGEST) -> None:
        self._hold, self._longest = hold, longest
        self._until = 0.0
        self._held = 0
        self._lock = threading.Lock()

    def hold(self) -> None:
        """The user acted: the background waits ``HOLD`` seconds from now."""
        self._until = max(self._until, time.monotonic() + self._hold)

    @contextmanager
    def held(self) -> Iterator[None]:
        """The user waits on the work done inside (a search): the background waits with them."""
        with self._lock:
            self._held += 1
        try:
            yield
        finally:
            with self._lock:
                self._held -= 1

    @property
    def busy(self) -> bool:
        return bool(self._held) or time.monotonic() < self._until

    def pause(self) -> None:
        """Wait while the user waits, but at most ``LONGEST`` seconds: called by background workers."""
        deadline = time.monotonic() + self._longest
        while self.busy and (now := time.monotonic()) < deadline:
            wait = POLL if self._held else self._until - now
            time.sleep(max(0.0, min(wait, deadline - now)))
