"""From what the user names to articles: each input's kind is decided once (by
suffix for files, by the server's content type, checked against the content,
for addresses) and handed to the reader of that kind.

Each input is read on its own: one that cannot be read becomes a
``LoadError`` with the reason in plain words, and the rest still open. Feeds
listed in OPML files, and full pages for feed entries that carry only a
summary, are fetched here. Nothing here writes to the user's files.

The reader of each kind is imported when an input of that kind is met: a folder
of text files (the app's first paint) does without feeds, JSON, OPML and pages.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from core.ingest.base import (
    HTML,
    JSON,
    JSONL,
    MARKDOWN,
    SUFFIX_KINDS,
    TEXT,
    XML,
    Unreadable,
    article_id,
    decode_utf8,
    is_url,
    os_reason,
    read_bytes,
    read_text,
    reader_failure,
)
from core.ingest.fetch import Fetched, Fetcher, decode
from core.ingest.text import text_article
from core.model import Article, CarriedAnalysis, LoadError, LoadResult

if TYPE_CHECKING:
    from core.ingest.feeds import FeedEntry
    from core.ingest.pages import Remembered

HTML_SUFFIXES = {suffix for suffix, kind in SUFFIX_KINDS.items() if kind == HTML}
PAGE_WORKERS = 6  # full pages fetched at once; kind to servers, quick for users


@dataclass(slots=True)
class LoadStep:
    """What one input added: new articles, longer versions of ones already given, failures."""

    articles: list[Article] = field(default_factory=list)
    replaced: dict[str, Article] = field(default_factory=dict)  # old id -> its longer version
    errors: list[LoadError] = field(default_factory=list)
    merged: int = 0  # articles dropped as the same as one already given
    analyses: dict[str, CarriedAnalysis] = field(default_factory=dict)  # came with the input, by article id


@dataclass(slots=True)
class Network:
    """How to reach the network during one load."""

    fetcher: Fetcher = field(default_factory=Fetcher)
    # Fetch the page of a feed entry that carries only a summary.
    full_pages: bool = False


def load(
    inputs: Iterable[str],
    *,
    full_pages: bool = False,
    fetcher: Fetcher | None = None,
    remembered: Remembered | None = None,
    jobs: int = 1,
) -> LoadResult:
    """Load every named file, folder or http(s) URL; collect the failures instead of raising.

    ``full_pages`` fetches the page behind each feed entry that carries only a
    summary. The same article reached twice (same id, or same address and
    title) is kept once, in its longer version. Saved web pages are looked up
    in ``remembered`` and extracted in ``jobs`` processes if new (``core.ingest.pages``).
    """
    result = LoadResult()
    position: dict[str, int] = {}
    for step in iter_load(inputs, full_pages=full_pages, fetcher=fetcher, remembered=remembered, jobs=jobs):
        for old_id, article in step.replaced.items():
            index = position.pop(old_id)
            result.articles[index] = article
            position[article.id] = index
            result.analyses.pop(old_id, None)
        for article in step.articles:
            position[article.id] = len(result.articles)
            result.articles.append(article)
        result.errors += step.errors
        result.analyses.update(step.analyses)
    return result


def iter_load(
    inputs: Iterable[str],
    *,
    full_pages: bool = False,
    fetcher: Fetcher | None = None,
    remembered: Remembered | None = None,
    jobs: int = 1,
) -> Iterator[LoadStep]:
    """Like ``load``, one input at a time, so the app can list the first
    articles while the rest of ten thousand files are still being read."""
    network = Network(fetcher or Fetcher(), full_pages)
    merger = _Merger()
    try:
        for name in inputs:
            for found in _each_loaded(name, network, remembered, jobs):
                if isinstance(found, LoadError):
                    yield LoadStep(errors=[found])
                    continue
                step = LoadStep(errors=found.errors)
                for article in found.articles:
                    merger.add(article, step)
                if found.analyses:
                    kept = [*step.articles, *step.replaced.values()]
                    step.analyses = {a.id: found.analyses[a.id] for a in kept if a.id in found.analyses}
                yield step
    finally:
        if fetcher is None:
            network.fetcher.close()


def _each_loaded(
    name: str, network: Network, remembered: Remembered | None, jobs: int
) -> Iterator[LoadResult | LoadError]:
    """What each file or address an input names gave, in order; saved web pages
    together, so they can be looked up in bulk and extracted in parallel, and
    handed on together as far as they are ready (remembered ones: one step for
    each of ten thousand pages cost the loader more than looking them up)."""
    walked = None
    if is_url(name):
        files, pages = [name], []
    else:
        files, pages, errors, walked = _expand(name)
        yield from errors
    runs = _read_pages(pages, remembered, jobs, walked)
    if pages and len(pages) == len(files):  # a folder of saved pages alone
        yield from _pages_alone(pages, runs)
        return
    is_page = set(pages)
    ready: list[tuple[str, Article | Unreadable]] = []  # pages read, not yet taken, the next last
    taken = LoadResult()  # pages taken, not yet handed on
    for item in files:
        if (item not in is_page or not ready) and taken.articles:
            yield taken  # before waiting for the next pages or reading another kind
            taken = LoadResult()
        try:
            if item in is_page:
                if not ready:
                    ready = next(runs)[::-1]
                _, outcome = ready.pop()
                if isinstance(outcome, Unreadable):
                    raise outcome
                taken.articles.append(outcome)
            elif is_url(item):
                yield load_url(item, network)
            elif SUFFIX_KINDS.get(_suffix(item)) == JSONL:
                from core.ingest.json import jsonl_file_articles

                yield from jsonl_file_articles(Path(item))  # an archive: its first articles listed at once
            else:
                yield load_path(Path(item), network)
        except Unreadable as exc:
            yield LoadError(item, str(exc))
        except Exception as exc:  # one input never stops the others: a reader's bug is this input's error
            yield LoadError(item, reader_failure(exc))
    if taken.articles:
        yield taken
    next(runs, None)  # the reader past its last page, where it keeps the folder's listing


def _pages_alone(pages: list[str], runs: Iterator[list[tuple[str, Article | Unreadable]]]) -> Iterator[LoadResult]:
    """``_each_loaded`` for an input of saved pages and nothing else: each run handed on whole, not
    taken page by page from among the input's other files."""
    done = 0
    try:
        for run in runs:
            taken = LoadResult()
            for path, outcome in run:
                if isinstance(outcome, Unreadable):
                    taken.errors.append(LoadError(path, str(outcome)))
                else:
                    taken.articles.append(outcome)
            done += len(run)
            yield taken
    except Exception as exc:  # one input never stops the others: a reader's bug is the unread pages' error
        yield LoadResult(errors=[LoadError(path, reader_failure(exc)) for path in pages[done:]])


