"""Plain text and Markdown files: the first non-empty line is the title."""

from __future__ import annotations

import re

from core.ingest.base import Unreadable, article_id, first_words
from core.ingest.clean import clean_line, split_title
from core.model import Article

MAX_TITLE = 300  # characters; a longer first line is the start of the text

# Patterns, compiled (and kept by ``re``) when the first Markdown file is read: a
# folder of plain text files, or the app's first paint, does not wait for them.
_MD_IMAGE = r"!\[([^\]]*)\]\([^)]*\)"
_MD_LINK = r"\[([^\]]+)\]\([^)]*\)"
# Line-level marks match spaces and tabs only ([ \t], not \s): \s would eat the
# newline before or after the mark and merge paragraphs.
_MD_HEADING = r"(?m)^[ \t]{0,3}#{1,6}[ \t]+"
_MD_EMPHASIS = r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"
_MD_RULE = r"(?m)^[ \t]{0,3}([-*_])([ \t]*\1){2,}[ \t]*$"
_MD_QUOTE = r"(?m)^[ \t]{0,3}>[ \t]?"


def text_article(raw: str, *, path: str | None = None, url: str | None = None, markdown: bool = False) -> Article:
    """The article in a text file or page; ``Unreadable`` if it is empty."""
    if markdown:
        raw = markdown_to_text(raw)
    title, body = split_title(raw)
    if not title:
        raise Unreadable("the file is empty" if url is None else "the page is empty")
    if len(title) > MAX_TITLE:  # one long paragraph, not a title line: all of it is the text
        title, body = first_words(title), f"{title}\n{body}".rstrip("\n")
    return Article(id=article_id(title, body), title=title, text=body, path=path, url=url and clean_line(url))


def markdown_to_text(source: str) -> str:
    """Reduce Markdown to the prose a reader wants: no marks, links as their words."""
    text = re.sub(_MD_IMAGE, r"\1", source)
    text = re.sub(_MD_LINK, r"\1", text)
    text = re.sub(_MD_HEADING, "", text)
    text = re.sub(_MD_RULE, "", text)
    text = re.sub(_MD_QUOTE, "", text)
    return re.sub(_MD_EMPHASIS, r"\2", text)
