"""An article whose text is cleaned when it is first read.

Cleaning costs a few tens of microseconds an article: for ten thousand
analysed records that is most of the time before they are listed, yet the list
needs only titles. Records that ``newsreader analyze`` wrote carry a text it
had already cleaned, so theirs is cleaned (and checked to be as recorded) when
the reader, the search index or the analysis first reads it, in a worker.
"""

from __future__ import annotations

from core.ingest.clean import clean_text
from core.model import Article

_TEXT = Article.__dict__["text"]  # the slot the dataclass made for the text


class DeferredArticle(Article):
    """An ``Article`` made with the text as given; ``text`` reads the cleaned one."""

    __slots__ = ("_given",)

    def __init__(self, id: str, title: str, text: str, **fields: str | None) -> None:
        super().__init__(id, title, None, **fields)  # type: ignore[arg-type]
        self._given: str | None = text

    @property  # type: ignore[override]
    def text(self) -> str:
        text = _TEXT.__get__(self, Article)
        if text is None:
            given = self._given
            if given is None:  # another thread has just cleaned it (the text is set before this is cleared)
                return _TEXT.__get__(self, Article)
            text = clean_text(given)
            _TEXT.__set__(self, text)
            if text == given:
                self._given = None  # as recorded: nothing more to keep
        return text

    @text.setter
    def text(self, value: str) -> None:
        _TEXT.__set__(self, value)
        self._given = None


def as_recorded(article: Article) -> bool:
    """Whether the article's text is the text its record gave (offsets carried
    with the record index it); always so for an article cleaned when loaded."""
    return not isinstance(article, DeferredArticle) or (article.text is not None and article._given is None)
