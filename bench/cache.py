"""The analysis cache at 10,000 articles: filling it, and a second launch reading it.

Builds 10,000 synthetic articles of about 5 KB (``--small``: 500), each with
about 40 entity mentions and 6 attributed quotes, stores their analyses, then
reopens the cache as a new launch would and times the two reads the app
makes: ``counts_many`` for the article list, ``get_many`` for everything
(medians of ``--runs`` reopenings).
No spaCy and no network.

Last line: ``cache: put=… s open=… ms counts=… ms get=… s size=… MB``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.ingest.base import article_id
from core.model import PERSON, Analysis, Article, Entity, Quote, Span
from core.store.cache import FILE_NAME, AnalysisCache

MODEL = "en_core_web_sm-3.8.0"
WORDS = "the council said on Tuesday that a plan to borrow money for new schools would be".split()
NAMES = ["Aisha Okonjo", "Henrike Vosswinkel", "Mei Ding", "Wagner Group", "Leipzig", "Rotterdam"]


def article_and_analysis(rng: random.Random, n: int) -> tuple[Article, Analysis]:
    parts: list[str] = []
    entities: list[Entity] = []
    quotes: list[Quote] = []
    length = 0
    while length < 5000:
        name = rng.choice(NAMES)
        quoted = " ".join(rng.choices(WORDS, k=12))
        sentence = f"“{quoted},” said {name}. " + " ".join(rng.choices(WORDS, k=rng.randint(10, 30))) + ". "
        start = length
        name_at = start + len(quoted) + 9
        entities.append(Entity(name_at, name_at + len(name), "PERSON", name))
        if len(quotes) < 6:
            speaker = Span(name_at, name_at + len(name), name)
            cue = Span(name_at - 5, name_at - 1, "said")
            quotes.append(Quote(start, start + len(quoted) + 3, f"“{quoted},”", "direct", speaker, name, cue, PERSON))
        parts.append(sentence)
        length += len(sentence)
    text = "".join(parts) + f" {n}"
    title = f"Article {n}"
    return Article(article_id(title, text), title, text), Analysis(tuple(entities), tuple(quotes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="500 articles, for CI")
    parser.add_argument("--runs", type=int, default=5, help="reopenings timed; the median is reported")
    args = parser.parse_args()
    n_articles = 500 if args.small else 10_000
    rng = random.Random(7)
    pairs = [article_and_analysis(rng, n) for n in range(n_articles)]
    articles = [a for a, _ in pairs]

    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        with AnalysisCache.open(folder) as cache:
            for at in range(0, n_articles, 64):  # the batch size the app stores in
                cache.put_many(pairs[at : at + 64], MODEL)
        put_s = time.perf_counter() - start

        opens, reads, gets = [], [], []
        for _ in range(args.runs):  # each a new launch: keys are hashed again
            start = time.perf_counter()
            cache = AnalysisCache.open(folder)
            opens.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            counts = cache.counts_many(articles, MODEL)
            reads.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            found = cache.get_many(articles, MODEL)
            gets.append(time.perf_counter() - start)
            cache.close()
        open_ms, counts_ms, get_s = statistics.median(opens), statistics.median(reads), statistics.median(gets)
        size_mb = (Path(folder) / FILE_NAME).stat().st_size / 1e6

    assert len(counts) == len(found) == n_articles
    assert found[articles[0].id] == pairs[0][1]
    entities = sum(len(an.entities) for _, an in pairs) / n_articles
    print(f"articles: {n_articles}; entities/article: {entities:.0f}; quotes/article: 6")
    print(f"put (batches of 64): {put_s:.2f} s; reopen: {open_ms:.1f} ms")
    print(f"counts_many: {counts_ms:.1f} ms; get_many: {get_s:.2f} s; file: {size_mb:.1f} MB")
    print(
        f"cache: put={put_s:.2f} s open={open_ms:.1f} ms counts={counts_ms:.0f} ms "
        f"get={get_s:.2f} s size={size_mb:.1f} MB"
    )


if __name__ == "__main__":
    main()
