"""The vocabulary's typo lookups find exactly what a scan of every word would."""

from __future__ import annotations

import random

import numpy as np
import pytest
from rapidfuzz.distance import OSA

from core.search.vocabulary import Vocabulary, _letter_masks

# Few letters, so that many words are a typo or two apart; digits and Cyrillic share mask groups.
LETTERS = "aaeeioulnrstkzж9"


def random_words(rng: random.Random, count: int) -> list[str]:
    words = {"".join(rng.choice(LETTERS) for _ in range(rng.randint(1, 11))) for _ in range(count)}
    return sorted(words, key=lambda _: rng.random())


def typo(rng: random.Random, word: str) -> str:
    """One edit of ``word`` anywhere, the first and last letters included."""
    at = rng.randrange(len(word) + 1)
    letter = rng.choice(LETTERS)
    kind = rng.choice(("drop", "add", "change", "swap"))
    if kind == "drop" and at < len(word):
        return word[:at] + word[at + 1 :]
    if kind == "change" and at < len(word):
        return word[:at] + letter + word[at + 1 :]
    if kind == "swap" and at + 1 < len(word):
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return word[:at] + letter + word[at:]


def scan_similar(words: list[str], word: str, max_edits: int) -> dict[str, int]:
    """What ``similar`` promises, by brute force: every word within the edits sharing the first or last letter."""
    found = {}
    for other in words:
        if other == word or abs(len(other) - len(word)) > max_edits:
            continue
        if other[0] != word[0] and other[-1] != word[-1]:
            continue
        distance = OSA.distance(word, other)
        if distance <= max_edits:
            found[other] = distance
    return found


def scan_prefixes(words: list[str], prefix: str) -> set[str]:
    """Every beginning of a word one edit from ``prefix`` that keeps its first two letters."""
    heads = {word[:size] for word in words for size in range(len(prefix) - 1, len(prefix) + 2)}
    return {head for head in heads if head[:2] == prefix[:2] and head != prefix and OSA.distance(head, prefix) == 1}


def typed_words(rng: random.Random, words: list[str], count: int) -> list[str]:
    """Words from the vocabulary with one or two typos, and some with none."""
    typed = []
    for _ in range(count):
        word = rng.choice(words)
        for _ in range(rng.choice((0, 1, 1, 2, 2))):
            word = typo(rng, word)
        if word:
            typed.append(word)
    return typed


@pytest.fixture(scope="module")
def vocabulary() -> tuple[Vocabulary, list[str]]:
    rng = random.Random(5)
    words = random_words(rng, 6000)
    vocab = Vocabulary()
    vocab.ids_of(words)
    return vocab, words


@pytest.mark.parametrize("max_edits", [1, 2])
def test_similar_finds_what_a_scan_of_every_word_finds(vocabulary, max_edits) -> None:
    vocab, words = vocabulary
    rng = random.Random(max_edits)
    for word in typed_words(rng, words, 400):
        assert vocab.similar(word, max_edits) == scan_similar(words, word, max_edits), word


def test_similar_keeps_words_whose_first_or_last_letter_is_the_typo() -> None:
    vocab = Vocabulary()
    vocab.ids_of(["prigozhin", "kremlin", "putin"])
    assert vocab.similar("brigozhin", 2) == {"prigozhin": 1}  # first letter changed
    assert vocab.similar("kremlim", 1) == {"kremlin": 1}  # last letter changed
    assert vocab.similar("rpigozhin", 2) == {"prigozhin": 1}  # first two swapped
    assert vocab.similar("prigozhni", 1) == {"prigozhin": 1}  # last two swapped
    assert vocab.similar("rpigozhni", 2) == {}  # both ends changed: not looked for
    assert vocab.similar("ptuin", 1) == {"putin": 1}


def test_similar_prefixes_finds_what_a_scan_of_every_beginning_finds(vocabulary) -> None:
    vocab, words = vocabulary
    rng = random.Random(9)
    typed = [word for word in typed_words(rng, words, 400) if len(word) >= 4]
    # Runs of one letter at the start: an edit among the first two letters that keeps them.
    typed += ["aaas", "aaaes", "eeek", "aeaa"]
    for prefix in typed:
        found = vocab.similar_prefixes(prefix)
        assert set(found) == scan_prefixes(words, prefix), prefix
        assert list(found) == sorted(found) and set(found.values()) <= {1}


