"""What quote extraction and attribution cost next to the spaCy parse they read.

Parses one set of texts once with ``nlp.pipe`` (timed), then runs
``extract_quotes`` over the parsed docs (timed, median of ``--rounds``). The
texts are the bundled seeds plus generated news-like articles full of direct,
split, partial and reported quotes (400 of them; ``--small``: 20), or the
articles of a JSON-lines file given with ``--jsonl`` (``{"text": ...}`` per line).

Last line: ``quotes: parse=…s extract=…s ratio=… docs=… quotes=…``
(ratio = extract / parse; the budget is 0.10).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.ingest.base import SEEDS_DIR
from core.ingest.dispatch import load
from core.nlp import Analyzer
from core.quotes.extract import extract_quotes

PEOPLE = ["Maria Keller", "Tom Abara", "Li Wen", "Rafael Ortiz", "Anna Novak", "James Osei"]
BODIES = ["the Transport Ministry", "Northwind Bank", "the city council", "the Harbour Authority"]
TOPICS = ["the new bridge", "the budget", "rail fares", "the flood defences", "the tax plan"]
VERBS = ["said", "added", "warned", "argued", "insisted", "told reporters", "claimed"]
CLAIMS = [
    "{topic} would be finished before the winter",
    "nobody had been consulted about {topic}",
    "{topic} was the best deal the city could get",
    "the costs of {topic} had been badly underestimated",
]


def _claim(rng: random.Random) -> str:
    return rng.choice(CLAIMS).format(topic=rng.choice(TOPICS))


def _paragraph(rng: random.Random) -> str:
    person, body, verb = rng.choice(PEOPLE), rng.choice(BODIES), rng.choice(VERBS)
    surname = person.split()[-1]
    claim, other = _claim(rng), _claim(rng)
    forms = [
        f"“{claim.capitalize()}. We will not change course,” {surname} said.",
        f"{person}, a spokesperson for {body}, {verb} that {claim}.",
        f"“{claim.capitalize()},” she said. “And {other}.”",
        f"According to {body}, {claim}.",
        f"{person} {verb}: “{claim.capitalize()}.”",
        f"{claim.capitalize()}, said {body}.",
        f"Critics said the plan had “{rng.choice(['no future', 'gone too far', 'failed'])}” and that {other}.",
        f"The so-called “{rng.choice(['experts', 'reformers'])}” were not asked about {rng.choice(TOPICS)}.",
    ]
    return " ".join(rng.sample(forms, 4))


def generated(n: int, seed: int = 7) -> list[str]:
    """News-like articles made up here, so the bench carries no copyrighted text."""
    rng = random.Random(seed)
    return ["\n\n".join(_paragraph(rng) for _ in range(rng.randint(4, 9))) for _ in range(n)]


def texts_from_jsonl(path: str) -> list[str]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="20 generated articles, for CI")
    parser.add_argument("--articles", type=int, help="generated articles (default 400, --small 20)")
    parser.add_argument("--jsonl", help="time these articles instead of seeds + generated text")
    parser.add_argument("--rounds", type=int, default=5, help="timed extraction rounds (median kept)")
    args = parser.parse_args()

    if args.jsonl:
        texts = texts_from_jsonl(args.jsonl)
    else:
        seeds = [a.text for a in load([str(SEEDS_DIR)]).articles]
        texts = seeds + generated(args.articles or (20 if args.small else 400))
    analyzer = Analyzer()
    nlp = analyzer.nlp
    list(nlp.pipe(texts[:2]))  # warm up: first-call costs, lazy imports

    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse_s = time.perf_counter() - start

    rounds, found = [], 0
    for _ in range(max(1, args.rounds)):
        start = time.perf_counter()
        found = sum(len(extract_quotes(doc)) for doc in docs)
        rounds.append(time.perf_counter() - start)
    extract_s = statistics.median(rounds)

    chars = sum(len(t) for t in texts)
    print(f"model: {analyzer.model_id}; docs: {len(docs)}; characters: {chars}")
    print(f"nlp.pipe:        {parse_s:8.3f} s")
    print(f"extract_quotes:  {extract_s:8.3f} s  ({found} quotes)")
    print(
        f"quotes: parse={parse_s:.3f}s extract={extract_s:.3f}s ratio={extract_s / parse_s:.3f} "
        f"docs={len(docs)} quotes={found}"
    )


if __name__ == "__main__":
    main()
