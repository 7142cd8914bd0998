"""Articles whose text is kept as bytes: a hundred thousand texts are the
largest thing the app holds after the search index, and they are read one at
a time (the reader, a search passage, an entity's page), each in microseconds.

As read, a text is kept in UTF-8 (``encoded``: a few microseconds): a text
with one curly quote is two bytes a character as a Python string, about one
in UTF-8. Once indexed it is compressed (``packed``: to about half its UTF-8,
for a hundred microseconds or so, which the analysis worker pays, not the
loader that lists the articles)."""

from __future__ import annotations

import zlib

from core.model import Article


class EncodedArticle(Article):
    """An ``Article`` whose ``text`` is decoded from its UTF-8 on each read."""

    __slots__ = ("_encoded",)

    @property  # type: ignore[override]
    def text(self) -> str:
        return self._encoded.decode("utf-8", "surrogatepass")

    @text.setter
    def text(self, value: str) -> None:
        self._encoded = value.encode("utf-8", "surrogatepass")


class PackedArticle(Article):
    """An ``Article`` whose ``text`` is unpacked from its compressed UTF-8 on each read."""

    __slots__ = ("_packed",)

    @property  # type: ignore[override]
    def text(self) -> str:
        return zlib.decompress(self._packed).decode("utf-8", "surrogatepass")

    @text.setter
    def text(self, value: str) -> None:
        self._packed = zlib.compress(value.encode("utf-8", "surrogatepass"), 1)


def encoded(article: Article) -> Article:
    """The article with its text in UTF-8 (itself if its text is already bytes,
    or is cleaned when first read: ``core.ingest.deferred``)."""
    if type(article) is not Article:
        return article
    return EncodedArticle(**_fields(article))


def packed(article: Article) -> PackedArticle:
    """The article with its text compressed (itself if it already is)."""
    if isinstance(article, PackedArticle):
        return article
    if isinstance(article, EncodedArticle):  # compressed from its bytes: not decoded to be encoded again
        found = PackedArticle(**_fields(article, text=""))
        found._packed = zlib.compress(article._encoded, 1)
        return found
    return PackedArticle(**_fields(article))


def _fields(article: Article, **given: str) -> dict[str, str | None]:
    return {name: given[name] if name in given else getattr(article, name) for name in Article.__match_args__}
