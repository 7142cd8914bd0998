"""Run the app in a fresh interpreter, as a user's launch would, and read its figures."""

from __future__ import annotations

import json
import subprocess
import sys
import time


def launch(script: str, home: str, moments: tuple[str, ...]) -> dict:
    """Run ``script`` (which prints one JSON line of figures and wall-clock
    ``moments``) and return the figures with each moment made relative to
    the start of the process, Python's own start-up and imports included."""
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=900,
        env={"TEXTUAL_ANIMATIONS": "none", "PATH": "/usr/bin:/bin", "HOME": home},
    )
    if result.returncode != 0:
        raise SystemExit(f"the app failed:\n{result.stderr[-2000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    for moment in moments:
        figures[moment] -= started
    return figures
