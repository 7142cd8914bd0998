"""``analyze --scheduler``: on a LocalCluster of two worker processes, the
output is the same bytes as a local run's, printed or written as parts."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from core.cluster import Partition, analyse_partition, partitions
from core.ingest.dispatch import load
from core.model import Analysis
from core.nlp import Analyzer
from tests.support.paths import SEEDS
from tui.cli import main

# A few seeds, two to a partition: both workers get some, CI stays quick.
INPUTS = [str(p) for p in sorted(SEEDS.glob("00[1-5]_*.txt"))]


@pytest.fixture(scope="module")
def scheduler():
    """The address of a LocalCluster of two single-threaded worker processes."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=40
    ) as cluster:
        yield cluster.scheduler_address


def analyze(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["analyze", *argv])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def local_output() -> str:
    code, out, err = analyze("--no-cache", *INPUTS)
    assert (code, err) == (0, "")
    return out


@pytest.mark.slow
def test_cluster_output_is_a_local_runs_byte_for_byte(scheduler: str, local_output: str) -> None:
    code, out, err = analyze(*INPUTS, "--scheduler", scheduler, "--partition-size", "2")
    assert (code, err) == (0, "")
    assert len(out.splitlines()) == len(INPUTS)
    assert out.encode() == local_output.encode()


@pytest.mark.slow
def test_output_folder_holds_a_local_run_in_parts(scheduler: str, local_output: str, tmp_path: Path) -> None:
    folder = tmp_path / "analysed"
    code, out, err = analyze(*INPUTS, "--scheduler", scheduler, "--partition-size", "2", "--output", str(folder))
    assert (code, out) == (0, "")
    assert err == f"newsreader: {len(INPUTS)} articles analysed into {folder}\n"
    parts = sorted(folder.iterdir())
    assert [p.name for p in parts] == ["part-000000.jsonl", "part-000001.jsonl", "part-000002.jsonl"]
    assert b"".join(p.read_bytes() for p in parts) == local_output.encode()


@pytest.mark.slow
def test_a_model_the_workers_cannot_load_is_one_line_and_exit_2(scheduler: str) -> None:
    code, out, err = analyze(*INPUTS, "--scheduler", scheduler, "--model", "no_such_model")
    assert (code, out) == (2, "")
    assert err.startswith("newsreader: on the cluster: cannot load the spaCy model 'no_such_model'")
    assert len(err.splitlines()) == 1


def test_output_into_a_folder_that_holds_parts_is_refused(tmp_path: Path) -> None:
    (tmp_path / "part-000000.jsonl").write_text("{}\n", encoding="utf-8")
    code, out, err = analyze(*INPUTS, "--scheduler", "local:1", "--output", str(tmp_path))
    assert (code, out) == (2, "")
    assert "already holds an analysis" in err


def test_a_bad_scheduler_spec_is_one_line_and_exit_2() -> None:
    pytest.importorskip("distributed")
    code, out, err = analyze(*INPUTS, "--scheduler", "local:0")
    assert (code, out) == (2, "")
    assert err == "newsreader: 'local:0': expected local:N with N >= 1, or a scheduler address\n"


def test_partitions_keep_input_order() -> None:
    articles = load(INPUTS).articles
    parts = partitions(articles, 2)
    assert [p.number for p in parts] == [0, 1, 2]
    assert [a.id for p in parts for a in p.articles] == [a.id for a in articles]


def test_a_failing_article_fails_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = load(INPUTS).articles
    broken = articles[1]

    def analyze_many(self, batch, batch_size=16, n_process=1):
        for article in batch:
            if article.id == broken.id:
                raise ValueError("cannot parse")
            yield article, Analysis()

    monkeypatch.setattr(Analyzer, "analyze_many", analyze_many)
    monkeypatch.setattr("core.cluster.worker_analyzer", lambda model: Analyzer(model))
    done = analyse_partition(Partition(0, articles[:3]), None, None)
    assert done.analysed == 2 and len(done.lines) == 2
    assert [str(f) for f in done.failures] == [f"{broken.path}: analysis failed: ValueError('cannot parse')"]
