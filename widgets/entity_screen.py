"""One person's or organisation's page: where they appear, what they said,
what others said of them, who appears with them, and when.

Every line has a ``key``, the app's handle: the screen posts ``Chosen`` with
it and the app opens the article at that place (or another entity's page).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from widgets.marks import CATEGORIES
from widgets.people_list import KIND_NAMES


class KindList(OptionList):
    """An option list that colours names by kind, as the reader does."""

    COMPONENT_CLASSES = {f"reader--{category}" for category, _, _ in CATEGORIES}

    def kind_style(self, category: str):
        return self.get_component_rich_style(f"reader--{category}")


@dataclass(frozen=True, slots=True)
class PageLine:
    """A line of the page: ``heading`` on top (title · date · site, or who and
    how), ``text`` below with ``marks`` (ranges within it) shown marked."""

    key: int
    heading: str
    text: str = ""
    marks: tuple[tuple[int, int], ...] = ()
    category: str = ""  # a kind's colour for the heading (entities named alongside)


@dataclass(frozen=True, slots=True)
class EntityPage:
    name: str
    category: str
    summary: str  # "3 articles · 12 mentions · 1 quote"
    variants: tuple[str, ...]
    timeline: tuple[int, ...]  # mentions per period, oldest first; empty when articles carry no dates
    timeline_label: str  # "mentions by month, 2024-01 to 2024-06"
    sections: tuple[tuple[str, tuple[PageLine, ...]], ...]


class EntityScreen(Screen[None]):
    """Posts ``Chosen`` with a line's key; escape goes back."""

    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("j", "cursor('down')", show=False),
        Binding("k", "cursor('up')", show=False),
    ]

    DEFAULT_CSS = """
    EntityScreen > Vertical { padding: 0 1; }
    EntityScreen #entity-title { height: auto; }
    EntityScreen Sparkline { height: 2; margin: 0 0 1 0; }
    EntityScreen #entity-timeline { color: $text-muted; height: 1; }
    EntityScreen KindList { height: 1fr; }
    """

    class Chosen(Message):
        def __init__(self, key: int) -> None:
            super().__init__()
            self.key = key

    def __init__(self, page: EntityPage) -> None:
        super().__init__()
        self.page = page

    def compose(self) -> ComposeResult:
        page = self.page
        with Vertical():
            yield Static(id="entity-title")
            if len(page.timeline) > 1:
                yield Static(Text(page.timeline_label), id="entity-timeline")
                yield Sparkline(list(page.timeline))
            yield KindList(id="entity-lines")
        yield Footer()

    @property
    def lines(self) -> KindList:
        return self.query_one(KindList)

    def on_mount(self) -> None:
        page, lines = self.page, self.lines
        title = Text(page.name, style=lines.kind_style(page.category) + _BOLD)
        title.append(f"  {KIND_NAMES.get(page.category, page.category)} · {page.summary}", style="dim")
        if page.variants:
            title.append("\nalso written: " + ", ".join(page.variants), style="dim italic")
        self.query_one("#entity-title", Static).update(title)
        options: list[Option] = []
        for heading, section in page.sections:
            options.append(Option(Text(heading, style="bold underline"), disabled=True))
            options.extend(Option(self._label(line), id=str(line.key)) for line in section)
        lines.add_options(options)
        first = next((i for i, option in enumerate(options) if not option.disabled), None)
        if first is not None:
            lines.highlighted = first
        lines.focus()

    def _label(self, line: PageLine) -> Text:
        style = self.lines.kind_style(line.category) if line.category else _BOLD
        label = Text(line.heading, style=style)
        if line.text:
            body = Text(line.text)
            for start, end in line.marks:
                body.stylize("bold reverse", start, end)
            label.append("\n  ")
            label.append_text(body)
        return label

    def action_cursor(self, direction: str) -> None:
        getattr(self.lines, f"action_cursor_{direction}")()

    def action_close(self) -> None:
        self.dismiss(None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(int(event.option.id)))


_BOLD = Style(bold=True)
