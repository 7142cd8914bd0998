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
from dataclasses import dataclass, field
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


@dataclass(slots=True)
class LoadStep:
    """What one input added: new articles, longer versions of ones already given, failures."""

    articles: list[Article] = field(default_factory=list)
    replaced: dict[str, Article] = field(default_factory=dict)  # old id -> its longer version
    errors: list[LoadError] = field(default_factory=list)


def load(
    sources: Iterable[str], *, full_pages: bool = False, fetcher: Fetcher | None = None
) -> LoadResult:
    """Load every named file, folder or http(s) URL; collect the failures instead of raising.

    ``full_pages`` fetches the page behind each feed entry that carries only a
    summary. The same article reached twice (same id, or same address and
    title) is kept once, in its longer version.
    """
    result = LoadResult()
    position: dict[str, int] = {}
    for step in iter_load(sources, full_pages=full_pages, fetcher=fetcher):
        for old_id, article in step.replaced.items():
            index = position.pop(old_id)
            result.articles[index] = article
            position[article.id] = index
        for article in step.articles:
            position[article.id] = len(result.articles)
            result.articles.append(article)
        result.errors += step.errors
    return result


def iter_load(
    sources: Iterable[str], *, full_pages: bool = False, fetcher: Fetcher | None = None
) -> Iterator[LoadStep]:
    """Like ``load``, one input at a time, so the app can list the first
    articles while the rest of ten thousand files are still being read."""
    # Deferred: they import this module, and only online loads need them at all.
    from core.fetch import Fetcher
    from core.formats import Network

    network = Network(fetcher or Fetcher(), full_pages)
    merger = _Merger()
    try:
        for source in sources:
            for item in [source] if is_url(source) else _expand_reporting(source):
                if isinstance(item, LoadError):
                    yield LoadStep(errors=[item])
                    continue
                try:
                    found = _load_item(item, network)
                except Unreadable as exc:
                    yield LoadStep(errors=[LoadError(str(item), str(exc))])
                    continue
                step = LoadStep(errors=found.errors)
                for article in found.articles:
                    merger.add(article, step)
                yield step
    finally:
        if fetcher is None:
            network.fetcher.close()


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _load_item(item: str | Path, network: Network) -> LoadResult:
    from core.formats import load_path, load_url

    if isinstance(item, str):
        return load_url(item, network)
    if item.suffix.lower() in DOCUMENT_SUFFIXES:
        return load_path(item, network)
    return load_file(item)


class _Merger:
    """Passes each article on once: by id, and by (address, title) so a feed
    summary and the full page of the same story are one article, the longer."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.places: dict[tuple[str, str], Article] = {}

    def add(self, article: Article, step: LoadStep) -> None:
        if article.id in self.ids:
            return
        self.ids.add(article.id)
        place = (_address(article.url), article.title.casefold()) if article.url else None
        known = self.places.get(place) if place else None
        if known is None:
            if place:
                self.places[place] = article
            step.articles.append(article)
        elif len(article.text) > len(known.text):
            self.places[place] = article
            if known in step.articles:
                step.articles[step.articles.index(known)] = article
            else:
                step.replaced[known.id] = article


def _address(url: str) -> str:
    """An address without its fragment, trailing slash or scheme."""
    return url.split("#", 1)[0].rstrip("/").split("://", 1)[-1].lower()


def _expand_reporting(source: str) -> Iterator[Path | LoadError]:
    """The files a path names (a folder's loadable files, recursively), or why it cannot be listed."""
    path = Path(source).expanduser()
    if not path.is_dir():
        yield path
        return
    try:
        files = sorted(
            p for p in path.rglob("*")
            if p.suffix.lower() in LOADABLE_SUFFIXES and not _hidden(p, path) and p.is_file()
        )
    except OSError as exc:
        yield LoadError(source, _os_reason(exc))
        return
    yield from files


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def load_file(path: Path) -> LoadResult:
    """Read one text or JSON-lines file; raise ``Unreadable`` if nothing in it can be read."""
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
    return LoadResult([Article(id=article_id(title, body), title=title, text=body, path=str(path))])


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
