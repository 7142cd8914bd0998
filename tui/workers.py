"""What the app runs off the UI thread: reading the inputs and analysing the
articles. Each posts plain data back with ``call_from_thread``; nothing here
touches a widget. The loaders, the stores and the analysis pipeline are
imported here, in the workers, so the app paints before they load."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from core.model import Analysis, Article
from core.nlp import ModelError
from tui import present

if TYPE_CHECKING:
    from concurrent.futures import Future

    from textual.worker import Worker

    from core.ingest.dispatch import LoadStep
    from tui.app import NewsReader

ANALYSIS_BATCH = 8
PROCESS_BATCH = 2  # articles per task for a worker process: the count on screen moves smoothly
LOAD_POST_INTERVAL = 0.2  # seconds between article-list updates while reading many files


def start_process_tracker() -> None:
    """Start multiprocessing's resource tracker, which the page and analysis
    processes need, now: it cannot start once Textual has replaced sys.stderr."""
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()


class Mailbox:
    """Calls from a worker to the UI thread. Those made before the widgets exist
    are held and delivered by ``open`` (from ``on_mount``), so the articles read
    while the screen was being composed are in its first frame."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: list[tuple[Callable[..., object], tuple[object, ...]]] = []
        self._open = False

    def post(self, app: NewsReader, call: Callable[..., object], *args: object) -> None:
        with self._lock:
            if not self._open:
                self._held.append((call, args))
                return
        app.call_from_thread(call, *args)

    def open(self) -> None:
        """On the UI thread, once the widgets exist: deliver what was held."""
        with self._lock:
            self._open = True
            held, self._held = self._held, []
        for call, args in held:
            call(*args)


def load_inputs(app: NewsReader) -> None:
    """Read the inputs and what is remembered of them, posting articles in chunks:
    the first screen shows as soon as the first article is read. This starts
    while the screen is being composed (see ``Mailbox``)."""
    from concurrent.futures import ThreadPoolExecutor

    from core.ingest.dispatch import LoadStep, iter_load
    from core.store.cache import AnalysisCache
    from core.store.library import Library
    from core.store.pages import PageStore

    # SQLite checks the cache file without the GIL: that overlaps listing the inputs.
    opener = ThreadPoolExecutor(1)
    opening = opener.submit(AnalysisCache.open, app.cache_dir) if app.use_cache else None
    opener.shutdown(wait=False)
    app.library = Library.open(app.data_dir)
    app.read_ids = app.library.read_ids()
    app.bookmarked = {mark.article_id for mark in app.library.bookmarks()}
    pages = PageStore.open(app.cache_dir) if app.use_cache else None
    pending, last_post, seen = LoadStep(), 0.0, 0
    for step in iter_load(app.paths, full_pages=app.full_pages, remembered=pages, jobs=app.jobs):
        if opening is not None:
            app.cache, opening = opening.result(), None
        pending.articles += step.articles
        pending.replaced.update(step.replaced)
        pending.errors += step.errors
        due = not seen or time.monotonic() - last_post > LOAD_POST_INTERVAL
        if due and (pending.articles or pending.replaced):
            _post_loaded(app, pending, first=not seen)
            seen += len(pending.articles)
            pending, last_post = LoadStep(), time.monotonic()
    if opening is not None:  # nothing was read
        app.cache = opening.result()
    _post_loaded(app, pending, first=not seen)
    app.mailbox.post(app, app.loading_done)


def _post_loaded(app: NewsReader, step: LoadStep, *, first: bool) -> None:
    """Hand a chunk to the UI with its cached counts (and, for the very first
    article, its whole cached analysis, so the first screen has highlights)."""
    fresh = step.articles + list(step.replaced.values())
    model_id = app.analyzer.model_id
    counts = app.cache.counts_many(fresh, model_id) if app.cache and fresh else {}
    analyses = app.cache.get_many(step.articles[:1], model_id) if app.cache and first and step.articles else {}
    app.mailbox.post(app, app.articles_arrived, step, counts, analyses)


