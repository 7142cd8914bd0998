"""How a story, or everything loaded, is sourced: how many sources of each kind,
how many quotes each kind gives, the share from anonymous sources, and who is
quoted most."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from core.model import ANONYMOUS, ORGANISATION, PERSON, UNKNOWN, Quote
from core.sources import UNATTRIBUTED, group_sources

SOURCE_KINDS = (PERSON, ORGANISATION, ANONYMOUS, UNKNOWN)


@dataclass(frozen=True, slots=True)
class Sourcing:
    """``sources`` and ``quotes`` by source kind; ``top``: (name, kind, quotes), most quoted first."""

    sources: dict[str, int]
    quotes: dict[str, int]
    top: tuple[tuple[str, str, int], ...]
    articles: int

    @property
    def anonymous_share(self) -> float:
        total = sum(self.quotes.values())
        return self.quotes[ANONYMOUS] / total if total else 0.0


def sourcing(quote_lists: Iterable[Sequence[Quote]], top: int = 20) -> Sourcing:
    """Named sources count once however many articles quote them; an anonymous
    or unattributed source is a different one in each article."""
    sources: set[tuple[str, str]] = set()
    quotes: Counter[str] = Counter()
    quoted: Counter[tuple[str, str]] = Counter()  # (name folded, kind) -> quotes
    shown: dict[tuple[str, str], str] = {}
    articles = 0
    for number, article_quotes in enumerate(quote_lists):
        articles += 1
        for source in group_sources(article_quotes):
            kind = source.kind if source.kind in SOURCE_KINDS else UNKNOWN
            named = kind in (PERSON, ORGANISATION) and source.name != UNATTRIBUTED
            key = (source.name.casefold(), kind) if named else (f"{number}:{source.name.casefold()}", kind)
            sources.add(key)
            quotes[kind] += len(source.quote_indices)
            if named:
                quoted[key] += len(source.quote_indices)
                shown.setdefault(key, source.name)
    by_kind = Counter(kind for _, kind in sources)
    return Sourcing(
        sources={kind: by_kind[kind] for kind in SOURCE_KINDS},
        quotes={kind: quotes[kind] for kind in SOURCE_KINDS},
        top=tuple((shown[key], key[1], count) for key, count in quoted.most_common(top)),
        articles=articles,
    )
