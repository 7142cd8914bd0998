"""Articles from JSON and JSON-lines exports, whatever the exporter called its fields.

An id the export gives is kept (so ids stay what scripts expect); otherwise
the id is made from the title and text, as for every other input.

A JSON file may hold one article, a list of them, or an object with the list
under a usual key ("articles", "items", ...). Fields are found under their
common names; bodies that are HTML are reduced to text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from core.ingest.base import (
    MAX_ARTICLE_BYTES,
    Unreadable,
    article_id,
    first_words,
    megabytes,
    os_reason,
    regular_file,
)
from core.ingest.clean import clean_line, clean_text
from core.ingest.deferred import DeferredArticle
from core.ingest.html import fragment_to_text, looks_like_html
from core.model import Article, CarriedAnalysis, LoadError, LoadResult

LIST_KEYS = ("articles", "items", "entries", "posts", "stories", "results", "data", "docs")
TITLE_KEYS = ("title", "headline", "name")
TEXT_KEYS = (
    "text",
    "body",
    "content",
    "content_text",
    "full_text",
    "article",
    "content_html",
    "description",
    "summary",
)
URL_KEYS = ("url", "link", "href", "permalink", "external_url")
DATE_KEYS = (
    "date",
    "published",
    "published_at",
    "date_published",
    "datePublished",
    "pubDate",
    "publishedAt",
    "created_at",
    "time",
)
TOO_DEEP = "nested too deeply to be an article export"
# Fields are read this deep into nested objects and lists, no deeper.
FIELD_DEPTH = 4
AUTHOR_KEYS = ("author", "byline", "authors", "creator", "by")
# Articles of a JSON-lines file handed on at once: the first are listed while
# the rest are read. The first chunk is small, each next one twice as large, up to
# a tenth of a second's reading: the loader steps aside for the user between two chunks.
FIRST_JSONL_CHUNK, JSONL_CHUNK = 100, 250
# Bytes read from a file at once: a read lets the UI thread take the interpreter,
# which it may keep for milliseconds, so lines of a few kilobytes are not read one by one.
READ_BUFFER = 1024 * 1024
SITE_KEYS = ("source", "site", "site_name", "publisher", "source_name", "feed", "domain")


def json_articles(raw: str, *, path: str | None = None) -> LoadResult:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and exc.lineno > 1:
            return jsonl_articles(raw, path=path)  # JSON lines under a .json name
        raise Unreadable(f"not valid JSON (line {exc.lineno}: {exc.msg.lower()})") from None
    except RecursionError:
        raise Unreadable(TOO_DEEP) from None
    site = None
    if isinstance(data, dict):
        listed = next((data[k] for k in LIST_KEYS if isinstance(data.get(k), list)), None)
        if listed is not None:
            site = _text_field(data, ("title", "name", *SITE_KEYS))
            data = listed
        else:
            data = [data]
    if not isinstance(data, list):
        raise Unreadable("no articles in the file (expected a list of objects with a text field)")
    result = LoadResult()
    for record in data:
        article = record_article(record, path=path, site=site)
        if article is not None:
            _keep(result, article, record)
    if not result.articles:
        raise Unreadable("no articles in the file (no object has a text, body or content field)")
    return result


def jsonl_articles(raw: str, *, path: str | None = None) -> LoadResult:
    """One article per line. A bad line is reported with its number and the
    good lines still open: one broken record should not hide ten thousand."""
    return whole(_jsonl(enumerate(raw.splitlines(), 1), path))


def jsonl_file_articles(path: Path, chunk: int = JSONL_CHUNK) -> Iterator[LoadResult]:
    """A JSON-lines file read one line at a time, so an archive of any size opens,
    ``chunk`` articles at a time, so the first are listed while the rest are read;
    each line is held to the ceiling per article."""
    regular_file(path)
    try:
        with path.open("rb", buffering=READ_BUFFER) as stream:
            yield from _jsonl(_decoded_lines(stream, str(path)), str(path), chunk)
    except OSError as exc:
        raise Unreadable(os_reason(exc)) from None


def _decoded_lines(stream: BinaryIO, name: str) -> Iterator[tuple[int, str | LoadError]]:
    """Numbered lines as text, or why a line cannot be read (too long, not UTF-8)."""
    for number, line in enumerate(iter(lambda: stream.readline(MAX_ARTICLE_BYTES + 1), b""), 1):
        if len(line) > MAX_ARTICLE_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(1024 * 1024)) and not rest.endswith(b"\n"):
                pass  # the rest of the line, skipped without holding it
            limit = megabytes(MAX_ARTICLE_BYTES)
            yield number, LoadError(name, f"line {number} is too long (over {limit}; the limit is {limit} per article)")
            continue
        try:
            yield number, line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield number, LoadError(name, f"line {number} is not valid UTF-8 (byte {exc.start})")


def whole(chunks: Iterable[LoadResult]) -> LoadResult:
    """Chunks of one input as one result (the first analysis of an id wins, as in loading)."""
    result = LoadResult()
    for chunk in chunks:
        result.articles += chunk.articles
        result.errors += chunk.errors
        for found_id, carried in chunk.analyses.items():
            result.analyses.setdefault(found_id, carried)
    return result


def _jsonl(
    lines: Iterable[tuple[int, str | LoadError]], path: str | None, chunk: int | None = None
) -> Iterator[LoadResult]:
    """What the lines hold, up to ``chunk`` articles at a time (all at once if
    None); a file with no article and no error is unreadable."""
    result, given = LoadResult(), False
    due = min(FIRST_JSONL_CHUNK, chunk or 0)
    for number, line in lines:
        if isinstance(line, LoadError):
            result.errors.append(line)
            continue
        if not line.strip():
            continue
        record, carried = _analyze_line(line)
        if carried is not None and (article := _analysed_article(record, path)) is not None:
            result.articles.append(article)
            result.analyses.setdefault(article.id, carried)
        else:
            if record is None:
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    result.errors.append(LoadError(path or "input", f"line {number} is not JSON ({exc.msg.lower()})"))
                    continue
                except RecursionError:
                    result.errors.append(LoadError(path or "input", f"line {number}: {TOO_DEEP}"))
                    continue
            article = record_article(record, path=path)
            if article is None:
                result.errors.append(LoadError(path or "input", f'line {number} has no "text" string'))
                continue
            _keep(result, article, record, carried)
        if chunk is not None and len(result.articles) >= due:
            yield result
            result, given, due = LoadResult(), True, min(2 * due, chunk)
    if not (given or result.articles or result.errors):
        raise Unreadable("no articles in the file")
    if result.articles or result.errors:
        yield result


# A ``newsreader analyze`` line: these fields, then the analysis, then what made it.
_HEAD_KEYS = {"id", "title", "path", "url", "author", "date", "site", "text"}
_ANALYSIS_KEY = ', "entities": ['
_STAMP_KEY = ', "model": '
_QUOTES_KEY = ', "quotes": ['


def _analyze_line(line: str) -> tuple[dict[str, Any] | None, CarriedAnalysis | None]:
    """An ``analyze`` line read without parsing its analysis (most of its bytes),
    or (None, None) if it is not exactly one. The keys searched for cannot occur
    inside a JSON string, whose quotes are escaped; with only plain fields before
    them, the first is the record's own."""
    at = line.find(_ANALYSIS_KEY)
    start = at + len(_ANALYSIS_KEY)
    end = line.rfind(_STAMP_KEY, start) if at >= 0 else -1
    if end < 0:
        return None, None
    # Found by position and counted in place: only the head and the analysis are copied.
    try:
        record, made = json.loads(line[:at] + "}"), json.loads('{"model": ' + line[end + len(_STAMP_KEY) :])
    except (json.JSONDecodeError, RecursionError):  # a deep one is the full parse's to report
        return None, None
    if record.keys() != _HEAD_KEYS or made.keys() != {"model", "extractor"}:
        return None, None
    if not all(value is None or isinstance(value, str) for value in record.values()):
        return None, None
    quotes = line.rfind(_QUOTES_KEY, start, end)  # the last list, and the shorter: found from the end
    quotes = end if quotes < 0 else quotes
    carried = CarriedAnalysis(
        '{"entities": [' + line[start:end] + "}",
        line.count('"label": ', start, quotes),  # each entity has a label, each quote a source kind
        line.count('"source_kind": ', quotes, end),
        _string_or_none(made["model"]),
        _string_or_none(made["extractor"]),
    )
    return record, carried


