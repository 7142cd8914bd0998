"""What our extraction costs on top of spaCy, and what a second core buys.

Loads the bundled seeds, repeats them to 200 articles (``--small``: 20),
loads the model once, then times on the same texts: the bare pipeline
(``nlp.pipe``, docs thrown away), ``Analyzer.analyze_many`` (the pipeline
plus entities and quotes), and both again with ``n_process=2``. Words are
the whitespace-separated words of the article texts.

Every figure is the median of ``--rounds`` (default 5) timed rounds.

Last line: ``analysis: raw_wps=… ours_wps=… ratio=… wps_2proc=… scaling=…``.
raw_wps and ours_wps are words per CPU second of one process (robust on a
shared machine), ratio = ours / raw; wps_2proc is words per wall second
with two processes, scaling = its speed-up over one process in wall time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.ingest.base import SEEDS_DIR
from core.ingest.dispatch import load
from core.model import Article
from core.nlp import Analyzer

BATCH_SIZE = 16


def corpus(n_articles: int) -> list[Article]:
    seeds = load([str(SEEDS_DIR)]).articles
    return [seeds[i % len(seeds)] for i in range(n_articles)]


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="20 articles, for CI")
    parser.add_argument("--articles", type=int, help="how many articles (default 200, --small 20)")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds per side and chunk (median kept)")
    args = parser.parse_args()
    n_articles = args.articles or (20 if args.small else 200)

    articles = corpus(n_articles)
    words = sum(len(a.text.split()) for a in articles)
    analyzer = Analyzer()
    nlp = analyzer.nlp
    list(analyzer.analyze_many(articles[:4]))  # warm up: first-call costs, lazy imports

    def raw(chunk: list[Article], n_process: int = 1) -> None:
        for _doc in nlp.pipe((a.text for a in chunk), batch_size=BATCH_SIZE, n_process=n_process):
            pass

    def ours(chunk: list[Article], n_process: int = 1) -> None:
        for _pair in analyzer.analyze_many(chunk, batch_size=BATCH_SIZE, n_process=n_process):
            pass

    # Single process: the two sides take turns on small chunks, in alternating
    # order, and each chunk counts its median round, so a neighbour's burst on the
    # shared cores hits both sides alike. The ratio uses CPU seconds, which
    # other processes barely disturb; wall seconds are printed too.
    size = max(5, n_articles // 10)
    chunks = [articles[i : i + size] for i in range(0, n_articles, size)]
    total: dict[str, list[float]] = {"raw": [0.0, 0.0], "ours": [0.0, 0.0]}
    for index, chunk in enumerate(chunks):
        runs: dict[str, list[tuple[float, float]]] = {"raw": [], "ours": []}
        for round_ in range(args.rounds):
            order = (("raw", raw), ("ours", ours))
            for name, run in order if (index + round_) % 2 == 0 else order[::-1]:
                runs[name].append(timed(lambda: run(chunk)))
        for name, times in runs.items():
            total[name][0] += statistics.median(t[0] for t in times)
            total[name][1] += statistics.median(t[1] for t in times)
    (raw_wall, raw_cpu), (ours_wall, ours_cpu) = total["raw"], total["ours"]

    # Two processes: wall time of the whole set, starting the workers included,
    # as a user would pay; median of alternating rounds, as above. The bare
    # pipeline's figure tells whether a poor scaling is ours or the machine's
    # (a second core that is not free). The first pool a process starts is much
    # slower (cold imports in the workers): one is started and discarded first.
    ours(articles[:4], n_process=2)
    walls: dict[str, list[float]] = {"ours": [], "raw": []}
    for round_ in range(args.rounds):
        sides = [("ours", ours), ("raw", raw)]
        for name, run in sides if round_ % 2 == 0 else sides[::-1]:
            walls[name].append(timed(lambda: run(articles, n_process=2))[0])
    two_wall, raw_two_wall = statistics.median(walls["ours"]), statistics.median(walls["raw"])

    raw_wps, ours_wps = words / raw_cpu, words / ours_cpu
    two_wps = words / two_wall
    print(f"model: {analyzer.model_id}; articles: {n_articles}; words: {words}; batch_size: {BATCH_SIZE}")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print(
        f"raw nlp.pipe:          {raw_cpu:7.2f} cpu s {raw_wps:7.0f} words/cpu s   "
        f"{raw_wall:7.2f} wall s {words / raw_wall:7.0f} words/s"
    )
    print(
        f"analyze_many:          {ours_cpu:7.2f} cpu s {ours_wps:7.0f} words/cpu s   "
        f"{ours_wall:7.2f} wall s {words / ours_wall:7.0f} words/s"
    )
    print(f"analyze_many 2 procs:  {two_wall:7.2f} wall s {two_wps:7.0f} words/s (scaling {ours_wall / two_wall:.2f})")
    print(
        f"raw nlp.pipe 2 procs:  {raw_two_wall:7.2f} wall s {words / raw_two_wall:7.0f} words/s "
        f"(scaling {raw_wall / raw_two_wall:.2f})"
    )
    print(
        f"analysis: raw_wps={raw_wps:.0f} ours_wps={ours_wps:.0f} ratio={ours_wps / raw_wps:.2f} "
        f"wps_2proc={two_wps:.0f} scaling={ours_wall / two_wall:.2f}"
    )


if __name__ == "__main__":
    main()
