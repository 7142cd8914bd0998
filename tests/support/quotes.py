"""Reading the quotes a test's text gives."""

from __future__ import annotations

from core.model import Quote


def only(quotes: list[Quote], kind: str | None = None) -> Quote:
    """The one quote (of ``kind``) there is."""
    chosen = [q for q in quotes if kind is None or q.kind == kind]
    assert len(chosen) == 1, chosen
    return chosen[0]


def speaker(q: Quote) -> str | None:
    return q.speaker.text if q.speaker else None
