"""The app's people views, kept out of ``tui.app``: the people and
organisations list, an entity's page, identities in search, the way in
from a name in the reader or a source in the side panel, and the sources overview.

A mixin of ``NewsReader``: Textual finds these message handlers on the app.
The screens and the people data are imported when first used, after the first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from widgets.categories import CATEGORIES
from widgets.words import counted

if TYPE_CHECKING:  # the identities and search: imported by the workers, after the first paint
    from collections.abc import Sequence

    from core.identities import Identity, IdentityKey, Table
    from core.search.index import Hit
    from tui.app import NewsReader
    from tui.present_people import Place
    from widgets.entity_screen import EntityScreen
    from widgets.marks import EntityMark
    from widgets.people_list import PersonRow
    from widgets.people_screen import PeopleScreen
    from widgets.reader import ReaderView
    from widgets.search_panel import ResultRow
    from widgets.sourcing import SourcesOverview

LISTED = 300  # names "@" alone lists in search: typing finds the rest
_LABELS = {category: labels for category, _, labels in CATEGORIES}


class PeopleViews:
    """Needs ``self`` to be the ``NewsReader``."""

    def _people_state(self: NewsReader) -> None:
        self._people_table: Sequence[Identity] = []
        self._rows_made: tuple[Table, Sequence[PersonRow]] | None = None
        self._found_identities: list[Identity] = []
        self._top_sources: list[str] = []
        self._places: dict[EntityScreen, list[Place]] = {}
        self._people_drawn = -1  # the identities' table version the open list shows

    # -- the list ---------------------------------------------------------

    def action_people(self: NewsReader) -> None:
        """The screen comes with its first rows, so its first frame shows them."""
        from widgets.people_list import EVERY_KIND
        from widgets.people_screen import PeopleScreen

        self.push_screen(PeopleScreen(*self._listing("", EVERY_KIND)))

    def on_people_screen_changed(self: NewsReader, event: PeopleScreen.Changed) -> None:
        from widgets.people_screen import PeopleScreen

        if self.screen_stack and isinstance(self.screen, PeopleScreen):
            self.typing.keystroke()
            self.screen.show_rows(event.query, *self._listing(event.query, event.kinds))

    def _listing(self: NewsReader, query: str, kinds: frozenset[str]) -> tuple[Sequence[PersonRow], str]:
        """The rows for what is typed and the kinds chosen, and the status line above them, from the
        last table made: a keystroke never waits for one (the workers remake it)."""
        from core.identities import places
        from tui.present_people import people_status, person_rows
        from widgets.people_list import EVERY_KIND

        labels = None if kinds == EVERY_KIND else frozenset(label for kind in kinds for label in _LABELS[kind])
        identities = self.corpus.identities
        table, rows = self.people_rows()
        if query.strip():
            listed = [rows[place] for place in places(table, identities.filter(query, labels, current=False))]
        elif labels is None:
            listed = rows
        else:  # a kind key pressed: the table's order, from its column of labels
            listed = person_rows(table, table.labelled(labels))
        pending = len(self.corpus.articles) - len(self.corpus.analyses)
        self._people_table = table  # what the rows' keys point into
        self._people_drawn = identities.table_version
        return listed, people_status(len(listed), len(table), pending, filtered=bool(query or labels))

    def people_rows(self: NewsReader) -> tuple[Table, Sequence[PersonRow]]:
        """Every identity's row, keyed by its place in the last table made: made once per table
        (by the loading worker, once every cached analysis is in, so the view opens without making them)."""
        from tui import present_people

        table = self.corpus.identities.table(current=False)
        if self._rows_made is None or self._rows_made[0] is not table:
            self._rows_made = (table, present_people.person_rows(table))
        return self._rows_made

    def people_analysed(self: NewsReader) -> None:
        """New analyses, or a table made by a worker: redraw the open list from the last
        table made, so it grows as analysis proceeds. The workers remake the table when it
        is due (``tui.workers.remake_people``): at 100,000 articles that takes seconds."""
        from widgets.people_screen import PeopleScreen

        screen = self.screen
        if not isinstance(screen, PeopleScreen):
            return
        identities = self.corpus.identities
        if identities.table_version != self._people_drawn:
            screen.show_rows(screen.input.value, *self._listing(screen.input.value, screen.kinds))

    def on_people_screen_chosen(self: NewsReader, event: PeopleScreen.Chosen) -> None:
        self.open_entity(self._people_table[event.key].key)

    # -- an entity's page ---------------------------------------------------

    def open_entity(self: NewsReader, key: IdentityKey) -> None:
        from tui import present_people
        from widgets.entity_screen import EntityScreen

        page = self.corpus.identities.page(key, current=False, together=present_people.TOGETHER)
        if page is None:
            return
        record, places = present_people.entity_page(page, self.corpus.articles, self.corpus.analyses)
        screen = EntityScreen(record)
        self._places[screen] = places
        self.push_screen(screen, lambda _: self._places.pop(screen, None))

    def on_entity_screen_chosen(self: NewsReader, event: EntityScreen.Chosen) -> None:
        from widgets.entity_screen import EntityScreen
        from widgets.people_screen import PeopleScreen

        place = self._places.get(self.screen, [])[event.key]  # type: ignore[index]
        if place.entity is not None:
            self.open_entity(place.entity)
            return
        while isinstance(self.screen, (EntityScreen, PeopleScreen)):
            self.pop_screen()
        if place.articles:
            self.filter_list(set(place.articles))
            self.article_list.focus()
            return
        self._read(place.article_id, place.quote)
        if place.quote is None:
            from widgets.marks import FocusMark

            self.reader.mark((FocusMark(place.start, place.end, "match"),))

    # -- ways in: the reader, the side panel, search ----------------------------

    def on_reader_view_entity_selected(self: NewsReader, event: ReaderView.EntitySelected) -> None:
        identity = self._identity_at(event.mark)
        if identity is None:
            self.note_status(None)
        else:
            articles = counted(identity.articles, "article")
            self.note_status(f"{identity.name} · {articles} · enter: everything about them")

    def on_reader_view_entity_opened(self: NewsReader, event: ReaderView.EntityOpened) -> None:
        identity = self._identity_at(event.mark)
        if identity is None:
            self.notify("Not a person or organisation the loaded articles name.", timeout=3)
        else:
            self.open_entity(identity.key)

    def _identity_at(self: NewsReader, mark: EntityMark | None) -> Identity | None:
        if mark is None or self.current_id is None:
            return None
        return self.corpus.identities.at(self.current_id, mark.start, current=False)

    def show_source(self: NewsReader, name: str) -> None:
        """A source's page when it is someone the articles name, else its quotes in every article."""
        identity = self.corpus.identities.named(name, current=False)
        if identity is None:
            self.show_source_everywhere(name)
        else:
            self.open_entity(identity.key)

    def action_sources_overview(self: NewsReader) -> None:
        from core.sourcing import sourcing
        from tui import present_people
        from widgets.sourcing import SourcesOverview

        found = sourcing(self.corpus.attributions.values())
        self._top_sources = [name for name, _, _ in found.top]
        self.push_screen(SourcesOverview(present_people.sourcing_summary(found)))

    def on_sources_overview_chosen(self: NewsReader, event: SourcesOverview.Chosen) -> None:
        self.show_source(self._top_sources[event.key])

    def identity_rows(self: NewsReader, query: str, hits: list[Hit]) -> list[ResultRow]:
        """Search results with names as identities: "@" alone lists every name,
        ranked; a name hit is one row per identity (keys below zero)."""
        from widgets.search_panel import ResultRow

        identities = self.corpus.identities
        from core.search.query import parse_query

        parsed = parse_query(query)
        found: list[Identity] = []
        others: list[ResultRow] = []
        if parsed.empty and parsed.kind == "entity":
            found = identities.table(current=False)[:LISTED]
        for key, hit in enumerate(hits):
            identity = identities.at(hit.article_id, hit.start, current=False) if hit.kind == "entity" else None
            if identity is None:
                others.append(ResultRow(key, hit.kind, hit.text, hit.title, hit.highlights))
            elif identity not in found:
                found.append(identity)
        self._found_identities = found
        return [ResultRow(-1 - n, "identity", _articles(i), "") for n, i in enumerate(found)] + others

    def open_found_identity(self: NewsReader, key: int) -> None:
        self.search_panel.display = False
        self.open_entity(self._found_identities[-1 - key].key)


def _articles(identity: Identity) -> str:
    return f"{identity.name} · {counted(identity.articles, 'article')}"
