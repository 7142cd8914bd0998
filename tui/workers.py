"""What the app runs off the UI thread: reading the inputs and analysing the
articles. Each posts plain data back with ``call_from_thread``; nothing here
touches a widget."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from itertools import chain
from typing import TYPE_CHECKING

from core.analysis import Pipeline
from core.carried import Reuse, decoded
from core.carried import counts as carried_counts
from core.ingest.dispatch import LoadStep, iter_load
from core.model import Analysis, Article, failure_reason
from core.nlp import ModelError
from core.store.cache import AnalysisCache
from core.store.library import Library
from tui import present

if TYPE_CHECKING:
    from textual.worker import Worker

    from tui.app import NewsReader

ANALYSIS_BATCH = 8
LOAD_POST_INTERVAL = 0.2  # seconds between article-list updates while reading many files


def load_inputs(app: NewsReader) -> None:
    """Read the inputs, then start the analysis of what was read, even if reading stopped short."""
    try:
        _load_inputs(app)
    except Exception as exc:  # no worker dies silently
        reason = f"reading stopped ({failure_reason(exc)})"
        app.call_from_thread(app.notify, reason, title="Could not open", severity="error", timeout=15, markup=False)
    if app.corpus.errors:  # one notification however many: ! lists them all
        notice = present.unreadable_notice(app.corpus.errors)
        app.call_from_thread(app.notify, notice, title="Could not open", severity="error", timeout=10, markup=False)
    app.call_from_thread(app.loading_done)


def _load_inputs(app: NewsReader) -> None:
    """Read the inputs and what is remembered of them, posting articles in chunks:
    the first screen shows as soon as the first article is read."""
    app.library = Library.open(app.data_dir)
    app.read_ids = app.library.read_ids()
    app.bookmarked = {mark.article_id for mark in app.library.bookmarks()}
    if app.use_cache:
        app.cache = AnalysisCache.open(app.cache_dir)
    pending, last_post, seen = LoadStep(), 0.0, 0
    reuse = Reuse(app.analyzer.model_id)
    for step in iter_load(app.paths, full_pages=app.full_pages):
        pending.articles += step.articles
        pending.replaced.update(step.replaced)
        pending.errors += step.errors
        pending.merged += step.merged
        pending.analyses.update(step.analyses)
        due = not seen or time.monotonic() - last_post > LOAD_POST_INTERVAL
        if due and (pending.articles or pending.replaced):
            _post_loaded(app, pending, reuse, first=not seen)
            seen += len(pending.articles)
            pending, last_post = LoadStep(), time.monotonic()
    _post_loaded(app, pending, reuse, first=not seen)
    if notice := reuse.notice():
        app.call_from_thread(app.notify, notice, title="Analysing again", severity="warning", timeout=15, markup=False)


def _post_loaded(app: NewsReader, step: LoadStep, reuse: Reuse, *, first: bool) -> None:
    """Hand a chunk to the UI with its cached counts (and, for the very first
    article, its whole cached analysis, so the first screen has highlights).
    Analyses that came with the input and this model would make count as
    cached (with ``--no-cache``, everything is analysed again)."""
    fresh = step.articles + list(step.replaced.values())
    model_id = app.analyzer.model_id
    step.analyses = reuse.usable(fresh, step.analyses) if app.cache else {}
    rest = [article for article in fresh if article.id not in step.analyses]
    counts = app.cache.counts_many(rest, model_id) if app.cache and rest else {}
    counts.update((article_id, carried_counts(carried)) for article_id, carried in step.analyses.items())
    opened = step.articles[:1] if first else []
    analyses = {article.id: analysis for found in decoded(opened, step.analyses) for article, analysis in found}
    if app.cache and opened and not analyses:
        analyses = app.cache.get_many(opened, model_id)
    app.call_from_thread(app.articles_arrived, step, counts, analyses)


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
    corpus = app.corpus
    pending = dict(corpus.articles)
    total, started = len(pending), time.monotonic()
    pipeline = Pipeline(app.analyzer, app.cache)
    carried = [article for article in pending.values() if article.id in corpus.carried]
    stored = [article for article in pending.values() if article.id not in corpus.carried]
    for found in chain(_adopted(app, carried), pipeline.cached(stored)):
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
    corpus.identities.table()  # resolved here, not when the people view opens
    if not pending:
        return
    app.call_from_thread(app.set_status, f"{corpus.summary()} · loading the spaCy model {app.analyzer.model_name}…")
    try:
        app.analyzer.load()
    except ModelError as exc:
        app.call_from_thread(app.analysis_failed, str(exc))
        return
    started, to_analyse, done = time.monotonic(), len(pending), 0
    waiting_text_indexed = False
    while pending and not worker.is_cancelled:
        for article, analysis in pipeline.analyse(_next_batch(pending, app.current_id), store_every=ANALYSIS_BATCH):
            corpus.index_articles([(article, analysis if isinstance(analysis, Analysis) else None)])
            done += 1
            status = present.progress(done, to_analyse, started, "analysed")
            app.call_from_thread(app.articles_analysed, [(article, analysis)], status)
        if not waiting_text_indexed:
            corpus.index_articles((article, None) for article in list(pending.values()))
            waiting_text_indexed = True
    corpus.identities.table()


def _adopted(app: NewsReader, articles: list[Article]) -> Iterator[list[tuple[Article, Analysis]]]:
    """The analyses that came with the input, a chunk at a time, remembered in
    the cache once shown; one that does not fit its article is left to spaCy."""
    for found in decoded(articles, app.corpus.carried):
        yield found
        if app.cache is not None:
            app.cache.put_many(found, app.analyzer.model_id)


def _next_batch(pending: dict[str, Article], current_id: str | None) -> list[Article]:
    """The opened article alone if it is waiting (the user is looking at it, and
    ``nlp.pipe`` yields only when a whole batch is done), else the next in list order."""
    if current_id in pending:
        return [pending.pop(current_id)]
    batch: list[Article] = []
    while pending and len(batch) < ANALYSIS_BATCH:
        batch.append(pending.pop(next(iter(pending))))
    return batch
