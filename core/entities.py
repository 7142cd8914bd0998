"""Which entity mentions name the same thing, so the reader can mark them together.

"Vladimir Putin", "Putin" and "Putin’s" are one person; "the Foreign
Ministry" and "Foreign Ministry" one organisation. A shorter mention joins
the longest earlier-or-later mention of the same kind whose words end with
(or, for organisations, contain) its words.
"""

from __future__ import annotations

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
    canonical: dict[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...]]] = {}
    for key in distinct:
        label, words = key
        target = key
        if label in _JOINABLE and words:
            for longer in distinct:
                if longer is key or longer[0] != label or len(longer[1]) <= len(words):
                    continue
                if longer[1][-len(words) :] == words or (label == "ORG" and _contains(longer[1], words)):
                    target = canonical.get(longer, longer)
                    break
        canonical[key] = target
    numbers: dict[tuple[str, tuple[str, ...]], int] = {}
    return [numbers.setdefault(canonical[key], len(numbers)) for key in keys]


def _contains(longer: tuple[str, ...], words: tuple[str, ...]) -> bool:
    size = len(words)
    return any(longer[i : i + size] == words for i in range(len(longer) - size + 1))
