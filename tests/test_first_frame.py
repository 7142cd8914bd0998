"""The first frame of a local folder shows its titles: an empty list painted first
would put the titles a frame or two (tens of milliseconds) later."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from core.ingest.base import SEEDS_DIR
from core.ingest.dispatch import load
from tests.support.app import settle
from tui.app import NewsReader

SIZE = (140, 40)


async def test_the_first_frame_of_a_local_folder_lists_its_titles(tmp_path: Path, analyzer, monkeypatch) -> None:
    frames: list[str] = []
    display = App._display

    def first_frames(app: App, screen, renderable) -> None:
        if renderable is not None and not frames:
            frames.append("\n".join(strip.text for strip in screen._compositor.render_strips()))
        display(app, screen, renderable)

    monkeypatch.setattr(App, "_display", first_frames)
    app = NewsReader([str(SEEDS_DIR)], analyzer=analyzer, cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    titles = [article.title[:20] for article in load([str(SEEDS_DIR)]).articles]
    on_screen = [title for title in titles if title in frames[0]]
    assert len(on_screen) >= 5, frames[0]
