"""``newsreader analyze`` output opens without analysing it again, in the app
and in ``search``, when the same model and extractor made it; otherwise it is
analysed again and a notice says why. No model is loaded here: the records
are made from hand-built analyses, and analysing is spied on."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from core.carried import analysis_of, decoded
from core.export import record_line
from core.ingest.dispatch import load
from core.model import Analysis, Article, CarriedAnalysis, Entity, Quote, Span
from core.nlp import Analyzer
from core.store.cache import extractor_version
from tests.support.app import notifications, settle
from tests.support.paths import SEEDS
from tui.app import NewsReader
from tui.cli import main
from widgets.sources_panel import SourcesPanel

NAME = re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+")
QUOTED = re.compile(r"“[^”]+”")


def made_up(article: Article) -> Analysis:
    """Two-word capitalised names as people, curly-quoted passages as quotes by the first of them."""
    entities = tuple(Entity(m.start(), m.end(), "PERSON", m.group()) for m in NAME.finditer(article.text))
    speaker = entities[0]
    quotes = tuple(
        Quote(m.start(), m.end(), m.group(), "direct", Span(speaker.start, speaker.end, speaker.text), speaker.text)
        for m in QUOTED.finditer(article.text)
    )
    return Analysis(entities, quotes)


def write_records(path: Path, *, extractor: str | None = None) -> list[tuple[Article, Analysis]]:
    """Three seed articles as ``analyze`` would print them (by default stamped with this model and extractor)."""
    articles = load([str(p) for p in sorted(SEEDS.glob("00[1-3]_*.txt"))]).articles
    pairs = [(article, made_up(article)) for article in articles]
    model = Analyzer().model_id
    lines = [record_line(a, an, model, extractor or extractor_version()) for a, an in pairs]
    path.write_text("".join(lines), encoding="utf-8")
    return pairs


def longest_word(quote: Quote) -> str:
    return max(quote.text.strip("“”").split(), key=len)


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles given to ``Analyzer.analyze_many``, which yields empty analyses."""
    analysed: list[str] = []

    def analyze_many(self, articles, batch_size=16, n_process=1):
        for article in articles:
            analysed.append(article.id)
            yield article, Analysis()

    monkeypatch.setattr(Analyzer, "analyze_many", analyze_many)
    monkeypatch.setattr(Analyzer, "load", lambda self: None)
    return analysed


