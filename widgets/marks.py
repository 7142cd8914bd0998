"""What the reader can mark in a text (entity labels map to colours in
``widgets.categories``).

The widgets only see these plain records; the app builds them from the
core's analyses. They are made once the reader is mounted, after the first paint.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EntityMark:
    """An entity mention; mentions of the same entity share ``group``."""

    start: int
    end: int
    label: str
    group: int


@dataclass(frozen=True, slots=True)
class FocusMark:
    """A temporary mark: a chosen quote, its cue and speaker, or a search match."""

    start: int
    end: int
    role: str  # "quote" | "cue" | "speaker" | "match"


@dataclass(frozen=True, slots=True)
class ReaderDocument:
    """Everything the reader shows for one article."""

    title: str
    byline: str
    text: str
    entities: tuple[EntityMark, ...] = ()
