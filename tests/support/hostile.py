"""A folder of hostile inputs, written by the test that uses it (no stored binaries):
markup and terminal escapes in titles, bad encodings, binary, empty and broken
files of every kind, a 1.2 MB article, a 1.1 MB single line, deep JSON, a FIFO
and a symlink loop, beside ordinary readable articles."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

PARAGRAPH = (
    "“We will keep the boats running,” said Aisha Okonjo, the transport lead of Bristol City Council. "
    "The crews met on Tuesday in the harbour office to plan the winter timetable.\n\n"
)


@dataclass
class Hostile:
    folder: Path
    readable: dict[str, str] = field(default_factory=dict)  # file name -> title of its article
    unreadable: set[str] = field(default_factory=set)  # file names reported as errors

    def add(self, name: str, content: str | bytes, title: str | None) -> None:
        path = self.folder / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="")
        else:
            path.write_bytes(content)
        if title is None:
            self.unreadable.add(name)
        else:
            self.readable[name] = title


def hostile_folder(folder: Path, *, big: bool = True) -> Hostile:
    """The folder; ``big=False`` leaves out the two articles of over a megabyte
    (a trained model takes minutes over them on a shared machine)."""
    folder.mkdir(parents=True, exist_ok=True)
    h = Hostile(folder)
    markup = "[bold red]Alarm[/] <b>title</b>"
    h.add("markup_title.txt", f"{markup}\n\nBody with [link=x]markup[/link].\n", markup)
    h.add(
        "escapes.txt",
        "Escaped \x1b]0;pwned\x07title \x1b[31mred\x1b[0m\n\n"
        "Body \x1b[2J cleared \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ and \x1bc reset.\n",
        "Escaped title red",
    )
    h.add("invalid_utf8.txt", b"Title\n\nBad \xff\xfe bytes here.\n", None)
    h.add("binary.txt", bytes(range(256)) * 4, None)
    h.add("empty.txt", "", None)
    h.add("nul.txt", "Title\n\nText with a \x00 NUL byte.\n", None)
    h.add("nul.jsonl", json.dumps({"title": "NUL in JSON", "text": "Text with a \u0000 NUL."}) + "\n", "NUL in JSON")
    h.add("bidi.txt", "Bidi \u202etitle\u202c here\n\nBody \u2066isolated\u2069 text.\n", "Bidi title here")
    h.add("crlf.txt", "Windows title\r\n\r\nLine one.\r\nLine two.\r\n", "Windows title")
    h.add("broken.json", '{"title": "Broken", "text": ', None)
    h.add("broken.jsonl", json.dumps({"title": "Good line", "text": "Fine words."}) + "\n{broken\n", "Good line")
    h.unreadable.add("broken.jsonl")  # its second line is reported
    h.add(
        "broken.html",
        "<html><head><title>Broken page</title></head><body><article><h1>Broken page</h1><p>"
        "The harbour ferry kept running through the storm, said Ann Lee, who has crewed it for years. "
        "<b>Unclosed bold and &amp broken entity <i>and more text about the boats and the crew\n"
        "<p>Another paragraph with more words about the ferry service and its future in the city",
        "Broken page",
    )
    h.add("broken.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>Half', None)
    h.add(
        "markup.atom",
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>'
        '<entry><title type="html">History of the &amp;lt;blink&amp;gt; tag</title>'
        '<summary type="html">&lt;p&gt;A paragraph about &lt;b&gt;tags&lt;/b&gt;.&lt;/p&gt;</summary></entry></feed>',
        "History of the <blink> tag",
    )
    if big:
        h.add("long.txt", "A long transcript\n\n" + PARAGRAPH * (1_200_000 // len(PARAGRAPH) + 1), "A long transcript")
        line = PARAGRAPH.strip() + " "
        h.add("line.txt", line * (1_100_000 // len(line) + 1), line[:60].rsplit(" ", 1)[0] + "…")
    h.add("deep.json", "[" * 200_000 + "]" * 200_000, None)
    os.mkfifo(folder / "fifo.txt")
    h.unreadable.add("fifo.txt")
    (folder / "loop").mkdir()
    (folder / "loop" / "again").symlink_to(folder)
    return h
