"""First launch on a folder of 1,000 new articles: how soon can the user read?

Writes 1,000 articles (``--small``: 40) made by reshuffling the paragraphs of
the bundled seeds (real English, so spaCy's cost is realistic), launches the
app in a real terminal (tmux, see bench/screen.py) with an empty cache,
``--runs`` times, and reports the median of each figure, read off the screen:

- ``readable``: from the command to the first article's title and text on screen;
- ``highlighted``: until its quotes and sources are shown (the panel's heading
  counts them);
- ``rate``: articles analysed per second in the background afterwards, from
  the status line's count over ``--watch`` seconds, once every process has
  had ``--settle`` seconds to load the model, with ``--jobs`` one per core
  (the default);
- ``rate_1``: the same with ``--jobs 1``, launched in turn with the others, and
  ``scaling``: their ratio (the goal: at least 0.85 × the number of cores).

Last line: ``first_launch: articles=… readable=… s highlighted=… s rate=… articles/s rate_1=… articles/s
scaling=… cores=… (median of N)``.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from screen import Screen, median

from core.ingest.dispatch import load
from core.processes import default_jobs

ANALYSED = re.compile(r"analysed (\d+)/\d+")
ALL_ANALYSED = re.compile(r"all (\d+) analysed")
PANEL_COUNTS = re.compile(r"\d+ quotes? · \d+ sources?")  # the sources panel's heading once analysed


def analysed(text: str) -> int:
    """How many articles the status line says are analysed ("analysed 12/40", or "all 40 analysed")."""
    found = ANALYSED.search(text) or ALL_ANALYSED.search(text)
    return int(found.group(1)) if found else 0


def launch_app(
    folder: Path, home: Path, watch: float, settle: float, jobs: list[str], first_text: str
) -> dict[str, float | str]:
    with Screen([str(folder), "--cache-dir", str(Path(home, "cache")), *jobs], home) as screen:
        # The first frame holds only the list: readable is the article's text in the reader.
        figures: dict[str, float | str] = {"readable": screen.wait_for(first_text)}
        figures["highlighted"] = screen.wait_until(lambda text: PANEL_COUNTS.search(text) is not None, "the panel")
        screen.wait_until(lambda text: ANALYSED.search(text) is not None, "the analysis count")
        time.sleep(settle)
        start_count, start = analysed(screen.text()), time.perf_counter()
        time.sleep(watch)
        # On a loaded machine a short watch may see no article finish: watch on until one does.
        screen.wait_until(
            lambda text: analysed(text) > start_count or ALL_ANALYSED.search(text) is not None,
            "an article analysed while watching",
            600,
        )
        figures["rate"] = (analysed(screen.text()) - start_count) / (time.perf_counter() - start)
        figures["status"] = screen.text().splitlines()[0].strip()
    return figures


def write_articles(folder: Path, count: int) -> str:
    """The articles, and the start of the first one's text (which only the reader shows)."""
    paragraphs = [
        paragraph
        for article in load([str(ROOT / "seeds")]).articles
        for paragraph in article.text.split("\n\n")
        if len(paragraph) > 80
    ]
    rng = random.Random(11)
    for number in range(count):
        body = "\n\n".join(rng.sample(paragraphs, 8))
        (folder / f"{number:04d}.txt").write_text(f"Sample article {number}\n\n{body}\n", encoding="utf-8")
        if number == 0:
            first_text = body[:24]
    return first_text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="40 articles and a short watch, for CI")
    parser.add_argument("--watch", type=float, default=20.0, help="seconds to watch background analysis")
    parser.add_argument("--settle", type=float, default=10.0, help="seconds before watching: the models load")
    parser.add_argument("--runs", type=int, default=5, help="launches of each kind (empty cache each); medians")
    args = parser.parse_args()
    count = 40 if args.small else 1000
    watch, settle = (3.0, 0.0) if args.small else (args.watch, args.settle)
    cores = default_jobs()
    runs: dict[int, list[dict[str, float | str]]] = {cores: [], 1: []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "articles")
        folder.mkdir()
        first_text = write_articles(folder, count)
        for run in range(args.runs):
            for jobs in runs:
                with tempfile.TemporaryDirectory() as home:
                    figures = launch_app(
                        folder, Path(home), watch, 0.0 if args.small else args.settle, ["--jobs", str(jobs)], first_text
                    )
                print(
                    f"launch {run + 1}, --jobs {jobs}: readable {figures['readable']:.2f} s, "
                    f"highlighted {figures['highlighted']:.2f} s, {figures['rate']:.1f} articles/s; "
                    f"status after {watch:.0f} s: {figures['status']}"
                )
                runs[jobs].append(figures)
    mid = {key: median([f[key] for f in runs[cores]]) for key in ("readable", "highlighted", "rate")}
    rate_1 = median([f["rate"] for f in runs[1]])
    print(
        f"first_launch: articles={count} readable={mid['readable']:.2f} s highlighted={mid['highlighted']:.2f} s "
        f"rate={mid['rate']:.1f} articles/s rate_1={rate_1:.1f} articles/s scaling={mid['rate'] / rate_1:.2f} "
        f"cores={cores} (median of {args.runs})"
    )


if __name__ == "__main__":
    main()
