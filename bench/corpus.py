"""A synthetic archive for scale tests: 100,000 articles (``--articles``) of
about 600 words in one JSONL file, as archives come, made by bench/search.py's
generator (Zipf-distributed words, recurring people and organisations,
attributed quotes), in chunks so memory stays flat.

    python bench/corpus.py OUT.jsonl [--articles N]

Last line: ``corpus: articles=… words=… size=… MB seconds=…``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from search import corpus

CHUNK = 2000  # articles generated at once


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()
    started, words = time.perf_counter(), 0
    with args.out.open("w", encoding="utf-8") as out:
        for seed, start in enumerate(range(0, args.articles, CHUNK)):
            for number, (article, _) in enumerate(corpus(min(CHUNK, args.articles - start), seed=seed), start):
                words += len(article.text.split())
                record = {"title": f"{article.title} ({number})", "text": article.text}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    size = args.out.stat().st_size / 1e6
    seconds = time.perf_counter() - started
    print(f"corpus: articles={args.articles} words={words} size={size:.0f} MB seconds={seconds:.0f}")


if __name__ == "__main__":
    main()
