"""The reader pane: an article's text with its entities, quotes and matches marked.

A line-API view: the text is wrapped once per width into lines that remember
their character offsets, and only the visible lines are styled, so a long
article costs no more to show than a short one, and any span of offsets can
be scrolled to exactly.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.cache import LRUCache
from textual.events import Click, Resize
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.strip import Strip

from widgets.categories import CATEGORIES, category_of
from widgets.line_view import LineView
from widgets.marks import EntityMark, FocusMark, ReaderDocument
from widgets.scrolling import resize_content
from widgets.wrap import wrap_offsets

_EMPTY = ReaderDocument(title="", byline="", text="")


class ReaderView(LineView, can_focus=True):
    """Shows one ``ReaderDocument``; posts ``EntitySelected`` as the user moves between entities."""

    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False),
        Binding("k,up", "scroll_up", "Up", show=False),
        Binding("g,home", "scroll_home", "Top", show=False),
        Binding("G,end", "scroll_end", "Bottom", show=False),
        Binding("pagedown,space,ctrl+f", "page_down", "Page down", show=False),
        Binding("pageup,shift+space,ctrl+b", "page_up", "Page up", show=False),
        Binding("n", "next_entity", "Next entity"),
        Binding("N", "previous_entity", "Previous entity"),
        Binding("enter", "open_entity", "Entity page"),
    ]

    COMPONENT_CLASSES = {
        "reader--title",
        "reader--byline",
        "reader--selected",
        "reader--quote",
        "reader--cue",
        "reader--speaker",
        "reader--match",
        *(f"reader--{category}" for category, _, _ in CATEGORIES),
    }

    DEFAULT_CSS = """
    ReaderView {
        padding: 0 1;
        overflow-y: scroll;  /* a scrollbar that came and went with an article's length laid the screen out */
    }
    """

    hidden_categories: var[frozenset[str]] = var(frozenset())
    """Entity categories whose highlighting is switched off."""

    class EntitySelected(Message):
        """The user moved to an entity mention (``None``: no entity selected)."""

        def __init__(self, mark: EntityMark | None) -> None:
            super().__init__()
            self.mark = mark

    class EntityOpened(Message):
        """The user asked for everything about the selected entity."""

        def __init__(self, mark: EntityMark) -> None:
            super().__init__()
            self.mark = mark

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.document = _EMPTY
        self.focus_marks: tuple[FocusMark, ...] = ()
        self.selected: int | None = None  # index into document.entities
        self._lines: list[tuple[str, int, int]] = []  # (role, start, end); role "text" indexes the body
        self._body_starts: list[int] = []
        self._body_rows: list[int] = []
        self._reach: list[int] = []  # the furthest end of the document's entities up to each
        self._cache: LRUCache[int, Strip] = LRUCache(1024)
        self._laid_out_width = -1
        self._prepared: _Prepared | None = None

    # -- public API -----------------------------------------------------

    def show(self, document: ReaderDocument, *, keep_position: bool = False) -> None:
        """Show a document; with ``keep_position`` (same article, new analysis) stay where the user is."""
        same_text = document.text == self.document.text and document.title == self.document.title
        prepared = self._prepared if self._prepared is not None and self._prepared.document is document else None
        self.document = document
        self._reach = _reach(document) if prepared is None else prepared.reach
        if not (keep_position and same_text):
            self.focus_marks = ()
            self.selected = None
        else:
            self.selected = None if self.selected is None or self.selected >= len(document.entities) else self.selected
        self._layout(force=True)
        if not (keep_position and same_text):
            self.scroll_to(0, 0, animate=False, immediate=True)
            if prepared is not None and self._drawn_alike(prepared):
                for row, strip in enumerate(prepared.rows):
                    self._cache[row] = strip

    def prepare(self, document: ReaderDocument) -> None:
        """Wrap a document the user is likely to open next and draw its first screen, now, for ``show``
        to take as they are."""
        width = self._wrap_width()
        if width is None:
            self._prepared = None
            return
        lines, reach = _screen_lines(document, width), _reach(document)
        page = _Page(document, reach, None, ())
        with self.drawing():
            rows = [self._draw_row(page, line) for line in lines[: self.size.height]]
            self._prepared = _Prepared(document, width, lines, reach, rows, self.base_style, self.hidden_categories)
            self.frame_ahead([row.crop_extend(0, self.line_width, self.base_style) for row in rows], len(lines))

    def _drawn_alike(self, prepared: _Prepared) -> bool:
        """Whether the rows drawn ahead are what the view would draw now."""
        now = (self._laid_out_width, self.base_style, self.hidden_categories)
        return now == (prepared.width, prepared.base, prepared.hidden)

    def mark(self, marks: tuple[FocusMark, ...], scroll: bool = True) -> None:
        """Mark a quote (with cue and speaker) or a match, and bring it into view."""
        self.focus_marks = marks
        self._refresh_all()
        if scroll and marks:
            self.scroll_to_offset(min(mark.start for mark in marks))

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so that the line holding ``offset`` sits near the top third of the view."""
        row = self.row_of(offset)
        self.scroll_to(y=max(0, row - max(1, self.size.height // 3)), animate=False, immediate=True)

    def row_of(self, offset: int) -> int:
        """The screen row (from the top of the document) showing text offset ``offset``."""
        if not self._body_starts:
            return 0
        index = max(0, bisect_right(self._body_starts, offset) - 1)
        return self._body_rows[index]

    def visible_text_range(self) -> tuple[int, int]:
        """Offsets of the body text currently on screen (for tests and status)."""
        top = self.scroll_offset.y
        rows = [self._lines[y] for y in range(top, min(len(self._lines), top + self.size.height))]
        body = [(start, end) for role, start, end in rows if role == "text"]
        return (body[0][0], body[-1][1]) if body else (0, 0)

    # -- entity navigation ----------------------------------------------

    def action_next_entity(self) -> None:
        self._step_entity(+1)

    def action_previous_entity(self) -> None:
        self._step_entity(-1)

    def _visible_entities(self) -> list[int]:
        hidden = self.hidden_categories
        return [index for index, mark in enumerate(self.document.entities) if category_of(mark.label) not in hidden]

    def _step_entity(self, direction: int) -> None:
        candidates = self._visible_entities()
        if not candidates:
            self.notify("No highlighted entities in this article.", severity="warning")
            return
        entities = self.document.entities
        if self.selected is None:
            top, bottom = self.visible_text_range()
            if direction > 0:
                choice = next((i for i in candidates if entities[i].start >= top), candidates[0])
            else:
                choice = next((i for i in reversed(candidates) if entities[i].start < bottom), candidates[-1])
        elif direction > 0:
            choice = candidates[bisect_right(candidates, self.selected) % len(candidates)]
        else:
            choice = candidates[bisect_left(candidates, self.selected) - 1]
        self.select_entity(choice)

    def action_open_entity(self) -> None:
        if self.selected is None:
            self.notify("Select a name first: n / N or a click.", timeout=3)
        else:
            self.post_message(self.EntityOpened(self.document.entities[self.selected]))

    def select_entity(self, index: int | None) -> None:
        """Select an entity mention: every mention of the same entity is marked."""
        self.selected = index
        self._refresh_all()
        mark = None if index is None else self.document.entities[index]
        if mark is not None:
            row = self.row_of(mark.start)
            if not self.scroll_offset.y <= row < self.scroll_offset.y + self.size.height:
                self.scroll_to_offset(mark.start)
        self.post_message(self.EntitySelected(mark))

    # -- layout and rendering -------------------------------------------

    def watch_hidden_categories(self) -> None:
        self._refresh_all()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._prepared = None

    def on_resize(self, event: Resize) -> None:
        self._layout()

    def on_click(self, event: Click) -> None:
        if self.pressed_bar():
            return
        offset = self._offset_at(event.y + self.scroll_offset.y, event.x + self.scroll_offset.x - 1)
        if offset is None:
            return
        for index, mark in enumerate(self.document.entities):
            if mark.start <= offset < mark.end and category_of(mark.label) not in self.hidden_categories:
                self.select_entity(index)
                return

    def _offset_at(self, row: int, column: int) -> int | None:
        if not 0 <= row < len(self._lines):
            return None
        role, start, end = self._lines[row]
        if role != "text" or column < 0:
            return None
        offset = start + column
        return offset if offset < end else None

    def _wrap_width(self) -> int | None:
        """The width the text is wrapped to (``None``: not sized yet, or hidden)."""
        width = self.scrollable_content_region.width
        return max(10, width) if width else None

    def _layout(self, force: bool = False) -> None:
        width = self._wrap_width()
        if width is None:  # on_resize lays it out
            self._laid_out_width = -1
            return
        if width == self._laid_out_width and not force:
            return
        self._laid_out_width = width
        document, prepared = self.document, self._prepared
        if prepared is not None and prepared.document is document and prepared.width == width:
            lines = prepared.lines
        else:
            lines = _screen_lines(document, width)
        first_body = next((row for row, (role, _, _) in enumerate(lines) if role == "text"), len(lines))
        self._lines = lines
        self._body_starts = [start for _, start, _ in lines[first_body:]]
        self._body_rows = list(range(first_body, len(lines)))
        resize_content(self, Size(width, len(lines)))
        self._refresh_all()

    def _refresh_all(self) -> None:
        self._cache.clear()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        width = self.line_width
        if row >= len(self._lines):
            return Strip.blank(width, self.base_style)
        strip = self._cache.get(row)
        if strip is None:
            strip = self._render_row(row)
            self._cache[row] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, self.base_style)

    def _render_row(self, row: int) -> Strip:
        return self._draw_row(self._page(), self._lines[row])

    def _page(self) -> _Page:
        """The document shown, with what is selected and marked on it."""
        selected_group = None if self.selected is None else self.document.entities[self.selected].group
        return _Page(self.document, self._reach, selected_group, self.focus_marks)

    def _draw_row(self, page: _Page, line: tuple[str, int, int]) -> Strip:
        """A row as wide as the view (as ``crop_extend`` would make it, so it makes no other)."""
        role, start, end = line
        base = self.base_style
        if role == "blank":
            segments = []
        elif role == "title":
            segments = [Segment(page.document.title[start:end], base + self.component_style("reader--title"))]
        elif role == "byline":
            segments = [Segment(page.document.byline[start:end], base + self.component_style("reader--byline"))]
        else:
            segments = self._styled_segments(page, start, end, base)
        width, length = self.line_width, sum(cell_len(segment.text) for segment in segments)
        if length < width:
            segments.append(Segment(" " * (width - length), base))
        return Strip(segments, max(width, length))

    def _styled_segments(self, page: _Page, start: int, end: int, base: Style) -> list[Segment]:
        """Cut [start, end) at every mark boundary and style each piece."""
        text = page.document.text
        layers = self._layers_between(page, start, end)
        if not layers:
            return [Segment(text[start:end], base)]
        cuts = sorted({start, end, *(max(start, s) for s, _, _ in layers), *(min(end, e) for _, e, _ in layers)})
        segments = []
        for left, right in zip(cuts, cuts[1:]):
            style = base
            for s, e, layer_style in layers:
                if s <= left and right <= e:
                    style = style + layer_style
            segments.append(Segment(text[left:right], style))
        return segments

    def _layers_between(self, page: _Page, start: int, end: int) -> list[tuple[int, int, Style]]:
        """Every style that touches [start, end), lowest layer first."""
        layers: list[tuple[int, int, Style]] = []
        roles = {"quote": 0, "speaker": 1, "cue": 2, "match": 3}
        for mark in sorted(page.focus_marks, key=lambda m: roles.get(m.role, 0)):
            if mark.start < end and mark.end > start and mark.role == "quote":
                layers.append((mark.start, mark.end, self.component_style(f"reader--{mark.role}")))
        hidden = self.hidden_categories
        selected_group = page.selected_group
        # The first mention that may reach this line: the first whose furthest end so far passes its start.
        for mark in page.document.entities[bisect_right(page.reach, start) :]:
            if mark.start >= end:
                break
            if mark.end <= start:
                continue
            category = category_of(mark.label)
            if category in hidden:
                continue
            style = self.component_style(f"reader--{category}")
            if selected_group is not None and mark.group == selected_group:
                style = style + self.component_style("reader--selected")
            layers.append((mark.start, mark.end, style))
        for mark in sorted(page.focus_marks, key=lambda m: roles.get(m.role, 0)):
            if mark.start < end and mark.end > start and mark.role != "quote":
                layers.append((mark.start, mark.end, self.component_style(f"reader--{mark.role}")))
        return layers


@dataclass(frozen=True, slots=True)
class _Page:
    """What drawing a document's rows reads besides the view's styles."""

    document: ReaderDocument
    reach: list[int]  # the furthest end of the document's entities up to each
    selected_group: int | None  # the selected entity's, whose mentions are all marked
    focus_marks: tuple[FocusMark, ...]


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A document wrapped, and its first screen drawn (nothing selected or marked), before it is shown."""

    document: ReaderDocument
    width: int
    lines: list[tuple[str, int, int]]
    reach: list[int]
    rows: list[Strip]
    base: Style  # the view's style they were drawn on
    hidden: frozenset[str]


def _reach(document: ReaderDocument) -> list[int]:
    return list(accumulate((mark.end for mark in document.entities), max))


def _screen_lines(document: ReaderDocument, width: int) -> list[tuple[str, int, int]]:
    """Each screen line of a document: (role, start, end), role "text" indexing the body."""
    lines: list[tuple[str, int, int]] = []
    if document.title:
        lines += [("title", s, e) for s, e in wrap_offsets(document.title, width)]
    if document.byline:
        lines += [("byline", s, e) for s, e in wrap_offsets(document.byline, width)]
    if lines:
        lines.append(("blank", 0, 0))
    return lines + ([("text", s, e) for s, e in wrap_offsets(document.text, width)] if document.text else [])
