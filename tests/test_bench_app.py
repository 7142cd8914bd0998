"""The app-level benchmarks run at a small size and report in their format, so they cannot rot."""

from __future__ import annotations

import re

import pytest

from tests.support.bench import last_line


def test_startup_bench_small() -> None:
    line = last_line("bench/startup.py", "--small", "--runs", "1")
    assert re.fullmatch(
        r"startup: articles=300 titles=[\d.]+ s listed=[\d.]+ s all=[\d.]+ s rss=\d+ MB \(median of 1\)", line
    ), line


@pytest.mark.parametrize(("option", "index"), [((), "saved"), (("--rebuild-index",), "rebuilt")])
def test_startup_archive_bench_small(option: tuple[str, ...], index: str) -> None:
    line = last_line("bench/startup.py", "--archive", "300", "--runs", "1", "--all", *option)
    assert re.fullmatch(
        rf"startup archive: articles=300 index={index} titles=[\d.]+ s open=\d+ ms open_listed=\d+ ms bare_open=\d+ ms "
        r"listed=[\d.]+ s all=[\d.]+ s rss=\d+ MB \(median of 1\)",
        line,
    ), line


def test_first_launch_bench_small() -> None:
    line = last_line("bench/first_launch.py", "--small", "--runs", "1")
    assert re.fullmatch(
        r"first_launch: articles=40 readable=[\d.]+ s highlighted=[\d.]+ s rate=[\d.]+ articles/s "
        r"rate_1=[\d.]+ articles/s scaling=[\d.]+ cores=\d+ \(median of 1\)",
        line,
    ), line


def test_feeds_folder_bench_small() -> None:
    line = last_line("bench/feeds_folder.py", "--small", "--runs", "1")
    assert re.fullmatch(
        r"feeds_folder: files=200 unreadable=160 articles=\d+ merged=\d+ cli=[\d.]+ s app=[\d.]+ s ratio=[\d.]+x", line
    ), line


def test_cluster_open_bench_small() -> None:
    line = last_line("bench/cluster.py", "--small", "--open-only", "--runs", "1")
    assert re.fullmatch(
        r"cluster: open_listed=[\d.]+ s \(cached [\d.]+ s\) open_all=[\d.]+ s \(cached [\d.]+ s\) "
        r"analysed=0 records=300",
        line,
    ), line


def test_session_bench_small() -> None:
    line = last_line("bench/session.py", "--articles", "300", "--rounds", "1")
    assert re.fullmatch(
        r"session: articles=300 keys=40 open=\d+/\d+ page=\d+/\d+ scroll=\d+/\d+ search=\d+/\d+ people=\d+/\d+ ms "
        r"\(median/slowest\) stalls=\d+",
        line,
    ), line
