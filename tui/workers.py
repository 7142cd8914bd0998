"""What the app runs off the UI thread: reading the inputs and analysing the
articles. Each posts plain data back to the UI thread; nothing here touches a
widget. The loaders, the stores and the analysis pipeline are imported here,
in the workers, so the app paints before they load."""

from __future__ import annotations

import asyncio
import gc
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import chain
from typing import TYPE_CHECKING

from core.memory import give_back, map_large_blocks
from core.model import Analysis, AnalysisFailure, Article, failure_reason
from core.nlp import ModelError
from tui import present

if TYPE_CHECKING:
    from concurrent.futures import Future
    from pathlib import Path

    from textual.worker import Worker

    from core.carried import Reuse
    from core.ingest.dispatch import LoadStep
    from core.model import LoadError
    from core.store.cache import AnalysisCache
    from tui.app import NewsReader

ANALYSIS_BATCH = 8
PROCESS_BATCH = 2  # articles per task for a worker process: the count on screen moves smoothly
# A batch is done only when all of it is: about four articles' worth of text, so a
# long transcript goes alone and no short article waits minutes behind it.
BATCH_CHARS = 25_000
# An article longer than this (a transcript, a book: minutes of spaCy) is analysed after every shorter
# one: with one process per core, two of them at the top of the list held every process for minutes.
LONG_CHARS = 100_000
LOAD_POST_INTERVAL = 0.2  # seconds between article-list updates while reading many files
# Words the loader files at a time (see ``SearchIndex.file_words``): a search typed meanwhile finds the newest
# words by themselves, by prefix or typo once filed (a few seconds of loading later at 100,000 articles).
# While spaCy analyses, what waits is filed each time the loader is to wait for spaCy (``_file_words_now``).
WORDS_FILED_AT = 20_000
WAITING_CHUNK = 5_000  # articles waiting for spaCy whose texts are indexed before their words are filed


