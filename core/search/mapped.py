"""Arrays mapped read-only from a file (a saved index, see ``core.search.saved``)
are read where they lie, not copied into memory; the pages of one that is read
through (a check of every entry, a copy) stay resident, counted in the
process's memory, as long as it is mapped. Read a piece at a time, each piece's
pages are let go once read: the kernel reads them again from its cache when
they are needed (a search touches a few of them). At 100,000 articles the body
text's postings alone are 150 MB."""

from __future__ import annotations

import mmap
from collections.abc import Iterator

import numpy as np

PIECE = 1 << 22  # items read at a time: a few MB


def pieces(numbers: np.ndarray, size: int = PIECE) -> Iterator[np.ndarray]:
    """``numbers`` (one dimension) ``size`` items at a time, each let go once read (``release``)."""
    for start in range(0, len(numbers), size):
        piece = numbers[start : start + size]
        yield piece
        release(piece)


def release(numbers: np.ndarray) -> None:
    """Let the pages of ``numbers`` go, if they are mapped from a file (nothing otherwise):
    they are read again from the file when they are next read."""
    mapping = mapping_of(numbers)
    if mapping is None or not numbers.nbytes:
        return
    at = numbers.ctypes.data - np.frombuffer(mapping, np.uint8).ctypes.data
    first = at - at % mmap.PAGESIZE
    mapping.madvise(mmap.MADV_DONTNEED, first, at + numbers.nbytes - first)


def mapping_of(numbers: np.ndarray) -> mmap.mmap | None:
    """The read-only file mapping ``numbers`` lie in (None: memory of their own, or writable)."""
    base = numbers.base
    while isinstance(base, np.ndarray):
        base = base.base
    if isinstance(base, memoryview) and base.readonly and isinstance(base.obj, mmap.mmap):
        return base.obj
    return None
