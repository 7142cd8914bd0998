"""First launch on a folder of 1,000 new articles: how soon can the user read?

Writes 1,000 articles (``--small``: 40) made by reshuffling the paragraphs of
the bundled seeds (real English, so spaCy's cost is realistic), launches the
app headless in a fresh interpreter with an empty cache, and reports:

- ``readable``: from starting the process to the first article's text on screen;
- ``highlighted``: until that article's entities and quotes are shown;
- ``rate``: articles analysed per second in the background afterwards,
  over ``--watch`` seconds, with the status line the user sees then.

Last line: ``first_launch: articles=… readable=… s highlighted=… s rate=… articles/s``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from launch import launch

from core.ingest.dispatch import load

CHILD = """
import asyncio, json, sys, time
sys.path.insert(0, {root!r})
from tui.app import NewsReader

async def main():
    app = NewsReader([{folder!r}], cache_dir={cache!r}, data_dir={data!r})
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.loaded.is_set():
            await pilot.pause(0.005)
        readable = time.time()
        while app.current_id not in app.corpus.analyses:
            await pilot.pause(0.01)
        highlighted = time.time()
        start_count, start = len(app.corpus.analyses), time.monotonic()
        await pilot.pause({watch})
        rate = (len(app.corpus.analyses) - start_count) / (time.monotonic() - start)
        status = str(app.query_one("#status").render())
        print(json.dumps({{"readable": readable, "highlighted": highlighted, "rate": rate,
                          "articles": len(app.corpus.articles), "status": status}}), flush=True)
        app.workers.cancel_all()
        app.exit()

asyncio.run(main())
"""


def write_articles(folder: Path, count: int) -> None:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="40 articles and a short watch, for CI")
    parser.add_argument("--watch", type=float, default=20.0, help="seconds to watch background analysis")
    args = parser.parse_args()
    count = 40 if args.small else 1000
    watch = 3.0 if args.small else args.watch
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "articles")
        folder.mkdir()
        write_articles(folder, count)
        script = CHILD.format(
            root=str(ROOT), folder=str(folder), cache=str(Path(tmp, "cache")), data=str(Path(tmp, "data")), watch=watch
        )
        figures = launch(script, tmp, ("readable", "highlighted"))
    print(f"status line after {watch:.0f} s of background analysis: {figures['status']}")
    print(
        f"first_launch: articles={figures['articles']} readable={figures['readable']:.2f} s "
        f"highlighted={figures['highlighted']:.2f} s rate={figures['rate']:.1f} articles/s"
    )


if __name__ == "__main__":
    main()
