"""The long-article benchmark runs at CI size and ends with its figures line."""

from __future__ import annotations

import re

import pytest

from tests.support.bench import last_line

LAST_LINE = re.compile(
    r"^long article: chars=(\d+) quotes=(\d+) cpu=(\d+\.\d)s per_100k=(-?\d+\.\d\d)s growth=(-?\d+\.\d\d) peak=(\d+)MB$"
)


@pytest.mark.slow
def test_bench_long_article_small() -> None:
    last = last_line("bench/long_article.py", "--chars", "16000", "--runs", "1")
    match = LAST_LINE.match(last)
    assert match, last
    chars, quotes, cpu, _, _, peak = (float(v) for v in match.groups())
    assert chars >= 16000 and quotes > 0 and cpu > 0 and peak > 0
