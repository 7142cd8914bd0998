"""The newsreader app: wires the core (loading, NLP, search) to the widgets.

The first paint needs nothing slow: articles load in a thread worker, spaCy
is imported and run in another, and searches run in a third, each posting
plain data back to the widgets.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from core.entity_groups import group_mentions
from core.loading import load
from core.model import Analysis, Article, LoadError, Quote
from core.nlp import Analyzer, ModelError
from core.search import Hit, SearchIndex
from core.sources import group_sources, speaker_label
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
        *(
            Binding(str(number), f"toggle_category('{category}')", f"Toggle {name}", show=False)
            for number, (category, name, _) in enumerate(CATEGORIES, 1)
        ),
        Binding("0", "toggle_all", "All highlights", show=False),
    ]

    def __init__(self, paths: list[str], model: str | None = None, analyzer: Analyzer | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.analyzer = analyzer or Analyzer(model)
        self.articles: dict[str, Article] = {}
        self.analyses: dict[str, Analysis] = {}
        self.load_errors: list[LoadError] = []
        self.current_id: str | None = None
        self.index = SearchIndex()
        self.index_lock = threading.Lock()
        self._fully_indexed: set[str] = set()
        self._hits: list[Hit] = []
        self._corpus_quotes: list[tuple[str, int]] = []
        self.model_label = ""
        self.loaded = threading.Event()

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
        result = load(self.paths)
        self.call_from_thread(self._articles_loaded, result.articles, result.errors)

    def _articles_loaded(self, articles: list[Article], errors: list[LoadError]) -> None:
        self.articles = {article.id: article for article in articles}
        self.load_errors = errors
        for error in errors:
            self.notify(str(error), title="Could not open", severity="error", timeout=10, markup=False)
        self.article_list.set_rows([self._row(article) for article in articles])
        if not articles:
            self.set_status("newsreader · nothing to show: no readable articles")
            self.reader.show(ReaderDocument(title="No articles", byline="", text="None of the inputs could be read."))
            self.loaded.set()
            return
        self.open_article(articles[0].id)
        self.loaded.set()
        self.index_articles()
        self.analyse_articles()

    @work(thread=True, group="index", exit_on_error=False)
    def index_articles(self) -> None:
        """Titles and text are searchable before the slower analysis reaches them."""
        worker = get_current_worker()
        for article in list(self.articles.values()):
            if worker.is_cancelled:
                return
            with self.index_lock:
                if article.id not in self._fully_indexed:
                    self.index.add(article)

    @work(thread=True, group="analysis", exit_on_error=False)
    def analyse_articles(self) -> None:
        worker = get_current_worker()
        articles = list(self.articles.values())
        analyzer = self.analyzer
        self.call_from_thread(self.set_status, f"loading the spaCy model {analyzer.model_name}…")
        try:
            analyzer.nlp
        except ModelError as exc:
            self.call_from_thread(self._analysis_failed, str(exc))
            return
        self.model_label = analyzer.model_id
        done, total, started = 0, len(articles), time.monotonic()
        pending = {article.id: article for article in articles}
        while pending and not worker.is_cancelled:
            batch = self._next_batch(pending)
            for article, analysis in analyzer.analyze_many(batch, batch_size=ANALYSIS_BATCH):
                with self.index_lock:
                    self.index.add(article, analysis)
                    self._fully_indexed.add(article.id)
                done += 1
                self.call_from_thread(self._article_analysed, article.id, analysis, _progress(done, total, started))

    def _next_batch(self, pending: dict[str, Article]) -> list[Article]:
        """The opened article first (the user is waiting for it), then in list order."""
        first = pending.pop(self.current_id, None) if self.current_id else None
        batch = [first] if first else []
        while pending and len(batch) < ANALYSIS_BATCH:
            batch.append(pending.pop(next(iter(pending))))
        return batch

    def _analysis_failed(self, reason: str) -> None:
        self.set_status(f"newsreader · analysis off: {reason}")
        self.notify(reason, title="spaCy model", severity="error", timeout=15, markup=False)

    def _article_analysed(self, article_id: str, analysis: Analysis, progress: str) -> None:
        self.analyses[article_id] = analysis
        self.article_list.update_row(self._row(self.articles[article_id]))
        self.set_status(f"{len(self.articles)} articles · {progress} · {self.model_label}")
        if article_id == self.current_id:
            self._show_current(keep_position=True)

    def _row(self, article: Article) -> ArticleRow:
        analysis = self.analyses.get(article.id)
        detail = " · ".join(part for part in (article.site, article.date) if part)
        return ArticleRow(
            article_id=article.id,
            title=article.title,
            detail=detail,
            entities=None if analysis is None else len(analysis.entities),
            quotes=None if analysis is None else len(analysis.quotes),
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
        self.reader.focus()

    def on_sources_panel_quote_chosen(self, event: SourcesPanel.QuoteChosen) -> None:
        analysis = self.analyses.get(self.current_id or "")
        if analysis is not None and 0 <= event.index < len(analysis.quotes):
            self.reader.mark(_quote_marks(analysis.quotes[event.index]))

    def on_sources_panel_source_chosen(self, event: SourcesPanel.SourceChosen) -> None:
        self.show_source_everywhere(event.name)

    def show_source_everywhere(self, name: str) -> None:
        """Every quote by this source in every analysed article, one list."""
        wanted = name.casefold()
        self._corpus_quotes = []
        rows: list[SourceQuote] = []
        for article_id, analysis in self.analyses.items():
            for index, quote in enumerate(analysis.quotes):
                if speaker_label(quote).casefold() == wanted:
                    rows.append(SourceQuote(len(self._corpus_quotes), self.articles[article_id].title, quote.text, quote.kind, quote.cue.text if quote.cue else ""))
                    self._corpus_quotes.append((article_id, index))
        self.push_screen(SourceScreen(name, rows), self._corpus_quote_chosen)

    def _corpus_quote_chosen(self, key: int | None) -> None:
        if key is None:
            return
        article_id, index = self._corpus_quotes[key]
        self.open_article(article_id)
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
        """Escape on the main screen: drop the marks, the entity selection and the search filter."""
        self.reader.select_entity(None)
        self.reader.mark((), scroll=False)
        self.article_list.set_filter(None)

    # -- search ----------------------------------------------------------------

    def action_search(self) -> None:
        self.search_panel.open()

    def on_search_panel_changed(self, event: SearchPanel.Changed) -> None:
        if not event.query.strip():
            self.article_list.set_filter(None)
            self.search_panel.show_results(event.query, [], "")
            return
        self.run_search(event.query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        worker = get_current_worker()
        started = time.perf_counter()
        with self.index_lock:
            hits = self.index.search(query, limit=50)
            matching = self.index.article_ids_matching(query)
            indexed = len(self.index)
        elapsed = (time.perf_counter() - started) * 1000
        if not worker.is_cancelled:
            self.call_from_thread(self._show_hits, query, hits, matching, indexed, elapsed)

    def _show_hits(self, query: str, hits: list[Hit], matching: set[str], indexed: int, elapsed: float) -> None:
        if query != self.search_panel.input.value:
            return
        self._hits = hits
        analysed = len(self.analyses)
        scope = f"{indexed} articles indexed" + (f", {analysed} analysed" if analysed < indexed else "")
        status = f"{len(hits)} results in {len(matching)} articles · {scope} · {elapsed:.0f} ms"
        rows = [ResultRow(key, hit.kind, hit.text, hit.title, hit.highlights) for key, hit in enumerate(hits)]
        self.search_panel.show_results(query, rows, status)
        self.article_list.set_filter(matching)

    def on_search_panel_chosen(self, event: SearchPanel.Chosen) -> None:
        hit = self._hits[event.key]
        self.search_panel.display = False
        self.open_article(hit.article_id)
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
        self.article_list.set_filter(None)
        self.article_list.focus()


def _progress(done: int, total: int, started: float) -> str:
    if done >= total:
        return f"all {total} analysed"
    elapsed = time.monotonic() - started
    rate = done / elapsed if elapsed > 0 else 0.0
    left = (total - done) / rate if rate else 0.0
    return f"analysing {done}/{total} · {rate:.1f}/s · ~{left:.0f} s left"


def _document(article: Article, analysis: Analysis | None) -> ReaderDocument:
    byline = " · ".join(part for part in (article.site, article.author, article.date, article.url or article.path) if part)
    if analysis is None:
        return ReaderDocument(article.title, byline, article.text)
    groups = group_mentions(analysis.entities)
    marks = tuple(
        EntityMark(entity.start, entity.end, entity.label, group)
        for entity, group in zip(analysis.entities, groups)
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
