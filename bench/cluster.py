"""The cost of running the analysis on Dask, and opening what it wrote.

1. Throughput: the same articles (the bundled seeds, repeated under new
   ids to ``--articles``, 256 by default, ``--small`` 16) analysed by
   ``newsreader analyze --scheduler local:2`` and by ``newsreader analyze
   --jobs 2 --no-cache``, each run as a user types it (a fresh process,
   starting its workers and loading the model; output to /dev/null), the
   sides alternating; and each side again on the first 4 articles, which
   is its start-up. Throughput is words per second once started: the words
   beyond the first 4 articles over the seconds beyond the start-up, the
   medians of ``--runs`` (on an archive, start-up is paid once). Words are
   whitespace-separated words of the texts.
2. Opening: 10,000 articles (``--small``: 300; bench/startup.py's, with
   its synthetic analyses, as dense as real ones) as analysed records
   stamped with this model and extractor, in a folder of 64-record parts as
   ``--output`` writes them, launched in a real terminal (tmux, see
   bench/screen.py) with an empty cache each time; and, for reference, the
   same articles as text files whose analyses are all cached
   (bench/startup.py's second launch). ``listed`` is from the command to
   the status line counting every article, ``all`` until it says every
   analysis is loaded (shown and indexed). Medians of ``--runs``, the two
   kinds of launch alternating. Then one launch of each in a fresh
   interpreter counts the articles given to spaCy (``analysed``; the goal
   is none). ``--open-only`` skips part 1.

Last line: ``cluster: ratio=… (local:2 … words/s, --jobs 2 … words/s, …
per worker; start-up … s and … s) open_listed=… s (cached … s)
open_all=… s (cached … s) analysed=… records=…`` (with ``--open-only``,
from ``open_listed`` on).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from launch import launch
from screen import Screen
from startup import prepare, synthetic_analysis

from core.cluster import PART_NAME, PARTITION_SIZE
from core.export import record_line
from core.ingest.base import SEEDS_DIR
from core.ingest.dispatch import load
from core.nlp import Analyzer
from core.store.cache import extractor_version

CHILD = """
import asyncio, json, sys, time
sys.path.insert(0, {root!r})
from core.nlp import Analyzer
from tui.app import NewsReader

analysed = []
given = Analyzer.analyze_many
def counted(self, articles, *args, **kwargs):
    for article, analysis in given(self, articles, *args, **kwargs):
        analysed.append(article.id)
        yield article, analysis
Analyzer.analyze_many = counted

async def main():
    app = NewsReader([{folder!r}], cache_dir={cache!r}, data_dir={data!r})
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.listed.is_set():
            await asyncio.sleep(0.005)
        listed = time.time()
        while not app.analysed_all.is_set():
            await asyncio.sleep(0.01)
        await app.workers.wait_for_complete()
        await pilot.pause()
        done = time.time()
        print(json.dumps({{"listed": listed, "all": done, "articles": len(app.corpus.articles),
                          "shown": len(app.corpus.analyses), "analysed": len(analysed)}}), flush=True)
        app.exit()

