"""What the reader can mark in a text, and how entity labels map to colours.

The widgets only see these plain records; the app builds them from the
core's analyses.
"""

from __future__ import annotations

from dataclasses import dataclass

# Legend order: (category, name shown, spaCy labels in it).
CATEGORIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("person", "Person", ("PERSON",)),
    ("org", "Organisation", ("ORG",)),
    ("place", "Place", ("GPE", "LOC", "FAC")),
    ("date", "Date", ("DATE", "TIME")),
    ("group", "Group", ("NORP",)),
    ("number", "Number", ("MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL")),
    ("other", "Other", ("EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT")),
)
_CATEGORY_OF = {label: cat for cat, _, labels in CATEGORIES for label in labels}


def category_of(label: str) -> str:
    """The colour category of a spaCy entity label (unknown labels are 'other')."""
    return _CATEGORY_OF.get(label, "other")


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
