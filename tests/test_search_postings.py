"""Postings stay compact: folded into flat arrays in place (no second copy of
the base), and an index folded answers as it did with its runs and as it does
once saved and loaded. Settling once loading is done keeps no search waiting."""

from __future__ import annotations

import random

import numpy as np
import pytest

from core.search import postings as postings_module
from core.search.postings import MAX_RUNS, Postings
from core.search.saved import FILE_NAME, load, save
from tests.test_search_saved import VERSION, answers, articles, built


def added(postings: Postings, rng: random.Random, expected: dict[int, list[int]], keys: int) -> None:
    pairs = sorted(((rng.randrange(keys), rng.randrange(10**6)) for _ in range(rng.randint(1, 60))), key=lambda p: p[0])
    for key, unit in pairs:
        expected.setdefault(key, []).append(unit)
    postings.add(np.array([k for k, _ in pairs], np.uint32), np.array([u for _, u in pairs], np.uint32))


def test_folding_in_segments_keeps_every_entry_in_order(monkeypatch) -> None:
    monkeypatch.setattr(postings_module, "SEGMENT", 7)  # many segments, each moved up in turn
    rng, postings, expected = random.Random(2), Postings(), {}
    for round in range(60):
        added(postings, rng, expected, 30 + 5 * round)  # new keys too, beyond the base's
        assert len(postings.runs) <= MAX_RUNS
    postings.merge()
    assert not postings.runs
    assert {key: postings.get(key).tolist() for key in expected} == expected
    assert len(postings.offsets) == max(expected) + 2 and postings.offsets[-1] == len(postings.entries)


def test_a_fold_puts_every_segment_together_in_the_same_buffers(monkeypatch) -> None:
    """``np.insert`` made a new array and its scratch for each segment, which the heap did not
    give back to the next: at 100,000 articles a fold of the body text's postings grew it by 90 MB."""
    monkeypatch.setattr(postings_module, "SEGMENT", 64)  # many segments
    inserts: list[int] = []
    insert = np.insert
    monkeypatch.setattr(np, "insert", lambda *args, **kwargs: inserts.append(1) or insert(*args, **kwargs))
    rng, postings, expected = random.Random(5), Postings(), {}
    for round in range(3 * (MAX_RUNS + 1)):
        added(postings, rng, expected, 40 + 5 * round)
    postings.merge()
    assert {key: postings.get(key).tolist() for key in expected} == expected
    assert len(postings.entries) > 10 * 64 and not inserts


def test_a_fold_grows_the_base_in_place_and_leaves_a_held_one_alone() -> None:
    rng, postings, expected = random.Random(3), Postings(), {}
    for _ in range(MAX_RUNS + 1):
        added(postings, rng, expected, 50)
    base = postings.entries
    before = base.copy()
    for _ in range(MAX_RUNS + 1):  # folded again: ``base`` is held here, as a snapshot being saved holds it
        added(postings, rng, expected, 50)
    assert not postings.runs and postings.entries is not base
    assert np.array_equal(base, before)
    del base, before
    grown = id(postings.entries)
    for _ in range(MAX_RUNS + 1):  # held by the postings alone: grown where it is
        added(postings, rng, expected, 50)
    assert not postings.runs and id(postings.entries) == grown
    assert {key: postings.get(key).tolist() for key in expected} == expected


def test_a_settled_index_answers_as_with_its_runs_and_as_once_saved(tmp_path, monkeypatch) -> None:
    from core.search.postings import Field

    monkeypatch.setattr(Field, "SETTLE_AT", 40)  # many runs of postings for a few articles
    index = built()
    index._settle()
    assert any(fld.postings.runs for fld in index._fields.values())
    with_runs = answers(index)
    index.settle()
    assert all(not fld.postings.runs and not fld.initials.runs for fld in index._fields.values())
    assert answers(index) == with_runs
    path = tmp_path / FILE_NAME
    assert save(index, path, VERSION)
    assert answers(load(path, articles(), VERSION)) == with_runs


@pytest.mark.parametrize("kind", ["title", "text", "entity", "speaker", "quote"])
def test_a_settled_index_holds_four_bytes_a_posting(kind) -> None:
    """Each posting is one uint32 in one array; a word costs four bytes of offsets."""
    index = built()
    index.settle()
    fld = index._fields[kind]
    for postings in (fld.postings, fld.initials):
        assert not postings.runs
        assert postings.entries.dtype == np.uint32 and postings.entries.nbytes == 4 * len(postings)
        assert postings.offsets.dtype == np.uint32 and len(postings.offsets) <= len(index._vocab) + 1


