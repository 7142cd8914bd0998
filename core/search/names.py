"""The names search indexes: an article's entities merged by variant, and
its speakers.

Mentions are grouped as the reader groups them (``core.entities``:
"Vladimir Putin", "Putin" and "Putin’s" are one person), so a search hit and
the reader's marks agree on what one entity is.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from core.entities import group_mentions
from core.model import UNKNOWN, Entity, Quote, Span
from core.names import COURTESY_TITLES, strip_possessive, without_titles
from core.search.textnorm import words
from core.sources import speaker_name

# Labels that name something; numbers, dates and amounts are not searched.
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
# A speaker that is only a pronoun is not worth a hit of its own.
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "his", "her", "their"})


@dataclass(frozen=True, slots=True)
class MergedEntity:
    """One entity of an article with every mention of it."""

    name: str  # the fullest form, as first written, without a possessive
    start: int  # where that form is first written
    label: str
    mentions: int
    words: tuple[str, ...]  # folded words of every variant, fullest first


@lru_cache(maxsize=65536)
def name_words(text: str) -> tuple[str, ...]:
    """The words that identify a name: no possessive, honorific or "the".
    Cached: the same names recur across mentions and articles."""
    return without_titles(tuple(words(strip_possessive(text))), COURTESY_TITLES)


def merge_entities(entities: tuple[Entity, ...] | list[Entity]) -> list[MergedEntity]:
    """Named entities of one article merged by variant, in order of first mention."""
    named = [e for e in entities if e.label in NAME_LABELS and name_words(e.text)]
    groups: dict[int, list[Entity]] = {}
    for entity, group in zip(named, group_mentions(named)):
        groups.setdefault(group, []).append(entity)
    merged = []
    for mentions in groups.values():
        # Fullest form first; the earliest among equals.
        by_fullness = sorted(mentions, key=lambda m: -len(name_words(m.text)))
        fullest = by_fullness[0]
        variants = dict.fromkeys(word for m in by_fullness for word in name_words(m.text))
        merged.append(
            MergedEntity(strip_possessive(fullest.text), fullest.start, fullest.label, len(mentions), tuple(variants))
        )
    return merged


def speaker_words(quote: Quote) -> tuple[str, ...]:
    """The words naming a quote's source; nothing for a bare pronoun or when
    the attribution could not tell what kind of source it is."""
    if quote.source_kind == UNKNOWN:
        return ()
    name = speaker_name(quote)
    found = name_words(name) if name else ()
    return () if set(found) <= _PRONOUNS else found


def speaker_mention(quotes: list[Quote]) -> Span | Quote:
    """Where a speaker of these quotes is named: the first attribution that
    is not a pronoun, else the first quote itself."""
    for quote in quotes:
        if quote.speaker and not set(name_words(quote.speaker.text)) <= _PRONOUNS:
            return quote.speaker
    return quotes[0]
