"""The main screen, which draws a move in the article list and the article it opens as one frame.

Textual draws at most 60 frames a second, and a widget's repaint reaches the screen as a message sent when that
widget is next idle. The list's cursor rows reached the screen before the app had opened the article they landed
on, so every key drew two frames: the rows, then, after up to a frame period, the reader and the side panel.
The screen opens the article itself as the list's message passes through it, before it draws anything, and takes
the repaints of the list, the reader and the panel into its queue at once: one frame, drawn when they are ready."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from widgets.article_list import ArticleList

if TYPE_CHECKING:
    from textual.widget import Widget

    from tui.app import NewsReader


class MainScreen(Screen):
    _cursor = 0  # the list's cursor after the last move

    def on_article_list_highlighted(self, event: ArticleList.Highlighted) -> None:
        event.stop()
        app = cast("NewsReader", self.app)
        app.open_article(event.article_id)
        cursor = app.article_list.cursor
        step, self._cursor = (1 if cursor >= self._cursor else -1), cursor
        if (ahead := app.article_list.shown_id(cursor + step)) is not None:
            app.open_ahead(ahead)  # once this frame is drawn: the next key the same way finds it opened
        panes: tuple[Widget, ...] = (app.article_list,)
        if app.panes_mounted:
            panes += (app.reader, app.sources_panel)
        for pane in panes:
            # Textual's own step when a widget is idle: its repaint (and scroll) posted to the screen, now.
            for widget in (pane, *pane._get_virtual_dom()):  # its scrollbars
                widget._check_refresh()
