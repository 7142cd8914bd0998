"""``newsreader analyze --scheduler``: the same per-article analysis as a local
run, on a dask.distributed cluster.

Articles go out in partitions (consecutive batches, in input order); each
worker process loads the model once and turns a partition into the very
lines a local run prints (``core.analysis.analyses``, then
``core.export.record_line``), or writes them as one JSONL file of an output
folder. Results come back in input order. Dask places the partitions and
retries those of a worker that is lost; nothing here schedules.

Dask is an optional extra (``pip install newsreader[cluster]``): it is
imported only when a cluster is asked for.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from core.analysis import analyses
from core.export import record_line
from core.model import Article, LoadError
from core.nlp import Analyzer, ModelError
from core.store.cache import extractor_version

if TYPE_CHECKING:
    from distributed import Client, Future

PARTITION_SIZE = 64  # articles per task: seconds of work, so Dask's per-task cost is noise
LOCAL_PREFIX = "local:"
PART_NAME = "part-{:06d}.jsonl"  # sorted names are input order: a folder opens as the run printed


class ClusterError(Exception):
    """Dask is missing or the scheduler cannot be reached; the message says why."""


@dataclass(slots=True)
class Partition:
    number: int
    articles: list[Article]


@dataclass(slots=True)
class PartitionDone:
    """What a worker sends back: the lines (none when written to a file), how
    many articles were analysed, and those that failed, by name with the reason."""

    number: int
    lines: list[str] = field(default_factory=list)
    analysed: int = 0
    failures: list[LoadError] = field(default_factory=list)


def partitions(articles: Sequence[Article], size: int = PARTITION_SIZE) -> list[Partition]:
    return [Partition(n, list(articles[at : at + size])) for n, at in enumerate(range(0, len(articles), size))]


@cache
def worker_analyzer(model: str | None) -> Analyzer:
    """One loaded model per worker process, kept for every partition it runs."""
    analyzer = Analyzer(model)
    analyzer.load()
    return analyzer


def analyse_partition(partition: Partition, model: str | None, output: str | None) -> PartitionDone:
    """Runs on a worker: the partition's records, exactly as a local run makes them.
    If the batch fails, each article is tried alone, so one article fails alone."""
    analyzer = worker_analyzer(model)
    done = PartitionDone(partition.number)
    try:
        done.lines = _lines(partition.articles, analyzer)
    except Exception:
        for article in partition.articles:
            try:
                done.lines += _lines([article], analyzer)
            except Exception as exc:
                done.failures.append(LoadError(_name(article), f"analysis failed: {exc!r}"))
    done.analysed = len(done.lines)
    if output is not None:
        write_part(Path(output), partition.number, done.lines)
        done.lines = []
    return done


def _lines(articles: list[Article], analyzer: Analyzer) -> list[str]:
    model, extractor = analyzer.model_id, extractor_version()
    return [
        record_line(article, analysis, model, extractor) for article, analysis in analyses(articles, analyzer, None)
    ]


def write_part(folder: Path, number: int, lines: list[str]) -> None:
    """Write one part whole or not at all: a retried partition replaces it, and
    a reader never sees half of one."""
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / PART_NAME.format(number)
    partial = final.with_name(f".{final.name}.{os.getpid()}.tmp")
    partial.write_text("".join(lines), encoding="utf-8")
    os.replace(partial, final)


def connect(scheduler: str) -> Client:
    """A client of the scheduler at ``scheduler``, or of a new local cluster of N
    single-threaded processes for ``local:N``."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--scheduler needs Dask: pip install 'newsreader[cluster]'") from None
    if not scheduler.startswith(LOCAL_PREFIX):
        try:
            return Client(scheduler, timeout="10s", set_as_default=False)
        except (OSError, ValueError) as exc:
            raise ClusterError(f"cannot reach the scheduler at {scheduler}: {exc}") from None
    workers = scheduler.removeprefix(LOCAL_PREFIX)
    if not workers.isdigit() or int(workers) < 1:
        raise ClusterError(f"{scheduler!r}: expected local:N with N >= 1, or a scheduler address")
    try:
        cluster = LocalCluster(
            n_workers=int(workers), threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=40
        )
    except (OSError, RuntimeError) as exc:
        raise ClusterError(f"cannot start a local cluster of {workers} processes: {exc}") from None
    return Client(cluster, set_as_default=False)


def run(
    client: Client, parts: Sequence[Partition], model: str | None, output: str | None = None
) -> Iterator[PartitionDone]:
    """Each partition's result, in input order. Two partitions per worker thread
    (counted again as workers come and go) are in flight, so an archive never
    has to fit in the scheduler's memory. A partition whose task failed for good
    is reported, not raised; a model the workers cannot load is raised."""
    waiting: deque[tuple[Partition, Future]] = deque()
    pending = iter(parts)

    def submit_more() -> None:
        wanted = max(2, 2 * sum(client.nthreads().values()))
        while len(waiting) < wanted and (partition := next(pending, None)) is not None:
            waiting.append((partition, client.submit(analyse_partition, partition, model, output, pure=False)))

    submit_more()
    while waiting:
        partition, future = waiting.popleft()
        try:
            done = future.result()
        except ModelError:
            raise
        except Exception as exc:  # e.g. KilledWorker: Dask gave up after its own retries
            reason = f"analysis failed on the cluster: {exc!r}"
            done = PartitionDone(partition.number, failures=[LoadError(_name(a), reason) for a in partition.articles])
        finally:
            future.release()
        submit_more()  # before handing this one over, so the workers stay busy
        yield done


def _name(article: Article) -> str:
    return article.path or article.url or article.title
