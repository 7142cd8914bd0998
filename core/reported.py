"""Reported speech: "X said (that) …", "…, said the ministry", "according to X, …".

The content is the clause the speech verb governs, read off the parse; the
speaker is the verb's subject (see ``core.attribution``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from core.attribution import according_to, is_speech_verb, speaker_of

# Punctuation that separates a reported clause from its cue, never part of it.
_EDGE = frozenset(",;:.—–-()")
_MIN_WORDS = 2


@dataclass(frozen=True, slots=True)
class Reported:
    start: int
    end: int
    cue: tuple[int, int]
    speaker: Token


def reported_statements(doc: Doc, quoted: Callable[[int], bool]) -> list[Reported]:
    """Every reported statement whose cue is not itself inside a quotation."""
    found: list[Reported] = []
    for token in doc:
        if quoted(token.idx):
            continue
        source = according_to(token)
        if source is not None:
            statement = _according_statement(token, source)
        elif is_speech_verb(token):
            statement = _verb_statement(token)
        else:
            continue
        if statement is not None:
            found.append(statement)
    return found


def _verb_statement(verb: Token) -> Reported | None:
    speaker = speaker_of(verb)
    if speaker is None:
        return None
    complement = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if complement is not None:
        words = list(complement.subtree)
    elif verb.dep_ in ("parataxis", "ccomp") and verb.head.i < verb.i:
        # "The economy is strong, the minister said": the statement is the verb's head clause.
        stop = verb.left_edge.i
        words = [t for t in verb.head.subtree if t.i < stop]
    else:
        return None
    words = _trim(words)
    if speaker.i in {t.i for t in words} or _word_count(words) < _MIN_WORDS:
        return None
    return _make(words, _cue_of(verb), speaker)


def _according_statement(according: Token, source: Token) -> Reported | None:
    """The rest of the sentence around "according to X"."""
    phrase = {t.i for t in according.subtree} | {according.i, according.i + 1}
    phrase |= {t.i for t in source.subtree}
    sentence = according.sent
    before = _trim([t for t in sentence if t.i < min(phrase)])
    after = _trim([t for t in sentence if t.i > max(phrase)])
    words = after if _word_count(after) >= _word_count(before) else before
    if _word_count(words) < _MIN_WORDS:
        return None
    cue_end = according.i + 2 if according.i + 1 < len(according.doc) else according.i + 1
    doc = according.doc
    cue = (according.idx, doc[cue_end - 1].idx + len(doc[cue_end - 1].text))
    return _make(words, cue, source)


def _cue_of(verb: Token) -> tuple[int, int]:
    """The verb with its auxiliaries and particles: "has said", "pointed out"."""
    parts = [verb] + [
        c for c in verb.children if c.dep_ in ("aux", "auxpass", "prt", "neg") and abs(c.i - verb.i) <= 3
    ]
    first = min(parts, key=lambda t: t.i)
    last = max(parts, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def _trim(words: list[Token]) -> list[Token]:
    words = sorted(words, key=lambda t: t.i)
    while words and (words[0].text in _EDGE or words[0].is_space):
        words = words[1:]
    while words and (words[-1].text in _EDGE or words[-1].is_space):
        words = words[:-1]
    return words


def _word_count(words: list[Token]) -> int:
    return sum(1 for t in words if not t.is_punct and not t.is_space)


def _make(words: list[Token], cue: tuple[int, int], speaker: Token) -> Reported:
    last = words[-1]
    return Reported(words[0].idx, last.idx + len(last.text), cue, speaker)