class Mailbox:
    """Calls from a worker to the UI thread. Those made before the widgets exist
    are held and delivered by ``open`` (from ``on_mount``), so the articles read
    while the screen was being composed are in its first frame; the app waits a
    moment for the first of them (``first_post``) before it composes.

    A call is queued, not waited for (the calls run in order): waiting, as
    ``call_from_thread`` does, the loader of ten thousand saved pages stood still
    while the UI thread drew a frame or mounted the panes, a tenth of a second and
    more a post, when its ``stat`` calls and queries, which let go of the GIL,
    could have run meanwhile."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: list[tuple[Callable[..., object], tuple[object, ...]]] = []
        self._open = False
        self._arrived: Callable[[], object] | None = None  # wakes ``first_post``

    async def first_post(self, timeout: float) -> None:
        """Until the worker posts something (or ``timeout`` seconds pass), without blocking the UI thread."""
        loop, arrived = asyncio.get_running_loop(), asyncio.Event()
        with self._lock:
            if self._held or self._open:
                return
            self._arrived = partial(loop.call_soon_threadsafe, arrived.set)
        try:
            await asyncio.wait_for(arrived.wait(), timeout)
        except TimeoutError:
            pass
        finally:
            self._arrived = None

    def post(self, app: NewsReader, call: Callable[..., object], *args: object) -> None:
        with self._lock:
            if not self._open:
                self._held.append((call, args))
                if self._arrived is not None:
                    self._arrived()
                return
        app.call_later(call, *args)

    def open(self) -> None:
        """On the UI thread, once the widgets exist: deliver what was held."""
        with self._lock:
            self._open = True
            held, self._held = self._held, []
        for call, args in held:
            call(*args)


def load_inputs(app: NewsReader) -> None:
    """Read the inputs, then start the analysis of what was read, even if reading stopped short.

    The collector does not run by itself meanwhile, only between two posts (``_post_loaded``):
    what is read is kept, and the cycles made meanwhile are young. Run as allocations came, it
    took 60 ms of a launch on ten thousand saved pages (under load), a full collection over
    everything the imports and the first screen made among them. Its thresholds, not
    ``gc.disable``, which the typing pause (``tui.collector``) turns on and off."""
    from tui.collector import only_when_asked

    errors: list[LoadError] = []
    with only_when_asked():
        try:
            _load_inputs(app, errors)
        except Exception as exc:  # no worker dies silently
            reason = f"reading stopped ({failure_reason(exc)})"
            app.mailbox.post(
                app, partial(app.notify, title="Could not open", severity="error", timeout=15, markup=False), reason
            )
    if errors:  # one notification however many: ! lists them all
        notice = present.unreadable_notice(errors)
        app.mailbox.post(
            app, partial(app.notify, title="Could not open", severity="error", timeout=10, markup=False), notice
        )
    app.mailbox.post(app, app.loading_done)


def _load_inputs(app: NewsReader, errors: list[LoadError]) -> None:
    """Read the inputs and what is remembered of them, posting articles in chunks:
    the first screen shows as soon as the first article is read. This starts
    while the screen is being composed (see ``Mailbox``). The inputs that could
    not be read are added to ``errors`` (the corpus has them only once the UI
    thread has taken the posts, which may be held)."""
    from concurrent.futures import ThreadPoolExecutor

    from core.carried import Reuse
    from core.ingest.dispatch import LoadStep, iter_load
    from core.packed import encoded
    from core.store.cache import AnalysisCache
    from core.store.library import Library
    from core.store.pages import PageStore

    # Opening checks the cache file (SQLite, without the GIL): the first titles are
    # read and listed meanwhile, and their counts follow once it is open.
    opener = ThreadPoolExecutor(1)
    opening = opener.submit(AnalysisCache.open, app.cache_dir) if app.use_cache else None
    opener.shutdown(wait=False)
    app.library = Library.open(app.data_dir)
    app.read_ids = app.library.read_ids()
    app.bookmarked = {mark.article_id for mark in app.library.bookmarks()}
    pages = PageStore.open(app.cache_dir) if app.use_cache else None
    pending, last_post, seen = LoadStep(), 0.0, 0
    reuse = Reuse(app.analyzer.model_id)
    for step in iter_load(app.paths, full_pages=app.full_pages, remembered=pages, jobs=app.jobs):
        app.corpus.foreground.pause()
        # Texts in UTF-8 from here on (``core.packed``): half the memory of a hundred thousand listed.
        pending.articles += map(encoded, step.articles)
        pending.replaced.update((old_id, encoded(article)) for old_id, article in step.replaced.items())
        pending.errors += step.errors
        errors += step.errors
        pending.merged += step.merged
        pending.analyses.update(step.analyses)
        due = not seen or time.monotonic() - last_post > LOAD_POST_INTERVAL
        if due and (pending.articles or pending.replaced):
            _post_loaded(app, pending, reuse, first=not seen, opening=opening)
            seen += len(pending.articles)
            pending, last_post, opening = LoadStep(), time.monotonic(), None
    _post_loaded(app, pending, reuse, first=not seen, opening=opening)  # the cache may still be opening
    if notice := reuse.notice():
        warn = partial(app.notify, title="Analysing again", severity="warning", timeout=15, markup=False)
        app.mailbox.post(app, warn, notice)


def _post_loaded(
    app: NewsReader, step: LoadStep, reuse: Reuse, *, first: bool, opening: Future[AnalysisCache] | None = None
) -> None:
    """Hand a chunk to the UI with its cached counts (and, for the very first
    article, its whole cached analysis, so the first screen has highlights).
    Analyses that came with the input and this model would make count as
    cached (with ``--no-cache``, everything is analysed again). While the cache
    is ``opening``, the chunk is listed first and its counts follow."""
    from core.carried import counts as carried_counts
    from core.carried import decoded

    fresh = step.articles + list(step.replaced.values())
    step.analyses = reuse.usable(fresh, step.analyses) if app.use_cache else {}
    counts = {article_id: carried_counts(carried) for article_id, carried in step.analyses.items()}
    opened = step.articles[:1] if first else []
    analyses = {article.id: analysis for found in decoded(opened, step.analyses) for article, analysis in found}
    if opening is not None:
        app.mailbox.post(app, app.articles_arrived, step, counts, analyses)
        _opened(app, opening)
        counts = {}
    rest = [article for article in fresh if article.id not in step.analyses] if step.analyses else fresh
    if app.cache and rest:
        counts.update(app.cache.counts_many(rest, app.analyzer.model_id))
    looked_up = app.cache.get_many(opened, app.analyzer.model_id) if app.cache and opened and not analyses else {}
    if opening is not None:
        app.mailbox.post(app, app.counts_arrived, counts, looked_up)
    else:
        app.mailbox.post(app, app.articles_arrived, step, counts, analyses | looked_up)
    # What is listed lives as long as the app: kept from the collector as it comes, as the cached analyses
    # are (``_analyse``). At 100,000 articles a full collection over it paused every thread for 0.2-0.4 s
    # every ten seconds of listing, and a key that landed on one waited as long. The young garbage goes
    # first (a quick collection): frozen, the cycles the screen made meanwhile stayed (12 MB by the end).
    # Not after the first chunk: that collection would run while the first screen is being drawn.
    if not first:
        gc.collect(1)
        gc.freeze()


def _opened(app: NewsReader, opening: Future[AnalysisCache]) -> None:
    """The cache, once open: analyses out of memory are read again from it."""
    app.cache = opening.result()
    app.corpus.use_cache(app.cache, app.analyzer.model_id)


def analyse(app: NewsReader, worker: Worker) -> None:
    """Analyse everything loaded; if the work stops, the status and the panel say so."""
    try:
        _analyse(app, worker)
    except Exception as exc:  # no worker dies silently
        app.call_from_thread(app.analysis_failed, f"analysis stopped ({failure_reason(exc)})")
    finally:
        app.analysed_all.set()  # finished, failed or had nothing to do


def _analyse(app: NewsReader, worker: Worker) -> None:
    """Cached analyses first (in bulk), then spaCy for the rest, the opened article first.

    Everything is indexed for search as it arrives; titles and text of
    articles still waiting for analysis are indexed after the first batch, so
    search works on all of them at once.
    """
    from core.analysis import Pipeline

    map_large_blocks()  # the index's arrays, made and dropped, do not stay in the heap
    corpus = app.corpus
    # Ids only: the corpus packs each article's text once it is indexed, and a list of
    # the articles as they were would keep every text unpacked until the last is loaded.
    waiting = dict.fromkeys(corpus.articles)
    total, started = len(waiting), time.monotonic()
    saved_index = _saved_index(app)
    if saved_index is not None:  # every article it holds is searchable now
        corpus.load_index(*saved_index)
    pipeline = Pipeline(app.analyzer, app.cache)
    carried = [article_id for article_id in waiting if article_id in corpus.carried]
    stored = [article_id for article_id in waiting if article_id not in corpus.carried]
    adopted = (found for part in _parts(app, carried) for found in _adopted(app, part))
    cached = (found for part in _parts(app, stored) for found in pipeline.cached(part))
    for found in chain(adopted, cached):
        for article, _ in found:
            del waiting[article.id]
        _index(app, found)
        give_back()  # the texts the corpus packed
        # What is indexed lives as long as the app: kept from the collector as it comes, since
        # a full collection over 100,000 articles' objects pauses every thread for half a second.
        gc.freeze()
        if found:
            status = present.progress(total - len(waiting), total, started, "loaded")
            app.call_from_thread(app.articles_analysed, found, status)
        if worker.is_cancelled:
            return
    pending = _analysis_order(corpus.articles[article_id] for article_id in waiting)
    corpus.index.settle()  # its postings in flat arrays: searched as fast as a saved index
    give_back()  # the postings as they were, before the people's table is made
    if not worker.is_cancelled:  # quitting: no people view to prepare (seconds at 100,000 articles)
        keep_loaded(app)
        give_back()  # the making's scratch, before the index is saved
    if saved_index is not None:  # even when quitting, which waits for it: the next launch would index all again
        corpus.save_index(*saved_index)
    if worker.is_cancelled:
        return
    give_back()  # what loading left in the heap's free lists
    if not pending:
        return
    app.call_from_thread(
        app.set_status, f"{present.corpus_summary(corpus)} · loading the spaCy model {app.analyzer.model_name}…"
    )
    if app.jobs > 1:
        _analyse_in_processes(app, worker, pending)
    else:
        _analyse_here(app, worker, pipeline, pending)
    corpus.identities.table()
    if not worker.is_cancelled:
        app.call_from_thread(app.people_analysed)
    corpus.index.settle()
    if saved_index is not None and not worker.is_cancelled:
        corpus.save_index(*saved_index)


def _index(app: NewsReader, pairs: list[tuple[Article, Analysis | None]]) -> None:
    """Index what came; file the search's new words once enough wait (``WORDS_FILED_AT``) and remake
    the people's table when it is due, here in the worker, so neither falls on a keystroke."""
    app.corpus.index_articles(pairs)
    app.corpus.index.file_words(WORDS_FILED_AT)
    remake_people(app)


