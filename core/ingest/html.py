"""HTML: a whole page reduced to its article by trafilatura (menus, scripts,
banners, comments and related links dropped), and HTML fragments (feed
summaries, JSON bodies) reduced to paragraphs of text."""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

from core.ingest.base import Unreadable, article_id
from core.ingest.clean import clean_line, clean_text
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
    except RecursionError:
        raise Unreadable("not a readable web page (nested too deeply)") from None
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


# -- fragments: no menus to remove, so every tag is dropped, block tags become
# paragraph breaks, and scripts and styles vanish with their content.

_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "blockquote",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "table",
    "tr",
    "figure",
    "figcaption",
    "header",
    "footer",
    "aside",
    "hr",
}
_HIDDEN = {"script", "style", "noscript", "template", "iframe", "svg", "head", "object"}
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?>")
_HTML_TAGS = _BLOCKS | _HIDDEN | {"br", "a", "em", "strong", "b", "i", "span", "img"}


def looks_like_html(text: str) -> bool:
    """Whether a field holds markup rather than prose that mentions a '<'."""
    return any(m.group(1).lower() in _HTML_TAGS for m in _TAG.finditer(text[:5000]))


def fragment_to_text(html: str) -> str:
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return clean_text("".join(parser.parts))


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(_SPACE.sub(" ", data))
