"""Every input that could not be read, and why: one screen, however many there are
(the app announces them with a single notification that points here)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from widgets.words import counted


@dataclass(frozen=True, slots=True)
class UnreadableInput:
    """A file, address or record that could not be read, and the reason in words."""

    input: str
    reason: str


class UnreadableScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,e", "dismiss", "Close")]

    DEFAULT_CSS = """
    UnreadableScreen { align: center middle; }
    UnreadableScreen > Vertical {
        width: 90%; height: 80%; border: round $error; background: $surface; padding: 0 1;
    }
    UnreadableScreen DataTable { height: 1fr; }
    """

    def __init__(self, inputs: list[UnreadableInput]) -> None:
        super().__init__()
        self.inputs = inputs

    def compose(self) -> ComposeResult:
        count = len(self.inputs)
        heading = Text(
            f"{counted(count, 'input')} could not be read" if count else "Every input was read", style="bold"
        )
        heading.append("  (esc closes)", style="dim")
        with Vertical():
            yield Static(heading)
            yield DataTable(cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Input", "Why")
        # Text cells: a file name or reason is never read as markup.
        table.add_rows((Text(item.input), Text(item.reason)) for item in self.inputs)
        table.focus()
