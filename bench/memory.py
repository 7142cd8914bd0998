"""Where the app's memory goes at 10,000 cached articles (``--articles N``):
the corpus filled stage by stage as the app's workers fill it, without the
screen, in a fresh process, with the resident memory after each stage.

The articles and their cache are made as bench/startup.py makes them
(synthetic analyses as dense as real ones); ``--corpus FILE`` takes the first
N articles of an archive bench/corpus.py wrote instead (its vocabulary, and so
its identities, grow with it as the 100,000-article archive's do). The stages
are Python and Textual imported, the articles read, their counts, the
analyses the app keeps after loading them all, the search index and the
identities (with the texts then packed), the identities' table and the people
view's rows.

Last line: ``memory: articles=… start=… MB read=… counts=… analyses=… indexed=… table=… rows=… total=… MB
peak=… MB`` (each stage's growth in MB; the peak is the process's, temporaries included).
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import subprocess
import sys
import tempfile
from itertools import islice
from pathlib import Path

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


def measure(folder: str, cache_dir: str) -> dict[str, float]:
    """The stages, in this process: what each adds to the resident memory."""
    figures = {"start": rss_mb()}
    import tui.app  # noqa: F401  Textual and the app's first imports
    from core.analysis import CACHE_CHUNK, Pipeline
    from core.corpus import Corpus
    from core.ingest.dispatch import iter_load
    from core.memory import give_back
    from core.nlp import Analyzer
    from core.packed import encoded
    from core.store.cache import AnalysisCache
    from tui.present_people import person_rows

    figures["imports"] = rss_mb()
    corpus, model_id = Corpus(), Analyzer().model_id
    for step in iter_load([folder]):
        step.articles = list(map(encoded, step.articles))  # as the loading worker keeps them
        corpus.add(step)
    figures["read"] = rss_mb()
    cache = AnalysisCache.open(cache_dir)
    corpus.counts.update(cache.counts_many(list(corpus.articles.values()), model_id))
    figures["counts"] = rss_mb()
    corpus.use_cache(cache, model_id)
    pipeline = Pipeline(Analyzer(), cache)
    stages = {
        "analyses": corpus.set_analysis,
        # The search index and the identities, as the worker files them (texts are packed here).
        "indexed": lambda article, analysis: corpus.index_articles([(article, analysis)]),
    }
    for stage, keep in stages.items():  # one pass each, a chunk at a time as the worker brings them
        ids = list(corpus.articles)
        for start in range(0, len(ids), CACHE_CHUNK):  # a chunk's articles as the corpus holds them then
            for article, analysis in next(
                pipeline.cached([corpus.articles[i] for i in ids[start : start + CACHE_CHUNK]])
            ):
                keep(article, analysis)
            give_back()  # as the worker does after each chunk
        figures[stage] = rss_mb()
    table = corpus.identities.table()
    give_back()
    figures["table"] = rss_mb()
    rows = person_rows(table)  # as the loading worker makes them for the people view
    give_back()
    figures["rows"] = rss_mb()
    figures["peak"] = rss_mb("VmHWM")
    del rows
    return figures


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
    peak = figures.pop("peak")
    stages = list(figures)
    growth = {stage: figures[stage] - figures[before] for before, stage in zip(stages, stages[1:])}
    print(
        f"memory: articles={ready} start={figures['start']:.0f} MB "
        + " ".join(f"{stage}={mb:.0f}" for stage, mb in growth.items())
        + f" total={figures[stages[-1]]:.0f} MB peak={peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
