"""Counts in words, as every widget writes them: "1 article", "2 quotes"."""

from __future__ import annotations


def counted(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else plural or word + 's'}"
