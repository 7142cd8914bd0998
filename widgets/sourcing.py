"""How sources are balanced, drawn small: a bar of quotes by kind of source
for the side panel's header, and the corpus-wide overview screen."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from widgets.keys_footer import mount_keys
from widgets.words import counted

# Kinds of source, their short names and colours (the same in the panel and the overview).
KINDS = (
    ("person", "person", "bold blue"),
    ("organisation", "org", "bold red"),
    ("anonymous", "anonymous", "bold yellow"),
    ("unknown", "unattributed", "dim"),
)
BAR = 24  # cells of the side panel's bar


@dataclass(frozen=True, slots=True)
class KindCount:
    kind: str
    sources: int
    quotes: int


@dataclass(frozen=True, slots=True)
class TopSource:
    key: int  # the app's handle
    name: str
    kind: str
    quotes: int


@dataclass(frozen=True, slots=True)
class SourcingSummary:
    articles: int
    kinds: tuple[KindCount, ...]
    top: tuple[TopSource, ...] = ()

    @property
    def anonymous_share(self) -> float:
        total = sum(k.quotes for k in self.kinds)
        return sum(k.quotes for k in self.kinds if k.kind == "anonymous") / total if total else 0.0


def quote_bar(kinds: tuple[KindCount, ...], width: int = BAR) -> Text:
    """One line: the quotes split by kind of source, each kind in its colour."""
    total = sum(k.quotes for k in kinds)
    bar = Text()
    if not total:
        return bar
    styles = {kind: style for kind, _, style in KINDS}
    used = 0
    for number, count in enumerate(kinds):
        cells = width - used if number == len(kinds) - 1 else round(width * count.quotes / total)
        cells = max(cells, 1 if count.quotes else 0)
        bar.append("█" * cells, style=styles.get(count.kind, "dim"))
        used += cells
    return bar


def kinds_line(kinds: tuple[KindCount, ...], share: float) -> Text:
    """ "3 person · 1 org · 1 anonymous · 20% of quotes anonymous": sources by kind, coloured as the bar."""
    line = Text()
    names = {kind: (short, style) for kind, short, style in KINDS}
    for count in kinds:
        if count.sources:
            short, style = names.get(count.kind, (count.kind, "dim"))
            if line:
                line.append(" · ", style="dim")
            line.append(f"{count.sources} {short}", style=style)
    line.append(f" · {share:.0%} of quotes anonymous", style="dim")
    return line


class SourcesOverview(Screen[None]):
    """Sources across everything loaded; posts ``Chosen`` with a top source's key."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Back")]

    DEFAULT_CSS = """
    SourcesOverview > Vertical { padding: 0 1; }
    SourcesOverview #overview-summary { height: auto; margin: 0 0 1 0; }
    SourcesOverview OptionList { height: 1fr; }
    """

    class Chosen(Message):
        def __init__(self, key: int) -> None:
            super().__init__()
            self.key = key

    def __init__(self, summary: SourcingSummary) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        summary = self.summary
        text = Text("Sources overview", style="bold")
        quotes = sum(k.quotes for k in summary.kinds)
        sources = sum(k.sources for k in summary.kinds)
        text.append(
            f"  {counted(summary.articles, 'article')} · {counted(quotes, 'quote')} · {counted(sources, 'source')}\n\n",
            style="dim",
        )
        widest = max((k.quotes for k in summary.kinds), default=0) or 1
        for kind, short, style in KINDS:
            count = next((k for k in summary.kinds if k.kind == kind), KindCount(kind, 0, 0))
            text.append(f"{short:>13} ", style=style)
            text.append("█" * round(30 * count.quotes / widest), style=style)
            text.append(f" {counted(count.quotes, 'quote')} from {counted(count.sources, 'source')}\n", style="dim")
        text.append(f"\n{summary.anonymous_share:.0%} of quotes are from anonymous sources.", style="bold")
        most = max((s.quotes for s in summary.top), default=0) or 1
        options = [Option(Text("Most quoted (enter: their page)", style="bold underline"), disabled=True)]
        for source in summary.top:
            label = Text(f"{source.name}", style="bold")
            label.append(f"  {source.kind} · {counted(source.quotes, 'quote')}  ", style="dim")
            label.append("▇" * max(1, round(20 * source.quotes / most)), style="dim")
            options.append(Option(label, id=str(source.key)))
        with Vertical():
            yield Static(text, id="overview-summary")
            yield OptionList(*options)

    async def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if options.option_count > 1:
            options.highlighted = 1
        await mount_keys(self, options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(int(event.option.id)))
