"""HTML fragments (feed summaries, JSON bodies) reduced to paragraphs of text.

Whole pages go through trafilatura (``core.html_source``); a fragment has no
menus to remove, so here every tag is dropped, block tags become paragraph
breaks and scripts and styles vanish with their content.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from core.clean import clean_text

_BLOCKS = {
    "p", "div", "section", "article", "blockquote", "li", "ul", "ol", "dl", "dt", "dd",
    "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "tr", "figure", "figcaption",
    "header", "footer", "aside", "hr",
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