def _file_words_now(app: NewsReader) -> None:
    """The search's words that wait filed before the loader waits for spaCy again. A search while
    loading files none itself (``SearchIndex.file_words``), and analyses bring a few hundred new words
    a batch: left until ``WORDS_FILED_AT`` waited, a name analysed was found typed in full only, not
    by a typo or its beginning, until every article was, minutes later behind a transcript. Filing a
    few words takes a few milliseconds beside the lock (22 ms of CPU at 1.8 million words, under load)."""
    app.corpus.index.file_words()


def _index_waiting_texts(app: NewsReader, pending: dict[str, Article]) -> None:
    """The titles and texts of the articles still waiting for spaCy made searchable,
    ``WAITING_CHUNK`` at a time, with their words filed after each chunk: the pass takes about
    5 s of CPU per 10,000 articles (a minute at 100,000), and a typo finds what it has indexed so far."""
    waiting = list(pending.values())
    for start in range(0, len(waiting), WAITING_CHUNK):
        app.corpus.index_articles((article, None) for article in waiting[start : start + WAITING_CHUNK])
        _file_words_now(app)
    give_back()


def remake_people(app: NewsReader) -> None:
    """The identities' table made again here, in the worker, when it is due (``Identities.due``):
    the views read the last one made (at 100,000 articles one takes seconds: on the UI thread,
    an entity picked in the reader or a search's names waited for it)."""
    identities = app.corpus.identities
    if identities.due():
        identities.table()
        give_back()  # the last table's columns and the making's scratch, before loading goes on


