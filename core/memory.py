"""Memory freed by Python returned to the system. glibc keeps the freed blocks of
large strings (article texts: several KB each) for later reuse, but the objects
made afterwards (the index, the identities) come from Python's own arenas, so
the texts replaced by packed ones would count in the app's memory for good."""

from __future__ import annotations

from functools import cache


@cache
def _trim():
    """glibc's ``malloc_trim``, or None elsewhere (macOS, musl: nothing to do).
    ctypes is imported here, at the first trim: not before the first paint."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None


def give_back() -> None:
    """Hand the freed pages of the heap back to the system (a few milliseconds)."""
    trim = _trim()
    if trim is not None:
        trim(0)
