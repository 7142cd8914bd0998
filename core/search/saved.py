"""The search index kept on disk beside the analysis cache, so a second launch
loads it instead of indexing every article again.

The file is one ``.npz`` of plain numeric arrays, read with pickling off: a
tampered or damaged file fails to load (and the index is built again), it
cannot run code. It is used only if it was written by this index code
(a digest of the ``core`` sources: any change there and it is built again)
for the same analyses (the model and extractor version), and only for the
articles whose title and text are what they were: a saved document whose
article is gone or changed is dropped, and articles it does not hold are
indexed as usual, on top. Building again for one changed article would
cost a launch's worth of indexing for nothing.

Loading maps each array from the file where it lies (the members are stored
uncompressed, their data aligned), instead of reading them all into memory
before the index is made of them: the postings, the words' orders and the
fields' columns and texts are read where they lie (a field copies its own
once it is written), and the words' lookups are made from there. Read all at
once, the file (395 MB at 100,000 articles) was held beside the index made of
it: loading took 1,008 MiB at its peak and kept 733 (279 and 259 now, 25 of
them pages of the file). ``save`` replaces the file (a new file swapped in), so
an index loaded from the old one reads on from it; a file cut short in place by
another program while mapped would kill the app (SIGBUS), which nothing here does.
"""

from __future__ import annotations

import hashlib
import math
import mmap
import os
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from itertools import chain
from pathlib import Path
from typing import BinaryIO

import numpy as np

from core.model import Article
from core.search.index import SearchIndex
from core.search.mapped import pieces

FILE_NAME = "search-index.npz"
FORMAT = 2  # 2: each member's data aligned (see ``_padding``), to be mapped where it lies
_FINGERPRINT = 8  # bytes of digest per article
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # a zip member's local header: signature, its name's and extra's sizes
_ALIGN = 64  # where a member's data starts in the file: numpy's alignment of an .npy's data
_PADDING_ID = 0xD935  # the zip extra field that aligns a member's data (zipalign's)
_ZIP64_EXTRA = 20  # bytes zipfile adds to each member's local header with force_zip64
_CHECKED = 1 << 20  # bytes read at a time to check a member's CRC
_DAMAGED = (OSError, EOFError, ValueError, KeyError, IndexError, TypeError, zipfile.BadZipFile)


def save(index: SearchIndex, path: Path, analysis_version: str) -> bool:
    """Write the index to ``path`` (a whole new file, swapped in: a reader never
    sees half of one); False if it could not be written."""
    try:
        parts, articles = index.snapshot()
        fingerprints = np.frombuffer(b"".join(map(fingerprint, articles)), np.uint8)
        fd, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                _write(out, chain([("key", _key(analysis_version)), ("fingerprints", fingerprints)], parts))
            os.replace(temporary, path)
        finally:
            Path(temporary).unlink(missing_ok=True)
    except (OSError, ValueError):
        return False
    return True


