"""The scripting contract: articles, quotes and identities as JSON lines or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO

from core.identities import Identity
from core.model import Analysis, Article, Span
from core.sources import quote_words, speaker_name

QUOTE_COLUMNS = (
    "article_id", "title", "url", "date", "site", "author",
    "speaker_name", "source_kind", "descriptor", "cue", "kind", "text", "start", "end",
)  # fmt: skip
IDENTITY_COLUMNS = ("identity", "kind", "variants", "mentions", "articles", "quotes")
# What a spreadsheet reads as the start of a formula (tab and carriage return too, per OWASP).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
VARIANT_SEPARATOR = " | "


def _span(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def analysis_record(article: Article, analysis: Analysis, model: str, extractor: str) -> dict[str, Any]:
    """One line of ``newsreader analyze --format jsonl``; offsets index ``text``;
    ``model`` and ``extractor`` say what made the analysis."""
    return {
        "id": article.id,
        "title": article.title,
        "path": article.path,
        "url": article.url,
        "author": article.author,
        "date": article.date,
        "site": article.site,
        "text": article.text,
        "entities": [{"start": e.start, "end": e.end, "label": e.label, "text": e.text} for e in analysis.entities],
        "quotes": [
            {
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "kind": q.kind,
                "speaker": _span(q.speaker),
                "speaker_name": q.speaker_name,
                "cue": _span(q.cue),
                "source_kind": q.source_kind,
                "descriptor": _span(q.descriptor),
                "parts": [list(part) for part in q.parts] or [[q.start, q.end]],
            }
            for q in analysis.quotes
        ],
        "model": model,
        "extractor": extractor,
    }


def quote_records(article: Article, analysis: Analysis) -> Iterator[dict[str, Any]]:
    """One record per quote, with where it was published: ``newsreader quotes``."""
    for quote in analysis.quotes:
        yield {
            "article_id": article.id,
            "title": article.title,
            "url": article.url,
            "date": article.date,
            "site": article.site,
            "author": article.author,
            "speaker_name": speaker_name(quote),
            "source_kind": quote.source_kind,
            "descriptor": quote.descriptor.text if quote.descriptor else None,
            "cue": quote.cue.text if quote.cue else None,
            "kind": quote.kind,
            "text": quote_words(quote),
            "start": quote.start,
            "end": quote.end,
        }


def identity_record(identity: Identity) -> dict[str, Any]:
    """One line of ``newsreader entities``."""
    return {
        "identity": identity.name,
        "kind": identity.label,
        "variants": [identity.name, *identity.variants],  # every way it is written, the name first
        "mentions": identity.mentions,
        "articles": identity.articles,
        "quotes": identity.quotes,
    }


def write_csv(records: Iterable[dict[str, Any]], columns: Sequence[str], out: TextIO) -> None:
    """RFC 4180 CSV with a header row and CRLF line ends. ``None`` is an empty
    field; a list is joined with " | "; text a spreadsheet would run as a
    formula (article text is untrusted) is prefixed with ``'``."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow(_cell(record[column]) for column in columns)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        value = VARIANT_SEPARATOR.join(value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def record_line(article: Article, analysis: Analysis, model: str, extractor: str) -> str:
    """The record as printed: one line, non-ASCII as is. A local run and a
    cluster's workers both write this, so their output is the same bytes."""
    return json.dumps(analysis_record(article, analysis, model, extractor), ensure_ascii=False) + "\n"
