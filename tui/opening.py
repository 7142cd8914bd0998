"""What opening an article shows, worked out ahead for the article the next key opens.

Opening an article looks its analysis up (in SQLite, or in the corpus's file of
texts and analyses), builds the reader's document and the side panel's sources,
and wraps the text to the reader's width: a fifth of a key's work at 100,000
articles, before anything is drawn. Once a move in the list is drawn, the next
article the same way is opened here, while the user reads; the key that opens it
finds it ready. What was prepared holds for the article object it was made from,
and is forgotten when that article's analysis changes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui import present

if TYPE_CHECKING:
    from core.corpus import Corpus
    from core.model import Article
    from core.store.cache import AnalysisCache
    from widgets.marks import ReaderDocument
    from widgets.quote_rows import SourceItem


@dataclass(frozen=True)
class Opening:
    article: Article
    document: ReaderDocument
    sources: tuple[SourceItem, ...] | None  # None: not analysed (``note`` may say why)
    note: str


def opening(corpus: Corpus, article: Article, cache: AnalysisCache | None, model_id: str) -> Opening:
    analysis = corpus.analysis_now(article, cache, model_id)
    sources = None if analysis is None else present.source_items(analysis.quotes)
    return Opening(article, present.document(article, analysis), sources, corpus.not_analysed(article.id) or "")


class Ahead:
    """The one article opened ahead."""

    def __init__(self) -> None:
        self._opening: Opening | None = None

    def put(self, prepared: Opening) -> None:
        self._opening = prepared

    def has(self, article: Article) -> bool:
        return self._opening is not None and self._opening.article is article

    def take(self, article: Article) -> Opening | None:
        """The opening prepared for this article, if it was (once: it is then the current one)."""
        if not self.has(article):
            return None
        prepared, self._opening = self._opening, None
        return prepared

    def forget(self, article_ids: Iterable[str] | None = None) -> None:
        """Their analyses changed (``None``: every article's may have)."""
        if self._opening is not None and (article_ids is None or self._opening.article.id in set(article_ids)):
            self._opening = None
