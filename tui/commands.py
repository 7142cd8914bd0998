"""Command palette entries: open any article, toggle highlights, search, help."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from widgets.categories import CATEGORIES
from widgets.words import counted

if TYPE_CHECKING:
    from tui.app import NewsReader


TOP_SOURCES = 200  # the palette's matcher is pure Python: offer the most quoted sources


class NewsReaderCommands(Provider):
    async def startup(self) -> None:
        """Count every source's quotes once per opening of the palette."""
        app: NewsReader = self.app  # type: ignore[assignment]
        self._sources = app.corpus.source_counts().most_common(TOP_SOURCES)

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app: NewsReader = self.app  # type: ignore[assignment]
        commands: list[tuple[str, Callable[[], object], str]] = [
            ("Search everything", app.action_search, "Fuzzy search titles, names, quotes, sources and text (/)"),
            ("Help: all keys", app.action_help, "Every key newsreader knows (?)"),
            ("People and organisations", app.action_people, "Everyone named in the loaded articles (e)"),
            ("Sources overview", app.action_sources_overview, "Sources by kind, anonymous quotes, most quoted"),
            ("Unreadable inputs: list them", app.action_unreadable, "Every input that could not be read, and why (!)"),
            ("Highlighting: all off / on", app.action_toggle_all, "Toggle every entity category (0)"),
        ]
        for number, (category, name, _) in enumerate(CATEGORIES, 1):
            commands.append(
                (
                    f"Highlighting: {name}",
                    partial(app.action_toggle_category, category),
                    f"Toggle {name} highlights ({number})",
                )
            )
        for name, count in self._sources:
            commands.append(
                (
                    f"Quotes by: {name}",
                    partial(app.show_source, name),
                    f"{counted(count, 'quote')} in the loaded articles",
                )
            )
        for article in app.corpus.articles.values():
            commands.append(
                (f"Open: {article.title}", partial(app.open_article, article.id), article.path or article.url or "")
            )
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands()[: 6 + len(CATEGORIES)]:
            yield DiscoveryHit(Content(name), callback, text=name, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        """Article titles are untrusted: they are matched and shown as plain text, never markup."""
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score, offsets = matcher.fuzzy_search.match(matcher.query, name)
            if score > 0:
                prompt = Content(name)
                for offset in offsets:
                    prompt = prompt.stylize(matcher.match_style, offset, offset + 1)
                yield Hit(score, prompt, callback, text=name, help=escape(help_text))
