"""What a news text's layout says before the parser reads it.

A paragraph starts a sentence: a headline with no full stop is not the subject of
the first line under it. A dateline, the place a story was filed from in capitals
before a dash where the text starts ("OSLO —", "ST. JOHN'S, N.L. –", "LAGOS (AP) -"),
is a place set apart: the small model otherwise reads it as a person or a company
and runs it into the name after the dash.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

# The place in capitals, an optional region or date after a comma, an optional
# agency in brackets, then a dash.
_DATELINE = re.compile(
    r"[ \t]*(?P<place>[A-Z][A-Z.'’]*(?:[ -][A-Z][A-Z.'’]*)*)"
    r"(?:, [^\n,—–()]{1,25})?(?: \([^()\n]{1,30}\))?[ \t]*(?:—|–|--|-)[ \t]+"
)
_OPENING_PARAGRAPHS = 3  # a headline and a standfirst may come before the dateline
PLACE_LABEL = "GPE"


def dateline(text: str) -> tuple[int, int, int] | None:
    """(start, end of the place, end of the dateline) in ``text``, or None if it has none."""
    offset = 0
    seen = 0
    for paragraph in text.split("\n"):
        if paragraph.strip():
            found = _DATELINE.match(paragraph)
            if found and len(found.group("place").replace(".", "")) >= 2:
                return offset + found.start("place"), offset + found.end("place"), offset + found.end()
            seen += 1
            if seen == _OPENING_PARAGRAPHS:
                return None
        offset += len(paragraph) + 1
    return None


def mark_breaks(doc: Doc) -> Doc:
    """A spaCy component before the parser: each paragraph, and the words after a
    dateline, start a sentence."""
    found = dateline(doc.text)
    after = found[2] if found else -1
    for token in doc[1:]:
        before = doc[token.i - 1]
        starts = token.idx == after or "\n" in before.text or "\n" in before.whitespace_
        if starts and not token.is_space:
            token.is_sent_start = True
    return doc


def mark_dateline(doc: Doc) -> Doc:
    """A spaCy component after the entity recogniser: the dateline's place is one
    place entity, and no entity runs on from it past the dash."""
    found = dateline(doc.text)
    if found is None:
        return doc
    start, place_end, end = found
    place = doc.char_span(start, place_end, label=PLACE_LABEL, alignment_mode="expand")
    if place is None:
        return doc
    kept = []
    for ent in doc.ents:
        if ent.end_char <= start or ent.start_char >= place_end:
            kept.append(ent)  # the region or agency after the place ("OSLO, Norway –") stays as tagged
        elif ent.end_char > end:
            # "OSLO – Nordic Air" tagged as one name: the words after the dash stay a name.
            rest = doc.char_span(end, ent.end_char, label=ent.label_, alignment_mode="contract")
            if rest is not None and len(rest):
                kept.append(rest)
    doc.ents = sorted([*kept, place], key=lambda ent: ent.start)
    return doc
