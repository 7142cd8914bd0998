"""People and organisations: every identity across the loaded articles, one row each.

The screen comes with its first rows (every identity), collects what is
typed and which kinds are shown, and posts ``Changed``; the app filters and
calls ``show_rows``. The list keeps the
focus and letters typed go to the filter; digits choose kinds (as the legend
numbers them), so they never reach it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from widgets.categories import CATEGORIES
from widgets.keys_footer import mount_keys
from widgets.legend import Legend
from widgets.people_list import EVERY_KIND, PeopleList, PersonRow
from widgets.text_line import TextLine


class FilterLine(TextLine):
    """What is typed, a cursor at its end: the screen types into it, so the
    list keeps the keys. Always one line, so a keystroke repaints it without
    laying the screen out again."""

    DEFAULT_CSS = """
    FilterLine { height: 3; width: 1fr; border: tall $border-blurred; background: $surface; padding: 0 1; }
    FilterLine > .filter-line--placeholder { color: $text-disabled; }
    """

    COMPONENT_CLASSES = {"filter-line--placeholder"}

    def __init__(self, placeholder: str) -> None:
        super().__init__()
        self.value = ""
        self.placeholder = placeholder

    def on_mount(self) -> None:
        self._show()

    def type(self, character: str) -> None:
        self.value += character
        self._show()

    def delete_left(self) -> None:
        self.value = self.value[:-1]
        self._show()

    def _show(self) -> None:
        if self.value:
            shown = Text(self.value)
            shown.append(" ", style="reverse")
        else:
            shown = Text(self.placeholder, style=self.get_component_rich_style("filter-line--placeholder"))
        self.update(shown)


class PeopleScreen(Screen[None]):
    """Posts ``Changed`` when shown and when the filter or the kinds change, ``Chosen`` for a row."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        *(
            Binding(str(number), f"kind('{category}')", f"Only {name}", show=False)
            for number, (category, name, _) in enumerate(CATEGORIES, 1)
        ),
        Binding("0", "every_kind", "Every kind", show=False),
    ]

    DEFAULT_CSS = """
    PeopleScreen > Vertical { padding: 0 1; }
    PeopleScreen #people-title { text-style: bold; height: 1; }
    PeopleScreen #people-status { color: $text-muted; height: 1; width: 1fr; }
    PeopleScreen PeopleList { height: 1fr; }
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

    def __init__(self, rows: Sequence[PersonRow], status: str) -> None:
        super().__init__()
        self.kinds = EVERY_KIND
        self.shown_for: tuple[str, frozenset[str]] | None = None  # the filter and kinds of the rows on screen
        self._first = (rows, status)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("People and organisations"), id="people-title")
            yield FilterLine("Type to filter: typos and initials work  (enter opens, esc closes)")
            yield Legend()
            yield TextLine(id="people-status")
            yield PeopleList(id="people")

    @property
    def input(self) -> FilterLine:
        return self.query_one(FilterLine)

    @property
    def rows(self) -> PeopleList:
        return self.query_one(PeopleList)

    async def on_mount(self) -> None:
        self.show_rows("", *self._first)
        await mount_keys(self, self.rows)

    def on_key(self, event: Key) -> None:
        """Letters typed on the list go to the filter (digits stay keys for kinds)."""
        if event.key == "backspace":
            self.input.delete_left()
        elif event.is_printable and event.character and not event.character.isdigit():
            self.input.type(event.character)
        else:
            return
        event.stop()
        self._changed()

    def show_rows(self, query: str, rows: Sequence[PersonRow], status: str) -> None:
        """Show the rows for ``query`` (ignored if the user has typed on), keeping the highlighted row."""
        if query != self.input.value:
            return
        self.shown_for = (query, self.kinds)
        self.query_one("#people-status", TextLine).update(Text(status))
        rows_list = self.rows
        rows_list.set_rows(rows, keep=rows_list.current.key if rows_list.current else None)

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

    def action_close(self) -> None:
        self.dismiss(None)

    def on_people_list_selected(self, event: PeopleList.Selected) -> None:
        event.stop()
        self.post_message(self.Chosen(event.key))
