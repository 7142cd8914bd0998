"""JSON and JSON-lines exports under the field names exporters actually use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.ingest.base import article_id
from core.ingest.dispatch import load


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def only_error(result) -> str:
    assert result.articles == []
    [error] = result.errors
    return error.reason


def test_list_with_alternative_field_names(tmp_path: Path) -> None:
    path = write_json(
        tmp_path / "export.json",
        [
            {
                "headline": "Ferry saved",
                "body": "Councillors voted.\n\nThe ferry stays.",
                "link": "https://herald.example/ferry",
                "published": "2026-11-17",
                "byline": "Jo Marsh",
                "source": "Harbour Herald",
            },
            {
                "title": "Schools row",
                "content": "<p>A plan to <b>borrow</b> money.</p><p>“No,” she said.</p><script>x()</script>",
                "url": "https://leipzig.example/schools",
                "date_published": "2026-11-18",
                "authors": [{"name": "A. Vogel"}, {"name": "B. Kern"}],
                "publisher": {"name": "LVZ"},
            },
        ],
    )
    result = load([str(path)])
    assert result.errors == []
    ferry, schools = result.articles
    assert (ferry.title, ferry.text, ferry.url, ferry.date, ferry.author, ferry.site) == (
        "Ferry saved",
        "Councillors voted.\n\nThe ferry stays.",
        "https://herald.example/ferry",
        "2026-11-17",
        "Jo Marsh",
        "Harbour Herald",
    )
    assert ferry.id == article_id("Ferry saved", ferry.text)
    assert schools.text == "A plan to borrow money.\n\n“No,” she said."
    assert (schools.author, schools.site, schools.date) == ("A. Vogel, B. Kern", "LVZ", "2026-11-18")


@pytest.mark.parametrize("key", ["articles", "items", "entries"])
def test_object_with_a_list_of_articles(tmp_path: Path, key: str) -> None:
    path = write_json(
        tmp_path / "feed.json",
        {"title": "Wire", key: [{"title": "One", "text": "First."}, {"title": "Two", "text": "Second."}]},
    )
    result = load([str(path)])
    assert [a.title for a in result.articles] == ["One", "Two"]
    assert {a.site for a in result.articles} == {"Wire"}


def test_json_feed_format(tmp_path: Path) -> None:
    path = write_json(
        tmp_path / "feed.json",
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Arctic Notes",
            "items": [
                {
                    "id": "1",
                    "title": "Ice",
                    "content_html": "<p>Old ice.</p>",
                    "url": "https://arctic.example/ice",
                    "date_published": "2026-11-20T10:00:00Z",
                    "authors": [{"name": "Mei Ding"}],
                }
            ],
        },
    )
    [article] = load([str(path)]).articles
    assert (article.title, article.text, article.author, article.site) == (
        "Ice",
        "Old ice.",
        "Mei Ding",
        "Arctic Notes",
    )


def test_single_article_object(tmp_path: Path) -> None:
    path = write_json(tmp_path / "one.json", {"title": "Alone", "text": "Just one."})
    [article] = load([str(path)]).articles
    assert (article.title, article.text) == ("Alone", "Just one.")


def test_records_without_text_are_skipped(tmp_path: Path) -> None:
    path = write_json(tmp_path / "mixed.json", [{"title": "No body"}, 7, {"title": "Has", "text": "Body."}])
    assert [a.title for a in load([str(path)]).articles] == ["Has"]


def test_fields_are_cleaned(tmp_path: Path) -> None:
    path = write_json(
        tmp_path / "dirty.json", [{"title": "T\x1b[31m\u202eitle\nnext", "text": "a\x1b[2Jb\r\n", "author": "X\u200bY"}]
    )
    [article] = load([str(path)]).articles
    assert (article.title, article.text, article.author) == ("Title next", "ab", "XY")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('[{"title": "x", "text": "y"', "not valid JSON (line 1: expecting ',' delimiter)"),
        ("", "not valid JSON (line 1: expecting value)"),
        ('{"config": true}', "no articles in the file (no object has a text, body or content field)"),
        ('"just a string"', "no articles in the file (expected a list of objects with a text field)"),
    ],
)
def test_malformed_json_is_a_plain_error(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    assert only_error(load([str(path)])) == reason


def test_json_lines_under_a_json_name(tmp_path: Path) -> None:
    path = tmp_path / "lines.json"
    path.write_text('{"title": "A", "text": "a."}\n{"title": "B", "body": "b."}\n', encoding="utf-8")
    assert [a.text for a in load([str(path)]).articles] == ["a.", "b."]


def test_jsonl_with_common_field_names(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text(
        '{"headline": "A", "body": "<p>a</p>", "link": "https://x.example/a", "byline": "Q"}\n', encoding="utf-8"
    )
    [article] = load([str(path)]).articles
    assert (article.title, article.text, article.url, article.author) == ("A", "a", "https://x.example/a", "Q")


def test_one_bad_file_among_good_ones(tmp_path: Path) -> None:
    write_json(tmp_path / "good.json", [{"title": "Good", "text": "Fine."}])
    (tmp_path / "bad.json").write_text("{oops", encoding="utf-8")
    result = load([str(tmp_path)])
    assert [a.title for a in result.articles] == ["Good"]
    assert [e.input for e in result.errors] == [str(tmp_path / "bad.json")]


def test_an_archive_is_handed_on_in_chunks_so_its_first_articles_list_at_once(tmp_path: Path) -> None:
    from core.ingest.json import jsonl_file_articles

    records = [{"title": f"Story {n}", "text": f"Body of story {n}."} for n in range(5)]
    path = tmp_path / "archive.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records) + "not json\n", encoding="utf-8")
    chunks = jsonl_file_articles(path, chunk=2)
    first = next(chunks)
    assert [a.title for a in first.articles] == ["Story 0", "Story 1"], "before the rest is read"
    rest = list(chunks)
    assert [len(c.articles) for c in rest] == [2, 1]
    assert [e.reason for e in rest[-1].errors] == ["line 6 is not JSON (expecting value)"]
    assert [a.title for a in load([str(path)]).articles] == [f"Story {n}" for n in range(5)]
