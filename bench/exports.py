"""The research exports at 10,000 articles: identities, and both CSV files.

Analyses the bundled seeds once, then repeats them to 10,000 articles
(``--small``: 500). Every copy gets its own people and organisations (the last
word of each name is suffixed per copy, 100 variants), so the corpus has
tens of thousands of identities, as a real one would. Times, in CPU seconds
of this process (robust on a shared machine), ``identities()`` over all the
analyses once from cold (its name caches empty, as in a fresh
``newsreader entities``), then as the median of ``--rounds`` runs, and the
medians of writing the ``entities`` and ``quotes`` CSV to memory; then the
peak memory of ``identities()``. Loading and the analysis cache are measured
by ``bench/cache.py``.

Last line: ``exports: articles=… identities=… cold_s=… identities_s=… entities_csv_ms=… quotes_csv_s=…
peak_mb=…`` (one line).
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.export import IDENTITY_COLUMNS, QUOTE_COLUMNS, identity_record, quote_records, write_csv
from core.identities import identities
from core.ingest.base import SEEDS_DIR
from core.ingest.dispatch import load
from core.model import Analysis, Article
from core.nlp import Analyzer

COPIES_OF_A_NAME = 100
_LAST_WORD = re.compile(r"(\w+)((?:’|')s?)?$")


def renamed(text: str, copy: int) -> str:
    """ "Vladimir Putin’s" -> "Vladimir Putinbf’s" for copy 31: same shape, another person."""
    tag = chr(97 + copy // 26 % 26) + chr(97 + copy % 26)
    return _LAST_WORD.sub(lambda m: m.group(1) + tag + (m.group(2) or ""), text)


def corpus(n_articles: int) -> list[tuple[Article, Analysis]]:
    seeds = load([str(SEEDS_DIR)]).articles
    analysed = list(Analyzer().analyze_many(seeds))
    pairs = []
    for n in range(n_articles):
        article, analysis = analysed[n % len(analysed)]
        copy = n // len(analysed) % COPIES_OF_A_NAME
        entities = tuple(replace(e, text=renamed(e.text, copy)) for e in analysis.entities)
        pairs.append((replace(article, id=f"{article.id}-{n}"), replace(analysis, entities=entities)))
    return pairs


def cpu_seconds(run: Callable[[], object]) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def median_seconds(run: Callable[[], object], rounds: int) -> float:
    return statistics.median(cpu_seconds(run) for _ in range(rounds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="500 articles, for CI")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    pairs = corpus(500 if args.small else 10_000)
    found: list = []
    cold = cpu_seconds(lambda: found.extend(identities(pairs)))

    def entities_csv() -> None:
        write_csv(map(identity_record, found), IDENTITY_COLUMNS, io.StringIO())

    def quotes_csv() -> None:
        write_csv((r for a, analysis in pairs for r in quote_records(a, analysis)), QUOTE_COLUMNS, io.StringIO())

    grouping = median_seconds(lambda: identities(pairs), args.rounds)
    entities = median_seconds(entities_csv, args.rounds)
    quotes = median_seconds(quotes_csv, args.rounds)
    tracemalloc.start()
    identities(pairs)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"exports: articles={len(pairs)} identities={len(found)} cold_s={cold:.2f} identities_s={grouping:.2f} "
        f"entities_csv_ms={entities * 1000:.0f} quotes_csv_s={quotes:.2f} "
        f"peak_mb={peak / 1e6:.1f}"
    )


if __name__ == "__main__":
    main()
