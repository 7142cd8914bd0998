"""Memory freed by Python returned to the system. glibc keeps the freed blocks of
large strings (article texts: several KB each) for later reuse, but the objects
made afterwards (the index, the identities) come from Python's own arenas, so
the texts replaced by packed ones would count in the app's memory for good.
Large blocks (the index's arrays) are mapped each on its own, so freeing one
returns it at once."""

from __future__ import annotations

from functools import cache

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
LARGE_BLOCK = 128 * 1024  # glibc's own threshold, before it moves it


@cache
def _libc():
    """glibc, or None elsewhere (macOS, musl: nothing to do). ctypes is imported
    here, at the first use: not before the first paint."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        return libc if libc is not None and hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt") else None
    except OSError:
        return None


def give_back() -> None:
    """Hand the freed pages of the heap back to the system (a few milliseconds)."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


def map_large_blocks() -> None:
    """Every block of ``LARGE_BLOCK`` or more is mapped on its own and unmapped when freed.
    glibc raises that threshold to the size of each mapped block freed (up to 32 MB): the
    index's arrays, made and dropped as articles are filed, then came from the heap, which
    kept their room. At 100,000 articles that was 66 MiB of the loading's peak."""
    libc = _libc()
    if libc is not None:
        libc.mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK)
