"""Worker processes for slow, parallel work (page extraction, spaCy analysis).

Never ``fork``: the app holds threads (Textual's, its workers', SQLite's),
and a forked child inherits their locks held, which was seen to deadlock.
"""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.context import BaseContext


def process_context() -> BaseContext:
    """forkserver where the platform has it, else spawn."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def default_jobs() -> int:
    """One process per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
