"""The legend under the reader: one swatch per entity category, with its toggle key."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import var
from textual.widgets import Static

from widgets.categories import CATEGORIES


class Legend(Static):
    """Shows which categories are highlighted; the number before each toggles it."""

    COMPONENT_CLASSES = {f"reader--{category}" for category, _, _ in CATEGORIES}

    DEFAULT_CSS = """
    Legend { height: auto; padding: 0 1; }
    """

    hidden: var[frozenset[str]] = var(frozenset())

    def on_mount(self) -> None:
        self._draw()

    def watch_hidden(self) -> None:
        if self.is_mounted:
            self._draw(layout=False)  # the same words, styled otherwise: the screen keeps its layout

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:
            self._draw()

    def _draw(self, layout: bool = True) -> None:
        text = Text()
        for number, (category, name, _) in enumerate(CATEGORIES, 1):
            if number > 1:
                text.append("  ")
            text.append(f"{number}", style="bold")
            if category in self.hidden:
                text.append(f" {name}", style="dim strike")
            else:
                text.append(" ")
                text.append(name, style=self.get_component_rich_style(f"reader--{category}"))
        self.update(text, layout=layout)
