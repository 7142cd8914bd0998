"""Articles whose text is kept as bytes: a hundred thousand texts are the
largest thing the app holds after the search index, and they are read one at
a time (the reader, a search passage, an entity's page), each in microseconds.

As read, a text is kept in UTF-8 (``encoded``: a few microseconds): a text
with one curly quote is two bytes a character as a Python string, about one
in UTF-8. Once indexed it is compressed (``packed``: to about half its UTF-8,
for a hundred microseconds or so, which the analysis worker pays, not the
loader that lists the articles). Once indexed, the corpus moves it out of
memory (``spilled``: into a temporary file, read back with one positioned read,
tens of microseconds): at a hundred thousand articles that is 160 MB less,
and every reader of a text asks for one at a time."""

from __future__ import annotations

import errno
import os
import tempfile
import threading
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


class SpilledArticle(Article):
    """An ``Article`` whose ``text`` is unpacked from its compressed UTF-8 in a ``TextFile`` on each read.
    Made by ``spilled`` only: its text is where it was put, never set again."""

    __slots__ = ("_file", "_at", "_size")

    @property  # type: ignore[override]
    def text(self) -> str:
        return zlib.decompress(self._file.read(self._at, self._size)).decode("utf-8", "surrogatepass")


class TextFile:
    """Compressed texts in a temporary file, which the system removes when it is
    closed or the process ends. Safe to share between threads: each read is one
    positioned read, so readers take no lock and never wait for each other."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="newsreader-texts-")  # noqa: SIM115  open while the corpus is
        self._end = 0
        self._lock = threading.Lock()

    def put(self, data: bytes) -> int:
        """Keep ``data``; where it starts. Raises OSError (a full disk): the caller keeps the text itself."""
        with self._lock:
            at = self._end
            written = os.pwrite(self._file.fileno(), data, at)
            if written != len(data):  # a disk that took part of it: full
                raise OSError(errno.ENOSPC, "the disk is full")
            self._end += written
        return at

    def read(self, at: int, size: int) -> bytes:
        return os.pread(self._file.fileno(), size, at)


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
    found = PackedArticle(**_fields(article, text=""))
    found._packed = _compressed(article)
    return found


def _compressed(article: Article) -> bytes:
    """The article's text in compressed UTF-8; from its bytes if it has them, not decoded to be encoded again."""
    if isinstance(article, PackedArticle):
        return article._packed
    utf8 = article._encoded if isinstance(article, EncodedArticle) else article.text.encode("utf-8", "surrogatepass")
    return zlib.compress(utf8, 1)


def _fields(article: Article, **given: str) -> dict[str, str | None]:
    return {name: given[name] if name in given else getattr(article, name) for name in Article.__match_args__}


def spilled(article: Article, file: TextFile) -> SpilledArticle:
    """The article with its text compressed into ``file`` (itself if it already is there).
    Raises OSError if the file cannot take it."""
    if isinstance(article, SpilledArticle):
        return article
    data = _compressed(article)
    found = SpilledArticle.__new__(SpilledArticle)  # not through ``__init__``, which would set a text
    for name, value in _fields(article, text="").items():
        if name != "text":
            setattr(found, name, value)
    found._file, found._at, found._size = file, file.put(data), len(data)
    return found
