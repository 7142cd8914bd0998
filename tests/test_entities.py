"""Mentions of one entity share a group: the reader marks them together, search merges them."""

from __future__ import annotations

import os
import subprocess
import sys

from core.entities import group_mentions
from core.model import Entity, Quote, Span
from core.sources import UNATTRIBUTED, group_sources


def entity(text: str, label: str = "PERSON") -> Entity:
    return Entity(0, len(text), label, text)


def test_surname_title_and_possessive_join_the_full_name() -> None:
    groups = group_mentions(
        [entity("Vladimir Putin"), entity("Putin’s"), entity("Mr Putin"), entity("President Putin"), entity("Ding")]
    )
    assert groups[:4] == [groups[0]] * 4
    assert groups[4] != groups[0]


def test_organisations_join_on_contained_words_and_labels_stay_apart() -> None:
    groups = group_mentions(
        [
            entity("China’s Foreign Ministry", "ORG"),
            entity("the Foreign Ministry", "ORG"),
            entity("Foreign Ministry", "GPE"),
        ]
    )
    assert groups[0] == groups[1]
    assert groups[2] != groups[0]


def test_a_short_name_shared_by_two_people_joins_one_of_them_only() -> None:
    groups = group_mentions([entity("Mei Ding"), entity("Xueliang Ding"), entity("Ding")])
    assert groups[0] != groups[1]
    assert groups[2] in (groups[0], groups[1])


def test_a_shared_surname_joins_the_name_mentioned_first_whatever_the_hash_seed() -> None:
    """Which of two namesakes a bare surname joins must not change from one launch to the next."""
    probe = (
        "from core.entities import group_mentions\n"
        "from core.model import Entity\n"
        "names = ['Noor Vell', 'Tomas Vell', 'Ines Vell', 'Vell']\n"
        "print(group_mentions([Entity(0, len(n), 'PERSON', n) for n in names]))\n"
    )
    seen = {
        subprocess.run(
            [sys.executable, "-c", probe],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(8)
    }
    assert seen == {"[0, 1, 2, 0]\n"}


def quote(start: int, name: str | None, kind: str = "person", descriptor: str | None = None) -> Quote:
    speaker = Span(0, len(name), name) if name else None
    described = Span(0, len(descriptor), descriptor) if descriptor else None
    return Quote(start, start + 5, "words", "direct", speaker, name, None, kind if name else "unknown", described)


def test_sources_grouped_by_resolved_name_in_order_unattributed_last() -> None:
    quotes = [
        quote(0, None),
        quote(10, "Xueliang Ding", descriptor="a retired professor"),
        quote(20, "China’s Foreign Ministry", "organisation"),
        quote(30, "xueliang ding"),
    ]
    sources = group_sources(quotes)
    assert [s.name for s in sources] == ["Xueliang Ding", "China’s Foreign Ministry", UNATTRIBUTED]
    assert sources[0].quote_indices == (1, 3)
    assert sources[0].descriptor == "a retired professor"
    assert sources[1].kind == "organisation"
    assert sources[2].quote_indices == (0,)