def analyse(app: NewsReader, worker: Worker) -> None:
    """Cached analyses first (in bulk), then spaCy for the rest, the opened article first.

    Everything is indexed for search as it arrives; titles and text of
    articles still waiting for analysis are indexed after the first batch, so
    search works on all of them at once.
    """
    from core.analysis import Pipeline

    corpus = app.corpus
    pending = dict(corpus.articles)
    total, started = len(pending), time.monotonic()
    pipeline = Pipeline(app.analyzer, app.cache)
    for found in pipeline.cached(list(pending.values())):
        for article, _ in found:
            del pending[article.id]
        corpus.index_articles(found)
        if found:
            status = present.progress(total - len(pending), total, started, "loaded")
            app.call_from_thread(app.articles_analysed, found, status)
        if worker.is_cancelled:
            return
    # Ten thousand cached analyses are long-lived: keep the collector off them.
    gc.freeze()
    if not pending:
        return
    app.call_from_thread(app.set_status, f"{corpus.summary()} · loading the spaCy model {app.analyzer.model_name}…")
    if app.jobs > 1:
        _analyse_in_processes(app, worker, pending)
        return
    try:
        app.analyzer.load()
    except ModelError as exc:
        app.call_from_thread(app.analysis_failed, str(exc))
        return
    started, to_analyse, done = time.monotonic(), len(pending), 0
    waiting_text_indexed = False
    while pending and not worker.is_cancelled:
        for article, analysis in pipeline.analyse(_next_batch(pending, app.current_id), store_every=ANALYSIS_BATCH):
            corpus.index_articles([(article, analysis)])
            done += 1
            status = present.progress(done, to_analyse, started, "analysed")
            app.call_from_thread(app.articles_analysed, [(article, analysis)], status)
        if not waiting_text_indexed:
            corpus.index_articles((article, None) for article in list(pending.values()))
            waiting_text_indexed = True


def _analyse_in_processes(app: NewsReader, worker: Worker, pending: dict[str, Article]) -> None:
    """Like the loop above, with one spaCy process per job: a small batch per
    process and one more queued, so none waits and the opened article is never far behind."""
    from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, wait

    from core.analysis_pool import AnalysisPool

    corpus, model_id = app.corpus, app.analyzer.model_id
    started, to_analyse, done = time.monotonic(), len(pending), 0
    running: dict[Future[list[Analysis]], list[Article]] = {}
    waiting_text_indexed = False
    with AnalysisPool(app.analyzer.model_name, app.jobs) as pool:
        while (pending or running) and not worker.is_cancelled:
            # The first batch alone: one process loads the model at full speed while the user waits for it.
            while pending and len(running) < (app.jobs + 1 if done else 1):
                batch = _next_batch(pending, app.current_id, PROCESS_BATCH)
                running[pool.submit(batch)] = batch
            finished, _ = wait(running, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in finished:
                batch = running.pop(future)
                try:
                    pairs = list(zip(batch, future.result()))
                except (ModelError, BrokenExecutor) as exc:
                    app.call_from_thread(app.analysis_failed, str(exc) or "an analysis process stopped")
                    return
                if app.cache is not None:
                    app.cache.put_many(pairs, model_id)
                corpus.index_articles(pairs)
                done += len(pairs)
                app.call_from_thread(
                    app.articles_analysed, pairs, present.progress(done, to_analyse, started, "analysed")
                )
            if finished and not waiting_text_indexed:
                corpus.index_articles((article, None) for article in list(pending.values()))
                waiting_text_indexed = True


def _next_batch(pending: dict[str, Article], current_id: str | None, size: int = ANALYSIS_BATCH) -> list[Article]:
    """The opened article alone if it is waiting (the user is looking at it, and
    ``nlp.pipe`` yields only when a whole batch is done), else the next in list order."""
    if current_id in pending:
        return [pending.pop(current_id)]
    batch: list[Article] = []
    while pending and len(batch) < size:
        batch.append(pending.pop(next(iter(pending))))
    return batch
