"""Articles longer than one pass takes (``core.nlp.PIECE_CHARS``, at most spaCy's
``nlp.max_length``) are analysed in pieces cut at paragraph, else sentence, else word boundaries;
the pieces' analyses are merged with their offsets shifted back into the
whole text. An article within the limit is one piece, analysed as before."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import replace

from core.model import Analysis, Entity, Quote, Span

# Where a piece may end, best first: after a blank line, after a sentence, after a word.
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"[.!?…][\"'”’)\]]*\s+|\n"), re.compile(r"\s+"))


def pieces(text: str, limit: int) -> list[tuple[int, str]]:
    """``(offset, piece)`` pairs covering ``text`` in order, each at most ``limit`` characters."""
    if len(text) <= limit:
        return [(0, text)]
    found: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, limit)
        found.append((start, text[start:end]))
        start = end
    found.append((start, text[start:]))
    return found


def _cut(text: str, start: int, limit: int) -> int:
    """The end of the piece that starts at ``start``: the last good break in its
    second half (so pieces stay large), else exactly ``limit`` characters on."""
    window_end = start + limit
    for pattern in _BREAKS:
        last = deque(pattern.finditer(text, start + limit // 2, window_end), maxlen=1)
        if last:
            return last[0].end()
    return window_end


def merged(parts: list[tuple[int, Analysis]]) -> Analysis:
    """One analysis from the analyses of pieces, with offsets into the whole text."""
    if len(parts) == 1 and parts[0][0] == 0:
        return parts[0][1]
    entities: list[Entity] = []
    quotes: list[Quote] = []
    for offset, analysis in parts:
        entities += (replace(e, start=e.start + offset, end=e.end + offset) for e in analysis.entities)
        quotes += (_shifted_quote(q, offset) for q in analysis.quotes)
    return Analysis(entities=tuple(entities), quotes=tuple(quotes))


def _shifted_quote(quote: Quote, offset: int) -> Quote:
    return replace(
        quote,
        start=quote.start + offset,
        end=quote.end + offset,
        speaker=_shifted(quote.speaker, offset),
        cue=_shifted(quote.cue, offset),
        descriptor=_shifted(quote.descriptor, offset),
        parts=tuple((start + offset, end + offset) for start, end in quote.parts),
    )


def _shifted(span: Span | None, offset: int) -> Span | None:
    return None if span is None else replace(span, start=span.start + offset, end=span.end + offset)