def test_lookups_survive_saving_and_loading(vocabulary) -> None:
    vocab, words = vocabulary
    loaded = Vocabulary.from_arrays(vocab.to_arrays())
    rng = random.Random(3)
    for word in typed_words(rng, words, 200):
        assert loaded.similar(word, 2) == vocab.similar(word, 2), word
        if len(word) >= 4:
            assert loaded.similar_prefixes(word) == vocab.similar_prefixes(word), word
    # Words seen after loading join the loaded buckets.
    loaded.ids_of(["zzzzkkk", "zzzzkkkl"])
    assert loaded.similar("zzzkkk", 1) == {"zzzzkkk": 1} | scan_similar(words, "zzzkkk", 1)
    assert loaded.similar("zzzzkkkk", 2) == scan_similar(list(loaded), "zzzzkkkk", 2)


def test_words_seen_after_a_search_are_found() -> None:
    vocab = Vocabulary()
    vocab.ids_of(["wagner", "wagon"])
    assert vocab.similar("wagnr", 1) == {"wagner": 1}
    vocab.ids_of(["wagnor", "vagner"])
    assert vocab.similar("wagnr", 1) == {"wagner": 1, "wagnor": 1}
    assert vocab.similar("wagnerr", 2) == {"wagner": 1, "wagnor": 2, "vagner": 2}
    assert "wagn" in vocab.similar_prefixes("wagm")


def test_letter_masks_leave_out_words_too_far_apart() -> None:
    near, far, same = _letter_masks(["kremlin", "zzzzzzz", "kremlni"]) ^ _letter_masks(["kremlim"])[0]
    assert np.bitwise_count(near) == 2  # one letter changed: one count up, one down
    assert np.bitwise_count(same) == 2  # letters moved, but the m became an n
    assert np.bitwise_count(far) > 4  # more than two edits can change
    vocab = Vocabulary()
    vocab.ids_of(["kremlin", "kzzzzzn", "kremlan"])
    vocab.similar("kremlin", 1)
    near = vocab._by_first.near((7, "k"), _letter_masks(["kremlin"])[0], 2)
    assert [vocab.word(i) for i in near] == ["kremlin", "kremlan"]


