"""The people views as a user drives them on the bundled articles: the list (e),
an entity's page, names in search, and the ways in from the reader and the side panel."""

from __future__ import annotations

from collections import Counter

import pytest

from core.model import Analysis, Entity
from core.sources import group_sources
from tests.support.app import settle
from tests.support.paths import SEEDS
from tui import people
from tui.app import NewsReader
from widgets.entity_screen import EntityScreen
from widgets.legend import Legend
from widgets.people_list import KIND_NAMES, counts_label
from widgets.people_screen import PeopleScreen
from widgets.quote_rows import SourceItem
from widgets.reader import ReaderView
from widgets.sources_panel import SourcesPanel
from widgets.sourcing import SourcesOverview

SIZE = (120, 40)


def rows(screen: PeopleScreen) -> list[str]:
    """Each row as the list draws it."""
    return [
        f"{row.name}  {KIND_NAMES[row.category]} · {counts_label(row.articles, row.mentions, row.quotes)}"
        for row in screen.rows.rows
    ]


def lines(screen: EntityScreen) -> list[str]:
    """Each row's heading: a section's, or a line's."""
    return [row if isinstance(row, str) else row.heading for row in screen.lines.rows]


def drawn(screen: EntityScreen) -> list[str]:
    """The page's lines as the screen shows them."""
    view = screen.lines
    return [view.render_line(y).text.rstrip() for y in range(view.scrollable_content_region.height)]


@pytest.fixture
async def seeds(analyzer):
    app = NewsReader([str(SEEDS)], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        yield app, pilot


async def test_e_lists_putin_once_with_variants_merged(seeds) -> None:
    app, pilot = seeds
    await pilot.press("e")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, PeopleScreen)
    listed = rows(screen)
    putins = [row for row in listed if "Putin" in row]
    assert putins == ["Vladimir Putin  Person · 1 article · 3 mentions · 0 quotes"]
    assert "Putin" in app.corpus.identities.filter("vladimir putin")[0].variants
    counts = [row.articles for row in screen.rows.rows]
    assert counts == sorted(counts, reverse=True)
    await pilot.press(*"ptuin")
    assert rows(screen) == putins
    await pilot.press(*["backspace"] * 5, "2")
    assert rows(screen) and all("Organisation" in row for row in rows(screen))
    await pilot.press("0")
    assert len(rows(screen)) == len(listed)
    await pilot.press("escape")
    assert not isinstance(app.screen, PeopleScreen)


async def test_entity_page_shows_articles_and_what_others_said(seeds) -> None:
    app, pilot = seeds
    await pilot.press("e", *"vladimir putin", "enter")
    await pilot.pause()
    page = app.screen
    assert isinstance(page, EntityScreen)
    shown = lines(page)
    assert shown[0] == "Articles (1)"
    assert shown[1].startswith("China backs Russia")
    assert "What others said about it (2)" in shown
    assert any(line.startswith("A Weibo user from Chongqing · partial · hailed") for line in shown)
    assert "Named in the same articles" in "\n".join(shown)
    on_screen = drawn(page)
    assert on_screen[0] == "Articles (1)"
    assert on_screen[1].strip().startswith("China backs Russia")
    assert "Vladimir Putin" in on_screen[2]  # the snippet, under its article
    # Enter on the article opens it at the mention.
    await pilot.press("enter")
    await pilot.pause()
    assert not isinstance(app.screen, (EntityScreen, PeopleScreen))
    article = app.corpus.articles[app.current_id]
    assert article.title.startswith("China backs Russia")
    (mark,) = app.reader.focus_marks
    assert article.text[mark.start : mark.end] == "Vladimir Putin"


async def test_enter_on_a_quote_about_it_opens_the_quote(seeds) -> None:
    app, pilot = seeds
    await pilot.press("e", *"vladimir putin", "enter")
    await pilot.pause()
    page = app.screen
    weibo = next(i for i, line in enumerate(lines(page)) if line.startswith("A Weibo user"))
    while page.lines.current is not page.lines.rows[weibo]:  # down, over the sections' headings
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    roles = {mark.role for mark in app.reader.focus_marks}
    assert roles >= {"quote", "speaker"}


