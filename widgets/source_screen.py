"""Everything one source said, in every loaded article."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from widgets.words import counted


@dataclass(frozen=True, slots=True)
class SourceQuote:
    """A quote by the source, with where it is: ``key`` is the app's handle."""

    key: int
    article_title: str
    text: str
    kind: str
    cue: str


class SourceScreen(ModalScreen[int | None]):
    """Dismisses with the key of the chosen quote, or ``None``."""

    BINDINGS = [
        Binding("escape,q", "dismiss(None)", "Close"),
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
    ]

    DEFAULT_CSS = """
    SourceScreen { align: center middle; }
    SourceScreen > Vertical {
        width: 90%; height: 80%; border: round $primary; background: $surface; padding: 0 1;
    }
    SourceScreen OptionList { height: 1fr; }
    """

    def __init__(self, name: str, quotes: list[SourceQuote]) -> None:
        super().__init__()
        self.source_name = name
        self.quotes = quotes

    def compose(self) -> ComposeResult:
        articles = len({q.article_title for q in self.quotes})
        heading = Text(self.source_name, style="bold")
        heading.append(
            f"  {counted(len(self.quotes), 'quote')} in {counted(articles, 'article')}  (enter opens, esc closes)",
            style="dim",
        )
        options = []
        for quote in self.quotes:
            label = Text(quote.article_title, style="bold")
            label.append(f"\n  {quote.kind}{' · ' + quote.cue if quote.cue else ''}: ", style="dim")
            label.append(" ".join(quote.text.split()))
            options.append(Option(label, id=str(quote.key)))
        with Vertical():
            yield Static(heading)
            yield OptionList(*options)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id) if event.option.id is not None else None)
