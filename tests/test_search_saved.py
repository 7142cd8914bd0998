"""The search index saved beside the cache: loaded, it answers as a fresh one;
it is never used for articles that changed, and a bad file is only rebuilt."""

from __future__ import annotations

import numpy as np
import pytest

from core.model import Article
from core.search import saved
from core.search.index import SearchIndex
from core.search.saved import FILE_NAME, load, made_here, save
from tests.test_search import CORPUS

VERSION = "model-1\0extractor-1"
QUERIES = ["putin", "vladimir putin", "prigozin", "vp", "s: putin", "q: defend", "^wag", "putin !belarus", "x: rebel"]


def built(pairs=CORPUS) -> SearchIndex:
    index = SearchIndex()
    for article, analysis in pairs:
        index.add(article)  # as the app does: text first, the analysis when it is ready
        index.add(article, analysis)
    return index


def articles(pairs=CORPUS) -> dict[str, Article]:
    return {article.id: article for article, _ in pairs}


def answers(index: SearchIndex) -> list[tuple[object, set[str]]]:
    return [(index.search(query), index.article_ids_matching(query)) for query in QUERIES]


def saved_arrays(path) -> dict[str, np.ndarray]:
    """The test corpus's index saved at ``path``, read back as plain arrays to be tampered with."""
    save(built(), path, VERSION)
    with np.load(path) as saved:
        return {name: saved[name] for name in saved.files}


@pytest.fixture
def path(tmp_path):
    return tmp_path / FILE_NAME


def test_a_loaded_index_answers_as_a_fresh_one(path):
    fresh = built()
    assert save(fresh, path, VERSION)
    loaded = load(path, articles(), VERSION)
    assert loaded is not None and len(loaded) == len(fresh) == len(CORPUS)
    expected = answers(fresh)
    assert all(hits for hits, _ in expected)
    assert answers(loaded) == expected
    for article, analysis in CORPUS:  # the app hands it each cached analysis: nothing is indexed twice
        loaded.add(article, analysis)
    assert loaded.changes == 0
    assert answers(loaded) == expected


def test_articles_new_since_are_indexed_on_top(path):
    save(built(CORPUS[:-1]), path, VERSION)
    loaded = load(path, articles(), VERSION)
    assert len(loaded) == len(CORPUS) - 1
    loaded.add(*CORPUS[-1])
    assert answers(loaded) == answers(built())
    assert save(loaded, path, VERSION)  # saved again, all of it
    assert answers(load(path, articles(), VERSION)) == answers(built())


def test_a_changed_article_is_not_taken_from_the_saved_index(path):
    save(built(), path, VERSION)
    first, analysis = CORPUS[0]
    changed = Article(first.id, first.title, first.text.replace("Putin", "Medvedev"))
    loaded = load(path, articles() | {first.id: changed}, VERSION)
    assert len(loaded) == len(CORPUS) - 1
    assert first.id not in loaded.article_ids_matching("putin")
    assert first.id not in {hit.article_id for hit in loaded.search("putin")}
    loaded.add(changed)
    assert first.id in loaded.article_ids_matching("medvedev")


def test_a_gone_article_is_dropped(path):
    save(built(), path, VERSION)
    loaded = load(path, articles(CORPUS[1:]), VERSION)
    assert len(loaded) == len(CORPUS) - 1
    assert CORPUS[0][0].id not in {hit.article_id for query in QUERIES for hit in loaded.search(query)}


def test_an_index_saved_for_other_analyses_is_not_used(path):
    save(built(), path, VERSION)
    assert load(path, articles(), "model-2\0extractor-1") is None


def test_made_here_says_whether_load_would_use_the_file(path, monkeypatch):
    """What a bench checks before it measures launches that load the index."""
    assert not made_here(path, VERSION)  # none yet
    save(built(), path, VERSION)
    assert made_here(path, VERSION)
    assert not made_here(path, "model-2\0extractor-1")
    monkeypatch.setattr(saved, "code_version", lambda: "other code")
    assert not made_here(path, VERSION)
    path.write_bytes(b"not an index at all")
    assert not made_here(path, VERSION)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"not an index at all" * 100,
        lambda data: data[: len(data) // 2],
        lambda data: data[:100] + bytes(200) + data[300:],
        lambda data: b"",
    ],
    ids=["garbage", "cut short", "zeroed", "empty"],
)
def test_a_damaged_file_is_not_used(path, damage):
    save(built(), path, VERSION)
    path.write_bytes(damage(path.read_bytes()))
    assert load(path, articles(), VERSION) is None


