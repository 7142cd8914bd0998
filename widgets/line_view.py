"""The base of the panes drawn a line at a time (Textual's line API)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from rich.segment import Segment
from rich.style import Style
from textual._border import get_box
from textual.color import Color
from textual.filter import LineFilter
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.style import Style as VisualStyle

from widgets.row_scrollbar import RowScrollBar

FRAMED_KEPT = 512  # lines kept framed: a few screens of every view


@dataclass(eq=False)
class _Frame:
    """What goes around each line of a view with only padding and side borders, worked out once."""

    key: tuple[object, ...]  # the styles it was worked out from
    width: int
    content_width: int
    inner: Style  # the padding's style
    before: list[Segment]  # the left border and padding
    after: list[Segment]  # the right padding and border
    edge: Strip  # a line of the top or bottom padding
    empty: Strip  # a line of content past the end of the view's lines
    filters: tuple[LineFilter, ...]
    background: Color
    lines: dict[int, tuple[Strip, Strip]] = field(default_factory=dict)  # by id: a line, framed


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
    pass read once. Its
    vertical scrollbar is drawn a row at a time (``widgets.row_scrollbar``)."""

    _pass_style: Style | None = None
    _last_frame: _Frame | None = None
    _pass_width = 0
    _pass_components: dict[str, Style] | None = None

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
            return self._padded_lines(crop) if self._only_padded() else super().render_lines(crop)

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
        strips = []
        for y in crop.line_range:
            strip = None if y in dirty else kept.get(y)
            if strip is None:
                row = y - top
                if y < top or y >= height - bottom:
                    strip = frame.edge
                elif row < content_height:
                    strip = self._framed(frame, self.render_line(row))
                else:
                    strip = self._framed(frame, frame.empty)
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
            styles.padding,
            base_background,
            background,
            styles.border_left,
            styles.border_right,
            self.opacity,
        )
        if self._last_frame is not None and self._last_frame.key == key:
            return self._last_frame
        width, content_width = self.region.width, self.content_region.width
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
            filters,
            background,
        )
        return self._last_frame

    def _framed(self, frame: _Frame, line: Strip) -> Strip:
        """A line of content padded and between the view's borders. A line drawn again as the same
        strip (a row the view keeps, or drew ahead) is framed once: no new strip, and the filters'
        result is kept on it."""
        kept = frame.lines.get(id(line))
        if kept is not None and kept[0] is line:
            return kept[1]
        fitted = line.adjust_cell_length(frame.content_width, frame.inner)
        strip = Strip([*frame.before, *fitted, *frame.after], frame.width)
        if len(frame.lines) >= FRAMED_KEPT:
            frame.lines.clear()
        frame.lines[id(line)] = (line, strip)
        return strip

    def frame_ahead(self, lines: Iterable[Strip]) -> None:
        """Frame lines the view is likely to show next, and run the filters over them, now: a key that
        shows them then only looks them up."""
        frame = self._frame()
        for line in lines:
            strip = self._framed(frame, line)
            for line_filter in frame.filters:
                strip = strip.apply_filter(line_filter, frame.background)

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

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's own property (widget.py), making a ``RowScrollBar``."""
        if self._vertical_scrollbar is None:
            bar = RowScrollBar(vertical=True, name="vertical", thickness=self.scrollbar_size_vertical)
            bar.display = False
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar
