"""spaCy on every core: worker processes, each loading the model once, that
analyse batches of articles the caller hands them in the order it chooses
(the app sends the article the user opened ahead of the rest).

Processes start with forkserver or spawn (``core.processes``), never fork. A
model that cannot load is reported as ``ModelError`` by the batch that needed it.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from core.model import Analysis, Article
from core.nlp import Analyzer, ModelError
from core.processes import process_context

_analyzer: Analyzer | None = None
_load_error: ModelError | None = None


class AnalysisPool:
    def __init__(self, model_name: str, jobs: int) -> None:
        self._pool = ProcessPoolExecutor(
            jobs, mp_context=process_context(), initializer=_start_worker, initargs=(model_name,)
        )

    def submit(self, articles: Sequence[Article]) -> Future[list[Analysis]]:
        """The analyses of these articles, in their order, once a worker has done them."""
        return self._pool.submit(_analyse, list(articles))

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)

    def __enter__(self) -> AnalysisPool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _start_worker(model_name: str) -> None:
    global _analyzer, _load_error
    _analyzer = Analyzer(model_name)
    try:
        _analyzer.load()
    except ModelError as exc:
        _load_error = exc


def _analyse(articles: list[Article]) -> list[Analysis]:
    if _load_error is not None:
        raise _load_error
    assert _analyzer is not None
    return [analysis for _, analysis in _analyzer.analyze_many(articles)]
