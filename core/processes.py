"""Worker processes for slow, parallel work (page extraction, spaCy analysis).

Never ``fork``: the app holds threads (Textual's, its workers', SQLite's),
and a forked child inherits their locks held, which was seen to deadlock.
multiprocessing is imported when the first pool is made: the app's launch
asks only how many cores it may use (``default_jobs``).
"""

from __future__ import annotations

import os
import sys
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

_tracker_lock = threading.Lock()


def process_context() -> BaseContext:
    """forkserver where the platform has it, else spawn."""
    import multiprocessing

    _start_resource_tracker()
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def default_jobs() -> int:
    """One process per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker (the pools need it) with the process's own stderr.
    It hands ``sys.stderr``'s file descriptor to its process, and a terminal UI (Textual) has replaced
    ``sys.stderr`` with an object that has none: starting it then failed. Started here, when the first
    pool is made, a launch that needs no process never pays for it."""
    from multiprocessing import resource_tracker

    with _tracker_lock:
        replaced, sys.stderr = sys.stderr, sys.__stderr__ or sys.stderr
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = replaced
