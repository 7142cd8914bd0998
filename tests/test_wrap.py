"""The reader's wrapping by character offsets: a line never holds more cells than the width."""

from __future__ import annotations

from rich.cells import cell_len

import widgets.wrap
from widgets.wrap import wrap_offsets

NEWS = "“We will not wait,” said Zoë Brontë — the mayor’s deputy… «Non», répondit-il. Ελλάδα и Россия."


def test_narrow_punctuation_and_letters_wrap_as_measured_cell_by_cell(monkeypatch) -> None:
    text = f"{NEWS}\n\n{NEWS * 3}"
    counted = {width: wrap_offsets(text, width) for width in (1, 7, 19, 40, 200)}
    monkeypatch.setattr(widgets.wrap, "_one_cell", frozenset)  # no character counts as narrow: each is measured
    assert counted == {width: wrap_offsets(text, width) for width in counted}


def test_wide_characters_take_two_cells() -> None:
    text = "東京で会議があった。" * 4 + " and then “more” words"
    lines = wrap_offsets(text, 12)
    assert all(cell_len(text[start:end]) <= 12 for start, end in lines)
    assert "".join(text[start:end] for start, end in lines).replace(" ", "") == text.replace(" ", "")
    assert lines[0] == (0, 6)  # six wide characters fill twelve cells