def keep_loaded(app: NewsReader) -> None:
    """The identities of the cached analyses resolved and the people view's rows
    made here, not when the view opens. They live as long as the analyses, so they
    are frozen too: a full collection, which otherwise falls on a keystroke now and
    then, scans only what is newer."""
    app.corpus.identities.table()
    app.people_rows()
    app.call_from_thread(app.people_analysed)  # an open people view shows the table made here
    gc.freeze()


def _saved_index(app: NewsReader) -> tuple[Path, str] | None:
    """Where the search index is kept (beside the analysis cache; nowhere when
    the cache is in memory or off) and the analyses it must have been built from."""
    if app.cache is None or app.cache.path is None:
        return None
    from core.search.saved import FILE_NAME
    from core.store.cache import extractor_version

    return app.cache.path.with_name(FILE_NAME), f"{app.analyzer.model_id}\0{extractor_version()}"


def _analyse_here(app: NewsReader, worker: Worker, pipeline, pending: dict[str, Article]) -> None:
    """spaCy in this process, a batch at a time, the opened article first."""
    try:
        app.analyzer.load()
    except ModelError as exc:
        app.call_from_thread(app.analysis_failed, str(exc))
        return
    tally = Tally(pending)
    waiting_text_indexed = False
    while pending and not worker.is_cancelled:
        for article, analysis in pipeline.analyse(_next_batch(pending, app.current_id), store_every=ANALYSIS_BATCH):
            _index(app, [(article, analysis if isinstance(analysis, Analysis) else None)])
            app.call_from_thread(app.articles_analysed, [(article, analysis)], tally.status([article]))
        if not waiting_text_indexed:
            _index_waiting_texts(app, pending)
            waiting_text_indexed = True
        _file_words_now(app)


