"""A folder of saved web pages, opened twice: is each page read only once?

Writes 1,000 generated news pages (``--pages``; ``--small``: 40) of about
600 words in the usual clutter (navigation, scripts, related links), then
launches the app on the folder in a real terminal (tmux, see bench/screen.py)
with an empty cache: the time until the status line counts them all is the
first-time extraction (trafilatura, in one process per core). Then it
launches again ``--runs`` times: the median time until they are all listed
is what the page store saves.

``--keep DIR`` writes the pages and the app's home under DIR and keeps them;
run again with the same DIR, the folder and its store are reused and the
first launch (at 10,000 pages, 90 s of extraction) is not taken again.

Last line: ``pages: pages=… first=… s second=… s (median of N)``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from screen import Screen, median

WORDS = (
    "the council said on Tuesday that a plan to borrow money for new schools would be put to a vote "
    "after residents in the harbour district asked why the ferry budget had grown while bus routes were cut"
).split()
NAMES = ["Aisha Okonjo", "Henrike Vosswinkel", "Mei Ding", "Jo Marsh", "Tomasz Wrona", "Ines Duarte"]


def page(rng: random.Random, number: int) -> str:
    title = f"Harbour report {number}: " + " ".join(rng.sample(WORDS, 6))
    paragraphs = []
    for _ in range(12):
        sentence = " ".join(rng.choice(WORDS) for _ in range(45))
        paragraphs.append(f"<p>“{sentence.capitalize()},” {rng.choice(NAMES)} said.</p>")
    links = "".join(f'<li><a href="/section/{n}">Section {n}</a></li>' for n in range(40))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Harbour Herald</title><meta property="og:title" content="{title}">
<meta name="author" content="{rng.choice(NAMES)}"><script>window.data = {{"n": {number}}};</script></head>
<body><header><nav><ul>{links}</ul></nav></header><main><article><h1>{title}</h1>
{"".join(paragraphs)}</article><aside><h2>Related</h2><ul>{links[:800]}</ul></aside></main>
<footer><p>© 2026 Harbour Herald. Privacy policy. Terms of use.</p></footer></body></html>"""


def listed(folder: Path, home: Path, count: int) -> float:
    """Seconds from the command until the status line counts every page; then quit."""
    with Screen([str(folder), "--cache-dir", str(home / "cache")], home) as screen:
        seconds = screen.wait_for(f"{count:,} articles", timeout=1800)  # as the status line counts
        screen.quit_for_rss()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="40 pages, for CI")
    parser.add_argument("--pages", type=int, default=1000, help="how many saved pages")
    parser.add_argument("--runs", type=int, default=5, help="second launches; the median is reported")
    parser.add_argument("--keep", type=Path, help="write the pages and the home here, or reuse them if there")
    args = parser.parse_args()
    count = 40 if args.small else args.pages
    with tempfile.TemporaryDirectory() as tmp:
        folder, home = Path(args.keep or tmp, "pages"), Path(args.keep or tmp, "home")
        reused = folder.is_dir() and len(list(folder.glob("*.html"))) == count and (home / "cache").is_dir()
        first = None
        if not reused:
            folder.mkdir(parents=True, exist_ok=True)
            rng = random.Random(5)
            for number in range(count):
                (folder / f"{number:05d}.html").write_text(page(rng, number), encoding="utf-8")
            first = listed(folder, home, count)
            print(f"first launch: {count} pages extracted and listed in {first:.2f} s")
        seconds = []
        for run in range(args.runs):
            seconds.append(listed(folder, home, count))
            print(f"launch {run + 2}: listed in {seconds[-1]:.2f} s")
    said = f"{first:.2f} s" if first is not None else "(reused)"
    print(f"pages: pages={count} first={said} second={median(seconds):.2f} s (median of {len(seconds)})")


if __name__ == "__main__":
    main()
