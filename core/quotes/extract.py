"""Who said what: quotations and reported speech, attributed to their speakers.

Passes over one parsed article:

1. quotation marks are paired (``core.quotes.marks``); quotations that open a
   sentence are direct quotes, attributed in ``core.quotes.direct``;
2. reported speech is read off the parse (``core.quotes.reported``), except where a
   direct quote already holds it;
3. quoted words inside a sentence make the reported statement holding them
   partial, or become partial quotes of their own (``core.quotes.partial``);
4. speakers are resolved to full names, in text order (``core.quotes.speakers``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from core.model import DIRECT, ORGANISATION, PARTIAL, REPORTED, Quote, Span, failure_reason
from core.quotes.direct import (
    attribute_direct,
    closes_on_comma,
    inherit_floating,
    is_heading,
    join_interrupted,
    opens_statement,
    share_within_quotation,
)
from core.quotes.lexicon import INDEFINITE_PRONOUNS, PRONOUN_WORDS
from core.quotes.marks import Quoted, find_quoted, is_bare_phrase, on_headline_line, within
from core.quotes.partial import attribute_partial, is_named
from core.quotes.reported import Reported, reported_statements
from core.quotes.speakers import Resolver, mention_of
from core.quotes.statement import Statement, tokens_in

_CLAUSE_BREAKS = (", and ", ", but ", "; ", " — ", " - ")
_LISTED = re.compile(r",? (?:and|or) ")  # between two quotations of one list
_TRAILING = " ,;:—–-\n"
_MIN_WORDS = 2
_HOLDER_REACH = 50
# How much of a reported statement may follow the quotation that opens it
# (' on Monday', ' at the hearing') for the quotation to be the whole statement.
_TRAILING_REACH = 40  # statements starting before quoted words that are tried as their holder


class QuoteExtractionError(Exception):
    """The rules broke on one article: that article's analysis fails with this reason."""


def extract_quotes(doc: Doc) -> list[Quote]:
    """All attributed statements in ``doc``, sorted by start.

    Article text is untrusted and the parser can be wrong in any way. A rule that
    breaks raises ``QuoteExtractionError``, so the article is listed as one that
    could not be analysed, with the reason, rather than shown as quoting no one.
    """
    try:
        return _extract(doc)
    except Exception as exc:
        raise QuoteExtractionError(f"quote extraction failed: {failure_reason(exc)}") from exc


def _extract(doc: Doc) -> list[Quote]:
    text = doc.text  # spaCy rebuilds it on every access: read it once
    marks = find_quoted(text)
    spans = [(q.start, q.end) for q in marks]
    inside = within(spans)
    direct: list[Statement] = []
    fragments: list[Quoted] = []
    for q in marks:
        if is_heading(text, q) or on_headline_line(text, q.start) and is_bare_phrase(text[q.inner[0] : q.inner[1]]):
            continue
        if q.continues or opens_statement(doc, text, q):
            direct.append(attribute_direct(doc, text, q))
        elif direct and _LISTED.fullmatch(text, direct[-1].end, q.start):
            # shouted “…” and “…”: each quotation of a list is said as the first one is.
            first = direct[-1]
            direct.append(Statement(q.start, q.end, DIRECT, first.cue, first.speaker, first.inherited, q.closed))
        else:
            fragments.append(q)
    share_within_quotation(direct, marks)
    inherit_floating(text, direct, doc)
    said = _Said(direct)
    # "“…,” she said his voice breaking": a cue after a quotation that ends on a comma has
    # said that quotation; words run on after it with no break are the writer's, whatever
    # the parse makes of them.
    cue_ends = {d.cue[1] for d in direct if d.cue is not None and d.end <= d.cue[0] and closes_on_comma(text, d)}
    for r in reported_statements(doc, text, inside):
        if r.cue[1] in cue_ends and r.start > r.cue[1] and not text[r.cue[1] : r.start].strip():
            continue
        end = said.end_before_quotes(text, r)
        if end is not None:
            said.add(Statement(r.start, end, REPORTED, r.cue, r.speaker))
    whole: Statement | None = None  # the last statement that is quoted words alone
    for q in fragments:
        if is_named(doc, q) or on_headline_line(text, q.start):
            continue
        if whole is not None and _LISTED.fullmatch(text, whole.end, q.start):
            whole = Statement(q.start, q.end, DIRECT, whole.cue, whole.speaker)
            said.add(whole)
            continue
        opened = said.opened_by(q)
        if opened is not None:
            if _clause_goes_on(doc, q, opened):
                # X told her "…" if she stayed: the condition is part of what was said.
                said.quote_whole(opened, q, end=opened.end, kind=PARTIAL)
            else:
                # X said "…" (on Monday): the statement is the quoted words, verbatim.
                said.quote_whole(opened, q)
                whole = opened
            continue
        holder = said.holding(q)
        if holder is not None:
            said.widen(holder, holder.start, q.end)
        else:
            partial = attribute_partial(doc, text, q)
            if partial is not None:
                same_cue = said.by_cue.get(partial.cue)
                if same_cue is None:
                    said.add(partial)
                else:
                    said.widen(same_cue, partial.start, partial.end)
    statements = join_interrupted(text, sorted(direct + said.others, key=lambda s: (s.start, s.end)))
    resolver = Resolver(doc, text, spans)
    return _one_name_per_body([_to_quote(text, s, resolver) for s in statements])


