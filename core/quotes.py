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

import bisect
import logging
import re
from dataclasses import dataclass

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
    RELATIVE_PRONOUNS,
    WORK_NOUNS,
)

log = logging.getLogger(__name__)

_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+|\n")
_LOOKBACK = 400
_MAX_JOINED_GAP = 0.2
_WINDOW = 30  # tokens searched for a cue on either side of a quotation
_NAMED_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC")
_OPENING_MARKS = ("“", "«", '"', "''", "``")
_NOT_CONTENT = ("advmod", "npadvmod", "prt", "neg", "cc", "conj", "punct")
_MAX_SIGNATURE = 5  # words in a name that signs a quotation
_DASHES = ("―", "—", "–", "-", "--")


@dataclass(slots=True)
class _Found:
    """A statement while it is being attributed; becomes a ``Quote`` at the end."""

    start: int
    end: int
    kind: str
    cue: tuple[int, int] | None = None
    speaker: Token | None = None
    inherited: _Found | None = None
    closed: bool = True


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
    direct: list[_Found] = []
    fragments: list[Quoted] = []
    for q in marks:
        if q.continues or _opens_statement(doc, text, q):
            direct.append(_attribute_direct(doc, text, q))
        else:
            fragments.append(q)
    direct = _join_split(text, direct)
    _share_within_quotation(direct, marks)
    _inherit_floating(text, direct)
    reported = [
        r for r in reported_statements(doc, inside) if not _overlaps_any(r, direct)
    ]
    statements = direct + [
        _Found(r.start, r.end, REPORTED, r.cue, r.speaker) for r in reported
    ]
    for q in fragments:
        if _is_named(doc, q):
            continue
        holder = next(
            (s for s in statements if s.kind != DIRECT and s.start <= q.start and q.end <= s.end + 1),
            None,
        )
        if holder is not None:
            holder.kind = PARTIAL
        else:
            partial = _attribute_partial(doc, text, q)
            if partial is not None:
                _add_partial(statements, partial)
    statements.sort(key=lambda s: (s.start, s.end))
    resolver = Resolver(doc, spans)
    return [_to_quote(text, s, resolver) for s in statements]


def _add_partial(statements: list[_Found], partial: _Found) -> None:
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


def _lead(text: str, start: int) -> str:
    """The words of the sentence before ``start``."""
    window = text[max(0, start - _LOOKBACK) : start]
    ends = list(_SENTENCE_END.finditer(window))
    return window[ends[-1].end() :] if ends else window


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _opens_statement(doc: Doc, text: str, q: Quoted) -> bool:
    """A quotation that begins its sentence, or follows a colon or a speech cue."""
    lead = _lead(text, q.start).strip()
    if not lead or lead.endswith(":"):
        return True
    if lead.endswith(","):
        lead_start = q.start - len(_lead(text, q.start))
        return any(is_speech_verb(t) for t in _tokens(doc, lead_start, q.start))
    return False


def _after_tokens(doc: Doc, text: str, q: Quoted) -> tuple[list[Token], bool]:
    """Tokens after the closing mark to the end of that sentence, and whether it ended."""
    out: list[Token] = []
    depth = 0
    ended = False
    for token in _tokens(doc, q.end, min(len(text), q.end + 300)):
        if token.idx < q.end:
            continue
        if "\n" in token.text or token.text in _OPENING_MARKS or len(out) >= _WINDOW:
            break
        out.append(token)
        depth += (token.text == "(") - (token.text == ")")
        if token.text in (".", "!", "?") and depth <= 0:
            ended = True
            break
    return out, ended


def _before_tokens(doc: Doc, text: str, q: Quoted) -> list[Token]:
    lead = _lead(text, q.start)
    return [t for t in _tokens(doc, q.start - len(lead), q.start) if t.idx < q.start][-_WINDOW:]


