"""Finding quoted stretches of text from the quotation marks alone.

Pure text work, no parse: the marks are paired here so that the attribution
rules can work on whole quotations. News text mixes straight, curly and
guillemet marks and uses ’ as an apostrophe, and pasted articles lose marks,
so pairing must never produce a span that runs on past its paragraph.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
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
        paired = _pair_paragraph(paragraph, offset, continues)
        found.extend(paired.closed)
        next_start = offset + len(paragraph) + 1
        # A quotation left open carries on only if the next paragraph opens with a mark;
        # otherwise its opening mark was stray, and the quotations inside it stand alone.
        continues = paired.left_open is not None and _opens_with_mark(text, next_start)
        if continues:
            found.append(paired.left_open)
        else:
            found.extend(paired.nested)
        offset = next_start
    return sorted(found, key=lambda q: q.start)


def _opens_with_mark(text: str, start: int) -> bool:
    rest = text[start:].lstrip()
    return bool(rest) and (rest[0] in DOUBLE_OPEN + DOUBLE_CLOSE or rest[0] == STRAIGHT_DOUBLE)


_MARK = re.compile(r"''|``|[\"“”„«»‹›‘’']")


@dataclass(slots=True)
class _Paired:
    """One paragraph's quotations: those closed, the one left open, and those inside it."""

    closed: list[Quoted]
    left_open: Quoted | None
    nested: list[Quoted]


def _pair_paragraph(paragraph: str, offset: int, continues: bool) -> _Paired:
    """Pair double marks in one paragraph; single marks only outside double ones.

    Curly marks nest, inside curly or straight ones (“… he calls “hell” …”,
    "… an episode of “Jeopardy” …"); a straight mark inside a quotation
    closes it, since straight marks cannot show nesting.
    """
    quotes: list[Quoted] = []
    nested: list[Quoted] = []
    inner_starts: list[int] = []
    open_at: int | None = None
    width = 1
    single_at: int | None = None
    this_continues = False
    first_mark = True
    for match in _MARK.finditer(paragraph):
        i, mark = match.start(), match.group()
        if len(mark) == 2 or mark not in SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT_SINGLE:
            inside = open_at is not None
            if mark == "``" or _is_double_opening(paragraph, i, len(mark), inside):
                if inside and mark in DOUBLE_OPEN and paragraph[open_at] in DOUBLE_OPEN + STRAIGHT_DOUBLE:
                    inner_starts.append(i)
                else:
                    open_at, width = i, len(mark)
                    this_continues = continues and first_mark and not paragraph[:i].strip()
                    single_at = None
                    nested, inner_starts = [], []
            elif inner_starts:
                start = inner_starts.pop()
                if not inner_starts:
                    nested.append(Quoted(offset + start, offset + i + len(mark)))
            elif open_at is not None:
                quotes.append(Quoted(offset + open_at, offset + i + len(mark), True, this_continues, width))
                open_at = None
                nested = []
            first_mark = False
        elif open_at is None:
            if _is_single_opening(paragraph, i):
                single_at = i
            elif single_at is not None and _is_single_closing(paragraph, i):
                quotes.append(Quoted(offset + single_at, offset + i + 1))
                single_at = None
    end = len(paragraph.rstrip())
    if open_at is not None and end - open_at > width:
        left_open = Quoted(offset + open_at, offset + end, False, this_continues, width)
        return _Paired(quotes, left_open, nested)
    return _Paired(quotes, None, nested)


def _is_double_opening(paragraph: str, i: int, width: int, inside: bool) -> bool:
    ch = paragraph[i]
    before = paragraph[i - 1] if i else " "
    after = paragraph[i + width] if i + width < len(paragraph) else " "
    if ch in DOUBLE_OPEN:
        # “ can close a „ quotation, and an opening mark typed to close one (…51 percent.“)
        # closes it: a word before it, none after. Otherwise it opens.
        closes = (before.isalnum() or before in ".,!?…") and not (after.isalnum() or after in "‘'\"")
        return not (inside and ch == "“" and ("„" in paragraph[:i] or closes))
    if ch in DOUBLE_CLOSE:
        # A closing mark typed at the start of a quotation: ”Fear. I am afraid…
        return not inside and before.isspace() and after.isalpha()
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


def is_title_case(words: str) -> bool:
    """“Harbour Nights”, ‘A Long Way Home’: every word of four letters or more capitalised."""
    long_words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", words) if len(w) > 3]
    return bool(long_words) and all(w[0].isupper() for w in long_words)


_LINE_CLOSE = frozenset(".!?\"”’)':;,…")  # how a line of running text ends
_HEADLINE_WORDS = 25


def on_headline_line(text: str, offset: int) -> bool:
    """Whether ``offset`` is on a short line that does not end as a sentence does, a
    headline or a subheading ("Mayor says budget is safe"), or on a link to another
    story ("READ MORE: Mayor says budget is ‘safe’"), however that ends."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start : len(text) if end < 0 else end].rstrip()
    if _LINK_LABEL.match(line):
        return True
    return bool(line) and line[-1] not in _LINE_CLOSE and len(line.split()) <= _HEADLINE_WORDS


# The label of a line that links to another story. A transcript's "SMITH: …" is a speaker, not one of these.
_LINK_LABEL = re.compile(r"\s*(?:READ MORE|MORE|READ|WATCH|LISTEN|RELATED|SEE ALSO|VIDEO|PHOTOS)\s*:", re.IGNORECASE)


def is_bare_phrase(words: str) -> bool:
    """Quoted words with no punctuation of speech at their end: a phrase or a title, not a sentence said."""
    return not words.rstrip().endswith((".", ",", "!", "?", "…", "—", "–", "-", ":", ";"))


def within(spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    """A test of whether an offset falls inside any of the (sorted, disjoint) spans."""
    starts = [start for start, _ in spans]

    def inside(offset: int) -> bool:
        k = bisect.bisect_right(starts, offset) - 1
        return k >= 0 and spans[k][0] <= offset < spans[k][1]

    return inside
