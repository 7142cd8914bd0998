"""Read marks, bookmarks and links: what the user keeps about the open article,
remembered in the library (``core.store.library``). A mixin of ``NewsReader``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.app import NewsReader


class LibraryKeys:
    """Needs ``self`` to be the ``NewsReader``."""

    def mark_read(self: NewsReader, article_id: str, read: bool = True) -> None:
        if (article_id in self.read_ids) == read or self.library is None:
            return
        self.library.mark_read(article_id, read)
        self.read_ids.symmetric_difference_update({article_id})
        self.article_list.refresh_row(article_id)

    def action_toggle_read(self: NewsReader) -> None:
        if self.current_id is not None:
            self.mark_read(self.current_id, self.current_id not in self.read_ids)

    def action_bookmark(self: NewsReader) -> None:
        article = self.corpus.articles.get(self.current_id or "")
        if article is None or self.library is None:
            return
        now = self.library.toggle_bookmark(article.id, article.title, article.url or article.path)
        self.bookmarked.symmetric_difference_update({article.id})
        self.article_list.refresh_row(article.id)
        self.notify("Bookmarked." if now else "Bookmark removed.", timeout=2)

    def action_bookmarks_only(self: NewsReader) -> None:
        """Show bookmarks only, or everything again (a search filter gives way to either)."""
        showing = not self.bookmarks_only
        self.filter_list(set(self.bookmarked) if showing else None, bookmarks=showing)

    def action_open_url(self: NewsReader) -> None:
        if url := self._link(web_only=True):
            self.open_url(url)

    def action_copy_url(self: NewsReader) -> None:
        if link := self._link(web_only=False):
            self.copy_to_clipboard(link)
            self.notify(f"Copied {link}", timeout=3, markup=False)

    def _link(self: NewsReader, *, web_only: bool) -> str | None:
        """The open article's web address (or, unless ``web_only``, its file); says so when there is none."""
        article = self.corpus.articles.get(self.current_id or "")
        link = None if article is None else article.url if web_only else article.url or article.path
        if not link:
            self.notify("This article has no web address.", severity="warning", timeout=3)
        return link