def _analyse_in_processes(app: NewsReader, worker: Worker, pending: dict[str, Article]) -> None:
    """Like ``_analyse_here``, with one spaCy process per job: a small batch per
    process and one more queued, so none waits and the opened article is never far behind."""
    from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, wait

    from core.analysis_pool import AnalysisPool

    model_id = app.analyzer.model_id
    tally = Tally(pending)
    running: dict[Future[list[Analysis | AnalysisFailure]], list[Article]] = {}
    waiting_text_indexed = False
    with AnalysisPool(app.analyzer.model_name, app.jobs) as pool:
        while (pending or running) and not worker.is_cancelled:
            # The first batch alone: one process loads the model at full speed while the user waits for it.
            while pending and len(running) < (app.jobs + 1 if tally.done else 1):
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
                analysed = [(article, analysis) for article, analysis in pairs if isinstance(analysis, Analysis)]
                if app.cache is not None:
                    app.cache.put_many(analysed, model_id)  # a failure is not remembered: it is tried again
                _index(app, [(a, an if isinstance(an, Analysis) else None) for a, an in pairs])
                app.call_from_thread(app.articles_analysed, pairs, tally.status(batch))
            if finished and not waiting_text_indexed:
                _index_waiting_texts(app, pending)
                waiting_text_indexed = True
            if finished:
                _file_words_now(app)


class Tally:
    """What spaCy has done so far, in articles and in characters of text: the
    status's time left goes by text, as spaCy's time does, and is timed from
    the first result (before it, the model was loading: a few seconds for a few
    short articles made one long transcript look like hours)."""

    def __init__(self, pending: dict[str, Article]) -> None:
        self.sizes = {article_id: article.text_length() for article_id, article in pending.items()}
        self.total_chars = sum(self.sizes.values())
        self.started = self.first = time.monotonic()
        self.done = self.done_chars = self.first_chars = 0

    def status(self, finished: list[Article]) -> present.Progress:
        self.done += len(finished)
        self.done_chars += sum(self.sizes[article.id] for article in finished)
        if not self.first_chars:  # the first result: the time left is timed from here
            self.first, self.first_chars = time.monotonic(), self.done_chars or 1
        share = (self.done_chars - self.first_chars) / max(1, self.total_chars - self.first_chars)
        return present.progress(
            self.done, len(self.sizes), self.started, "analysed", share=share, timed_from=self.first
        )


def _parts(app: NewsReader, article_ids: list[str]) -> Iterator[list[Article]]:
    """The corpus's articles of these ids, a chunk at a time, as the corpus holds them when the chunk comes;
    each once the user is not waiting (its analyses are decoded next, a few tens of milliseconds)."""
    from core.analysis import CACHE_CHUNK

    for start in range(0, len(article_ids), CACHE_CHUNK):
        app.corpus.foreground.pause()
        yield [app.corpus.articles[article_id] for article_id in article_ids[start : start + CACHE_CHUNK]]


def _adopted(app: NewsReader, articles: list[Article]) -> Iterator[list[tuple[Article, Analysis]]]:
    """The analyses that came with the input, a chunk at a time, each chunk then
    remembered in the cache in one transaction; one that does not fit its article is left to spaCy."""
    from core.carried import decoded

    for found in decoded(articles, app.corpus.carried):
        yield found
        if app.cache is not None:
            app.cache.put_many(found, app.analyzer.model_id)


def _analysis_order(articles: Iterable[Article]) -> dict[str, Article]:
    """The articles spaCy will analyse, by id: in list order, the very long ones last."""
    return {article.id: article for article in sorted(articles, key=lambda article: article.text_length() > LONG_CHARS)}


def _next_batch(pending: dict[str, Article], current_id: str | None, size: int = ANALYSIS_BATCH) -> list[Article]:
    """The opened article alone if it is waiting (the user is looking at it, and
    ``nlp.pipe`` yields only when a whole batch is done), else the next in list
    order, up to ``size`` articles or ``BATCH_CHARS`` of text (at least one)."""
    if current_id in pending:
        return [pending.pop(current_id)]
    batch: list[Article] = []
    chars = 0
    while pending and len(batch) < size:
        article_id = next(iter(pending))
        chars += pending[article_id].text_length()
        if batch and chars > BATCH_CHARS:
            break
        batch.append(pending.pop(article_id))
    return batch
