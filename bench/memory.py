"""Where the app's memory goes at 10,000 cached articles (``--articles N``):
the corpus filled as the app's loading worker fills it, without the screen,
in a fresh process, with the resident memory after each stage and the
highest it reached within it (temporaries included).

The articles and their cache are made as bench/startup.py makes them
(synthetic analyses as dense as real ones); ``--corpus FILE`` takes the first
N articles of an archive bench/corpus.py wrote instead (its vocabulary, and so
its identities, grow with it as the 100,000-article archive's do). The stages
are Python and Textual imported, the articles read, their counts, every cached
analysis loaded as the worker loads them (kept, indexed for search, their
identities filed, the texts packed, the search's words filed and the people's
table remade when due: ``tui.workers._index``), the search index settled, the
identities' table and the people view's rows made, and the search index saved
beside the (copied) cache: the app's stages, in its order, so the last peak is the app's.

Last line: ``memory: articles=… start=… MB imports=… read=… … saved=… total=… MB; peaks: imports=… … MB;
cpu: imports=… … s; peak=… MB`` (each stage's growth in MB, the highest resident memory within each
stage, the CPU time each took; the peak is the process's).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import shutil
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def rss_mb(field: str = "VmRSS") -> float:
    """Resident memory now (``VmHWM``: at its highest so far), after a collection."""
    gc.collect()
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def reset_peak() -> None:
    """Start ``VmHWM`` again from the resident memory now (Linux 4.0 on), so each stage has its own peak."""
    with contextlib.suppress(OSError):  # elsewhere: each stage's peak is the process's so far
        Path("/proc/self/clear_refs").write_text("5")


def measure(folder: str, cache_dir: str) -> dict[str, dict[str, float]]:
    """The stages, in this process: the resident memory after each, and its highest within each."""
    after, peaks, cpu = {"start": rss_mb()}, {}, {}
    began = [time.process_time()]

    def stage(name: str) -> None:
        cpu[name] = time.process_time() - began[0]
        after[name], peaks[name] = rss_mb(), rss_mb("VmHWM")
        reset_peak()
        began[0] = time.process_time()

    import tui.app  # noqa: F401  Textual and the app's first imports
    from core.analysis import Pipeline
    from core.corpus import Corpus
    from core.ingest.dispatch import iter_load
    from core.memory import give_back, map_large_blocks
    from core.nlp import Analyzer
    from core.packed import encoded
    from core.search.saved import FILE_NAME
    from core.store.cache import AnalysisCache
    from tui import workers
    from tui.present_people import person_rows

    stage("imports")
    corpus, model_id = Corpus(), Analyzer().model_id
    for step in iter_load([folder]):
        step.articles = list(map(encoded, step.articles))  # as the loading worker keeps them
        corpus.add(step)
    stage("read")
    cache = AnalysisCache.open(cache_dir)
    corpus.counts.update(cache.counts_many(list(corpus.articles.values()), model_id))
    stage("counts")
    corpus.use_cache(cache, model_id)
    map_large_blocks()  # as ``workers._analyse`` does
    app = SimpleNamespace(corpus=corpus)  # all ``workers._index`` reads of the app
    pipeline = Pipeline(Analyzer(), cache)
    for part in workers._parts(app, list(corpus.articles)):  # as ``workers._analyse`` loads them
        for found in pipeline.cached(part):
            workers._index(app, found)
            give_back()
            gc.freeze()
            for article, analysis in found:  # the UI thread's share (``NewsReader.articles_analysed``)
                corpus.set_analysis(article, analysis)
    stage("loaded")
    corpus.index.settle()
    give_back()
    stage("settled")
    rows = person_rows(corpus.identities.table())  # ``workers.keep_loaded``
    gc.freeze()
    give_back()
    stage("table")
    corpus.save_index(Path(cache_dir, FILE_NAME), "bench")
    give_back()
    stage("saved")
    del rows
    return {"after": after, "peaks": peaks, "cpu": cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--corpus", type=Path, help="the first N articles of this JSONL archive (bench/corpus.py)")
    parser.add_argument("--cache", type=Path, help="with --corpus: a cache already filled for it (copied, not written)")
    parser.add_argument("--measure", nargs=2, metavar=("FOLDER", "CACHE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return
    from startup import prepare, prepare_archive

    with tempfile.TemporaryDirectory() as tmp:
        folder, cache_dir = Path(tmp, "articles"), Path(tmp, "cache")
        if args.corpus:
            folder = Path(tmp, "archive.jsonl")
            with args.corpus.open("rb") as archive, folder.open("wb") as out:
                out.writelines(islice(archive, args.articles))
            if args.cache:
                shutil.copytree(args.cache, cache_dir)
                ready = args.articles
            else:
                ready, *_ = prepare_archive(folder, cache_dir, args.articles)
        else:
            folder.mkdir()
            ready, _ = prepare(folder, cache_dir, args.articles)
        child = [sys.executable, __file__, "--measure", str(folder), str(cache_dir)]
        figures = json.loads(subprocess.run(child, capture_output=True, text=True, check=True).stdout)
    after, peaks, cpu = figures["after"], figures["peaks"], figures["cpu"]
    stages = list(after)
    growth = {stage: after[stage] - after[before] for before, stage in zip(stages, stages[1:])}
    print(
        f"memory: articles={ready} start={after['start']:.0f} MB "
        + " ".join(f"{stage}={mb:+.0f}" for stage, mb in growth.items())
        + f" total={after[stages[-1]]:.0f} MB; peaks: "
        + " ".join(f"{stage}={mb:.0f}" for stage, mb in peaks.items())
        + " MB; cpu: "
        + " ".join(f"{stage}={seconds:.1f}" for stage, seconds in cpu.items())
        + f" s; peak={max(peaks.values()):.0f} MB"
    )


if __name__ == "__main__":
    main()
