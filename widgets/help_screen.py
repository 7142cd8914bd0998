"""The `?` screen: every key, grouped by where it works."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KeyGroups = list[tuple[str, list[tuple[str, str]]]]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
        Binding("j,down", "scroll_down", show=False),
        Binding("k,up", "scroll_up", show=False),
        Binding("space,pagedown", "page_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("G,end", "scroll_end", show=False),
        Binding("g,home", "scroll_home", show=False),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 80; max-width: 95%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, groups: KeyGroups) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for heading, keys in self.groups:
            table.add_row(Text(heading, style="bold underline"), "")
            for key, description in keys:
                table.add_row(Text(key), Text(description))
            table.add_row("", "")
        with VerticalScroll():
            yield Static(Text("newsreader keys  (j / k, space scroll · esc closes)", style="bold"))
            yield Static(table)

    def action_scroll_down(self) -> None:
        self.query_one(VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one(VerticalScroll).scroll_up()

    def action_page_down(self) -> None:
        self.query_one(VerticalScroll).scroll_page_down()

    def action_page_up(self) -> None:
        self.query_one(VerticalScroll).scroll_page_up()

    def action_scroll_end(self) -> None:
        self.query_one(VerticalScroll).scroll_end(animate=False)

    def action_scroll_home(self) -> None:
        self.query_one(VerticalScroll).scroll_home(animate=False)
