"""Textual's footer, with its keys in its screen's first frame, laid out again
only when they change.

Textual's ``Footer`` comes up empty and recomposes (a widget per key, each
styled and laid out: about 10 ms, then the screen laid out again) a frame
after each change of its screen's bindings: a screen opening sends three or
four (mounted, focus given, stack changed) with the same keys, and a screen
left behind lays out its footer for nobody. This one composes its keys when
mounted (``mount_keys``: once the screen has given the focus, whose widget's
keys it lists), and skips a recompose that would show the keys it shows, or
that falls on a screen not on top: its screen's bindings change again when it
comes back on top.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer


async def mount_keys(screen: Screen, focused: Widget) -> None:
    """Focus ``focused``, then mount the footer: its first frame lists that widget's keys."""
    screen.set_focus(focused)
    await screen.mount(KeysFooter())


class KeysFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self.set_reactive(Footer._bindings_ready, True)
        self._shown: tuple | None = None  # the keys composed, as ``_keys`` gives them

    def _keys(self) -> tuple:
        """What ``compose`` reads: each shown binding (and the palette's), whether it is enabled, its tooltip."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (binding, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )

    def compose(self) -> ComposeResult:
        self._shown = self._keys()
        yield from super().compose()

    async def recompose(self) -> None:
        if self.is_attached and self.screen is self.app.screen and self._keys() != self._shown:
            await super().recompose()
