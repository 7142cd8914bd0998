"""Search speed and memory on a synthetic corpus, typed one keystroke at a time.

Builds 10,000 articles of about 5 KB (``--small``: 300) with about ten
entity mentions and a few quotes each, from a generated vocabulary with a
Zipf distribution and generated names; no network, no spaCy. Then indexes
them (timed), types realistic queries letter by letter (names, typos,
several words, initials, operators, kind prefixes) and times the complete
ranked result for each keystroke. Extra memory is the growth of the
process's resident set while the index is built, and its peak; the index
is then settled as the app settles it once loading is done (postings
folded into flat arrays, new words filed), and that is timed as building.
CPU times are the search's thread's: the machines are shared.

``--articles N``: N articles; above 10,000 they are made 2,000 at a time
with a seed each, as bench/corpus.py makes the 100,000-article archive (so
the vocabulary grows with the corpus, as a real archive's does).

Then the index is saved as the app saves it beside the cache (the peak of
the resident set over the index's, while saving), loaded back
(median of five loads, timed as the app would: its articles matched by
fingerprint), checked to answer every query as the built one does, and
typed into again (the loaded index holds its postings in flat arrays).

Last line: ``search: p50=… ms p99=… ms build=… s extra_mem=… MB … save=… s
load=… s loaded_mem=… MB loaded_p99=… ms``.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.memory import map_large_blocks
from core.model import PERSON, Analysis, Article, Entity, Quote, Span
from core.search import saved
from core.search.index import SearchIndex

ONSETS = [
    "b",
    "br",
    "c",
    "ch",
    "d",
    "dr",
    "f",
    "g",
    "gr",
    "h",
    "j",
    "k",
    "kr",
    "l",
    "m",
    "n",
    "p",
    "pr",
    "r",
    "s",
    "sh",
    "st",
    "t",
    "tr",
    "v",
    "w",
    "y",
    "z",
    "zh",
    "",
    "",
]
VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "ai", "ea", "ou"]
CODAS = ["", "", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ng"]
FIXED_PEOPLE = ["Vladimir Putin", "Yevgeny Prigozhin", "Qin Gang", "Aisha Okonjo", "José Álvarez"]
FIXED_ORGS = ["Hong Kong University of Science and Technology", "Wagner Group", "Foreign Ministry"]


def syllable(rng: random.Random) -> str:
    return rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)


def make_words(rng: random.Random, count: int) -> list[str]:
    found: dict[str, None] = {}
    while len(found) < count:
        found["".join(syllable(rng) for _ in range(rng.choice((1, 2, 2, 2, 3, 3))))] = None
    return list(found)


Cast = tuple[list[str], list[str]]  # people, organisations: the most named first


def make_cast(rng: random.Random, people: int, orgs: int) -> Cast:
    firsts = [w.capitalize() for w in make_words(rng, 1500)]
    lasts = [w.capitalize() for w in make_words(rng, max(4000, people * 2 // 3))]
    return (
        FIXED_PEOPLE + [f"{rng.choice(firsts)} {rng.choice(lasts)}" for _ in range(people)],
        FIXED_ORGS
        + [f"{rng.choice(lasts)} {rng.choice(('Group', 'Bank', 'Ministry', 'Council'))}" for _ in range(orgs)],
    )


def corpus(
    n_articles: int, seed: int = 7, vocab: list[str] | None = None, cast: Cast | None = None
) -> list[tuple[Article, Analysis]]:
    """``vocab`` (most used first) and ``cast``: shared by calls, as bench/corpus.py's realistic
    archive shares them between chunks; by default each call makes its own."""
    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    vocab = vocab or make_words(rng, 60_000)
    ranks = np.arange(1, len(vocab) + 1)
    zipf = (1 / ranks) / (1 / ranks).sum()
    people, orgs = cast or make_cast(rng, 6000, 1500)
    out = []
    for number in range(n_articles):
        cast = [rng.choice(people[:50] if rng.random() < 0.3 else people) for _ in range(3)]
        org = rng.choice(orgs[:20] if rng.random() < 0.3 else orgs)
        drawn = iter(nprng.choice(len(vocab), size=1100, p=zipf))
        parts: list[str] = []
        entities: list[Entity] = []
        quotes: list[Quote] = []
        length = 0

        def put(piece: str) -> int:
            nonlocal length
            at = length
            parts.append(piece)
            length += len(piece)
            return at

        while length < 5000:
            sentence = " ".join(vocab[next(drawn)] for _ in range(rng.randint(6, 16)))
            roll = rng.random()
            if roll < 0.15:
                person = rng.choice(cast)
                mention = person if rng.random() < 0.4 else person.split()[-1]
                put(sentence.capitalize() + ", ")
                at = put(mention)
                entities.append(Entity(at, at + len(mention), "PERSON", mention))
                put(" " + " ".join(vocab[next(drawn)] for _ in range(5)) + ". ")
            elif roll < 0.20:
                put(sentence.capitalize() + " with the ")
                at = put(org)
                entities.append(Entity(at, at + len(org), "ORG", org))
                put(". ")
            elif roll < 0.25:
                person = rng.choice(cast)
                q_start = put("\u201c" + sentence.capitalize() + ",\u201d ")
                q_end = length
                at = put(person)
                put(" said. ")
                speaker = Span(at, at + len(person), person)
                entities.append(Entity(at, at + len(person), "PERSON", person))
                quotes.append(
                    Quote(
                        q_start,
                        q_end,
                        "".join(parts)[q_start:q_end],
                        "direct",
                        speaker=speaker,
                        speaker_name=person,
                        source_kind=PERSON,
                    )
                )
            else:
                put(sentence.capitalize() + ". ")
            if rng.random() < 0.12:
                put("\n\n")
        text = "".join(parts)
        title = " ".join(vocab[next(drawn)] for _ in range(6)).capitalize() + " " + cast[0].split()[-1]
        out.append((Article(f"a{number:05d}", title, text), Analysis(tuple(entities), tuple(quotes))))
    return out


def corpus_of(n: int) -> list[tuple[Article, Analysis]]:
    """``corpus(n)``; above 10,000, made 2,000 at a time with a seed each (a vocabulary
    that grows with the corpus, as bench/corpus.py makes the 100,000-article archive)."""
    if n <= 10_000:
        return corpus(n)
    pairs = [pair for seed, start in enumerate(range(0, n, 2000)) for pair in corpus(min(2000, n - start), seed)]
    return [(Article(f"a{i:06d}", a.title, a.text), an) for i, (a, an) in enumerate(pairs)]


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :] if rng.random() < 0.5 else word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def queries(pairs: list[tuple[Article, Analysis]], rng: random.Random) -> list[str]:
    names = [e.text for _, a in pairs[:200] for e in a.entities if " " in e.text]
    body = [w for a, _ in pairs[:50] for w in a.text.split()[:40] if w.isalpha() and len(w) > 4]
    quoted = next(q.text for _, a in pairs for q in a.quotes).strip("\u201c\u201d,").split()
    title = pairs[0][0].title.split()
    chosen = [
        "putin",
        "vladimir putin",
        "putin vladimir",
        "prigozin",
        "prigozhin wagner",
        "vp",
        "hkust",
        "jose alvarez",
        "@okonjo",
        "s: putin",
        "q: " + " ".join(quoted[1:3]).lower(),
        "'" + body[3].lower(),
        "^" + body[4][:4].lower(),
        body[5][-4:].lower() + "$",
        "putin !" + body[6].lower(),
        "t: " + title[2].lower(),
        "x: " + body[8].lower(),
    ]
    for _ in range(12):
        first, last = rng.choice(names).lower().split()[:2]
        chosen.append(
            rng.choice((last, f"{first} {last}", f"{last} {first}", typo(last, rng) if len(last) > 4 else last))
        )
    for _ in range(8):
        chosen.append(" ".join(rng.sample(body, 2)).lower())
    return chosen


def reset_peak() -> None:
    """Start the process's peak resident set afresh (Linux; elsewhere it stays the peak since start)."""
    try:
        with open(f"/proc/{os.getpid()}/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        pass


def peak_mb() -> float:
    """The process's peak resident set since ``reset_peak``."""
    with open(f"/proc/{os.getpid()}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024


def rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="300 articles, for CI")
    parser.add_argument("--articles", type=int, default=None)
    args = parser.parse_args()
    n = args.articles or (300 if args.small else 10_000)

    started = time.perf_counter()
    pairs = corpus_of(n)
    mentions = sum(len(a.entities) for _, a in pairs)
    size_mb = sum(len(a.text) for a, _ in pairs) / 2**20
    print(
        f"corpus: {n} articles, {size_mb:.1f} MB text, {mentions} entity mentions "
        f"({time.perf_counter() - started:.1f} s to generate)"
    )

    gc.collect()
    map_large_blocks()  # as the app's analysis worker does before it indexes
    before = rss_mb()
    reset_peak()
    index = SearchIndex()
    started, started_cpu = time.perf_counter(), time.process_time()
    for article, analysis in pairs:
        index.add(article)  # as the app does: text first, the analysis when it is ready
        index.add(article, analysis)
    index.settle()  # as the app does once loading is done: postings folded, new words filed
    build = time.perf_counter() - started
    build_cpu = time.process_time() - started_cpu
    gc.collect()
    extra = rss_mb() - before
    peak = peak_mb() - before
    print(f"index: {len(index)} articles in {build:.2f} s ({build_cpu:.2f} s CPU), +{extra:.0f} MB, peak +{peak:.0f}")

    typed = typing(index, queries(pairs, random.Random(3)))
    p50, p99 = percentiles(typed.wall)
    cpu50, cpu99 = percentiles(typed.cpu)
    both50, both99 = percentiles(typed.with_filter)
    both_cpu99 = percentiles(typed.with_filter_cpu)[1]
    print(
        f"{len(typed.wall)} keystrokes; CPU time p50={cpu50:.1f} ms p99={cpu99:.1f} ms; "
        f"search+filter p50={both50:.1f} ms p99={both99:.1f} ms; load average {os.getloadavg()[0]:.1f}"
    )

    articles = {article.id: article for article, _ in pairs}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / saved.FILE_NAME
        gc.collect()
        reset_peak()
        started, held = time.perf_counter(), rss_mb()
        saved.save(index, path, "bench")
        save = time.perf_counter() - started
        save_peak = peak_mb() - held
        size = path.stat().st_size / 2**20
        del index
        gc.collect()
        before = rss_mb()
        loaded = saved.load(path, articles, "bench")
        loaded_mem = rss_mb() - before
        loads = []
        for _ in range(5):
            started = time.perf_counter()
            saved.load(path, articles, "bench")
            loads.append(time.perf_counter() - started)
    load = statistics.median(loads)
    again = typing(loaded, queries(pairs, random.Random(3)))
    same = again.answers == typed.answers
    print(
        f"saved: {size:.0f} MB in {save:.2f} s (peak +{save_peak:.0f} MB over the index); "
        f"loaded in {load:.2f} s (median of 5), +{loaded_mem:.0f} MB, "
        f"{'the same hits' if same else 'OTHER HITS'}"
    )
    loaded_p99, loaded_both99 = percentiles(again.wall)[1], percentiles(again.with_filter)[1]
    loaded_both_cpu99 = percentiles(again.with_filter_cpu)[1]
    print(
        f"search: p50={p50:.1f} ms p99={p99:.1f} ms build={build:.1f} s extra_mem={extra:.0f} MB "
        f"cpu_p50={cpu50:.1f}ms cpu_p99={cpu99:.1f}ms build_cpu={build_cpu:.1f}s "
        f"with_filter_p99={both99:.1f}ms with_filter_cpu_p99={both_cpu99:.1f}ms build_peak_mem={peak:.0f}MB "
        f"save={save:.2f}s save_peak_mem={save_peak:.0f}MB load={load:.2f}s loaded_mem={loaded_mem:.0f}MB "
        f"loaded_p99={loaded_p99:.1f}ms loaded_with_filter_p99={loaded_both99:.1f}ms "
        f"loaded_with_filter_cpu_p99={loaded_both_cpu99:.1f}ms "
        f"same_hits={same}"
    )


@dataclass
class Typed:
    """Per keystroke: milliseconds of search (wall, CPU) and of search with the
    article-list filter, and what each query's last keystroke found."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    with_filter: list[float] = field(default_factory=list)
    with_filter_cpu: list[float] = field(default_factory=list)
    answers: list[object] = field(default_factory=list)


def typing(index: SearchIndex, chosen: list[str]) -> Typed:
    """Type each query a letter at a time, timing every keystroke."""
    typed = Typed()
    typed_all: list[str] = []
    wall, cpu, with_filter = typed.wall, typed.cpu, typed.with_filter
    for query in chosen:
        worst = 0.0
        for i in range(1, len(query) + 1):
            text = query[:i]
            t0, c0 = time.perf_counter(), time.thread_time()
            hits = index.search(text, limit=50)
            t1, c1 = time.perf_counter(), time.thread_time()
            matching = index.article_ids_matching(text)  # the app filters its article list too
            t2, c2 = time.perf_counter(), time.thread_time()
            typed_all.append(text)
            wall.append((t1 - t0) * 1000)
            cpu.append((c1 - c0) * 1000)
            with_filter.append((t2 - t0) * 1000)
            typed.with_filter_cpu.append((c2 - c0) * 1000)
            worst = max(worst, wall[-1])
        top = f"{hits[0].kind}:{hits[0].text[:30]!r}" if hits else "-"
        typed.answers.append((hits, matching))
        print(f"  {query!r:40} {len(hits):3d} hits, worst {worst:5.1f} ms, top {top}")
    slowest = sorted(zip(wall, cpu, typed_all), reverse=True)[:5]
    print("slowest (wall/CPU ms): " + ", ".join(f"{q!r} {w:.1f}/{c:.1f}" for w, c, q in slowest))
    return typed


def percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


if __name__ == "__main__":
    main()
