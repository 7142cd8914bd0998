"""Turn what the user names on the command line into articles.

Each input is read on its own: one that cannot be read becomes a
``LoadError`` with the reason in plain words, and the rest still open.
Nothing here writes to the user's files.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from core.clean import clean_line, clean_text, split_title
from core.model import Article, LoadError, LoadResult

# The bundled sample articles, installed beside the packages.
SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"

MAX_FILE_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
LOADABLE_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES


class Unreadable(Exception):
    """An input we cannot turn into an article; the message is the reason."""


def article_id(title: str, text: str) -> str:
    """Same title and text, same id: the same article from two places is one."""
    return hashlib.blake2b(f"{title}\n{text}".encode(), digest_size=8).hexdigest()


def load(sources: Iterable[str]) -> LoadResult:
    """Load every named file or folder; collect the failures instead of raising."""
    result = LoadResult()
    seen: set[str] = set()
    for source in sources:
        for item in _expand(source, result):
            try:
                articles = list(load_file(item))
            except Unreadable as exc:
                result.errors.append(LoadError(str(item), str(exc)))
                continue
            for article in articles:
                if article.id not in seen:
                    seen.add(article.id)
                    result.articles.append(article)
    return result


def _expand(source: str, result: LoadResult) -> Iterator[Path]:
    path = Path(source).expanduser()
    if path.is_dir():
        try:
            files = sorted(
                p for p in path.rglob("*")
                if p.suffix.lower() in LOADABLE_SUFFIXES and not _hidden(p, path)
            )
        except OSError as exc:
            result.errors.append(LoadError(source, _os_reason(exc)))
            return
        yield from files
    else:
        yield path


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def load_file(path: Path) -> list[Article]:
    """Read one file as articles; raise ``Unreadable`` with the reason."""
    raw = read_text(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return list(_jsonl_articles(raw, path))
    if suffix in {".md", ".markdown"}:
        raw = markdown_to_text(raw)
    title, body = split_title(raw)
    if not title:
        raise Unreadable("the file is empty")
    return [Article(id=article_id(title, body), title=title, text=body, path=str(path))]


def read_text(path: Path) -> str:
    """Read a regular, reasonably sized UTF-8 text file, or say why not."""
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
        data = path.read_bytes()
    except OSError as exc:
        raise Unreadable(_os_reason(exc)) from None
    if b"\x00" in data[:8192]:
        raise Unreadable("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not valid UTF-8 text (byte {exc.start})") from None


def _os_reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _jsonl_articles(raw: str, path: Path) -> Iterator[Article]:
    """One article per line: {"id", "title", "text"}; the text is kept as given."""
    found = False
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise Unreadable(f"line {number} is not JSON ({exc.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise Unreadable(f'line {number} has no "text" string')
        text = clean_text(record["text"])
        title = clean_line(str(record.get("title") or ""))
        found = True
        yield Article(
            id=str(record.get("id") or article_id(title, text)),
            title=title or _first_words(text),
            text=text,
            path=str(path),
            url=_opt(record.get("url")),
            author=_opt(record.get("author")),
            date=_opt(record.get("date")),
            site=_opt(record.get("site")),
        )
    if not found:
        raise Unreadable("no articles in the file")


def _opt(value: object) -> str | None:
    return clean_line(str(value)) or None if value else None


def _first_words(text: str, limit: int = 60) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "…"


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$", re.MULTILINE)
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?", re.MULTILINE)


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
