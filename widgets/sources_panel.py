"""The side panel: who is quoted in the article, and what each of them said.

Two views of the same quotes: grouped by source (the default, for "who said
what") or in the order they appear (to read along). Labels are built as Rich
``Text`` so nothing from an article is ever parsed as markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive, var
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from widgets.sourcing import BAR, KINDS, KindCount, kinds_line, quote_bar
from widgets.words import counted
from widgets.wrap import wrap_offsets

QUOTE_LINES = 3  # lines of a quote's words in the panel; the reader has the rest
MIN_WIDTH = 10
# Cells before a quote's words (the tree's indent at their depth) and a scrollbar's.
BY_SOURCE_INDENT, IN_ORDER_INDENT = 7, 5
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


class QuoteTree(Tree[QuoteItem | SourceItem]):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    # Its size is the panel's, whatever it holds: the nodes of each article opened need no layout of the
    # screen, which Textual's Tree asks for at every node added and again for its new virtual size (each a
    # reflow and a repaint of every pane, on every key in the article list). The scrollbar follows the lines.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def watch_virtual_size(self, size: Size) -> None:
        self._scroll_update(size)

    def _invalidate(self) -> None:
        """Textual's ``Tree._invalidate`` without its ``refresh(layout=True)``."""
        self._clear_line_cache()
        self._updates += 1
        self.root._reset()
        self.refresh()


