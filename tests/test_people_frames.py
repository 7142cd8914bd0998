"""What the people views draw per frame, without spaCy: the footer's keys in a
screen's first frame, following the focus, the list's
lines drawn again only where another row shows, the scrollbar left alone
while the rows fit, and the filter's lines drawn as lines."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

from widgets.entity_screen import EntityPage, EntityScreen, PageLine
from widgets.keys_footer import KeysFooter, ShownKey, mount_keys
from widgets.people_list import KeyedRows, PeopleList, PersonRow
from widgets.text_line import TextLine

SIZE = (80, 24)


def footer_keys(screen: Screen) -> list[str]:
    return [shown.key for shown in screen.query_one(KeysFooter).keys]


def footer_line(screen: Screen) -> str:
    return screen.query_one(KeysFooter).render_line(0).text


def page() -> EntityPage:
    lines = tuple(PageLine(n, f"Article {n}", f"Some words about it, number {n}.") for n in range(3))
    return EntityPage("Ulla Khan", "person", "3 articles · 3 mentions · 0 quotes", (), (), "", (("Articles", lines),))


class Keyed(Widget, can_focus=True):
    """A focusable widget with one key of its own, shown in the footer."""

    DEFAULT_CSS = "Keyed { height: 1; }"

    def __init__(self, key: str, *, id: str) -> None:
        super().__init__(id=id)
        self._bindings.bind(key, "app.bell", f"Key {key}")


class TwoKeyed(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Keyed("x", id="first")
        yield Keyed("y", id="second")

    async def on_mount(self) -> None:
        await mount_keys(self, self.query_one("#first"))


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Keyed("h", id="home")
        yield KeysFooter()


async def test_an_entity_page_shows_its_keys_in_its_first_frame() -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        painted: list[str] = []
        display = app._display

        def painting(screen, update) -> None:
            painted.append(footer_line(screen) if isinstance(screen, EntityScreen) else "")
            display(screen, update)

        app._display = painting
        await app.push_screen(EntityScreen(page()))
        await pilot.pause()
        assert painted[0].startswith(" ⏎ Open  esc Back ")  # the focused lines' key first, from the first frame
        assert painted[0].endswith("▏^p palette ") and len(painted[0]) == SIZE[0]
        await pilot.press("escape")
        await pilot.pause()
        assert footer_keys(app.screen) == ["h"]


async def test_a_long_page_is_wrapped_once_its_first_frame_is_painted() -> None:
    """Wrapped in its first frame as it stays: a scrollbar coming a frame later would wrap every line again
    (eight lines of two screen lines each do not fit the page)."""
    words = "Words about her that run on for longer than one line of the page can hold, and on and on."
    lines = tuple(PageLine(n, f"Article {n}", words) for n in range(8))
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        first: list[list[str]] = []
        display = app._display

        def painting(screen, update) -> None:
            if isinstance(screen, EntityScreen) and not first:
                first.append([strip.text for strip in screen._compositor.render_strips()])
            display(screen, update)

        app._display = painting
        screen = EntityScreen(EntityPage("Ulla Khan", "person", "8 articles", (), (), "", (("Articles", lines),)))
        await app.push_screen(screen)
        await pilot.pause()
        await pilot.pause(0.1)
        assert screen.lines.show_vertical_scrollbar
        assert first[0] == [strip.text for strip in screen._compositor.render_strips()]


async def test_the_footer_follows_the_focus_and_a_click_presses_a_key() -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(TwoKeyed())
        await pilot.pause()
        screen = app.screen
        assert footer_keys(screen) == ["x", "escape"]
        screen.set_focus(screen.query_one("#second"))
        await pilot.pause()
        assert footer_keys(screen) == ["y", "escape"] and footer_line(screen).startswith(" y Key y  esc Back ")
        await pilot.click(KeysFooter, offset=(len(" y Key y  esc"), 0))
        await pilot.pause()
        assert footer_keys(app.screen) == ["h"] and "h Key h" in footer_line(app.screen)


def test_keys_that_do_not_fit_give_way_to_the_palette() -> None:
    footer = KeysFooter()
    footer.keys = tuple(ShownKey(str(n), str(n), f"Key number {n}", True) for n in range(9))
    footer.palette = ShownKey("ctrl+p", "^p", "palette", True)
    placed = footer._place(40)
    assert [shown.key for _, _, shown in placed] == ["0", "1", "ctrl+p"]  # " 1 Key number 1 " cut short
    assert placed[1][:2] == (16, 40 - len("▏^p palette ")) and placed[2][:2] == (28, 40)


class Listing(App[None]):
    def compose(self) -> ComposeResult:
        yield PeopleList(id="people")


def people(count: int, offset: int = 0) -> list[PersonRow]:
    return [PersonRow(n, f"Person {n + offset}", "person", count - n, 1, 0) for n in range(count)]


def shown(view: PeopleList) -> list[str]:
    return [view.render_line(y).text.split("  ")[0].strip() for y in range(view.scrollable_content_region.height)]


async def test_only_the_lines_that_show_another_row_are_drawn_again(monkeypatch) -> None:
    app = Listing()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(PeopleList)
        first = people(40)
        view.set_rows(first)
        await pilot.pause()
        drawn: list[str] = []
        draw = PeopleList._draw

        def counting(self, row, on_cursor, width):
            drawn.append(row.name)
            return draw(self, row, on_cursor, width)

        monkeypatch.setattr(PeopleList, "_draw", counting)
        changed = [*first[:3], PersonRow(99, "Someone else", "org", 1, 1, 0), *first[4:]]
        view.set_rows(changed, keep=first[0].key)
        await pilot.pause()
        assert drawn == ["Someone else"]
        drawn.clear()
        view.set_rows(first[5:], keep=None)  # every line shows another row
        await pilot.pause()
        assert len(drawn) == view.scrollable_content_region.height
        assert shown(view)[:2] == ["Person 5", "Person 6"]


async def test_the_scrollbar_follows_rows_that_stop_and_start_fitting() -> None:
    app = Listing()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(PeopleList)
        view.set_rows(people(100))
        await pilot.pause()
        view.action_move_to(-1)
        await pilot.pause()
        assert view.scroll_offset.y > 0
        view.set_rows(people(5))
        await pilot.pause()
        assert view.scroll_offset.y == 0 and view.vertical_scrollbar.window_virtual_size == 5
        view.set_rows(people(3, offset=10))  # fits before and after: the scrollbar stays as drawn
        await pilot.pause()
        assert shown(view)[:4] == ["Person 10", "Person 11", "Person 12", ""]
        view.set_rows(people(100))
        await pilot.pause()
        assert view.vertical_scrollbar.window_virtual_size == 100
        view.action_move_to(-1)
        await pilot.pause()
        assert shown(view)[-1] == "Person 99"


class Counted(KeyedRows):
    """Rows made when read, as the app's are, counting the reads."""

    def __init__(self, count: int) -> None:
        self.count, self.reads = count, 0

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.count))]
        self.reads += 1
        return people(self.count)[index] if self.count < 100 else PersonRow(index, f"Person {index}", "person", 1, 1, 0)