def load_path(path: Path, network: Network) -> LoadResult:
    """A local file of any kind; one with an unknown suffix is read as text."""
    kind = SUFFIX_KINDS.get(path.suffix.lower(), TEXT)
    name = str(path)
    if kind in (TEXT, MARKDOWN):
        return LoadResult([text_article(read_text(path), path=name, markdown=kind == MARKDOWN)])
    if kind == JSONL:
        from core.ingest.json import jsonl_file_articles, whole

        return whole(jsonl_file_articles(path))
    data = read_bytes(path)
    if kind == HTML:
        from core.ingest.html import page_article

        return LoadResult([page_article(data, path=name)])
    if kind == XML:
        return _xml(data, network, path=name)
    from core.ingest.json import json_articles

    return json_articles(decode_utf8(data), path=name)


def load_url(url: str, network: Network, *, in_opml: bool = False) -> LoadResult:
    """An article page, feed, OPML list, JSON export or plain text at ``url``."""
    from core.ingest.feeds import is_feed
    from core.ingest.html import page_article
    from core.ingest.json import json_articles
    from core.ingest.opml import is_opml

    fetched = network.fetcher.get(url)
    if fetched.kind == XML or is_feed(fetched.body) or is_opml(fetched.body):  # feeds sent as HTML too
        return _xml(fetched.body, network, in_opml=in_opml)
    if fetched.kind == HTML:
        return LoadResult([page_article(_html(fetched), url=fetched.url)])
    if fetched.kind == JSON:
        return json_articles(decode(fetched))
    return LoadResult([text_article(decode(fetched), url=fetched.url)])


