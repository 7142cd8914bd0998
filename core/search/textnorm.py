"""Folding text for search: case, accents and typographic punctuation stop mattering.

``fold`` keeps every character in place (one in, one out), so an offset in the
folded text is the same offset in the original: search finds words in folded
text and reports where they are in the article without any mapping.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

# Letters whose base letter Unicode does not give by decomposition.
_EXTRA = {
    "ø": "o",
    "Ø": "o",
    "đ": "d",
    "Đ": "d",
    "ł": "l",
    "Ł": "l",
    "ħ": "h",
    "Ħ": "h",
    "ı": "i",
    "İ": "i",
    "ŀ": "l",
    "Ŀ": "l",
    "ð": "d",
    "Ð": "d",
    "þ": "t",
    "Þ": "t",
}


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in [*range(0xC0, 0x530), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)).lower()
        if len(base) == 1 and base != char.lower():
            table[code] = base
    table.update({ord(k): v for k, v in _EXTRA.items()})
    return table


_TABLE = _fold_table()
# A word is a run of letters and digits; apostrophes and hyphens split words.
WORD = re.compile(r"[^\W_]+")
# Small words that acronyms skip: "University of Science and Technology" -> "ust".
ACRONYM_SKIP = frozenset({"of", "and", "the", "for", "in", "on", "at", "to", "de", "la", "du", "des", "y"})
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_SEPARATORS = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalnum()})


def _fold_char(match: re.Match[str]) -> str:
    char = match.group()
    return _TABLE.get(ord(char)) or (char if char.isalnum() else " ")


def fold(text: str) -> str:
    """Lower-case, accent-free text of exactly the same length as ``text``;
    punctuation outside ASCII (curly quotes, dashes) becomes a space, so most
    folded text is ASCII, which Python splits into words fastest."""
    if text.isascii():
        return text.lower()
    # Substituting the few non-ASCII characters beats str.translate tenfold.
    return _NON_ASCII.sub(_fold_char, text).lower()


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    return folded_words(fold(text))


def folded_words(folded: str) -> list[str]:
    """The words of already folded text, in order."""
    if folded.isascii():
        return folded.translate(_ASCII_SEPARATORS).split()
    return WORD.findall(folded)


def word_spans(folded: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, word)`` for each word of already folded text."""
    for match in WORD.finditer(folded):
        yield match.start(), match.end(), match.group()


def initials(name_words: list[str]) -> set[str]:
    """What someone might type for a multi-word name: "vp" and, skipping small
    words, "hkust" for "Hong Kong University of Science and Technology"."""
    if len(name_words) < 2:
        return set()
    found = {"".join(w[0] for w in name_words)}
    kept = [w for w in name_words if w not in ACRONYM_SKIP]
    if len(kept) >= 2:
        found.add("".join(w[0] for w in kept))
    return found


# Folded text this short is scanned with ``str.find`` rather than a regex made for the word: compiling
# one took 0.3-0.9 ms under load, for each new word of each keystroke's hits, where a passage of 200
# characters is scanned in microseconds.
SCANNED_UP_TO = 1000


def find_word(folded: str, word: str, start: int = 0, any_case: bool = False) -> int:
    """Offset of the first whole-word occurrence of ``word`` in ``folded``
    at or after ``start``, or -1; ``any_case``: in text not folded, in any case."""
    if not any_case and len(folded) <= SCANNED_UP_TO:
        return _scan(folded, word, start)
    found = _whole_word(word, re.IGNORECASE if any_case else 0).search(folded, start)
    return found.start() if found else -1


def _scan(folded: str, word: str, start: int) -> int:
    """``find_word`` by each ``str.find`` of the word, then a look either side."""
    at = folded.find(word, start)
    while at >= 0:
        after = at + len(word)
        if (at == 0 or not folded[at - 1].isalnum()) and (after >= len(folded) or not folded[after].isalnum()):
            return at
        at = folded.find(word, at + 1)
    return -1


@lru_cache(maxsize=1024)
def _whole_word(word: str, flags: int) -> re.Pattern[str]:
    """``word`` with no letter or digit either side (``[^\\W_]`` is what ``str.isalnum``
    accepts), found in C: a loop over each ``str.find`` of a short word ("a") through a
    body of text took a search 9 ms for its passages. The word comes first, so that the
    regex engine looks for it as a string (a leading lookbehind is tried at every place)."""
    escaped = re.escape(word)
    return re.compile(escaped + r"(?<![^\W_]" + escaped + r")(?![^\W_])", flags)