def test_each_bucket_keeps_its_words_masks_in_its_order(vocabulary) -> None:
    """The masks beside a bucket's ids (read in one pass, not gathered by id) are those
    ids' words' masks, in a vocabulary filed in several steps and in one loaded back."""
    _, words = vocabulary
    vocab = Vocabulary()
    for part in (words[: len(words) // 2], words[len(words) // 2 :]):  # buckets made, then grown
        vocab.ids_of(part)
        vocab.settle()
    for vocabulary_ in (vocab, Vocabulary.from_arrays(vocab.to_arrays())):
        for buckets in (vocabulary_._by_first, vocabulary_._by_last):
            assert buckets.ids.keys() == buckets.masks.keys()
            for key, ids in buckets.ids.items():
                expected = _letter_masks([vocabulary_.word(i) for i in ids.tolist()])
                assert np.array_equal(buckets.masks[key], expected), key


@pytest.mark.parametrize("shortest", [1, 5, 40])
def test_starting_and_ending_with_keep_the_shortest_words(vocabulary, shortest) -> None:
    vocab, words = vocabulary
    for part in ("a", "ee", "k", "ж", "9", "zz"):
        for found, every in (
            (vocab.starting_with(part, shortest), vocab.starting_with(part)),
            (vocab.ending_with(part, shortest), vocab.ending_with(part)),
        ):
            cut = sorted(map(len, every))[shortest - 1] if len(every) > shortest else max(map(len, every), default=0)
            assert found == [word for word in every if len(word) <= cut], part
            assert len(found) >= min(shortest, len(every))


def test_scattered_letters_find_what_a_scan_of_every_word_finds(vocabulary) -> None:
    vocab, words = vocabulary
    rng = random.Random(4)
    for _ in range(200):
        word = rng.choice([w for w in words if len(w) >= 3])
        kept = sorted(rng.sample(range(1, len(word)), rng.randint(1, len(word) - 1)))
        letters = word[0] + "".join(word[at] for at in kept) + rng.choice(("", "", "a", "ж"))
        expected = sorted(sorted(w for w in words if w[0] == letters[0] and _in_order(letters[1:], w[1:])), key=len)
        for limit in (3, 32):
            assert vocab.scattered(letters, limit) == expected[:limit], letters


def _in_order(letters: str, word: str) -> bool:
    rest = iter(word)
    return all(letter in rest for letter in letters)


def test_words_added_in_batches_are_found_by_their_ends_in_order() -> None:
    """New ids are merged into the order of reversed words at each settle, and
    that order is kept as ids in one array: no reversed copy of any word."""
    rng = random.Random(6)
    words = random_words(rng, 3000)
    vocab = Vocabulary()
    for start in range(0, len(words), 700):
        vocab.ids_of(words[start : start + 700])
        seen = words[: start + 700]
        for suffix in ("a", "ee", "k", "ж", "9", "zz", "kaa"):
            assert vocab.ending_with(suffix) == sorted((w for w in seen if w.endswith(suffix)), key=lambda w: w[::-1])
    assert vocab._reversed.dtype == np.uint32 and len(vocab._reversed) == len(words)
    assert Vocabulary.from_arrays(vocab.to_arrays()).ending_with("ee") == vocab.ending_with("ee")


def test_the_packed_words_answer_as_a_dict_and_sorted_lists_would(monkeypatch) -> None:
    """Words folded into the blob and the sorted hashes a few at a time (as 65,536 are in
    an archive), settled between batches: ids, membership and every lookup as a dict of
    the words and a sorted list of them give, and the same once saved and loaded."""
    monkeypatch.setattr("core.search.vocabulary._FOLD", 7)
    rng = random.Random(8)
    words = random_words(rng, 2500)
    vocab, expected = Vocabulary(), {}
    for start in range(0, len(words), 300):
        batch = words[start : start + 300]
        batch = batch + rng.sample(list(expected) or batch, min(40, len(expected) or len(batch)))  # seen ones again
        for word in batch:
            expected.setdefault(word, len(expected))
        assert vocab.ids_of(batch) == [expected[word] for word in batch]
        ordered = sorted(expected)
        for part in ("a", "ee", "k", "ж", "9", "zz", "kaa"):
            assert vocab.starting_with(part) == [w for w in ordered if w.startswith(part)], part
            assert vocab.ending_with(part) == sorted((w for w in ordered if w.endswith(part)), key=lambda w: w[::-1])
    for loaded in (vocab, Vocabulary.from_arrays(vocab.to_arrays())):
        assert list(loaded) == list(expected) and len(loaded) == len(expected)
        assert all(loaded[word] == number and loaded.word(number) == word for word, number in expected.items())
        assert "zzzzzzzzzzzz" not in loaded and loaded.get("zzzzzzzzzzzz") is None
        for word in rng.sample(list(expected), 50):
            assert loaded.similar(word, 2) == scan_similar(list(expected), word, 2), word
    assert vocab._blob.count(0) == len(words)  # every word folded into the blob, once


def test_samples_moved_along_stay_the_words_at_their_places() -> None:
    """Each settle moves the samples up past the words filed before them (``_Samples.after_insert``),
    and takes them again once one stretch between two is too wide: words spread over the order
    and words all in one place (one prefix), in batches. After each, every sample is the word at
    its place, no stretch is wider than ``_WIDEST``, and lookups find what a scan finds."""
    from core.search.vocabulary import _WIDEST

    rng = random.Random(11)
    spread = random_words(rng, 2400)
    crowded = ["mmq" + word for word in random_words(rng, 600)]
    vocab, seen = Vocabulary(), []
    moved = taken = 0
    for start in range(0, 2400, 200):
        batch = spread[start : start + 200] + crowded[start // 4 : start // 4 + 50]
        before = vocab._samples.words
        vocab.ids_of(batch)
        vocab.settle()
        seen += batch
        moved += vocab._samples.words is before
        taken += vocab._samples.words is not before
        for order, samples, read in (
            (vocab._sorted, vocab._samples, vocab._pick),
            (vocab._reversed, vocab._backwards_samples, vocab._pick_backwards),
        ):
            assert read(order[samples.at]) == samples.words
            assert int(np.diff(np.concatenate(([-1], samples.at, [len(order)]))).max()) <= _WIDEST
        for part in ("mmq", "mmqa", "e", "k", "zz"):
            assert vocab.starting_with(part) == sorted(w for w in set(seen) if w.startswith(part)), part
            ends = {w for w in seen if w.endswith(part[-1])}
            assert vocab.ending_with(part[-1]) == sorted(ends, key=lambda w: w[::-1])
    assert moved and taken  # both ways were taken


def test_letter_masks_are_counted_a_few_thousand_words_at_a_time_and_the_same_as_one_by_one() -> None:
    """A count per word and group is made while masks are computed: 65,536 words at once took 55 MB."""
    import tracemalloc

    words = [f"{chr(97 + n % 26)}word{n}é{chr(97 + n // 26 % 26)}" for n in range(60_000)]
    tracemalloc.start()  # numpy reports its arrays to it
    try:
        masks = _letter_masks(words)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 12_000_000, f"{peak / 1e6:.1f} MB"
    every = [8_190, 8_191, 8_192, 8_193, 16_384, 59_999]
    assert [int(masks[at]) for at in every] == [int(_letter_masks([words[at]])[0]) for at in every]


def test_a_filing_writes_after_each_bucket_without_copying_it_or_what_readers_hold() -> None:
    """A group grows into the room after it (filing 20,000 words copied every group: 53 MB at
    2.2 million words, each time the loader filed words); the buckets a reader holds keep what
    they held, and a filing from them that is dropped leaves the next one its own room."""
    rng = random.Random(11)
    words = random_words(rng, 3000)
    vocab = Vocabulary()
    for part in (words[:1000], words[1000:1500], words[1500:2000]):
        vocab.ids_of(part)
        vocab.settle()
    held = vocab._by_first
    before = {key: (ids.copy(), held.masks[key].copy()) for key, ids in held.ids.items()}
    vocab.ids_of(words[2000:2100])
    vocab.settle()
    grown = vocab._by_first
    kept = [key for key in before if len(grown.ids[key]) > len(held.ids[key])]
    written_after = [key for key in kept if np.shares_memory(grown.ids[key], held.ids[key])]
    assert len(written_after) > len(kept) // 2  # the others ran out of room, or were new a filing ago
    for key, (ids, masks) in before.items():  # what a reader holds is as it was
        assert np.array_equal(held.ids[key], ids) and np.array_equal(held.masks[key], masks)
    # A second filing from the same buckets (one dropped: ``settle_beside``) finds the room taken.
    taken = {key: ids.copy() for key, ids in grown.ids.items()}
    extra = ["kzk" + word for word in words[2100:2200]]
    keys, masks = _keys_and_masks(extra)
    dropped = held.extended(len(vocab), keys, masks)
    assert all(np.array_equal(grown.ids[key], ids) for key, ids in taken.items())
    touched = [key for key in written_after if len(dropped.ids[key]) > len(held.ids[key])]
    assert touched
    for key in touched:
        assert np.array_equal(dropped.ids[key][: len(held.ids[key])], held.ids[key])
    filed = Vocabulary()
    filed.ids_of(words[:2100])
    filed.settle()
    for key, ids in grown.ids.items():
        assert np.array_equal(ids, filed._by_first.ids[key]), key
        assert np.array_equal(grown.masks[key], filed._by_first.masks[key]), key
    for word in words[:50]:
        assert vocab.similar(word, 2) == scan_similar(words[:2100], word, 2)


def _keys_and_masks(words: list[str]) -> tuple[np.ndarray, np.ndarray]:
    from core.search.vocabulary import _described

    _, masks, first_keys, _ = _described(words)
    return first_keys, masks
