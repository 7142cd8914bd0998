"""What keeps a keystroke's search cheap at 100,000 articles, each checked by what it spares."""

from __future__ import annotations

import random

import pytest

from core.model import Article
from core.search.index import SearchIndex
from core.search.textnorm import find_word
from core.search.vocabulary import Vocabulary


def isalnum_bounded(folded: str, word: str, start: int = 0) -> int:
    """``find_word`` by its definition, position by position: the first place the word stands
    with no letter or digit (``str.isalnum``) touching it on either side."""
    for at in range(start, len(folded) - len(word) + 1):
        before = folded[at - 1 : at] if at else ""
        after = folded[at + len(word) : at + len(word) + 1]
        if folded.startswith(word, at) and not before.isalnum() and not after.isalnum():
            return at
    return -1


@pytest.mark.parametrize("scanned_up_to", [0, 10**6])  # found by a regex, or scanned
def test_find_word_bounds_words_as_isalnum_does(monkeypatch, scanned_up_to) -> None:
    """Underscores, combining accents, superscripts, Roman numerals and Arabic digits either side."""
    import core.search.textnorm as textnorm

    monkeypatch.setattr(textnorm, "SCANNED_UP_TO", scanned_up_to)
    rng = random.Random(5)
    letters = "ab _-1é\u0301x\u00b2\u2160\u00aa\u0660"
    for _ in range(20_000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 12)))
        word = "".join(rng.choice("ab1x") for _ in range(rng.randint(1, 3)))
        start = rng.randint(0, 5)
        assert find_word(text, word, start) == isalnum_bounded(text, word, start), (text, word, start)
    assert find_word("a_b ab", "ab") == 4
    assert find_word("ab.", "ab") == 0
    assert find_word("xab ab", "ab", 1) == 4


def test_a_keystroke_finds_no_expansion_by_its_hash_again(monkeypatch) -> None:
    """Each expansion knows its word's id: the fields' postings are read with it, not after a
    lookup by hash per field and keystroke (a third of a search's time at 20,000 articles)."""
    index = SearchIndex()
    index.add(Article("a", "Putin's ferry", "Vladimir Putin took the ferry to Pushkin."))
    index.settle()
    first = index.search("pu")
    looked_up = []
    get = Vocabulary.get
    monkeypatch.setattr(Vocabulary, "get", lambda self, word: looked_up.append(word) or get(self, word))
    assert index.search("pu") == first
    assert index.article_ids_matching("pu") == {"a"}
    assert looked_up == []


def test_typing_on_reads_the_first_words_postings_once(monkeypatch) -> None:
    """Typing extends the query: what its first words matched is kept for the next keystroke
    (a frequent word's postings were most of a keystroke at 100,000 articles), and dropped
    once an article comes or goes."""
    articles = [
        Article("a", "Putin's ferry", "Vladimir Putin took the ferry to Pushkin."),
        Article("b", "Harbour news", "The ferry and the harbour; Putin was not there."),
        Article("c", "Council", "The council met about the ferry timetable."),
    ]
    index = SearchIndex()
    for item in articles:
        index.add(item)
    index.settle()
    index.search("putin fe")
    index.article_ids_matching("putin fe")
    read = []
    postings = SearchIndex._postings
    monkeypatch.setattr(
        SearchIndex,
        "_postings",
        lambda self, fld, expansions: read.append({e.word for e in expansions}) or postings(self, fld, expansions),
    )
    hits = index.search("putin fer")
    assert index.article_ids_matching("putin fer") == {"a", "b"}
    assert read and not any("putin" in words for words in read)
    fresh = SearchIndex()
    for item in articles:
        fresh.add(item)
    assert hits == fresh.search("putin fer")
    later = Article("d", "Ferry sold", "Putin bought a ferry.")
    index.add(later)
    fresh.add(later)
    assert index.search("putin ferr") == fresh.search("putin ferr")
    assert index.article_ids_matching("putin ferr") == {"a", "b", "d"}


