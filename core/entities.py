"""Which entity mentions name the same thing, so the reader can mark them together.

"Vladimir Putin", "Putin" and "Putin’s" are one person; "the Foreign
Ministry" and "Foreign Ministry" one organisation. A shorter mention joins
the longest earlier-or-later mention of the same kind whose words end with
(or, for organisations, contain) its words.
"""

from __future__ import annotations

from collections.abc import Iterator

from core.model import Entity
from core.names import PERSON_TITLES, strip_possessive, without_titles

_JOINABLE = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}


def entity_key(entity: Entity) -> tuple[str, tuple[str, ...]]:
    """Label and folded words, without a leading 'the', a person's titles or a trailing possessive."""
    words = tuple(strip_possessive(entity.text.strip()).casefold().split())
    return entity.label, without_titles(words, PERSON_TITLES if entity.label == "PERSON" else frozenset())


def group_mentions(entities: tuple[Entity, ...] | list[Entity]) -> list[int]:
    """A group number per mention; mentions of one entity share it."""
    keys = [entity_key(entity) for entity in entities]
    # Longest first; names of one length in order of first mention, so a surname shared by
    # two full names joins the one named first, whatever the hashing of this run.
    distinct = sorted(dict.fromkeys(keys), key=lambda key: -len(key[1]))
    # Each longer name by its shorter parts (endings; any run of words for an organisation),
    # the first in that order kept: a lookup per name, not a scan of every longer one.
    longer_by_part: dict[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...]]] = {}
    canonical: dict[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...]]] = {}
    for key in distinct:
        label, words = key
        longer = longer_by_part.get(key) if label in _JOINABLE and words else None
        canonical[key] = key if longer is None else canonical[longer]
        if label in _JOINABLE:
            for part in _parts(words, label == "ORG"):
                longer_by_part.setdefault((label, part), key)
    numbers: dict[tuple[str, tuple[str, ...]], int] = {}
    return [numbers.setdefault(canonical[key], len(numbers)) for key in keys]


def _parts(words: tuple[str, ...], inside: bool) -> Iterator[tuple[str, ...]]:
    """The name's shorter endings, or with ``inside`` every shorter run of its words."""
    size = len(words)
    for start in range(1, size) if not inside else range(size):
        for end in (size,) if not inside else range(start + 1, size + 1 if start else size):
            yield words[start:end]
