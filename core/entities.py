"""Merging the mentions of one entity in an article: "Vladimir Putin",
"Putin" and "Putin's" are one person, named by the fullest form.

A shorter name joins a longer one when its words are a subset of the
longer one's words with the same label ("Putin" in "Vladimir Putin",
"Wagner" in "Wagner Group"), or when it is the longer one's acronym
("NATO"). spaCy sometimes labels a lone surname as an organisation or a
place; a one-word mention that is a person's surname in the same article
joins that person.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from core.model import Entity
from core.textnorm import initials, words

# Labels that name something; numbers, dates and amounts are not searched.
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "the"})
_POSSESSIVES = ("'s", "\u2019s", "'", "\u2019")


@dataclass(frozen=True, slots=True)
class MergedEntity:
    """One entity of an article with every mention of it."""

    name: str  # the fullest form, as written (without a possessive)
    label: str
    mentions: tuple[Entity, ...]
    words: tuple[str, ...]  # folded words of every variant, fullest first

    @property
    def first(self) -> Entity:
        """The first mention of the fullest form: where the entity is named."""
        return next(m for m in self.mentions if strip_possessive(m.text) == self.name)


def strip_possessive(text: str) -> str:
    for ending in _POSSESSIVES:
        if text.endswith(ending) and len(text) > len(ending):
            return text[: -len(ending)]
    return text


@lru_cache(maxsize=65536)
def name_words(text: str) -> tuple[str, ...]:
    """The words that identify a name: no possessive, honorific or "the".
    Cached: the same names recur across mentions and articles."""
    found = words(strip_possessive(text))
    while len(found) > 1 and found[0] in _HONORIFICS:
        found = found[1:]
    return tuple(found)


@dataclass(slots=True)
class _Group:
    label: str
    key: tuple[str, ...]
    mentions: list[Entity]
    absorbed: list[_Group]


def merge_entities(entities: tuple[Entity, ...] | list[Entity]) -> list[MergedEntity]:
    """Named entities of one article merged by variant, most mentioned first."""
    groups: dict[tuple[str, tuple[str, ...]], _Group] = {}
    for entity in entities:
        if entity.label not in NAME_LABELS:
            continue
        key = name_words(entity.text)
        if not key:
            continue
        group = groups.setdefault((entity.label, key), _Group(entity.label, key, [], []))
        group.mentions.append(entity)
    # Fullest names first; each shorter one joins the most mentioned fuller match.
    ordered = sorted(groups.values(), key=lambda g: (-len(g.key), -len(g.mentions)))
    roots: list[_Group] = []
    for group in ordered:
        home = _home_for(group, roots)
        if home is None:
            roots.append(group)
        else:
            home.absorbed.append(group)
    merged = [_merged(root) for root in roots]
    merged.sort(key=lambda m: (-len(m.mentions), m.first.start))
    return merged


def _home_for(group: _Group, roots: list[_Group]) -> _Group | None:
    candidates = [
        root for root in roots
        if len(root.key) > len(group.key) and _joins(group, root)
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda root: sum(len(g.mentions) for g in [root, *root.absorbed]))


def _joins(short: _Group, long: _Group) -> bool:
    if short.label == long.label:
        if set(short.key) <= set(long.key):
            return True
        return len(short.key) == 1 and short.key[0] in initials(list(long.key))
    return long.label == "PERSON" and len(short.key) == 1 and short.key[0] == long.key[-1]


def _merged(root: _Group) -> MergedEntity:
    mentions = sorted(
        (m for g in [root, *root.absorbed] for m in g.mentions), key=lambda m: m.start
    )
    name = Counter(strip_possessive(m.text) for m in root.mentions).most_common(1)[0][0]
    seen: dict[str, None] = {}
    for group in [root, *root.absorbed]:
        seen.update(dict.fromkeys(group.key))
    return MergedEntity(name, root.label, tuple(mentions), tuple(seen))
