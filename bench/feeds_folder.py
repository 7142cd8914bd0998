"""A folder of 2,000 small feed files, most of them unreadable: how long the app takes
to list it, against the command line reading the same folder.

Writes the feeds to a temporary folder (``--small``: 200): a fifth are good RSS or
Atom feeds with HTML in their titles (some repeating another file's entries, so
duplicates are merged), the rest are feeds with no entries, broken XML, or XML
that is not a feed, as a feed parser's own test suite is. Both sides run in a
fresh interpreter, from the start of the process (imports included):

- ``cli``: until ``load()`` has read every file (what ``newsreader analyze``
  does before it analyses);
- ``app``: until every readable article is in the list and the frame that
  shows them is drawn (headless, 120x40), with the one notification about the
  unreadable files raised. Not ``pilot.pause()``: it waits until the whole
  process is idle, which the analysis worker starting next (importing spaCy)
  holds off for up to a second the user does not see.

Median of ``--runs`` runs each (default 5). Last line:
``feeds_folder: files=… unreadable=… articles=… merged=… cli=… s app=… s ratio=…x`` (goal: ratio <= 2).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from launch import launch

CLI = """
import json, sys, time
sys.path.insert(0, {root!r})
from core.ingest.dispatch import load
result = load([{folder!r}])
print(json.dumps({{"done": time.time(), "articles": len(result.articles), "errors": len(result.errors)}}))
"""

APP = """
import asyncio, json, sys, time
sys.path.insert(0, {root!r})
from tui.app import NewsReader

async def main():
    app = NewsReader([{folder!r}], cache_dir={cache!r}, data_dir={data!r})
    async with app.run_test(size=(120, 40)) as pilot:
        await asyncio.to_thread(app.listed.wait)  # no polling: it would compete with the loader for the GIL
        painted = asyncio.Event()
        app.call_after_refresh(painted.set)  # the next frame shows every row (not pilot.pause: see above)
        await painted.wait()
        done = time.time()
        print(json.dumps({{"done": done, "articles": len(app.article_list.shown_ids),
                          "errors": len(app.corpus.errors), "merged": app.corpus.merged,
                          "notes": len(app._notifications)}}), flush=True)
        app.exit()

asyncio.run(main())
"""

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {n}</title><link>https://feed{n}.example/</link>
{items}</channel></rss>"""
ITEM = """<item><title>Story {k} of &lt;b&gt;feed&lt;/b&gt; {n} &amp;amp; more</title>
<link>https://feed{n}.example/{k}</link><description>&lt;p&gt;Paragraph {k} about the harbour ferry,
said Ann Lee of Bristol City Council.&lt;/p&gt;</description></item>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom {n}</title>
<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Atom <b>story</b> {n}</div></title>
<content type="html">&lt;p&gt;Text of atom story {n}.&lt;/p&gt;</content></entry></feed>"""
UNREADABLE = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Empty {n}</title></channel></rss>',
    '<?xml version="1.0"?><rss version="2.0"><channel><item><title>Broken {n}',
    '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>No entries {n}</title></feed>',
    '<?xml version="1.0"?><catalog><book id="{n}">Not a feed</book></catalog>',
    '<?xml version="1.0"?><rss version="2.0"><channel><item><description></description></item></channel></rss>',
)


def write_feeds(folder: Path, files: int) -> None:
    """A fifth readable (a tenth of those repeating the previous file's entries), the rest not."""
    for n in range(files):
        path = folder / f"feed{n:05}.{'atom' if n % 10 == 5 else 'rss'}"
        if n % 5:
            path.write_text(UNREADABLE[n % len(UNREADABLE)].format(n=n), encoding="utf-8")
        elif n % 10 == 5:
            path.write_text(ATOM.format(n=n), encoding="utf-8")
        else:
            same = n - 10 if n % 50 == 0 and n else n  # every fifth good RSS repeats an earlier one
            items = "".join(ITEM.format(k=k, n=same) for k in range(3))
            path.write_text(RSS.format(n=same, items=items), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true", help="200 files, for the test suite")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    files = 200 if args.small else 2000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "feeds"
        folder.mkdir()
        write_feeds(folder, files)
        cli_times, app_times = [], []
        for run in range(args.runs):
            home = Path(tmp) / f"home{run}"
            cli = launch(CLI.format(root=str(ROOT), folder=str(folder)), str(home), ("done",))
            app = launch(
                APP.format(root=str(ROOT), folder=str(folder), cache=str(home / "cache"), data=str(home / "data")),
                str(home),
                ("done",),
            )
            if (app["articles"], app["errors"]) != (cli["articles"], cli["errors"]):
                raise SystemExit(f"the app and the CLI read different things: {app} vs {cli}")
            cli_times.append(cli["done"])
            app_times.append(app["done"])
            print(f"run {run + 1}: cli {cli['done']:.2f} s, app {app['done']:.2f} s, notifications {app['notes']}")
    cli_time, app_time = statistics.median(cli_times), statistics.median(app_times)
    print(
        f"feeds_folder: files={files} unreadable={app['errors']} articles={app['articles']} merged={app['merged']} "
        f"cli={cli_time:.2f} s app={app_time:.2f} s ratio={app_time / cli_time:.2f}x"
    )


if __name__ == "__main__":
    main()
