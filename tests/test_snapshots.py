"""The main screen's layout, as SVG snapshots at a roomy and a small terminal,
and the people views and the reader alone at the sizes users have.

Update after an intended change with: pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest

from tests.support.app import settle
from tests.support.paths import SEEDS
from tui.app import NewsReader

SIZES = [(160, 45), (120, 40), (80, 24)]
IDS = ["160x45", "120x40", "80x24"]


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_main_screen(snap_compare, analyzer, size: tuple[int, int]) -> None:
    app = NewsReader([str(SEEDS)], analyzer=analyzer)
    assert snap_compare(app, terminal_size=size, run_before=settle)


def test_search_results(snap_compare, analyzer) -> None:
    async def search(pilot) -> None:
        await settle(pilot)
        pilot.app.search_panel.input.cursor_blink = False
        await pilot.press("slash", *"ding")
        await settle(pilot)

    app = NewsReader([str(SEEDS)], analyzer=analyzer)
    assert snap_compare(app, terminal_size=(120, 40), run_before=search)


def test_reader_alone_on_a_small_terminal(snap_compare, analyzer) -> None:
    async def whole_width(pilot) -> None:
        await settle(pilot)
        await pilot.press("z")

    app = NewsReader([str(SEEDS)], analyzer=analyzer)
    assert snap_compare(app, terminal_size=(80, 24), run_before=whole_width)


@pytest.mark.parametrize("size", [(160, 45), (80, 24)], ids=["160x45", "80x24"])
def test_people_view(snap_compare, analyzer, size: tuple[int, int]) -> None:
    async def people(pilot) -> None:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()

    app = NewsReader([str(SEEDS)], analyzer=analyzer)
    assert snap_compare(app, terminal_size=size, run_before=people)


@pytest.mark.parametrize("size", [(160, 45), (80, 24)], ids=["160x45", "80x24"])
def test_entity_page(snap_compare, analyzer, size: tuple[int, int]) -> None:
    async def page(pilot) -> None:
        await settle(pilot)
        await pilot.press("e", *"putin", "enter")
        await pilot.pause()

    app = NewsReader([str(SEEDS)], analyzer=analyzer)
    assert snap_compare(app, terminal_size=size, run_before=page)