def _clause_goes_on(doc: Doc, q: Quoted, statement: Statement) -> bool:
    """Whether the statement opened by quoted words goes on past them in a clause of its own
    ("told her “…” if she stayed", "said “…” until the vote"), not a mere when or where
    ("said “…” on Monday")."""
    if statement.end <= q.end:
        return False
    after = next((t for t in tokens_in(doc, q.end, statement.end) if t.idx >= q.end and not t.is_punct), None)
    return after is not None and after.dep_ == "mark" and after.head.dep_ == "advcl"


def _body_key(name: str) -> tuple[str, ...]:
    """What stays of a body's name across its forms: "the council", "The council" and
    "the city council" are the council; "China’s Foreign Ministry" and "the Chinese
    Foreign Ministry" are the Chin… Foreign Ministry."""
    words = [w.strip("’'").removesuffix("’s").removesuffix("'s") for w in name.split()]
    words = [w for w in words if w and w.lower() != "the"]
    if not words:
        return ()
    if all(w.islower() for w in words):
        return ("", words[-1])
    if len(words) >= 2 and words[0][:1].isupper():
        return (words[0][:4].lower(),) + tuple(w.lower() for w in words[1:])
    return tuple(w.lower() for w in words)


def _one_name_per_body(quotes: list[Quote]) -> list[Quote]:
    """One ``speaker_name`` for each body the article quotes, whatever form each mention took:
    the longest form an unnamed body is given, the first form a named one is given."""
    chosen: dict[tuple[str, ...], str] = {}
    for q in quotes:
        if q.source_kind != ORGANISATION or not q.speaker_name:
            continue
        key = _body_key(q.speaker_name)
        if not key:
            continue
        known = chosen.get(key)
        if known is None or key[0] == "" and len(q.speaker_name) > len(known):
            chosen[key] = q.speaker_name
    if not chosen:
        return quotes
    out = []
    for q in quotes:
        key = _body_key(q.speaker_name) if q.source_kind == ORGANISATION and q.speaker_name else ()
        name = chosen.get(key, q.speaker_name)
        if key and key[0] == "" and name.startswith("The "):
            name = "the " + name[4:]
        out.append(q if name == q.speaker_name else replace(q, speaker_name=name))
    return out


