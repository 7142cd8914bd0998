"""A synthetic archive for scale tests: 100,000 articles (``--articles``) of
about 600 words in one JSONL file, as archives come, made by bench/search.py's
generator (Zipf-distributed words, recurring people and organisations,
attributed quotes), in chunks so memory stays flat.

    python bench/corpus.py OUT.jsonl [--articles N] [--realistic]

By default each chunk has its own 60,000 words and 6,000 people, so 100,000
articles hold about 2.4 million distinct words, a pessimistic case (real news
of that size holds a few hundred thousand). ``--realistic``: one vocabulary
that grows with the words written, by Heaps' law (distinct words = K·N^β, the
new words the rarest), and a cast of people and organisations that grows the
same way; bench/startup.py's ``--realistic`` analysis then tags only the names
the generator placed, not each sentence's capitalised first word.

Last line: ``corpus: articles=… words=… size=… MB seconds=…``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from search import corpus, make_cast, make_words

CHUNK = 2000  # articles generated at once
# Heaps' law for English text (K between 10 and 100, β about 0.5): about 280,000 words in 58 million.
HEAPS_K, HEAPS_BETA = 44, 0.49
WORDS_PER_ARTICLE = 585  # what the generator writes, on average
# People and organisations named in the first chunk; the cast grows as the square root of the chunks.
PEOPLE, ORGS = 6000, 1500


def realistic_chunks(articles: int):
    """Each chunk's vocabulary and cast, shared and growing (see the module's docstring)."""
    rng = random.Random(7)
    chunks = range(0, articles, CHUNK)
    most = len(chunks) ** 0.5
    people, orgs = make_cast(rng, int(PEOPLE * most), int(ORGS * most))
    words: dict[str, None] = {}
    for seed, start in enumerate(chunks):
        written = (start + CHUNK) * WORDS_PER_ARTICLE
        wanted = int(HEAPS_K * written**HEAPS_BETA)
        while len(words) < wanted:
            words.update(dict.fromkeys(make_words(rng, wanted - len(words))))
        grown = (seed + 1) ** 0.5
        yield seed, start, list(words), (people[: int(PEOPLE * grown)], orgs[: int(ORGS * grown)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--realistic", action="store_true", help="a vocabulary and a cast that grow by Heaps' law")
    args = parser.parse_args()
    started, words = time.perf_counter(), 0
    if args.realistic:
        chunks = realistic_chunks(args.articles)
    else:
        chunks = ((seed, start, None, None) for seed, start in enumerate(range(0, args.articles, CHUNK)))
    with args.out.open("w", encoding="utf-8") as out:
        for seed, start, vocab, cast in chunks:
            made = corpus(min(CHUNK, args.articles - start), seed=seed, vocab=vocab, cast=cast)
            for number, (article, _) in enumerate(made, start):
                words += len(article.text.split())
                record = {"title": f"{article.title} ({number})", "text": article.text}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    size = args.out.stat().st_size / 1e6
    seconds = time.perf_counter() - started
    print(f"corpus: articles={args.articles} words={words} size={size:.0f} MB seconds={seconds:.0f}")


if __name__ == "__main__":
    main()
