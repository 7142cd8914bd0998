"""Room for reading on a small terminal: hide the article list or the side
panel, or give the reader the whole width. A mixin of ``NewsReader``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.app import NewsReader


class LayoutKeys:
    """Needs ``self`` to be the ``NewsReader``."""

    def action_toggle_list(self: NewsReader) -> None:
        self._show_panes(list_shown=not self.article_list.display)

    def action_toggle_panel(self: NewsReader) -> None:
        self._show_panes(panel_shown=not self.sources_panel.display)

    def action_whole_width(self: NewsReader) -> None:
        """The reader alone, or, when it is alone, both panes back."""
        both_hidden = not self.article_list.display and not self.sources_panel.display
        self._show_panes(list_shown=both_hidden, panel_shown=both_hidden)

    def _show_panes(self: NewsReader, *, list_shown: bool | None = None, panel_shown: bool | None = None) -> None:
        for pane, shown in ((self.article_list, list_shown), (self.sources_panel, panel_shown)):
            if shown is None:
                continue
            if not shown and pane.has_focus_within:
                self.reader.focus()
            pane.display = shown
