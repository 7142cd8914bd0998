"""A saved index is loaded by mapping its arrays from the file, not by reading the
file into memory beside the index made of it: the postings and the words' orders
are searched where they lie, a check that reads them all lets each piece go, and a
file that is not what was written is still only rebuilt."""

from __future__ import annotations

import mmap
import zipfile
from pathlib import Path

import numpy as np
import pytest

from core.search import saved
from core.search.mapped import mapping_of, pieces
from core.search.saved import FILE_NAME, load, save
from tests.test_search import CORPUS
from tests.test_search_saved import VERSION, answers, articles, built, saved_arrays


@pytest.fixture
def path(tmp_path):
    return tmp_path / FILE_NAME


def test_the_postings_and_orders_of_a_loaded_index_are_read_from_the_file(path):
    save(built(), path, VERSION)
    loaded = load(path, articles(), VERSION)
    for fld in loaded._fields.values():
        if len(fld.postings.entries):
            assert mapping_of(fld.postings.entries) is not None, fld.kind
            assert mapping_of(fld.postings.offsets) is not None, fld.kind
    assert mapping_of(loaded._vocab._sorted) is not None
    assert mapping_of(loaded._vocab._reversed) is not None
    assert answers(loaded) == answers(built())


def test_each_array_lies_in_the_file_as_numpy_lays_it_in_memory(path):
    """Aligned, a mapped array is searched with numpy's usual loops (and a memoryview of it indexes)."""
    save(built(), path, VERSION)
    with np.load(path) as plain, open(path, "rb") as file:
        stored = saved._Stored(file)
        assert set(stored) == {name.removesuffix(".npy") for name in plain.files}
        for name in stored:
            found = stored[name]
            assert np.array_equal(found, plain[name]) and found.dtype == plain[name].dtype
            if found.nbytes:
                assert found.ctypes.data % saved._ALIGN == 0 and mapping_of(found) is not None, name


def test_an_index_loaded_reads_on_once_the_file_is_saved_over(path):
    save(built(CORPUS[:-1]), path, VERSION)
    loaded = load(path, articles(), VERSION)
    loaded.add(*CORPUS[-1])
    assert save(loaded, path, VERSION)  # the runs folded into postings that were mapped
    assert answers(loaded) == answers(built())
    assert answers(load(path, articles(), VERSION)) == answers(built())


def test_a_file_written_otherwise_is_read_into_memory(path):
    """np.savez does not align the members: their arrays are copied, and answer the same."""
    arrays = saved_arrays(path)
    np.savez(path, **arrays)
    loaded = load(path, articles(), VERSION)
    assert mapping_of(loaded._fields["text"].postings.entries) is None
    assert answers(loaded) == answers(built())


def _data_at(path: Path, name: str) -> int:
    """Where the array ``name`` starts in the file."""
    with open(path, "rb") as file:
        stored = saved._Stored(file)
        start, size, _ = stored._places[name]
        return start + size - stored[name].nbytes


@pytest.mark.parametrize(
    "damage",
    [
        lambda data, at: data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :],
        lambda data, at: data[:at] + b"\xff" * 16 + data[at + 16 :],
    ],
    ids=["one bit", "sixteen bytes"],
)
def test_a_changed_byte_in_an_array_is_found(path, damage):
    """What np.load found by the members' CRC, and mapping alone would not."""
    save(built(), path, VERSION)
    at = _data_at(path, "text.postings.entries")
    path.write_bytes(damage(path.read_bytes(), at))
    assert load(path, articles(), VERSION) is None


def test_a_compressed_member_is_not_used(path):
    arrays = saved_arrays(path)
    np.savez_compressed(path, **arrays)
    assert load(path, articles(), VERSION) is None


def test_a_member_whose_header_claims_more_than_it_holds_is_not_used(path):
    arrays = saved_arrays(path)
    entries = arrays.pop("text.postings.entries")
    with zipfile.ZipFile(path, "w") as archive:
        for name, value in arrays.items():
            with archive.open(f"{name}.npy", "w") as member:
                np.lib.format.write_array(member, value)
        with archive.open("text.postings.entries.npy", "w") as member:  # its header, one entry fewer
            np.lib.format.write_array_header_1_0(member, np.lib.format.header_data_from_array_1_0(entries))
            member.write(entries[:-1].tobytes())
    assert load(path, articles(), VERSION) is None


def _rss_file() -> int:
    """Bytes of this process's memory that are pages of mapped files."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssFile:"):
            return int(line.split()[1]) * 1024
    pytest.skip("no RssFile in /proc/self/status")


def test_reading_a_mapped_array_a_piece_at_a_time_lets_its_pages_go(tmp_path):
    size = 64 << 20
    file = tmp_path / "numbers"
    file.write_bytes(np.arange(size // 4, dtype=np.uint32).tobytes())
    with open(file, "rb") as opened:
        numbers = np.frombuffer(mmap.mmap(opened.fileno(), size, access=mmap.ACCESS_READ), np.uint32)
    before = _rss_file()
    assert max(int(piece.max()) for piece in pieces(numbers)) == size // 4 - 1
    assert _rss_file() - before < size // 4
    assert int(numbers.max()) == size // 4 - 1  # read at once, its pages stay: what pieces spares
    assert _rss_file() - before > size // 2


def test_the_columns_of_a_loaded_index_are_read_from_the_file_until_one_is_written(path):
    save(built(), path, VERSION)
    loaded = load(path, articles(), VERSION)
    entity = loaded._fields["entity"]
    assert mapping_of(entity.unit_doc) is not None and mapping_of(entity.alive) is not None
    assert mapping_of(entity.texts.packed) is not None  # decoded as hits show them
    assert answers(loaded) == answers(built())
    first, analysis = CORPUS[0]
    changed = type(first)(first.id, first.title, first.text.replace("Putin", "Medvedev"))
    loaded.add(changed, analysis)  # its units removed, others added: the field's own arrays now
    assert mapping_of(np.frombuffer(entity.unit_doc, np.uint32)) is None
    assert answers(loaded) == answers(built([(changed, analysis), *CORPUS[1:]]))


def test_a_text_that_is_not_utf8_is_refused(path):
    arrays = saved_arrays(path)
    texts = arrays["entity.texts"].copy()
    texts[0] = 0xFF
    arrays["entity.texts"] = texts
    np.savez(path, **arrays)
    assert load(path, articles(), VERSION) is None
