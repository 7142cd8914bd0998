"""The first paint imports only what the first screen needs: the search engine,
numpy, rapidfuzz, the stores and the loaders come later, in workers."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.support.app import settle
from tests.support.models import rule_analyzer
from tests.support.paths import ROOT
from tui.app import NewsReader
from tui.cli import _app_args, app_parser
from tui.workers import Mailbox

LATER = ("numpy", "rapidfuzz", "spacy", "core.search", "core.store", "core.ingest.dispatch", "core.analysis", "ctypes")
# What analysis (splitting long texts, the model's extra pipes), the sources views and worker processes need:
# nothing before the first frame, the loaders and the stores included.
AFTER_THE_LIST = ("core.pieces", "core.text_layout", "core.sources", "multiprocessing", "widgets.marks")
# The first frame is the status line and the article list: the other panes, the footer and the screens
# are imported when they are mounted or opened.
PANES = (
    "widgets.reader",
    "widgets.marks",
    "widgets.legend",
    "widgets.sources_panel",
    "widgets.search_panel",
    "textual.widgets._footer",
    "widgets.help_screen",
    "widgets.source_screen",
    "widgets.unreadable_screen",
    "widgets.people_screen",
    "widgets.entity_screen",
    "widgets.sourcing",
    "tui.present_people",
    "tui.commands",
)
# Readers of kinds a folder of text files does not have.
OTHER_READERS = ("core.ingest.feeds", "core.ingest.html", "core.ingest.json", "core.ingest.opml", "core.ingest.pages")


def _imported_by(probe: str) -> set[str]:
    code = f"import sys\n{probe}\nprint('\\n'.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_the_app_module_imports_nothing_slow() -> None:
    loaded = _imported_by("import tui.app, tui.cli")
    assert [name for name in LATER if name in loaded] == []
    assert [name for name in PANES if name in loaded] == []


def test_the_app_is_imported_without_the_collector() -> None:
    """What importing makes lives as long as the app: the collector, run as it came, looked it over
    some eighty times for nothing; it runs by itself again once the app is imported."""
    probe = (
        "import gc, tui.cli\nseen = []\ngc.callbacks.append(lambda phase, info: seen.append(phase))\n"
        "assert tui.cli._app_class().__name__ == 'NewsReader'\nprint(len(seen), gc.get_threshold()[0])"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    collections, threshold = map(int, done.stdout.split())
    assert collections == 0 and threshold > 0


def test_a_plain_launch_parses_no_options_and_starts_no_processes() -> None:
    launch = "import tui.cli\nfrom core.processes import default_jobs\ntui.cli._app_args(['seeds'])\ndefault_jobs()"
    loaded = _imported_by(launch)
    assert "argparse" not in loaded and "multiprocessing" not in loaded


def test_paths_alone_are_read_as_the_parser_would() -> None:
    for argv in ([], ["seeds"], ["a.txt", "b"]):
        assert vars(_app_args(argv)) == vars(app_parser().parse_args(argv))
    assert _app_args(["--jobs", "3", "seeds"]).jobs == 3  # an option: the parser reads them


def test_the_list_and_its_loaders_import_nothing_the_first_frame_does_not_show() -> None:
    worker = "core.carried, core.packed, core.store.cache, core.store.library, core.store.pages"  # as tui.workers
    loaded = _imported_by(f"import tui.app, tui.cli, {worker}\nfrom core.ingest.dispatch import load\nload(['seeds'])")
    assert [name for name in AFTER_THE_LIST if name in loaded] == []


def test_reading_text_files_imports_no_other_reader() -> None:
    loaded = _imported_by("from core.ingest.dispatch import load\nassert load(['seeds']).articles")
    assert [name for name in OTHER_READERS if name in loaded] == []
    assert "core.ingest.text" in loaded


class FakeApp:
    """Queues calls as the app's ``call_later`` does: they run later, on the UI thread."""

    def __init__(self) -> None:
        self.through_thread: list[object] = []

    def call_later(self, call, *args) -> None:
        self.through_thread.append(args)


def test_posts_before_the_widgets_exist_are_held_and_delivered_in_order() -> None:
    app, mailbox, delivered = FakeApp(), Mailbox(), []
    mailbox.post(app, delivered.append, 1)
    mailbox.post(app, delivered.append, 2)
    assert delivered == [] and app.through_thread == []
    mailbox.open()
    assert delivered == [1, 2]
    mailbox.post(app, delivered.append, 3)
    assert delivered == [1, 2] and app.through_thread == [(3,)]


async def test_a_post_from_the_loader_does_not_wait_for_the_ui_thread(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Story\n\nAnn Lee went to Bristol.\n", encoding="utf-8")
    app = NewsReader([str(tmp_path)], analyzer=rule_analyzer(), cache_dir=str(tmp_path / "cache"))
    async with app.run_test() as pilot:
        await settle(pilot)
        ran: list[str] = []
        seen_on_return: list[list[str]] = []

        def loader() -> None:
            app.mailbox.post(app, ran.append, "listed")
            seen_on_return.append(list(ran))

        thread = threading.Thread(target=loader)
        thread.start()
        thread.join(2)  # the UI thread busy (here: blocked) while the loader posts
        assert not thread.is_alive() and seen_on_return == [[]], "the loader went on at once"
        await pilot.pause()
        assert ran == ["listed"]


async def test_the_first_frame_waits_for_the_first_post_but_not_for_long() -> None:
    app, mailbox = FakeApp(), Mailbox()
    started = time.monotonic()
    await mailbox.first_post(0.05)  # nothing posted: the screen is drawn anyway, empty
    assert 0.04 < time.monotonic() - started < 1
    poster = threading.Timer(0.05, mailbox.post, (app, print, "titles"))
    poster.start()
    started = time.monotonic()
    await mailbox.first_post(30)  # woken by the post from the worker's thread, not by the timeout
    assert time.monotonic() - started < 10
    poster.join()
    await asyncio.wait_for(mailbox.first_post(30), 1)  # something is held already: no wait


async def test_the_list_is_painted_first_and_the_panes_follow(tmp_path: Path) -> None:
    for number in range(3):
        (tmp_path / f"{number}.txt").write_text(f"Story {number}\n\nAnn Lee went to Bristol.\n", encoding="utf-8")
    app = NewsReader([str(tmp_path)], analyzer=rule_analyzer(), cache_dir=str(tmp_path / "cache"))
    mount_panes, before_panes = app._mount_panes, []

    async def watched() -> None:  # what the screen held when the panes were about to be mounted
        before_panes.append((len(app.query("#reader")), list(app.article_list.shown_ids)))
        await mount_panes()

    app._mount_panes = watched  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        readers, listed = before_panes[0]
        assert readers == 0 and listed[:1] == [app.article_list.shown_ids[0]]  # a row came first, no reader
        assert app.reader.document.title == "Story 0"  # then the panes, the first article open in them
        assert app.query_one("KeysFooter").keys  # and the footer with its keys
