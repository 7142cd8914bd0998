"""Who is in all of these articles: one identity per person or organisation.

Within an article, mentions are grouped as the reader groups them
(``core.entities.group_mentions``): "Vladimir Putin", "Putin’s" and
"President Putin" are one. Across articles, groups are one identity when
their fullest names come to the same words once case, accents, titles and
possessives are set aside; a person's shorter name ("Putin") also joins the
one longer name it ends ("Vladimir Putin"), unless two people share it.
Labels stay apart, as in the reader ("Washington" the place is not
"Washington" the person), except for a name of two words or more that the
model labelled one way here and another there: it takes the label most of
its mentions have.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from core.entities import group_mentions
from core.model import PERSON, Analysis, Article, Entity, Quote
from core.names import PERSON_LABELS, PERSON_TITLES, strip_possessive, without_titles
from core.search.names import NAME_LABELS, name_words
from core.sources import speaker_name

# An identity's key: its spaCy label and the words of its fullest name.
Key = tuple[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Identity:
    """One person, organisation, place... across every article given."""

    name: str  # the fullest name, as most often written, without titles or a possessive
    kind: str  # spaCy label: PERSON, ORG, GPE...
    variants: tuple[str, ...]  # every form written, without a possessive, most frequent first
    mentions: int
    articles: int
    quotes: int  # quotes attributed to it


@dataclass(slots=True)
class _Tally:
    mentions: int = 0
    articles: set[str] = field(default_factory=set)
    quotes: int = 0
    variants: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)  # forms of the fullest name, titles left out

    def add(self, other: _Tally) -> None:
        """Count another key's mentions, articles, quotes and variants as this one's (not its names:
        an identity is named by its fullest name's forms only)."""
        self.mentions += other.mentions
        self.articles |= other.articles
        self.quotes += other.quotes
        self.variants.update(other.variants)


@lru_cache(maxsize=65536)
def identity_words(text: str, label: str) -> tuple[str, ...]:
    """The folded words that identify a name: no case, accents, possessive,
    leading "the" or, for a person, titles ("President", "Dr")."""
    found = name_words(text)
    return without_titles(found, PERSON_TITLES) if label in PERSON_LABELS else found


def identities(pairs: Iterable[tuple[Article, Analysis]]) -> list[Identity]:
    """Every named identity in these analyses, most widely reported first
    (articles, then mentions)."""
    tallies: dict[Key, _Tally] = {}
    written: dict[tuple[str, ...], set[Key]] = {}  # the words of every mention -> the keys of their groups
    speakers: list[tuple[tuple[str, ...], str]] = []  # quoted names no entity of their article matched
    for article, analysis in pairs:
        known = _add_article(article.id, analysis.entities, tallies)
        for words, key in known.items():
            written.setdefault(words, set()).add(key)
        for quote in analysis.quotes:
            words = _speaker_words(quote)
            if not words:
                continue
            if words in known:
                tallies[known[words]].quotes += 1
            else:
                speakers.append((words, quote.source_kind))
    canonical = _identity_keys(tallies)
    merged: dict[Key, _Tally] = {}
    for key, tally in tallies.items():
        target = merged.setdefault(canonical[key], _Tally())
        target.add(tally)
        if key[1] == canonical[key][1]:  # its fullest name is the identity's
            target.names.update(tally.names)
    _credit_speakers(speakers, written, canonical, merged)
    found = [_identity(key, tally) for key, tally in merged.items()]
    found.sort(key=lambda i: (-i.articles, -i.mentions, i.name.casefold()))
    return found


def _add_article(
    article_id: str, entities: tuple[Entity, ...], tallies: dict[Key, _Tally]
) -> dict[tuple[str, ...], Key]:
    """Tally one article's named entities; returns the identity key of every
    name written in it, by its words, to credit the article's quotes."""
    named = [(e, words) for e in entities if e.label in NAME_LABELS and (words := identity_words(e.text, e.label))]
    groups: dict[int, list[tuple[Entity, tuple[str, ...]]]] = {}
    for mention, group in zip(named, group_mentions([e for e, _ in named])):
        groups.setdefault(group, []).append(mention)
    known: dict[tuple[str, ...], Key] = {}
    for mentions in groups.values():
        fullest = max((words for _, words in mentions), key=len)
        key = (mentions[0][0].label, fullest)
        tally = tallies.get(key)
        if tally is None:
            tally = tallies[key] = _Tally()
        tally.mentions += len(mentions)
        tally.articles.add(article_id)
        for entity, words in mentions:
            tally.variants[_written_form(entity.text)] += 1
            if words == fullest:
                tally.names[_without_titles(_written_form(entity.text), entity.label)] += 1
            known.setdefault(words, key)
    return known


@lru_cache(maxsize=65536)
def _written_form(text: str) -> str:
    """A mention as written, without a possessive or extra spaces."""
    return " ".join(strip_possessive(text.strip()).split())


@lru_cache(maxsize=65536)
def _without_titles(form: str, label: str) -> str:
    """ "President Vladimir Putin" -> "Vladimir Putin", as written."""
    tokens = form.split()
    titles = PERSON_TITLES if label in PERSON_LABELS else frozenset()
    kept = without_titles(tuple(token.casefold() for token in tokens), titles)
    return " ".join(tokens[len(tokens) - len(kept) :])


def _identity_keys(tallies: dict[Key, _Tally]) -> dict[Key, Key]:
    """Each key's identity. A name of two words or more written under several
    labels takes the label most of its mentions have (the model mislabels
    names, rarely two things share a full name); a person's name that ends
    exactly one longer person's name is that person."""
    votes: dict[tuple[str, ...], Counter[str]] = {}
    for (label, words), tally in tallies.items():
        if len(words) > 1:
            votes.setdefault(words, Counter())[label] += tally.mentions
    relabelled = {key: (votes[key[1]].most_common(1)[0][0], key[1]) if key[1] in votes else key for key in tallies}
    owners: dict[Key, set[Key]] = {}  # a person's shorter name -> the longer names it ends
    for label, words in set(relabelled.values()):
        if label in PERSON_LABELS:
            for start in range(1, len(words)):
                owners.setdefault((label, words[start:]), set()).add((label, words))
    joined: dict[Key, Key] = {}
    for key in sorted(set(relabelled.values()), key=lambda k: -len(k[1])):  # longer names settle first
        targets = {joined[longer] for longer in owners.get(key, ())}
        joined[key] = targets.pop() if len(targets) == 1 else key
    return {key: joined[relabelled[key]] for key in tallies}


def _speaker_words(quote: Quote) -> tuple[str, ...]:
    name = speaker_name(quote)
    return identity_words(name, "PERSON" if quote.source_kind == PERSON else "ORG") if name else ()


def _credit_speakers(
    speakers: list[tuple[tuple[str, ...], str]],
    written: dict[tuple[str, ...], set[Key]],
    canonical: dict[Key, Key],
    merged: dict[Key, _Tally],
) -> None:
    """Credit a quote whose speaker no entity of its article named to the one
    identity written so elsewhere, the person if the quote is a person's."""
    for words, kind in speakers:
        targets = {canonical[key] for key in written.get(words, ())}
        if len(targets) > 1:
            targets = {key for key in targets if (key[0] in PERSON_LABELS) == (kind == PERSON)}
        if len(targets) == 1:
            merged[targets.pop()].quotes += 1


def _identity(key: Key, tally: _Tally) -> Identity:
    label, _ = key
    name = tally.names.most_common(1)[0][0]
    variants = tuple(form for form, _ in tally.variants.most_common())
    return Identity(name, label, variants, tally.mentions, len(tally.articles), tally.quotes)