def test_a_passage_is_found_in_the_text_as_it_is_in_any_case() -> None:
    """The text is searched as it is, in any case, not lower-cased first (37 us a hit when it
    holds a curly quote); offsets stay the text's even after an "İ", which lower-cases to two."""
    from core.search.passages import passage
    from core.search.query import Expansion

    text = "İstanbul “news”. " + "Filler words here. " * 10 + "The FERRY left; the ferry came back."
    window, start, end, highlights = passage(text, [Expansion("ferry", 1.0, 5)])
    assert text[start:end] == window
    at = text.index("FERRY")
    assert start <= at < end and (at - start, at - start + 5) in highlights
    assert find_word(text, "ferry", any_case=True) == at
    assert find_word(text, "istanbul", any_case=True) == 0


def few_articles() -> list:
    from tests.test_search import CORPUS

    return CORPUS


def test_a_clause_with_few_postings_sorts_them_and_finds_what_a_scan_finds(monkeypatch) -> None:
    """Few entries among many units (a name among 380,000 entities) are sorted into units, not
    found by scanning the field (1 ms at 100,000 articles, however few): either way, the same hits."""
    import core.search.index as search_index

    index = SearchIndex()
    for item, analysis in few_articles():
        index.add(item)
        index.add(item, analysis)
    queries = ["putin", "pu", "vladimir putin", "ferry !harbour", "@okonjo", "hkust", "the", "t"]
    answers = {}
    for sparse in (0, 10**9):  # never sorted, always sorted
        monkeypatch.setattr(search_index, "SPARSE", sparse)
        index._last_matches = {}
        answers[sparse] = [(index.search(q), index.article_ids_matching(q)) for q in queries]
    assert answers[0] == answers[10**9]
    assert answers[0][0][0] and answers[0][2][0]


def test_the_list_filter_takes_what_the_keystrokes_search_matched(monkeypatch) -> None:
    """The app asks for the hits, then for the articles to list: titles and body text matched
    for the hits are not read from their postings again (half the filter's time for "p")."""
    index = SearchIndex()
    fresh = SearchIndex()
    for item, analysis in few_articles():
        for built in (index, fresh):
            built.add(item)
            built.add(item, analysis)
    index.search("putin fer")
    read = []
    postings = SearchIndex._postings
    monkeypatch.setattr(
        SearchIndex, "_postings", lambda self, fld, expansions: read.append(fld.kind) or postings(self, fld, expansions)
    )
    matching = index.article_ids_matching("putin fer")
    assert read and "text" not in read and "title" not in read
    assert matching == fresh.article_ids_matching("putin fer") == {"ferry"}
    index.search("putin")
    for built in (index, fresh):
        built.remove("russia")
    assert index.article_ids_matching("putin") == fresh.article_ids_matching("putin") == {"summit", "ferry"}


def test_many_words_are_decoded_at_once_as_one_at_a_time() -> None:
    """A typo's candidates (thousands of words) are gathered by numpy and decoded together:
    the same words, in the same order, accents and all, as decoding each."""
    import numpy as np

    vocab = Vocabulary()
    words = [f"w{n}é" if n % 7 == 0 else f"word{n}" for n in range(5000)] + ["ж", "a"]
    for word in words:
        vocab.add(word)
    vocab.settle()
    rng = np.random.default_rng(1)
    for size in (0, 1, 63, 64, 3000):
        ids = rng.choice(len(words), size, replace=False).astype(np.uint32)
        assert vocab._pick_many(ids) == vocab._pick(ids) == [words[i] for i in ids.tolist()]
    assert vocab.starting_with("word1") == sorted(w for w in words if w.startswith("word1"))


def test_typos_come_with_their_ids(monkeypatch) -> None:
    """A word of 7 letters has hundreds of words within two typos: their ids come with them, not
    from a lookup by hash each (2.6 ms at 100,000 articles)."""
    vocab = Vocabulary()
    for word in ("kremlin", "kremlan", "kremlim", "krenlin", "bremlin", "other"):
        vocab.add(word)
    vocab.settle()
    ids: dict[str, int] = {}
    assert vocab.similar("kremlin", 2, ids) == {"kremlan": 1, "kremlim": 1, "krenlin": 1, "bremlin": 1}
    assert ids == {word: vocab[word] for word in ("kremlan", "kremlim", "krenlin", "bremlin")}
    index = SearchIndex()
    index.add(Article("a", "Kremlin", "The kremlan said; the krenlin and bremlin did not."))
    index.settle()
    looked_up = []
    get = Vocabulary.get
    monkeypatch.setattr(Vocabulary, "get", lambda self, word: looked_up.append(word) or get(self, word))
    assert index.search("kremlinn")
    assert looked_up.count("krenlin") == 0 and looked_up.count("bremlin") == 0