def _attribute_direct(doc: Doc, text: str, q: Quoted) -> _Found:
    inner = text[q.inner[0] : q.inner[1]].rstrip()
    lead = _lead(text, q.start).strip()
    after, ended = _after_tokens(doc, text, q)
    before = list(reversed(_before_tokens(doc, text, q)))
    signed = _signature(after)
    if signed is not None:
        return _Found(q.start, q.end, DIRECT, signed[0], signed[1], closed=q.closed)
    if inner.endswith(".") and not (ended and len(after) <= 8):
        # A quotation that ends its own sentence takes a cue after it only when
        # the cue is all that is left of the sentence ("….” Smith said.).
        after = []
    if lead.endswith((":", ",")) or not inner.endswith((",", "?", "!", "—", "-")):
        order = (before, after) if lead else (after, before)
    else:
        order = (after, before)
    for window in order:
        for k, token in enumerate(window):
            between = window[:k] if window is after else []
            found = _cue_and_speaker(token, q, between)
            if found is not None:
                return _Found(q.start, q.end, DIRECT, found[0], found[1], closed=q.closed)
    return _Found(q.start, q.end, DIRECT, closed=q.closed)


def _signature(after: list[Token]) -> tuple[tuple[int, int], Token] | None:
    """“…” ― Jane Doe: a dash and a capitalised name, alone to the end of the line, sign the quotation."""
    if len(after) < 2 or after[0].text not in _DASHES:
        return None
    name = [t for t in after[1:] if not t.is_punct]
    if not name or len(name) > _MAX_SIGNATURE or not all(t.text[:1].isupper() for t in name):
        return None
    inside = {t.i for t in name}
    head = next((t for t in name if t.head.i not in inside or t.head.i == t.i), name[-1])
    dash = after[0]
    return (dash.idx, dash.idx + len(dash.text)), head


def _cue_and_speaker(
    token: Token, q: Quoted, between: list[Token]
) -> tuple[tuple[int, int], Token] | None:
    """The cue and speaker if ``token`` is a cue; ``between`` holds the words from the quotation to it."""
    source = according_to(token)
    if source is not None:
        doc = token.doc
        to = doc[token.i + 1] if token.i + 1 < len(doc) else token
        return (token.idx, to.idx + len(to.text)), source
    if not is_speech_verb(token):
        return None
    speaker = speaker_of(token)
    named = _named_between(between)
    if named is not None and (speaker is None or speaker.i > token.i):
        # “…,” Flynn, a surrogate, said: whoever stands between quotation and cue is the speaker.
        speaker = named
    if speaker is None or q.start <= speaker.idx < q.end:
        return None
    return (token.idx, token.idx + len(token.text)), speaker


def _named_between(words: list[Token]) -> Token | None:
    """The head of the first noun phrase in ``words``."""
    words = [t for t in words if not t.is_punct and not t.is_space]
    first = next((t for t in words if t.pos_ in ("PROPN", "PRON", "NOUN")), None)
    if first is None:
        return None
    inside = {t.i for t in words}
    head = first
    while head.head.i in inside and head.head.pos_ in ("PROPN", "NOUN") and head.head.i != head.i and head.dep_ in ("compound", "amod", "det", "poss", "flat"):
        head = head.head
    return head


def _join_split(text: str, direct: list[_Found]) -> list[_Found]:
    """Join “…,” she said. “…” into one quote when the second part has no cue of its own.

    Only when the words between the parts are a small share of the whole, so
    that the joined quote is still mostly quotation.
    """
    joined: list[_Found] = []
    for found in direct:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and prev.cue is not None
            and prev.cue[0] >= prev.end
            and found.start >= prev.cue[1]
            and found.closed
            and (found.cue is None or found.cue == prev.cue)
            and "\n" not in text[prev.end : found.start]
            and found.start - prev.end <= _MAX_JOINED_GAP * (found.end - prev.start)
        ):
            prev.end = found.end
            continue
        joined.append(found)
    return joined


