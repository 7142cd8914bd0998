"""The newsreader app: composes the panes and wires the core to the widgets.

The first frame is the status line and the article list: articles load in a worker started while the screen is
composed, and the reader, the side panel, search and the footer are imported and mounted once that frame is drawn.
spaCy, numpy and search run in other workers once the list is painted (``tui.workers``); ``tui.present`` makes
widget records of their data."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from core.corpus import Corpus
from core.nlp import Analyzer
from tui import present, workers
from tui.collector import TypingPause
from tui.keys import APP_BINDINGS, KEY_GROUPS
from tui.layout import LayoutKeys
from tui.library import LibraryKeys
from tui.main_screen import MainScreen
from tui.opening import Ahead, opening
from tui.people import PeopleViews
from widgets.article_list import ArticleList, ArticleRow, Matching
from widgets.categories import CATEGORIES
from widgets.words import counted

if TYPE_CHECKING:  # the loaders, the stores, the search engine and the later panes come after the first paint
    from collections.abc import Coroutine

    from textual.command import Provider
    from textual.message import Message

    from core.ingest.dispatch import LoadStep
    from core.model import Analysis, AnalysisFailure, Article, Counts
    from core.search.index import Hit
    from core.store import cache, library
    from widgets.legend import Legend
    from widgets.reader import ReaderView
    from widgets.search_panel import SearchPanel
    from widgets.sources_panel import SourcesPanel


PANES_AT_THE_LATEST = 0.5  # seconds after the first frame, articles or not (inputs read over the network)
# Local files give their first titles within milliseconds: the screen waits that long for them, at most, rather
# than drawing an empty list and at once every widget again with the titles (under load, several such frames).
FIRST_TITLES_WAIT = 0.1
# What the article list says when a filter leaves it empty.
# Short lines: the list is 28 columns wide by default.
NO_BOOKMARKS = ("No bookmarks yet.", "b: bookmark this article", "B: every article again")
NO_MATCH = ("No article matches.", "esc: every article again")


def _commands() -> type[Provider]:
    """The palette's entries, imported when it first opens (Textual calls this then)."""
    from tui.commands import NewsReaderCommands

    return NewsReaderCommands


USER_ACTS = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)


