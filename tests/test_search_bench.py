"""The search benchmark runs and reports in the agreed format."""

from __future__ import annotations

import re

from tests.support.bench import last_line


def test_small_search_bench_prints_its_figures():
    last = last_line("bench/search.py", "--small")
    assert re.fullmatch(r"search: p50=[\d.]+ ms p99=[\d.]+ ms build=[\d.]+ s extra_mem=-?\d+ MB( \w+=\S+)*", last), last
