"""A bare Textual app that shows the next text at each Down: what a key press
costs in the terminal with no app work behind it, for ``bench/startup.py`` to
time beside newsreader's in the same run (the machine's noise is in both)."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareKeys(App[None]):
    BINDINGS = [("down", "next", "Next"), ("q", "quit", "Quit")]

    shown = 0

    def compose(self) -> ComposeResult:
        yield Static("text 0", id="shown")

    def action_next(self) -> None:
        self.shown += 1
        self.query_one("#shown", Static).update(f"text {self.shown}")


if __name__ == "__main__":
    BareKeys().run()