asyncio.run(main())
"""


START_ARTICLES = 4  # the run that measures a side's start-up


def seed_copies(path: Path, n_articles: int) -> int:
    """``n_articles`` seeds under new ids, as one JSONL input; returns their words."""
    seeds = load([str(SEEDS_DIR)]).articles
    copies = [seeds[number % len(seeds)] for number in range(n_articles)]
    records = [{"id": f"copy-{n}", "title": seed.title, "text": seed.text} for n, seed in enumerate(copies)]
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return sum(len(seed.text.split()) for seed in copies)


def analyze_seconds(inputs: Path, *options: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tui.cli", "analyze", str(inputs), *options],
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return time.perf_counter() - started


def analysed_folder(folder: Path, texts: Path) -> None:
    """The articles in ``texts`` as ``analyze --output`` writes them: 64 records to a part file."""
    folder.mkdir()
    model, extractor = Analyzer().model_id, extractor_version()
    lines = [record_line(a, synthetic_analysis(a), model, extractor) for a in load([str(texts)]).articles]
    for number, at in enumerate(range(0, len(lines), PARTITION_SIZE)):
        (folder / PART_NAME.format(number)).write_text("".join(lines[at : at + PARTITION_SIZE]), encoding="utf-8")


def open_folder(folder: Path, cache: Path, data: Path) -> dict:
    """One launch in a fresh interpreter that counts what spaCy is given."""
    script = CHILD.format(root=str(ROOT), folder=str(folder), cache=str(cache), data=str(data))
    return launch(script, str(data), ("listed", "all"))


def open_on_screen(folder: Path, cache: Path, home: Path, count: int) -> dict[str, float]:
    """One launch in tmux: seconds until every article is counted in the status line, and until all are loaded."""
    with Screen([str(folder), "--cache-dir", str(cache)], home) as screen:
        figures = {"listed": screen.wait_for(f"{count:,} articles")}
        figures["all"] = screen.wait_for(f"all {count} loaded", timeout=600)
        screen.quit_for_rss()
    return figures


def open_launches(tmp: Path, n_open: int, runs: int) -> tuple[dict[str, dict[str, float]], int]:
    """Medians of the launches on screen by kind, and how many articles spaCy was given."""
    texts, cached, folder = tmp / "texts", tmp / "cache", tmp / "analysed"
    texts.mkdir()
    prepare(texts, cached, n_open)
    analysed_folder(folder, texts)
    launches: dict[str, list[dict[str, float]]] = {"analysed": [], "cached": []}
    for run in range(runs):
        for kind in ["analysed", "cached"] if run % 2 == 0 else ["cached", "analysed"]:
            home = tmp / f"home-{kind}-{run}"
            if kind == "analysed":  # never in the cache
                figures = open_on_screen(folder, tmp / f"cache-{run}", home, n_open)
            else:
                figures = open_on_screen(texts, cached, home, n_open)
            print(f"open {kind} {run + 1}: listed {figures['listed']:.2f} s, all {figures['all']:.2f} s", flush=True)
            launches[kind].append(figures)
    counted = open_folder(folder, tmp / "cache-counted", tmp / "data-counted")
    print(f"counted launch: {counted['shown']}/{counted['articles']} with analyses, {counted['analysed']} analysed")
    medians = {
        kind: {moment: statistics.median(f[moment] for f in runs) for moment in ("listed", "all")}
        for kind, runs in launches.items()
    }
    return medians, counted["analysed"]


def open_figures(opened: dict[str, dict[str, float]], analysed: int, n_open: int) -> str:
    return (
        f"open_listed={opened['analysed']['listed']:.2f} s (cached {opened['cached']['listed']:.2f} s) "
        f"open_all={opened['analysed']['all']:.2f} s (cached {opened['cached']['all']:.2f} s) "
        f"analysed={analysed} records={n_open}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="16 articles to analyse, 300 records to open")
    parser.add_argument("--articles", type=int, help="articles to analyse (default 256)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--open-only", action="store_true", help="only the opening of analysed records")
    args = parser.parse_args()
    n_analyse = args.articles or (16 if args.small else 256)
    n_open = 300 if args.small else 10_000

    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        if args.open_only:
            print(f"cluster: {open_figures(*open_launches(tmp, n_open, args.runs), n_open)}")
            return
        inputs, start = tmp / "articles.jsonl", tmp / "start.jsonl"
        words, start_words = seed_copies(inputs, n_analyse), seed_copies(start, START_ARTICLES)
        print(f"{n_analyse} articles, {words} words")
        sides = {"local:2": ("--scheduler", "local:2"), "--jobs 2": ("--jobs", "2", "--no-cache")}
        seconds: dict[str, list[float]] = {side: [] for side in sides}
        started: dict[str, list[float]] = {side: [] for side in sides}
        for run in range(args.runs):
            for side in list(sides) if run % 2 == 0 else list(sides)[::-1]:
                seconds[side].append(analyze_seconds(inputs, *sides[side]))
                started[side].append(analyze_seconds(start, *sides[side]))
                print(f"run {run + 1} {side}: {seconds[side][-1]:.1f} s, start-up {started[side][-1]:.1f} s")
        startup = {side: statistics.median(times) for side, times in started.items()}
        wps = {side: (words - start_words) / (statistics.median(seconds[side]) - startup[side]) for side in sides}
        opened = open_launches(tmp, n_open, args.runs)

    print(
        f"cluster: ratio={wps['local:2'] / wps['--jobs 2']:.2f} "
        f"(local:2 {wps['local:2']:.0f} words/s, --jobs 2 {wps['--jobs 2']:.0f} words/s, "
        f"{wps['local:2'] / 2:.0f} per worker; start-up {startup['local:2']:.1f} s and {startup['--jobs 2']:.1f} s) "
        f"{open_figures(*opened, n_open)}"
    )


if __name__ == "__main__":
    main()
