"""The base of the panes drawn a line at a time (Textual's line API)."""

from __future__ import annotations

from rich.style import Style
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.strip import Strip


class LineView(ScrollView):
    """A scroll view whose lines share ``base_style``: its style, taken once per
    pass of ``render_lines`` (as Textual's Tree and DataTable take their
    pseudo-class state there). Textual's ``rich_style`` walks every ancestor's
    CSS at each call, and asked at each line drawn it was a fifth of the work of
    opening an article."""

    _pass_style: Style | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        self._pass_style = self.rich_style
        return super().render_lines(crop)

    @property
    def base_style(self) -> Style:
        """The view's style in this pass (called outside one: as it is now)."""
        return self.rich_style if self._pass_style is None else self._pass_style
