"""Direct quotes: quotations that open a sentence, their cues and speakers.

The cue is looked for after the closing mark (“…,” she said), then before the
opening one (X said: “…”); a dash and a name sign a quotation, and a colon
after a clause or a bare name introduces one. The paragraphs of one quotation
share a speaker, and a quotation with no cue of its own (the second part of
“…,” she said. “…”, or a quoted paragraph) goes to the speaker of the
quotation before it. A quotation cut mid-sentence by its own cue (“…,” she
said, “…”) is one quote in two parts.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from core.model import DIRECT
from core.quotes.attribution import according_to, can_speak, is_speech_verb, puts_it_so, speaker_of, words_it
from core.quotes.lexicon import SAYING_ADJECTIVES, SAYING_NOUNS
from core.quotes.marks import Quoted, is_bare_phrase, is_title_case
from core.quotes.statement import Statement, each_token_in, tokens_in

_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+|\n")
_LOOKBACK = 400  # characters searched back for the start of a quotation's sentence
_MODIFIERS = ("compound", "amod", "det", "poss", "flat")
_WINDOW = 30  # tokens searched for a cue on either side of a quotation
_OPENING_MARKS = ("“", "«", '"', "''", "``")
_MAX_SIGNATURE = 5  # words in a name that signs a quotation
_DASHES = ("―", "—", "–", "-", "--")
_CLOSING_MARKS = "”\"'’»"
_ANY_MARK = '“”"«»'


def _lead(text: str, start: int) -> str:
    """The words of the sentence before ``start``."""
    window = text[max(0, start - _LOOKBACK) : start]
    ends = list(_SENTENCE_END.finditer(window))
    return window[ends[-1].end() :] if ends else window


def is_heading(text: str, q: Quoted) -> bool:
    """A quoted paragraph in Title Case, or a phrase with no closing punctuation, is a heading."""
    line_start = text.rfind("\n", 0, q.start) + 1
    line_end = text.find("\n", q.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    inner = text[q.inner[0] : q.inner[1]]
    return line.strip() == text[q.start : q.end].strip() and (is_title_case(inner) or is_bare_phrase(inner))


def opens_statement(doc: Doc, text: str, q: Quoted) -> bool:
    """A quotation that begins its sentence, or follows a colon or a speech cue."""
    words_before = _lead(text, q.start)
    lead = words_before.strip()
    inner = text[q.inner[0] : q.inner[1]]
    if not lead and is_bare_phrase(inner) and is_title_case(inner):
        return False  # “The Lost City” opened in May: a title as the subject, not words said
    if not lead or lead.endswith(":"):
        return True
    if lead.endswith(",") and is_bare_phrase(inner) and text[q.end : q.end + 2].strip()[:1].isalpha():
        return False  # said that, “we will appeal” against the ban: quoted words inside the statement
    if lead.endswith(",") and _in_that_clause(doc, q):
        return False  # said that if the vote passed, “we will appeal”: the that-clause goes on in quotation
    if lead.endswith(",") or lead.endswith((", and", ", but")) and lead.startswith(_OPENING_MARKS):
        # “…,” she said, but “…”: after a quotation and its cue, the next quotation goes on with it.
        lead_start = q.start - len(words_before)
        before = list(reversed(_before_tokens(doc, q, words_before)))
        return (
            any(is_speech_verb(t) or _opens_with_put_it(t) for t in tokens_in(doc, lead_start, q.start))
            or _in_words_of(before) is not None
            or (_in_view_of(before) is not None and not is_bare_phrase(inner))
        )
    return False


def _opens_with_put_it(token: Token) -> bool:
    """ "As Lee puts it, “You show up.”": the idiom opening the sentence names who worded
    the quotation after it. Set into a clause ("…, as the engineer put it, “not even
    empty ones”"), it leads into quoted words that finish the writer's clause: a partial quote."""
    return puts_it_so(token) and token.left_edge.i == token.sent.start


def _in_that_clause(doc: Doc, q: Quoted) -> bool:
    """Whether the quotation finishes a that-clause opened before it, inside one cue's statement."""
    words = [t for t in tokens_in(doc, q.inner[0], q.inner[1]) if t.idx >= q.inner[0]]
    inside = {t.i for t in words}
    root = next((t for t in words if t.head.i not in inside or t.head.i == t.i), None)
    for clause in [root, *root.ancestors] if root is not None else []:
        if is_speech_verb(clause):
            return False
        if any(c.dep_ == "mark" and c.lower_ == "that" and c.idx < q.start for c in clause.children):
            return True
    return False


def _after_tokens(doc: Doc, text: str, q: Quoted) -> tuple[list[Token], bool]:
    """Tokens after the closing mark to the end of that sentence, and whether it ended."""
    out: list[Token] = []
    depth = 0
    ended = False
    for token in each_token_in(doc, q.end, min(len(text), q.end + 300)):
        if token.idx < q.end:
            continue
        word = token.text
        if "\n" in word or word in _OPENING_MARKS or len(out) >= _WINDOW:
            break
        out.append(token)
        depth += (word == "(") - (word == ")")
        if word in (".", "!", "?") and depth <= 0:
            ended = True
            break
    return out, ended


def _before_tokens(doc: Doc, q: Quoted, lead: str) -> list[Token]:
    """The tokens of ``lead``, the words of the sentence before the quotation, the last ``_WINDOW``."""
    return [t for t in tokens_in(doc, q.start - len(lead), q.start) if t.idx < q.start][-_WINDOW:]


def attribute_direct(doc: Doc, text: str, q: Quoted) -> Statement:
    inner = text[q.inner[0] : q.inner[1]].rstrip()
    words_before = _lead(text, q.start)
    lead = words_before.strip()
    after, ended = _after_tokens(doc, text, q)
    before = list(reversed(_before_tokens(doc, q, words_before)))
    signed = _signature(after)
    if signed is not None:
        return Statement(q.start, q.end, DIRECT, signed[0], signed[1], closed=q.closed)
    if inner.endswith(".") and not (ended and len(after) <= 8):
        # A quotation that ends its own sentence takes a cue after it only when
        # the cue is all that is left of the sentence ("….” Smith said.).
        after = []
    if lead.endswith((":", ",")) or not inner.endswith((",", "?", "!", "—", "-")):
        order = (before, after) if lead else (after, before)
    else:
        order = (after, before)
    runs_on = inner[-1:].isalnum()  # no punctuation of its own: the sentence may go on past it
    for window in order:
        for k, token in enumerate(window):
            between = window[:k] if window is after else []
            end = _run_on_end(between) if runs_on else None
            found = _cue_and_speaker(token, q, [t for t in between if t.idx > end] if end else between)
            if found is not None:
                return Statement(q.start, end or q.end, DIRECT, found[0], found[1], closed=q.closed)
    introduced = (
        _colon_introduction(before)
        if lead.endswith(":")
        else _speaker_label(doc, q) or _in_view_of(before) or _in_words_of(before)
    )
    if introduced is not None:
        return Statement(q.start, q.end, DIRECT, introduced[0], introduced[1], closed=q.closed)
    return Statement(q.start, q.end, DIRECT, closed=q.closed)


def _run_on_end(between: list[Token]) -> int | None:
    """“The bank broke the rules” for years, she said: a quotation with no punctuation of
    its own that the sentence goes on past, in lower case, to its set-off cue. What was
    said is the whole clause before the cue, quoted words first; the end of that clause."""
    if not between or not (between[0].is_alpha and between[0].is_lower):
        return None
    comma = next((t for t in between if t.text == ","), None)
    if comma is None or any(t.text in _ANY_MARK or "\n" in t.text for t in between[: comma.i - between[0].i]):
        return None
    return comma.idx


_AFTER_CUE = ("nsubj", "dobj", "attr", "npadvmod", "dep", "appos", "oprd")  # a subject the parser put after its verb
_MAX_LABEL = 3  # words in a transcript's speaker label
_WORDS_REACH = 10  # tokens back from the comma to "words" in "In the words of X,"
_OWNING_PRONOUNS = frozenset("his her their its".split())  # "In her words,", "Its message:"
_VIEW_OPENERS = frozenset("because but and yet so".split())  # what may come before "to her,"
_OBJECT_PRONOUNS = frozenset("him her them me us".split())


def _in_view_of(before: list[Token]) -> tuple[tuple[int, int], Token] | None:
    """“To her, “…””: a quotation after "to" and a person, opening its clause, gives
    that person's view in their words. Not "Next to him, “…”": a place."""
    words = [t for t in before if not t.is_space]
    if len(words) < 3 or words[0].text != ",":
        return None
    person = words[1]
    k = 2  # the word before the person's name
    if person.ent_type_ == "PERSON":
        while k < len(words) and words[k].ent_type_ == "PERSON" and words[k - 1].ent_iob_ == "I":
            k += 1
    elif person.lower_ not in _OBJECT_PRONOUNS:
        return None
    if k >= len(words) or words[k].lower_ != "to":
        return None
    if k + 1 < len(words) and words[k + 1].lower_ not in _VIEW_OPENERS:
        return None
    return (words[k].idx, words[k].idx + 2), person


def _in_words_of(before: list[Token]) -> tuple[tuple[int, int], Token] | None:
    """“In Rivera's words, “…”” or “In the words of one guard, “…””: the phrase opening the
    sentence names whose words the quotation is."""
    words = [t for t in before if not t.is_space]
    if len(words) < 4 or words[0].text != ",":
        return None
    noun = next((t for t in words[1:_WORDS_REACH] if t.lower_ == "words"), None)
    if noun is None or noun.head.lower_ != "in" or noun.head.i != noun.sent.start:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if owner is None and of is not None:
        owner = next((c for c in of.children if c.dep_ == "pobj"), None)
    if owner is None or owner.pos_ == "PRON" and owner.lower_ not in _OWNING_PRONOUNS:
        return None
    return (noun.head.idx, noun.idx + len(noun.text)), owner


def _speaker_label(doc: Doc, q: Quoted) -> tuple[tuple[int, int], Token] | None:
    """A transcript quoted paragraph by paragraph, each opening `"HOLM: Well, …`: the
    name in capitals and the colon that open the quotation say who speaks."""
    words: list[Token] = []
    for token in each_token_in(doc, q.inner[0], min(q.end, q.inner[0] + 40)):
        if token.idx < q.inner[0]:
            continue
        if token.text == ":":
            if not any(t.text.isalpha() and len(t.text) > 1 for t in words):
                return None
            return (token.idx, token.idx + 1), words[-1]
        if len(words) == _MAX_LABEL or not token.text.isupper():
            return None
        words.append(token)
    return None


def _colon_introduction(before: list[Token]) -> tuple[tuple[int, int], Token] | None:
    """“X put it this way: “…”” or a transcript's “ALVES: “…””: whoever the colon's clause is about."""
    words = [t for t in reversed(before) if not t.is_space]
    if not words or words[-1].text != ":":
        return None
    colon, words = words[-1], words[:-1]
    inside = {t.i for t in words}
    roots = [t for t in words if t.head.i not in inside or t.head.i == t.i]
    if words and len(words) <= _MAX_SIGNATURE and all(t.pos_ == "PROPN" for t in words):
        return (colon.idx, colon.idx + 1), roots[-1]
    verb = next((t for t in roots if t.pos_ == "VERB"), None)
    speaker = speaker_of(verb) if verb is not None else None
    if speaker is None:
        return _owner_of_saying(words, colon)
    named = speaker.pos_ in ("PROPN", "PRON") or speaker.ent_type_ in ("PERSON", "ORG")
    if not named and not (words_it(verb) and can_speak(speaker)):
        return None
    return (verb.idx, verb.idx + len(verb.text)), speaker


def _owner_of_saying(words: list[Token], colon: Token) -> tuple[tuple[int, int], Token] | None:
    """“Her advice to new players: “…””, “The message from the governor was clear: “…””:
    a noun for something said, with its owner or a “from” who sent it, before the colon."""
    for noun in words:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in SAYING_NOUNS:
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        sender = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"), None)
        if owner is None and sender is not None:
            owner = next((c for c in sender.children if c.dep_ == "pobj"), None)
        if owner is not None and (owner.pos_ != "PRON" or owner.lower_ in _OWNING_PRONOUNS):
            return (colon.idx, colon.idx + 1), owner
    return None


def _signature(after: list[Token]) -> tuple[tuple[int, int], Token] | None:
    """“…” ― Jane Doe: a dash and a capitalised name, alone to the end of the line, sign the quotation."""
    if len(after) < 2 or after[0].text not in _DASHES:
        return None
    name = [t for t in after[1:] if not t.is_punct and not t.is_space]
    if not name or len(name) > _MAX_SIGNATURE or not all(t.text[:1].isupper() for t in name):
        return None
    inside = {t.i for t in name}
    head = next((t for t in name if t.head.i not in inside or t.head.i == t.i), name[-1])
    dash = after[0]
    return (dash.idx, dash.idx + len(dash.text)), head


def _cue_and_speaker(token: Token, q: Quoted, between: list[Token]) -> tuple[tuple[int, int], Token] | None:
    """The cue and speaker if ``token`` is a cue; ``between`` holds the words from the quotation to it."""
    source = according_to(token)
    if source is not None:
        doc = token.doc
        to = doc[token.i + 1] if token.i + 1 < len(doc) else token
        return (token.idx, to.idx + len(to.text)), source
    said_as = _said_as(token)
    if not is_speech_verb(token) and not puts_it_so(token) and said_as is None:
        return None
    speaker = speaker_of(token)
    if speaker is not None and speaker.idx < q.end and token.idx >= q.end:
        # “Freedom!” chanted the crowd: the parser took the quotation, or a label before
        # it ("A. “We rebuild,” said Holt"), for the subject of a cue after it.
        speaker = next((c for c in token.rights if c.dep_ in _AFTER_CUE and c.pos_ in ("NOUN", "PROPN")), None)
    named = _named_between(between)
    if named is not None and (speaker is None or speaker.i > token.i):
        # “…,” Tom Hale, a former general, said: whoever stands between quotation and cue is the speaker.
        speaker = named
    if speaker is None or q.start <= speaker.idx < q.end:
        return None
    last = said_as or token
    return (token.idx, last.idx + len(last.text)), speaker


def _said_as(token: Token) -> Token | None:
    """ "“…,” he was adamant", "She was blunt: “…”": a manner of saying after "was" makes
    it a cue; the adjective, else None."""
    if token.lemma_ != "be":
        return None
    return next((c for c in token.children if c.dep_ == "acomp" and c.lower_ in SAYING_ADJECTIVES), None)


def _named_between(words: list[Token]) -> Token | None:
    """The head of the first noun phrase in ``words``."""
    words = [t for t in words if not t.is_punct and not t.is_space]
    first = next((t for t in words if t.pos_ in ("PROPN", "PRON", "NOUN")), None)
    if first is None:
        return None
    inside = {t.i for t in words}
    head = first
    while (
        head.dep_ in _MODIFIERS
        and head.head.i in inside
        and head.head.i != head.i
        and head.head.pos_ in ("PROPN", "NOUN")
    ):
        head = head.head
    return head


def share_within_quotation(direct: list[Statement], marks: list[Quoted]) -> None:
    """The paragraphs of one quotation share the speaker that any of them names: the
    nearest before, else the first after (a transcript names each speaker as the floor
    changes)."""
    continues = {q.start for q in marks if q.continues}
    groups: list[list[Statement]] = []
    for found in direct:
        if groups and found.start in continues:
            groups[-1].append(found)
        else:
            groups.append([found])
    for group in groups:
        named = next((f for f in group if f.speaker is not None), None)
        for found in group:
            if found.speaker is not None:
                named = found
            elif named is not None and found.cue is None:
                found.inherited = named


def inherit_floating(text: str, direct: list[Statement], doc: Doc | None = None) -> None:
    """A quotation with no cue belongs to the speaker of the quotation just before it,
    or else to the person the sentence just before it is about."""
    for prev, found in zip([None] + direct, direct):
        if found.speaker is not None or found.cue is not None or found.inherited is not None:
            continue
        if prev is None or (prev.inherited or prev).speaker is None or not _no_paragraph_between(text, prev, found):
            if doc is not None:
                found.speaker = _subject_before(doc, text, found.start)
            continue
        source = prev.inherited or prev
        if source.speaker is None:
            continue
        found.inherited = source


def _no_paragraph_between(text: str, prev: Statement, found: Statement) -> bool:
    between = text[prev.end : found.start]
    return sum(1 for line in between.split("\n")[1:-1] if line.strip()) == 0


_PERSONAL = ("he", "she")


def _subject_before(doc: Doc, text: str, start: int) -> Token | None:
    """“Jo Lee looked at the field. “We lost it all.”: the person the sentence right
    before a quotation is about, when that sentence names a person as its subject."""
    before = [t for t in tokens_in(doc, max(0, start - _LOOKBACK), start) if t.idx < start and not t.is_space]
    if not before or before[-1].text not in (".", "!", "?", ":") and not before[-1].is_quote:
        return None
    sentence = before[-1].sent
    if sentence.end < before[-1].i:
        return None
    root = sentence.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    if subject.ent_type_ == "PERSON" or subject.lower_ in _PERSONAL:
        return subject
    return None


def join_interrupted(text: str, statements: list[Statement]) -> list[Statement]:
    """“We lost,” she said, “and we know it.”: a quotation that stops at a comma, its cue
    and a comma, then a quotation with no other cue, is one sentence said by one speaker,
    cut by the cue. The two become one direct quote whose parts leave the cue out.

    A quotation that goes on in a new sentence after its cue (“…,” she said. “…”) stays
    two quotes: the cue closes the first sentence."""
    out: list[Statement] = []
    for found in statements:
        prev = out[-1] if out else None
        if prev is not None and _interrupted_by_cue(text, prev, found):
            parts = prev.parts or ((prev.start, prev.end),)
            prev.parts = (*parts, (found.start, found.end))
            prev.end, prev.closed = found.end, found.closed
            continue
        out.append(found)
    return out


def _interrupted_by_cue(text: str, first: Statement, then: Statement) -> bool:
    if first.kind != DIRECT or then.kind != DIRECT or first.cue is None or not first.closed:
        return False
    if not first.end <= first.cue[0] < first.cue[1] <= then.start:
        return False  # the cue stands between the two quotations
    same_speaker = then.cue == first.cue or then.cue is None and then.inherited is (first.inherited or first)
    if not same_speaker:
        return False
    between = text[first.end : then.start]
    if "\n" in between or any(mark in between for mark in _ANY_MARK):
        return False
    return between.rstrip().endswith(",") and closes_on_comma(text, first)


def closes_on_comma(text: str, quotation: Statement) -> bool:
    """`“…,” she said`: a quotation closed on a comma goes on, in its sentence, into its cue."""
    return text[quotation.start : quotation.end].rstrip(_CLOSING_MARKS).endswith(",")
