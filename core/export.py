"""The scripting contract: articles and their analyses as JSON lines."""

from __future__ import annotations

from typing import Any

from core.model import Analysis, Article, Span


def _span(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def analysis_record(article: Article, analysis: Analysis) -> dict[str, Any]:
    """One line of ``newsreader analyze --format jsonl``; offsets index ``text``."""
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
    }
