"""The search bar and its results, shown over the reader while searching.

The panel only collects keystrokes and shows results it is given; the app
runs the search off the event loop and calls ``show_results``.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

KIND_NAMES = {
    "identity": "People and organisations",
    "title": "Titles",
    "entity": "Names",
    "speaker": "Sources",
    "quote": "Quotes",
    "text": "Text",
}


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One search hit as shown: ``highlights`` are ranges within ``text``."""

    key: int  # the app's handle for the hit
    kind: str
    text: str
    title: str
    highlights: tuple[tuple[int, int], ...] = ()


class SearchInput(Input):
    BINDINGS = [
        Binding("down", "results", "Results", show=False),
    ]

    def action_results(self) -> None:
        self.post_message(SearchPanel.FocusResults())


class SearchPanel(Vertical):
    """Posts ``Changed`` on every keystroke, ``Chosen`` for a result, ``Closed`` on escape."""

    BINDINGS = [Binding("escape", "close", "Close search")]

    DEFAULT_CSS = """
    SearchPanel { height: auto; max-height: 70%; }
    SearchPanel > #search-status { height: 1; padding: 0 1; }
    SearchPanel > OptionList { height: auto; max-height: 30; }
    """

    class Changed(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Chosen(Message):
        def __init__(self, key: int) -> None:
            super().__init__()
            self.key = key

    class Closed(Message):
        pass

    class FocusResults(Message):
        pass

    def compose(self) -> ComposeResult:
        yield SearchInput(placeholder="Search titles, names, quotes, sources, text…  (esc closes)", id="search-input")
        yield Static(id="search-status")
        yield OptionList(id="search-results")

    @property
    def input(self) -> SearchInput:
        return self.query_one(SearchInput)

    @property
    def results(self) -> OptionList:
        return self.query_one(OptionList)

    def open(self) -> None:
        self.display = True
        self.screen.set_focus(self.input)  # now: ``focus`` would wait for the keys queued behind "/"

    def action_close(self) -> None:
        self.display = False
        self.input.value = ""
        self.results.clear_options()
        self.post_message(self.Closed())

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.results
        index = options.highlighted if options.highlighted is not None else 0
        if options.option_count:
            option = options.get_option_at_index(index)
            if option.id is not None:
                self.post_message(self.Chosen(int(option.id)))

    def on_search_panel_focus_results(self, event: FocusResults) -> None:
        event.stop()
        if self.results.option_count:
            self.results.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(int(event.option.id)))

    def show_results(self, query: str, rows: list[ResultRow], status: str) -> None:
        """Show results for ``query``; ignored if the user has typed on since."""
        if query != self.input.value:
            return
        self.query_one("#search-status", Static).update(Text(status, style="dim"))
        options: list[Option | None] = []
        for kind in _kinds_in_order(rows):
            options.append(Option(Text(KIND_NAMES.get(kind, kind), style="bold underline"), disabled=True))
            options.extend(Option(_row_label(row), id=str(row.key)) for row in rows if row.kind == kind)
        results = self.results
        results.clear_options()
        results.add_options(options)
        first = next((i for i, option in enumerate(options) if option and not option.disabled), None)
        if first is not None:
            results.highlighted = first


def _kinds_in_order(rows: list[ResultRow]) -> list[str]:
    """Groups ordered by their best hit (rows arrive best first)."""
    seen: list[str] = []
    for row in rows:
        if row.kind not in seen:
            seen.append(row.kind)
    return seen


def _row_label(row: ResultRow) -> Text:
    text = Text(" ".join(row.text.split()) if "\n" in row.text else row.text)
    if "\n" not in row.text:
        for start, end in row.highlights:
            text.stylize("bold reverse", start, end)
    if row.title and row.kind != "title":
        text.append(f"  — {row.title}", style="dim")
    return text
