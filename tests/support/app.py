"""Helpers for driving the app under Pilot."""

from __future__ import annotations

from textual.pilot import Pilot


async def settle(pilot: Pilot) -> None:
    """Wait until loading, indexing and analysis are done and the screen has caught up."""
    app = pilot.app
    while not app.analysed_all.is_set():
        await pilot.pause(0.01)
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