async def test_rows_made_when_read_are_read_a_screenful_at_a_time() -> None:
    app = Listing()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(PeopleList)
        many = Counted(1_000_000)
        view.set_rows(many, keep=500_000)  # found at its own place, not after reading half a million
        await pilot.pause()
        assert view.cursor == 500_000 and many.reads < 10 * SIZE[1]
        assert shown(view)[-1] == "Person 500000"
        again = Counted(1_000_000)
        view.set_rows(again, keep=500_000)
        await pilot.pause()
        assert again.reads < 10 * SIZE[1] and view.cursor == 500_000
        gone = Counted(1_000_000)
        view.set_rows(gone, keep=-5)  # not among them: the first row, still without reading them all
        await pilot.pause()
        assert gone.reads < 10 * SIZE[1] and view.cursor == 0


class OneLine(App[None]):
    def compose(self) -> ComposeResult:
        yield TextLine(Text("first"), id="line")


async def test_a_text_line_draws_its_text_cut_at_its_width() -> None:
    app = OneLine()
    async with app.run_test(size=(20, 3)) as pilot:
        line = app.query_one(TextLine)
        assert line.render_line(0).text == "first".ljust(20)
        line.update(Text("a line longer than the terminal is wide"))
        await pilot.pause()
        assert line.render_line(0).text == "a line longer than t"
        assert app.screen._compositor.render_strips()[0].text == "a line longer than t"
