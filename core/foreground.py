"""Background threads step aside while the user waits for the screen.

Python runs one thread at a time. A thread that reads an archive or loads
analyses holds the interpreter (the GIL) most of the time, so the UI thread
gets about half of it, and each of its system calls (a cache read, a write to
the terminal) waits a switch interval (5 ms) to get it back: an article opened
while 100,000 were listed took 45 to 270 ms, mostly waiting.

The UI calls ``hold`` on each key or click. Loops call ``step_aside`` between
small pieces of work (a record, an article); in a thread that runs as
``background()`` (reading the inputs, loading analyses), it waits there,
without the interpreter, until the user has been still for ``HOLD`` seconds.
Anywhere else (the UI thread, a search the user typed) it returns at once.
Holding is all a key does: work is only delayed, never lost, and a key held
down delays it only while it is held."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

HOLD = 0.15  # seconds after the last key or click

_still = threading.Event()  # set while no key or click is recent
_still.set()
_until = 0.0
_thread = threading.local()


def hold() -> None:
    """The user asked for something: background work waits until ``HOLD`` seconds from now."""
    global _until
    _until = time.monotonic() + HOLD
    _still.clear()


@contextmanager
def background() -> Iterator[None]:
    """Run the body as background work: its ``step_aside`` calls wait for the user."""
    _thread.background = True
    try:
        yield
    finally:
        _thread.background = False


def step_aside() -> None:
    """Between pieces of work: in background work, wait while the user pressed a
    key or clicked in the last ``HOLD`` seconds; elsewhere, return at once."""
    if _still.is_set() or not getattr(_thread, "background", False):
        return
    while not _still.is_set():
        left = _until - time.monotonic()
        if left <= 0:
            _still.set()
            return
        _still.wait(left)
