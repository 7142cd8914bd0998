"""What every reader of inputs shares: the error they raise, article ids, byte
reading, and the kinds an input can be. Imports nothing else from ingest."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from core.model import failure_reason

# The bundled sample articles, installed beside the packages.
SEEDS_DIR = Path(__file__).resolve().parent.parent.parent / "seeds"

# The ceiling per article: a file read whole, or one record of a JSON-lines
# file (which is streamed, so the file itself may be any size). Below it
# nothing is dropped: long articles are analysed in pieces (core.pieces).
MAX_ARTICLE_BYTES = 50 * 1024 * 1024
MAX_FILE_BYTES = MAX_ARTICLE_BYTES

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


def regular_file(path: Path) -> os.stat_result:
    """The file's details if it is a regular file (through symlinks), else why it is not
    read: a FIFO, socket or device is never opened (it could block or have effects)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise Unreadable("no such file or folder") from None
    except OSError as exc:
        raise Unreadable(os_reason(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _SPECIAL_FILES if test(info.st_mode)), "not a regular file")
        raise Unreadable(kind if kind == "not a regular file" else f"not a regular file ({kind}): skipped")
    return info


_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def read_bytes(path: Path) -> bytes:
    """Read a regular file up to the ceiling per article, or say why not."""
    size = regular_file(path).st_size
    if size > MAX_FILE_BYTES:
        raise Unreadable(f"too large ({megabytes(size)}; the limit is {megabytes(MAX_FILE_BYTES)} per article)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise Unreadable(os_reason(exc)) from None


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size:,} bytes"


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


def reader_failure(exc: Exception) -> str:
    """Why an input is unread when its reader failed on it (its bug, not the input's fault)."""
    if isinstance(exc, RecursionError):
        return "nested too deeply to read"
    return f"could not be read ({failure_reason(exc)})"


def xml_root(data: bytes) -> str:
    """The lower-case name of an XML document's first element ("rss", "opml"), or ""."""
    match = _XML_ROOT.search(_XML_COMMENT.sub(b"", data[:4096]))
    return match.group(2).decode("ascii", "replace").lower() if match else ""
