"""Loading: each input opens on its own, failures become plain-words errors,
and the bundled seeds are a complete, clean demo."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from core.ingest.base import SEEDS_DIR, Unreadable, article_id, missing_paths, read_text
from core.ingest.dispatch import load
from core.ingest.text import markdown_to_text

SHARED_SEED = "000_e39006ab1be085a9.txt"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def only_error(result) -> str:
    assert result.articles == []
    assert len(result.errors) == 1
    return result.errors[0].reason


# --- text and markdown -------------------------------------------------------


def test_txt_title_and_cleaned_body(tmp_path):
    path = write(tmp_path / "a.txt", "\ufeff\r\nMayor quits\r\n\r\n\r\nShe said “no”.\r\n\r\nRelated Articles\r\n")
    result = load([str(path)])
    assert result.errors == []
    [article] = result.articles
    assert article.title == "Mayor quits"
    assert article.text == "She said “no”."
    assert article.path == str(path)
    assert article.id == article_id("Mayor quits", "She said “no”.")


def test_markdown_title_from_heading_and_marks_stripped(tmp_path):
    source = (
        "# Library **opens** repair café\n\n"
        "Some **bold** words, a [link to the rules](https://example.org/rules) and "
        "![a photo](photo.jpg).\n\n"
        "## What volunteers fix\n\n"
        "> “It works,” she said.\n>\n> “Again.”\n\n"
        "---\n\n"
        "Last __line__.\n"
    )
    [article] = load([str(write(tmp_path / "n.md", source))]).articles
    assert article.title == "Library opens repair café"
    assert article.text == (
        "Some bold words, a link to the rules and a photo.\n\n"
        "What volunteers fix\n\n"
        "“It works,” she said.\n\n“Again.”\n\n"
        "Last line."
    )


def test_markdown_marks_do_not_merge_paragraphs():
    # \s in a line pattern once swallowed the newline before a heading or quote.
    text = markdown_to_text("Para one.\n\n## Sub\n\nPara two.\n\n> q1\n>\n> q2\n\n***\n\nEnd.")
    assert [p.strip() for p in text.split("\n\n") if p.strip()] == [
        "Para one.",
        "Sub",
        "Para two.",
        "q1",
        "q2",
        "End.",
    ]


def test_markdown_suffix_is_case_insensitive(tmp_path):
    [article] = load([str(write(tmp_path / "N.MD", "# Heading\n\nBody."))]).articles
    assert article.title == "Heading"


# --- folders -----------------------------------------------------------------


def test_folder_is_loaded_recursively_in_order_skipping_hidden(tmp_path):
    write(tmp_path / "b.txt", "B title\n\nB body.")
    write(tmp_path / "a.md", "# A title\n\nA body.")
    write(tmp_path / "sub" / "deeper" / "c.txt", "C title\n\nC body.")
    write(tmp_path / ".hidden.txt", "Hidden\n\nNo.")
    write(tmp_path / ".git" / "d.txt", "Also hidden\n\nNo.")
    write(tmp_path / "sub" / ".cache" / "e.txt", "Hidden too\n\nNo.")
    write(tmp_path / "notes.pdf", "Not an article type\n\nNo.")
    write(tmp_path / "README", "No suffix\n\nNo.")
    result = load([str(tmp_path)])
    assert result.errors == []
    assert [a.title for a in result.articles] == ["A title", "B title", "C title"]


def test_a_subfolders_files_come_where_its_name_sorts_among_the_files(tmp_path):
    """Paths sort part by part: the folder "m" comes after "l.txt" and before
    "m.txt", and its own folder "a" before its files."""
    for name in ("z.txt", "m.txt", "m/b.txt", "m/a/c.txt", "l.txt", "m/a.txt"):
        write(tmp_path / name, f"{name} title\n\nBody of {name}.")
    titles = [a.title for a in load([str(tmp_path)]).articles]
    assert titles == [f"{name} title" for name in ("l.txt", "m/a/c.txt", "m/a.txt", "m/b.txt", "m.txt", "z.txt")]


def test_folder_with_one_bad_file_still_loads_the_rest(tmp_path):
    write(tmp_path / "good.txt", "Good\n\nBody.")
    (tmp_path / "bad.txt").write_bytes(b"Bad \xff title")
    result = load([str(tmp_path)])
    assert [a.title for a in result.articles] == ["Good"]
    assert [Path(e.input).name for e in result.errors] == ["bad.txt"]


def test_same_article_from_two_places_is_loaded_once(tmp_path):
    text = "Same story\n\nSame words."
    first = write(tmp_path / "one" / "story.txt", text)
    write(tmp_path / "two" / "copy.txt", text.replace("\n", "\r\n") + "\n\nShare this article\n")
    result = load([str(first), str(tmp_path)])
    assert result.errors == []
    assert len(result.articles) == 1
    assert result.articles[0].path == str(first)


def test_different_body_same_title_are_two_articles(tmp_path):
    write(tmp_path / "a.txt", "Same title\n\nFirst version.")
    write(tmp_path / "b.txt", "Same title\n\nSecond version.")
    assert len(load([str(tmp_path)]).articles) == 2


# --- jsonl -------------------------------------------------------------------


def jsonl(path: Path, *records: object) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    return write(path, "\n".join(lines) + "\n")


def test_jsonl_keeps_ids_and_text_as_given(tmp_path):
    path = jsonl(
        tmp_path / "feed.jsonl",
        {
            "id": "wire-42",
            "title": "Given title",
            "text": "First line is not a title.\n\nSecond.",
            "url": "https://example.org/x",
            "author": "A. Writer",
            "date": "2026-11-20",
            "site": "Example",
        },
        "",
        {"text": "No title or id here, so the first words stand in for the title."},
    )
    result = load([str(path)])
    assert result.errors == []
    first, second = result.articles
    assert (first.id, first.title, first.text) == ("wire-42", "Given title", "First line is not a title.\n\nSecond.")
    assert (first.url, first.author, first.date, first.site) == (
        "https://example.org/x",
        "A. Writer",
        "2026-11-20",
        "Example",
    )
    assert first.path == str(path)
    assert second.id == article_id("", second.text)
    assert second.title.endswith("…") and second.text.startswith(second.title[:-1])
    assert len(second.title) <= 61


def test_jsonl_text_is_cleaned_for_safe_display(tmp_path):
    path = jsonl(tmp_path / "f.ndjson", {"id": "x", "title": "T\x1b[31m\u202e", "text": "a\x1b[2Jb\r\n"})
    [article] = load([str(path)]).articles
    assert (article.title, article.text) == ("T", "ab")


def test_jsonl_bad_line_is_reported_with_its_number_and_good_lines_open(tmp_path):
    path = jsonl(tmp_path / "f.jsonl", {"id": "1", "text": "fine"}, "", "{not json", {"id": "4", "text": "also fine"})
    result = load([str(path)])
    assert [a.id for a in result.articles] == ["1", "4"]
    [error] = result.errors
    assert error.input == str(path) and error.reason.startswith("line 3 is not JSON")


@pytest.mark.parametrize("record", ['["a list"]', '{"title": "no text"}', '{"text": 7}'])
def test_jsonl_line_without_text_string_is_reported(tmp_path, record):
    path = jsonl(tmp_path / "f.jsonl", {"text": "fine"}, record)
    result = load([str(path)])
    assert [a.text for a in result.articles] == ["fine"]
    assert [e.reason for e in result.errors] == ['line 2 has no "text" string']


def test_jsonl_with_no_records_is_an_error(tmp_path):
    assert only_error(load([str(write(tmp_path / "e.jsonl", "\n  \n"))])) == "no articles in the file"


# --- what cannot be read -----------------------------------------------------


def test_binary_file(tmp_path):
    (tmp_path / "pic.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert only_error(load([str(tmp_path / "pic.txt")])) == "binary file, not text"


def test_bad_utf8_names_the_byte(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("Café\n\nbody".encode("latin-1"))
    assert only_error(load([str(tmp_path / "latin1.txt")])) == "not valid UTF-8 text (byte 3)"


@pytest.mark.parametrize("content", ["", "\n\n   \n", "\ufeff"])
def test_empty_file(tmp_path, content):
    assert only_error(load([str(write(tmp_path / "e.txt", content))])) == "the file is empty"


def test_missing_path(tmp_path):
    missing = tmp_path / "nope.txt"
    result = load([str(missing)])
    assert only_error(result) == "no such file or folder"
    assert result.errors[0].input == str(missing)
    assert str(result.errors[0]) == f"{missing}: no such file or folder"
    assert missing_paths([str(missing), str(tmp_path), "https://example.org/a"]) == [str(missing)]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file(tmp_path):
    path = write(tmp_path / "secret.txt", "Title\n\nBody.")
    path.chmod(0)
    try:
        assert only_error(load([str(path)])) == "permission denied"
    finally:
        path.chmod(0o644)


def test_directory_where_a_file_is_expected(tmp_path):
    folder = tmp_path / "looks_like.txt"
    folder.mkdir()
    with pytest.raises(Unreadable, match="^not a regular file$"):
        read_text(folder)


def test_fifo_is_refused_without_blocking(tmp_path):
    # Opening a FIFO for reading would wait forever for a writer.
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert only_error(load([str(fifo)])) == "not a regular file (a named pipe): skipped"


def test_too_large_file_is_refused_before_reading(tmp_path, monkeypatch):
    import core.ingest.base

    monkeypatch.setattr(core.ingest.base, "MAX_FILE_BYTES", 10)
    path = write(tmp_path / "big.txt", "Title\n\nBody that is long.")
    assert only_error(load([str(path)])).startswith("too large")


def test_one_bad_input_does_not_stop_the_others(tmp_path):
    good = write(tmp_path / "good.txt", "Good\n\nBody.")
    result = load([str(tmp_path / "missing.txt"), str(good)])
    assert [a.title for a in result.articles] == ["Good"]
    assert [e.reason for e in result.errors] == ["no such file or folder"]


# --- the bundled seeds -------------------------------------------------------


@pytest.fixture(scope="module")
def seeds():
    return load([str(SEEDS_DIR)])


def test_seeds_load_cleanly(seeds):
    assert seeds.errors == []
    assert len(seeds.articles) >= 9
    assert len({a.id for a in seeds.articles}) == len(seeds.articles)
    assert all(a.title and a.text for a in seeds.articles)


def test_shared_seed_comes_first(seeds):
    first = seeds.articles[0]
    assert Path(first.path).name == SHARED_SEED
    assert first.title.startswith("China backs Russia")


def test_seeds_include_a_long_article_and_a_markup_like_title(seeds):
    assert max(len(a.text.split()) for a in seeds.articles) >= 3000
    assert any("[" in a.title and "]" in a.title for a in seeds.articles)
    assert any(Path(a.path).suffix == ".md" for a in seeds.articles)


def test_written_seeds_say_they_are_fictional(seeds):
    # The demo must never pass invented events off as news.
    for article in seeds.articles[1:]:
        last_paragraph = article.text.rsplit("\n\n", 1)[-1]
        assert "fictional" in last_paragraph, article.path


def test_seeds_readme_is_not_loaded(seeds):
    assert (SEEDS_DIR / "README").is_file()
    assert all(Path(a.path).name != "README" for a in seeds.articles)


def test_a_file_that_is_one_long_line_is_text_with_a_short_title(tmp_path):
    line = "A sentence about the harbour ferry and its crew. " * 22_000  # 1.1 MB, no line break
    path = write(tmp_path / "line.txt", line)
    [article] = load([str(path)]).articles
    assert article.title == "A sentence about the harbour ferry and its crew. A sentence…"
    assert article.text == line.strip()


def test_the_longer_of_two_versions_of_a_story_is_kept_in_the_shorter_ones_place(tmp_path: Path) -> None:
    """Same address and title: the longer text wins, in the same input (in place) or a later one (replaced)."""
    from core.ingest.dispatch import iter_load

    def record(text: str, title: str = "Story") -> dict[str, str]:
        return {"title": title, "text": text, "url": f"https://example.org/{title.lower()}"}

    first = tmp_path / "a.json"
    first.write_text(json.dumps([record("Short."), record("Other.", "Else"), record("A longer text.")]))
    second = tmp_path / "b.json"
    second.write_text(json.dumps([record("The longest text of all.")]))
    steps = list(iter_load([str(first), str(second)]))
    assert [a.text for a in steps[0].articles] == ["A longer text.", "Other."]
    assert steps[0].merged == 1 and not steps[0].replaced
    ((old_id, longest),) = steps[1].replaced.items()
    assert old_id == steps[0].articles[0].id and longest.text == "The longest text of all."
    assert steps[1].merged == 1 and not steps[1].articles