async def test_a_name_in_the_reader_opens_its_page(seeds) -> None:
    app, pilot = seeds
    reader = app.query_one(ReaderView)
    reader.focus()
    index = next(i for i, mark in enumerate(reader.document.entities) if mark.label == "PERSON")
    reader.select_entity(index)
    await pilot.pause()
    assert "enter: everything about them" in str(app.query_one("#status").render())
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, EntityScreen)
    assert app.screen.page.name == "Vladimir Putin"


async def test_escape_clears_the_selected_name_from_the_status_line(seeds) -> None:
    app, pilot = seeds
    status = app.query_one("#status")
    before = str(status.render())
    reader = app.query_one(ReaderView)
    reader.focus()
    reader.select_entity(next(i for i, mark in enumerate(reader.document.entities) if mark.label == "PERSON"))
    await pilot.pause()
    assert "1 article · enter: everything about them" in str(status.render())
    await pilot.press("escape")
    await pilot.pause()
    assert str(status.render()) == before


async def test_a_on_a_named_source_opens_its_page(seeds) -> None:
    app, pilot = seeds
    panel = app.query_one(SourcesPanel)
    panel.focus()
    panel.move_cursor(
        next(n for n, line in enumerate(panel.lines) if getattr(line.item, "name", "") == "Xueliang Ding")
    )
    assert isinstance(panel.cursor_item, SourceItem)
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, EntityScreen)
    assert app.screen.page.name == "Xueliang Ding"
    assert "What it said (1)" in lines(app.screen)


async def test_at_alone_lists_every_name_and_a_name_is_one_row(seeds) -> None:
    app, pilot = seeds
    await pilot.press("slash", "@")
    await settle(pilot)
    results = app.search_panel.results
    prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
    assert prompts[0] == "People and organisations"
    assert len(prompts) - 1 == min(people.LISTED, len(app.corpus.identities.table()))
    await pilot.press(*"putin")
    await settle(pilot)
    prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
    assert prompts[:2] == ["People and organisations", "Vladimir Putin · 1 article"]
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, EntityScreen)


async def test_the_list_grows_as_analyses_arrive(seeds) -> None:
    app, pilot = seeds
    await pilot.press("e")
    await pilot.pause()
    before = len(rows(app.screen))
    app.corpus.identities.add("late", Analysis((Entity(0, 9, "PERSON", "Ulla Khan"),)))
    app.corpus.identities.table()  # as the loading worker makes it
    app.people_analysed()
    await pilot.pause()
    assert len(rows(app.screen)) == before + 1
    assert any(row.startswith("Ulla Khan") for row in rows(app.screen))


async def test_typing_while_analyses_arrive_never_waits_for_a_new_table(seeds) -> None:
    """A table of a million keys takes seconds to make: a keystroke reads the last one,
    and the list catches up when a new one is made."""
    app, pilot = seeds
    await pilot.press("e")
    await pilot.pause()
    identities = app.corpus.identities
    made = identities.table_version
    identities.add("late", Analysis((Entity(0, 9, "PERSON", "Ulla Khan"),)))
    await pilot.press(*"ulla")
    await pilot.pause()
    assert identities.table_version == made
    assert not any(row.startswith("Ulla Khan") for row in rows(app.screen))
    identities.table()
    app.people_analysed()
    await pilot.pause()
    assert any(row.startswith("Ulla Khan") for row in rows(app.screen))


