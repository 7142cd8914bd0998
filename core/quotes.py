"""Who said what: quotations and reported speech, attributed to their speakers.

Three passes over one parsed article:

1. quotations found from their marks (``core.quote_marks``) that open a
   sentence, or follow a colon or a cue, are direct quotes; their cue and
   speaker are looked for after the closing mark, then before the opening one;
   a quotation split by its cue is joined back, and a quoted paragraph with no
   cue of its own goes to the speaker of the quote before;
2. reported speech read off the parse (``core.reported``);
3. quoted words inside a sentence are partial quotes of whoever the sentence
   says used them, or dropped as scare quotes, names and titles.

Speakers are then resolved to full names (``core.speakers``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from core.attribution import according_to, is_speech_verb, speaker_of
from core.model import DIRECT, PARTIAL, REPORTED, UNKNOWN, Quote, Span
from core.quote_marks import Quoted, find_quoted
from core.reported import Reported, reported_statements
from core.speakers import Identity, Mention, Resolver, mention_of
from core.speech_lexicon import (
    ANONYMOUS_NOUNS,
    DOCUMENT_NOUNS,
    GROUP_PRONOUNS,
    NAMING_WORDS,
    ORGANISATION_NOUNS,
    PERSONAL_PRONOUNS,
    WORK_NOUNS,
)

log = logging.getLogger(__name__)

_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+|\n")
_LOOKBACK = 400
_WINDOW = 30  # tokens searched for a cue on either side of a quotation
_NAMED_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC")


@dataclass(slots=True)
class _Found:
    """A statement while it is being attributed; becomes a ``Quote`` at the end."""

    start: int
    end: int
    kind: str
    cue: tuple[int, int] | None = None
    speaker: Token | None = None
    inherited: _Found | None = None


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
    text = doc.text
    marks = find_quoted(text)
    spans = [(q.start, q.end) for q in marks]
    inside = _inside_test(spans)
    direct: list[_Found] = []
    fragments: list[Quoted] = []
    for q in marks:
        if q.continues or _opens_statement(doc, q):
            direct.append(_attribute_direct(doc, q))
        else:
            fragments.append(q)
    direct = _join_split(text, direct)
    _inherit_floating(text, direct)
    reported = [
        r for r in reported_statements(doc, inside) if not _overlaps_any(r, direct)
    ]
    statements = direct + [
        _Found(r.start, r.end, REPORTED, r.cue, r.speaker) for r in reported
    ]
    for q in fragments:
        holder = next(
            (s for s in statements if s.kind != DIRECT and s.start <= q.start and q.end <= s.end + 1),
            None,
        )
        if holder is not None:
            holder.kind = PARTIAL
        elif not _is_name_or_title(doc, q):
            partial = _attribute_partial(doc, q)
            if partial is not None:
                statements.append(partial)
    resolver = Resolver(doc, spans)
    quotes = [_to_quote(doc, s, resolver) for s in statements]
    return sorted(quotes, key=lambda q: (q.start, q.end))


def _inside_test(spans: list[tuple[int, int]]):
    import bisect

    starts = [s for s, _ in spans]

    def inside(offset: int) -> bool:
        k = bisect.bisect_right(starts, offset) - 1
        return k >= 0 and spans[k][0] <= offset < spans[k][1]

    return inside


def _lead(text: str, start: int) -> str:
    """The words of the sentence before ``start``."""
    window = text[max(0, start - _LOOKBACK) : start]
    ends = list(_SENTENCE_END.finditer(window))
    return window[ends[-1].end() :] if ends else window


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _opens_statement(doc: Doc, q: Quoted) -> bool:
    """A quotation that begins its sentence, or follows a colon or a speech cue."""
    lead = _lead(doc.text, q.start).strip()
    if not lead or lead.endswith(":"):
        return True
    if lead.endswith(","):
        lead_start = q.start - len(_lead(doc.text, q.start))
        return any(is_speech_verb(t) for t in _tokens(doc, lead_start, q.start))
    return False


def _after_tokens(doc: Doc, q: Quoted) -> list[Token]:
    """Tokens after the closing mark, to the end of that sentence."""
    out: list[Token] = []
    for token in _tokens(doc, q.end, min(len(doc.text), q.end + 300)):
        if token.idx < q.end:
            continue
        if "\n" in token.text or token.text in "“«\"" or len(out) >= _WINDOW:
            break
        out.append(token)
        if token.text in (".", "!", "?"):
            break
    return out


def _before_tokens(doc: Doc, q: Quoted) -> list[Token]:
    lead = _lead(doc.text, q.start)
    return [t for t in _tokens(doc, q.start - len(lead), q.start) if t.idx < q.start][-_WINDOW:]


def _attribute_direct(doc: Doc, q: Quoted) -> _Found:
    inner = doc.text[q.inner[0] : q.inner[1]].rstrip()
    lead = _lead(doc.text, q.start).strip()
    after, before = _after_tokens(doc, q), list(reversed(_before_tokens(doc, q)))
    if lead.endswith((":", ",")) or not inner.endswith((",", "?", "!", "—", "-")):
        order = (before, after) if lead else (after, before)
    else:
        order = (after, before)
    for window in order:
        for token in window:
            found = _cue_and_speaker(token, q)
            if found is not None:
                return _Found(q.start, q.end, DIRECT, found[0], found[1])
    return _Found(q.start, q.end, DIRECT)


def _cue_and_speaker(token: Token, q: Quoted) -> tuple[tuple[int, int], Token] | None:
    source = according_to(token)
    if source is not None:
        doc = token.doc
        to = doc[token.i + 1] if token.i + 1 < len(doc) else token
        return (token.idx, to.idx + len(to.text)), source
    if not is_speech_verb(token):
        return None
    speaker = speaker_of(token)
    if speaker is None or q.start <= speaker.idx < q.end:
        return None
    return (token.idx, token.idx + len(token.text)), speaker


def _join_split(text: str, direct: list[_Found]) -> list[_Found]:
    """Join “…,” she said. “…” into one quote when the second part has no cue of its own."""
    joined: list[_Found] = []
    for found in direct:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and prev.cue is not None
            and prev.cue[0] >= prev.end
            and found.start >= prev.cue[1]
            and (found.cue is None or found.cue == prev.cue)
            and "\n" not in text[prev.end : found.start]
            and found.start - prev.end < 120
        ):
            prev.end = found.end
            continue
        joined.append(found)
    return joined


def _inherit_floating(text: str, direct: list[_Found]) -> None:
    """A quotation with no cue belongs to the speaker of the quotation just before it."""
    for prev, found in zip(direct, direct[1:]):
        if found.speaker is not None or found.cue is not None:
            continue
        source = prev.inherited or prev
        if source.speaker is None:
            continue
        between = text[prev.end : found.start]
        if sum(1 for line in between.split("\n")[1:-1] if line.strip()) == 0:
            found.inherited = source


def _overlaps_any(r: Reported, direct: list[_Found]) -> bool:
    return any(r.start < d.end and d.start < r.end for d in direct)


def _is_name_or_title(doc: Doc, q: Quoted) -> bool:
    """So-called “experts”, the film “Big Daddy”, nicknamed “King James”."""
    before = [t for t in _tokens(doc, max(0, q.start - 40), q.start) if t.idx < q.start][-3:]
    if any(t.lower_ in NAMING_WORDS or t.lemma_.lower() in NAMING_WORDS for t in before):
        return True
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", doc.text[q.inner[0] : q.inner[1]])]
    title_case = len(words) >= 1 and all(w[0].isupper() for w in words if len(w) > 3)
    if title_case and any(t.lemma_.lower() in WORK_NOUNS for t in before):
        return True
    return False


def _attribute_partial(doc: Doc, q: Quoted) -> _Found | None:
    """Quoted words in a sentence, credited to the subject of the verb that governs them."""
    words = _tokens(doc, q.start, q.end)
    if not words:
        return None
    inside = {t.i for t in words}
    root = next((t for t in words if t.head.i not in inside or t.head.i == t.i), words[0])
    verb, child = root, root
    while verb.pos_ not in ("VERB", "AUX") or verb.i in inside:
        if verb.head.i == verb.i:
            return None
        child, verb = verb, verb.head
    speaker = speaker_of(verb)
    if speaker is None or speaker.i in inside or not _can_speak(speaker):
        return None
    if child.i > verb.i:
        rights = [c for c in verb.rights if not c.is_punct and c.dep_ not in ("advmod", "prt", "neg", "cc", "conj")]
        start_token = min((c.left_edge for c in rights), key=lambda t: t.i, default=child.left_edge)
    else:
        start_token = child.left_edge
    start = min(start_token.idx, q.start)
    end = max(child.right_edge.idx + len(child.right_edge.text), q.end)
    end = min(end, q.end) if child.right_edge.is_punct else end
    cue = (verb.idx, verb.idx + len(verb.text))
    return _Found(start, end, PARTIAL, cue, speaker)


def _can_speak(token: Token) -> bool:
    """A person, a body, or a document: something whose words can be quoted."""
    lower, lemma = token.lower_, token.lemma_.lower()
    if token.pos_ == "PRON":
        return lower in PERSONAL_PRONOUNS or lower in GROUP_PRONOUNS or lower == "who"
    if token.ent_type_ in _NAMED_LABELS or token.pos_ == "PROPN":
        return True
    return bool({lower, lemma} & (ANONYMOUS_NOUNS | ORGANISATION_NOUNS | DOCUMENT_NOUNS))


def _to_quote(doc: Doc, found: _Found, resolver: Resolver) -> Quote:
    text = doc.text
    cue = None if found.cue is None else Span(*found.cue, text[found.cue[0] : found.cue[1]])
    source = found.inherited or found
    if source.speaker is None:
        return Quote(found.start, found.end, text[found.start : found.end], found.kind, cue=cue)
    mention: Mention = mention_of(source.speaker)
    identity: Identity = resolver.identify(mention)
    return Quote(
        found.start,
        found.end,
        text[found.start : found.end],
        found.kind,
        speaker=mention.span,
        speaker_name=identity.name,
        cue=cue,
        source_kind=identity.kind if identity else UNKNOWN,
        descriptor=mention.descriptor,
    )
