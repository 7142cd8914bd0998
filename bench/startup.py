"""Second launch at 10,000 articles (or a 100,000-article archive): from the
command to the titles on screen.

Writes 10,000 article files of about 5 KB (``--small``: 300) to a temporary
folder, fills an analysis cache for them (synthetic analyses from
bench/search.py's generator: the cache's cost depends on the number of
spans, not on who found them), then launches the app in a real terminal
(tmux, see bench/screen.py) as a user would, ``--runs`` times, and reports
the median of each figure, read off the screen:

- ``titles``: from the command until the first article's title is on screen;
- ``listed``: until the status line counts all of them (they stream in while
  the user can already read and move);
- ``all``: until it says every cached analysis is loaded (and indexed for search);
- ``rss``: the app's peak resident memory (the largest of the runs).

Last line: ``startup: articles=… titles=… s listed=… s all=… s rss=… MB (median of N)``.

``--archive N``: N articles of about 600 words in one JSONL file, as
archives come (bench/corpus.py; ``--corpus FILE`` reuses one it wrote),
their analyses cached the same way, and the search index saved beside them
as the app leaves it: the first launch after the analyses builds and saves
it, so every launch after that loads it (made here by one launch that waits
for every analysis, unless the cache given with ``--cache`` holds one
this code saved).
``--rebuild-index`` removes it before each launch instead: the launch that
builds it. Each launch also times opening the next
article (a key press until the start of its text is in the reader), ``OPENS``
times while the list still grows (``open``, their median) and ``OPENS`` times
once all are listed (``open_listed``), beside a bare Textual app's key press
(``bare_open``, bench/bare_keys.py, just before the launch); ``all`` is waited
for only with ``--all`` (it takes minutes), and ``rss`` is then the peak at
quitting once listed. Last line: ``startup archive: articles=… index=saved|rebuilt
titles=… s open=… ms open_listed=… ms bare_open=… ms listed=… s all=… s rss=… MB (median of N)``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPENS = 5  # articles opened in each phase of a launch: one key press is one sample of a noisy figure
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from screen import Screen, median

from core.ingest.dispatch import load
from core.model import Analysis, Article, Entity, Quote
from core.nlp import Analyzer
from core.search import saved
from core.store.cache import AnalysisCache, extractor_version

NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*")
QUOTED = re.compile(r"“[^”]*”")


# Where bench/search.py's generator starts a sentence: the text's start, after a full stop, a
# paragraph break or an opening quote. It places names elsewhere, after a comma, "with the" or a quote.
SENTENCE_START = re.compile(r"(?:^|[.\n]\s*|\u201c)$")


def synthetic_analysis(article: Article, realistic: bool = False) -> Analysis:
    """Capitalised runs as entities and curly-quoted passages as quotes: spans as dense as real ones.
    Every capitalised run is a PERSON, each sentence's first word too (about a million keys at
    100,000 articles: pessimistic); ``realistic``: only the names the generator placed, as a real
    recogniser tags names, not sentence starts."""
    text = article.text
    entities = tuple(
        Entity(m.start(), m.end(), "PERSON", m.group())
        for m in NAME.finditer(text)
        if not realistic or not SENTENCE_START.search(text, max(0, m.start() - 3), m.start())
    )
    quotes = tuple(Quote(m.start(), m.end(), m.group(), "direct") for m in QUOTED.finditer(article.text))
    return Analysis(entities, quotes)


def prepare(folder: Path, cache_dir: Path, n_articles: int) -> tuple[int, str]:
    """Article files plus a cache that holds an analysis for each; returns how
    many, and the start of the first one's title (as the list shows it)."""
    from search import corpus

    for number, (article, _) in enumerate(corpus(n_articles)):
        name = folder / f"{number:05d}.txt"
        name.write_text(f"{article.title}\n\n{article.text}\n", encoding="utf-8")
    loaded = load([str(folder)]).articles
    model_id = Analyzer().model_id
    with AnalysisCache.open(cache_dir) as cache:
        for at in range(0, len(loaded), 500):
            cache.put_many([(a, synthetic_analysis(a)) for a in loaded[at : at + 500]], model_id)
    return len(loaded), loaded[0].title[:20]


