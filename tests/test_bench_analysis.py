"""The analysis benchmark runs at CI size and ends with its figures line."""

from __future__ import annotations

import re

import pytest

from tests.support.bench import last_line

LAST_LINE = re.compile(
    r"^analysis: raw_wps=(\d+) ours_wps=(\d+) ratio=(\d+\.\d\d) wps_2proc=(\d+) scaling=(\d+\.\d\d)$"
)


@pytest.mark.slow
def test_bench_analysis_small() -> None:
    last = last_line("bench/analysis.py", "--small", "--rounds", "1")
    match = LAST_LINE.match(last)
    assert match, last
    raw, ours, ratio, two, scaling = (float(v) for v in match.groups())
    assert raw > 0 and ours > 0 and two > 0 and scaling > 0
    assert ratio == pytest.approx(ours / raw, abs=0.01)