class _Merger:
    """Passes each article on once: by id, and by (address, title) so a feed
    summary and the full page of the same story are one article, the longer.
    Of an article passed on it keeps the id and the text's length, not the
    article: its text is the app's to keep as it will (``core.packed``)."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.places: dict[tuple[str, str], tuple[str, int]] = {}  # -> id and length of the text

    def add(self, article: Article, step: LoadStep) -> None:
        if article.id in self.ids:
            step.merged += 1
            return
        self.ids.add(article.id)
        place = (_address(article.url), article.title.casefold()) if article.url else None
        known = self.places.get(place) if place else None
        length = article.text_length() if place else 0
        if known is None:
            if place:
                self.places[place] = article.id, length
            step.articles.append(article)
            return
        step.merged += 1
        known_id, known_length = known
        if length > known_length:
            self.places[place] = article.id, length
            at = next((i for i, given in enumerate(step.articles) if given.id == known_id), None)
            if at is not None:
                step.articles[at] = article
            else:
                step.replaced[known_id] = article


def _address(url: str) -> str:
    """An address without its fragment, trailing slash or scheme."""
    return url.split("#", 1)[0].rstrip("/").split("://", 1)[-1].lower()


def _expand(name: str) -> tuple[list[str], list[str], list[LoadError], str | None]:
    """The files a path names (a folder's loadable files, recursively, in the
    order their paths sort; hidden ones left out), those of them that are saved
    web pages, the folders that could not be listed, and the folder walked (made
    absolute: its pages are listed together, ``core.ingest.pages``). Plain strings and
    ``os.scandir``, each folder's names sorted
    as it is walked: ten thousand files are listed in milliseconds, before the
    first title can be shown. Anything with a loadable name that is not a folder
    is listed, so a FIFO or socket is reported, not silently left out. Symlinked
    folders are followed, each real folder once: a symlink loop is not followed twice."""
    path = os.path.expanduser(name)
    if not os.path.isdir(path):
        return [path], [path] if _suffix(path) in HTML_SUFFIXES else [], [], None
    files: list[str] = []
    pages: list[str] = []
    errors: list[LoadError] = []
    visited: set[tuple[int, int]] = set()

    def listed(folder: str) -> Iterator[os.DirEntry[str]]:
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in visited:
                return iter(())
            visited.add((info.st_dev, info.st_ino))
            return iter(sorted(os.scandir(folder), key=attrgetter("name")))
        except OSError as exc:
            errors.append(LoadError(folder, os_reason(exc)))
            return iter(())

    walking = [listed(path)]  # depth first: a folder's files where its name sorts among its siblings
    while walking:
        entry = next(walking[-1], None)
        if entry is None:
            walking.pop()
        elif (name := entry.name)[0] != ".":
            try:
                is_folder = entry.is_dir()  # through a symlink: a broken or looping one is not a folder
            except OSError:
                is_folder = False
            if is_folder:
                walking.append(listed(entry.path))
            # ``_suffix`` inline (a tenth of the walk): a name that does not start with a dot has one before its suffix
            elif (dot := name.rfind(".")) > 0 and (suffix := name[dot:].lower()) in SUFFIX_KINDS:
                files.append(entry.path)
                if suffix in HTML_SUFFIXES:
                    pages.append(entry.path)
    return files, pages, errors, os.path.abspath(path)


def _suffix(path: str) -> str:
    """The lower-cased suffix of a file name or path, as ``os.path.splitext`` finds it
    (none for a name that is only dots before it), in a fraction of its time."""
    name = path[path.rfind(os.sep) + 1 :]
    dot = name.rfind(".")
    if dot <= 0 or not name[:dot].strip("."):
        return ""
    return name[dot:].lower()


def _html(fetched: Fetched) -> str | bytes:
    """Text if the server named a charset we can use; else bytes, for trafilatura to sniff."""
    if fetched.charset:
        try:
            return decode(fetched)
        except Unreadable:
            pass
    return fetched.body


def _read_pages(
    paths: list[str], remembered: Remembered | None, jobs: int, walked: str | None
) -> Iterator[list[tuple[str, Article | Unreadable]]]:
    """Saved web pages, looked up and extracted together (``core.ingest.pages``); none: nothing imported."""
    if not paths:
        return iter(())
    from core.ingest.pages import read_pages

    return read_pages(paths, remembered, jobs, walked)


def _xml(data: bytes, network: Network, path: str | None = None, in_opml: bool = False) -> LoadResult:
    from core.ingest.feeds import feed_entries, is_feed
    from core.ingest.opml import is_opml, opml_feed_urls

    if is_opml(data):
        if in_opml:  # a list that names lists (or itself) is not followed
            raise Unreadable("an OPML list, not a feed")
        return _opml(opml_feed_urls(data), network)
    if not is_feed(data):
        raise Unreadable("XML that is not an RSS, Atom or OPML feed")
    return LoadResult(_with_pages(feed_entries(data, path=path), network))


def _opml(urls: list[str], network: Network) -> LoadResult:
    result = LoadResult()
    with ThreadPoolExecutor(PAGE_WORKERS) as pool:
        outcomes = pool.map(lambda u: _attempt(load_url, u, network, in_opml=True), urls)
        for url, outcome in zip(urls, outcomes):
            if isinstance(outcome, Unreadable):
                result.errors.append(LoadError(url, str(outcome)))
            else:
                result.articles += outcome.articles
                result.errors += outcome.errors
    return result


def _with_pages(entries: list[FeedEntry], network: Network) -> list[Article]:
    """The entries' articles, with the full page in place of a bare summary when
    asked for and available; a page that cannot be had leaves the summary."""
    if not network.full_pages:
        return [e.article for e in entries]
    wanted = [e for e in entries if e.summary_only and e.article.url]
    with ThreadPoolExecutor(PAGE_WORKERS) as pool:
        pages = dict(zip((id(e) for e in wanted), pool.map(lambda e: _page(e.article, network), wanted)))
    return [pages.get(id(e)) or e.article for e in entries]


def _page(entry: Article, network: Network) -> Article | None:
    fetched = _attempt(network.fetcher.get, entry.url)
    if isinstance(fetched, Unreadable) or fetched.kind != HTML:
        return None
    from core.ingest.html import page_article

    page = _attempt(page_article, _html(fetched), url=fetched.url)
    if isinstance(page, Unreadable) or len(page.text) <= len(entry.text):
        return None
    title = entry.title or page.title
    return replace(
        page,
        id=article_id(title, page.text),
        title=title,
        author=page.author or entry.author,
        date=page.date or entry.date,
        site=entry.site or page.site,
    )


def _attempt(function, *args, **kwargs):
    """The function's result, or the ``Unreadable`` it raised (for thread pools)."""
    try:
        return function(*args, **kwargs)
    except Unreadable as exc:
        return exc
