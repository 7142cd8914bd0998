"""A vertical scrollbar drawn straight from its rows.

Textual draws a scrollbar as it draws any widget: a Rich renderable rendered by
a console, cut into lines, and each line passed through the widget's styles
(padding, borders, tint, opacity) one at a time. Every row of a vertical bar is
one segment of one style, so that was 3 ms for the reader's 38 rows on every
article opened, a tenth of a key's work, to draw a thumb that moved. This bar
asks Textual's own renderer for the same segments and makes each a line, as
Textual's way would (the widget's style beneath, the app's filters over), when
nothing else is asked of it: no padding, border, tint, hatch or opacity."""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip


class RowScrollBar(ScrollBar):
    def render_lines(self, crop: Region) -> list[Strip]:
        bar, (width, height) = self.render(), self.size
        drawn = self.vertical and isinstance(bar, ScrollBarRender) and crop in Region(0, 0, width, height)
        if not (drawn and crop and self._plain()):
            return super().render_lines(crop)
        style = bar.style  # ScrollBar.render gives a Style
        rows = bar.render_bar(
            size=height,
            virtual_size=bar.virtual_size,
            window_size=bar.window_size,
            position=bar.position,
            thickness=width,
            vertical=True,
            back_color=style.bgcolor or Color.parse("#555555"),
            bar_color=style.color or Color.parse("bright_magenta"),
        )
        base = self.visual_style.rich_style
        filters, background = self.get_line_filters(), self.background_colors[1]
        drawn_rows: dict[Segment, Strip] = {}  # a bar has a few kinds of row: its back, its thumb, their edges
        strips = []
        for segment in rows.segments[crop.y : crop.bottom]:
            strip = drawn_rows.get(segment)
            if strip is None:
                strip = Strip([Segment(segment.text, base + segment.style)], width)
                for line_filter in filters:
                    strip = strip.apply_filter(line_filter, background)
                drawn_rows[segment] = strip
            strips.append(strip)
        if crop.column_span != (0, width):
            strips = [strip.crop(crop.x, crop.right) for strip in strips]
        return strips

    def _plain(self) -> bool:
        styles = self.styles
        return not (
            any(styles.padding)
            or any(edge for edge, _ in styles.border)
            or styles.tint.a
            or styles.text_opacity != 1.0
            or self.opacity != 1.0
            or (styles.has_rule("hatch") and styles.hatch != "none")
        )
