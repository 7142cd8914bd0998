"""The main screen's layout, as SVG snapshots at a roomy and a small terminal.

Update after an intended change with: pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest

from tests.support.app import settle
from tests.support.paths import SEEDS
from tui.app import NewsReader


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
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
