"""What every reader of inputs shares: the error they raise, article ids, byte
reading, and the kinds an input can be. Imports nothing else from ingest."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

# The bundled sample articles, installed beside the packages.
SEEDS_DIR = Path(__file__).resolve().parent.parent.parent / "seeds"

MAX_FILE_BYTES = 20 * 1024 * 1024

# What an input is. Files are told by suffix, addresses by the media type the
# server sends (checked against the content): see core.ingest.dispatch.
TEXT, MARKDOWN, HTML, XML, JSON, JSONL = "text", "markdown", "html", "xml", "json", "jsonl"
SUFFIX_KINDS = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    # Feeds and OPML lists of feeds: which one is read from the root element.
    ".xml": XML,
    ".rss": XML,
    ".atom": XML,
    ".rdf": XML,
    ".opml": XML,
    ".json": JSON,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
}


_XML_ROOT = re.compile(rb"<(?![?!])\s*([A-Za-z][\w.-]*:)?([A-Za-z][\w.-]*)")
_XML_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)


class Unreadable(Exception):
    """An input we cannot turn into an article; the message is the reason."""


def article_id(title: str, text: str) -> str:
    """Same title and text, same id: the same article from two places is one."""
    return hashlib.blake2b(f"{title}\n{text}".encode(), digest_size=8).hexdigest()


def is_url(name: str) -> bool:
    return name.lower().startswith(("http://", "https://"))


def missing_paths(inputs: Iterable[str]) -> list[str]:
    """The local paths named that do not exist (addresses are not checked here)."""
    return [name for name in inputs if not is_url(name) and not os.path.lexists(Path(name).expanduser())]


def first_words(text: str, limit: int = 60) -> str:
    """A title for an article that came without one."""
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "…"


def read_bytes(path: Path) -> bytes:
    """Read a regular, reasonably sized file, or say why not."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise Unreadable("no such file or folder") from None
    except OSError as exc:
        raise Unreadable(os_reason(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable("not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise Unreadable(f"too large ({info.st_size // (1024 * 1024)} MB; the limit is 20 MB)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise Unreadable(os_reason(exc)) from None


def read_text(path: Path) -> str:
    """Read a regular, reasonably sized UTF-8 text file, or say why not."""
    data = read_bytes(path)
    if b"\x00" in data[:8192]:
        raise Unreadable("binary file, not text")
    return decode_utf8(data)


def decode_utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not valid UTF-8 text (byte {exc.start})") from None


def os_reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def xml_root(data: bytes) -> str:
    """The lower-case name of an XML document's first element ("rss", "opml"), or ""."""
    match = _XML_ROOT.search(_XML_COMMENT.sub(b"", data[:4096]))
    return match.group(2).decode("ascii", "replace").lower() if match else ""
