"""One person's or organisation's page: where they appear, what they said,
what others said of them, who appears with them, and when.

Every line has a ``key``, the app's handle: the screen posts ``Chosen`` with
it and the app opens the article at that place (or another entity's page).
The sections are one line view (``PageLines``): its rows are laid out as
plain offsets and drawn only when on screen, so a page opens as fast with
ten lines as with thousands.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Sparkline, Static

from widgets.categories import CATEGORIES
from widgets.keys_footer import mount_keys
from widgets.people_list import KIND_NAMES
from widgets.scrolling import resize_content
from widgets.wrap import wrap_offsets

TEXT_LINES = 3  # a line's text wraps to at most this many screen lines, then "…"
INDENT = 2  # a line's text sits under its heading, indented


@dataclass(frozen=True, slots=True)
class PageLine:
    """A line of the page: ``heading`` on top (title · date · site, or who and
    how), ``text`` below with ``marks`` (ranges within it) shown marked."""

    key: int
    heading: str
    text: str = ""
    marks: tuple[tuple[int, int], ...] = ()
    category: str = ""  # a kind's colour for the heading (entities named alongside)


@dataclass(frozen=True, slots=True)
class EntityPage:
    name: str
    category: str
    summary: str  # "3 articles · 12 mentions · 1 quote"
    variants: tuple[str, ...]
    timeline: tuple[int, ...]  # mentions per period, oldest first; empty when articles carry no dates
    timeline_label: str  # "mentions by month, 2024-01 to 2024-06"
    sections: tuple[tuple[str, tuple[PageLine, ...]], ...]


class PageLines(ScrollView, can_focus=True):
    """The page's sections: a heading row each, then its lines. The cursor
    moves over lines only; enter or a click posts ``Selected`` with the line's key."""

    BINDINGS = [
        Binding("down,j", "move(1)", show=False),
        Binding("up,k", "move(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("home", "move_to(0)", show=False),
        Binding("end", "move_to(-1)", show=False),
        Binding("enter", "select", "Open"),
    ]

    COMPONENT_CLASSES = {"page-lines--cursor", *(f"reader--{category}" for category, _, _ in CATEGORIES)}

    DEFAULT_CSS = """
    PageLines { overflow-y: scroll; }  /* a scrollbar appearing after the first frame would wrap every line again */
    PageLines > .page-lines--cursor { background: $block-cursor-blurred-background; }
    PageLines:focus > .page-lines--cursor { background: $block-cursor-background; }
    """

    cursor: reactive[int] = reactive(0)  # among the lines, in page order (headings are not counted)

    class Selected(Message):
        def __init__(self, key: int) -> None:
            super().__init__()
            self.key = key

    def __init__(self, sections: tuple[tuple[str, tuple[PageLine, ...]], ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[str | PageLine] = []  # a section's heading, or one of its lines
        self._lines: list[int] = []  # the rows that are lines, for the cursor
        for heading, lines in sections:
            self.rows.append(heading)
            for line in lines:
                self._lines.append(len(self.rows))
                self.rows.append(line)
        self._width = -1
        self._tops: list[int] = []  # each row's first screen line, at ``_width``
        self._wrapped: dict[int, list[tuple[int, int]]] = {}  # a line's text as wrapped, by row
        self._drawn: dict[int, list[Strip]] = {}  # each row's screen lines, once drawn
        self._styles: dict[str, Style] = {}  # by category, "" the page's own and "cursor" the cursor's

    @property
    def current(self) -> PageLine | None:
        row = self.rows[self._lines[self.cursor]] if self._lines else None
        return row if isinstance(row, PageLine) else None

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._lines) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        if not self._lines:
            return
        for index in (old, new):
            if 0 <= index < len(self._lines):
                self._drawn.pop(self._lines[index], None)
        self.refresh()
        self._layout()
        row = self._lines[new]
        top, bottom = self._tops[row], self._tops[row + 1]
        if new == 0:
            top = 0  # the first section's heading stays in view
        height = self.scrollable_content_region.height
        if top < self.scroll_offset.y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif bottom > self.scroll_offset.y + height:
            self.scroll_to(y=min(top, bottom - height), animate=False, immediate=True)

    def action_move(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        rows = max(1, self.scrollable_content_region.height // (1 + TEXT_LINES))
        self.cursor += direction * rows

    def action_move_to(self, index: int) -> None:
        self.cursor = index if index >= 0 else len(self._lines) - 1

    def action_select(self) -> None:
        if (line := self.current) is not None:
            self.post_message(self.Selected(line.key))

    def on_click(self, event: Click) -> None:
        self._layout()
        row = bisect_right(self._tops, event.y + self.scroll_offset.y) - 1
        if row in self._lines:
            self.cursor = self._lines.index(row)
            self.action_select()

    def on_resize(self) -> None:
        self._layout()

    def _layout(self) -> None:
        """Where each row starts at the current width (text wrapped only for
        rows of lines, and cheaply: offsets, no styles)."""
        width = self.scrollable_content_region.width
        if width == self._width:
            return
        self._width = width
        self._wrapped.clear()
        self._drawn.clear()
        tops, y = [], 0
        for index, row in enumerate(self.rows):
            tops.append(y)
            if isinstance(row, str):
                y += 1 if index == 0 else 2  # a blank line above every heading but the first
            else:
                wrapped = wrap_offsets(row.text, width - INDENT - 1)[:TEXT_LINES] if row.text else []
                self._wrapped[index] = wrapped
                y += 1 + len(wrapped)
        tops.append(y)
        self._tops = tops
        resize_content(self, Size(width, y))

    def notify_style_update(self) -> None:
        """The theme or the focus changed: draw every line again, with the new styles."""
        self._styles = {}
        super().notify_style_update()

    def _take_styles(self) -> None:
        """The styles, once for every line drawn until they change."""
        self._styles = {"": self.rich_style, "cursor": self.get_component_rich_style("page-lines--cursor")}
        kinds = (category for category, _, _ in CATEGORIES)
        self._styles.update((category, self.get_component_rich_style(f"reader--{category}")) for category in kinds)
        self._drawn.clear()

    def render_line(self, y: int) -> Strip:
        if not self._styles:
            self._take_styles()
        self._layout()
        width = self._width
        at = self.scroll_offset.y + y
        if at >= self._tops[-1]:
            return Strip.blank(width, self._styles[""])
        row = bisect_right(self._tops, at) - 1
        drawn = self._drawn.get(row)
        if drawn is None:
            drawn = self._drawn[row] = self._draw(row)
        return drawn[at - self._tops[row]]

    def _draw(self, index: int) -> list[Strip]:
        row = self.rows[index]
        base = self._styles[""]
        if isinstance(row, str):
            heading = self._fit([Segment(row, base + _HEADING)], base)
            return [heading] if index == 0 else [Strip.blank(self._width, base), heading]
        if self._lines[self.cursor] == index:
            base += self._styles["cursor"]
        style = base + (self._styles[row.category] if row.category else _BOLD)
        strips = [self._fit([Segment(" ", base), Segment(row.heading, style)], base)]
        wrapped = self._wrapped[index]
        for number, (start, end) in enumerate(wrapped):
            segments = [Segment(" " * (INDENT + 1), base), *_marked(row.text, start, end, row.marks, base)]
            more = number == len(wrapped) - 1 and end < len(row.text.rstrip())
            strips.append(self._fit([*segments, Segment("…", base)] if more else segments, base))
        return strips

    def _fit(self, segments: list[Segment], base: Style) -> Strip:
        """One screen line: cut with "…" if too long, padded to the width."""
        strip = Strip(segments)
        width = self._width
        if strip.cell_length > width > 1:
            strip = Strip([*strip.crop(0, width - 1), Segment("…", base)])
        return strip.extend_cell_length(width, base)


def _marked(text: str, start: int, end: int, marks: tuple[tuple[int, int], ...], base: Style) -> list[Segment]:
    """``text[start:end]`` with the parts inside ``marks`` marked."""
    segments, at = [], start
    for mark_start, mark_end in sorted(marks):
        low, high = max(mark_start, at), min(mark_end, end)
        if low >= high:
            continue
        if low > at:
            segments.append(Segment(text[at:low], base))
        segments.append(Segment(text[low:high], base + _MARK))
        at = high
    if at < end:
        segments.append(Segment(text[at:end], base))
    return segments


class EntityScreen(Screen[None]):
    """Posts ``Chosen`` with a line's key; escape goes back."""

    BINDINGS = [Binding("escape", "close", "Back")]

    DEFAULT_CSS = """
    EntityScreen #entity-title { height: auto; padding: 0 1; }
    EntityScreen Sparkline { height: 2; margin: 0 1 1 1; }
    EntityScreen #entity-timeline { color: $text-muted; height: 1; padding: 0 1; }
    EntityScreen PageLines { height: 1fr; padding: 0 1; }
    """

    class Chosen(Message):
        def __init__(self, key: int) -> None:
            super().__init__()
            self.key = key

    def __init__(self, page: EntityPage) -> None:
        super().__init__()
        self.page = page

    def compose(self) -> ComposeResult:
        page = self.page
        yield Static(id="entity-title")
        if len(page.timeline) > 1:
            yield Static(Text(page.timeline_label), id="entity-timeline")
            yield Sparkline(list(page.timeline))
        yield PageLines(page.sections, id="entity-lines")

    @property
    def lines(self) -> PageLines:
        return self.query_one(PageLines)

    async def on_mount(self) -> None:
        page, lines = self.page, self.lines
        title = Text(page.name, style=lines.get_component_rich_style(f"reader--{page.category}") + _BOLD)
        title.append(f"  {KIND_NAMES.get(page.category, page.category)} · {page.summary}", style="dim")
        if page.variants:
            title.append("\nalso written: " + ", ".join(page.variants), style="dim italic")
        self.query_one("#entity-title", Static).update(title)
        await mount_keys(self, lines)

    def action_close(self) -> None:
        self.dismiss(None)

    def on_page_lines_selected(self, event: PageLines.Selected) -> None:
        event.stop()
        self.post_message(self.Chosen(event.key))


_BOLD = Style(bold=True)
_HEADING = Style(bold=True, underline=True)
_MARK = Style(bold=True, reverse=True)
