"""Fixtures only: an isolated home for every test, and one spaCy model for the session
(the tests that use it are marked ``slow`` automatically)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["TEXTUAL_ANIMATIONS"] = "none"

# Fixtures that load the spaCy model: a test using one is marked ``slow``.
MODEL_FIXTURES = {"analyzer"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that loads the model ``slow``, so ``-m "not slow"`` runs in seconds."""
    for item in items:
        if MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def model_only_when_slow(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test not marked ``slow`` that loads the model fails, so the mark stays true."""
    if request.node.get_closest_marker("slow") is None:
        import core.nlp

        def refuse(name: str):
            raise AssertionError(f"this test loads the spaCy model {name!r}: use the analyzer fixture or mark it slow")

        monkeypatch.setattr(core.nlp, "load_model", refuse)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Nothing a test does reaches the user's home, cache or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    return home


@pytest.fixture(scope="session")
def analyzer():
    """One loaded model for every test that needs analysis (loading costs about a second)."""
    from core.nlp import Analyzer

    loaded = Analyzer()
    loaded.load()
    return loaded


@pytest.fixture(scope="session")
def quotes_of(analyzer):
    """A text's quotes, as the analyser finds them."""
    from core.quotes.extract import extract_quotes

    def run(text: str):
        return extract_quotes(analyzer.nlp(text))

    return run