class SourcesPanel(Vertical):
    """Posts ``QuoteChosen`` when a quote is picked and ``SourceChosen`` to see a source across articles."""

    BINDINGS = [
        Binding("s", "toggle_order", "By source / in order"),
        Binding("a", "source_everywhere", "Source in all articles"),
    ]

    DEFAULT_CSS = """
    SourcesPanel > #sources-header { height: auto; padding: 0 1; text-style: bold; }
    SourcesPanel > QuoteTree { height: 1fr; }
    """

    by_source: var[bool] = var(True)

    class QuoteChosen(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class SourceChosen(Message):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.sources: tuple[SourceItem, ...] = ()
        self.pending = True
        self.unavailable = ""  # why an article not analysed never will be
        self._drawn_width = 0

    def compose(self) -> ComposeResult:
        yield Static(Text("Quotes and sources"), id="sources-header")
        tree: QuoteTree = QuoteTree(Text("sources"), id="quote-tree")
        tree.show_root = False
        tree.show_guides = False
        tree.guide_depth = 2
        yield tree

    @property
    def tree(self) -> QuoteTree:
        return self.query_one(QuoteTree)

    def show(self, sources: tuple[SourceItem, ...] | None, unavailable: str = "") -> None:
        """Show the sources of an article (``None``: not analysed yet, or ever, if ``unavailable`` says why)."""
        self.pending = sources is None
        self.unavailable = unavailable
        self.sources = sources or ()
        self._rebuild()

    def watch_by_source(self) -> None:
        if self.is_mounted:
            self._rebuild()

    def action_toggle_order(self) -> None:
        self.by_source = not self.by_source

    def action_source_everywhere(self) -> None:
        node = self.tree.cursor_node
        data = node.data if node is not None else None
        if isinstance(data, QuoteItem):
            name = data.speaker
        elif isinstance(data, SourceItem):
            name = data.name
        else:
            self.notify("Choose a source or quote first.", severity="warning")
            return
        self.post_message(self.SourceChosen(name))

    def select_quote(self, index: int) -> None:
        """Move the cursor to a quote's node (used when a search jumps to a quote)."""
        for node in _walk(self.tree.root):
            if isinstance(node.data, QuoteItem) and node.data.index == index:
                if node.parent is not None:
                    node.parent.expand()
                self.tree.move_cursor(node)
                return

    def _rebuild(self) -> None:
        header = self.query_one("#sources-header", Static)
        tree = self.tree
        tree.clear()
        quotes = sorted((q for s in self.sources for q in s.quotes), key=lambda q: q.index)
        if self.pending:
            _set_heading(header, Text(f"Quotes and sources: {self.unavailable or 'analysing…'}"))
            return
        named = [s for s in self.sources if s.kind != "unknown"]
        mode = "by source" if self.by_source else "in order"
        heading = Text(f"{counted(len(quotes), 'quote')} · {counted(len(named), 'source')} · {mode}")
        if quotes:
            kinds = tuple(
                KindCount(
                    kind,
                    sum(1 for s in self.sources if s.kind == kind),
                    sum(len(s.quotes) for s in self.sources if s.kind == kind),
                )
                for kind, _, _ in KINDS
            )
            share = next(k.quotes for k in kinds if k.kind == "anonymous") / len(quotes)
            heading.append("\n")
            heading.append_text(quote_bar(kinds, max(4, min(BAR, self.size.width - 3))))
            heading.append("\n")
            heading.append_text(kinds_line(kinds, share))
        _set_heading(header, heading)
        if not quotes:
            tree.root.add_leaf(Text("No quotes found in this article.", style="italic"))
            return
        if self.by_source:
            for source in self.sources:
                node = tree.root.add(_source_label(source), data=source, expand=True)
                for quote in source.quotes:
                    self._add_quote(node, quote, with_speaker=False, indent=BY_SOURCE_INDENT)
        else:
            for quote in quotes:
                self._add_quote(tree.root, quote, with_speaker=True, indent=IN_ORDER_INDENT)

    def _add_quote(self, parent: TreeNode, quote: QuoteItem, *, with_speaker: bool, indent: int) -> None:
        """Who and how on the quote's own line, its words below, wrapped to the panel (three lines at most)."""
        node = parent.add(_quote_label(quote, with_speaker=with_speaker), data=quote, expand=True, allow_expand=False)
        for line in quote_lines(quote.text, self.tree.scrollable_content_region.width - indent):
            node.add_leaf(Text(line), data=quote)

    def on_resize(self) -> None:
        width = self.tree.scrollable_content_region.width
        if width != self._drawn_width:
            self._drawn_width = width
            self._rebuild()

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        if isinstance(event.node.data, QuoteItem):
            self.post_message(self.QuoteChosen(event.node.data.index))


def _set_heading(header: Static, heading: Text) -> None:
    """A heading as tall as the one shown needs no layout of the screen (a reflow and a repaint of every pane)."""
    width = header.content_region.width
    height = len(heading.wrap(header.app.console, width)) if width else -1
    header.update(heading, layout=height != header.content_region.height)


def _walk(node: TreeNode) -> list[TreeNode]:
    found = []
    for child in node.children:
        found.append(child)
        found.extend(_walk(child))
    return found


def _source_label(source: SourceItem) -> Text:
    label = Text(source.name, style="bold")
    count = len(source.quotes)
    label.append(f"  {SOURCE_KIND_NAME.get(source.kind, source.kind)} · {counted(count, 'quote')}", style="dim")
    if source.descriptor:
        label.append(f" · {source.descriptor}", style="dim italic")
    return label


def _quote_label(quote: QuoteItem, *, with_speaker: bool) -> Text:
    """Badge, then who (in order) and how: the words go on the lines below."""
    label = Text(KIND_BADGE.get(quote.kind, "  ") + " ", style="bold")
    if with_speaker:
        label.append(quote.speaker or "unattributed", style="bold")
        label.append(" · ", style="dim")
    label.append(" · ".join([quote.kind] + ([quote.cue] if quote.cue else [])), style="dim")
    return label


def quote_lines(text: str, width: int) -> list[str]:
    """The quote's words in lines of ``width`` cells, three at most, the last ending "…" when cut."""
    words = " ".join(text.split())
    width = max(width, MIN_WIDTH)
    lines = [words[start:end] for start, end in wrap_offsets(words, width)]
    if len(lines) > QUOTE_LINES:
        last = lines[QUOTE_LINES - 1]
        lines = lines[: QUOTE_LINES - 1] + [(last[: width - 1] if len(last) >= width else last) + "…"]
    return lines