class NewsReader(PeopleViews, LayoutKeys, LibraryKeys, App[None]):
    """Article list, reader with entities, quotes and sources, and search over all of it."""

    CSS_PATH = "newsreader.tcss"
    TITLE = "newsreader"
    COMMANDS = App.COMMANDS | {_commands}

    BINDINGS = APP_BINDINGS

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
        jobs: int = 1,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.analyzer = analyzer or Analyzer(model)
        self.cache_dir = cache_dir
        self.use_cache = use_cache
        self.data_dir = data_dir
        self.full_pages, self.jobs = full_pages, max(1, jobs)  # processes extracting pages and analysing
        self.cache: cache.AnalysisCache | None = None
        self.library: library.Library | None = None
        self.corpus = Corpus()
        self.read_ids: set[str] = set()
        self.bookmarked: set[str] = set()
        self.current_id: str | None = None
        self.ahead = Ahead()  # the article the next key in the list opens, opened ahead
        self.bookmarks_only = False
        self._hits: list[Hit] = []
        self._corpus_quotes: list[tuple[str, int]] = []
        self._people_state()
        self.mailbox = workers.Mailbox()  # the load worker's posts, held until the widgets exist
        self.loaded = threading.Event()  # the first article is on screen
        self.listed = threading.Event()  # every input read and in the list
        self.analysed_all = threading.Event()  # analysis finished, failed or had nothing to do
        self.panes_mounted = False  # the reader, the side panel, search and the footer
        self.quitting = False
        self._status = ""  # the status line, under any note about the selection
        self._shown_status: str | None = None  # what the status line shows now, note or status
        self._progress: present.Progress | None = None  # the work the status line counts down, while it runs
        self._panes_scheduled = False
        self.typing = TypingPause(self)  # no garbage collection lands on a keystroke

    def compose(self) -> ComposeResult:
        yield Static(Text("newsreader · loading articles…"), id="status")
        yield ArticleList(self._row_of, id="articles")  # the panes come after the first frame: see _mount_panes

    def get_default_screen(self) -> Screen:
        """The main screen lays its panes out side by side itself (``#main`` in newsreader.tcss): a container
        for them would be one more widget to lay out and draw in full on every frame of the first launch.
        It opens the article the list's cursor lands on (``tui.main_screen``)."""
        return MainScreen(id="main")

    async def _mount_panes(self) -> None:
        """The reader, the side panel, search and the footer, imported and mounted once the list is on screen."""
        from widgets.keys_footer import KeysFooter
        from widgets.legend import Legend
        from widgets.reader import ReaderView
        from widgets.search_panel import SearchPanel
        from widgets.sources_panel import SourcesPanel

        # Each step may find the app closing: a q typed as it starts takes the screen down meanwhile.
        if self._closing_down():
            return
        reading = Vertical(ReaderView(id="reader"), Legend(id="legend"), id="reading")
        panes = Horizontal(reading, SourcesPanel(id="sources"), id="panes")
        await self.screen_stack[0].mount(Vertical(panes, SearchPanel(id="search"), id="right"), after="#articles")
        self.panes_mounted = True
        await self.mount(KeysFooter())
        if self._closing_down():
            return
        self.refresh_bindings()  # every key works now: the footer lists them
        self._show_first()

    def _closing_down(self) -> bool:
        return self.quitting or self.return_code is not None

    def _post_message(self, message: Message) -> Coroutine[Any, Any, bool]:  # type: ignore[override]
        """Textual's driver calls this on its input thread as soon as it has read a key or a click,
        and runs the coroutine it returns on the app's loop. The background steps aside from here:
        held only once the event was handled (``on_event``), it ran on while the event waited for two
        or three turns of the loop, each a chance to keep the interpreter for Python's switch interval."""
        if isinstance(message, USER_ACTS):
            self.corpus.foreground.hold()
        return super()._post_message(message)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, USER_ACTS):  # the background steps aside until the screen has answered
            self.corpus.foreground.hold()
        if isinstance(event, events.Key) and event.key == "slash" and self._opens_search():
            # Here, not as a binding: a binding is found only once the key has gone to the list and
            # come back, after the letters typed right after "/", which belong to the search.
            self.action_search()
            return
        await super().on_event(event)

    def _opens_search(self) -> bool:
        """ "/" on the main screen, outside a text box (in one, it is a character)."""
        main = self.panes_mounted and not self.quitting and self.screen is self.screen_stack[0]
        return main and not isinstance(self.focused, Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Until the panes are mounted (a fraction of a second), only quitting; once quitting, nothing:
        a screen opened while the app closes would find its widgets gone."""
        if self.quitting:
            return False
        return self.panes_mounted or action == "quit"

    def on_unmount(self) -> None:
        self.typing.resume()  # a pause's timer dies with the app

    async def action_quit(self) -> None:
        self.quitting = True
        self.exit()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> ReaderView:
        return cast("ReaderView", self.query_one("#reader"))

    @property
    def sources_panel(self) -> SourcesPanel:
        return cast("SourcesPanel", self.query_one("#sources"))

    @property
    def search_panel(self) -> SearchPanel:
        return cast("SearchPanel", self.query_one("#search"))

    def set_status(self, message: str) -> None:
        self._progress = None
        self._status = message
        self._show_status(message)

    def show_progress(self, progress: present.Progress) -> None:
        """The status with the work under way, redrawn each second (``_tick_progress``) while it runs."""
        self.set_status(f"{present.corpus_summary(self.corpus)} · {progress} · {self.analyzer.model_id}")
        self._progress = None if progress.finished else progress

    def _tick_progress(self) -> None:
        """The time left counts down between results: one long article takes minutes."""
        if self._progress is not None:
            self.show_progress(self._progress)

    def note_status(self, note: str | None) -> None:
        """A word about what is selected, in the status line until the selection is cleared (None)."""
        self._show_status(self._status if note is None else note)

    def _show_status(self, message: str) -> None:
        # The tick rewrites the line each second: the same words are not repainted.
        if message == self._shown_status:
            return
        self._shown_status = message
        # One line of a fixed height: no layout of the screen (which would repaint every pane) per update.
        self.query_one("#status", Static).update(Text(message), layout=False)

    # -- loading and analysis (the work itself is in tui.workers) ----------------

    async def on_load(self) -> None:
        self.load_articles()
        await self.mailbox.first_post(FIRST_TITLES_WAIT)

    def on_mount(self) -> None:
        self.article_list.focus()
        self.mailbox.open()  # articles read by now are in the first frame
        self.set_timer(PANES_AT_THE_LATEST, self._schedule_panes)  # inputs that are slow to read (the network)
        self.set_interval(1.0, self._tick_progress)

    def _schedule_panes(self) -> None:
        """The panes once the first articles are painted: mounting them first would hold the list back."""
        if not self._panes_scheduled:
            self._panes_scheduled = True
            self.call_after_refresh(self._mount_panes)

    @work(thread=True, group="load", exit_on_error=False)
    def load_articles(self) -> None:
        workers.load_inputs(self)

    def articles_arrived(self, step: LoadStep, counts: dict[str, Counts], analyses: dict[str, Analysis]) -> None:
        self.corpus.counts.update(counts)
        self.ahead.forget(analyses)
        self.corpus.keep(analyses)
        self.corpus.add(step)
        for old_id, article in step.replaced.items():
            self.article_list.replace_article(old_id, article.id)
        self.article_list.add_articles([article.id for article in step.articles])
        self._schedule_panes()
        self._show_first()
        self.set_status(f"{present.corpus_summary(self.corpus)} · reading…")

    def counts_arrived(self, counts: dict[str, Counts], analyses: dict[str, Analysis]) -> None:
        """The cached counts (and first analysis) of articles listed while the cache was being opened."""
        self.corpus.counts.update(counts)
        self.ahead.forget(analyses)
        self.corpus.keep(analyses)
        for article_id in counts:
            self.article_list.refresh_row(article_id)
        if self.current_id in analyses:
            self._show_current(keep_position=True)

    def _show_first(self) -> None:
        """Once the panes are mounted: the first article opened, or, if every input failed, a word saying so."""
        if not self.panes_mounted or self.loaded.is_set():
            return
        if self.corpus.articles:  # where the cursor is, if the user moved it before the panes came
            self.open_article(self.article_list.current_id or next(iter(self.corpus.articles)))
        elif self.listed.is_set():
            from widgets.marks import ReaderDocument

            self.reader.show(ReaderDocument(title="No articles", byline="", text="None of the inputs could be read."))
        else:
            return
        self.loaded.set()

    def loading_done(self) -> None:
        self.listed.set()
        self._schedule_panes()
        for store in (self.cache, self.library):
            if store is not None and store.notice:
                self.notify(store.notice, title="Storage", severity="warning", timeout=10, markup=False)
        if not self.corpus.articles:
            self.set_status("newsreader · nothing to show: no readable articles")
            self._show_first()
            self.analysed_all.set()
            return
        self.set_status(f"{present.corpus_summary(self.corpus)} · starting analysis…")
        self.call_after_refresh(self.analyse_articles)  # its imports would hold the GIL while the list paints

    @work(thread=True, group="analysis", exit_on_error=False)
    def analyse_articles(self) -> None:
        workers.analyse(self, get_current_worker())

    def analysis_failed(self, reason: str) -> None:
        self.corpus.stopped = reason
        self.ahead.forget()
        self.set_status(f"{present.corpus_summary(self.corpus)} · analysis off: {reason}")
        self.notify(reason, title="Analysis", severity="error", timeout=15, markup=False)
        if self.current_id is not None:
            self._show_current(keep_position=True)

    def articles_analysed(
        self, results: list[tuple[Article, Analysis | AnalysisFailure]], progress: present.Progress
    ) -> None:
        self.ahead.forget(article.id for article, _ in results)
        for article, analysis in results:
            if self.corpus.set_analysis(article, analysis):  # cached counts are listed already
                self.article_list.refresh_row(article.id)
            if article.id == self.current_id:
                self._show_current(keep_position=True)
        self.show_progress(progress)
        self.people_analysed()
        self._search_again_if_nothing_found()

    def _search_again_if_nothing_found(self) -> None:
        """A search typed before the articles it would find were indexed ("0 results ·
        0 articles indexed") runs again as they come. Results already shown stay put:
        the user may be moving through them."""
        if not self.panes_mounted or self._hits or not self.search_panel.display:
            return
        query = self.search_panel.input.value
        if query.strip():
            self.run_search(query)

    def _row_of(self, article_id: str) -> ArticleRow:
        """The list's row of an article, as it is now (the list asks when it draws the row)."""
        article = self.corpus.articles[article_id]
        read, bookmarked, counts = article_id in self.read_ids, article_id in self.bookmarked, self.corpus.counts
        failure = self.corpus.failures.get(article.id)
        return present.article_row(article, counts.get(article.id), read=read, bookmarked=bookmarked, failure=failure)

    # -- showing an article and its quotes ------------------------------------

    def open_article(self, article_id: str) -> None:
        if article_id not in self.corpus.articles or not self.panes_mounted:
            return
        if article_id != self.current_id:
            self.current_id = article_id
            self._show_current(keep_position=False)
        if self.article_list.current_id != article_id:
            self.article_list.move_to(article_id)

    def _show_current(self, keep_position: bool) -> None:
        article = self.corpus.articles[self.current_id]
        shown = self.ahead.take(article) or opening(self.corpus, article, self.cache, self.analyzer.model_id)
        self.reader.show(shown.document, keep_position=keep_position)
        self.sources_panel.show(shown.sources, shown.note)

    def open_ahead(self, article_id: str) -> None:
        """Once the frame being made is drawn, open this article ahead (the next key likely opens it)."""
        self.call_after_refresh(self._open_ahead, article_id)

    def _open_ahead(self, article_id: str) -> None:
        article = self.corpus.articles.get(article_id)
        if article is None or article_id == self.current_id or self.ahead.has(article) or not self.panes_mounted:
            return
        prepared = opening(self.corpus, article, self.cache, self.analyzer.model_id)
        self.ahead.put(prepared)
        self.reader.prepare(prepared.document)
        self.sources_panel.prepare(prepared.sources, prepared.note)

    def on_article_list_selected(self, event: ArticleList.Selected) -> None:
        self._read(event.article_id)

    def _read(self, article_id: str, quote_index: int | None = None) -> None:
        """Open an article for reading (marked read, the reader focused), at a quote if given."""
        if not self.panes_mounted:  # enter in the list before the reader is there
            return
        self.open_article(article_id)
        self.mark_read(article_id)
        self.reader.focus()
        analysis = self.corpus.analyses.get(article_id)
        if quote_index is not None and analysis is not None:
            self.reader.mark(present.quote_marks(analysis.quotes[quote_index]))
            self.sources_panel.select_quote(quote_index)

    def on_sources_panel_quote_chosen(self, event: SourcesPanel.QuoteChosen) -> None:
        analysis = self.corpus.analyses.get(self.current_id or "")
        if analysis is not None and 0 <= event.index < len(analysis.quotes):
            self.reader.mark(present.quote_marks(analysis.quotes[event.index]))

    def on_sources_panel_source_chosen(self, event: SourcesPanel.SourceChosen) -> None:
        self.show_source(event.name)

    def show_source_everywhere(self, name: str) -> None:
        """Every quote by this source in every analysed article, one list (their analyses read in one go)."""
        places = self.corpus.quotes_by(name)
        analyses, articles = self.corpus.analyses.many(article_id for article_id, _ in places), self.corpus.articles
        self._corpus_quotes = [(article_id, index) for article_id, index in places if article_id in analyses]
        rows = [
            present.source_quote(key, articles[article_id], analyses[article_id].quotes[index])
            for key, (article_id, index) in enumerate(self._corpus_quotes)
        ]
        from widgets.source_screen import SourceScreen

        self.push_screen(SourceScreen(name, rows), self._corpus_quote_chosen)

    def _corpus_quote_chosen(self, key: int | None) -> None:
        if key is not None:
            self._read(*self._corpus_quotes[key])

    def filter_list(self, article_ids: set[str] | Matching | None, *, bookmarks: bool = False) -> None:
        """Filter the article list (by a search, or to bookmarks), or show it all."""
        self.bookmarks_only = bookmarks
        self.article_list.set_filter(article_ids, NO_BOOKMARKS if bookmarks else NO_MATCH)

    # -- highlights, help, escape ---------------------------------------------

    def action_help(self) -> None:
        from widgets.help_screen import HelpScreen

        self.push_screen(HelpScreen(KEY_GROUPS))

    def action_unreadable(self) -> None:
        from widgets.unreadable_screen import UnreadableScreen

        self.push_screen(UnreadableScreen(present.unreadable(self.corpus.errors)))

    def action_toggle_category(self, category: str) -> None:
        self._set_hidden(self.reader.hidden_categories ^ {category})

    def action_toggle_all(self) -> None:
        every = frozenset(category for category, _, _ in CATEGORIES)
        self._set_hidden(frozenset() if self.reader.hidden_categories else every)

    def _set_hidden(self, hidden: frozenset[str]) -> None:
        self.reader.hidden_categories = hidden
        cast("Legend", self.query_one("#legend")).hidden = hidden

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
        self.typing.keystroke()
        if not event.query.strip():
            self.filter_list(None)
            self.search_panel.show_results(event.query, [], "")
            return
        self.run_search(event.query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        with self.corpus.foreground.held():  # loading waits while the user waits for this
            found = self.corpus.search(query)
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._show_hits, query, *found)

    def _show_hits(self, query: str, hits: list[Hit], matching: Matching, indexed: int) -> None:
        if query != self.search_panel.input.value:
            return
        self._hits, rows, analysed = hits, self.identity_rows(query, hits), len(self.corpus.analyses)
        scope = f"{counted(indexed, 'article')} indexed" + (f", {analysed:,} analysed" if analysed < indexed else "")
        status = f"{counted(len(rows), 'result')} in {counted(len(matching), 'article')} · {scope}"
        self.search_panel.show_results(query, rows, status)
        self.filter_list(matching)

    def on_search_panel_chosen(self, event: SearchPanel.Chosen) -> None:
        if event.key < 0:
            return self.open_found_identity(event.key)
        hit = self._hits[event.key]
        self.search_panel.display = False
        analysis = self.corpus.analyses.get(hit.article_id)
        quotes = analysis.quotes if analysis is not None and hit.kind == "quote" else ()
        index = next((i for i, quote in enumerate(quotes) if quote.start == hit.start), None)
        self._read(hit.article_id, index)
        if hit.kind == "title":
            self.reader.scroll_to(0, 0, animate=False)
        elif index is None:
            from widgets.marks import FocusMark

            self.reader.mark((FocusMark(hit.start, hit.end, "match"),))

    def on_search_panel_closed(self, event: SearchPanel.Closed) -> None:
        self.filter_list(None)
        self.article_list.focus()
