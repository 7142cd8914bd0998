"""What the user sees, timed: the app runs in a real terminal (tmux), as a user
launches it, and figures are taken when text appears on the screen, Python's
start, imports and the terminal's repaint included.

The app runs under ``/usr/bin/time`` so its peak resident memory is known
once it has quit (``q``).
"""

from __future__ import annotations

import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLL = 0.01  # seconds between two looks at the screen


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def p99(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


class Screen:
    """One launch of the app (or of another ``module``) in its own tmux server, with its own HOME."""

    def __init__(
        self, args: Sequence[str], home: str | Path, width: int = 140, height: int = 40, module: str = "tui.cli"
    ) -> None:
        self._socket = f"nrbench{os.getpid()}_{time.monotonic_ns()}"
        self._rss_file = Path(tempfile.mkstemp(prefix="nrbench-rss-")[1])
        self._rss_file.write_text("")
        env = f"PYTHONPATH={shlex.quote(str(ROOT))} TEXTUAL_ANIMATIONS=none HOME={shlex.quote(str(home))}"
        env += f" XDG_CACHE_HOME={shlex.quote(str(Path(home, '.cache')))}"
        env += f" XDG_DATA_HOME={shlex.quote(str(Path(home, '.local/share')))}"
        command = " ".join(shlex.quote(a) for a in (sys.executable, "-m", module, *args))
        self.command = f"cd {shlex.quote(str(ROOT))} && {env} /usr/bin/time -f %M -o {self._rss_file} {command}"
        self._size = (width, height)
        self.started = 0.0

    def __enter__(self) -> Screen:
        self.started = time.perf_counter()
        width, height = self._size
        self._tmux("new-session", "-d", "-s", "app", "-x", str(width), "-y", str(height), self.command)
        return self

    def __exit__(self, *_: object) -> None:
        subprocess.run(["tmux", "-L", self._socket, "kill-server"], stderr=subprocess.DEVNULL, check=False)
        self._rss_file.unlink(missing_ok=True)

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self._socket, *args], capture_output=True, text=True, check=True)
        return done.stdout

    def text(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "app")

    def wait_for(self, text: str, timeout: float = 120.0) -> float:
        """Seconds from the launch until ``text`` is on screen."""
        return self.wait_until(lambda screen: text in screen, repr(text), timeout)

    def wait_until(self, seen: Callable[[str], bool], what: str, timeout: float = 120.0) -> float:
        """Seconds from the launch until the screen's text satisfies ``seen``."""
        while time.perf_counter() - self.started < timeout:
            if seen(self.text()):
                return time.perf_counter() - self.started
            time.sleep(POLL)
        raise SystemExit(f"{what} not on screen within {timeout:.0f} s; the screen:\n{self.text()}")

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", "app", *keys)

    def quit_for_rss(self, timeout: float = 30.0) -> float:
        """Quit the app (q) and return its peak resident memory in MB."""
        self.keys("q")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            figure = self._rss_file.read_text().strip().splitlines()
            if figure and figure[-1].isdigit():
                return int(figure[-1]) / 1024
            time.sleep(0.05)
        raise SystemExit("the app did not quit on q")
