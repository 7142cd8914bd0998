"""``newsreader entities`` and ``newsreader quotes``: exports for research that
load in Python's csv and json modules and in a spreadsheet, whatever the
article text holds.

Analyses here are written by hand (``core.analysis.analyses`` replaced), so
the tests know every quote and entity; one test runs the model on the seeds.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import core.analysis
from core.model import ORGANISATION, PERSON, Analysis, Article, Entity, Quote, Span
from tests.support.cli import run
from tests.support.paths import SEEDS

TITLE = '=HYPERLINK("http://example.com","x")'
FERRY = (
    "Harbour ferry saved.\n\n"
    '"We said "no", and\nwe meant it," said Dr Zoë Petherick.\n\n'
    "-1 is what Mr Petherick's rival, Ann Lee, said the vote was worth."
)
RECORDS = [
    {
        "title": TITLE,
        "text": FERRY,
        "url": "https://example.com/ferry",
        "date": "2026-11-24",
        "author": "@harbourdesk",
        "site": "Harbour News",
    },
    {"title": "Second", "text": "Ann Lee said little. The Harbour Trust agreed."},
]
# The quote with commas, double quotes and a line break, then one that looks like a formula.
SPOKEN = 'We said "no", and\nwe meant it,'
WORTH = "-1 is what Mr Petherick's rival, Ann Lee, said the vote was worth"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def span(text: str, words: str, after: int = 0) -> Span:
    start = text.index(words, after)
    return Span(start, start + len(words), words)


def hand_analysis(article: Article) -> Analysis:
    """The entities and quotes a reader would mark in the two articles above."""
    text = article.text
    names = [("Zoë Petherick", "PERSON"), ("Petherick's", "PERSON"), ("Ann Lee", "PERSON"), ("Harbour Trust", "ORG")]
    entities = tuple(
        Entity(s.start, s.end, label, s.text) for name, label in names if name in text for s in [span(text, name)]
    )
    quotes = []
    if SPOKEN in text:
        said = span(text, SPOKEN)
        speaker = span(text, "Zoë Petherick")
        quotes.append(
            Quote(said.start, said.end, said.text, "direct", speaker, "Zoë Petherick", span(text, "said"), PERSON)
        )
        worth = span(text, WORTH)
        rival = span(text, "Ann Lee")
        described = span(text, "Mr Petherick's rival")
        quotes.append(Quote(worth.start, worth.end, worth.text, "reported", rival, "Ann Lee", None, PERSON, described))
    if "agreed" in text:
        trust = span(text, "The Harbour Trust")
        quotes.append(Quote(trust.start, trust.end, trust.text, "reported", trust, trust.text, None, ORGANISATION))
    return Analysis(entities, tuple(quotes))


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A JSON lines export of the two articles, analysed by hand."""
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in RECORDS) + "\n", encoding="utf-8")

    def analyses(articles, analyzer, cache, **_):
        return ((article, hand_analysis(article)) for article in articles)

    monkeypatch.setattr(core.analysis, "analyses", analyses)
    return path


def jsonl(argv: list[str], capsys) -> list[dict]:
    code, out, err = run(argv, capsys)
    assert (code, err) == (0, "")
    return [json.loads(line) for line in out.splitlines()]


def csv_rows(argv: list[str], capsys) -> tuple[str, list[list[str]]]:
    code, out, err = run([*argv, "--format", "csv"], capsys)
    assert (code, err) == (0, "")
    return out, list(csv.reader(io.StringIO(out, newline="")))


# --- quotes -------------------------------------------------------------------


def test_quotes_jsonl_is_one_record_per_quote_with_its_article(inputs, capsys):
    records = jsonl(["quotes", str(inputs)], capsys)
    assert [r["text"] for r in records] == [SPOKEN, WORTH, "The Harbour Trust"]
    first = records[0]
    assert list(first) == [
        "article_id", "title", "url", "date", "site", "author",
        "speaker_name", "source_kind", "descriptor", "cue", "kind", "text", "start", "end",
    ]  # fmt: skip
    assert first["title"] == TITLE  # JSON lines keep text as it is
    assert (first["url"], first["date"], first["site"], first["author"]) == (
        "https://example.com/ferry",
        "2026-11-24",
        "Harbour News",
        "@harbourdesk",
    )
    assert (first["speaker_name"], first["source_kind"], first["cue"], first["kind"]) == (
        "Zoë Petherick",
        "person",
        "said",
        "direct",
    )
    assert records[1]["descriptor"] == "Mr Petherick's rival"
    last = records[2]
    assert (last["url"], last["date"], last["site"], last["author"], last["cue"]) == (None,) * 5


def test_quote_offsets_index_the_text_analyze_prints(inputs, capsys):
    texts = {r["id"]: r["text"] for r in jsonl(["analyze", str(inputs)], capsys)}
    for quote in jsonl(["quotes", str(inputs)], capsys):
        assert texts[quote["article_id"]][quote["start"] : quote["end"]] == quote["text"]


