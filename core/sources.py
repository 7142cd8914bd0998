"""Who is quoted: an article's quotes grouped by source, and sources across articles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from core.model import UNKNOWN, Quote

UNATTRIBUTED = "Unattributed"
PART_BREAK = " … "  # between the parts of a quotation its cue interrupts


@dataclass(frozen=True, slots=True)
class Source:
    """One resolved speaker and the positions of their quotes in the article's quote list."""

    name: str
    kind: str
    descriptor: str
    quote_indices: tuple[int, ...]


def speaker_name(quote: Quote) -> str | None:
    """Who a quote is attributed to, as the CLI prints it: ``Quote.speaker_name``.

    The extractor already gives unnamed sources their words ("commentators");
    None is left only for no speaker or a pronoun it could not resolve, and the
    panel, the ``a`` view, search and the CLI all show the same.
    """
    return quote.speaker_name or None


def quote_words(quote: Quote) -> str:
    """What was said, as every view shows it: the quote's text, or its parts without
    the cue that interrupts them (“We lost,” … “and we know it.”)."""
    if not quote.parts:
        return quote.text
    return PART_BREAK.join(quote.text[start - quote.start : end - quote.start] for start, end in quote.parts)


def speaker_label(quote: Quote) -> str:
    """The name to file a quote under in the sources view."""
    return speaker_name(quote) or UNATTRIBUTED


def group_sources(quotes: tuple[Quote, ...] | list[Quote]) -> list[Source]:
    """Sources in order of first quote, unattributed quotes last; names compared case-insensitively."""
    order: list[str] = []
    members: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    for index, quote in enumerate(quotes):
        name = speaker_label(quote)
        key = name.casefold()
        if key not in members:
            order.append(key)
            members[key] = []
            names[key] = name
        members[key].append(index)
    sources = []
    for key in order:
        indices = members[key]
        first = quotes[indices[0]]
        kinds = [quotes[i].source_kind for i in indices if quotes[i].source_kind != UNKNOWN]
        descriptor = next((quotes[i].descriptor.text for i in indices if quotes[i].descriptor), "")
        kind = UNKNOWN if names[key] == UNATTRIBUTED else (kinds[0] if kinds else first.source_kind)
        sources.append(Source(names[key], kind, descriptor, tuple(indices)))
    sources.sort(key=lambda source: source.name == UNATTRIBUTED)
    return sources


def source_counts(quote_lists: Iterable[Sequence[Quote]]) -> Counter[str]:
    """How many quotes each named source has across these articles' quotes."""
    counts: Counter[str] = Counter()
    for quotes in quote_lists:
        counts.update(label for label in map(speaker_label, quotes) if label != UNATTRIBUTED)
    return counts


def quotes_by(name: str, quotes_of: Mapping[str, Sequence[Quote]]) -> list[tuple[str, int]]:
    """Where a source is quoted: (article id, index of the quote) in every article's quotes."""
    wanted = name.casefold()
    return [
        (article_id, index)
        for article_id, quotes in quotes_of.items()
        for index, quote in enumerate(quotes)
        if speaker_label(quote).casefold() == wanted
    ]