@pytest.mark.parametrize("beside", [False, True], ids=["merged while loading", "folded beside the lock"])
def test_a_fold_holds_no_second_copy_of_the_base(beside) -> None:
    """What folding a few runs into 32 MB of postings allocates beside them is a few segments, not a
    new base: while loading (``merge``), and once loading is done (``fold_beside``, which planned
    a second base: at 100,000 articles, 144 MB more for the body text's postings)."""
    import threading
    import tracemalloc

    rng = np.random.default_rng(4)
    keys = 100_000
    tracemalloc.start()  # numpy reports its arrays to it
    try:
        counts = rng.integers(0, 160, keys)
        offsets = np.zeros(keys + 1, np.uint32)
        np.cumsum(counts, out=offsets[1:])
        postings = Postings(offsets, rng.integers(0, 10**6, int(offsets[-1])).astype(np.uint32))
        runs = [np.sort(rng.integers(0, keys + 50, 2000)).astype(np.uint32) for _ in range(MAX_RUNS + 1)]
        del counts
        held = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        for added_keys in runs[: MAX_RUNS if beside else len(runs)]:
            postings.add(added_keys, added_keys)
        if beside:
            assert postings.runs
            postings.fold_beside(threading.Lock())
        peak = tracemalloc.get_traced_memory()[1] - held
    finally:
        tracemalloc.stop()
    base = postings.entries.nbytes
    assert base > 30 * 2**20
    assert not postings.runs and len(postings) == int(offsets[-1]) + (MAX_RUNS + (not beside)) * 2000
    assert peak < base / 2


def test_a_fold_is_planned_in_a_few_bytes_an_entry_with_each_run_after_the_older() -> None:
    """The runs' entries are placed by counting, not by a stable sort of them all, whose keys and
    order in 64 bits were most of a fold's scratch (80 MB at 100,000 articles, the loading's peak);
    each key's entries keep their order, older runs first, dropped ones (``keep``) left out."""
    import tracemalloc

    rng = np.random.default_rng(6)
    postings, expected = Postings(), {}
    for _ in range(3):  # a base, then runs over more keys than it has
        for keys in range(MAX_RUNS):
            added_keys = np.sort(rng.integers(0, 900 + 20 * keys, 50_000)).astype(np.uint32)
            units = rng.integers(0, 10**6, len(added_keys)).astype(np.uint32)
            for key, unit in zip(added_keys.tolist(), units.tolist()):
                expected.setdefault(key, []).append(unit)
            postings.runs.append(postings_module._Run.of(added_keys, units))
        postings.keep(np.arange(10**6) % 7 != 0, lambda entries: entries)  # some of every run dropped
        expected = {key: [unit for unit in units if unit % 7] for key, units in expected.items()}
        entries = sum(len(run.entries) for run in postings.runs)
        tracemalloc.start()  # numpy reports its arrays to it
        try:
            folded, places, new = postings_module._fold_plan(postings.offsets, postings.runs)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 12 * entries  # the entries and their places (8 bytes each), and a run's scratch (24 before)
        del folded, places, new
        postings.merge()
    assert {key: postings.get(key).tolist() for key in expected if expected[key]} == {
        key: units for key, units in expected.items() if units
    }


def test_saving_writes_the_postings_themselves(tmp_path) -> None:
    """The snapshot saved holds each field's postings arrays, not copies of them."""
    index = built()
    parts, _ = index.snapshot()
    arrays = dict(parts)
    for kind, fld in index._fields.items():
        assert arrays[f"{kind}.postings.entries"] is fld.postings.entries
        assert arrays[f"{kind}.postings.offsets"] is fld.postings.offsets


def test_runs_whose_entries_were_all_dropped_fold_to_nothing() -> None:
    postings = Postings()
    postings.add(np.array([1, 1, 4], np.uint32), np.array([0, 1, 2], np.uint32))
    postings.keep(np.zeros(3, bool), lambda entries: entries)
    postings.merge()
    assert not postings.runs and len(postings) == 0 and postings.get(1) is None


def searched_while_held(monkeypatch, owner, name: str, index, search) -> list:
    """What ``search`` answered from another thread while ``index.settle`` was held
    up in ``owner.name`` (empty: it did not answer within 10 s); settling then goes on."""
    import threading

    holding, go_on = threading.Event(), threading.Event()
    step = getattr(owner, name)

    def held_up(*args):
        holding.set()
        go_on.wait(timeout=30)
        return step(*args)

    monkeypatch.setattr(owner, name, held_up)
    settling = threading.Thread(target=index.settle)
    settling.start()
    found: list = []
    try:
        assert holding.wait(timeout=30)
        searching = threading.Thread(target=lambda: found.append(search()))
        searching.start()
        searching.join(timeout=10)
    finally:
        go_on.set()
        settling.join(timeout=30)
    assert not settling.is_alive()
    return found


def test_a_search_does_not_wait_for_a_fold_to_be_planned(monkeypatch) -> None:
    """Settling sorts each field's runs and finds their places without the index's lock:
    a search from another thread while that is held up answers at once, as it did before."""

    from core.search.postings import Field

    monkeypatch.setattr(Field, "SETTLE_AT", 40)
    index = built()
    index._settle()
    assert any(fld.postings.runs for fld in index._fields.values())
    with_runs = answers(index)
    found = searched_while_held(monkeypatch, postings_module, "_fold_plan", index, lambda: answers(index))
    assert found == [with_runs]  # answered while the fold's plan waits
    assert all(not fld.postings.runs and not fld.initials.runs for fld in index._fields.values())
    assert answers(index) == with_runs


