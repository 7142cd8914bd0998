"""A line view's scrollable size changed without a layout of the screen."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView

from widgets.line_view import LineView


def resize_content(view: ScrollView, size: Size) -> None:
    """Setting ``virtual_size`` lays out and repaints every pane, which rows arriving
    or a filter on every keystroke must not cost: only the scrollbar is updated (and
    lays the screen out itself the one time it appears), as Textual does on a resize.
    ``_scroll_update`` is Textual's own private step for that; a line view draws its own bar. Content that fits the
    view before and after leaves the scrollbar as it was drawn, without a thumb (a
    filter typed on, down to a few rows, would draw it again on every keystroke)."""
    before = view.virtual_size
    if size == before:
        return
    view.set_reactive(ScrollView.virtual_size, size)
    height = view.scrollable_content_region.height
    if before.width == size.width and before.height <= height and size.height <= height:
        return
    view._scroll_update(size)
    if isinstance(view, LineView):
        view.refresh_bar()
