"""What a search hit shows: a short passage of body text around the match,
and the ranges to highlight in it."""

from __future__ import annotations

from core.search.query import Expansion
from core.search.textnorm import ACRONYM_SKIP, find_word, fold, word_spans

PASSAGE_BEFORE, PASSAGE_AFTER = 60, 140


def highlights(folded: str, chosen: list[Expansion]) -> tuple[tuple[int, int], ...]:
    """Ranges of ``folded`` where the chosen expansions occur."""
    ranges: set[tuple[int, int]] = set()
    for expansion in chosen:
        if expansion.is_initials:
            ranges.update(_initial_ranges(folded, expansion.word))
            continue
        pos = find_word(folded, expansion.word)
        while pos >= 0:
            ranges.add((pos, pos + expansion.shown))
            pos = find_word(folded, expansion.word, pos + 1)
    return tuple(sorted(ranges))


def _initial_ranges(folded: str, letters: str) -> list[tuple[int, int]]:
    spans = [(s, w) for s, _, w in word_spans(folded)]
    heads = "".join(w[0] for _, w in spans)
    at = heads.find(letters)
    if at >= 0:
        return [(s, s + 1) for s, _ in spans[at : at + len(letters)]]
    # Acronyms skip small words: match the initials of the other words.
    kept = [(s, w) for s, w in spans if w not in ACRONYM_SKIP]
    heads = "".join(w[0] for _, w in kept)
    at = heads.find(letters)
    return [(s, s + 1) for s, _ in kept[at : at + len(letters)]] if at >= 0 else []


def passage(text: str, chosen: list[Expansion]) -> tuple[str, int, int, tuple[tuple[int, int], ...]]:
    """A short window of body text around the first use of the longest
    matched word (usually the rarest), cut at word boundaries and within its
    paragraph. A search in any case finds most words in the text as it is (lower-casing
    a body with one curly quote in it took 37 us, for each of up to 50 hits); folding
    the whole body (slower still) is only for a word written with accents there."""
    anchor = max(_first_use(text, chosen), 0)
    start = max(0, anchor - PASSAGE_BEFORE)
    paragraph = text.rfind("\n", start, anchor)
    if paragraph >= 0:
        start = paragraph + 1
    elif start > 0:
        space = text.find(" ", start, anchor)
        start = space + 1 if space >= 0 else start
    end = min(len(text), anchor + PASSAGE_AFTER)
    newline = text.find("\n", anchor, end)
    if newline >= 0:
        end = newline
    elif end < len(text):
        space = text.rfind(" ", anchor, end)
        end = space if space > anchor else end
    window = text[start:end]
    return window, start, end, highlights(fold(window), chosen)


def _first_use(text: str, chosen: list[Expansion]) -> int:
    """Where the longest chosen word is first used in ``text``, in any case and, if it is not
    found so, accents folded (``jose`` for "José"; the body folded once, if at all), or -1."""
    folded = None
    for expansion in sorted(chosen, key=lambda e: len(e.word), reverse=True):
        at = find_word(text, expansion.word, any_case=True)
        if at < 0 and not text.isascii():
            folded = fold(text) if folded is None else folded
            at = find_word(folded, expansion.word)
        if at >= 0:
            return at
    return -1
