"""The people view's rows: one line per identity, drawn only when on screen
and when its row changes, so that a new filter on every keystroke costs only
the lines in view that show another row (as a name is typed on, fewer and
fewer of them).

Lines are not kept once drawn: Textual's compositor caches, on each line it
is given, the pieces it cuts from it, the line itself among them, so a line
kept lives in a reference cycle; thousands kept and let go reach the oldest
generation of the garbage collector, whose full collections (tens of
milliseconds) then fall on keystrokes. Drawing the lines in view anew costs
less than a millisecond."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from widgets.categories import CATEGORIES
from widgets.scrolling import resize_content
from widgets.words import counted

EVERY_KIND = frozenset(category for category, _, _ in CATEGORIES)
KIND_NAMES = {category: name for category, name, _ in CATEGORIES}


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One identity as listed: ``key`` is the app's handle, ``category`` the legend's kind."""

    key: int
    name: str
    category: str
    articles: int
    mentions: int
    quotes: int


class KeyedRows(Sequence[PersonRow]):
    """Rows made when read, in the order of their keys: ``place_of`` finds a
    key without making every row before it."""

    def place_of(self, key: int) -> int | None:
        at = bisect_left(self, key, key=lambda row: row.key)
        return at if at < len(self) and self[at].key == key else None


def _place_of(rows: Sequence[PersonRow], key: int | None) -> int:
    """Where the row with ``key`` is, else 0."""
    if key is None:
        return 0
    if isinstance(rows, KeyedRows):
        found = rows.place_of(key)
    else:
        found = next((index for index, row in enumerate(rows) if row.key == key), None)
    return found or 0


def counts_label(articles: int, mentions: int, quotes: int) -> str:
    """ "3 articles · 12 mentions · 1 quote"."""
    return f"{counted(articles, 'article')} · {counted(mentions, 'mention')} · {counted(quotes, 'quote')}"


class PeopleList(ScrollView, can_focus=True):
    """Posts ``Selected`` with a row's key on enter or a click."""

    BINDINGS = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("home", "move_to(0)", show=False),
        Binding("end", "move_to(-1)", show=False),
        Binding("enter", "select", "Open"),
    ]

    COMPONENT_CLASSES = {"people-list--cursor", *(f"reader--{category}" for category, _, _ in CATEGORIES)}

    DEFAULT_CSS = """
    PeopleList { overflow-y: scroll; }  /* a scrollbar coming and going as one types would lay the screen out */
    PeopleList > .people-list--cursor { background: $block-cursor-blurred-background; }
    PeopleList:focus > .people-list--cursor { background: $block-cursor-background; }
    """

    cursor: reactive[int] = reactive(0)

    class Selected(Message):
        def __init__(self, key: int) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: Sequence[PersonRow] = []
        self._styles: dict[str, Style] = {}  # by category, "" the line's own and "cursor" the cursor's

    def set_rows(self, rows: Sequence[PersonRow], keep: int | None = None) -> None:
        """Show these rows (a sequence may make each when read), the cursor on the
        row with key ``keep`` if it is among them, else the first."""
        before, self.rows = self.rows, rows
        resize_content(self, Size(self.scrollable_content_region.width, len(rows)))
        self.cursor = _place_of(rows, keep)
        top = self.scroll_offset.y
        changed = [
            index
            for index in range(top, top + self.scrollable_content_region.height)
            if (before[index] if index < len(before) else None) != (rows[index] if index < len(rows) else None)
        ]
        for start, end in _runs(changed):
            self.refresh_lines(start, end - start)

    @property
    def current(self) -> PersonRow | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        height = self.scrollable_content_region.height
        if new < self.scroll_offset.y:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= self.scroll_offset.y + height:
            self.scroll_to(y=new - height + 1, animate=False, immediate=True)

    def action_move(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height)

    def action_move_to(self, index: int) -> None:
        self.cursor = index if index >= 0 else len(self.rows) - 1

    def action_select(self) -> None:
        if (row := self.current) is not None:
            self.post_message(self.Selected(row.key))

    def on_click(self, event: Click) -> None:
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self.rows):
            self.cursor = index
            self.action_select()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))

    def notify_style_update(self) -> None:
        """The theme or the focus changed: draw every line again, with the new styles."""
        self._styles = {}
        super().notify_style_update()

    def _take_styles(self) -> None:
        """The styles, once for every line drawn until they change."""
        self._styles = {"": self.rich_style, "cursor": self.get_component_rich_style("people-list--cursor")}
        self._styles.update((category, self.get_component_rich_style(f"reader--{category}")) for category in KIND_NAMES)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if not self._styles:
            self._take_styles()
        index = self.scroll_offset.y + y
        if index >= len(self.rows):
            return Strip.blank(width, self._styles[""])
        return self._draw(self.rows[index], index == self.cursor, width)

    def _draw(self, row: PersonRow, on_cursor: bool, width: int) -> Strip:
        base = self._styles[""] + self._styles["cursor"] if on_cursor else self._styles[""]
        name_style = base + self._styles[row.category]
        detail = (
            f"  {KIND_NAMES.get(row.category, row.category)} · {counts_label(row.articles, row.mentions, row.quotes)}"
        )
        strip = Strip([Segment(" ", base), Segment(row.name, name_style), Segment(detail, base + _DIM)])
        if strip.cell_length > width > 1:
            strip = Strip([*strip.crop(0, width - 1), Segment("…", base)])
        return strip.extend_cell_length(width, base)


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Ascending indices as runs of consecutive ones, each as (first, last + 1)."""
    runs: list[tuple[int, int]] = []
    for index in indices:
        if runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1)
        else:
            runs.append((index, index + 1))
    return runs


_DIM = Style(dim=True)
