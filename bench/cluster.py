"""The cost of running the analysis on Dask, and opening what it wrote.

1. Throughput: the same articles (the bundled seeds, repeated under new
   ids to ``--articles``, 768 by default, ``--small`` 48) analysed by
   ``newsreader analyze --scheduler local:2`` and by ``newsreader analyze
   --jobs 2 --no-cache``, each run as a user types it (a fresh process,
   starting its workers and loading the model included; output to
   /dev/null), the sides alternating. Words are whitespace-separated words
   of the texts; words per second per side is the median of ``--runs``.
2. Opening: 10,000 analysed records (``--small``: 300; synthetic analyses
   as dense as real ones, stamped with this model and extractor) in a folder
   of 64-record parts, as ``--output`` writes them, opened by the app in a
   fresh interpreter with an empty cache each time: ``listed`` is from the
   start of the process to every article in the list, ``all`` until every
   analysis is shown and indexed; ``analysed`` counts the articles given to
   spaCy (the goal is none). Medians of ``--runs``.

Last line: ``cluster: ratio=… (local:2 … words/s, --jobs 2 … words/s)
open_listed=… s open_all=… s analysed=…``.
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
from search import corpus
from startup import synthetic_analysis

from core.cluster import PART_NAME, PARTITION_SIZE
from core.export import record_line
from core.ingest.base import SEEDS_DIR
from core.ingest.clean import clean_text
from core.ingest.dispatch import load
from core.model import Article
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
            await pilot.pause(0.005)
        listed = time.time()
        while not app.analysed_all.is_set():
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()
        await pilot.pause()
        done = time.time()
        print(json.dumps({{"listed": listed, "all": done, "articles": len(app.corpus.articles),
                          "shown": len(app.corpus.analyses), "analysed": len(analysed)}}), flush=True)
        app.exit()

asyncio.run(main())
"""


def seed_copies(path: Path, n_articles: int) -> int:
    """``n_articles`` seeds under new ids, as one JSONL input; returns their words."""
    seeds = load([str(SEEDS_DIR)]).articles
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(n_articles):
            seed = seeds[number % len(seeds)]
            out.write(json.dumps({"id": f"copy-{number}", "title": seed.title, "text": seed.text}) + "\n")
            words += len(seed.text.split())
    return words


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


def analysed_folder(folder: Path, n_articles: int) -> None:
    """Records as ``analyze --output`` writes them: 64 to a part file."""
    folder.mkdir()
    model, extractor = Analyzer().model_id, extractor_version()
    lines = []
    for made, _ in corpus(n_articles):
        article = Article(made.id, made.title, clean_text(made.text))
        lines.append(record_line(article, synthetic_analysis(article), model, extractor))
    for number, at in enumerate(range(0, len(lines), PARTITION_SIZE)):
        (folder / PART_NAME.format(number)).write_text("".join(lines[at : at + PARTITION_SIZE]), encoding="utf-8")


def open_folder(folder: Path, tmp: Path, run: int) -> dict:
    cache, data = tmp / f"cache-{run}", tmp / f"data-{run}"  # never in the cache
    script = CHILD.format(root=str(ROOT), folder=str(folder), cache=str(cache), data=str(data))
    return launch(script, str(data), ("listed", "all"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="48 articles to analyse, 300 records to open")
    parser.add_argument("--articles", type=int, help="articles to analyse (default 768)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    n_analyse = args.articles or (48 if args.small else 768)
    n_open = 300 if args.small else 10_000

    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        inputs = tmp / "articles.jsonl"
        words = seed_copies(inputs, n_analyse)
        print(f"{n_analyse} articles, {words} words; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        sides = {"local:2": ("--scheduler", "local:2"), "--jobs 2": ("--jobs", "2", "--no-cache")}
        seconds: dict[str, list[float]] = {side: [] for side in sides}
        for run in range(args.runs):
            order = list(sides) if run % 2 == 0 else list(sides)[::-1]
            for side in order:
                seconds[side].append(analyze_seconds(inputs, *sides[side]))
                print(f"run {run + 1} {side}: {seconds[side][-1]:.1f} s, {words / seconds[side][-1]:.0f} words/s")
        wps = {side: words / statistics.median(times) for side, times in seconds.items()}

        folder = tmp / "analysed"
        analysed_folder(folder, n_open)
        opened = []
        for run in range(args.runs):
            figures = open_folder(folder, tmp, run)
            print(
                f"open {run + 1}: listed {figures['listed']:.2f} s, all {figures['all']:.2f} s, "
                f"{figures['shown']}/{figures['articles']} with analyses, {figures['analysed']} analysed by spaCy"
            )
            opened.append(figures)

    print(
        f"cluster: ratio={wps['local:2'] / wps['--jobs 2']:.2f} "
        f"(local:2 {wps['local:2']:.0f} words/s, --jobs 2 {wps['--jobs 2']:.0f} words/s, "
        f"{wps['local:2'] / 2:.0f} words/s per worker) "
        f"open_listed={statistics.median(f['listed'] for f in opened):.2f} s "
        f"open_all={statistics.median(f['all'] for f in opened):.2f} s "
        f"analysed={max(f['analysed'] for f in opened)} records={n_open}"
    )


if __name__ == "__main__":
    main()
