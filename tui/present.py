"""Core data turned into the plain records the widgets show. Pure functions:
no Textual, no state, tested on their own. The records of panes and screens
mounted after the first paint are imported where they are made, with them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING

from core.entities import group_mentions
from core.model import Analysis, Article, Counts, LoadError, Quote
from widgets.article_list import ArticleRow
from widgets.words import counted

if TYPE_CHECKING:
    from core.corpus import Corpus
    from widgets.marks import FocusMark, ReaderDocument
    from widgets.quote_rows import QuoteItem, SourceItem
    from widgets.source_screen import SourceQuote
    from widgets.unreadable_screen import UnreadableInput


def article_row(
    article: Article, counts: Counts | None, *, read: bool, bookmarked: bool, failure: str | None = None
) -> ArticleRow:
    detail = " · ".join(filter(None, (article.site, article.author, article.date)))
    return ArticleRow(
        article_id=article.id,
        title=article.title,
        detail=detail,
        entities=None if counts is None else counts.entities,
        quotes=None if counts is None else counts.quotes,
        read=read,
        bookmarked=bookmarked,
        failure=failure or "",
    )


def document(article: Article, analysis: Analysis | None) -> ReaderDocument:
    """The article for the reader: byline, text and, once analysed, its entities."""
    from widgets.marks import EntityMark, ReaderDocument

    where = article.url or (Path(article.path).name if article.path else None)
    byline = " · ".join(part for part in (article.site, article.author, article.date, where) if part)
    if analysis is None:
        return ReaderDocument(article.title, byline, article.text)
    groups = group_mentions(analysis.entities)
    marks = tuple(
        EntityMark(entity.start, entity.end, entity.label, group) for entity, group in zip(analysis.entities, groups)
    )
    return ReaderDocument(article.title, byline, article.text, marks)


def source_items(quotes: tuple[Quote, ...]) -> tuple[SourceItem, ...]:
    """The sources panel: each source with its quotes, by their place in ``quotes``."""
    from core.sources import group_sources
    from widgets.quote_rows import SourceItem

    return tuple(
        SourceItem(
            name=source.name,
            kind=source.kind,
            descriptor=source.descriptor,
            quotes=tuple(quote_item(index, quotes[index]) for index in source.quote_indices),
        )
        for source in group_sources(quotes)
    )


def quote_item(index: int, quote: Quote) -> QuoteItem:
    from core.sources import quote_words, speaker_label
    from widgets.quote_rows import QuoteItem

    return QuoteItem(
        index=index,
        text=quote_words(quote),
        kind=quote.kind,
        speaker=speaker_label(quote),
        cue=quote.cue.text if quote.cue else "",
    )


def source_quote(key: int, article: Article, quote: Quote) -> SourceQuote:
    from core.sources import quote_words
    from widgets.source_screen import SourceQuote

    return SourceQuote(key, article.title, quote_words(quote), quote.kind, quote.cue.text if quote.cue else "")


def quote_marks(quote: Quote) -> tuple[FocusMark, ...]:
    """The quote, its cue and its speaker, marked in the reader."""
    from widgets.marks import FocusMark

    marks = [FocusMark(quote.start, quote.end, "quote")]
    if quote.cue:
        marks.append(FocusMark(quote.cue.start, quote.cue.end, "cue"))
    if quote.speaker:
        marks.append(FocusMark(quote.speaker.start, quote.speaker.end, "speaker"))
    return tuple(marks)


@dataclass(frozen=True, slots=True)
class Progress:
    """Work under way as the status line shows it: "analysed 40/1000 · 6.1/s ·
    ~157 s left", or "all 1000 analysed" when done. The time left is kept as
    the moment the work should end, so the line counts down while one long
    article is analysed (``str`` is read at each tick), and says so once the
    estimate has passed."""

    done: int
    total: int
    verb: str
    rate: float = 0.0
    ends_at: float | None = None  # time.monotonic() when the rest should be done

    @property
    def finished(self) -> bool:
        return self.done >= self.total

    def __str__(self) -> str:
        if self.finished:
            return f"all {self.total} {self.verb}"
        shown = f"{self.verb} {self.done}/{self.total} · {self.rate:.1f}/s"
        if self.ends_at is None:
            return shown
        left = self.ends_at - monotonic()
        if left > -0.5:  # rounds to no second past: "~0 s left", never "-0 s past"
            return f"{shown} · ~{max(left, 0):.0f} s left"
        return f"{shown} · {-left:.0f} s past the estimate"


ESTIMATED_FROM = 0.05  # the share of the work done before a time left is shown


def progress(
    done: int, total: int, started: float, verb: str, *, share: float | None = None, timed_from: float | None = None
) -> Progress:
    """How far the work is. ``share`` is the part of the work done when articles
    differ in length (by their text), done in the time since ``timed_from`` (by
    default ``started``): the time left is then what the rest of the text takes,
    so one long transcript left does not read as "~1 s left". Below ``ESTIMATED_FROM``
    of the work there is no time left to give: a few short articles, each with its own
    fixed costs, put two transcripts of a megabyte at 110 minutes; they took under 10."""
    if done >= total:
        return Progress(done, total, verb)
    now = monotonic()
    elapsed = now - started
    rate = done / elapsed if elapsed > 0 else 0.0
    if share is None:
        share = done / total
    spent = now - (started if timed_from is None else timed_from)
    ends_at = now + spent * (1 - share) / share if rate and share >= ESTIMATED_FROM else None
    return Progress(done, total, verb, rate, ends_at)


def unreadable(errors: list[LoadError]) -> list[UnreadableInput]:
    from widgets.unreadable_screen import UnreadableInput

    return [UnreadableInput(error.input, error.reason) for error in errors]


def unreadable_notice(errors: list[LoadError]) -> str:
    """One notification however many inputs failed: the one by name, or how many."""
    if len(errors) == 1:
        return f"{errors[0]} · ! lists it"
    return f"{counted(len(errors), 'input')} could not be read · ! lists them"


def corpus_summary(corpus: Corpus) -> str:
    """ "11 articles · 2 unreadable · 410 merged as duplicates · 1 not analysed"."""
    parts = [counted(len(corpus.articles), "article")]
    if corpus.errors:
        parts.append(f"{len(corpus.errors):,} unreadable")
    if corpus.merged:
        parts.append(f"{corpus.merged:,} merged as duplicates")
    if corpus.failures:
        parts.append(f"{len(corpus.failures):,} not analysed")
    return " · ".join(parts)