def short_and_long_corpus() -> SearchIndex:
    """A word that begins "fe" only in body text and in a quote; another only in a name and a title."""
    from core.model import Analysis, Entity, Quote

    index = SearchIndex()
    body = Article("body", "Harbour news", "The ferry left. “The ferry is late,” she said.")
    index.add(body, Analysis((), (Quote(16, 36, body.text[16:36], "direct"),)))
    index.add(Article("name", "Fenwick speaks", "Fenwick spoke about the harbour."))
    index.add(
        Article("name", "Fenwick speaks", "Fenwick spoke about the harbour."),
        Analysis((Entity(0, 7, "PERSON", "Fenwick"),), ()),
    )
    return index


def test_one_or_two_letters_search_names_and_titles_only() -> None:
    """Typed "f", "fe": the start of a name or a headline; in body text they would match most of
    a large archive. From the third letter on (or with a kind named) body text is searched again,
    for the hits and the list's filter alike."""
    index = short_and_long_corpus()
    for typed in ("f", "fe", "fe sp"):
        assert {hit.kind for hit in index.search(typed)} <= {"title", "entity", "speaker"}, typed
        assert set(index.article_ids_matching(typed)) == {"name"}, typed
    assert {hit.kind for hit in index.search("fe")} == {"title", "entity"}
    assert {hit.article_id for hit in index.search("fer")} == {"body"}
    assert set(index.article_ids_matching("fer")) == {"body"}
    assert set(index.article_ids_matching("fe harbour")) == {"body", "name"}
    assert {hit.kind for hit in index.search("x: fe")} == {"text"}
    assert set(index.article_ids_matching("x: fe")) == {"body", "name"}
    assert {hit.kind for hit in index.search("q: fe")} == {"quote"}


def test_a_short_query_does_not_leave_its_narrower_match_to_a_longer_one() -> None:
    """What "fe" matched (names and titles) is not what "fe" matches in "fe harbour"
    (body text too): the match kept for the next keystroke knows which it was."""
    index = short_and_long_corpus()
    assert set(index.article_ids_matching("fe")) == {"name"}
    assert set(index.article_ids_matching("fe harbour")) == {"body", "name"}
    assert set(index.article_ids_matching("fe")) == {"name"}


def test_the_articles_matched_are_a_set_read_a_byte_per_row() -> None:
    """The filter is a byte per document: it answers as the set of ids did, and gives the
    list a byte per row at once, rows listed before they were indexed and after an article
    was replaced (its document number changed) included."""
    index = SearchIndex()
    for item, analysis in few_articles():
        index.add(item)
        index.add(item, analysis)
    matching = index.article_ids_matching("putin")
    assert matching == {"russia", "summit", "ferry"} and len(matching) == 3
    assert "budget" not in matching and "nowhere" not in matching
    assert sorted(matching) == ["ferry", "russia", "summit"]
    assert matching & {"ferry", "budget"} == {"ferry"}
    rows = ["budget", "later", "summit", "russia", "madrid", "ferry"]
    assert matching.rows(rows) == bytes([0, 0, 1, 1, 0, 1])
    index.add(Article("later", "Putin again", "Putin spoke."))
    assert index.article_ids_matching("putin").rows(rows) == bytes([0, 1, 1, 1, 0, 1])
    rows.append("new")
    index.add(Article("summit", "Leaders meet", "The chancellor met nobody."))  # replaced: a new number
    index.add(Article("new", "Putin", "Putin."))
    assert index.article_ids_matching("putin").rows(rows) == bytes([0, 1, 0, 1, 0, 1, 1])
    assert index.article_ids_matching("").rows(rows) == bytes([1] * 7)
    index.remove("ferry")
    assert index.article_ids_matching("putin").rows(rows) == bytes([0, 1, 0, 1, 0, 0, 1])
