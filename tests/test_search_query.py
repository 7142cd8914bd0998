"""The query syntax and the text folding search relies on."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.model import Entity
from core.search.names import merge_entities
from core.search.query import EXACT, FUZZY, PREFIX, SUFFIX, Query, Term, parse_query
from core.search.textnorm import fold, initials, word_spans, words
from core.search.vocabulary import Vocabulary


def test_plain_words_are_fuzzy_and_all_required():
    assert parse_query("Vladimir  PUTIN") == Query(((Term("vladimir"),), (Term("putin"),)))


def test_operators():
    query = parse_query("'exact ^pre suf$ !gone !'word")
    assert query.clauses == ((Term("exact", EXACT),), (Term("pre", PREFIX),), (Term("suf", SUFFIX),))
    assert query.excluded == (Term("gone", PREFIX), Term("word", EXACT))


def test_or_joins_neighbouring_words():
    assert parse_query("xi | putin wagner").clauses == ((Term("xi"), Term("putin")), (Term("wagner"),))
    assert parse_query("| putin").clauses == ((Term("putin"),),)


def test_kind_prefixes():
    assert parse_query("@putin") == Query(((Term("putin"),),), kind="entity")
    for typed, kind in (
        ("e: a", "entity"),
        ("s:a", "speaker"),
        ("Q: a", "quote"),
        ("t: a", "title"),
        ("x: a", "text"),
        ("quote: a", "quote"),
    ):
        assert parse_query(typed).kind == kind, typed
    # Only at the start: elsewhere it is just a word.
    assert parse_query("ferry q: bus").kind is None


def test_punctuated_words_split_like_the_text():
    assert parse_query("al-Assad Putin’s").clauses == ((Term("al"),), (Term("assad"),), (Term("putin"),), (Term("s"),))
    assert [t.word for (t,) in parse_query("Zoë").clauses] == ["zoe"]
    assert parse_query("'").empty and parse_query("!x").empty


@given(st.text())
def test_parse_never_fails_and_terms_are_folded_words(text):
    query = parse_query(text)
    for term in [t for clause in query.clauses for t in clause] + list(query.excluded):
        assert term.word and words(term.word) == [term.word]
        assert term.mode in {FUZZY, EXACT, PREFIX, SUFFIX}


@given(st.text())
def test_folding_keeps_every_offset_and_splitting_agrees_with_word_spans(text):
    folded = fold(text)
    assert len(folded) == len(text)
    assert words(text) == [word for _, _, word in word_spans(folded)]


def test_folding_drops_case_and_accents():
    assert fold("José ÁLVAREZ, Łódź, İstanbul, Tromsø") == "jose alvarez, lodz, istanbul, tromso"
    assert words("Putin’s “no limits” — 23-year") == ["putin", "s", "no", "limits", "23", "year"]


def test_initials_of_names():
    assert initials(["vladimir", "putin"]) == {"vp"}
    assert initials(words("Hong Kong University of Science and Technology")) == {"hkuosat", "hkust"}
    assert initials(["putin"]) == set()


def test_vocabulary_finds_prefixes_suffixes_and_typos():
    vocab = Vocabulary()
    for word in ("prigozhin", "prison", "prize", "horizon", "zone"):
        vocab.add(word)
    assert vocab.starting_with("pri") == ["prigozhin", "prison", "prize"]
    assert vocab.ending_with("zon") == ["horizon"]
    assert vocab.similar("prigozin", 2) == {"prigozhin": 1}
    assert vocab.similar("priz", 1) == {"prize": 1}
    vocab.add("prim")  # added after a lookup: still found
    assert "prim" in vocab.starting_with("pri")
    assert "prigo" in vocab.similar_prefixes("prigi")
    assert vocab.scattered("prz", 5) == ["prize", "prigozhin"]


def test_entity_variants_merge_and_count_mentions():
    text = "Vladimir Putin spoke. Putin’s aides and Putin left. Wagner Group and Wagner."

    def mention(name: str, label: str, start: int = 0) -> Entity:
        at = text.index(name, start)
        return Entity(at, at + len(name), label, name)

    entities = [
        mention("Vladimir Putin", "PERSON"),
        mention("Putin’s", "PERSON"),
        mention("Putin", "PERSON", text.index("and Putin")),
        mention("Wagner Group", "ORG"),
        mention("Wagner", "ORG", text.index("and Wagner.")),
        Entity(0, 3, "DATE", "Vla"),
    ]
    merged = merge_entities(entities)
    assert [(m.name, m.label, m.mentions, m.start) for m in merged] == [
        ("Vladimir Putin", "PERSON", 3, 0),
        ("Wagner Group", "ORG", 2, text.index("Wagner Group")),
    ]
    assert merged[0].words == ("vladimir", "putin")
