"""The search index kept on disk beside the analysis cache, so a second launch
loads it instead of indexing every article again.

The file is one ``.npz`` of plain numeric arrays, read with pickling off: a
tampered or damaged file fails to load (and the index is built again), it
cannot run code. It is used only if it was written by this index code
(a digest of the ``core`` sources: any change there and it is built again)
for the same analyses (the model and extractor version), and only for the
articles whose title and text are what they were: a saved document whose
article is gone or changed is dropped, and articles it does not hold are
indexed as usual, on top. Building again for one changed article would
cost a launch's worth of indexing for nothing.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Iterable
from functools import cache
from itertools import chain
from pathlib import Path
from typing import BinaryIO

import numpy as np

from core.model import Article
from core.search.index import SearchIndex

FILE_NAME = "search-index.npz"
FORMAT = 1
_FINGERPRINT = 8  # bytes of digest per article


def save(index: SearchIndex, path: Path, analysis_version: str) -> bool:
    """Write the index to ``path`` (a whole new file, swapped in: a reader never
    sees half of one); False if it could not be written."""
    try:
        parts, articles = index.snapshot()
        fingerprints = np.frombuffer(b"".join(map(fingerprint, articles)), np.uint8)
        fd, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                _write(out, chain([("key", _key(analysis_version)), ("fingerprints", fingerprints)], parts))
            os.replace(temporary, path)
        finally:
            Path(temporary).unlink(missing_ok=True)
    except (OSError, ValueError):
        return False
    return True


def _write(out: BinaryIO, arrays: Iterable[tuple[str, np.ndarray]]) -> None:
    """``np.savez(out, **dict(arrays))``, each array written as it comes and let go: only
    one is held at a time."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        for name, value in arrays:
            with archive.open(f"{name}.npy", "w", force_zip64=True) as member:
                np.lib.format.write_array(member, value, allow_pickle=False)
            del value


def made_here(path: Path, analysis_version: str) -> bool:
    """Whether the file at ``path`` was saved by this index code for these analyses (``load`` would use it)."""
    try:
        with np.load(path, allow_pickle=False) as saved:
            return _fits(saved, analysis_version)
    except (OSError, EOFError, ValueError, KeyError, zipfile.BadZipFile):
        return False


def _fits(saved: np.lib.npyio.NpzFile, analysis_version: str) -> bool:
    return bool(np.array_equal(saved["key"], _key(analysis_version)))


def load(path: Path, articles: dict[str, Article], analysis_version: str) -> SearchIndex | None:
    """The saved index, holding those of ``articles`` it was saved with
    unchanged; None if there is none usable (missing, damaged, stale)."""
    try:
        with np.load(path, allow_pickle=False) as saved:
            if not _fits(saved, analysis_version):
                return None
            arrays = {name: saved[name] for name in saved.files}
        ids_docs = SearchIndex.document_ids(arrays)
        fingerprints = arrays["fingerprints"]
        if fingerprints.dtype != np.uint8 or len(fingerprints) != _FINGERPRINT * len(ids_docs):
            return None
        known = fingerprints.tobytes()
        kept: list[Article | None] = []
        for doc, article_id in enumerate(ids_docs):
            article = articles.get(article_id)
            at = doc * _FINGERPRINT
            same = article is not None and fingerprint(article) == known[at : at + _FINGERPRINT]
            kept.append(article if same else None)
        return SearchIndex.restore(arrays, kept)
    except (OSError, EOFError, ValueError, KeyError, IndexError, TypeError, zipfile.BadZipFile):
        return None


def fingerprint(article: Article | None) -> bytes:
    """A digest of what the index read from the article (all zeros: none)."""
    if article is None:
        return bytes(_FINGERPRINT)
    digest = hashlib.blake2b(digest_size=_FINGERPRINT)
    digest.update(article.title.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(article.text.encode("utf-8", "surrogatepass"))
    return digest.digest()


def _key(analysis_version: str) -> np.ndarray:
    text = f"{FORMAT}\0{code_version()}\0{analysis_version}"
    return np.frombuffer(text.encode("utf-8", "surrogatepass"), np.uint8)


@cache
def code_version() -> str:
    """A digest of every ``core`` source file: what is indexed, and how, is
    decided there (tokenising, names, quotes' speakers), so any change to it
    means building the index again once."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=8)
    for source in sorted(root.rglob("*.py")):
        digest.update(source.relative_to(root).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()
