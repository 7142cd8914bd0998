"""Word wrapping that remembers where each line came from.

The reader needs, for every screen line, the character offsets it shows, so
that a span of offsets (an entity, a quote, a search match) maps to screen
lines without re-measuring anything.
"""

from __future__ import annotations

from functools import cache

from rich.cells import cell_len

# Where news text's characters come from: Latin, Greek and Cyrillic letters, and general
# punctuation (curly quotes, dashes, the ellipsis). Those among them one cell wide are
# wrapped by counting characters, not by measuring each (``_one_cell``).
NARROW_RANGES = ((0x20, 0x7E), (0xA0, 0x2FF), (0x370, 0x52F), (0x2010, 0x205E))


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
        if paragraph.isascii() or _one_cell().issuperset(paragraph):
            _wrap_narrow(text, start, end, width, lines)
        else:
            _wrap_cells(text, start, end, width, lines)
    return lines


@cache
def _one_cell() -> frozenset[str]:
    return frozenset(c for first, last in NARROW_RANGES for c in map(chr, range(first, last + 1)) if cell_len(c) == 1)


def _wrap_narrow(text: str, start: int, end: int, width: int, lines: list[tuple[int, int]]) -> None:
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
