"""The people views on a synthetic corpus, driven as a user drives them.

10,000 analysed articles (``--small``: 1,000; ``--articles N``: N, made as
the search bench makes them) from the search bench's generator, one in ten
naming Vladimir Putin (so he is in 1,000 articles), with dates over two
years. The app runs under Pilot with that corpus loaded and left as the
loading worker leaves it (identities resolved, the people view's rows made,
all of it frozen out of the garbage collector's way). Timed,
from the key press until the screen is painted with its rows (the first
frame after them, turned into what the terminal is sent):

- ``e``: the people view opens (its rows and its footer's keys painted);
- each keystroke of a few names typed into its filter, and the kind keys
  (and, apart, the app's own work for each: matching, and the rows listed), a
  fast typist's 60 ms apart, so a key never waits for the previous frame;
- ``enter`` on Vladimir Putin: his page.

Identity memory: what the identities of every article hold once built
(tracemalloc, the objects they keep: traced once, the figure does not vary),
and how long building them takes (without tracemalloc, each run).
Medians of ``--runs`` runs (at least 5).

Each figure is wall clock, what the user waits, then this process's CPU
time over the same span, which a loaded machine inflates less.

Last line: ``people: open=… ms (cpu … ms) filter_p99=… ms (cpu … ms) work_p99=… ms page=… ms (cpu … ms)
(N articles …) identities=… MB build=… s articles=N``.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search import corpus_of
from textual import events
from textual._compositor import CompositorUpdate

from core.identities import Identities
from core.model import PERSON, Analysis, Article, Entity, Quote
from tui import people, workers
from tui.app import NewsReader
from widgets.entity_screen import EntityScreen
from widgets.keys_footer import KeysFooter
from widgets.people_screen import PeopleScreen

QUERIES = ("vladimir putin", "prigozin", "vp", "hkust", "wagner group")
BETWEEN_KEYS = 0.06  # seconds


def with_putin(pairs: list[tuple[Article, Analysis]]) -> list[tuple[Article, Analysis]]:
    """Every tenth article says something about Vladimir Putin; every article gets a date."""
    out = []
    for number, (article, analysis) in enumerate(pairs):
        article.date = f"{2024 + number % 2}-{1 + number % 12:02d}-15"
        if number % 10 == 0:
            at = len(article.text) + 1
            said = "“We will see,” Vladimir Putin said."
            article.text += " " + said
            name = said.index("Vladimir")
            entity = Entity(at + name, at + name + len("Vladimir Putin"), "PERSON", "Vladimir Putin")
            words = said[: said.index(" Vladimir")]
            quote = Quote(at, at + len(words), words, "direct", speaker_name="Vladimir Putin", source_kind=PERSON)
            analysis = Analysis((*analysis.entities, entity), (*analysis.quotes, quote))
        out.append((article, analysis))
    return out


def build(pairs: list[tuple[Article, Analysis]]) -> Identities:
    identities = Identities()
    for article, analysis in pairs:
        identities.add(article.id, analysis)
    identities.table()
    return identities


def identity_memory(pairs: list[tuple[Article, Analysis]]) -> float:
    """MB the identities keep (traced)."""
    tracemalloc.start()
    identities = build(pairs)
    kept = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    del identities
    return kept


def build_time(pairs: list[tuple[Article, Analysis]]) -> float:
    """Seconds to build the identities (untraced)."""
    started = time.perf_counter()
    build(pairs)
    return time.perf_counter() - started


def timed_work(spent: list[float]) -> None:
    """Time the app's own work for each new filter: matching, and the rows it lists."""
    listing = people.PeopleViews._listing

    def timed(self, *args) -> Any:
        started = time.perf_counter()
        found = listing(self, *args)
        spent.append(time.perf_counter() - started)
        return found

    people.PeopleViews._listing = timed


def timed_frames(app: NewsReader, painted: list[tuple[float, float]]) -> None:
    """Note when each frame is painted (wall clock and this process's CPU time),
    after making what a terminal would be sent (headless, nothing is)."""
    display = app._display

    def painting(screen: Any, update: Any) -> None:
        display(screen, update)
        if isinstance(update, CompositorUpdate):
            update.render_segments(app.console)
            painted.append((time.perf_counter(), time.process_time()))

    app._display = painting


