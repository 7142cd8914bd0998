"""The article list: a line-API view, so ten thousand rows cost what one screen does.

Textual's ListView mounts a widget per row and OptionList measures every row
up front; this view only renders the rows on screen, two lines per article.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Container
from dataclasses import dataclass
from itertools import compress
from typing import Protocol

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.strip import Strip

from widgets.line_view import LineView
from widgets.scrolling import resize_content
from widgets.words import counted

ROW_HEIGHT = 2


@dataclass(slots=True)
class ArticleRow:
    """What the list shows of one article. A row is replaced, never changed; it is not
    frozen because a frozen dataclass sets each field through ``object.__setattr__``:
    four times as long, and a screenful of rows is made at each page scrolled."""

    article_id: str
    title: str
    detail: str = ""  # site, date...
    entities: int | None = None  # None until analysed
    quotes: int | None = None
    read: bool = False
    bookmarked: bool = False
    failure: str = ""  # why the article could not be analysed

    @property
    def counts(self) -> str:
        if self.failure:
            return f"analysis failed: {self.failure}"
        if self.entities is None or self.quotes is None:
            return "…"
        return f"{counted(self.entities, 'entity', 'entities')} · {counted(self.quotes, 'quote')}"


class Matching(Container[str], Protocol):
    """Articles to show that say at once which of many rows they keep (a search's
    matches at 100,000 articles: each row tested in Python took milliseconds)."""

    def rows(self, article_ids: list[str]) -> bytes:
        """A byte per one of ``article_ids`` (a list that only grows): 1 to show it."""
        ...


class ArticleList(LineView, can_focus=True):
    """Posts ``Highlighted`` as the user moves the cursor and ``Selected`` on enter or click.

    The list holds its articles' ids; each one's row is made by ``rows`` when it is first
    drawn or asked for, and made again after ``refresh_row``. Ten thousand rows made as
    their articles arrived were a tenth of the UI thread's work while they were listed."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False),
        Binding("k,up", "cursor_up", "Up", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("pagedown,ctrl+f", "page_down", "Page down", show=False),
        Binding("pageup,ctrl+b", "page_up", "Page up", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    COMPONENT_CLASSES = {
        "article-list--title",
        "article-list--detail",
        "article-list--cursor",
        "article-list--unread",
        "article-list--bookmark",
    }

    cursor = var(0, init=False)  # not repainting: ``watch_cursor`` draws only the rows that change

    class Highlighted(Message):
        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    class Selected(Message):
        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, rows: Callable[[str], ArticleRow], *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._make_row = rows
        self._rows: list[ArticleRow | None] = []  # None: not made since the article came or changed
        self._index: dict[str, int] = {}  # article id -> position in _rows
        # The id of each row: appended to, never changed (a replaced row makes a new list: see ``Matching``).
        self._ids: list[str] = []
        self._shown: list[int] = []  # positions of the rows that pass the filter
        self._filter: set[str] | Matching | None = None
        self._when_empty: tuple[str, ...] = ()  # lines said in place of rows when the filter leaves none
        self._cache: LRUCache[tuple[int, bool], list[Strip]] = LRUCache(512)

    # -- data -------------------------------------------------------------

    def add_articles(self, article_ids: list[str]) -> None:
        """Append articles (still arriving) without moving the cursor."""
        start = len(self._ids)
        self._index.update(zip(article_ids, range(start, start + len(article_ids))))
        self._ids += article_ids
        self._rows += [None] * len(article_ids)
        allowed = self._filter
        first_new = len(self._shown)
        if allowed is None:
            self._shown += range(start, len(self._ids))
        else:
            self._shown += [start + n for n, article_id in enumerate(article_ids) if article_id in allowed]
        resize_content(self, Size(self.scrollable_content_region.width, len(self._shown) * ROW_HEIGHT))
        if first_new * ROW_HEIGHT < self.scroll_offset.y + self.scrollable_content_region.height:
            self.refresh()  # rows below the window are drawn when scrolled to

    def replace_article(self, old_id: str, article_id: str) -> None:
        """Put a new article in an old one's place (a longer version of the same story)."""
        position = self._index.pop(old_id, None)
        if position is None:
            return
        self._rows[position] = None
        self._index[article_id] = position
        self._ids = [*self._ids]
        self._ids[position] = article_id
        self._cache.clear()
        self.refresh()

    def refresh_row(self, article_id: str) -> None:
        """The article's row made again (counts arrived, read state changed), and drawn again if shown."""
        position = self._index.get(article_id)
        if position is None:
            return
        self._rows[position] = None
        shown = bisect_left(self._shown, position)  # the shown positions are in order
        if shown < len(self._shown) and self._shown[shown] == position:
            self._refresh_row(shown)

    def row(self, article_id: str) -> ArticleRow | None:
        position = self._index.get(article_id)
        return None if position is None else self._row_at(position)

    def _row_at(self, position: int) -> ArticleRow:
        row = self._rows[position]
        if row is None:
            row = self._rows[position] = self._make_row(self._ids[position])
        return row

    def set_filter(self, article_ids: set[str] | Matching | None, when_empty: tuple[str, ...] = ()) -> None:
        """Show only these articles (``None``: all), keeping the cursor on the same one if it stays.
        ``when_empty`` says why the list is empty, if the filter leaves no row: an empty pane says nothing."""
        self._filter = article_ids
        self._when_empty = when_empty
        self._apply_filter(keep=self.current_id)

    def _apply_filter(self, keep: str | None) -> None:
        allowed, everyone = self._filter, range(len(self._rows))
        if allowed is None:
            self._shown = list(everyone)
        else:
            kept = allowed.rows(self._ids) if hasattr(allowed, "rows") else bytes(map(allowed.__contains__, self._ids))
            self._shown = list(compress(everyone, kept))
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._shown) * ROW_HEIGHT)
        self._cache.clear()
        position = self._index.get(keep, -1) if keep is not None else -1
        shown = bisect_left(self._shown, position)  # the shown positions are in order
        self.cursor = shown if shown < len(self._shown) and self._shown[shown] == position else 0
        self.refresh()

    @property
    def shown_ids(self) -> list[str]:
        ids = self._ids
        return [ids[p] for p in self._shown]

    def shown_id(self, index: int) -> str | None:
        """The article of the ``index``-th row shown, if there is one."""
        return self._ids[self._shown[index]] if 0 <= index < len(self._shown) else None

    @property
    def current_id(self) -> str | None:
        if not self._shown or not 0 <= self.cursor < len(self._shown):
            return None
        return self._ids[self._shown[self.cursor]]

    def move_to(self, article_id: str) -> None:
        """Put the cursor on an article (clearing a filter that hides it)."""
        if self._filter is not None and article_id not in self._filter:
            self.set_filter(None)
        for n, position in enumerate(self._shown):
            if self._ids[position] == article_id:
                self.cursor = n
                return

    # -- cursor -----------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._shown) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        # Rows are cached with their cursor state: only the row left and the row reached are drawn again.
        self.refresh_lines(old * ROW_HEIGHT, ROW_HEIGHT)
        self.refresh_lines(new * ROW_HEIGHT, ROW_HEIGHT)
        self.scroll_to_region_row(new)

    def _refresh_row(self, index: int) -> None:
        """Draw the ``index``-th shown row again, and only it."""
        self._cache.discard((index, False))
        self._cache.discard((index, True))
        self.refresh_lines(index * ROW_HEIGHT, ROW_HEIGHT)

    def _step(self, index: int) -> None:
        """Move the cursor for the user, announcing the article it lands on.

        Moves the app makes (``move_to``, a filter) post nothing: the app
        already knows, and a late echo could undo what it just did.
        """
        before = self.current_id
        self.cursor = index
        if (article_id := self.current_id) is not None and article_id != before:
            self.post_message(self.Highlighted(article_id))

    def scroll_to_region_row(self, index: int) -> None:
        top = index * ROW_HEIGHT
        height = self.scrollable_content_region.height
        if top < self.scroll_offset.y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + ROW_HEIGHT > self.scroll_offset.y + height:
            self.scroll_to(y=top + ROW_HEIGHT - height, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        self._step(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self._step(self.cursor - 1)

    def action_first(self) -> None:
        self._step(0)

    def action_last(self) -> None:
        self._step(len(self._shown) - 1)

    def action_page_down(self) -> None:
        self._step(self.cursor + max(1, self.scrollable_content_region.height // ROW_HEIGHT))

    def action_page_up(self) -> None:
        self._step(self.cursor - max(1, self.scrollable_content_region.height // ROW_HEIGHT))

    def action_select(self) -> None:
        if (article_id := self.current_id) is not None:
            self.post_message(self.Selected(article_id))

    def on_click(self, event: Click) -> None:
        if self.pressed_bar():
            return
        index = (event.y + self.scroll_offset.y) // ROW_HEIGHT
        if 0 <= index < len(self._shown):
            self._step(index)
            self.action_select()

    # -- rendering ----------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def on_resize(self) -> None:
        resize_content(self, Size(self.scrollable_content_region.width, len(self._shown) * ROW_HEIGHT))
        self._cache.clear()

    def render_line(self, y: int) -> Strip:
        width = self.line_width
        absolute = self.scroll_offset.y + y
        index, line = divmod(absolute, ROW_HEIGHT)
        if index >= len(self._shown):
            if not self._shown and self._filter is not None and absolute < len(self._when_empty):
                said = Strip([Segment("  " + self._when_empty[absolute], self.component_style("article-list--detail"))])
                return _fit(said, width, self.base_style)
            return Strip.blank(width, self.base_style)
        key = (index, index == self.cursor)
        strips = self._cache.get(key)
        if strips is None:
            strips = self._render_row(self._row_at(self._shown[index]), width, index == self.cursor)
            self._cache[key] = strips
        return strips[line]

    def _render_row(self, row: ArticleRow, width: int, is_cursor: bool) -> list[Strip]:
        base = self.base_style
        if is_cursor:
            base = base + self.component_style("article-list--cursor")
        marker_class = "article-list--bookmark" if row.bookmarked else "article-list--unread"
        marker_style = base + self.component_style(marker_class)
        marker = "★" if row.bookmarked else ("•" if not row.read else " ")
        title_style = base + self.component_style("article-list--title")
        if not row.read:
            title_style += Style(bold=True)
        detail_style = base + self.component_style("article-list--detail")
        detail = f"{row.counts}  {row.detail}".rstrip()
        title_line = Strip([Segment(marker, marker_style), Segment(" ", base), Segment(row.title, title_style)])
        detail_line = Strip([Segment("  ", base), Segment(detail, detail_style)])
        return [
            _fit(title_line, width, base),
            _fit(detail_line, width, base),
        ]


def _fit(strip: Strip, width: int, style: Style) -> Strip:
    """Crop to the width with an ellipsis, or pad to it."""
    if strip.cell_length > width and width > 1:
        strip = strip.crop(0, width - 1)
        return Strip([*strip, Segment("…", style)]).extend_cell_length(width, style)
    return strip.extend_cell_length(width, style)