def _write(out: BinaryIO, arrays: Iterable[tuple[str, np.ndarray]]) -> None:
    """``np.savez(out, **dict(arrays))``, each array written as it comes and let go: only
    one is held at a time; one mapped from the previous file is read a piece at a time
    (``core.search.mapped``), so its pages do not all stay in memory."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        for name, value in arrays:
            info = zipfile.ZipInfo(f"{name}.npy")
            info.extra = _padding(out.tell(), len(info.filename.encode()))
            with archive.open(info, "w", force_zip64=True) as member:
                np.lib.format.write_array_header_1_0(member, np.lib.format.header_data_from_array_1_0(value))
                for piece in pieces(np.ravel(value)):
                    member.write(memoryview(piece).cast("B"))
            del value


def _padding(at: int, name_size: int) -> bytes:
    """A zip extra field that puts the data of a member whose header starts ``at`` on a
    multiple of ``_ALIGN`` (as Android's zipalign does): the ``.npy`` header ends on one,
    so its array lies in the file as numpy lays arrays in memory, and is read where it lies."""
    size = (-(at + _LOCAL_HEADER.size + name_size + _ZIP64_EXTRA + 4)) % _ALIGN
    return struct.pack("<HH", _PADDING_ID, size) + bytes(size)


class _Stored(Mapping[str, np.ndarray]):
    """The arrays of a saved file, by name, each mapped read-only from the file when it is
    asked for (again at each ask: an array let go is unmapped). Raises ValueError for a member
    that is not a plain array of numbers stored uncompressed in full (pickled objects are never read)."""

    def __init__(self, file: BinaryIO) -> None:
        self._file = file
        self._places: dict[str, tuple[int, int, int]] = {}  # name: where its .npy starts, its size and CRC
        with zipfile.ZipFile(file) as archive:
            for info in archive.infolist():
                if info.compress_type != zipfile.ZIP_STORED or info.flag_bits & 1 or not info.filename.endswith(".npy"):
                    raise ValueError(f"{info.filename}: not stored as saved")
                file.seek(info.header_offset)
                signature, name_size, extra_size = _LOCAL_HEADER.unpack(file.read(_LOCAL_HEADER.size))
                if signature != b"PK\x03\x04":
                    raise ValueError(f"{info.filename}: no local header")
                start = info.header_offset + _LOCAL_HEADER.size + name_size + extra_size
                self._places[info.filename.removesuffix(".npy")] = (start, info.file_size, info.CRC)

    def __getitem__(self, name: str) -> np.ndarray:
        start, size, _ = self._places[name]
        self._file.seek(start)
        version = np.lib.format.read_magic(self._file)
        if version == (1, 0):
            shape, fortran_order, dtype = np.lib.format.read_array_header_1_0(self._file)
        elif version == (2, 0):
            shape, fortran_order, dtype = np.lib.format.read_array_header_2_0(self._file)
        else:
            raise ValueError(f"{name}: npy version {version}")
        offset, count = self._file.tell(), math.prod(shape)
        if fortran_order or dtype.hasobject or offset - start + count * dtype.itemsize != size:
            raise ValueError(f"{name}: not a plain array of its size")
        if not count * dtype.itemsize:
            return np.zeros(shape, dtype)
        skip = offset % mmap.ALLOCATIONGRANULARITY  # a mapping starts at a multiple of it
        mapped = mmap.mmap(
            self._file.fileno(), skip + count * dtype.itemsize, access=mmap.ACCESS_READ, offset=offset - skip
        )
        found = np.frombuffer(mapped, dtype, count, skip).reshape(shape)
        # Not aligned (a file written otherwise, by np.savez): read into memory, where numpy's loops expect it.
        return found if offset % dtype.alignment == 0 else found.copy()

    def __iter__(self) -> Iterator[str]:
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)

    def check(self) -> None:
        """Raise BadZipFile if a member's bytes are not those written (their CRC), read from
        the file a MB at a time: what ``np.load`` checked, without holding them."""
        buffer = bytearray(_CHECKED)
        for name, (start, size, crc) in self._places.items():
            self._file.seek(start)
            found, left = 0, size
            while left:
                got = self._file.readinto(memoryview(buffer)[: min(left, _CHECKED)])
                if not got:
                    raise zipfile.BadZipFile(f"{name}: cut short")
                found, left = zlib.crc32(memoryview(buffer)[:got], found), left - got
            if found != crc:
                raise zipfile.BadZipFile(f"{name}: damaged")


def made_here(path: Path, analysis_version: str) -> bool:
    """Whether the file at ``path`` was saved by this index code for these analyses (``load`` would use it)."""
    try:
        with open(path, "rb") as file:
            return _fits(_Stored(file), analysis_version)
    except _DAMAGED:
        return False


def _fits(saved: Mapping[str, np.ndarray], analysis_version: str) -> bool:
    return bool(np.array_equal(saved["key"], _key(analysis_version)))


def load(path: Path, articles: dict[str, Article], analysis_version: str) -> SearchIndex | None:
    """The saved index, holding those of ``articles`` it was saved with
    unchanged; None if there is none usable (missing, damaged, stale)."""
    try:
        with open(path, "rb") as file:
            arrays = _Stored(file)
            if not _fits(arrays, analysis_version):
                return None
            arrays.check()
            ids_docs = SearchIndex.document_ids(arrays)
            fingerprints = arrays["fingerprints"]
            if fingerprints.dtype != np.uint8 or len(fingerprints) != _FINGERPRINT * len(ids_docs):
                return None
            known = fingerprints.tobytes()
            del fingerprints
            kept: list[Article | None] = []
            for doc, article_id in enumerate(ids_docs):
                article = articles.get(article_id)
                at = doc * _FINGERPRINT
                same = article is not None and fingerprint(article) == known[at : at + _FINGERPRINT]
                kept.append(article if same else None)
            return SearchIndex.restore(arrays, kept)
    except _DAMAGED:
        return None


def fingerprint(article: Article | None) -> bytes:
    """A digest of what the index read from the article (all zeros: none)."""
    if article is None:
        return bytes(_FINGERPRINT)
    digest = hashlib.blake2b(digest_size=_FINGERPRINT)
    digest.update(article.title.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(article.text.encode("utf-8", "surrogatepass"))
    return digest.digest()


def _key(analysis_version: str) -> np.ndarray:
    text = f"{FORMAT}\0{code_version()}\0{analysis_version}"
    return np.frombuffer(text.encode("utf-8", "surrogatepass"), np.uint8)


@cache
def code_version() -> str:
    """A digest of every ``core`` source file: what is indexed, and how, is
    decided there (tokenising, names, quotes' speakers), so any change to it
    means building the index again once."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=8)
    for source in sorted(root.rglob("*.py")):
        digest.update(source.relative_to(root).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()
