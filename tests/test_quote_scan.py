"""Picking out the words a rule can apply to from a doc's attribute arrays: the same words
the rule would keep if it read every token."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from core.quotes.attribution import according_to, is_speech_verb, possible_cues, puts_it_so
from core.quotes.scan import ValueTest, is_one_of, tokens_at

WORDS = ["The", "Council", "Said", "it", "was", "put", "off", ",", "according", "to", "Ann", "."]
POS = ["DET", "PROPN", "PROPN", "PRON", "AUX", "VERB", "ADP", "PUNCT", "VERB", "ADP", "PROPN", "PUNCT"]
DEPS = ["det", "compound", "nsubj", "nsubjpass", "auxpass", "ROOT", "prt", "punct", "prep", "prep", "pobj", "punct"]
HEADS = [2, 2, 5, 5, 5, 5, 5, 5, 5, 8, 9, 5]
LEMMAS = ["the", "Council", "SAY", "it", "be", "put", "off", ",", "accord", "to", "Ann", "."]


def doc_by_hand() -> Doc:
    return Doc(spacy.blank("en").vocab, words=WORDS, pos=POS, deps=DEPS, heads=HEADS, lemmas=LEMMAS)


def test_words_are_picked_by_their_strings_in_text_order() -> None:
    doc = doc_by_hand()
    names = is_one_of(doc, "POS", ("PROPN",))
    subjects = is_one_of(doc, "DEP", ("nsubj", "nsubjpass"))
    assert [t.text for t in tokens_at(doc, names)] == ["Council", "Said", "Ann"]
    assert [t.text for t in tokens_at(doc, names & subjects)] == ["Said"]
    assert [t.text for t in tokens_at(doc, names | subjects)] == ["Council", "Said", "it", "Ann"]


def test_a_test_of_strings_sees_lemmas_in_any_case_and_remembers_its_verdicts() -> None:
    asked: list[str] = []

    def said(lemma: str) -> bool:
        asked.append(lemma)
        return lemma.lower() == "say"

    test = ValueTest("LEMMA", said)
    assert [t.text for t in tokens_at(doc_by_hand(), test.mask(doc_by_hand()))] == ["Said"]
    assert sorted(asked) == sorted(set(LEMMAS))
    asked.clear()
    test.mask(doc_by_hand())
    assert asked == []  # every value was tested already


def test_an_empty_doc_has_no_words_to_pick() -> None:
    doc = Doc(spacy.blank("en").vocab, words=[])
    assert list(tokens_at(doc, ValueTest("LEMMA", bool).mask(doc) | is_one_of(doc, "POS", ("NOUN",)))) == []


def test_the_possible_cues_hold_every_word_the_cue_rules_take() -> None:
    doc = doc_by_hand()
    taken = [t.i for t in doc if is_speech_verb(t) or puts_it_so(t) or according_to(t) is not None]
    possible = [t.i for t in tokens_at(doc, possible_cues(doc))]
    assert taken and set(taken) <= set(possible)
    # "SAY" is a speech verb's lemma, though the tagger took the word for a name; "put", "according".
    assert [doc[i].text for i in possible] == ["Said", "put", "according"]
