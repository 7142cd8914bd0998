"""The reader's wrapping by character offsets: a line never holds more cells than the width."""

from __future__ import annotations

from rich.cells import cell_len

from widgets.wrap import _wrap_cells, wrap_offsets

NEWS = "“We will not wait,” said Zoë Brontë — the mayor’s deputy… «Non», répondit-il. Ελλάδα и Россия."


def measured(text: str, width: int) -> list[tuple[int, int]]:
    """Every paragraph wrapped by measuring each character's cells."""
    lines: list[tuple[int, int]] = []
    position = 0
    for paragraph in text.split("\n"):
        start, end = position, position + len(paragraph)
        position = end + 1
        if start == end:
            lines.append((start, start))
        else:
            _wrap_cells(text, start, end, width, lines)
    return lines


def test_narrow_punctuation_and_letters_wrap_as_measured_cell_by_cell() -> None:
    text = f"{NEWS}\n\n{NEWS * 3}"
    for width in (1, 7, 19, 40, 200):
        assert wrap_offsets(text, width) == measured(text, width)


def test_wide_characters_take_two_cells() -> None:
    text = "東京で会議があった。" * 4 + " and then “more” words"
    lines = wrap_offsets(text, 12)
    assert all(cell_len(text[start:end]) <= 12 for start, end in lines)
    assert "".join(text[start:end] for start, end in lines).replace(" ", "") == text.replace(" ", "")
    assert lines[0] == (0, 6)  # six wide characters fill twelve cells
