"""Analyses that came with the input (``newsreader analyze`` output, from a
laptop or a cluster): those this model and extractor would make again are
used as they are, so an analysed archive opens like a cached one; the rest
are analysed again, and the notice says why."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from core.model import Analysis, Article, CarriedAnalysis
from core.store.cache import extractor_version


@dataclass(slots=True)
class Reuse:
    """Sorts carried analyses over one load (input by input), counting why some cannot be used."""

    model_id: str
    extractor: str = field(default_factory=extractor_version)
    reasons: Counter[str] = field(default_factory=Counter)

    def usable(
        self, articles: Iterable[Article], carried: dict[str, CarriedAnalysis]
    ) -> list[tuple[Article, Analysis]]:
        """The articles whose carried analysis this model and extractor would make, with it."""
        found: list[tuple[Article, Analysis]] = []
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
                found.append((article, record.analysis))
        return found

    def notice(self) -> str | None:
        """Why some analysed records are analysed again, or None if none are."""
        if not self.reasons:
            return None
        said = "; ".join(f"{count} {reason}" for reason, count in self.reasons.most_common())
        return f"{self.reasons.total()} analysed records are analysed again: {said}."
