"""The command line is a scripting contract: exit codes, one-line errors on
stderr, and JSON whose offsets index the text it prints."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys

import pytest

from core import __version__
from core.ingest.base import article_id
from tests.support.cli import run
from tui.cli import main

# CRLF, a tab, a no-break space, non-ASCII letters and an astral emoji: the
# printed offsets must index the cleaned text in code points, not bytes.
SAMPLE = (
    "Harbour ferry saved\r\n\r\n"
    "“We will keep the boats running,” said Aisha Okonjo, the transport lead of "
    "Bristol City Council, on Tuesday.\r\n\r\n"
    "The plan costs £2.4 million, according to the council’s finance department. "
    "Zoë\u00a0Petherick said that the vote was “a mistake” 🚢.\r\n\r\n"
    '"The\tboats are the bus," Petherick added. "We will fight on."\r\n'
)


# --- help, version, missing paths (no model needed) --------------------------


def test_version(capsys):
    code, out, _ = run(["--version"], capsys)
    assert code == 0
    assert out.strip() == f"newsreader {__version__}"


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["--help"], "usage: newsreader"),
        (["analyze", "--help"], "usage: newsreader analyze"),
        (["search", "--help"], "usage: newsreader search"),
    ],
)
def test_help_exits_zero(capsys, argv, expected):
    code, out, _ = run(argv, capsys)
    assert code == 0
    assert out.startswith(expected)


@pytest.mark.parametrize("prefix", [[], ["analyze"], ["search", "ferry"], ["entities"], ["quotes"]])
def test_missing_path_is_one_stderr_line_and_exit_2(capsys, tmp_path, prefix):
    present = tmp_path / "here.txt"
    present.write_text("Here\n\nBody.", encoding="utf-8")
    missing = tmp_path / "not here.txt"
    code, out, err = run([*prefix, str(present), str(missing)], capsys)
    assert code == 2
    assert out == ""
    assert err.splitlines() == [f"newsreader: {missing}: no such file or folder"]


def test_missing_path_exit_code_from_a_real_process(tmp_path):
    # The exit status a shell sees; a regression here would start the TUI, hence the timeout.
    missing = tmp_path / "gone.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "tui.cli", str(missing)],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [f"newsreader: {missing}: no such file or folder"]


# --- analyze (needs the spaCy model) -----------------------------------------


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory):
    """Run `newsreader analyze --format jsonl` once for the module (the model takes a second)."""
    root = tmp_path_factory.mktemp("cli")
    path = root / "ferry.txt"
    path.write_bytes(SAMPLE.encode("utf-8"))
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(root / "home"))
        mp.setenv("XDG_CACHE_HOME", str(root / "cache"))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["analyze", "--format", "jsonl", str(path)])
    return code, out.getvalue(), err.getvalue(), path


def spans_of(record: dict) -> list[dict]:
    spans = list(record["entities"])
    for quote in record["quotes"]:
        spans.append(quote)
        spans.extend(quote[key] for key in ("speaker", "cue", "descriptor") if quote[key])
    return spans


@pytest.mark.slow
def test_analyze_prints_one_json_record_per_article(analyzed):
    code, out, err, path = analyzed
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    keys = {"id", "title", "path", "url", "author", "date", "site", "text", "entities", "quotes", "model", "extractor"}
    assert set(record) == keys
    assert (record["url"], record["author"], record["date"], record["site"]) == (None,) * 4  # a text file has none
    assert record["title"] == "Harbour ferry saved"
    assert record["path"] == str(path)
    assert record["id"] == article_id(record["title"], record["text"])
    # The printed text is the cleaned one, and non-ASCII is written as is.
    assert "\r" not in record["text"] and "\t" not in record["text"]
    assert "Zoë Petherick" in record["text"] and "🚢" in lines[0]


@pytest.mark.slow
def test_analyze_offsets_index_the_printed_text(analyzed):
    record = json.loads(analyzed[1])
    text = record["text"]
    assert record["entities"], "no entities found: the check below would be vacuous"
    assert record["quotes"], "no quotes found: the check below would be vacuous"
    spans = spans_of(record)
    # Include spans after the emoji, where byte or UTF-16 offsets would drift.
    assert any(span["start"] > text.index("🚢") for span in spans)
    for span in spans:
        assert 0 <= span["start"] < span["end"] <= len(text)
        assert text[span["start"] : span["end"]] == span["text"], span


@pytest.mark.slow
def test_analyze_finds_the_direct_quote_and_its_speaker_entity(analyzed):
    record = json.loads(analyzed[1])
    assert any("keep the boats running" in q["text"] for q in record["quotes"])
    assert {"text": "Aisha Okonjo", "label": "PERSON"} in [
        {"text": e["text"], "label": e["label"]} for e in record["entities"]
    ]


def test_analyze_of_only_unreadable_input_exits_2(capsys, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    code, out, err = run(["analyze", str(bad)], capsys)
    assert code == 2
    assert out == ""
    assert err.splitlines() == [f"newsreader: {bad}: binary file, not text"]


@pytest.mark.slow
def test_analyze_with_an_unknown_model_exits_2_with_a_reason(capsys, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nBody.", encoding="utf-8")
    code, out, err = run(["analyze", "--model", "no_such_model_xyz", str(path)], capsys)
    assert code == 2
    assert out == ""
    [line] = err.splitlines()
    assert line.startswith("newsreader: cannot load the spaCy model 'no_such_model_xyz'")


def test_analyze_in_two_processes_matches_one(tmp_path):
    """--jobs 2 spreads the parse over processes; the output is the same.

    Run in a fresh interpreter, as a user runs it: forking the test process,
    which holds other tests' threads, could deadlock.
    """
    for number in range(3):
        (tmp_path / f"{number}.txt").write_text(
            f"Title {number}\n\nAnna Berg said the port would stay open {number}.\n", encoding="utf-8"
        )
    outputs = []
    for jobs in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "tui.cli", "analyze", "--no-cache", "--jobs", jobs, str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] and outputs[0].count("\n") == 3


# --- exit statuses and failures, with a rule pipeline instead of the model ---


@pytest.fixture
def rules(monkeypatch):
    """``analyze`` and ``search`` run on the rule pipeline of tests.support.models."""
    import core.nlp
    from tests.support.models import rule_analyzer

    analyzer = rule_analyzer()
    monkeypatch.setattr(core.nlp, "Analyzer", lambda model=None: analyzer)
    return analyzer


@pytest.mark.parametrize("command", [["analyze"], ["search", "Bristol"]])
def test_exit_0_when_every_input_is_read(capsys, tmp_path, rules, command):
    (tmp_path / "a.txt").write_text("Ferry\n\nAnn Lee went to Bristol.\n", encoding="utf-8")
    code, out, err = run([*command, str(tmp_path), "--no-cache"], capsys)
    assert (code, err) == (0, "")
    assert out.count("\n") >= 1


@pytest.mark.parametrize("command", [["analyze"], ["search", "Bristol"]])
def test_exit_1_when_some_inputs_fail_and_the_rest_are_written(capsys, tmp_path, rules, command):
    (tmp_path / "a.txt").write_text("Ferry\n\nAnn Lee went to Bristol.\n", encoding="utf-8")
    (tmp_path / "b.json").write_text("{broken", encoding="utf-8")
    code, out, err = run([*command, str(tmp_path), "--no-cache"], capsys)
    assert code == 1
    assert "Ferry" in out
    assert err.splitlines() == [
        f"newsreader: {tmp_path / 'b.json'}: not valid JSON (line 1: expecting property name enclosed in double quotes)"
    ]


@pytest.mark.parametrize("command", [["analyze"], ["search", "Bristol"]])
def test_exit_2_when_nothing_can_be_read(capsys, tmp_path, rules, command):
    (tmp_path / "b.json").write_text("{broken", encoding="utf-8")
    code, out, _ = run([*command, str(tmp_path), "--no-cache"], capsys)
    assert (code, out) == (2, "")


def test_exit_statuses_are_in_the_help(capsys):
    for command in ("analyze", "search"):
        _, out, _ = run([command, "--help"], capsys)
        assert "exit status: 0" in out and "2 usage error" in " ".join(out.split())


def test_an_article_that_fails_analysis_is_named_and_the_rest_written(capsys, tmp_path, rules):
    for number in range(1, 5):
        body = "BOOM, this breaks the model." if number == 2 else "Ann Lee went to Bristol."
        (tmp_path / f"{number}.txt").write_text(f"Story {number}\n\n{body}\n", encoding="utf-8")
    code, out, err = run(["analyze", "--no-cache", str(tmp_path)], capsys)
    assert code == 1
    assert [json.loads(line)["title"] for line in out.splitlines()] == ["Story 1", "Story 3", "Story 4"]
    assert err.splitlines() == [
        f"newsreader: {tmp_path / '2.txt'} (Story 2): analysis failed: the tagger choked on this text"
    ]


def test_search_finds_an_article_that_failed_analysis_by_its_text(capsys, tmp_path, rules):
    (tmp_path / "1.txt").write_text("Story one\n\nAnn Lee went to Bristol.\n", encoding="utf-8")
    (tmp_path / "2.txt").write_text("Story two\n\nBOOM, this breaks the model near Swindon.\n", encoding="utf-8")
    code, out, err = run(["search", "Swindon", str(tmp_path), "--no-cache"], capsys)
    assert code == 1 and "analysis failed" in err
    assert [json.loads(line)["title"] for line in out.splitlines()] == ["Story two"]