def prepare_archive(archive: Path, cache_dir: Path, n_articles: int, realistic: bool = False) -> tuple[int, str, str]:
    """The archive (written unless it exists) and a cache holding an analysis of
    each of its articles; returns how many, the first title and the start of the
    first texts (which only the reader shows), as many as a launch opens."""
    from core.ingest.dispatch import iter_load

    if not archive.exists():
        more = ["--realistic"] if realistic else []
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "corpus.py"), str(archive), "--articles", str(n_articles), *more]
        )
    model_id, count, firsts = Analyzer().model_id, 0, []
    with AnalysisCache.open(cache_dir) as cache:
        for step in iter_load([str(archive)]):
            cached = cache.counts_many(step.articles, model_id)  # a cache given with --cache holds them all
            missing = [a for a in step.articles if a.id not in cached]
            cache.put_many([(a, synthetic_analysis(a, realistic)) for a in missing], model_id)
            count += len(step.articles)
            firsts += step.articles[: 1 + 2 * OPENS - len(firsts)]
    return count, firsts[0].title[:20], *(article.text[:20] for article in firsts)


def launch_archive(archive: Path, cache_dir: Path, home: Path, seen: tuple[str, ...], count: int, wait_all: bool):
    """Titles, then the next articles opened (Down), then everything listed and
    the next ones opened (then everything loaded, if asked)."""
    title, first_text, *texts = seen
    with Screen([str(archive), "--cache-dir", str(cache_dir)], home) as screen:
        figures = {"titles": screen.wait_for(title)}
        screen.wait_for(first_text)  # the first article is in the reader
        figures["open"] = median([_open_next(screen, text) for text in texts[:OPENS]])
        figures["listed"] = screen.wait_for(f"{count:,} articles", timeout=600)
        figures["open_listed"] = median([_open_next(screen, text) for text in texts[OPENS:]])
        if wait_all:
            figures["all"] = screen.wait_for(f"all {count} loaded", timeout=3600)
        # Quitting once all are loaded waits for the search index to be saved: seconds at this size.
        figures["rss"] = screen.quit_for_rss(timeout=600 if wait_all else 30)
    return figures


def bare_keys(home: Path) -> float:
    """The median milliseconds from Down to the next text on screen in a bare Textual app."""
    with Screen([], home, module="bench.bare_keys") as screen:
        screen.wait_for("text 0")
        return median([_open_next(screen, f"text {number}") for number in range(1, 2 * OPENS + 1)])


def _open_next(screen: Screen, text: str) -> float:
    """Milliseconds from pressing Down until the next article's ``text`` is in the reader."""
    pressed = time.perf_counter()
    screen.keys("Down")
    return (screen.wait_for(text) + screen.started - pressed) * 1000


def archive_main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        archive = args.corpus or Path(tmp, "archive.jsonl")
        cache_dir, home = Path(tmp, "cache"), Path(tmp, "home")
        started = time.perf_counter()
        if args.cache:  # filled by prepare_archive for this archive: copied, so the launch may write to it
            shutil.copytree(args.cache, cache_dir)
        ready, *seen = prepare_archive(archive, cache_dir, args.archive, args.realistic)
        print(f"prepared {ready} articles and their cache in {time.perf_counter() - started:.0f} s", flush=True)
        saved_index = cache_dir / saved.FILE_NAME
        analyses = f"{Analyzer().model_id}\0{extractor_version()}"  # as the app keys its index (tui.workers)
        if not args.rebuild_index and not saved.made_here(saved_index, analyses):  # none, or by other code
            seconds = first_launch(archive, cache_dir, home, ready)
            if not saved.made_here(saved_index, analyses):
                raise SystemExit("the first launch saved no search index")
            print(f"the first launch after the analyses saved the search index in {seconds:.0f} s", flush=True)
        runs = []
        for run in range(args.runs):
            if args.rebuild_index:
                saved_index.unlink(missing_ok=True)  # a launch cut short saves what it indexed
            figures = {"bare_open": bare_keys(home)}
            figures |= launch_archive(archive, cache_dir, home, tuple(seen), ready, args.all)
            print(f"launch {run + 1}: " + ", ".join(f"{k} {v:.2f}" for k, v in figures.items()), flush=True)
            runs.append(figures)
    mid = {key: median([f[key] for f in runs]) for key in runs[0]}
    every = f"all={mid['all']:.1f} s" if "all" in mid else "all=not waited for"
    print(
        f"startup archive: articles={ready} index={'rebuilt' if args.rebuild_index else 'saved'} "
        f"titles={mid['titles']:.2f} s open={mid['open']:.0f} ms "
        f"open_listed={mid['open_listed']:.0f} ms bare_open={mid['bare_open']:.0f} ms "
        f"listed={mid['listed']:.2f} s {every} rss={max(f['rss'] for f in runs):.0f} MB (median of {len(runs)})"
    )


