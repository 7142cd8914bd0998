"""Parsers of untrusted input are bounded: deep nesting is an error for that input,
XML entities are never expanded nor fetched, special files are never opened,
symlink loops are not followed twice, and JSON lines stream with a ceiling per record."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

import core.ingest.base
import core.ingest.dispatch
import core.ingest.json
from core.ingest.dispatch import load

DEPTH = 200_000


def _reasons(result) -> dict[str, str]:
    return {Path(error.input).name: error.reason for error in result.errors}


def test_deep_json_is_an_error_for_that_file_only(tmp_path):
    (tmp_path / "deep.json").write_text("[" * DEPTH + "]" * DEPTH)
    (tmp_path / "deep_field.json").write_text('{"text": "Body.", "author": ' + "[" * DEPTH + "]" * DEPTH + "}")
    (tmp_path / "ok.txt").write_text("Fine\n\nStill read.")
    result = load([str(tmp_path)])
    assert [a.title for a in result.articles] == ["Fine"]
    assert _reasons(result) == {
        "deep.json": "nested too deeply to be an article export",
        "deep_field.json": "nested too deeply to be an article export",
    }


def test_deep_json_line_is_an_error_for_that_line_only(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"title": "One", "text": "First."}\n' + "[" * DEPTH + "]" * DEPTH + '\n{"text": "Third."}\n')
    result = load([str(path)])
    assert [a.text for a in result.articles] == ["First.", "Third."]
    assert [e.reason for e in result.errors] == ["line 2: nested too deeply to be an article export"]


def test_nested_fields_are_read_to_a_bounded_depth(tmp_path):
    record = {"text": "Body.", "author": [[{"name": "Ann Lee"}]], "site": [[[[[["too deep"]]]]]]}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(record))
    [article] = load([str(path)]).articles
    assert (article.author, article.site) == ("Ann Lee", None)


def test_deep_html_is_an_error_never_a_recursion_error(tmp_path):
    body = "<div>" * DEPTH + "<p>An article paragraph that would be long enough to read.</p>" + "</div>" * DEPTH
    (tmp_path / "deep.html").write_text(f"<html><body>{body}</body></html>")
    result = load([str(tmp_path / "deep.html")])
    assert len(result.errors) == 1 and not result.articles


def test_deep_html_in_a_json_body_is_read_as_text(tmp_path):
    body = "<div>" * DEPTH + "Deep words." + "</div>" * DEPTH
    (tmp_path / "a.json").write_text(json.dumps({"title": "Deep", "text": body}))
    [article] = load([str(tmp_path / "a.json")]).articles
    assert article.text == "Deep words."


# --- XML: no entity expansion, no external entities --------------------------

_BOMB = '<!ENTITY lol0 "lollollollollollollollollollol">' + "".join(
    f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
)


def test_opml_entities_are_refused(tmp_path):
    path = tmp_path / "bomb.opml"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE opml [{_BOMB}]>\n<opml><body><outline xmlUrl="http://x/&lol9;"/></body></opml>'
    )
    assert _reasons(load([str(path)])) == {"bomb.opml": "OPML that declares entities, which are not read"}


def test_opml_external_entity_is_not_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("http://secret.example/feed")
    path = tmp_path / "ext.opml"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE opml [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        '<opml><body><outline xmlUrl="&x;"/></body></opml>'
    )
    result = load([str(path)])
    assert _reasons(result) == {"ext.opml": "OPML that declares entities, which are not read"}


def test_feedparser_does_not_expand_an_entity_bomb(tmp_path):
    path = tmp_path / "bomb.rss"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [{_BOMB}]>\n<rss version="2.0"><channel><title>T</title>'
        "<item><title>Bomb</title><description>&lol9;</description></item></channel></rss>"
    )
    result = load([str(path)])
    assert all("lol" * 10 not in a.text for a in result.articles)
    assert sum(len(a.text) for a in result.articles) < 1000


def test_feedparser_does_not_read_external_entities(tmp_path):
    secret = tmp_path / "secret.dat"
    secret.write_text("SECRET-CONTENT-XYZ")
    path = tmp_path / "ext.rss"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        '<rss version="2.0"><channel><title>T</title>'
        "<item><title>Entry &xxe; title</title><description>Body &xxe; text.</description></item></channel></rss>"
    )
    result = load([str(path)])
    assert result.articles, "the feed should still be read"
    for article in result.articles:
        assert "SECRET" not in article.title and "SECRET" not in article.text


# --- special files and symlinks ------------------------------------------------


def test_fifo_socket_and_device_in_a_folder_are_skipped_with_a_reason(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "link-to-pipe.txt").symlink_to(tmp_path / "pipe.txt")
    (tmp_path / "device.txt").symlink_to("/dev/null")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock.txt"))
    (tmp_path / "ok.txt").write_text("Fine\n\nRead.")
    try:
        result = load([str(tmp_path)])
    finally:
        server.close()
    assert [a.title for a in result.articles] == ["Fine"]
    assert _reasons(result) == {
        "pipe.txt": "not a regular file (a named pipe): skipped",
        "link-to-pipe.txt": "not a regular file (a named pipe): skipped",
        "device.txt": "not a regular file (a character device): skipped",
        "sock.txt": "not a regular file (a socket): skipped",
    }


def test_a_symlink_loop_is_not_followed_twice(tmp_path):
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    (inner / "story.txt").write_text("Story\n\nOnce.")
    (inner / "up").symlink_to(tmp_path)  # b/up -> the top: a loop
    (tmp_path / "elsewhere").symlink_to(inner)  # a second way into b
    result = load([str(tmp_path)])
    assert [a.title for a in result.articles] == ["Story"]
    assert result.errors == []


def test_a_symlink_to_a_folder_is_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "story.txt").write_text("Linked\n\nText.")
    top = tmp_path / "top"
    top.mkdir()
    (top / "more").symlink_to(outside)
    assert [a.title for a in load([str(top)]).articles] == ["Linked"]


def test_a_self_referencing_symlink_is_reported(tmp_path):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    assert "symbolic links" in load([str(tmp_path)]).errors[0].reason


# --- JSON lines: streamed, with a ceiling per record, none per file ----------


def test_jsonl_larger_than_the_old_file_limit_opens(tmp_path, monkeypatch):
    """A small ceiling stands in for 50 MB: the file is many times the ceiling, each line under it."""
    monkeypatch.setattr(core.ingest.json, "MAX_ARTICLE_BYTES", 200)
    path = tmp_path / "archive.jsonl"
    with path.open("w") as out:
        for number in range(1000):
            out.write(json.dumps({"id": str(number), "text": f"Article number {number}."}) + "\n")
    assert path.stat().st_size > 50 * 200
    result = load([str(path)])
    assert len(result.articles) == 1000 and result.errors == []


def test_jsonl_record_over_the_ceiling_is_named_and_the_rest_open(tmp_path, monkeypatch):
    monkeypatch.setattr(core.ingest.json, "MAX_ARTICLE_BYTES", 200)
    path = tmp_path / "archive.jsonl"
    lines = [{"text": "Short one."}, {"text": "x" * 5000}, {"text": "Short three."}]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    result = load([str(path)])
    assert [a.text for a in result.articles] == ["Short one.", "Short three."]
    assert [e.reason for e in result.errors] == [
        "line 2 is too long (over 200 bytes; the limit is 200 bytes per article)"
    ]


def test_jsonl_bad_utf8_line_is_named(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"text": "One."}\n{"text": "\xff\xfe"}\n{"text": "Three."}\n')
    result = load([str(path)])
    assert [a.text for a in result.articles] == ["One.", "Three."]
    assert [e.reason for e in result.errors] == ["line 2 is not valid UTF-8 (byte 10)"]


def test_a_file_over_the_ceiling_is_refused_with_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(core.ingest.base, "MAX_FILE_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_text("Title\n\nA body longer than ten bytes.")
    assert _reasons(load([str(path)])) == {"big.txt": "too large (36 bytes; the limit is 10 bytes per article)"}


@pytest.mark.parametrize("reader", ["json", "jsonl"])
def test_a_reader_bug_is_that_inputs_error(tmp_path, monkeypatch, reader):
    def broken(*args, **kwargs):
        raise KeyError("surprise")

    monkeypatch.setattr(core.ingest.json, "json_articles" if reader == "json" else "jsonl_file_articles", broken)
    (tmp_path / f"a.{reader}").write_text('{"text": "x"}')
    (tmp_path / "ok.txt").write_text("Fine\n\nRead.")
    result = load([str(tmp_path)])
    assert [a.title for a in result.articles] == ["Fine"]
    assert _reasons(result) == {f"a.{reader}": "could not be read ('surprise')"}
