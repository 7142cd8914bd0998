"""Analyses that came with the input (``newsreader analyze`` output, from a
laptop or a cluster): those this model and extractor would make again are
used as they are, so an analysed archive opens like a cached one; the rest
are analysed again, and the notice says why."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from sys import intern
from typing import Any

from core.ingest.deferred import as_recorded
from core.model import Analysis, Article, CarriedAnalysis, Entity, Quote, Span
from core.store.cache import Counts, extractor_version

CHUNK = 500  # analyses turned into objects at once, between posts to the UI


@dataclass(slots=True)
class Reuse:
    """Sorts carried analyses over one load (input by input), counting why some cannot be used."""

    model_id: str
    extractor: str = field(default_factory=extractor_version)
    reasons: Counter[str] = field(default_factory=Counter)

    def usable(self, articles: Iterable[Article], carried: dict[str, CarriedAnalysis]) -> dict[str, CarriedAnalysis]:
        """By article id, the carried analyses this model and extractor would make."""
        if not carried:  # saved pages, text files: nothing to look for in each of ten thousand articles
            return {}
        found: dict[str, CarriedAnalysis] = {}
        for article in articles:
            record = carried.get(article.id)
            if record is None:
                continue
            if record.model is None or record.extractor is None:
                self.reasons["do not say which model and extractor made them"] += 1
            elif record.model != self.model_id:
                self.reasons[f"were made with the model {record.model}, not {self.model_id}"] += 1
            elif record.extractor != self.extractor:
                self.reasons[f"were made by another extractor version ({record.extractor}, not {self.extractor})"] += 1
            else:
                found[article.id] = record
        return found

    def notice(self) -> str | None:
        """Why some analysed records are analysed again, or None if none are."""
        if not self.reasons:
            return None
        said = "; ".join(f"{count} {reason}" for reason, count in self.reasons.most_common())
        return f"{self.reasons.total()} analysed records are analysed again: {said}."


def counts(carried: CarriedAnalysis) -> Counts:
    """What the article list shows, before anything is decoded."""
    return Counts(carried.entities, carried.quotes)


def decoded(
    articles: Sequence[Article], carried: dict[str, CarriedAnalysis], chunk: int = CHUNK
) -> Iterator[list[tuple[Article, Analysis]]]:
    """The carried analyses of those articles that have one, a chunk at a time;
    one whose spans do not fit its text, or whose text was not as recorded
    (cleaning changed it), is left out (the article is analysed)."""
    having = [article for article in articles if article.id in carried]
    for start in range(0, len(having), chunk):
        pairs = (
            (article, analysis_of(carried[article.id], article.text) if as_recorded(article) else None)
            for article in having[start : start + chunk]
        )
        yield [(article, analysis) for article, analysis in pairs if analysis is not None]


def analysis_of(carried: CarriedAnalysis, text: str) -> Analysis | None:
    """The record's entities and quotes as objects, or None if they do not fit ``text``."""
    try:
        made = json.loads(carried.payload) if isinstance(carried.payload, str) else carried.payload
        # One string per label and name, as the cache decodes them (see ``core.store.cache.decode``).
        entities = tuple(
            [Entity(e["start"], e["end"], _intern(e["label"]), _intern(e["text"])) for e in made["entities"]]
        )
        quotes = tuple(
            [
                Quote(
                    q["start"],
                    q["end"],
                    q["text"],
                    _intern(q["kind"]),
                    _span(q["speaker"]),
                    _intern(q["speaker_name"]),
                    _span(q["cue"]),
                    _intern(q["source_kind"]),
                    _span(q["descriptor"]),
                    _parts(q.get("parts"), q["start"], q["end"]),
                )
                for q in made["quotes"]
            ]
        )
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    length = len(text)
    fits = all(_fits(e.start, e.end, length) and _strings(e.label, e.text) for e in entities) and all(
        _fits(q.start, q.end, length)
        and _strings(q.text, q.kind, q.source_kind, q.speaker_name or "")
        and all(
            s is None or (_fits(s.start, s.end, length) and _strings(s.text)) for s in (q.speaker, q.cue, q.descriptor)
        )
        and all(_fits(start, end, length) for start, end in q.parts)
        for q in quotes
    )
    return Analysis(entities, quotes) if fits else None


def _span(value: Any) -> Span | None:
    return None if value is None else Span(value["start"], value["end"], _intern(value["text"]))


def _parts(value: Any, start: Any, end: Any) -> tuple[tuple[Any, Any], ...]:
    """A record's parts; none when it has no such field (written before parts were) or its one
    part is the whole quote, as the quote keeps them."""
    if value is None:
        return ()
    parts = tuple((part[0], part[1]) for part in value)
    return () if parts == ((start, end),) else parts


def _intern(value: Any) -> Any:
    """Strings interned; anything else (None, or a wrong type that the checks below refuse) as it is."""
    return intern(value) if type(value) is str else value


def _fits(start: Any, end: Any, length: int) -> bool:
    return type(start) is int and type(end) is int and 0 <= start <= end <= length


def _strings(*values: Any) -> bool:
    return all(type(value) is str for value in values)
