"""The keys that work here, at the foot of a screen, drawn as one line.

Textual's ``Footer`` is a widget per key, each styled and laid out when a
screen opens (a quarter of the CPU an entity page took to open) and again, a
frame later, on every change of the screen's bindings: a screen opening sends
three or four with the same keys. This one draws the same line itself (each key, its
description, the palette's key at the right), composes nothing, and draws
again only when the keys change. Its keys are taken when it is mounted:
``mount_keys`` gives the focus first, so the first frame lists the focused
widget's keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget


async def mount_keys(screen: Screen, focused: Widget) -> None:
    """Focus ``focused``, then mount the footer: its first frame lists that widget's keys."""
    screen.set_focus(focused)
    await screen.mount(KeysFooter())


@dataclass(frozen=True, slots=True)
class ShownKey:
    key: str  # as a key press names it
    shown: str  # as the footer shows it ("⏎", "^p")
    description: str
    enabled: bool


class KeysFooter(Widget):
    """A click on a key presses it."""

    COMPONENT_CLASSES = {"keys-footer--key", "keys-footer--description", "keys-footer--hover", "keys-footer--border"}

    DEFAULT_CSS = """
    KeysFooter { dock: bottom; height: 1; color: $footer-foreground; background: $footer-background; }
    KeysFooter > .keys-footer--key { color: $footer-key-foreground; text-style: bold; }
    KeysFooter > .keys-footer--description { color: $footer-description-foreground; }
    KeysFooter > .keys-footer--hover { background: $block-hover-background; }
    KeysFooter > .keys-footer--border { color: $foreground 20%; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.keys: tuple[ShownKey, ...] = ()  # from the left, as the focus and the screen give them
        self.palette: ShownKey | None = None  # the command palette's, at the right
        self._hover: ShownKey | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._take_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self._take_keys()

    def _take_keys(self) -> None:
        """The keys shown, one per action, in the order Textual's footer gives them."""
        app = self.app
        keys: dict[str, ShownKey] = {}
        palette = None
        for name, (_, binding, enabled, _) in self.screen.active_bindings.items():
            shown = ShownKey(binding.key, app.get_key_display(binding), binding.description, enabled)
            if name == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = shown
            elif binding.show:
                keys.setdefault(binding.action, shown)
        if (tuple(keys.values()), palette) != (self.keys, self.palette):
            self.keys, self.palette = tuple(keys.values()), palette
            self.refresh()

    def _place(self, width: int) -> list[tuple[int, int, ShownKey]]:
        """Each key shown and its columns (start, end): from the left, then the palette's at the right."""
        right = width - (self._cells(self.palette) + 2 if self.palette else 0)  # a border and a space about it
        placed, at = [], 0
        for shown in self.keys:
            end = at + self._cells(shown)
            if at >= right:
                break
            placed.append((at, min(end, right), shown))
            at = end
        if self.palette:
            placed.append((right, width, self.palette))
        return placed

    def _cells(self, shown: ShownKey) -> int:
        if shown is self.palette:
            return cell_len(shown.shown) + 1 + cell_len(shown.description)
        return cell_len(shown.shown) + 2 + (cell_len(shown.description) + 1 if shown.description else 0)

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        width = self.size.width
        segments: list[Segment] = []
        at = 0
        for start, end, shown in self._place(width):
            if start > at:
                segments.append(Segment(" " * (start - at), base))
            at = end
            over = base + self.get_component_rich_style("keys-footer--hover") if shown == self._hover else base
            dim = Style(dim=True) if not shown.enabled else Style()
            key = over + self.get_component_rich_style("keys-footer--key") + dim
            description = over + self.get_component_rich_style("keys-footer--description") + dim
            if shown is self.palette:
                border = base + self.get_component_rich_style("keys-footer--border")
                drawn = [Segment("▏", border), Segment(shown.shown, key), Segment(f" {shown.description}", description)]
                drawn.append(Segment(" ", base))
            elif shown.description:
                drawn = [Segment(f" {shown.shown} ", key), Segment(f"{shown.description} ", description)]
            else:
                drawn = [Segment(f" {shown.shown} ", key)]
            segments.extend(Strip(drawn).crop(0, end - start))
        return Strip(segments).crop_extend(0, width, base)

    def _at(self, x: int) -> ShownKey | None:
        return next((shown for start, end, shown in self._place(self.size.width) if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = self._at(event.x)
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self) -> None:
        self._hover = None
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        shown = self._at(event.x)
        if shown is None:
            return
        if shown.enabled:
            self.app.simulate_key(shown.key)
        else:
            self.app.bell()
