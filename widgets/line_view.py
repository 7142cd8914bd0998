"""The base of the panes drawn a line at a time (Textual's line API)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from rich.segment import Segment
from rich.style import Style
from textual._border import get_box
from textual.color import Color
from textual.events import Leave, MouseDown, MouseMove, MouseUp
from textual.filter import LineFilter
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBarRender
from textual.strip import Strip
from textual.style import Style as VisualStyle

FRAMED_KEPT = 512  # lines kept framed: a few screens of every view


@dataclass(eq=False)
class _Frame:
    """What goes around each line of a view with only padding and side borders, worked out once."""

    key: tuple[object, ...]  # the styles it was worked out from
    width: int
    content_width: int  # the lines', the scrollbar's room left out
    inner: Style  # the padding's style
    before: list[Segment]  # the left border and padding
    after: list[Segment]  # the right padding and border
    edge: Strip  # a line of the top or bottom padding
    empty: Strip  # a line of content past the end of the view's lines
    bar_width: int  # the vertical scrollbar's, between the content and the right padding (0: none)
    filters: tuple[LineFilter, ...]
    background: Color
    lines: dict[tuple[int, Segment | None], tuple[Strip, Strip]] = field(default_factory=dict)
    """Lines framed, by the line's id and the scrollbar's cell beside it: the line, and it framed."""


class LineView(ScrollView):
    """A scroll view whose lines share what a pass of ``render_lines`` reads once:
    its style, its width and its components' styles (as Textual's Tree and
    DataTable take their pseudo-class state there). Textual's ``rich_style``
    walks every ancestor's CSS at each call, and its content region is worked out
    from the styles each time: asked at each line drawn, they were a fifth of the
    work of opening an article.

    Textual passes each line drawn through the widget's styles (padding, borders,
    outline, tint, opacity, hatch), reading each of them again at each line: as
    much work again as the reader's lines themselves. A view with nothing but
    padding and side borders around its lines draws those here, with what the
    pass read once.

    Its vertical scrollbar is drawn here too, a cell at the end of each line, as
    Textual's scrollbar draws it. Textual draws a scrollbar as a widget of its own:
    on every line, two more edges where the compositor cuts every layer beneath and
    moves the terminal's cursor, a third of the work of a frame that opens an
    article. Pressing the bar scrolls a page towards the press, or drags the thumb; the
    mouse over it draws it in the hover colours, as Textual's does."""

    DEFAULT_CSS = """
    /* The bar's room is kept: the lines draw the bar in it. Lines are wrapped or cut to the view's
       width: a horizontal scrollbar (one came when a vertical one went) would only take a row. */
    LineView { scrollbar-visibility: hidden; overflow-x: hidden; }
    """

    _pass_style: Style | None = None
    _last_frame: _Frame | None = None
    _pass_width = 0
    _pass_components: dict[str, Style] | None = None
    _thumb = range(0)  # the rows of the scrollbar's thumb, as last drawn
    _bar_pressed = False  # the last press of a mouse button was on the scrollbar, not on a line
    _bar_grab: tuple[int, float] | None = None  # while the thumb is dragged: the screen row and the scroll it left
    _bar_hover = False  # the mouse is over the scrollbar: drawn in its hover colours

    @contextmanager
    def drawing(self) -> Iterator[None]:
        """A pass of drawing lines: the view's style, width and components' styles read once for all."""
        self._pass_style, self._pass_width = self.rich_style, self.scrollable_content_region.width
        self._pass_components = {}
        try:
            yield
        finally:
            self._pass_style = self._pass_components = None

    def render_lines(self, crop: Region) -> list[Strip]:
        with self.drawing():
            return self._padded_lines(crop) if self._only_padded() else self._with_bar(super().render_lines(crop), crop)

    def _only_padded(self) -> bool:
        styles = self.styles
        return not (
            self.BLANK
            or styles.border_top[0]
            or styles.border_bottom[0]
            or any(edge for edge, _ in styles.outline)
            or self._border_title is not None
            or self._border_subtitle is not None
            or (styles.has_rule("hatch") and styles.hatch != "none")
            or styles.tint.a
            or styles.text_opacity != 1.0
            or self.opacity != 1.0
            or (self.auto_links and self.hover_style._link_id)
        )

    def _padded_lines(self, crop: Region) -> list[Strip]:
        """What Textual's styles cache draws for a widget with only padding and side borders:
        each line of content at the content's width, padded, between its borders; kept in
        that cache (a line not refreshed since is not drawn again); under the app's filters."""
        frame = self._frame()
        width, height = self.region.size
        top, bottom = self.styles.padding.top, self.styles.padding.bottom
        content_height = self.content_region.height
        cache = self._styles_cache
        if cache._width != width:
            cache.clear()
            cache._width = width
        kept, dirty = cache._cache, cache._dirty_lines
        cells = self._bar_cells(frame, self.virtual_size.height, self.scroll_y)
        strips = []
        for y in crop.line_range:
            strip = None if y in dirty else kept.get(y)
            if strip is None:
                row = y - top
                if y < top or y >= height - bottom:
                    strip = frame.edge
                else:
                    line = self.render_line(row) if row < content_height else frame.empty
                    strip = self._framed(frame, line, cells[row] if cells else None)
                kept[y] = strip
            for line_filter in frame.filters:
                strip = strip.apply_filter(line_filter, frame.background)
            strips.append(strip)
        dirty.difference_update(crop.line_range)
        if crop.column_span != (0, width):
            strips = [strip.crop(*crop.column_span) for strip in strips]
        return strips

    def _frame(self) -> _Frame:
        """The padding, borders and filters around each line, as the view's styles are now; the lines
        framed under the last ones are kept while these stay the same."""
        styles = self.styles
        base_background, background = self.background_colors
        filters = tuple(self.get_line_filters())
        key = (
            filters,
            self.region.width,
            self.content_region.width,
            self.scrollable_content_region.width,
            styles.padding,
            base_background,
            background,
            styles.border_left,
            styles.border_right,
            self.opacity,
        )
        if self._last_frame is not None and self._last_frame.key == key:
            return self._last_frame
        width, content_width = self.region.width, self.scrollable_content_region.width
        _, right, _, left = styles.padding
        inner, outer = VisualStyle(background=base_background + background), VisualStyle(background=base_background)
        rich_inner = inner.rich_style
        sides = []
        for (edge, color), at in (styles.border_left, 0), (styles.border_right, 2):
            style = VisualStyle(foreground=base_background + color.multiply_alpha(self.opacity))
            sides.append([get_box(edge, inner, outer, style)[1][at]] if edge else [])
        left_side, right_side = sides
        blank = Segment(" " * (width - len(left_side) - len(right_side)), rich_inner)
        self._last_frame = _Frame(
            key,
            width,
            content_width,
            rich_inner,
            [*left_side, *([Segment(" " * left, rich_inner)] if left else [])],
            [*([Segment(" " * right, rich_inner)] if right else []), *right_side],
            Strip([*left_side, blank, *right_side], width),
            Strip.blank(content_width, rich_inner),
            self.content_region.width - content_width,
            filters,
            background,
        )
        return self._last_frame

    def _framed(self, frame: _Frame, line: Strip, cell: Segment | None) -> Strip:
        """A line of content padded and between the view's borders, the scrollbar's ``cell`` after it.
        A line drawn again as the same strip (a row the view keeps, or drew ahead) beside the same
        cell is framed once: no new strip, and the filters' result is kept on it."""
        key = (id(line), cell)
        kept = frame.lines.get(key)
        if kept is not None and kept[0] is line:
            return kept[1]
        fitted = line.adjust_cell_length(frame.content_width, frame.inner)
        bar = [cell] if cell is not None else []
        strip = Strip([*frame.before, *fitted, *bar, *frame.after], frame.width)
        if len(frame.lines) >= FRAMED_KEPT:
            frame.lines.clear()
        frame.lines[key] = (line, strip)
        return strip

    def frame_ahead(self, lines: list[Strip], length: int) -> None:
        """Frame the first lines of what the view is likely to show next (``length`` lines in all), and
        run the filters over them, now: a key that shows them then only looks them up."""
        frame = self._frame()
        cells = self._bar_cells(frame, length, 0)
        for row, line in enumerate(lines):
            strip = self._framed(frame, line, cells[row] if row < len(cells) else None)
            for line_filter in frame.filters:
                strip = strip.apply_filter(line_filter, frame.background)

    def _bar_cells(self, frame: _Frame, length: int, scrolled: float) -> list[Segment]:
        """The scrollbar's cell on each row of the content, showing ``length`` lines scrolled by ``scrolled``,
        as Textual's scrollbar draws it (its style beneath, the thumb's colours while it is dragged); none
        if the view has no bar."""
        if not frame.bar_width:
            return []
        styles, rows = self.styles, self.content_region.height
        if self._bar_grab is not None:
            background, color = styles.scrollbar_background_active, styles.scrollbar_color_active
        elif self._bar_hover:
            background, color = styles.scrollbar_background_hover, styles.scrollbar_color_hover
        else:
            background, color = styles.scrollbar_background, styles.scrollbar_color
        if background.a < 1:
            background = self.background_colors[0] + background
        color = background + color
        if self.screen.styles.scrollbar_color.a == 0:  # the theme draws no bars: a blank track
            length = 0
        bar = ScrollBarRender.render_bar(
            size=rows,
            virtual_size=length,
            window_size=rows if rows < length else 0,
            position=int(scrolled * 8) / 8,  # as Textual's scrollbar keeps its position, in eighths of a row
            thickness=frame.bar_width,
            vertical=True,
            back_color=background.rich_color,
            bar_color=color.rich_color,
        )
        base = self.vertical_scrollbar.visual_style.rich_style
        cells = list(bar.segments)
        self._thumb = range(0)
        thumb = [row for row, cell in enumerate(cells) if cell.style and cell.style.meta.get("@mouse.down") == "grab"]
        if thumb:
            self._thumb = range(thumb[0], thumb[-1] + 1)
        return [Segment(cell.text, base + cell.style.clear_meta_and_links()) for cell in cells]

    def _bar_region(self) -> Region | None:
        """Where the scrollbar is in the view: between the content and the right padding (None: no bar)."""
        frame = self._last_frame or self._frame()
        if not frame.bar_width:
            return None
        x = frame.width - frame.bar_width - self.styles.gutter.right
        return Region(x, self.styles.gutter.top, frame.bar_width, self.content_region.height)

    def _bar_row(self, x: int, y: int) -> int | None:
        """The scrollbar's row at this point of the view (None: not on the bar)."""
        region = self._bar_region()
        return y - region.y if region is not None and region.contains(x, y) else None

    def _with_bar(self, strips: list[Strip], crop: Region) -> list[Strip]:
        """Lines Textual drew, the scrollbar's cells put in them."""
        region = self._bar_region()
        if region is None or not (crop.x <= region.x and region.right <= crop.right):
            return strips
        frame = self._frame()
        cells = self._bar_cells(frame, self.virtual_size.height, self.scroll_y)
        x = region.x - crop.x
        drawn = []
        for y, strip in zip(crop.line_range, strips):
            row = y - region.y
            if 0 <= row < len(cells):
                cell = Strip([cells[row]], region.width)
                for line_filter in frame.filters:
                    cell = cell.apply_filter(line_filter, frame.background)
                strip = Strip.join([strip.crop(0, x), cell, strip.crop(x + region.width)]).crop(0, crop.width)
            drawn.append(strip)
        return drawn

    def on_mouse_down(self, event: MouseDown) -> None:
        """On the bar: the thumb is dragged, or a page scrolled towards the press."""
        row = self._bar_row(event.x, event.y)
        self._bar_pressed = row is not None
        if row is None:
            return
        event.stop()
        if row in self._thumb:
            self._bar_grab = (event.screen_y, self.scroll_y)
            self.capture_mouse()
            self.refresh()  # the thumb in its colours while dragged
        elif row < self._thumb.start:
            self.scroll_page_up(animate=False)
        else:
            self.scroll_page_down(animate=False)

    def on_mouse_move(self, event: MouseMove) -> None:
        if self._bar_grab is None:
            self._hover_bar(self._bar_row(event.x, event.y) is not None)
            return
        event.stop()
        row, scrolled = self._bar_grab
        rows = self.content_region.height
        self.scroll_to(y=scrolled + (event.screen_y - row) * self.virtual_size.height / rows, animate=False)

    def on_mouse_up(self, event: MouseUp) -> None:
        if self._bar_grab is None:
            return
        self._bar_grab = None
        self.release_mouse()
        self.refresh()

    def on_leave(self, event: Leave) -> None:
        self._hover_bar(False)

    def _hover_bar(self, over: bool) -> None:
        """The bar in its hover colours while the mouse is over it, as Textual's scrollbar draws it."""
        if over != self._bar_hover:
            self._bar_hover = over
            self.refresh_bar()

    def pressed_bar(self) -> bool:
        """Whether the press that made this click was on the scrollbar (a click there is not on a line)."""
        return self._bar_pressed

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Textual's step, and the bar drawn again when its thumb moves by less than a row (in eighths)."""
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) == round(new_value) and int(old_value * 8) != int(new_value * 8):
            self.refresh_bar()

    def refresh_bar(self) -> None:
        """Draw the scrollbar again: the lines' length changed, not their place."""
        region = self._bar_region()
        if region is not None:
            self.refresh(region)

    @property
    def base_style(self) -> Style:
        """The view's style in this pass (called outside one: as it is now)."""
        return self.rich_style if self._pass_style is None else self._pass_style

    @property
    def line_width(self) -> int:
        """The width lines are drawn to in this pass (outside one: as it is now)."""
        return self.scrollable_content_region.width if self._pass_style is None else self._pass_width

    def component_style(self, name: str) -> Style:
        """A component class's style, looked up once a pass."""
        found = self._pass_components
        if found is None:
            return self.get_component_rich_style(name)
        style = found.get(name)
        if style is None:
            style = found[name] = self.get_component_rich_style(name)
        return style
