"""What the people list and an entity's page share: a line view with a cursor
over items, moved by the keys below, with enter or a click posting ``Selected``
with the item's key; and the styles its lines are drawn with, taken once and
kept until the theme or the focus changes."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.style import Style
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView

from widgets.marks import CATEGORIES


class CursorLines(ScrollView, can_focus=True):
    """Subclasses say how many items there are (``item_count``), which key is
    under the cursor (``current_key``) and how to draw, keeping drawn lines in
    ``_drawn``; ``CURSOR_CLASS`` names the component class of the cursor's style."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("home", "move_to(0)", show=False),
        Binding("end", "move_to(-1)", show=False),
        Binding("enter", "select", "Open"),
    ]
    CURSOR_CLASS: ClassVar[str]

    cursor: reactive[int] = reactive(0)

    class Selected(Message):
        def __init__(self, key: int) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._styles: dict[str, Style] = {}  # by category, "" the view's own and "cursor" the cursor's
        self._drawn: dict[Any, Any] = {}  # lines drawn with those styles

    def item_count(self) -> int:
        raise NotImplementedError

    def current_key(self) -> int | None:
        raise NotImplementedError

    def page_size(self) -> int:
        """Items a page key moves over."""
        return max(1, self.scrollable_content_region.height)

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self.item_count() - 1))

    def action_move(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        self.cursor += direction * self.page_size()

    def action_move_to(self, index: int) -> None:
        self.cursor = index if index >= 0 else self.item_count() - 1

    def action_select(self) -> None:
        if (key := self.current_key()) is not None:
            self.post_message(self.Selected(key))

    def notify_style_update(self) -> None:
        """The theme or the focus changed: draw every line again, with the new styles."""
        self._styles = {}
        super().notify_style_update()

    def _take_styles(self) -> None:
        """The styles, once for every line drawn until they change."""
        self._styles = {"": self.rich_style, "cursor": self.get_component_rich_style(self.CURSOR_CLASS)}
        kinds = (category for category, _, _ in CATEGORIES)
        self._styles.update((category, self.get_component_rich_style(f"reader--{category}")) for category in kinds)
        self._drawn.clear()
