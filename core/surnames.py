"""A full name the small model tags as a company or a place is a person's when the
article also names that person by the surname alone, as a person: "goals from Laia
Ferrer" tagged a facility beside "Ferrer scored" tagged a person. Without this the
reader colours one player two ways and the people view lists "Ferrer" and "Laia
Ferrer" apart.

The model tags the same word both ways in one text too ("Manchester" a person twice
among many places), so a name is taken only where nothing else speaks against it:
none of its other words is, alone, anything but a person in the text, it is not where
a place stands ("in", "at"), and it does not qualify a noun after it ("Toronto Star
file photo").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.names import PERSON_LABELS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

PERSON = PERSON_LABELS[0]
# What a name is not: amounts and times, and titles of works, laws and events, whose
# capitalised words often end in a person's surname.
_NEVER_A_NAME = frozenset(
    {"DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY", "WORK_OF_ART", "LAW", "EVENT", "LANGUAGE"}
)
# Two or three capitalised words, or a double-barrelled surname ("Soler-Cano").
_NAME_SHAPE = re.compile(r"[A-Z][\w’'.]*(?:[ -][A-Z][\w’'.]*)+\Z")
_MOST_WORDS = 3
_WHERE_A_PLACE_STANDS = frozenset({"in", "at", "near", "across", "to"})


def name_people_by_surname(doc: Doc) -> Doc:
    """A spaCy component after the entity recogniser (see the module's docstring)."""
    from spacy.tokens import Span

    alone: dict[str, set[str]] = {}
    full_names = []
    for ent in doc.ents:
        if len(ent) == 1:
            alone.setdefault(ent.text, set()).add(ent.label_)
        elif ent.label_ == PERSON:
            full_names.append(ent.text)
    changed = False
    ents = list(doc.ents)
    for at, ent in enumerate(ents):
        if _a_persons_name(ent, alone, full_names):
            ents[at] = Span(doc, ent.start, ent.end, label=PERSON)
            changed = True
    if changed:
        doc.ents = ents
    return doc


def _a_persons_name(ent: Span, alone: dict[str, set[str]], full_names: list[str]) -> bool:
    if ent.label_ == PERSON or ent.label_ in _NEVER_A_NAME or not _NAME_SHAPE.match(ent.text):
        return False
    words = [token for token in ent if token.text != "-"]
    surname = words[-1].text
    if len(words) > _MOST_WORDS:
        return False
    named = alone.get(surname) == {PERSON} or any(full.endswith(" " + ent.text) for full in full_names)
    if not named:
        return False
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].lower_ in _WHERE_A_PLACE_STANDS:
        return False
    last = ent[-1]
    if last.dep_ == "compound" and last.head.i >= ent.end:
        return False
    return not any(alone.get(token.text, {PERSON}) - {PERSON} for token in words[:-1])
