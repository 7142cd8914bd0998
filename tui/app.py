"""The newsreader app: wires the core (loading, NLP, search) to the widgets.

The first paint needs nothing slow: articles load in a thread worker, spaCy
is imported and run in another, and searches run in a third, each posting
plain data back to the widgets.
"""

from __future__ import annotations

import gc
import threading
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static
from textual.worker import Worker, get_current_worker

from core.entities import group_mentions
from core.ingest.dispatch import LoadStep, iter_load
from core.model import Analysis, Article, LoadError, Quote
from core.nlp import Analyzer, ModelError
from core.search.index import Hit, SearchIndex
from core.sources import UNATTRIBUTED, group_sources, speaker_label
from core.store.cache import AnalysisCache, Counts
from core.store.library import Library
from tui.commands import NewsReaderCommands
from tui.keys import KEY_GROUPS
from widgets.article_list import ArticleList, ArticleRow
from widgets.help_screen import HelpScreen
from widgets.legend import Legend
from widgets.marks import CATEGORIES, EntityMark, FocusMark, ReaderDocument
from widgets.reader import ReaderView
from widgets.search_panel import ResultRow, SearchPanel
from widgets.source_screen import SourceQuote, SourceScreen
from widgets.sources_panel import QuoteItem, SourceItem, SourcesPanel

ANALYSIS_BATCH = 8
CACHE_CHUNK = 500
LOAD_POST_INTERVAL = 0.2  # seconds between article-list updates while reading many files