def test_a_search_does_not_wait_for_new_words_to_be_filed(monkeypatch) -> None:
    """Words first seen since the last search are filed for prefixes and typos
    without the index's lock: a search meanwhile finds them whole at once, by
    their beginning once they are filed."""

    from core.model import Article
    from core.search.vocabulary import Vocabulary

    index = built()
    answers(index)  # every word so far filed
    index.add(Article("new", "Quorvantic summit", "The quorvantic delegates met."))
    found = searched_while_held(
        monkeypatch,
        Vocabulary,
        "_filing",
        index,
        lambda: (index.article_ids_matching("quorvantic"), index.article_ids_matching("quorva")),
    )
    assert found == [({"new"}, set())]
    assert index.article_ids_matching("quorva") == {"new"}  # not the answer kept from before


def test_words_are_filed_as_loading_goes_once_enough_wait() -> None:
    """The loading worker files words beside the lock as it goes (``file_words``),
    so a search typed while loading has only the last few thousand to file itself."""
    from core.model import Article
    from core.search.index import SearchIndex

    index = SearchIndex()
    index.add(Article("a", "Quorvantic summit", "The quorvantic delegates met."))
    vocabulary = index._vocab
    waiting = len(vocabulary) - vocabulary.filed
    assert waiting > 3
    index.file_words(pending=waiting)  # not more than allowed to wait: left for later
    assert vocabulary.filed == 0
    index.file_words(pending=waiting - 1)
    assert vocabulary.filed == len(vocabulary)
    assert index.article_ids_matching("quorva") == {"a"}  # found by its beginning


def test_a_settled_index_forgets_its_texts_numbers_and_files_a_name_once_after() -> None:
    """The numbers of the names shown (a dict entry each: a million at 100,000 articles)
    are dropped once loading is done, and made again when an article comes after."""
    from core.model import Analysis, Article, Entity
    from core.search.index import SearchIndex

    def named(article_id: str) -> tuple[Article, Analysis]:
        text = f"Zoë Petherick spoke in {article_id}."
        return Article(article_id, article_id, text), Analysis((Entity(0, 13, "PERSON", "Zoë Petherick"),))

    index = SearchIndex()
    index.add(*named("a"))
    index.settle()
    entity = index._fields["entity"]
    assert entity._text_ids is None and entity.texts == ["", "Zoë Petherick"]
    index.add(*named("b"))
    assert entity.texts == ["", "Zoë Petherick"], "filed once"
    hits = index.search("petherick", kinds={"entity"})
    assert sorted((hit.article_id, hit.text) for hit in hits) == [("a", "Zoë Petherick"), ("b", "Zoë Petherick")]


def test_settling_forgets_the_texts_numbers_before_it_files_or_folds_anything(monkeypatch) -> None:
    """The names' numbers (80 MB at 100,000 articles) are not held through the words' filing
    and the folds, which were the settling's peak; names are found and shown as before."""
    from core.model import Analysis, Article, Entity
    from core.search.index import SearchIndex
    from core.search.postings import Field
    from core.search.vocabulary import Vocabulary

    index = SearchIndex()
    for article_id, name in (("a", "Zoë Petherick"), ("b", "Ulla Khan")):
        text = f"{name} spoke in {article_id}."
        index.add(Article(article_id, article_id, text), Analysis((Entity(0, len(name), "PERSON", name),)))
    assert index._fields["entity"]._text_ids  # kept while loading: each name filed once
    held: list[bool] = []

    def numbers_held() -> bool:
        return any(fld._text_ids is not None for fld in index._fields.values())

    fold_beside, settle_beside = Field.fold_beside, Vocabulary.settle_beside
    monkeypatch.setattr(Field, "fold_beside", lambda fld, lock: held.append(numbers_held()) or fold_beside(fld, lock))
    monkeypatch.setattr(
        Vocabulary, "settle_beside", lambda vocab, lock: held.append(numbers_held()) or settle_beside(vocab, lock)
    )
    index.settle()
    assert held and not any(held)
    hits = index.search("petherick", kinds={"entity"})
    assert [(hit.article_id, hit.text) for hit in hits] == [("a", "Zoë Petherick")]


def test_settling_hands_each_folds_scratch_back_before_the_next(monkeypatch) -> None:
    """Each field's fold frees what it planned with, but the heap kept it: at 100,000 articles the
    folds' scratch added up to 280 MB over what the index holds, for a moment, as loading ended."""
    from core.search import index as index_module
    from core.search.postings import Field

    index = built()
    done: list[str] = []
    fold_beside = Field.fold_beside
    monkeypatch.setattr(Field, "fold_beside", lambda fld, lock: done.append(fld.kind) or fold_beside(fld, lock))
    monkeypatch.setattr(index_module, "give_back", lambda: done.append("given back"))
    index.settle()
    folded = [step for step in done if step != "given back"]
    assert folded == list(index._fields)
    assert done == ["given back"] + [step for kind in folded for step in (kind, "given back")]