def test_numbers_pointing_outside_the_index_are_refused(path):
    arrays = saved_arrays(path)
    arrays["entity.postings.entries"] = arrays["entity.postings.entries"] + 10_000
    np.savez(path, **arrays)
    assert load(path, articles(), VERSION) is None


def test_a_pickled_object_in_the_file_is_never_unpickled(path):
    arrays = saved_arrays(path)
    arrays["ids"] = np.array([Boom()], dtype=object)
    np.savez(path, **arrays)
    assert load(path, articles(), VERSION) is None


class Boom:
    def __reduce__(self):
        return (pytest.fail, ("unpickled the saved index",))


def test_merged_postings_keep_every_entry_in_order():
    """Runs of postings merge as they come, and into flat arrays on saving, old entries first."""
    import random

    import numpy as np

    from core.search.postings import Postings

    rng, postings, expected = random.Random(1), Postings(), {}
    for round in range(12):
        added = sorted(
            ((rng.randrange(500 + 100 * round), rng.randrange(10**6)) for _ in range(rng.choice((30, 3000)))),
            key=lambda pair: pair[0],  # stable: a key's entries in the order they came
        )
        for key, unit in added:
            expected.setdefault(key, []).append(unit)
        postings.add(np.array([k for k, _ in added], np.uint32), np.array([u for _, u in added], np.uint32))
        if round == 4:
            postings.merge()
    assert postings.runs and len(postings.entries)  # some in each part
    assert len(postings.runs) < 12  # runs of like size merged
    for key in range(1700):
        found = postings.get(key)
        assert (found is None) == (key not in expected)
        assert found is None or found.tolist() == expected[key]
    assert postings.counts(list(range(1700))) == [len(expected.get(key, ())) for key in range(1700)]
    together = postings.get_many(list(range(1700)))
    assert [None if units is None else units.tolist() for units in together] == [expected.get(k) for k in range(1700)]
    postings.merge()
    assert not postings.runs
    assert {key: postings.get(key).tolist() for key in expected} == expected


def test_a_save_that_meets_an_article_indexed_meanwhile_gives_up(path, monkeypatch):
    """Arrays are taken one at a time (see ``SearchIndex.snapshot``): an article indexed
    between two of them would save arrays that do not fit together, so the save gives
    up, the last file stays, and the next save takes what there is then."""
    index = built(CORPUS[:-1])
    assert save(index, path, VERSION)
    before = path.read_bytes()
    write = np.lib.format.write_array_header_1_0

    def indexed_meanwhile(*args, **kwargs):
        if len(index) < len(CORPUS):
            index.add(*CORPUS[-1])
        return write(*args, **kwargs)

    monkeypatch.setattr(np.lib.format, "write_array_header_1_0", indexed_meanwhile)
    assert not save(index, path, VERSION)
    assert path.read_bytes() == before
    assert [file.name for file in path.parent.iterdir()] == [path.name]
    monkeypatch.undo()
    assert save(index, path, VERSION)
    assert answers(load(path, articles(), VERSION)) == answers(built())


def test_saving_copies_one_column_at_a_time(path):
    """A save holds a copy of one of the index's columns at a time, not of them all at
    once (the app saves once loading is done, at its peak)."""
    import tracemalloc

    from core.search.postings import Field

    index = SearchIndex()
    firsts, lasts = [f"Aldo{n:03d}" for n in range(300)], [f"Berg{n:03d}" for n in range(300)]
    for number, (first, last) in enumerate((first, last) for first in firsts for last in lasts):
        index.add_name(f"{first} {last}", "PERSON", number)
    index.settle()
    entity = index._fields["entity"]
    columns = sum(np.array(getattr(entity, name), code).nbytes for name, code in Field.COLUMNS.items())
    tracemalloc.start()  # numpy reports its arrays to it
    try:
        held = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        assert save(index, path, VERSION)
        peak = tracemalloc.get_traced_memory()[1] - held
    finally:
        tracemalloc.stop()
    assert columns > 1.5 * 2**20
    assert peak < columns / 2, (peak, columns)