def _share_within_quotation(direct: list[_Found], marks: list[Quoted]) -> None:
    """The paragraphs of one quotation share the speaker that any of them names."""
    continues = {q.start for q in marks if q.continues}
    groups: list[list[_Found]] = []
    for found in direct:
        if groups and found.start in continues:
            groups[-1].append(found)
        else:
            groups.append([found])
    for group in groups:
        named = next((f for f in reversed(group) if f.speaker is not None), None)
        for found in group:
            if named is not None and found.speaker is None and found.cue is None:
                found.inherited = named


def _inherit_floating(text: str, direct: list[_Found]) -> None:
    """A quotation with no cue belongs to the speaker of the quotation just before it."""
    for prev, found in zip(direct, direct[1:]):
        if found.speaker is not None or found.cue is not None or found.inherited is not None:
            continue
        source = prev.inherited or prev
        if source.speaker is None:
            continue
        between = text[prev.end : found.start]
        if sum(1 for line in between.split("\n")[1:-1] if line.strip()) == 0:
            found.inherited = source


def _overlaps_any(r: Reported, direct: list[_Found]) -> bool:
    return any(r.start < d.end and d.start < r.end for d in direct)


def _is_named(doc: Doc, q: Quoted) -> bool:
    """So-called “experts”, nicknamed “King James”, the film “Big Daddy”: a name, not words said."""
    before = [t for t in _tokens(doc, max(0, q.start - 40), q.start) if t.idx < q.start][-3:]
    return any(
        t.lower_ in NAMING_WORDS or t.lemma_.lower() in NAMING_WORDS or t.lemma_.lower() in WORK_NOUNS
        for t in before
    )


def _is_title_case(text: str, q: Quoted) -> bool:
    """“Morning Joe”: quoted words all capitalised are a title or a name.

    Unless a speech verb governs them (he called her “Miss Piggy”), or a
    reported statement holds them: then they are still what was said.
    """
    words = re.findall(r"[^\W\d_][\w’'-]*", text[q.inner[0] : q.inner[1]])
    return False and bool(words) and all(w[0].isupper() for w in words if len(w) > 3)


def _attribute_partial(doc: Doc, text: str, q: Quoted) -> _Found | None:
    """Quoted words in a sentence, credited to the subject of the verb that governs them."""
    words = _tokens(doc, q.start, q.end)
    if not words:
        return None
    inside = {t.i for t in words}
    root = next((t for t in words if t.head.i not in inside or t.head.i == t.i), words[0])
    verb, child = root, root
    while True:
        if verb.pos_ in ("VERB", "AUX") and verb.i not in inside:
            speaker = speaker_of(verb)
            if speaker is not None and speaker.i not in inside and _can_speak(speaker):
                break
        if verb.head.i == verb.i:
            return None
        child, verb = verb, verb.head
    if not is_speech_verb(verb) and _is_title_case(text, q):
        return None
    if child.i > verb.i:
        rights = [c for c in verb.rights if not c.is_punct and c.dep_ not in _NOT_CONTENT]
        start_token = min((c.left_edge for c in rights), key=lambda t: t.i, default=child.left_edge)
        start = min(start_token.idx, q.start)
        end = max(child.right_edge.idx + len(child.right_edge.text), q.end)
        end = min(end, q.end) if child.right_edge.is_punct else end
    else:
        start, end = q.start, q.end
    start = max(start, text.rfind("\n", 0, q.start) + 1)  # a parse can run a headline into the text
    cue = (verb.idx, verb.idx + len(verb.text))
    return _Found(start, end, PARTIAL, cue, speaker)


def _can_speak(token: Token) -> bool:
    """A person, a body, or a document: something whose words can be quoted."""
    lower, lemma = token.lower_, token.lemma_.lower()
    if token.pos_ == "PRON":
        return lower in PERSONAL_PRONOUNS or lower in GROUP_PRONOUNS or lower in RELATIVE_PRONOUNS
    if token.ent_type_ in _NAMED_LABELS or token.pos_ == "PROPN":
        return True
    return bool({lower, lemma} & (ANONYMOUS_NOUNS | ORGANISATION_NOUNS | DOCUMENT_NOUNS))


def _to_quote(text: str, found: _Found, resolver: Resolver) -> Quote:
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
