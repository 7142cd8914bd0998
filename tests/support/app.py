"""Helpers for driving the app under Pilot."""

from __future__ import annotations

import time

from textual.app import App
from textual.pilot import Pilot

SETTLE_TIMEOUT = 300  # seconds: a whole seed corpus analysed under load takes well under this


async def settle(pilot: Pilot) -> None:
    """Wait until loading, indexing and analysis are done, the panes are mounted (they come
    after the first frame, and keys wait for them) and the screen has caught up."""
    app, deadline = pilot.app, time.monotonic() + SETTLE_TIMEOUT
    while not (app.analysed_all.is_set() and app.loaded.is_set()):
        # An exception while drawing stops the app: fail, rather than wait for events that never come.
        if not app.is_running or app._exception is not None:
            raise AssertionError(f"the app stopped before it settled: {app._exception!r}")
        if time.monotonic() > deadline:
            raise AssertionError(f"the app did not settle within {SETTLE_TIMEOUT} s")
        await pilot.pause(0.01)
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def notifications(app: App) -> list[str]:
    """Every message the app notifies from now on. Kept here because Textual drops a
    notification once its timeout passes, which a slow machine can reach before a test looks."""
    messages: list[str] = []
    original = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        messages.append(str(message))
        original(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return messages
