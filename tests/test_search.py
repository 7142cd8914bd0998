"""Search: what it finds, in which order, and what it points at."""

from __future__ import annotations

import pytest

from core.model import PERSON, UNKNOWN, Analysis, Article, Entity, Quote, Span
from core.search.index import Hit, SearchIndex
from core.search.textnorm import fold


def article(
    article_id: str,
    title: str,
    text: str,
    people: tuple[str, ...] = (),
    orgs: tuple[str, ...] = (),
    quotes: tuple[tuple[str, str], ...] = (),
) -> tuple[Article, Analysis]:
    """An article whose analysis marks every occurrence of the given names
    and attributes each quoted passage to a speaker named in the text."""
    entities = []
    for label, names in (("PERSON", people), ("ORG", orgs)):
        for name in names:
            start = text.find(name)
            while start >= 0:
                entities.append(Entity(start, start + len(name), label, name))
                start = text.find(name, start + len(name))
    # Drop mentions inside a longer mention ("Putin" inside "Vladimir Putin").
    entities = [e for e in entities if not any(o is not e and o.start <= e.start and e.end <= o.end for o in entities)]
    found = []
    for said, speaker in quotes:
        start, at = text.index(said), text.index(speaker)
        found.append(
            Quote(
                start,
                start + len(said),
                said,
                "direct",
                speaker=Span(at, at + len(speaker), speaker),
                speaker_name=speaker,
                source_kind=PERSON,
            )
        )
    entities.sort(key=lambda e: e.start)
    return Article(article_id, title, text), Analysis(tuple(entities), tuple(found))


