"""Which words are cues, read off parses built by hand: the tagger's slips the rules must survive,
without loading the model."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from core.quotes.attribution import is_speech_verb


def parsed(words: list[str], pos: list[str], deps: list[str], heads: list[int], lemmas: list[str]) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words, pos=pos, deps=deps, heads=heads, lemmas=lemmas)


def test_a_speech_verb_tagged_as_a_plural_noun_with_a_subject_and_a_clause_is_a_cue() -> None:
    # "But Ada claims that she won.", with "claims" read as a noun
    doc = parsed(
        ["But", "Ada", "claims", "that", "she", "won", "."],
        ["CCONJ", "PROPN", "NOUN", "SCONJ", "PRON", "VERB", "PUNCT"],
        ["cc", "nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct"],
        [2, 2, 2, 5, 5, 2, 2],
        ["but", "Ada", "claim", "that", "she", "win", "."],
    )
    assert is_speech_verb(doc[2])


def test_a_speech_noun_without_a_clause_is_no_cue() -> None:
    # "Her claims failed.": a noun, whatever its lemma
    doc = parsed(
        ["Her", "claims", "failed", "."],
        ["PRON", "NOUN", "VERB", "PUNCT"],
        ["poss", "nsubj", "ROOT", "punct"],
        [1, 2, 2, 2],
        ["her", "claim", "fail", "."],
    )
    assert not is_speech_verb(doc[1])


def test_point_is_a_cue_only_with_out() -> None:
    # "She pointed out that …" against "She pointed to the map."
    out = parsed(
        ["She", "pointed", "out", "that", "it", "rained", "."],
        ["PRON", "VERB", "ADP", "SCONJ", "PRON", "VERB", "PUNCT"],
        ["nsubj", "ROOT", "prt", "mark", "nsubj", "ccomp", "punct"],
        [1, 1, 1, 5, 5, 1, 1],
        ["she", "point", "out", "that", "it", "rain", "."],
    )
    to = parsed(
        ["She", "pointed", "to", "the", "map", "."],
        ["PRON", "VERB", "ADP", "DET", "NOUN", "PUNCT"],
        ["nsubj", "ROOT", "prep", "det", "pobj", "punct"],
        [1, 1, 1, 4, 2, 1],
        ["she", "point", "to", "the", "map", "."],
    )
    assert is_speech_verb(out[1]) and not is_speech_verb(to[1])