def first_launch(archive: Path, cache_dir: Path, home: Path, count: int) -> float:
    """Seconds of the launch that loads every cached analysis, indexing it, and saves the index on quitting."""
    with Screen([str(archive), "--cache-dir", str(cache_dir)], home) as screen:
        seconds = screen.wait_for(f"all {count} loaded", timeout=7200)
        screen.quit_for_rss(timeout=1800)  # quitting waits for the index to be saved
    return seconds


def launch_app(folder: Path, cache_dir: Path, home: Path, first_title: str, count: int) -> dict[str, float]:
    with Screen([str(folder), "--cache-dir", str(cache_dir)], home) as screen:
        figures = {"titles": screen.wait_for(first_title)}
        figures["listed"] = screen.wait_for(f"{count:,} articles")
        figures["all"] = screen.wait_for(f"all {count} loaded")
        figures["rss"] = screen.quit_for_rss()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="300 articles, for CI")
    parser.add_argument("--runs", type=int, default=5, help="launches; the median is reported")
    parser.add_argument("--archive", type=int, help="articles in one JSONL archive (100000 for issue 12)")
    parser.add_argument("--corpus", type=Path, help="with --archive: an archive bench/corpus.py wrote")
    parser.add_argument(
        "--realistic",
        action="store_true",
        help="with --archive: bench/corpus.py's --realistic archive, and only the names it placed tagged",
    )
    parser.add_argument("--cache", type=Path, help="with --corpus: a cache already filled for it (copied)")
    parser.add_argument("--all", action="store_true", help="with --archive: wait until every analysis is loaded")
    parser.add_argument(
        "--rebuild-index", action="store_true", help="with --archive: launches without the saved search index"
    )
    args = parser.parse_args()
    if args.archive:
        return archive_main(args)
    n_articles = 300 if args.small else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache_dir, home = Path(tmp, "articles"), Path(tmp, "cache"), Path(tmp, "home")
        folder.mkdir()
        started = time.perf_counter()
        ready, first_title = prepare(folder, cache_dir, n_articles)
        print(f"prepared {ready} articles and their cache in {time.perf_counter() - started:.1f} s")
        runs = []
        for run in range(args.runs):
            figures = launch_app(folder, cache_dir, home, first_title, ready)
            print(
                f"launch {run + 1}: first titles {figures['titles']:.2f} s, all listed {figures['listed']:.2f} s, "
                f"all analyses loaded and indexed {figures['all']:.2f} s, rss {figures['rss']:.0f} MB"
            )
            runs.append(figures)
    mid = {key: median([f[key] for f in runs]) for key in ("titles", "listed", "all")}
    print(
        f"startup: articles={ready} titles={mid['titles']:.2f} s listed={mid['listed']:.2f} s "
        f"all={mid['all']:.2f} s rss={max(f['rss'] for f in runs):.0f} MB (median of {len(runs)})"
    )


if __name__ == "__main__":
    main()