CORPUS = [
    article(
        "russia",
        "China backs Russia after brief uprising",
        "President Vladimir Putin thanked Beijing. Putin said the rebellion was over. "
        "Putin's critics disagreed. Yevgeny Prigozhin, the head of the Wagner Group, left for Belarus. "
        "“We will defend the country,” Vladimir Putin said.",
        people=("Vladimir Putin", "Putin", "Yevgeny Prigozhin"),
        orgs=("Wagner Group",),
        quotes=(("“We will defend the country,”", "Vladimir Putin"),),
    ),
    article(
        "summit",
        "Leaders meet in Vienna",
        "Vladimir Putin met the chancellor. The talks were short.",
        people=("Vladimir Putin",),
    ),
    article(
        "ferry",
        "Bristol councillors back harbour ferry rescue",
        "The ferryman Aisha Okonjo said the harbour would stay open. A putinism exhibition opened. "
        "“The ferry is the bus,” Aisha Okonjo told the chamber.",
        people=("Aisha Okonjo",),
        quotes=(("“The ferry is the bus,”", "Aisha Okonjo"),),
    ),
    article(
        "madrid",
        "Madrid mayor resigns",
        "José Álvarez resigned on Monday. Students at the Hong Kong University of Science and "
        "Technology protested. The mayor's ferry plan had failed.",
        people=("José Álvarez",),
        orgs=("Hong Kong University of Science and Technology",),
    ),
    article(
        "budget",
        "Council budget row",
        "The council debated the budget. Nobody mentioned Russia or any ferries.",
    ),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    built = SearchIndex()
    for item, analysis in CORPUS:
        built.add(item)
        built.add(item, analysis)
    return built


def texts_of(article_id: str) -> str:
    return next(a.text for a, _ in CORPUS if a.id == article_id)


def first(index: SearchIndex, query: str, kind: str | None = None) -> Hit:
    hits = index.search(query, kinds={kind} if kind else None)
    assert hits, f"nothing found for {query!r}"
    return hits[0]


def test_len_counts_articles_not_adds(index):
    assert len(index) == len(CORPUS)


def test_entity_variants_are_one_entity_named_by_the_fullest_form(index):
    hits = [h for h in index.search("putin", kinds={"entity"}) if h.article_id == "russia"]
    assert [h.text for h in hits] == ["Vladimir Putin"]


def test_entity_ties_go_to_the_article_that_mentions_it_more(index):
    hits = index.search("vladimir putin", kinds={"entity"})
    assert [h.article_id for h in hits] == ["russia", "summit"]
    assert hits[0].score > hits[1].score


def test_a_name_ranks_above_body_text_of_the_same_word(index):
    hits = index.search("okonjo")
    kinds = [h.kind for h in hits]
    assert kinds.index("entity") < kinds.index("text")
    assert kinds[0] in {"entity", "speaker"}


def test_title_ranks_above_body_text(index):
    hits = index.search("council budget")
    assert hits[0].kind == "title" and hits[0].article_id == "budget"


def test_whole_word_ranks_above_longer_words_and_typos():
    index = SearchIndex()
    for article_id, text in (
        ("prefix", "The ferrymen waited."),
        ("exact", "The ferry waited."),
        ("typo", "The ferro waited."),
    ):
        index.add(Article(article_id, "Untitled", text))
    assert [h.article_id for h in index.search("ferry")] == ["exact", "prefix", "typo"]
    assert [h.article_id for h in index.search("'ferry")] == ["exact"]


def test_case_and_accents_do_not_matter(index):
    for query in ("jose alvarez", "JOSÉ ÁLVAREZ", "Alvarez"):
        hit = first(index, query, "entity")
        assert hit.text == "José Álvarez", query


def test_one_or_two_typos_are_forgiven(index):
    for query in ("prigozin", "prigozhni", "prigoshin"):
        assert first(index, query, "entity").text == "Yevgeny Prigozhin", query


def test_swapped_letters_count_as_one_typo(index):
    assert first(index, "ptuin", "entity").text == "Vladimir Putin"


def test_short_words_are_not_fuzzy(index):
    # "row" is in one title only; a typo allowance would also pull in "now", "rows"...
    assert {h.article_id for h in index.search("t: row")} == {"budget"}


def test_every_keystroke_finds_the_name_being_typed(index):
    word = "prigozhin"
    for end in range(3, len(word) + 1):
        assert first(index, word[:end], "entity").text == "Yevgeny Prigozhin", word[:end]


def test_a_typo_while_typing_still_finds_the_name(index):
    assert first(index, "prigoz", "entity").text == "Yevgeny Prigozhin"
    assert first(index, "prugoz", "entity").text == "Yevgeny Prigozhin"


def test_scattered_letters_are_a_last_resort(index):
    assert first(index, "prgzhn", "entity").text == "Yevgeny Prigozhin"
    hit = first(index, "vldmr", "entity")
    assert hit.text == "Vladimir Putin" and hit.score < first(index, "vladimir", "entity").score


def test_word_order_is_free(index):
    forward = index.search("vladimir putin")
    backward = index.search("putin vladimir")
    assert [(h.kind, h.article_id, h.score) for h in forward] == [(h.kind, h.article_id, h.score) for h in backward]


def test_initials_and_acronyms_find_names(index):
    for query in ("vp", "VP"):
        hit = first(index, query)
        assert (hit.kind, hit.text) == ("entity", "Vladimir Putin")
    hit = first(index, "hkust")
    assert hit.text == "Hong Kong University of Science and Technology"
    initials = "".join(hit.text[a:b] for a, b in hit.highlights)
    assert initials == "HKUST"


def test_exact_operator_takes_no_typos_and_no_longer_words(index):
    assert {h.article_id for h in index.search("putin", kinds={"text"})} >= {"ferry"}
    assert "ferry" not in {h.article_id for h in index.search("'putin")}


def test_prefix_and_suffix_operators(index):
    assert {h.article_id for h in index.search("^ferr", kinds={"text"})} == {"ferry", "madrid", "budget"}
    assert {h.article_id for h in index.search("ries$", kinds={"text"})} == {"budget"}


def test_not_operator_leaves_out_articles(index):
    with_ferry = {h.article_id for h in index.search("harbour")}
    assert with_ferry == {"ferry"}
    assert index.search("harbour !ferryman") == []
    assert index.article_ids_matching("'putin !wagner") == {"summit"}
    assert index.article_ids_matching("!ferry") == {"russia", "summit", "budget"}  # "ferries"
    assert index.search("!ferry") == []


def test_or_operator(index):
    assert index.article_ids_matching("'prigozhin | 'okonjo") == {"russia", "ferry"}


def test_kind_prefixes_limit_the_kind(index):
    for query, kind in (
        ("@putin", "entity"),
        ("e: putin", "entity"),
        ("s: putin", "speaker"),
        ("q: defend", "quote"),
        ("t: ferry", "title"),
        ("x: ferry", "text"),
    ):
        hits = index.search(query)
        assert hits and {h.kind for h in hits} == {kind}, query


def test_speakers_and_their_quotes(index):
    speaker = first(index, "okonjo", "speaker")
    assert speaker.text == "Aisha Okonjo"
    quote = first(index, "q: ferry bus")
    assert quote.text == "“The ferry is the bus,”"


def test_hits_point_at_the_article_text(index):
    for query in ("putin", "ferry", "okonjo", "defend", "hkust", "alvarez"):
        for hit in index.search(query):
            if hit.kind in {"entity", "quote", "text"}:
                assert texts_of(hit.article_id)[hit.start : hit.end] == hit.text, (query, hit)
            if hit.kind == "title":
                assert (hit.start, hit.end) == (0, 0)


def test_highlights_mark_what_matched(index):
    hit = first(index, "prig", "entity")
    assert [hit.text[a:b] for a, b in hit.highlights] == ["Prig"]
    hit = first(index, "x: rebellion")
    assert [fold(hit.text[a:b]) for a, b in hit.highlights] == ["rebellion"]
    for h in index.search("ferry bus"):
        assert all(0 <= a < b <= len(h.text) for a, b in h.highlights)


def test_results_are_best_first_and_limited(index):
    hits = index.search("the", limit=3)
    assert len(hits) == 3
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len(index.search("the")) <= 50


def test_article_ids_matching_spans_title_and_body(index):
    # "china" is only in a title, "belarus" only in the body of the same article.
    assert index.article_ids_matching("china belarus") == {"russia"}
    assert index.search("china belarus") == []
    assert index.article_ids_matching("") == {a.id for a, _ in CORPUS}
    assert index.article_ids_matching("zzzzzz") == set()


def test_adding_the_analysis_later_adds_names_without_duplicating_text():
    item, analysis = CORPUS[0]
    index = SearchIndex()
    index.add(item)
    assert index.search("prigozhin", kinds={"entity"}) == []
    assert len(index.search("x: prigozhin")) == 1
    index.add(item, analysis)
    assert len(index.search("x: prigozhin")) == 1
    assert len(index.search("@prigozhin")) == 1
    assert len(index) == 1


def test_readding_changed_text_replaces_and_remove_forgets():
    index = SearchIndex()
    index.add(Article("a", "Old title", "Old words about ferries."))
    index.add(Article("a", "New title", "New words about buses."))
    assert index.search("ferries") == []
    assert {h.kind for h in index.search("buses")} == {"text"}
    index.remove("a")
    assert index.search("buses") == [] and len(index) == 0
    index.remove("a")  # removing twice is harmless


def test_empty_and_punctuation_queries_find_nothing(index):
    for query in ("", "   ", "!", "'", "^", "$", "@", "q:", "|"):
        assert index.search(query) == [], query


def test_sources_of_unknown_kind_and_pronouns_are_not_speakers():
    text = "“It is late,” he said. “It is early,” the ferry said."
    quotes = (
        Quote(0, 13, "“It is late,”", "direct", speaker=Span(14, 16, "he"), source_kind=PERSON),
        Quote(23, 37, "“It is early,”", "direct", speaker=Span(38, 47, "the ferry"), source_kind=UNKNOWN),
    )
    index = SearchIndex()
    index.add(Article("a", "Clock", text), Analysis(quotes=quotes))
    assert index.search("s: ferry") == [] and index.search("s: he") == []
    assert [h.text for h in index.search("q: late")] == ["“It is late,”"]


def test_a_name_in_many_articles_leaves_room_for_other_kinds():
    index = SearchIndex()
    for number in range(60):
        index.add(*article(f"a{number:02d}", f"Story {number}", "Anna Zed spoke.", people=("Anna Zed",)))
    index.add(Article("title", "Zed returns", "Nothing else."))
    hits = index.search("zed", limit=10)
    assert len(hits) == 10
    assert [h.kind for h in hits].count("title") == 1
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert {h.kind for h in index.search("zed", limit=10, kinds={"entity"})} == {"entity"}


def test_a_speaker_hit_points_at_a_name_not_a_pronoun():
    text = "“Yes,” she said. “No,” said Aisha Okonjo."
    she, okonjo = text.index("she"), text.index("Aisha Okonjo")
    quotes = (
        Quote(
            0, 6, "“Yes,”", "direct", speaker=Span(she, she + 3, "she"), speaker_name="Aisha Okonjo", source_kind=PERSON
        ),
        Quote(
            17,
            22,
            "“No,”",
            "direct",
            speaker=Span(okonjo, okonjo + 12, "Aisha Okonjo"),
            speaker_name="Aisha Okonjo",
            source_kind=PERSON,
        ),
    )
    index = SearchIndex()
    index.add(Article("a", "Votes", text), Analysis(quotes=quotes))
    [hit] = index.search("s: okonjo")
    assert (hit.text, text[hit.start : hit.end]) == ("Aisha Okonjo", "Aisha Okonjo")


def test_removed_units_are_dropped_from_memory_and_results():
    index = SearchIndex()
    names = [f"Person{n:04d} Smith" for n in range(700)]
    text = ". ".join(names) + "."
    item, analysis = article("many", "Many names", text, people=tuple(names))
    keep = Article("keep", "Kept", "Person0001 Smith stays.")
    index.add(keep, Analysis((Entity(0, 16, "PERSON", "Person0001 Smith"),)))
    for _ in range(3):  # every re-add of the analysis replaces 700 entity units
        index.add(item, analysis)
    hits = index.search("'person0001", kinds={"entity"})
    assert sorted(h.article_id for h in hits) == ["keep", "many"]
    postings = index._fields["entity"].postings
    assert len(postings) < 2 * 2 * 701  # two words a name
    index.remove("many")
    assert [h.article_id for h in index.search("'person0001", kinds={"entity"})] == ["keep"]


def test_article_ids_matching_when_most_articles_match_after_changes():
    """Most articles matching is answered from the set of every id, less the
    others: removed, re-added and changed articles must still be counted right."""
    index = SearchIndex()
    for number in range(10):
        index.add(Article(f"a{number}", f"Report {number}", "The harbour ferry sailed" if number < 7 else "Budget"))
    assert index.article_ids_matching("ferry") == {f"a{n}" for n in range(7)}
    index.remove("a0")
    index.add(Article("a1", "Report 1", "Budget talks"))  # changed: no ferry now
    index.add(Article("a8", "Report 8", "A ferry at last"))
    index.add(Article("a0", "Report 0", "The ferry again"))  # back, as a new document
    assert index.article_ids_matching("ferry") == {"a0", "a2", "a3", "a4", "a5", "a6", "a8"}
    assert index.article_ids_matching("ferry !harbour") == {"a0", "a8"}
    assert index.article_ids_matching("") == {f"a{n}" for n in range(10)}
    index.remove("a9")
    assert index.article_ids_matching("") == {f"a{n}" for n in range(9)}
    assert index.article_ids_matching("report") == {f"a{n}" for n in range(9)}


def test_settle_files_new_words_too_so_the_next_search_does_not(monkeypatch):
    """A worker settles the index; the first keystroke after it should not sort every new word."""
    from core.search.vocabulary import Vocabulary

    index = SearchIndex()
    index.add(Article("a", "Harbour strike", "Dockers in Rotterdam walked out on Monday."))
    index.settle()
    filed = []
    filing = Vocabulary._filing
    monkeypatch.setattr(Vocabulary, "_filing", lambda self, *args: filed.append(args) or filing(self, *args))
    assert [hit.article_id for hit in index.search("rotterdam")] == ["a"]
    assert filed == []


def test_a_search_while_loading_files_no_word_itself(monkeypatch):
    """While a loader files words as it goes (``file_words``), a search finds a new word by
    itself at once, by prefix once the loader has filed it, and never files words itself."""
    from core.search.vocabulary import Vocabulary

    index = SearchIndex()
    index.add(Article("a", "Harbour strike", "Dockers in Rotterdam walked out on Monday."))
    index.file_words(0)
    index.add(Article("b", "Ferry news", "The Vlissingen ferry sails again."))
    index.file_words(1000)  # fewer wait: not filed yet
    filed = []
    filing = Vocabulary._filing
    monkeypatch.setattr(Vocabulary, "_filing", lambda self, *args: filed.append(args) or filing(self, *args))
    assert "b" in {hit.article_id for hit in index.search("vlissingen")}
    assert "b" not in {hit.article_id for hit in index.search("vlissin")}
    assert filed == []
    index.file_words(0)
    assert "b" in {hit.article_id for hit in index.search("vlissin")}
    filed.clear()
    index.settle()
    index.add(Article("c", "Bridge", "The Zeeland bridge reopened."))
    assert "c" in {hit.article_id for hit in index.search("zeela")}  # settled: a lookup files again
    assert filed


def test_a_passage_is_around_the_longest_word_even_when_written_with_accents():
    """`jose a`: "José" is folded to "jose" only where it is not found in any case; the shorter
    word, found earlier in the text, does not take the passage away from it."""
    from core.search.passages import passage
    from core.search.query import Expansion

    text = "A crowd gathered at a harbour gate early. " * 6 + "\n\nLater José Ferreira spoke to the press."
    window, start, _, marks = passage(text, [Expansion("jose", 1.0, 4), Expansion("a", 1.0, 1)])
    assert "José Ferreira" in window
    assert (window.index("José"), window.index("José") + 4) in marks
