"""What one very long article (a transcript, a report) costs to analyse: time and memory.

Writes one generated article of ``--chars`` characters (bench/quotes.py's news-like
paragraphs, its speakers named again and again, as in a transcript), and one of an
eighth of that, and runs ``newsreader analyze --no-cache --jobs 1`` on each in its own
process, ``--runs`` times (median kept). A one-paragraph article gives the fixed cost
(start-up, model load), taken off both before comparing them.

``growth`` is the cost per character of the long article over the short one's: 1.0
when the cost grows with the length, 8 if it grew with its square. ``peak`` is the
long run's largest resident memory: the parser's memory grows with the length of
one pass, which ``core.nlp.PIECE_CHARS`` bounds.

Last line: ``long article: chars=… quotes=… cpu=…s per_100k=…s growth=… peak=…MB``
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from quotes import _paragraph


def article(chars: int, seed: int = 11) -> str:
    rng = random.Random(seed)
    paragraphs, length = ["A long transcript"], 0
    while length < chars:
        paragraphs.append(_paragraph(rng))
        length += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


def analyse(path: Path) -> tuple[float, float, int]:
    """CPU seconds, peak resident MB and quotes found for one ``analyze`` process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), HOME=str(path.parent), XDG_CACHE_HOME=str(path.parent / "cache"))
    command = [sys.executable, "-m", "tui.cli", "analyze", "--no-cache", "--jobs", "1", "--format", "jsonl", str(path)]
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise SystemExit(f"analyze failed on {path.name} ({process.returncode})")
        out.seek(0)
        quotes = sum(len(json.loads(line).get("quotes", [])) for line in out if line.strip())
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, quotes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=400_000, help="length of the long article")
    parser.add_argument("--runs", type=int, default=3, help="runs of each (median kept)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sizes = {"one": 1, "short": args.chars // 8, "long": args.chars}
        for name, chars in sizes.items():
            (folder / f"{name}.txt").write_text(article(chars), encoding="utf-8")
        measured: dict[str, list[tuple[float, float, int]]] = {name: [] for name in sizes}
        for _ in range(args.runs):
            for name in sizes:
                measured[name].append(analyse(folder / f"{name}.txt"))
                cpu, peak, quotes = measured[name][-1]
                print(f"{name:>5}: {cpu:7.1f} s CPU, {peak:6.0f} MB, {quotes} quotes", flush=True)
        cpu = {name: statistics.median(m[0] for m in runs) for name, runs in measured.items()}
        lengths = {name: len((folder / f"{name}.txt").read_text(encoding="utf-8")) for name in sizes}
    per_char = {name: (cpu[name] - cpu["one"]) / lengths[name] for name in ("short", "long")}
    peak = statistics.median(m[1] for m in measured["long"])
    quotes = measured["long"][-1][2]
    print(
        f"long article: chars={lengths['long']} quotes={quotes} cpu={cpu['long']:.1f}s "
        f"per_100k={per_char['long'] * 100_000:.2f}s growth={per_char['long'] / per_char['short']:.2f} "
        f"peak={peak:.0f}MB"
    )


if __name__ == "__main__":
    main()
