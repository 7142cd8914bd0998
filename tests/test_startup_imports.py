"""The first paint imports only what the first screen needs: the search engine,
numpy, rapidfuzz, the stores and the loaders come later, in workers."""

from __future__ import annotations

import subprocess
import sys

from tests.support.paths import ROOT
from tui.workers import Mailbox

LATER = ("numpy", "rapidfuzz", "spacy", "core.search", "core.store", "core.ingest.dispatch", "core.analysis")


def test_the_app_module_imports_nothing_slow() -> None:
    probe = "import sys, tui.app, tui.cli; print('\\n'.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert [name for name in LATER if name in loaded] == []


class FakeApp:
    def __init__(self) -> None:
        self.through_thread: list[object] = []

    def call_from_thread(self, call, *args) -> None:
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
