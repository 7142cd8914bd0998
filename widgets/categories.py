"""Entity categories: the colour kinds the reader, its legend and the people views share,
and the spaCy labels in each. Plain data, no records: the first screen's keys need it."""

from __future__ import annotations

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
