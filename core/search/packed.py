"""Lists of strings as one numeric array, so a saved index holds no Python
objects (loading it never unpickles, so a tampered file cannot run code)."""

from __future__ import annotations

import numpy as np


def pack(strings: list[str]) -> np.ndarray:
    """The strings, UTF-8, each followed by a NUL (reading drops control
    characters: a string that holds one raises ValueError)."""
    if not strings:
        return np.zeros(0, np.uint8)
    joined = "\0".join(strings)
    if joined.count("\0") != len(strings) - 1:
        raise ValueError("a string holds a NUL")
    blob = joined.encode("utf-8", "surrogatepass") + b"\0"
    return np.frombuffer(blob, np.uint8)


def unpack(packed: np.ndarray) -> list[str]:
    if packed.dtype != np.uint8 or packed.ndim != 1:
        raise ValueError("not packed strings")
    if not len(packed):
        return []
    blob = packed.tobytes()
    if not blob.endswith(b"\0"):
        raise ValueError("packed strings cut short")
    return blob[:-1].decode("utf-8", "surrogatepass").split("\0")
