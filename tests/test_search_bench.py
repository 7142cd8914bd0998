"""The search benchmark runs and reports in the agreed format."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "search.py"


def test_small_search_bench_prints_its_figures():
    done = subprocess.run(
        [sys.executable, str(BENCH), "--small"], capture_output=True, text=True, timeout=120, check=True
    )
    last = done.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"search: p50=[\d.]+ ms p99=[\d.]+ ms build=[\d.]+ s extra_mem=-?\d+ MB( \w+=\S+)*", last), last
