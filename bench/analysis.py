"""What our extraction costs on top of spaCy, and what a second core buys.

Loads the bundled seeds, repeats them to about 200 articles (``--small``:
20), loads the model once, then times on the same texts: the bare pipeline
(``nlp.pipe``, docs thrown away), ``Analyzer.analyze_many`` (the pipeline
plus entities and quotes), and both again with ``n_process=2``. Each
single-process figure is the best of alternating rounds, so that neither
side gains from going second on a shared machine. Words are whitespace-
separated words of the article texts.

Last line: ``analysis: raw_wps=… ours_wps=… ratio=… wps_2proc=… scaling=…``
(ratio = ours / raw; scaling = 2-process / 1-process, both ours).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.loading import SEEDS_DIR, load  # noqa: E402
from core.model import Article  # noqa: E402
from core.nlp import Analyzer  # noqa: E402

BATCH_SIZE = 16


def corpus(n_articles: int) -> list[Article]:
    seeds = load([str(SEEDS_DIR)]).articles
    return [seeds[i % len(seeds)] for i in range(n_articles)]


def best_seconds(run: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="20 articles, for CI")
    parser.add_argument("--articles", type=int, help="how many articles (default 200, --small 20)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating timed rounds per side")
    args = parser.parse_args()
    n_articles = args.articles or (20 if args.small else 200)

    articles = corpus(n_articles)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    analyzer = Analyzer()
    nlp = analyzer.nlp
    list(analyzer.analyze_many(articles[:4]))  # warm up: first-call costs, lazy imports

    def raw() -> None:
        for _doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
            pass

    def ours() -> None:
        for _pair in analyzer.analyze_many(articles, batch_size=BATCH_SIZE):
            pass

    def two_processes() -> None:
        for _pair in analyzer.analyze_many(articles, batch_size=BATCH_SIZE, n_process=2):
            pass

    def raw_two_processes() -> None:
        for _doc in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=2):
            pass

    raw_s = ours_s = float("inf")
    for _ in range(args.rounds):
        raw_s = min(raw_s, best_seconds(raw, 1))
        ours_s = min(ours_s, best_seconds(ours, 1))
    # Both include starting the workers, as a user would pay. The bare pipeline's
    # figure tells whether a poor scaling is ours or the machine's (a busy second core).
    two_s = best_seconds(two_processes, 1)
    raw_two_s = best_seconds(raw_two_processes, 1)

    raw_wps, ours_wps, two_wps = words / raw_s, words / ours_s, words / two_s
    print(f"model: {analyzer.model_id}; articles: {n_articles}; words: {words}; batch_size: {BATCH_SIZE}")
    print(f"raw nlp.pipe:          {raw_s:7.2f} s  {raw_wps:8.0f} words/s")
    print(f"analyze_many:          {ours_s:7.2f} s  {ours_wps:8.0f} words/s  (extraction {ours_s - raw_s:+.2f} s)")
    print(f"analyze_many 2 procs:  {two_s:7.2f} s  {two_wps:8.0f} words/s")
    print(f"raw nlp.pipe 2 procs:  {raw_two_s:7.2f} s  {words / raw_two_s:8.0f} words/s  (scaling {raw_s / raw_two_s:.2f})")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print(
        f"analysis: raw_wps={raw_wps:.0f} ours_wps={ours_wps:.0f} ratio={ours_wps / raw_wps:.2f} "
        f"wps_2proc={two_wps:.0f} scaling={two_wps / ours_wps:.2f}"
    )


if __name__ == "__main__":
    main()
