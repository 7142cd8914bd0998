"""Running a bench as a user would, at a small size, to read the figures on its last line."""

from __future__ import annotations

import subprocess
import sys

from tests.support.paths import ROOT


def last_line(script: str, *args: str, timeout: float = 600) -> str:
    """The last line a bench in ``bench/`` prints: its figures."""
    done = subprocess.run(
        [sys.executable, script, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=True
    )
    return done.stdout.strip().splitlines()[-1]
