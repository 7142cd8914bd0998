"""Finding quoted stretches of text from the quotation marks alone.

Pure text work, no parse: the marks are paired here so that the attribution
rules can work on whole quotations. News text mixes straight, curly and
guillemet marks and uses ’ as an apostrophe, and pasted articles lose marks,
so pairing must never produce a span that runs on past its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«‹"
DOUBLE_CLOSE = "”»›"
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
# Characters after which a straight mark opens rather than closes a quotation.
_OPENING_CONTEXT = " \t\n([{—–-/:"


@dataclass(frozen=True, slots=True)
class Quoted:
    """One quotation between its marks, marks included.

    ``closed`` is False for a paragraph of a multi-paragraph quotation that
    ends without a closing mark (the convention: only the last one closes).
    ``continues`` is True when the quotation goes on from the paragraph before.
    """

    start: int
    end: int
    closed: bool = True
    continues: bool = False
    mark_width: int = 1

    @property
    def inner(self) -> tuple[int, int]:
        """Offsets of the words between the marks."""
        return self.start + self.mark_width, self.end - (self.mark_width if self.closed else 0)


def find_quoted(text: str) -> list[Quoted]:
    """All quotations in ``text``, in order, paired paragraph by paragraph."""
    found: list[Quoted] = []
    continues = False
    offset = 0
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            offset += len(paragraph) + 1
            continue
        quotes, still_open = _pair_paragraph(paragraph, offset, continues)
        found.extend(quotes)
        # A quotation left open carries on only if the next paragraph opens with a mark.
        next_start = offset + len(paragraph) + 1
        continues = still_open and _opens_with_mark(text, next_start)
        if still_open and not continues and quotes and not quotes[-1].closed:
            found.pop()
        offset = next_start
    return found


def _opens_with_mark(text: str, start: int) -> bool:
    rest = text[start:].lstrip()
    return bool(rest) and (rest[0] in DOUBLE_OPEN or rest[0] == STRAIGHT_DOUBLE)


_MARK = re.compile(r"''|``|[\"“”„«»‹›‘’']")


def _pair_paragraph(
    paragraph: str, offset: int, continues: bool
) -> tuple[list[Quoted], bool]:
    """Pair double marks in one paragraph; single marks only outside double ones."""
    quotes: list[Quoted] = []
    open_at: int | None = None
    width = 1
    single_at: int | None = None
    this_continues = False
    first_mark = True
    for match in _MARK.finditer(paragraph):
        i, mark = match.start(), match.group()
        if len(mark) == 2 or mark not in SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT_SINGLE:
            if mark == "``" or _is_double_opening(paragraph, i, len(mark), open_at is not None):
                open_at, width = i, len(mark)
                this_continues = continues and first_mark and not paragraph[:i].strip()
                single_at = None
            elif open_at is not None:
                quotes.append(
                    Quoted(offset + open_at, offset + i + len(mark), True, this_continues, width)
                )
                open_at = None
            first_mark = False
        elif open_at is None:
            if _is_single_opening(paragraph, i):
                single_at = i
            elif single_at is not None and _is_single_closing(paragraph, i):
                quotes.append(Quoted(offset + single_at, offset + i + 1))
                single_at = None
    if open_at is not None:
        # Left open: a paragraph of a longer quotation, or a stray mark (dropped by the caller).
        end = len(paragraph.rstrip())
        if end - open_at > width:
            quotes.append(Quoted(offset + open_at, offset + end, False, this_continues, width))
            return quotes, True
    return quotes, False


def _is_double_opening(paragraph: str, i: int, width: int, inside: bool) -> bool:
    ch = paragraph[i]
    if ch in DOUBLE_OPEN:
        # “ can close a „ quotation; otherwise it opens.
        return not (inside and ch == "“" and "„" in paragraph[:i])
    if ch in DOUBLE_CLOSE:
        return False
    before = paragraph[i - 1] if i else " "
    after = paragraph[i + width] if i + width < len(paragraph) else " "
    if not inside:
        return not after.isspace() or before in _OPENING_CONTEXT
    # Inside a quotation a straight mark closes, unless it plainly opens a new one.
    return before in _OPENING_CONTEXT and not after.isspace() and after not in ".,;:!?"


def _is_single_opening(paragraph: str, i: int) -> bool:
    ch = paragraph[i]
    if ch == SINGLE_CLOSE:
        return False
    before = paragraph[i - 1] if i else " "
    after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
    # ’90s and 'tis style elisions are not openings; a letter must follow.
    return before in _OPENING_CONTEXT + '"“' and after.isalpha()


def _is_single_closing(paragraph: str, i: int) -> bool:
    before = paragraph[i - 1] if i else " "
    after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
    # don’t, Putin’s: a letter after the mark makes it an apostrophe.
    return not before.isspace() and not after.isalnum()