class _Said:
    """The statements found so far, indexed so that long articles stay linear.

    Direct quotes are fixed and do not overlap; the others (reported and
    partial) are kept sorted by start and by cue, as quoted words join them.
    """

    def __init__(self, direct: list[Statement]) -> None:
        self.direct = direct
        self.direct_starts = [d.start for d in direct]
        self.direct_ends = [d.end for d in direct]
        self.others: list[Statement] = []
        self.starts: list[int] = []
        self.by_cue: dict[tuple[int, int] | None, Statement] = {}

    def add(self, statement: Statement) -> None:
        k = bisect.bisect_right(self.starts, statement.start)
        self.starts.insert(k, statement.start)
        self.others.insert(k, statement)
        self.by_cue.setdefault(statement.cue, statement)

    def widen(self, statement: Statement, start: int, end: int) -> None:
        """Make ``statement`` a partial quote reaching from ``start`` to ``end`` at least."""
        if start < statement.start:
            k = self.others.index(statement)
            del self.others[k], self.starts[k]
            statement.start = start
            k = bisect.bisect_right(self.starts, start)
            self.starts.insert(k, start)
            self.others.insert(k, statement)
        statement.end, statement.kind = max(statement.end, end), PARTIAL

    def opened_by(self, q: Quoted) -> Statement | None:
        """A reported statement that begins with these quoted words (``said "we will…"``)."""
        k = bisect.bisect_left(self.starts, q.start)
        if k < len(self.starts) and self.starts[k] <= q.start + q.mark_width:
            statement = self.others[k]
            if statement.kind == REPORTED and q.end >= statement.end - _TRAILING_REACH:
                return statement
        return None

    def quote_whole(self, statement: Statement, q: Quoted, end: int | None = None, kind: str = DIRECT) -> None:
        """The statement starts at the quotation's opening mark and ends at its closing one
        (a direct quote), or at ``end``."""
        k = self.others.index(statement)
        self.starts[k] = statement.start = q.start
        statement.end, statement.kind = q.end if end is None else end, kind

    def holding(self, q: Quoted) -> Statement | None:
        """The nearest statement, not a direct quote, that holds the quoted words or opens
        them: the parse may end 'said the flight was diverted "out of caution."' before
        the full stop and the mark that close the quotation."""
        k = bisect.bisect_right(self.starts, q.start)
        for statement in reversed(self.others[max(0, k - _HOLDER_REACH) : k]):
            if q.end <= statement.end + 1 or q.inner[0] < statement.end:
                return statement
        return None

    def end_before_quotes(self, text: str, r: Reported) -> int | None:
        """Where a reported statement ends once the direct quotes are left out of it.

        A direct quote already holds what it overlaps; a statement that runs on
        into a later quotation ("She said X, and when pressed, replied, “…”") keeps
        what comes before the clause that leads into it. None: nothing is left.
        """
        first = bisect.bisect_right(self.direct_ends, r.start)
        last = bisect.bisect_left(self.direct_starts, r.end)
        end = r.end
        for d in self.direct[first:last]:
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
        return Quote(found.start, found.end, text[found.start : found.end], found.kind, cue=cue, parts=found.parts)
    mention = mention_of(_speaker_in_paragraph(text, source))
    identity = resolver.identify(mention)
    named = mention
    if identity.name is None and mention.head.tag_ in ("WP", "WDT") and mention.head.head.dep_ == "relcl":
        # "those who say …": the speaker is "who", and who that is, the word it stands for.
        named = mention_of(mention.head.head.head)
        identity = resolver.identify(named)
    name = identity.name
    if name is None and not _stands_for_someone(named.head):
        # "commentators", "a Weibo user in Beijing", "some", "those": no name, so the words
        # the panel shows. A "he" or "they" left unresolved stays unnamed.
        name = named.span.text
    return Quote(
        found.start,
        found.end,
        text[found.start : found.end],
        found.kind,
        speaker=mention.span,
        speaker_name=name,
        cue=cue,
        source_kind=identity.kind,
        descriptor=mention.descriptor,
        parts=found.parts,
    )


def _stands_for_someone(word: Token) -> bool:
    """A pronoun that refers back to a speaker named elsewhere, not one that describes a group."""
    return word.pos_ == "PRON" and word.lower_ in PRONOUN_WORDS and word.lower_ not in INDEFINITE_PRONOUNS


def _speaker_in_paragraph(text: str, found: Statement) -> Token:
    """The speaker's head word, moved into the paragraph of its cue when the parse ran a
    heading or a photo credit into the sentence: a speaker never crosses a paragraph break."""
    head = found.speaker
    if found.cue is None:
        return head
    lo = text.rfind("\n", 0, found.cue[0]) + 1
    hi = text.find("\n", found.cue[1])
    hi = len(text) if hi < 0 else hi
    if lo <= head.idx < hi:
        return head
    inside = [t for t in head.subtree if lo <= t.idx < hi and t.pos_ in ("PROPN", "NOUN", "PRON")]
    if not inside:
        return head
    word = inside[-1] if inside[-1].i < head.i or head.idx >= hi else inside[0]
    while (
        word.head.i != word.i
        and lo <= word.head.idx < hi
        and word.head.pos_ in ("PROPN", "NOUN")
        and word.dep_ in ("compound", "flat", "amod")
    ):
        word = word.head
    return word
