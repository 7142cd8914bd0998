"""What the side panel shows of an article's quotes, line by line, at a width.

Plain functions from the panel's records to lines of rich ``Text`` (never
markup: names, cues and words are an article's text), so the panel draws
each line itself and opening an article changes no widget's size.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from widgets.sourcing import BAR, KINDS, KindCount, kinds_line, quote_bar
from widgets.words import counted
from widgets.wrap import wrap_offsets

QUOTE_LINES = 3  # lines of a quote's words in the panel; the reader has the rest
MIN_WIDTH = 10
INDENT = 2  # cells per level: a source's quotes under it, a quote's words under the quote
EXPANDED, COLLAPSED = "▼ ", "▶ "
KIND_BADGE = {"direct": "“”", "partial": "“…", "reported": "≈ "}
SOURCE_KIND_NAME = {
    "person": "person",
    "organisation": "organisation",
    "anonymous": "anonymous",
    "unknown": "unattributed",
}


@dataclass(frozen=True, slots=True)
class QuoteItem:
    """One quote as the panel shows it; ``index`` is its position in the article's quotes."""

    index: int
    text: str
    kind: str
    speaker: str
    cue: str


@dataclass(frozen=True, slots=True)
class SourceItem:
    """A source: a resolved speaker and the quotes attributed to them in this article."""

    name: str
    kind: str
    descriptor: str
    quotes: tuple[QuoteItem, ...]


@dataclass(frozen=True, slots=True)
class PanelLine:
    """One line under the heading. ``item`` is what enter or a click there picks (``None``: a note);
    ``source`` is a source line's place in the article's sources (-1 on other lines)."""

    text: Text
    item: SourceItem | QuoteItem | None = None
    source: int = -1


def heading(sources: tuple[SourceItem, ...], *, pending: bool, unavailable: str, by_source: bool, width: int) -> Text:
    """Counts and the mode, then the quotes by kind of source as a bar and in words."""
    if pending:
        return Text(f"Quotes and sources: {unavailable or 'analysing…'}")
    quotes = sum(len(source.quotes) for source in sources)
    named = sum(1 for source in sources if source.kind != "unknown")
    mode = "by source" if by_source else "in order"
    text = Text(f"{counted(quotes, 'quote')} · {counted(named, 'source')} · {mode}")
    if quotes:
        kinds = tuple(
            KindCount(
                kind,
                sum(1 for s in sources if s.kind == kind),
                sum(len(s.quotes) for s in sources if s.kind == kind),
            )
            for kind, _, _ in KINDS
        )
        share = next(k.quotes for k in kinds if k.kind == "anonymous") / quotes
        text.append("\n")
        text.append_text(quote_bar(kinds, max(4, min(BAR, width))))
        text.append("\n")
        text.append_text(kinds_line(kinds, share))
    return text


def panel_lines(
    sources: tuple[SourceItem, ...], *, by_source: bool, collapsed: frozenset[int], width: int
) -> list[PanelLine]:
    """By source: each source (open unless ``collapsed`` holds its place), its quotes under it;
    in order: every quote with who said it. A quote's words follow it, wrapped to ``width``."""
    quotes = sorted((q for s in sources for q in s.quotes), key=lambda q: q.index)
    if not quotes:
        return [PanelLine(Text("No quotes found in this article.", style="italic"))]
    lines: list[PanelLine] = []
    if by_source:
        for place, source in enumerate(sources):
            shown = place not in collapsed
            label = Text(EXPANDED if shown else COLLAPSED)
            lines.append(PanelLine(label.append_text(_source_label(source)), source, place))
            if shown:
                for quote in source.quotes:
                    lines += _quote(quote, INDENT, with_speaker=False, width=width)
    else:
        for quote in quotes:
            lines += _quote(quote, 0, with_speaker=True, width=width)
    return lines


def _quote(quote: QuoteItem, indent: int, *, with_speaker: bool, width: int) -> list[PanelLine]:
    """Who and how on the quote's own line, its words below (three lines at most)."""
    label = Text(" " * indent).append_text(_quote_label(quote, with_speaker=with_speaker))
    words = " " * (indent + INDENT)
    return [PanelLine(label, quote)] + [
        PanelLine(Text(words + line), quote) for line in quote_lines(quote.text, width - indent - INDENT)
    ]


def _one_line(text: str) -> str:
    """An article's words on one line: a newline in a name or a cue would break the panel's line."""
    return " ".join(text.split())


def _source_label(source: SourceItem) -> Text:
    label = Text(_one_line(source.name), style="bold")
    count = len(source.quotes)
    label.append(f"  {SOURCE_KIND_NAME.get(source.kind, source.kind)} · {counted(count, 'quote')}", style="dim")
    if source.descriptor:
        label.append(f" · {_one_line(source.descriptor)}", style="dim italic")
    return label


def _quote_label(quote: QuoteItem, *, with_speaker: bool) -> Text:
    """Badge, then who (in order) and how: the words go on the lines below."""
    label = Text(KIND_BADGE.get(quote.kind, "  ") + " ", style="bold")
    if with_speaker:
        label.append(_one_line(quote.speaker) or "unattributed", style="bold")
        label.append(" · ", style="dim")
    label.append(" · ".join([quote.kind] + ([_one_line(quote.cue)] if quote.cue else [])), style="dim")
    return label


def quote_lines(text: str, width: int) -> list[str]:
    """The quote's words in lines of ``width`` cells, three at most, the last ending "…" when cut."""
    words = _one_line(text)
    width = max(width, MIN_WIDTH)
    lines = [words[start:end] for start, end in wrap_offsets(words, width)]
    if len(lines) > QUOTE_LINES:
        last = lines[QUOTE_LINES - 1]
        lines = lines[: QUOTE_LINES - 1] + [(last[: width - 1] if len(last) >= width else last) + "…"]
    return lines
