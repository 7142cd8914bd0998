"""Word wrapping that remembers where each line came from.

The reader needs, for every screen line, the character offsets it shows, so
that a span of offsets (an entity, a quote, a search match) maps to screen
lines without re-measuring anything.
"""

from __future__ import annotations

from rich.cells import cell_len


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Split ``text`` into lines of at most ``width`` cells, as (start, end) offsets.

    Paragraph breaks (newlines) always end a line; an empty paragraph is an
    empty line. Breaks fall on spaces, which are left out of the lines; a word
    longer than the width is cut.
    """
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    position = 0
    for paragraph in text.split("\n"):
        start, end = position, position + len(paragraph)
        position = end + 1
        if start == end:
            lines.append((start, start))
            continue
        if paragraph.isascii():
            _wrap_ascii(text, start, end, width, lines)
        else:
            _wrap_cells(text, start, end, width, lines)
    return lines


def _wrap_ascii(text: str, start: int, end: int, width: int, lines: list[tuple[int, int]]) -> None:
    while end - start > width:
        cut = text.rfind(" ", start, start + width + 1)
        if cut <= start:
            lines.append((start, start + width))
            start += width
        else:
            lines.append((start, cut))
            start = cut + 1
    lines.append((start, end))


def _wrap_cells(text: str, start: int, end: int, width: int, lines: list[tuple[int, int]]) -> None:
    line_start = start
    cells = 0
    last_space = -1
    index = start
    while index < end:
        char = text[index]
        char_cells = cell_len(char)
        if char == " ":
            last_space = index
        if cells + char_cells > width and index > line_start:
            if last_space > line_start:
                lines.append((line_start, last_space))
                index = line_start = last_space + 1
            else:
                lines.append((line_start, index))
                line_start = index
            cells = 0
            last_space = -1
            continue
        cells += char_cells
        index += 1
    lines.append((line_start, end))
