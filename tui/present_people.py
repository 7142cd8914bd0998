"""Identities turned into the records the people view and an entity's page show.
Pure: each page comes with its *targets*, what each line's key opens."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, overload

from core.model import Analysis, Article, Quote
from core.sources import quote_words, speaker_label
from core.sourcing import SOURCE_KINDS, Sourcing
from core.timeline import month_of, monthly
from widgets.categories import category_of
from widgets.entity_screen import EntityPage, PageLine
from widgets.people_list import KeyedRows, PersonRow, counts_label
from widgets.sourcing import KindCount, SourcingSummary, TopSource
from widgets.words import counted

if TYPE_CHECKING:  # the identities search names: imported by the workers, after the first paint
    from core.identities import Appearance, Identity, IdentityKey, Page

PAGE_LINES = 12  # lines per section of a page; the heading says how many there are
QUOTE_CHARACTERS = 240  # about three lines of a page: the rest is in the article
SNIPPET_BEFORE, SNIPPET_AFTER = 60, 120
TOGETHER = 12  # entities named alongside, most shared first
_CONTROLS = {code: " " for code in range(32)}


@dataclass(frozen=True, slots=True)
class Place:
    """What a page's line opens: an article at a span, at a quote, or another entity's page."""

    article_id: str = ""
    start: int = 0
    end: int = 0
    quote: int | None = None
    entity: IdentityKey | None = None
    articles: tuple[str, ...] = ()  # every article of the entity, for the article list


class PersonRows(KeyedRows):
    """Rows keyed by their place in ``identities`` (of those at ``places``, in
    order, or of all), each made when read: the list draws a screenful, and a
    million identities' rows kept would be a hundred megabytes more."""

    def __init__(self, identities: Sequence[Identity], places: Sequence[int] | None = None) -> None:
        self._identities = identities
        self._places = places

    def __len__(self) -> int:
        return len(self._identities if self._places is None else self._places)

    @overload
    def __getitem__(self, index: int) -> PersonRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[PersonRow]: ...
    def __getitem__(self, index: int | slice) -> PersonRow | list[PersonRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        key = index if self._places is None else self._places[index]
        i = self._identities[key]
        return PersonRow(key, i.name, category_of(i.label), i.articles, i.mentions, i.quotes)

    def place_of(self, key: int) -> int | None:
        if self._places is None:
            return key if 0 <= key < len(self._identities) else None
        at = bisect_left(self._places, key)
        return at if at < len(self._places) and self._places[at] == key else None


def person_rows(identities: Sequence[Identity], places: Sequence[int] | None = None) -> PersonRows:
    """Rows keyed by their place in ``identities``: those at ``places`` (in order), or every one."""
    return PersonRows(identities, places)


def people_status(listed: int, total: int, pending: int, *, filtered: bool) -> str:
    """The line above the people list: how many are listed, of how many, and how many articles are to come."""
    shown = f"{listed:,} of {total:,}" if filtered else f"{total:,}"
    waiting = f" · {counted(pending, 'article')} still being analysed" if pending > 0 else ""
    return f"{shown} people and organisations{waiting}"


def sourcing_summary(found: Sourcing) -> SourcingSummary:
    """The overview's record; a top source's key is its place in ``found.top``."""
    return SourcingSummary(
        articles=found.articles,
        kinds=tuple(KindCount(kind, found.sources[kind], found.quotes[kind]) for kind in SOURCE_KINDS),
        top=tuple(TopSource(key, name, kind, quotes) for key, (name, kind, quotes) in enumerate(found.top)),
    )


def entity_page(
    page: Page, articles: dict[str, Article], analyses: Mapping[str, Analysis]
) -> tuple[EntityPage, list[Place]]:
    """The page and, by line key, what each line opens (``analyses`` is read only for the quotes shown)."""
    identity = page.identity
    places: list[Place] = []

    def line(place: Place, heading: str, text: str = "", marks=(), category: str = "") -> PageLine:
        places.append(place)
        return PageLine(len(places) - 1, heading, text, marks, category)

    # Newest first when dated (undated last), then where the entity is named most.
    dated = sorted(
        (
            (month_of(articles[a.article_id].date) or "", _mentions(a), a, articles[a.article_id])
            for a in page.appearances
            if a.article_id in articles
        ),
        key=lambda row: (row[0], row[1]),
        reverse=True,
    )
    timeline, first, last = monthly((month, mentions) for month, mentions, _, _ in dated if month)
    appearances = [(appearance, article) for _, _, appearance, article in dated]
    article_lines = []
    said, about = [], []
    for appearance, article in appearances:
        if len(article_lines) < PAGE_LINES:
            first_start, first_end = min(
                ((m.starts[0], m.ends[0]) for m in appearance.mentioned if m.starts), default=(0, 0)
            )
            snippet, marks = _snippet(article.text, appearance, first_start)
            article_lines.append(line(Place(article.id, first_start, first_end), _where(article), snippet, marks))
        for mentioned in appearance.mentioned:
            said.extend((article, i) for i in mentioned.quotes_by)
            about.extend((article, i) for i in mentioned.quotes_about)
    if len(appearances) > len(article_lines):
        every = tuple(article.id for _, article in appearances)
        article_lines.append(line(Place(articles=every), f"All {len(every)} articles: list them in the article list"))
    said_lines = [_quote_line(line, article, i, analyses, with_speaker=False) for article, i in said[:PAGE_LINES]]
    about_lines = [_quote_line(line, article, i, analyses, with_speaker=True) for article, i in about[:PAGE_LINES]]
    together_lines = [
        line(
            Place(entity=other.key),
            f"{other.name} · {counted(n, 'shared article')}",
            category=category_of(other.label),
        )
        for other, n in page.together[:TOGETHER]
    ]
    sections = (
        (_count("Articles", len(appearances), min(len(appearances), PAGE_LINES)), tuple(article_lines)),
        (_count("What it said", len(said), len(said_lines)), tuple(said_lines)),
        (_count("What others said about it", len(about), len(about_lines)), tuple(about_lines)),
        (_count("Named in the same articles", page.named_with, len(together_lines)), tuple(together_lines)),
    )
    record = EntityPage(
        name=identity.name,
        category=category_of(identity.label),
        summary=counts_label(identity.articles, identity.mentions, identity.quotes),
        variants=identity.variants,
        timeline=timeline,
        timeline_label=f"mentions by month, {first} to {last}" if timeline else "",
        sections=tuple((heading, lines) for heading, lines in sections if lines),
    )
    return record, places


def _quote_line(
    line, article: Article, index: int, analyses: Mapping[str, Analysis], *, with_speaker: bool
) -> PageLine:
    quote = analyses[article.id].quotes[index]
    return line(Place(article.id, quote=index), _how(quote, article, with_speaker=with_speaker), _quote_text(quote))


def _mentions(appearance: Appearance) -> int:
    return sum(len(m.starts) for m in appearance.mentioned)


def _count(heading: str, total: int, shown: int) -> str:
    return f"{heading} ({total}{f', first {shown} shown' if shown < total else ''})"


def _where(article: Article) -> str:
    return " · ".join(part for part in (article.title, article.date, article.site) if part)


def _how(quote: Quote, article: Article, *, with_speaker: bool) -> str:
    who = [speaker_label(quote)] if with_speaker else []
    cue = [quote.cue.text] if quote.cue else []
    return " · ".join([*who, quote.kind, *cue]) + f" — {article.title}"


def _quote_text(quote: Quote) -> str:
    text = " ".join(quote_words(quote).split())
    return text if len(text) <= QUOTE_CHARACTERS else text[: QUOTE_CHARACTERS - 1].rstrip() + "…"


def _snippet(text: str, appearance: Appearance, start: int) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The words around the first mention, every mention in it marked; one
    line (control characters and line breaks become spaces, so offsets hold)."""
    low = max(0, start - SNIPPET_BEFORE)
    low = text.rfind(" ", 0, start - SNIPPET_BEFORE) + 1 if low else 0
    high = text.find(" ", start + SNIPPET_AFTER)
    high = len(text) if high < 0 else high
    marks = tuple(
        (s - low, e - low) for m in appearance.mentioned for s, e in zip(m.starts, m.ends) if low <= s and e <= high
    )
    prefix = "…" if low else ""
    suffix = "…" if high < len(text) else ""
    shifted = tuple((s + len(prefix), e + len(prefix)) for s, e in marks)
    return prefix + text[low:high].translate(_CONTROLS) + suffix, shifted
