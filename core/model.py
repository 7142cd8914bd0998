"""Plain data shared by every layer.

Everything derived from an article is a span of character offsets into
``Article.text``, so the reader, the quote panel and search can all point
at the same characters.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity mention, labelled with spaCy's scheme (PERSON, ORG, GPE...)."""

    start: int
    end: int
    label: str
    text: str


# Quote kinds.
DIRECT = "direct"  # a whole quoted statement: “...,” she said.
PARTIAL = "partial"  # quoted words inside the writer's sentence: had “no limits”
REPORTED = "reported"  # indirect speech: X said (that) ...

# Source kinds.
PERSON = "person"
ORGANISATION = "organisation"
ANONYMOUS = "anonymous"
UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Quote:
    """One attributed statement.

    ``speaker`` is the mention the sentence attributes the quote to (possibly a
    pronoun); ``speaker_name`` is who that is, resolved to the fullest name in
    the article; ``descriptor`` is the apposition or description that came with
    the mention ("a retired professor from ..."), kept apart from the name.
    ``parts`` are the stretches of what was said when its own cue interrupts it
    (“We lost,” she said, “and we know it.”): ``start``..``end`` runs over the
    whole, cue included, and the parts leave the cue out. Empty when what was
    said is the one stretch ``start``..``end``.
    """

    start: int
    end: int
    text: str
    kind: str
    speaker: Span | None = None
    speaker_name: str | None = None
    cue: Span | None = None
    source_kind: str = UNKNOWN
    descriptor: Span | None = None
    parts: tuple[tuple[int, int], ...] = ()


@dataclass(slots=True, eq=False)
class Article:
    """One article as loaded: cleaned text plus what the source told us about it."""

    id: str
    title: str
    text: str
    path: str | None = None
    url: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None

    def __eq__(self, other: object) -> bool:
        """Field by field, however the text is kept (the deferred and packed
        subclasses equal the plain article they stand for)."""
        if not isinstance(other, Article):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in Article.__match_args__)

    __hash__ = None  # type: ignore[assignment]

    def text_length(self) -> int:
        """Characters in the text; an article whose text is kept elsewhere knows it without reading it."""
        return len(self.text)

    def known_digest(self) -> bytes | None:
        """The text's ``text_digest`` if it is known without reading the text (a page
        remembered from an earlier launch: ``core.ingest.pages``); None, hash the text."""
        return None


def text_digest(text: str) -> bytes:
    """What the analysis cache finds a text's analysis by (with the model and the extractor's version)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the NLP pipeline found in one article."""

    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True, slots=True)
class AnalysisFailure:
    """An article the pipeline could not analyse, and why: it stays readable as plain text."""

    reason: str


def failure_reason(exc: BaseException) -> str:
    """An exception in a few words, on one line, for a status line or stderr."""
    words = " ".join(str(exc).split()) or type(exc).__name__
    return words if len(words) <= 200 else words[:199] + "…"


@dataclass(frozen=True, slots=True)
class Counts:
    """What the article list shows before an analysis is decoded."""

    entities: int
    quotes: int


@dataclass(frozen=True, slots=True)
class LoadError:
    """An input that could not be opened, and why, in words a user understands."""

    input: str  # the file, address or record, as the user would name it
    reason: str

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"


@dataclass(slots=True)
class CarriedAnalysis:
    """The analysis an input came with (a ``newsreader analyze`` record), as read.

    ``payload`` holds the record's "entities" and "quotes": the JSON text of
    an ``analyze`` line (parsed only when used, so ten thousand analysed
    records list at once) or the parsed objects of another record. The
    counts are for the list; ``model`` and ``extractor`` say what made it.
    """

    payload: str | dict[str, Any]
    entities: int
    quotes: int
    model: str | None
    extractor: str | None


@dataclass(slots=True)
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)
    analyses: dict[str, CarriedAnalysis] = field(default_factory=dict)  # by article id
