"""Saved web pages are read once. Extracting an article from a page with
trafilatura costs tens of milliseconds, so what came out of a file is
remembered by the file's identity (path, size, modification time) and the
extractor's version, and a second launch on a folder of ten thousand pages
only looks them up. Pages not seen before are extracted in parallel
processes. Where the results are kept is the caller's business (``Remembered``:
the app passes an SQLite store beside its analysis cache).

A page looked up is listed by its title and details alone (``RememberedPage``):
its text, forty megabytes for ten thousand pages, is read when the article is
first opened, indexed or analysed, and its analysis is found by the digest
remembered with it, without the text.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from core.ingest.base import Unreadable, os_reason, read_bytes, reader_failure
from core.model import Article, text_digest

if TYPE_CHECKING:  # imported when there are pages to extract: a folder of text files does without
    from concurrent.futures import Future, ProcessPoolExecutor

CHUNK = 64  # pages looked up (and remembered) at once
POOL_FROM = 8  # fewer new pages than this are extracted in this process: starting workers costs more


class FileIdentity(NamedTuple):
    """A file as it is now: a change of size or modification time is a new file.
    A tuple: made and hashed several times for each of ten thousand pages, a frozen
    dataclass cost a tenth of the lookup of them all."""

    path: str
    size: int
    mtime_ns: int


# A ``FileIdentity`` made in C: the class's own ``__new__`` is Python, a third of the time of making one,
# and one is made for each page listed and for each page of a folder's listing (``Remembered.listing``).
file_identity = partial(tuple.__new__, FileIdentity)

# What was extracted: the article, or why the page has none (the same bytes give the same answer).
Extracted = Article | str


class Texts(Protocol):
    def text(self, article_id: str) -> bytes | None:
        """The UTF-8 text of the remembered article of this id, or None if it is no longer there."""
        ...


class Remembered(Texts, Protocol):
    def recall(self, files: Sequence[FileIdentity], version: str) -> dict[FileIdentity, Extracted]:
        """What was extracted from these files as they are now: articles are ``RememberedPage``s."""
        ...

    def remember(self, found: Sequence[tuple[FileIdentity, Extracted]], version: str) -> None: ...

    def listing(self, folder: str, version: str) -> dict[FileIdentity, Extracted]:
        """What the pages of a folder walked whole gave when it was last listed (``keep_listing``)."""
        ...

    def keep_listing(self, folder: str, version: str, found: Sequence[tuple[FileIdentity, Extracted]]) -> None:
        """Keep what every page of a folder walked whole gave, in place of its listing."""
        ...


class RememberedPage(Article):
    """A page's article as remembered: its title and details, and its text's length
    and digest; the text itself is read from ``texts`` when first asked for, then
    kept (in UTF-8, as ``core.packed`` keeps a text), and the corpus moves it aside
    once indexed. The id is made from the title and the text (``article_id``), so the
    text read by id is the one listed. Pickled (to an analysis process) as the plain article."""

    __slots__ = ("_texts", "_utf8", "_length", "_digest")

    def __init__(
        self,
        texts: Texts,
        length: int,
        digest: bytes,
        id: str,
        title: str,
        path: str | None = None,
        url: str | None = None,
        author: str | None = None,
        date: str | None = None,
        site: str | None = None,
    ) -> None:
        self.id, self.title = id, title
        self.path, self.url, self.author, self.date, self.site = path, url, author, date, site
        self._texts, self._utf8, self._length, self._digest = texts, None, length, digest

    @property  # type: ignore[override]
    def text(self) -> str:
        utf8 = self._utf8
        if utf8 is None:
            utf8 = self._utf8 = self._texts.text(self.id) or self._extracted_again()
        return utf8.decode("utf-8", "surrogatepass")

    def _extracted_again(self) -> bytes:
        """The text from the file, if the store lost it (another newsreader rebuilt it) and the page
        is unchanged; else a word saying so, with its own length and digest, so that no analysis of
        the text that was is looked up for it again."""
        try:
            again = extract(self.path) if self.path else None
        except Exception:  # a reader's bug: this text is lost, not the reader that asked for it
            again = None
        if isinstance(again, Article) and again.id == self.id:
            return again.text.encode("utf-8", "surrogatepass")
        self._length, self._digest = len(LOST), text_digest(LOST)
        return LOST.encode()

    def text_length(self) -> int:
        return self._length

    def known_digest(self) -> bytes:
        return self._digest

    def __reduce__(self) -> tuple[type[Article], tuple[str | None, ...]]:
        return Article, tuple(getattr(self, name) for name in Article.__match_args__)


LOST = "This page's text is no longer remembered and its file has changed since it was listed: open it again."


@cache
def extractor_version() -> str:
    """trafilatura's version and our extraction code: change either and pages are extracted again.
    The version is read from trafilatura's ``__init__.py``, which names it, without importing the
    package or ``importlib.metadata``: either costs more than a launch on remembered pages may."""
    import importlib.util

    spec = importlib.util.find_spec("trafilatura")
    digest = hashlib.blake2b(digest_size=6)
    if spec is not None and spec.origin:
        digest.update(Path(spec.origin).read_bytes())
    for name in ("html.py", "clean.py", "base.py"):
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


def read_pages(
    paths: Sequence[str], remembered: Remembered | None, jobs: int = 1, walked: str | None = None
) -> Iterator[list[tuple[str, Article | Unreadable]]]:
    """Each page's article (or why it has none), in order, remembered ones
    first looked up, new ones extracted in ``jobs`` processes: each run of
    pages ready at once (remembered, or unreadable), then each page extracted
    as it comes. A remembered article's path is the page's path as named now,
    as extracting it would give.

    ``walked``: the pages are those of this folder (absolute), walked whole. Its
    listing as last kept answers for every file unchanged since (one value read,
    not the store's rows page by page); the rest are looked up or extracted. It
    is read once the first chunk is handed on (the first titles wait for the
    rows of 64 pages, not for ten thousand), and once every page is read it is
    kept again if anything differs: a page new, changed, gone or no longer readable."""
    version = extractor_version() if remembered is not None and paths else ""
    pool: ProcessPoolExecutor | None = None
    folders: dict[str, str] = {}  # each folder named, made absolute (see ``_identities``)
    listed: dict[FileIdentity, Extracted] = {}
    unread = remembered is not None and walked is not None  # the listing, until it is read
    kept: list[tuple[FileIdentity, Extracted]] = []  # the listing to keep: each page remembered now
    looked_up = False  # a page the listing did not answer for

    def read_listing() -> tuple[dict[FileIdentity, Extracted], bool]:
        """The listing, and whether it lacks a page remembered before it was read."""
        assert remembered is not None and walked is not None
        listing = remembered.listing(walked, version)
        return listing, any(file not in listing for file, _ in kept)

    try:
        for start in range(0, len(paths), CHUNK):
            if unread and start:
                (listed, looked_up), unread = read_listing(), False
            chunk = paths[start : start + CHUNK]
            identities = _identities(chunk, folders)
            known, missing = listed, []  # a chunk of a folder unchanged since listed: nothing more to do
            files = [i for i in identities.values() if isinstance(i, FileIdentity)]
            new = [file for file in files if file not in listed] if listed else files
            if new:
                if remembered is not None:
                    known = {file: listed[file] for file in files if file in listed} | remembered.recall(new, version)
                    looked_up = True
                missing = [p for p in chunk if isinstance(identities[p], FileIdentity) and identities[p] not in known]
            if pool is None and jobs > 1 and len(missing) >= POOL_FROM:
                pool = _pool(jobs)
            fresh = _in_pool(pool, missing) if pool is not None else None
            if fresh is None:  # no pool, or one that broke: in this process
                fresh = map(extract, missing)
            found: list[tuple[FileIdentity, Extracted]] = []
            run: list[tuple[str, Article | Unreadable]] = []
            try:
                for path in chunk:
                    identity = identities[path]
                    if isinstance(identity, Unreadable):
                        run.append((path, identity))
                        continue
                    outcome = known.get(identity)
                    if outcome is not None:
                        if isinstance(outcome, str):
                            run.append((path, Unreadable(outcome)))
                        else:
                            outcome.path = path
                            run.append((path, outcome))
                        kept.append((identity, outcome))
                        continue
                    if run:
                        yield run
                        run = []
                    outcome = next(fresh)
                    if not isinstance(outcome, Unreadable):
                        found.append((identity, outcome))
                    yield [(path, Unreadable(outcome) if isinstance(outcome, str) else outcome)]
                if run:
                    yield run
            finally:  # also when the caller stops early: keep what was extracted
                if remembered is not None and found:
                    remembered.remember(found, version)
                    kept += ((file, _listed(outcome, remembered)) for file, outcome in found)
        if unread:  # one chunk: the listing read only to know whether it is the same
            (listed, looked_up), unread = read_listing(), False
        if remembered is not None and walked and (looked_up or len(kept) != len(listed)):
            remembered.keep_listing(walked, version, kept)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _listed(outcome: Extracted, texts: Texts) -> Extracted:
    """A page just extracted and remembered, as its listing keeps it: without its text, which
    the store has (the folder's texts held until its last page is read were 40 MB at 10,000)."""
    if isinstance(outcome, str):
        return outcome
    text = outcome.text
    details = (outcome.id, outcome.title, outcome.path, outcome.url, outcome.author, outcome.date, outcome.site)
    return RememberedPage(texts, len(text), text_digest(text), *details)


def _in_pool(pool: ProcessPoolExecutor, missing: list[str]) -> Iterator[Extracted | Unreadable] | None:
    """The pages' outcomes from the pool, in order (a page whose process was
    killed is unreadable, said so), or None if the pool is broken already."""
    from concurrent.futures import BrokenExecutor

    try:
        futures = [pool.submit(extract, path) for path in missing]
    except BrokenExecutor:
        return None

    def outcome(future: Future[Extracted | Unreadable]) -> Extracted | Unreadable:
        try:
            return future.result()
        except BrokenExecutor:
            return Unreadable("the process extracting it stopped (out of memory?)")

    return map(outcome, futures)


def _pool(jobs: int) -> ProcessPoolExecutor:
    from concurrent.futures import ProcessPoolExecutor

    from core.processes import process_context

    return ProcessPoolExecutor(jobs, mp_context=process_context())


def extract(path: str) -> Extracted | Unreadable:
    """One page (in a worker process): a file that cannot be read is not remembered, as it may become
    readable, nor is a page the reader failed on (its bug, which a fixed reader may not have). Raised,
    that failure ended the pages' reader, and every page after it in the folder went unread."""
    try:
        data = read_bytes(Path(path))
    except Unreadable as exc:
        return exc
    from core.ingest.html import page_article  # trafilatura's side, for pages not remembered

    try:
        return page_article(data, path=path)
    except Unreadable as exc:
        return str(exc)
    except Exception as exc:  # one page never stops the others
        return Unreadable(reader_failure(exc))


def _identities(paths: Sequence[str], folders: dict[str, str]) -> dict[str, FileIdentity | Unreadable]:
    """Each file as it is now, by its absolute path, in one pass. Strings, not ``Path``s: making
    ten thousand of them took longer than the ``stat`` calls; and each folder is made absolute
    once (kept in ``folders``, with its separator), not each of its files: ``abspath`` was a
    fifth of the pass, and ``os.path.join`` as much again."""
    found: dict[str, FileIdentity | Unreadable] = {}
    for path in paths:
        try:
            info = os.stat(path)
        except OSError as exc:
            found[path] = Unreadable(os_reason(exc))
            continue
        folder, _, name = path.rpartition(os.sep)
        prefix = folders.get(folder)
        if prefix is None:  # "" is the working folder, unless the path starts at the root
            absolute = os.path.abspath(folder or (os.sep if path.startswith(os.sep) else "."))
            prefix = folders[folder] = absolute if absolute.endswith(os.sep) else absolute + os.sep
        found[path] = file_identity((prefix + name, info.st_size, info.st_mtime_ns))
    return found
