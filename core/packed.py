"""Articles whose text is kept compressed once it is indexed: ten thousand
texts are the largest thing the app holds after the search index, and once
indexed they are read one at a time (the reader, a search passage, an entity's
page), each in microseconds."""

from __future__ import annotations

import zlib

from core.model import Article


class PackedArticle(Article):
    """An ``Article`` whose ``text`` is unpacked from its compressed UTF-8 on each read."""

    __slots__ = ("_packed",)

    @property  # type: ignore[override]
    def text(self) -> str:
        return zlib.decompress(self._packed).decode("utf-8", "surrogatepass")

    @text.setter
    def text(self, value: str) -> None:
        self._packed = zlib.compress(value.encode("utf-8", "surrogatepass"), 1)


def packed(article: Article) -> PackedArticle:
    """The article with its text compressed (itself if it already is)."""
    if isinstance(article, PackedArticle):
        return article
    fields = {name: getattr(article, name) for name in Article.__match_args__}
    return PackedArticle(**fields)
