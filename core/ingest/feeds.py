"""RSS, Atom and RDF feeds: each entry one article."""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from core.ingest.base import Unreadable, article_id, first_words, xml_root
from core.ingest.clean import clean_line, clean_text
from core.ingest.html import fragment_to_text
from core.model import Article

_FEED_ROOTS = ("rss", "feed", "rdf", "channel")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    article: Article
    # The feed gave only a summary: the full page is worth fetching if asked.
    summary_only: bool


def is_feed(data: bytes) -> bool:
    """Whether the document's root element is a feed's."""
    return xml_root(data) in _FEED_ROOTS


def feed_entries(data: bytes, *, path: str | None = None) -> list[FeedEntry]:
    """Every entry of the feed as an article; ``Unreadable`` if it is not a feed."""
    import feedparser  # only when a feed is opened
    import feedparser.api

    # Expat only, the parser tests/test_bounded.py proves expands no entities; feedparser
    # would otherwise try libxml2's SAX driver first, a failed import (a path search) per feed.
    feedparser.api.PREFERRED_XML_PARSERS = []
    # A stream, because feedparser treats a str as an address to fetch and would
    # even try bytes as a file name before parsing them.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        if parsed.bozo and not parsed.feed:
            # Drop expat's "<unknown>:line:col:" (feedparser's line numbers are off by one).
            reason = re.sub(r"^<unknown>:\d+:\d+:\s*", "", str(parsed.get("bozo_exception", "")))
            reason = reason.strip() or "malformed"
            raise Unreadable(f"not a readable feed ({reason})")
        raise Unreadable("the feed has no entries")
    site = _line(parsed.feed, "title") or _host(parsed.feed.get("link"))
    entries = []
    for entry in parsed.entries:
        found = _entry(entry, site, path)
        if found is not None:
            entries.append(found)
    if not entries:
        raise Unreadable("no entry in the feed has a title or text")
    return entries


def _entry(entry: dict, site: str | None, path: str | None) -> FeedEntry | None:
    content = [c for c in entry.get("content", ()) if c.get("value", "").strip()]
    if content:
        body, kind = content[0]["value"], content[0].get("type", "text/html")
    else:
        body, kind = entry.get("summary", ""), entry.get("summary_detail", {}).get("type", "text/html")
    text = fragment_to_text(body) if _is_html(kind) else clean_text(body)
    title = _line(entry, "title") or first_words(text)
    if not title:
        return None
    url = clean_line(entry.get("link", "")) or None
    article = Article(
        id=article_id(title, text),
        title=title,
        text=text,
        path=path,
        url=url,
        author=clean_line(entry.get("author", "")) or None,
        date=_date(entry),
        site=site or _host(url),
    )
    return FeedEntry(article, summary_only=not content)


def _is_html(media_type: str) -> bool:
    """What the feed declares: HTML (or XHTML) is converted to text; plain text is kept as written."""
    return "html" in media_type


def _line(element: dict, key: str) -> str:
    """A one-line field (a title) as text, converted from HTML if the feed says it is HTML."""
    value = element.get(key, "")
    if _is_html(element.get(f"{key}_detail", {}).get("type", "text/plain")):
        return clean_line(fragment_to_text(value))
    return clean_line(value)


def _date(entry: dict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    return clean_line(entry.get("published") or entry.get("updated") or "") or None


def _host(url: str | None) -> str | None:
    return urlsplit(url).hostname if url else None
