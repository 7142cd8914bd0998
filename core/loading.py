"""Turn what the user names on the command line into articles.

Each input is read on its own: one that cannot be read becomes a
``LoadError`` with the reason in plain words, and the rest still open.
Nothing here writes to the user's files.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from core.clean import split_title
from core.model import Article, LoadError, LoadResult

if TYPE_CHECKING:
    from core.fetch import Fetcher
    from core.formats import Network

# The bundled sample articles, installed beside the packages.
SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"

MAX_FILE_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
# Read by core.formats: web pages, feeds (and OPML lists of them), JSON exports.
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf", ".opml"}
JSON_SUFFIXES = {".json"}
DOCUMENT_SUFFIXES = HTML_SUFFIXES | FEED_SUFFIXES | JSON_SUFFIXES
LOADABLE_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | DOCUMENT_SUFFIXES


class Unreadable(Exception):
    """An input we cannot turn into an article; the message is the reason."""


def article_id(title: str, text: str) -> str:
    """Same title and text, same id: the same article from two places is one."""
    return hashlib.blake2b(f"{title}\n{text}".encode(), digest_size=8).hexdigest()


def load(
    sources: Iterable[str], *, full_pages: bool = False, fetcher: Fetcher | None = None
) -> LoadResult:
    """Load every named file, folder or http(s) URL; collect the failures instead of raising.

    ``full_pages`` fetches the page behind each feed entry that carries only a
    summary. The same article reached twice (same id, or same address and
    title) is kept once, in its longer version.
    """
    # Deferred: they import this module, and only online loads need them at all.
    from core.fetch import Fetcher
    from core.formats import Network

    network = Network(fetcher or Fetcher(), full_pages)
    result = LoadResult()
    merger = _Merger(result.articles)
    try:
        for source in sources:
            for item in [source] if is_url(source) else _expand(source, result):
                try:
                    found = _load_item(item, network)
                except Unreadable as exc:
                    result.errors.append(LoadError(str(item), str(exc)))
                    continue
                result.errors += found.errors
                for article in found.articles:
                    merger.add(article)
    finally:
        if fetcher is None:
            network.fetcher.close()
    return result


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _load_item(item: str | Path, network: Network) -> LoadResult:
    from core.formats import load_path, load_url

    if isinstance(item, str):
        return load_url(item, network)
    if item.suffix.lower() in DOCUMENT_SUFFIXES:
        return load_path(item, network)
    return LoadResult(load_file(item))


class _Merger:
    """Adds articles to a list once each: by id, and by (address, title) so a feed
    summary and the full page of the same story are one article."""

    def __init__(self, articles: list[Article]) -> None:
        self.articles = articles
        self.ids: set[str] = set()
        self.places: dict[tuple[str, str], int] = {}

    def add(self, article: Article) -> None:
        if article.id in self.ids:
            return
        place = (_address(article.url), article.title.casefold()) if article.url else None
        index = self.places.get(place) if place else None
        self.ids.add(article.id)
        if index is None:
            if place:
                self.places[place] = len(self.articles)
            self.articles.append(article)
        elif len(article.text) > len(self.articles[index].text):
            self.articles[index] = article


def _address(url: str) -> str:
    """An address without its fragment, trailing slash or scheme."""
    return url.split("#", 1)[0].rstrip("/").split("://", 1)[-1].lower()


def _expand(source: str, result: LoadResult) -> Iterator[Path]:
    path = Path(source).expanduser()
    if path.is_dir():
        try:
            files = sorted(
                p for p in path.rglob("*")
                if p.suffix.lower() in LOADABLE_SUFFIXES and not _hidden(p, path) and p.is_file()
            )
        except OSError as exc:
            result.errors.append(LoadError(source, _os_reason(exc)))
            return
        yield from files
    else:
        yield path


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def load_file(path: Path) -> list[Article]:
    """Read one file as articles; raise ``Unreadable`` with the reason."""
    raw = read_text(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        from core.json_source import jsonl_articles  # it imports this module

        return jsonl_articles(raw, path=str(path))
    if suffix in {".md", ".markdown"}:
        raw = markdown_to_text(raw)
    title, body = split_title(raw)
    if not title:
        raise Unreadable("the file is empty")
    return [Article(id=article_id(title, body), title=title, text=body, path=str(path))]


def read_text(path: Path) -> str:
    """Read a regular, reasonably sized UTF-8 text file, or say why not."""
    data = read_bytes(path)
    if b"\x00" in data[:8192]:
        raise Unreadable("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not valid UTF-8 text (byte {exc.start})") from None


def read_bytes(path: Path) -> bytes:
    """Read a regular, reasonably sized file, or say why not."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise Unreadable("no such file or folder") from None
    except OSError as exc:
        raise Unreadable(_os_reason(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable("not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise Unreadable(f"too large ({info.st_size // (1024 * 1024)} MB; the limit is 20 MB)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise Unreadable(_os_reason(exc)) from None


def _os_reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
# Line-level marks match spaces and tabs only ([ \t], not \s): \s would eat the
# newline before or after the mark and merge paragraphs.
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_RULE = re.compile(r"^[ \t]{0,3}([-*_])([ \t]*\1){2,}[ \t]*$", re.MULTILINE)
_MD_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE)


def markdown_to_text(source: str) -> str:
    """Reduce Markdown to the prose a reader wants: no marks, links as their words."""
    text = _MD_IMAGE.sub(r"\1", source)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_RULE.sub("", text)
    text = _MD_QUOTE.sub("", text)
    return _MD_EMPHASIS.sub(r"\2", text)


def missing_paths(sources: Iterable[str]) -> list[str]:
    """The local paths named that do not exist (URLs are not checked here)."""
    return [s for s in sources if "://" not in s and not os.path.lexists(Path(s).expanduser())]