def test_records_carry_model_and_extractor(tmp_path: Path) -> None:
    write_records(tmp_path / "a.jsonl")
    record = json.loads((tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert record["model"] == Analyzer().model_id
    assert record["extractor"] == extractor_version()


def test_loading_keeps_the_analysis_a_record_carries(tmp_path: Path) -> None:
    pairs = write_records(tmp_path / "a.jsonl")
    result = load([str(tmp_path / "a.jsonl")])
    assert [a.id for a in result.articles] == [a.id for a, _ in pairs]
    assert all(isinstance(c.payload, str) for c in result.analyses.values()), "parsed only when used"
    assert [analysis_of(result.analyses[a.id], a.text) for a in result.articles] == [an for _, an in pairs]
    assert [(c.entities, c.quotes) for c in result.analyses.values()] == [
        (len(an.entities), len(an.quotes)) for _, an in pairs
    ]


def test_a_record_with_broken_quotes_is_listed_and_alone_left_to_the_analysis(tmp_path: Path) -> None:
    pairs = write_records(tmp_path / "a.jsonl")
    lines = (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    broken = json.loads(lines[1])
    broken["quotes"] = [{"start": "nowhere", "source_kind": "unknown"}]
    lines[1] = json.dumps(broken, ensure_ascii=False) + "\n"
    (tmp_path / "a.jsonl").write_text("".join(lines), encoding="utf-8")
    result = load([str(tmp_path / "a.jsonl")])
    assert [a.id for a in result.articles] == [a.id for a, _ in pairs], "listed like the others"
    assert result.analyses[pairs[1][0].id].quotes == 1, "counted before it is decoded"
    shown = [pair for found in decoded(result.articles, result.analyses) for pair in found]
    assert [(a.id, an) for a, an in shown] == [(a.id, an) for a, an in (pairs[0], pairs[2])], (
        "the broken one alone is left out"
    )


@pytest.mark.parametrize(
    "entity",
    [
        {"start": 0, "end": 99, "label": "ORG", "text": "x"},
        {"start": "0", "end": 1, "label": "ORG", "text": "x"},
        {"start": 0, "end": 1, "label": None, "text": "x"},
        {"start": 0, "label": "ORG", "text": "x"},
        "ORG",
    ],
)
def test_an_analysis_that_does_not_fit_its_text_is_not_used(entity) -> None:
    assert analysis_of(CarriedAnalysis({"entities": [entity], "quotes": []}, 1, 0, "m", "e"), "Short.") is None
    as_text = CarriedAnalysis(json.dumps({"entities": [entity], "quotes": []}), 1, 0, "m", "e")
    assert analysis_of(as_text, "Short.") is None


def test_a_record_written_otherwise_carries_the_same_analysis(tmp_path: Path) -> None:
    """Reordered keys and an extra field: not an ``analyze`` line as printed, read in full."""
    pairs = write_records(tmp_path / "a.jsonl")
    lines = (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()
    records = [{"url": "https://example.org/", **dict(reversed(json.loads(line).items()))} for line in lines]
    (tmp_path / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = load([str(tmp_path / "b.jsonl")])
    assert all(isinstance(c.payload, dict) for c in result.analyses.values())
    assert [analysis_of(result.analyses[a.id], a.text) for a in result.articles] == [an for _, an in pairs]


def test_a_record_whose_text_cleaning_changes_is_analysed_again(tmp_path: Path) -> None:
    """Records are listed before their text is cleaned: cleaning that changes a
    text (offsets then index another text) still keeps the carried analysis out."""
    pairs = write_records(tmp_path / "a.jsonl")
    lines = (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    record = json.loads(lines[1])
    record["text"] = record["text"].replace(" ", "  ", 1)
    lines[1] = json.dumps(record, ensure_ascii=False) + "\n"
    (tmp_path / "a.jsonl").write_text("".join(lines), encoding="utf-8")
    result = load([str(tmp_path / "a.jsonl")])
    assert [a.text for a in result.articles] == [a.text for a, _ in pairs], "cleaned as any text is"
    adopted = [article.id for found in decoded(result.articles, result.analyses) for article, _ in found]
    assert adopted == [pairs[0][0].id, pairs[2][0].id]


def test_a_record_without_an_analysis_carries_none(tmp_path: Path) -> None:
    (tmp_path / "plain.jsonl").write_text('{"title": "Plain", "text": "No analysis here."}\n', encoding="utf-8")
    assert load([str(tmp_path / "plain.jsonl")]).analyses == {}


async def test_the_app_opens_analysed_records_without_analysing(tmp_path: Path, spy: list[str]) -> None:
    pairs = write_records(tmp_path / "a.jsonl")
    app = NewsReader([str(tmp_path / "a.jsonl")])
    messages = notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert spy == []
        assert app.corpus.analyses == {a.id: an for a, an in pairs}
        assert app.query_one(SourcesPanel).sources, "the quotes are in the side panel"
        assert app.corpus.counts[pairs[1][0].id].quotes == len(pairs[1][1].quotes), "and counted in the list"
        hits, _, _ = app.corpus.search(longest_word(pairs[0][1].quotes[0]))
        assert any(hit.kind == "quote" for hit in hits), "the quotes are searchable"
        assert app.cache is not None and app.cache.count() == len(pairs), "and remembered"
        assert not any("again" in message for message in messages)


async def test_records_from_another_extractor_are_analysed_again_with_a_notice(tmp_path: Path, spy: list[str]) -> None:
    pairs = write_records(tmp_path / "a.jsonl", extractor="0ld")
    app = NewsReader([str(tmp_path / "a.jsonl")])
    messages = notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert sorted(spy) == sorted(a.id for a, _ in pairs)
        assert any("3 analysed records are analysed again" in m and "extractor version (0ld" in m for m in messages)


def test_search_on_analysed_records_analyses_nothing(tmp_path: Path, spy: list[str], capsys) -> None:
    pairs = write_records(tmp_path / "a.jsonl")
    assert main(["search", longest_word(pairs[0][1].quotes[0]), str(tmp_path / "a.jsonl")]) == 0
    out, err = capsys.readouterr()
    assert spy == []
    assert any(json.loads(line)["kind"] == "quote" for line in out.splitlines())
    assert err == ""


def test_search_on_records_of_another_model_says_why_it_analyses_again(tmp_path: Path, spy: list[str], capsys) -> None:
    write_records(tmp_path / "a.jsonl")
    stale = (tmp_path / "a.jsonl").read_text(encoding="utf-8").replace(Analyzer().model_id, "en_other-1.0")
    (tmp_path / "b.jsonl").write_text(stale, encoding="utf-8")
    assert main(["search", "council", str(tmp_path / "b.jsonl")]) == 0
    _, err = capsys.readouterr()
    assert len(spy) == 3
    assert err.splitlines() == [
        "newsreader: 3 analysed records are analysed again: "
        f"3 were made with the model en_other-1.0, not {Analyzer().model_id}."
    ]
