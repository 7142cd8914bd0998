"""The scripting contract: articles and their analyses as JSON lines."""

from __future__ import annotations

import json
from typing import Any

from core.model import Analysis, Article, Span


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
