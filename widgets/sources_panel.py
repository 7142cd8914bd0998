"""The side panel: who is quoted in the article, and what each of them said.

Two views of the same quotes: grouped by source (the default, for "who said
what") or in the order they appear (to read along). A line-API view, as the
reader is: its heading and its lines are drawn as rows of one widget, and its
scrollbar is always there, so another article opened changes no widget's size
and lays nothing out (a reflow and a repaint of every pane, on every key in the
article list); only the lines on screen are drawn.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Click, Leave, MouseMove
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import var
from textual.strip import Strip

from widgets.line_view import LineView
from widgets.quote_rows import PanelLine, QuoteItem, SourceItem, heading, panel_lines
from widgets.scrolling import resize_content

PADDING = 1  # cells left of the heading and right of the words
HEADING, PLAIN, CURSOR, HOVER = range(4)  # how a row is drawn
_STATE_STYLES = {CURSOR: "sources-panel--cursor", HOVER: "sources-panel--hover"}
DRAWN_KEPT = 512  # rows kept drawn: a few screens of a few articles
Row = tuple[tuple[object, ...], int] | None  # a row's text (``_text_key``) and how it is drawn; None: blank
_Built = tuple[Text, list[Text], list[PanelLine]]  # the heading, its lines, the lines under it


class SourcesPanel(LineView, can_focus=True):
    """Posts ``QuoteChosen`` when a quote is picked and ``SourceChosen`` to see a source across articles."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False),
        Binding("k,up", "cursor_up", "Up", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "select", "Show", show=False),
        Binding("space", "toggle_source", "Open / close", show=False),
        Binding("s", "toggle_order", "By source / in order"),
        Binding("a", "source_everywhere", "Source in all articles"),
    ]

    COMPONENT_CLASSES = {"sources-panel--heading", "sources-panel--cursor", "sources-panel--hover"}

    # The scrollbar is always shown: one that came and went with the article's quotes would lay the screen out.
    DEFAULT_CSS = """
    SourcesPanel {
        background: $surface;
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 1;
    }
    SourcesPanel > .sources-panel--heading { text-style: bold; }
    SourcesPanel > .sources-panel--cursor {
        text-style: $block-cursor-blurred-text-style;
        background: $block-cursor-blurred-background;
    }
    SourcesPanel:focus > .sources-panel--cursor {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    SourcesPanel > .sources-panel--hover { background: $block-hover-background; }
    """

    by_source: var[bool] = var(True)

    class QuoteChosen(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class SourceChosen(Message):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.sources: tuple[SourceItem, ...] = ()
        self.pending = True
        self.unavailable = ""  # why an article not analysed never will be
        self.heading = Text()  # before it is wrapped to the width
        self.lines: list[PanelLine] = []
        self.cursor = -1  # a line, or none
        self._heading_lines: list[Text] = []
        self._collapsed: frozenset[int] = frozenset()  # places of the sources whose quotes are hidden
        self._hover = -1
        self._drawn: dict[tuple[object, ...], Strip] = {}  # rows drawn, by all they are drawn from
        self._painted: tuple[int, int, list[Row]] | None = None  # scroll, width and rows as last painted
        self._prepared: tuple[tuple[object, ...], _Built] | None = None  # (what it was built from, built)

    # -- what it shows ---------------------------------------------------

    def show(self, sources: tuple[SourceItem, ...] | None, unavailable: str = "") -> None:
        """Show the sources of an article (``None``: not analysed yet, or ever, if ``unavailable`` says why)."""
        self.pending = sources is None
        self.unavailable = unavailable
        self.sources = sources or ()
        self._collapsed = frozenset()
        self.cursor = self._hover = -1
        self._rebuild()
        self.scroll_to(0, 0, animate=False, immediate=True)

    def prepare(self, sources: tuple[SourceItem, ...] | None, unavailable: str = "") -> None:
        """Build the lines of sources the user is likely to show next, now, for ``show`` to take as they are."""
        key = self._built_from(sources or (), sources is None, unavailable, frozenset())
        self._prepared = None if key is None else (key, self._build(*key))
        if self._prepared is not None:  # and its first screen drawn, as ``show`` will draw it
            _, heading_lines, lines = self._prepared[1]
            with self.drawing():
                rows = self.scrollable_content_region.height
                strips = [self._row(heading_lines, lines, y, y - len(heading_lines), PLAIN) for y in range(rows)]
            self.frame_ahead(strips, len(heading_lines) + len(lines))

    def watch_by_source(self) -> None:
        self.cursor = -1
        self._collapsed = frozenset()
        self._rebuild()

    @property
    def cursor_item(self) -> SourceItem | QuoteItem | None:
        return self.lines[self.cursor].item if 0 <= self.cursor < len(self.lines) else None

    def select_quote(self, index: int) -> None:
        """Move the cursor to a quote's line (used when a search jumps to a quote), opening its source."""
        place = next((p for p, s in enumerate(self.sources) if any(q.index == index for q in s.quotes)), None)
        if place in self._collapsed:
            self._collapsed -= {place}
            self._rebuild()
        line = next((n for n, line in enumerate(self.lines) if _quote_index(line) == index), None)
        if line is not None:
            self.move_cursor(line)

    def move_cursor(self, line: int) -> None:
        """Put the cursor on a line (clamped) and bring it into view."""
        self.cursor = max(0, min(line, len(self.lines) - 1)) if self.lines else -1
        self._refresh_lines()
        top, rows = self.scroll_offset.y, self._rows_shown()
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + rows:
            self.scroll_to(y=self.cursor - rows + 1, animate=False, immediate=True)

    # -- keys and the mouse ----------------------------------------------

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1 if self.cursor >= 0 else len(self.lines) - 1)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self.lines) - 1)

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor + max(1, self._rows_shown() - 1))

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor - max(1, self._rows_shown() - 1))

    def action_select(self) -> None:
        """A quote is shown in the reader; a source is opened or closed."""
        item = self.cursor_item
        if isinstance(item, QuoteItem):
            self.post_message(self.QuoteChosen(item.index))
        elif isinstance(item, SourceItem):
            self.action_toggle_source()

    def action_toggle_source(self) -> None:
        place = self.lines[self.cursor].source if 0 <= self.cursor < len(self.lines) else -1
        if place >= 0:
            self._collapsed ^= {place}
            self._rebuild()

    def action_toggle_order(self) -> None:
        self.by_source = not self.by_source

    def action_source_everywhere(self) -> None:
        item = self.cursor_item
        if isinstance(item, QuoteItem):
            name = item.speaker
        elif isinstance(item, SourceItem):
            name = item.name
        else:
            self.notify("Choose a source or quote first.", severity="warning")
            return
        self.post_message(self.SourceChosen(name))

    def on_click(self, event: Click) -> None:
        if self.pressed_bar():
            return
        line = self._line_at(event.y)
        if line >= 0:
            self.move_cursor(line)
            self.action_select()

    def on_mouse_move(self, event: MouseMove) -> None:
        self._set_hover(self._line_at(event.y))

    def on_leave(self, event: Leave) -> None:
        self._set_hover(-1)

    def _set_hover(self, line: int) -> None:
        if line != self._hover:
            self._hover = line
            self._refresh_lines()

    def _line_at(self, y: int) -> int:
        """The line at a row of the widget (-1: the heading, or below the last line)."""
        line = self.scroll_offset.y + y - len(self._heading_lines)
        return line if y >= len(self._heading_lines) and 0 <= line < len(self.lines) else -1

    # -- layout and rendering --------------------------------------------

    def on_resize(self) -> None:
        self._rebuild()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()
        self._painted = None

    def _rows_shown(self) -> int:
        """Rows under the heading: the heading stays put as the lines scroll."""
        return max(1, self.scrollable_content_region.height - len(self._heading_lines))

    def _rebuild(self) -> None:
        key = self._built_from(self.sources, self.pending, self.unavailable, self._collapsed)
        if key is None:  # not sized yet, or hidden: on_resize builds it, and paints it whole
            self.lines, self._heading_lines, self._painted = [], [], None
            return
        prepared = self._prepared
        same = prepared is not None and prepared[0][0] is key[0] and prepared[0][1:] == key[1:]
        self.heading, self._heading_lines, self.lines = prepared[1] if same else self._build(*key)
        width = key[-1]
        self.cursor = min(self.cursor, len(self.lines) - 1)
        # The heading's rows are part of the height: the last line scrolls to the bottom under it.
        resize_content(self, Size(width, len(self._heading_lines) + len(self.lines)))
        self._refresh_lines()

    def _built_from(
        self, sources: tuple[SourceItem, ...], pending: bool, unavailable: str, collapsed: frozenset[int]
    ) -> tuple[tuple[SourceItem, ...], bool, str, bool, frozenset[int], int] | None:
        """All the panel's lines are built from (``None``: it has no width yet)."""
        width = self.scrollable_content_region.width
        return (sources, pending, unavailable, self.by_source, collapsed, width) if width else None

    def _build(
        self,
        sources: tuple[SourceItem, ...],
        pending: bool,
        unavailable: str,
        by_source: bool,
        collapsed: frozenset[int],
        width: int,
    ) -> _Built:
        text_width = max(1, width - PADDING)  # the scrollbar is the heading's margin at the right
        head = heading(sources, pending=pending, unavailable=unavailable, by_source=by_source, width=text_width)
        lines = [] if pending else panel_lines(sources, by_source=by_source, collapsed=collapsed, width=width - PADDING)
        return head, list(head.wrap(self.app.console, text_width)), lines

    def _refresh_lines(self) -> None:
        """Repaint the rows that show something else now: an article's few quotes leave most of the
        panel as blank as the article before left it, and a cursor that moves changes two rows."""
        scroll, width, rows = self.scroll_offset.y, self.size.width, self._rows()
        painted, self._painted = self._painted, (scroll, width, rows)
        if painted is None or painted[:2] != (scroll, width) or len(painted[2]) != len(rows):
            self.refresh()
            return
        changed = [y for y, (before, now) in enumerate(zip(painted[2], rows)) if before != now]
        for first, count in _runs(changed):
            self.refresh(Region(0, first, width, count))

    def _rows(self) -> list[Row]:
        """What each row of the panel shows: its words and styles, and whether the cursor or the mouse is on it."""
        heading, rows = self._heading_lines, []
        for y in range(self.scrollable_content_region.height):
            line = self.scroll_offset.y + y - len(heading)
            if y < len(heading):
                rows.append((_text_key(heading[y]), HEADING))
            elif 0 <= line < len(self.lines):
                state = CURSOR if line == self.cursor else HOVER if line == self._hover else PLAIN
                rows.append((_text_key(self.lines[line].text), state))
            else:
                rows.append(None)
        return rows

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y - len(self._heading_lines)
        state = CURSOR if line == self.cursor else HOVER if line == self._hover else PLAIN
        return self._row(self._heading_lines, self.lines, y, line, state)

    def _row(self, heading_lines: list[Text], lines: list[PanelLine], y: int, line: int, state: int) -> Strip:
        """Row ``y``, showing heading row ``y`` or ``line``. A row drawn before from the same words and
        styles (the next article's, drawn ahead; a cursor moved back) is the same strip, drawn once."""
        width, style = self.line_width, self.base_style
        text: Text | None = None
        if y < len(heading_lines):
            text, state = heading_lines[y], HEADING
            style += self.component_style("sources-panel--heading")
        elif 0 <= line < len(lines):
            text = lines[line].text
            if state != PLAIN:
                style += self.component_style(_STATE_STYLES[state])
        key = (None if text is None else _text_key(text), state, style, width)
        strip = self._drawn.get(key)
        if strip is None:
            if len(self._drawn) >= DRAWN_KEPT:
                self._drawn.clear()
            if text is None:
                strip = Strip.blank(width, style)
            else:
                strip = _strip(Text(" " * PADDING).append_text(text) if state == HEADING else text, width, style, self)
            self._drawn[key] = strip
        return strip


def _strip(text: Text, width: int, style: Style, panel: SourcesPanel) -> Strip:
    """A line of text on the panel's style, cut or padded to the width."""
    segments = Segment.apply_style(text.render(panel.app.console), style)
    return Strip(segments).crop_extend(0, width, style)


def _text_key(text: Text) -> tuple[object, ...]:
    """All that tells two lines of text apart on screen (``Text.__eq__`` leaves out its own style)."""
    return text.plain, text.style, tuple(text.spans)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Rows in order as runs of neighbours: (first, how many)."""
    runs: list[tuple[int, int]] = []
    for y in rows:
        if runs and runs[-1][0] + runs[-1][1] == y:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((y, 1))
    return runs


def _quote_index(line: PanelLine) -> int:
    return line.item.index if isinstance(line.item, QuoteItem) else -1