def _analysed_article(record: dict[str, Any], path: str | None) -> Article | None:
    """The article of an ``analyze`` line, its text cleaned when first read
    (see ``core.ingest.deferred``), or None if it needs the general reading."""
    given_id, title, body = record["id"], record["title"], record["text"]
    if not (given_id and title and body and body.strip()) or looks_like_html(body):
        return None
    return DeferredArticle(
        id=clean_line(given_id),
        title=_line(title) or first_words(clean_text(body)),
        text=body,
        path=path,
        url=_line(record["url"]),  # the record has these fields and no other (see ``_analyze_line``)
        author=_line(record["author"]),
        date=_line(record["date"]),
        site=_line(record["site"]),
    )


def _line(value: str | None) -> str | None:
    """A string field as one clean line, or None if it is empty or null."""
    return (clean_line(value) or None) if value else None


def _keep(result: LoadResult, article: Article, record: dict[str, Any], carried: CarriedAnalysis | None = None) -> None:
    """Add the article, and the analysis its record carries (an ``analyze`` line)
    if its offsets can index the text as loaded; the first record of an id wins,
    as in loading."""
    result.articles.append(article)
    if article.id in result.analyses or article.text != record.get("text"):
        return
    if carried is None:
        entities, quotes = record.get("entities"), record.get("quotes")
        if not (isinstance(entities, list) and isinstance(quotes, list)):
            return
        made = {"entities": entities, "quotes": quotes}
        stamp = _string_or_none(record.get("model")), _string_or_none(record.get("extractor"))
        carried = CarriedAnalysis(made, len(entities), len(quotes), *stamp)
    result.analyses[article.id] = carried