class NewsReader(App[None]):
    """Article list, reader with entities, quotes and sources, and search over all of it."""

    CSS_PATH = "newsreader.tcss"
    TITLE = "newsreader"
    COMMANDS = App.COMMANDS | {NewsReaderCommands}

    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("slash", "search", "Search"),
        Binding("escape", "clear", "Clear", show=False),
        Binding("b", "bookmark", "Bookmark"),
        Binding("B", "bookmarks_only", "Bookmarks", show=False),
        Binding("u", "toggle_read", "Read/unread", show=False),
        Binding("o", "open_url", "Open in browser", show=False),
        Binding("y", "copy_url", "Copy link", show=False),
        *(
            Binding(str(number), f"toggle_category('{category}')", f"Toggle {name}", show=False)
            for number, (category, name, _) in enumerate(CATEGORIES, 1)
        ),
        Binding("0", "toggle_all", "All highlights", show=False),
    ]

    def __init__(
        self,
        paths: list[str],
        model: str | None = None,
        analyzer: Analyzer | None = None,
        *,
        cache_dir: str | None = None,
        use_cache: bool = True,
        data_dir: str | None = None,
        full_pages: bool = False,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.analyzer = analyzer or Analyzer(model)
        self.cache_dir = cache_dir
        self.use_cache = use_cache
        self.data_dir = data_dir
        self.full_pages = full_pages
        self.cache: AnalysisCache | None = None
        self.library: Library | None = None
        self.articles: dict[str, Article] = {}
        self.analyses: dict[str, Analysis] = {}
        self.counts: dict[str, Counts] = {}
        self.read_ids: set[str] = set()
        self.bookmarked: set[str] = set()
        self.load_errors: list[LoadError] = []
        self.current_id: str | None = None
        self.index = SearchIndex()
        self.index_lock = threading.Lock()
        self._fully_indexed: set[str] = set()
        self._hits: list[Hit] = []
        self._corpus_quotes: list[tuple[str, int]] = []
        self.loaded = threading.Event()
        self.listed = threading.Event()  # every input read and in the list
        self.analysed_all = threading.Event()  # analysis finished, failed or had nothing to do
        self.articles_seen = 0
        self.bookmarks_only = False

    def compose(self) -> ComposeResult:
        yield Static(Text("newsreader · loading articles…"), id="status")
        with Horizontal(id="main"):
            yield ArticleList(id="articles")
            with Vertical(id="right"):
                with Horizontal(id="panes"):
                    with Vertical(id="reading"):
                        yield ReaderView(id="reader")
                        yield Legend(id="legend")
                    yield SourcesPanel(id="sources")
                yield SearchPanel(id="search")
        yield Footer()

    # -- widgets ---------------------------------------------------------------

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> ReaderView:
        return self.query_one(ReaderView)

    @property
    def sources_panel(self) -> SourcesPanel:
        return self.query_one(SourcesPanel)

    @property
    def search_panel(self) -> SearchPanel:
        return self.query_one(SearchPanel)

    def set_status(self, message: str) -> None:
        self.query_one("#status", Static).update(Text(message))

    # -- loading and analysis -------------------------------------------------

    def on_mount(self) -> None:
        self.article_list.focus()
        self.load_articles()

    @work(thread=True, group="load", exit_on_error=False)
    def load_articles(self) -> None:
        """Read the inputs and what is remembered of them, posting articles in chunks:
        the first screen shows as soon as the first article is read."""
        self.library = Library.open(self.data_dir)
        self.read_ids = self.library.read_ids()
        self.bookmarked = {mark.article_id for mark in self.library.bookmarks()}
        if self.use_cache:
            self.cache = AnalysisCache.open(self.cache_dir)
        pending = LoadStep()
        last_post = 0.0
        for step in iter_load(self.paths, full_pages=self.full_pages):
            pending.articles += step.articles
            pending.replaced.update(step.replaced)
            pending.errors += step.errors
            due = not self.articles_seen or time.monotonic() - last_post > LOAD_POST_INTERVAL
            if due and (pending.articles or pending.replaced):
                self._post_loaded(pending)
                pending, last_post = LoadStep(), time.monotonic()
        self._post_loaded(pending)
        self.call_from_thread(self._loading_done)

    def _post_loaded(self, step: LoadStep) -> None:
        """Hand a chunk to the UI with its cached counts (and, for the very first
        article, its whole cached analysis, so the first screen has highlights)."""
        fresh = step.articles + list(step.replaced.values())
        counts = self.cache.counts_many(fresh, self.analyzer.model_id) if self.cache and fresh else {}
        first = {}
        if self.cache and step.articles and not self.articles_seen:
            first = self.cache.get_many(step.articles[:1], self.analyzer.model_id)
        self.articles_seen += len(step.articles)
        self.call_from_thread(self._articles_arrived, step, counts, first)

    def _articles_arrived(self, step: LoadStep, counts: dict[str, Counts], analyses: dict[str, Analysis]) -> None:
        self.counts.update(counts)
        self.analyses.update(analyses)
        for old_id, article in step.replaced.items():
            self.articles.pop(old_id, None)
            self.articles[article.id] = article
            self.article_list.replace_row(old_id, self._row(article))
        for article in step.articles:
            self.articles[article.id] = article
        self.article_list.add_rows([self._row(article) for article in step.articles])
        for error in step.errors:
            self.load_errors.append(error)
            self.notify(str(error), title="Could not open", severity="error", timeout=10, markup=False)
        if self.current_id is None and self.articles:
            self.open_article(next(iter(self.articles)))
            self.loaded.set()
        self.set_status(f"{self._counts()} · reading…")

    def _loading_done(self) -> None:
        self.listed.set()
        for store in (self.cache, self.library):
            if store is not None and store.notice:
                self.notify(store.notice, title="Storage", severity="warning", timeout=10, markup=False)
        if not self.articles:
            self.set_status("newsreader · nothing to show: no readable articles")
            self.reader.show(ReaderDocument(title="No articles", byline="", text="None of the inputs could be read."))
            self.loaded.set()
            self.analysed_all.set()
            return
        self.set_status(f"{self._counts()} · starting analysis…")
        self.analyse_articles()

    @work(thread=True, group="analysis", exit_on_error=False)
    def analyse_articles(self) -> None:
        """Cached analyses first (in bulk), then spaCy for the rest, the opened article first.

        Everything is indexed for search as it arrives; titles and text of
        articles still waiting for analysis are indexed up front, so search
        works on all of them at once.
        """
        try:
            self._analyse(get_current_worker())
        finally:
            self.analysed_all.set()

    def _analyse(self, worker: Worker) -> None:
        pending = dict(self.articles)
        total, started = len(pending), time.monotonic()
        model_id = self.analyzer.model_id
        if self.cache is not None:
            order = list(pending.values())
            for chunk_start in range(0, len(order), CACHE_CHUNK):
                found = self.cache.get_many(order[chunk_start : chunk_start + CACHE_CHUNK], model_id)
                results = [(pending.pop(article_id), analysis) for article_id, analysis in found.items()]
                self._index(results)
                if results:
                    done = total - len(pending)
                    self.call_from_thread(self._articles_analysed, results, _progress(done, total, started, "loaded"))
                if worker.is_cancelled:
                    return
        # Ten thousand cached analyses are long-lived: keep the collector off them.
        gc.freeze()
        if not pending:
            return
        self.call_from_thread(
            self.set_status, f"{self._counts()} · loading the spaCy model {self.analyzer.model_name}…"
        )
        try:
            self.analyzer.nlp
        except ModelError as exc:
            self.call_from_thread(self._analysis_failed, str(exc))
            return
        started, to_analyse, done = time.monotonic(), len(pending), 0
        waiting_text_indexed = False
        while pending and not worker.is_cancelled:
            batch = self._next_batch(pending)
            fresh = []
            for article, analysis in self.analyzer.analyze_many(batch, batch_size=ANALYSIS_BATCH):
                self._index([(article, analysis)])
                fresh.append((article, analysis))
                done += 1
                self.call_from_thread(
                    self._articles_analysed, [(article, analysis)], _progress(done, to_analyse, started, "analysed")
                )
            if self.cache is not None:
                self.cache.put_many(fresh, model_id)
            if not waiting_text_indexed:
                # After the first batch (the opened article is in it): make the
                # titles and text of everything still waiting searchable now.
                with self.index_lock:
                    for article in pending.values():
                        self.index.add(article)
                waiting_text_indexed = True

    def _index(self, results: list[tuple[Article, Analysis]]) -> None:
        with self.index_lock:
            for article, analysis in results:
                self.index.add(article, analysis)

    def _next_batch(self, pending: dict[str, Article]) -> list[Article]:
        """The opened article alone if it is waiting (the user is looking at it, and
        ``nlp.pipe`` yields only when a whole batch is done), else the next in list order."""
        if self.current_id in pending:
            return [pending.pop(self.current_id)]
        batch = []
        while pending and len(batch) < ANALYSIS_BATCH:
            batch.append(pending.pop(next(iter(pending))))
        return batch

    def _analysis_failed(self, reason: str) -> None:
        self.set_status(f"{self._counts()} · analysis off: {reason}")
        self.notify(reason, title="spaCy model", severity="error", timeout=15, markup=False)

    def _articles_analysed(self, results: list[tuple[Article, Analysis]], progress: str) -> None:
        for article, analysis in results:
            self.analyses[article.id] = analysis
            counts = Counts(len(analysis.entities), len(analysis.quotes))
            if self.counts.get(article.id) != counts:  # cached counts are listed already
                self.counts[article.id] = counts
                self.article_list.update_row(self._row(article))
            if article.id == self.current_id:
                self._show_current(keep_position=True)
        self.set_status(f"{self._counts()} · {progress} · {self.analyzer.model_id}")

    def _counts(self) -> str:
        unreadable = f" · {len(self.load_errors)} unreadable" if self.load_errors else ""
        return f"{len(self.articles)} articles{unreadable}"

    def _row(self, article: Article) -> ArticleRow:
        counts = self.counts.get(article.id)
        detail = " · ".join(part for part in (article.site, article.author, article.date) if part)
        return ArticleRow(
            article_id=article.id,
            title=article.title,
            detail=detail,
            entities=None if counts is None else counts.entities,
            quotes=None if counts is None else counts.quotes,
            read=article.id in self.read_ids,
            bookmarked=article.id in self.bookmarked,
        )

    # -- showing an article ---------------------------------------------------

    def open_article(self, article_id: str) -> None:
        if article_id not in self.articles:
            return
        if article_id != self.current_id:
            self.current_id = article_id
            self._show_current(keep_position=False)
        if self.article_list.current_id != article_id:
            self.article_list.move_to(article_id)

    def _show_current(self, keep_position: bool) -> None:
        article = self.articles[self.current_id]
        analysis = self.analyses.get(article.id)
        self.reader.show(_document(article, analysis), keep_position=keep_position)
        self.sources_panel.show(None if analysis is None else _source_items(analysis.quotes))

    def on_article_list_highlighted(self, event: ArticleList.Highlighted) -> None:
        self.open_article(event.article_id)

    def on_article_list_selected(self, event: ArticleList.Selected) -> None:
        self.open_article(event.article_id)
        self.mark_read(event.article_id)
        self.reader.focus()

    # -- read marks, bookmarks, links --------------------------------------------

    def mark_read(self, article_id: str, read: bool = True) -> None:
        if (article_id in self.read_ids) == read or self.library is None:
            return
        self.library.mark_read(article_id, read)
        self.read_ids.symmetric_difference_update({article_id})
        self.article_list.update_row(self._row(self.articles[article_id]))

    def action_toggle_read(self) -> None:
        if self.current_id is not None:
            self.mark_read(self.current_id, self.current_id not in self.read_ids)

    def action_bookmark(self) -> None:
        article = self.articles.get(self.current_id or "")
        if article is None or self.library is None:
            return
        now = self.library.toggle_bookmark(article.id, article.title, article.url or article.path)
        self.bookmarked.symmetric_difference_update({article.id})
        self.article_list.update_row(self._row(article))
        self.notify("Bookmarked." if now else "Bookmark removed.", timeout=2)

    def filter_list(self, article_ids: set[str] | None, *, bookmarks: bool = False) -> None:
        """Filter the article list (by a search, or to bookmarks), or show it all."""
        self.bookmarks_only = bookmarks
        self.article_list.set_filter(article_ids)

    def action_bookmarks_only(self) -> None:
        """Show bookmarks only, or everything again (a search filter gives way to either)."""
        showing = not self.bookmarks_only
        self.filter_list(set(self.bookmarked) if showing else None, bookmarks=showing)
        if showing and not self.bookmarked:
            self.notify("No bookmarks yet: b bookmarks the article you are reading.", timeout=4)

    def action_open_url(self) -> None:
        article = self.articles.get(self.current_id or "")
        if article is None or not article.url:
            self.notify("This article has no web address.", severity="warning", timeout=3)
            return
        self.open_url(article.url)

    def action_copy_url(self) -> None:
        article = self.articles.get(self.current_id or "")
        link = None if article is None else (article.url or article.path)
        if not link:
            self.notify("This article has no web address.", severity="warning", timeout=3)
            return
        self.copy_to_clipboard(link)
        self.notify(f"Copied {link}", timeout=3, markup=False)

    def on_sources_panel_quote_chosen(self, event: SourcesPanel.QuoteChosen) -> None:
        analysis = self.analyses.get(self.current_id or "")
        if analysis is not None and 0 <= event.index < len(analysis.quotes):
            self.reader.mark(_quote_marks(analysis.quotes[event.index]))

    def on_sources_panel_source_chosen(self, event: SourcesPanel.SourceChosen) -> None:
        self.show_source_everywhere(event.name)

    def source_counts(self) -> Counter[str]:
        """How many quotes each named source has across every analysed article."""
        counts: Counter[str] = Counter()
        for analysis in self.analyses.values():
            counts.update(label for label in map(speaker_label, analysis.quotes) if label != UNATTRIBUTED)
        return counts

    def show_source_everywhere(self, name: str) -> None:
        """Every quote by this source in every analysed article, one list."""
        wanted = name.casefold()
        self._corpus_quotes = []
        rows: list[SourceQuote] = []
        for article_id, analysis in self.analyses.items():
            for index, quote in enumerate(analysis.quotes):
                if speaker_label(quote).casefold() == wanted:
                    rows.append(
                        SourceQuote(
                            len(self._corpus_quotes),
                            self.articles[article_id].title,
                            quote.text,
                            quote.kind,
                            quote.cue.text if quote.cue else "",
                        )
                    )
                    self._corpus_quotes.append((article_id, index))
        self.push_screen(SourceScreen(name, rows), self._corpus_quote_chosen)

    def _corpus_quote_chosen(self, key: int | None) -> None:
        if key is None:
            return
        article_id, index = self._corpus_quotes[key]
        self.open_article(article_id)
        self.mark_read(article_id)
        quote = self.analyses[article_id].quotes[index]
        self.reader.mark(_quote_marks(quote))
        self.sources_panel.select_quote(index)

    # -- actions -------------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen(KEY_GROUPS))

    def action_toggle_category(self, category: str) -> None:
        hidden = set(self.reader.hidden_categories)
        hidden ^= {category}
        self._set_hidden(frozenset(hidden))

    def action_toggle_all(self) -> None:
        every = frozenset(category for category, _, _ in CATEGORIES)
        self._set_hidden(frozenset() if self.reader.hidden_categories else every)

    def _set_hidden(self, hidden: frozenset[str]) -> None:
        self.reader.hidden_categories = hidden
        self.query_one(Legend).hidden = hidden

    def action_clear(self) -> None:
        """Escape on the main screen: close the search, drop the marks, the entity selection and the filter."""
        if self.search_panel.display:
            self.search_panel.action_close()
            return
        self.reader.select_entity(None)
        self.reader.mark((), scroll=False)
        self.filter_list(None)

    # -- search ----------------------------------------------------------------

    def action_search(self) -> None:
        self.search_panel.open()

    def on_search_panel_changed(self, event: SearchPanel.Changed) -> None:
        if not event.query.strip():
            self.filter_list(None)
            self.search_panel.show_results(event.query, [], "")
            return
        self.run_search(event.query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        worker = get_current_worker()
        with self.index_lock:
            hits = self.index.search(query, limit=50)
            matching = self.index.article_ids_matching(query)
            indexed = len(self.index)
        if not worker.is_cancelled:
            self.call_from_thread(self._show_hits, query, hits, matching, indexed)

    def _show_hits(self, query: str, hits: list[Hit], matching: set[str], indexed: int) -> None:
        if query != self.search_panel.input.value:
            return
        self._hits = hits
        analysed = len(self.analyses)
        scope = f"{indexed} articles indexed" + (f", {analysed} analysed" if analysed < indexed else "")
        status = f"{len(hits)} results in {len(matching)} articles · {scope}"
        rows = [ResultRow(key, hit.kind, hit.text, hit.title, hit.highlights) for key, hit in enumerate(hits)]
        self.search_panel.show_results(query, rows, status)
        self.filter_list(matching)

    def on_search_panel_chosen(self, event: SearchPanel.Chosen) -> None:
        hit = self._hits[event.key]
        self.search_panel.display = False
        self.open_article(hit.article_id)
        self.mark_read(hit.article_id)
        self.reader.focus()
        analysis = self.analyses.get(hit.article_id)
        if hit.kind == "quote" and analysis is not None:
            index = next((i for i, q in enumerate(analysis.quotes) if q.start == hit.start), None)
            if index is not None:
                self.reader.mark(_quote_marks(analysis.quotes[index]))
                self.sources_panel.select_quote(index)
                return
        if hit.kind == "title":
            self.reader.scroll_to(0, 0, animate=False)
            return
        self.reader.mark((FocusMark(hit.start, hit.end, "match"),))

    def on_search_panel_closed(self, event: SearchPanel.Closed) -> None:
        self.filter_list(None)
        self.article_list.focus()


def _progress(done: int, total: int, started: float, verb: str) -> str:
    """ "analysed 40/1000 · 6.1/s · ~157 s left", or "all 1000 analysed" when done."""
    if done >= total:
        return f"all {total} {verb}"
    elapsed = time.monotonic() - started
    rate = done / elapsed if elapsed > 0 else 0.0
    left = f" · ~{(total - done) / rate:.0f} s left" if rate else ""
    return f"{verb} {done}/{total} · {rate:.1f}/s{left}"


def _document(article: Article, analysis: Analysis | None) -> ReaderDocument:
    where = article.url or (Path(article.path).name if article.path else None)
    byline = " · ".join(part for part in (article.site, article.author, article.date, where) if part)
    if analysis is None:
        return ReaderDocument(article.title, byline, article.text)
    groups = group_mentions(analysis.entities)
    marks = tuple(
        EntityMark(entity.start, entity.end, entity.label, group) for entity, group in zip(analysis.entities, groups)
    )
    return ReaderDocument(article.title, byline, article.text, marks)


def _source_items(quotes: tuple[Quote, ...]) -> tuple[SourceItem, ...]:
    return tuple(
        SourceItem(
            name=source.name,
            kind=source.kind,
            descriptor=source.descriptor,
            quotes=tuple(_quote_item(index, quotes[index]) for index in source.quote_indices),
        )
        for source in group_sources(quotes)
    )


def _quote_item(index: int, quote: Quote) -> QuoteItem:
    return QuoteItem(
        index=index,
        text=quote.text,
        kind=quote.kind,
        speaker=speaker_label(quote),
        cue=quote.cue.text if quote.cue else "",
    )


def _quote_marks(quote: Quote) -> tuple[FocusMark, ...]:
    marks: Iterable[FocusMark] = (
        FocusMark(quote.start, quote.end, "quote"),
        *([FocusMark(quote.cue.start, quote.cue.end, "cue")] if quote.cue else []),
        *([FocusMark(quote.speaker.start, quote.speaker.end, "speaker")] if quote.speaker else []),
    )
    return tuple(marks)
