"""Who said what: quotations and reported speech, attributed to their speakers.

Passes over one parsed article:

1. quotation marks are paired (``core.quote_marks``); quotations that open a
   sentence are direct quotes, attributed in ``core.direct_quotes``;
2. reported speech is read off the parse (``core.reported``), except where a
   direct quote already holds it;
3. quoted words inside a sentence make the reported statement holding them
   partial, or become partial quotes of their own (``core.partial_quotes``);
4. speakers are resolved to full names, in text order (``core.speakers``).
"""

from __future__ import annotations

import bisect
import logging

from spacy.tokens import Doc

from core.direct_quotes import (
    attribute_direct,
    inherit_floating,
    is_heading,
    join_split,
    opens_statement,
    share_within_quotation,
)
from core.model import DIRECT, PARTIAL, REPORTED, Quote, Span
from core.partial_quotes import attribute_partial, is_named
from core.quote_marks import Quoted, find_quoted
from core.reported import Reported, reported_statements
from core.speakers import Resolver, mention_of
from core.statement import Statement

log = logging.getLogger(__name__)

_CLAUSE_BREAKS = (", and ", ", but ", "; ", " — ", " - ")
_TRAILING = " ,;:—–-\n"
_MIN_WORDS = 2


def extract_quotes(doc: Doc) -> list[Quote]:
    """All attributed statements in ``doc``, sorted by start; never raises.

    Article text is untrusted and the parser can be wrong in any way, so a
    failure here loses the quotes of one article, not the article.
    """
    try:
        return _extract(doc)
    except Exception:  # noqa: BLE001 - see docstring
        log.exception("quote extraction failed")
        return []


def _extract(doc: Doc) -> list[Quote]:
    text = doc.text  # spaCy rebuilds it on every access: read it once
    marks = find_quoted(text)
    spans = [(q.start, q.end) for q in marks]
    inside = _inside_test(spans)
    direct: list[Statement] = []
    fragments: list[Quoted] = []
    for q in marks:
        if is_heading(text, q):
            continue
        if q.continues or opens_statement(doc, text, q):
            direct.append(attribute_direct(doc, text, q))
        else:
            fragments.append(q)
    direct = join_split(text, direct)
    share_within_quotation(direct, marks)
    inherit_floating(text, direct)
    statements = list(direct)
    for r in reported_statements(doc, inside):
        end = _end_before_quotes(text, r, direct)
        if end is not None:
            statements.append(Statement(r.start, end, REPORTED, r.cue, r.speaker))
    for q in fragments:
        if is_named(doc, q):
            continue
        holder = next(
            (s for s in statements if s.kind != DIRECT and s.start <= q.start and q.end <= s.end + 1),
            None,
        )
        if holder is not None:
            holder.kind, holder.end = PARTIAL, max(holder.end, q.end)
        else:
            partial = attribute_partial(doc, text, q)
            if partial is not None:
                _add_partial(statements, partial)
    statements.sort(key=lambda s: (s.start, s.end))
    resolver = Resolver(doc, spans)
    return [_to_quote(text, s, resolver) for s in statements]


def _add_partial(statements: list[Statement], partial: Statement) -> None:
    """Add quoted words, or widen the statement already made with the same cue to hold them."""
    for s in statements:
        if s.cue == partial.cue and s.kind != DIRECT:
            s.start, s.end, s.kind = min(s.start, partial.start), max(s.end, partial.end), PARTIAL
            return
    statements.append(partial)


def _inside_test(spans: list[tuple[int, int]]):
    starts = [s for s, _ in spans]

    def inside(offset: int) -> bool:
        k = bisect.bisect_right(starts, offset) - 1
        return k >= 0 and spans[k][0] <= offset < spans[k][1]

    return inside


def _end_before_quotes(text: str, r: Reported, direct: list[Statement]) -> int | None:
    """Where a reported statement ends once the direct quotes are left out of it.

    A direct quote already holds what it overlaps; a statement that runs on
    into a later quotation ("She said X, and when pressed, replied, “…”") keeps
    what comes before the clause that leads into it. None: nothing is left.
    """
    end = r.end
    for d in direct:
        if d.start < end and r.start < d.end:
            if d.start <= r.start or d.start <= r.cue[1]:
                return None
            end = d.start
    if end == r.end:
        return end
    head = text[r.start : end]
    cut = max(head.rfind(sep) for sep in _CLAUSE_BREAKS)
    head = head[:cut] if cut > 0 else head
    head = head.rstrip(_TRAILING)
    return r.start + len(head) if len(head.split()) >= _MIN_WORDS else None


def _to_quote(text: str, found: Statement, resolver: Resolver) -> Quote:
    cue = None if found.cue is None else Span(*found.cue, text[found.cue[0] : found.cue[1]])
    source = found.inherited or found
    if source.speaker is None:
        return Quote(found.start, found.end, text[found.start : found.end], found.kind, cue=cue)
    mention = mention_of(source.speaker)
    identity = resolver.identify(mention)
    return Quote(
        found.start,
        found.end,
        text[found.start : found.end],
        found.kind,
        speaker=mention.span,
        speaker_name=identity.name,
        cue=cue,
        source_kind=identity.kind,
        descriptor=mention.descriptor,
    )