def _string_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def record_article(record: Any, *, path: str | None = None, site: str | None = None) -> Article | None:
    """The article in one JSON object, or None if it has no text."""
    if not isinstance(record, dict):
        return None
    body = next((v for k in TEXT_KEYS if isinstance(v := record.get(k), str) and v.strip()), None)
    if body is None:
        return None
    text = fragment_to_text(body) if looks_like_html(body) else clean_text(body)
    if not text:
        return None
    title = _text_field(record, TITLE_KEYS) or ""
    given_id = record.get("id")
    return Article(
        id=clean_line(str(given_id)) if given_id not in (None, "") else article_id(title, text),
        title=title or first_words(text),
        text=text,
        path=path,
        url=_text_field(record, URL_KEYS),
        author=_text_field(record, AUTHOR_KEYS),
        date=_text_field(record, DATE_KEYS),
        site=_text_field(record, SITE_KEYS) or site,
    )


def _text_field(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = _as_text(record[key]) if key in record else None  # most keys are absent: ten thousand records
        if value:
            return value
    return None


def _as_text(value: Any, depth: int = FIELD_DEPTH) -> str | None:
    """A field as one clean line: names inside objects, lists joined with commas."""
    if isinstance(value, str):
        return clean_line(value) or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if depth == 0:
        return None
    if isinstance(value, dict):
        return _as_text(value.get("name") or value.get("title"), depth - 1)
    if isinstance(value, list):
        names = [n for n in (_as_text(item, depth - 1) for item in value) if n]
        return ", ".join(names) or None
    return None
