"""A saved or fetched web page reduced to its article: trafilatura finds the main
text and drops menus, scripts, cookie banners, comments and related links."""

from __future__ import annotations

import logging

from core.clean import clean_line, clean_text
from core.loading import Unreadable, article_id
from core.model import Article

# trafilatura reports pages it cannot use through logging; we report them as
# LoadErrors instead, and a stray warning on stderr would scribble on the UI.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())
logging.getLogger("trafilatura").propagate = False


def page_article(html: str | bytes, *, path: str | None = None, url: str | None = None) -> Article:
    """The article on the page; ``Unreadable`` if there is no article text on it."""
    import trafilatura  # heavy (lxml, date parsing): only when a page is opened

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
        )
    except (ValueError, TypeError) as exc:
        raise Unreadable(f"not a readable web page ({exc})") from None
    if doc is None or not (doc.text or "").strip():
        raise Unreadable("no article text found on the page")
    title = clean_line(doc.title or "")
    # One paragraph per line in trafilatura's text; blank lines between them here.
    text = clean_text((doc.text or "").replace("\n", "\n\n"))
    first, _, rest = text.partition("\n\n")
    if title and clean_line(first) == title:
        text = rest
    if not title:
        title, _, text = text.partition("\n\n")
    if not text:
        raise Unreadable("no article text found on the page")
    return Article(
        id=article_id(title, text),
        title=title,
        text=text,
        path=path,
        url=clean_line(doc.url or url or "") or None,
        author=clean_line(doc.author or "") or None,
        date=clean_line(doc.date or "") or None,
        site=clean_line(doc.sitename or doc.hostname or "") or None,
    )
