"""The exports benchmark runs at CI size and ends with its figures line."""

from __future__ import annotations

import re

import pytest

from tests.support.bench import last_line

LAST_LINE = re.compile(
    r"^exports: articles=(\d+) identities=(\d+) cold_s=(\d+\.\d\d) identities_s=(\d+\.\d\d) "
    r"entities_csv_ms=(\d+) quotes_csv_s=(\d+\.\d\d) peak_mb=(\d+\.\d)$"
)


@pytest.mark.slow
def test_bench_exports_small() -> None:
    last = last_line("bench/exports.py", "--small", "--rounds", "1")
    match = LAST_LINE.match(last)
    assert match, last
    articles, found = int(match[1]), int(match[2])
    # Each copy of the seeds brings its own people: far more identities than the seeds' 244.
    assert articles == 500 and found > 1000
    assert float(match[7]) > 0