def test_quotes_csv_round_trips_commas_quotes_and_line_breaks(inputs, capsys):
    out, rows = csv_rows(["quotes", str(inputs)], capsys)
    header, *body = rows
    assert header == [
        "article_id", "title", "url", "date", "site", "author",
        "speaker_name", "source_kind", "descriptor", "cue", "kind", "text", "start", "end",
    ]  # fmt: skip
    assert len(body) == 3
    quote = dict(zip(header, body[0]))
    assert quote["text"] == SPOKEN
    assert (quote["start"], quote["end"]) == (str(FERRY.index(SPOKEN)), str(FERRY.index(SPOKEN) + len(SPOKEN)))
    # Null is an empty field.
    assert dict(zip(header, body[2]))["url"] == ""
    # RFC 4180: every record ends in CRLF; the line break inside the quoted field stays as written.
    assert out.startswith(",".join(header) + "\r\n") and out.endswith("\r\n")
    assert out.count("\r\n") == 4


def test_csv_never_starts_a_cell_with_a_formula(inputs, capsys):
    _, rows = csv_rows(["quotes", str(inputs)], capsys)
    header, *body = rows
    cells = [cell for row in body for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    first, second = (dict(zip(header, row)) for row in body[:2])
    assert first["title"] == "'" + TITLE
    assert first["author"] == "'@harbourdesk"
    assert second["text"] == "'" + WORTH


def test_help_says_how_csv_fields_are_protected(capsys):
    for command in ("quotes", "entities"):
        code, out, _ = run([command, "--help"], capsys)
        assert code == 0
        assert out.startswith(f"usage: newsreader {command}")
        assert "formula" in " ".join(out.split())


# --- entities -----------------------------------------------------------------


def test_entities_jsonl_one_identity_per_person_with_variants_and_counts(inputs, capsys):
    records = jsonl(["entities", str(inputs)], capsys)
    assert records[0] == {
        "identity": "Ann Lee",
        "kind": "PERSON",
        "variants": ["Ann Lee"],
        "mentions": 2,
        "articles": 2,
        "quotes": 1,
    }
    by_name = {r["identity"]: r for r in records}
    assert set(by_name) == {"Ann Lee", "Zoë Petherick", "Harbour Trust"}
    assert by_name["Zoë Petherick"]["variants"] == ["Zoë Petherick", "Petherick"]
    assert (by_name["Zoë Petherick"]["mentions"], by_name["Zoë Petherick"]["quotes"]) == (2, 1)
    assert by_name["Harbour Trust"]["quotes"] == 1


def test_entities_csv_has_the_same_rows_with_variants_joined(inputs, capsys):
    records = jsonl(["entities", str(inputs)], capsys)
    out, rows = csv_rows(["entities", str(inputs)], capsys)
    assert rows[0] == ["identity", "kind", "variants", "mentions", "articles", "quotes"]
    assert rows[1:] == [
        [r["identity"], r["kind"], " | ".join(r["variants"]), str(r["mentions"]), str(r["articles"]), str(r["quotes"])]
        for r in records
    ]
    assert out.count("\r\n") == len(rows)


# --- analyze gains where the article was published ---------------------------


def test_analyze_records_carry_url_author_date_and_site_or_null(inputs, capsys):
    first, second = jsonl(["analyze", str(inputs)], capsys)
    assert {k: first[k] for k in ("url", "author", "date", "site")} == {
        "url": "https://example.com/ferry",
        "author": "@harbourdesk",
        "date": "2026-11-24",
        "site": "Harbour News",
    }
    assert {k: second[k] for k in ("url", "author", "date", "site")} == dict.fromkeys(("url", "author", "date", "site"))


# --- exit statuses, as analyze has them ---------------------------------------


@pytest.mark.parametrize("command", ["entities", "quotes"])
def test_only_unreadable_input_exits_2_with_its_reason(inputs, capsys, tmp_path, command):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    code, out, err = run([command, str(bad)], capsys)
    assert code == 2
    assert err.splitlines() == [f"newsreader: {bad}: binary file, not text"]
    assert out == ""


@pytest.mark.parametrize("command", ["entities", "quotes"])
def test_an_unreadable_input_among_others_is_reported_and_the_rest_exported(inputs, capsys, tmp_path, command):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    code, out, err = run([command, str(inputs), str(bad)], capsys)
    assert code == 1
    assert err.splitlines() == [f"newsreader: {bad}: binary file, not text"]
    assert out.count("\n") >= 3


@pytest.mark.slow
@pytest.mark.parametrize("command", ["entities", "quotes"])
def test_an_unknown_model_exits_2_with_a_reason(capsys, tmp_path, command):
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nBody.", encoding="utf-8")
    code, _, err = run([command, "--model", "no_such_model_xyz", str(path)], capsys)
    assert code == 2
    [line] = err.splitlines()
    assert line.startswith("newsreader: cannot load the spaCy model 'no_such_model_xyz'")


# --- the bundled articles, with the model ------------------------------------


@pytest.mark.slow
def test_seeds_export_is_utf8_whatever_the_locale_with_vladimir_putin_once(tmp_path):
    """As a shell runs it, with a terminal that cannot encode "í": the CSV is UTF-8 all the same."""
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "entities", "--format", "csv", "--cache-dir", str(tmp_path), str(SEEDS)],
        capture_output=True,
        timeout=300,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        check=True,
    )
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8"), newline="")))
    putins = [row for row in rows if "Putin" in row["variants"]]
    assert [(row["identity"], row["kind"]) for row in putins] == [("Vladimir Putin", "PERSON")]
    assert {"Vladimir Putin", "Putin"} <= set(putins[0]["variants"].split(" | "))
    assert "Agrícola Levante Verde" in {row["identity"] for row in rows}
