"""People and organisations: every identity across the loaded articles, one row each.

The screen collects what is typed and which kinds are shown, and posts
``Changed``; the app filters and calls ``show_rows``. Digits choose kinds (as
the legend numbers them), so they never reach the filter.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from widgets.legend import Legend
from widgets.marks import CATEGORIES

EVERY_KIND = frozenset(category for category, _, _ in CATEGORIES)
KIND_NAMES = {category: name for category, name, _ in CATEGORIES}


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One identity as listed: ``key`` is the app's handle, ``category`` the legend's kind."""

    key: int
    name: str
    category: str
    articles: int
    mentions: int
    quotes: int


def counts_label(articles: int, mentions: int, quotes: int) -> str:
    """ "3 articles · 12 mentions · 1 quote"."""

    def plural(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    return f"{plural(articles, 'article')} · {plural(mentions, 'mention')} · {plural(quotes, 'quote')}"


class KindList(OptionList):
    """An option list that colours names by kind, as the reader does."""

    COMPONENT_CLASSES = {f"reader--{category}" for category in EVERY_KIND}

    def kind_style(self, category: str):
        return self.get_component_rich_style(f"reader--{category}")


class PeopleScreen(Screen[None]):
    """Posts ``Changed`` when shown and when the filter or the kinds change, ``Chosen`` for a row."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        *(
            Binding(str(number), f"kind('{category}')", f"Only {name}", show=False, priority=True)
            for number, (category, name, _) in enumerate(CATEGORIES, 1)
        ),
        Binding("0", "every_kind", "Every kind", show=False, priority=True),
        Binding("down", "move(1)", show=False, priority=True),
        Binding("up", "move(-1)", show=False, priority=True),
        Binding("pagedown", "move(10)", show=False, priority=True),
        Binding("pageup", "move(-10)", show=False, priority=True),
    ]

    DEFAULT_CSS = """
    PeopleScreen > Vertical { padding: 0 1; }
    PeopleScreen #people-title { text-style: bold; height: 1; }
    PeopleScreen #people-status { color: $text-muted; height: 1; }
    PeopleScreen Input { margin: 0; }
    PeopleScreen KindList { height: 1fr; }
    """

    class Changed(Message):
        def __init__(self, query: str, kinds: frozenset[str]) -> None:
            super().__init__()
            self.query = query
            self.kinds = kinds

    class Chosen(Message):
        def __init__(self, key: int) -> None:
            super().__init__()
            self.key = key

    def __init__(self) -> None:
        super().__init__()
        self.kinds = EVERY_KIND

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("People and organisations"), id="people-title")
            yield Input(placeholder="Type to filter: typos and initials work  (enter opens, esc closes)")
            yield Legend()
            yield Static(id="people-status")
            yield KindList(id="people")
        yield Footer()

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def rows(self) -> KindList:
        return self.query_one(KindList)

    def on_mount(self) -> None:
        self.input.focus()
        self._changed()

    def show_rows(self, query: str, rows: list[PersonRow], status: str) -> None:
        """Show the rows for ``query`` (ignored if the user has typed on), keeping the highlighted row."""
        if query != self.input.value:
            return
        self.query_one("#people-status", Static).update(Text(status))
        options = self.rows
        kept = options.highlighted_option.id if options.highlighted_option is not None else None
        options.clear_options()
        options.add_options([Option(self._label(row), id=str(row.key)) for row in rows])
        if rows:
            ids = [str(row.key) for row in rows]
            options.highlighted = ids.index(kept) if kept in ids else 0

    def _label(self, row: PersonRow) -> Text:
        label = Text(row.name, style=self.rows.kind_style(row.category))
        label.append(f"  {KIND_NAMES.get(row.category, row.category)}", style="dim")
        label.append(f" · {counts_label(row.articles, row.mentions, row.quotes)}", style="dim")
        return label

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._changed()

    def _changed(self) -> None:
        self.query_one(Legend).hidden = EVERY_KIND - self.kinds
        self.post_message(self.Changed(self.input.value, self.kinds))

    def action_kind(self, category: str) -> None:
        """The first kind chosen shows only it; later ones are added or taken away."""
        kinds = frozenset({category}) if self.kinds == EVERY_KIND else self.kinds ^ {category}
        self.kinds = kinds or EVERY_KIND
        self._changed()

    def action_every_kind(self) -> None:
        self.kinds = EVERY_KIND
        self._changed()

    def action_move(self, step: int) -> None:
        options = self.rows
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    def action_close(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        option = self.rows.highlighted_option
        if option is not None and option.id is not None:
            self.post_message(self.Chosen(int(option.id)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(int(event.option.id)))
