"""Which reader an input goes to: by file suffix for local files, by the
server's content type (checked against the content itself) for URLs.

Feeds listed in OPML files, and full pages for feed entries that carry only
a summary, are fetched here; each feed that fails becomes a ``LoadError``
and the others still open.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from core import fetch
from core.clean import clean_line, split_title
from core.feeds import FEED, OPML, FeedEntry, feed_entries, opml_feed_urls, xml_kind
from core.fetch import Fetched, Fetcher, decode
from core.html_source import page_article
from core.json_source import json_articles
from core.loading import (
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    JSON_SUFFIXES,
    Unreadable,
    article_id,
    read_bytes,
)
from core.model import Article, LoadError, LoadResult

PAGE_WORKERS = 6  # full pages fetched at once; kind to servers, quick for users


@dataclass(slots=True)
class Network:
    """How to reach the network during one load."""

    fetcher: Fetcher = field(default_factory=Fetcher)
    # Fetch the page of a feed entry that carries only a summary.
    full_pages: bool = False


def load_path(path: Path, network: Network) -> LoadResult:
    """A local HTML, JSON, feed or OPML file."""
    data = read_bytes(path)
    suffix = path.suffix.lower()
    source = str(path)
    if suffix in HTML_SUFFIXES:
        return LoadResult([page_article(data, path=source)])
    if suffix in FEED_SUFFIXES:
        return _xml(data, network, path=source)
    assert suffix in JSON_SUFFIXES
    return json_articles(_utf8(data), path=source)


def load_url(url: str, network: Network, *, in_opml: bool = False) -> LoadResult:
    """An article page, feed, OPML list, JSON export or plain text at ``url``."""
    fetched = network.fetcher.get(url)
    if fetched.kind == fetch.FEED or xml_kind(fetched.body):  # feeds sent as HTML too
        return _xml(fetched.body, network, in_opml=in_opml)
    if fetched.kind == fetch.HTML:
        return LoadResult([page_article(_html(fetched), url=fetched.url)])
    if fetched.kind == fetch.JSON:
        return json_articles(decode(fetched))
    title, body = split_title(decode(fetched))
    if not title:
        raise Unreadable("the page is empty")
    return LoadResult([Article(article_id(title, body), title, body, url=clean_line(fetched.url))])


def _html(fetched: Fetched) -> str | bytes:
    """Text if the server named a charset we can use; else bytes, for trafilatura to sniff."""
    if fetched.charset:
        try:
            return decode(fetched)
        except Unreadable:
            pass
    return fetched.body


def _xml(data: bytes, network: Network, path: str | None = None, in_opml: bool = False) -> LoadResult:
    kind = xml_kind(data)
    if kind == OPML:
        if in_opml:  # a list that names lists (or itself) is not followed
            raise Unreadable("an OPML list, not a feed")
        return _opml(opml_feed_urls(data), network)
    if kind != FEED:
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
    if isinstance(fetched, Unreadable) or fetched.kind != fetch.HTML:
        return None
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


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not valid UTF-8 text (byte {exc.start})") from None
