"""One line of rich text drawn as a line (``render_line``): a line that changes on
every keystroke (what is typed, how many are listed) costs a fraction of what a
``Static`` pays to lay its content out again (a fifth, for the people view's status line)."""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget


class TextLine(Widget):
    """``text`` on its first line, cut at the width (never wrapped)."""

    DEFAULT_CSS = """
    TextLine { height: 1; }
    """

    def __init__(self, text: Text | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text or Text()

    def update(self, text: Text) -> None:
        self.text = text
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        base = self.rich_style
        if y:
            return Strip.blank(width, base)
        segments = Segment.apply_style(self.text.render(self.app.console), base)
        return Strip(segments).crop_extend(0, width, base)
