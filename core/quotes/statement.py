"""A statement while it is being found and attributed, before it becomes a ``Quote``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token


@dataclass(slots=True)
class Statement:
    """Offsets of what was said, its cue and the head word of its speaker.

    Mutable on purpose: later passes join split quotes, widen statements to
    hold quoted words, and hand speakers on to floating quotes. ``parts`` are
    the stretches of what was said when its own cue interrupts it (empty: the
    one stretch ``start``..``end``).
    """

    start: int
    end: int
    kind: str
    cue: tuple[int, int] | None = None
    speaker: Token | None = None
    inherited: Statement | None = None
    closed: bool = True
    parts: tuple[tuple[int, int], ...] = ()


def tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens overlapping ``start``..``end``."""
    return list(each_token_in(doc, start, end))


def each_token_in(doc: Doc, start: int, end: int) -> Iterator[Token]:
    """The tokens overlapping ``start``..``end``, each made as it is read: for a reader
    that stops after the first few."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return iter(span) if span is not None else iter(())
