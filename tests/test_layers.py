"""The three layers hold: a core without Textual, widgets without NLP or search."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def modules_of(package: str) -> list[Path]:
    return sorted((ROOT / package).glob("*.py"))


@pytest.mark.parametrize("path", modules_of("core"), ids=lambda p: p.name)
def test_core_imports_no_ui(path: Path) -> None:
    forbidden = {"textual", "rich", "widgets", "tui"}
    assert not {name for name in imported_modules(path) if name.split(".")[0] in forbidden}


@pytest.mark.parametrize("path", modules_of("widgets"), ids=lambda p: p.name)
def test_widgets_import_no_nlp_search_or_app(path: Path) -> None:
    forbidden = {"spacy", "rapidfuzz", "numpy", "tui", "core"}
    assert not {name for name in imported_modules(path) if name.split(".")[0] in forbidden}
