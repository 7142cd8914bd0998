"""The scripting contract: articles and their analyses as JSON lines, and
the analysis read back from such a line, so analysed output opens without
analysing it again."""

from __future__ import annotations

import json
from typing import Any

from core.model import Analysis, Article, CarriedAnalysis, Entity, Quote, Span


def _span(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def analysis_record(article: Article, analysis: Analysis, model: str, extractor: str) -> dict[str, Any]:
    """One line of ``newsreader analyze --format jsonl``; offsets index ``text``;
    ``model`` and ``extractor`` say what made the analysis."""
    return {
        "id": article.id,
        "title": article.title,
        "path": article.path,
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
            }
            for q in analysis.quotes
        ],
        "model": model,
        "extractor": extractor,
    }


def record_line(article: Article, analysis: Analysis, model: str, extractor: str) -> str:
    """The record as printed: one line, non-ASCII as is. A local run and a
    cluster's workers both write this, so their output is the same bytes."""
    return json.dumps(analysis_record(article, analysis, model, extractor), ensure_ascii=False) + "\n"


def carried_analysis(record: dict[str, Any], text: str) -> CarriedAnalysis | None:
    """The analysis an ``analyze`` record carries, or None when it carries none
    or its spans do not fit ``text`` (then the article is simply analysed)."""
    if not isinstance(record.get("entities"), list) or not isinstance(record.get("quotes"), list):
        return None
    try:
        analysis = Analysis(
            entities=tuple([_entity(e, len(text)) for e in record["entities"]]),
            quotes=tuple([_quote(q, len(text)) for q in record["quotes"]]),
        )
    except (KeyError, TypeError, ValueError):
        return None
    model, extractor = record.get("model"), record.get("extractor")
    return CarriedAnalysis(
        analysis,
        model if isinstance(model, str) else None,
        extractor if isinstance(extractor, str) else None,
    )


def _bounds(value: dict[str, Any], length: int) -> tuple[int, int]:
    start, end = value["start"], value["end"]
    if type(start) is not int or type(end) is not int or not 0 <= start <= end <= length:
        raise ValueError("span outside the text")
    return start, end


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not a string")
    return value


def _entity(value: dict[str, Any], length: int) -> Entity:
    return Entity(*_bounds(value, length), _string(value["label"]), _string(value["text"]))


def _optional_span(value: dict[str, Any] | None, length: int) -> Span | None:
    return None if value is None else Span(*_bounds(value, length), _string(value["text"]))


def _quote(value: dict[str, Any], length: int) -> Quote:
    name = value.get("speaker_name")
    return Quote(
        *_bounds(value, length),
        _string(value["text"]),
        _string(value["kind"]),
        _optional_span(value.get("speaker"), length),
        None if name is None else _string(name),
        _optional_span(value.get("cue"), length),
        _string(value["source_kind"]),
        _optional_span(value.get("descriptor"), length),
    )
