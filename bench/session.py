"""A user's session in a real terminal (tmux), as issue 12 asks it of 100,000
articles: keys that open articles, page the list, scroll the reader, search
letter by letter and open the people view, each timed from the key to the
screen changed, while the list still grows and once everything is listed.

    python bench/session.py [--articles N] [--corpus ARCHIVE --cache CACHE] [--rounds N]

The archive and its cache are made as bench/startup.py's ``--archive N``
makes them (``--corpus`` and ``--cache`` reuse ones it made; the cache is
copied, so the launch may write to it). A key's time runs from sending it to
the screen's last change, once the screen has stayed the same for 0.15 s:
every pane the key repaints, as the user sees it answered (the status line,
which counts on its own, left out). A stall is a key answered after
``STALL`` seconds, or not at all; each is told on stderr with the screen.

Last line: ``session: articles=… keys=… open=…/… ms page=…/… scroll=…/…
search=…/… people=…/… ms (median/slowest) stalls=N``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from screen import POLL, Screen, median
from startup import prepare_archive

STALL = 0.2  # seconds: a key answered later than this is a visible stall
QUERY = "putin"  # a name the generated archives share, typed one letter at a time


def _seen(screen: Screen) -> str:
    """The screen's text without what changes on its own while the list grows: the status line (the
    first) and the list's scrollbar (the cell left of the reader's border, the first ``▕`` of a line)."""
    lines = []
    for line in screen.text().splitlines()[1:]:
        border = line.find("▕")
        lines.append(line[: border - 1] + line[border:] if border > 0 else line)
    return "\n".join(lines)


def answer(screen: Screen, key: str, quiet: float = 0.15, timeout: float = 5.0) -> float:
    """Seconds from sending ``key`` until the screen's last change, once it has stayed the same for
    ``quiet`` seconds: the key's whole answer, every pane it repaints (``timeout`` if nothing changes).
    A stall is told on stderr with the screen."""
    before = _seen(screen)
    sent = time.perf_counter()
    screen.keys(key)
    last, changed = before, None
    while time.perf_counter() - sent < timeout:
        now = _seen(screen)
        if now != last:
            last, changed = now, time.perf_counter()
        elif changed is not None and time.perf_counter() - changed >= quiet:
            break
        time.sleep(POLL)
    waited = timeout if changed is None else changed - sent
    if waited > STALL:
        print(f"stall: {key} answered after {waited:.2f} s; the screen:\n{screen.text()}", file=sys.stderr)
    return waited


def settle(screen: Screen, quiet: float = 0.15, timeout: float = 5.0) -> None:
    """Wait until the screen, as ``answer`` reads it, has not changed for ``quiet`` seconds."""
    last, since, started = _seen(screen), time.perf_counter(), time.perf_counter()
    while time.perf_counter() - started < timeout and time.perf_counter() - since < quiet:
        time.sleep(POLL)
        now = _seen(screen)
        if now != last:
            last, since = now, time.perf_counter()


def one_round(screen: Screen, times: dict[str, list[float]]) -> None:
    """Each kind of key once or a few times, the screen settled between keys."""
    for kind, keys in (
        ("open", ["Down"] * 5),
        ("page", ["PageDown"] * 2),
        ("open", ["Down"] * 3),
    ):
        for key in keys:
            times[kind].append(answer(screen, key))
    screen.keys("Tab")  # the reader
    settle(screen)
    for key in ("PageDown", "PageUp", "PageDown"):  # a short article is at its end after one page
        times["scroll"].append(answer(screen, key))
    screen.keys("BTab")
    settle(screen)
    times["search"].append(answer(screen, "/"))
    for letter in QUERY:
        times["search"].append(answer(screen, letter))
    screen.keys("Escape")
    settle(screen)
    screen.keys("Escape")
    settle(screen)
    times["people"].append(answer(screen, "e"))
    screen.keys("Escape")
    settle(screen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="articles in the archive made")
    parser.add_argument("--corpus", type=Path, help="an archive bench/corpus.py wrote")
    parser.add_argument("--cache", type=Path, help="with --corpus: a cache already filled for it (copied)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of keys once all are listed")
    args = parser.parse_args()
    times: dict[str, list[float]] = {kind: [] for kind in ("open", "page", "scroll", "search", "people")}
    with tempfile.TemporaryDirectory() as tmp:
        archive, cache = args.corpus or Path(tmp, "archive.jsonl"), Path(tmp, "cache")
        if args.cache:
            shutil.copytree(args.cache, cache)
        count, *_ = prepare_archive(archive, cache, args.articles)
        with Screen([str(archive), "--cache-dir", str(cache)], Path(tmp, "home")) as screen:
            screen.wait_until(lambda text: "articles" in text.splitlines()[0], "the status line")
            settle(screen)
            one_round(screen, times)  # while the list still grows
            listing = "done" if f"{count:,} articles" in screen.text().splitlines()[0] else "still listing"
            listed = screen.wait_for(f"{count:,} articles", timeout=600)
            print(f"first round {listing}; all listed after {listed:.1f} s", file=sys.stderr)
            for _ in range(args.rounds):
                one_round(screen, times)
    stalls = sum(1 for kind in times.values() for seconds in kind if seconds > STALL)
    shown = " ".join(f"{kind}={median(values) * 1000:.0f}/{max(values) * 1000:.0f}" for kind, values in times.items())
    keys = sum(len(values) for values in times.values())
    print(f"session: articles={count} keys={keys} {shown} ms (median/slowest) stalls={stalls}")


if __name__ == "__main__":
    main()
