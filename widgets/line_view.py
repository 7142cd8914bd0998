"""The base of the panes drawn a line at a time (Textual's line API)."""

from __future__ import annotations

from rich.style import Style
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.strip import Strip


class LineView(ScrollView):
    """A scroll view whose lines share what a pass of ``render_lines`` reads once:
    its style, its width and its components' styles (as Textual's Tree and
    DataTable take their pseudo-class state there). Textual's ``rich_style``
    walks every ancestor's CSS at each call, and its content region is worked out
    from the styles each time: asked at each line drawn, they were a fifth of the
    work of opening an article."""

    _pass_style: Style | None = None
    _pass_width = 0
    _pass_components: dict[str, Style] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        self._pass_style, self._pass_width = self.rich_style, self.scrollable_content_region.width
        self._pass_components = {}
        try:
            return super().render_lines(crop)
        finally:
            self._pass_style = self._pass_components = None

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