async def drive(pairs: list[tuple[Article, Analysis]], runs: int) -> dict[str, Any]:
    work: list[float] = []
    timed_work(work)
    app = NewsReader([])
    painted: list[tuple[float, float]] = []
    timed_frames(app, painted)
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.analysed_all.is_set():
            await pilot.pause(0.01)
        corpus = app.corpus
        corpus.articles = {article.id: article for article, _ in pairs}
        corpus.analyses = {article.id: analysis for article, analysis in pairs}
        for article, analysis in pairs:
            corpus.identities.add(article.id, analysis)
        gc.freeze()  # as the loading worker leaves them
        await asyncio.to_thread(workers.keep_loaded, app)  # from a worker, as the app calls it

        async def until(done) -> None:
            while not done():
                await asyncio.sleep(0)

        async def timed(key: str, character: str, done) -> tuple[float, float]:
            """Seconds (wall clock, CPU) from the key, as the terminal sends it, until
            ``done()`` and a frame painted after it, a fast typist's pause before it."""
            await asyncio.sleep(BETWEEN_KEYS)
            wall, cpu = time.perf_counter(), time.process_time()
            app.post_message(events.Key(key, character))
            await until(done)
            ready = time.perf_counter()
            await until(lambda: painted[-1][0] >= ready)
            return painted[-1][0] - wall, painted[-1][1] - cpu

        def shown(kind: type, lines: str) -> bool:
            """The screen is up, its list holds rows and its footer its keys (a footer filled a
            frame after the screen's first would make the next key wait for it)."""
            screen = app.screen
            return (
                isinstance(screen, kind)
                and any(getattr(found, "rows", None) for found in screen.query(lines))
                and any(footer.keys for footer in screen.query(KeysFooter))
            )

        opens, pages, keystrokes = [], [], []
        articles = ""
        for _ in range(runs):
            opens.append(await timed("e", "e", lambda: shown(PeopleScreen, "#people")))
            screen = app.screen
            assert isinstance(screen, PeopleScreen)

            def filtered() -> bool:
                return screen.shown_for == (screen.input.value, screen.kinds)

            for query in QUERIES:
                for letter in query:
                    keystrokes.append(await timed("space" if letter == " " else letter, letter, filtered))
                await pilot.press(*["backspace"] * len(query))
            for key in ("1", "2", "0"):
                keystrokes.append(await timed(key, key, filtered))
            await pilot.press(*"vladimir putin")
            await pilot.pause()
            pages.append(await timed("enter", "\r", lambda: shown(EntityScreen, "#entity-lines")))
            articles = app.screen.page.summary
            await pilot.press("escape")
            await pilot.press("escape")
            await until(lambda: not isinstance(app.screen, PeopleScreen))
        return {
            "filter_work_p99": p99(work),
            "open": [statistics.median(times) for times in zip(*opens)],
            "filter_p99": [p99(times) for times in zip(*keystrokes)],
            "page": [statistics.median(times) for times in zip(*pages)],
            "articles": articles,
        }


def p99(values) -> float:
    ordered = sorted(values)
    return ordered[int(0.99 * (len(ordered) - 1))]


def ms(pair: list[float]) -> str:
    """Wall clock, then CPU: "41 ms (cpu 12 ms)"."""
    wall, cpu = pair
    return f"{wall * 1000:.1f} ms (cpu {cpu * 1000:.1f} ms)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="1,000 articles")
    parser.add_argument("--articles", type=int, help="this many articles (default 10,000)")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    runs = max(5, options.runs)
    pairs = with_putin(corpus_of(options.articles or (1000 if options.small else 10_000)))
    built = statistics.median(build_time(pairs) for _ in range(runs))
    kept = identity_memory(pairs)
    figures = asyncio.run(drive(pairs, runs))
    print(
        f"people: open={ms(figures['open'])} filter_p99={ms(figures['filter_p99'])} "
        f"work_p99={figures['filter_work_p99'] * 1000:.1f} ms page={ms(figures['page'])} "
        f"({figures['articles']}) identities={kept:.1f} MB build={built:.2f} s articles={len(pairs)}"
    )


if __name__ == "__main__":
    main()
