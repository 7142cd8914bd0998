"""Textual's footer, laid out again only when the keys it shows change.

Textual's ``Footer`` recomposes (a widget per key, each styled and laid out:
about 10 ms) on every change of its screen's bindings: a screen opening
sends three or four (mounted, focus given, stack changed) with the same keys,
and a screen left behind lays out its footer for nobody. This one skips a
recompose that would show the keys it shows, or that falls on a screen not
on top: its screen's bindings change again when it comes back on top.
"""

from __future__ import annotations

from textual.widgets import Footer


class KeysFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple | None = None  # the keys composed, as ``_keys`` gives them

    def _keys(self) -> tuple:
        """What ``compose`` reads: each shown binding (and the palette's), whether it is enabled, its tooltip."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (binding, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )

    async def recompose(self) -> None:
        if not self.is_attached or self.screen is not self.app.screen:
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await super().recompose()