async def test_the_ui_thread_reads_the_last_table_made_and_never_makes_one(seeds, monkeypatch) -> None:
    """While analyses arrive, a name picked in the reader, its page, a source's page and a
    search's names read the last table made: at 100,000 articles making one held the screen
    for seconds. The loading worker remakes it when it is due."""
    import core.identities
    from tui.workers import remake_people

    app, pilot = seeds
    identities = app.corpus.identities
    identities.table()
    identities.add("late", Analysis((Entity(0, 9, "PERSON", "Ulla Khan"),)))  # the table is behind now
    made: list[object] = []
    make_table = core.identities._make_table
    monkeypatch.setattr(core.identities, "_make_table", lambda *args: made.append(args) or make_table(*args))
    reader = app.query_one(ReaderView)
    reader.focus()
    reader.select_entity(next(i for i, mark in enumerate(reader.document.entities) if mark.label == "PERSON"))
    await pilot.pause()
    assert "enter: everything about them" in str(app.query_one("#status").render())
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, EntityScreen) and app.screen.page.name == "Vladimir Putin"
    await pilot.press("escape")
    app.show_source("Xueliang Ding")
    await pilot.pause()
    assert isinstance(app.screen, EntityScreen) and app.screen.page.name == "Xueliang Ding"
    await pilot.press("escape")
    await pilot.press("slash", "@")
    await settle(pilot)
    assert " article" in str(app.search_panel.results.get_option_at_index(1).prompt)  # names, ranked
    assert made == []
    identities._made_in = 0.0  # as if the last table took no time: the next one is due at once
    remake_people(app)
    assert len(made) == 1 and identities.table_version == identities.version


async def test_sources_panel_header_shows_kinds_and_anonymous_share(seeds) -> None:
    app, pilot = seeds
    header = str(app.sources_panel.heading)
    kinds = Counter(source.kind for source in group_sources(app.corpus.analyses[app.current_id].quotes))
    assert f"{kinds['person']} person · {kinds['organisation']} org · {kinds['anonymous']} anonymous" in header
    assert "% of quotes anonymous" in header
    assert "█" in header


async def test_sources_overview_from_the_palette(seeds) -> None:
    app, pilot = seeds
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"Sources overview")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()
    overview = app.screen
    assert isinstance(overview, SourcesOverview)
    summary = str(overview.query_one("#overview-summary").render())
    assert "% of quotes are from anonymous sources." in summary
    assert "anonymous" in summary and "person" in summary
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, EntityScreen)
    assert app.screen.page.name == overview.summary.top[0].name


async def test_typing_and_kind_keys_repaint_without_laying_the_screen_out(seeds, monkeypatch) -> None:
    """A layout of the whole screen per keystroke would cost the filter its frame budget."""
    app, pilot = seeds
    await pilot.press("e")
    await pilot.pause()
    screen = app.screen
    legend = str(screen.query_one(Legend).content.markup)
    laid_out = []
    refresh_layout = screen._refresh_layout

    def counted(size=None, scroll: bool = False) -> None:
        laid_out.append(scroll)
        refresh_layout(size, scroll)

    monkeypatch.setattr(screen, "_refresh_layout", counted)
    await pilot.press("p", "u", "2")
    await pilot.pause()
    assert screen.shown_for == ("pu", frozenset({"org"}))
    assert str(screen.query_one(Legend).content.markup) != legend
    await pilot.press("backspace", "0")
    await pilot.pause()
    assert screen.shown_for[0] == "p" and str(screen.query_one(Legend).content.markup) == legend
    assert False not in laid_out  # scrolling the list back to its top is not a layout


async def test_no_garbage_collection_while_typing_a_filter_and_again_once_typing_stops(seeds, monkeypatch) -> None:
    """A full collection landing on a keystroke was the slowest key of the filter: the
    collector waits while the user types (people filter and search), as Textual's does
    while a scroll animates, and runs again once the typing stops."""
    import gc

    from tui import collector

    monkeypatch.setattr(collector, "RESUME_AFTER", 2.0)  # long enough for a loaded machine's key press

    async def back_on() -> bool:
        for _ in range(200):
            if gc.isenabled():
                return True
            await pilot.pause(0.05)
        return False

    app, pilot = seeds
    assert gc.isenabled()
    await pilot.press("e")
    await pilot.pause()
    await pilot.press("p")
    assert not gc.isenabled()
    assert await back_on()
    await pilot.press("escape", "escape")
    await pilot.pause()
    await pilot.press("slash", "f")
    assert not gc.isenabled()
    assert await back_on()


async def test_the_collector_is_back_on_when_the_app_closes_mid_pause(analyzer, monkeypatch) -> None:
    import gc

    from tui import collector

    monkeypatch.setattr(collector, "RESUME_AFTER", 60.0)
    app = NewsReader([str(SEEDS)], analyzer=analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "f")
        await pilot.pause()
        assert not gc.isenabled()
    assert gc.isenabled()
